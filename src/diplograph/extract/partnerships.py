"""Bilateral partnership frameworks: "the comprehensive strategic partnership with Russia".

A partnership fact needs a *level* (the framework's name without the word
"partnership") and two countries. The level is read backwards from the word
"partnership" over a vocabulary of framework adjectives ("comprehensive
strategic", "special strategic and global"), or, for a title-case named
framework glued to a country compound ("U.S.-Colombia Bicentennial
Partnership"), over its capitalised words. A bare "partnership" is not a fact,
and neither is a count ("strategic partnerships with 38 nations", which the
statistics extractor reads).

The two countries come, in order of trust, from: a dash compound right before
the name, "between X and Y", "with X" (the other side being the sentence's
subject country or the document's focus), a possessive ("Japan and India's"),
a ``pair`` mention ("the two countries"), the two countries the sentence names,
and, for "our partnership" / "bilateral ties" in a bilateral statement, the
document's two main countries; a partnership named in a treaty ("signed a Treaty on
Comprehensive Strategic Partnership") takes the treaty's parties first. Negation,
plans and hedges are read from the frame (:func:`asserted`, shared with the relations
extractor), and ``since`` is the date the parse attaches to the verb that set the
framework up.
"""

from __future__ import annotations

import re
from typing import Any

from diplograph.extract.actors import actor_ids
from diplograph.extract.base import (
    compound_countries,
    is_country_id,
    document_focus,
    named_countries,
    pair_facts,
    pair_ids,
    principal_pair,
    sentence_parties,
)
from diplograph.extract.frames import DocParses, Parse
from diplograph.model import AnalyzedDocument, Fact, Sentence

EXTRACTOR = "partnerships.v1"

# Words that make up a framework's level; anything else ends the level when lower case.
LEVEL_WORDS = frozenset({
    "comprehensive", "strategic", "global", "enhanced", "special", "major", "defense", "defence",
    "extensive", "privileged", "all-round", "all-weather", "cooperative", "innovative",
    "exclusive", "future-oriented", "dynamic", "trusted", "upgraded", "reinforced",
    "multidimensional", "multifaceted", "long-term", "mutually-beneficial", "green", "strengthened",
})
# Words of a title-case name that belong to a longer name, not to a bilateral framework.
# (A "Strategic Partnership Treaty / Agreement / Declaration" does set up the partnership, so those stay.)
_AFTER_STOP = re.compile(
    r"^\s*(?:Strategy|Forum|Initiative|Programme|Program|Council|Dialogue|Fund|Act|Summit|Network|Facility"
    r"|Centre|Center|Office|Commission|Conference|Group|Fellowship|Award|Scheme|Project)\b")
# "Partnership for Global Infrastructure", "Global Partnership for Education": initiatives, unless the level is a
# bilateral tier ("Comprehensive Strategic Partnership for Peace and Prosperity in Asia").
_FOR_NAME = re.compile(r"^\s*for\s+[A-Z]")
# A named initiative whose name goes on with its purpose: "the X-Y Strategic Partnership to Accelerate ...".
_TO_NAME = re.compile(r"^\s*to\s+[A-Z][a-z]")
# A count of partners is a statistic: "with 38 nations", "with over 30 countries".
_COUNT_AFTER = re.compile(
    r"^\s*with\s+(?:(?:over|more than|nearly|about|around|some|all|almost|at least)\s+)?"
    r"(?:\d[\d,]*|\w+teen|\w+ty|dozens|many|several|numerous|all)\b")
_COUNT_BEFORE = re.compile(r"(?:\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|many|several))\s*$")
# Verbs that set a framework up: their frame dates it ("upgraded ties to ... in 2015").
UPGRADE_VERBS = frozenset({"elevate", "upgrade", "establish", "launch", "forge", "raise", "lift", "set", "sign",
                           "adopt", "transform", "agree", "announce", "reach", "become", "build"})
