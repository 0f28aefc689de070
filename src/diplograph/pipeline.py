"""The build: files -> documents -> analysis -> facts -> store.

``build()`` reads every input (``ingest.read_paths``), skips documents the
store already holds with the same text, analyses the rest (``nlp.analyze``),
extracts their facts (``extract.extract_facts``) and writes each document with
its facts in one store transaction. A crash therefore leaves only whole
documents behind, and running the same build again stores only what is
missing: the build is idempotent and resumable.

With ``workers > 1`` or a ``scheduler`` address, analysis and extraction run on
a Dask cluster, in batches of documents; results come back in input order and
are written by this process, so the store never sees concurrent writers.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import DiplographError, MissingDependencyError
from diplograph.ingest import IngestProblem, read_paths
from diplograph.model import AnalyzedDocument, Document, Fact

if TYPE_CHECKING:
    from diplograph.store import Store


BATCH_SIZE = 16  # documents per Dask task: big enough to amortise scheduling, small enough to balance


@dataclass
class BuildReport:
    """What a build did: counts, problems and speed."""

    documents_read: int = 0  # documents ingested (stored now, already stored, or duplicates)
    documents_skipped: int = 0  # already in the store with the same text, or a duplicate in this run
    documents_stored: int = 0
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
        """At least one document could be read (the CLI's exit status 0)."""
        return self.documents_read > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "documents_read": self.documents_read,
            "documents_skipped": self.documents_skipped,
            "documents_stored": self.documents_stored,
            "facts": self.facts,
            "facts_by_type": dict(sorted(self.facts_by_type.items())),
            "problems": [{"path": p.path, "line": p.line, "kind": p.kind, "message": p.message}
                         for p in self.problems],
            "seconds": round(self.seconds, 3),
            "words": self.words,
        }


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
    ``on_problem`` is called with each input problem as it is found.
    """
    report = BuildReport()
    started = time.perf_counter()
    bar = _progress_bar(progress)
    documents = _new_documents(paths, store, report, on_problem)
    try:
        if scheduler or workers > 1:
            results = _analyze_distributed(documents, workers=workers, scheduler=scheduler,
                                           batch_size=batch_size)
        else:
            results = _analyze_local(documents)
        for adoc, facts in results:
            store.write_document(adoc, facts)
            report.documents_stored += 1
            report.words += len(adoc.document.text.split())
            report.facts += len(facts)
            report.facts_by_type.update(fact.type for fact in facts)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        report.seconds = time.perf_counter() - started
    return report


def analyze_and_extract(documents: Iterable[Document], nlp: Any = None) -> Iterator[tuple[AnalyzedDocument, list[Fact]]]:
    """Each document analysed, with its facts (one document facts line exactly)."""
    from diplograph.extract import extract_facts
    from diplograph.nlp import analyze

    for adoc in analyze(documents, nlp=nlp):
        yield adoc, _one_document_fact(extract_facts(adoc))


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
    on_problem: Callable[[IngestProblem], None] | None,
) -> Iterator[Document]:
    for item in read_paths(paths):
        if isinstance(item, IngestProblem):
            if item.kind == "duplicate":
                report.documents_read += 1
                report.documents_skipped += 1
                continue
            report.problems.append(item)
            if on_problem is not None:
                on_problem(item)
            continue
        report.documents_read += 1
        if store.has_document(item.id, item.sha1):
            report.documents_skipped += 1
            continue
        yield item


def _analyze_local(documents: Iterator[Document]) -> Iterator[tuple[AnalyzedDocument, list[Fact]]]:
    from diplograph.nlp import load_pipeline

    first = next(documents, None)
    if first is None:  # nothing new: do not pay for loading spaCy
        return
    yield from analyze_and_extract(itertools.chain([first], documents), nlp=load_pipeline())


def analyze_batch(documents: list[Document]) -> list[tuple[AnalyzedDocument, list[Fact]]]:
    """One Dask task: analyse and extract a batch (the pipeline loads once per worker process)."""
    return list(analyze_and_extract(documents))


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
) -> Iterator[tuple[AnalyzedDocument, list[Fact]]]:
    """Map :func:`analyze_batch` over a Dask cluster; yield results in input order.

    At most ``2 * workers`` batches are in flight, so memory stays bounded on
    any corpus size and documents are written while later ones are analysed.
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
    try:
        n_workers = max(len(client.scheduler_info().get("workers", {})), workers, 1)
        window = 2 * n_workers
        pending = []
        for batch in _batches(documents, batch_size):
            pending.append(client.submit(analyze_batch, batch, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _progress_bar(wanted: bool) -> Any:
    """A tqdm bar on stderr, only when asked for and stderr is a terminal (never in logs or pipes)."""
    if not wanted or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="build", file=sys.stderr, dynamic_ncols=True)


__all__ = ["BuildReport", "analyze_and_extract", "analyze_batch", "build"]
