"""Coreference that facts depend on, over our own model (no spaCy here).

- the document's focus: its main country (most mentioned, the title and first
  sentences weighing more);
- "the country", "the Southeast Asian country", "the nation" -> a ``country``
  mention labelled ``coref`` (the focus, or the country that was the subject of
  the sentence before);
- "the two countries", "both sides", "bilateral" -> a ``pair`` mention whose
  ``attrs["ids"]`` are the two countries most recently named together (or the
  focus and the other country named nearby);
- "the three countries", "the Sahel states" -> a ``group`` mention whose
  ``attrs["ids"]`` are the countries of the last listing of that many (or, for
  a named group, of two or more) countries in that or the three sentences before;
- "he"/"she" as a subject and "his counterpart" -> a ``person`` mention
  labelled ``coref`` when the antecedent is clear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from diplograph import resolve
from diplograph.model import Mention, Sentence, Token

_COUNTRY_NOUNS = {"country", "nation", "kingdom", "republic", "archipelago", "island-nation", "island"}
_NOT_FOCUS = {"other", "another", "each", "every", "any", "partner", "member", "neighbouring", "neighboring",
              "host", "third", "developing", "donor", "recipient", "home", "same", "first", "second", "one",
              "whose", "which", "a", "an", "that", "this", "our", "my", "your", "their", "his", "her",
              "friendly", "respective", "fellow", "least", "western", "foreign", "big", "large", "great",
              "powerful", "major", "small"}
_OK_MODIFIERS = {"island", "whole", "entire", "landlocked", "communist", "archipelagic", "-", "asian",
                 "african", "european", "american", "arab", "gulf", "ocean", "pacific", "atlantic", "indian",
                 "nordic", "baltic", "balkan", "caribbean", "andean", "himalayan", "sahelian", "horn"}
_PAIR_NOUNS = {"countries", "nations", "sides", "governments", "peoples", "economies", "states"}
_SUBJ = {"nsubj", "nsubjpass"}


def focus(sentences: Sequence[Sentence], publisher: str | None = None, dateline: str | None = None) -> str | None:
    """The main country of a document: most country mentions, the first sentences counting triple,
    the publisher's country (whitehouse.gov, "(Yonhap)") counting two, a dateline capital one (wire datelines are often only where the reporter sits).
    A lone passing mention is no focus."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for cid, weight in ((publisher, 2), (dateline, 1)):
        if cid:
            counts[cid] += weight
            first.setdefault(cid, 10**9)
    for sent in sentences:
        weight = 3 if sent.index < 3 else 1
        for m in sent.mentions:
            if m.kind == "country" and m.id and m.label != "coref":
                counts[m.id] += weight
                first.setdefault(m.id, m.start)
    if not counts:
        return None
    best = max(counts, key=lambda cid: (counts[cid], -first[cid]))
    return best if counts[best] >= 2 else None


def _actors(sent: Sentence, before: int | None = None) -> list[str]:
    """Countries a sentence names, in order: countries, national bodies, people's orgs."""
    out: list[str] = []
    for m in sent.mentions:
        if before is not None and m.start >= before:
            break
        cid: str | None = None
        if m.kind == "country" and m.label != "coref":
            cid = m.id
        elif m.kind == "body":
            cid = resolve.national_country(m.id)
        elif m.kind == "person" and m.label != "coref":
            cid = resolve.national_country(m.attrs.get("org") or m.attrs.get("org_hint"))
        elif m.kind == "place" and m.id and m.attrs.get("how") == "capital":
            cid = m.id
        if cid and cid not in out:
            out.append(cid)
    return out


def _is_subject(sent: Sentence, m: Mention) -> bool:
    toks = [t for t in sent.tokens if t.start >= m.start and t.end <= m.end]
    if not toks:
        return False
    idx = {t.i for t in toks}
    heads = [t for t in toks if t.head not in idx or t.head == t.i]
    return any(t.dep in _SUBJ for t in heads)


