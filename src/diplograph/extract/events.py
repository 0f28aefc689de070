"""The ``event`` fact: a visit, meeting, call, signing, conference... that happened at a time.

Events are read clause by clause: a trigger word ("state visit", "held talks",
"spoke by phone", "signed", "Summit") marks each event, and the words around
it up to the neighbouring trigger give its participants (people with their
canonical names, countries, bodies), its date (the time expression nearest
the trigger, resolved by :mod:`diplograph.timex` against the document date),
its location ("in Glasgow") and, for named gatherings, a label
("the 13th annual U.S.-ASEAN Summit"). One sentence may hold several events:
"A's visit to X and B's visits to Y and Z" gives three visits.

Precision first: no event without a participant; plans ("will visit",
"looks forward to meeting") only when dated; no generic or counted mentions
("meetings are important", "45 visits"). The same happening told twice in a
document (a readout's title and its first line) becomes one fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from diplograph import resolve, timex
from diplograph.extract import _legacy_positions as positions
from diplograph.extract.base import compound_countries, make_fact
from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Fact, Sentence
from diplograph.timex import TimeValue

EXTRACTOR = "events"

# (pattern, kind). Longer forms first; matching is case-insensitive unless the pattern says otherwise.
_TRIGGERS: list[tuple[str, str]] = [
    ((r"(?:paid|pays|paying|made|makes|making|began|begins|concluded|concludes|wrapped up)\s+"
      r"(?:an?\s+|his\s+|her\s+|their\s+)?"
      r"(?:(?:official|state|working|historic|courtesy|friendship|\w+-day|official friendship)\s+){0,3}visits?"),
     "visit"),
    (r"(?:(?:official|state|working|historic|courtesy|friendship|\w+-day|first|reciprocal)\s+){0,3}visits?", "visit"),
    (r"visited|visiting|travell?ed to|arrived in|trip to|tour of|(?:(?<=\bis\s)|(?<=\bare\s))due\s+in(?=\s+[A-Z])",
     "visit"),
    (r"(?:held|hold|holds|holding|had|have)\s+(?:(?:bilateral|official|high-level|in-depth|fruitful|separate)\s+)*talks", "talks"),
    ((r"(?:phone|telephone|video)\s+(?:call|conversation|talks)|spoke\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone"
      r"|(?:held|had)\s+a\s+call|call\s+with|spoke\s+(?:today\s+|on\s+\w+\s+)?with|talked\s+by\s+phone"), "call"),
    (r"(?:bilateral|trilateral|high-level|senior|summit|virtual|online|first|courtesy)\s+meetings?", "meeting"),
    (r"told\s+(?:his|her)\s+(?:[A-Z][\w.-]*\s+){0,2}counterpart", "talks"),
    (r"summit(?=\s+with\s)", "meeting"),  # "a summit with Putin": two leaders met
    (r"announced\s+(?:the\s+)?(?:elevation|upgrad(?:e|ing)|establishment)\s+of", "statement"),
    ((r"met(?:\s+with)?|meetings?|talks|receives|received|hosted|hosts"
      r"|(?<=will\s)meet(?:\s+with)?|(?<=to\s)meet(?:\s+with)?"), "meeting"),
    (r"(?:witnessed\s+the\s+)?(?:online\s+)?signing(?:\s+ceremony)?|signed|inked", "signing"),
    (r"(?:joint\s+)?(?:press\s+)?(?:briefing|press\s+conference|news\s+conference)", "briefing"),
    (r"interview|told\s+(?:reporters|the\s+press|journalists)", "interview"),
    (r"(?:joint\s+)?(?:military\s+|naval\s+|peacekeeping\s+)?(?:exercises?|drills?|war\s+games)", "exercise"),
    ((r"joint\s+(?:\w+\s+)?(?:statements?|declarations?|communiqu[eé]s?)|issued\s+(?:a|an|the)\s+(?:\w+\s+)?statement"
      r"|(?<=\bin\s)(?:a|an)\s+(?:(?:written|separate|brief|joint|televised|official)\s+)?statement"
      r"|(?:said|announced)(?=\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
      r"|address(?:ed|es|ing)?(?=\s+the\s+(?:nation\b|(?:\d+(?:st|nd|rd|th)\s+session\s+of\s+the\s+)?"
      r"(?:UN\s+|United\s+Nations\s+)?General\s+Assembly\b|(?:\w+\s+)?parliament\b))"),
     "statement"),
    (r"hearings?", "hearing"),
    (r"(?:presidential|parliamentary|general|legislative|local)\s+elections?|elections", "election"),
    ((r"summit|conference|congress|forum|dialogue|consultations?|open\s+debate|symposium|COP\s?\d+|"
      r"(?:ordinary|extraordinary|plenary|special|summit-level|annual)\s+sessions?"), "conference"),
]
_TRIGGER_RE = re.compile("|".join(f"(?P<k{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_TRIGGERS)), re.IGNORECASE)
_KIND = {f"k{i}": kind for i, (_, kind) in enumerate(_TRIGGERS)}

# Named gatherings are capitalised ("the 32nd Diplomatic Conference"); lower-case "conference" needs a context.
_NAMED_ONLY = re.compile(r"^(?:summit|conference|congress|forum|dialogue|consultations?|symposium)$", re.IGNORECASE)
_GENERIC_BEFORE = re.compile(
    r"(?:\b(?:many|several|numerous|such|these|those|frequent|regular|more|other|further|future|any|all|"
    r"every|no|each|various|mutual|exchange\s+of|exchanges\s+of|delegation|delegations|high-level|two|three|four|"
    r"five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of)\s+"
    r"(?:(?!(?:leaders|sides|countries|nations|presidents|ministers|delegations|heads|parties|governments)\b)"
    r"\w+\s+){0,2}|(?<![\w+.-])(?!(?:1[89]|20)\d\d\b)\d(?:[\d,.]*\d)?\s+(?:[a-z][\w-]*\s+)?)$", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|to\s+be\s+held|is\s+to|are\s+to|plans?\s+to|planned|planning|expected\s+to|"
    r"intends?\s+to|upcoming|forthcoming|scheduled|slated|set\s+to|want(?:s|ed)?\s+to|look(?:s|ed|ing)?\s+forward|invit(?:e|es|ed|ation)\s+to|"
    r"agreed\s+to|committed\s+to|aim(?:s|ed)?\s+to|next\s+(?:week|month|year)|hope\s+to|ready\s+to|wish(?:es)?\s+to|"
    r"proposed|propose|should|could|may|might|must|can)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never|no|cancel(?:l?ed)?|postponed?|called\s+off)\b", re.IGNORECASE)
_DATE_SKIP_BEFORE = re.compile(r"(?:\b(?:since|until|till|by|through|for\s+the\s+period|period|term|tenure|"
                               r"before|after|ahead\s+of|to)\s+(?:the\s+)?(?:end\s+of\s+)?)$", re.IGNORECASE)
_HABITUAL = re.compile(r"\b(?:over\s+the\s+years|always|often|regularly|frequently|usually|every\s+(?:year|month|"
                       r"week|time)|many\s+times|from\s+time\s+to\s+time|in\s+the\s+past)\b", re.IGNORECASE)
_REPORTER = re.compile(r"\b(?:Statement|Readout|Remarks|Briefing|Gaggle)\s+(?:\w+\s+){0,2}(?:by|from)\s+"
                       r"(?:[\w.'’-]+\s+){0,6}$")
_REPORTING = re.compile(r"\b(?:said|says|say|told|noted|stressed|added|stated|announced|recalled|described|"
                        r"according\s+to|called\s+for|urged)\b", re.IGNORECASE)
_SAID_ON = re.compile(r"\b(?:said|says|told\s+\w+|announced|stated|added|reported|confirmed)\s+(?:on\s+)?$", re.IGNORECASE)
# "following talks which started in November 2022": the start of something else, not this event's day
_STARTED_IN = re.compile(r"\b(?:which|that)\s+(?:had\s+)?(?:started|began|begun|commenced|opened)\s+(?:in|on)\s+$",
                         re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|:\s")
_PRONOUN_SUBJECT = re.compile(r"\b(?:they|the\s+(?:two\s+)?leaders|both\s+leaders|the\s+two\s+(?:sides|presidents|"
                              r"ministers|prime\s+ministers)|the\s+(?:President|Prime\s+Minister)\s+and\s+"
                              r"(?:the\s+)?(?:President|Prime\s+Minister))\b", re.IGNORECASE)


@dataclass
class _Event:
    kind: str
    sentence: Sentence
    trigger: tuple[int, int]  # local offsets
    clause: tuple[int, int]  # local offsets
    persons: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # countries and bodies
    date: TimeValue | None = None
    location: str | None = None
    host: str | None = None
    label: str | None = None
    destination: str | None = None
    stated: bool = False  # the date is in the text (not the document's own date)
    speaker_only: bool = False


# --------------------------------------------------------------------------- triggers and clauses

def _triggers(sentence: Sentence) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    text = sentence.text
    for m in _TRIGGER_RE.finditer(text):
        group = m.lastgroup or ""
        kind = _KIND[group]
        start, end = m.span()
        word = m.group()
        if _NAMED_ONLY.match(word) and kind != "meeting":
            if not word[0].isupper() and not _named_before(text, start) and not _body_before(sentence, start) \
                    and not _inside_body(sentence, start, end):
                continue
            if word.lower() in ("forum", "dialogue") and not word[0].isupper():
                continue
        if kind == "meeting" and word.lower() in ("receives", "received", "hosted", "hosts") and \
                not _received_person(sentence, end):
            continue
        if kind in ("meeting", "talks") and word.lower() in ("meeting", "meetings", "talks") and \
                re.search(r"\b(?:of|in)\s+(?:the\s+)?$", text[:start]) is None and \
                re.match(r"\s+(?:is|are|were|was)\s+(?:important|crucial|essential|necessary|key)", text[end:]):
            continue
        if kind == "visit" and re.match(r"\s*(?:visa|visitors?)", word, re.IGNORECASE):
            continue
        if _GENERIC_BEFORE.search(text[:start]) and kind not in ("signing", "call") and not re.search(
                r"\b(?:a|an|the|its|his|her|their)\s+(?:regular|weekly|daily|monthly)\s+(?:\w+\s+)?$", text[:start]):
            # ("told a regular press briefing" is one briefing; "regular briefings" are not an event)
            continue
        if re.search(r"\b(?:the\s+)?(?:number|series|list)\s+of\s+$", text[:start], re.IGNORECASE):
            continue
        if word.lower().endswith("s") and re.search(r"(?<![\w+.-])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s+(?:[a-z][\w-]*\s+){2}$",
                                                 text[:start]):
            continue  # "made 14 official foreign visits": a count
        if _inside_body(sentence, start, end) and not re.fullmatch(r"summits?|conference", word, re.IGNORECASE):
            continue  # "World Economic Forum" is a body; "the G7 summit" is a gathering
        if kind == "call" and re.search(r"\b(?:answer(?:ed|s|ing)?|heed(?:ed|s)?|renew(?:ed|s)?|echo(?:ed|es)?|"
                                        r"join(?:ed|s)?|wake-up)\s+(?:the\s+|this\s+|a\s+)?$", text[:start], re.IGNORECASE):
            continue  # "answered the call with historic commitments": not a phone call
        if kind == "exercise" and re.match(r"\s+of\b", text[end:]):
            continue  # "the exercise of its right", "exercise of authorities"
        if kind == "exercise" and not _MILITARY.search(text) and not _NAMED_EXERCISE.search(text):
            continue  # "a mapping exercise", "a confidence-building exercise": no drill without forces
        if re.match(r"\s+(?:Room|Center|Centre|Hall|Building|Office|Attendees|Participants)\b", text[end:]):
            continue  # "the Press Briefing Room" is a place
        if kind == "hearing" and not re.search(r"\b(?:a|an|the|its|their|his|her|confirmation|congressional|"
                                               r"public|court|parliamentary|Senate|House|committee)\s+$",
                                               text[:start], re.IGNORECASE):
            continue  # "after hearing input" is a verb
        if word.lower() == "congress" and not re.search(r"(?:\d+(?:st|nd|rd|th)|Party)\s+(?:\w+\s+){0,2}$",
                                                        text[:start]):
            continue  # a legislature, unless "the 14th National Party Congress"
        if kind == "signing" and re.match(r"\s+(?:into\s+law|up\b|on\s+to)", text[end:], re.IGNORECASE):
            continue
        if kind == "signing" and re.match(r"\s+(?:and\s+\w+\s+)?(?:in\s+)?(?:over|more\s+than|nearly|about|some)?\s*"
                                          r"(?:(?!(?:1[89]|20)\d\d\b)\d|(?:two|three|four|five|six|seven|eight|"
                                          r"nine|ten|eleven|twelve|twenty|thirty|dozens|hundreds|several|many)\b)",
                                          text[end:], re.IGNORECASE):
            continue  # "has signed over 500 agreements": a count, not an event
        if out and out[-1][2] == kind and _same_name(text[out[-1][1]:start]) and \
                not (kind == "visit" and re.search(r"\s(?:in|to)$", text[out[-1][0]:out[-1][1]])):
            # ("arrived in Pyongyang for his first trip to ...": the first trigger has its own destination)
            out[-1] = (out[-1][0], end, kind)  # "COP 26 ... Conference", "Exercise 2025 (X), a drill"
            continue
        out.append((start, end, kind))
    return out


def _same_name(gap: str) -> bool:
    """Two triggers of one kind that name one happening: only a name or an apposition between them."""
    return len(gap) < 60 and not re.search(r"\band\b|;|\b(?:while|then|after|before)\b", gap) and \
        not re.search(r"\b[a-z]+(?:ed|s)\b", re.sub(r"\b(?:a|an|the|of|on|for|its|his|her|their)\b", "", gap)
                      .replace("peacekeeping", ""))


def _named_before(text: str, start: int) -> bool:
    """ "national conference on foreign affairs", "a summit meeting": a lower-case gathering noun with a
    determiner and modifier before it."""
    return bool(re.search(r"\b(?:an?|the)\s+(?:(?:national|international|regional|bilateral|trilateral|"
                          r"ministerial|annual|high-level|diplomatic|leaders['’]?|press|donors['’]?|extraordinary|ordinary|emergency|"
                          r"special|virtual|joint|informal|trilateral|plenary|"
                          r"peace|\w+-level)\s+)+$", text[:start], re.IGNORECASE))


def _body_before(sentence: Sentence, start: int) -> int:
    """ "the G7 summit", "the ASEAN-Japan summit", "an ECOWAS summit": a body's own gathering.

    Returns where the body's name starts (local offset), 0 when there is none.
    """
    for m in sentence.mentions:
        if m.kind == "body" and m.id and m.start > sentence.start and \
                re.fullmatch(r"(?:[-–]\w+)?\s+(?:[Ll]eaders['’]?\s+)?", sentence.text[m.end - sentence.start:start]):
            return m.start - sentence.start
    return 0


def _received_person(sentence: Sentence, end: int) -> bool:
    """ "received Somali President X": receiving a titled visitor is a meeting; receiving an award is not."""
    rest = sentence.text[end:end + 80].split(",")[0]
    return bool(positions._TITLE_RE.search(rest) or re.search(r"\bcounterpart\b", rest)) and \
        any(0 <= m.start - sentence.start - end <= 60 for m in sentence.mentions_of("person"))


def _inside_body(sentence: Sentence, start: int, end: int) -> bool:
    for m in sentence.mentions:
        if m.kind == "body" and m.start - sentence.start <= start and end <= m.end - sentence.start:
            return True
    return False


def _clauses(sentence: Sentence, triggers: list[tuple[int, int, str]],
             extra: Sequence[tuple[int, str]] = ()) -> list[tuple[int, int]]:
    """The stretch of the sentence each trigger governs: up to the next trigger's subject."""
    text = sentence.text
    bounds: list[tuple[int, int]] = []
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    for i, (start, end, _) in enumerate(triggers):
        lo = 0
        if i > 0:
            lo = bounds[-1][1]
        lo = max([lo] + [b for b in breaks if b < start])
        hi = len(text)
        if i + 1 < len(triggers):
            nstart = triggers[i + 1][0]
            hi = nstart
            # the next trigger's subject ("and Chairman B's visits") belongs to it
            seg = text[end:nstart]
            persons = sorted([m.start - sentence.start for m in sentence.mentions_of("person")] +
                             [p for p, _ in extra])
            persons = [p for p in persons if end <= p < nstart]
            if persons:
                first = persons[-1]
                near = re.match(r"[\w .'’-]{0,40}?(?:['’]s\b|\s(?:paid|made|held|had|met|visited|signed)\b)",
                                text[first:nstart + 12])
                cut = max((m.start() for m in re.finditer(r",\s|\s(?:and|while|as\s+well\s+as)\s", seg)
                           if end + m.start() < first), default=None)
                if cut is not None and near:
                    hi = end + cut
        hi = min([hi] + [b for b in breaks if b > end])
        bounds.append((lo, max(hi, end)))
    return bounds


