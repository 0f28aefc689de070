"""Knowledge merged as it is written: the store keeps query.merge's result up to date.

Every query used to read raw facts and merge them (``query.merge``) at read
time, which on a large store took seconds for a big entity. Now the store
keeps the merged facts in tables, updated by :meth:`write_document` in the
document's own transaction, and the query layer reads them:

- ``merged``: one row per merged fact (fields, first/last seen, confidence and,
  for clustered types, the running state of its merge: ``query.merge.merge_step``);
  ``merged_sources`` its statements with their evidence, one row each;
  ``merged_members`` which cluster and *partition* each fact is in;
  ``merged_entities`` which entities a merged fact names (any member's fields,
  with its type and date; ``located`` for an event placed in a country by a
  place name);
- ``merged_blocks`` and ``merged_signatures``: the blocks and the
  "same tested fields" shortcut of query.merge's clustering, so a new event,
  position or agreement is compared only with the clusters it could join;
- ``merged_timeline`` and ``entity_timeline``: each merged fact's time line
  entries, and each entity's in order; ``merged_contradictions``: the
  contradictions of each series of figures (subject's actor + metric) and of
  each actor's totals, found again when one of its figures changes;
- ``people`` and ``person_names``: people identities (``query.people``) as of
  the last refresh, and every person-name string events and positions use.

The result equals ``query.merge(all facts, people=identities)``, because:

- facts of different *partitions* never meet in query.merge (events: kind
  family + year; positions: org; agreements: one partition; the exact-key
  types: their key, roles: their seat), so each partition can be merged
  on its own;
- query.merge takes facts in id order and a fact joins the earliest cluster it
  matches; a new document's facts have the highest ids, so assigning them to
  the stored clusters (the same blocks, signatures and complete-linkage test)
  gives what a merge of everything would;
- when a document is rewritten, or people identities change the canonical
  name of someone a partition's facts name, that whole partition is merged
  again from its facts;
- a statement joining a stored merged fact is folded into its state (what
  ``_merged`` computes, one statement at a time) and adds one source row.

Identities are refreshed after ``REFRESH_EVERY`` documents that name people (or half
the store's documents, if more), when a writable store is read, when it is closed,
and by ``reindex``; until
then a new spelling is merged under its own name. A crash leaves the count of
documents since the last refresh in ``store_state``, so the next writer
refreshes: the tables are always the merge of the stored facts under the stored
identities.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from diplograph.model import Evidence, Fact

CLUSTERED = ("event", "position", "agreement")
# Refresh people identities after this many documents that name people, or half the store's documents
# if more: a refresh merges again the partitions whose people changed name (the USA's positions are one),
# so refreshes grow apart as the store grows and all of them cost a few times one.
REFRESH_EVERY = 256
_CHUNK = 500
_MERGED_COLUMNS = ("id", "type", "part", "uid", "fields", "first_seen", "last_seen", "confidence", "date",
                   "n_docs", "members", "tested", "series", "state")
_CONTRADICTION_COLUMNS = ("series", "seq", "subject_key", "phase", "sort_subject", "sort_metric", "kind", "subject",
                          "metric", "explanation", "same_document", "facts")
_TIMELINE_COLUMNS = ("merged_id", "seq", "date", "what", "key", "lo", "hi", "type", "mkey", "channels")
_ENTITY_TIMELINE_COLUMNS = ("entity_id", "key", "type", "mkey", "merged_id", "seq", "lo", "hi", "channels")
_FACT_COLUMNS = (
    "f.id, f.type, f.fields, f.extractor, f.confidence, ev.doc_id, ev.sentence, ev.start_char, ev.end_char,"
    " COALESCE(ev.text, s.text, '') FROM facts f JOIN evidence ev ON ev.fact_id = f.id"
    " LEFT JOIN sentences s ON s.doc_id = ev.doc_id AND s.idx = ev.sentence"
)


def _plain(value: Any) -> Any:
    """A key as plain, repr-stable values (frozensets sorted)."""
    if isinstance(value, (frozenset, set)):
        return tuple(sorted((_plain(v) for v in value), key=repr))
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    return value


def partition(fact_type: str, fields: Mapping[str, Any], doc_id: str, fact_id: int) -> str:
    """The partition of a fact: facts of different partitions never merge (see the module docs)."""
    from diplograph.query.merge import actor_key, exact_key, kind_family

    if fact_type == "event":
        when = fields.get("date") or fields.get("start")
        return repr((kind_family(fields.get("kind")), str(when)[:4] if when else ""))
    if fact_type == "position":
        return repr(fields.get("org"))
    if fact_type == "agreement":
        return ""
    if fact_type == "role":
        return repr((actor_key(fields.get("actor")), fields.get("body"), fields.get("role")))
    if fact_type == "document":
        return repr((doc_id,))
    key = exact_key(fact_type, fields)
    return repr(_plain(key)) if key is not None else f"#{fact_id}"


def person_strings(fact_type: str, fields: Mapping[str, Any]) -> list[str]:
    """The person-name strings query.merge makes canonical (a position's person, an event's people)."""
    from diplograph.query.merge import is_id

    if fact_type == "position":
        person = fields.get("person")
        return [person] if isinstance(person, str) and person else []
    if fact_type == "event":
        parts = fields.get("participants") or []
        return list(dict.fromkeys(p for p in parts if isinstance(p, str) and p and not is_id(p)))
    return []


class TableNames:
    """Canonical person names from a mapping (names it lacks are their own canonical name)."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def canonical(self, name: str) -> str:
        return self.names.get(name, name)


