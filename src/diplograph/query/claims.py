"""Claim histories and the state of things at a date.

A counted claim ("189 countries") is true of a time, not for ever: claims form
series per subject and metric, ordered by the date they hold for. Statuses
change too (a partnership upgraded, a term on a council ending, relations
severed and restored). ``state_as_of`` answers "what held then" from the
latest claims at or before a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from diplograph.model import Fact
from diplograph.query import dates
from diplograph.query.merge import (
    MergedFact,
    actor_key,
    describe,
    merge,
    name_ok,
    pair,
    same_actor,
    title_words,
)
from diplograph.resolve import fold

# Partnership tiers, lowest first; unknown framework names rank between the named tiers.
LEVEL_RANK = {
    "comprehensive": 1,
    "strategic": 2,
    "enhanced_strategic": 2.5,
    "strategic_cooperative": 2.5,
    "global_strategic": 3,
    "comprehensive_strategic": 3,
    "comprehensive_global_strategic": 3.5,
    "special_strategic": 4,
    "special": 4,
}


def level_rank(level: str | None) -> float:
    return LEVEL_RANK.get(level or "", 1.5)


@dataclass(frozen=True)
class ClaimPoint:
    """One value a subject's metric was claimed to have, for a time, with its sources."""

    value: Any
    qualifier: str | None
    as_of: str | None
    unit: str | None
    fact: MergedFact

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "qualifier": self.qualifier, "as_of": self.as_of, "unit": self.unit,
                "fact": self.fact.to_json()}


@dataclass(frozen=True)
class ClaimSeries:
    """A metric of a subject over time: points ordered by the date they hold for."""

    subject: str
    metric: str
    points: tuple[ClaimPoint, ...]
    label: str | None = None

    @property
    def latest(self) -> ClaimPoint | None:
        dated = [p for p in self.points if dates.bounds(p.as_of)]
        return dated[-1] if dated else (self.points[-1] if self.points else None)

    def to_json(self) -> dict[str, Any]:
        latest = self.latest
        return {"subject": self.subject, "metric": self.metric, "label": self.label,
                "latest": latest.to_json() if latest else None,
                "points": [p.to_json() for p in self.points]}


def _as_merged(facts: Iterable[Fact | MergedFact], published: Mapping[str, str | None] | None) -> list[MergedFact]:
    items = list(facts)
    if items and all(isinstance(f, MergedFact) for f in items):
        return [f for f in items if isinstance(f, MergedFact)]
    plain = [f for f in items if isinstance(f, Fact)]
    done = [f for f in items if isinstance(f, MergedFact)]
    return done + merge(plain, published)


def claim_series(facts: Iterable[Fact | MergedFact], metric: str | None = None, subject: str | None = None,
                 published: Mapping[str, str | None] | None = None) -> list[ClaimSeries]:
    """Statistics grouped by (subject, metric) into series ordered by ``as_of``.

    A national body counts as its country for ``subject`` (CPV ~ VNM). Claims of
    metric "other" are grouped by their label as well.
    """
    groups: dict[tuple[Any, ...], list[MergedFact]] = {}
    for fact in _as_merged(facts, published):
        if fact.type != "statistic":
            continue
        if metric and fact.get("metric") != metric:
            continue
        if subject and not same_actor(fact.get("subject"), subject):
            continue
        label = fact.get("label") if fact.get("metric") == "other" else None
        key = (fact.get("subject"), fact.get("metric"), label)
        groups.setdefault(key, []).append(fact)
    out = []
    for (subj, met, label), members in groups.items():
        members.sort(key=lambda m: (dates.sort_key(m.get("as_of") or m.first_seen), m.first_seen or ""))
        points = tuple(ClaimPoint(m.get("value"), m.get("qualifier"), m.get("as_of") or m.first_seen,
                                  m.get("unit"), m) for m in members)
        out.append(ClaimSeries(str(subj), str(met), points, label))
    out.sort(key=lambda s: (s.subject, s.metric, s.label or ""))
    return out


@dataclass(frozen=True)
class StatusChange:
    """One dated step of a status history (an upgrade, a term, relations severed or restored)."""

    date: str | None
    status: str
    fact: MergedFact

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "status": self.status, "summary": describe(self.fact),
                "fact": self.fact.to_json()}


