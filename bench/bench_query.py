#!/usr/bin/env python3
"""Query latency of diplograph.query: merged tables (stored) against merging at read time, one run.

usage: .venv/bin/python bench/bench_query.py --db PATH [--reps 20] [--mode both|stored|read-time] [--write N]
       .venv/bin/python bench/bench_query.py --synthetic N | --limit N   (a store made first)

``--db`` is copied to a temporary file first (the original is never written);
a copy whose merged tables are missing (built before schema 3) is reindexed
and the time printed. Each query runs over ``--reps`` arguments, the
arguments in turn (USA, VNM, CHN and the most cited person for profiles),
in both modes side by side: ``stored`` reads the merged tables,
``read-time`` hides them so the query layer reads raw facts and merges them
(what every query did before). Prints p50/p95/max in ms per mode and the
ratio of the p95s, and the load average before and after. ``--write N``
then writes N of the store's documents again into new stores, keeping the
merged tables and not, and prints the CPU time of each (what they add to a
build's writer).

- ``--limit N`` builds a store with the real pipeline from N documents spread
  evenly over the bench corpus (spaCy: 1-2 minutes per 100 documents);
- ``--synthetic N`` fills one without spaCy with N made-up documents shaped
  like the pipeline's output.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "bench" / "whitehouse.jsonl.gz"
# Rows per section of a profile, as the web app and the API show it (their default page).
PROFILE_ROWS = 20

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
        for _ in range(rng.randint(8, 20)):
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
    path = folder / "sample.jsonl"
    path.write_text("".join(lines[::step][:limit]), encoding="utf-8")
    return path


class ReadTime:
    """The store with its merged tables hidden: the query layer merges raw facts at read time."""

    _HIDDEN = frozenset({"merged_ready", "merged_facts", "count_merged", "people_rows", "people_version"})

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in self._HIDDEN:
            raise AttributeError(name)
        return getattr(self._store, name)


def percentiles(times: list[float]) -> tuple[float, float, float]:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[-1]


def timed(fn: Callable[[Any, Any], Any], store: Any, args: list[Any]) -> list[float]:
    out = []
    for arg in args:
        started = time.perf_counter()
        fn(store, arg)
        out.append((time.perf_counter() - started) * 1000)
    return out


def workload(store: Any, reps: int) -> list[tuple[str, Callable[[Any, Any], Any], list[Any]]]:
    from diplograph import query

    people = [e.id for e in store.entities(kind="person", order="facts", limit=5, min_facts=1)] or ["Joe Biden"]
    countries = [c for c in ("USA", "VNM", "CHN") if store.entity(c) is not None] or ["USA"]
    spread = (countries * reps)[:reps]
    questions = [
        "How many countries does {c} have diplomatic relations with?",
        "Which countries are {c}'s strategic partners?",
        "Which bodies is {c} a member of?",
        "What agreements did {c} sign?",
        "Who is the president of {c}?",
        "Who did {p} meet in 2022?",
        "Which countries did {p} visit?",
    ]
    rng = random.Random(11)
    names = {"USA": "the United States", "VNM": "Vietnam", "CHN": "China"}
    asks = [rng.choice(questions).format(c=names.get(c, c), p=rng.choice(people[:2]))
            for c in (rng.choice(countries) for _ in range(reps))]
    profile: Callable[[Any, Any], Any] = lambda s, e: _profile(query, s, e)  # noqa: E731
    return [
        ("entity_profile USA", profile, ["USA"] * reps),
        ("entity_profile VNM", profile, ["VNM"] * reps),
        ("entity_profile CHN", profile, ["CHN"] * reps),
        (f"entity_profile {people[0]}", profile, [people[0]] * reps),
        ("facts(entity) page of 50", lambda s, e: query.facts_page(s, entity=e, limit=50), spread),
        ("facts(entity) whole", lambda s, e: query.facts(s, entity=e), spread),
        ("claims(metric, subject)", lambda s, e: query.claims(s, "trade_partners", e), spread),
        ("claims(subject) every metric", lambda s, e: query.claims(s, None, e), spread),
        ("timeline(entity) page of 100", lambda s, e: query.timeline(s, e, limit=100), spread),
        ("timeline(entity) whole", lambda s, e: query.timeline(s, e), spread),
        ("contradictions(subject)", lambda s, e: query.contradictions(s, e), spread),
        ("contradictions (all)", lambda s, _: query.contradictions(s), [None] * max(3, reps // 4)),
        ("ask", lambda s, q: query.ask(s, q), asks),
    ]


def write_cost(source: Any, n: int, folder: Path) -> None:
    """Write N of the store's documents again into two new stores, merged tables kept and not, side by side."""
    from diplograph.store import open_store

    docs = [d.id for d in source.documents(limit=n)]
    items = [(source.analyzed(d), source.facts(doc_id=d)) for d in docs]
    times = {}
    for mode in ("kept", "not kept", "kept"):
        path = folder / f"write-{mode.replace(' ', '-')}-{len(times)}.sqlite"
        with open_store(path) as store:
            if mode == "not kept":
                with store._lock:
                    store._execute("UPDATE store_state SET value = 'stale' WHERE key = 'merged'")
            started = time.process_time()
            for adoc, facts in items:
                store.write_document(adoc, facts)
            store.merged_ready()  # the identity refresh a build's close does
            times.setdefault(mode, []).append(time.process_time() - started)
    kept, bare = min(times["kept"]), times["not kept"][0]
    n_facts = sum(len(f) for _, f in items)
    print(f"writing {len(items):,} documents ({n_facts:,} facts), CPU s: merged tables kept {kept:.1f},"
          f" not kept {bare:.1f}: {kept / max(bare, 1e-9):.2f}x, +{(kept - bare) / max(len(items), 1) * 1000:.1f} ms"
          " per document")


