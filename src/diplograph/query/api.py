"""The query API over a store: what the CLI, the web app and the JSON API call.

Every function takes a store (anything with the store's ``facts(...)``; a
:class:`MemorySource` wraps a plain list of facts), merges what it reads
across documents and returns typed results with a ``to_json()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol

from diplograph.errors import InputError
from diplograph.model import Document, Fact
from diplograph.query import dates
from diplograph.query.claims import (
    ClaimSeries,
    State,
    StatusHistory,
    claim_series,
    state_as_of,
    status_histories,
)
from diplograph.query.contradictions import Contradiction, find
from diplograph.query.merge import MergedFact, actor_key, describe, is_id, merge, name_ok, name_tokens
from diplograph.query.people import people_index
from diplograph.resolve import fold


class FactSource(Protocol):
    """The part of the store protocol the query API needs."""

    def facts(self, type: Any = None, doc_id: str | None = None, entity: Any = None, since: str | None = None,
              until: str | None = None, text: str | None = None, limit: int | None = None,
              offset: int = 0) -> list[Fact]: ...

    def document(self, doc_id: str) -> Document | None: ...


@dataclass(frozen=True)
class _Person:
    id: str
    kind: str
    name: str
    facts: int = 0


class MemorySource:
    """A list of facts (and optionally their documents) behind the store's ``facts`` filters.

    For tests, for scripts that extract without a store, and for exports of an
    in-memory run. ``text`` matches when every word of it is in the evidence.
    """

    def __init__(self, facts: Iterable[Fact], documents: Iterable[Document] = ()) -> None:
        self._facts = list(facts)
        self._documents = {doc.id: doc for doc in documents}

    def facts(self, type: Any = None, doc_id: str | None = None, entity: Any = None, since: str | None = None,
              until: str | None = None, text: str | None = None, limit: int | None = None,
              offset: int = 0, **_: Any) -> list[Fact]:
        types = _names(type)
        entities = _names(entity)
        words = [w for w in fold(text or "").casefold().split() if w.isalnum()]
        out = []
        for fact in self._facts:
            if types and fact.type not in types:
                continue
            if doc_id and fact.doc_id != doc_id:
                continue
            if entities and not (set(entities) & set(fact_entities(fact.fields))):
                continue
            if (since or until) and not _overlaps_range(fact.fields, since, until):
                continue
            if words:
                sentence = fold(fact.evidence.text).casefold()
                if not all(w in sentence for w in words):
                    continue
            out.append(fact)
        return out[offset: None if limit is None else offset + limit]

    def document(self, doc_id: str) -> Document | None:
        return self._documents.get(doc_id)

    def documents(self, *, limit: int | None = None, offset: int = 0) -> Iterable[Document]:
        docs = list(self._documents.values())
        return docs[offset: None if limit is None else offset + limit]

    def entities(self, kind: str | None = None, q: str | None = None, limit: int | None = None,
                 offset: int = 0, **_: Any) -> list[Any]:
        counts: dict[str, int] = {}
        for fact in self._facts:
            for value in fact_entities(fact.fields):
                counts[value] = counts.get(value, 0) + 1
        out = []
        for value, n in sorted(counts.items()):
            entity_kind = "person" if not is_id(value) else "country" if len(value) == 3 else "body"
            if kind and entity_kind != kind:
                continue
            if q and fold(q).casefold() not in fold(value).casefold():
                continue
            out.append(_Person(value, entity_kind, value, n))
        return out[offset: None if limit is None else offset + limit]


_ENTITY_FIELDS = ("a", "b", "subject", "actor", "body", "org", "person", "participants", "parties", "host",
                  "location")


def fact_entities(fields: Mapping[str, Any]) -> list[str]:
    """Every id or person name a fact's fields name."""
    out: list[str] = []
    for name in _ENTITY_FIELDS:
        value = fields.get(name)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str) and item:
                out.append(item)
    return out


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if v]


