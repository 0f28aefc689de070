"""The small typed core that every stage speaks.

A :class:`Document` is what ingest reads; the ``nlp`` stage turns it into an
:class:`AnalyzedDocument` (sentences, tokens and :class:`Mention` s with
canonical ids); the ``extract`` stage turns that into :class:`Fact` s, each
pointing into its source through an :class:`Evidence` (like a spaCy ``Span``
points into its ``Doc``). The store, the query API, exports and the web app
work on these objects only; nothing outside ``nlp/`` sees spaCy.

All character offsets are into ``Document.text``, the original text as read
(for JSONL input: the title, a blank line, then the body).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

FactType = Literal[
    "document",
    "statistic",
    "partnership",
    "diplomatic_relations",
    "role",
    "agreement",
    "event",
    "position",
]
FACT_TYPES: tuple[str, ...] = (
    "document",
    "statistic",
    "partnership",
    "diplomatic_relations",
    "role",
    "agreement",
    "event",
    "position",
)

# What a mention refers to. "country" and "body" and "person" carry canonical ids.
MentionKind = Literal[
    "country",  # id: ISO 3166-1 alpha-3 ("VNM"); also demonyms and capitals used as metonyms
    "body",  # id: bodies registry id ("UNSC", "CPV")
    "person",  # id: canonical person name ("Bui Thanh Son")
    "place",  # a location that is not a country (city, building); id may be the country
    "date",  # a time expression; attrs["value"] is the resolved ISO date or None
    "number",  # a cardinal / quantity / money / percent; attrs["value"], attrs["unit"]
    "title",  # an office title ("Foreign Minister"); attrs may hold "org"
    "other",
]


@dataclass(frozen=True)
class Document:
    """One article as read from disk, before any NLP.

    ``segments`` are the (start, end) spans of ``text`` that are article body;
    everything outside them is page furniture (menus, theme pickers, caption
    stubs, a site's date header) and is never analysed.
    """

    id: str
    text: str
    source: str = ""  # path (and line number for JSONL) it came from
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date to the precision known: "2021", "2021-12", "2021-12-14"
    published_source: str = "none"  # "metadata" | "text" | "none"
    segments: tuple[tuple[int, int], ...] = ()

    @property
    def sha1(self) -> str:
        """Content hash: two documents with the same text are duplicates."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    def body_segments(self) -> tuple[tuple[int, int], ...]:
        return self.segments or ((0, len(self.text)),)


@dataclass(frozen=True)
class Token:
    """One token, as our model sees it (a frozen copy of what spaCy said)."""

    i: int  # index within the sentence
    start: int  # char offsets into Document.text
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index within the sentence of the syntactic head (self for the root)


@dataclass(frozen=True)
class Mention:
    """A span of text that names something, with its canonical id when known."""

    start: int  # char offsets into Document.text
    end: int
    text: str
    kind: str  # one of MentionKind
    id: str | None = None
    label: str = ""  # where it came from: spaCy label ("GPE") or "ruler", "title", "coref"...
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:  # attrs is a dict: hash on identity fields only
        return hash((self.start, self.end, self.kind, self.id))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document's body with its tokens and mentions."""

    index: int  # position within the document, from 0
    start: int  # char offsets into Document.text
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def mentions_of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def local(self, start: int, end: int) -> str:
        """The text between two document offsets that fall inside this sentence."""
        return self.text[start - self.start : end - self.start]


@dataclass(frozen=True)
class Person:
    """A person as the document presents them: fullest name, titles and the org of each."""

    name: str  # canonical (ASCII, diacritics folded, usual order)
    titles: tuple[tuple[str, str | None], ...] = ()  # (title as written, org id)
    aliases: tuple[str, ...] = ()  # surface forms seen ("Son", "Mr. Son")


@dataclass(frozen=True)
class AnalyzedDocument:
    """A document after the nlp stage: what every extractor reads."""

    document: Document
    sentences: tuple[Sentence, ...]
    people: Mapping[str, Person] = field(default_factory=dict)  # canonical name -> Person
    # The document's main actor ("the country", "the Southeast Asian country"): an id or None.
    focus: str | None = None
    # The country its publisher speaks for (a government domain, a national agency's credit), if any.
    home: str | None = None

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def published(self) -> str | None:
        return self.document.published


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a sentence of a document, with char offsets.

    ``start``/``end`` are the sentence's offsets into the original document
    text; ``text`` is derived from them when the evidence is made
    (:meth:`from_sentence`), never typed in by hand.
    """

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str

    @classmethod
    def from_sentence(cls, doc_id: str, sentence: Sentence) -> "Evidence":
        return cls(doc_id, sentence.index, sentence.start, sentence.end, sentence.text)


@dataclass(frozen=True)
class Fact:
    """One extracted fact of FACTS.md, with the evidence it rests on.

    ``fields`` holds the type's fields exactly as FACTS.md names them
    (``subject``, ``metric``, ``value`` ... for a statistic), JSON values only.
    """

    type: str  # one of FACT_TYPES
    fields: Mapping[str, Any]
    evidence: Evidence
    extractor: str
    confidence: float = 0.5

    def __hash__(self) -> int:
        return hash((self.type, self.fingerprint))

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def fingerprint(self) -> str:
        """Stable id of this fact within its document: type + fields + sentence.

        Re-extracting the same document gives the same fingerprints, which is
        what makes a rebuild idempotent.
        """
        payload = json.dumps(
            [self.evidence.doc_id, self.type, self.evidence.sentence, _canonical(self.fields)],
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """The FACTS.md JSON Lines record (plus provenance fields the scorer ignores)."""
        out: dict[str, Any] = {"doc": self.evidence.doc_id, "type": self.type}
        out.update(self.fields)
        out["evidence"] = self.evidence.text
        out["sentence"] = self.evidence.sentence
        out["evidence_start"] = self.evidence.start  # not "start": roles and events have a start field
        out["evidence_end"] = self.evidence.end
        out["extractor"] = self.extractor
        out["confidence"] = round(self.confidence, 3)
        return out


def _canonical(value: Any) -> Any:
    """Order-insensitive form of participant/party lists, for fingerprints."""
    if isinstance(value, Mapping):
        return {k: _canonical(v) for k, v in sorted(value.items()) if v is not None}
    if isinstance(value, (list, tuple)):
        items = [_canonical(v) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    return value
