"""Gazetteer of public office holders: who serves which country or body, and when.

News often names a leader with a bare title ("President William Ruto") and never
says which country they serve; without world knowledge the extractors would
attach the document's main country.  This module answers "which country / body
/ office does this name hold on this date?" from ``data/people.tsv``.

Lookups are dict-based (one fold + one or two dict hits) because they run per
person mention over large corpora.  Surname-only matches are accepted only when
exactly one person carries that surname, so an ambiguous surname yields nothing:
a missing org is better than a wrong one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Officeholding", "OfficeholderIndex", "load", "lookup", "country_of", "offices_of", "fold"]

# Letters that NFKD does not decompose to ASCII.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss",
                              "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'"})
# Countries whose leaders English news names family name first ("Xi", "Moon", "Kim Jong Un").
_FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "KHM", "MNG"})
# Leading words stripped when a name as written does not match ("President William Ruto").
_TITLE_WORDS = frozenset({
    "president", "prime", "minister", "foreign", "secretary", "general", "state", "deputy", "vice", "chancellor",
    "premier", "king", "queen", "emperor", "empress", "pope", "grand", "duke", "emir", "sultan", "sheikh", "shaikh",
    "crown", "prince", "his", "her", "majesty",
    "excellency", "highness", "royal", "mr", "mrs", "ms", "dr", "sir", "dame", "madam", "chairman", "chairwoman",
    "chairperson", "chair", "leader", "supreme", "ayatollah", "comrade", "senior", "external", "affairs", "defence",
    "defense", "director", "un", "u", "n", "nato", "eu", "who", "imf", "taoiseach", "party", "of",
})
# Surnames that are also everyday words or first names: never matched alone ("May", "Pope Francis").
_COMMON_WORDS = frozenset({
    "may", "pope", "francis", "power", "rice", "hunt", "said", "dan", "man", "work", "martin", "young", "king",
    "rose", "long", "white", "brown", "green", "black", "will", "grace", "hope", "rule", "james", "john", "paul",
    "george", "thomas", "david", "peter", "ali", "hassan", "hussein", "mohamed", "mohammed", "ahmed", "mustafa",
    "abdullah", "salam", "sharif", "khan", "lee", "kim", "park", "wang", "zhang", "chen", "liu", "singh",
    "store", "craft", "silva", "sousa", "costa", "cohen", "yang", "chan", "kang", "chung", "tariq", "hasan", "taha",
})
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "du", "dos", "di"})


@dataclass(frozen=True)
class Officeholding:
    """One term of one person in one office (country is ISO alpha-3, org a body id)."""

    name: str
    country: str | None
    org: str | None
    office: str
    start: str
    end: str | None  # None = still in office
    gender: str | None

    def covers(self, on: str) -> bool:
        """True if the term includes date ``on`` (ISO, any precision; compared at the coarser precision)."""
        return _not_after(self.start, on) and (self.end is None or _not_after(on, self.end))


def _not_after(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


def fold(text: str) -> str:
    """Lower-case, diacritics folded, hyphens/dots/extra spaces normalised: the lookup key."""
    text = text.translate(_EXTRA_FOLDS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace(".", " ").replace("-", " ").replace(",", " ")
    return " ".join(text.lower().split())


def _surname(folded: str) -> str:
    return folded.split()[-1] if folded else ""


class OfficeholderIndex:
    """Name/alias -> terms, plus a surname index used only when unambiguous."""

    def __init__(self, rows: list[Officeholding], aliases: dict[str, list[str]]) -> None:
        self._by_person: dict[str, list[Officeholding]] = {}
        for row in rows:
            self._by_person.setdefault(row.name, []).append(row)
        self._key_to_people: dict[str, set[str]] = {}
        # Single-token forms (explicit one-word aliases and derived surnames) share one pool, so "Harris"
        # stays ambiguous when two people could be meant, whatever the alias column says.
        short: dict[str, set[str]] = {}
        explicit_short: set[str] = set()
        derived: set[str] = set()
        for person, terms in self._by_person.items():
            family_first = any(t.country in _FAMILY_NAME_FIRST for t in terms)
            canonical = fold(person)
            keys = {canonical, *(fold(a) for a in aliases.get(person, []))}
            for key in keys:
                parts = key.split()
                if len(parts) == 1:
                    short.setdefault(key, set()).add(person)
                    explicit_short.add(key)
                elif parts:
                    self._key_to_people.setdefault(key, set()).add(person)
            parts = canonical.split()
            if len(parts) > 1:
                # "Kim Jong Un", "Moon Jae-in": the family name comes first and the last token is a given
                # name. Both ends count towards ambiguity; only the family name is accepted alone.
                for token in (parts[0], parts[-1]):
                    if token not in _PARTICLES:
                        short.setdefault(token, set()).add(person)
                surname = parts[0] if family_first else parts[-1]
                if len(surname) >= 4 and surname not in _COMMON_WORDS:
                    derived.add(surname)
        self._surname_to_person: dict[str, str] = {}
        for sur, people in short.items():
            if len(people) == 1 and sur not in _COMMON_WORDS and (sur in explicit_short or sur in derived):
                self._surname_to_person[sur] = next(iter(people))

    def people(self, name: str) -> list[str]:
        """Canonical names matching ``name`` (full name or alias first, then unambiguous surname)."""
        key = fold(name)
        found = self._match(key)
        if not found:
            parts = key.split()
            while parts and parts[0] in _TITLE_WORDS:
                parts = parts[1:]
            if parts and len(parts) < len(key.split()):
                found = self._match(" ".join(parts))
        return found

    def _match(self, key: str) -> list[str]:
        if not key:
            return []
        found = self._key_to_people.get(key)
        if found:
            return sorted(found)
        parts = key.split()
        person = self._surname_to_person.get(parts[-1])
        if person is None:
            return []
        # A longer unknown form must contain every token of the canonical name ("Abiy Ahmed Ali" for
        # "Abiy Ahmed"); sharing a surname is not enough ("Nguyen Quoc Dung" is not "Nguyen Tan Dung").
        if len(parts) > 1 and not set(fold(person).split()) <= set(parts):
            return []
        return [person]

    def terms(self, person: str) -> list[Officeholding]:
        return list(self._by_person.get(person, []))

    def lookup(self, name: str, on: str | None = None) -> list[Officeholding]:
        """Terms of the person(s) named; with ``on``, only terms covering that date if any do."""
        terms = [t for p in self.people(name) for t in self._by_person[p]]
        if on:
            current = [t for t in terms if t.covers(on)]
            if current:
                return current
        return terms

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_person.values())


def _parse(text: str) -> OfficeholderIndex:
    rows: list[Officeholding] = []
    aliases: dict[str, list[str]] = {}
    lines = text.splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        rec = dict(zip(header, line.split("\t")))
        name = rec["name"].strip()
        aliases.setdefault(name, []).extend(a.strip() for a in rec.get("aliases", "").split("|") if a.strip())
        rows.append(Officeholding(
            name=name,
            country=rec.get("country", "").strip() or None,
            org=rec.get("org", "").strip() or None,
            office=rec.get("office", "").strip(),
            start=rec.get("start", "").strip(),
            end=rec.get("end", "").strip() or None,
            gender=rec.get("gender", "").strip() or None,
        ))
    return OfficeholderIndex(rows, aliases)


@lru_cache(maxsize=1)
def load() -> OfficeholderIndex:
    """The packaged gazetteer (parsed once per process)."""
    text = resources.files("diplograph.data").joinpath("people.tsv").read_text(encoding="utf-8")
    return _parse(text)


def full_names() -> list[str]:
    """Every name of two words or more the gazetteer writes for its people (canonical names and aliases,
    titled aliases such as "King Salman" left out): what the nlp stage marks as a person even where a
    capital or a place opens it ("Santiago Pena") or the NER reads it as an organisation."""
    path = resources.files("diplograph.data").joinpath("people.tsv")
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 2 or line.startswith("#"):
            continue
        for name in [cols[0], *cols[1].split("|")]:
            name = name.strip()
            if len(name.split()) >= 2 and fold(name.split()[0]).lower() not in _TITLE_WORDS and name not in out:
                out.append(name)
    return out


def lookup(name: str, on: str | None = None) -> list[Officeholding]:
    """Terms held by the person called ``name``; prefer those covering ``on`` (ISO date, any precision)."""
    return load().lookup(name, on)


def country_of(name: str, on: str | None = None) -> str | None:
    """The country this person serves, only when every matching term agrees (else None)."""
    countries = {t.country for t in lookup(name, on)}
    return countries.pop() if len(countries) == 1 and None not in countries else None


def offices_of(name: str, on: str | None = None) -> list[tuple[str | None, str | None, str]]:
    """(country, org, office) triples held, deduplicated, in file order."""
    seen: list[tuple[str | None, str | None, str]] = []
    for t in lookup(name, on):
        triple = (t.country, t.org, t.office)
        if triple not in seen:
            seen.append(triple)
    return seen
