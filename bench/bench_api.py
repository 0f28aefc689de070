#!/usr/bin/env python3
"""Requests per second of the JSON API on loopback: ``diplograph serve`` in a subprocess.

usage: .venv/bin/python bench/bench_api.py [--db FILE] [--seconds 3] [--threads 4] [--cache-seconds 10] [--big]

Without --db, a store of the seed and dev corpora is built into a temporary
file first. The server runs as its own process (one uvicorn worker, as
``diplograph serve`` starts it); for each endpoint, THREADS client threads
(one keep-alive httpx client each) send requests for SECONDS, then the script
prints requests/second, latency percentiles and the response size, then the
requests/second over all endpoints, stops the server and exits. ``--big``
adds the pages of the largest entities (USA, CHN) of a bench store.
``--cache-seconds 0`` measures every request computed from the store (the
server's result cache off); the default measures the server as it ships.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ENDPOINTS = [
    "/api/stats",
    "/api/entities?limit=50",
    "/api/facts?limit=50",
    "/api/facts?type=partnership&entity=VNM",
    "/api/entities/VNM",
    "/api/entities/VNM/timeline",
    "/api/claims/diplomatic_relations?subject=VNM",
    "/api/contradictions",
    "/api/documents?limit=20",
    "/api/ask?q=How+many+countries+does+Vietnam+have+diplomatic+relations+with%3F",
]
# The largest entity of a bench store (--big): its pages are the slow ones.
BIG = [
    "/api/entities/USA",
    "/api/entities/USA/timeline",
    "/api/facts?entity=USA&limit=50",
    "/api/facts?type=event&entity=CHN&limit=50",
    "/api/entities/CHN",
    "/api/claims/trade_partners?subject=USA",
    "/api/contradictions?subject=USA",
    "/api/entities/USA/overview",
    "/api/ask?q=Who+did+Biden+meet+in+2022%3F",
]


UVICORN = (
    "import uvicorn; from diplograph.web.app import create_app, MAX_HEAD; "
    "uvicorn.run(create_app({db!r}, cache_seconds={cache}), host='127.0.0.1', port={port}, http='h11', "
    "log_level='warning', h11_max_incomplete_event_size=MAX_HEAD)"
)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store(target: Path) -> None:
    from diplograph.pipeline import build
    from diplograph.store import open_store

    with open_store(target) as store:
        build([str(SHARED / "corpus" / "seeds"), str(SHARED / "corpus" / "dev")], store, progress=False)


def wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def hammer(base: str, path: str, seconds: float, threads: int) -> tuple[int, list[float], int]:
    """Requests done, their latencies (s) and how many failed, over ``seconds`` with ``threads`` clients."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run() -> None:
        nonlocal failures
        mine, bad = [], 0
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop_at:
                start = time.perf_counter()
                response = client.get(path)
                mine.append(time.perf_counter() - start)
                bad += response.status_code != 200
        with lock:
            latencies.extend(mine)
            failures += bad

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(latencies), latencies, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An existing store (default: build seeds + dev into a temp file).")
    parser.add_argument("--seconds", type=float, default=3.0, help="Time per endpoint.")
    parser.add_argument("--threads", type=int, default=4, help="Concurrent client threads.")
    parser.add_argument("--cache-seconds", type=float, default=10.0, help="The server's result cache (0: off).")
    parser.add_argument("--big", action="store_true", help="Also the pages of the largest entities (USA, CHN).")
    parser.add_argument("--server", choices=("serve", "uvicorn"), default="serve",
                        help="`diplograph serve`, or the same app on a socket uvicorn binds (TCP_NODELAY).")
    args = parser.parse_args()
    endpoints = ENDPOINTS + (BIG if args.big else [])

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.sqlite"
            t0 = time.perf_counter()
            build_store(db)
            print(f"built {db.name} from seeds + dev in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cli = [sys.executable, "-m", "diplograph.cli", "serve", "--db", str(db), "--port", str(port),
               "--cache-seconds", str(args.cache_seconds)]
        if args.server == "uvicorn":  # the same app, on a socket uvicorn binds itself
            cli = [sys.executable, "-c", UVICORN.format(db=str(db), port=port, cache=args.cache_seconds)]
        proc = subprocess.Popen(cli, env={**os.environ, "PYTHONWARNINGS": "ignore"}, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(base, proc)
            sizes = {}
            for path in endpoints:  # warm caches (registries, SQLite pages) before timing
                sizes[path] = len(httpx.get(base + path, timeout=120).content)
            print(f"{args.threads} client threads, {args.seconds:g} s per endpoint, one uvicorn process ({args.server}) on loopback,"
                  f" result cache {args.cache_seconds:g} s; load average {_load()}")
            print(f"{'endpoint':58} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'KB':>7} {'errors':>6}")
            all_done, all_time = 0, 0.0
            for path in endpoints:
                t0 = time.perf_counter()
                done, latencies, failures = hammer(base, path, args.seconds, args.threads)
                elapsed = time.perf_counter() - t0
                all_done, all_time = all_done + done, all_time + elapsed
                latencies.sort()
                p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
                p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else float("nan")
                p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000 if latencies else float("nan")
                shown = path if len(path) <= 58 else path[:55] + "..."
                print(f"{shown:58} {done / elapsed:8.1f} {p50:8.1f} {p95:8.1f} {p99:8.1f} {sizes[path] / 1024:7.1f}"
                      f" {failures:6d}")
            print(f"{'all endpoints, one after another':58} {all_done / all_time:8.1f}   (load average {_load()})")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