def _overlaps_range(fields: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    for name in ("as_of", "since", "start", "date", "signed", "period_start", "published"):
        if fields.get(name):
            start = str(fields[name])
            end = fields.get({"start": "end", "period_start": "period_end", "date": "end"}.get(name, "")) or start
            return dates.within(start, since, None) if not until else (
                dates.within(start, None, until) and (since is None or dates.within(str(end), since, None)))
    return False


# ---------------------------------------------------------------- helpers over a store


_PER_DOCUMENT_LOOKUPS = 2000  # one look-up costs about what scanning ten document facts does


def published_dates(store: Any, facts: Iterable[Fact]) -> dict[str, str | None]:
    """Publication date of each document the facts cite.

    A store with a batch ``published(doc_ids)`` answers in one call; otherwise a
    few documents are looked up one by one, and many are read from the
    ``document`` facts in one query (cheaper than loading every text).
    """
    doc_ids = list(dict.fromkeys(fact.doc_id for fact in facts))
    batch = getattr(store, "published", None)
    if callable(batch):
        return dict(batch(doc_ids))
    out: dict[str, str | None] = {}
    getter = getattr(store, "document", None)
    if len(doc_ids) > _PER_DOCUMENT_LOOKUPS:
        wanted = set(doc_ids)
        for fact in store.facts(type="document"):
            if fact.doc_id in wanted and fact.get("published") and fact.doc_id not in out:
                out[fact.doc_id] = str(fact.get("published"))
        return out
    for doc_id in doc_ids:
        doc = getter(doc_id) if getter else None
        out[doc_id] = doc.published if doc is not None else None
    return out


def expand_entity(entity_id: str) -> list[str]:
    """A country with its national bodies (VNM -> VNM, CPV, NA_VNM ...): they speak for it."""
    from diplograph.resolve import bodies

    out = [entity_id]
    if is_id(entity_id) and len(entity_id) == 3:
        out += sorted(b.id for b in bodies().values() if b.country == entity_id)
    return out


def person_names(store: Any, name: str) -> list[str]:
    """Every spelling the store has of the person ``name`` means, the canonical (fullest) first.

    Through the store's people index ("Biden" -> "Joseph R. Biden Jr.", "Joe Biden", "Biden", ...;
    never "Jill Biden"); a name the index cannot place falls back to surname matching.
    """
    index = people_index(store)
    if index.identity(name) is not None:
        return index.aliases(name)
    getter = getattr(store, "entities", None)
    if getter is None:
        return [name]
    tokens = name_tokens(name)  # without "Jr." and initials: the surname is the last of these
    if not tokens:
        return []
    candidates = getter(kind="person", q=tokens[-1])
    # Fullest name first (it is the one to show), then the most cited.
    out = [e.id for e in sorted(candidates, key=lambda e: (-len(e.id.split()), -e.facts, e.id))
           if name_ok(name, e.id)]
    return out or [name]


def same_person(store: Any, a: str | None, b: str | None) -> bool:
    """One person by the store's people index; by the scorer's surname rule when it does not know them."""
    return _same(people_index(store).same(a, b), a, b)


def _same(decided: bool | None, a: str | None, b: str | None) -> bool:
    return name_ok(a, b) if decided is None else decided


def read_facts(store: FactSource, type: Any = None, entities: list[str] | None = None, since: str | None = None,
               until: str | None = None, text: str | None = None, doc_id: str | None = None) -> list[Fact]:
    """The store's facts about ``entities``; people are also found by surname in the evidence.

    Stores link only full names to facts ("Anna Berg"), so a fact that names a
    person by surname alone ("Berg") is found by full-text search on the
    surname and kept when one of its fields names the same person.
    """
    found = store.facts(type=type, doc_id=doc_id, entity=entities or None, since=since, until=until, text=text)
    people = [e for e in entities or [] if not is_id(e)]
    if not people:
        return found
    seen = {f.fingerprint for f in found}
    index = people_index(store)
    surnames = {name_tokens(p)[-1] for p in people if name_tokens(p)}
    for surname in sorted(surnames):
        for fact in store.facts(type=type, doc_id=doc_id, since=since, until=until, text=surname):
            if fact.fingerprint in seen:
                continue
            named = [v for v in fact_entities(fact.fields) if not is_id(v)]
            if any(_same(index.same(p, v), p, v) for p in people for v in named):
                seen.add(fact.fingerprint)
                found.append(fact)
    return found


def _merge_read(store: Any, facts: list[Fact]) -> list[MergedFact]:
    return merge(facts, published_dates(store, facts), people=people_index(store))


def stored_merge(store: Any) -> bool:
    """Does the store keep merged facts (``store.merged_facts``) up to date? Else queries merge at read time."""
    ready = getattr(store, "merged_ready", None)
    return callable(ready) and bool(ready())


def in_merge_order(merged: list[MergedFact]) -> list[MergedFact]:
    """query.merge's output order (by type, then date) for merged facts read in cluster order."""
    merged.sort(key=lambda m: (m.type, dates.sort_key(m.date)))
    return merged


def read_merged(store: Any, type: Any = None, entities: list[str] | None = None, since: str | None = None,
                until: str | None = None, text: str | None = None, doc_id: str | None = None,
                limit: int | None = None, located: str | None = None) -> list[MergedFact]:
    """Merged facts about ``entities`` (and matching the other filters), as query.merge gives them.

    A store that keeps its merged tables (``diplograph reindex``; every build since schema 3)
    answers from them; otherwise the facts are read (:func:`read_facts`) and merged here.
    ``located``: also the events placed in that country by a place name.
    """
    if stored_merge(store):
        found = store.merged_facts(type=type, doc_id=doc_id, entity=entities or None, since=since, until=until,
                                   text=text, limit=limit, located=located)
        return in_merge_order(found)
    raw = read_facts(store, type, entities, since, until, text, doc_id) if limit is None else store.facts(
        type=type, doc_id=doc_id, entity=entities or None, since=since, until=until, text=text, limit=limit)
    if located:
        raw = with_located_events(store, located, raw)
    return _merge_read(store, raw)


def merged_with_channel(merged: list[MergedFact], channel: Any) -> list[MergedFact]:
    """The merged facts one of whose statements is of ``channel`` (a name or a list); all when empty."""
    wanted = set(_names(channel))
    if not wanted:
        return merged
    return [m for m in merged if any(f.fields.get("channel") in wanted for f in m.facts)]


def _entity_ids(store: Any, entity: str) -> list[str]:
    entity = canonical_id(store, entity)
    return expand_entity(entity) if is_id(entity) else person_names(store, entity)


def canonical_id(store: Any, entity: str) -> str:
    """The id a name means ("Vietnam", "vnm" -> VNM; "Son" -> "Bui Thanh Son"), leniently.

    Front ends resolve strictly first (:func:`diplograph.query.names.resolve_name` raises
    with "did you mean"); here a name nothing resolves is kept as given, so a query about an
    unknown entity is an empty answer, not an error.
    """
    from diplograph.query.names import resolve_name

    try:
        return resolve_name(store, entity).id
    except InputError:
        return entity


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class EntityProfile:
    """Everything the graph says about one country, body or person (as of a date, if given)."""

    id: str
    kind: str
    name: str
    as_of: str | None
    offices: tuple[MergedFact, ...] = ()
    partnerships: Mapping[str, tuple[MergedFact, ...]] = field(default_factory=dict)
    relations: tuple[MergedFact, ...] = ()
    roles: tuple[MergedFact, ...] = ()
    events: tuple[MergedFact, ...] = ()
    agreements: tuple[MergedFact, ...] = ()
    claims: tuple[ClaimSeries, ...] = ()
    histories: tuple[StatusHistory, ...] = ()
    # With a ``limit``: how many merged facts each section has in all (offices, partnerships,
    # relations, roles, events, agreements, claims: figures); empty when every one is shown.
    totals: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id, "kind": self.kind, "name": self.name, "as_of": self.as_of,
            "offices": [f.to_json() for f in self.offices],
            "partnerships": {level: [f.to_json() for f in fs] for level, fs in self.partnerships.items()},
            "relations": [f.to_json() for f in self.relations],
            "roles": [f.to_json() for f in self.roles],
            "events": [f.to_json() for f in self.events],
            "agreements": [f.to_json() for f in self.agreements],
            "claims": [s.to_json() for s in self.claims],
            "histories": [h.to_json() for h in self.histories],
        }
        if self.totals:
            out["totals"] = dict(self.totals)
        return out