def _tested_subset(fact_type: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    from diplograph.query.merge import _TESTED_FIELDS

    return {k: fields[k] for k in _TESTED_FIELDS[fact_type] if k in fields}


def member_json(fact: Fact) -> list[Any]:
    ev = fact.evidence
    return [fact.type, dict(fact.fields), fact.extractor, fact.confidence, ev.doc_id, ev.sentence, ev.start,
            ev.end, ev.text, fact.fingerprint]


def member_fact(item: Sequence[Any]) -> Fact:
    return Fact(item[0], item[1], Evidence(item[4], item[5], item[6], item[7], item[8]), item[2], item[3])


class SourceLoader:
    """Reads the statements of a batch of merged facts in one query, the first time one is wanted
    (or when the store is closed: results outlive the store they were read from)."""

    def __init__(self, store: Any, ids: Sequence[int]) -> None:
        self.store = store
        self.ids = list(ids)
        self.items: dict[int, list[str]] | None = None
        pending = getattr(store, "_pending_sources", None)
        if pending is not None:
            pending.add(self)  # read before the store closes, if nobody asked by then

    def get(self, cluster: int) -> list[str]:
        if self.items is None:
            items: dict[int, list[str]] = {}
            with self.store._lock:
                for i in range(0, len(self.ids), _CHUNK):
                    chunk = self.ids[i:i + _CHUNK]
                    for merged_id, member in self.store._execute(
                        f"SELECT merged_id, member FROM merged_sources WHERE merged_id IN ({', '.join('?' * len(chunk))})"
                        " ORDER BY merged_id, ord", chunk
                    ).fetchall():
                        items.setdefault(int(merged_id), []).append(member)
            self.items = items
        return self.items.get(cluster, [])


class Members(Sequence[Fact]):
    """A merged fact's statements, read and decoded when first used.

    Most queries only look at a merged fact's fields (a profile's claims, contradictions,
    counts): the statements with their evidence sentences are most of the bytes, so
    they are read only for the facts a result shows (a batch at a time).
    """

    __slots__ = ("_loader", "_cluster", "_facts", "_fingerprints")

    def __init__(self, loader: SourceLoader, cluster: int) -> None:
        self._loader = loader
        self._cluster = cluster
        self._facts: tuple[Fact, ...] | None = None
        self._fingerprints: tuple[str, ...] = ()

    def _all(self) -> tuple[Fact, ...]:
        if self._facts is None:
            items = [json.loads(m) for m in self._loader.get(self._cluster)]
            self._facts = tuple(member_fact(item) for item in items)
            self._fingerprints = tuple(str(item[9]) if len(item) > 9 else "" for item in items)
        return self._facts

    def fingerprints(self) -> tuple[str, ...]:
        """The stored fingerprint of each statement (computing one hashes its fields)."""
        self._all()
        return self._fingerprints

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Any:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, (Members, tuple, list)) else other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


# What a merged fact is read from: merged_objects() turns these columns into MergedFacts.
MERGED_SELECT = "m.id, m.uid, m.type, m.fields, m.first_seen, m.last_seen, m.confidence"


def merged_objects(store: Any, rows: Sequence[Sequence[Any]]) -> list[Any]:
    """MergedFacts from rows of MERGED_SELECT; their statements are read together when first used."""
    from diplograph.query.merge import MergedFact

    loader = SourceLoader(store, [int(r[0]) for r in rows])
    return [MergedFact(r[1], r[2], json.loads(r[3]), Members(loader, int(r[0])), r[4], r[5], float(r[6]))
            for r in rows]


def _fact_row(r: Sequence[Any]) -> tuple[int, Fact]:
    return int(r[0]), Fact(r[1], json.loads(r[2]), Evidence(r[5], r[6], r[7], r[8], r[9]), r[3], r[4])


