"""Helpers every extractor shares."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from typing import Any, Iterable

from diplograph import resolve, timex
from diplograph.model import AnalyzedDocument, Evidence, Fact, Sentence
from diplograph.timex import TimeValue


def make_fact(doc: AnalyzedDocument, sentence: Sentence, fact_type: str, extractor: str,
              confidence: float = 0.6, **fields: Any) -> Fact:
    """A fact citing ``sentence`` of ``doc``."""
    return Fact(type=fact_type, fields=fields, evidence=Evidence.from_sentence(doc.id, sentence),
                extractor=extractor, confidence=confidence)


# --------------------------------------------------------------------------- countries and dates in a sentence
# Appended for the partnership / relations / agreement extractors; general enough for any extractor.

_CAP_WORD = r"[A-Z][\w.'’]*"
# "U.S.-India", "Vietnam - U.K.", "United States–Vietnam": two capitalised groups joined by a dash.
_COMPOUND = re.compile(
    rf"((?:{_CAP_WORD}\s+){{0,2}}{_CAP_WORD})\s?[-–—]\s?({_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}})")


def _country_of_words(words: list[str], from_end: bool) -> tuple[int, str] | None:
    """The longest run of ``words`` at one end that names a country: (number of words, id)."""
    for k in range(len(words), 0, -1):
        part = words[-k:] if from_end else words[:k]
        cid = resolve.country_id(" ".join(part).rstrip(",;:"))
        if cid:
            return k, cid
    return None


def compound_countries(text: str) -> list[tuple[int, int, str]]:
    """Countries named in dash compounds ("U.S.-India", "Vietnam - U.K."): (start, end, id), local offsets.

    spaCy's NER often tags such compounds as one ORG or misses them; both sides must name a country.
    """
    out: list[tuple[int, int, str]] = []
    for m in _COMPOUND.finditer(text):
        left, right = m.group(1).split(), m.group(2).split()
        lc = _country_of_words(left, from_end=True)
        rc = _country_of_words(right, from_end=False)
        if not lc or not rc or lc[1] == rc[1]:
            continue
        left_start = m.start(1) + len(m.group(1)) - len(" ".join(left[-lc[0]:]))
        right_end = m.start(2) + len(" ".join(right[:rc[0]]))
        out.append((left_start, m.end(1), lc[1]))
        out.append((m.start(2), right_end, rc[1]))
    return out


def is_country_id(value: str | None) -> bool:
    return bool(value) and len(value or "") == 3 and (value or "").isupper()


# "Kenya Airways", "Japan Tobacco Inc", "Kenya Mining Ltd": a company, not the country.
_COMPANY_AFTER = re.compile(
    r"(?:\s+[A-Z][\w&.-]*){0,3}\s+(?:Ltd|Limited|Inc|Corp|Corporation|Co|Company|Airways|Airlines|Holdings|PLC|plc"
    r"|LLC|S\.A|AG|GmbH|Bhd|Berhad|Pty|Tobacco|Telecom|Petroleum)\b\.?")


def sentence_countries(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Every country named in a sentence, in order: (start, end, id) with offsets local to the sentence.

    Country mentions from the nlp stage, plus the sides of dash compounds it missed.
    """
    found: list[tuple[int, int, str]] = []
    for m in sentence.mentions:
        cid = m.id if m.kind == "country" else None
        if m.kind in ("person", "place", "other"):
            # The statistical NER sometimes calls a country a PERSON or ORG ("Mauritius").
            cid = resolve.country_id(m.text)
        if is_country_id(cid) and not _COMPANY_AFTER.match(sentence.text, m.end - sentence.start):
            found.append((m.start - sentence.start, m.end - sentence.start, str(cid)))
    for start, end, cid in compound_countries(sentence.text):
        if not any(s < end and start < e for s, e, _ in found):
            found.append((start, end, cid))
    return sorted(found)


def pair_ids(sentence: Sentence, start: int = 0, end: int | None = None) -> tuple[str, str] | None:
    """The two ids of a ``pair`` mention ("the two countries") in the sentence (local offsets), if any."""
    end = len(sentence.text) if end is None else end
    for m in sentence.mentions:
        if m.kind != "pair":
            continue
        ids = [i for i in (m.attrs.get("ids") or []) if i]
        local = m.start - sentence.start
        if len(ids) == 2 and ids[0] != ids[1] and start <= local < end:
            return str(ids[0]), str(ids[1])
    return None


def _doc_country_counts(doc: AnalyzedDocument) -> tuple[tuple[str, int], ...]:
    return tuple(_doc_country_stats(doc)[0].most_common())


