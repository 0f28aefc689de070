"""Mentions -> canonical ids: countries (ISO alpha-3), bodies (registry ids), people.

Pure lookups over registries shipped in ``diplograph/data`` (no spaCy here):

- ``countries.tsv``: every ISO 3166-1 country and territory with its names and
  short forms, demonyms/adjectives and capitals/seats of government;
- ``bodies_spec.tsv`` (the shared spec, unchanged) and ``bodies.tsv`` (ours):
  international organisations, their organs, forums, parties, legislatures,
  ministries, armed groups.

Generic names of national bodies ("the National Assembly", "the Foreign
Ministry", "the Party") depend on the country they are about; ``body_id`` takes
that country as ``context`` (the nlp stage passes the country named nearby or
the document's focus) and falls back to a generated id in the registry's style
(``NA_KEN``, ``MOFA_JPN``) when the registry has no such body.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "ı": "i", "’": "'", "‘": "'",
                             "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """ASCII, diacritics removed ("Nguyễn Phú Trọng" -> "Nguyen Phu Trong", "đ" -> "d")."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c))


def norm_key(text: str) -> str:
    """Lookup key: folded, lower case, no leading 'the', no possessive, punctuation squeezed."""
    text = fold(text).casefold()
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"'s?$", "", text)
    text = re.sub(r"[\s\-]+", " ", text)
    return text.strip(" .,;:")


def _rows(fname: str) -> Iterator[dict[str, str]]:
    path = resources.files("diplograph.data").joinpath(fname)
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            if row.get("id"):
                yield {k: (v or "").strip() for k, v in row.items() if k}