# Nouns of setting a framework up: "Since the establishment of the partnership in 2024", "the upgrade ... in 2024".
UPGRADE_NOUNS = frozenset({"establishment", "upgrade", "elevation", "upgrading", "launch", "signing", "formation"})
# Verbs that change a framework or a relation: as a purpose ("visited to elevate ties") they are not done yet.
CHANGE_VERBS = UPGRADE_VERBS | {"restore", "resume", "normalize", "normalise", "sever", "cut", "downgrade"}
# Words governing a framework or a relation that make it talked of, not done ("discussed establishing ties",
# "the prospect of a partnership", "aims to elevate"); the frame's own negation and mood cover the rest.
HEDGES = frozenset({
    "discuss", "consider", "explore", "negotiate", "seek", "propose", "prospect", "path", "possibility", "talk",
    "toward", "towards", "demand", "press", "push", "threaten", "reject", "deny", "lack", "absence", "without",
    "ready", "willing", "intention", "plan", "hope", "eventual", "eventually", "aim", "wish", "urge", "call",
    "possible", "potential", "aspire", "aspiration", "move", "work", "intend", "refuse", "rule", "like",
    "want", "desire", "dream", "try", "attempt", "strive", "dialogue", "negotiation", "process", "effort",
    "proposal",
})
# Cues that an unnamed side is the document's bilateral pair ("our partnership", "bilateral ties").
_BILATERAL_CUE = re.compile(r"\b(?:our|bilateral|counterparts?|(?:both|the\s+two)\s+(?:countries|nations|sides|leaders|governments"
                            r"|neighbou?rs|presidents|prime\s+ministers)|their\s+(?:two\s+)?countries)\b", re.IGNORECASE)
_THE_SIDES = re.compile(r"\bthe\s+(?:countries|nations|sides)\b", re.IGNORECASE)
_TWO_SIDES = re.compile(r"\b(?:both|the\s+two)\s+(?:countries|nations|sides|leaders|governments|neighbou?rs|presidents"
                        r"|prime\s+ministers)\b", re.IGNORECASE)
_APPOSITIVE_OF = re.compile(r",\s+(?:a|an|the|its|their)\s+(?:[\w'’-]+\s+){0,4}?(?:of|to|with)\s+(?:the\s+)?$")
_WORD = re.compile(r"[A-Za-z][\w'’.]*(?:-[\w'’.]+)*-?|\d+|[—–]|--|\S")


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    parses = parses or DocParses(doc)
    pair_cache: list[tuple[str, str] | None] = []
    named: list[Any] = []  # the agreements reader, made once: partnerships named in a treaty take its parties
    rows = ((sentence, *row) for sentence in doc.sentences
            for row in _partnerships(doc, parses[sentence], pair_cache, named) + _partners(doc, parses[sentence])
            + _upgrades(doc, parses[sentence]))
    return list(pair_facts(doc, rows, "partnership", EXTRACTOR, "level").values())


def _partners(doc: AnalyzedDocument, parse: Parse) -> list[tuple[str, str, str, str | None]]:
    """Tiers told with the word "partner", read from the parse: "Japan is one of Vietnam's strategic
    partners", "Australia became Vietnam's comprehensive strategic partner in 2024", "Vietnam's
    comprehensive strategic partner China", "A and B have been strategic partners since 2013", "As
    comprehensive strategic partners, A and B ..."."""
    out: list[tuple[str, str, str, str | None]] = []
    for t in parse.tokens:
        if t.lemma.lower() != "partner" or t.pos != "NOUN":
            continue
        mods = [c for c in parse.kids(t.i, "amod", "compound") if c < t.i]
        words, tier = _tier_words(parse, mods)
        if not set(tier) & {"strategic", "comprehensive"} or len(tier) < len(words) - 1:
            continue  # "trading partner", "largest partner", "key partner": no tier
        level = "_".join(tier)  # ("a leading strategic partner": the tier without the praise)
        if not asserted(parse, t.i):
            continue
        owners = [c for p in parse.kids(t.i, "poss") for c in _country_ids(doc, parse, p)]
        others = _partner_others(doc, parse, t.i)
        pairs: list[tuple[str, str]] = []
        verb = next((a for a in parse.ancestors(t.i) if parse.tokens[a].pos == "VERB"), None)
        beside = verb is not None and parse.dep(verb) in ("advcl", "conj") and any(
            parse.lemma(k) in _TIES for k in parse.kids(parse.head(verb), "nsubjpass"))
        if owners and others:
            pairs = [(owners[0], o) for o in others]
        elif not owners and beside and (doc.home or document_focus(doc)):
            # "Relations with A were elevated to X, and B and C also became partners": each the home side's
            home = doc.home or document_focus(doc)
            pairs = [(str(home), o) for o in others]
        elif not owners and len(others) == 2:
            pairs = [(others[0], others[1])]
        since = _partner_since(parse, t.i)
        out.extend((a, b, level, since) for a, b in pairs if a != b)
    return out


