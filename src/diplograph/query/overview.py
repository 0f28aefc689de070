"""A country at a glance: the analyst's tables, computed once from the entity's merged facts.

``country_overview(store, "Vietnam")`` returns an :class:`Overview` with

- ``figures``: each counted claim (relations, partners by tier, FTAs, trade
  partners, overseas population ...) with its latest value (qualifier and unit
  kept: "over 140", "USD 8 billion") and its history;
- ``ladder``: partners by tier, one row per partner with every step (level and
  the date it was set up or upgraded; "reported" when only the article's date
  is known);
- ``seats``: roles in bodies, UN bodies apart from regional and other bodies,
  each with its term and a status (current, ended, left);
- ``agreements``: by kind (FTA, MoU, treaty ...), with parties and dates;
- ``visits``: visits in and out (who, where, when: the visit's own date) with
  their channel, and the counts per year, direction and channel;
- ``offices``: one row per person and office, first and last stated, and the
  next holder of the same office when one is known (the end of a term);
- ``channels``: events and agreements per year and channel (party, state,
  parliament, people; "unknown" where a fact has none);
- ``contradictions`` among its claims.

Rows carry the :class:`~diplograph.query.merge.MergedFact` they come from, so
every front end can link a row to its evidence. :data:`TABLES` names the
tables (``figures``, ``ladder``, ``seats``, ``agreements``, ``visits``,
``offices``) the web app pages and exports as CSV.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from diplograph.query import dates
from diplograph.query.claims import ClaimSeries, claim_series, level_rank
from diplograph.query.contradictions import Contradiction, find
from diplograph.query.merge import MergedFact, actor_key, is_id, name_ok, same_actor
from diplograph.query.names import display_name, labelled

CHANNELS = ("party", "state", "parliament", "people")
TABLES = ("figures", "ladder", "seats", "agreements", "visits", "offices")

# The order key figures are shown in; other metrics follow alphabetically.
FIGURE_ORDER = (
    "diplomatic_relations", "strategic_and_comprehensive_partners", "comprehensive_strategic_partners",
    "strategic_partners", "comprehensive_partners", "free_trade_agreements", "trade_partners",
    "org_memberships", "cooperation_agreements", "party_relations", "party_relation_countries",
    "parliament_relations", "people_org_partners", "overseas_population", "overseas_countries",
    "overseas_investment_usd", "overseas_investment_projects", "remittances_usd_per_year",
    "peacekeepers_deployed", "outgoing_leader_visits", "incoming_leader_visits", "aid_recipients",
)

# Bodies of the United Nations system (organs, programmes, specialised agencies, their boards).
_UN_IDS = {"UN", "UNSC", "UNGA", "UNHRC", "ECOSOC", "ILC", "ICJ", "IAEA", "IAEA_BOG", "UNESCO", "UNESCO_EXB",
           "WHC", "WHO", "FAO", "ILO", "IMO", "ICAO", "ITU", "UPU", "WMO", "WIPO", "IFAD", "UNIDO", "UNWTO",
           "UNICEF", "UNDP", "UNEP", "UNHCR", "UNCTAD", "UNFCCC", "UN_PKO", "UNRWA", "UNFPA", "WFP",
           "UN_WOMEN", "CSW", "UNCITRAL", "ESCAP", "UNDP_EXB", "UNICEF_EXB"}
# Regional bodies and forums by id; names with a region word count as regional too.
_REGIONAL_IDS = {"ASEAN", "AIPA", "APEC", "ARF", "EAS", "ASEM", "ADMM", "AU", "EU", "OAS", "SCO", "GCC",
                 "ECOWAS", "SAARC", "BIMSTEC", "MLC", "ACMECS", "CLMV", "PIF", "CELAC", "MERCOSUR", "SADC",
                 "EAC", "OSCE", "COE", "NATO", "QUAD", "CICA", "EAEU", "CIS", "ARAB_LEAGUE", "AL", "APPF",
                 "IGAD", "SICA", "CARICOM", "ASEANAPOL", "ADB", "AIIB"}
_REGIONAL_WORDS = re.compile(r"\b(asia\w*|africa\w*|europe\w*|pacific|america\w*|arab|mekong|gulf|"
                             r"caribbean|baltic|nordic|balkan|sahel|atlantic|indian ocean|east asia|southeast|"
                             r"eurasia\w*|latin)\b", re.I)

_UNITS_MONEY = {"USD", "EUR", "JPY", "CNY", "VND", "GBP", "INR", "KRW", "AUD"}


def seat_group(body_id: str | None) -> str:
    """"UN" for bodies of the UN system, "regional" for regional bodies and forums, else "other"."""
    bid = str(body_id or "")
    if bid in _UN_IDS or bid.startswith(("UN_", "UN")) and bid not in {"UNITED_RUSSIA"}:
        return "UN"
    if bid in _REGIONAL_IDS or _REGIONAL_WORDS.search(display_name(bid)):
        return "regional"
    return "other"


def format_value(value: Any, qualifier: str | None = None, unit: str | None = None) -> str:
    """A claimed figure as a reader writes it: "over 140", "USD 8 billion", "about 5.3 million people"."""
    prefix = {"over": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least ",
              "up_to": "up to "}.get(qualifier or "", "")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return f"{prefix}{value}"
    shown = _short_number(number)
    if unit in _UNITS_MONEY:
        return f"{prefix}{unit} {shown}"
    if unit == "percent":
        return f"{prefix}{shown}%"
    if unit and unit not in ("count",):
        return f"{prefix}{shown} {unit}"
    return prefix + shown


def _short_number(number: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(number) >= size:
            scaled = number / size
            text = f"{scaled:.1f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    return f"{int(number):,}" if number.is_integer() else f"{number:,}"


# ---------------------------------------------------------------- rows


@dataclass(frozen=True)
class Figure:
    """A counted claim with its latest value and its history."""

    metric: str
    label: str
    latest: str
    as_of: str | None
    history: tuple[tuple[str | None, str], ...]  # (as_of, shown value), oldest first
    series: ClaimSeries

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "label": self.label, "latest": self.latest, "as_of": self.as_of,
                "history": [{"as_of": a, "value": v} for a, v in self.history],
                "points": [{"as_of": p.as_of, "value": p.value, "qualifier": p.qualifier, "unit": p.unit}
                           for p in self.series.points],
                "facts": [p.fact.id for p in self.series.points]}


@dataclass(frozen=True)
class LadderStep:
    level: str
    date: str | None
    reported: bool  # the date is the first report, not a stated date
    fact: MergedFact


@dataclass(frozen=True)
class LadderRow:
    """One partner: every tier the partnership had, oldest first."""

    partner: str
    steps: tuple[LadderStep, ...]

    @property
    def level(self) -> str:
        return max(self.steps, key=lambda s: (level_rank(s.level), dates.sort_key(s.date))).level

    def to_json(self) -> dict[str, Any]:
        return {"partner": self.partner, "partner_name": display_name(self.partner), "level": self.level,
                "steps": [{"level": s.level, "date": s.date, "reported": s.reported, "fact": s.fact.id}
                          for s in self.steps]}


@dataclass(frozen=True)
class Seat:
    group: str  # UN | regional | other (a body's own page: "members")
    body: str
    role: str
    start: str | None
    end: str | None
    status: str  # current | elected | ended | left | reported
    label: str | None
    fact: MergedFact
    actor: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "body": self.body, "body_name": display_name(self.body), "role": self.role,
                "start": self.start, "end": self.end, "status": self.status, "label": self.label,
                "actor": self.actor, "actor_name": display_name(self.actor), "fact": self.fact.id}


@dataclass(frozen=True)
class Visit:
    direction: str  # in | out
    date: str | None
    year: int | None
    channel: str | None
    who: tuple[str, ...]
    where: str | None
    fact: MergedFact

    def to_json(self) -> dict[str, Any]:
        return {"direction": self.direction, "date": self.date, "year": self.year, "channel": self.channel,
                "who": [labelled(w) if is_id(w) else w for w in self.who],
                "where": labelled(self.where) if self.where and is_id(self.where) else self.where,
                "reported": self.fact.first_seen, "fact": self.fact.id}


@dataclass(frozen=True)
class Office:
    person: str
    title: str
    org: str
    first: str | None
    last: str | None
    successor: str | None
    end: str | None  # when the next holder of the office was first stated
    facts: tuple[MergedFact, ...]

    def to_json(self) -> dict[str, Any]:
        return {"person": self.person, "title": self.title, "org": self.org, "org_name": display_name(self.org),
                "first": self.first, "last": self.last, "successor": self.successor, "end": self.end,
                "facts": [f.id for f in self.facts]}


@dataclass(frozen=True)
class Overview:
    """What the country page shows; see the module docs."""

    id: str
    kind: str
    name: str
    figures: tuple[Figure, ...] = ()
    ladder: tuple[LadderRow, ...] = ()
    seats: tuple[Seat, ...] = ()
    agreements: Mapping[str, tuple[MergedFact, ...]] = field(default_factory=dict)
    visits: tuple[Visit, ...] = ()
    offices: tuple[Office, ...] = ()
    channels: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # year -> channel -> n
    visits_by_year: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # year -> "in state" -> n
    contradictions: tuple[Contradiction, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "name": self.name,
            "figures": [f.to_json() for f in self.figures],
            "ladder": [r.to_json() for r in self.ladder],
            "seats": [s.to_json() for s in self.seats],
            "agreements": {k: [f.to_json() for f in v] for k, v in self.agreements.items()},
            "visits": [v.to_json() for v in self.visits],
            "offices": [o.to_json() for o in self.offices],
            "channels": {y: dict(c) for y, c in self.channels.items()},
            "visits_by_year": {y: dict(c) for y, c in self.visits_by_year.items()},
            "contradictions": [c.to_json() for c in self.contradictions],
        }


# ---------------------------------------------------------------- building it


def overview_of(entity_id: str, kind: str, merged: Iterable[MergedFact]) -> Overview:
    """The overview of one entity from its merged facts (see :func:`country_overview`)."""
    facts = list(merged)
    by_type: dict[str, list[MergedFact]] = {}
    for fact in facts:
        by_type.setdefault(fact.type, []).append(fact)
    subject = entity_id if kind != "person" else None
    series = claim_series(by_type.get("statistic", []), subject=subject) if subject else []
    visits = _visits(entity_id, by_type.get("event", []), by_type.get("position", []))
    return Overview(
        id=entity_id, kind=kind, name=display_name(entity_id),
        figures=tuple(_figures(series)),
        ladder=tuple(_ladder(entity_id, by_type.get("partnership", []))) if subject else (),
        seats=tuple(_seats(entity_id, by_type.get("role", []), members=kind == "body")) if subject else (),
        agreements=_agreements(by_type.get("agreement", [])),
        visits=tuple(visits),
        offices=tuple(_offices(entity_id, kind, by_type.get("position", []))),
        channels=channel_counts(by_type.get("event", []) + by_type.get("agreement", [])),
        visits_by_year=visit_counts(visits),
        contradictions=tuple(find(by_type.get("statistic", []), subject=subject)) if subject else (),
    )


def visit_counts(visits: Iterable[Visit]) -> dict[str, dict[str, int]]:
    """Visits per year, by direction and channel: {"2023": {"in state": 2, "out party": 1}}."""
    counts: dict[str, Counter[str]] = {}
    for visit in visits:
        year = str(visit.year) if visit.year else "undated"
        counts.setdefault(year, Counter())[f"{visit.direction} {visit.channel or 'unknown'}"] += 1
    return {y: dict(sorted(counts[y].items())) for y in sorted(counts, key=lambda y: (y == "undated", y))}


def _figures(series: list[ClaimSeries]) -> list[Figure]:
    order = {m: i for i, m in enumerate(FIGURE_ORDER)}
    out = []
    for s in series:
        latest = s.latest
        if latest is None:
            continue
        label = s.label or s.metric.replace("_", " ")
        history = tuple((p.as_of, format_value(p.value, p.qualifier, p.unit)) for p in s.points)
        out.append(Figure(s.metric, label, format_value(latest.value, latest.qualifier, latest.unit),
                          latest.as_of, history, s))
    # FACTS.md metrics in their order; other figures after them, the most stated and cited first.
    out.sort(key=lambda f: (order.get(f.metric, len(order)), -len(f.history),
                            -sum(len(p.fact.doc_ids) for p in f.series.points), f.label.casefold()))
    return out


def _other(fact: MergedFact, entity_id: str) -> str:
    a, b = fact.get("a"), fact.get("b")
    return str(b if same_actor(a, entity_id) else a)


def _ladder(entity_id: str, partnerships: list[MergedFact]) -> list[LadderRow]:
    rows: dict[str, list[LadderStep]] = {}
    for fact in partnerships:
        if not any(same_actor(x, entity_id) for x in (fact.get("a"), fact.get("b"))):
            continue
        since = fact.get("since")
        step = LadderStep(str(fact.get("level") or "partnership"), str(since) if since else fact.first_seen,
                          not since, fact)
        rows.setdefault(_other(fact, entity_id), []).append(step)
    out = []
    for partner, steps in rows.items():
        steps.sort(key=lambda s: (dates.sort_key(s.date), level_rank(s.level)))
        # One step per level: the earliest stated date of it.
        seen: dict[str, LadderStep] = {}
        for step in steps:
            old = seen.get(step.level)
            if old is None or (old.reported and not step.reported):
                seen[step.level] = step
        kept = sorted(seen.values(), key=lambda s: (level_rank(s.level), dates.sort_key(s.date)))
        out.append(LadderRow(partner, tuple(kept)))
    out.sort(key=lambda r: (-level_rank(r.level), dates.sort_key(_first_date(r)), display_name(r.partner)))
    return out


def _first_date(row: LadderRow) -> str | None:
    stated = [s.date for s in row.steps if s.level == row.level]
    return stated[0] if stated else None


def seat_status(fact: MergedFact, today: str | None = None) -> str:
    """current, ended or left: a term past its end has ended; a country that withdrew has left."""
    status = str(fact.get("status") or "")
    if status in ("left", "withdrawn", "withdrew"):
        return "left"
    if status == "ended":
        return "ended"
    start, end = fact.get("start"), fact.get("end")
    if end and not start:
        return "left"  # a seat with only an end: a country leaving a body (FACTS.md)
    today = today or dates.today_iso()
    if end and not dates.on_or_before(today, str(end)) and not dates.inside(today, str(end)):
        return "ended"
    if start and not dates.on_or_before(str(start), today):
        return "elected"  # a term that has not begun
    if not start and not end:
        return "reported"  # no term stated: held when reported
    return "current"


def _seats(entity_id: str, roles: list[MergedFact], members: bool = False) -> list[Seat]:
    """The entity's seats in bodies; for a body (``members``), also the seats others hold in it."""
    out = []
    for fact in roles:
        body = str(fact.get("body") or "")
        if same_actor(fact.get("actor"), entity_id):
            group = seat_group(body)
        elif members and body == entity_id:
            group = "members"
        else:
            continue
        out.append(Seat(group, body, str(fact.get("role") or "member"), fact.get("start"), fact.get("end"),
                        seat_status(fact), fact.get("label"), fact, str(fact.get("actor") or "")))
    group_order = {"members": -1, "UN": 0, "regional": 1, "other": 2}
    out.sort(key=lambda s: (group_order[s.group], _neg_date(s.start or s.end), display_name(s.body),
                            display_name(s.actor), s.role))
    return out


