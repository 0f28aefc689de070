#!/usr/bin/env python3
"""Precision of the facts diplograph finds in real input: a judged random sample from the bench corpus.

Gold sets measure recall and precision on articles picked for foreign
affairs; a user who builds the whole White House corpus meets every kind of
text (domestic proclamations, vaccine fact sheets, nominations). This script
builds a random sample of bench documents with the real CLI, draws a random
sample of the facts it finds (documents' dates left out), and shows each fact
with the sentence it cites so that a judge who never read the code can say
whether the sentence states it (by the conventions of ``../shared/spec/FACTS.md``).

No article text is kept in the project: ``docs-NAME.txt`` lists document ids,
``sample-NAME-SEED.jsonl`` keeps facts with their evidence offsets only, and
``show`` reads the sentences from the store at run time.

usage (``--name dev`` is the default; ``--name final`` is the sample judged once, at the end):
    python3 eval/bench_audit/audit.py select [--name final]   # (once) docs-NAME.txt: 1,000 random bench ids
    python3 eval/bench_audit/audit.py build --db /tmp/audit.sqlite [--workers 2] [--name final]
    python3 eval/bench_audit/audit.py sample --db /tmp/audit.sqlite --seed 1 [--n 200] [--name final]
    python3 eval/bench_audit/audit.py show --db /tmp/audit.sqlite --seed 1 > /tmp/judge.txt  # for the judges
    python3 eval/bench_audit/audit.py score --seed 1 [--name final]  # precision from judged-NAME-SEED.jsonl

The dev sample's documents are read while rules are written; the final sample's documents are drawn
from the rest of the corpus and its facts judged only at the end, so its precision is an estimate.
A judgement file ``judged-NAME-SEED.jsonl`` has one line per sampled fact:
``{"n": 17, "verdict": "correct" | "wrong", "why": "..."}``.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BENCH = ROOT.parent / "shared" / "corpus" / "bench" / "whitehouse.jsonl.gz"
FROZEN = ROOT / "eval" / "frozen" / "docs.tsv"
# dev: read to find errors; final: judged once, at the end of the frame rewrite; final2: judged once, at the end
# of the second pass (documents in neither of the others)
SELECT_SEEDS = {"dev": 20261205, "final": 20261206, "final2": 20261207}
N_DOCS = 1000
CLI = ROOT / ".venv" / "bin" / "diplograph"


def _bench() -> "iter[dict]":
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _frozen_ids() -> set[str]:
    ids = set()
    for line in FROZEN.read_text(encoding="utf-8").splitlines()[1:]:
        ids.add(line.split("\t")[2])
    return ids


def _docs(name: str) -> Path:
    return HERE / f"docs-{name}.txt"


def select(a: argparse.Namespace) -> None:
    """A uniform random sample of bench ids, never one of the frozen set's documents (nor, for the
    final sample, one of the dev sample's)."""
    taken = _frozen_ids() | {i for other in SELECT_SEEDS if other != a.name and _docs(other).exists()
                             for i in _chosen(other)}
    ids = [r["id"] for r in _bench() if r["id"] not in taken]
    chosen = sorted(random.Random(SELECT_SEEDS[a.name]).sample(ids, N_DOCS))
    _docs(a.name).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    print(f"{len(chosen)} of {len(ids)} documents -> {_docs(a.name).relative_to(ROOT)}")


def _chosen(name: str) -> set[str]:
    return set(_docs(name).read_text(encoding="utf-8").split())


def build(a: argparse.Namespace) -> None:
    """Build the chosen documents into a store with the real CLI (as a user would)."""
    chosen = _chosen(a.name)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "audit.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for r in _bench():
                if r["id"] in chosen:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
        cmd = [str(CLI), "build", str(feed), "--db", a.db, "--workers", str(a.workers)]
        sys.exit(subprocess.run(cmd).returncode)


def _sample_path(name: str, seed: int) -> Path:
    return HERE / f"sample-{name}-{seed}.jsonl"


