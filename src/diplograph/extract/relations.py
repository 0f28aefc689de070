"""Diplomatic relations between two countries, and what happened to them.

Status words are read only when explicit: "established diplomatic relations"
(established), "restored / resumed / normalized relations" (restored), "severed /
cut / broke off ties" (severed), "downgraded relations" (downgraded). Any other
"diplomatic relations / ties / relationship" between a clear pair of countries
("the 200th anniversary of U.S.-Mexico diplomatic relations", "our 30-year
diplomatic relationship") is ``active``; a relative clause on it says what happened
("our relations, which were established in 1984"). Expelling an ambassador is not
a status; both sides withdrawing theirs, or one recalling its own from the other,
downgrades relations. Whether the text asserts it at all is the frame's negation and
mood plus the hedging words above it (``partnerships.asserted``), and the date is the
one the parse attaches to the status verb. A count ("relations with 189 nations") is a statistic, not a relation;
a list after "with" ("ties with all G7 countries namely Canada, France ...")
gives one fact per named country. Reopening an embassy in a country restores
relations; a country in an appositive ("with Cuba, a longtime ally of North
Korea") is not a side, and capitals stand for their governments ("Ankara and
Cairo restored ties").
"""

from __future__ import annotations

import re
from datetime import date

from diplograph.extract.base import is_country_id, pair_facts, sentence_dates, sentence_parties
from diplograph.extract.partnerships import asserted, clause_len, sides, trigger
from diplograph.extract.actors import arg_actors
from diplograph.extract.frames import DocParses, Parse
from diplograph.model import AnalyzedDocument, Fact, Sentence
from diplograph.timex import TimeValue

EXTRACTOR = "relations.v1"

_NOUN = r"(?:relations|ties|relationship)"
_DIPLO = rf"diplomatic\s+{_NOUN}"
# verb stem -> status; the generic noun ("relations") is enough for all but "establish".
_STATUS_VERBS: tuple[tuple[str, str, bool], ...] = (
    (r"re-?establish\w*|restor\w*|resum\w*|normali[sz]\w*", "restored", False),
    (r"sever\w*|cut(?:s|ting)?(?:\s+off)?|br(?:oke|eak|eaks|eaking)\s+off|ruptur\w*|suspend\w*", "severed", False),
    (r"downgrad\w*", "downgraded", False),
    (r"establish\w*|forg(?:e|ed|es|ing)|open(?:ed|s|ing)?|set\s+up", "established", True),
)
_FILLER = r"(?:[\w'’-]+\s+){0,3}?"
_ANY_NOUN = rf"(?:diplomatic\s+)?{_NOUN}"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{verbs})\s+(?:of\s+)?{_FILLER}(?:{_DIPLO if needs_diplo else _ANY_NOUN})\b", re.IGNORECASE), status)
    for verbs, status, needs_diplo in _STATUS_VERBS
) + tuple(
    (re.compile(rf"\b(?:diplomatic\s+)?{_NOUN}\s+(?:\w+\s+){{0,5}}?(?:were|was|have\s+been|had\s+been|are|is|being)\s+"
                rf"(?:officially\s+|formally\s+|fully\s+)?(?:{verbs})\b", re.IGNORECASE), status)
    for verbs, status, needs_diplo in _STATUS_VERBS if not needs_diplo
) + ((re.compile(rf"\b{_DIPLO}\s+(?:\w+\s+){{0,3}}?(?:were|was|have\s+been|had\s+been)\s+(?:officially\s+|formally\s+)?"
                 r"establish\w*\b", re.IGNORECASE), "established"),)
_TRIGGER = re.compile(r"relations|ties\b|relationship|embass|ambassador|envoy", re.IGNORECASE)
# "Turkey reopened its embassy in Damascus": relations restored, the host named by its country or capital.
_REOPENED = re.compile(r"\bre-?open(?:ed|s|ing)?\s+(?:its|their|the)\s+(?:\w+\s+)?embass(?:y|ies)\s+in\s+(?:the\s+)?",
                       re.IGNORECASE)
