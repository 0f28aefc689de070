"""Mentions -> canonical ids: countries (ISO alpha-3), bodies (registry ids), people.

Pure lookups over registries shipped in ``diplograph/data``; no spaCy here.
FIRST CUT: the nlp/resolve helper extends the registries (aliases, demonyms,
capitals as metonyms, hundreds of bodies) behind these same functions.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry


def fold(text: str) -> str:
    """ASCII, diacritics removed ("Nguyễn Phú Trọng" -> "Nguyen Phu Trong", "đ" -> "d")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def norm_key(text: str) -> str:
    """Lookup key: folded, lower case, no leading 'the', punctuation squeezed."""
    text = fold(text).casefold().replace("’", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"[\s\-]+", " ", text)
    return text.strip(" .,;:")


@dataclass(frozen=True)
class Body:
    id: str
    kind: str
    name: str
    country: str | None
    aliases: tuple[str, ...]


@lru_cache(maxsize=None)
def bodies() -> dict[str, Body]:
    """All known bodies by id (the shared spec's, extended by our registry)."""
    out: dict[str, Body] = {}
    for fname in ("bodies_spec.tsv", "bodies.tsv"):
        path = resources.files("diplograph.data").joinpath(fname)
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if not row.get("id") or row["id"].startswith("#"):
                    continue
                aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
                old = out.get(row["id"])
                if old:
                    aliases = tuple(dict.fromkeys(old.aliases + aliases))
                out[row["id"]] = Body(row["id"], row.get("kind") or "", row.get("name") or row["id"],
                                      row.get("country") or None, aliases)
    return out


@lru_cache(maxsize=None)
def _body_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for body in bodies().values():
        for alias in (body.name, *body.aliases):
            index.setdefault(norm_key(alias), body.id)
    return index


def body_id(text: str) -> str | None:
    """The registry id of a body named ``text``, or None."""
    return _body_index().get(norm_key(text))


def national_country(entity_id: str | None) -> str | None:
    """The country a national body belongs to (CPV -> VNM); a country maps to itself."""
    if not entity_id:
        return None
    body = bodies().get(entity_id)
    if body:
        return body.country
    return entity_id if len(entity_id) == 3 and entity_id.isupper() else None


# Names pycountry gets wrong or does not know. Keys are norm_key()s.
_COUNTRY_ALIASES = {
    "us": "USA", "u.s": "USA", "u.s.": "USA", "usa": "USA", "u.s.a": "USA", "america": "USA",
    "united states": "USA", "united states of america": "USA",
    "uk": "GBR", "u.k": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR",
    "vietnam": "VNM", "viet nam": "VNM", "socialist republic of vietnam": "VNM",
    "korea": "KOR", "south korea": "KOR", "republic of korea": "KOR", "rok": "KOR",
    "north korea": "PRK", "dprk": "PRK", "democratic people's republic of korea": "PRK",
    "russia": "RUS", "laos": "LAO", "lao": "LAO", "cambodia": "KHM", "kingdom of cambodia": "KHM",
    "china": "CHN", "prc": "CHN", "people's republic of china": "CHN", "taiwan": "TWN",
    "iran": "IRN", "syria": "SYR", "turkey": "TUR", "turkiye": "TUR", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "moldova": "MDA", "czech republic": "CZE", "czechia": "CZE",
    "ivory coast": "CIV", "cote d'ivoire": "CIV", "cape verde": "CPV_", "drc": "COD",
    "democratic republic of the congo": "COD", "dr congo": "COD", "republic of the congo": "COG",
    "brunei": "BRN", "micronesia": "FSM", "palestine": "PSE", "holy see": "VAT", "vatican": "VAT",
    "kosovo": "XKX", "the netherlands": "NLD", "netherlands": "NLD", "uae": "ARE",
}
_COUNTRY_ALIASES["cape verde"] = "CPV"  # note: CPV the country code clashes with the party id; kept as ISO


@lru_cache(maxsize=4096)
def country_id(text: str) -> str | None:
    """ISO 3166-1 alpha-3 for a country name or short form, or None."""
    key = norm_key(text)
    if not key:
        return None
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    for attr in ("name", "official_name", "common_name"):
        for country in pycountry.countries:
            value = getattr(country, attr, None)
            if value and norm_key(value) == key:
                return country.alpha_3
    return None


def person_name(text: str) -> str:
    """Canonical form of a person's name: ASCII, single spaces, no honorific."""
    text = fold(text)
    text = re.sub(r"^(Mr|Mrs|Ms|Dr|Madam|Mme|H\.E)\.?\s+", "", text.strip())
    text = re.sub(r"['’]s$", "", text)
    return " ".join(text.split())
