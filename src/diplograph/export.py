"""Exports of the store: FACTS.md JSON Lines now; more formats register in :func:`exporters`.

Each exporter is ``fn(store, fh) -> int`` (lines or records written) and
reads the store through its public methods only, so it works the same on
SQLite and PostgreSQL. The CLI imports this module to list the formats, so
heavy libraries (networkx, rdflib) are imported inside the exporter that uses them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from diplograph.model import Document, Evidence, Fact

if TYPE_CHECKING:
    from diplograph.store import Store

Exporter = Callable[["Store", TextIO], int]


def exporters() -> dict[str, Exporter]:
    """Export formats by the name the CLI's ``--format`` takes."""
    from diplograph.query.exports import export_csv, export_graphml, export_jsonld

    return {"facts-jsonl": export_facts_jsonl, "csv": export_csv, "graphml": export_graphml,
            "jsonld": export_jsonld}


PathExporter = Callable[["Store", str], int]


def path_exporters() -> dict[str, PathExporter]:
    """Formats that write several files: ``fn(store, folder_or_zip_path) -> int``."""
    from diplograph.query.exports import export_csv_tables

    return {"csv-tables": export_csv_tables}


# Fact types that carry FACTS.md's optional ``channel`` (party, state, parliament, people).
CHANNEL_TYPES = ("event", "agreement")


def write_facts_jsonl(facts: Iterable[Fact], fh: TextIO, *, documents: Iterable[Document] = ()) -> int:
    """Write facts as FACTS.md JSON Lines; returns the number of lines.

    Exactly one ``document`` line per document: the first ``document`` fact of
    each document is kept, and a document of ``documents`` without one gets a
    line made from its metadata (so a scorer sees its date either way).
    """
    written = 0
    have_document_line: set[str] = set()
    for fact in facts:
        if fact.type == "document":
            if fact.doc_id in have_document_line:
                continue
            have_document_line.add(fact.doc_id)
        record = fact.to_json()
        if fact.type in CHANNEL_TYPES:
            record.setdefault("channel", None)  # FACTS.md's channel: always present, null in older stores
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    for document in documents:
        if document.id not in have_document_line:
            have_document_line.add(document.id)
            fh.write(json.dumps(document_fact(document).to_json(), ensure_ascii=False) + "\n")
            written += 1
    return written


def document_fact(document: Document) -> Fact:
    """The ``document`` fact of a document from its metadata alone (no sentence to cite)."""
    fields = {"published": document.published, "title": document.title,
              "published_source": document.published_source}
    return Fact("document", fields, Evidence(document.id, 0, 0, 0, ""), "export",
                0.9 if document.published else 0.1)


def export_facts_jsonl(store: Store, fh: TextIO) -> int:
    """Every stored fact, document by document (document line first), as FACTS.md JSON Lines."""
    written = 0
    for document in store.documents():
        facts = store.facts(doc_id=document.id)
        facts.sort(key=lambda fact: fact.type != "document")  # stable: the document line first
        written += write_facts_jsonl(facts, fh, documents=[document])
    return written


__all__ = ["document_fact", "export_facts_jsonl", "exporters", "path_exporters", "write_facts_jsonl"]
