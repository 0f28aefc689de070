"""Issue 11, the build half: one bad record never stops a build, the same input always gives the same facts.

Every probe of the issue is pinned by one test here, marked with ``@probe(id, what, result)``;
``docs/RELIABILITY.md`` lists the same probes with the same words, and
:func:`test_the_reliability_table_lists_every_probe_with_its_result` fails when the two drift
apart, so the table says what the tests check, no more.

The texts are written for these tests (never taken from the evaluation corpora).
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SHARED

from diplograph.cli import cli
from diplograph.ingest import PIECE_CHARS, IngestProblem, furniture_free_segments, read_paths
from diplograph.model import Document
from diplograph.pipeline import build
from diplograph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
RELIABILITY = ROOT / "docs" / "RELIABILITY.md"
CORPORA = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev", SHARED / "corpus" / "voa"]

# probe id -> (what was tried, what happens now, the test that pins it)
PROBES: dict[str, tuple[str, str, str]] = {}


def probe(pid: str, what: str, result: str) -> Callable[[Any], Any]:
    def register(test: Any) -> Any:
        PROBES[pid] = (what, result, test.__name__)
        return test

    return register


def feed_line(doc_id: object, text: str, **fields: object) -> str:
    return json.dumps({"id": doc_id, "title": "", "text": text, **fields})


def article(n: int) -> str:
    """A short article of our own, different for every n."""
    return (f"Kenya and Japan held talks on maritime trade in Nairobi on {1 + n % 28} May 2023. "
            f"The ministers agreed to meet again in round {n}.")


def run_build(*args: str) -> Any:
    return CliRunner().invoke(cli, ["build", *args])


def problems_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("error: ", "warning: ", "duplicate: "))]


# --------------------------------------------------------------------------- one bad record


def bad_records() -> dict[str, str]:
    """One record of each kind that used to abort a build, by what it tests."""
    deep = "[" * 1000 + "]" * 1000
    return {
        "surrogate_text": '{"id": "sur-text", "title": "", "text": "Kenya and Japan met \\ud800 in Nairobi today."}',
        "surrogate_id": '{"id": "sur-\\udc80", "text": "Kenya and Japan met again in Nairobi today."}',
        "nested": f'{{"id": "deep", "text": "Kenya and Japan met.", "extra": {deep}}}',
        "feb_30": feed_line("feb30", "Kenya and Japan met in Nairobi on Tuesday. They meet again next month.",
                            published="2021-02-30"),
        "month_13": feed_line("m13", "Egypt and Turkey met in Cairo yesterday. Talks resume next week.",
                              published="2021-13-45"),
        "id_object": feed_line({"nested": 1}, "India and Mauritius met in Port Louis."),
        "id_true": feed_line(True, "India and Russia met in Moscow."),
        "id_float": feed_line(42.5, "India and Egypt met in Cairo."),
    }


# what each bad record gives: the problem's kind, words of its message, and whether it is stored
EXPECTED = {
    "surrogate_text": ("warning", "lone surrogate escape", True),
    "surrogate_id": ("error", "\"id\" holds a lone surrogate escape", False),
    "nested": ("error", "nested too deeply", False),
    "feb_30": ("warning", "published '2021-02-30' is no calendar date; kept 2021-02", True),
    "month_13": ("warning", "published '2021-13-45' is no calendar date; kept 2021", True),
    "id_object": ("error", "\"id\" must be a string or an integer, not an object", False),
    "id_true": ("error", "\"id\" must be a string or an integer, not a boolean", False),
    "id_float": ("error", "\"id\" must be a string or an integer, not a number with a fraction", False),
}


def write_feed(path: Path, n: int) -> dict[str, int]:
    """A feed of ``n`` records with the bad ones spread through it; returns the line of each bad one."""
    bad = bad_records()
    lines = [feed_line(f"rec-{i}", article(i)) for i in range(n - len(bad))]
    where: dict[str, int] = {}
    step = max(len(lines) // (len(bad) + 1), 1)
    for k, (name, line) in enumerate(bad.items()):
        at = (k + 1) * step + k
        lines.insert(at, line)
        where[name] = at + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


@probe("B11", "a 300-record feed with one bad record of each kind below (the 1,000,000-character line "
       "has its own test, B7)",
       "every good record is stored; each bad one is named as `feed.jsonl:LINE: reason`; exit status 3; "
       "a rerun completes, stores nothing new and names the same lines")
def test_a_300_record_feed_with_one_bad_record_of_each_kind_stores_all_the_others(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    where = write_feed(feed, 300)
    db = str(tmp_path / "feed.sqlite")
    result = run_build(str(feed), "--db", db)
    assert result.exit_code == 3, result.output
    reported = problems_of(result.output)
    for name, line in where.items():
        kind, words, _ = EXPECTED[name]
        mine = [p for p in reported if p.startswith(f"{kind}: {feed}:{line}: ")]
        assert len(mine) == 1 and words in mine[0], (name, reported)
    assert len(reported) == len(where)
    stored_bad = sum(1 for name in where if EXPECTED[name][2])
    with open_store(db, read_only=True) as store:
        ids = {d.id for d in store.documents()}
        published = {d.id: d.published for d in store.documents()}
    assert len(ids) == 300 - len(where) + stored_bad
    assert {f"rec-{i}" for i in range(300 - len(where))} <= ids
    assert (published["feb30"], published["m13"]) == ("2021-02", "2021")
    again = run_build(str(feed), "--db", db, "--json")
    assert again.exit_code == 3
    report = json.loads(again.stdout)
    assert (report["documents_stored"], report["documents_failed"]) == (0, 0)
    assert sorted(p["line"] for p in report["problems"]) == sorted(where.values())


@probe("B1", "a lone surrogate escape (`\\ud800`) in a JSONL `text`",
       "stored, with U+FFFD in place of the escape; `warning: feed.jsonl:LINE: text holds a lone surrogate "
       "escape ...`")
def test_a_lone_surrogate_in_a_text_is_replaced_and_warned(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(bad_records()["surrogate_text"] + "\n", encoding="utf-8")
    items = list(read_paths([feed]))
    [doc] = [i for i in items if isinstance(i, Document)]
    [warning] = [i for i in items if isinstance(i, IngestProblem)]
    assert "\ufffd" in doc.text and doc.sha1  # encodable: the store can hold it
    assert (warning.kind, warning.line) == ("warning", 1) and "surrogate" in warning.message


@probe("B2", "a lone surrogate escape in a JSONL `id`",
       "that line is skipped: `error: feed.jsonl:LINE: \"id\" holds a lone surrogate escape ...`")
def test_a_lone_surrogate_in_an_id_skips_the_line(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(bad_records()["surrogate_id"] + "\n" + feed_line("fine", article(1)) + "\n", encoding="utf-8")
    items = list(read_paths([feed]))
    assert [i.id for i in items if isinstance(i, Document)] == ["fine"]
    [error] = [i for i in items if isinstance(i, IngestProblem)]
    assert str(error).startswith(f"{feed}:1: \"id\" holds a lone surrogate escape")


@probe("B3", "a file name with a byte that is not UTF-8 (`caf\\xe9.txt`)",
       "read; its id shows U+FFFD (`caf\ufffd`); `warning: PATH: the file name is not valid UTF-8 ...`; "
       "stored, exit status 0")
def test_a_file_name_that_is_not_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        fd = os.open(os.fsencode(folder) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    os.write(fd, article(3).encode())
    os.close(fd)
    db = str(tmp_path / "x.sqlite")
    result = run_build(str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    assert f"warning: {folder}/caf\ufffd.txt: the file name is not valid UTF-8" in result.output
    with open_store(db, read_only=True) as store:
        assert [d.id for d in store.documents()] == ["caf\ufffd"]


@probe("B4", "a JSONL line nested 1,000 levels deep",
       "that line is skipped: `error: feed.jsonl:LINE: JSON nested too deeply to read ...`")
def test_a_deeply_nested_line_is_skipped(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(feed_line("a", article(1)) + "\n" + bad_records()["nested"] + "\n"
                    + '{"id": "b", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                    + feed_line("c", article(2)) + "\n", encoding="utf-8")
    items = list(read_paths([feed]))
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "c"]
    assert [(p.line, "nested too deeply" in p.message) for p in items if isinstance(p, IngestProblem)] == [
        (2, True), (3, True)]


@probe("B5", "`published: 2021-02-30` with relative dates in the text (\"on Tuesday\", \"next month\")",
       "stored dated `2021-02` (the part that is a date), relative dates resolved against it; "
       "`warning: feed.jsonl:LINE: published '2021-02-30' is no calendar date; kept 2021-02`")
def test_an_impossible_day_keeps_its_month(tmp_path: Path, memory_store: Any) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(bad_records()["feb_30"] + "\n", encoding="utf-8")
    report = build([feed], memory_store, progress=False)
    assert report.documents_stored == 1 and report.exit_status == 0
    assert memory_store.docs["feb30"].document.published == "2021-02"
    assert [(p.kind, p.line) for p in report.problems] == [("warning", 1)]


@probe("B6", "`published: 2021-13-45` with relative dates in the text (\"yesterday\", \"next week\")",
       "stored dated `2021`; `warning: feed.jsonl:LINE: published '2021-13-45' is no calendar date; kept 2021`")
def test_an_impossible_month_keeps_its_year(tmp_path: Path, memory_store: Any) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(bad_records()["month_13"] + "\n", encoding="utf-8")
    report = build([feed], memory_store, progress=False)
    assert report.documents_stored == 1
    assert memory_store.docs["m13"].document.published == "2021"
    assert "kept 2021" in report.warnings[0].message


def test_impossible_dates_in_html_metadata_are_cut_too(write_files: Any) -> None:
    page = ("<html><head><meta property=\"article:published_time\" content=\"2022-02-31\"></head><body><article>"
            f"<p>{article(5)}</p></article></body></html>")
    docs = [d for d in read_paths([write_files({"p.html": page})]) if isinstance(d, Document)]
    assert all(d.published is None or re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", d.published) for d in docs)


@probe("B7", "a line of over 1,000,000 characters (spaCy's E088)",
       f"stored: the line is cut into segments of at most {PIECE_CHARS:,} characters at sentence ends; "
       "every sentence is analysed")
def test_a_line_too_long_for_spacy_is_cut_into_segments(tmp_path: Path) -> None:
    text = " ".join(article(i) for i in range(9000))
    assert len(text) > 1_000_000 and "\n" not in text
    segments = furniture_free_segments(text)
    assert max(b - a for a, b in segments) <= PIECE_CHARS
    assert all(text[a:b].endswith(".") for a, b in segments)  # cut at sentence ends
    assert " ".join(text[a:b] for a, b in segments) == text


@pytest.mark.slow
def test_a_line_too_long_for_spacy_builds(tmp_path: Path, memory_store: Any) -> None:
    """(B7, end to end: about a minute.)"""
    text = " ".join(article(i) for i in range(9000))
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    report = build([tmp_path / "huge.txt"], memory_store, progress=False)
    assert (report.documents_stored, report.errors) == (1, [])
    adoc = memory_store.docs["huge"]
    assert len(adoc.sentences) >= 17_000
    assert adoc.sentences[-1].text.endswith("round 8999.")


@probe("B8", "any exception while analysing one document (spaCy, the people registry, coreference ...)",
       "that document is skipped: `error: FILE[:LINE]: cannot analyse it (TypeName: message); skipped - "
       "please report this with the document`; the others of its group are analysed again one by one and "
       "stored; exit status 3")
def test_an_exception_in_analysis_skips_only_its_document(write_files: Any, memory_store: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from diplograph.nlp import pipeline as nlp_pipeline

    real = nlp_pipeline._analyze_one

    def fail_on_b(document: Document, parsed: Any) -> Any:
        if document.id == "b":
            raise ValueError("day is out of range for month")
        return real(document, parsed)

    monkeypatch.setattr(nlp_pipeline, "_analyze_one", fail_on_b)
    root = write_files({f"{name}.txt": article(n) for n, name in enumerate("abcde")})
    report = build([root], memory_store, progress=False)
    assert list(memory_store.docs) == ["a", "c", "d", "e"]
    assert [str(p) for p in report.errors] == [
        f"{root / 'b.txt'}: cannot analyse it (ValueError: day is out of range for month); skipped - "
        "please report this with the document"]
    assert report.exit_status == 3


@probe("B9", "any exception while extracting the facts of one document",
       "that document is skipped: `error: FILE[:LINE]: cannot extract facts from it (...)`; exit status 3")
def test_an_exception_in_extraction_skips_only_its_document(tmp_path: Path, memory_store: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from diplograph import extract

    real = extract.extract_facts

    def fail_on_two(adoc: Any, *args: Any, **kwargs: Any) -> Any:
        if adoc.id == "two":
            raise RecursionError("maximum recursion depth exceeded")
        return real(adoc, *args, **kwargs)

    monkeypatch.setattr(extract, "extract_facts", fail_on_two)
    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join(feed_line(i, article(n)) for n, i in enumerate(["one", "two", "three"])) + "\n",
                    encoding="utf-8")
    report = build([feed], memory_store, progress=False)
    assert list(memory_store.docs) == ["one", "three"]
    assert str(report.errors[0]).startswith(f"{feed}:2: cannot extract facts from it (RecursionError")


@probe("B10", "the store refuses to write one document; the store refuses every document",
       "one: that document is skipped (`error: FILE: cannot store it (...)`), the build goes on; every one: "
       "the build stops after 3 in a row with `Error: the store refused 3 documents in a row ...`, exit "
       "status 1, and the next run resumes")
def test_a_store_that_refuses_documents(write_files: Any) -> None:
    from conftest import MemoryStore

    from diplograph.errors import StoreError

    root = write_files({f"{name}.txt": article(n) for n, name in enumerate("abcde")})
    store = MemoryStore(fail_on="c")
    report = build([root], store, progress=False)
    assert list(store.docs) == ["a", "b", "d", "e"] and "cannot store it" in report.errors[0].message

    class Full(MemoryStore):
        def write_document(self, adoc: Any, facts: Any) -> None:
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(StoreError, match="refused 3 documents in a row"):
        build([root], Full(), progress=False)


# --------------------------------------------------------------------------- silent skips


@pytest.fixture
def deny(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Make a file or folder unreadable: chmod 000 and, for root (whom permissions do not stop), fail
    the calls that read it with the error an unprivileged user gets."""
    denied: set[str] = set()
    real_scandir, real_read_bytes, real_access = os.scandir, Path.read_bytes, os.access

    def refuse(path: Any) -> None:
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def scandir(path: Any = ".") -> Any:
        refuse(path)
        return real_scandir(path)

    def read_bytes(self: Path) -> bytes:
        refuse(self)
        return real_read_bytes(self)

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return os.fspath(path) not in denied and real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "access", access)

    def deny_path(path: Path) -> None:
        denied.add(str(path))
        path.chmod(0)

    yield deny_path
    for name in denied:
        Path(name).chmod(0o755)