# --------------------------------------------------------------------------- participants, dates, places

def _persons_in(sentence: Sentence, lo: int, hi: int, names: dict[str, str],
                extra: Sequence[tuple[int, str]] = ()) -> list[tuple[int, str]]:
    """People named in [lo, hi) (local offsets), by their canonical names, in order.

    ``extra`` are names the positions reader found next to titles (the NER misses some).
    """
    found: list[tuple[int, str]] = []
    headline = positions._headline(sentence.text)
    for m in sentence.mentions_of("person"):
        if m.id:
            # the words as written, when this document names that person so ("Smith" is not "Beau Smith")
            written = positions.strip_titles(resolve.person_name(m.text))
            found.append((m.start - sentence.start, written if written in names else m.id))
    found.extend(extra)
    out: list[tuple[int, str]] = []
    for local, raw in sorted(found):
        if not lo <= local < hi:
            continue
        name = _canonical(raw, names, headline)
        if name and not positions._clean_name(name):
            continue  # the NER's "Disaster Declaration" is nobody
        if name and not any(name == n or local == p for p, n in out):
            out.append((local, name))
    return out


def _canonical(raw: str, names: dict[str, str], headline: bool) -> str | None:
    """The document's fullest name for ``raw``; in a title-case headline, the known name it starts with."""
    if headline and raw not in names or headline and names.get(raw) == raw:
        toks = re.sub(r"['’]s\b", "", raw).split()
        for k in range(len(toks), 0, -1):
            head = " ".join(toks[:k])
            if head in names and head != raw:
                return names[head]
            hits = {v for key, v in names.items() if key.split()[-1:] == [head] or key == head}
            if k == 1 and len(hits) == 1:
                return hits.pop()
        return None if len(toks) > 3 else names.get(raw, raw)
    bare = positions.strip_titles(raw)
    return names.get(raw) or names.get(bare) or bare


