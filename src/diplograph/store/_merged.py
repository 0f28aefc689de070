"""Knowledge merged as it is written: the store keeps query.merge's result up to date.

Every query used to read raw facts and merge them (``query.merge``) at read
time, which on a large store took seconds for a big entity. Now the store
keeps the merged facts in tables, updated by :meth:`write_document` in the
document's own transaction, and the query layer reads them:

- ``merged``: one row per merged fact (fields, first/last seen, confidence,
  the member facts with their evidence); ``merged_members`` says which
  cluster and *partition* each fact is in; ``merged_entities`` which
  entities a merged fact names (any member's fields; ``located`` for an event
  placed in a country by a place name);
- ``merged_blocks`` and ``merged_signatures``: the blocks and the
  "same tested fields" shortcut of query.merge's clustering, so a new event,
  position or agreement is compared only with the clusters it could join;
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
  again from its facts.

Identities are refreshed every ``REFRESH_EVERY`` documents that name people,
when a writable store is read, when it is closed, and by ``reindex``; until
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
# Refresh people identities after this many documents that name people.
REFRESH_EVERY = 256
_CHUNK = 500
_MERGED_COLUMNS = ("id", "type", "part", "uid", "fields", "first_seen", "last_seen", "confidence", "date",
                   "n_docs", "members", "tested", "series")
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


class Members(Sequence[Fact]):
    """A merged fact's statements, decoded from their stored JSON when first used.

    Most queries only look at a merged fact's fields (a profile's claims, contradictions,
    counts): the statements with their evidence sentences are most of the bytes, so
    they are decoded only for the facts a result shows.
    """

    __slots__ = ("_text", "_facts", "_fingerprints")

    def __init__(self, text: str) -> None:
        self._text = text
        self._facts: tuple[Fact, ...] | None = None
        self._fingerprints: tuple[str, ...] = ()

    def _all(self) -> tuple[Fact, ...]:
        if self._facts is None:
            items = json.loads(self._text)
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
            if dirty >= REFRESH_EVERY:
                self._refresh_people()
            else:
                self._set_state("people_dirty", str(dirty))

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
        """Write the merged rows of these clusters from their member facts (id order, as merge() has them)."""
        from diplograph.query.merge import _merged, _with_canonical_names

        ids = sorted(set(clusters))
        if not ids:
            return
        groups: dict[int, list[Fact]] = {}
        parts: dict[int, str] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for r in self._execute(
                f"SELECT mm.merged_id, mm.part, {_FACT_COLUMNS} JOIN merged_members mm ON mm.fact_id = f.id"
                f" WHERE mm.merged_id IN ({marks}) ORDER BY f.id",
                chunk,
            ).fetchall():
                groups.setdefault(int(r[0]), []).append(_fact_row(r[2:])[1])
                parts[int(r[0])] = str(r[1])
        published = self.published(d for group in groups.values() for d in {f.doc_id for f in group})
        canon = self._canonical_names(n for g in groups.values() for f in g for n in person_strings(f.type, f.fields))
        names = TableNames(canon)
        rows, links, timeline = [], [], []
        for cluster, group in groups.items():
            canonical = {}
            for fact in group:
                named = _with_canonical_names(fact.type, fact.fields, names)
                if named is not fact.fields:
                    canonical[id(fact)] = named
            merged = _merged(group, published, canonical)
            tested = cache.tested.get(cluster)
            if tested is None:
                tested = self._tested(cluster, cache)
            rows.append(_merged_row(cluster, parts[cluster], merged, tested))
            links.extend(_links(cluster, group, merged))
            timeline.extend(_timeline(cluster, merged))
        self._delete_merged(ids)
        self._write_merged(rows, links, timeline)
        gone = [c for c in ids if c not in groups]  # clusters left without members (a rewritten document's)
        if gone:
            self._drop_clusters(gone, blocks=True)

    def _write_merged(self, rows: Sequence[Sequence[Any]], links: Sequence[Sequence[Any]],
                      timeline: Sequence[Sequence[Any]] = ()) -> None:
        self._insert("merged", _MERGED_COLUMNS, rows)
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
        self._insert("merged_entities", ("entity_id", "merged_id", "role", "type", "date", "uid"), links,
                     "ON CONFLICT DO NOTHING")

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
        out, links, members, timeline = [], [], [], []
        for group in groups:
            cluster = ids[id(group[0])]
            merged = _merged(group, published)
            out.append(_merged_row(cluster, part, merged, None))
            links.extend(_links(cluster, group, merged))
            timeline.extend(_timeline(cluster, merged))
            members.extend((cluster, ids[id(f)]) for f in group)
        self._delete_merged(old)
        self._write_merged(out, links, timeline)
        for cluster, fact_id in members:
            self._execute("UPDATE merged_members SET merged_id = ? WHERE fact_id = ?", (cluster, fact_id))
        if fact_type == "statistic":
            touched.update(series_key(f.fields) for _, f in facts)
        return touched

    # -- contradictions ---------------------------------------------------------------------------

    def _series_facts(self, keys: Iterable[str]) -> tuple[list[Any], dict[int, int]]:
        """The merged statistics of these series in query.merge's order, and each one's cluster id."""
        from diplograph.query.api import in_merge_order
        from diplograph.store._sql import _merged_fact

        wanted = sorted(set(keys))
        out, ids = [], {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            for r in self._execute(
                "SELECT id, uid, type, fields, members, first_seen, last_seen, confidence FROM merged"
                f" WHERE series IN ({', '.join('?' * len(chunk))}) ORDER BY id", chunk
            ).fetchall():
                fact = _merged_fact(r[1:])
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
        from diplograph.store._sql import _merged_fact

        where, params = ("WHERE subject_key = ?", [repr(subject)]) if subject else ("", [])
        with self._lock:  # type: ignore[attr-defined]
            rows = self._execute(
                "SELECT kind, subject, metric, explanation, same_document, facts FROM merged_contradictions"
                f" {where} ORDER BY phase, sort_subject, sort_metric, series, seq", params).fetchall()
            wanted = sorted({int(i) for r in rows for i in json.loads(r[5])})
            facts: dict[int, Any] = {}
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i:i + _CHUNK]
                for r in self._execute(
                    "SELECT id, uid, type, fields, members, first_seen, last_seen, confidence FROM merged"
                    f" WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                ).fetchall():
                    facts[int(r[0])] = _merged_fact(r[1:])
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
                          "merged_timeline", "entity_timeline", "merged_contradictions", "person_names", "people"):
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


def _merged_row(cluster: int, part: str, merged: Any, tested: list[dict[str, Any]] | None) -> tuple[Any, ...]:
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
        len(merged.doc_ids),
        json.dumps([member_json(f) for f in merged.facts], ensure_ascii=False, default=str),
        None if tested is None else json.dumps(tested, ensure_ascii=False, default=str),
        series_of(merged.type, merged.fields),
    )


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
    channels = "|" + "|".join(sorted({str(f.fields.get("channel")) for f in merged.facts
                                      if f.fields.get("channel")})) + "|"
    out = []
    for seq, (date, what) in enumerate(points):
        low, high = dates.bounds(date)  # type: ignore[misc]
        out.append((cluster, seq, date, what, dates.sort_key(date)[1], low.isoformat(), high.isoformat(),
                    merged.type, mkey, channels))
    return out


def _located(location: Any) -> str | None:
    """The country an event's place name ("Hanoi", "Vietnam") is in, when it is not an id."""
    from diplograph.query.merge import is_id
    from diplograph.resolve import country_id

    if not isinstance(location, str) or not location or is_id(location):
        return None
    return country_id(location, capitals=True)
