"""The ``document`` fact: one per document, its publication date as far as known."""

from __future__ import annotations

from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Evidence, Fact


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    document = doc.document
    if doc.sentences:
        evidence = Evidence.from_sentence(doc.id, doc.sentences[0])
    else:
        evidence = Evidence(doc.id, 0, 0, 0, "")
    fields = {"published": document.published, "title": document.title,
              "published_source": document.published_source}
    return [Fact("document", fields, evidence, "documents", 0.9 if document.published else 0.1)]