def _actors_in(sentence: Sentence, lo: int, hi: int) -> list[tuple[int, str, str]]:
    """Countries and bodies named in [lo, hi): (local start, id, kind)."""
    out: list[tuple[int, str, str]] = []
    for m in sentence.mentions:
        local = m.start - sentence.start
        if lo <= local < hi and m.id and m.kind in ("country", "body"):
            if m.kind == "body" and m.id in ("VNA",):
                pass
            out.append((local, m.id, m.kind))
    for start, _, cid in compound_countries(sentence.text):
        if lo <= start < hi and not any(a[0] == start for a in out):
            out.append((start, cid, "country"))
    return sorted(out)


def _capitals_in(sentence: Sentence, lo: int, hi: int) -> list[tuple[int, str, str]]:
    """Capitals and seats of government named as places ("arrived in Pyongyang"): (local start, country, kind)."""
    out = []
    for m in sentence.mentions:
        local = m.start - sentence.start
        if m.kind == "place" and lo <= local < hi:
            cid = m.id if m.id and len(m.id) == 3 and m.id.isupper() else resolve.country_id(m.text, capitals=True)
            if cid:
                out.append((local, cid, "country"))
    return out


_MONTH_NUM = {m: i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), 1)}
_MONTH_RE = "(" + "|".join(_MONTH_NUM) + ")"
_BARE_MONTH = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring)\s+(?:early\s+|late\s+|mid-)?" + _MONTH_RE + r"\b(?![\s,]+\d)")
_DAY_SPAN = re.compile(r"\b(?:from\s+)?(\d{1,2})\s+(?:and|to|-|–)\s+(\d{1,2})\s+" + _MONTH_RE + r"\b(?:,?\s+(\d{4}))?")


