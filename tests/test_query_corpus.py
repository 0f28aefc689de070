"""The issue's done-when checks on a store built by the pipeline from ../shared/corpus/seeds + dev.

The store is built once per session (spaCy loads once). Questions whose
answers depend on facts the extractors do not find yet are marked xfail
(strict) with the missing fact named: when extraction finds it, the test fails
as XPASS and the marker must go, so nobody misses the day it starts passing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from diplograph.query import ask, claims, contradictions, entity_profile

from test_query_gold import QUESTIONS

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CORPORA[0].exists(), reason="needs ../shared/corpus")]

# question -> the fact the extractors miss today (see the report to the lead)
EXTRACTION_GAPS = {
    "Who chaired ASEAN in 2023?": "role IDN chair ASEAN 2023 not extracted",
    "When did Joe Biden visit Vietnam?": "the 2023-09 visit is extracted undated",
}


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from diplograph.pipeline import build
    from diplograph.store import open_store

    path = tmp_path_factory.mktemp("query") / "corpus.sqlite"
    with open_store(path) as store:
        build(CORPORA, store, progress=False)
    return path


@pytest.fixture
def store(corpus_db: Path) -> Iterator[Any]:
    from diplograph.store import open_store

    with open_store(corpus_db, read_only=True) as opened:
        yield opened


def _param(question: str, intent: str, expect: list[str]) -> Any:
    gap = EXTRACTION_GAPS.get(question)
    marks = [pytest.mark.xfail(reason=f"extraction: {gap}", strict=True)] if gap else []
    return pytest.param(question, intent, expect, marks=marks, id=question)


@pytest.mark.parametrize("question, intent, expect", [_param(*q) for q in QUESTIONS])
def test_corpus_questions_have_correct_cited_answers(store: Any, question: str, intent: str,
                                                      expect: list[str]) -> None:
    answer = ask(store, question)
    assert (answer.intent, answer.ok) == (intent, True), answer.text
    for text in expect:
        assert text in answer.text, answer.text
    cites = answer.citations()
    assert cites and all(c["text"] for c in cites), "every answer cites sentences of the corpus"


def test_claims_show_both_figures_with_dates_and_sources(store: Any, corpus_db: Path) -> None:
    series = claims(store, "diplomatic_relations", "VNM")
    points = [p for s in series for p in s.points]
    assert [(p.value, (p.as_of or "")[:4]) for p in points] == [(189, "2021"), (194, "2026")]
    assert all(p.fact.doc_ids for p in points)
    from diplograph.cli import cli

    out = CliRunner().invoke(cli, ["claims", "diplomatic_relations", "--subject", "VNM", "--db", str(corpus_db)])
    assert out.exit_code == 0, out.output
    assert "189" in out.output and "194" in out.output and "004_2131a1a37dc8454d" in out.output


def test_entity_as_of_two_dates_differs_where_facts_changed(store: Any, corpus_db: Path) -> None:
    early, late = entity_profile(store, "VNM", as_of="2022-01"), entity_profile(store, "VNM", as_of="2026-02")
    figure = [{s.metric: s.points[0].value for s in p.claims} for p in (early, late)]
    assert figure[0]["diplomatic_relations"] == 189 and figure[1]["diplomatic_relations"] == 194
    partners = [{f.get("a") for fs in p.partnerships.values() for f in fs} | {
        f.get("b") for fs in p.partnerships.values() for f in fs} for p in (early, late)]
    assert "GBR" not in partners[0] and "GBR" in partners[1]  # the 2025 upgrade with the UK
    from diplograph.cli import cli

    runner = CliRunner()
    outputs = [runner.invoke(cli, ["entity", "VNM", "--as-of", d, "--db", str(corpus_db)]) for d in ("2022-01", "2026-02")]
    assert all(o.exit_code == 0 for o in outputs)
    assert outputs[0].output != outputs[1].output


def test_query_commands_print_tables_json_and_csv(corpus_db: Path) -> None:
    from diplograph.cli import cli

    runner = CliRunner()
    db = ["--db", str(corpus_db)]
    table = runner.invoke(cli, ["facts", "--type", "partnership", "--entity", "VNM", *db])
    assert table.exit_code == 0 and "comprehensive strategic" in table.output
    as_json = runner.invoke(cli, ["facts", "--type", "partnership", "--entity", "VNM", "--json", *db])
    records = json.loads(as_json.output)["items"]  # a page: {"total", "limit", "offset", "merged", "items"}
    assert records and all(r["sources"] and r["sources"][0]["text"] for r in records)
    as_csv = runner.invoke(cli, ["timeline", "VNM", "--csv", *db])
    assert as_csv.output.splitlines()[0].startswith("date,what,")
    answer = json.loads(runner.invoke(cli, ["ask", "When did Vietnam chair ASEAN?", "--json", *db]).output)
    assert answer["ok"] and answer["citations"]
    fts = runner.invoke(cli, ["facts", "--text", "Security Council", *db])
    assert fts.exit_code == 0 and "UNSC" in fts.output
    none = runner.invoke(cli, ["contradictions", *db])
    assert none.exit_code == 0


def _gold_statistics() -> list[Any]:
    from diplograph.model import Evidence, Fact

    out = []
    for name in ("seeds", "dev"):
        for n, line in enumerate((SHARED / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()):
            record = json.loads(line)
            if record["type"] == "statistic":
                fields = {k: v for k, v in record.items() if k not in ("doc", "type", "evidence")}
                out.append(Fact("statistic", fields, Evidence(record["doc"], n, 0, 1, "gold"), "gold", 1.0))
    return out


def test_the_corpus_has_exactly_the_contradictions_its_gold_has(store: Any, corpus_db: Path) -> None:
    """The gold's own figures disagree nowhere (189 relations in 2021 and 194 in 2026 are a change,
    17 strategic + 13 comprehensive partners add up to the 30 stated), so the store must flag nothing
    either: a contradiction here is a misread figure."""
    from diplograph.query.contradictions import find

    expected = sorted((c.kind, c.subject, c.metric) for c in find(_gold_statistics()))
    assert expected == []  # the reasoning above, checked
    assert sorted((c.kind, c.subject, c.metric) for c in contradictions(store)) == expected
    from diplograph.cli import cli

    out = CliRunner().invoke(cli, ["contradictions", "--db", str(corpus_db)])
    assert out.exit_code == 0 and "No contradictions" in out.output


# Two reports of the same year that disagree, and a third, years later, that is a change: written for
# this test (not taken from any corpus).
PLANTED = {
    "ties_march.txt": "Vietnam widens its diplomatic network\nHANOI, March 3, 2021 - Vietnam now has diplomatic "
                      "relations with 189 countries, Deputy Foreign Minister Tran Van Lam told reporters on "
                      "Wednesday.\n",
    "ties_june.txt": "Ministry briefing\nHANOI, June 10, 2021 - Vietnam has diplomatic relations with 170 "
                     "countries, a ministry spokesperson said on Thursday.\n",
    "ties_later.txt": "Looking back\nHANOI, May 5, 2026 - Vietnam has diplomatic relations with 194 countries, "
                      "the ministry said on Tuesday.\n",
}


def test_a_planted_contradiction_is_found_explained_and_cited(tmp_path: Path) -> None:
    from diplograph.cli import cli
    from diplograph.pipeline import build
    from diplograph.store import open_store

    folder = tmp_path / "planted"
    folder.mkdir()
    for name, text in PLANTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "planted.sqlite"
    with open_store(db) as store:
        assert build([folder], store, progress=False).documents_stored == 3
        [flag] = contradictions(store)
    assert (flag.kind, flag.subject, flag.metric) == ("value", "VNM", "diplomatic_relations")
    assert sorted(d for f in flag.facts for d in f.doc_ids) == ["ties_june", "ties_march"]  # not 2026's
    assert "189" in flag.explanation and "170" in flag.explanation and "different articles" in flag.explanation
    assert all(ev.text for f in flag.facts for ev in f.evidence)
    out = CliRunner().invoke(cli, ["contradictions", "--db", str(db)])
    assert out.exit_code == 0 and "ties_march#1" in out.output and "ties_june#1" in out.output
