"""The build: files -> documents -> analysis -> facts -> store.

``build()`` reads every input (``ingest.read_paths``), skips documents the
store already holds with the same text, analyses the rest (``nlp.analyze``),
extracts their facts (``extract.extract_facts``) and writes each document with
its facts in one store transaction. A crash therefore leaves only whole
documents behind, and running the same build again stores only what is
missing: the build is idempotent and resumable.

One bad record never stops a build. Documents are analysed in small groups;
when anything in a group fails, its documents are analysed again one by one,
so only the document that fails is lost. Whatever goes wrong with one document
(reading, analysis, extraction or writing it) is reported as a problem naming
its file (and line) and the build goes on; :attr:`BuildReport.exit_status`
says whether some input was skipped. Only a store that keeps failing (several
documents in a row) stops the build, with a :class:`~diplograph.errors.StoreError`.

With ``workers > 1`` or a ``scheduler`` address, analysis and extraction run on
a Dask cluster, in batches of documents. Each worker process loads the spaCy
pipeline once (warmed before the first batch) and sends back only what the
store keeps: sentences without their tokens, mentions, people and facts
(:class:`_Analysed`), never whole analysed documents. Several batches per
worker are in flight at any time and new ones are sent as soon as one comes
back, so the single writer (this process, in input order, so the store never
sees concurrent writers) does not hold the workers up; at most a fixed number
of batches is held in memory, whatever the corpus size.

Progress: a bar with the total, the rate and an ETA on a terminal (saying
"loading model" while spaCy loads), a line every :data:`PROGRESS_EVERY`
documents when stderr is not a terminal, nothing when ``progress=False``.
"""

from __future__ import annotations

import gzip
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from diplograph.errors import DiplographError, MissingDependencyError, StoreError
from diplograph.ingest import IngestProblem, describe_error, iter_files, read_paths, split_source
from diplograph.model import AnalyzedDocument, Document, Fact, Person, Sentence

if TYPE_CHECKING:
    from diplograph.store import Store


BATCH_SIZE = 8  # documents per Dask task: big enough to amortise scheduling, small enough to balance
IN_FLIGHT = 3  # Dask batches queued per worker thread, so a worker never waits for the writer
HELD = 12  # batches per worker thread held at most (running, or done and waiting for their turn to be written)
GROUP_SIZE = 32  # documents per local nlp.pipe stream: a failure re-analyses at most this many
MAX_WRITE_FAILURES = 3  # consecutive documents the store refused before the build stops
PROGRESS_EVERY = 500  # documents between two progress lines when stderr is not a terminal

# The documented exit statuses of `diplograph build` (README, --help, docs/RELIABILITY.md).
EXIT_OK = 0  # every document read is stored (or was already stored, or is a duplicate)
EXIT_NOTHING = 1  # nothing could be read or built (or the build stopped: the store kept failing)
EXIT_USAGE = 2  # a usage error (click)
EXIT_PARTIAL = 3  # the build is done, but some files, lines or documents were skipped as errors


@dataclass
class BuildReport:
    """What a build did: counts, problems and speed."""

    documents_read: int = 0  # documents ingested (stored now, already stored, duplicates or failed)
    documents_skipped: int = 0  # already in the store with the same text, or a duplicate in this run
    documents_stored: int = 0
    documents_failed: int = 0  # read, but analysing, extracting or writing it failed: not stored
    duplicates: int = 0  # the same text as a document read before in this run (counted in skipped)
    facts: int = 0
    facts_by_type: Counter[str] = field(default_factory=Counter)
    problems: list[IngestProblem] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0  # whitespace words of the documents analysed in this run

    @property
    def errors(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.kind == "error"]

    @property
    def warnings(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.kind == "warning"]

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def anything_read(self) -> bool:
        """At least one document could be read."""
        return self.documents_read > 0

    @property
    def exit_status(self) -> int:
        """0 all read and stored, 1 nothing could be read or built, 3 done but some input skipped."""
        if self.documents_read - self.documents_failed <= 0:
            return EXIT_NOTHING
        return EXIT_PARTIAL if self.errors else EXIT_OK

    def to_json(self) -> dict[str, Any]:
        return {
            "documents_read": self.documents_read,
            "documents_skipped": self.documents_skipped,
            "documents_stored": self.documents_stored,
            "documents_failed": self.documents_failed,
            "duplicates": self.duplicates,
            "facts": self.facts,
            "facts_by_type": dict(sorted(self.facts_by_type.items())),
            "problems": [{"path": p.path, "line": p.line, "kind": p.kind, "message": p.message}
                         for p in self.problems],
            "seconds": round(self.seconds, 3),
            "words": self.words,
            "exit_status": self.exit_status,
        }


