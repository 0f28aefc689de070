"""The store: documents, sentences, mentions, facts and their evidence, on disk.

SQLite is the default (one file, nothing to run); PostgreSQL is the server
option for many writers and readers. Both speak the :class:`Store` protocol and
are created by versioned migrations (``store/migrations/NNNN_name.<dialect>.sql``)
applied in order when a store is opened.

::

    from diplograph.store import open_store

    with open_store("diplograph.sqlite") as store:
        store.write_document(adoc, facts)      # one transaction per document
        store.facts(type="partnership", entity="VNM", since="2020")
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from diplograph.model import AnalyzedDocument, Document, Fact, Mention, Sentence

Names = str | Sequence[str] | None  # one id or several


@dataclass(frozen=True)
class Entity:
    """A country, body or person that mentions or facts name, with how many facts name it."""

    id: str
    kind: str  # country | body | person
    name: str
    facts: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "facts": self.facts}


class Store(Protocol):
    """What every front end and the pipeline may ask of a store."""

    def has_document(self, doc_id: str, sha1: str) -> bool: ...

    def write_document(self, adoc: AnalyzedDocument, facts: list[Fact]) -> None: ...

    def documents(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Document]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def analyzed(self, doc_id: str) -> AnalyzedDocument | None: ...

    def sentences(self, doc_id: str) -> list[Sentence]: ...

    def mentions(self, doc_id: str) -> list[Mention]: ...

    def facts(
        self,
        type: Names = None,
        doc_id: str | None = None,
        entity: Names = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        role: Names = None,
        order: str = "id",
    ) -> list[Fact]: ...

    def fact(self, fingerprint: str) -> Fact | None: ...

    def count_facts(
        self,
        type: Names = None,
        doc_id: str | None = None,
        entity: Names = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        *,
        role: Names = None,
    ) -> int: ...

    def entities(
        self,
        kind: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        order: str = "name",
        min_facts: int = 0,
    ) -> list[Entity]: ...

    def count_entities(self, kind: str | None = None, q: str | None = None, *, min_facts: int = 0) -> int: ...

    def entity(self, entity_id: str) -> Entity | None: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


DEFAULT_TARGET = "diplograph.sqlite"


def open_store(target: str | Path = DEFAULT_TARGET, *, read_only: bool = False) -> Store:
    """Open (and migrate) the store at ``target``: a file path, or a ``postgresql://`` URL.

    ``read_only`` opens it for reading only (the web app): no migration is
    applied, and an out-of-date store is an error that says to rebuild.
    """
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from diplograph.store.postgres import PostgresStore

        return PostgresStore(text, read_only=read_only)
    from diplograph.store.sqlite import SqliteStore

    return SqliteStore(text, read_only=read_only)


__all__ = ["DEFAULT_TARGET", "Entity", "Store", "open_store"]
