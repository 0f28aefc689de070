"""What SQLite and PostgreSQL stores share: the schema's use, written once.

Both dialects run the same statements (written with ``?`` placeholders; the
PostgreSQL store turns them into ``%s``). A dialect supplies the connection,
the transaction, fact id allocation and the full-text condition.
"""

from __future__ import annotations

import heapq
import json
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, is_dataclass
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from typing import Any, ClassVar

from diplograph.errors import InputError, StoreError
from diplograph.model import (
    FACT_TYPES,
    AnalyzedDocument,
    Document,
    Evidence,
    Fact,
    Mention,
    Person,
    Sentence,
)
from diplograph.store import Entity, Names
from diplograph.store._merged import MERGED_SELECT, MergedTables, merged_objects

# Fact fields that hold entity ids (or, for people, canonical names); the field
# name is the link's role in fact_entities.
ENTITY_FIELDS: tuple[str, ...] = (
    "a",
    "b",
    "subject",
    "actor",
    "body",
    "org",
    "person",
    "participants",
    "parties",
    "host",
    "location",
)
# Fields that may name a person rather than an id.
_PERSON_FIELDS = frozenset({"person", "participants", "host"})
# A fact's main date, in order of preference, and the field that ends its period.
_DATE_FIELDS: tuple[str, ...] = ("as_of", "since", "start", "date", "signed", "period_start", "published")
_END_FIELDS = {"start": "end", "period_start": "period_end", "date": "end"}

_ISO_DATE = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_ID_LIKE = re.compile(r"^[A-Z][A-Z0-9_]{1,}$")
_BATCH = 256
_WRITE_ATTEMPTS = 3
_NO_LIMIT = 2**62


@cache
def migrations(dialect: str) -> tuple[tuple[int, str, str], ...]:
    """(version, name, sql) of every migration for ``dialect``, in order.

    ``0002_name.sql`` applies to both dialects; ``0002_name.sqlite.sql`` to one.
    """
    out: dict[int, tuple[int, str, str]] = {}
    folder = resources.files("diplograph.store").joinpath("migrations")
    for item in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+?)(?:\.(sqlite|postgres))?\.sql", item.name)
        if not match or match.group(3) not in (None, dialect):
            continue
        version = int(match.group(1))
        if version in out:
            raise StoreError(f"two migrations with version {version} for {dialect}: fix store/migrations/")
        out[version] = (version, match.group(2), item.read_text(encoding="utf-8"))
    return tuple(out[v] for v in sorted(out))


def iso_key(value: Any) -> str | None:
    """The sortable ISO prefix of a date value ("2021", "2021-12", "2021-12-19"), or None.

    Dates without a year ("--04-27") have no place on a time line and give None.
    """
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10000:
        return f"{value:04d}"
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    return match.group(0) if match else None


def date_keys(fields: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(date_key, date_end_key) of a fact: its main date and the upper bound of its period.

    The end key carries a trailing "~" (which sorts after every digit and "-"),
    so "2021" as an end covers "2021-12-31": a period overlaps [since, until]
    exactly when ``date_end_key >= since`` and ``date_key <= until + "~"``.
    """
    for name in _DATE_FIELDS:
        key = iso_key(fields.get(name))
        if key:
            until = iso_key(fields.get(_END_FIELDS.get(name, ""))) or key
            return key, max(until, key) + "~"
    end = iso_key(fields.get("end")) or iso_key(fields.get("period_end"))
    if end:
        return end, end + "~"
    return None, None


def parse_bound(value: str | None, name: str) -> str | None:
    """A since/until argument as an ISO prefix; anything else is the caller's mistake."""
    if value is None or value == "":
        return None
    key = iso_key(value)
    if not key or key != str(value).strip()[: len(key)] or len(str(value).strip()) > 10:
        raise InputError(f"{name} must be an ISO date such as 2021, 2021-06 or 2021-06-30, not {value!r}")
    return key


@cache
def _country_names() -> dict[str, str]:
    import pycountry

    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.setdefault("XKX", "Kosovo")
    return names


@cache
def _body_names() -> dict[str, str]:
    from diplograph.resolve import bodies

    return {body_id: body.name for body_id, body in bodies().items()}


def entity_kind(value: Any, role: str) -> str | None:
    """What kind of entity a fact field value names: country, body, person, or None.

    Registry bodies first (CPV is the party, not Cape Verde, as FACTS.md says),
    then ISO alpha-3 countries, then body-style ids (upper case, "_"), then
    people in the fields that can hold a person's name. Places are not entities.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    if value in _body_names():
        return "body"
    if value in _country_names():
        return "country"
    if _ID_LIKE.match(value):
        return None if role == "location" else "body"
    if role in _PERSON_FIELDS and value[:1].isupper() and any(c.islower() for c in value):
        return "person"
    return None


def entity_name(entity_id: str, kind: str) -> str:
    if kind == "country":
        return _country_names().get(entity_id, entity_id)
    if kind == "body":
        return _body_names().get(entity_id, entity_id)
    return entity_id


def fact_links(fields: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(entity id, kind, role) for every entity a fact's fields name, without repeats."""
    out: dict[tuple[str, str], str] = {}
    for role in ENTITY_FIELDS:
        value = fields.get(role)
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            kind = entity_kind(item, role)
            if kind:
                out.setdefault((str(item), role), kind)
    return [(entity_id, kind, role) for (entity_id, role), kind in out.items()]


def _json_default(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


@cache
def _encoder() -> json.JSONEncoder:
    # json.dumps() with options builds a new encoder on every call: a write makes hundreds.
    return json.JSONEncoder(ensure_ascii=False, default=_json_default)


def dumps(value: Any) -> str:
    return _encoder().encode(value) if value else ("{}" if isinstance(value, Mapping) else json.dumps(value))


def _names(value: Names) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if v]


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} = ?" if len(values) == 1 else f"{column} IN ({', '.join('?' * len(values))})"