@dataclass(frozen=True)
class TimelineEntry:
    date: str | None
    what: str  # "event", "start", "end", "since", "signed", "as_of"
    summary: str
    fact: MergedFact

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "what": self.what, "summary": self.summary, "fact": self.fact.to_json()}


@dataclass(frozen=True)
class Timeline:
    entity: str
    entries: tuple[TimelineEntry, ...]
    total: int | None = None  # with a limit: how many entries there are in all

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"entity": self.entity, "entries": [e.to_json() for e in self.entries]}
        if self.total is not None:
            out["total"] = self.total
        return out


# ---------------------------------------------------------------- the API


CHANNELS = ("party", "state", "parliament", "people")
# Fact types that carry a channel (FACTS.md): a channel filter reads only these.
CHANNEL_TYPES = ("event", "agreement")
# Up to this many stored facts are merged whole for a page; beyond, each page is merged on its own.
FULL_MERGE_MAX = 20_000


def with_channel(facts: Iterable[Fact], channel: Any) -> list[Fact]:
    """The facts whose ``channel`` is one of ``channel`` (a name or a list); all when it is empty."""
    wanted = set(_names(channel))
    if not wanted:
        return list(facts)
    return [f for f in facts if f.fields.get("channel") in wanted]


def _channel_types(type: Any, channel: Any) -> Any:
    if not _names(channel):
        return type
    types = _names(type)
    return [t for t in types if t in CHANNEL_TYPES] or (list(CHANNEL_TYPES) if not types else ["__none__"])


