#!/usr/bin/env python3
"""Throughput of ``diplograph build`` against bare spaCy on the same texts, side by side.

usage: .venv/bin/python bench/bench_build.py [--n 300] [--workers 1] [--corpus PATH]

Takes N documents spread evenly over shared/corpus/bench/whitehouse.jsonl.gz
(never the 11 annotated dev documents), then times, in one process:

1. the whole build: ingest + nlp + extract + store into a temporary SQLite file;
2. bare ``nlp.pipe`` of the same spaCy model over the same document texts;
3. bare ``nlp.pipe`` over their non-empty lines, which is how the nlp stage feeds
   spaCy (a sentence never crosses a line), so 1 vs 3 is diplograph's own overhead.

The spaCy model is loaded before either timing starts. Words are whitespace
words of the document texts, the same count for both. Each row shows wall-clock
and CPU time; on a shared machine the CPU figures are the comparable ones.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="documents to process (default 300)")
    ap.add_argument("--workers", type=int, default=1, help="build workers (Dask when > 1)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()

    from diplograph.ingest import read_paths
    from diplograph.model import Document
    from diplograph.nlp import load_pipeline
    from diplograph.pipeline import build
    from diplograph.store import open_store

    records = sample(args.corpus, args.n)
    nlp = load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp, "sample.jsonl")
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        texts = [d.text for d in read_paths([feed]) if isinstance(d, Document)]
        words = sum(len(t.split()) for t in texts)

        with open_store(Path(tmp, "bench.sqlite")) as store, Timer() as build_time:
            report = build([feed], store, progress=False, workers=args.workers)

        with Timer() as bare_time:
            for _ in nlp.pipe(texts, batch_size=64):
                pass

        # What the nlp stage feeds spaCy: the non-empty lines (a sentence never crosses a line).
        lines = [line for text in texts for line in text.split("\n") if line.strip()]
        with Timer() as lines_time:
            for _ in nlp.pipe(lines, batch_size=64):
                pass

    print(f"documents {len(texts)}  words {words:,}  facts {report.facts:,}  workers {args.workers}")
    print(f"{'':24} {'wall s':>8} {'words/s':>9} {'cpu s':>8} {'words/s':>9}")
    for name, timer in (("diplograph build", build_time), ("bare nlp.pipe", bare_time),
                        ("bare nlp.pipe, by line", lines_time)):
        print(f"{name:24} {timer.wall:8.1f} {words / timer.wall:9,.0f} {timer.cpu:8.1f} {words / timer.cpu:9,.0f}")
    basis = "wall" if args.workers > 1 else "cpu"  # worker processes' CPU is not this process's
    rate = {name: words / getattr(t, basis) for name, t in (("build", build_time), ("bare", bare_time),
                                                             ("lines", lines_time))}
    print(f"build / bare speed ratio ({basis} time) {rate['build'] / rate['bare']:.2f} "
          f"(by line: {rate['build'] / rate['lines']:.2f})")

if __name__ == "__main__":
    main()