def _neg_date(value: str | None) -> tuple[int, str]:
    """Newest first, undated last."""
    key = dates.sort_key(value)
    if key[0]:
        return key
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in key[1]))


def _agreements(agreements: list[MergedFact]) -> dict[str, tuple[MergedFact, ...]]:
    groups: dict[str, list[MergedFact]] = {}
    for fact in agreements:
        groups.setdefault(str(fact.get("kind") or "other"), []).append(fact)
    order = ["FTA", "treaty", "framework", "MoU", "joint_statement", "other"]
    return {k: tuple(sorted(v, key=lambda f: _neg_date(f.get("signed") or f.first_seen)))
            for k, v in sorted(groups.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 9, kv[0]))}


def place_id(place: Any) -> str | None:
    """A location as an id where it names a country or body ("Vietnam", "Hanoi" -> VNM), else as written."""
    if not place:
        return None
    text = str(place)
    if is_id(text):
        return text
    from diplograph.resolve import country_id

    return country_id(text, capitals=True) or text


def _people_of(entity_id: str, positions: list[MergedFact]) -> set[str]:
    return {str(f.get("person")) for f in positions if same_actor(f.get("org"), entity_id) and f.get("person")}


def _visits(entity_id: str, events: list[MergedFact], positions: list[MergedFact]) -> list[Visit]:
    if not is_id(entity_id):
        own: set[str] = {entity_id}
    else:
        own = _people_of(entity_id, positions)
    out = []
    for fact in events:
        if fact.get("kind") != "visit":
            continue
        participants = [str(p) for p in fact.get("participants") or [] if p]
        where = place_id(fact.get("location"))
        ours = [p for p in participants if (is_id(p) and same_actor(p, entity_id))
                or (not is_id(p) and any(name_ok(p, o) for o in own))]
        if is_id(entity_id) and where and same_actor(str(where), entity_id):
            direction = "in"
            who = tuple(p for p in participants if p not in ours) or tuple(participants)
        elif ours or not is_id(entity_id):
            direction = "out"
            who = tuple(p for p in participants if not is_id(p) or p in ours) or tuple(participants)
        elif fact.get("host") and same_actor(str(fact.get("host")), entity_id):
            direction, who = "in", tuple(participants)
        else:
            continue
        when = fact.get("date") or fact.get("start")
        out.append(Visit(direction, str(when) if when else None, dates.year(str(when)) if when else None,
                         fact.get("channel"), who, str(where) if where else None, fact))
    out.sort(key=lambda v: _neg_date(v.date))
    return out


