"""Shared fixtures. Others may append fixtures below; keep each one small.

spaCy is loaded at most once per session: ``diplograph.nlp.load_pipeline`` is
lru_cached, and the ``nlp`` fixture is session-scoped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diplograph.model import AnalyzedDocument, Document, Fact

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev"
GOLD = SHARED / "gold"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class MemoryStore:
    """The store contract in memory: for tests of code that only writes and reads back.

    ``fail_on`` makes ``write_document`` raise for that document id (crash tests).
    """

    def __init__(self, fail_on: str | None = None) -> None:
        self.docs: dict[str, AnalyzedDocument] = {}
        self.by_doc: dict[str, list[Fact]] = {}
        self.fail_on = fail_on

    def has_document(self, doc_id: str, sha1: str) -> bool:
        adoc = self.docs.get(doc_id)
        return adoc is not None and adoc.document.sha1 == sha1

    def write_document(self, adoc: AnalyzedDocument, facts: list[Fact]) -> None:
        if adoc.id == self.fail_on:
            raise RuntimeError(f"simulated crash while writing {adoc.id}")
        self.docs[adoc.id] = adoc
        self.by_doc[adoc.id] = list(facts)

    def documents(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Document]:
        docs = [a.document for a in self.docs.values()][offset:]
        return iter(docs[:limit] if limit is not None else docs)

    def document(self, doc_id: str) -> Document | None:
        adoc = self.docs.get(doc_id)
        return adoc.document if adoc else None

    def facts(self, type: Any = None, doc_id: str | None = None, **_: Any) -> list[Fact]:
        types = {type} if isinstance(type, str) else set(type) if type else None
        out = []
        for did, facts in self.by_doc.items():
            if doc_id is not None and did != doc_id:
                continue
            out.extend(f for f in facts if types is None or f.type in types)
        return out

    def counts(self) -> dict[str, int]:
        out = {"documents": len(self.docs), "facts": sum(len(f) for f in self.by_doc.values())}
        for facts in self.by_doc.values():
            for fact in facts:
                out[f"facts.{fact.type}"] = out.get(f"facts.{fact.type}", 0) + 1
        return out

    def close(self) -> None:
        pass

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once for the whole test session."""
    from diplograph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture
def memory_store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def write_files(tmp_path: Path):
    """Write {relative name: str | bytes} under a fresh folder and return the folder."""

    def write(files: dict[str, str | bytes], folder: str = "in") -> Path:
        root = tmp_path / folder
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write
