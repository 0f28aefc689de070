"""The spaCy boundary: the only package that imports spaCy.

``load_pipeline()`` gives the configured spaCy pipeline; ``analyze()`` turns
documents into :class:`~diplograph.model.AnalyzedDocument` s (sentences,
tokens, mentions with canonical ids) that the rest of diplograph reads.
"""

from diplograph.nlp.pipeline import analyze, analyze_text, load_pipeline

__all__ = ["analyze", "analyze_text", "load_pipeline"]
