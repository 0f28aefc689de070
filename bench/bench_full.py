#!/usr/bin/env python3
"""The whole bench corpus, built once: wall time, words/s, CPU of the process tree, peak tree RSS.

usage: .venv/bin/python bench/bench_full.py --db /tmp/bench-full.sqlite [--workers 2] [--src SRC]
                                           [--corpus PATH] [--limit N]

Runs ``diplograph build CORPUS --db DB --workers K --json`` as a fresh process (the model load is
included, as a user would meet it) and samples the resident memory of the whole process tree (Dask
scheduler, nanny and workers included) every 0.2 s. The store is kept, so ``bench/bench_query.py --db``
can measure queries on it afterwards. ``--src`` runs the diplograph package under SRC (for example a
``git worktree`` of the commit being measured), so that edits to the checkout during a long build do
not change what is measured. Prints the figures and the ratio to the issue's target (30 minutes,
2 GB).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import CORPUS, load, run_build  # noqa: E402

TARGET_S = 30 * 60
TARGET_RSS = 2 * 2**30


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the store to build (kept); a postgresql:// URL works too")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--src", help="the diplograph package to run (a checkout's src/), default this one")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not str(args.db).startswith("postgresql") and Path(args.db).exists():
        sys.exit(f"{args.db} exists: the full build is measured into a new store")
    words = 20_657_696 if args.corpus == CORPUS else None  # the corpus README's count
    print(f"load average before: {load()}  corpus {args.corpus}  workers {args.workers}", flush=True)
    r = run_build(args.corpus, args.workers, args.db, args.src)
    report = r["report"]
    print(f"documents read {report['documents_read']:,}  stored {r['stored']:,}  skipped "
          f"{report['documents_skipped']:,}  failed {report['documents_failed']:,}  facts {r['facts']:,}")
    print(f"facts by type: {report['facts_by_type']}")
    for p in report["problems"][:40]:
        print(f"  {p['kind']}: {p['path']}:{p['line'] or ''} {p['message'][:200]}")
    if len(report["problems"]) > 40:
        print(f"  ... {len(report['problems']) - 40} more problems")
    print(f"wall {r['wall']:,.0f} s ({r['wall'] / 60:.1f} min)  tree CPU {r['cpu']:,.0f} s  "
          f"peak tree RSS {r['rss'] / 2**20:,.0f} MB")
    if words:
        print(f"words/s {words / r['wall']:,.0f} (wall)  {words / r['cpu']:,.0f} (per CPU second)")
    print(f"wall / 30-minute target {r['wall'] / TARGET_S:.2f}  peak RSS / 2 GB target {r['rss'] / TARGET_RSS:.2f}")
    print(f"load average after: {load()}  cores {os.cpu_count()}")


if __name__ == "__main__":
    main()
