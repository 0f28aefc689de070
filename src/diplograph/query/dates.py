"""Dates of mixed precision ("2021", "2021-12", "2021-12-19") compared as intervals.

Facts carry dates only as precise as the text allowed; comparing them as plain
strings would put "2021" before "2021-01-05" but also claim "2021" is not
"at or before 2021-06". Treating each value as the interval it names makes
"what held at a date" and "the same year" questions honest.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day a date value can mean; None when it has no year."""
    if not value:
        return None
    return _bounds(str(value))


@lru_cache(maxsize=65536)  # a pure function of a short string: merging a large store calls it a lot
def _bounds(value: str) -> tuple[date, date] | None:
    match = _ISO.match(value)
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return None
    if match.group(3) is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    try:
        day = date(year, month, int(match.group(3)))
    except ValueError:
        return None
    return day, day


def year(value: str | None) -> int | None:
    """The year of a date value, or None."""
    span = bounds(value)
    return span[0].year if span else None


def precision(value: str | None) -> str | None:
    """"year", "month" or "day" (None when the value is not a dated ISO string)."""
    if not bounds(value):
        return None
    return {4: "year", 7: "month"}.get(len(str(value)[:10]), "day")


def sort_key(value: str | None) -> tuple[int, str]:
    """Orders dated values by their start (coarser first on ties), undated last."""
    return _sort_key(str(value)) if value else (1, "")


@lru_cache(maxsize=65536)
def _sort_key(value: str) -> tuple[int, str]:
    span = bounds(value)
    if not span:
        return (1, "")
    return (0, span[0].isoformat() + str(len(str(value))))


def on_or_before(value: str | None, ref: str) -> bool:
    """Could ``value`` have been the case by the end of ``ref``? (its start <= ref's end)"""
    span, ref_span = bounds(value), bounds(ref)
    if not span or not ref_span:
        return False
    return span[0] <= ref_span[1]


def overlaps(start: str | None, end: str | None, ref: str) -> bool:
    """Does the term [start, end] cover any day of ``ref``? An open end runs on."""
    ref_span = bounds(ref)
    start_span = bounds(start)
    if not ref_span or not start_span:
        return False
    if start_span[0] > ref_span[1]:
        return False
    end_span = bounds(end)
    return end_span is None or end_span[1] >= ref_span[0]


def within(value: str | None, since: str | None, until: str | None) -> bool:
    """Is a date value inside the (inclusive, either side optional) range?"""
    span = bounds(value)
    if not span:
        return since is None and until is None
    since_span, until_span = bounds(since), bounds(until)
    if since_span and span[1] < since_span[0]:
        return False
    if until_span and span[0] > until_span[1]:
        return False
    return True


def inside(value: str | None, ref: str | None) -> bool:
    """Is every day ``value`` can mean inside ``ref``? ("2021-12-19" is inside "2021-12"; "2021" is not.)"""
    span, ref_span = bounds(value), bounds(ref)
    if not span or not ref_span:
        return False
    return ref_span[0] <= span[0] and span[1] <= ref_span[1]


def compatible(a: str | None, b: str | None) -> bool:
    """Two date values that can name the same day ("2021-12" and "2021-12-19")."""
    if not a or not b:
        return False
    a, b = str(a), str(b)
    return a.startswith(b) or b.startswith(a)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between the starts of two date values."""
    span_a, span_b = bounds(a), bounds(b)
    if not span_a or not span_b:
        return None
    return abs((span_a[0] - span_b[0]).days)


def today_iso() -> str:
    return date.today().isoformat()