def _profile(query: Any, store: Any, entity: str) -> Any:
    try:
        return query.entity_profile(store, entity, limit=PROFILE_ROWS)
    except TypeError:  # an API without paged profiles
        return query.entity_profile(store, entity)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None, help="an existing store (copied first; never written)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--limit", type=int, default=None, help="build from N bench documents with the pipeline")
    group.add_argument("--synthetic", type=int, default=None, help="fill with N synthetic documents (no spaCy)")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--mode", choices=("both", "stored", "read-time"), default="both")
    ap.add_argument("--only", default=None, help="run only the queries whose label contains this")
    ap.add_argument("--write", type=int, default=0, metavar="N",
                    help="also time writing N of the store's documents again, with and without merged tables")
    a = ap.parse_args()

    from diplograph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.sqlite")
        started = time.perf_counter()
        if a.db:
            shutil.copy(a.db, path)
        with open_store(path) as store:
            if a.synthetic:
                synthetic_fill(store, a.synthetic)
            elif a.limit:
                from diplograph.pipeline import build

                build([corpus_sample(a.limit, Path(tmp))], store, progress=False)
            fill = time.perf_counter() - started
            if not store.merged_ready():
                t0 = time.perf_counter()
                counts = store.reindex()
                print(f"reindexed the copy: {counts} in {time.perf_counter() - t0:.1f} s")
            store.merged_ready()
            counts = store.counts()
            merged = store.count_merged()
            print(f"store: {a.db or path}  documents {counts.get('documents', 0):,}  facts {counts.get('facts', 0):,}"
                  f"  merged facts {merged:,}  (ready in {fill:.1f} s)")
            print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            modes = ["stored", "read-time"] if a.mode == "both" else [a.mode]
            header = f"{'query':36}" + "".join(f" {m + ' p50':>15} {m + ' p95':>15} {m + ' max':>15}" for m in modes)
            print(header + ("   p95 ratio" if len(modes) == 2 else ""))
            from diplograph import query

            slow = ReadTime(store)  # one object: its people index is cached, as a server's is
            query.people_index(store)
            query.people_index(slow)
            for label, fn, args in workload(store, a.reps):
                if a.only and a.only not in label:
                    continue
                line = f"{label[:36]:36}"
                p95s = []
                for mode in modes:
                    source = store if mode == "stored" else slow
                    fn(source, args[0])  # warm: registries, SQLite pages
                    p50, p95, top = percentiles(timed(fn, source, args))
                    p95s.append(p95)
                    line += f" {p50:15.1f} {p95:15.1f} {top:15.1f}"
                if len(p95s) == 2:
                    line += f"   {p95s[1] / max(p95s[0], 1e-9):9.1f}x"
                print(line, flush=True)
            print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            if a.write:
                write_cost(store, a.write, Path(tmp))
                print(f"load average after writing: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
