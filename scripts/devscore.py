#!/usr/bin/env python3
"""Developer loop: extract facts from the evaluation sets in memory and score each with the shared scorer.

usage: .venv/bin/python scripts/devscore.py [--set seeds,dev,voa,heldout,heldout2] [--type TYPE] [--errors]

The analysed documents (the slow spaCy part) are cached under /tmp, keyed by a
hash of the ``nlp`` sources, ingest and timex, so changing an extractor re-runs
only extraction. Prints one table per set, then the seeds+dev and all-set totals.
The frozen set (``eval/frozen``) is deliberately not here: it is scored only at
the start and the end of a piece of work, by its own commands.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from diplograph.extract import extract_facts
from diplograph.ingest import read_paths
from diplograph.model import AnalyzedDocument, Document
from diplograph.nlp import analyze

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (SHARED / "corpus/seeds", SHARED / "gold/seeds.jsonl", SHARED / "gold/docs.tsv"),
    "dev": (SHARED / "corpus/dev", SHARED / "gold/dev.jsonl", SHARED / "gold/dev_docs.tsv"),
    "voa": (SHARED / "corpus/voa", SHARED / "gold/voa.jsonl", SHARED / "gold/voa_docs.tsv"),
    # articles written for the project (not real news), tuned on after their first score
    "heldout": (ROOT / "eval/heldout/corpus", ROOT / "eval/heldout/gold.jsonl", ROOT / "eval/heldout/docs.tsv"),
    "heldout2": (ROOT / "eval/heldout2/corpus", ROOT / "eval/heldout2/gold.jsonl", ROOT / "eval/heldout2/docs.tsv"),
    "heldout3": (ROOT / "eval/heldout3/corpus", ROOT / "eval/heldout3/gold.jsonl", ROOT / "eval/heldout3/docs.tsv"),
    "heldout4": (ROOT / "eval/heldout4/corpus", ROOT / "eval/heldout4/gold.jsonl", ROOT / "eval/heldout4/docs.tsv"),
}
SCORER = SHARED / "tools/score_facts.py"


def _nlp_hash() -> str:
    src = ROOT / "src/diplograph"
    files = sorted((src / "nlp").glob("*.py")) + [src / "ingest.py", src / "timex.py", src / "resolve.py",
                                                   src / "officeholders.py", src / "model.py"]
    files += sorted((src / "data").glob("*"))
    h = hashlib.sha1()
    for f in files:
        if f.is_file():
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def analysed(name: str) -> list[AnalyzedDocument]:
    folder = SETS[name][0]
    cache = Path(tempfile.gettempdir()) / f"diplograph-devscore-{name}-{_nlp_hash()}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    docs = [d for d in read_paths([folder]) if isinstance(d, Document)]
    out = list(analyze(docs))
    cache.write_bytes(pickle.dumps(out))
    return out


def score(gold: Path, pred: Path, docs: Path, errors: bool) -> str:
    cmd = [sys.executable, str(SCORER), str(gold), str(pred), "--docs-tsv", str(docs)]
    if errors:
        cmd.append("--show-errors")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="seeds,dev,voa,heldout,heldout2",
                    help="comma-separated: " + ", ".join(SETS))
    ap.add_argument("--type", default=None, help="only show errors of this fact type")
    ap.add_argument("--errors", action="store_true", help="list missed and spurious facts")
    ap.add_argument("--brief", action="store_true", help="only the overall lines")
    ap.add_argument("--only", default=None,
                    help="run only these extractors (comma-separated types), e.g. while others are being rewritten")
    a = ap.parse_args()
    names = [n for n in a.set.split(",") if n]
    for n in names:
        if n not in SETS or not SETS[n][1].exists():
            sys.exit(f"unknown or missing set: {n}")
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        parts = []
        for name in names:
            _, gold, docs_tsv = SETS[name]
            pred = tmpd / f"{name}.pred.jsonl"
            with pred.open("w", encoding="utf-8") as fh:
                for adoc in analysed(name):
                    for fact in extract_facts(adoc, types=a.only.split(",") if a.only else None):
                        fh.write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
            parts.append((name, gold, docs_tsv, pred))
            out = score(gold, pred, docs_tsv, a.errors or bool(a.type))
            if a.type:
                out = "\n".join(line for line in out.splitlines()
                                if f'"type": "{a.type}"' in line or not line.startswith(("MISSED", "SPURIOUS")))
            lines = out.splitlines()
            print(f"== {name}")
            print("\n".join(lines[-2:] if a.brief else lines))

        def combined(label: str, chosen: list[str]) -> None:
            rows = [p for p in parts if p[0] in chosen]
            if len(rows) < 2:
                return
            g, p, d = tmpd / f"{label}.gold", tmpd / f"{label}.pred", tmpd / f"{label}.docs"
            g.write_text("".join(r[1].read_text(encoding="utf-8") for r in rows), encoding="utf-8")
            p.write_text("".join(r[3].read_text(encoding="utf-8") for r in rows), encoding="utf-8")
            d.write_text("doc\tpublished\n" + "".join(
                "".join(r[2].read_text(encoding="utf-8").splitlines(True)[1:]) for r in rows), encoding="utf-8")
            print(f"== {label}: " + " ".join(score(g, p, d, False).splitlines()[-2:]))

        combined("seeds+dev", ["seeds", "dev"])
        combined("all", names)


if __name__ == "__main__":
    main()
