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


# ---------------------------------------------------------------- the corpora, against the gold
#
# The same fact as the gold annotates it in several documents (written from ../shared/gold and
# eval/*/gold.jsonl, not from what the system printed): what the extractors find of it in those
# documents must become one merged fact. Groups the gold keeps apart (two terms of one seat, a
# downgrade and a restoration, two treaties between the same parties) must stay apart.

GOLD_FILES = [SHARED / "gold" / "seeds.jsonl", SHARED / "gold" / "dev.jsonl", SHARED / "gold" / "voa.jsonl",
              ROOT / "eval" / "heldout" / "gold.jsonl", ROOT / "eval" / "heldout2" / "gold.jsonl",
              ROOT / "eval" / "heldout3" / "gold.jsonl"]
CORPUS_FOLDERS = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev", SHARED / "corpus" / "voa",
                  ROOT / "eval" / "heldout" / "corpus", ROOT / "eval" / "heldout2" / "corpus",
                  ROOT / "eval" / "heldout3" / "corpus"]
V000, V001, V002, V003, V004 = ("000_225cecc6b9fb3845", "001_a189ec77a10d8d8c", "002_3621b08329197973",
                                "003_f502cf33c43dfb68", "004_2131a1a37dc8454d")

# name -> (type, the gold fields that identify the fact, the documents whose gold states it)
GOLD_GROUPS: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "vnm_unsc_2020": ("role", {"actor": "VNM", "body": "UNSC", "role": "non_permanent_member", "start": "2020"},
                      (V000, V001, V002)),
    "vnm_asean_chair_2020": ("role", {"actor": "VNM", "body": "ASEAN", "role": "chair", "start": "2020"},
                             (V001, V002, "03_voa_china_malaysia_continental_shelf_dispute")),
    "vnm_unhrc_2023": ("role", {"actor": "VNM", "body": "UNHRC", "role": "member", "start": "2023"},
                       (V003, V004, "h3_02_vietnamnews_vns_unhrc_term", "h3_08_vlf_yearend_review_2024")),
    "vnm_unhrc_2026": ("role", {"actor": "VNM", "body": "UNHRC", "role": "member", "start": "2026"},
                       (V004, "h3_02_vietnamnews_vns_unhrc_term")),
    "vnm_usa_csp": ("partnership", {"level": "comprehensive_strategic", "a": "USA", "b": "VNM"},
                    (V004, "12_wh_biden_to_lam_remarks_csp_one_year", "13_wh_biden_vo_van_thuong_remarks_csp_upgrade")),
    "prk_rus_csp": ("partnership", {"level": "comprehensive_strategic", "a": "PRK", "b": "RUS"},
                    ("05_voa_us_allies_warn_north_korea_russia_treaty", "h08_afp_russia_dprk_treaty",
                     "h2_09_russia_dprk_tass")),
    "ken_som_severed": ("diplomatic_relations", {"a": "KEN", "b": "SOM", "status": "severed"},
                        ("04_voa_icj_kenya_somalia_maritime_hearing", "h01_kna_kenya_somalia")),
    "egy_tur_downgraded": ("diplomatic_relations", {"a": "EGY", "b": "TUR", "status": "downgraded"},
                           ("07_voa_turkey_reaches_out_to_egypt", "h05_aa_turkey_egypt")),
    "egy_tur_restored": ("diplomatic_relations", {"a": "EGY", "b": "TUR", "status": "restored"},
                         ("h05_aa_turkey_egypt", "h2_01_turkey_egypt_wire")),
    "vnm_189_2021": ("statistic", {"subject": "VNM", "metric": "diplomatic_relations", "value": 189}, (V000, V002)),
    "erdogan": ("position", {"person": "Recep Tayyip Erdogan", "org": "TUR"},  # ("Tayyip Erdogan" in one gold)
                ("07_voa_turkey_reaches_out_to_egypt", "21_voa_turkey_criticizes_israel_jerusalem",
                 "h05_aa_turkey_egypt", "h09_tass_lavrov_fidan_call", "h2_01_turkey_egypt_wire")),
    "fidan": ("position", {"person": "Hakan Fidan", "org": "TUR"},
              ("h05_aa_turkey_egypt", "h09_tass_lavrov_fidan_call", "h2_01_turkey_egypt_wire",
               "h2_12_turkiye_year_review_aa")),
    "rus_prk_csp_treaty": ("agreement", {"name": "Treaty on Comprehensive Strategic Partnership"},
                           ("05_voa_us_allies_warn_north_korea_russia_treaty", "h08_afp_russia_dprk_treaty",
                            "h2_09_russia_dprk_tass")),
    "putin_pyongyang_2024": ("event", {"kind": "visit", "date": "2024-06-19", "location": "Pyongyang"},
                             ("h08_afp_russia_dprk_treaty", "h2_09_russia_dprk_tass")),
    "brics_2023": ("event", {"kind": "conference", "date": "2023-08", "location": "Johannesburg"},
                   ("h06_ahram_egypt_joins_brics", "h2_02_egypt_brics_release")),
}
# pairs of groups the gold keeps apart
GOLD_APART = [("vnm_unhrc_2023", "vnm_unhrc_2026"), ("egy_tur_downgraded", "egy_tur_restored"),
              ("erdogan", "fidan")]
