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
a Dask cluster, in batches of documents; results come back in input order and
are written by this process, so the store never sees concurrent writers.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import DiplographError, MissingDependencyError, StoreError
from diplograph.ingest import IngestProblem, describe_error, read_paths, split_source
from diplograph.model import AnalyzedDocument, Document, Fact

if TYPE_CHECKING:
    from diplograph.store import Store


BATCH_SIZE = 16  # documents per Dask task: big enough to amortise scheduling, small enough to balance
GROUP_SIZE = 32  # documents per local nlp.pipe stream: a failure re-analyses at most this many
MAX_WRITE_FAILURES = 3  # consecutive documents the store refused before the build stops

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

    ``progress`` shows a progress bar on stderr, only when stderr is a terminal.
    ``on_problem`` is called with each problem as it is found: input that
    cannot be read, duplicates, and documents that fail later on.
    """
    report = BuildReport()
    started = time.perf_counter()
    bar = _progress_bar(progress)

    def problem(item: IngestProblem) -> None:
        report.problems.append(item)
        if on_problem is not None:
            on_problem(item)

    documents = _new_documents(paths, store, report, problem)
    write_failures = 0
    try:
        if scheduler or workers > 1:
            outcomes = _analyze_distributed(documents, workers=workers, scheduler=scheduler,
                                            batch_size=batch_size)
        else:
            outcomes = _analyze_local(documents)
        for outcome in outcomes:
            if bar is not None:
                bar.update(1)
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


def _analyze_local(documents: Iterator[Document], group_size: int = GROUP_SIZE) -> Iterator[_Outcome]:
    from diplograph.nlp import load_pipeline

    nlp = None
    for group in _batches(documents, group_size):
        if nlp is None:  # nothing new: do not pay for loading spaCy
            nlp = load_pipeline()
        yield from analyze_isolated(group, nlp=nlp)


def analyze_batch(documents: list[Document]) -> list[_Outcome]:
    """One Dask task: analyse and extract a batch (the pipeline loads once per worker process)."""
    return analyze_isolated(documents)


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
    documents: Iterator[Document], *, workers: int, scheduler: str | None, batch_size: int
) -> Iterator[_Outcome]:
    """Map :func:`analyze_batch` over a Dask cluster; yield results in input order.

    At most ``2 * workers`` batches are in flight, so memory stays bounded on
    any corpus size and documents are written while later ones are analysed. A
    task that dies (a worker lost on one document) is retried one document per
    task, so only the document that kills a worker is reported and skipped.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError("dask.distributed", "scale") from exc

    cluster = None
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
            return list(future.result())
        except Exception:  # noqa: BLE001 - the task died: find the document that did it
            if len(batch) == 1:
                return [_task_failed(batch[0], future)]
            singles = [client.submit(analyze_batch, [document], pure=False) for document in batch]
            return [outcome for document, single in zip(batch, singles) for outcome in results([document], single)]

    try:
        n_workers = max(len(client.scheduler_info().get("workers", {})), workers, 1)
        window = 2 * n_workers
        pending: list[tuple[list[Document], Any]] = []
        for batch in _batches(documents, batch_size):
            pending.append((batch, client.submit(analyze_batch, batch, pure=False)))
            if len(pending) >= window:
                yield from results(*pending.pop(0))
        for batch, future in pending:
            yield from results(batch, future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _task_failed(document: Document, future: Any) -> _Failed:
    try:
        future.result()
    except Exception as exc:  # noqa: BLE001 - reported as this document's problem
        return _Failed(document, "analyse", f"the worker failed: {describe_error(exc)}")
    return _Failed(document, "analyse", "the worker failed")


def _progress_bar(wanted: bool) -> Any:
    """A tqdm bar on stderr, only when asked for and stderr is a terminal (never in logs or pipes)."""
    if not wanted or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="build", file=sys.stderr, dynamic_ncols=True)


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
]