def facts(store: FactSource, type: Any = None, entity: str | None = None, since: str | None = None,
          until: str | None = None, text: str | None = None, doc_id: str | None = None,
          limit: int | None = None, channel: Any = None) -> list[MergedFact]:
    """Facts matching the filters, merged across documents (same key -> one fact, every source).

    ``entity`` is a name, alias, demonym or id in any case ("Vietnam", "vnm", "Son");
    ``channel`` one or more of party, state, parliament, people (events and agreements).
    With ``limit`` and no ``entity``, merging is done within the rows read for
    that page (a large store's whole type is not merged for a page of it).
    """
    type = _channel_types(type, channel)
    entities = _entity_ids(store, entity) if entity else None
    if stored_merge(store):
        found = read_merged(store, type, entities, since, until, text, doc_id,
                            limit=limit if not entities and not channel else None)
        merged = merged_with_channel(found, channel)
        return merged[:limit] if limit is not None else merged
    if limit is not None and not entities:
        # A page of a large store: merge within the rows read, not the whole type.
        raw = store.facts(type=type, doc_id=doc_id, since=since, until=until, text=text,
                          limit=None if channel else limit * 4)
    else:
        raw = read_facts(store, type, entities, since, until, text, doc_id)
    merged = _merge_read(store, with_channel(raw, channel))
    return merged[:limit] if limit is not None else merged


@dataclass(frozen=True)
class FactPage:
    """A page of merged facts: ``total`` facts match; ``merged`` is "all" (every match merged, then
    paged) or "page" (a store too large to merge whole: each page's stored rows merged on their own,
    and ``total`` counts stored facts)."""

    items: tuple[MergedFact, ...]
    total: int
    limit: int | None
    offset: int
    merged: str = "all"

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "merged": self.merged,
                "items": [f.to_json() for f in self.items]}


