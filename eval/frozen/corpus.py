#!/usr/bin/env python3
"""The frozen evaluation set: 20 opening excerpts of bench documents that nobody tunes on.

The texts are not copied into the project: this script picks the documents
from ``../shared/corpus/bench/whitehouse.jsonl.gz`` (a fixed seed, stratified
by kind, foreign-affairs documents only), cuts each to its opening ~300 words
at a paragraph or sentence end, and writes the excerpts as a feed-like JSONL
file wherever you ask. ``docs.tsv`` records which documents and how many
characters, so the set is the same on every machine.

usage:
    python3 eval/frozen/corpus.py select          # (once) choose the documents, write docs.tsv
    python3 eval/frozen/corpus.py write OUT.jsonl # materialise the excerpts for a build
    python3 eval/frozen/corpus.py score           # build, export and score with .venv/bin/diplograph

``gold.jsonl`` was written by two annotators who never read the code; its
evidence is kept as character offsets (``evidence_start``/``evidence_end``)
into ``title + "\n\n" + text`` of the materialised excerpt, not as text.

Score (start and end of a piece of work only; never read its errors to tune):
    python3 eval/frozen/corpus.py write /tmp/frozen.jsonl
    .venv/bin/diplograph build /tmp/frozen.jsonl --db /tmp/frozen.sqlite
    .venv/bin/diplograph export --db /tmp/frozen.sqlite --format facts-jsonl -o /tmp/frozen-pred.jsonl
    python3 ../shared/tools/score_facts.py eval/frozen/gold.jsonl /tmp/frozen-pred.jsonl --docs-tsv eval/frozen/docs.tsv
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parents[1].parent / "shared" / "corpus" / "bench" / "whitehouse.jsonl.gz"
DEV = HERE.parents[1].parent / "shared" / "corpus" / "dev" / "articles.jsonl"
DOCS = HERE / "docs.tsv"
SEED = 20261204
WORDS = 300
# How many documents of each bench kind (20 in all).
QUOTA = {"statement": 9, "remarks": 4, "briefing": 3, "other": 4}

_FOREIGN = re.compile(
    r"\b(?:bilateral|counterpart|minister|ambassador|embassy|summit|state visit|visit to|foreign|"
    r"president of|prime minister|treaty|agreement|alliance|partnership|united nations|NATO|G7|G20)\b",
    re.IGNORECASE)


def _countries() -> list[str]:
    path = HERE.parents[1] / "src" / "diplograph" / "data" / "countries.tsv"
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.split("\t")
        if len(cols) > 2 and cols[0] != "USA":
            names.append(cols[2])
    return names


def excerpt(text: str, words: int = WORDS) -> str:
    """The opening of ``text``: whole paragraphs up to ``words`` words, else cut at a sentence end."""
    out, count = [], 0
    for para in text.split("\n\n"):
        n = len(para.split())
        if count + n <= words or not out:
            if count + n > words * 1.5:  # one long paragraph: cut at a sentence end
                cut, seen = 0, 0
                for m in re.finditer(r"[.!?][\"”’)]?(?=\s)", para):
                    seen = len(para[: m.end()].split())
                    if seen > words - count and cut:
                        break
                    cut = m.end()
                para = para[:cut] if cut else para
            out.append(para)
            count += len(para.split())
        if count >= words * 0.8:
            break
    return "\n\n".join(out)


def _records():
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def select() -> None:
    dev_urls = {json.loads(line).get("url") for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()}
    country_re = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in _countries()) + r")\b")
    pools: dict[str, list[dict]] = {k: [] for k in QUOTA}
    for rec in _records():
        if rec["url"] in dev_urls or rec["kind"] not in pools or len(rec["text"].split()) < 150:
            continue
        head = excerpt(rec["title"] + "\n\n" + rec["text"])
        foreign = len(set(country_re.findall(head)))
        if foreign >= 1 and len(_FOREIGN.findall(head)) >= 2:
            pools[rec["kind"]].append(rec)
    rng = random.Random(SEED)
    chosen = []
    families: set[str] = set()  # one document per kind of title ("Notice on the Continuation of ...")
    for kind, n in QUOTA.items():
        pool = sorted(pools[kind], key=lambda r: r["id"])
        rng.shuffle(pool)
        for rec in pool:
            family = " ".join(re.sub(r"[^\w\s]", " ", rec["title"].lower()).split()[:3])
            if family in families:
                continue
            families.add(family)
            chosen.append(rec)
            if len(chosen) == sum(list(QUOTA.values())[: list(QUOTA).index(kind) + 1]):
                break
    rows = ["doc\tpublished\tbench_id\tchars\tkind"]
    for n, rec in enumerate(sorted(chosen, key=lambda r: r["id"]), 1):
        text = excerpt(rec["text"])
        rows.append(f"f{n:02d}\t{rec['published']}\t{rec['id']}\t{len(text)}\t{rec['kind']}")
    DOCS.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {DOCS} ({len(chosen)} documents)")


def write(out: Path) -> None:
    wanted = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines()[1:]:
        doc, published, bench_id, chars, _ = line.split("\t")
        wanted[bench_id] = (doc, published, int(chars))
    found = {}
    for rec in _records():
        if rec["id"] in wanted:
            doc, published, chars = wanted[rec["id"]]
            found[doc] = {"id": doc, "title": rec["title"], "url": rec["url"], "publisher": "The White House",
                          "published": published, "text": rec["text"][:chars]}
    missing = sorted(set(d for d, _, _ in wanted.values()) - set(found))
    if missing:
        sys.exit(f"not in the bench corpus: {', '.join(missing)}")
    with open(out, "w", encoding="utf-8") as fh:
        for doc in sorted(found):
            fh.write(json.dumps(found[doc], ensure_ascii=False) + "\n")
    print(f"wrote {out} ({len(found)} documents)")


def score() -> None:
    import subprocess
    import tempfile

    root = HERE.parents[1]
    dg = root / ".venv" / "bin" / "diplograph"
    scorer = root.parent / "shared" / "tools" / "score_facts.py"
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db, pred = Path(tmp, "frozen.jsonl"), Path(tmp, "frozen.sqlite"), Path(tmp, "pred.jsonl")
        write(corpus)
        subprocess.run([str(dg), "build", str(corpus), "--db", str(db)], check=True, capture_output=True)
        subprocess.run([str(dg), "export", "--db", str(db), "--format", "facts-jsonl", "-o", str(pred)],
                       check=True, capture_output=True)
        docs = Path(tmp, "docs.tsv")
        docs.write_text("".join(f"{r.split(chr(9))[0]}\t{r.split(chr(9))[1]}\n"
                                for r in DOCS.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
        subprocess.run([sys.executable, str(scorer), str(HERE / "gold.jsonl"), str(pred), "--docs-tsv", str(docs)],
                       check=True)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "select":
        select()
    elif len(sys.argv) == 2 and sys.argv[1] == "score":
        score()
    elif len(sys.argv) == 3 and sys.argv[1] == "write":
        write(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