# "restored trade ties", "cut military relations", "party relations": not diplomatic relations.
_OTHER_TIES = re.compile(
    r"\b(?:trade|economic|military|defen[cs]e|security|business|commercial|cultural|energy|air|aviation|flight"
    r"|rail|sport\w*|academic|party|parliamentary|family|personal|working|labou?r|financial|investment|banking"
    r"|people-to-people|tourism|maritime|religious|intelligence|police|media|social|public)\s+"
    r"(?:and\s+\w+\s+)?(?:relations|ties|relationship)\b", re.IGNORECASE)
_ACTIVE = re.compile(rf"\b{_DIPLO}\b", re.IGNORECASE)
_COUNT_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?with\s+(?:(?:over|more than|nearly|about|around|some|all|almost|at least|the)\s+)?"
    r"(?:\d[\d,]*|\w+teen|\w+ty|dozens|many|several|numerous|most|other)\b")


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    parses = parses or DocParses(doc)
    cache: list[tuple[str, str] | None] = []
    rows = ((sentence, *row) for sentence in doc.sentences for row in _relations(doc, parses[sentence], cache))
    facts = pair_facts(doc, rows, "diplomatic_relations", EXTRACTOR, "status")
    # An "active" relation adds nothing next to a stated status for the same pair.
    stated = {k[0] for k in facts if k[1] != "active"}
    return [f for k, f in facts.items() if k[1] != "active" or k[0] not in stated]


# Status verbs read from a relative clause on "relations" (lemmas).
CLAUSE_STATUS = {"establish": "established", "restore": "restored", "resume": "restored", "normalize": "restored",
                 "normalise": "restored", "sever": "severed", "cut": "severed", "suspend": "severed",
                 "downgrade": "downgraded"}


def _relations(doc: AnalyzedDocument, parse: Parse,
               cache: list[tuple[str, str] | None]) -> list[tuple[str, str, str, str | None]]:
    sentence = parse.sentence
    text = sentence.text
    if not _TRIGGER.search(text) or text.rstrip(" \"”'’)").endswith("?"):
        return []  # a question asserts nothing
    hits: list[tuple[int, int, str]] = []
    for pattern, status in _PATTERNS:
        for m in pattern.finditer(text):
            if "diplomatic" in m.group().lower() or not _OTHER_TIES.search(m.group()):
                hits.append((m.start(), m.end(), status))
    for m in _ACTIVE.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in hits):
            hits.append((m.start(), m.end(), "active"))
    out: list[tuple[str, str, str, str | None]] = _reopened(doc, parse) + _withdrawn(doc, parse)
    out += _ties_set_up(doc, parse, cache, hits)
    for start, end, status in sorted(hits):
        k = trigger(parse, start, end, verb=status != "active")
        if not asserted(parse, k) or status != "active" and (_subjectless(parse, k) or _qualified(parse, start, end)):
            continue
        if status == "active" and k is not None:
            # "our diplomatic relations, which were established in 1984": the relative clause says what happened
            c = _clause_verb(parse, k)
            if c is not None and _clause_status(parse, c) and asserted(parse, c):
                status, k = _clause_status(parse, c) or status, c
        after = text[end:end + clause_len(text[end:])]
        named_after = [c for s, _, c in sentence_parties(sentence) if end <= s < end + len(after)]
        if _COUNT_AFTER.match(text[end:]) and not named_after:
            continue  # "relations with 189 nations": a statistic
        when = parse.frame(k).when if k is not None and status != "active" else None
        value = (when.attrs or {}).get("value") if when is not None else None
        since = str(value) if value and str(value)[:1].isdigit() else _since(doc, sentence, start, end, status)
        for a, b in sides(doc, sentence, start, end, cache, strict_with=False):
            if a and b and a != b:
                out.append((a, b, status, since))
    return out


# Modifiers that leave generic "relations" / "ties" diplomatic ("restored normal relations"); any other
# ("the restoration of productive relations") tells how good they are, not whether they exist.
_PLAIN = frozenset({"diplomatic", "bilateral", "full", "formal", "normal", "official", "consular", "friendly", "their",
                    "its", "our", "the", "all"})


def _qualified(parse: Parse, start: int, end: int) -> bool:
    """Is the relations noun of a status match at ``start:end`` qualified beyond _PLAIN ("productive ties")?"""
    base = parse.sentence.start
    for t in parse.tokens:
        if start <= t.start - base < end and t.lemma.lower() in ("relation", "relations", "tie", "ties",
                                                                   "relationship"):
            mods = {parse.lemma(c) for c in parse.kids(t.i, "amod", "compound")}
            if "diplomatic" not in mods and mods - _PLAIN:
                return True
    return False