@probe("S1", "an unreadable subfolder",
       "`error: FOLDER: cannot read this folder (Permission denied); its files were skipped - check its "
       "permissions`; the rest is built; exit status 3")
def test_an_unreadable_subfolder_is_reported(write_files: Any, tmp_path: Path, deny: Any) -> None:
    root = write_files({"a.txt": article(1), "locked/b.txt": article(2), "z/c.txt": article(3)})
    deny(root / "locked")
    result = run_build(str(root), "--db", str(tmp_path / "x.sqlite"))
    assert result.exit_code == 3, result.output
    assert f"error: {root / 'locked'}: cannot read this folder (Permission denied)" in result.output
    assert "Read 2 documents: 2 stored" in result.output


@probe("S2", "two files with the same text",
       "the second is skipped and reported: `duplicate: FILE: same text as document 'ID'; skipped`; "
       "counted in the summary; exit status 0")
def test_duplicate_files_are_reported(write_files: Any, tmp_path: Path) -> None:
    root = write_files({"a.txt": article(1), "b.txt": article(1)})
    result = run_build(str(root), "--db", str(tmp_path / "x.sqlite"))
    assert result.exit_code == 0, result.output
    assert f"duplicate: {root / 'b.txt'}: same text as document 'a'; skipped" in result.output
    assert "1 duplicates" in result.output


