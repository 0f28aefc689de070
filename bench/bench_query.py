#!/usr/bin/env python3
"""Query latency of diplograph.query on a store of the bench corpus (or a synthetic one).

usage: .venv/bin/python bench/bench_query.py [--db PATH] [--limit N | --synthetic N] [--reps 20]

Three ways to get a store:

- ``--db PATH`` an existing store (e.g. one built with ``diplograph build`` from
  shared/corpus/bench/whitehouse.jsonl.gz);
- ``--limit N`` builds one with the real pipeline from N documents spread evenly
  over the bench corpus (spaCy: about 1-2 minutes per 100 documents on 2 cores);
- ``--synthetic N`` fills one fast, without spaCy, with N made-up documents of
  about 15 facts each, shaped like the pipeline's output (countries, bodies,
  people, dated events, claims), so a 14k-document store takes about a minute.

Then times, over ``--reps`` different arguments each, and prints p50/p95 in ms:
facts(entity), facts(type) (whole type merged, and a page of 200), claims,
entity_profile (country, as of a date, person), timeline, ask (several kinds of
question), full-text search (store and API); and the people index build once.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "bench" / "whitehouse.jsonl.gz"

_SYLLABLES = ["an", "ba", "chi", "do", "el", "fa", "gu", "ha", "ir", "jo", "ka", "lu", "mi", "no", "or", "pa",
              "ri", "sa", "ta", "vi", "wa", "yo", "zu"]
_KINDS = ["meeting", "talks", "visit", "call", "conference", "signing"]
_LEVELS = ["strategic", "comprehensive", "comprehensive_strategic"]
_METRICS = ["diplomatic_relations", "trade_partners", "strategic_partners", "org_memberships"]
_TITLES = ["President", "Prime Minister", "Foreign Minister", "Ambassador"]


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def synthetic_fill(store: Any, n_docs: int, seed: int = 7) -> None:
    """N made-up documents with sentences and facts of every type, written through the store."""
    import pycountry

    from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Sentence

    rng = random.Random(seed)
    countries = [c.alpha_3 for c in pycountry.countries]
    bodies = ["UN", "UNSC", "UNGA", "UNHRC", "ASEAN", "APEC", "WTO", "IMF", "WB", "G20", "G7", "AU", "EU", "NATO"]
    people = [(_name(rng), rng.choice(countries), rng.choice(_TITLES)) for _ in range(3000)]
    for i in range(n_docs):
        year = 2021 + i * 6 // max(n_docs, 1)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        focus = rng.choice(countries)
        texts, facts_spec = [], []
        for j in range(rng.randint(8, 20)):
            who, org, title = rng.choice(people)
            other = rng.choice(countries)
            choice = rng.random()
            if choice < 0.35:
                kind = rng.choice(_KINDS)
                texts.append(f"{title} {who} of {org} held a {kind} with officials of {other} on {published}.")
                facts_spec.append(("event", {"kind": kind, "date": published, "participants": [who, org, other],
                                             "location": other}))
            elif choice < 0.55:
                texts.append(f"{title} {who} said the two countries would deepen cooperation.")
                facts_spec.append(("position", {"person": who, "title": title, "org": org, "as_of": published}))
            elif choice < 0.7:
                metric = rng.choice(_METRICS)
                value = rng.randint(10, 200)
                texts.append(f"{focus} now counts {value} {metric.replace('_', ' ')}.")
                facts_spec.append(("statistic", {"subject": focus, "metric": metric, "value": value,
                                                 "qualifier": "exact", "as_of": published[:4], "unit": "count"}))
            elif choice < 0.8:
                level = rng.choice(_LEVELS)
                texts.append(f"{focus} and {other} agreed on a {level.replace('_', ' ')} partnership.")
                facts_spec.append(("partnership", {"a": focus, "b": other, "level": level, "since": published[:7]}))
            elif choice < 0.9:
                body = rng.choice(bodies)
                texts.append(f"{focus} serves on the {body} for {year}-{year + 1}.")
                facts_spec.append(("role", {"actor": focus, "body": body, "role": "member", "start": str(year),
                                            "end": str(year + 1)}))
            else:
                texts.append(f"{focus} signed a trade agreement with {other}.")
                facts_spec.append(("agreement", {"name": f"{focus}-{other} Trade Agreement", "kind": "FTA",
                                                 "parties": [focus, other], "signed": published}))
        body_text = " ".join(texts)
        doc = Document(id=f"syn-{i:06d}", text=body_text, published=published, published_source="metadata")
        sentences, start = [], 0
        for j, text in enumerate(texts):
            sentences.append(Sentence(j, start, start + len(text), text))
            start += len(text) + 1
        facts = [Fact("document", {"published": published}, Evidence.from_sentence(doc.id, sentences[0]),
                      "synthetic", 0.9)]
        for j, (fact_type, fields) in enumerate(facts_spec):
            facts.append(Fact(fact_type, fields, Evidence.from_sentence(doc.id, sentences[j]), "synthetic", 0.6))
        store.write_document(AnalyzedDocument(doc, tuple(sentences)), facts)


def corpus_sample(limit: int, folder: Path) -> Path:
    """N bench documents spread evenly over the corpus, as a JSONL file the pipeline reads."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    step = max(len(lines) // max(limit, 1), 1)
    sample = lines[::step][:limit]
    path = folder / "sample.jsonl"
    path.write_text("".join(sample), encoding="utf-8")
    return path


