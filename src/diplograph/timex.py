"""Time expressions: find them, resolve them against the document's date, keep the precision.

News states time in many ways ("on April 27", "Dec 14", "December 12-13",
"late August last year", "this fall", "19/5/2022", "2020-2021"). Every value
keeps the precision the text supports (``year``, ``month``, ``day``): a fact
dated "in December" must not pretend to know the day. Relative expressions
("today", "last week", "Friday") need a reference date (the document's date);
without one they resolve to nothing rather than to the machine's clock. A
month and day with no known year come out as ``--04-27``.

The finder is regular expressions only, because it runs on every sentence of
large corpora; ``dateparser`` is a last resort in :func:`resolve` and never
sees today's real date.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Precision = Literal["year", "month", "day"]

__all__ = ["TimeValue", "date_document", "find", "resolve"]


@dataclass(frozen=True)
class TimeValue:
    """A resolved time: ISO ``value`` to its ``precision``; ranges also carry ``start``/``end``."""

    value: str
    precision: Precision
    start: str | None = None
    end: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.value[:4]) if self.value[:4].isdigit() else None


# ---------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Capitalised only: "may" and "march" are also ordinary words.
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.(?!\d))?")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0,
}
_NUMBER_WORDS.update({w: 13 + i for i, w in enumerate(
    ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))})
_TENS = {w: 20 + 10 * i for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                              "ninety"))}
_NUMBER_RE = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
              r"seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
              r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A year: 1800-2099, not part of a longer number, an amount or a decimal.
_YEAR = r"(?<![\d,.$€£#/])(?:1[89]\d\d|20\d\d)(?!\d|,\d|\.\d|s\b|\s*(?:%|percent|per cent))"  # not "the 1990s"
_DASH = r"\s*(?:-|–|—|to|until|till|through)\s*"

# A lower-case plural right after a number makes it a count ("1945 soldiers"), not a year.
_NOT_PLURAL = {"as", "was", "has", "is", "its", "this", "thus", "plus", "across", "us", "his",
               "always", "towards", "afterwards", "besides", "unless", "whereas", "amid", "alongs"}
_COUNT_BEFORE = re.compile(
    r"(?:\b(?:No|no|Nos|number|Number|Order|Resolution|Decree|Decision|Law|Article|Section|Rule|page|Page|"
    r"p|pp|Act|Code|Circular|Directive|Regulation|Item|Flight|flight|Route|Highway|Room|Box|Ext|ext)\.?|#|\$)\s*$"
)
_FUTURE_BEFORE = re.compile(
    r"(?:\b(?:will|shall|scheduled|slated|set to|set for|due to|due in|to be held|is to|are to|plans? to|"
    r"planned|expected to|intends? to|aims? to|upcoming|forthcoming|next|later this|goals?|targets?|"
    r"vision|until|ahead of|expir\w*|looks? forward|proclaim|between now and|"
    r"(?:is|are|am) (?:headed|heading|traveling|travelling|leaving|departing|flying|going))\b[^.;]{0,60}"
    r"|\b(?:by|beginning|starting|effective|through)\s+(?:the\s+)?(?:end\s+of\s+|year\s+)?)$",
    re.IGNORECASE,
)
# A day set before its clause, which is about the future: "On Monday, the President will host ...".
_FUTURE_AFTER_FRONTED = re.compile(
    r"\s*,\s*(?:(?!(?:and|but|said|says|told|announced|added|noted|stressed|confirmed)\b)[\w’'.-]+\s+){0,5}(?:will|shall|(?:is|are) (?:scheduled|set|due|expected|slated) to)\b",
    re.IGNORECASE)
# "the 2030 Agenda", "Vision 2045", "the 2050 Strategy": a year in a name, not a time of the text.
_NAMED_YEAR_AFTER = re.compile(r"^\s+(?:Agenda|Vision|Strategy|Goals?|Plan|Framework|Roadmap|Programme|Program)\b")
_NAMED_YEAR_BEFORE = re.compile(r"\b(?:Agenda|Vision|Strategy|Plan|Roadmap|Horizon|Expo|Cup|Olympics)\s+$")


# ---------------------------------------------------------------- references

@dataclass(frozen=True)
class _Ref:
    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> Precision | None:
        if self.year is None:
            return None
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


def _parse_ref(ref: str | None) -> _Ref:
    if not ref:
        return _Ref(None, None, None)
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", ref.strip())
    if not m:
        return _Ref(None, None, None)
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        month = day = None  # an impossible reference keeps its calendar part ("2021-13-45" -> 2021)
    if day is not None and not _valid(year, month or 1, day):
        day = None  # "2021-02-30" -> 2021-02
    return _Ref(year, month, day)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    if year is None:
        if day:
            return f"--{month:02d}-{day:02d}"
        return f"--{month:02d}"
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int | None, month: int, day: int | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    last = calendar.monthrange(year if year else 2000, month)[1]  # a leap year when unknown
    return 1 <= day <= last


def _day_value(d: date) -> TimeValue:
    return TimeValue(d.isoformat(), "day")


def _truncate(ref: _Ref, d: date | None = None) -> TimeValue | None:
    """A day-level result when only a coarser reference is known: keep what is certain."""
    if d is not None and ref.precision == "day":
        return _day_value(d)
    if ref.precision == "month":
        return TimeValue(_iso(ref.year, ref.month), "month")
    if ref.precision == "year":
        return TimeValue(_iso(ref.year), "year")
    return None


def _month_of(year: int | None, month: int, day: int | None = None) -> TimeValue:
    if day is not None:
        return TimeValue(_iso(year, month, day), "day")
    return TimeValue(_iso(year, month), "month")


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _num(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    parts = re.split(r"[\s-]+", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _NUMBER_WORDS:
        return _TENS[parts[0]] + _NUMBER_WORDS[parts[1]]  # "twenty-five"
    return _TENS.get(word, _NUMBER_WORDS.get(word))


def _clean_year(text: str) -> int:
    return int(re.sub(r"\D", "", text)[:4])


# ---------------------------------------------------------------- patterns
# Each pattern has a group "x" (the expression's span) and a handler
# (match, ref, context-before) -> TimeValue | None.

Handler = Callable[["re.Match[str]", "_Ref", str], "TimeValue | None"]


def _h_iso(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return TimeValue(_iso(y, mo, d), "day") if _valid(y, mo, d) else None


def _h_numeric(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 and _valid(y, b, a):  # 19/5/2022: day first
        return TimeValue(_iso(y, b, a), "day")
    if b > 12 and _valid(y, a, b):  # 5/19/2022: US order
        return TimeValue(_iso(y, a, b), "day")
    if a == b and _valid(y, a, a):
        return TimeValue(_iso(y, a, a), "day")
    # Both orders possible: only the year is certain.
    if _valid(y, b, a) or _valid(y, a, b):
        return TimeValue(_iso(y), "year")
    return None


def _year_for_month(ref: _Ref, rel: str | None, month: int, before: str = "") -> int | None:
    """The year of a month stated without one: the reference's, moved by last/next."""
    if ref.year is None:
        return None
    rel = (rel or "").lower()
    year = ref.year
    if rel in ("last", "past") and ref.month is not None:
        return year - 1 if month >= ref.month else year
    if rel in ("next", "coming") and ref.month is not None:
        return year + 1 if month <= ref.month else year
    if rel == "this":
        return year
    return _nearest_year(ref, month, None, before)