def _split(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


# --------------------------------------------------------------------------- countries


@dataclass(frozen=True)
class Country:
    id: str  # ISO 3166-1 alpha-3 (XKX for Kosovo)
    kind: str  # state | partial | territory | historical (SUN: the gold's id for the Soviet Union)
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@cache
def countries() -> dict[str, Country]:
    """Every country and territory by alpha-3 id."""
    return {row["id"]: Country(row["id"], row.get("kind", "state"), row["name"], _split(row.get("aliases", "")),
                               _split(row.get("demonyms", "")), _split(row.get("capitals", "")))
            for row in _rows("countries.tsv")}


@cache
def _country_index() -> dict[str, tuple[str, str]]:
    """norm_key -> (id, how) with how in name | demonym | capital; names win over the rest."""
    index: dict[str, tuple[str, str]] = {}
    for how in ("name", "demonym", "capital"):
        for country in countries().values():
            forms = {"name": (country.name, *country.aliases), "demonym": country.demonyms,
                     "capital": country.capitals}[how]
            for form in forms:
                index.setdefault(norm_key(form), (country.id, how))
    return index


def country_match(text: str) -> tuple[str, str] | None:
    """(alpha-3, how) for a country name, demonym or capital; ``how`` says which it was."""
    return _country_index().get(norm_key(text))


@lru_cache(maxsize=8192)
def country_id(text: str, capitals: bool = False) -> str | None:
    """ISO 3166-1 alpha-3 for a country name, short form or demonym ("Russian"), or None.

    Capitals ("Beijing") count only with ``capitals=True``: a capital is a
    metonym in some sentences and a place in others, which the caller knows.
    """
    hit = country_match(text)
    if hit is None:
        key = norm_key(text)
        for prefix in ("republic of ", "kingdom of ", "state of ", "government of ", "people of "):
            if key.startswith(prefix):
                hit = _country_index().get(key[len(prefix):])
                break
    if hit is None or (hit[1] == "capital" and not capitals):
        return None
    return hit[0]


def country_name(cid: str) -> str:
    """The short English name of a country id (the id itself if unknown)."""
    country = countries().get(cid)
    return country.name if country else cid


# --------------------------------------------------------------------------- bodies


@dataclass(frozen=True)
class Body:
    id: str
    kind: str
    name: str
    country: str | None
    aliases: tuple[str, ...]


@cache
def bodies() -> dict[str, Body]:
    """All known bodies by id (the shared spec's, extended by our registry; spec ids unchanged)."""
    out: dict[str, Body] = {}
    for fname in ("bodies_spec.tsv", "bodies.tsv"):
        for row in _rows(fname):
            aliases = _split(row.get("aliases", ""))
            old = out.get(row["id"])
            if old:
                aliases = tuple(dict.fromkeys(old.aliases + aliases))
            out[row["id"]] = Body(row["id"], row.get("kind") or (old.kind if old else ""),
                                  row.get("name") or (old.name if old else row["id"]),
                                  row.get("country") or (old.country if old else None) or None, aliases)
    return out


# Generic names of national bodies: norm_key -> id prefix. "<prefix>_<ISO3>" is the
# generated id when the registry has no body of that kind for the country.
GENERIC_BODIES: dict[str, str] = {
    "national assembly": "NA",
    "parliament": "PARL", "national parliament": "PARL",
    "ministry of foreign affairs": "MOFA", "foreign ministry": "MOFA", "ministry of external affairs": "MOFA",
    "foreign affairs ministry": "MOFA", "ministry for foreign affairs": "MOFA", "department of foreign affairs": "MOFA",
    "ministry of foreign and european affairs": "MOFA", "ministry for europe and foreign affairs": "MOFA",
    "federal foreign office": "MOFA", "ministry of international relations": "MOFA",
    "ministry of foreign affairs and international trade": "MOFA", "ministry of foreign and diaspora affairs": "MOFA", "ministry of foreign affairs and international cooperation": "MOFA",
    "ministry of foreign affairs and trade": "MOFA", "mofa": "MOFA", "foreign office": "MOFA",
    "ministry of defence": "MOD", "ministry of defense": "MOD", "defence ministry": "MOD", "defense ministry": "MOD",
    "ministry of national defence": "MOD", "ministry of national defense": "MOD",
    "ministry of trade": "MOT", "ministry of industry and trade": "MOT", "ministry of commerce": "MOT",
    "trade ministry": "MOT", "commerce ministry": "MOT",
    "ministry of finance": "MOF", "finance ministry": "MOF",
    "government": "GOV", "cabinet": "CABINET",
    "senate": "SENATE", "house of representatives": "HOR",
    "supreme court": "SUPREME_COURT", "constitutional court": "CONST_COURT",
    "central bank": "CB", "armed forces": "MIL", "army": "ARMY", "navy": "NAVY", "military": "MIL",
    "embassy": "EMB",
}
# Words a name can be made of and still say nothing about which country's body it is:
# "the Democratic Party", "the National Assembly", "the Ministry of Foreign Affairs".
_GENERIC_WORDS = frozenset(["party", "parties", "the", "of", "and", "for", "national", "assembly", "congress", "parliament", "senate", "house", "representatives", "people's", "peoples", "ministry", "foreign", "affairs", "external", "international", "cooperation", "trade", "defence", "defense", "commerce", "finance", "government", "democratic", "republican", "liberal", "conservative", "labour", "labor", "socialist", "communist", "workers'", "workers", "progressive", "popular", "union", "council", "federal", "committee", "central", "standing", "political", "bureau", "politburo", "secretariat", "office", "state", "supreme", "court", "republic", "revolutionary", "front", "movement", "alliance", "new", "united", "social", "democrats", "republicans", "conservatives", "liberals", "greens", "green", "consultative", "legislative", "legislature", "chamber", "deputies", "cabinet", "presidency", "ruling", "opposition", "main"])
_NO_GENERATE = {"GOV", "CABINET", "ARMY", "NAVY", "MIL", "EMB", "CB"}


def _generic(key: str) -> bool:
    return key in GENERIC_BODIES or all(w in _GENERIC_WORDS for w in key.split())


@cache
def _body_index() -> dict[str, tuple[str, ...]]:
    """norm_key -> ids of every body with that name or alias (several for generic names)."""
    index: dict[str, list[str]] = {}
    for body in bodies().values():
        for alias in (body.name, *body.aliases):
            ids = index.setdefault(norm_key(alias), [])
            if body.id not in ids:
                ids.append(body.id)
    return {k: tuple(v) for k, v in index.items()}


def is_contextual(text: str) -> bool:
    """True when a body name needs a country to resolve ("the National Assembly", "the Party")."""
    key = norm_key(text)
    ids = _body_index().get(key, ())
    return len(ids) > 1 or (_generic(key) and any(bodies()[b].country for b in ids)) or key in GENERIC_BODIES


def _split_country(key: str) -> tuple[str, str | None]:
    """'kenyan national assembly' / "kenya's national assembly" / 'national assembly of kenya' -> (generic, KEN)."""
    parts = key.split(" of ")
    for n in range(len(parts) - 1, 0, -1):
        head, tail = " of ".join(parts[:n]), " of ".join(parts[n:])
        cid = country_id(tail)
        if cid and (_generic(head) or head in _body_index()):
            return head, cid
    words = key.split()
    for n in range(min(5, len(words) - 1), 0, -1):
        cid = country_id(" ".join(words[:n]))
        if cid:
            return " ".join(words[n:]), cid
    return key, None


@lru_cache(maxsize=16384)
def body_id(text: str, context: str | None = None) -> str | None:
    """The registry id of a body named ``text``, or None.

    ``context`` is the country the text is about (the focus or a country named
    nearby). It picks among national bodies that share a generic name ("the
    National Assembly") and completes generated ids ("Ministry of Foreign
    Affairs" + JPN -> MOFA_JPN). A generic name without a fitting country
    resolves to nothing: a wrong id is worse than none.
    """
    key = norm_key(text)
    if not key:
        return None
    ids = _body_index().get(key, ())
    country = context
    generic = key
    if not ids or _generic(key):
        head, named = _split_country(key)
        if named:
            generic, country = head, named
            ids = _body_index().get(generic, ()) or ids
    if not ids and generic not in GENERIC_BODIES:
        return None
    national = [b for b in ids if bodies()[b].country]
    if ids and not _generic(generic) and len(ids) == 1:
        return ids[0]
    if ids and not national and len(ids) == 1:  # "General Assembly", "Security Council"
        return ids[0]
    if country:
        for bid in ids:
            if bodies()[bid].country == country:
                return bid
        prefix = GENERIC_BODIES.get(generic)
        if prefix and prefix not in _NO_GENERATE:
            return f"{prefix}_{country}"
        return None
    if len(ids) > 1 and not national:
        return ids[0]
    return None


def body_country(text: str) -> str | None:
    """The country a possibly generic body name itself names ("Kenya's National Assembly" -> KEN)."""
    return _split_country(norm_key(text))[1]


def national_country(entity_id: str | None) -> str | None:
    """The country a national body belongs to (CPV -> VNM, NA_KEN -> KEN); a country maps to itself."""
    if not entity_id:
        return None
    if entity_id.startswith("CTRY_"):
        return entity_id[5:]  # a country whose ISO code is also a body id (Cabo Verde, CPV), in an org slot
    body = bodies().get(entity_id)
    if body:
        return body.country
    if len(entity_id) == 3 and entity_id.isupper():
        return entity_id
    m = re.match(r"^[A-Z_]+_([A-Z]{3})$", entity_id)
    if m and m.group(1) in countries():
        return m.group(1)
    return None


@cache
def contract_ids() -> frozenset[str]:
    """The body ids of the shared contract (shared/spec/bodies.tsv), which every consumer knows."""
    return frozenset(row["id"] for row in _rows("bodies_spec.tsv"))


def actor_id(entity_id: str | None) -> str | None:
    """The id under which an actor is recorded in a fact's actor field (subject, actor, org).

    A national institution outside the shared contract (a parliament, a
    ministry, a party only our registry or a generated id knows: ``LOK_SABHA``,
    ``MOFA_JPN``) is recorded as its country, which speaks through it; the
    contract's own national ids (``CPV``, ``NA_VNM``) are kept, since every
    consumer can map those to their country.
    """
    if not entity_id or entity_id in contract_ids():
        return entity_id
    country = national_country(entity_id)
    return country if country and country != entity_id else entity_id


def body_name(bid: str) -> str:
    body = bodies().get(bid)
    return body.name if body else bid


# --------------------------------------------------------------------------- people

_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Madam|Madame|Mme|Mister|Sir|Dame|Lord|Lady|H\.\s?E|HE|"
                        r"His Excellency|Her Excellency|His Majesty|Her Majesty|His Royal Highness|"
                        r"Prof|Professor|Sheikh|Shaikh|Shri|Smt|Shrimati)\.?\s+)+")