_TIES = frozenset({"relation", "relations", "tie", "ties", "relationship"})


def _tier_words(parse: Parse, mods: list[int]) -> tuple[list[str], list[str]]:
    """The words of a partner or partnership noun's modifiers, and those of them that name a tier."""
    words = [parse.tokens[i].text.lower() for i in sorted(i for c in mods for i in parse.subtree(c))
             if parse.tokens[i].pos != "PUNCT" and parse.tokens[i].text.lower() != "and"]
    return words, [w for w in words if w in LEVEL_WORDS]


def _upgrades(doc: AnalyzedDocument, parse: Parse) -> list[tuple[str, str, str, str | None]]:
    """Ties raised to a tier, read from the parse, one pair per partner of a list: "Chile upgraded its
    ties with A in May, B in July and C in December to strategic partnerships", "Relations with D were
    elevated to a comprehensive partnership" (the document's own country's, told bare)."""
    from diplograph.extract.actors import countries_of

    out: list[tuple[str, str, str, str | None]] = []
    for t in parse.tokens:
        if t.pos != "VERB" or t.lemma.lower() not in ("upgrade", "elevate", "raise", "lift", "bring", "take"):
            continue
        goals = [o for p in parse.kids(t.i, "prep") if parse.lemma(p) == "to" for o in parse.kids(p, "pobj")
                 if parse.lemma(o) == "partnership"]
        if not goals or not asserted(parse, t.i):
            continue
        words, tier = _tier_words(parse, parse.kids(goals[0], "amod", "compound"))
        if not tier or len(tier) < len(words):
            continue
        level = "_".join(tier)
        ties = [k for k in parse.kids(t.i, "dobj", "nsubjpass") if parse.lemma(k) in _TIES]
        if not ties:
            continue
        with_preps = [p for k in ties + [t.i] for p in parse.kids(k, "prep") if parse.lemma(p) == "with"]
        to_prep = min(p for p in parse.kids(t.i, "prep") if parse.lemma(p) == "to")
        if not with_preps or min(with_preps) > to_prep:
            continue
        # every country between "with" and "to" ("with A in March, B in October and C in November to ..."),
        # each with the date written after it
        span = range(min(with_preps) + 1, to_prep)
        listed: list[tuple[str, str | None]] = []
        for i in span:
            m = parse.entity_at(i, ("country",))
            if m is None or parse.mention_head(m) != i:
                continue
            nxt = next((j for j in span if j > i and parse.entity_at(j, ("country",)) is not None), to_prep)
            day = next((str(d.attrs["value"]) for j in range(i + 1, nxt) for d in parse.mentions_at[j]
                        if d.kind == "date" and (d.attrs or {}).get("value")), None)
            listed.extend((c, day) for c in countries_of(doc, m)[:1])
        if not listed:
            continue
        passive = parse.dep(ties[0]) == "nsubjpass"
        owners = [] if passive else [c for a in parse.subjects(t.i)[0] for m in a.mentions
                                     if m.kind == "country" for c in countries_of(doc, m)[:1]]
        owner = owners[0] if owners else (doc.home or document_focus(doc)) if passive else None
        if owner is None:
            continue
        clause = _since(parse, t.i)
        for country, day in dict.fromkeys(listed):
            since = day or clause
            if since and clause and len(since) < len(clause) and clause.startswith(since):
                since = clause
            if country != owner:
                out.append((owner, country, level, since))
    return out


