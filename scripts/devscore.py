#!/usr/bin/env python3
"""Developer loop: analyse + extract the seed and dev corpora in memory and score them.

usage: .venv/bin/python scripts/devscore.py [--set seeds|dev|both|heldout|heldout2|all] [--type TYPE] [--errors]

Uses ``diplograph.ingest`` when it is there (document dates from the text);
before that, a plain reader (.txt by name; .jsonl with title + text).
Independent of the store and CLI, so extractors can be measured while those are built.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from diplograph.extract import extract_facts
from diplograph.model import Document
from diplograph.nlp import analyze

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = Path(__file__).resolve().parents[1] / "eval/heldout"
EVAL2 = Path(__file__).resolve().parents[1] / "eval/heldout2"
SETS = {
    "seeds": (SHARED / "corpus/seeds", SHARED / "gold/seeds.jsonl", SHARED / "gold/docs.tsv"),
    "dev": (SHARED / "corpus/dev", SHARED / "gold/dev.jsonl", SHARED / "gold/dev_docs.tsv"),
    # articles written for the project (not real news): a second, more varied dev set
    "heldout": (EVAL / "corpus", EVAL / "gold.jsonl", EVAL / "docs.tsv"),
    "heldout2": (EVAL2 / "corpus", EVAL2 / "gold.jsonl", EVAL2 / "docs.tsv"),
}


def read(folder: Path) -> list[Document]:
    try:
        from diplograph.ingest import read_paths  # type: ignore

        return [d for d in read_paths([folder]) if isinstance(d, Document)]
    except ImportError:
        pass
    docs = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".txt":
            docs.append(Document(id=path.stem, text=path.read_text(encoding="utf-8"), source=str(path)))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                text = (rec.get("title") or "") + "\n\n" + rec["text"]
                docs.append(Document(id=rec["id"], text=text, title=rec.get("title"),
                                     published=rec.get("published"), published_source="metadata"))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="both", choices=["seeds", "dev", "both", "heldout", "heldout2", "all"])
    ap.add_argument("--type", default=None, help="only show errors of this fact type")
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    names = {"both": ["seeds", "dev"], "all": ["seeds", "dev", "heldout", "heldout2"]}.get(a.set, [a.set])
    with tempfile.TemporaryDirectory() as tmp:
        gold_all, pred_all, docs_all = Path(tmp, "gold.jsonl"), Path(tmp, "pred.jsonl"), Path(tmp, "docs.tsv")
        with gold_all.open("w") as g, pred_all.open("w") as p, docs_all.open("w") as d:
            d.write("doc\tpublished\tnote\n")
            for name in names:
                folder, gold, docs_tsv = SETS[name]
                g.write(gold.read_text(encoding="utf-8"))
                d.write("".join(docs_tsv.read_text(encoding="utf-8").splitlines(True)[1:]))
                for adoc in analyze(read(folder)):
                    for fact in extract_facts(adoc):
                        p.write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
        cmd = [sys.executable, str(SHARED / "tools/score_facts.py"), str(gold_all), str(pred_all),
               "--docs-tsv", str(docs_all)]
        if a.errors or a.type:
            cmd.append("--show-errors")
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        if a.type:
            out = "\n".join(l for l in out.splitlines()
                            if f'"type": "{a.type}"' in l or not l.startswith(("MISSED", "SPURIOUS")))
        print(out)


if __name__ == "__main__":
    main()
