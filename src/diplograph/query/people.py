"""One identity per person across documents: "Biden", "Joe Biden", "Joseph R. Biden Jr." are one.

Stores keep each spelling of a name as its own entity, so a profile of "Biden"
would miss what was said of "Joseph R. Biden Jr." and a network would show
three nodes. :class:`PeopleIndex` groups the spellings the store knows:

- two names of two or more words are one person when their words agree up to
  the given name: the same surname and compatible given names ("Joe" ~
  "Joseph", "Alex" ~ "Alexander"; never "Jill" ~ "Joe"), or one runs at the
  end of the other ("Phu Trong" ~ "Nguyen Phu Trong"); middle names of the
  shorter must be in the longer ("Mary Ann Smith" is not "Mary Beth Smith");
- a single word ("Biden", "Son") joins the one person whose name holds it after
  the first word (the scorer's rule), or, failing that, as the first word
  ("Xi" ~ "Xi Jinping"); when several people fit it joins only one that is
  cited far more than the others together, else it stays a name of its own;
- the canonical name is the fullest spelling among the well-cited ones.

Matching is stricter than :func:`~diplograph.query.merge.name_ok` (the scorer's
rule, which also pairs "Kim Jong Un" with "Kim Yo Jong"): identities decide
what the query layer treats as one person, so a false merge would mix two
people's facts.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from diplograph.query.merge import is_id, name_tokens

# Short forms of given names that are not prefixes of the full form (prefixes match by rule).
_NICKNAMES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "joe": "joseph", "tony": "anthony antony", "antony": "anthony", "jon": "jonathan", "bill": "william", "will": "william", "billy": "william", "bob": "robert",
    "bobby": "robert", "mike": "michael", "jim": "james", "jimmy": "james",
    "tom": "thomas", "dick": "richard", "rick": "richard", "ted": "edward", "ed": "edward",
    "steve": "stephen", "kate": "katherine", "liz": "elizabeth", "beth": "elizabeth", "andy": "andrew",
    "dave": "david", "jack": "john", "johnny": "john", "hank": "henry", "harry": "henry",
    "peggy": "margaret", "maggie": "margaret", "chuck": "charles", "charlie": "charles",
    "sandy": "alexandra", "sasha": "alexander", "misha": "mikhail",
}.items()}
# Words that title a person before the name ("President Biden", "First Lady Jill Biden"): not
# part of it. Royal titles stay ("King Charles" is how he is named).
_LEADING_TITLES = {
    "president", "vice", "prime", "minister", "secretary", "general", "ambassador", "senator", "sen",
    "governor", "speaker", "chancellor", "premier", "chairman", "chairwoman", "chair", "mr", "mrs", "ms",
    "dr", "sir", "dame", "madam", "his", "her", "excellency", "hon", "honorable", "honourable", "shri",
    "smt", "prof", "press", "foreign", "defense", "defence", "national", "security", "advisor", "adviser",
    "special", "envoy", "deputy", "state", "elect", "former", "first", "lady", "leader", "director",
    "representative", "rep", "commissioner", "spokesperson", "spokesman", "spokeswoman", "counselor",
}
# A single word joins the most cited of several fitting people only when it is this many
# times as cited as all the others together.
_DOMINANCE = 4.0
# The canonical name is the fullest of the names cited at least this share of the best-cited one.
_CANONICAL_SHARE = 0.1


def _given_ok(a: str, b: str) -> bool:
    """Compatible given names: equal, one a prefix (3+ letters) of the other, or a known short form."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and long_.startswith(short):
        return True
    return long_ in _NICKNAMES.get(short, ()) or short in _NICKNAMES.get(long_, ()) or bool(
        _NICKNAMES.get(short, frozenset()) & _NICKNAMES.get(long_, frozenset()))


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """A name's folded words without suffixes, initials and leading titles ("President Biden" -> biden)."""
    tokens = tuple(name_tokens(name))
    start = 0
    while start < len(tokens) - 1 and tokens[start] in _LEADING_TITLES:
        start += 1
    return tokens[start:]


