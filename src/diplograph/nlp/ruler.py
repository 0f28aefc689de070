"""The gazetteer ruler that runs in front of spaCy's statistical NER.

It marks what our registries know (countries, demonyms, capitals, bodies,
places, office titles) before the NER runs, so the NER cannot swallow a title
into a name ("Secretariat Vo Van Thuong" as one ORG) or miss a registry body.
Matching uses spaCy's PhraseMatcher (ORTH for single tokens and acronyms,
LOWER for multiword names) and one Matcher rule for title words: no Python
loop over the registry per token.

Each span gets a label (GPE country/capital, NORP demonym, ORG body, LOC place,
TITLE office title) and a ``kb_id`` that says what it matched:
``C|VNM|name``, ``C|VNM|demonym``, ``C|VNM|capital``, ``B`` (a body name, resolved
later in context by :func:`diplograph.resolve.body_id`), ``P|VNM`` (place and its
country, possibly empty), ``T`` (title).
"""


import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.attrs import ORTH, SENT_START
from spacy.util import filter_spans
import numpy

from diplograph import resolve

RULER_NAME = "diplograph_ruler"


@dataclass(frozen=True)
class TitleWords:
    """Office-title vocabulary (data/titles.tsv)."""

    heads: frozenset[str]  # lower-case; a title in any case
    cap_heads: frozenset[str]  # only when capitalised
    modifiers: frozenset[str]  # lower-case
    phrases: tuple[str, ...]

    def is_head(self, text: str) -> bool:
        return text.lower() in self.heads or text in self.cap_heads or text.title() in self.cap_heads and text.isupper()