def facts_page(store: FactSource, type: Any = None, entity: str | None = None, since: str | None = None,
               until: str | None = None, text: str | None = None, channel: Any = None,
               limit: int | None = 200, offset: int = 0) -> FactPage:
    """A page of :func:`facts`, newest first, with the number of facts there are in all."""
    if stored_merge(store) and not channel and limit is not None:
        entities = _entity_ids(store, entity) if entity else None
        type = _channel_types(type, channel)
        total = int(store.count_merged(type=type, entity=entities, since=since, until=until, text=text))
        items = store.merged_facts(type=type, entity=entities, since=since, until=until, text=text, limit=limit,
                                   offset=offset, order="-date")
        return FactPage(tuple(items), total, limit, offset, "all")
    counter = getattr(store, "count_facts", None)
    if not entity and limit is not None and callable(counter) and not channel:
        count = int(counter(type=type, since=since, until=until, text=text))
        if count > FULL_MERGE_MAX:
            raw = store.facts(type=type, since=since, until=until, text=text, limit=limit, offset=offset,
                              order="-date")  # type: ignore[call-arg]
            items = sorted(_merge_read(store, raw), key=lambda f: (f.date or "", f.id), reverse=True)
            return FactPage(tuple(items), count, limit, offset, "page")
    merged = facts(store, type=type, entity=entity, since=since, until=until, text=text, channel=channel)
    merged.sort(key=lambda f: (f.date or "", f.id), reverse=True)
    end = None if limit is None else offset + limit
    return FactPage(tuple(merged[offset:end]), len(merged), limit, offset, "all")


def entity_facts(store: FactSource, entity: str) -> list[MergedFact]:
    """Every fact about an entity (a country with its national bodies; a person under every
    spelling), read and merged once."""
    entity_id = canonical_id(store, entity)
    country = entity_id if is_id(entity_id) and len(entity_id) == 3 else None
    return read_merged(store, None, _entity_ids(store, entity_id), located=country)


def with_located_events(store: FactSource, country: str, raw: list[Fact]) -> list[Fact]:
    """``raw`` plus :func:`located_events` it does not hold yet (compared by fingerprint, which
    costs a hash: only facts of the same sentences are compared)."""
    extra = located_events(store, country)
    if not extra:
        return raw
    places = {(f.doc_id, f.evidence.sentence) for f in extra}
    seen = {f.fingerprint for f in raw if (f.doc_id, f.evidence.sentence) in places}
    return raw + [f for f in extra if f.fingerprint not in seen]


def located_events(store: FactSource, country: str) -> list[Fact]:
    """Events whose location names the country by a place ("in Hanoi", "Vietnam") rather than its id.

    Stores link facts to ids only, so a visit "to Hanoi" is not among Vietnam's facts; the
    evidence sentences that name the country or a capital are searched, and an event is kept
    when its location resolves to the country.
    """
    from diplograph.resolve import countries, country_id

    known = countries().get(country)
    if known is None or not callable(getattr(store, "facts", None)):
        return []
    out: dict[str, Fact] = {}
    for place in dict.fromkeys((known.name, *known.capitals)):
        for fact in store.facts(type="event", text=f'"{place}"'):
            location = fact.fields.get("location")
            if isinstance(location, str) and not is_id(location) and country_id(location, capitals=True) == country:
                out.setdefault(fact.fingerprint, fact)
    return list(out.values())


def entity_kind(entity_id: str) -> str:
    if not is_id(entity_id):
        return "person"
    from diplograph.resolve import bodies

    return "body" if entity_id in bodies() or len(entity_id) != 3 else "country"


def entity_name(entity_id: str) -> str:
    from diplograph.resolve import bodies

    body = bodies().get(entity_id)
    if body:
        return body.name
    try:
        from diplograph.resolve import country_name  # type: ignore[attr-defined]

        return str(country_name(entity_id) or entity_id)
    except ImportError:
        pass
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=entity_id)
        return str(getattr(country, "common_name", None) or country.name) if country else entity_id
    except (ImportError, LookupError, KeyError):
        return entity_id


# Profile sections and the fact type each holds.
SECTION_TYPES = {"offices": "position", "partnerships": "partnership", "relations": "diplomatic_relations",
                 "roles": "role", "events": "event", "agreements": "agreement", "claims": "statistic"}
# Types a paged profile reads whole (few per entity; status histories need every step).
_WHOLE_TYPES = ("partnership", "diplomatic_relations", "role")