_PAST_BEFORE = re.compile(r"\b(?:was|were|had|did|held|met|signed|took|visited|said|told|announced|agreed|"
                          r"since|last|ago|earlier|previously|\w{3,}ed)\b[^.;]{0,60}$", re.IGNORECASE)
_FORWARD_BEFORE = re.compile(r"\b(?:looks?|looked|looking) forward\b[^.;]{0,60}$", re.IGNORECASE)


def _nearest_year(ref: _Ref, month: int, day: int | None, before: str) -> int | None:
    """The year of a date written without one ("Dec 28", "in August"), seen from the reference date.

    Near the reference either way; a date that would fall months after the
    reference is last year's when the clause speaks of the past ("imposed ...
    in August"), and one months before it is next year's when the clause looks
    ahead ("will meet in January").
    """
    if ref.year is None or ref.month is None:
        return ref.year
    ref_day = ref.day or 15
    here = (ref.month, ref_day)
    when = (month, day or 15)
    future = bool(_FUTURE_BEFORE.search(before) or _FORWARD_BEFORE.search(before))
    past = not future and bool(_PAST_BEFORE.search(before))
    months_ahead = (month - ref.month) + ((day or 15) - ref_day) / 31
    if months_ahead > 6 or (past and when > here and months_ahead > 0.5):
        return ref.year - 1
    if (future and when < here and months_ahead < -0.5) or (not past and months_ahead < -9):
        return ref.year + 1  # news looks back more than ahead: only a clear future or a far date moves on
    return ref.year