def _pair_ids(sents: Sequence[Sentence], k: int, at: int, doc_focus: str | None,
              explicit: bool = True) -> list[str] | None:
    """The two countries a "the two countries" at char ``at`` of sentence ``k`` refers to.

    ``explicit`` phrases ("the two countries") may take two countries named after
    them in the same sentence; a bare "bilateral" only looks back.
    """
    cur = _actors(sents[k], before=at)
    if len(cur) >= 2:
        return cur[:2]
    whole = _actors(sents[k])
    if len(whole) >= 2 and (explicit or len(whole) == 2):
        return whole[:2]  # the sentence's own two sides come before any earlier ones
    for j in range(k - 1, max(-1, k - 6), -1):
        prev = _actors(sents[j])
        if len(prev) >= 2:
            if len(prev) == 2 or not doc_focus or doc_focus not in prev:
                return prev[:2]
            return [doc_focus, next(c for c in prev if c != doc_focus)]
    if doc_focus:
        for j in range(k, max(-1, k - 6), -1):
            others = [c for c in _actors(sents[j]) if c != doc_focus]
            if len(others) == 1:
                return [doc_focus, others[0]]
    return None


def _country_phrases(sent: Sentence) -> list[tuple[int, int]]:
    """Token spans [i, j) of "the (modifiers) country/nation"."""
    out: list[tuple[int, int]] = []
    toks = sent.tokens
    for j, tok in enumerate(toks):
        if tok.text.lower() not in _COUNTRY_NOUNS:
            continue
        if j + 1 < len(toks) and toks[j + 1].text.lower() in ("of", "-"):
            continue
        i = j - 1
        ok = True
        while i >= 0 and toks[i].text.lower() not in ("the",):
            word = toks[i].text
            if word.lower() in _NOT_FOCUS or j - i > 4:
                ok = False
                break
            if not (word[:1].isupper() or word.lower() in _OK_MODIFIERS):
                ok = False
                break
            i -= 1
        if ok and i >= 0 and toks[i].text.lower() == "the":
            if tok.text.lower() == "island" and (j - i < 2 or toks[j - 1].text.lower() in ("the", "island")):
                continue  # bare "the island" is often a real island ("the island of X"); "the communist island" is a state
            out.append((i, j + 1))
    return out


def _pair_phrases(sent: Sentence) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    toks = sent.tokens
    for j, tok in enumerate(toks):
        low = tok.text.lower()
        if low == "bilateral" or low == "bilaterally":
            out.append((j, j + 1))
            continue
        if low == "koreas":  # "the two Koreas", "both Koreas", "the Koreas"
            i = j - 1 if j >= 1 and toks[j - 1].text.lower() in ("two", "both", "the") else j
            i = i - 1 if i >= 1 and toks[i].text.lower() == "two" and toks[i - 1].text.lower() == "the" else i
            out.append((i, j + 1))
            continue
        if low not in _PAIR_NOUNS:
            continue
        a = toks[j - 1].text.lower() if j >= 1 else ""
        b = toks[j - 2].text.lower() if j >= 2 else ""
        if a == "two" and b in ("the", "our", "both", "these"):
            out.append((j - 2, j + 1))
        elif a == "both" and low != "states":
            out.append((j - 1, j + 1))
    return out


_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10}
_GROUP_NOUNS = _PAIR_NOUNS | {"neighbours", "neighbors", "juntas", "members", "partners", "allies", "capitals"}


def _group_phrases(sent: Sentence) -> list[tuple[int, int, int | None]]:
    """Token spans [i, j) of "the three countries" (n=3) and "the Sahel states" (n=None)."""
    out: list[tuple[int, int, int | None]] = []
    toks = sent.tokens
    for j, tok in enumerate(toks):
        low = tok.text.lower()
        if low not in _GROUP_NOUNS or j < 2:
            continue
        a, b = toks[j - 1].text, toks[j - 2].text.lower()
        if a.lower() in _NUMBER_WORDS and b in ("the", "these", "all", "those"):
            out.append((j - 2, j + 1, _NUMBER_WORDS[a.lower()]))
        elif (b == "the" and a[:1].isupper() and a.isalpha() and low in ("states", "countries", "nations",
                                                                            "juntas", "governments")
              and not resolve.country_id(a) and a not in ("United", "Member", "Island", "Two", "Both")):
            out.append((j - 2, j + 1, None))  # "the Sahel states", "the Baltic countries", "the AES countries"
    return out