def newest(merged: Iterable[MergedFact], limit: int) -> list[MergedFact]:
    """The ``limit`` most recent merged facts (by their date, then id: as pages order them)."""
    return sorted(merged, key=lambda f: (f.date or "", f.id), reverse=True)[:limit]


def entity_profile(store: FactSource, entity_id: str, as_of: str | None = None,
                   limit: int | None = None) -> EntityProfile:
    """Offices held, partnerships by level, relations, roles with terms, events in order, claims.

    With ``as_of``: what held at that date (latest claims at or before it, each
    partnership at its highest level by then, terms covering it, events up to it).
    With ``limit`` (and no ``as_of``): each section holds its ``limit`` most recent merged
    facts (claims: the series of the ``limit`` most recent figures; histories: the ``limit``
    most recently changed, each with every step) and ``totals`` says how many there are.
    """
    entity_id = canonical_id(store, entity_id)
    kind = entity_kind(entity_id)
    ids = _entity_ids(store, entity_id)
    if limit is not None and not as_of:
        return _profile_page(store, entity_id, kind, ids, max(limit, 0))
    merged = read_merged(store, None, ids)
    subject = entity_id if kind != "person" else None
    histories = tuple(status_histories(merged, entity=subject)) if subject else ()
    if as_of:
        state: State = state_as_of(merged, as_of, entity=subject or entity_id)
        partnerships_list = list(state.partnerships)
        relations = state.relations
        roles = state.roles
        offices = state.positions if kind != "person" else tuple(
            f for f in merged if f.type == "position" and _stated_by(f, as_of))
        events = tuple(f for f in merged if f.type == "event" and dates.on_or_before(f.date, as_of))
        agreements = tuple(f for f in merged if f.type == "agreement" and dates.on_or_before(
            f.get("signed") or f.first_seen, as_of))
        claims = tuple(_series_of_points(state))
    else:
        partnerships_list = [f for f in merged if f.type == "partnership"]
        relations = tuple(f for f in merged if f.type == "diplomatic_relations")
        roles = tuple(f for f in merged if f.type == "role")
        offices = tuple(f for f in merged if f.type == "position")
        events = tuple(f for f in merged if f.type == "event")
        agreements = tuple(f for f in merged if f.type == "agreement")
        claims = tuple(claim_series(merged, subject=subject)) if subject else ()
    totals: dict[str, int] = {}
    if limit is not None:  # as of a date: computed whole, each section cut to its newest
        sections = {"offices": offices, "partnerships": partnerships_list, "relations": relations,
                    "roles": roles, "events": events, "agreements": agreements}
        totals = {name: len(facts) for name, facts in sections.items()}
        totals["claims"] = len(claims)
        cut = {name: set(map(id, newest(facts, limit))) for name, facts in sections.items()}
        offices, relations, roles, events, agreements = (
            tuple(f for f in sections[n] if id(f) in cut[n]) for n in ("offices", "relations", "roles", "events",
                                                                       "agreements"))
        partnerships_list = [f for f in partnerships_list if id(f) in cut["partnerships"]]
        claims = claims[:limit]
    by_level: dict[str, list[MergedFact]] = {}
    for fact in partnerships_list:
        by_level.setdefault(str(fact.get("level")), []).append(fact)
    name = entity_name(entity_id) if kind != "person" else (ids[0] if ids else entity_id)
    return EntityProfile(
        id=entity_id if kind != "person" else name, kind=kind, name=name, as_of=as_of,
        offices=tuple(sorted(offices, key=lambda f: dates.sort_key(f.get("as_of") or f.first_seen))),
        partnerships={k: tuple(v) for k, v in sorted(by_level.items())},
        relations=tuple(relations),
        roles=tuple(sorted(roles, key=lambda f: (dates.sort_key(f.get("start")), str(f.get("body"))))),
        events=tuple(sorted(events, key=lambda f: dates.sort_key(f.date))),
        agreements=tuple(sorted(agreements, key=lambda f: dates.sort_key(f.get("signed") or f.first_seen))),
        claims=claims,
        histories=histories,
        totals=totals,
    )