class MergedTables:
    """The merged tables' upkeep, mixed into :class:`~diplograph.store._sql.SqlStore`."""

    # provided by SqlStore
    read_only: bool
    target: str

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                conflict: str = "") -> None:
        raise NotImplementedError

    def published(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        raise NotImplementedError

    def _transaction(self) -> Any:
        raise NotImplementedError

    def _lock_merging(self) -> None:
        """Inside a write: keep other writers out of the merged tables until commit (PostgreSQL)."""

    # -- state -------------------------------------------------------------------------

    def _state(self, key: str, default: str = "") -> str:
        try:
            row = self._execute("SELECT value FROM store_state WHERE key = ?", (key,)).fetchone()
        except Exception as err:  # a store from before the merged tables
            if not self._is_db_error(err):  # type: ignore[attr-defined]
                raise
            return default
        return str(row[0]) if row else default

    def _set_state(self, key: str, value: str) -> None:
        self._execute(
            "INSERT INTO store_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def merged_ready(self) -> bool:
        """True when the merged tables hold every stored fact (else run ``diplograph reindex``).

        On a writable store, people identities are refreshed first if documents were
        written since the last refresh, so what is read is up to date.
        """
        with self._lock:  # type: ignore[attr-defined]
            if self._state("merged") != "ready":
                return False
            if not self.read_only and int(self._state("people_dirty", "0") or 0) > 0:
                with self._transaction():
                    self._lock_merging()
                    self._refresh_people()
        return True

    def people_version(self) -> str:
        with self._lock:  # type: ignore[attr-defined]
            return self._state("people_version", "")

    def people_rows(self) -> list[tuple[str, int]]:
        """(name, facts) of every person as of the last identity refresh (query.people builds from these)."""
        with self._lock:  # type: ignore[attr-defined]
            rows = self._execute("SELECT name, facts FROM people WHERE member = 1 ORDER BY name").fetchall()
        return [(str(n), int(c)) for n, c in rows]

    # -- writing: called by SqlStore._write_all inside the document's transaction ------------

    def _merged_forget(self, doc_id: str) -> set[tuple[str, str]]:
        """Before a document's facts are deleted: drop their memberships; return their partitions."""
        if self._state("merged") != "ready":
            return set()
        rows = self._execute(
            "SELECT mm.fact_id, mm.type, mm.part FROM merged_members mm JOIN facts f ON f.id = mm.fact_id"
            " WHERE f.doc_id = ?",
            (doc_id,),
        ).fetchall()
        if not rows:
            return set()
        facts_of_doc = "SELECT id FROM facts WHERE doc_id = ?"
        self._execute(f"DELETE FROM person_names WHERE fact_id IN ({facts_of_doc})", (doc_id,))
        self._execute(f"DELETE FROM merged_members WHERE fact_id IN ({facts_of_doc})", (doc_id,))
        return {(str(t), str(p)) for _, t, p in rows}

    def _merged_add(self, new: Sequence[tuple[int, str, str, str]], replaced: set[tuple[str, str]],
                    names_people: bool) -> None:
        """After a document's facts are inserted: merge them in. ``new``: (fact id, type, fields JSON, doc id)."""
        if self._state("merged") != "ready":
            return
        self._lock_merging()
        cache = _Cache()
        parts: set[tuple[str, str]] = set(replaced)
        member_rows, name_rows, clustered = [], [], []
        for fact_id, fact_type, fields_json, doc_id in new:
            fields = json.loads(fields_json)
            part = partition(fact_type, fields, doc_id, fact_id)
            member_rows.append((fact_id, fact_type, part))
            for name in person_strings(fact_type, fields):
                name_rows.append((fact_id, name))
            if fact_type in CLUSTERED and (fact_type, part) not in replaced:
                clustered.append((fact_id, fact_type, fields, part))
            else:
                parts.add((fact_type, part))
        self._insert("merged_members", ("fact_id", "type", "part"), member_rows)
        self._insert("person_names", ("fact_id", "name"), name_rows, "ON CONFLICT DO NOTHING")
        canon = self._canonical_names({n for _, n in name_rows})
        touched: set[int] = set()
        for fact_id, fact_type, fields, part in clustered:
            touched.add(self._assign(fact_id, fact_type, fields, part, canon, cache))
        self._materialise(touched, cache)
        series: set[tuple[Any, Any]] = set()
        for fact_type, part in sorted(parts):
            if fact_type in CLUSTERED:
                self._recluster(fact_type, part)
            else:
                series |= self._remerge(fact_type, part)
        self._refresh_contradictions(series)
        if names_people or replaced:
            dirty = int(self._state("people_dirty", "0") or 0) + 1
            if dirty >= max(REFRESH_EVERY, self._documents_now() // 2):
                self._refresh_people()
            else:
                self._set_state("people_dirty", str(dirty))

    def _documents_now(self) -> int:
        row = self._execute("SELECT n FROM row_counts WHERE name = 'documents'").fetchone()
        return int(row[0]) if row else 0

    # -- clustering (events, positions, agreements) -------------------------------------------

    def _canonical_names(self, names: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(names))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for name, canonical in self._execute(
                f"SELECT name, canonical FROM people WHERE name IN ({marks})", chunk
            ).fetchall():
                if canonical != name:
                    out[str(name)] = str(canonical)
        return out

    def _assign(self, fact_id: int, fact_type: str, fields: Mapping[str, Any], part: str,
                canon: Mapping[str, str], cache: _Cache) -> int:
        """Put a fact in the cluster query.merge would (see merge()): returns the cluster's id."""
        from diplograph.query.merge import CLUSTER_TESTS, _block_keys, _signature, _with_canonical_names

        test = CLUSTER_TESTS[fact_type]
        named = _with_canonical_names(fact_type, fields, TableNames(canon))
        signature = _signature(fact_type, named)
        home = cache.signatures.get((fact_type, signature))
        if home is None:
            row = self._execute(
                "SELECT merged_id FROM merged_signatures WHERE type = ? AND signature = ?", (fact_type, signature)
            ).fetchone()
            home = int(row[0]) if row else None
        if home is not None:
            self._execute("UPDATE merged_members SET merged_id = ? WHERE fact_id = ?", (home, fact_id))
            cache.appended.setdefault(home, []).append(fact_id)
            return home
        probe, own = _block_keys(fact_type, named)
        blocks = sorted(repr(_plain(b)) for b in probe)
        candidates: set[int] = set()
        for i in range(0, len(blocks), _CHUNK):
            chunk = blocks[i:i + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            candidates.update(int(r[0]) for r in self._execute(
                f"SELECT merged_id FROM merged_blocks WHERE type = ? AND block IN ({marks})", [fact_type, *chunk]
            ).fetchall())
        for number in sorted(candidates):
            if all(test(named, other) for other in self._tested(number, cache)):
                home = number
                break
        if home is None:
            home = fact_id
            cache.tested[home] = []
            cache.created.add(home)
        cache.appended.setdefault(home, []).append(fact_id)
        cache.tested[home].append(_tested_subset(fact_type, named))
        self._execute("UPDATE merged_members SET merged_id = ? WHERE fact_id = ?", (home, fact_id))
        if test(named, named):  # not so for an event without participants: it matches nothing
            cache.signatures[(fact_type, signature)] = home
            self._insert("merged_signatures", ("type", "signature", "merged_id"),
                         [(fact_type, signature, home)], "ON CONFLICT DO NOTHING")
        self._insert("merged_blocks", ("type", "block", "merged_id"),
                     [(fact_type, repr(_plain(b)), home) for b in sorted(own, key=repr)], "ON CONFLICT DO NOTHING")
        return home

    def _tested(self, cluster: int, cache: _Cache) -> list[dict[str, Any]]:
        found = cache.tested.get(cluster)
        if found is None:
            row = self._execute("SELECT tested FROM merged WHERE id = ?", (cluster,)).fetchone()
            found = cache.tested[cluster] = json.loads(row[0]) if row and row[0] else []
        return found

    def _recluster(self, fact_type: str, part: str) -> None:
        """Merge a partition of a clustered type again from its facts, in id order."""
        old = self._partition_clusters(fact_type, part)
        self._drop_clusters(old, blocks=True)
        rows = self._execute(
            f"SELECT {_FACT_COLUMNS} JOIN merged_members mm ON mm.fact_id = f.id"
            " WHERE mm.type = ? AND mm.part = ? ORDER BY f.id",
            (fact_type, part),
        ).fetchall()
        if not rows:
            return
        facts = [_fact_row(r) for r in rows]
        names = {n for _, f in facts for n in person_strings(f.type, f.fields)}
        canon = self._canonical_names(names)
        cache = _Cache()
        touched = {self._assign(fid, f.type, f.fields, part, canon, cache) for fid, f in facts}
        self._materialise(touched, cache)

    def _partition_clusters(self, fact_type: str, part: str) -> list[int]:
        ids = {int(r[0]) for r in self._execute(
            "SELECT id FROM merged WHERE type = ? AND part = ?", (fact_type, part)).fetchall()}
        ids.update(int(r[0]) for r in self._execute(
            "SELECT DISTINCT merged_id FROM merged_members WHERE type = ? AND part = ? AND merged_id IS NOT NULL",
            (fact_type, part)).fetchall())
        return sorted(ids)

    def _delete_merged(self, ids: Sequence[int]) -> None:
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            self._execute(f"DELETE FROM merged WHERE id IN ({marks})", chunk)
            self._execute(f"DELETE FROM merged_entities WHERE merged_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM merged_timeline WHERE merged_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM entity_timeline WHERE merged_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM merged_sources WHERE merged_id IN ({marks})", chunk)

    def _drop_clusters(self, ids: Sequence[int], *, blocks: bool) -> None:
        """Delete clusters with their entity links (and blocks and signatures); unset their members."""
        self._delete_merged(ids)
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            self._execute(f"UPDATE merged_members SET merged_id = NULL WHERE merged_id IN ({marks})", chunk)
            if blocks:
                self._execute(f"DELETE FROM merged_blocks WHERE merged_id IN ({marks})", chunk)
                self._execute(f"DELETE FROM merged_signatures WHERE merged_id IN ({marks})", chunk)

    def _materialise(self, clusters: Iterable[int], cache: _Cache) -> None:
        """Write the merged rows of these clusters (events, positions, agreements).

        A cluster this write only added statements to is brought up to date from its stored
        state (:func:`~diplograph.query.merge.merge_step`); a new or rebuilt one is folded from all of
        its statements, in id order, as ``merge()`` groups them.
        """
        ids = sorted(set(clusters))
        if not ids:
            return
        grown = sorted(c for c in ids if c in cache.appended and c not in cache.created)
        states = self._states(grown)
        for cluster in grown:
            if cluster in states:
                self._grow(cluster, states[cluster], cache)
        self._rebuild([c for c in ids if c not in states], cache)

    def _states(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            for cluster, state in self._execute(
                f"SELECT id, state FROM merged WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            ).fetchall():
                if state:
                    out[int(cluster)] = json.loads(state)
        return out

    def _named(self, facts: Sequence[Fact]) -> Any:
        from diplograph.query.merge import _with_canonical_names

        names = TableNames(self._canonical_names(n for f in facts for n in person_strings(f.type, f.fields)))
        return lambda fact: _with_canonical_names(fact.type, fact.fields, names)

    def _rebuild(self, ids: Sequence[int], cache: _Cache) -> None:
        from diplograph.query.merge import merge_step

        if not ids:
            return
        groups: dict[int, list[tuple[int, Fact]]] = {}
        parts: dict[int, str] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            for r in self._execute(
                f"SELECT mm.merged_id, mm.part, {_FACT_COLUMNS} JOIN merged_members mm ON mm.fact_id = f.id"
                f" WHERE mm.merged_id IN ({marks}) ORDER BY f.id",
                chunk,
            ).fetchall():
                groups.setdefault(int(r[0]), []).append(_fact_row(r[2:]))
                parts[int(r[0])] = str(r[1])
        published = self.published(d for group in groups.values() for d in {f.doc_id for _, f in group})
        named = self._named([f for g in groups.values() for _, f in g])
        rows, links, timeline, sources = [], [], [], []
        for cluster, group in groups.items():
            state: dict[str, Any] | None = None
            for _, fact in group:
                state = merge_step(state, fact, published, named(fact))
            assert state is not None
            merged = _from_state(group[0][1].type, state, [f for _, f in group], published)
            tested = cache.tested.get(cluster)
            if tested is None:
                tested = self._tested(cluster, cache)
            rows.append(_merged_row(cluster, parts[cluster], merged, tested, state))
            links.extend(_links(cluster, [f for _, f in group], merged))
            timeline.extend(_timeline(cluster, merged))
            sources.extend(_source_row(cluster, _clustered_ord(f, fid, published), f) for fid, f in group)
        self._delete_merged(list(ids))
        self._write_merged(rows, links, timeline, sources)
        gone = [c for c in ids if c not in groups]  # clusters left without members (a rewritten document's)
        if gone:
            self._drop_clusters(gone, blocks=True)

    def _grow(self, cluster: int, state: dict[str, Any], cache: _Cache) -> None:
        """Add this write's statements to a stored merged fact: its state folded on, one source row each."""
        from diplograph.query.merge import merge_step

        new = cache.appended[cluster]
        marks = ", ".join("?" * len(new))
        facts = [_fact_row(r) for r in self._execute(
            f"SELECT {_FACT_COLUMNS} WHERE f.id IN ({marks}) ORDER BY f.id", list(new)).fetchall()]
        published = self.published({f.doc_id for _, f in facts})
        named = self._named([f for _, f in facts])
        for _, fact in facts:
            state = merge_step(state, fact, published, named(fact))
        fact_type = facts[0][1].type
        merged = _from_state(fact_type, state, None, published)
        row = self._execute("SELECT part, tested FROM merged WHERE id = ?", (cluster,)).fetchone()
        tested = cache.tested.get(cluster)
        if tested is None:
            tested = json.loads(row[1]) if row[1] else []
        values = _merged_row(cluster, str(row[0]), merged, tested, state)
        columns = _MERGED_COLUMNS[1:]
        self._execute(f"UPDATE merged SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                      [*values[1:], cluster])
        self._insert("merged_sources", ("merged_id", "ord", "member"),
                     [_source_row(cluster, _clustered_ord(f, fid, published), f) for fid, f in facts])
        # entity links: the old ones and the new statements' (a union); their date and id follow the fact's
        self._execute("UPDATE merged_entities SET date = ?, uid = ? WHERE merged_id = ?",
                      (merged.date or "", merged.id, cluster))
        self._insert("merged_entities", ("entity_id", "merged_id", "role", "type", "date", "uid"),
                     _links(cluster, [f for _, f in facts], merged), "ON CONFLICT DO NOTHING")
        links = [(str(e), cluster, str(r)) for e, r in self._execute(
            "SELECT entity_id, role FROM merged_entities WHERE merged_id = ?", (cluster,)).fetchall()]
        self._execute("DELETE FROM merged_timeline WHERE merged_id = ?", (cluster,))
        self._execute("DELETE FROM entity_timeline WHERE merged_id = ?", (cluster,))
        self._write_timeline(links, _timeline(cluster, merged))

    def _write_merged(self, rows: Sequence[Sequence[Any]], links: Sequence[Sequence[Any]],
                      timeline: Sequence[Sequence[Any]] = (), sources: Sequence[Sequence[Any]] = ()) -> None:
        self._insert("merged", _MERGED_COLUMNS, rows)
        self._insert("merged_sources", ("merged_id", "ord", "member"), sources)
        self._insert("merged_entities", ("entity_id", "merged_id", "role", "type", "date", "uid"), links,
                     "ON CONFLICT DO NOTHING")
        self._write_timeline(links, timeline)

    def _write_timeline(self, links: Sequence[Sequence[Any]], timeline: Sequence[Sequence[Any]]) -> None:
        self._insert("merged_timeline", _TIMELINE_COLUMNS, timeline)
        # each entity's time line: the merged fact's entries under every entity it names
        named: dict[int, list[str]] = {}
        for link in links:
            if link[2] != "located":
                named.setdefault(int(link[1]), []).append(str(link[0]))
        self._insert("entity_timeline", _ENTITY_TIMELINE_COLUMNS, [
            (entity_id, key, fact_type, mkey, merged_id, seq, lo, hi, channels)
            for merged_id, seq, _, _, key, lo, hi, fact_type, mkey, channels in timeline
            for entity_id in dict.fromkeys(named.get(int(merged_id), ()))], "ON CONFLICT DO NOTHING")

    # -- the exact-key types ----------------------------------------------------------------

    def _remerge(self, fact_type: str, part: str) -> set[tuple[Any, Any]]:
        """Merge an exact-key partition again (query.merge's dict grouping, roles folded by seat).

        Returns the series (statistics: actor, metric) whose figures changed."""
        from diplograph.query.merge import _fold_undated_roles, _merged, exact_key

        old = self._partition_clusters(fact_type, part)
        touched: set[tuple[Any, Any]] = set()
        if fact_type == "statistic" and old:
            marks = ", ".join("?" * len(old[:_CHUNK]))
            for (fields_json,) in self._execute(f"SELECT fields FROM merged WHERE id IN ({marks})", old[:_CHUNK]):
                touched.add(series_key(json.loads(fields_json)))
        rows = self._execute(
            f"SELECT {_FACT_COLUMNS} JOIN merged_members mm ON mm.fact_id = f.id"
            " WHERE mm.type = ? AND mm.part = ? ORDER BY f.id",
            (fact_type, part),
        ).fetchall()
        facts = [_fact_row(r) for r in rows]
        ids = {id(f): fid for fid, f in facts}
        groups: list[list[Fact]] = []
        by_key: dict[Any, list[Fact]] = {}
        for fid, fact in facts:
            key = (fact.doc_id,) if fact.type == "document" else exact_key(fact.type, fact.fields)
            if key is None:
                groups.append([fact])
                continue
            group = by_key.get(key)
            if group is None:
                group = by_key[key] = []
                groups.append(group)
            group.append(fact)
        groups = [g for g in _fold_undated_roles(groups) if g]
        published = self.published({f.doc_id for _, f in facts})
        out, links, members, timeline, sources = [], [], [], [], []
        for group in groups:
            cluster = ids[id(group[0])]
            merged = _merged(group, published)
            out.append(_merged_row(cluster, part, merged, None))
            links.extend(_links(cluster, group, merged))
            timeline.extend(_timeline(cluster, merged))
            sources.extend(_source_row(cluster, f"{i:08d}", f) for i, f in enumerate(merged.facts))
            members.extend((cluster, ids[id(f)]) for f in group)
        self._delete_merged(old)
        self._write_merged(out, links, timeline, sources)
        for cluster, fact_id in members:
            self._execute("UPDATE merged_members SET merged_id = ? WHERE fact_id = ?", (cluster, fact_id))
        if fact_type == "statistic":
            touched.update(series_key(f.fields) for _, f in facts)
        return touched

    # -- contradictions ---------------------------------------------------------------------------

    def _series_facts(self, keys: Iterable[str]) -> tuple[list[Any], dict[int, int]]:
        """The merged statistics of these series in query.merge's order, and each one's cluster id."""
        from diplograph.query.api import in_merge_order

        wanted = sorted(set(keys))
        out, ids = [], {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            rows = self._execute(
                f"SELECT {MERGED_SELECT} FROM merged m WHERE m.series IN ({', '.join('?' * len(chunk))}) ORDER BY m.id",
                chunk).fetchall()
            for fact, r in zip(merged_objects(self, rows), rows):
                ids[id(fact)] = int(r[0])
                out.append(fact)
        return in_merge_order(sorted(out, key=lambda f: ids[id(f)])), ids

    def _refresh_contradictions(self, touched: set[tuple[Any, Any]]) -> None:
        """Find again the contradictions of these series (and the totals of their actors)."""
        from diplograph.query.claims import claim_series
        from diplograph.query.contradictions import TOTALS, sum_contradictions, value_contradictions

        family = {m for total, options in TOTALS.items() for parts in options for m in (total, *parts)}
        sums: set[Any] = set()
        rows: list[tuple[Any, ...]] = []
        for actor, metric in sorted(touched, key=repr):
            if metric in family:
                sums.add(actor)
            key = repr((actor, metric))
            self._execute("DELETE FROM merged_contradictions WHERE series = ?", (key,))
            if metric == "other":
                continue
            facts, ids = self._series_facts([key])
            seq = 0
            for series in claim_series(facts):
                for c in value_contradictions(series):
                    rows.append(_contradiction_row(key, seq, actor, 0, series.subject, series.metric, c, ids))
                    seq += 1
        for actor in sorted(sums, key=repr):
            key = repr((actor, "#sum"))
            self._execute("DELETE FROM merged_contradictions WHERE series = ?", (key,))
            facts, ids = self._series_facts(repr((actor, m)) for m in family)
            series_list = claim_series(facts)
            for seq, c in enumerate(sum_contradictions(series_list)):
                first = min(s.subject for s in series_list if s.metric == c.metric)
                rows.append(_contradiction_row(key, seq, actor, 1, first, c.metric, c, ids))
        self._insert("merged_contradictions", _CONTRADICTION_COLUMNS, rows)

    def merged_contradictions(self, subject: str | None = None) -> list[Any]:
        """The stored contradictions (of one actor's figures), in query.contradictions' order."""
        from diplograph.query.contradictions import Contradiction

        where, params = ("WHERE subject_key = ?", [repr(subject)]) if subject else ("", [])
        with self._lock:  # type: ignore[attr-defined]
            rows = self._execute(
                "SELECT kind, subject, metric, explanation, same_document, facts FROM merged_contradictions"
                f" {where} ORDER BY phase, sort_subject, sort_metric, series, seq", params).fetchall()
            wanted = sorted({int(i) for r in rows for i in json.loads(r[5])})
            facts: dict[int, Any] = {}
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i:i + _CHUNK]
                found = self._execute(
                    f"SELECT {MERGED_SELECT} FROM merged m WHERE m.id IN ({', '.join('?' * len(chunk))})", chunk
                ).fetchall()
                for fact, r in zip(merged_objects(self, found), found):
                    facts[int(r[0])] = fact
        return [Contradiction(kind, subj, metric, text, tuple(facts[int(i)] for i in json.loads(ids)), bool(same))
                for kind, subj, metric, text, same, ids in rows]

    # -- people -------------------------------------------------------------------------------

    def _refresh_people(self, *, recluster: bool = True) -> set[str]:
        """Recompute people identities; merge again the partitions whose people changed name."""
        from diplograph.query.people import PeopleIndex

        members = [(str(n), int(c)) for n, c in self._execute(
            "SELECT id, n_facts FROM entities WHERE kind = 'person' AND n_facts >= 1").fetchall()]
        index = PeopleIndex(members)
        names = [str(r[0]) for r in self._execute("SELECT DISTINCT name FROM person_names").fetchall()]
        new: dict[str, tuple[str, int, int]] = {name: (index.canonical(name), n, 1) for name, n in members}
        for name in names:
            if name not in new:
                canonical = index.canonical(name)
                if canonical != name:
                    new[name] = (canonical, 0, 0)
        old = {str(n): str(c) for n, c in self._execute("SELECT name, canonical FROM people").fetchall()}
        changed = sorted(n for n in names if new.get(n, (n,))[0] != old.get(n, n))
        self._execute("DELETE FROM people")
        self._insert("people", ("name", "canonical", "facts", "member"),
                     [(n, c, k, m) for n, (c, k, m) in sorted(new.items())])
        if recluster and changed:
            parts: set[tuple[str, str]] = set()
            for i in range(0, len(changed), _CHUNK):
                chunk = changed[i:i + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                parts.update((str(t), str(p)) for t, p in self._execute(
                    "SELECT DISTINCT mm.type, mm.part FROM person_names pn JOIN merged_members mm"
                    f" ON mm.fact_id = pn.fact_id WHERE pn.name IN ({marks})", chunk).fetchall())
            for fact_type, part in sorted(parts):
                self._recluster(fact_type, part)
        version = int(self._state("people_version", "0") or 0) + 1
        self._set_state("people_version", str(version))
        self._set_state("people_dirty", "0")
        return set(changed)

    # -- reindex ----------------------------------------------------------------------------------

    def reindex(self, progress: Any = None) -> dict[str, int]:
        """Rebuild every merged table from the raw facts (what an incremental build gives).

        One transaction: a failure leaves the tables as they were. ``progress(done, total)``
        is called as partitions are merged. Returns counts of facts, merged facts and people.
        """
        from diplograph.errors import StoreError

        if self.read_only:
            raise StoreError(f"the store at {self.target} was opened read-only")
        with self._lock, self._transaction():  # type: ignore[attr-defined]
            self._lock_merging()
            for table in ("merged", "merged_members", "merged_entities", "merged_blocks", "merged_signatures",
                          "merged_timeline", "entity_timeline", "merged_contradictions", "merged_sources",
                          "person_names", "people"):
                self._execute(f"DELETE FROM {table}")
            last = 0
            while True:
                rows = self._execute(
                    "SELECT id, type, fields, doc_id FROM facts WHERE id > ? ORDER BY id LIMIT ?", (last, 5000)
                ).fetchall()
                if not rows:
                    break
                member_rows, name_rows = [], []
                for fact_id, fact_type, fields_json, doc_id in rows:
                    fields = json.loads(fields_json)
                    member_rows.append((int(fact_id), fact_type, partition(fact_type, fields, doc_id, int(fact_id))))
                    name_rows.extend((int(fact_id), n) for n in person_strings(fact_type, fields))
                self._insert("merged_members", ("fact_id", "type", "part"), member_rows)
                self._insert("person_names", ("fact_id", "name"), name_rows, "ON CONFLICT DO NOTHING")
                last = int(rows[-1][0])
            self._refresh_people(recluster=False)
            parts = [(str(t), str(p)) for t, p in self._execute(
                "SELECT DISTINCT type, part FROM merged_members ORDER BY type, part").fetchall()]
            series: set[tuple[Any, Any]] = set()
            for done, (fact_type, part) in enumerate(parts, 1):
                if fact_type in CLUSTERED:
                    self._recluster(fact_type, part)
                else:
                    series |= self._remerge(fact_type, part)
                if progress is not None:
                    progress(done, len(parts))
            self._refresh_contradictions(series)
            self._set_state("merged", "ready")
            counts = {
                "facts": int(self._execute("SELECT COUNT(*) FROM facts").fetchone()[0]),
                "merged": int(self._execute("SELECT COUNT(*) FROM merged").fetchone()[0]),
                "people": int(self._execute("SELECT COUNT(*) FROM people WHERE member = 1").fetchone()[0]),
            }
        return counts


class _Cache:
    """What one write has read or decided about clusters (so a document's facts see each other)."""

    def __init__(self) -> None:
        self.tested: dict[int, list[dict[str, Any]]] = {}
        self.signatures: dict[tuple[str, str], int] = {}
        self.created: set[int] = set()  # clusters this write made
        self.appended: dict[int, list[int]] = {}  # cluster -> the facts this write put in it


def _merged_row(cluster: int, part: str, merged: Any, tested: list[dict[str, Any]] | None,
                state: Mapping[str, Any] | None = None) -> tuple[Any, ...]:
    from diplograph.store._sql import dumps

    return (
        cluster,
        merged.type,
        part,
        merged.id,
        dumps(dict(merged.fields)),
        merged.first_seen,
        merged.last_seen,
        float(merged.confidence),
        merged.date or "",
        int(state["docs"]) if state is not None else len(merged.doc_ids),
        "",  # the statements are rows of merged_sources
        None if tested is None else json.dumps(tested, ensure_ascii=False, default=str),
        series_of(merged.type, merged.fields),
        None if state is None else json.dumps(state, ensure_ascii=False, default=str),
    )


def _from_state(fact_type: str, state: Mapping[str, Any], facts: Sequence[Fact] | None,
                published: Mapping[str, str | None]) -> Any:
    """The MergedFact a fold state stands for (``facts``: its statements, when at hand)."""
    from diplograph.query.merge import MergedFact, _merged_id, member_order, merge_result

    fields, first, last, confidence = merge_result(fact_type, state)
    ordered = tuple(sorted(facts, key=lambda f: member_order(f, published))) if facts is not None else ()
    merged = MergedFact(_merged_id(fact_type, fields), fact_type, fields, ordered, first, last, confidence)
    object.__setattr__(merged, "channels", tuple(state.get("channels", ())))  # its statements may be absent
    return merged


def _source_row(cluster: int, ord: str, fact: Fact) -> tuple[Any, ...]:
    return (cluster, ord, json.dumps(member_json(fact), ensure_ascii=False, default=str))


def _clustered_ord(fact: Fact, fact_id: int, published: Mapping[str, str | None]) -> str:
    """A statement's place among its merged fact's (clustered types: ties keep id order), as text."""
    from diplograph.query.merge import member_order

    (undated, day), doc_id, sentence = member_order(fact, published)
    return f"{undated}{day}\x1f{doc_id}\x1f{int(sentence):08d}\x1f{fact_id:012d}"


def series_key(fields: Mapping[str, Any]) -> tuple[Any, Any]:
    from diplograph.query.merge import actor_key

    return (actor_key(fields.get("subject")), fields.get("metric"))


def series_of(fact_type: str, fields: Mapping[str, Any]) -> str | None:
    """A statistic's series for contradictions: its subject's actor and its metric."""
    return repr(series_key(fields)) if fact_type == "statistic" else None


def _links(cluster: int, group: Sequence[Fact], merged: Any) -> list[tuple[Any, ...]]:
    """merged_entities rows: every entity any member names (with the merged fact's type, date, id)."""
    from diplograph.store._sql import fact_links

    out: dict[tuple[str, str], None] = {}
    for fact in group:
        for entity_id, _, role in fact_links(fact.fields):
            out[(entity_id, role)] = None
        if fact.type == "event":
            place = _located(fact.fields.get("location"))
            if place:
                out[(place, "located")] = None
    date = merged.date or ""
    return [(entity_id, cluster, role, merged.type, date, merged.id) for entity_id, role in out]


def _contradiction_row(key: str, seq: int, actor: Any, phase: int, sort_subject: str, sort_metric: str,
                       c: Any, ids: Mapping[int, int]) -> tuple[Any, ...]:
    return (key, seq, repr(actor), phase, str(sort_subject), str(sort_metric), c.kind, c.subject, c.metric,
            c.explanation, int(bool(c.same_document)), json.dumps([ids[id(f)] for f in c.facts]))


def _timeline(cluster: int, merged: Any) -> list[tuple[Any, ...]]:
    """merged_timeline rows: the merged fact's time line entries with their sort keys and day bounds."""
    from diplograph.query import dates
    from diplograph.query.api import timeline_points

    points = timeline_points(merged)
    if not points:
        return []
    own = dates.sort_key(merged.date)
    mkey = f"{own[0]}{own[1]}"
    channels = "|" + "|".join(sorted({str(c) for c in _channels(merged)})) + "|"
    out = []
    for seq, (date, what) in enumerate(points):
        low, high = dates.bounds(date)  # type: ignore[misc]
        out.append((cluster, seq, date, what, dates.sort_key(date)[1], low.isoformat(), high.isoformat(),
                    merged.type, mkey, channels))
    return out


def _channels(merged: Any) -> list[str]:
    known = getattr(merged, "channels", None)
    if known is not None:
        return list(known)
    return [str(f.fields.get("channel")) for f in merged.facts if f.fields.get("channel")]


def _located(location: Any) -> str | None:
    """The country an event's place name ("Hanoi", "Vietnam") is in, when it is not an id."""
    from diplograph.query.merge import is_id
    from diplograph.resolve import country_id

    if not isinstance(location, str) or not location or is_id(location):
        return None
    return country_id(location, capitals=True)