def _country_ids(doc: AnalyzedDocument, parse: Parse, k: int) -> list[str]:
    from diplograph.extract.actors import countries_of

    m = parse.entity_at(k, ("country", "pair", "group", "place"))
    return countries_of(doc, m) if m is not None else []


def _partner_others(doc: AnalyzedDocument, parse: Parse, k: int) -> list[str]:
    """The country (or two) a "partner" noun is said of: the subject of its copula or "become", an
    apposition or name beside it, or the subjects of the clause an "as ... partners" opens."""
    node = k
    g = parse.head(node)
    if parse.dep(node) == "pobj" and parse.lemma(g) == "of" and parse.lemma(parse.head(g)) in ("one", "among"):
        node = parse.head(g)  # "one of Vietnam's strategic partners"
        g = parse.head(node)
    if parse.dep(node) == "pobj" and parse.lemma(g) == "among":
        node, g = g, parse.head(g)
    subjects: list[int] = []
    if parse.dep(node) in ("attr", "oprd", "acomp") or parse.dep(g) == "prep" and parse.lemma(g) == "as":
        verb = parse.head(g) if parse.lemma(g) == "as" else g
        subjects = [c for s in parse.kids(verb, "nsubj", "nsubjpass") for c in parse.conjuncts(s)]
    for c in parse.kids(k, "appos", "compound"):
        if c > k:
            subjects.append(c)
    if k + 1 < len(parse.tokens) and parse.entity_at(k + 1, ("country",)) is not None:
        subjects.append(k + 1)  # "Vietnam's strategic partner China remains ...", however it was parsed
    if parse.dep(k) == "appos" or parse.dep(k) == "compound" and parse.head(k) > k:
        subjects.append(parse.head(k))
    out: list[str] = []
    for s in subjects:
        out.extend(_country_ids(doc, parse, s))
    return list(dict.fromkeys(out))


def _partner_since(parse: Parse, k: int) -> str | None:
    for i in [k, *parse.ancestors(k)][:4]:
        when, prep = parse.date_of(i)
        value = (when.attrs or {}).get("value") if when is not None else None
        if value and prep in (None, "in", "since", "on"):
            return str(value)
    return None


def doc_pair_cached(doc: AnalyzedDocument, cache: list[Any]) -> tuple[str, str] | None:
    """The document's principal pair, computed once (``cache[0]``); ``cache[1]`` holds its named countries."""
    if not cache:
        cache.append(principal_pair(doc))
        cache.append(named_countries(doc))
    pair: tuple[str, str] | None = cache[0]
    return pair


def sides(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int,
          cache: list[Any], strict_with: bool = True) -> list[tuple[str, str]]:
    """The country pairs a bilateral phrase at ``start:end`` (local offsets) is about; [] when unclear.

    Shared with the relations extractor. Both sides must be countries the document names: a
    coreference guess ("the two countries") never brings in a country the text does not mention.
    """
    doc_pair_cached(doc, cache)
    # a person's office is no guess: "Minister Bui Thanh Son" stands for Vietnam even where it is not named
    named = cache[1] | {c for m in sentence.mentions if m.kind == "person" for c in _person_countries(doc, m)}
    return [p for p in _sides(doc, sentence, start, end, cache, strict_with) if p[0] in named and p[1] in named]