# groups the extractors do not give the merge what it needs today (each reported to the lead; strict:
# the day extraction gets it right, the test says so)
EXTRACTION_GAPS: dict[str, str] = {
    "vnm_unhrc_2026": "the 2026-2028 UNHRC term is found in 004 only, not in h3_02_vietnamnews_vns_unhrc_term",
    "fidan": "h09_tass_lavrov_fidan_call gives Hakan Fidan the title 'counterpart', which is no office "
             "(merge rightly keeps two titles of one person apart)",
    "putin_pyongyang_2024": "h2_09_russia_dprk_tass's visit names RUS and PRK, not Vladimir Putin, so it shares "
                            "no visitor with h08_afp_russia_dprk_treaty's",
}


def _gold_records() -> list[dict[str, Any]]:
    return [json.loads(line) for path in GOLD_FILES if path.exists()
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _gold_of(records: list[dict[str, Any]], name: str) -> dict[str, dict[str, Any]]:
    """doc -> the gold record of the group in that document (the group's own self-check)."""
    from diplograph.evaluate import name_ok

    fact_type, fields, docs = GOLD_GROUPS[name]
    out = {}
    for doc in docs:
        found = [r for r in records if r["doc"] == doc and r["type"] == fact_type
                 and all(name_ok(v, r.get(k)) if k == "person" else _pair_or(r, k) == v for k, v in fields.items())]
        assert found, f"{name}: the gold of {doc} has no {fact_type} {fields}"
        out[doc] = found[0]
    return out


def _pair_or(record: dict[str, Any], key: str) -> Any:
    """Pairs are unordered: "a"/"b" compare as the sorted pair."""
    if key in ("a", "b") and "a" in record:
        a, b = sorted([record.get("a"), record.get("b")])
        return a if key == "a" else b
    return record.get(key)


@pytest.fixture(scope="module")
def corpus_merge(nlp: Any) -> tuple[list[Any], list[dict[str, Any]]]:
    from diplograph.extract import extract_facts
    from diplograph.ingest import read_paths
    from diplograph.model import Document
    from diplograph.nlp import analyze

    docs = [d for d in read_paths([f for f in CORPUS_FOLDERS if f.exists()]) if isinstance(d, Document)]
    facts = [f for adoc in analyze(docs, nlp=nlp) for f in extract_facts(adoc)]
    return facts, _gold_records()


def _found(facts: list[Fact], fact_type: str, gold: dict[str, dict[str, Any]]) -> dict[str, list[Fact]]:
    """doc -> the extracted facts that the scorer would count as the gold's fact in that document."""
    from diplograph.evaluate import match

    out: dict[str, list[Fact]] = {}
    for fact in facts:
        g = gold.get(fact.doc_id)
        if g is not None and fact.type == fact_type and match(fact_type, g, fact.to_json()):
            out.setdefault(fact.doc_id, []).append(fact)
    return out


needs_corpora = pytest.mark.skipif(not (SHARED / "corpus" / "seeds").exists(), reason="needs ../shared/corpus")


def _group_param(name: str) -> Any:
    gap = EXTRACTION_GAPS.get(name)
    marks = [pytest.mark.xfail(reason=f"extraction: {gap}", strict=True)] if gap else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.slow
@needs_corpora
@pytest.mark.parametrize("name", [_group_param(n) for n in GOLD_GROUPS])
def test_the_gold_s_cross_document_facts_merge_into_one(corpus_merge: Any, name: str) -> None:
    facts, records = corpus_merge
    fact_type = GOLD_GROUPS[name][0]
    found = _found(facts, fact_type, _gold_of(records, name))
    assert len(found) >= 2, f"extracted in {sorted(found)} only: nothing to merge"
    merged = merge(facts)
    holding = [m for m in merged if all(any(f in m.facts for f in fs) for fs in found.values())]
    assert holding, f"{name}: no merged fact holds the fact of every document: " + repr(
        [[(m.type, dict(m.fields), m.doc_ids) for m in merged if any(f in m.facts for f in fs)]
         for fs in found.values()])


@pytest.mark.slow
@needs_corpora
@pytest.mark.parametrize("first, second", GOLD_APART)
def test_facts_the_gold_keeps_apart_stay_apart(corpus_merge: Any, first: str, second: str) -> None:
    facts, records = corpus_merge
    kinds = [GOLD_GROUPS[n][0] for n in (first, second)]
    one = {id(f) for fs in _found(facts, kinds[0], _gold_of(records, first)).values() for f in fs}
    two = {id(f) for fs in _found(facts, kinds[1], _gold_of(records, second)).values() for f in fs}
    only_one, only_two = one - two, two - one
    assert only_one and only_two, "both facts are extracted somewhere"
    for m in merge(facts):
        ids = {id(f) for f in m.facts}
        assert not (ids & only_one and ids & only_two), (first, second, dict(m.fields), m.doc_ids)


@pytest.mark.slow
@needs_corpora
def test_the_fast_merge_of_the_corpora_equals_all_pairs_clustering(corpus_merge: Any) -> None:
    facts, _ = corpus_merge
    clustered = {"event", "position", "agreement"}  # (roles also fold undated terms after grouping)
    merged = merge(facts)
    assert partition(m.facts for m in merged if m.type in clustered) == partition(
        g for g in reference_groups(facts) if g[0].type in clustered)
