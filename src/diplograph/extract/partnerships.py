"""Extractor stub: replaced by its owner (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

from diplograph.model import AnalyzedDocument, Fact


def extract(doc: AnalyzedDocument) -> list[Fact]:
    return []