def _partnerships(doc: AnalyzedDocument, parse: Parse, cache: list[Any],
                  named: list[Any]) -> list[tuple[str, str, str, str | None]]:
    sentence = parse.sentence
    text = sentence.text
    out: list[tuple[str, str, str, str | None]] = []
    if text.rstrip(" \"”'’)").endswith("?"):
        return out  # a question asserts nothing
    for m in re.finditer(r"\b(?:[Pp]artnerships?|PARTNERSHIPS?)\b", text):
        plural = m.group().lower().endswith("s")
        after = text[m.end():]
        if _AFTER_STOP.match(after) or _COUNT_AFTER.match(after):
            continue
        found = _level(text, m.start(), title_case=m.group()[0] == "P")
        if not found:
            continue
        level, level_start = found
        if _FOR_NAME.match(after) and not re.search(r"strategic|comprehensive", level) or _TO_NAME.match(after):
            continue  # "Partnership for Global Infrastructure", "Strategic Partnership to Accelerate Fusion Energy"
        k = trigger(parse, m.start(), m.end(), verb=False)
        if _COUNT_BEFORE.search(text[:level_start]) or not asserted(parse, k):
            continue
        level += _of_kind(parse, k)
        pairs = _named_sides(doc, parse, k, named) or sides(doc, sentence, level_start, m.end(), cache)
        if not pairs or (plural and len(pairs) < 2 and not _compound_before(text, level_start)):
            continue
        since = _since(parse, k)
        for a, b in pairs:
            if a != b:
                out.append((a, b, level, since))
    return out


# "a strategic partnership of cooperation", "comprehensive strategic partnership of coordination": part of the name.
OF_KINDS = frozenset({"cooperation", "coordination"})


def _of_kind(parse: Parse, k: int | None) -> str:
    """ "_cooperation" for "partnership of cooperation" (the parse's "of" on the partnership noun), else ""."""
    if k is None:
        return ""
    kinds = [parse.lemma(o) for p in parse.kids(k, "prep") if parse.lemma(p) == "of" for o in parse.kids(p, "pobj")]
    return f"_{kinds[0]}" if kinds and kinds[0] in OF_KINDS else ""


def _level(text: str, end: int, title_case: bool) -> tuple[str, int] | None:
    """The level words right before offset ``end`` ("Comprehensive Strategic"): (snake_case, start)."""
    tokens = [(t.start(), t.group()) for t in _WORD.finditer(text[:end])]
    words: list[tuple[str, int, bool]] = []  # (word, start, from the vocabulary)
    i = len(tokens) - 1
    while i >= 0:
        pos, tok = tokens[i]
        low = tok.lower().rstrip(".")
        # A transcript's false start: "Comprehensive Strate- — Strategic Partnership".
        if tok in ("—", "–", "--") and i > 0 and tokens[i - 1][1].endswith("-"):
            i -= 2
            continue
        if low in LEVEL_WORDS:
            words.append((low, pos, True))
        elif low == "and" and words and i > 0 and (tokens[i - 1][1].lower() in LEVEL_WORDS
                                                   or (title_case and tokens[i - 1][1][:1].isupper())):
            words.append(("and", pos, True))
        elif (title_case and (tok[:1].isupper() or tok.isdigit()) and not tok.isupper()
              and _country_end(text, pos) is None and low not in ("the", "a", "an", "our", "new", "this")):
            words.append((low, pos, False))
        else:
            break
        i -= 1
    if any(not vocab for _, _, vocab in words) and _compound_end_before(text, words[-1][1]) is None:
        # A named framework must be glued to its countries; else keep the vocabulary words only.
        cut = next(k for k, (_, _, vocab) in enumerate(words) if not vocab)
        words = words[:cut]
    while words and words[-1][0] == "and":
        words.pop()
    if not words:
        return None
    if all(vocab for _, _, vocab in words) and not _is_framework_level([w for w, _, _ in words], title_case):
        return None
    start = words[-1][1]
    level = "_".join(w.replace("-", "_") for w, _, _ in reversed(words))
    return level, start


# Tier words that make a framework of a partnership; "defense partnership" alone is a description.
_CORE = frozenset({"comprehensive", "strategic", "global", "enhanced", "special", "privileged", "extensive",
                   "all-round", "all-weather", "exclusive"})
_SINGLE_LOWER = frozenset({"comprehensive", "strategic", "privileged", "extensive"})


def _is_framework_level(words: list[str], title_case: bool) -> bool:
    if words == ["defense", "major"] or words == ["defence", "major"]:
        return True  # "Major Defense Partnership" (walked backwards)
    if not _CORE.intersection(words):
        return False
    return len(words) > 1 or title_case or words[0] in _SINGLE_LOWER