def same_full_name(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two names of two or more (folded) words that name the same person."""
    at, bt = tuple(a), tuple(b)
    if len(at) < 2 or len(bt) < 2:
        return False
    if at == bt:
        return True
    short, long_ = (at, bt) if len(at) <= len(bt) else (bt, at)
    if len(short) < len(long_) and long_[-len(short):] == short:
        return True  # "Phu Trong" ~ "Nguyen Phu Trong"
    if short[-1] != long_[-1] or not _given_ok(short[0], long_[0]):
        return False
    return all(word in long_[1:-1] for word in short[1:-1])


@dataclass(frozen=True)
class Identity:
    """One person: the canonical (fullest) name, every spelling seen, and how often they are cited."""

    name: str
    aliases: tuple[str, ...]
    facts: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases), "facts": self.facts}


class PeopleIndex:
    """The people a store knows, grouped into identities (see the module docstring)."""

    def __init__(self, names: Mapping[str, int] | Iterable[tuple[str, int]]) -> None:
        counts: dict[str, int] = {}
        for name, n in (names.items() if isinstance(names, Mapping) else names):
            if isinstance(name, str) and name.strip() and not is_id(name) and person_tokens(name):
                counts[name] = counts.get(name, 0) + int(n or 0)
        self._identity: dict[str, Identity] = {}
        self._by_tokens: dict[tuple[str, ...], Identity] = {}
        self._unknown: dict[str, Identity | None] = {}  # names met in facts but not in the store's list
        clusters: list[list[str]] = []
        by_word: dict[str, list[int]] = {}  # a word after the first -> clusters holding it there
        full = sorted((n for n in counts if len(person_tokens(n)) >= 2),
                      key=lambda n: (-counts[n], -len(person_tokens(n)), n))
        for name in full:
            tokens = tuple(person_tokens(name))
            seen: set[int] = set()
            fitting = []
            for word in tokens[1:]:
                for no in by_word.get(word, ()):
                    if no not in seen:
                        seen.add(no)
                        if all(same_full_name(tokens, person_tokens(m)) for m in clusters[no]):
                            fitting.append(no)
            if len(fitting) == 1:
                home = fitting[0]
            else:  # a new person, or a name that fits several: kept apart rather than guessed
                home = len(clusters)
                clusters.append([])
            clusters[home].append(name)
            for word in tokens[1:]:
                if home not in by_word.setdefault(word, []):
                    by_word[word].append(home)
        first_word: dict[str, list[int]] = {}
        for no, members in enumerate(clusters):
            for member in members:
                head = person_tokens(member)[0]
                if no not in first_word.setdefault(head, []):
                    first_word[head].append(no)
        last_word: dict[str, list[int]] = {}
        for no, members in enumerate(clusters):
            for member in members:
                tail = person_tokens(member)[-1]
                if no not in last_word.setdefault(tail, []):
                    last_word[tail].append(no)
        weight = [sum(counts[m] for m in members) for members in clusters]
        for name in sorted(n for n in counts if len(person_tokens(n)) == 1):
            word = person_tokens(name)[0]
            # the surname first ("Son": Bui Thanh Son before Choe Son Hui), then a middle word, then the first
            tier = next((t for t in (last_word.get(word), by_word.get(word), first_word.get(word)) if t), [])
            joins = _dominant(tier, weight)
            if joins is None:
                clusters.append([name])
                weight.append(counts[name])
            else:
                clusters[joins].append(name)
        for members in clusters:
            identity = Identity(_canonical(members, counts), tuple(sorted(members, key=lambda m: (-counts[m], m))),
                                sum(counts[m] for m in members))
            for member in members:
                self._identity[member] = identity
                self._by_tokens.setdefault(tuple(person_tokens(member)), identity)

    def __len__(self) -> int:
        return len({id(i) for i in self._identity.values()})

    def identities(self) -> list[Identity]:
        """Every identity, most cited first."""
        unique = {id(i): i for i in self._identity.values()}
        return sorted(unique.values(), key=lambda i: (-i.facts, i.name))

    def identity(self, name: str | None) -> Identity | None:
        """The identity of a name: a spelling the store knows, else one with the same words."""
        if not name or is_id(name):
            return None
        found = self._identity.get(name)
        if found is None:
            found = self._by_tokens.get(tuple(person_tokens(name)))
        if found is None:
            if name not in self._unknown:
                self._unknown[name] = self._resolve_unknown(name)
            found = self._unknown[name]
        return found

    def _resolve_unknown(self, name: str) -> Identity | None:
        tokens = tuple(person_tokens(name))
        if not tokens:
            return None
        if len(tokens) == 1:
            word = tokens[0]
            full = [(person_tokens(m), i) for m, i in self._identity.items() if len(person_tokens(m)) > 1]
            fitting: dict[int, Identity] = {}
            for where in (lambda t: t[-1] == word, lambda t: word in t[1:], lambda t: t[0] == word):
                fitting = {id(i): i for t, i in full if where(t)}
                if fitting:
                    break
            ranked = sorted(fitting.values(), key=lambda i: -i.facts)
        else:
            ranked = [i for i in {id(i): i for i in self._identity.values()}.values()
                      if all(same_full_name(tokens, person_tokens(m)) for m in i.aliases if len(person_tokens(m)) > 1)
                      and any(len(person_tokens(m)) > 1 for m in i.aliases)]
            return ranked[0] if len(ranked) == 1 else None
        if len(ranked) == 1 or (ranked and ranked[0].facts >= _DOMINANCE * sum(i.facts for i in ranked[1:])):
            return ranked[0]
        return None

    def canonical(self, name: str) -> str:
        """The fullest name of the person ``name`` means; the name itself when unknown or ambiguous."""
        found = self.identity(name)
        return found.name if found else name

    def aliases(self, name: str) -> list[str]:
        """Every spelling of the person ``name`` means (canonical first), or just ``name``."""
        found = self.identity(name)
        if found is None:
            return [name]
        return [found.name] + [a for a in found.aliases if a != found.name]

    def same(self, a: str | None, b: str | None) -> bool | None:
        """True/False when both names have identities; None when one is unknown (the caller decides)."""
        ia, ib = self.identity(a), self.identity(b)
        if ia is None or ib is None:
            return None
        return ia is ib


def _dominant(candidates: list[int], weight: list[int]) -> int | None:
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda no: (-weight[no], no))
    if len(ranked) == 1 or weight[ranked[0]] >= _DOMINANCE * sum(weight[no] for no in ranked[1:]):
        return ranked[0]
    return None


def _canonical(members: list[str], counts: Mapping[str, int]) -> str:
    full = [m for m in members if len(person_tokens(m)) > 1] or members
    best = max(counts[m] for m in full)
    cited = [m for m in full if counts[m] >= _CANONICAL_SHARE * best]
    words = {m: person_tokens(m) for m in members}

    def plain(m: str) -> bool:
        # No title before it, and no leading word that a better-cited spelling goes without
        # ("Transportation Pete Buttigieg" next to "Pete Buttigieg").
        if tuple(name_tokens(m)) != words[m]:
            return False
        return not any(len(words[n]) > 1 and words[n] == words[m][1:] and counts[n] > counts[m]
                       for n in members if n != m)

    # Plain spellings, then most words (so "Jr." and initials count), mixed case over capitals, most cited.
    return max(cited, key=lambda m: (plain(m), len(words[m]), len(m.split()), m != m.upper(), counts[m], m))


_CACHE: weakref.WeakKeyDictionary[Any, tuple[float, int, PeopleIndex]] = weakref.WeakKeyDictionary()
_FRESH_SECONDS = 30.0


def people_index(store: Any) -> PeopleIndex:
    """The store's people as identities, rebuilt when the store has new people (or after 30 s).

    One query over the people entities; cached per store object so a page of
    queries builds it once.
    """
    getter = getattr(store, "entities", None)
    if getter is None:
        return PeopleIndex({})
    stored = _stored_index(store)
    if stored is not None:
        return stored
    counter = getattr(store, "count_entities", None)
    size = int(counter(kind="person")) if callable(counter) else -1
    now = time.monotonic()
    try:
        cached = _CACHE.get(store)
    except TypeError:  # a store that cannot be weakly referenced: no caching
        cached = None
    if cached and cached[1] == size and size >= 0 and now - cached[0] < _FRESH_SECONDS:
        return cached[2]
    try:
        people = getter(kind="person", min_facts=1)
    except TypeError:  # a source without min_facts (MemorySource counts facts itself)
        people = getter(kind="person")
    index = PeopleIndex((e.id, getattr(e, "facts", 0) or getattr(e, "n_facts", 0)) for e in people)
    try:
        _CACHE[store] = (now, size, index)
    except TypeError:
        pass
    return index


_STORED: weakref.WeakKeyDictionary[Any, tuple[str, PeopleIndex]] = weakref.WeakKeyDictionary()


def _stored_index(store: Any) -> PeopleIndex | None:
    """The identities a store keeps with its merged facts (as of its last refresh), or None.

    Built from the same names and counts the store's merged facts were made with, so a
    query's people and its merged facts always agree; rebuilt when the store refreshes them.
    """
    ready = getattr(store, "merged_ready", None)
    if not callable(ready) or not callable(getattr(store, "people_rows", None)) or not ready():
        return None
    version = str(store.people_version())
    try:
        cached = _STORED.get(store)
    except TypeError:
        cached = None
    if cached is not None and cached[0] == version:
        return cached[1]
    index = PeopleIndex(store.people_rows())
    try:
        _STORED[store] = (version, index)
    except TypeError:
        pass
    return index


__all__ = ["Identity", "PeopleIndex", "people_index", "same_full_name"]
