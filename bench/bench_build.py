#!/usr/bin/env python3
"""Build throughput, side by side in one run: diplograph against bare spaCy, and N workers against one.

usage: .venv/bin/python bench/bench_build.py [--n 300] [--workers 1,2] [--corpus PATH] [--no-bare]
                                            [--before OLD_CHECKOUT/src] [--postgres]

Takes N documents spread evenly over shared/corpus/bench/whitehouse.jsonl.gz
(never the 11 annotated dev documents), then, in one run:

1. **Build / bare spaCy** (in this process, CPU time): the spaCy pipeline is
   loaded and run once over the texts before anything is timed (so every timed
   pass sees the same warm vocabulary), then
   a. the whole build with one worker: ingest + nlp + extract + store into a
      temporary SQLite file;
   b. bare ``nlp.pipe`` of the same pipeline (the same components) over the same
      document texts;
   c. bare ``nlp.pipe`` over their non-empty lines, which is how the nlp stage
      feeds spaCy (a sentence never crosses a line): a vs c is diplograph's own
      overhead.
2. **Workers** (``diplograph build --workers K`` as a fresh process per K, each
   loading the model itself): wall time, CPU time of the whole process tree
   (the Dask nanny and worker processes included) and peak resident memory of
   the tree, sampled every 0.2 s. The speed-up is the ratio of wall times;
   "CPU efficiency" is the one-worker CPU time over the K-worker tree's CPU
   time, so K x efficiency is the speed-up that K idle cores would give.

Words are whitespace words of the document texts. The load average is printed
before and after: on a shared machine wall times measure the other jobs too.

``--before SRC`` runs everything a second time, interleaved, with the
diplograph package under SRC (e.g. a ``git worktree`` of an older commit):
part 1 in a child process, part 2 alternating old and new for each K, so
the before/after figures come from one run under the same load.

``--postgres`` also builds into PostgreSQL right after each SQLite build of
part 2 (a throwaway server this script starts on 127.0.0.1 and stops: fsync
on, synchronous_commit off, the closest to SQLite's WAL with synchronous=NORMAL),
and says whether the two stores export identical facts.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "bench" / "whitehouse.jsonl.gz"
DEV = SHARED / "corpus" / "dev" / "articles.jsonl"


def _norm(title: str) -> str:
    return " ".join(title.casefold().split())


def dev_keys() -> tuple[set[str], set[str]]:
    """URLs and titles of the annotated dev documents (their ids differ from the bench ids)."""
    urls, titles = set(), set()
    if DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            urls.add((rec.get("url") or "").rstrip("/"))
            titles.add(_norm(rec.get("title") or ""))
    return urls - {""}, titles - {""}


def sample(corpus: Path, n: int) -> list[dict]:
    """N records spread evenly over the corpus, dev documents excluded."""
    urls, titles = dev_keys()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    records = [r for r in records if (r.get("url") or "").rstrip("/") not in urls
               and _norm(r.get("title") or "") not in titles]
    step = max(len(records) // n, 1)
    return records[::step][:n]


class Timer:
    """Wall-clock and this process's CPU seconds of a block (CPU time resists a busy machine)."""

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (0 when it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def _env(src: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_build(feed: Path, workers: int, db: Path | str, src: str | None = None) -> dict[str, float]:
    """``diplograph build`` as a fresh process: wall s, CPU s of its whole tree, peak tree RSS."""
    exe = Path(sys.executable).with_name("diplograph")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "build", str(feed), "--db", str(db), "--workers", str(workers), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(src))
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - started
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(out)
    return {"wall": wall, "cpu": cpu, "rss": peak[0], "facts": report["facts"], "stored": report["documents_stored"],
            "report": report}


class ThrowawayPostgres:
    """A PostgreSQL server in a temporary folder on a free loopback port (as the 'postgres' user when root)."""

    def __init__(self) -> None:
        import glob
        import pwd
        import shutil
        import socket

        found = shutil.which("initdb")
        bins = [str(Path(os.path.realpath(found)).parent)] if found else sorted(
            str(Path(p).parent) for p in glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise SystemExit("--postgres needs the PostgreSQL server binaries (apt-get install postgresql)")
        self.bin = Path(bins[-1])
        self.user = "postgres" if os.geteuid() == 0 else None
        self.root = Path(tempfile.mkdtemp(prefix="bench-pg-", dir="/tmp"))
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._n = 0

    def _run(self, *args: str) -> None:
        kwargs: dict = {}
        if self.user:
            import pwd

            entry = pwd.getpwnam(self.user)
            kwargs = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        subprocess.run([str(self.bin / args[0]), *args[1:]], check=True, capture_output=True, cwd=self.root,
                       timeout=300, **kwargs)

    def __enter__(self) -> ThrowawayPostgres:
        data = str(self.root / "data")
        self._run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale")
        self._run("pg_ctl", "-D", data, "-l", str(self.root / "server.log"), "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c synchronous_commit=off", "start")
        return self

    def __exit__(self, *exc: object) -> None:
        import shutil

        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        self._n += 1
        name = f"bench{self._n}"
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


def exported_facts(db: str) -> list[str]:
    """The store's facts-jsonl lines, sorted (the order rows come back in is no part of the comparison)."""
    import io

    from diplograph.export import export_facts_jsonl
    from diplograph.store import open_store

    buffer = io.StringIO()
    with open_store(db, read_only=True) as store:
        export_facts_jsonl(store, buffer)
    return sorted(buffer.getvalue().splitlines())


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="documents to process (default 300)")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare, as fresh processes (default 1,2)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-bare", action="store_true", help="skip part 1 (build / bare spaCy)")
    ap.add_argument("--before", metavar="SRC", help="also measure the diplograph package under SRC, interleaved")
    ap.add_argument("--postgres", action="store_true", help="also build into a throwaway PostgreSQL server")
    args = ap.parse_args()
    counts = [int(k) for k in args.workers.split(",") if k.strip()]

    from diplograph.ingest import read_paths
    from diplograph.model import Document
    from diplograph.nlp import load_pipeline
    from diplograph.nlp.pipeline import _pieces
    from diplograph.pipeline import build
    from diplograph.store import open_store

    print(f"load average before: {load()}", flush=True)
    records = sample(args.corpus, args.n)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp, "sample.jsonl")
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        documents = [d for d in read_paths([feed]) if isinstance(d, Document)]
        texts = [d.text for d in documents]
        words = sum(len(t.split()) for t in texts)
        # What the nlp stage feeds spaCy: the body's non-empty lines (a sentence never crosses a line).
        lines = [text for d in documents for _, text in _pieces(d)]
        print(f"documents {len(texts)}  words {words:,}", flush=True)

        if not args.no_bare and args.before:
            print(f"\n1. BEFORE ({args.before}):", flush=True)
            subprocess.run([sys.executable, __file__, "--n", str(args.n), "--corpus", str(args.corpus),
                            "--workers", ""], env=_env(args.before), check=True)
            print("\n1. AFTER (this checkout):", flush=True)
        if not args.no_bare:
            nlp = load_pipeline()
            for _ in nlp.pipe(lines, batch_size=256):  # warm: the vocabulary every timed pass will see
                pass
            with open_store(Path(tmp, "bench.sqlite")) as store, Timer() as build_time:
                report = build([feed], store, progress=False)
            with Timer() as bare_time:
                for _ in nlp.pipe(texts, batch_size=64):
                    pass
            with Timer() as lines_time:
                for _ in nlp.pipe(lines, batch_size=256):
                    pass
            print(f"\n1. build / bare spaCy (one process, model loaded and warm)   facts {report.facts:,}")
            print(f"{'':26} {'wall s':>8} {'words/s':>9} {'cpu s':>8} {'words/s':>9}")
            for name, timer in (("diplograph build", build_time), ("bare nlp.pipe", bare_time),
                                ("bare nlp.pipe, by line", lines_time)):
                print(f"{name:26} {timer.wall:8.1f} {words / timer.wall:9,.0f} {timer.cpu:8.1f} "
                      f"{words / timer.cpu:9,.0f}")
            print(f"build / bare speed ratio (CPU time) {bare_time.cpu / build_time.cpu:.2f} "
                  f"(by line: {lines_time.cpu / build_time.cpu:.2f})", flush=True)

        if counts:
            print(f"\n2. workers (fresh `diplograph build --workers K` processes, model load included)")
            print(f"{'workers':>7} {'wall s':>8} {'words/s':>9} {'tree cpu s':>11} {'peak RSS MB':>12} "
                  f"{'facts':>7} {'load avg after':>15}")
            sides = [("before", args.before), ("after", None)] if args.before else [("", None)]
            results: dict[tuple[str, int], dict[str, float]] = {}
            with contextlib.ExitStack() as stack:
                server = stack.enter_context(ThrowawayPostgres()) if args.postgres else None
                for k in counts:
                    for side, src in sides:
                        db = Path(tmp, f"workers{k}{side}.sqlite")
                        results[side, k] = r = run_build(feed, k, db, src)
                        print(f"{k:7d} {r['wall']:8.1f} {words / r['wall']:9,.0f} {r['cpu']:11.1f} "
                              f"{r['rss'] / 2**20:12.0f} {r['facts']:7,d} {load():>15} {side} SQLite", flush=True)
                        if server is not None:
                            url = server.new_database()
                            pg = run_build(feed, k, url, src)
                            # an older checkout's store is read by its own code only (its schema may be older)
                            same = exported_facts(url) == exported_facts(str(db)) if src is None else None
                            print(f"{k:7d} {pg['wall']:8.1f} {words / pg['wall']:9,.0f} {pg['cpu']:11.1f} "
                                  f"{pg['rss'] / 2**20:12.0f} {pg['facts']:7,d} {load():>15} {side} PostgreSQL: "
                                  f"{pg['wall'] / r['wall']:.2f}x the SQLite time, facts "
                                  f"{'not compared' if same is None else 'identical' if same else 'DIFFERENT'}",
                                  flush=True)
            for side, _ in sides:
                one = results.get((side, 1))
                for k in counts:
                    r = results[side, k]
                    if one is not None and k != 1:
                        print(f"{side} {k} workers / 1: speed-up {one['wall'] / r['wall']:.2f}x (wall), CPU "
                              f"efficiency {one['cpu'] / r['cpu']:.2f} (so {k * one['cpu'] / r['cpu']:.2f}x on "
                              f"{k} idle cores)".strip())
    print(f"\nload average after: {load()}")


if __name__ == "__main__":
    main()
