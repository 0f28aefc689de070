"""The in-package scorer matches facts by FACTS.md keys, exactly as shared/tools/score_facts.py does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD, SEEDS, SHARED

from diplograph import evaluate as ev

SCORER = SHARED / "tools" / "score_facts.py"


def test_one_to_one_matching_counts_each_gold_fact_once():
    gold = [{"doc": "d", "type": "partnership", "a": "IND", "b": "MUS", "level": "strategic"}]
    pred = [{"doc": "d", "type": "partnership", "a": "MUS", "b": "IND", "level": "strategic"}] * 2
    scores = ev.score(gold, pred)
    row = scores.types["partnership"]
    assert (row.tp, row.gold, row.pred) == (1, 1, 2)
    assert row.precision == 0.5 and row.recall == 1.0
    assert len(scores.spurious) == 1 and scores.missed == []


def test_a_national_body_matches_its_country_where_the_key_allows():
    assert ev.match("statistic", {"subject": "VNM", "metric": "party_relations", "value": 253},
                    {"subject": "CPV", "metric": "party_relations", "value": 253.4})
    assert not ev.match("partnership", {"a": "VNM", "b": "GBR", "level": "strategic"},
                        {"a": "CPV", "b": "GBR", "level": "strategic"})


def test_names_dates_and_kinds_match_loosely_as_the_spec_says():
    assert ev.name_ok("Biden", "Joseph R. Biden Jr.")
    assert ev.name_ok("Joe Biden", "Joseph R. Biden Jr.")
    assert not ev.name_ok("Jill Biden", "Hunter Biden")
    assert ev.date_ok("2021-12", "2021-12-19") and not ev.date_ok("2021-12-19", "2021-12")
    gold = {"kind": "meeting", "date": "2024-05", "participants": ["Narendra Modi", "JPN"]}
    assert ev.match("event", gold, {"kind": "talks", "date": "2024-05-02", "participants": ["Modi"]})
    assert not ev.match("event", gold, {"kind": "visit", "date": "2024-05-02", "participants": ["Modi"]})


def test_relations_status_and_agreement_names():
    assert ev.match("diplomatic_relations", {"a": "EGY", "b": "TUR", "status": "restored"},
                    {"a": "TUR", "b": "EGY", "status": "established"})
    assert not ev.match("diplomatic_relations", {"a": "EGY", "b": "TUR", "status": "severed"},
                        {"a": "TUR", "b": "EGY"})
    assert ev.match("agreement", {"name": "CPTPP"}, {"name": "cptpp", "kind": "FTA"})
    assert ev.match("agreement", {"name": "x", "parties": ["KEN", "JPN"], "kind": "MoU"},
                    {"name": "Maritime MoU", "parties": ["JPN", "KEN"], "kind": "MoU"})


def test_predictions_for_documents_without_gold_are_ignored():
    scores = ev.score([{"doc": "a", "type": "document", "published": "2024"}],
                      [{"doc": "a", "type": "document", "published": "2024-01-02"},
                       {"doc": "zzz", "type": "document", "published": "2024"}])
    assert scores.types["document"].pred == 1 and scores.overall == (1.0, 1.0, 1.0)


def test_table_ends_with_overall_f1():
    text = ev.score([{"doc": "a", "type": "role", "actor": "KEN", "body": "UNSC", "role": "member"}], []).table()
    assert text.splitlines()[-1] == "overall F1 0.000"
    assert text.splitlines()[0].split() == ["type", "P", "R", "F1", "tp", "gold", "pred"]


def _run_shared_scorer(gold: Path, pred: Path, docs_tsv: Path, *extra: str) -> str:
    cmd = [sys.executable, str(SCORER), str(gold), str(pred), "--docs-tsv", str(docs_tsv), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_both_scorers_give_identical_numbers_on_the_built_seed_corpus(tmp_path):
    from click.testing import CliRunner

    from diplograph.cli import cli

    runner = CliRunner()
    db, pred = tmp_path / "seeds.sqlite", tmp_path / "pred.jsonl"
    gold, docs_tsv = GOLD / "seeds.jsonl", GOLD / "docs.tsv"
    assert runner.invoke(cli, ["build", str(SEEDS), "--db", str(db), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["export", "--db", str(db), "-o", str(pred)]).exit_code == 0

    shared_json = json.loads(_run_shared_scorer(gold, pred, docs_tsv, "--json"))
    ours = runner.invoke(cli, ["evaluate", "--db", str(db), "--gold", str(gold), "--docs-tsv", str(docs_tsv),
                               "--json"])
    assert json.loads(ours.output) == shared_json

    shared_table = _run_shared_scorer(gold, pred, docs_tsv, "--show-errors")
    ours_table = runner.invoke(cli, ["evaluate", "--db", str(db), "--gold", str(gold), "--docs-tsv",
                                     str(docs_tsv), "--show-errors"]).output
    assert ours_table.strip() == shared_table.strip()
    assert shared_json["types"]["document"]["tp"] >= 1  # the scored run is not empty