def _profile_page(store: FactSource, entity_id: str, kind: str, ids: list[str], limit: int) -> EntityProfile:
    """entity_profile with a limit: the newest facts of each section, read page-wise from merged tables."""
    by_type: dict[str, list[MergedFact]] = {}
    totals: dict[str, int] = {}
    if stored_merge(store):
        totals = store.count_merged_by_type(ids)  # type: ignore[attr-defined]
        whole = [t for t in _WHOLE_TYPES if totals.get(t)]
        for fact in store.merged_facts(type=whole, entity=ids) if whole else []:  # type: ignore[attr-defined]
            by_type.setdefault(fact.type, []).append(fact)
        for fact_type in SECTION_TYPES.values():
            if fact_type not in _WHOLE_TYPES and totals.get(fact_type):
                by_type[fact_type] = store.merged_facts(type=fact_type, entity=ids,  # type: ignore[attr-defined]
                                                        limit=limit, order="-date")
    else:
        for fact in read_merged(store, None, ids):
            by_type.setdefault(fact.type, []).append(fact)
        for fact_type in SECTION_TYPES.values():
            found = by_type.get(fact_type, [])
            totals[fact_type] = len(found)
            by_type[fact_type] = found if fact_type in _WHOLE_TYPES else newest(found, limit)
    subject = entity_id if kind != "person" else None
    every = status_histories([f for t in _WHOLE_TYPES for f in by_type.get(t, [])], entity=subject) \
        if subject else []
    recent = {id(h) for h in sorted(every, key=lambda h: max(dates.sort_key(step.date) for step in h.steps),
                                     reverse=True)[:limit]}
    histories = tuple(h for h in every if id(h) in recent)  # the most recently changed, in their order
    shown = {t: in_merge_order(newest(by_type.get(t, []), limit)) for t in SECTION_TYPES.values()}
    claims = tuple(claim_series(shown["statistic"], subject=subject)) if subject else ()
    by_level: dict[str, list[MergedFact]] = {}
    for fact in shown["partnership"]:
        by_level.setdefault(str(fact.get("level")), []).append(fact)
    name = entity_name(entity_id) if kind != "person" else (ids[0] if ids else entity_id)
    return EntityProfile(
        id=entity_id if kind != "person" else name, kind=kind, name=name, as_of=None,
        offices=tuple(sorted(shown["position"], key=lambda f: dates.sort_key(f.get("as_of") or f.first_seen))),
        partnerships={k: tuple(v) for k, v in sorted(by_level.items())},
        relations=tuple(shown["diplomatic_relations"]),
        roles=tuple(sorted(shown["role"], key=lambda f: (dates.sort_key(f.get("start")), str(f.get("body"))))),
        events=tuple(sorted(shown["event"], key=lambda f: dates.sort_key(f.date))),
        agreements=tuple(sorted(shown["agreement"], key=lambda f: dates.sort_key(f.get("signed") or f.first_seen))),
        claims=claims,
        histories=histories,
        totals={**{section: totals.get(t, 0) for section, t in SECTION_TYPES.items()}, "histories": len(every)},
    )


def _stated_by(fact: MergedFact, when: str) -> bool:
    return any(dates.on_or_before(str(f.get("as_of") or fact.first_seen or ""), when) for f in fact.facts)


def _series_of_points(state: State) -> list[ClaimSeries]:
    return [ClaimSeries(str(p.fact.get("subject")), str(p.fact.get("metric")), (p,), p.fact.get("label"))
            for p in state.statistics]


def timeline_points(fact: MergedFact) -> list[tuple[str, str]]:
    """(date, what) of each time line entry a merged fact gives: a term its start and its end, an
    event its date, a partnership its since ...; undated ones their first report. Only real dates."""
    out: list[tuple[str, str]] = []
    if fact.type == "document":
        return out
    if fact.type == "role":
        start, end = fact.get("start"), fact.get("end")
        if start:
            out.append((str(start), "start"))
        if end and end != start:
            out.append((str(end), "end"))
        if not start and not end and fact.first_seen:
            out.append((fact.first_seen, "reported"))
    else:
        for name, what in (("date", "event"), ("start", "event"), ("since", "since"), ("signed", "signed"),
                           ("as_of", "as_of")):
            if fact.get(name):
                out.append((str(fact.get(name)), what))
                break
        else:
            if fact.first_seen:
                out.append((fact.first_seen, "reported"))
    return [(date, what) for date, what in out if dates.bounds(date)]


