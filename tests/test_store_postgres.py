"""The store contract on a real PostgreSQL server that this module starts and stops.

The server is initdb'd into a temporary folder and listens on a free loopback
port (its unix socket in that folder too). initdb refuses to run as root, so
as root the server runs as the ``postgres`` user (Debian's package creates it),
else as ``nobody``. Skipped only when no PostgreSQL server binaries exist.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_store import StoreContract, make_doc, sample
from test_store_merged import MergedContract

from diplograph.errors import StoreError
from diplograph.model import AnalyzedDocument, Evidence, Fact
from diplograph.store import Store, open_store
from diplograph.store._sql import migrations

pytestmark = pytest.mark.postgres


def _pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl: PATH first, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3].split(".")[0])
    )
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server:
    """One throwaway PostgreSQL cluster; ``run`` executes its tools as an unprivileged user."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.user: str | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    pwd.getpwnam(name)
                except KeyError:
                    continue
                self.user = name
                break
            else:
                raise RuntimeError("running as root and no 'postgres' or 'nobody' user exists to run initdb")
        # Under /tmp when root: a TMPDIR inside root's home would be closed to the server's user.
        self.root = Path(tempfile.mkdtemp(prefix="diplograph-pg-", dir="/tmp" if self.user else None))
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.data = self.root / "data"
        self.port = _free_port()

    def run(self, *args: str) -> None:
        kwargs: dict[str, Any] = {}
        if self.user:  # drop root entirely: user, group and supplementary groups
            entry = pwd.getpwnam(self.user)
            kwargs = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        result = subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            check=False,
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=120,
            **kwargs,
        )
        if result.returncode != 0:
            log = self.root / "server.log"
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr or result.stdout}"
                + (log.read_text(errors="replace")[-2000:] if log.exists() else "")
            )

    def start(self) -> None:
        self.run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[_Server]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip(
            "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin;"
            " install them with: apt-get install postgresql"
        )
    server = _Server(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


_numbers = itertools.count()


@pytest.fixture
def postgres_url(postgres_server: _Server) -> Iterator[str]:
    """A fresh, empty schema on the session's database (a schema is much quicker to make than a database)."""
    import psycopg

    name = f"test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    yield postgres_server.url() + f"?options=-csearch_path%3D{name}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


class TestPostgresMerged(MergedContract):
    """The merged tables' contract (test_store_merged.py) on PostgreSQL: each store a fresh schema."""

    @pytest.fixture(autouse=True)
    def _server(self, postgres_server: _Server) -> Iterator[None]:
        import psycopg

        self.server = postgres_server
        self.schemas: list[str] = []
        self.urls: dict[int, str] = {}
        yield
        with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
            for name in self.schemas:
                conn.execute(f"DROP SCHEMA {name} CASCADE")

    def open_fresh(self) -> Any:
        import psycopg

        name = f"merged_{os.getpid()}_{next(_numbers)}"
        with psycopg.connect(self.server.url(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        self.schemas.append(name)
        url = self.server.url() + f"?options=-csearch_path%3D{name}"
        store = open_store(url)
        self.urls[id(store)] = url
        return store

    def reopen_target(self, store: Any) -> Any:
        return self.urls[id(store)]


class TestPostgresStore(StoreContract):
    @pytest.fixture
    def store(self, postgres_url: str) -> Iterator[Store]:
        with open_store(postgres_url) as store:
            yield store


def test_open_store_gives_postgres_for_a_url(postgres_url: str) -> None:
    from diplograph.store.postgres import PostgresStore

    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)
        assert "postgres@127.0.0.1" in repr(store)


def test_migrations_are_applied_once(postgres_url: str) -> None:
    import psycopg

    wanted = [v for v, _, _ in migrations("postgres")]
    with open_store(postgres_url) as store:
        adoc, facts = sample()
        store.write_document(adoc, facts)
    with open_store(postgres_url) as store:
        assert store.facts() == facts
    with psycopg.connect(postgres_url) as conn:
        assert [
            r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")
        ] == wanted
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        }
    assert {
        "documents",
        "sentences",
        "entities",
        "mentions",
        "facts",
        "evidence",
        "fact_entities",
        "schema_migrations",
    } <= tables


def test_two_processes_opening_a_fresh_database_at_once_migrate_it_once(postgres_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            open_store(postgres_url).close()
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_read_only_store_refuses_writes(postgres_url: str) -> None:
    adoc, facts = sample()
    with open_store(postgres_url) as store:
        store.write_document(adoc, facts)
    with open_store(postgres_url, read_only=True) as store:
        assert store.count_facts() == 4
        with pytest.raises(StoreError, match="read-only"):
            store.write_document(adoc, facts)


def test_a_bad_url_says_what_failed(postgres_server: _Server) -> None:
    url = f"postgresql://postgres:secret@127.0.0.1:{postgres_server.port}/no_such_db"
    with pytest.raises(StoreError, match="cannot open the PostgreSQL store") as info:
        open_store(url)
    assert "secret" not in str(info.value)


def test_sqlite_and_postgres_read_back_the_same(postgres_url: str, tmp_path: Path) -> None:
    docs = [sample(), (make_doc("d2", ["India and Japan held talks in 2022."]), [])]
    results = []
    for target in (tmp_path / "same.sqlite", postgres_url):
        with open_store(target) as store:
            for adoc, facts in docs:
                store.write_document(adoc, facts)
            results.append(
                (
                    store.counts(),
                    store.facts(order="-date"),
                    store.entities(order="facts"),
                    store.facts(text="visited", entity="VNM"),
                    list(store.documents()),
                )
            )
    assert results[0] == results[1]


def test_concurrent_writers_sharing_entities_keep_counts_right(postgres_url: str) -> None:
    """Two writers rewriting documents that name the same entities: no deadlock leaks out, counts add up."""
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            with open_store(postgres_url) as store:
                for round_ in range(2):  # the second round rewrites: counts go down, then up
                    for i in range(8):
                        adoc, facts = sample()
                        doc = make_doc(f"{prefix}{i}", [s.text for s in adoc.sentences])
                        store.write_document(doc, [_moved(f, doc) for f in facts])
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=write, args=(p,)) for p in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(postgres_url) as store:
        assert store.count_facts() == 64
        vnm = store.entity("VNM")
        assert vnm is not None and vnm.facts == 48 == store.count_facts(entity="VNM")


def _moved(fact: Fact, adoc: AnalyzedDocument) -> Fact:
    """The same fact, cited from another document with the same sentences."""
    return Fact(
        fact.type,
        fact.fields,
        Evidence.from_sentence(adoc.id, adoc.sentences[fact.evidence.sentence]),
        fact.extractor,
        fact.confidence,
    )