def _offices(entity_id: str, kind: str, positions: list[MergedFact]) -> list[Office]:
    from diplograph.query.claims import _title_key

    rows: dict[tuple[str, str, str], list[MergedFact]] = {}
    for fact in positions:
        org = str(fact.get("org") or "")
        if kind == "person":
            if not name_ok(entity_id, fact.get("person")):
                continue
        elif not same_actor(org, entity_id):
            continue
        key = (str(fact.get("person")), _title_key(fact.get("title")), str(actor_key(org)))
        rows.setdefault(key, []).append(fact)
    offices = []
    for (person, _, org), facts in rows.items():
        stated = sorted((str(f.get("as_of")) for m in facts for f in m.facts if f.get("as_of")), key=dates.sort_key)
        title = max((str(f.get("title") or "") for f in facts), key=len)
        offices.append(Office(person, title, org, stated[0] if stated else None, stated[-1] if stated else None,
                              None, None, tuple(facts)))
    # A later holder of the same office ends the term of the one before.
    by_office: dict[tuple[str, str], list[int]] = {}
    keys = list(rows)
    for i, (person, title_key, org) in enumerate(keys):
        by_office.setdefault((title_key, org), []).append(i)
    for members in by_office.values():
        members.sort(key=lambda i: dates.sort_key(offices[i].first))
        for before, after in zip(members, members[1:]):
            a, b = offices[before], offices[after]
            if a.first and b.first and dates.sort_key(b.first) > dates.sort_key(a.last or a.first):
                offices[before] = Office(a.person, a.title, a.org, a.first, a.last, b.person, b.first, a.facts)
    offices.sort(key=lambda o: (_neg_date(o.last or o.first), o.title, o.person))
    return offices