@probe("S3", "a single unreadable file named on the command line",
       "`error: FILE: cannot read: Permission denied`; not a usage error: exit status 1 when nothing else "
       "was given, 3 next to other inputs (which are stored)")
def test_an_unreadable_file_named_on_the_command_line_is_reported(write_files: Any, tmp_path: Path,
                                                                   deny: Any) -> None:
    root = write_files({"a.txt": article(1), "b.txt": article(2)})
    deny(root / "b.txt")
    alone = run_build(str(root / "b.txt"), "--db", str(tmp_path / "x.sqlite"))
    assert alone.exit_code == 1, alone.output
    assert f"error: {root / 'b.txt'}: cannot read: Permission denied" in alone.output
    both = run_build(str(root / "a.txt"), str(root / "b.txt"), "--db", str(tmp_path / "x.sqlite"))
    assert both.exit_code == 3 and "Read 1 documents: 1 stored" in both.output


def test_an_unreadable_file_in_a_folder_is_reported(write_files: Any, deny: Any) -> None:
    root = write_files({"a.txt": article(1), "b.txt": article(2)})
    deny(root / "b.txt")
    items = list(read_paths([root]))
    assert [i.id for i in items if isinstance(i, Document)] == ["a"]
    assert [str(p) for p in items if isinstance(p, IngestProblem)] == [f"{root / 'b.txt'}: cannot read: "
                                                                      "Permission denied"]


