"""The diplograph command: help texts, summaries, exit codes, build -> export -> evaluate -> stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli

COMMANDS = ["build", "export", "evaluate", "stats"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def built(runner, write_files, tmp_path) -> Path:
    """A store built from two small articles."""
    root = write_files({
        "kenya.txt": "Kenya and Japan established diplomatic relations in 1963.\n"
                     "Foreign Minister Musalia Mudavadi visited Tokyo on 3 May 2023.\n",
        "turkey.txt": "Turkey and Egypt restored diplomatic relations in July 2023.\n",
    })
    db = tmp_path / "cli.sqlite"
    result = runner.invoke(cli, ["build", str(root), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_top_level_help_lists_every_command_with_examples(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
    assert "diplograph build" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_db_option(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output
    assert "Example" in result.output


def test_build_prints_a_readable_summary(runner, built, write_files, tmp_path):
    result = runner.invoke(cli, ["build", str(write_files({"x.txt": "India and Russia held talks."}, "more")),
                                 "--db", str(built)])
    assert result.exit_code == 0
    assert "Read 1 documents: 1 stored" in result.output
    assert "Facts:" in result.output and "Problems: none" in result.output


def test_rebuild_skips_everything(runner, built, tmp_path):
    root = tmp_path / "in"
    result = runner.invoke(cli, ["build", str(root), "--db", str(built), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert (report["documents_read"], report["documents_stored"], report["documents_skipped"]) == (2, 0, 2)


def test_build_with_bad_files_reports_them_and_exits_three(runner, write_files, tmp_path):
    root = write_files({"good.txt": "Japan and Kenya met in Nairobi.", "empty.txt": "", "bad.jsonl": "{nope\n"})
    result = runner.invoke(cli, ["build", str(root), "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 3  # done, but some input was skipped
    assert "2 inputs were skipped" in result.output
    assert "empty.txt: empty document" in result.output
    assert "bad.jsonl:1: not valid JSON" in result.output
    assert "Problems: 2 errors" in result.output


def test_build_exits_one_when_nothing_could_be_read(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "missing"), "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
    assert "Nothing could be read" in result.output


def test_usage_errors_exit_two(runner, tmp_path):
    assert runner.invoke(cli, ["build"]).exit_code == 2
    assert runner.invoke(cli, ["build", str(tmp_path), "--workers", "0"]).exit_code == 2
    assert runner.invoke(cli, ["export", "--format", "nonsense"]).exit_code == 2
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2


def test_reading_commands_on_a_missing_store_say_what_to_do(runner, tmp_path):
    db = tmp_path / "absent.sqlite"
    for args in (["stats"], ["export"]):
        result = runner.invoke(cli, args + ["--db", str(db)])
        assert result.exit_code == 1
        assert "build one first" in result.output
    assert not db.exists()


def test_export_writes_facts_jsonl_with_one_document_line_per_document(runner, built, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(cli, ["export", "--format", "facts-jsonl", "--db", str(built), "-o", str(out)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["doc"] for line in lines if line["type"] == "document") == ["kenya", "turkey"]
    assert all({"doc", "type", "evidence"} <= set(line) for line in lines)
    stdout = runner.invoke(cli, ["export", "--db", str(built)])
    assert [json.loads(line) for line in stdout.output.splitlines()] == lines


def test_evaluate_scores_the_store_against_gold(runner, built, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "kenya", "type": "diplomatic_relations", "a": "KEN", "b": "JPN",
                                "status": "established", "since": "1963"}) + "\n", encoding="utf-8")
    docs = tmp_path / "docs.tsv"
    docs.write_text("doc\tpublished\tnote\nkenya\t2023\t\n", encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", "--db", str(built), "--gold", str(gold), "--docs-tsv", str(docs)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("overall F1 ")
    assert "document" in result.output
    as_json = json.loads(runner.invoke(cli, ["evaluate", "--db", str(built), "--gold", str(gold),
                                             "--docs-tsv", str(docs), "--json"]).output)
    assert as_json["types"]["document"]["tp"] == 1


def test_evaluate_rejects_a_malformed_gold_file_naming_the_line(runner, built, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "kenya", "type": "role"}\n{broken\n', encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", "--db", str(built), "--gold", str(gold)])
    assert result.exit_code == 1
    assert f"{gold}:2: not JSON" in result.output


def test_stats_counts_documents_and_facts(runner, built):
    result = runner.invoke(cli, ["stats", "--db", str(built), "--json"])
    assert result.exit_code == 0
    counts = json.loads(result.output)
    assert counts["documents"] == 2 and counts["facts"] >= 2
    text = runner.invoke(cli, ["stats", "--db", str(built)]).output
    assert text.splitlines()[0].split() == ["documents", "2"]


def test_db_can_come_from_the_environment(runner, built):
    result = runner.invoke(cli, ["stats", "--json"], env={"DIPLOGRAPH_DB": str(built)})
    assert result.exit_code == 0 and json.loads(result.output)["documents"] == 2


def test_serve_listens_without_nagle_delay() -> None:
    import socket

    from diplograph.cli import _listen

    sock = _listen("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        client = socket.create_connection(sock.getsockname()[:2])
        conn, _ = sock.accept()  # an accepted connection inherits the option
        try:
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        finally:
            conn.close()
            client.close()
    finally:
        sock.close()