def _country_end(text: str, pos: int) -> int | None:
    """End of a dash compound that starts at or covers ``pos`` ("U.S.-India")."""
    for s, e, _ in compound_countries(text):
        if s <= pos < e:
            return e
    return None


def _compound_end_before(text: str, start: int) -> tuple[str, str] | None:
    """The two countries of a dash compound ending right before ``start``."""
    found = compound_countries(text)
    for k in range(0, len(found) - 1, 2):
        (_s1, _, c1), (_, e2, c2) = found[k], found[k + 1]
        if text[e2:start].strip(" '’s") == "" and e2 <= start:
            return c1, c2
    return None


def _compound_before(text: str, start: int) -> bool:
    return _compound_end_before(text, start) is not None


def _sides(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int,
           cache: list[Any], strict_with: bool = True) -> list[tuple[str, str]]:
    """Candidate pairs for :func:`sides`. ``strict_with``: the countries after "with" must follow it directly ("with India and Japan"); when
    False, any country named later in the clause counts ("ties with all G7 members, namely Canada, ...").
    """
    text = sentence.text
    compound = _compound_end_before(text, start)
    if compound:
        return [compound]
    countries = _clause_countries(text, sentence_parties(sentence), start, end)
    after = text[end:]
    clause_end = end + clause_len(after)
    rel = re.match(r"\s*(between|with|among)\b", after)
    if rel:
        # "with Cuba, a longtime ally of North Korea": a country inside an appositive is not a side, nor is one
        # the nlp stage only guessed from context ("the republic")
        guessed = {m.start - sentence.start for m in sentence.mentions if (m.attrs or {}).get("antecedent")}
        named = [(s, cid) for s, e, cid in countries if end < s < clause_end and s not in guessed
                 and not _APPOSITIVE_OF.search(text[max(end, s - 60):s])]
        ids = list(dict.fromkeys(cid for _, cid in named))
        if rel.group(1) == "between":
            # Countries named in the sentence beat a "the two countries" resolved from context.
            if len(ids) == 2:
                return [(ids[0], ids[1])]
            pair = _named_pair(cache, sentence, end, clause_end)
            if pair:
                return [pair]
            everywhere = list(dict.fromkeys(cid for _, _, cid in countries))
            if re.match(r"\s*between\s+(?:the\s+|our\s+)?(?:two|both)\b", after) and len(everywhere) == 2:
                return [(everywhere[0], everywhere[1])]
            return []
        if rel.group(1) == "with":
            listed = _listed_countries(sentence, end + rel.end()) if strict_with else ids
            if listed is None:
                return []  # "with the European Union": a body, not a country
            if listed:
                before = [cid for s, _, cid in countries if s < start and cid not in listed]
                subject = before[0] if before else document_focus(doc)
                return [(subject, cid) for cid in listed if subject and subject != cid]
    # "Japan and India's Special Strategic and Global Partnership", "the two countries' ...".
    head = text[max(0, start - 60):start]
    ids = list(dict.fromkeys(cid for _, _, cid in countries))
    if re.search(r"['’]s?\s*$", head):
        near = list(dict.fromkeys(cid for s, e, cid in countries if start - 60 <= s < start))
        if len(near) == 2:
            return [(near[0], near[1])]
        if len(ids) == 2:
            return [(ids[0], ids[1])]
        pair = _named_pair(cache, sentence, max(0, start - 60), start)
        if pair:
            return [pair]
    # "our partnership" in a bilateral statement or readout: the document's two sides.
    if not ids and re.search(r"\bour\s+(?:[\w-]+\s+){0,3}$", text[:start], re.IGNORECASE):
        doc_pair = doc_pair_cached(doc, cache)
        if doc_pair:
            return [doc_pair]
    if len(ids) == 2:
        return [(ids[0], ids[1])]
    pair = _named_pair(cache, sentence)
    if pair and set(ids) <= set(pair):  # not a guessed pair when the clause names a country outside it
        return [pair]
    if len(ids) > 2:
        return []
    if len(ids) == 1 and (_BILATERAL_CUE.search(text) or _THE_SIDES.search(text)):
        # "He [Vietnam's minister] will meet US Secretary Rubio to discuss the bilateral partnership", "Modi said
        # the countries had elevated ties": the one other country a person of the sentence acts for
        people = {c for m in sentence.mentions if m.kind == "person" for c in _person_countries(doc, m)} - set(ids)
        if len(people) == 1:
            return [(people.pop(), ids[0])]
    if not _BILATERAL_CUE.search(text):
        return []
    doc_pair = doc_pair_cached(doc, cache)
    if len(ids) == 1:
        focus = document_focus(doc)
        if doc_pair and ids[0] in doc_pair:
            return [doc_pair]
        if focus and focus != ids[0]:
            return [(focus, ids[0])]
        return []
    if _TWO_SIDES.search(text):
        recent = _recent_pair(doc, sentence, cache[1])  # "The two leaders elevated ..." after both were named
        if recent:
            return [recent]
    return [doc_pair] if doc_pair else []