@probe("S4", "an HTML page with only a navigation bar",
       "not stored: `error: FILE: no article text found in the HTML: only short link-like lines (a navigation "
       "bar or menu), no sentence`")
def test_a_navigation_bar_is_not_a_document(write_files: Any) -> None:
    nav = ("<html><head><title>Embassy of Kenya</title></head><body><nav><ul>"
           + "".join(f"<li><a href='/{k}'>{label}</a></li>" for k, label in enumerate(
               ["Home", "About the Embassy", "Consular Services", "Trade and Investment", "Contact us"]))
           + "</ul></nav></body></html>")
    page = f"<html><head><title>Kenya and Japan</title></head><body><article><p>{article(1)}</p></article></body></html>"
    items = list(read_paths([write_files({"nav.html": nav, "page.html": page})]))
    assert [i.id for i in items if isinstance(i, Document)] == ["page"]
    [problem] = [i for i in items if isinstance(i, IngestProblem)]
    assert problem.path.endswith("nav.html") and "navigation bar" in problem.message


@probe("S5", "JSONL ids of the wrong type: `{\"nested\": 1}`, `true`, `42.5`",
       "each line is skipped: `error: feed.jsonl:LINE: \"id\" must be a string or an integer, not an object "
       "({\"nested\": 1})` (a boolean, a number with a fraction); integers are read as text")