def _doc_country_stats(doc: AnalyzedDocument) -> tuple[Counter[str], Counter[frozenset[str]]]:
    """How often each country is named, and how often two are named together ("X and Y", "X-Y")."""
    counts: Counter[str] = Counter()
    joins: Counter[frozenset[str]] = Counter()
    for sentence in doc.sentences:
        # The title / first line says what the document is about: count it more.
        weight = 3 if sentence.index == 0 else 1
        spans = sentence_countries(sentence)
        for _, _, cid in spans:
            counts[cid] += weight
        for (_, e1, c1), (s2, _, c2) in pairwise(spans):
            if c1 != c2 and _JOIN.fullmatch(sentence.text[e1:s2]):
                joins[frozenset((c1, c2))] += 1
    return counts, joins


_JOIN = re.compile(r"\s*(?:and|&|-|–|—|/)\s*(?:the\s+)?")


def principal_pair(doc: AnalyzedDocument) -> tuple[str, str] | None:
    """The document's two main countries (its focus and the country most named with it), or None.

    "Our partnership", "bilateral relations" and "the two countries" in a bilateral statement,
    readout or remarks transcript refer to this pair when the sentence names no country. The
    partner is the country most often named *together with* the focus ("the United States and
    India", "U.S.-India"), then the most named; a third country talked about at length (a war, a
    crisis) is rarely joined to the focus that way.
    """
    counts, joins = _doc_country_stats(doc)
    # The title (first line) says whom the document is about: two countries there are the pair.
    title = list(dict.fromkeys(cid for _, _, cid in sentence_countries(doc.sentences[0]))) if doc.sentences else []
    if len(title) == 2:
        return title[0], title[1]
    if len(title) == 1:
        first: str | None = title[0]
    else:
        first = doc.focus if is_country_id(doc.focus) else (counts.most_common(1)[0][0] if counts else None)
    if not first:
        return None
    scores = sorted(((3 * joins[frozenset((first, cid))] + n, cid) for cid, n in counts.items() if cid != first),
                    reverse=True)
    if not scores or scores[0][0] < 2 or (len(scores) > 1 and scores[1][0] >= scores[0][0]):
        return None  # no clear second side
    return first, scores[0][1]


def document_focus(doc: AnalyzedDocument) -> str | None:
    """The document's main country: the nlp stage's focus, else the most named country."""
    if is_country_id(doc.focus):
        return doc.focus
    counts = _doc_country_counts(doc)
    return counts[0][0] if counts else None


def sentence_dates(doc: AnalyzedDocument, sentence: Sentence) -> list[tuple[int, int, TimeValue]]:
    """Time expressions of a sentence resolved against the document date (local offsets)."""
    return timex.find(sentence.text, doc.published)


# --------------------------------------------------------------------------- parties (capitals as metonyms)
# Appended for the agreement / partnership / relations extractors.

# "talks in Cairo", "arrived at Moscow": a capital after these words is a place, not its government.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|across)\s+$", re.IGNORECASE)


def sentence_parties(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Countries that can act in a sentence: :func:`sentence_countries` plus capitals used for their
    governments ("between Moscow and Pyongyang", "Ankara and Cairo signed"), which the nlp stage may
    label as places. A capital after "in"/"at" or in a dateline ("SEOUL, Feb. 14") stays a place."""
    found = sentence_countries(sentence)
    text = sentence.text
    for m in sentence.mentions:
        if m.kind != "place" or (m.attrs or {}).get("how") != "capital" or not is_country_id(m.id):
            continue
        s, e = m.start - sentence.start, m.end - sentence.start
        if any(fs < e and s < fe for fs, fe, _ in found):
            continue
        if _LOCATIVE_BEFORE.search(text[max(0, s - 12):s]) or (s < 3 and re.match(r"\s*[,(]", text[e:])):
            continue
        found.append((s, e, str(m.id)))
    return sorted(found)


def named_countries(doc: AnalyzedDocument) -> frozenset[str]:
    """Every country the document names (by name, demonym, capital or dash compound): a party of a fact
    must be one of them, whatever a coreference guess says."""
    out: set[str] = set()
    for sentence in doc.sentences:
        guessed = {(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions
                   if (m.attrs or {}).get("antecedent")}
        out.update(c for s, e, c in sentence_parties(sentence) if (s, e) not in guessed)
    return frozenset(out)


def pair_facts(doc: AnalyzedDocument, rows: Iterable[tuple[Sentence, str, str, str, str | None]],
               fact_type: str, extractor: str, field: str) -> dict[tuple[frozenset[str], str], Fact]:
    """One fact per unordered country pair and ``field`` value (a level, a status); a dated
    statement of the same fact replaces an undated one."""
    facts: dict[tuple[frozenset[str], str], Fact] = {}
    for sentence, a, b, value, since in rows:
        key = (frozenset((a, b)), value)
        old = facts.get(key)
        if old is None or (since and not old.get("since")):
            facts[key] = make_fact(doc, sentence, fact_type, extractor, confidence=0.7,
                                   **{"a": a, "b": b, field: value, "since": since})
    return facts