@lru_cache(maxsize=1)
def title_words() -> TitleWords:
    heads: set[str] = set()
    caps: set[str] = set()
    mods: set[str] = set()
    phrases: list[str] = []
    path = resources.files("diplograph.data").joinpath("titles.tsv")
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            word, role = row["word"].strip(), row["role"].strip()
            {"head": heads, "cap_head": caps, "modifier": mods}.get(role, set()).add(
                word.lower() if role in ("head", "modifier") else word)
            if role == "phrase":
                phrases.append(word)
    return TitleWords(frozenset(heads), frozenset(caps), frozenset(mods), tuple(phrases))


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, str], ...]:
    """Named places and the country each lies in: regions, seas and sub-national places (places.tsv), and
    the large cities and summit venues news names (cities.tsv)."""
    out: list[tuple[str, str]] = []
    for name in ("places.tsv", "cities.tsv"):
        with resources.files("diplograph.data").joinpath(name).open(encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            out.extend((row["name"].strip(), (row.get("country") or "").strip()) for row in rows if row.get("name"))
    return tuple(out)


def _patterns() -> list[tuple[str, str, str]]:
    """(text, label, kb_id) for every registry name; order decides ties (countries first)."""
    out: list[tuple[str, str, str]] = []
    for country in resolve.countries().values():
        for name in (country.name, *country.aliases):
            out.append((name, "GPE", f"C|{country.id}|name"))
        names = {n.lower() for n in (country.name, *country.aliases)}
        for name in country.demonyms:
            if name.lower() not in names:  # "U.S." is a name first
                out.append((name, "NORP", f"C|{country.id}|demonym"))
        for name in country.capitals:
            out.append((name, "GPE", f"C|{country.id}|capital"))
    for name, cid in places():
        out.append((name, "LOC", f"P|{cid}"))
    for body in resolve.bodies().values():
        for name in (body.name, *body.aliases):
            out.append((name, "ORG", "B"))
    for key in resolve.GENERIC_BODIES:
        if " " in key:  # "Ministry of Foreign Affairs" even where the NER misses it
            out.append((key, "ORG", "B"))
    for phrase in title_words().phrases:
        out.append((phrase, "TITLE", "T"))
    from diplograph import officeholders  # (the gazetteer's full names: people, whatever opens them)

    for name in officeholders.full_names():
        out.append((name, "PERSON", "H"))
    return out


def _iter_with(first: list[tuple[str, str, str]], extra: list[tuple[str, str, str]]):
    """Iterate ``first``, then whatever was appended to ``extra`` meanwhile."""
    yield from first
    k = 0
    while k < len(extra):
        yield extra[k]
        k += 1


class RegistryRuler:
    """spaCy component: registry spans and title spans, longest match wins, set as doc.ents."""

    def __init__(self, nlp: Language, name: str = RULER_NAME) -> None:
        self.name = name
        vocab = nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.folded = PhraseMatcher(vocab, attr="LOWER")
        self.titles = Matcher(vocab)
        self.keys: dict[int, tuple[str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str]] = set()
        tokenizer = nlp.tokenizer
        extra: list[tuple[str, str, str]] = []
        patterns = _patterns()
        for text, label, kb in _iter_with(patterns, extra):
            text = text.strip()
            if text.lower().startswith("the ") and label != "TITLE":
                rest = text[4:]
                if rest.lower() in ("party", "quad", "alliance", "union", "commonwealth", "states", "emirates"):
                    continue  # "the Party" is the registry's way of writing "Party"
                text = rest
            if not text:
                continue
            key = f"{label}|{kb}"
            self.keys[vocab.strings.add(key)] = (label, kb)
            if "'" in text:  # typographic apostrophes are common in copy: "People’s Republic of China"
                extra.append((text.replace("'", "’"), label, kb))
            tokens = tokenizer(text)
            single = len(tokens) == 1 or any(c.isupper() for c in text[1:]) and len(tokens) <= 2 and " " not in text
            variants = {text, text.upper()} if single else {text}
            for variant in variants:
                if (variant, key) in seen:
                    continue
                seen.add((variant, key))
                target = exact if single else folded
                target.setdefault(key, []).append(tokenizer(variant) if variant != text else tokens)
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)
        words = title_words()
        forms: set[str] = {"-"}
        for word in words.heads | words.modifiers:
            forms.update({word, word.title(), word.upper(), word.capitalize()})
        for word in words.cap_heads:
            forms.update({word, word.upper()})
        self.title_forms = frozenset(forms)
        self.titles.add("TITLE", [[{"ORTH": {"IN": sorted(forms)}, "OP": "+"}]], greedy="LONGEST")
        self.words = words

    def _title_span(self, doc: Doc, start: int, end: int) -> Span | None:
        """Trim a run of title words to a title: it must hold a head word."""
        while start < end and (doc[start].text == "-" or doc[start].lower_ not in self.words.heads
                               and doc[start].text not in self.words.cap_heads
                               and doc[start].lower_ not in self.words.modifiers):
            start += 1
        while end > start and (doc[end - 1].text == "-" or doc[end - 1].lower_ in self.words.modifiers
                               and doc[end - 1].lower_ not in self.words.heads
                               and doc[end - 1].text not in self.words.cap_heads):
            end -= 1
        if end <= start:
            return None
        strong = any(t.lower_ in self.words.heads for t in doc[start:end])
        if not strong:
            weak = [t for t in doc[start:end] if t.text in self.words.cap_heads
                    or t.is_upper and t.text.title() in self.words.cap_heads]
            nxt = doc[end] if end < len(doc) else None
            if not weak or nxt is None or nxt.is_sent_start or not (
                    nxt.is_title or nxt.is_upper or nxt.lower_ in ("of", "for", "at", "to")):
                return None
            if start == 0 or doc[start].is_sent_start:
                # "Major powers met": a capitalised weak word opening a sentence is not a title
                if doc[start].text in ("Major", "General", "Chief", "Head", "Leader", "Member", "Crown"):
                    return None
        return Span(doc, start, end, label="TITLE", kb_id="T")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for match_id, start, end in self.exact(doc):
            label, kb = self.keys[match_id]
            spans.append(Span(doc, start, end, label=label, kb_id=kb))
        for match_id, start, end in self.folded(doc):
            label, kb = self.keys[match_id]
            span_text = doc[start:end].text
            if label in ("ORG", "TITLE") and span_text.islower() and label != "TITLE":
                continue  # "a global fund", "the party said": lower-case words are not names
            if label == "PERSON":
                if not doc[start].text[:1].isupper():
                    continue
                while end < len(doc) and end - start < 6 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                    end += 1  # the text may write the name longer ("Ivan Duque Marquez")
            spans.append(Span(doc, start, end, label=label, kb_id=kb))
        for _, start, end in self.titles(doc):
            span = self._title_span(doc, start, end)
            if span is not None:
                spans.append(span)
        spans = _join_titles(spans)
        if spans:
            doc.ents = filter_spans(spans)
        return doc