def test_ids_of_the_wrong_type_are_errors(tmp_path: Path) -> None:
    bad = bad_records()
    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join([bad["id_object"], bad["id_true"], bad["id_float"], feed_line(7, article(7))]) + "\n",
                    encoding="utf-8")
    items = list(read_paths([feed]))
    assert [i.id for i in items if isinstance(i, Document)] == ["7"]
    assert [str(p).split(": ", 1)[1] for p in items if isinstance(p, IngestProblem)] == [
        "\"id\" must be a string or an integer, not an object ({\"nested\": 1}); line skipped",
        "\"id\" must be a string or an integer, not a boolean (true); line skipped",
        "\"id\" must be a string or an integer, not a number with a fraction (42.5); line skipped"]


def test_exit_statuses_are_documented() -> None:
    from diplograph.pipeline import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE

    help_text = run_build("--help").output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in (EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_PARTIAL):
        assert re.search(rf"^\s+{status}\s+\S", help_text, re.M), help_text
        assert re.search(rf"^\|\s*`?{status}`?\s*\|", readme, re.M), f"README.md: exit status {status}"
    assert run_build().exit_code == EXIT_USAGE


# --------------------------------------------------------------------------- long lines


@pytest.mark.slow
@probe("L1", "one 200,000-character line against the same text in 1,000-character lines",
       "about 1x the time (must stay under 3x; was 47 s for 100k and 203 s for 200k against 13 s)")
