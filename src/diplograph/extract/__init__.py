"""Fact extractors: one module per fact type, each ``extract(doc) -> list[Fact]``.

Every extractor reads an :class:`~diplograph.model.AnalyzedDocument` (never
spaCy objects) and the argument frames of its sentences
(:class:`~diplograph.extract.frames.DocParses`, made once per document and
shared), and returns facts whose evidence is the sentence they came from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Sequence

from diplograph import resolve
from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Fact

Extractor = Callable[[AnalyzedDocument, DocParses], list[Fact]]


# The module that extracts each fact type, in the order they run.
MODULES = {
    "document": "documents",
    "statistic": "statistics",
    "partnership": "partnerships",
    "diplomatic_relations": "relations",
    "role": "roles",
    "agreement": "agreements",
    "event": "events",
    "position": "positions",
}


def extractors(types: Sequence[str] | None = None) -> dict[str, Extractor]:
    """The extractor of each fact type (of the given types), in the order they run."""
    from importlib import import_module

    return {t: import_module(f"diplograph.extract.{m}").extract for t, m in MODULES.items()
            if types is None or t in types}


# The field of each fact type that names the actor it is about.
ACTOR_FIELDS = {"statistic": "subject", "role": "actor", "position": "org"}


def _with_canonical_actor(fact: Fact) -> Fact:
    """The fact with its actor field recorded as :func:`resolve.actor_id` says."""
    name = ACTOR_FIELDS.get(fact.type)
    if name is None:
        return fact
    value = fact.fields.get(name)
    canonical = resolve.actor_id(value) if isinstance(value, str) else value
    if canonical == value:
        return fact
    return replace(fact, fields={**fact.fields, name: canonical})


def extract_facts(doc: AnalyzedDocument, types: Sequence[str] | None = None) -> list[Fact]:
    """All facts of a document (of the given types), duplicates within the document removed."""
    out: list[Fact] = []
    seen: set[str] = set()
    parses = DocParses(doc)
    for fact_type, extract in extractors(types).items():
        for fact in map(_with_canonical_actor, extract(doc, parses)):
            if fact.fingerprint not in seen:
                seen.add(fact.fingerprint)
                out.append(fact)
    if any(f.type in ("event", "agreement") for f in out):
        from diplograph.extract.channels import with_channels
        from diplograph.extract.positions import holdings

        titles: dict[str, str] = {}
        for h in holdings(doc, parses):
            titles.setdefault(h.person, h.title)
        out = with_channels(out, {s.index: s for s in doc.sentences}, titles)
    return out


def dedupe(facts: Iterable[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for fact in facts:
        if fact.fingerprint not in seen:
            seen.add(fact.fingerprint)
            out.append(fact)
    return out