def _more_dates(text: str, published: str | None,
                dates: list[tuple[int, int, TimeValue]]) -> list[tuple[int, int, TimeValue]]:
    """Dates the time tagger leaves out: a bare month in a dated report ("In April, ...": the latest
    such month not after the report) and a day span before the month ("on 9 and 10 September")."""
    if not published or not published[:4].isdigit():
        return dates
    year = int(published[:4])
    pub_month = int(published[5:7]) if len(published) >= 7 else 12
    out = list(dates)
    for m in _DAY_SPAN.finditer(text):
        month, first, last = _MONTH_NUM[m.group(3)], int(m.group(1)), int(m.group(2))
        span_year = int(m.group(4)) if m.group(4) else year
        if not 1 <= first < last <= 31:
            continue
        try:
            start, end = dt.date(span_year, month, first), dt.date(span_year, month, last)
        except ValueError:
            continue
        out = [d for d in out if d[1] <= m.start() or d[0] >= m.end()]
        out.append((m.start(), m.end(), TimeValue(start.isoformat(), "day", start.isoformat(), end.isoformat())))
    for m in _BARE_MONTH.finditer(text):
        if any(d[0] < m.end() and d[1] > m.start() for d in out):
            continue
        month = _MONTH_NUM[m.group(1)]
        out.append((m.start(1), m.end(1), TimeValue(f"{year if month <= pub_month else year - 1:04d}-{month:02d}",
                                                     "month")))
    return sorted(out, key=lambda d: d[0])


def _date_for(doc: AnalyzedDocument, sentence: Sentence, trigger: tuple[int, int], clause: tuple[int, int],
              dates: list[tuple[int, int, TimeValue]]) -> tuple[TimeValue | None, bool]:
    """The time expression that dates this event, and whether one was stated."""
    lo, hi = clause
    usable = [d for d in dates if not _DATE_SKIP_BEFORE.search(sentence.text[max(0, d[0] - 30):d[0]])
              and not _SAID_ON.search(sentence.text[max(0, d[0] - 30):d[0]])
              and not _STARTED_IN.search(sentence.text[max(0, d[0] - 40):d[0]])
              and not re.match(r"\s*(?:-|–|to)\s*\d{4}", sentence.text[d[1]:d[1] + 8])
              and not (d[2].start and d[2].end and d[2].precision == "year" and d[2].start[:4] != d[2].end[:4])]
    inside = [d for d in usable if lo <= d[0] < hi]
    pool = inside or (usable if len({d[2].value for d in usable}) == 1 else [])
    if not pool:
        return None, False
    rank = {"day": 0, "month": 1, "year": 2}
    best = min(pool, key=lambda d: (rank.get(d[2].precision, 3), abs(d[0] - trigger[0])))
    return best[2], True


def _location(sentence: Sentence, lo: int, hi: int, after: int) -> str | None:
    """ "in Glasgow", "at the White House", "at the Presidential Palace in New Delhi"."""
    text = sentence.text
    for m in re.finditer(r"\b(?:in|at)\s+(?:the\s+)?", text[after:hi]):
        pos = after + m.end()
        for men in sentence.mentions:
            local = men.start - sentence.start
            if local == pos and men.kind in ("place", "country"):
                if men.kind == "country" and re.match(r"\s*(?:in|at)\s+(?:the\s+)?$", text[after + m.start():pos]) \
                        and men.label not in ("ruler", "GPE", "LOC", "capital") and not men.id:
                    continue
                name = text[local: men.end - sentence.start]
                # "in Glasgow, Scotland": the first place is the most precise
                return name if men.kind == "place" else (men.id or name)
        cap = re.match(r"((?:[A-Z][\w'’.-]*\s?){1,4})", text[pos:])
        if cap and re.search(r"(?:House|Palace|Kremlin|Elysee|Élysée|Headquarters|Hall|Centre|Center)$",
                             cap.group(1).strip()):
            return cap.group(1).strip()
    return None


def _label(sentence: Sentence, start: int, end: int) -> str | None:
    """The name of a gathering: the capitalised words around its trigger ("the 32nd Diplomatic Conference")."""
    text = sentence.text
    word = text[start:end]
    if not word[:1].isupper():
        return None
    before = re.search(r"((?:(?:\d+(?:st|nd|rd|th)|[A-Z0-9][\w'’.+&-]*|annual|of|the|and|on)\s+)*)$", text[:start])
    pre = before.group(1) if before else ""
    pre = re.sub(r"^(?:(?:of|the|and|on|annual)\s+)+", "", pre)
    after = re.match(r"((?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?)", text[end:])
    label = (pre + word + (after.group(1) if after else "")).strip()
    return label or None


def _ahead(date: TimeValue, published: str | None) -> TimeValue:
    """A weekday said of a plan is the coming one: "is due in X on Thursday" said on a Wednesday."""
    if date.precision != "day" or not published or len(published) != 10 or date.start:
        return date
    try:
        day, ref = dt.date.fromisoformat(date.value), dt.date.fromisoformat(published)
    except ValueError:
        return date
    if 0 < (ref - day).days < 7:
        return TimeValue((day + dt.timedelta(days=7)).isoformat(), "day")
    return date


def _is_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


# --------------------------------------------------------------------------- events of a sentence