def _h_month_day(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    day = int(re.sub(r"\D", "", m["d1"]))
    day2 = int(re.sub(r"\D", "", m["d2"])) if m["d2"] else None
    year = _clean_year(m["y"]) if m["y"] else _nearest_year(ref, month, day, before)
    if m["ly"] and ref.year is not None:
        year = ref.year + {"last": -1, "next": 1, "this": 0}[m["ly"].lower()]
    elif m["ly"]:
        year = None
    if not _valid(year, month, day) or (day2 is not None and (day2 <= day or not _valid(year, month, day2))):
        return None
    value = _iso(year, month, day)
    if day2 is not None:
        return TimeValue(value, "day", value, _iso(year, month, day2))
    return TimeValue(value, "day")


def _h_month_year(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    return TimeValue(_iso(_clean_year(m["y"]), month), "month")


def _h_month(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    rel = m["rel"]
    year: int | None
    if m["ly"]:
        year = None if ref.year is None else ref.year + {"last": -1, "next": 1, "this": 0}[m["ly"].lower()]
    else:
        year = _year_for_month(ref, rel, month, before)
    if rel and rel.lower() in ("last", "next", "past", "coming") and year is None:
        return None
    return TimeValue(_iso(year, month), "month")


def _h_year_range(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    y1 = int(m["y1"])
    tail = m["y2"]
    y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
    if not 0 < y2 - y1 <= 100:
        return None
    return TimeValue(_iso(y1), "year", _iso(y1), _iso(y2))


def _h_year_part(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    phrase = m["x"].lower()
    if "end of" in phrase or "fourth quarter" in phrase:
        return TimeValue(_iso(int(m["y"]), 12), "month")  # "by the end of 2025": December
    if "beginning of" in phrase or "start of" in phrase:
        return TimeValue(_iso(int(m["y"]), 1), "month")
    if phrase.startswith("early") and ref.year == int(m["y"]) and ref.month == 1:
        return TimeValue(_iso(ref.year, 1), "month")  # "early 2026" seen from January 2026: this January
    return TimeValue(_iso(int(m["y"])), "year")


def _h_new_year(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    return TimeValue(_iso(int(m["y"]), 1), "month")


def _h_year(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    if _COUNT_BEFORE.search(before[-12:]):
        return None
    after = m.string[m.end():m.end() + 24]
    nxt = re.match(r"\s+([a-z]+)", after)
    if nxt and nxt.group(1).endswith("s") and nxt.group(1) not in _NOT_PLURAL and len(nxt.group(1)) > 3:
        return None
    if re.match(r"\s*(?:-|–)?\s*(?:mile|km|kilomet|meter|metre|ton|foot|feet|strong|member|year-old)", after):
        return None
    return TimeValue(m["x"], "year")


def _h_season(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    if m["y"]:
        return TimeValue(_iso(int(m["y"])), "year")
    if ref.year is None:
        return None
    rel = m["rel"].lower()
    if rel == "this":
        return TimeValue(_iso(ref.year), "year")
    if rel == "last":
        return TimeValue(_iso(ref.year - 1), "year")
    if rel == "next":
        return TimeValue(_iso(ref.year + 1), "year")
    return None


def _h_relative_day(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    word = m["w"].lower()
    d = ref.as_date()
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    if offset and d is None:
        # "yesterday" with a month-level reference may fall in the month before: say nothing.
        return None
    return _truncate(ref, d + timedelta(days=offset) if d else None)


def _h_relative_unit(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    rel, unit = m["rel"].lower().replace("the", "this"), m["unit"].lower()
    # "the past year": the twelve months to the reference date, mostly its own year
    delta = 0 if rel in ("this", "earlier this", "later this", "current", "past") else (
        -1 if rel in ("last", "previous") else 1)
    if unit == "year":
        return TimeValue(_iso(ref.year + delta), "year") if ref.year is not None else None
    if unit == "month":
        if ref.month is None:
            return TimeValue(_iso(ref.year), "year") if delta == 0 and ref.year is not None else None
        y, mo = _shift_month(ref.year or 0, ref.month, delta)
        return TimeValue(_iso(y, mo), "month")
    # week: the month it falls in, with the week's days as start/end
    d = ref.as_date()
    if d is None:
        return _truncate(ref) if delta == 0 else None
    monday = d - timedelta(days=d.weekday()) + timedelta(weeks=delta)
    sunday = monday + timedelta(days=6)
    anchor = d if delta == 0 else monday
    return TimeValue(_iso(anchor.year, anchor.month), "month", monday.isoformat(), sunday.isoformat())


def _h_ago(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    n = _num(m["n"])
    if not n:
        return None
    unit = m["unit"].lower().rstrip("s")
    d = ref.as_date()
    if unit == "day":
        return _day_value(d - timedelta(days=n)) if d else None
    if unit == "week":
        if d is None:
            return None
        past = d - timedelta(weeks=n)
        return TimeValue(_iso(past.year, past.month), "month")
    if ref.year is None:
        return None
    months = n if unit == "month" else 12 * n
    if ref.month is None:
        return TimeValue(_iso(ref.year - n), "year") if unit == "year" else None
    y, mo = _shift_month(ref.year, ref.month, -months)
    return TimeValue(_iso(y, mo), "month")


def _h_weekday(m: re.Match[str], ref: _Ref, before: str) -> TimeValue | None:
    target = _WEEKDAYS[m["wd"].lower()]
    d = ref.as_date()
    if d is None:
        return _truncate(ref)
    rel = (m["rel"] or "").lower()
    back = (d.weekday() - target) % 7
    if rel == "last":
        back = back or 7
        return _day_value(d - timedelta(days=back))
    fronted_future = bool(_FUTURE_AFTER_FRONTED.match(m.string, m.end()))
    if rel == "next" or (rel != "this" and (_FUTURE_BEFORE.search(before[-80:] or "") or fronted_future)):
        ahead = (target - d.weekday()) % 7
        if rel == "next":
            ahead = ahead or 7
        return _day_value(d + timedelta(days=ahead))
    return _day_value(d - timedelta(days=back))


_LY = r"(?:\s+(?P<ly>last|next|this)\s+year)?"
_PATTERNS: list[tuple[str, re.Pattern[str], Handler]] = [
    ("digit", re.compile(r"(?<![\d-])(?P<x>(?P<y>\d{4})(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2}))(?![\d-])"), _h_iso),
    ("digit", re.compile(r"(?<![\d/.])(?P<x>(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\3(?P<y>\d{4}))(?![\d/])"), _h_numeric),
    # December 12-13, 2021 / Dec 14 / April 27th / December 19, 2021 / August 5 last year
    ("month", re.compile(rf"\b(?P<x>(?P<mon>{_MON})\s+(?P<d1>{_DAY})(?:\s*(?:-|–|and|to)\s*(?P<d2>{_DAY}))?"
                rf"(?:,?\s+(?P<y>{_YEAR}))?{_LY})(?![\d:,]\d|\d)"), _h_month_day),
    # 14 December 2021 / 12-13 December / 1st of May
    ("month", re.compile(rf"(?<![\d.,/])(?P<x>(?P<d1>{_DAY})(?:\s*(?:-|–|and|to)\s*(?P<d2>{_DAY}))?\s+(?:of\s+)?"
                rf"(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?{_LY})\b"), _h_month_day),
    # December 2021 / December of 2021
    ("month", re.compile(rf"\b(?P<x>(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR}))"), _h_month_year),
    # a month without a day, when a cue says it is a time: "in June", "late August last year",
    # "the June Summit"
    ("month", re.compile(rf"(?:\b(?:in|since|until|till|by|from|through|during|of|on|before|after|and|or)\s+)"
                rf"(?P<x>(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?"
                rf"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{_MON}){_LY})(?!\s*\d)\b"), _h_month),
    ("month", re.compile(rf"\b(?P<x>(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)"
                rf"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{_MON}){_LY})(?!\s*\d)\b"), _h_month),
    ("month", re.compile(rf"\b(?P<x>(?P<rel>)(?P<mon>{_MON})\s+(?P<ly>last|next|this)\s+year)\b"), _h_month),
    ("month", re.compile(rf"\b(?P<x>(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+(?P<mon>{_MON}){_LY})(?!\s*\d)\b"),
     _h_month),
    ("month", re.compile(rf"\b[Tt]he\s+(?P<x>(?P<rel>)(?P<mon>{_MON}){_LY})\s+(?=[A-Z][a-z])"), _h_month),
    # 2020-2021 / 2023–2025 / 2021-30 / 2021/22
    ("digit", re.compile(rf"(?P<x>(?P<y1>{_YEAR})\s*(?:-|–|—|/)\s*(?P<y2>(?:1[89]|20)\d\d|\d\d))(?![\d%])"), _h_year_range),
    # early 2026 / mid-2024 / the end of 2025 / the first half of 2022
    ("digit", re.compile(rf"\b(?P<x>(?:[Ee]arly|[Ll]ate|[Mm]id|the (?:end|beginning|start|middle|first half|second half"
                rf"|first quarter|second quarter|third quarter|fourth quarter) of)[\s-]+(?P<y>{_YEAR}))"), _h_year_part),
    ("digit", re.compile(rf"\b(?P<x>(?:[Tt]he\s+)?(?:Lunar\s+)?New\s+Year(?:'s(?:\s+Day)?)?\s+(?P<y>{_YEAR}))"), _h_new_year),
    ("digit", re.compile(rf"(?P<x>{_YEAR})"), _h_year),
    ("season", re.compile(r"(?i:\b(?P<x>(?P<rel>this|last|next|early|late)\s+(?P<season>spring|summer|fall|autumn|winter)"
                rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?)\b)"), _h_season),
    ("season", re.compile(rf"(?i:\b(?P<x>(?P<rel>)(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>{_YEAR})))"),
     _h_season),
    ("rel_day", re.compile(r"\b(?P<x>(?P<w>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|[Ll]ast night)|[Tt]his\s+(?P<w2>morning|afternoon|evening))\b"),
     lambda m, ref, before: _h_relative_day(m, ref, before) if m["w"] else _truncate(ref, ref.as_date())),
    ("rel_unit", re.compile(r"\b(?P<x>(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming|[Pp]revious|[Cc]urrent|"
                r"[Ee]arlier this|[Ll]ater this)\s+(?P<unit>week|month|year))\b"), _h_relative_unit),
    # "at the start of the week", "by the end of the month": the week or month of the text
    ("rel_unit", re.compile(r"\b(?:the\s+)?(?:start|end|beginning|middle|close)\s+of\s+(?P<x>(?P<rel>the)\s+"
                r"(?P<unit>week|month))\b"), _h_relative_unit),
    ("ago", re.compile(r"(?i:\b(?P<x>(?P<n>\d{1,3}|" + _NUMBER_RE + r")"
                r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b)"), _h_ago),
    ("weekday", re.compile(r"\b(?P<x>(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
                r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"), _h_weekday),
]

_JOIN_RANGE = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$")

# Cheap tests that rule out whole groups of patterns (find runs on every sentence of a corpus).
_GATES: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "month": re.compile(_MON),
    "season": re.compile(r"(?i:spring|summer|fall|autumn|winter)"),
    "rel_day": re.compile(r"[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|[Ll]ast night|[Tt]his\s+(?:morning|afternoon|evening)"),
    "rel_unit": re.compile(r"(?:week|month|year)\b"),
    "ago": re.compile(r"(?i:\bago\b)"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
}


def _candidates(text: str, ref: _Ref) -> list[tuple[int, int, TimeValue]]:
    out: list[tuple[int, int, TimeValue]] = []
    open_gates = {name for name, gate in _GATES.items() if gate.search(text)}
    for gate, pattern, handler in _PATTERNS:
        if gate not in open_gates:
            continue
        for m in pattern.finditer(text):
            start, end = m.span("x")
            if start == end:
                continue
            value = handler(m, ref, text[max(0, start - 80):start])
            if value is not None:
                out.append((start, end, value))
    return out


def _select(cands: list[tuple[int, int, TimeValue]]) -> list[tuple[int, int, TimeValue]]:
    """Longest expressions win; the rest must not overlap them."""
    chosen: list[tuple[int, int, TimeValue]] = []
    for start, end, value in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, value))
    return sorted(chosen, key=lambda c: c[0])


def _merge_ranges(text: str, found: list[tuple[int, int, TimeValue]]) -> list[tuple[int, int, TimeValue]]:
    """"April 30, 1975 - April 30, 2022", "from 2010 to 2015", "between May and July": one range."""
    out: list[tuple[int, int, TimeValue]] = []
    for item in found:
        if out:
            ps, pe, pv = out[-1]
            s, e, v = item
            gap = text[pe:s]
            if (text[ps:pe].strip().lower() in _WEEKDAYS and gap.strip() in ("", ",") and len(gap) <= 2
                    and v.precision == "day"):
                out[-1] = (ps, e, v)  # "Sunday, May 8": the weekday names the date that follows it
                continue
            if (_JOIN_RANGE.match(gap) and pv.precision == v.precision and pv.start is None
                    and v.start is None and pv.value < v.value):
                lead = text[max(0, ps - 9):ps].lower()
                joiner = gap.strip().lower()
                if (joiner in ("-", "–", "—") or (joiner == "and" and lead.endswith("between "))
                        or (joiner in ("to", "until", "till", "through") and lead.endswith("from "))):
                    out[-1] = (ps, e, TimeValue(pv.value, pv.precision, pv.value, v.value))
                    continue
        out.append(item)
    return out


def find(text: str, ref: str | None = None) -> list[tuple[int, int, TimeValue]]:
    """Every time expression in ``text`` as (start, end, value), offsets relative to ``text``."""
    return _merge_ranges(text, _select(_candidates(text, _parse_ref(ref))))


# ---------------------------------------------------------------- resolve

_FILLER = re.compile(r"^\W*(?:(?:on|in|at|by|since|from|of|during|the|noon|midnight|morning|afternoon|evening|night)\W+)*",
                     re.IGNORECASE)


def resolve(text: str, ref: str | None = None) -> TimeValue | None:
    """One time expression resolved against ``ref`` (the document's date, any precision)."""
    found = find(text, ref)
    if found:
        return max(found, key=lambda f: (f[1] - f[0], -f[0]))[2]
    return _dateparser_fallback(text, ref)


def _dateparser_fallback(text: str, ref: str | None) -> TimeValue | None:
    """Last resort for odd spellings; never anchored on the machine's clock."""
    phrase = _FILLER.sub("", text).strip()
    if not phrase or not re.search(r"[A-Za-z]{3}|\d", phrase):
        return None
    # Only odd spellings of calendar dates: dateparser reads "200 years" as 1824 and clock times as today.
    if not (_GATES["month"].search(phrase) or re.search(r"\d{1,4}[-/.]\d{1,2}", phrase)):
        return None
    if re.search(r"(?i)\b(?:years?|months?|weeks?|days?|ago|hours?|minutes?|[ap]\.?m\.?)\b|:\d", phrase):
        return None
    parsed_ref = _parse_ref(ref)
    has_year = re.search(r"\b(?:1[89]|20)\d\d\b", phrase)
    if parsed_ref.year is None and not has_year:
        return None  # relative or yearless: needs a reference
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    base = datetime(parsed_ref.year or 2000, parsed_ref.month or 1, parsed_ref.day or 1)
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "current_period",
        "STRICT_PARSING": False, "RETURN_TIME_AS_PERIOD": False})
    try:
        data = parser.get_date_data(phrase)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if parsed_ref.year is None and str(d.year) not in phrase:
        return None
    if period == "year":
        return TimeValue(_iso(d.year), "year")
    if period == "month":
        return TimeValue(_iso(d.year, d.month), "month")
    if period in ("day", "time", "week"):
        if parsed_ref.precision != "day" and not has_year and not re.search(r"\d", phrase):
            return _truncate(parsed_ref)
        return TimeValue(_iso(d.year, d.month, d.day), "day")
    return None


# ---------------------------------------------------------------- document date

_REVIEW = re.compile(r"\b(?:results?|achievements?|outcomes?|highlights?|review|reviewing|looking back|look back|"
                     r"year[- ]end|in retrospect|milestones?|outstanding|takeaways?|recap)\b", re.IGNORECASE)
def _is_review_of(sent: str, year: int) -> bool:
    """"5 outstanding results in foreign affairs in 2023", "looking back at 2021": a review of that year."""
    m = _REVIEW.search(sent)
    return bool(m and re.search(rf"\b(?:in|of|during|for|throughout|at|over)\s+{year}\b", sent[m.end():m.end() + 80]))


_TODAY = re.compile(r"\b(?:[Tt]oday|[Tt]his (?:morning|afternoon|evening))\b")


def _body_text(text: str, segments: Sequence[tuple[int, int]] | None) -> list[tuple[int, str]]:
    spans = list(segments) if segments else [(0, len(text))]
    out = []
    for start, end in spans:
        pos = start
        for line in text[start:end].split("\n"):
            if line.strip():
                out.append((pos, line))
            pos += len(line) + 1
    return out


def _sentences(line: str) -> Iterable[str]:
    return (s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", line) if s.strip())


def _future(before: str) -> bool:
    return bool(_FUTURE_BEFORE.search(before))


# "Executive Order 13664 of April 3, 2014", "Reg. 46788 (Aug. 3, 2020)", "dated January 13": a citation.
_CITATION_BEFORE = re.compile(r"(?:\b(?:Order|Proclamation|Memorandum|Act|Resolution|Decree|Directive|Decision|Law|"
                              r"Circular|Reg|Regulation|Notice|No)\.?\s*[\w./-]*\d[\w./-]*,?\s*(?:of|\()\s*|"
                              r"\bdated\s+|\bAct of\s+)$")


def _named_year(sent: str, start: int, end: int) -> bool:
    return bool(_NAMED_YEAR_AFTER.match(sent[end:end + 14]) or _NAMED_YEAR_BEFORE.search(sent[max(0, start - 12):start])
                or _CITATION_BEFORE.search(sent[max(0, start - 40):start]))


def _year_support(sentences: list[str]) -> Counter[int]:
    """How often the text states each year about the past or present (not targets, names or long plans)."""
    years: Counter[int] = Counter()
    for sent in sentences:
        for start, end, value in find(sent, None):
            if value.year is None or _future(sent[max(0, start - 60):start]) or _named_year(sent, start, end):
                continue
            if value.start and value.end and value.precision == "year":
                y1, y2 = int(value.start[:4]), int(value.end[:4])
                # A short term (2020-2021) has ended or is running; a long plan (2021-2030) has not.
                years[y1] += 1
                if y2 - y1 <= 1:
                    years[y2] += 1
            else:
                years[value.year] += 1
    return years


def _start_key(value: TimeValue) -> str:
    v = value.value
    return v + "-01-01" if len(v) == 4 else v + "-01" if len(v) == 7 else v


_DATELINE = re.compile(rf"^[A-Z][\w .'’-]{{1,40}},\s*(?:[A-Z][\w .'’-]{{1,30}},\s*)?(?P<d>{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?)"
                       r"\s*(?:\([\w .&-]{1,30}\)\s*)?[-–—:]")


# A line that is only a date stamp: "14.02.2024", "Updated 4:12 PM UTC, January 29, 2024",
# "Published on: 19/06/2024 - 14:32", "2024-02-14 17:20", "Tuesday 2 Jan 2024".
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:updated|last updated|published|posted|first published|modified|date|on|at|am|pm|a\.m|p\.m|"
    r"utc|gmt|est|edt|ict|ist|cet|cest|eat|jst|kst|msk|local time|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b\.?")
_STAMP_REST = re.compile(r"^[\s\d:.,/|+\-–—()]*$")


_STAMP_PUBLISHED = re.compile(r"(?i)\b(?:published|posted|first published|date)\b")
_STAMP_UPDATED = re.compile(r"(?i)\b(?:updated|modified)\b")
# A full date right after a place or agency at the start of a body sentence:
# "GIS - 03 October 2024: ...", "Cairo, 2 May 2024 - ...".
_DATED_LEAD = re.compile(r"^[A-Z][\w .,'’()/&-]{0,45}?\s*$")
_DATED_TAIL = re.compile(r"^\s*(?:\([^)]{1,30}\)\s*)?[:\-–—]")


_CLOCK = re.compile(r"\b\d{1,2}[:h]\d{2}\b")


def _header_dates(text: str, body_year: int | None) -> list[tuple[int, TimeValue]]:
    """A page's date stamps in its first lines, ranked, when they agree with the body's years.

    Such stamps are page furniture for the article's text, but one of them is
    the publication date. Rank: a labelled "Published:" stamp (2) over a bare
    date line (1) over an "Updated"/"Last modified" stamp (0), which records a
    later edit. A stamp far older than what the body reports is the site's own
    header date, not the article's ("Thu 6 - 26/02/2016" above a 2023 review).
    """
    out: list[tuple[int, TimeValue]] = []
    timed: list[bool] = []
    for line in [x.strip() for x in text[:1500].split("\n") if x.strip()][:8]:  # (blank lines do not count)
        if len(line) > 80:
            continue
        found = find(line, None)
        if len(found) != 1:
            continue
        start, end, value = found[0]
        if value.precision != "day" or value.year is None or value.start is not None:
            continue
        rest = _STAMP_WORDS.sub(" ", line[:start] + " " + line[end:])
        if not _STAMP_REST.match(rest):
            continue
        if body_year is not None and value.year < body_year - 1:
            continue
        rank = 2 if _STAMP_PUBLISHED.search(line) else 0 if _STAMP_UPDATED.search(line) else 1
        out.append((rank, value))
        timed.append(bool(_CLOCK.search(line)))
    if any(timed) and not all(timed):
        # "Saturday, 07/06/2025" over the menu and "Tuesday, 21/01/2025 - 10:40" under the headline: the
        # stamp with a time of day is the article's; the bare one is the site's date of the day it was read
        out = [(rank + (1 if t else 0) if rank == 1 else rank, value) for (rank, value), t in zip(out, timed)]
    return out


def _dated_lead(sentence: str) -> TimeValue | None:
    """The full date a body sentence opens with after its place or source ("GIS - 03 October 2024: ...")."""
    found = find(sentence[:90], None)
    if not found:
        return None
    start, end, value = found[0]
    if value.precision != "day" or value.year is None or value.start is not None:
        return None
    lead = sentence[:start]
    if _STAMP_UPDATED.search(lead) or _STAMP_PUBLISHED.search(lead):
        return None  # a page's stamp, ranked by _header_dates
    if _DATED_LEAD.match(lead) and _DATED_TAIL.match(sentence[end:]):
        return value
    return None


def date_document(text: str, segments: Sequence[tuple[int, int]] | None = None) -> TimeValue | None:
    """The date the article's own text shows for itself.

    A wire dateline ("NAIROBI, March 12 (Reuters) -") first; else the latest
    explicitly dated past or present event of the body, else a year-month,
    else the year a review covers ("results in 2023" -> December 2023). A
    date without a year ("Dec 14") takes the latest year the text states,
    when the text states it more than once (one passing "in 2017" is too thin
    to date a text by). Dates in future context ("scheduled to open on ...",
    "by 2045") and years in names ("the 2030 Agenda") are skipped; a date far
    older than every other date is site furniture. None rather than a guess:
    every relative date of the document is resolved against this one.
    """
    sentences = [s for _, line in _body_text(text, segments) for s in _sentences(line)]
    if not sentences:
        return None
    support = _year_support(sentences)
    year = max(support) if support else None
    trusted = str(year) if year is not None and support[year] >= 2 else None
    stamps = _header_dates(text, year)
    best_stamp = max(stamps, key=lambda st: (st[0], st[1].value)) if stamps else None
    if best_stamp is not None and best_stamp[0] >= 1:
        return best_stamp[1]
    for sent in sentences[:6]:
        lead = _dated_lead(sent)
        if lead is not None:
            return lead
    if best_stamp is not None:
        return best_stamp[1]
    for sent in sentences[:3]:
        m = _DATELINE.match(sent)
        if m:
            value = resolve(m.group("d"), str(year) if year is not None else None)
            if value is not None and value.year is not None:
                return value
    # "Press Briefing by the Spokesperson, March 29, 2021": a title or byline line ending in its full date
    for _, line in _body_text(text, segments)[:2]:
        line = line.strip()
        found = find(line, None)
        if not found or len(line) > 150 or re.search(r"[.!?]\s+[A-Z]", line):
            continue  # a title or byline is one short line, not a paragraph
        start, end, value = found[-1]
        if (value.precision == "day" and value.year and value.start is None and end >= len(line) - 1
                and not _future(line[max(0, start - 60):start])
                and (year is None or value.year >= year - 1)):  # an old header date is furniture
            return value
    cands: list[tuple[TimeValue, str]] = []
    for sent in sentences:
        for start, end, value in find(sent, None):
            if _future(sent[max(0, start - 60):start]) or _named_year(sent, start, end):
                continue
            if value.start and value.end and value.precision == "year":
                continue  # a term, not a dated event
            if value.year is None:
                if trusted is None:
                    continue
                value = resolve(sent[start:end], trusted) or value
                if value.year is None:
                    continue
            cands.append((value, sent))
    if not cands:
        return None
    newest = max(v.year or 0 for v, _ in cands)
    cands = [(v, s) for v, s in cands if (v.year or 0) >= newest - 1]
    best, sent = max(cands, key=lambda c: (_start_key(c[0]), {"year": 0, "month": 1, "day": 2}[c[0].precision]))
    if best.start and best.precision == "day":
        return TimeValue(best.end or best.value, "day")  # a meeting of December 12-13 ended on the 13th
    if best.precision == "year":
        if any(_is_review_of(s, best.year or 0) for _, s in cands):
            return TimeValue(f"{best.year:04d}-12", "month")
        if support[best.year or 0] < 2:
            return None
    return TimeValue(best.value, best.precision)
