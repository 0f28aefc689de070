"""query.merge: the blocked, near-linear merge gives the groups a plain all-pairs clustering gives.

The reference below is the definition: complete linkage, each fact joining the
earliest cluster all of whose members it matches. The fast merge only compares
facts that share a block, so these tests check the blocks never hide a match.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from diplograph.model import Evidence, Fact
from diplograph.query.merge import CLUSTER_TESTS, exact_key, merge

SHARED = Path(__file__).resolve().parents[2] / "shared"
ROOT = Path(__file__).resolve().parents[1]
PINNED = Path(__file__).parent / "data" / "merge_groups_corpora.json"


def fact(doc: str, type: str, n: int = 0, **fields: Any) -> Fact:
    return Fact(type, fields, Evidence(doc, n, 0, 10, "A sentence."), "test", 0.6)


def reference_groups(facts: list[Fact]) -> list[list[Fact]]:
    """All-pairs complete linkage in input order (no blocking)."""
    by_key: dict[tuple[Any, ...], list[Fact]] = {}
    clusters: dict[str, list[list[Fact]]] = {}
    singles: list[list[Fact]] = []
    for f in facts:
        key = (f.doc_id,) if f.type == "document" else exact_key(f.type, f.fields)
        if key is not None:
            by_key.setdefault((f.type, *key), []).append(f)
            continue
        test = CLUSTER_TESTS.get(f.type)
        if test is None:
            singles.append([f])
            continue
        for cluster in clusters.setdefault(f.type, []):
            if all(test(f.fields, other.fields) for other in cluster):
                cluster.append(f)
                break
        else:
            clusters[f.type].append([f])
    return [*by_key.values(), *singles, *(c for cs in clusters.values() for c in cs)]


def partition(groups: Any) -> list[list[tuple[str, int, str]]]:
    return sorted(sorted((f.doc_id, f.evidence.sentence, f.type) for f in g) for g in groups)


def random_facts(seed: int, n: int) -> list[Fact]:
    """Events, positions and agreements from small vocabularies, so that many nearly match."""
    rng = random.Random(seed)
    people = ["Anna Berg", "Berg", "A. Berg", "Ola Berg", "Joe Dale", "Joseph R. Dale Jr.", "Dale", "Kim Su Min",
              "Kim Ho Jin", "Kim", "Tran Van Lam", "Lam", "Nguyen Thi Lam"]
    ids = ["VNM", "USA", "KOR", "CPV", "ASEAN", "NA_VNM"]
    day = ["2021", "2021-05", "2021-05-03", "2021-05-04", "2021-06", "2022", None]
    kinds = ["meeting", "talks", "visit", "call", "statement", "signing"]
    names = [("CPTPP", None), ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership", None),
             ("Trade Pact", "Regional Comprehensive Economic Partnership"), ("RCEP", None), ("The Trade Pact", None)]
    out = []
    for i in range(n):
        choice = rng.random()
        if choice < 0.6:
            parts = rng.sample(people, rng.randint(0, 2)) + rng.sample(ids, rng.randint(0, 2))
            fields: dict[str, Any] = {"kind": rng.choice(kinds), "participants": parts}
            when = rng.choice(day)
            if when:
                fields["date" if rng.random() < 0.8 else "start"] = when
            if rng.random() < 0.3:
                fields["location"] = rng.choice(ids)
            out.append(fact(f"d{i}", "event", i, **fields))
        elif choice < 0.85:
            out.append(fact(f"d{i}", "position", i, person=rng.choice(people), org=rng.choice(["VNM", "USA"]),
                            title=rng.choice(["President", "Vice President", "State President", "Minister"])))
        else:
            name, long_name = rng.choice(names)
            out.append(fact(f"d{i}", "agreement", i, name=name, long_name=long_name,
                            parties=rng.choice([[], ["VNM", "USA"], ["VNM", "KOR"]])))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_merge_equals_all_pairs_clustering(seed: int) -> None:
    facts = random_facts(seed, 400)
    merged = merge(facts)
    assert partition(m.facts for m in merged) == partition(reference_groups(facts))
    assert any(len(m.facts) > 2 for m in merged)  # the vocabularies do make groups


def test_dates_of_different_precision_still_meet() -> None:
    facts = [fact("a", "event", kind="meeting", date="2021-05-03", participants=["Anna Berg", "VNM"]),
             fact("b", "event", kind="talks", date="2021", participants=["Berg", "VNM"]),
             fact("c", "event", kind="meeting", date="2021-05", participants=["A. Berg", "VNM"]),
             fact("d", "event", kind="meeting", date="2021-05-04", participants=["Anna Berg", "VNM"])]
    groups = partition(m.facts for m in merge(facts))
    assert [x[0] for x in groups[0]] == ["a", "b", "c"] and [x[0] for x in groups[1]] == ["d"]


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").exists(), reason="needs ../shared/corpus")
def test_corpus_facts_merge_into_the_pinned_groups(nlp: Any) -> None:
    """The groups the merge gave on the project's corpora when it was made fast (pinned by fingerprint)."""
    from diplograph.extract import extract_facts
    from diplograph.ingest import read_paths
    from diplograph.nlp import analyze

    folders = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev", ROOT / "eval" / "heldout" / "corpus",
               ROOT / "eval" / "heldout2" / "corpus"]
    docs = [d for d in read_paths([f for f in folders if f.exists()])]
    facts = [f for adoc in analyze(docs) for f in extract_facts(adoc)]
    pinned = {fp: no for no, group in enumerate(json.loads(PINNED.read_text())["groups"]) for fp in group}
    merged = merge(facts)
    together: dict[int, set[int]] = {}
    for number, m in enumerate(merged):
        groups = {pinned[f.fingerprint] for f in m.facts if f.fingerprint in pinned}
        assert len(groups) <= 1, [dict(f.fields) for f in m.facts]
        for group in groups:
            together.setdefault(group, set()).add(number)
    assert len(together) > 100  # most pinned facts are still extracted
    assert all(len(numbers) == 1 for numbers in together.values())
    clustered = {"event", "position", "agreement"}  # (roles also fold undated terms after grouping)
    assert partition(m.facts for m in merged if m.type in clustered) == partition(
        g for g in reference_groups(facts) if g[0].type in clustered)