@dataclass(frozen=True)
class _Failed:
    """A document that could not be analysed or extracted, and why."""

    document: Document
    stage: str  # "analyse" | "extract facts from"
    reason: str


_Outcome = tuple[AnalyzedDocument, list[Fact]] | _Failed


@dataclass(frozen=True)
class _Analysed:
    """What a Dask worker sends back for one document: what the store keeps, nothing more.

    The writer already holds the :class:`Document`; sentences come without
    their tokens (the store keeps sentences and mentions, not tokens, and the
    facts are already extracted), which makes a result a small fraction of the
    analysed document to pickle and send.
    """

    doc_id: str
    sentences: tuple[Sentence, ...]
    people: Mapping[str, Person]
    focus: str | None
    home: str | None
    facts: list[Fact]

    @classmethod
    def of(cls, adoc: AnalyzedDocument, facts: list[Fact]) -> _Analysed:
        sentences = tuple(replace(s, tokens=()) for s in adoc.sentences)
        return cls(adoc.id, sentences, dict(adoc.people), adoc.focus, adoc.home, facts)

    def outcome(self, document: Document) -> tuple[AnalyzedDocument, list[Fact]]:
        adoc = AnalyzedDocument(document=document, sentences=self.sentences, people=self.people,
                                focus=self.focus, home=self.home)
        return adoc, self.facts


def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    progress: bool = True,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_problem: Callable[[IngestProblem], None] | None = None,
) -> BuildReport:
    """Build (or complete) the store from ``paths``; see the module docstring.

    ``progress`` shows where the build is on stderr: a bar (total, rate, ETA)
    on a terminal, otherwise a line every :data:`PROGRESS_EVERY` documents.
    ``on_problem`` is called with each problem as it is found: input that
    cannot be read, duplicates, and documents that fail later on.
    """
    report = BuildReport()
    started = time.perf_counter()
    paths = list(paths)
    bar = _Progress.on_stderr(paths) if progress else None

    def problem(item: IngestProblem) -> None:
        report.problems.append(item)
        if on_problem is not None:
            on_problem(item)

    documents = _new_documents(paths, store, report, problem)
    write_failures = 0
    try:
        if scheduler or workers > 1:
            outcomes = _analyze_distributed(documents, workers=workers, scheduler=scheduler,
                                            batch_size=batch_size, bar=bar)
        else:
            outcomes = _analyze_local(documents, bar=bar)
        for outcome in outcomes:
            if bar is not None:
                bar.update(report)  # the documents done so far (this one counts at the next)
            if isinstance(outcome, _Failed):
                report.documents_failed += 1
                problem(_document_problem(outcome.document, f"cannot {outcome.stage} it ({outcome.reason}); "
                                          "skipped - please report this with the document"))
                continue
            adoc, facts = outcome
            try:
                store.write_document(adoc, facts)
            except Exception as exc:  # noqa: BLE001 - one document the store refuses is one document lost
                report.documents_failed += 1
                write_failures += 1
                problem(_document_problem(adoc.document, f"cannot store it ({describe_error(exc)}); skipped"))
                if write_failures >= MAX_WRITE_FAILURES:
                    raise StoreError(f"the store refused {write_failures} documents in a row (last: "
                                     f"{describe_error(exc)}); stopped - fix the store, then run the same build "
                                     "again: it resumes where it stopped") from exc
                continue
            write_failures = 0
            report.documents_stored += 1
            report.words += len(adoc.document.text.split())
            report.facts += len(facts)
            report.facts_by_type.update(fact.type for fact in facts)
        if bar is not None:
            bar.update(report)
    finally:
        if bar is not None:
            bar.close()
        report.seconds = time.perf_counter() - started
    return report


def analyze_and_extract(documents: Iterable[Document], nlp: Any = None) -> Iterator[tuple[AnalyzedDocument, list[Fact]]]:
    """Each document analysed, with its facts (one document facts line exactly); raises on any failure."""
    from diplograph.extract import extract_facts
    from diplograph.nlp import analyze

    for adoc in analyze(documents, nlp=nlp):
        yield adoc, _one_document_fact(extract_facts(adoc))


def analyze_isolated(documents: list[Document], nlp: Any = None) -> list[_Outcome]:
    """``(adoc, facts)`` or a failure for each document, in order; a failure costs only its document.

    The group goes through one ``nlp.pipe`` stream (spaCy's speed); if anything
    in it fails, each document is analysed again on its own.
    """
    from diplograph.nlp import analyze

    try:
        adocs = list(analyze(documents, nlp=nlp))
    except Exception:  # noqa: BLE001 - find the culprit below, one document at a time
        adocs = []
    if len(adocs) != len(documents) or any(a.id != d.id for a, d in zip(adocs, documents)):
        return [_analyze_alone(document, nlp) for document in documents]
    return [_extract(adoc) for adoc in adocs]