def _group_ids(sents: Sequence[Sentence], k: int, at: int, n: int | None) -> list[str] | None:
    """The countries a group phrase refers to: the last listing of exactly ``n`` (or >= 2) countries,
    in the same sentence before it or in the three sentences before."""
    def ok(ids: list[str]) -> bool:
        return len(ids) == n if n else len(ids) >= 2

    cur = _actors(sents[k], before=at)
    if ok(cur):
        return cur
    if cur and n is None:
        return None  # a partial list right before: ambiguous
    for j in range(k - 1, max(-1, k - 4), -1):
        prev = _actors(sents[j])
        if ok(prev):
            return prev
        if n is not None and len(prev) > n:
            return None
    return None


def _overlaps(sent: Sentence, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in sent.mentions if m.kind in ("country", "body", "person"))


def _persons(sent: Sentence, before: int | None = None) -> list[Mention]:
    return [m for m in sent.mentions if m.kind == "person" and m.id and (before is None or m.start < before)]


def _antecedent(sents: Sequence[Sentence], k: int, at: int) -> Mention | None:
    """The person a subject pronoun at char ``at`` of sentence ``k`` most plausibly is."""
    here = _persons(sents[k], before=at)
    if here:
        subj = [m for m in here if _is_subject(sents[k], m)]
        return (subj or here)[-1] if len({m.id for m in here}) == 1 or subj else None
    for j in range(k - 1, max(-1, k - 3), -1):
        prev = _persons(sents[j])
        if not prev:
            continue
        ids = {m.id for m in prev}
        subj = [m for m in prev if _is_subject(sents[j], m)]
        if len(ids) == 1:
            return prev[0]
        if subj:
            return subj[0]
        return None
    return None


def _acts(sent: Sentence, m: Mention) -> bool:
    """The mention is its clause's subject, itself or as the name in a titled subject ("General
    Secretary X held talks": the parse may hang the name on the title)."""
    toks = sent.tokens
    for t in (t for t in toks if t.start >= m.start and t.end <= m.end):
        k, hops = t.i, 0
        while toks[k].dep in ("compound", "appos", "flat", "nmod", "pobj", "prep") and toks[k].head != k and hops < 4:
            k, hops = toks[k].head, hops + 1
        if toks[k].dep in _SUBJ:
            return True
    return False


def _overlaps_person(sent: Sentence, m: Mention) -> bool:
    return any(p.kind == "person" and p.start < m.end and m.start < p.end for p in sent.mentions)


def _title_antecedent(sents: Sequence[Sentence], k: int, at: int, head: str, org: str | None) -> Mention | None:
    """The one person, in this sentence before ``at`` or the two before, whose title has the head word
    of "the <title>" ("the Party leader", "the minister"); "leader" fits any titled person."""
    found: dict[str, Mention] = {}
    subjects: dict[str, Mention] = {}
    for j in range(k, max(-1, k - 3), -1):
        for m in _persons(sents[j], before=at if j == k else None):
            title = str((m.attrs or {}).get("title") or "").lower()
            if not title or m.label == "coref":
                continue
            if head != "leader" and head not in title.split():
                continue
            if org and (m.attrs or {}).get("org") not in (None, org):
                continue
            found.setdefault(str(m.id), m)
            if _acts(sents[j], m):
                subjects.setdefault(str(m.id), m)
        if found:
            break
    if len(found) == 1:
        return next(iter(found.values()))
    return next(iter(subjects.values())) if len(subjects) == 1 else None  # the one who acted


def _counterpart(sents: Sequence[Sentence], k: int, at: int, owner: Mention | None) -> Mention | None:
    seen: list[Mention] = []
    for j in range(k, max(-1, k - 3), -1):
        for m in reversed(_persons(sents[j], before=at if j == k else None)):
            if owner is not None and m.id == owner.id:
                continue
            if m.id not in {s.id for s in seen}:
                seen.append(m)
        if seen:
            break
    return seen[0] if len(seen) == 1 else None