def _join_titles(spans: list[Span]) -> list[Span]:
    """Overlapping title matches are one title: "Deputy Minister" (a run of title words) and "Minister of
    Foreign Affairs" (a phrase) make "Deputy Minister of Foreign Affairs", not the longer one alone."""
    titles = sorted((sp for sp in spans if sp.label_ == "TITLE"), key=lambda sp: (sp.start, -sp.end))
    if len(titles) < 2:
        return spans
    joined: list[Span] = []
    for sp in titles:
        last = joined[-1] if joined else None
        if last is not None and last.start < sp.start < last.end < sp.end:
            joined[-1] = Span(sp.doc, last.start, sp.end, label="TITLE", kb_id="T")
        else:
            joined.append(sp)
    return [sp for sp in spans if sp.label_ != "TITLE"] + joined


@Language.factory(RULER_NAME)
def make_registry_ruler(nlp: Language, name: str) -> RegistryRuler:
    return RegistryRuler(nlp, name)


# --------------------------------------------------------------------------- sentence guard

GUARD_NAME = "diplograph_sentence_guard"
# Tokens after which a news sentence may end; after any other token the parser may not start a new one.
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "…", "...", "—", "–", "-"})
# Closing quotes and brackets end a sentence only after final punctuation: '... he said."', "(AFP.)".
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]"})


@Language.component(GUARD_NAME)
def sentence_guard(doc: Doc) -> Doc:
    """Forbid sentence starts the text gives no cause for ("The 14th | ECOWAS Summit ..."): the small
    parser sometimes splits after an ordinal or a number; lines are already split by the caller, so
    a sentence of news copy starts after closing punctuation only (a closing quote or bracket counts
    when final punctuation comes before it)."""
    n = len(doc)
    if n < 2:
        return doc
    orths = doc.to_array([ORTH])
    ends = _ends_of(doc.vocab, orths)
    closer = _closers_of(doc.vocab, orths)
    prev_end = ends[:-1].copy()
    # after a closer, look one further back
    back = numpy.zeros(n - 1, dtype=bool)
    back[1:] = ends[:-2]
    prev_end = numpy.where(closer[:-1], back, prev_end)
    starts = numpy.zeros((n, 1), dtype="int64")
    starts[0, 0] = 1
    starts[1:, 0] = numpy.where(prev_end, 0, -1)  # 0: the parser decides; -1: no sentence starts here
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


_END_CACHE: dict[int, bool] = {}
_CLOSER_CACHE: dict[int, bool] = {}


def _ends_of(vocab, orths):  # -> numpy bool array
    out = numpy.empty(len(orths), dtype=bool)
    for i, o in enumerate(orths.tolist()):
        v = _END_CACHE.get(o)
        if v is None:
            text = vocab.strings[o]
            v = _END_CACHE[o] = text in _SENTENCE_END or text.endswith(".")
        out[i] = v
    return out


def _closers_of(vocab, orths):  # -> numpy bool array
    out = numpy.empty(len(orths), dtype=bool)
    for i, o in enumerate(orths.tolist()):
        v = _CLOSER_CACHE.get(o)
        if v is None:
            v = _CLOSER_CACHE[o] = vocab.strings[o] in _CLOSERS
        out[i] = v
    return out