def _analyze_alone(document: Document, nlp: Any) -> _Outcome:
    from diplograph.nlp import analyze

    try:
        [adoc] = list(analyze([document], nlp=nlp))
    except Exception as exc:  # noqa: BLE001 - reported as this document's problem
        return _Failed(document, "analyse", describe_error(exc))
    return _extract(adoc)


def _extract(adoc: AnalyzedDocument) -> _Outcome:
    from diplograph.extract import extract_facts

    try:
        return adoc, _one_document_fact(extract_facts(adoc))
    except Exception as exc:  # noqa: BLE001 - reported as this document's problem
        return _Failed(adoc.document, "extract facts from", describe_error(exc))


def _document_problem(document: Document, message: str) -> IngestProblem:
    path, line = split_source(document.source or document.id)
    return IngestProblem(path, message, line)


def _one_document_fact(facts: list[Fact]) -> list[Fact]:
    """Keep the first ``document`` fact only: the export promises one line per document."""
    out: list[Fact] = []
    seen_document = False
    for fact in facts:
        if fact.type == "document":
            if seen_document:
                continue
            seen_document = True
        out.append(fact)
    return out


def _new_documents(
    paths: Iterable[str | Path],
    store: Store,
    report: BuildReport,
    problem: Callable[[IngestProblem], None],
) -> Iterator[Document]:
    for item in read_paths(paths):
        if isinstance(item, IngestProblem):
            if item.kind == "duplicate":
                report.documents_read += 1
                report.documents_skipped += 1
                report.duplicates += 1
            problem(item)
            continue
        report.documents_read += 1
        if store.has_document(item.id, item.sha1):
            report.documents_skipped += 1
            continue
        yield item


def _analyze_local(documents: Iterator[Document], group_size: int = GROUP_SIZE,
                   bar: _Progress | None = None) -> Iterator[_Outcome]:
    from diplograph.nlp import load_pipeline

    nlp = None
    for group in _batches(documents, group_size):
        if nlp is None:  # nothing new: do not pay for loading spaCy
            if bar is not None:
                bar.stage("loading model")
            nlp = load_pipeline()
            if bar is not None:
                bar.stage("build")
        yield from analyze_isolated(group, nlp=nlp)


def analyze_batch(documents: list[Document]) -> list[_Analysed | _Failed]:
    """One Dask task: analyse and extract a batch (the pipeline loads once per worker process).

    Returns what the writer needs (:class:`_Analysed`), not the analysed documents.
    """
    return [outcome if isinstance(outcome, _Failed) else _Analysed.of(*outcome)
            for outcome in analyze_isolated(documents)]


def warm_worker() -> bool:
    """Load the spaCy pipeline in a worker process before its first batch (kept for the process's life)."""
    from diplograph.nlp import load_pipeline

    load_pipeline()
    return True