def _subjectless(parse: Parse, k: int | None) -> bool:
    """A status verb in the base form with no subject of its own: a wish or an instruction told as a fragment or
    a quote ("I mean, fully normalize relations with X", "he said: restore ties"), not a report that it happened."""
    if k is None or parse.tokens[k].pos != "VERB" or parse.tokens[k].tag not in ("VB", "VBP"):
        return False
    i = k
    while parse.dep(i) == "conj" and parse.head(i) != i:
        i = parse.head(i)
    quoted = parse.dep(i) == "xcomp" and parse.lemma(parse.head(i)) in ("say", "tell", "write", "add", "urge")
    return (parse.dep(i) in ("ROOT", "ccomp", "parataxis") or quoted) and not parse.kids(
        i, "nsubj", "nsubjpass", "expl", "aux", "auxpass")


# Modifiers of "ties" that make them other than diplomatic ("trade ties", "party relations").
_OTHER_KINDS = frozenset({
    "trade", "economic", "military", "defense", "defence", "security", "business", "commercial", "cultural", "energy",
    "air", "aviation", "flight", "rail", "sport", "sports", "academic", "party", "parliamentary", "family", "personal",
    "working", "labor", "labour", "financial", "investment", "banking", "tourism", "maritime", "religious",
    "intelligence", "police", "media", "social", "public", "sister", "city", "friendship", "cooperation",
})


def _clause_verb(parse: Parse, k: int) -> int | None:
    """The verb of a relative clause on noun ``k``: its relcl/acl, else (a clause the parser lost: "relations, which
    the two countries established on ...") the first verb after a "which" or "that" right behind the noun."""
    for c in parse.kids(k, "relcl", "acl"):
        if parse.tokens[c].pos in ("VERB", "AUX"):
            return c
    j = k + 1 + (k + 1 < len(parse.tokens) and parse.tokens[k + 1].text == ",")
    if j < len(parse.tokens) and parse.lemma(j) in ("which", "that"):
        for i in range(j + 1, min(len(parse.tokens), j + 8)):
            if parse.tokens[i].pos == "VERB":
                return i
    return None


def _clause_status(parse: Parse, v: int) -> str | None:
    """The status a relative clause's verb gives: CLAUSE_STATUS, and "set up" / "forged" for established."""
    if parse.lemma(v) == "set" and any(parse.lemma(p) == "up" for p in parse.kids(v, "prt")) or \
            parse.lemma(v) == "forge":
        return "established"
    return CLAUSE_STATUS.get(parse.lemma(v))


def _ties_set_up(doc: AnalyzedDocument, parse: Parse, cache: list[tuple[str, str] | None],
                 hits: list[tuple[int, int, str]]) -> list[tuple[str, str, str, str | None]]:
    """ "the ties that the two countries set up on May 8, 1989": ties or relations (not trade or party ties)
    whose relative clause sets them up, dated by that clause."""
    out: list[tuple[str, str, str, str | None]] = []
    base = parse.sentence.start
    for t in parse.tokens:
        start, end = t.start - base, t.end - base
        if t.pos != "NOUN" or t.lemma.lower() not in ("tie", "relation", "relationship") or any(
                s <= start < e for s, e, _ in hits):
            continue
        if {parse.lemma(c) for c in parse.kids(t.i, "amod", "compound", "nmod")} & _OTHER_KINDS:
            continue
        v = _clause_verb(parse, t.i)
        if v is None or _clause_status(parse, v) != "established" or not asserted(parse, v):
            continue
        when = parse.frame(v).when
        value = (when.attrs or {}).get("value") if when is not None else None
        since = str(value) if value and str(value)[:1].isdigit() else None
        for a, b in sides(doc, parse.sentence, start, end, cache, strict_with=False):
            if a and b and a != b:
                out.append((a, b, "established", since))
    return out