def add_coref(sentences: Sequence[Sentence], doc_focus: str | None) -> list[tuple[Mention, ...]]:
    """New mention tuples for each sentence: the old mentions plus coref, pair and country-coref ones."""
    out: list[tuple[Mention, ...]] = []
    sents = list(sentences)
    last_subject_country: str | None = None
    for k, sent in enumerate(sents):
        extra: list[Mention] = []
        toks: tuple[Token, ...] = sent.tokens
        for i, j in _country_phrases(sent):
            start, end = toks[i].start, toks[j - 1].end
            if _overlaps(sent, start, end):
                continue
            cid = last_subject_country or doc_focus
            if cid:
                extra.append(Mention(start, end, sent.local(start, end), "country", cid, "coref",
                                     {"antecedent": "subject" if last_subject_country else "focus"}))
        for i, j in _pair_phrases(sent):
            start, end = toks[i].start, toks[j - 1].end
            if toks[j - 1].text.lower() == "koreas":
                ids = ["KOR", "PRK"]
            else:
                ids = _pair_ids(sents, k, start, doc_focus, explicit=j - i > 1)
            if ids and len(ids) == 2:
                extra.append(Mention(start, end, sent.local(start, end), "pair", None, "coref", {"ids": ids}))
        for i, j, n in _group_phrases(sent):
            start, end = toks[i].start, toks[j - 1].end
            ids = _group_ids(sents, k, start, n)
            if ids:
                extra.append(Mention(start, end, sent.local(start, end), "group", None, "coref", {"ids": ids}))
        for t in toks:
            low = t.text.lower()
            if low in ("he", "she") and t.dep in _SUBJ:
                ante = _antecedent(sents, k, t.start)
                if ante is not None:
                    extra.append(Mention(t.start, t.end, t.text, "person", ante.id, "coref",
                                         {"antecedent": ante.text}))
            elif low in ("counterpart", "counterparts") and t.i >= 1 and toks[t.i - 1].text.lower() in (
                    "his", "her", "their"):
                nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
                if nxt is not None and nxt.text[:1].isupper():
                    continue  # "his counterpart Sergei Lavrov": the name is there
                owner = _antecedent(sents, k, toks[t.i - 1].start)
                other = _counterpart(sents, k, toks[t.i - 1].start, owner)
                if other is not None:
                    start = toks[t.i - 1].start
                    extra.append(Mention(start, t.end, sent.local(start, t.end), "person", other.id, "coref",
                                         {"antecedent": other.text}))
        for m in sent.mentions:  # "The Party leader will then visit Singapore": the leader told of before
            if m.kind != "title" or not _is_subject(sent, m) or _overlaps_person(sent, m):
                continue
            first = next((t for t in toks if t.start >= m.start), None)
            i = first.i - 1 if first is not None else -1
            while i >= 0 and any(c.kind == "country" and c.start <= toks[i].start < c.end for c in sent.mentions):
                i -= 1  # "the Australian leader"
            lead = toks[i].text.lower() if i >= 0 else ""
            if lead not in ("the", "this") and not m.text[:4].lower() == "the ":
                continue
            ante = _title_antecedent(sents, k, m.start, m.text.split()[-1].lower(), (m.attrs or {}).get("org"))
            if ante is not None:
                extra.append(Mention(m.start, m.end, m.text, "person", ante.id, "coref", {"antecedent": ante.text}))
        # the country that was the subject of this sentence is the likeliest "the country" of the next
        subj = [m.id for m in sent.mentions if m.kind == "country" and m.id and m.label != "coref"
                and _is_subject(sent, m)]
        last_subject_country = subj[0] if subj else None
        if doc_focus and last_subject_country and last_subject_country != doc_focus:
            # another country as subject: only trust it for the very next sentence
            pass
        out.append(tuple(sorted((*sent.mentions, *extra), key=lambda m: (m.start, -m.end))))
    return out
