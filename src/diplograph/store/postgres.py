"""The server store: PostgreSQL through psycopg 3 (``pip install 'diplograph[postgres]'``).

Same schema and behaviour as the SQLite store; full-text search uses a
stored ``tsvector`` column with a GIN index (``websearch_to_tsquery``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from diplograph.errors import MissingDependencyError, StoreError
from diplograph.store._sql import SqlStore

try:
    import psycopg
except ImportError:  # the optional extra is not installed
    psycopg = None  # type: ignore[assignment]

_MIGRATION_LOCK = 0x6469706C  # "dipl": one advisory lock id for migrations
_MERGE_LOCK = 0x6D657267  # "merg": writers take turns on the merged tables (and draw fact ids in turn)
_PLACEHOLDER = re.compile(r"\?")
# Column types for array parameters (every other column is text).
_COLUMN_TYPES = {
    "facts.id": "bigint",
    "fact_id": "bigint",
    "idx": "integer",
    "sentence": "integer",
    "start_char": "integer",
    "end_char": "integer",
    "confidence": "double precision",
    "merged.id": "bigint",
    "merged_id": "bigint",
    "n_docs": "integer",
    "people.facts": "integer",
    "people.member": "integer",
    "seq": "integer",
    "phase": "integer",
    "same_document": "integer",
}


def _pg(sql: str) -> str:
    """Our ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled first)."""
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database given by a ``postgresql://`` URL."""

    dialect = "postgres"

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        super().__init__()
        if psycopg is None:
            raise MissingDependencyError("psycopg", "postgres")
        self.target = _redact(url)
        self.read_only = read_only
        try:
            self._conn = psycopg.connect(url, autocommit=True)
            if read_only:
                self._conn.execute("SET default_transaction_read_only = on")
            self._migrate()
        except psycopg.Error as err:
            raise StoreError(f"cannot open the PostgreSQL store at {self.target}: {err}") from err

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(_pg(sql), params)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(_pg(sql), rows)

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> None:
        # One statement over column arrays: the same query text every time, whatever the row count.
        if rows:
            arrays = ", ".join(f"%s::{_column_type(table, column)}[]" for column in columns)
            self._conn.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({arrays}) {conflict}",
                [list(column) for column in zip(*rows)],
            )

    def _add_fact_counts(self, deltas: Sequence[tuple[int, str]]) -> None:
        if deltas:
            self._conn.execute(
                "UPDATE entities SET n_facts = entities.n_facts + v.n"
                " FROM unnest(%s::integer[], %s::text[]) AS v (n, id) WHERE entities.id = v.id",
                [[n for n, _ in deltas], [e for _, e in deltas]],
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # Pipeline mode: statements go out without waiting for each answer.
        with self._conn.pipeline(), self._conn.transaction():
            yield

    def _schema_transaction(self) -> AbstractContextManager[None]:
        return self._conn.transaction()  # type: ignore[return-value]

    def _run_script(self, sql: str) -> None:
        self._conn.execute(sql.encode("utf-8"))  # no parameters: the whole script in one round trip

    def _lock_migrations(self) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def _json_field(self, column: str, name: str) -> str:
        if not re.fullmatch(r"[a-z_]+", name):
            raise StoreError(f"not a field name: {name!r}")
        return f"({column}::json ->> '{name}')"

    def _lock_merging(self) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MERGE_LOCK,))

    def _fact_ids(self, n: int) -> list[int]:
        rows = self._conn.execute(
            "SELECT nextval('facts_id_seq') FROM generate_series(1, %s)", (n,)
        ).fetchall()
        return [int(row[0]) for row in rows]

    def _fts_condition(self, text: str) -> tuple[str, list[Any]] | None:
        # The materialised CTE makes the planner find sentences through the GIN index
        # first; otherwise it may walk every evidence row and test each sentence.
        condition = (
            "f.id IN (WITH hits AS MATERIALIZED (SELECT doc_id, idx FROM sentences"
            " WHERE tsv @@ websearch_to_tsquery('english', ?))"
            " SELECT ev.fact_id FROM hits JOIN evidence ev ON ev.doc_id = hits.doc_id AND ev.sentence = hits.idx)"
        )
        return condition, [text]

    def _is_retryable(self, err: BaseException) -> bool:
        return psycopg is not None and isinstance(
            err, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)
        )

    def _is_db_error(self, err: BaseException) -> bool:
        return psycopg is not None and isinstance(err, psycopg.Error)

    def _close(self) -> None:
        self._conn.close()


def _column_type(table: str, column: str) -> str:
    return _COLUMN_TYPES.get(f"{table}.{column}") or _COLUMN_TYPES.get(column, "text")


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)