def timeline(store: FactSource, entity_id: str, since: str | None = None, until: str | None = None,
             channel: Any = None, limit: int | None = None, offset: int = 0) -> Timeline:
    """The dated facts about an entity, in date order (a term gives a start and an end entry).

    With ``limit``: entries ``offset`` to ``offset + limit`` of that order, and ``total`` (a store
    that keeps merged facts reads just that page).
    """
    entity_id = canonical_id(store, entity_id)
    types = _channel_types(None, channel)
    if limit is not None and stored_merge(store):
        found, total = store.timeline_page(types, _entity_ids(store, entity_id),  # type: ignore[attr-defined]
                                           since, until, _names(channel), max(limit, 0), max(offset, 0))
        return Timeline(entity_id, tuple(TimelineEntry(date, what, describe(fact), fact)
                                         for fact, date, what in found), total)
    if stored_merge(store):
        merged = merged_with_channel(read_merged(store, types, _entity_ids(store, entity_id)), channel)
    else:
        raw = read_facts(store, types, _entity_ids(store, entity_id))
        merged = _merge_read(store, with_channel(raw, channel))
    entries = [TimelineEntry(date, what, describe(fact), fact) for fact in merged
               for date, what in timeline_points(fact)]
    entries = [e for e in entries if (since is None or dates.within(e.date, since, None))
               and (until is None or dates.within(e.date, None, until))]
    entries.sort(key=lambda e: (dates.sort_key(e.date), e.fact.type))
    if limit is None:
        return Timeline(entity_id, tuple(entries))
    return Timeline(entity_id, tuple(entries[max(offset, 0): max(offset, 0) + max(limit, 0)]), len(entries))


def claims(store: FactSource, metric: str | None = None, subject: str | None = None) -> list[ClaimSeries]:
    """Series of a metric (for a subject): every figure with its date and sources, oldest first."""
    subject = canonical_id(store, subject) if subject else subject
    if metric and stored_merge(store):  # only that metric's figures are read
        merged = in_merge_order(store.merged_facts(type="statistic", entity=expand_entity(subject) if subject else None,
                                                   where={"metric": metric}))
    else:
        merged = read_merged(store, "statistic", expand_entity(subject) if subject else None)
    return claim_series(merged, metric=metric, subject=subject)


def contradictions(store: FactSource, subject: str | None = None) -> list[Contradiction]:
    """Claims for the same time that cannot all be true, each explained, with every source."""
    subject = canonical_id(store, subject) if subject else subject
    if stored_merge(store) and (subject is None or actor_key(subject) == subject):
        return list(store.merged_contradictions(subject))  # kept with the merged facts
    return find(read_merged(store, "statistic", expand_entity(subject) if subject else None), subject=subject)


def state(store: FactSource, when: str, entity: str | None = None) -> State:
    """What held at ``when`` (for an entity, or everything)."""
    entity = canonical_id(store, entity) if entity else entity
    return state_as_of(read_merged(store, None, _entity_ids(store, entity) if entity else None), when,
                       entity=entity)


def search(store: FactSource, text: str, limit: int = 20) -> list[MergedFact]:
    """Facts whose evidence sentences contain the words of ``text`` (full-text search)."""
    if stored_merge(store):
        return read_merged(store, text=text, limit=limit)
    return _merge_read(store, store.facts(text=text, limit=limit * 3))[:limit]


__all__ = [
    "CHANNELS", "EntityProfile", "FactPage", "FactSource", "canonical_id", "entity_facts", "located_events", "with_located_events", "read_merged", "stored_merge", "timeline_points", "facts_page", "with_channel", "MemorySource", "Timeline", "TimelineEntry", "claims", "contradictions",
    "entity_profile", "expand_entity", "facts", "person_names", "published_dates", "same_person", "search",
    "state",
    "timeline",
]
