"""ask() over the gold facts of the seed and dev corpora (../shared/gold), read as Facts.

This pins the question patterns and the query logic on realistic facts,
independently of how well the extractors do today; tests/test_query_corpus.py
asks the same kind of questions of a store built by the pipeline.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from diplograph.model import Document, Evidence, Fact
from diplograph.query import MemorySource, ask, claims, entity_profile, find_contradictions, merge

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
SETS = (("seeds.jsonl", "docs.tsv"), ("dev.jsonl", "dev_docs.tsv"))

pytestmark = pytest.mark.skipif(not (GOLD / "seeds.jsonl").exists(), reason="needs ../shared/gold")


@pytest.fixture(scope="module")
def gold() -> MemorySource:
    facts, docs = [], []
    for facts_name, docs_name in SETS:
        with (GOLD / docs_name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                docs.append(Document(id=row["doc"], text="", published=row["published"]))
                facts.append(Fact("document", {"published": row["published"]}, Evidence(row["doc"], 0, 0, 0, ""),
                                  "gold", 0.9))
        for n, line in enumerate((GOLD / facts_name).read_text(encoding="utf-8").splitlines()):
            record = json.loads(line)
            doc, fact_type = record.pop("doc"), record.pop("type")
            # Seed gold has no evidence sentences: stand in the fact's own words (searchable, as a real one is).
            text = record.pop("evidence", "") or f"(gold line {n}) " + " ".join(
                str(v) for v in record.values() if isinstance(v, str))
            facts.append(Fact(fact_type, record, Evidence(doc, n, 0, len(text), text), "gold", 0.9))
    return MemorySource(facts, docs)


QUESTIONS = [
    # the four of the issue
    ("Which countries are Vietnam's comprehensive strategic partners?", "partners",
     ["RUS", "IND", "GBR", "USA"]),
    ("When did Vietnam sit on the UN Security Council?", "roles", ["2008–2009", "2020–2021"]),
    ("Who did Vuong Dinh Hue meet in December 2021?", "met", ["Ram Nath Kovind"]),
    ("How many countries does Vietnam have diplomatic relations with?", "claims", ["194", "189 as of 2021"]),
    # statistics
    ("How many trade partners does Vietnam have?", "claims", ["224", "230"]),
    ("How many parties does the Communist Party of Vietnam have relations with?", "claims", ["253"]),
    ("How many peacekeepers has Vietnam deployed?", "claims", ["over 1,100"]),
    ("What were the remittances to Vietnam?", "claims", ["about 15,000,000,000"]),
    # roles
    ("When did Vietnam chair ASEAN?", "roles", ["chair 2010", "chair 2020"]),
    ("When did Vietnam join the UN Human Rights Council?", "roles", ["2023–2025", "2026–2028"]),
    ("Who chaired ASEAN in 2023?", "body_roles", ["IDN"]),
    ("What did Vietnam host?", "hosted", ["APEC 2006", "APEC 2017", "AIPA 2020"]),
    ("Which bodies is Vietnam a member of?", "memberships", ["WTO", "IMF", "UNHRC"]),
    # positions
    ("Who is Pham Minh Chinh?", "who_is", ["Prime Minister"]),
    ("Who is the president of India?", "office_holder", ["Ram Nath Kovind"]),
    ("What position does Thongloun Sisoulith hold?", "who_is", ["General Secretary", "President"]),
    ("Who are the leaders of Cambodia?", "officials", ["office holder"]),
    # events
    ("What happened on 19 December 2021?", "events", ["1 event"]),
    ("Which countries did Vuong Dinh Hue visit?", "visits", ["KOR", "IND"]),
    ("When did Joe Biden visit Vietnam?", "visits", ["2023-09"]),
    ("Who did Biden call in April 2022?", "met", ["Andres Manuel Lopez Obrador"]),
    # agreements
    ("What agreements did the United States sign with Malaysia?", "agreements", ["Agreement on Reciprocal Trade"]),
    ("When was the Kuala Lumpur Peace Accords signed?", "agreements", ["2025-10-26"]),
    ("When was the CPTPP signed?", "agreements", ["CPTPP"]),
    # partnerships and relations
    ("What is the partnership between the United States and India?", "partners", ["comprehensive global strategic"]),
    ("Which countries has Vietnam upgraded ties with?", "upgrades", ["GBR", "2025-10-29"]),
    ("When did the United States establish diplomatic relations with Niue?", "relations", ["established", "2023-09-25"]),
    ("What are the relations between the United States and Mexico?", "relations", ["1822-12-12"]),
    # documents
    ("Which articles were published in December 2021?", "documents", ["2 article"]),
]


@pytest.mark.parametrize("question, intent, expect", QUESTIONS, ids=[q for q, _, _ in QUESTIONS])
def test_gold_questions(gold: MemorySource, question: str, intent: str, expect: list[str]) -> None:
    answer = ask(gold, question)
    assert (answer.intent, answer.ok) == (intent, True), answer.text
    for text in expect:
        assert text in answer.text, answer.text
    assert answer.citations(), "every answer cites the facts it rests on"


def test_questions_cover_every_fact_type(gold: MemorySource) -> None:
    types = {f.type for question, _, _ in QUESTIONS for f in ask(gold, question).facts}
    assert types == {"statistic", "partnership", "diplomatic_relations", "role", "agreement", "event",
                     "position", "document"}


def test_unsc_seat_stated_in_several_articles_is_one_fact_per_term(gold: MemorySource) -> None:
    roles = [m for m in merge(gold.facts(type="role")) if m.get("body") == "UNSC"
             and m.get("role") == "non_permanent_member" and m.get("actor") == "VNM"]
    recent = next(m for m in roles if m.get("start") == "2020")
    assert len(recent.doc_ids) == 3


def test_claim_history_and_profiles_at_two_dates(gold: MemorySource) -> None:
    series = claims(gold, "diplomatic_relations", "VNM")[0]
    assert [(p.value, p.as_of[:4]) for p in series.points] == [(189, "2021"), (194, "2026")]
    assert [len(p.fact.doc_ids) for p in series.points] == [2, 1]
    early, late = entity_profile(gold, "VNM", as_of="2022-01"), entity_profile(gold, "VNM", as_of="2026-02")
    figures = {s.metric: s.points[0].value for s in early.claims}, {s.metric: s.points[0].value for s in late.claims}
    assert figures[0]["diplomatic_relations"] == 189 and figures[1]["diplomatic_relations"] == 194
    assert figures[0]["trade_partners"] == 230 and figures[1]["trade_partners"] == 224
    assert "GBR" not in str(early.partnerships) and "GBR" in str(late.to_json()["partnerships"])


def test_gold_figures_do_not_contradict_each_other(gold: MemorySource) -> None:
    # 17 strategic + 13 comprehensive = 30 in 2021; 230 vs 224 trade partners are years apart.
    assert find_contradictions(gold.facts(type="statistic")) == []