@dataclass(frozen=True)
class StatusHistory:
    """The steps of one relationship or seat, in date order."""

    kind: str  # "partnership" | "diplomatic_relations" | "role"
    key: tuple[str, ...]  # the pair, or (actor, body, role)
    steps: tuple[StatusChange, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": list(self.key), "steps": [s.to_json() for s in self.steps]}


def _when(fact: MergedFact, *names: str) -> str | None:
    for name in names:
        if fact.get(name):
            return str(fact.get(name))
    return fact.first_seen


def status_histories(facts: Iterable[Fact | MergedFact], entity: str | None = None,
                     published: Mapping[str, str | None] | None = None) -> list[StatusHistory]:
    """Histories of partnerships (by level), relations (by status) and roles (by term)."""
    groups: dict[tuple[str, tuple[str, ...]], list[StatusChange]] = {}
    for fact in _as_merged(facts, published):
        if fact.type in ("partnership", "diplomatic_relations"):
            members = pair(fact.fields)
            if entity and not any(same_actor(entity, m) for m in members):
                continue
            key = tuple(sorted(members))
            status = fact.get("level") if fact.type == "partnership" else (fact.get("status") or "active")
            step = StatusChange(_when(fact, "since"), str(status), fact)
        elif fact.type == "role":
            if entity and not (same_actor(entity, fact.get("actor")) or fact.get("body") == entity):
                continue
            key = (str(actor_key(fact.get("actor"))), str(fact.get("body")), str(fact.get("role")))
            status = "ended" if fact.get("end") and not fact.get("start") else "held"
            step = StatusChange(_when(fact, "start", "end"), status, fact)
        else:
            continue
        groups.setdefault((fact.type, key), []).append(step)
    out = []
    for (kind, key), steps in groups.items():
        steps.sort(key=lambda s: (dates.sort_key(s.date), level_rank(s.status)))
        out.append(StatusHistory(kind, key, tuple(steps)))
    out.sort(key=lambda h: (h.kind, h.key))
    return out


@dataclass(frozen=True)
class State:
    """What held at a date for an entity (or everything): the latest claims at or before it."""

    as_of: str
    statistics: tuple[ClaimPoint, ...] = ()
    partnerships: tuple[MergedFact, ...] = ()
    relations: tuple[MergedFact, ...] = ()
    roles: tuple[MergedFact, ...] = ()
    positions: tuple[MergedFact, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "statistics": [p.to_json() for p in self.statistics],
            "partnerships": [f.to_json() for f in self.partnerships],
            "relations": [f.to_json() for f in self.relations],
            "roles": [f.to_json() for f in self.roles],
            "positions": [f.to_json() for f in self.positions],
            "notes": list(self.notes),
        }


def _known_by(fact: MergedFact, when: str, *names: str) -> bool:
    """Stated to hold by ``when``: its own date (or, undated, the first report) is not after it."""
    own = _when(fact, *names)
    return dates.on_or_before(own, when)


def state_as_of(facts: Iterable[Fact | MergedFact], when: str, entity: str | None = None,
                published: Mapping[str, str | None] | None = None) -> State:
    """What held at ``when``: latest claim per (subject, metric) at or before it; each pair's
    partnership at its highest level by then; each pair's latest relations status; roles
    whose term covers the date (undated ones once first reported); the latest holder of
    each office."""
    merged = _as_merged(facts, published)
    stats = []
    for series in claim_series(merged, subject=entity):
        held = [p for p in series.points if dates.on_or_before(p.as_of, when)]
        if held:
            stats.append(held[-1])
    partnerships: dict[frozenset[str], MergedFact] = {}
    relations: dict[frozenset[str], MergedFact] = {}
    roles: list[MergedFact] = []
    offices: dict[tuple[Any, ...], tuple[MergedFact, str]] = {}  # office -> holder, latest statement
    for fact in merged:
        if fact.type == "partnership":
            members = pair(fact.fields)
            if entity and not any(same_actor(entity, m) for m in members):
                continue
            if not _known_by(fact, when, "since"):
                continue
            old = partnerships.get(members)
            if old is None or level_rank(fact.get("level")) > level_rank(old.get("level")):
                partnerships[members] = fact
        elif fact.type == "diplomatic_relations":
            members = pair(fact.fields)
            if entity and not any(same_actor(entity, m) for m in members):
                continue
            if not _known_by(fact, when, "since"):
                continue
            old = relations.get(members)
            if old is None or dates.sort_key(_when(fact, "since")) >= dates.sort_key(_when(old, "since")):
                relations[members] = fact
        elif fact.type == "role":
            if entity and not (same_actor(entity, fact.get("actor")) or fact.get("body") == entity):
                continue
            start, end = fact.get("start"), fact.get("end")
            if start:
                if dates.overlaps(start, end, when):
                    roles.append(fact)
            elif end:
                continue  # a seat left at ``end`` with no known start: nothing sure to say of a date
            elif fact.first_seen and dates.on_or_before(fact.first_seen, when):
                roles.append(fact)
        elif fact.type == "position":
            if entity and not (same_actor(entity, fact.get("org")) or _person_is(entity, fact)):
                continue
            seen = _latest_statement(fact, when)
            if seen is None:
                continue
            office = (actor_key(fact.get("org")), _title_key(fact.get("title")))
            holder = offices.get(office)
            if holder is None or dates.sort_key(seen) >= dates.sort_key(holder[1]):
                offices[office] = (fact, seen)
    return State(
        as_of=when,
        statistics=tuple(stats),
        partnerships=tuple(sorted(partnerships.values(), key=lambda f: (-level_rank(f.get("level")),
                                                                         sorted(pair(f.fields))))),
        relations=tuple(sorted(relations.values(), key=lambda f: sorted(pair(f.fields)))),
        roles=tuple(sorted(roles, key=lambda f: (str(f.get("body")), dates.sort_key(f.get("start"))))),
        positions=tuple(sorted((f for f, _ in offices.values()), key=lambda f: (str(f.get("org")),
                                                                               str(f.get("title"))))),
    )


def _latest_statement(fact: MergedFact, when: str) -> str | None:
    """The latest date at or before ``when`` for which one of the merged statements holds."""
    stated = [str(f.get("as_of")) for f in fact.facts if f.get("as_of")] or [fact.first_seen or ""]
    held = [d for d in stated if dates.on_or_before(d, when)]
    return max(held, key=dates.sort_key) if held else None


def _person_is(entity: str, fact: MergedFact) -> bool:
    return name_ok(entity, fact.get("person"))


def _title_key(title: Any) -> str:
    """The office a title names, without what it is "of" ("General Secretary of the ... Central
    Committee" -> "general secretary"); "Ambassador to Slovakia" keeps its "to"."""
    text = re.split(r"\s+of\s+", fold(str(title or "")).casefold().replace("-", " "), maxsplit=1)[0]
    return " ".join(title_words(text))
