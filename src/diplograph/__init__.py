"""diplograph: a time-aware, cited knowledge graph of a country's foreign relations."""

from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Mention, Sentence

__version__ = "0.1.0"

__all__ = ["AnalyzedDocument", "Document", "Evidence", "Fact", "Mention", "Sentence", "__version__"]