def _person_countries(doc: AnalyzedDocument, m: Any) -> list[str]:
    """The country a person acts for; a pronoun ("He") takes the office hint of another mention of its person."""
    ids = [c for c in actor_ids(doc, [m], bodies=False) if is_country_id(c)]
    if ids or not m.id:
        return ids
    for other in (x for s in doc.sentences for x in s.mentions if x.kind == "person" and x.id == m.id and x is not m):
        ids = [c for c in actor_ids(doc, [other], bodies=False) if is_country_id(c)]
        if ids:
            return ids
    return []


def _recent_pair(doc: AnalyzedDocument, sentence: Sentence, named: frozenset[str]) -> tuple[str, str] | None:
    """The two countries the sentence or two before named, when they named exactly two."""
    for earlier in reversed(doc.sentences[max(0, sentence.index - 2):sentence.index]):
        found = list(dict.fromkeys(c for _, _, c in sentence_parties(earlier) if c in named))
        if len(found) == 2:
            return found[0], found[1]
        if found:
            return None
    return None


def _named_pair(cache: list[Any], sentence: Sentence, start: int = 0,
                end: int | None = None) -> tuple[str, str] | None:
    """A ``pair`` mention's ids, unless it names a country the document never mentions."""
    pair = pair_ids(sentence, start, end)
    return pair if pair and pair[0] in cache[1] and pair[1] in cache[1] else None


def _listed_countries(sentence: Sentence, pos: int) -> list[str] | None:
    """The countries listed right after ``pos`` ("with India and Japan"); None when a body comes first."""
    text = sentence.text
    spans = [(m.start - sentence.start, m.end - sentence.start, "") for m in sentence.mentions
             if m.kind == "body" and m.start - sentence.start >= pos]
    spans += [(s, e, c) for s, e, c in sentence_parties(sentence) if s >= pos]
    out: list[str] = []
    cursor = pos
    for s, e, cid in sorted(spans):
        gap = text[cursor:s]
        first = not out and re.fullmatch(r"\s*(?:both\s+)?(?:the\s+|its\s+|their\s+|fellow\s+)?", gap)
        later = out and re.fullmatch(r"\s*(?:,|and|,\s*and|as well as)?\s*(?:the\s+)?", gap)
        if not (first or later):
            break
        if not cid:
            return None if not out else out
        out.append(cid)
        cursor = e
    return list(dict.fromkeys(out))


def _clause_countries(text: str, countries: list[tuple[int, int, str]], start: int,
                      end: int) -> list[tuple[int, int, str]]:
    """The countries of the clause around ``start:end`` when it names any, else all of the sentence's."""
    marks = list(re.finditer(r";|,\s+(?:but|while|whereas|although|though)\b", text))
    lo = max([m.end() for m in marks if m.end() <= start], default=0)
    hi = min([m.start() for m in marks if m.start() >= end], default=len(text))
    inside = [c for c in countries if lo <= c[0] < hi]
    return inside or countries