_CONFERENCE_CUE = re.compile(
    r"\b(?:held|hold|holds|took\s+place|opened|opens|convened|attend(?:ed|s|ing)?|participat(?:ed|es|ing)\s+in|"
    r"address(?:ed|es|ing)?|chair(?:ed|s|ing)?|co-chaired|host(?:ed|s|ing)?|before|at|during|on\s+the\s+sidelines\s+of|"
    r"joined|spoke\s+at|took\s+part\s+in|wrapped\s+up|concluded|closed)\b", re.IGNORECASE)
_ATTEND = re.compile(r"\b(?:attend(?:ed|ing)?|address(?:ed|ing)?|chair(?:ed|ing)?|at|open(?:ed|ing)?)\s+"
                     r"(?:the|this)\s+(?:event|conference|meeting|summit|congress|forum|ceremony|session|talks)\b", re.IGNORECASE)
_STATE_SUBJECT = re.compile(r"(?:['’]s\s+)?(?:(?:foreign\s+)?ministry|government|military|junta|juntas|authorities|"
                            r"leaders|leadership|presidency|secretariat|commission|council|embassy|cabinet)?\s*",
                            re.IGNORECASE)
_MILITARY = re.compile(r"\b(?:military|naval|navy|navies|army|armies|air\s+forces?|troops|soldiers|drills?|"
                       r"war\s*games|warships?|vessels|defen[cs]e|frigates?|submarines?|jets|aircraft|marines|coast\s+guards?|"
                       r"defen[cs]e\s+forces|armed\s+forces|live-fire|amphibious|peacekeep\w*|counter-?terror\w*|"
                       r"maritime|search\s+and\s+rescue)\b", re.IGNORECASE)