def test_a_long_line_costs_no_more_than_short_lines(tmp_path: Path, nlp: Any) -> None:
    from diplograph.extract import extract_facts
    from diplograph.ingest import make_document
    from diplograph.nlp import analyze

    sentences = [article(i) for i in range(1700)]
    one_line = " ".join(sentences)
    assert len(one_line) >= 200_000
    short_lines = "\n".join(" ".join(sentences[k:k + 8]) for k in range(0, len(sentences), 8))

    def seconds(text: str) -> float:
        started = time.perf_counter()
        [adoc] = list(analyze([make_document("x", text)], nlp=nlp))
        extract_facts(adoc)
        return time.perf_counter() - started

    seconds(short_lines[:20_000])  # warm up
    ratio = seconds(one_line) / seconds(short_lines)
    assert ratio < 3, f"one long line took {ratio:.1f}x the time of short lines"


# --------------------------------------------------------------------------- determinism


def _build_and_export(db: Path, seed: int, *extra: str) -> dict[str, bytes]:
    """Build the shared corpora in a fresh process with this hash seed; every export format, same seed."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    cmd = [sys.executable, "-m", "diplograph.cli"]
    subprocess.run([*cmd, "build", *map(str, CORPORA), "--db", str(db), "--quiet", *extra], env=env, check=True,
                   capture_output=True, timeout=900)
    out = {}
    for fmt in ("facts-jsonl", "csv", "graphml", "jsonld"):
        target = db.with_suffix(f".{fmt}")
        subprocess.run([*cmd, "export", "--format", fmt, "--db", str(db), "-o", str(target)], env=env,
                       check=True, capture_output=True, timeout=300)
        out[fmt] = target.read_bytes()  # (the exports hold no timestamps: nothing to mask)
    return out


@pytest.fixture(scope="module")
def seed_one_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _build_and_export(tmp_path_factory.mktemp("seed1") / "a.sqlite", 1)


needs_corpora = pytest.mark.skipif(not CORPORA[0].exists(), reason="needs ../shared/corpus")


@pytest.mark.slow
@needs_corpora
@probe("D1", "the shared corpora (seeds, dev, voa) built under PYTHONHASHSEED=1 and =2",
       "byte-identical exports in all four formats (facts-jsonl, csv, graphml, jsonld)")
def test_two_hash_seeds_give_byte_identical_exports(seed_one_exports: dict[str, bytes], tmp_path: Path) -> None:
    other = _build_and_export(tmp_path / "b.sqlite", 2)
    assert seed_one_exports["facts-jsonl"].count(b"\n") > 300
    for fmt, data in seed_one_exports.items():
        assert other[fmt] == data, f"{fmt} differs between hash seeds"


@pytest.mark.slow
@needs_corpora
@probe("D2", "the same corpora with `--workers 2` (a local Dask cluster) under another hash seed",
       "byte-identical exports")
def test_two_workers_give_byte_identical_exports(seed_one_exports: dict[str, bytes], tmp_path: Path) -> None:
    other = _build_and_export(tmp_path / "w.sqlite", 3, "--workers", "2")
    for fmt, data in seed_one_exports.items():
        assert other[fmt] == data, f"{fmt} differs with --workers 2"


@pytest.mark.slow
@needs_corpora
@probe("D3", "a build killed with SIGKILL while writing, then run again",
       "the store holds whole documents only (SQLite integrity check passes, every stored document has its "
       "sentences and its document fact); the rerun completes and its exports equal a clean build's byte "
       "for byte; a third run stores nothing")
def test_a_killed_build_resumes_to_the_clean_result(seed_one_exports: dict[str, bytes], tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    env = {**os.environ, "PYTHONHASHSEED": "4"}
    cmd = [sys.executable, "-m", "diplograph.cli", "build", *map(str, CORPORA), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None and stored == 0:
            time.sleep(0.05)
            stored = _stored_documents(db)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        whole = conn.execute(
            "SELECT COUNT(*) FROM documents d WHERE EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
            " AND (SELECT COUNT(*) FROM facts f WHERE f.doc_id = d.id AND f.type = 'document') = 1").fetchone()[0]
        assert whole == conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    resumed = _build_and_export(db, 5)
    for fmt, data in seed_one_exports.items():
        assert resumed[fmt] == data, f"{fmt} of the resumed build differs from a clean build"
    third = subprocess.run([*cmd, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert json.loads(third.stdout)["documents_stored"] == 0


def _stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


# --------------------------------------------------------------------------- the table


def _table_rows() -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for line in RELIABILITY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) == 4 and re.fullmatch(r"[A-Z]\d+", cells[0]):
            rows[cells[0]] = (cells[1].replace("\\|", "|"), cells[2].replace("\\|", "|"), cells[3].strip("`"))
    return rows


def test_the_reliability_table_lists_every_probe_with_its_result() -> None:
    """docs/RELIABILITY.md says, probe by probe, what the tests above check (same words)."""
    rows = _table_rows()
    assert set(rows) == set(PROBES), "add or remove rows of docs/RELIABILITY.md"
    for pid, (what, result, test) in PROBES.items():
        assert rows[pid] == (what, result, test), f"row {pid} of docs/RELIABILITY.md is out of date"


# --------------------------------------------------------------------------- fuzz (hypothesis)
#
# A few hundred generated inputs per property, a few seconds in all: no input may raise, every
# document must be storable, every offset must point into its text.

from datetime import date as _date  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=120, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ISO = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?|--\d\d(?:-\d\d)?")
# every code point, lone surrogates included (hypothesis leaves them out by default)
ANY_CHAR = st.characters(exclude_categories=())
DATE_WORDS = ["on", "in", "since", "until", "by", "from", "to", "and", "-", "–", "next", "last", "this", "ago",
              "week", "weeks", "month", "months", "year", "years", "yesterday", "today", "tomorrow", "Monday",
              "Tuesday", "Friday", "January", "February", "May", "march", "Dec.", "Sept", "spring", "early",
              "late", "mid-", "the", "of", ",", ".", "/", "1st", "30th", "31", "29", "2021", "2024", "1999",
              "Feb", "30", "0", "13", "45", "2021-02-30", "12/31/2020", "31.12.2020", "FY2023", "Q3"]
DATE_TEXT = st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.integers(0, 3000).map(str)), max_size=25).map(" ".join)
REFS = st.one_of(st.none(), st.dates(min_value=_date(1800, 1, 1), max_value=_date(2099, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])))


def check_document(doc: Document) -> None:
    """What the store and the nlp stage rely on."""
    assert doc.id.strip() and doc.sha1 and doc.id.encode("utf-8") and doc.source.encode("utf-8")
    assert doc.segments, "a document has some article text"
    last = 0
    for start, end in doc.segments:
        assert last <= start < end <= len(doc.text)
        assert doc.text[start:end] == doc.text[start:end].strip()
        last = end
    if doc.published is not None:
        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", doc.published)
        parts = [int(p) for p in doc.published.split("-")]
        _date(parts[0], *(parts[1:] + [1, 1])[:2])  # a calendar date


def check_items(items: list[Document | IngestProblem]) -> None:
    for item in items:
        if isinstance(item, Document):
            check_document(item)
        else:
            assert item.kind in ("error", "warning", "duplicate") and item.message
            assert str(item).encode("utf-8")  # printable


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHAR, max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "title": JSON_VALUES, "url": JSON_VALUES,
    "text": st.one_of(st.text(ANY_CHAR, max_size=300), DATE_TEXT, JSON_VALUES),
    "published": st.one_of(st.text(max_size=25), st.sampled_from(["2021-02-30", "2021-13-45", "0000-00-00",
                                                                   "2024-02-29T10:00:00Z", "1999"]), JSON_VALUES),
})


@FUZZ
@given(records=st.lists(st.one_of(RECORDS.map(lambda r: json.dumps(r, ensure_ascii=True)),
                                  st.binary(max_size=200).map(lambda b: b.decode("latin-1"))), max_size=6))
def test_fuzz_jsonl_feeds_give_documents_or_problems(tmp_path: Path, records: list[str]) -> None:
    feed = tmp_path / "fuzz.jsonl"
    feed.write_bytes("\n".join(r.replace("\n", " ") for r in records).encode("utf-8", "surrogatepass"))
    check_items(list(read_paths([feed])))


@probe("F1", "property-based fuzz (hypothesis): any bytes as a .txt, .html or .jsonl file; JSONL records of any "
       "JSON shape with lone surrogates, ids of every type and impossible dates",
       "no exception; every document is storable: valid Unicode id and text, segments inside the text, a "
       "calendar date or none; every problem printable")
@FUZZ
@given(data=st.one_of(st.binary(max_size=600),
                      st.text(ANY_CHAR, max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.lists(st.one_of(DATE_TEXT, st.sampled_from(["|", "###", "Home | News | World | Contact",
                                                                       "Photo: AFP |", "Thứ 6 - 26/02/2016", ""])),
                               max_size=8).map(lambda lines: "\n".join(lines).encode())),
       suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_fuzz_any_bytes_in_any_file_kind_give_documents_or_problems(tmp_path: Path, data: bytes,
                                                                    suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    check_items(list(read_paths([path])))


@FUZZ
@given(text=st.text(st.sampled_from("ab .\n|é"), max_size=40_000))
def test_fuzz_segments_point_into_the_text_and_stay_short(text: str) -> None:
    segments = furniture_free_segments(text)
    last = 0
    for start, end in segments:
        assert last <= start < end <= len(text) and text[start:end] == text[start:end].strip()
        assert all(len(line) <= 10_000 for line in text[start:end].split("\n"))  # no line left too long
        last = end


@probe("F2", "property-based fuzz of timex: date-like word salad and any text, against any real reference date",
       "no exception; every value is ISO at its precision, inside the text, and a calendar date when it "
       "has a day")
@FUZZ
@given(text=st.one_of(DATE_TEXT, st.text(ANY_CHAR, max_size=200)), ref=REFS)
def test_fuzz_timex_finds_iso_values_inside_the_text(text: str, ref: str | None) -> None:
    from diplograph import timex

    for start, end, value in timex.find(text, ref):
        assert 0 <= start < end <= len(text)
        assert ISO.fullmatch(value.value) and value.precision in ("year", "month", "day"), value
        assert value.start is None or ISO.fullmatch(value.start)
        if value.precision == "day" and value.year is not None:
            _date.fromisoformat(value.value)  # a calendar date ("February 30" never is)
    resolved = timex.resolve(text, ref)
    assert resolved is None or ISO.fullmatch(resolved.value)


@FUZZ
@given(text=st.one_of(DATE_TEXT, st.text(ANY_CHAR, max_size=300)))
def test_fuzz_a_document_dates_itself_or_stays_undated(text: str) -> None:
    from diplograph import timex

    value = timex.date_document(text, furniture_free_segments(text))
    assert value is None or ISO.fullmatch(value.value)


@probe("T1", "timex given an impossible reference date (`2021-02-30`, `2021-13-45`) directly",
       "resolves against its calendar part (`2021-02`, `2021`), as ingest does (B5, B6)")
@pytest.mark.parametrize("ref, expected", [("2021-02-30", "2021-02"), ("2021-13-45", "2021")])
def test_timex_survives_an_impossible_reference_date(ref: str, expected: str) -> None:
    from diplograph import timex

    assert timex.resolve("in March", ref).value == f"{expected[:4]}-03"
    timex.resolve("on Tuesday", ref)
    timex.resolve("yesterday", ref)