def person_name(text: str) -> str:
    """Canonical form of a person's name: ASCII, single spaces, no honorific or possessive."""
    text = fold(text).strip()
    text = _HONORIFIC.sub("", text)
    text = re.sub(r"'s?$", "", text)
    text = re.sub(r"\s*,\s*(Jr|Sr)\.?$", r" \1.", text)
    return " ".join(text.split()).strip(" ,;:")


# --------------------------------------------------------------------------- publishers

@lru_cache(maxsize=1)
def _publishers() -> tuple[tuple[tuple[str, str], ...], re.Pattern[str] | None, dict[str, str]]:
    """(domain suffix, country) pairs and a credit pattern for agencies (data/publishers.tsv)."""
    domains: list[tuple[str, str]] = []
    agencies: dict[str, str] = {}
    with resources.files("diplograph.data").joinpath("publishers.tsv").open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    for name, kind, country in (r for r in rows[1:] if len(r) >= 3):
        if kind == "domain":
            domains.append((name.lower(), country))
        elif kind == "agency":
            agencies[name] = country
    names = "|".join(re.escape(n) for n in sorted(agencies, key=len, reverse=True))
    credit = re.compile(rf"\(({names})\)|^({names})\s*[-–—:]|\bSource:\s*({names})\b") if names else None
    return tuple(domains), credit, agencies


def publisher_country(url: str | None) -> str | None:
    """The country a government publisher speaks for, from its domain (whitehouse.gov -> USA); else None."""
    if not url:
        return None
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    for domain, country in _publishers()[0]:
        if host == domain or host.endswith("." + domain):
            return country
    return None


def agency_country(lines: Iterable[str]) -> str | None:
    """The country of a national news agency credited in the first lines ("SEOUL, Feb. 14 (Yonhap) --")."""
    _, credit, agencies = _publishers()
    if credit is None:
        return None
    for line in lines:
        m = credit.search(line[:300])
        if m:
            return agencies[next(g for g in m.groups() if g)]
    return None