_NAMED_EXERCISE = re.compile(r"\b[A-Z][\w-]+\s+(?:\d{2,4}\s+)?Exercises?\b|\bExercise\s+[A-Z]")
_PAIR_SUBJECT = re.compile(r"(?:both|the\s+two)\s+(?:sides|countries|nations|governments|states)", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b", re.IGNORECASE)
_HOSTED = re.compile(r"\bhost(?:ed|s|ing)\b", re.IGNORECASE)


def _sentence_events(doc: AnalyzedDocument, sentence: Sentence, names: dict[str, str],
                     previous_persons: list[str], extra: list[tuple[int, str]],
                     person_country: dict[str, str], speaker: str | None = None,
                     anchor: TimeValue | None = None) -> list[_Event]:
    if sentence.text.rstrip(" ”\"')").endswith("?") or re.match(r"Q\s", sentence.text):
        return []  # a question asserts nothing
    triggers = _triggers(sentence)
    if not triggers:
        return []
    clauses = _clauses(sentence, triggers, extra)
    dates = _more_dates(sentence.text, doc.published, timex.find(sentence.text, doc.published))
    text = sentence.text
    out: list[_Event] = []
    for (start, end, kind), (lo, hi) in zip(triggers, clauses):
        pre_persons = _persons_in(sentence, lo, start, names, extra)
        post_persons = _persons_in(sentence, end, hi, names, extra)
        pre_actors = _actors_in(sentence, lo, start)
        post_actors = _actors_in(sentence, end, hi)
        date, stated = _date_for(doc, sentence, (start, end), (lo, hi), dates)
        if _NEGATED.search(text[max(lo, start - 25):start]):
            continue
        future = _is_future(text[max(lo, start - 60):start]) or bool(
            re.match(r"\s+(?:would|will|are\s+(?:expected|due|set)|is\s+(?:expected|due|set)|to\s+be\s+held)\b",
                     text[end:end + 30], re.IGNORECASE))
        future = future or text[start:end].lower().startswith("due")
        if future and not stated:
            continue
        if future and date is not None:
            date = _ahead(date, doc.published)
        if _HABITUAL.search(text[max(lo, start - 40):min(hi, end + 40)]) or (kind == "election" and not stated):
            continue
        if not stated and anchor is not None and _SAME_DAY.search(text[lo:hi]):
            date, stated = anchor, True  # "in a statement issued the same day": the day told of before
        if not stated and not future and doc.published:
            # an undated happening in a dated report is the report's own day ("met today", a readout title)
            date = TimeValue(doc.published, "day" if len(doc.published) == 10 else
                             "month" if len(doc.published) == 7 else "year")
        event = _Event(kind, sentence, (start, end), (lo, hi), date=date, stated=stated)
        trigger_text = text[start:end]
        if kind == "visit":
            post_actors = sorted(post_actors + _capitals_in(sentence, end, hi))
            if not pre_persons and speaker and re.search(r"\b(?:I|we)\b", text[lo:start]):
                pre_persons = [(start - 1, speaker)]
            who = re.search(r",\s+who\s+(?:had\s+|has\s+|also\s+|last\s+|earlier\s+){0,2}$", text[:start])
            if not pre_persons and who:
                # "attended by Minister X, who visited Y in January": X is the visitor
                before = _persons_in(sentence, 0, who.start(), names, extra)
                if before and re.fullmatch(r"[\w .'’-]*", text[before[-1][0]:who.start()]):
                    pre_persons = [before[-1]]
            if not pre_persons and re.search(r"\b(?:his|her)\s+(?:\w+\s+){0,3}$", text[lo:start]):
                # "during his visit to X, Y said": Y, or the person last named
                later = _persons_in(sentence, hi, len(text), names, extra)
                who = [n for _, n in later[:1]] or previous_persons[-1:]
                pre_persons = [(start - 1, n) for n in who]
            if not _fill_visit(sentence, event, pre_persons, post_persons, pre_actors, post_actors):
                continue
        else:
            # "X said talks covered security": X reports the happening, X is not shown taking part
            pre_persons = [(p, n) for p, n in pre_persons if _family(kind) == "s" or not _REPORTING.search(text[p:start])
                           and not (_REPORTER.search(text[:p]) and re.match(r"[^,]*?\s(?:on|about)\s", text[p:start]))]
            if kind == "election":
                pre_persons, post_persons = [], []
            persons = [n for _, n in pre_persons + post_persons]
            if not persons and lo > 0:
                # the sentence's subject: "X spoke with Y to recall the vision they set out at the Summit"
                persons = [n for _, n in _persons_in(sentence, 0, lo, names, extra)]
            if not persons and _PRONOUN_SUBJECT.search(text[lo:end]) and previous_persons:
                persons = list(previous_persons)
            if not persons and speaker and re.search(r"\b(?:I|I['’]m|me|my|we|our|us)\b", text[lo:hi]):
                persons = [speaker]
            event.persons = persons
            actors = pre_actors + post_actors
            for m in sentence.mentions_of("pair"):
                # "both sides signed", "the two countries held talks": the subject is the pair set up before
                local = m.start - sentence.start
                if lo <= local < start and _PAIR_SUBJECT.fullmatch(m.text) and not _countries_named(actors):
                    actors = actors + [(local, cid, "country") for cid in (m.attrs.get("ids") or ())]
            event.actors = _dedupe([a for p, a, _ in actors if not _is_location_actor(text, p, a)
                                    and (kind == "interview" or not _is_media(a))])
            state_statement = False
            if kind == "statement" and trigger_text.lower() in ("said", "announced"):
                # "ECOWAS said Monday", "the juntas of A, B and C said Sunday": a state or body's statement
                # (a person's "said" is reporting, not an event)
                subject_end = max((m.end - sentence.start for m in sentence.mentions
                                   if pre_actors and m.start - sentence.start == pre_actors[-1][0]), default=-1)
                if pre_persons or subject_end < 0 or not _STATE_SUBJECT.fullmatch(text[subject_end:start]):
                    continue
                listed = [pre_actors[-1]]  # the subject: the last actor and the ones listed with it
                for prev in reversed(pre_actors[:-1]):
                    gap_end = max((m.end - sentence.start for m in sentence.mentions
                                   if m.start - sentence.start == prev[0]), default=prev[0])
                    joint = r"\s*,?\s*and\s*" if len(listed) == 1 else r"\s*,\s*"  # "A, B and C"
                    if not re.fullmatch(joint, text[gap_end:listed[-1][0]]):
                        break
                    listed.append(prev)
                if re.search(r"[,\"”]\s*(?:the\s+)?$", text[:listed[-1][0]]):
                    continue  # "..., the ministry said Monday": attribution of what went before
                event.persons = []
                event.actors = _dedupe([a for _, a, _ in reversed(listed) if not _is_media(a)])
                state_statement = True
                told = [d for d in dates if 0 <= d[0] - end <= 5]
                if told:
                    event.date, event.stated = told[0][2], True
            countries = [a for a in event.actors if len(a) == 3 and a.isupper() and a not in resolve.bodies()]
            if kind == "exercise":
                event.persons = []
                if not event.actors:
                    continue
            if kind == "interview":
                event.actors = [a for a in event.actors if _is_media(a)]
                if not event.persons:
                    continue
            subject_body = any(k == "body" and _group_body(a) for _, a, k in pre_actors)
            if kind in ("meeting", "talks", "call", "briefing", "statement") and not event.persons \
                    and len(countries) < 2 and not trigger_text[:1].isupper() and not subject_body \
                    and not state_statement:
                continue
            if kind == "signing" and not event.persons and len(countries) < 2:
                continue
            if kind == "conference":
                event.label = _label(sentence, start, end)
                body_gathering = _body_before(sentence, start)
                if not event.label and body_gathering:
                    event.label = text[body_gathering:end]
                holder = next((m for m in sentence.mentions if m.kind == "body" and
                               m.start - sentence.start <= start and end <= m.end - sentence.start), None)
                if not event.label and holder is not None:
                    event.label = holder.text
                named = bool(event.label) or _named_before(text, start) or \
                    bool(re.search(r"\b\d+(?:st|nd|rd|th)\s+(?:\w+\s+)?$", text[:start])) or \
                    any(k == "body" and _group_body(a) for _, a, k in pre_actors)
                if not named:
                    continue
                if not stated and not _CONFERENCE_CUE.search(text[max(lo, start - 40):start]) \
                        and not _CONFERENCE_CUE.search(text[end:min(hi, end + 40)]):
                    continue  # a gathering named in passing ("since the 13th Congress")
                event.actors = _dedupe(event.actors + _bodies_in_label(event.label))
            elif trigger_text[:1].isupper():
                event.label = _label(sentence, start, end)
            event.location = _location(sentence, lo, hi, end) or _location(sentence, lo, hi, lo)
            hosted = _HOSTED.search(text[lo:start])
            if hosted:
                hosts = [a for p, a, k in pre_actors if k == "country" and p < lo + hosted.start()]
                if hosts:
                    event.host = hosts[-1]
        if not event.persons and not event.actors:
            continue
        prior = out[-1] if out else None
        if prior and prior.kind == "signing" and event.kind == "statement" and start - prior.trigger[1] <= 20:
            continue  # "signed a joint declaration": the signing is the event
        if prior and _family(prior.kind) == _family(event.kind) and prior.kind != "visit" and \
                event.persons and set(prior.persons) == set(event.persons) and \
                start - prior.trigger[1] <= 50 and "," not in text[prior.trigger[1]:start]:
            # "A and B co-chaired the 12th X-Y Consultation": one gathering
            prior.label = prior.label or event.label
            prior.actors = _dedupe(prior.actors + event.actors)
            prior.location = prior.location or event.location
            continue
        out.append(event)
    return out + _last_time(sentence, out)


_FIRST_SINCE = re.compile(r"\bfirst\s+(?:[\w-]+\s+){0,3}?(?:visit|trip|travel|tour|journey)\b[^.;]*?\bsince\s+"
                          r"(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


def _last_time(sentence: Sentence, found: list[_Event]) -> list[_Event]:
    """ "his first trip to X since 2000": the previous visit, in 2000, is told too."""
    match = _FIRST_SINCE.search(sentence.text)
    visit = next((e for e in found if e.kind == "visit" and e.trigger[0] <= match.end()), None) if match else None
    if match is None or visit is None:
        return []
    return [replace(visit, date=TimeValue(match.group("year"), "year"), stated=True,
                    persons=list(visit.persons), actors=list(visit.actors))]


def _countries_named(actors: list[tuple[int, str, str]]) -> bool:
    """Whether a clause names countries itself (then a "both sides" adds nobody new)."""
    return any(k == "country" for _, _, k in actors)


def _group_body(bid: str) -> bool:
    """A body whose members meet as a group ("G7 ministers met", "ECOWAS leaders held talks")."""
    body = resolve.bodies().get(bid)
    return body is not None and body.kind in ("forum", "igo", "igo_organ", "coalition")


def _is_media(actor: str) -> bool:
    body = resolve.bodies().get(actor)
    return body is not None and body.kind in ("media", "news_agency", "broadcaster", "newspaper")


def _bodies_in_label(label: str | None) -> list[str]:
    """ "APEC Summit", "the U.S.-ASEAN Summit", "Quad Leaders' Summit": the bodies a gathering's name names."""
    if not label:
        return []
    out = []
    for word in re.split(r"[\s\-–]+", label):
        word = re.sub(r"['’]s?$", "", word.strip(",.()"))
        oid = resolve.body_id(word) or (resolve.country_id(word) if word[:1].isupper() and len(word) > 1 else None)
        if oid and oid not in out:
            out.append(oid)
    return out


_NOT_STATE = re.compile(r"\s*(?:[A-Z][\w.'’-]*\s+)?(?:companies|company|firms?|businesses|enterprises|investors|"
                        r"exporters|importers|products|goods|students|citizens|nationals|soldiers|troops|workers|"
                        r"people|media|press|banks?|airlines?|universities)\b")


def _is_location_actor(text: str, pos: int, actor: str) -> bool:
    """A country named as the place ("met in Malaysia") or as a modifier ("Kenyan companies") is
    not a participant."""
    name_end = re.match(r"[\w.'’-]+", text[pos:])
    if name_end and _NOT_STATE.match(text[pos + name_end.end():]):
        return True
    if not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[:pos]):
        return False
    rest = text[pos:]
    name = re.match(r"[\w.'’]+(?:\s+(?:of\s+)?[A-Z][\w.'’]*)*", rest)
    after = rest[name.end():] if name else rest
    return not re.match(r"\s*(?:[-–]\s*[A-Z]|[A-Z])", after)  # "in the Vietnam - India Exercise" is a name


def _fill_visit(sentence: Sentence, event: _Event, pre_persons: list[tuple[int, str]],
                post_persons: list[tuple[int, str]], pre_actors: list[tuple[int, str, str]],
                post_actors: list[tuple[int, str, str]]) -> bool:
    """Visitor(s) and destination of a visit; False when the clause does not say who went where."""
    text = sentence.text
    start, end = event.trigger
    lo, hi = event.clause
    trigger = text[start:end].lower()
    tail = text[end:hi]
    # "paid a visit to President X": a call on someone is a meeting
    to_person = re.match(r"\s+to\s+", tail)
    if to_person and post_persons:
        first_person = post_persons[0][0]
        countries_before = [a for a in post_actors if a[2] == "country" and a[0] < first_person]
        gap = text[end + to_person.end():first_person]
        if (not countries_before or all(re.fullmatch(r"[^,;]{0,40}", text[a[0]:first_person])
                                        for a in countries_before)) and len(gap) < 60 and "," not in gap:
            event.kind = "meeting"
            event.persons = [n for _, n in pre_persons + post_persons]
            event.location = _location(sentence, lo, hi, end)
            return len(event.persons) >= 2
    dest: list[str] = []
    if trigger.startswith(("visited", "visiting")) or trigger.endswith((" to", " in", " of")) or \
            (trigger == "visit" and re.match(r"\s+(?:the\s+)?[A-Z]", tail)):
        first = [a for a in post_actors if a[2] == "country"
                 and not re.search(r"\b(?:from|with|by|of|between)\s+(?:the\s+)?$", text[end:a[0]])]
        if first and len(text[end:first[0][0]]) < 25:
            dest = [first[0][1]]
            dest += _listed_after(text, first[0], [a for a in post_actors if a[2] == "country"])
    else:
        for m in re.finditer(r"\b(?:to|in)\s+", tail):
            pos = end + m.end()
            hit = [a for a in post_actors if a[0] >= pos and a[2] == "country"]
            if hit and hit[0][0] - pos < 25 and not re.search(r"\b(?:by|of|from|with|between)\s+(?:the\s+)?$",
                                                               text[pos:hit[0][0]]):
                dest = [hit[0][1]] + _listed_after(text, hit[0], hit)
                break
            if m.start() > 40:
                break
    if not dest:
        return False
    # visitors: the possessor or subject before the trigger, or "by/of/led by X" after it
    visitors = [n for _, n in pre_persons]
    by = re.search(r"\b(?:by|of|led\s+by|headed\s+by)\s+", tail)
    if by:
        visitors += [n for p, n in post_persons if p >= end + by.start()]
    if not visitors:
        owners = [a for a in pre_actors if a[1] not in dest]
        by_state = re.match(r"\s+by\s+(?:a|an|the)\s+", tail)
        state = [a for a in post_actors if by_state and a[0] == end + by_state.end() and a[2] == "country"
                 and a[1] not in dest]
        if owners and re.search(r"['’]s\s+(?:\w+\s+){0,3}$", text[:start]):
            event.actors = [owners[-1][1]]
        elif state:
            event.actors = [state[0][1]]  # "the first visit by a Turkish president to Egypt"
        else:
            return False
    event.persons = _dedupe(visitors)
    event.destination = ",".join(dest)
    event.actors = _dedupe(event.actors + dest)
    event.location = _location(sentence, lo, hi, end) or dest[0]
    return True


def _listed_after(text: str, first: tuple[int, str, str], actors: list[tuple[int, str, str]]) -> list[str]:
    """Countries listed after ``first``: "to the Republic of Korea and India"."""
    out = []
    prev = first
    for a in actors:
        if a[0] <= prev[0]:
            continue
        seg = text[prev[0]:a[0]]
        if re.fullmatch(r"[^,;]*?(?:,|\band\b|,\s*and\b)\s*(?:the\s+)?", seg) and len(seg) < 60:
            out.append(a[1])
            prev = a
        else:
            break
    return out


def _tokens_of(name: str) -> list[str]:
    return resolve.fold(name).casefold().split()


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


# --------------------------------------------------------------------------- documents

def _split(events: list[_Event], person_country: dict[str, str]) -> list[_Event]:
    """One visit per destination, and per visiting delegation (people of different countries)."""
    out = []
    for e in events:
        text = e.sentence.text[e.trigger[0]:e.trigger[1]]
        partners = [a for a in e.actors if a not in person_country.values()]
        if e.kind == "statement" and text.lower().endswith("s") and len(partners) > 1:
            # "issued Joint Statements with A and B": one statement with each
            for partner in partners:
                out.append(replace(e, actors=[a for a in e.actors if a not in partners] + [partner]))
            continue
        if e.kind != "visit":
            out.append(e)
            continue
        dests = (e.destination or "").split(",")
        groups: dict[str, list[str]] = {}
        for person in e.persons or [""]:
            groups.setdefault(person_country.get(person, "") if len(e.persons) > 1 else "", []).append(person)
        others = [a for a in e.actors if a not in dests]
        for dest in dests:
            for members in groups.values():
                members = [m for m in members if m]
                out.append(replace(e, persons=members, actors=others + [dest], host=None, destination=dest,
                                   location=e.location if len(dests) == 1 else dest))
    return out


def _family(kind: str) -> str:
    return {"meeting": "g", "talks": "g", "conference": "g", "call": "g",
            "statement": "s", "briefing": "s", "interview": "s"}.get(kind, kind)


def _date_value(e: _Event) -> str | None:
    return e.date.start or e.date.value if e.date else None


def _compatible(a: _Event, b: _Event) -> bool:
    """Dates that can be one happening's: equal to their precision, or one of them not stated."""
    x, y = _date_value(a), _date_value(b)
    return not (a.stated and b.stated) or x is None or y is None or x.startswith(y) or y.startswith(x)


def _merge(events: list[_Event]) -> list[_Event]:
    """One fact per happening: the same kind, compatible dates and the same people (or destination)."""
    out: list[_Event] = []
    for e in events:
        twin = None
        for o in out:
            if _family(o.kind) != _family(e.kind) or not _compatible(o, e):
                continue
            if e.kind == "visit" or o.kind == "visit":
                if o.kind == e.kind and o.destination == e.destination and set(o.persons) & set(e.persons):
                    twin = o
                    break
                continue
            shared = set(o.persons) & set(e.persons)
            title_line = o.sentence.index == 0 and positions._headline(o.sentence.text)
            told_twice = title_line or (len(shared) >= 2 and set(o.persons) == set(e.persons))
            same_name = (not o.label or not e.label or o.label == e.label) and \
                not ((o.kind == "conference") != (e.kind == "conference") and (o.label or e.label) and not title_line)
            if shared and told_twice and same_name and (o.kind == e.kind or o.sentence.index == 0):
                twin = o
                break
        if twin is None:
            out.append(e)
            continue
        twin.persons = _dedupe(twin.persons + e.persons)
        twin.actors = _dedupe(twin.actors + e.actors)
        if e.date and (not twin.date or (e.stated and not twin.stated) or
                       (e.stated == twin.stated and (len(e.date.value) > len(twin.date.value) or
                                                     (e.date.start and not twin.date.start)))):
            twin.date = e.date
            twin.stated = twin.stated or e.stated
        twin.location = twin.location or e.location
        twin.label = twin.label or e.label
    return out


def _one_sided(e: _Event, person_country: dict[str, str]) -> bool:
    """Talks or a meeting with one person and nobody but their own state ("X told reporters after the
    talks", "Y met him at the airport"): the other side is unknown, so the fact would mislead."""
    if e.kind not in ("meeting", "talks") or len(e.persons) != 1:
        return False
    own = person_country.get(e.persons[0])
    if not own or any(a != own for a in e.actors):
        return False
    text, (start, end) = e.sentence.text, e.trigger
    # only a reference back ("after the talks") or a pronoun partner ("met him"), not "held talks with <unnamed>"
    return bool(re.search(r"(?:\b(?:after|before|during|following)\s+the|^the)\s+$", text[max(0, start - 20):start],
                          re.IGNORECASE) or re.match(r"\s+(?:him|her|them)\b", text[end:end + 6])
                or re.fullmatch(r"(?:be\s+|been\s+)?hosted\s+by", text[start:end + 3].strip(), re.IGNORECASE)
                or (text[start:end].lower() == "hosted" and re.match(r"\s+by\b", text[end:end + 4])))


def _attendance(sentence: Sentence, events: list[_Event], persons: list[str]) -> None:
    """ "Attending the event were A, B and C": they took part in the last gathering told of."""
    if not persons or not _ATTEND.search(sentence.text):
        return
    for e in reversed(events):
        if _family(e.kind) == "g" and e.sentence.index >= sentence.index - 10:
            e.persons = _dedupe(e.persons + persons)
            return


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    readings = positions.holdings(doc)
    holdings = positions._fix_headline_names(readings)
    names = positions.canonical_names(doc, (h.person for h in holdings))
    person_country: dict[str, str] = {}
    for fact in positions.facts_from(doc, readings):
        org = resolve.national_country(str(fact.get("org"))) or str(fact.get("org"))
        person_country.setdefault(str(fact.get("person")), org)
    for raw, full in names.items():
        if full in person_country:
            person_country.setdefault(raw, person_country[full])
    extra_by_sentence: dict[int, list[tuple[int, str]]] = {}
    for h in holdings:
        if h.at >= 0:
            extra_by_sentence.setdefault(h.sentence.index, []).append((h.at - h.sentence.start, h.person))
    events: list[_Event] = []
    previous: list[str] = []
    speaker: str | None = None
    anchor: TimeValue | None = None  # the last day a sentence named, for "the same day"
    for sentence in doc.sentences:
        extra = extra_by_sentence.get(sentence.index, [])
        label = positions._SPEAKER_RE.match(sentence.text)
        if label:
            raw = resolve.person_name(label.group("name").title())
            speaker = names.get(raw) or next((full for key, full in names.items()
                                              if _tokens_of(key)[-1:] == _tokens_of(raw)[-1:]), None)
        found = _sentence_events(doc, sentence, names, previous, extra, person_country, speaker, anchor)
        days = [m for m in sentence.mentions_of("date") if m.attrs.get("precision") == "day" and m.attrs.get("value")]
        if days:
            anchor = TimeValue(str(days[-1].attrs["value"]), "day")
        persons = [n for _, n in _persons_in(sentence, 0, len(sentence.text), names, extra)]
        if not found:
            _attendance(sentence, events, persons)
        events.extend(found)
        pairs = [e.persons for e in found if len(e.persons) >= 2]
        if pairs:
            previous = pairs[-1][:2]
        elif len(persons) >= 2 or (persons and len(previous) < 2):
            previous = persons[:2]
    events = _merge(_split(events, person_country))
    facts = []
    for e in events:
        participants = _dedupe(e.persons + e.actors + [person_country.get(p, "") for p in e.persons
                                                       if e.kind != "visit"])
        if _one_sided(e, person_country):
            continue
        fields: dict[str, object] = {"kind": e.kind, "participants": participants}
        if e.date and e.date.start and e.date.end and e.date.start != e.date.end:
            fields["start"], fields["end"] = e.date.start, e.date.end
            fields["date"] = None
        else:
            fields["date"] = e.date.value if e.date else None
        if e.location:
            fields["location"] = e.location
        if e.host:
            fields["host"] = e.host
        if e.label:
            fields["label"] = e.label
        confidence = 0.7 if e.date else 0.5
        facts.append(make_fact(doc, e.sentence, "event", EXTRACTOR, confidence, **fields))
    return facts
