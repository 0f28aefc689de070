"""Building at scale: progress on stderr, compact worker results, and real Dask scheduler/worker processes."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph import pipeline
from diplograph.cli import cli
from diplograph.export import export_facts_jsonl
from diplograph.model import Document
from diplograph.pipeline import BuildReport, _Analysed, _Progress, _rejoin, analyze_batch, build, count_documents
from diplograph.store import open_store
from test_pipeline import ARTICLES  # tests/ is on sys.path (no package)



def export_lines(store) -> list[str]:
    buffer = io.StringIO()
    export_facts_jsonl(store, buffer)
    return sorted(buffer.getvalue().splitlines())


def test_count_documents_counts_files_and_feed_lines(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"id": "3", "text": "z"}\n' * 4)
    (tmp_path / "notes.csv").write_text("not read", encoding="utf-8")
    assert count_documents([tmp_path]) == 1 + 2 + 4
    assert count_documents([tmp_path / "missing"]) == 0


def test_without_a_terminal_progress_is_a_line_every_n_documents(write_files, memory_store, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 2)
    build([write_files(ARTICLES)], memory_store, progress=True)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1  # after documents 2 (of 3); no bar, no "loading model" in a log
    assert lines[0].startswith("build: 2/3 documents (67%), ")
    assert "docs/s" in lines[0] and "words/s" in lines[0] and "ETA" in lines[0]


def test_on_a_terminal_progress_is_a_bar_with_total_rate_and_eta():
    stream = io.StringIO()
    bar = _Progress(3, stream, tty=True)
    bar.stage("loading model")
    assert "loading model" in stream.getvalue()
    bar.stage("build")
    report = BuildReport(documents_stored=2, words=100)
    bar.update(report)
    report.documents_skipped = 1
    bar.update(report)
    bar.close()
    shown = stream.getvalue()
    assert "3/3" in shown and "doc/s" in shown and "<" in shown  # tqdm's "[elapsed<remaining, rate]"


def test_quiet_and_json_builds_print_no_progress(write_files, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 1)
    root = write_files(ARTICLES)
    runner = CliRunner()
    quiet = runner.invoke(cli, ["build", str(root), "--db", str(tmp_path / "q.sqlite"), "-q"])
    as_json = runner.invoke(cli, ["build", str(root), "--db", str(tmp_path / "j.sqlite"), "--json"])
    loud = runner.invoke(cli, ["build", str(root), "--db", str(tmp_path / "l.sqlite")])
    assert quiet.exit_code == as_json.exit_code == loud.exit_code == 0
    assert quiet.stderr == as_json.stderr == ""
    assert json.loads(as_json.stdout)["documents_stored"] == 3
    assert loud.stderr.count("build: ") == 3


def test_a_worker_sends_back_what_the_store_keeps_without_tokens(nlp):
    from diplograph.extract import extract_facts
    from diplograph.nlp import analyze

    documents = [Document(id=name.split(".")[0], text=text, source=name) for name, text in ARTICLES.items()]
    sent = analyze_batch(documents)
    assert all(isinstance(item, _Analysed) for item in sent)
    assert all(not s.tokens for item in sent for s in item.sentences)
    for document, item, local in zip(documents, sent, analyze(documents, nlp=nlp)):
        adoc, facts = _rejoin(document, item)
        assert adoc.document is document  # the writer's own copy, never sent back
        assert [(s.index, s.start, s.end, s.text, s.mentions) for s in adoc.sentences] == [
            (s.index, s.start, s.end, s.text, s.mentions) for s in local.sentences]
        assert (adoc.people, adoc.focus, adoc.home) == (local.people, local.focus, local.home)
        assert facts == pipeline._one_document_fact(extract_facts(local))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_a_build_through_real_dask_scheduler_and_worker_processes(write_files, tmp_path):
    """`diplograph build --scheduler tcp://...` against `dask scheduler` and `dask worker` started here."""
    from dask.distributed import Client

    root = write_files(ARTICLES)
    with open_store(tmp_path / "serial.sqlite") as store:
        build([root], store, progress=False)
        serial = export_lines(store)

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=open(logs / "scheduler.log", "wb"), env=env)
    worker = None
    try:
        worker = subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
             "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=open(logs / "worker.log", "wb"), env=env)
        deadline = time.monotonic() + 120
        while True:  # the scheduler takes a moment to listen
            try:
                with Client(address, timeout="5s") as client:
                    client.wait_for_workers(1, timeout=max(deadline - time.monotonic(), 1))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        db = tmp_path / "scheduled.sqlite"
        result = CliRunner().invoke(cli, ["build", str(root), "--db", str(db), "--scheduler", address, "--json"])
        assert result.exit_code == 0, result.output + (logs / "worker.log").read_text(errors="replace")[-2000:]
        assert json.loads(result.stdout)["documents_stored"] == 3
        with open_store(db) as store:
            assert export_lines(store) == serial
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
        for proc in (worker, scheduler):
            if proc is not None:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


@pytest.mark.slow
def test_an_unreachable_scheduler_is_an_error_that_says_what_to_do(write_files, memory_store):
    from diplograph.errors import DiplographError

    pytest.importorskip("dask.distributed")
    with pytest.raises(DiplographError, match="cannot reach the Dask scheduler.*--workers N"):
        build([write_files(ARTICLES)], memory_store, progress=False, scheduler=f"tcp://127.0.0.1:{_free_port()}")