def _batches(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyze_distributed(
    documents: Iterator[Document], *, workers: int, scheduler: str | None, batch_size: int,
    bar: _Progress | None = None,
) -> Iterator[_Outcome]:
    """Map :func:`analyze_batch` over a Dask cluster; yield results in input order.

    :data:`IN_FLIGHT` batches per worker thread are queued at all times, topped
    up whenever one finishes (also while the writer writes), and at most
    :data:`HELD` per thread are held, so memory stays bounded on any corpus
    size. A task that dies (a worker lost on one document) is retried one
    document per task, so only the document that kills a worker is reported
    and skipped.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError("dask.distributed", "scale") from exc

    cluster = None
    if bar is not None:
        bar.stage("starting workers" if not scheduler else "connecting")
    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise DiplographError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the "
                                  "address, or use --workers N for a local cluster") from exc
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)

    def results(batch: list[Document], future: Any) -> list[_Outcome]:
        try:
            returned = list(future.result())
        except Exception:  # noqa: BLE001 - the task died: find the document that did it
            if len(batch) == 1:
                return [_task_failed(batch[0], future)]
            singles = [client.submit(analyze_batch, [document], pure=False) for document in batch]
            return [outcome for document, single in zip(batch, singles) for outcome in results([document], single)]
        return [_rejoin(document, item) for document, item in zip(batch, returned)]

    try:
        if bar is not None:
            bar.stage("loading model")
        client.run(warm_worker)  # every worker loads spaCy now, side by side, not on its first batch
        if bar is not None:
            bar.stage("build")
        threads = sum(info.get("nthreads", 1) for info in client.scheduler_info().get("workers", {}).values())
        threads = max(threads, workers if not scheduler else 1, 1)
        in_flight, held = IN_FLIGHT * threads, HELD * threads
        batches = _batches(documents, batch_size)
        pending: deque[tuple[list[Document], Any]] = deque()  # submitted, in input order, not yet written

        def top_up() -> None:
            """Submit batches until enough are queued (or as many as may be held are)."""
            while len(pending) < held and sum(1 for _, f in pending if not f.done()) < in_flight:
                batch = next(batches, None)
                if batch is None:
                    return
                pending.append((batch, client.submit(analyze_batch, batch, pure=False)))

        top_up()
        while pending:
            batch, future = pending[0]
            while not future.done():  # wait for the oldest, topping up as others finish
                try:
                    future.result(timeout=0.2)
                except Exception:  # noqa: BLE001 - a timeout, or the task failed: results() tells
                    pass
                top_up()
            pending.popleft()
            for outcome in results(batch, future):
                yield outcome
                top_up()
            top_up()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _rejoin(document: Document, item: _Analysed | _Failed) -> _Outcome:
    """A worker's result joined to the document the writer holds."""
    if isinstance(item, _Failed):
        return _Failed(document, item.stage, item.reason)
    if item.doc_id != document.id:  # never expected: results come back in the order sent
        return _Failed(document, "analyse", f"the worker returned document {item.doc_id!r} in its place")
    return item.outcome(document)


def _task_failed(document: Document, future: Any) -> _Failed:
    try:
        future.result()
    except Exception as exc:  # noqa: BLE001 - reported as this document's problem
        return _Failed(document, "analyse", f"the worker failed: {describe_error(exc)}")
    return _Failed(document, "analyse", "the worker failed")


def count_documents(paths: Iterable[str | Path]) -> int:
    """How many documents ``paths`` hold, cheaply: one per file, one per non-blank line of a JSONL feed.

    Only for a progress total: the build itself finds the exact count (bad lines, duplicates).
    """
    total = 0
    for item in iter_files(paths):
        if isinstance(item, IngestProblem):
            continue
        name = item.name.lower()
        if name.endswith((".jsonl", ".jsonl.gz")):
            try:
                with (gzip.open(item, "rb") if name.endswith(".gz") else open(item, "rb")) as fh:
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                continue  # the build reports it
        else:
            total += 1
    return total


class _Progress:
    """Where the build is, on stderr: a tqdm bar on a terminal, a line every ``every`` documents elsewhere.

    Documents are done when stored, failed, or skipped (already stored, duplicates).
    """

    def __init__(self, total: int, stream: IO[str], *, tty: bool, every: int = PROGRESS_EVERY) -> None:
        self.total, self.stream, self.every = total, stream, every
        self.done = 0
        self.started = time.perf_counter()
        self._next_line = every
        self._bar: Any = None
        if tty:
            from tqdm import tqdm

            self._bar = tqdm(total=total or None, unit="doc", desc="build", file=stream, dynamic_ncols=True,
                             smoothing=0.05)

    @classmethod
    def on_stderr(cls, paths: list[str | Path]) -> _Progress:
        return cls(count_documents(paths), sys.stderr, tty=sys.stderr.isatty(), every=PROGRESS_EVERY)

    def stage(self, text: str) -> None:
        """What the build is doing before documents flow ("loading model"); shown on the bar only."""
        if self._bar is not None:
            self._bar.set_description_str(text)
            self._bar.refresh()

    def update(self, report: BuildReport) -> None:
        done = report.documents_stored + report.documents_failed + report.documents_skipped
        if done <= self.done:
            return
        if self._bar is not None:
            self._bar.update(done - self.done)
        self.done = done
        if self._bar is None and self.every and done >= self._next_line:
            self._next_line = (done // self.every + 1) * self.every
            self.stream.write(self.line(report) + "\n")
            self.stream.flush()

    def line(self, report: BuildReport) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed else 0.0
        of = f"/{self.total:,}" if self.total else ""
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        eta = ""
        if self.total and rate and self.done < self.total:
            eta = f", ETA {_duration((self.total - self.done) / rate)}"
        words = report.words / elapsed if elapsed else 0.0
        return (f"build: {self.done:,}{of} documents{share}, {rate:.1f} docs/s, {words:,.0f} words/s, "
                f"{_duration(elapsed)} elapsed{eta}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


__all__ = [
    "EXIT_NOTHING",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "BuildReport",
    "analyze_and_extract",
    "analyze_batch",
    "analyze_isolated",
    "build",
    "count_documents",
    "warm_worker",
]