def _reopened(doc: AnalyzedDocument, parse: Parse) -> list[tuple[str, str, str, str | None]]:
    """Relations restored by reopening an embassy: the sending country is the subject before the verb."""
    sentence = parse.sentence
    text = sentence.text
    out: list[tuple[str, str, str, str | None]] = []
    for m in _REOPENED.finditer(text):
        if not asserted(parse, trigger(parse, m.start(), m.end(), verb=True)):
            continue
        host = next((str(x.id) for x in sentence.mentions if x.start - sentence.start == m.end()
                     and x.kind in ("country", "place") and is_country_id(x.id)), None)
        senders = [c for s, e, c in sentence_parties(sentence) if e <= m.start()
                   and not re.search(r"[;:]", text[e:m.start()])]
        if host and senders and senders[-1] != host:
            out.append((senders[-1], host, "restored", _since(doc, sentence, m.start(), m.end(), "restored")))
    return out


def _withdrawn(doc: AnalyzedDocument, parse: Parse) -> list[tuple[str, str, str, str | None]]:
    """ "Both countries withdrew their ambassadors", "Ghana recalled its envoy from Togo": relations downgraded."""
    out: list[tuple[str, str, str, str | None]] = []
    for frame in parse.frames(lemmas=("withdraw", "recall"), pos=("VERB",)):
        if not any(parse.lemma(t.head) in ("ambassador", "envoy") for t in frame.themes) or not asserted(
                parse, frame.trigger):
            continue
        hosts = list(frame.prep("from")) + [a for t in frame.themes for a in parse.prepositions(t.head).get("from", ())]
        sides = arg_actors(doc, frame.agents, bodies=False) + arg_actors(doc, hosts, bodies=False)
        sides = [c for c in dict.fromkeys(sides) if is_country_id(c)]
        value = (frame.when.attrs or {}).get("value") if frame.when is not None else None
        if len(sides) == 2:
            out.append((sides[0], sides[1], "downgraded", str(value) if value else None))
    return out


def _since(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int, status: str) -> str | None:
    """When the relation began or changed, if the sentence says so."""
    text = sentence.text
    around = text[max(0, start - 80):end + 40]
    anniversary = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b", around, re.IGNORECASE)
    years = re.search(r"\b(\d{1,3})[- ]years?(?:\s+of|\s+old|\b)", around, re.IGNORECASE)
    dates = [(s, e, v) for s, e, v in sentence_dates(doc, sentence) if not (v.start and v.end and v.start != v.end)]
    if anniversary or years:
        hit = anniversary or years
        n = int(hit.group(1))  # type: ignore[union-attr]
        offset = max(0, start - 80)
        ref = _nearest(dates, offset + hit.start(), offset + hit.end())  # type: ignore[union-attr]
        base = ref.value if ref and ref.value[:4].isdigit() else doc.published
        return _minus_years(base, n, keep_day=bool(anniversary and ref))
    if status == "active":
        # "have shared close diplomatic ties since 1968"
        since = [(s, e, v) for s, e, v in dates if re.search(r"\bsince\s+$", text[:s]) and s >= end - 5]
        ref = _nearest(since, start, end)
        return ref.value if ref and not ref.value.startswith("--") else None
    # "from the establishment of diplomatic relations to today": "today" is not when it happened.
    dates = [(s, e, v) for s, e, v in dates if not re.search(r"\b(?:to|until|till|through)\s+$", text[:s])]
    ref = _nearest(dates, start, end)
    return ref.value if ref and not ref.value.startswith("--") else None


def _nearest(dates: list[tuple[int, int, TimeValue]], start: int, end: int) -> TimeValue | None:
    best: tuple[int, TimeValue] | None = None
    for s, e, value in dates:
        gap = s - end if s >= end else start - e
        if gap <= 80 and (best is None or gap < best[0]):
            best = (gap, value)
    return best[1] if best else None


def _minus_years(value: str | None, years: int, keep_day: bool) -> str | None:
    """``value`` (ISO, any precision) moved back by ``years``: to the day for an anniversary date, else the year."""
    if not value or not value[:4].isdigit():
        return None
    year = int(value[:4]) - years
    if keep_day and len(value) == 10:
        try:
            return date(year, int(value[5:7]), int(value[8:10])).isoformat()
        except ValueError:
            return f"{year:04d}-{value[5:7]}"
    return f"{year:04d}"