def clause_len(text: str) -> int:
    m = re.search(r";|(?<![A-Z])\.\s|, (?:which|who|whose|while|but|as|because|after|before)\b|$", text)
    return m.start() if m else len(text)


def _since(parse: Parse, k: int | None) -> str | None:
    """The date a framework was set up or upgraded: the date of the verb that did it ("elevated ... in 2015"),
    else of the partnership noun itself ("the partnership established in 2013")."""
    if k is None:
        return None
    frames = [parse.frame(i) for i in [k, *parse.ancestors(k)][:5]
              if parse.tokens[i].pos == "VERB" and parse.lemma(i) in UPGRADE_VERBS
              or parse.tokens[i].pos == "NOUN" and parse.lemma(i) in UPGRADE_NOUNS]  # "the establishment of X in 2024"
    frames += [parse.frame(c) for c in parse.kids(k, "acl", "relcl") if parse.lemma(c) in UPGRADE_VERBS]
    for frame in frames:
        value = (frame.when.attrs or {}).get("value") if frame.when is not None else None
        if value and str(value)[:1].isdigit() and not frame.when.attrs.get("end", "")[:4] > str(value)[:4]:
            return str(value)
    return None


def _named_sides(doc: AnalyzedDocument, parse: Parse, k: int | None, reader: list[Any]) -> list[tuple[str, str]]:
    """ "A and B signed a Treaty on Comprehensive Strategic Partnership": the treaty's two parties."""
    from diplograph.extract import agreements  # late: agreements is a sibling extractor, read only here

    if k is None or not any(parse.lemma(t.i) in agreements.HEADS for t in parse.tokens):
        return []
    if not reader:
        reader.append(agreements.reader(doc))
    for paper, parties in reader[0].party_sets_in(parse):
        if paper.start <= k < paper.end and len(parties) == 2 and all(is_country_id(p) for p in parties):
            a, b = sorted(parties)
            return [(a, b)]
    return []


def trigger(parse: Parse, start: int, end: int, verb: bool) -> int | None:
    """The token a match at local offsets ``start:end`` is read from: its verb when ``verb``, else its noun."""
    base = parse.sentence.start
    toks = [t for t in parse.tokens if start <= t.start - base < end]
    for t in toks:
        if verb and t.pos == "VERB":
            return t.i
    for t in toks:
        if t.pos in ("NOUN", "PROPN") and t.lemma.lower() in ("relation", "relations", "tie", "ties", "relationship",
                                                               "embassy", "partnership", "partnerships"):
            return t.i
    return toks[0].i if toks else None


def asserted(parse: Parse, k: int | None) -> bool:
    """Does the text say this happened or holds? Not when its frame is negated or hypothetical, nor when a
    word above it in its clause hedges it ("discussed establishing ties", "no plans to reopen", "aims to
    elevate"). A plain future ("will establish relations", announced) still counts."""
    if k is None:
        return True
    frame = parse.frame(k)
    if frame.negated or frame.mood == "hypothetical":
        return False
    i = k
    for _ in range(6):
        if parse.lemma(i) in HEDGES or parse.kids(i, "neg") or any(
                parse.lemma(c) in ("no", "never") or parse.lemma(c) in HEDGES for c in parse.kids(i, "det", "advmod")):
            return False
        purpose = parse.dep(i) == "advcl" or parse.dep(i) == "xcomp" and bool(parse.kids(parse.head(i), "dobj"))
        if (i == k or parse.lemma(i) in CHANGE_VERBS) and purpose and any(
                parse.lemma(a) == "to" for a in parse.kids(i, "aux")):
            return False  # a purpose: "met in Nairobi to restore ties" (not "met to mark 50 years of relations")
        if parse.dep(i) not in ("xcomp", "acl", "pcomp", "dobj", "pobj", "prep", "attr", "compound", "amod",
                                "nsubjpass") or parse.head(i) == i:
            break
        i = parse.head(i)
    return parse.lemma(i) not in HEDGES