def sample(a: argparse.Namespace) -> None:
    """Draw ``n`` facts uniformly from every non-document fact in the store."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.jsonl"
        subprocess.run([str(CLI), "export", "--db", a.db, "--format", "facts-jsonl", "-o", str(out)], check=True)
        facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    facts = [f for f in facts if f.get("type") != "document"]
    facts.sort(key=lambda f: json.dumps(f, sort_keys=True))
    picked = random.Random(a.seed).sample(facts, min(a.n, len(facts)))
    counts = collections.Counter(f["type"] for f in facts)
    with _sample_path(a.name, a.seed).open("w", encoding="utf-8") as fh:
        for n, fact in enumerate(picked, 1):
            fact = {k: v for k, v in fact.items() if k != "evidence"}  # offsets only: no article text here
            fh.write(json.dumps({"n": n, "fact": fact}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(facts)} facts -> {_sample_path(a.name, a.seed).relative_to(ROOT)}")
    print("facts in the store by type: " + ", ".join(f"{t} {c}" for t, c in counts.most_common()))


def show(a: argparse.Namespace) -> None:
    """Each sampled fact with the sentence it cites, read from the store's copy of the document now."""
    from diplograph.store import open_store

    store = open_store(a.db, read_only=True)
    rows = [json.loads(line) for line in _sample_path(a.name, a.seed).read_text(encoding="utf-8").splitlines()]
    texts: dict[str, str] = {}
    for r in rows:
        f = r["fact"]
        if f["doc"] not in texts:
            doc = store.document(f["doc"])
            texts[f["doc"]] = doc.text if doc else ""
        text = texts[f["doc"]]
        s, e = f.get("evidence_start"), f.get("evidence_end")
        sentence = text[s:e] if isinstance(s, int) and isinstance(e, int) and text else "(evidence not found)"
        fields = {k: v for k, v in f.items() if k not in ("doc", "evidence_start", "evidence_end", "id", "sentence")}
        print(f"#{r['n']}  {f['doc']}")
        print("  fact: " + json.dumps(fields, ensure_ascii=False))
        print("  sentence: " + sentence.replace("\n", " / "))
        print()


def score(a: argparse.Namespace) -> None:
    """Precision per type under both readings (strict: every field right; key: who/what/when right, a label
    or a secondary field may be off), and the judge's error classes."""
    rows = {json.loads(line)["n"]: json.loads(line)
            for line in _sample_path(a.name, a.seed).read_text(encoding="utf-8").splitlines()}
    judged_path = HERE / f"judged-{a.name}-{a.seed}.jsonl"
    judged = [json.loads(line) for line in judged_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_type: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    classes: collections.Counter[str] = collections.Counter()
    for j in judged:
        t = rows[j["n"]]["fact"]["type"]
        strict = j.get("strict", j.get("verdict"))
        by_type[t][0] += strict == "correct"
        by_type[t][1] += j.get("key", strict) == "correct"
        by_type[t][2] += 1
        if strict != "correct" and j.get("class"):
            classes[j["class"]] += 1
    print(f"{'type':22s} {'strict':>12s} {'key':>12s}")
    for t, (c, k, n) in sorted(by_type.items()):
        print(f"{t:22s} {c:4d}/{n:<4d} {c / n:.2f} {k:4d}/{n:<4d} {k / n:.2f}")
    ok = sum(v[0] for v in by_type.values())
    key = sum(v[1] for v in by_type.values())
    total = sum(v[2] for v in by_type.values())
    if not total:
        print("nothing judged")
        return
    print("errors by class (strict):")
    for c, n in classes.most_common():
        print(f"  {n:4d}  {c}")
    print(f"precision strict {ok}/{total} = {ok / total:.3f}, key {key}/{total} = {key / total:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("select")
    p.set_defaults(fn=select)
    b = sub.add_parser("build")
    b.add_argument("--db", required=True)
    b.add_argument("--workers", type=int, default=1)
    b.set_defaults(fn=build)
    s = sub.add_parser("sample")
    s.add_argument("--db", required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--n", type=int, default=200)
    s.set_defaults(fn=sample)
    for name, fn in (("show", show), ("score", score)):
        p = sub.add_parser(name)
        p.add_argument("--seed", type=int, required=True)
        if name == "show":
            p.add_argument("--db", required=True)
        p.set_defaults(fn=fn)
    for p in sub.choices.values():
        p.add_argument("--name", choices=sorted(SELECT_SEEDS), default="dev",
                       help="which document sample: dev (read to find errors) or final (judged at the end)")
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
