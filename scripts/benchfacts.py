#!/usr/bin/env python3
"""Developer loop for precision at scale: the facts found in bench documents, with their sentences.

usage: .venv/bin/python scripts/benchfacts.py [--n 200] [--skip 0] [--type event] [--show 40] [--seed 7]

Takes documents of the bench audit list (``eval/bench_audit/docs.txt``) from
position ``--skip``, analyses them once (cached under /tmp by a hash of the
nlp sources, like ``devscore.py``), extracts, and prints the count of facts by
type; ``--show`` prints that many random facts (of ``--type``) with the
sentence each cites, to read for errors. The judged sample of the audit
(``eval/bench_audit``) is drawn from a separate build; use a ``--skip`` range
that is not the one you report.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import pickle
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devscore import _nlp_hash  # noqa: E402

from diplograph.extract import extract_facts  # noqa: E402
from diplograph.ingest import read_paths  # noqa: E402
from diplograph.model import Document  # noqa: E402
from diplograph.nlp import analyze  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "corpus" / "bench" / "whitehouse.jsonl.gz"
IDS = ROOT / "eval" / "bench_audit" / "docs-dev.txt"


def analysed(n: int, skip: int) -> list:
    cache = Path(tempfile.gettempdir()) / f"diplograph-benchfacts-{skip}-{n}-{_nlp_hash()}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    wanted = IDS.read_text(encoding="utf-8").split()[skip:skip + n]
    chosen = set(wanted)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "bench.jsonl"
        with gzip.open(BENCH, "rt", encoding="utf-8") as fh, feed.open("w", encoding="utf-8") as out:
            for line in fh:
                if json.loads(line)["id"] in chosen:
                    out.write(line)
        docs = [d for d in read_paths([feed]) if isinstance(d, Document)]
    out = list(analyze(docs))
    cache.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--type", default=None)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    docs = analysed(a.n, a.skip)
    facts = []
    for adoc in docs:
        for f in extract_facts(adoc):
            if f.type != "document":
                facts.append((f, f.evidence.text))
    counts = collections.Counter(f.type for f, _ in facts)
    print(f"{len(docs)} documents: " + ", ".join(f"{t} {c}" for t, c in counts.most_common()))
    chosen = [x for x in facts if a.type in (None, x[0].type)]
    for f, sentence in random.Random(a.seed).sample(chosen, min(a.show, len(chosen))):
        fields = {k: v for k, v in f.to_json().items()
                  if k not in ("evidence", "sentence", "evidence_start", "evidence_end", "extractor", "confidence")}
        print(json.dumps(fields, ensure_ascii=False))
        print("   " + sentence.replace("\n", " / "))


if __name__ == "__main__":
    main()
