"""The build: stores whole documents with their facts, idempotent, resumable after a crash, distributable."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import MemoryStore

from diplograph.export import export_facts_jsonl
from diplograph.pipeline import build
from diplograph.store import open_store

ARTICLES = {
    "a_kenya.txt": "Kenya and Japan signed a memorandum of understanding on maritime security in Nairobi on "
                   "3 May 2023.\nPresident William Ruto welcomed the Japanese foreign minister.\n",
    "b_india.txt": "India and Mauritius upgraded their relations to a comprehensive strategic partnership on "
                   "12 March 2024.\nPrime Minister Narendra Modi visited Port Louis.\n",
    "c_turkey.txt": "Turkey and Egypt restored diplomatic relations in July 2023.\n",
}


def export_lines(store) -> list[dict]:
    buffer = io.StringIO()
    export_facts_jsonl(store, buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_build_stores_every_document_with_one_document_fact_each(write_files, sqlite_path):
    root = write_files(ARTICLES)
    with open_store(sqlite_path) as store:
        report = build([root], store, progress=False)
        lines = export_lines(store)
        counts = store.counts()
    assert (report.documents_read, report.documents_stored, report.documents_skipped) == (3, 3, 0)
    assert report.problems == []
    assert report.words == sum(len(t.split()) for t in ARTICLES.values())
    assert report.facts == sum(report.facts_by_type.values()) == counts["facts"]
    assert counts["documents"] == 3
    document_lines = [line for line in lines if line["type"] == "document"]
    assert sorted(line["doc"] for line in document_lines) == ["a_kenya", "b_india", "c_turkey"]
    assert {line["doc"]: line["published"] for line in document_lines}["b_india"] == "2024-03-12"
    assert all(line["evidence"] is not None for line in lines)


def test_rebuilding_the_same_input_stores_nothing_new(write_files, sqlite_path):
    root = write_files(ARTICLES)
    with open_store(sqlite_path) as store:
        first = build([root], store, progress=False)
        before = store.counts()
        exported = export_lines(store)
        second = build([root], store, progress=False)
        assert store.counts() == before
        assert export_lines(store) == exported
    assert first.documents_stored == 3
    assert (second.documents_read, second.documents_stored, second.documents_skipped, second.facts) == (3, 0, 3, 0)


def test_a_changed_document_is_analysed_again(write_files, sqlite_path):
    root = write_files(ARTICLES)
    with open_store(sqlite_path) as store:
        build([root], store, progress=False)
        (root / "c_turkey.txt").write_text("Turkey and Egypt restored diplomatic relations in 2023.\n",
                                           encoding="utf-8")
        report = build([root], store, progress=False)
        assert store.counts()["documents"] == 3
        assert "in 2023." in store.document("c_turkey").text
    assert (report.documents_stored, report.documents_skipped) == (1, 2)


def test_a_crash_mid_build_leaves_whole_documents_and_the_next_run_completes(write_files, sqlite_path, monkeypatch):
    """An interrupt (Ctrl+C, a killed process) stops the build between whole documents."""
    from diplograph import extract

    root = write_files(ARTICLES)
    real = extract.extract_facts

    def interrupt_on_india(adoc, *args, **kwargs):
        if adoc.id == "b_india":
            raise KeyboardInterrupt
        return real(adoc, *args, **kwargs)

    monkeypatch.setattr(extract, "extract_facts", interrupt_on_india)
    with open_store(sqlite_path) as store:
        with pytest.raises(KeyboardInterrupt):
            build([root], store, progress=False, on_problem=pytest.fail)
        assert [d.id for d in store.documents()] == []  # the group of three was never written in part
    monkeypatch.setattr(extract, "extract_facts", real)
    with open_store(sqlite_path) as store:
        report = build([root], store, progress=False)
        assert sorted(d.id for d in store.documents()) == ["a_kenya", "b_india", "c_turkey"]
    assert (report.documents_stored, report.documents_skipped, report.exit_status) == (3, 0, 0)


def test_a_document_that_fails_analysis_or_extraction_is_reported_and_the_rest_is_stored(
        write_files, sqlite_path, monkeypatch):
    from diplograph import extract

    root = write_files(ARTICLES)
    real = extract.extract_facts

    def crash_on_india(adoc, *args, **kwargs):
        if adoc.id == "b_india":
            raise ValueError("simulated bug")
        return real(adoc, *args, **kwargs)

    monkeypatch.setattr(extract, "extract_facts", crash_on_india)
    with open_store(sqlite_path) as store:
        report = build([root], store, progress=False)
        assert sorted(d.id for d in store.documents()) == ["a_kenya", "c_turkey"]
    [problem] = report.errors
    assert str(problem).startswith(str(root / "b_india.txt") + ": cannot extract facts from it (ValueError: "
                                   "simulated bug)")
    assert (report.documents_read, report.documents_stored, report.documents_failed) == (3, 2, 1)
    assert report.exit_status == 3
    monkeypatch.setattr(extract, "extract_facts", real)
    with open_store(sqlite_path) as store:
        again = build([root], store, progress=False)
    assert (again.documents_stored, again.documents_skipped, again.exit_status) == (1, 2, 0)


def test_a_failure_inside_the_nlp_stream_costs_only_its_document(write_files, memory_store, monkeypatch):
    """spaCy streams a group of documents; a document that breaks the stream is found and skipped alone."""
    from diplograph.nlp import pipeline as nlp_pipeline

    real = nlp_pipeline._analyze_one

    def crash_on_india(document, parsed):
        if document.id == "b_india":
            raise RecursionError("maximum recursion depth exceeded")
        return real(document, parsed)

    monkeypatch.setattr(nlp_pipeline, "_analyze_one", crash_on_india)
    report = build([write_files(ARTICLES)], memory_store, progress=False)
    assert list(memory_store.docs) == ["a_kenya", "c_turkey"]
    assert [(p.line, p.message.split(" (")[0]) for p in report.errors] == [(None, "cannot analyse it")]
    assert "RecursionError" in report.errors[0].message


def test_a_store_that_refuses_one_document_loses_only_that_one():
    store = MemoryStore(fail_on="b")
    files = {"a.txt": "Japan and Kenya met.", "b.txt": "India and Russia met.", "c.txt": "Egypt and Somalia met."}
    report = build_texts(store, files)
    assert list(store.docs) == ["a", "c"]
    assert "cannot store it (RuntimeError: simulated crash while writing b)" in report.errors[0].message
    store.fail_on = None
    report = build_texts(store, files)
    assert list(store.docs) == ["a", "c", "b"] and report.documents_skipped == 2 and report.exit_status == 0


def test_a_store_that_keeps_failing_stops_the_build():
    from diplograph.errors import StoreError

    class BrokenStore(MemoryStore):
        def write_document(self, adoc, facts):
            raise OSError("disk full")

    files = {f"{n}.txt": f"Japan and Kenya met for the {n}th time." for n in range(5)}
    with pytest.raises(StoreError, match="refused 3 documents in a row.*disk full.*run the same build again"):
        build_texts(BrokenStore(), files)


def build_texts(store, files: dict[str, str]):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            Path(tmp, name).write_text(text, encoding="utf-8")
        return build([tmp], store, progress=False)


def test_bad_inputs_are_reported_and_the_build_goes_on(write_files, memory_store):
    files = dict(ARTICLES)
    files["empty.txt"] = ""
    files["bad.jsonl"] = "{oops\n"
    files["z_copy.txt"] = ARTICLES["c_turkey.txt"]
    seen = []
    report = build([write_files(files)], memory_store, progress=False, on_problem=seen.append)
    assert report.documents_stored == 3
    assert sorted(Path(p.path).name for p in report.errors) == ["bad.jsonl", "empty.txt"]
    assert [(Path(p.path).name, p.kind) for p in report.problems if p.kind == "duplicate"] == [
        ("z_copy.txt", "duplicate")]  # reported, not silent
    assert (report.duplicates, report.documents_skipped) == (1, 1)
    assert seen == report.problems
    assert report.anything_read and report.exit_status == 3


def test_nothing_readable_is_reported(tmp_path, memory_store):
    report = build([tmp_path / "missing"], memory_store, progress=False)
    assert not report.anything_read and report.documents_read == 0 and report.exit_status == 1
    assert "no such file" in report.errors[0].message


@pytest.mark.slow
def test_a_two_worker_dask_cluster_gives_the_same_facts_as_a_serial_build(write_files, tmp_path):
    root = write_files(ARTICLES)
    with open_store(tmp_path / "serial.sqlite") as store:
        build([root], store, progress=False)
        serial = export_lines(store)
    with open_store(tmp_path / "dask.sqlite") as store:
        report = build([root], store, progress=False, workers=2, batch_size=1)
        distributed = export_lines(store)
    assert report.documents_stored == 3
    assert distributed == serial


@pytest.mark.slow
def test_a_build_can_use_an_existing_dask_scheduler(write_files, memory_store):
    from dask.distributed import LocalCluster

    root = write_files(ARTICLES)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = build([root], memory_store, progress=False, scheduler=cluster.scheduler_address)
    assert report.documents_stored == 3
    assert sorted(memory_store.docs) == ["a_kenya", "b_india", "c_turkey"]
    assert all(memory_store.by_doc[doc_id] for doc_id in memory_store.docs)
