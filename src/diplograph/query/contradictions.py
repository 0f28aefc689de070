"""Flag claims about the same thing, for the same time, that disagree.

Two counts of one subject's metric disagree only when they hold for the same
time (the same year, or within a year when one is dated only to the year) and
their values cannot both be true once qualifiers and rounding are allowed for
("over 500" and "500" agree; "about 15 billion" and "15.2 billion" agree).
Counts years apart are a change, not a contradiction. The parts of a total
are checked against the total (17 strategic + 13 comprehensive partners vs 30
partners of either tier).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from diplograph.model import Fact
from diplograph.query import dates
from diplograph.query.claims import _as_merged, claim_series
from diplograph.query.merge import MergedFact, actor_key

# total metric -> the ways its parts may be counted (sources differ on whether the
# comprehensive strategic tier is inside "strategic").
TOTALS: dict[str, tuple[tuple[str, ...], ...]] = {
    "strategic_and_comprehensive_partners": (
        ("strategic_partners", "comprehensive_partners"),
        ("strategic_partners", "comprehensive_partners", "comprehensive_strategic_partners"),
    ),
}


@dataclass(frozen=True)
class Contradiction:
    """Two (or more) claims that cannot all be true, with why, and every source."""

    kind: str  # "value" (two values for one time) | "sum" (parts vs total)
    subject: str
    metric: str
    explanation: str
    facts: tuple[MergedFact, ...]
    same_document: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "metric": self.metric,
                "explanation": self.explanation, "same_document": self.same_document,
                "facts": [f.to_json() for f in self.facts]}


def interval(value: Any, qualifier: str | None) -> tuple[float, float] | None:
    """The range of true values a claim allows: "over 500" -> [500, inf), "about 15" -> [13.5, 16.5]."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    q = qualifier or "exact"
    if q in ("over", "at_least", "more_than"):
        return v, math.inf
    if q in ("up_to", "under", "less_than"):
        return -math.inf, v
    if q == "nearly":
        return v * 0.9, v
    if q == "about":
        return v * 0.9, v * 1.1
    slack = _rounding(v)
    return v - slack, v + slack


def _rounding(v: float) -> float:
    """How far a stated exact figure may be from the truth: 0.5 %, or 5 % for round thousands+."""
    slack = 0.005 * max(abs(v), 1.0)
    if abs(v) >= 1000 and v % 10 ** (len(str(int(abs(v)))) - 2) == 0:
        slack = max(slack, 0.05 * abs(v))
    return slack


def agree(a: tuple[Any, str | None], b: tuple[Any, str | None]) -> bool:
    """Can both (value, qualifier) claims be true together?"""
    ia, ib = interval(*a), interval(*b)
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def same_time(a: str | None, b: str | None) -> bool:
    """Claims that hold for the same time: same year, or within a year when one is year-only."""
    ya, yb = dates.year(a), dates.year(b)
    if ya is None or yb is None:
        return False
    if ya == yb:
        return True
    if "year" in (dates.precision(a), dates.precision(b)):
        apart = dates.days_apart(a, b)
        return abs(ya - yb) == 1 and apart is not None and apart <= 366 and _coarse_overlap(a, b)
    return False


def _coarse_overlap(a: str | None, b: str | None) -> bool:
    """A year-only date and a date early in the next year ("2025" vs "2026-01") may be the same time."""
    ba, bb = dates.bounds(a), dates.bounds(b)
    if not ba or not bb:
        return False
    first, second = (ba, bb) if ba[0] <= bb[0] else (bb, ba)
    return (second[0] - first[1]).days <= 31


def find(facts: Iterable[Fact | MergedFact], subject: str | None = None,
         published: Mapping[str, str | None] | None = None) -> list[Contradiction]:
    """Every disagreement among statistics (optionally about one subject), explained."""
    series_list = [s for s in claim_series(_as_merged(facts, published), subject=subject) if s.metric != "other"]
    out: list[Contradiction] = []
    for series in series_list:
        out.extend(value_contradictions(series))
    out.extend(_sum_checks(series_list))
    return out


def value_contradictions(series: Any) -> list[Contradiction]:
    """Two figures of one series for the same time that cannot both be true, in the series' order."""
    out: list[Contradiction] = []
    if series.metric == "other":
        return out
    points = list(series.points)
    for i, p in enumerate(points):
        for q in points[i + 1:]:
            if not same_time(p.as_of, q.as_of):
                continue
            if agree((p.value, p.qualifier), (q.value, q.qualifier)):
                continue
            shared = set(p.fact.doc_ids) & set(q.fact.doc_ids)
            where = f"within one article ({sorted(shared)[0]})" if shared else "in different articles"
            out.append(Contradiction(
                "value", series.subject, series.metric,
                f"{series.subject} {series.metric.replace('_', ' ')}: {_said(p.value, p.qualifier)} "
                f"(as of {p.as_of}) vs {_said(q.value, q.qualifier)} (as of {q.as_of}), {where}; "
                "the figures are for the same time and differ beyond rounding and qualifiers.",
                (p.fact, q.fact), bool(shared)))
    return out


def sum_contradictions(series_list: list[Any]) -> list[Contradiction]:
    """Parts that do not add up to their total, for the same time (the series of one actor)."""
    return _sum_checks([s for s in series_list if s.metric != "other"])


def _sum_checks(series_list: list[Any]) -> list[Contradiction]:
    out = []
    by_subject: dict[tuple[Any, str], Any] = {(actor_key(s.subject), s.metric): s for s in series_list}
    for (subj, metric), total_series in by_subject.items():
        options = TOTALS.get(metric)
        if not options:
            continue
        for total in total_series.points:
            sums: list[tuple[float, float, list[MergedFact]]] = []
            for parts in options:
                found = []
                for part in parts:
                    part_series = by_subject.get((subj, part))
                    match = [p for p in part_series.points if same_time(p.as_of, total.as_of)] if part_series else []
                    if len(match) != 1:
                        break
                    found.append(match[0])
                else:
                    lows = [interval(p.value, p.qualifier) for p in found]
                    if all(lows):
                        sums.append((sum(x[0] for x in lows if x), sum(x[1] for x in lows if x),
                                     [p.fact for p in found]))
            if not sums:
                continue
            own = interval(total.value, total.qualifier)
            if own is None or any(lo <= own[1] and own[0] <= hi for lo, hi, _ in sums):
                continue
            lo, hi, parts_facts = sums[0]
            parts_text = " + ".join(f"{_said(f.get('value'), f.get('qualifier'))} "
                                    f"{str(f.get('metric')).replace('_', ' ')}" for f in parts_facts)
            docs = set(total.fact.doc_ids)
            shared = any(docs & set(f.doc_ids) for f in parts_facts)
            out.append(Contradiction(
                "sum", str(subj), metric,
                f"{subj}: the parts ({parts_text} = {_said(lo, None)}) do not add up to the stated "
                f"total {_said(total.value, total.qualifier)} {metric.replace('_', ' ')} "
                f"for the same time (as of {total.as_of})"
                f"{', within one article' if shared else ''}.",
                (total.fact, *parts_facts), shared))
    return out


def _said(value: Any, qualifier: str | None) -> str:
    prefix = {"over": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least ",
              "up_to": "up to "}.get(qualifier or "", "")
    try:
        number = float(value)
        text = f"{int(number):,}" if number.is_integer() else f"{number:,}"
    except (TypeError, ValueError):
        text = str(value)
    return prefix + text


__all__ = ["Contradiction", "agree", "find", "interval", "same_time", "sum_contradictions", "value_contradictions"]
