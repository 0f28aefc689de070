"""Helpers every extractor shares."""

from __future__ import annotations

from typing import Any

from diplograph.model import AnalyzedDocument, Evidence, Fact, Sentence


def make_fact(doc: AnalyzedDocument, sentence: Sentence, fact_type: str, extractor: str,
              confidence: float = 0.6, **fields: Any) -> Fact:
    """A fact citing ``sentence`` of ``doc``."""
    return Fact(type=fact_type, fields=fields, evidence=Evidence.from_sentence(doc.id, sentence),
                extractor=extractor, confidence=confidence)