_FACT_SELECT = (
    "SELECT f.type, f.fields, f.extractor, f.confidence, ev.doc_id, ev.sentence, ev.start_char,"
    " ev.end_char, COALESCE(ev.text, s.text, '') FROM facts f JOIN evidence ev ON ev.fact_id = f.id"
    " LEFT JOIN sentences s ON s.doc_id = ev.doc_id AND s.idx = ev.sentence"
)
_DOC_COLUMNS = "id, text, source, title, url, published, published_source, segments"
_ORDERS = {
    "id": "f.id",
    "date": "f.date_key IS NULL, f.date_key, f.id",
    "-date": "f.date_key IS NULL, f.date_key DESC, f.id DESC",
}


class SqlStore(MergedTables):
    """The :class:`~diplograph.store.Store` behaviour over a DB-API style connection."""

    dialect: ClassVar[str]
    target: str
    read_only: bool

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._pending_sources: weakref.WeakSet[Any] = weakref.WeakSet()  # merged facts' statements not read yet

    # -- what a dialect provides ------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement, return a cursor."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> None:
        """Insert many rows at once (``conflict``: an ``ON CONFLICT ...`` clause)."""
        if rows:
            marks = ", ".join("?" * len(columns))
            self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) {conflict}", rows)

    def _add_fact_counts(self, deltas: Sequence[tuple[int, str]]) -> None:
        """Add each (delta, entity id) to that entity's fact count."""
        if deltas:
            self._executemany("UPDATE entities SET n_facts = n_facts + ? WHERE id = ?", deltas)

    def _transaction(self) -> AbstractContextManager[None]:
        """A write transaction that rolls back on any exception."""
        raise NotImplementedError

    def _schema_transaction(self) -> AbstractContextManager[None]:
        """The transaction migrations run in (multi-statement scripts allowed)."""
        return self._transaction()

    def _run_script(self, sql: str) -> None:
        """Run a migration script inside the current transaction."""
        raise NotImplementedError

    def _lock_migrations(self) -> None:
        """Inside the migration transaction: keep other processes from migrating at once."""

    def _fact_ids(self, n: int) -> list[int]:
        """``n`` unused fact ids (inside the write transaction)."""
        raise NotImplementedError

    def _fts_condition(self, text: str) -> tuple[str, list[Any]] | None:
        """A condition on ``f.id`` for facts whose evidence sentence matches ``text``."""
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    # -- opening ------------------------------------------------------------------

    def _migrate(self) -> None:
        """Apply the migrations this store has not seen yet, each once, in order."""
        wanted = migrations(self.dialect)
        if self.read_only:
            have = self._applied_versions()
            if wanted and (not have or max(have) < wanted[-1][0]):
                raise StoreError(
                    f"the store at {self.target} is not at schema version {wanted[-1][0]}:"
                    " open it once for writing (e.g. diplograph build) to migrate it"
                )
            return
        with self._lock, self._schema_transaction():
            self._lock_migrations()
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in self._execute("SELECT version FROM schema_migrations").fetchall()}
            for version, name, sql in wanted:
                if version in done:
                    continue
                self._run_script(sql)
                self._execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )

    def _applied_versions(self) -> list[int]:
        try:
            return [row[0] for row in self._execute("SELECT version FROM schema_migrations").fetchall()]
        except Exception as err:  # a fresh or foreign database: no such table
            if not self._is_db_error(err):
                raise
            return []

    def _is_db_error(self, err: BaseException) -> bool:
        raise NotImplementedError

    def schema_version(self) -> int:
        """The highest migration applied to this store."""
        with self._lock:
            return max(self._applied_versions(), default=0)

    # -- writing -------------------------------------------------------------------

    def has_document(self, doc_id: str, sha1: str) -> bool:
        """True when this document is stored, whole, with the same text."""
        with self._lock:
            row = self._execute(
                "SELECT 1 FROM documents WHERE id = ? AND sha1 = ?", (doc_id, sha1)
            ).fetchone()
        return row is not None

    def write_document(self, adoc: AnalyzedDocument, facts: list[Fact]) -> None:
        """Store a document and its facts in one transaction, replacing what was there.

        A failure anywhere rolls the whole document back, so the store only
        ever holds whole documents; writing the same document twice leaves
        the same rows (facts keyed by fingerprint).
        """
        if self.read_only:
            raise StoreError(f"the store at {self.target} was opened read-only")
        doc = adoc.document
        for fact in facts:
            if fact.evidence.doc_id != doc.id:
                raise StoreError(
                    f"a {fact.type} fact cites document {fact.evidence.doc_id!r} but is written with"
                    f" {doc.id!r}: write each fact with the document it was extracted from"
                )
        unique: dict[str, Fact] = {}
        for fact in facts:
            unique.setdefault(fact.fingerprint, fact)
        for attempt in range(_WRITE_ATTEMPTS):
            with self._lock:
                try:
                    with self._transaction():
                        self._write_all(adoc, list(unique.items()))
                    return
                except Exception as err:
                    if not self._is_db_error(err):
                        raise
                    if self._is_retryable(err) and attempt + 1 < _WRITE_ATTEMPTS:
                        continue  # two writers crossed on shared entity rows; the loser goes again
                    raise StoreError(f"could not write document {doc.id!r} to {self.target}: {err}") from err

    def _is_retryable(self, err: BaseException) -> bool:
        """A deadlock or serialization failure that a second try can get past."""
        return False

    def _write_all(self, adoc: AnalyzedDocument, facts: list[tuple[str, Fact]]) -> None:
        """Inside the transaction: replace every row of the document.

        Entity rows are touched last and in a fixed order (one upsert, one
        count update), which keeps concurrent writers from deadlocking.
        """
        self._lock_merging()  # before fact ids are drawn: merged tables see facts in id order
        rows = self._row_deltas(adoc, facts)
        counts: dict[str, int] = {}
        replaced = self._merged_forget(adoc.id)
        for entity_id, n in self._delete_document_rows(adoc.id):
            counts[entity_id] = counts.get(entity_id, 0) - n
        self._write_document_row(adoc)
        entities = self._write_sentences(adoc)
        new: list[tuple[int, str, str, str]] = []
        for entity_id, n in self._write_facts(adoc, facts, entities, new).items():
            counts[entity_id] = counts.get(entity_id, 0) + n
        self._insert(
            "entities", ("id", "kind", "name"), sorted(entities.values()), "ON CONFLICT (id) DO NOTHING"
        )
        self._add_fact_counts([(n, e) for e, n in sorted(counts.items()) if n])
        names_people = any(entities.get(e, ("", ""))[1] == "person" for e in counts)
        self._merged_add(new, replaced, names_people)
        self._executemany(
            "INSERT INTO row_counts (name, n) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = row_counts.n + excluded.n",
            sorted(rows.items()),
        )

    def _row_deltas(self, adoc: AnalyzedDocument, facts: list[tuple[str, Fact]]) -> dict[str, int]:
        """How writing this document changes the row counts (a rewrite replaces the old rows)."""
        doc_id = adoc.id
        out: dict[str, int] = {"documents": 1, "sentences": len(adoc.sentences),
                               "mentions": sum(len(s.mentions) for s in adoc.sentences), "facts": len(facts)}
        for _, fact in facts:
            out[f"facts.{fact.type}"] = out.get(f"facts.{fact.type}", 0) + 1
        if self._execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            out["documents"] -= 1
            out["sentences"] -= int(self._execute("SELECT COUNT(*) FROM sentences WHERE doc_id = ?",
                                                  (doc_id,)).fetchone()[0])
            out["mentions"] -= int(self._execute("SELECT COUNT(*) FROM mentions WHERE doc_id = ?",
                                                 (doc_id,)).fetchone()[0])
            for fact_type, n in self._execute("SELECT type, COUNT(*) FROM facts WHERE doc_id = ? GROUP BY type",
                                              (doc_id,)).fetchall():
                out["facts"] -= int(n)
                out[f"facts.{fact_type}"] = out.get(f"facts.{fact_type}", 0) - int(n)
        return {name: n for name, n in out.items() if n}

    def _delete_document_rows(self, doc_id: str) -> list[tuple[str, int]]:
        """Delete a document's child rows; return how many of its facts named each entity."""
        old = self._execute(
            "SELECT fe.entity_id, COUNT(DISTINCT fe.fact_id) FROM fact_entities fe"
            " JOIN facts f ON f.id = fe.fact_id WHERE f.doc_id = ? GROUP BY fe.entity_id",
            (doc_id,),
        ).fetchall()
        facts_of_doc = "SELECT id FROM facts WHERE doc_id = ?"
        self._execute(f"DELETE FROM fact_entities WHERE fact_id IN ({facts_of_doc})", (doc_id,))
        self._execute(f"DELETE FROM evidence WHERE fact_id IN ({facts_of_doc})", (doc_id,))
        self._execute("DELETE FROM facts WHERE doc_id = ?", (doc_id,))
        self._execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self._execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
        return [(str(e), int(n)) for e, n in old]

    def _write_document_row(self, adoc: AnalyzedDocument) -> None:
        doc = adoc.document
        people = {
            name: {"titles": [list(t) for t in person.titles], "aliases": list(person.aliases)}
            for name, person in adoc.people.items()
        }
        columns = (
            "id",
            "text",
            "title",
            "url",
            "published",
            "published_source",
            "source",
            "sha1",
            "segments",
            "focus",
            "people",
            "written_at",
        )
        values = (
            doc.id,
            doc.text,
            doc.title,
            doc.url,
            doc.published,
            doc.published_source,
            doc.source,
            doc.sha1,
            dumps([list(s) for s in doc.segments]),
            adoc.focus,
            dumps(people),
            _now(),
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        self._execute(
            f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT (id) DO UPDATE SET {updates}",
            values,
        )

    def _write_sentences(self, adoc: AnalyzedDocument) -> dict[str, tuple[str, str, str]]:
        """Insert sentences and mentions; return the entity rows the mentions name."""
        doc_id = adoc.id
        self._insert(
            "sentences",
            ("doc_id", "idx", "start_char", "end_char", "text"),
            [(doc_id, s.index, s.start, s.end, s.text) for s in adoc.sentences],
        )
        rows = []
        entities: dict[str, tuple[str, str, str]] = {}
        for sentence in adoc.sentences:
            for m in sentence.mentions:
                rows.append(
                    (
                        doc_id,
                        sentence.index,
                        m.start,
                        m.end,
                        m.text,
                        m.kind,
                        m.id,
                        m.label,
                        dumps(dict(m.attrs)),
                    )
                )
                if m.id and m.kind in ("country", "body", "person"):
                    entities.setdefault(m.id, (m.id, m.kind, entity_name(m.id, m.kind)))
        self._insert(
            "mentions",
            ("doc_id", "sentence", "start_char", "end_char", "text", "kind", "entity_id", "label", "attrs"),
            rows,
        )
        return entities

    def _write_facts(
        self,
        adoc: AnalyzedDocument,
        facts: list[tuple[str, Fact]],
        entities: dict[str, tuple[str, str, str]],
        written: list[tuple[int, str, str, str]] | None = None,
    ) -> dict[str, int]:
        """Insert facts, evidence and links; add the entities they name; return facts per entity.

        ``written`` receives (id, type, fields JSON, document id) of each fact inserted.
        """
        per_entity: dict[str, int] = {}
        if not facts:
            return per_entity
        sentences = {s.index: s for s in adoc.sentences}
        ids = self._fact_ids(len(facts))
        fact_rows, evidence_rows, link_rows = [], [], []
        for fact_id, (fingerprint, fact) in zip(ids, facts):
            fields = dict(fact.fields)
            key, end_key = date_keys(fields)
            fields_json = dumps(fields)
            if written is not None:
                written.append((fact_id, fact.type, fields_json, adoc.id))
            fact_rows.append(
                (
                    fact_id,
                    adoc.id,
                    fact.type,
                    fields_json,
                    fingerprint,
                    fact.extractor,
                    float(fact.confidence),
                    key,
                    end_key,
                )
            )
            ev = fact.evidence
            sentence = sentences.get(ev.sentence)
            same = sentence is not None and (sentence.start, sentence.end, sentence.text) == (
                ev.start,
                ev.end,
                ev.text,
            )
            evidence_rows.append(
                (fact_id, ev.doc_id, ev.sentence, ev.start, ev.end, None if same else ev.text)
            )
            named: set[str] = set()
            for entity_id, kind, role in fact_links(fields):
                link_rows.append((fact_id, entity_id, role))
                entities.setdefault(entity_id, (entity_id, kind, entity_name(entity_id, kind)))
                named.add(entity_id)
            for entity_id in named:
                per_entity[entity_id] = per_entity.get(entity_id, 0) + 1
        self._insert(
            "facts",
            (
                "id",
                "doc_id",
                "type",
                "fields",
                "fingerprint",
                "extractor",
                "confidence",
                "date_key",
                "date_end_key",
            ),
            fact_rows,
        )
        self._insert(
            "evidence", ("fact_id", "doc_id", "sentence", "start_char", "end_char", "text"), evidence_rows
        )
        self._insert("fact_entities", ("fact_id", "entity_id", "role"), link_rows)
        return per_entity

    # -- reading documents -----------------------------------------------------------

    def documents(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Document]:
        """Every stored document, by id, fetched in batches (the store may be large)."""
        remaining = _NO_LIMIT if limit is None else max(limit, 0)
        last: str | None = None
        while remaining > 0:
            size = min(_BATCH, remaining)
            with self._lock:
                if last is None:
                    rows = self._execute(
                        f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id LIMIT ? OFFSET ?",
                        (size, max(offset, 0)),
                    ).fetchall()
                else:
                    rows = self._execute(
                        f"SELECT {_DOC_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, size)
                    ).fetchall()
            for row in rows:
                yield _document(row)
            if len(rows) < size:
                return
            remaining -= len(rows)
            last = rows[-1][0]

    def count_documents(self) -> int:
        with self._lock:
            row = self._execute("SELECT n FROM row_counts WHERE name = 'documents'").fetchone()
            if row is None:
                row = self._execute("SELECT COUNT(*) FROM documents").fetchone()
        return int(row[0])

    def document(self, doc_id: str) -> Document | None:
        with self._lock:
            row = self._execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return _document(row) if row else None

    def published(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """Publication date of each of these documents, in a few queries (merging many facts needs them)."""
        wanted = list(dict.fromkeys(doc_ids))
        out: dict[str, str | None] = {doc_id: None for doc_id in wanted}
        with self._lock:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                rows = self._execute(f"SELECT id, published FROM documents WHERE {_in('id', chunk)}", chunk)
                for doc_id, published in rows.fetchall():
                    out[doc_id] = published
        return out

    def urls(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """The source URL of each of these documents (None when the input gave none), in a few queries."""
        wanted = list(dict.fromkeys(doc_ids))
        out: dict[str, str | None] = {doc_id: None for doc_id in wanted}
        with self._lock:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                rows = self._execute(f"SELECT id, url FROM documents WHERE {_in('id', chunk)}", chunk)
                for doc_id, url in rows.fetchall():
                    out[doc_id] = url
        return out

    def sentences(self, doc_id: str) -> list[Sentence]:
        """The document's sentences with their mentions (tokens are not stored)."""
        with self._lock:
            rows = self._execute(
                "SELECT idx, start_char, end_char, text FROM sentences WHERE doc_id = ? ORDER BY idx",
                (doc_id,),
            ).fetchall()
            mention_rows = self._mention_rows(doc_id)
        by_sentence: dict[int, list[Mention]] = {}
        for sentence_index, mention in mention_rows:
            by_sentence.setdefault(sentence_index, []).append(mention)
        return [
            Sentence(idx, start, end, text, (), tuple(by_sentence.get(idx, ())))
            for idx, start, end, text in rows
        ]

    def mentions(self, doc_id: str) -> list[Mention]:
        with self._lock:
            return [mention for _, mention in self._mention_rows(doc_id)]

    def _mention_rows(self, doc_id: str) -> list[tuple[int, Mention]]:
        rows = self._execute(
            "SELECT sentence, start_char, end_char, text, kind, entity_id, label, attrs FROM mentions"
            " WHERE doc_id = ? ORDER BY sentence, start_char, id",
            (doc_id,),
        ).fetchall()
        return [(r[0], Mention(r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]))) for r in rows]

    def analyzed(self, doc_id: str) -> AnalyzedDocument | None:
        """The document as the nlp stage left it, less the tokens."""
        with self._lock:
            row = self._execute("SELECT focus, people FROM documents WHERE id = ?", (doc_id,)).fetchone()
        doc = self.document(doc_id)
        if row is None or doc is None:
            return None
        people = {
            name: Person(
                name, tuple(tuple(t) for t in value.get("titles", [])), tuple(value.get("aliases", []))
            )
            for name, value in json.loads(row[1]).items()
        }
        return AnalyzedDocument(doc, tuple(self.sentences(doc_id)), people, row[0])

    # -- reading facts -----------------------------------------------------------------

    def _fact_where(
        self,
        type: Names,
        doc_id: str | None,
        entity: Names,
        since: str | None,
        until: str | None,
        text: str | None,
        role: Names,
    ) -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        types = _names(type)
        if types:
            conditions.append(_in("f.type", types))
            params += types
        if doc_id:
            conditions.append("f.doc_id = ?")
            params.append(doc_id)
        entities, roles = _names(entity), _names(role)
        if entities or roles:
            sub = []
            if entities:
                sub.append(_in("entity_id", entities))
                params += entities
            if roles:
                sub.append(_in("role", roles))
                params += roles
            conditions.append(f"f.id IN (SELECT fact_id FROM fact_entities WHERE {' AND '.join(sub)})")
        low, high = parse_bound(since, "since"), parse_bound(until, "until")
        if low:
            conditions.append("f.date_end_key >= ?")
            params.append(low)
        if high:
            conditions.append("f.date_key <= ?")
            params.append(high + "~")
        if text and text.strip():
            fts = self._fts_condition(text)
            if fts is None:
                conditions.append("1 = 0")  # nothing searchable in the text: no match
            else:
                conditions.append(fts[0])
                params += fts[1]
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), params

    def facts(
        self,
        type: Names = None,
        doc_id: str | None = None,
        entity: Names = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        role: Names = None,
        order: str = "id",
    ) -> list[Fact]:
        """Facts matching every filter given, with their evidence.

        ``entity``: facts whose fields name any of these ids (``role`` narrows to
        fields: "a", "subject", "participants"...). ``since``/``until``: facts
        whose main date or period overlaps that span (undated facts drop out).
        ``text``: full-text search over evidence sentences. ``order``: "id"
        (as written), "date" or "-date".
        """
        if order not in _ORDERS:
            raise InputError(f"order must be one of {', '.join(_ORDERS)}, not {order!r}")
        where, params = self._fact_where(type, doc_id, entity, since, until, text, role)
        sql = f"{_FACT_SELECT}{where} ORDER BY {_ORDERS[order]}"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [_NO_LIMIT if limit is None else max(limit, 0), max(offset, 0)]
        with self._lock:
            rows = self._execute(sql, params).fetchall()
        return [_fact(row) for row in rows]

    def fact(self, fingerprint: str) -> Fact | None:
        """The fact with this fingerprint (its stable id: links to a fact use it)."""
        with self._lock:
            row = self._execute(f"{_FACT_SELECT} WHERE f.fingerprint = ?", (fingerprint,)).fetchone()
        return _fact(row) if row else None

    def count_facts(
        self,
        type: Names = None,
        doc_id: str | None = None,
        entity: Names = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        *,
        role: Names = None,
    ) -> int:
        """How many facts :meth:`facts` would return without a limit (for paging)."""
        where, params = self._fact_where(type, doc_id, entity, since, until, text, role)
        with self._lock:
            return int(self._execute(f"SELECT COUNT(*) FROM facts f{where}", params).fetchone()[0])

    # -- merged facts (maintained by write_document: store/_merged.py) ------------------------

    def _entity_link_where(
        self, type: Names, entity: Names, role: Names, located: str | None
    ) -> tuple[str, list[Any]]:
        """A condition on merged_entities for merged facts naming ``entity`` (or located there)."""
        params: list[Any] = []
        entities, roles = _names(entity), _names(role)
        sub = []
        if entities:
            sub.append(_in("entity_id", entities))
            params += entities
        if roles:
            sub.append(_in("role", roles))
            params += roles
        else:
            sub.append("role <> 'located'")
        test = " AND ".join(sub) if entities or roles else "1 = 0"
        if located:
            test = f"(({test}) OR (entity_id = ? AND role = 'located'))"
            params.append(located)
        types = _names(type)
        if types:
            test = f"{test} AND {_in('type', types)}"
            params += types
        return test, params

    def _link_ranges(
        self, type: Names, entity: Names, role: Names, located: str | None
    ) -> list[tuple[str, tuple[str, list[Any]], str | None]]:
        """(entity id, role condition, type or None) for each index range an entity filter reads."""
        roles = _names(role)
        role_test: tuple[str, list[Any]] = (_in("role", roles), list(roles)) if roles else ("role <> 'located'", [])
        types: list[str | None] = list(_names(type)) or [None]
        out = [(e, role_test, t) for e in _names(entity) for t in types]
        if located:
            out += [(located, ("role = 'located'", []), t) for t in types]
        return out

    def _merged_where(
        self,
        type: Names,
        doc_id: str | None,
        entity: Names,
        since: str | None,
        until: str | None,
        text: str | None,
        role: Names,
        located: str | None = None,
    ) -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        types = _names(type)
        if types:
            conditions.append(_in("m.type", types))
            params += types
        entities, roles = _names(entity), _names(role)
        if doc_id or since or until or (text and text.strip()):
            # A merged fact one of whose statements matches every filter (as the facts read were).
            where, more = self._fact_where(None, doc_id, entity, since, until, text, role)
            conditions.append(
                f"m.id IN (SELECT mm.merged_id FROM merged_members mm JOIN facts f ON f.id = mm.fact_id{where})"
            )
            params += more
        elif entities or roles or located:
            test, more = self._entity_link_where(type, entity, role, located)
            conditions.append(f"m.id IN (SELECT merged_id FROM merged_entities WHERE {test})")
            params += more
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), params

    def merged_facts(
        self,
        type: Names = None,
        doc_id: str | None = None,
        entity: Names = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        role: Names = None,
        order: str = "id",
        located: str | None = None,
        where: Mapping[str, str] | None = None,
    ) -> list[Any]:
        """Merged facts (``query.MergedFact``) one of whose statements matches every filter.

        The filters are :meth:`facts`'; ``located`` (a country id) adds the events placed in
        that country by a place name ("in Hanoi"); only ``type`` applies to those.
        ``where``: merged fields that must equal these strings ({"metric": "trade_partners"}).
        ``order``: "id" (the order query.merge makes clusters in), "-date" (newest first, as
        pages show them). Only on a store whose :meth:`merged_ready` is true.
        """
        orders = {"id": "m.id", "-date": "m.date DESC, m.uid DESC"}
        if order not in orders:
            raise InputError(f"order must be one of {', '.join(orders)}, not {order!r}")
        columns = MERGED_SELECT
        member_filter = doc_id or since or until or (text and text.strip()) or where
        if order == "-date" and limit is not None and not member_filter and (_names(entity) or _names(role) or located):
            # An entity's newest: the head of each id's (entity, [type,] date) index range, merged here.
            wanted = max(offset, 0) + max(limit, 0)
            heads: list[list[tuple[str, str, int]]] = []
            with self._lock:
                for entity_id, roles, one_type in self._link_ranges(type, entity, role, located):
                    sql = "SELECT DISTINCT date, uid, merged_id FROM merged_entities WHERE entity_id = ?"
                    params: list[Any] = [entity_id]
                    if one_type is not None:
                        sql += " AND type = ?"
                        params.append(one_type)
                    sql += f" AND {roles[0]} ORDER BY date DESC, uid DESC, merged_id LIMIT ?"
                    heads.append([(str(d), str(u), int(i)) for d, u, i in self._execute(
                        sql, [*params, *roles[1], wanted]).fetchall()])
                ids: list[int] = []
                for _, _, merged_id in heapq.merge(*heads, key=lambda h: (h[0], h[1]), reverse=True):
                    if merged_id not in ids:
                        ids.append(merged_id)
                ids = ids[max(offset, 0): wanted]
                rows = self._execute(f"SELECT {columns} FROM merged m WHERE {_in('m.id', ids)}", ids).fetchall() \
                    if ids else []
            by_id = {int(r[0]): r for r in rows}
            return merged_objects(self, [by_id[i] for i in ids if i in by_id])
        condition, params = self._merged_where(type, doc_id, entity, since, until, text, role, located)
        for name, value in sorted((where or {}).items()):
            condition += (" AND " if condition else " WHERE ") + f"{self._json_field('m.fields', name)} = ?"
            params.append(value)
        sql = f"SELECT {columns} FROM merged m{condition} ORDER BY {orders[order]}"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [_NO_LIMIT if limit is None else max(limit, 0), max(offset, 0)]
        with self._lock:
            rows = self._execute(sql, params).fetchall()
        return merged_objects(self, rows)

    def count_merged(
        self,
        type: Names = None,
        doc_id: str | None = None,
        entity: Names = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        *,
        role: Names = None,
        located: str | None = None,
    ) -> int:
        """How many merged facts :meth:`merged_facts` would return without a limit."""
        if not (doc_id or since or until or (text and text.strip())) and (_names(entity) or _names(role) or located):
            test, params = self._entity_link_where(type, entity, role, located)
            sql = f"SELECT COUNT(DISTINCT merged_id) FROM merged_entities WHERE {test}"
        else:
            where, params = self._merged_where(type, doc_id, entity, since, until, text, role, located)
            sql = f"SELECT COUNT(*) FROM merged m{where}"
        with self._lock:
            return int(self._execute(sql, params).fetchone()[0])

    def timeline_page(
        self,
        type: Names,
        entity: Names,
        since: str | None,
        until: str | None,
        channels: Sequence[str],
        limit: int,
        offset: int,
    ) -> tuple[list[tuple[Any, str, str]], int]:
        """A page of an entity's time line: ([(merged fact, date, what)], total), as query.timeline orders it.

        Each id's entries are an ordered range of ``entity_timeline``; the page is the head of
        their merge (an entry named by several ids counts once)."""
        from diplograph.query import dates

        conditions, params = [], []
        types = _names(type)
        if types:
            conditions.append(_in("type", types))
            params += types
        low, high = parse_bound(since, "since"), parse_bound(until, "until")
        if low:
            conditions.append("hi >= ?")
            params.append(dates.bounds(low)[0].isoformat())  # type: ignore[index]
        if high:
            conditions.append("lo <= ?")
            params.append(dates.bounds(high)[1].isoformat())  # type: ignore[index]
        if channels:
            conditions.append("(" + " OR ".join("channels LIKE ?" for _ in channels) + ")")
            params += [f"%|{c}|%" for c in channels]
        where = "".join(f" AND {c}" for c in conditions)
        ids = _names(entity)
        wanted = max(offset, 0) + max(limit, 0)
        with self._lock:
            if not ids:
                return [], 0
            total = int(self._execute(
                f"SELECT COUNT(*) FROM (SELECT DISTINCT merged_id, seq FROM entity_timeline"
                f" WHERE {_in('entity_id', ids)}{where}) AS t", [*ids, *params]).fetchone()[0])
            heads = [self._execute(
                f"SELECT key, type, mkey, merged_id, seq FROM entity_timeline WHERE entity_id = ?{where}"
                " ORDER BY key, type, mkey, merged_id, seq LIMIT ?", [entity_id, *params, wanted]).fetchall()
                for entity_id in ids]
            page: list[tuple[int, int]] = []
            seen: set[tuple[int, int]] = set()
            for _, _, _, merged_id, seq in heapq.merge(*heads, key=lambda r: (r[0], r[1], r[2], r[3], r[4])):
                entry = (int(merged_id), int(seq))
                if entry not in seen:
                    seen.add(entry)
                    page.append(entry)
            page = page[max(offset, 0): wanted]
            found = sorted({m for m, _ in page})
            rows = self._execute(
                f"SELECT {MERGED_SELECT} FROM merged m WHERE {_in('m.id', found)}", found).fetchall() if found else []
            said = {(int(m), int(q)): (str(d), str(w)) for m, q, d, w in self._execute(
                f"SELECT merged_id, seq, date, what FROM merged_timeline WHERE {_in('merged_id', found)}",
                found).fetchall()} if found else {}
        by_id = {int(r[0]): f for r, f in zip(rows, merged_objects(self, rows))}
        return [(by_id[m], *said[(m, q)]) for m, q in page if m in by_id and (m, q) in said], total

    def _json_field(self, column: str, name: str) -> str:
        """SQL for the text of a top-level field of a JSON column (``name`` is a FACTS.md field name)."""
        if not re.fullmatch(r"[a-z_]+", name):
            raise InputError(f"not a field name: {name!r}")
        return f"json_extract({column}, '$.{name}')"

    def count_merged_by_type(self, entity: Names, *, located: str | None = None) -> dict[str, int]:
        """How many merged facts of each type name ``entity`` (one index range)."""
        test, params = self._entity_link_where(None, entity, None, located)
        with self._lock:
            rows = self._execute(
                f"SELECT type, COUNT(DISTINCT merged_id) FROM merged_entities WHERE {test} GROUP BY type", params
            ).fetchall()
        return {str(t): int(n) for t, n in rows}

    # -- entities ------------------------------------------------------------------------

    def _entity_where(self, kind: str | None, q: str | None, min_facts: int = 0) -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if min_facts > 0:
            conditions.append("n_facts >= ?")
            params.append(min_facts)
        if kind:
            conditions.append("kind = ?")
            params.append(kind)
        if q and q.strip():
            from diplograph.resolve import fold

            pattern = (
                "%"
                + fold(q.strip()).lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%"
            )
            conditions.append("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(id) LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), params

    def entities(
        self,
        kind: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        order: str = "name",
        min_facts: int = 0,
    ) -> list[Entity]:
        """Entities by name (``order="facts"``: most-cited first); ``q`` matches name or id.

        ``min_facts=1`` leaves out names that only mentions carry (no fact cites them).
        """
        orders = {"name": "name, id", "facts": "n_facts DESC, name, id", "id": "id"}
        if order not in orders:
            raise InputError(f"order must be one of {', '.join(orders)}, not {order!r}")
        where, params = self._entity_where(kind, q, min_facts)
        sql = f"SELECT id, kind, name, n_facts FROM entities{where} ORDER BY {orders[order]}"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [_NO_LIMIT if limit is None else max(limit, 0), max(offset, 0)]
        with self._lock:
            rows = self._execute(sql, params).fetchall()
        return [Entity(*row) for row in rows]

    def count_entities(self, kind: str | None = None, q: str | None = None, *, min_facts: int = 0) -> int:
        where, params = self._entity_where(kind, q, min_facts)
        with self._lock:
            return int(self._execute(f"SELECT COUNT(*) FROM entities{where}", params).fetchone()[0])

    def entity(self, entity_id: str) -> Entity | None:
        with self._lock:
            row = self._execute(
                "SELECT id, kind, name, n_facts FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
        return Entity(*row) if row else None

    # -- the rest --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, and facts per type as ``facts.<type>`` (every type, zeros too)."""
        out: dict[str, int] = {}
        with self._lock:
            kept = dict(self._execute("SELECT name, n FROM row_counts").fetchall())  # kept by write_document
            for table in ("documents", "sentences", "mentions", "entities", "facts"):
                out[table] = int(kept[table]) if table in kept else int(
                    self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            per_type = {name[6:]: n for name, n in kept.items() if name.startswith("facts.") and n} if kept else dict(
                self._execute("SELECT type, COUNT(*) FROM facts GROUP BY type").fetchall())
        for fact_type in (*FACT_TYPES, *sorted(set(per_type) - set(FACT_TYPES))):
            out[f"facts.{fact_type}"] = int(per_type.get(fact_type, 0))
        return out

    def close(self) -> None:
        with self._lock:
            for loader in list(self._pending_sources):
                try:
                    loader.get(-1)
                except Exception as err:  # noqa: BLE001 - a broken store: those statements stay unread
                    if not self._is_db_error(err):
                        raise
            try:
                if not self.read_only and self._state("merged") == "ready" and int(
                        self._state("people_dirty", "0") or 0) > 0:
                    with self._transaction():
                        self._lock_merging()
                        self._refresh_people()
            finally:
                self._close()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.target!r})"


def _fact(r: Sequence[Any]) -> Fact:
    return Fact(r[0], json.loads(r[1]), Evidence(r[4], r[5], r[6], r[7], r[8]), r[2], r[3])


def _document(row: Sequence[Any]) -> Document:
    segments = tuple((int(a), int(b)) for a, b in json.loads(row[7]))
    return Document(row[0], row[1], row[2], row[3], row[4], row[5], row[6], segments)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
