"""Merge the same fact stated in several documents into one :class:`MergedFact`.

Keys follow shared/spec/FACTS.md so that what the scorer would count as one
fact is one fact here: a statistic is its subject, metric, value and the year
it holds for; a partnership its pair and level; an event its kind family, a
compatible date and a shared participant; a position its person (surname
matching as the scorer does) and org. Every citation is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

from diplograph.model import Evidence, Fact
from diplograph.query import dates
from diplograph.resolve import fold, national_country

# Event kinds that reporters use for the same happening (as the scorer has them).
KIND_FAMILY = {"meeting": "gathering", "talks": "gathering", "conference": "gathering", "call": "gathering",
               "statement": "speech", "briefing": "speech", "interview": "speech"}
# "established" and "restored" both say relations are on; "active" says they hold.
STATUS_FAMILY = {"active": "on", "established": "on", "restored": "on", "severed": "off",
                 "downgraded": "downgraded"}
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
_AGREEMENT_STOPWORDS = {"and", "for", "of", "the", "on", "between", "to", "in", "a", "an"}


@dataclass(frozen=True, eq=False)
class MergedFact:
    """One fact of the graph with every document that states it.

    ``fields`` is the fullest statement (fields missing from it filled from the
    others); ``facts`` are the per-document facts it merges, each with its
    evidence; ``first_seen``/``last_seen`` are the earliest and latest dates of
    the documents that state it (the fact's own date when a document is undated).
    """

    id: str
    type: str
    fields: Mapping[str, Any]
    facts: tuple[Fact, ...]
    first_seen: str | None = None
    last_seen: str | None = None
    confidence: float = 0.5

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(fact.evidence for fact in self.facts)

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fact.doc_id for fact in self.facts))

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def date(self) -> str | None:
        """The date the fact is about (event date, term start, claim date, since), else first seen."""
        for name in ("date", "start", "as_of", "since", "signed", "period_start", "published"):
            if self.fields.get(name):
                return str(self.fields[name])
        return self.first_seen

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "fields": dict(self.fields),
            "summary": describe(self),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "confidence": round(self.confidence, 3),
            "sources": [
                {"doc": f.doc_id, "sentence": f.evidence.sentence, "start": f.evidence.start,
                 "end": f.evidence.end, "text": f.evidence.text, "extractor": f.extractor}
                for f in self.facts
            ],
        }


# ---------------------------------------------------------------- matching helpers


def is_id(value: Any) -> bool:
    """Country and body ids are upper case ("VNM", "UNSC"); people's names are not."""
    return isinstance(value, str) and _is_id(value)


@lru_cache(maxsize=65536)
def _is_id(value: str) -> bool:
    return bool(_ID.match(value))


def actor_key(entity_id: str | None) -> str | None:
    """A national body counts as its country (CPV ~ VNM, NA_VNM ~ VNM), as in FACTS.md keys."""
    if not entity_id:
        return entity_id
    return _actor_key(entity_id)


@lru_cache(maxsize=65536)
def _actor_key(entity_id: str) -> str:
    return national_country(entity_id) or entity_id


def same_actor(a: str | None, b: str | None) -> bool:
    return bool(a and b) and (a == b or actor_key(a) == actor_key(b))


def name_tokens(name: str | None) -> list[str]:
    """Folded name words without suffixes (Jr., III) and initials (R.), as the scorer has them."""
    return list(_name_tokens(name or ""))


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    words = fold(name).casefold().replace("-", " ").replace(".", " ").replace(",", " ").split()
    return tuple(w for w in words if w not in _NAME_SUFFIXES and len(w) > 1)


def name_ok(a: str | None, b: str | None) -> bool:
    """The same person: equal names, a surname alone, or a short given name (the scorer's rule)."""
    at, bt = name_tokens(a), name_tokens(b)
    if not at or not bt:
        return False
    if at == bt:
        return True
    short, long_ = (at, bt) if len(at) < len(bt) else (bt, at)
    if len(short) == 1:
        return short[0] in long_[1:]
    if long_[-len(short):] == short:
        return True
    return short[-1] in long_[1:] and long_[0][:2] == short[0][:2]


def participant_ok(a: Any, b: Any) -> bool:
    if is_id(a) or is_id(b):
        return is_id(a) and is_id(b) and same_actor(a, b)
    return name_ok(a, b)


_TITLE_SYNONYMS = (
    (r"\bminister (of|for) foreign affairs\b", "foreign minister"),
    (r"\bpm\b", "prime minister"),
    (r"\bchair(wo)?man\b|\bchairperson\b", "chair"),
    (r"\bsecretary[- ]general\b|\bgeneral[- ]secretary\b", "general secretary"),
    (r"\bhead of state\b", "president"),
)


_TITLE_SYNONYM_RES = tuple((re.compile(pattern), repl) for pattern, repl in _TITLE_SYNONYMS)
_TITLE_WORD = re.compile(r"[a-z]+")


def title_words(title: Any) -> list[str]:
    """Words of an office title with common variants made one ("Minister of Foreign Affairs")."""
    return list(_title_words(str(title or "")))


@lru_cache(maxsize=16384)
def _title_words(title: str) -> tuple[str, ...]:
    text = fold(title).casefold().replace("-", " ")
    for pattern, repl in _TITLE_SYNONYM_RES:
        text = pattern.sub(repl, text)
    return tuple(w for w in _TITLE_WORD.findall(text) if w not in {"the", "of", "and"})


def same_title(a: Any, b: Any) -> bool:
    """Titles compared loosely: one's words run inside the other's ("President" ~ "State President"),
    never across a qualifier ("President" vs "Vice President")."""
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    for i in range(len(long_) - len(short) + 1):
        if long_[i:i + len(short)] == short:
            return (long_[i - 1] if i else "") not in {"vice", "deputy", "former", "acting", "assistant", "under"}
    return False


def kind_family(kind: str | None) -> str | None:
    return KIND_FAMILY.get(kind or "", kind)


def status_family(status: str | None) -> str:
    return STATUS_FAMILY.get(status or "active", status or "active")


def pair(fields: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(x for x in (fields.get("a"), fields.get("b")) if x)


def _fold_name(name: Any) -> str:
    text = " ".join(fold(str(name)).casefold().replace("-", " ").split()) if name else ""
    return re.sub(r"^the ", "", text)


def acronym_of(long_name: str) -> str:
    """Initials of a long name's words ("Regional Comprehensive Economic Partnership" -> "RCEP")."""
    words = re.split(r"[\s\-–/]+", fold(long_name))
    return "".join(w[0].upper() for w in words if w and w.casefold() not in _AGREEMENT_STOPWORDS
                   and w[0].isalpha())


def short_form_of(short: str, long_name: str) -> bool:
    """Is ``short`` an acronym of ``long_name``? (CPTPP and the Comprehensive and Progressive ...)"""
    short = short.replace(".", "").replace("-", "").strip()
    if not (3 <= len(short) <= 10) or not short.isupper() or " " in short:
        return False
    initials = acronym_of(long_name)
    if not initials or short[0] != initials[0]:
        return False
    rest = iter(initials)
    return all(ch in rest for ch in short) and len(short) >= 0.6 * len(initials)


def agreement_names(fields: Mapping[str, Any]) -> set[str]:
    return {n for n in (_fold_name(fields.get("name")), _fold_name(fields.get("long_name"))) if n}


def same_agreement(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same normalised name, or an acronym and its long form; parties, where both name them, agree."""
    parties_a, parties_b = set(a.get("parties") or []), set(b.get("parties") or [])
    if parties_a and parties_b and parties_a != parties_b:
        return False
    if agreement_names(a) & agreement_names(b):
        return True
    raw_a = [str(x) for x in (a.get("name"), a.get("long_name")) if x]
    raw_b = [str(x) for x in (b.get("name"), b.get("long_name")) if x]
    return any(short_form_of(x, y) or short_form_of(y, x) for x in raw_a for y in raw_b)


def same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same kind family, dates that can be the same day, and a shared person (or the same actors)."""
    if kind_family(a.get("kind")) != kind_family(b.get("kind")):
        return False
    date_a, date_b = a.get("date") or a.get("start"), b.get("date") or b.get("start")
    if date_a or date_b:
        if not dates.compatible(date_a, date_b):
            return False
    parts_a = [p for p in a.get("participants") or [] if p]
    parts_b = [p for p in b.get("participants") or [] if p]
    ids_a = {actor_key(p) for p in parts_a if is_id(p)}
    ids_b = {actor_key(p) for p in parts_b if is_id(p)}
    if ids_a and ids_b and not ids_a & ids_b:
        return False  # a visit to Korea and a visit to India in the same month are two visits
    loc_a, loc_b = a.get("location"), b.get("location")
    if is_id(loc_a) and is_id(loc_b) and not same_actor(loc_a, loc_b):
        return False
    people_a = [p for p in parts_a if not is_id(p)]
    people_b = [p for p in parts_b if not is_id(p)]
    shared = sum(1 for x in people_a if any(name_ok(x, y) for y in people_b))
    if shared and shared >= min(2, len(people_a), len(people_b)):
        # Biden meeting Modi and Biden meeting Kishida on one day are two meetings.
        return bool(date_a and date_b) or _same_set(parts_a, parts_b)
    # Without people, a shared country says little: ask for the same actors.
    return bool(parts_a) and _same_set(parts_a, parts_b) and bool(date_a and date_b)


def _same_set(a: Sequence[Any], b: Sequence[Any]) -> bool:
    return all(any(participant_ok(x, y) for y in b) for x in a) and all(
        any(participant_ok(x, y) for x in a) for y in b)


# ---------------------------------------------------------------- keys


def _stat_key(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    value = fields.get("value")
    try:
        value = round(float(value), 6)
    except (TypeError, ValueError):
        pass
    label = _fold_name(fields.get("label")) if fields.get("metric") == "other" else ""
    return (actor_key(fields.get("subject")), fields.get("metric"), label, value, dates.year(fields.get("as_of")))


def exact_key(fact_type: str, fields: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """A hashable key for the types whose identity is a plain tuple; None for clustered types."""
    if fact_type == "statistic":
        return _stat_key(fields)
    if fact_type == "partnership":
        return (pair(fields), fields.get("level"))
    if fact_type == "diplomatic_relations":
        return (pair(fields), status_family(fields.get("status")))
    if fact_type == "role":
        return (actor_key(fields.get("actor")), fields.get("body"), fields.get("role"),
                dates.year(fields.get("start")) if fields.get("start") else None)
    if fact_type == "document":
        return (fields.get("__doc"),)
    return None


CLUSTER_TESTS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], bool]] = {
    "agreement": same_agreement,
    "event": same_event,
    "position": lambda a, b: (name_ok(a.get("person"), b.get("person")) and a.get("org") == b.get("org")
                              and same_title(a.get("title"), b.get("title"))),
}


# ---------------------------------------------------------------- merging


# The fields a cluster test reads: facts that agree on these are tested once, not once per document.
_TESTED_FIELDS: dict[str, tuple[str, ...]] = {
    "position": ("person", "org", "title"),
    "event": ("kind", "date", "start", "participants", "location"),
    "agreement": ("name", "long_name", "parties"),
}


def _signature(fact_type: str, fields: Mapping[str, Any]) -> str:
    names = _TESTED_FIELDS.get(fact_type)
    if names:
        return repr(tuple(fields.get(k) for k in names))
    return json.dumps(dict(fields), sort_keys=True, default=str)


class _Names(Protocol):
    def canonical(self, name: str) -> str: ...


def merge(facts: Iterable[Fact], published: Mapping[str, str | None] | None = None,
          people: _Names | None = None) -> list[MergedFact]:
    """Group facts that state the same thing (FACTS.md keys) into merged facts.

    ``published`` maps a document id to its publication date, for first/last
    seen; documents missing from it fall back to the fact's own date.
    ``people`` (a :class:`~diplograph.query.people.PeopleIndex`) makes every
    spelling of a person one name before matching ("Biden" ~ "Joseph R. Biden
    Jr.", never ~ "Jill Biden"), and the merged fact shows the canonical name.
    Output order: by type, then date.

    Exact-key types are grouped by dict lookup. Events, positions and
    agreements are clustered (complete linkage: a fact joins the earliest
    cluster all of whose distinct statements it matches), comparing only
    clusters that share a block: kind family + a date that can be the same day
    + a name word or the set of actors; org + a name word; a name or initial.
    A fact whose tested fields equal an earlier one's joins that one's cluster
    without a test.
    """
    published = published or {}
    groups: list[list[Fact]] = []
    by_key: dict[tuple[Any, ...], list[Fact]] = {}
    # block -> cluster numbers (dict as an ordered set), per type
    indexes: dict[str, dict[tuple[Any, ...], dict[int, None]]] = {}
    # cluster number -> its distinct tested field sets; (type, signature) -> cluster number
    distinct: dict[int, list[Mapping[str, Any]]] = {}
    by_signature: dict[tuple[str, str], int] = {}
    canonical: dict[int, Mapping[str, Any]] = {}  # id(fact) -> fields with canonical names
    for fact in facts:
        if fact.type == "document":
            key: tuple[Any, ...] | None = (fact.doc_id,)
        else:
            key = exact_key(fact.type, fact.fields)
        if key is not None:
            full = (fact.type, *key)
            group = by_key.get(full)
            if group is None:
                group = by_key[full] = []
                groups.append(group)
            group.append(fact)
            continue
        test = CLUSTER_TESTS.get(fact.type)
        if test is None:
            groups.append([fact])
            continue
        fields = _with_canonical_names(fact.type, fact.fields, people) if people is not None else fact.fields
        if fields is not fact.fields:
            canonical[id(fact)] = fields
        signature = (fact.type, _signature(fact.type, fields))
        home = by_signature.get(signature)
        if home is not None:
            groups[home].append(fact)
            continue
        index = indexes.setdefault(fact.type, {})
        probe_keys, own_keys = _block_keys(fact.type, fields)
        candidates: set[int] = set()
        for block in probe_keys:
            candidates.update(index.get(block, ()))
        for number in sorted(candidates):
            # Complete linkage: a coarse date or a bare surname must not chain two happenings.
            if all(test(fields, other) for other in distinct[number]):
                home = number
                break
        if home is None:
            home = len(groups)
            groups.append([])
            distinct[home] = []
        groups[home].append(fact)
        distinct[home].append(fields)
        if test(fields, fields):  # not so for an event without participants: it matches nothing
            by_signature[signature] = home
        for block in own_keys:
            index.setdefault(block, {})[home] = None
    groups = _fold_undated_roles(groups)
    merged = [_merged(group, published, canonical) for group in groups if group]
    merged.sort(key=lambda m: (m.type, dates.sort_key(m.date)))
    return merged


def _with_canonical_names(fact_type: str, fields: Mapping[str, Any], people: _Names) -> Mapping[str, Any]:
    """The fields with each person named by their canonical name (the same object when none changes)."""
    if fact_type == "position":
        person = fields.get("person")
        if isinstance(person, str) and person:
            name = people.canonical(person)
            if name != person:
                return {**fields, "person": name}
        return fields
    if fact_type == "event":
        parts = fields.get("participants") or []
        named = [people.canonical(p) if isinstance(p, str) and p and not is_id(p) else p for p in parts]
        if named != list(parts):
            return {**fields, "participants": list(dict.fromkeys(named))}
    return fields


def _date_prefixes(value: Any) -> tuple[str, ...]:
    """The year, month and day prefixes of a date and the date itself (dates that can be the same day
    are one a prefix of the other)."""
    if not value:
        return ("",)
    text = str(value)
    return tuple(dict.fromkeys(text[:n] for n in (4, 7, 10, len(text)) if n <= len(text)))


def _block_keys(fact_type: str, fields: Mapping[str, Any]) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """(keys to look candidates up by, keys to file this fact under): only facts that share a
    block are compared, which keeps merging near-linear on large stores."""
    keys: set[tuple[Any, ...]] = set()
    if fact_type == "event":
        family = kind_family(fields.get("kind"))
        when = fields.get("date") or fields.get("start")
        text = str(when) if when else ""
        parts = [p for p in fields.get("participants") or [] if p]
        tags: set[tuple[Any, ...]] = {("n", tok) for part in parts if not is_id(part) for tok in name_tokens(part)}
        tags.add(("ids", tuple(sorted({str(actor_key(p)) for p in parts if is_id(p)}))))
        # Filed under its own date and under each shorter prefix; looked up by its own date (for
        # facts with it or a longer one) and by each shorter prefix's exact date.
        prefixes = _date_prefixes(when)
        own: set[tuple[Any, ...]] = {(family, "at", text, *tag) for tag in tags}
        own.update((family, "in", p, *tag) for tag in tags for p in prefixes if p != text)
        looked_up: set[tuple[Any, ...]] = {(family, "in", text, *tag) for tag in tags}
        looked_up.update((family, "at", p, *tag) for tag in tags for p in prefixes)
        return looked_up, own
    if fact_type == "position":
        keys.update((fields.get("org"), tok) for tok in name_tokens(fields.get("person")))
        return keys, keys
    if fact_type == "agreement":
        probe: set[tuple[Any, ...]] = set()
        for name in agreement_names(fields):
            keys.add(("name", name))
        probe.update(keys)
        for raw in (fields.get("name"), fields.get("long_name")):
            if not raw:
                continue
            raw = str(raw)
            compact = raw.replace(".", "").replace("-", "").strip()
            if compact.isupper() and " " not in compact and compact:
                keys.add(("acr", compact[0]))
                probe.add(("long", compact[0]))
            else:
                initials = acronym_of(raw)
                if initials:
                    keys.add(("long", initials[0]))
                    probe.add(("acr", initials[0]))
        return probe, keys
    return keys, keys


def _fold_undated_roles(groups: list[list[Fact]]) -> list[list[Fact]]:
    """A role stated without a start joins the one dated term of the same seat, if there is one."""
    dated: dict[tuple[Any, ...], list[list[Fact]]] = {}
    undated: list[tuple[tuple[Any, ...], list[Fact]]] = []
    for group in groups:
        fact = group[0]
        if fact.type != "role":
            continue
        seat = (actor_key(fact.get("actor")), fact.get("body"), fact.get("role"))
        if fact.get("start"):
            dated.setdefault(seat, []).append(group)
        else:
            undated.append((seat, group))
    for seat, group in undated:
        terms = dated.get(seat, [])
        if len(terms) == 1:
            terms[0].extend(group)
            group.clear()
    return groups


def _richness(fact: Fact) -> tuple[int, float, int]:
    filled = sum(1 for v in fact.fields.values() if v not in (None, "", [], ()))
    return (filled, fact.confidence, len(str(fact.get("name") or fact.get("person") or "")))


def _merged(group: list[Fact], published: Mapping[str, str | None],
            canonical: Mapping[int, Mapping[str, Any]] | None = None) -> MergedFact:
    canonical = canonical or {}
    if len(group) == 1:  # most facts are stated once: skip the merging work
        only = group[0]
        fields = {k: v for k, v in canonical.get(id(only), only.fields).items() if not k.startswith("__")}
        seen_at = published.get(only.doc_id) or _own_date(only)
        seen_at = seen_at if dates.bounds(seen_at) else None
        return MergedFact(_merged_id(only.type, fields), only.type, fields, (only,), seen_at, seen_at,
                          round(min(max(only.confidence, 0.0), 0.99), 4))
    best = max(group, key=_richness)
    fields: dict[str, Any] = {k: v for k, v in best.fields.items() if not k.startswith("__")}
    for fact in group:
        for name, value in fact.fields.items():
            if fields.get(name) in (None, "", [], ()) and value not in (None, "", [], ()):
                fields[name] = value
    if best.type == "event":
        fields["participants"] = _union_participants(
            [canonical.get(id(f), f.fields).get("participants") or [] for f in group])
        stated = [str(f.get("date")) for f in group if dates.bounds(f.get("date"))]
        if stated:
            fields["date"] = max(stated, key=len)  # the most precise of the (compatible) dates
    if best.type == "position":
        fields["person"] = max((str(canonical.get(id(f), f.fields).get("person") or "") for f in group),
                               key=lambda n: len(name_tokens(n)))
    if best.type == "role" and not best.get("start"):
        starts = [f.get("start") for f in group if f.get("start")]
        if starts:
            dated_best = max((f for f in group if f.get("start")), key=_richness)
            fields.update({k: v for k, v in dated_best.fields.items() if v is not None})
    if best.type == "statistic":
        fields["value"] = best.get("value")
    seen = sorted((d for d in (published.get(f.doc_id) or _own_date(f) for f in group) if dates.bounds(d)),
                  key=dates.sort_key)
    per_doc: dict[str, float] = {}
    for fact in group:
        per_doc[fact.doc_id] = max(per_doc.get(fact.doc_id, 0.0), fact.confidence)
    miss = 1.0
    for conf in per_doc.values():
        miss *= 1.0 - min(max(conf, 0.0), 0.99)
    ordered = tuple(sorted(group, key=lambda f: (dates.sort_key(published.get(f.doc_id)), f.doc_id,
                                                 f.evidence.sentence)))
    return MergedFact(
        id=_merged_id(best.type, fields),
        type=best.type,
        fields=fields,
        facts=ordered,
        first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None,
        confidence=round(1.0 - miss, 4),
    )


# ---------------------------------------------------------------- the same, one statement at a time

_EMPTY = (None, "", [], ())


def merge_step(state: dict[str, Any] | None, fact: Fact, published: Mapping[str, str | None],
               named: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Add a statement to a merged fact's running state: what :func:`_merged` computes, kept so that a
    statement joining a large merged fact costs no more than a small one.

    Statements are added in the order ``merge`` groups them (id order, a document's together);
    ``named`` is the statement's fields with canonical person names (``_with_canonical_names``).
    The state is JSON; :func:`merge_result` turns it into the merged fields, dates and confidence.
    """
    named = fact.fields if named is None else named
    if state is None:
        state = {"n": 0, "only": {k: v for k, v in named.items() if not k.startswith("__")},
                 "only_conf": fact.confidence, "best": None, "rich": None, "fill": {}, "union": [], "lists": [],
                 "date": None, "person": None, "first": None, "last": None, "miss": 1.0, "doc": None,
                 "doc_conf": 0.0, "docs": 0, "channels": []}
    state["n"] += 1
    rich = list(_richness(fact))
    if state["rich"] is None or rich > state["rich"]:
        state["best"], state["rich"] = dict(fact.fields), rich
    fill = state["fill"]
    for name, value in fact.fields.items():
        if name not in fill and value not in _EMPTY:
            fill[name] = value
    if fact.type == "event":
        parts = list(named.get("participants") or [])
        if parts not in state["lists"]:  # each distinct list once, as _union_participants takes them
            state["lists"].append(parts)
            _add_participants(state["union"], parts)
        date = fact.get("date")
        if dates.bounds(date) and (state["date"] is None or len(str(date)) > len(state["date"])):
            state["date"] = str(date)
    if fact.type == "position":
        person = str(named.get("person") or "")
        if state["person"] is None or len(name_tokens(person)) > len(name_tokens(state["person"])):
            state["person"] = person
    seen = published.get(fact.doc_id) or _own_date(fact)
    if dates.bounds(seen):
        if state["first"] is None or dates.sort_key(seen) < dates.sort_key(state["first"]):
            state["first"] = seen
        if state["last"] is None or dates.sort_key(seen) >= dates.sort_key(state["last"]):
            state["last"] = seen
    if fact.doc_id != state["doc"]:
        if state["doc"] is not None:
            state["miss"] *= 1.0 - min(max(state["doc_conf"], 0.0), 0.99)
        state["doc"], state["doc_conf"] = fact.doc_id, fact.confidence
        state["docs"] += 1
    else:
        state["doc_conf"] = max(state["doc_conf"], fact.confidence)
    channel = fact.fields.get("channel")
    if channel and str(channel) not in state["channels"]:
        state["channels"].append(str(channel))
    return state


def merge_result(fact_type: str, state: Mapping[str, Any]) -> tuple[dict[str, Any], str | None, str | None, float]:
    """(fields, first seen, last seen, confidence) of a merged fact from its :func:`merge_step` state."""
    if state["n"] == 1:
        return (dict(state["only"]), state["first"], state["last"],
                round(min(max(state["only_conf"], 0.0), 0.99), 4))
    fields: dict[str, Any] = {k: v for k, v in state["best"].items() if not k.startswith("__")}
    for name, value in state["fill"].items():
        if fields.get(name) in _EMPTY:
            fields[name] = value
    if fact_type == "event":
        fields["participants"] = list(state["union"])
        if state["date"]:
            fields["date"] = state["date"]
    if fact_type == "position":
        fields["person"] = state["person"]
    miss = state["miss"] * (1.0 - min(max(state["doc_conf"], 0.0), 0.99))
    return fields, state["first"], state["last"], round(1.0 - miss, 4)


def member_order(fact: Fact, published: Mapping[str, str | None]) -> tuple[Any, ...]:
    """Where a statement comes among a merged fact's ``facts`` (before ties, which keep group order)."""
    return (dates.sort_key(published.get(fact.doc_id)), fact.doc_id, fact.evidence.sentence)


def _own_date(fact: Fact) -> str | None:
    for name in ("published", "as_of", "date", "start", "signed", "since"):
        if fact.get(name):
            return str(fact.get(name))
    return None


def _union_participants(lists: list[Any]) -> list[Any]:
    out: list[Any] = []
    for parts in dict.fromkeys(tuple(p) for p in lists):  # each distinct list once
        _add_participants(out, parts)
    return out


def _add_participants(out: list[Any], parts: Iterable[Any]) -> None:
    """Add each participant to ``out`` unless one it matches is there (a fuller name replaces a shorter one)."""
    for part in parts:
        for i, known in enumerate(out):
            if participant_ok(part, known):
                if not is_id(part) and len(name_tokens(part)) > len(name_tokens(known)):
                    out[i] = part
                break
        else:
            out.append(part)


def _merged_id(fact_type: str, fields: Mapping[str, Any]) -> str:
    # repr of sorted items: stable across runs and much cheaper than JSON on large merges
    core = sorted((k, repr(v)) for k, v in fields.items() if k in _ID_FIELDS.get(fact_type, ()))
    return hashlib.sha1(repr((fact_type, core)).encode("utf-8")).hexdigest()[:16]


_ID_FIELDS: dict[str, tuple[str, ...]] = {
    "statistic": ("subject", "metric", "label", "value", "as_of"),
    "partnership": ("a", "b", "level"),
    "diplomatic_relations": ("a", "b", "status"),
    "role": ("actor", "body", "role", "start"),
    "agreement": ("name", "parties"),
    "event": ("kind", "date", "participants"),
    "position": ("person", "org"),
    "document": ("published", "title"),
}


# ---------------------------------------------------------------- human-readable lines


def describe(fact: MergedFact | Fact, name: Callable[[str], str] | None = None) -> str:
    """One line a person can read: "VNM–RUS comprehensive strategic partnership (since 2001)".

    ``name`` shows ids as names (``query.names.labelled``: "Vietnam (VNM)–Russia (RUS) ...").
    """
    f = fact.fields
    t = fact.type
    n: Callable[[Any], str] = (lambda v: name(str(v)) if v and is_id(v) else str(v)) if name else str
    if t == "statistic":
        what = f.get("label") or str(f.get("metric") or "").replace("_", " ")
        qual = {"over": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least ",
                "up_to": "up to "}.get(str(f.get("qualifier") or ""), "")
        of = f" of {f.get('of')}" if f.get("of") else ""
        unit = f" {f.get('unit')}" if name and f.get("unit") not in (None, "count") else ""
        return (f"{n(f.get('subject'))}: {what} = {qual}{_number(f.get('value'))}{unit}{of}"
                f" (as of {f.get('as_of') or '?'})")
    if t == "partnership":
        since = f" (since {f.get('since')})" if f.get("since") else ""
        level = str(f.get("level") or "").replace("_", " ")
        return f"{n(f.get('a'))}–{n(f.get('b'))} {level} partnership{since}"
    if t == "diplomatic_relations":
        since = f" since {f.get('since')}" if f.get("since") else ""
        return f"{n(f.get('a'))}–{n(f.get('b'))} diplomatic relations: {f.get('status') or 'active'}{since}"
    if t == "role":
        term = _term(f.get("start"), f.get("end"))
        label = f" ({f.get('label')})" if f.get("label") else ""
        status = f" [{f.get('status')}]" if name and f.get("status") else ""
        return (f"{n(f.get('actor'))} {str(f.get('role') or '').replace('_', ' ')} of {n(f.get('body'))}"
                f"{label}{term}{status}")
    if t == "agreement":
        parties = "–".join(n(p) for p in f.get("parties") or [])
        signed = f", signed {f.get('signed')}" if f.get("signed") else ""
        channel = f" ({f.get('channel')} channel)" if name and f.get("channel") else ""
        return f"{f.get('name')} [{f.get('kind') or 'agreement'}]{' ' + parties if parties else ''}{signed}{channel}"
    if t == "event":
        when = f.get("date") or f.get("start") or "undated"
        where = f" in {n(f.get('location'))}" if f.get("location") else ""
        label = f" — {f.get('label')}" if f.get("label") else ""
        channel = f" ({f.get('channel')} channel)" if name and f.get("channel") else ""
        return f"{when} {f.get('kind')}: {', '.join(n(p) for p in f.get('participants') or [])}{where}{label}{channel}"
    if t == "position":
        return f"{f.get('person')}: {f.get('title')} ({n(f.get('org'))}, as of {f.get('as_of') or '?'})"
    if t == "document":
        return f"document published {f.get('published') or '?'}"
    return json.dumps(dict(f), default=str)


def _term(start: Any, end: Any) -> str:
    if start and end and start != end:
        return f" {start}–{end}"
    if start:
        return f" {start}" if end else f" from {start}"
    if end:
        return f" until {end}"
    return ""


def _number(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,}"


__all__ = ["MergedFact", "describe", "merge", "name_ok", "same_actor", "same_agreement", "same_event"]
