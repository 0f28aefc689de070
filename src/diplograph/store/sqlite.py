"""The default store: one SQLite file (WAL, foreign keys, FTS5 over sentences)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from diplograph.errors import StoreError
from diplograph.store._sql import SqlStore

# Bare words that carry no meaning in a search; PostgreSQL's english config drops them too.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)
_QUERY_PART = re.compile(r'"([^"]*)"|(\w+)', re.UNICODE)


def fts_query(text: str) -> str | None:
    """User text as an FTS5 query: quoted phrases and words, all required, no syntax errors.

    Everything is quoted, so FTS5 operators and punctuation in the text
    ("' OR 1=1 --", "NEAR(", "*") are searched for as words, never parsed.
    """
    parts: list[str] = []
    for phrase, word in _QUERY_PART.findall(text):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word and word.lower() not in _STOPWORDS:
            parts.append(f'"{word}"')
    if not parts:
        words = re.findall(r"\w+", text)  # only stop words: search for them after all
        parts = [f'"{w}"' for w in words]
    return " ".join(parts) or None


class SqliteStore(SqlStore):
    """A store in one SQLite file; ``":memory:"`` for a throwaway one."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.target = str(path)
        self.read_only = read_only
        try:
            if read_only:
                file = Path(path)
                if not file.is_file():
                    raise StoreError(
                        f"no store at {path}: build one first with `diplograph build PATH --db {path}`"
                    )
                self._conn = self._connect_read_only(file)
            else:
                if self.target != ":memory:" and Path(path).parent != Path(""):
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(
                    self.target, timeout=30, isolation_level=None, check_same_thread=False
                )
                self._conn.execute("PRAGMA journal_mode = WAL")
            for pragma in (
                "foreign_keys = ON",
                "synchronous = NORMAL",
                "busy_timeout = 30000",
                "cache_size = -65536",
                "temp_store = MEMORY",
            ):
                self._conn.execute(f"PRAGMA {pragma}")
            self._migrate()
        except sqlite3.Error as err:
            raise StoreError(f"cannot open the SQLite store at {path}: {err}") from err

    @staticmethod
    def _connect_read_only(file: Path) -> sqlite3.Connection:
        """A read-only connection; on read-only media (no -shm/-wal can be made) an immutable one.

        A WAL-mode database needs its shared-memory file even to be read; where the
        folder cannot be written SQLite fails with "attempt to write a readonly
        database" or "unable to open database file". Nothing can be writing such a
        store, so it is opened immutable (no locking, no WAL).
        """
        uri = file.resolve().as_uri()
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=30, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as err:
            if "readonly" not in str(err) and "unable to open" not in str(err):
                raise
            conn.close()
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=30, isolation_level=None,
                               check_same_thread=False)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front: no deadlock between two writers.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _run_script(self, sql: str) -> None:
        # executescript() would COMMIT first; run statement by statement inside our transaction.
        statement = ""
        for line in sql.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._conn.execute(statement)
                statement = ""
        if statement.strip() and not re.fullmatch(r"(\s|--[^\n]*\n?)*", statement):
            raise StoreError("a migration ends with an incomplete statement: fix store/migrations/")

    def _fact_ids(self, n: int) -> list[int]:
        start = int(self._execute("SELECT COALESCE(MAX(id), 0) FROM facts").fetchone()[0]) + 1
        return list(range(start, start + n))

    def _fts_condition(self, text: str) -> tuple[str, list[Any]] | None:
        query = fts_query(text)
        if query is None:
            return None
        condition = (
            "f.id IN (SELECT ev.fact_id FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid"
            " JOIN evidence ev ON ev.doc_id = s.doc_id AND ev.sentence = s.idx WHERE sentences_fts MATCH ?)"
        )
        return condition, [query]

    def _is_db_error(self, err: BaseException) -> bool:
        return isinstance(err, sqlite3.Error)

    def _close(self) -> None:
        if not self.read_only:
            try:
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # optimisation only; the data is already committed
        self._conn.close()