def channel_counts(facts: Iterable[MergedFact]) -> dict[str, dict[str, int]]:
    """Events and agreements per year and channel; "unknown" for facts without a channel."""
    counts: dict[str, Counter[str]] = {}
    for fact in facts:
        if fact.type not in ("event", "agreement"):
            continue
        when = fact.get("date") or fact.get("start") or fact.get("signed")
        year = dates.year(str(when)) if when else None
        counts.setdefault(str(year) if year else "undated", Counter())[str(fact.get("channel") or "unknown")] += 1
    return {y: {c: counts[y][c] for c in (*CHANNELS, "unknown") if counts[y][c]}
            for y in sorted(counts, key=lambda y: (y == "undated", y))}


def country_overview(store: Any, entity: str, merged: Iterable[MergedFact] | None = None) -> Overview:
    """The overview of a country, body or person named ``entity`` (any name, alias or id).

    ``merged``: the entity's facts already read and merged (``query.api.entity_facts``), so
    that a page showing both the overview and the profile merges once.
    """
    from diplograph.query.api import canonical_id, entity_facts, entity_kind

    entity_id = canonical_id(store, entity)
    kind = entity_kind(entity_id)
    facts = list(merged) if merged is not None else entity_facts(store, entity_id)
    return overview_of(entity_id, kind, facts)


__all__ = ["CHANNELS", "TABLES", "Figure", "LadderRow", "LadderStep", "Office", "Overview", "Seat", "Visit",
           "channel_counts", "country_overview", "visit_counts", "format_value", "overview_of", "seat_group", "seat_status"]