def timed(fn: Callable[[Any], Any], args: list[Any]) -> tuple[float, float, int]:
    """p50 and p95 of ``fn(arg)`` in ms over the arguments, and the size of the last result."""
    times, size = [], 0
    for arg in args:
        started = time.perf_counter()
        result = fn(arg)
        times.append((time.perf_counter() - started) * 1000)
        size = len(result) if hasattr(result, "__len__") else 1
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, size


def run(store: Any, reps: int, seed: int = 11) -> list[tuple[str, float, float, int]]:
    from diplograph import query

    rng = random.Random(seed)
    by_facts = [e for e in store.entities(order="facts", limit=200)]
    countries = [e.id for e in by_facts if e.kind == "country"][:50] or ["USA"]
    people = [e.id for e in store.entities(kind="person", order="facts", limit=50)] or ["Joe Biden"]
    pick = lambda pool: [rng.choice(pool) for _ in range(reps)]  # noqa: E731
    questions = [
        "How many countries does {c} have diplomatic relations with?",
        "Which countries are {c}'s strategic partners?",
        "Which bodies is {c} a member of?",
        "What agreements did {c} sign?",
        "Who is the president of {c}?",
    ]
    ask_args = [rng.choice(questions).format(c=c) for c in pick(countries)]
    person_q = [f"Who did {p} meet?" for p in pick(people)]
    words = ["trade", "security council", "climate", "ukraine", "summit", "partnership", "tariff", "vaccine"]
    types = ["partnership", "role", "agreement", "statistic", "diplomatic_relations"]
    rows = []
    # the people index is cached per store: time its build on a fresh one
    started = time.perf_counter()
    index = query.PeopleIndex((e.id, e.facts) for e in store.entities(kind="person", min_facts=1))
    rows.append(("people index build", (time.perf_counter() - started) * 1000, 0.0, len(index)))
    for label, fn, args in [
        ("store.facts(entity)", lambda c: store.facts(entity=c), pick(countries)),
        ("query.facts(entity)", lambda c: query.facts(store, entity=c), pick(countries)),
        ("query.facts(type)", lambda t: query.facts(store, type=t), [types[i % len(types)] for i in range(reps)]),
        ("query.facts(type) page of 200", lambda t: query.facts(store, type=t, limit=200),
         [types[i % len(types)] for i in range(reps)]),
        ("query.claims(subject)", lambda c: query.claims(store, None, c), pick(countries)),
        ("query.entity_profile", lambda c: query.entity_profile(store, c), pick(countries)),
        ("query.entity_profile(as_of)", lambda c: query.entity_profile(store, c, as_of="2023-06"), pick(countries)),
        ("query.entity_profile(person)", lambda p: query.entity_profile(store, p), pick(people)),
        ("query.timeline", lambda c: query.timeline(store, c).entries, pick(countries)),
        ("query.ask(country)", lambda q: query.ask(store, q).facts, ask_args),
        ("query.ask(person)", lambda q: query.ask(store, q).facts, person_q),
        ("store.facts(text) FTS", lambda w: store.facts(text=w, limit=50), [words[i % len(words)] for i in range(reps)]),
        ("query.search FTS", lambda w: query.search(store, w), [words[i % len(words)] for i in range(reps)]),
    ]:
        p50, p95, size = timed(fn, args)
        rows.append((label, p50, p95, size))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None, help="an existing store (kept); else a temporary one is filled")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--limit", type=int, default=None, help="build from N bench documents with the pipeline")
    group.add_argument("--synthetic", type=int, default=None, help="fill with N synthetic documents (no spaCy)")
    ap.add_argument("--reps", type=int, default=20)
    a = ap.parse_args()

    from diplograph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = a.db or str(Path(tmp) / "bench.sqlite")
        started = time.perf_counter()
        with open_store(path) as store:
            if a.synthetic:
                synthetic_fill(store, a.synthetic)
            elif a.limit:
                from diplograph.pipeline import build

                build([corpus_sample(a.limit, Path(tmp))], store, progress=False)
            fill = time.perf_counter() - started
            counts = store.counts()
            print(f"store: {path}  documents {counts.get('documents', 0):,}  facts {counts.get('facts', 0):,}"
                  f"  (filled in {fill:.1f} s)")
            print(f"{'query':30} {'p50 ms':>9} {'p95 ms':>9} {'items':>7}")
            for label, p50, p95, size in run(store, a.reps):
                print(f"{label:30} {p50:9.1f} {p95:9.1f} {size:7d}")


if __name__ == "__main__":
    main()
