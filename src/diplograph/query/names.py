"""Names in, names out: what a person types resolved to an id, and ids shown as names.

Every front end takes what a person would type for an entity — a country's
name, alias or demonym ("Viet Nam", "Vietnamese", "the United States"), an id
in any case ("vnm", "unsc"), a body's name ("the UN Security Council"), a
person's name or surname ("Bui Thanh Son", "Son") — and resolves it here with
:func:`resolve_name`:

- ids of the registries (``diplograph.resolve``) and of the store, any case;
- country names, aliases and demonyms, then body names and aliases;
- people through the store's people index (``query.people``): a surname that
  fits one person far more cited than the others is that person; when several
  fit, :class:`AmbiguousName` lists them ("did you mean ...");
- anything else: :class:`UnknownName` with the closest names the store knows.

Text is NFC-normalised first, so "Việt Nam" typed with combining marks is the
same as with precomposed letters. Both errors are :class:`~diplograph.errors.InputError`
(exit status 2 in the CLI, 404 on the web). :func:`display_name` and
:func:`labelled` turn ids back into what a reader expects: "Vietnam",
"Vietnam (VNM)".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from diplograph.errors import InputError
from diplograph.query.merge import is_id


class UnknownName(InputError):
    """No entity goes by this name; ``suggestions`` are the closest names known."""

    def __init__(self, text: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f"; did you mean {_or(suggestions)}?" if suggestions else (
            "; search the entities with `diplograph facts --text` or /entities?q=")
        super().__init__(f"no country, body or person is called {text!r}{hint}")
        self.text = text
        self.suggestions = suggestions


class AmbiguousName(InputError):
    """Several entities fit this name; ``candidates`` are their ids (people: canonical names)."""

    def __init__(self, text: str, candidates: tuple[str, ...]) -> None:
        super().__init__(f"{text!r} could be {_or(tuple(labelled(c) for c in candidates))}: "
                         "give the full name or the id")
        self.text = text
        self.candidates = candidates


def _or(items: tuple[str, ...]) -> str:
    quoted = [f"{i}" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@dataclass(frozen=True)
class Resolved:
    """An entity a name resolved to: its id (people: canonical name), kind and display name."""

    id: str
    kind: str  # country | body | person
    name: str
    how: str  # id | name | alias | person | store

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "how": self.how}


def nfc(text: str) -> str:
    """NFC-normalised text (one code point per accented letter), stripped."""
    return unicodedata.normalize("NFC", text).strip()


# ---------------------------------------------------------------- ids -> names


@lru_cache(maxsize=8192)
def display_name(entity_id: str) -> str:
    """What a reader calls an entity: "Vietnam" for VNM, "UN Security Council" for UNSC; people as they are."""
    if not entity_id or not is_id(entity_id):
        return entity_id
    from diplograph.resolve import bodies, countries, national_country

    if entity_id.startswith("CTRY_"):
        entity_id = entity_id[5:]
    body = bodies().get(entity_id)
    if body is not None:
        return body.name
    country = countries().get(entity_id)
    if country is not None:
        return country.name
    # Generated national ids (NA_KEN, MOFA_JPN): the generic body of its country.
    match = re.match(r"^([A-Z]+)_([A-Z]{3})$", entity_id)
    if match and national_country(entity_id):
        generic = _GENERATED.get(match.group(1))
        if generic:
            return f"{generic} of {countries()[match.group(2)].name}"
    return entity_id


_GENERATED = {"NA": "National Assembly", "PARL": "Parliament", "MOFA": "Ministry of Foreign Affairs",
              "MOD": "Ministry of Defence", "MOT": "Ministry of Trade", "MOF": "Ministry of Finance",
              "SENATE": "Senate", "HOR": "House of Representatives", "SUPREME_COURT": "Supreme Court",
              "CONST_COURT": "Constitutional Court"}


def labelled(entity_id: str) -> str:
    """Name first, id second: "Vietnam (VNM)"; a person's name alone."""
    name = display_name(entity_id)
    return f"{name} ({entity_id})" if name != entity_id else entity_id


# ---------------------------------------------------------------- names -> ids


def registry_id(text: str) -> Resolved | None:
    """A country or body the registries know by this id, name, alias or demonym (any case)."""
    from diplograph.resolve import bodies, body_id, countries, country_id

    text = nfc(text)
    if not text:
        return None
    upper = text.upper()
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", upper):
        if upper in countries() and upper not in bodies():
            return Resolved(upper, "country", display_name(upper), "id")
        if upper in bodies():
            return Resolved(upper, "body", display_name(upper), "id")
        if upper.startswith("CTRY_") and upper[5:] in countries():
            return Resolved(upper[5:], "country", display_name(upper[5:]), "id")
    cid = country_id(text)
    if cid:
        return Resolved(cid, "country", display_name(cid), "name")
    bid = body_id(text)
    if bid:
        return Resolved(bid, "body", display_name(bid), "name")
    return None


def resolve_name(store: Any, text: str) -> Resolved:
    """The entity ``text`` names (see the module docs); raises AmbiguousName or UnknownName."""
    from diplograph.query.people import people_index, person_tokens

    text = nfc(text)
    if not text:
        raise UnknownName(text)
    # An id exactly as stored (generated ids such as NA_KEN, or a person's stored spelling).
    entity = _store_entity(store, text)
    if entity is not None and is_id(text):
        return Resolved(entity.id, entity.kind, display_name(entity.id), "id")
    found = registry_id(text)
    if found is not None:
        return found
    upper = text.upper()
    if is_id(upper) and upper != text:
        entity = _store_entity(store, upper)
        if entity is not None:
            return Resolved(entity.id, entity.kind, display_name(entity.id), "id")
    index = people_index(store)
    identity = index.identity(text)
    if identity is not None:
        return Resolved(identity.name, "person", identity.name, "person")
    if entity is not None:
        return Resolved(entity.id, entity.kind, entity.id, "store")
    # A surname or name several people fit: did you mean ...?
    tokens = person_tokens(text)
    if tokens:
        fitting = [i for i in index.identities() if any(_fits(tokens, person_tokens(a)) for a in i.aliases)]
        if len(fitting) == 1:
            return Resolved(fitting[0].name, "person", fitting[0].name, "person")
        if len(fitting) > 1:
            raise AmbiguousName(text, tuple(i.name for i in fitting[:8]))
    raise UnknownName(text, suggest(store, text))


def _fits(wanted: tuple[str, ...], have: tuple[str, ...]) -> bool:
    if not wanted or not have:
        return False
    if len(wanted) == 1:
        return wanted[0] in have
    n = len(wanted)
    return any(have[i:i + n] == wanted for i in range(len(have) - n + 1))


def _store_entity(store: Any, entity_id: str) -> Any:
    getter = getattr(store, "entity", None)
    if not callable(getter):
        return None
    try:
        return getter(entity_id)
    except Exception:  # noqa: BLE001 - a source without entities knows no ids; the caller tries names
        return None


def suggest(store: Any, text: str, n: int = 4) -> tuple[str, ...]:
    """The names closest to ``text``: countries, bodies and the people the store knows."""
    from diplograph.resolve import bodies, countries, fold

    from diplograph.query.people import people_index

    names: dict[str, str] = {}
    for country in countries().values():
        for form in (country.name, *country.aliases):
            names.setdefault(fold(form).casefold(), country.name)
    for body in bodies().values():
        names.setdefault(fold(body.name).casefold(), body.name)
    for identity in people_index(store).identities()[:5000]:
        names.setdefault(fold(identity.name).casefold(), identity.name)
    close = difflib.get_close_matches(fold(text).casefold(), list(names), n=n * 2, cutoff=0.72)
    return tuple(dict.fromkeys(names[c] for c in close))[:n]


def entity_ids(store: Any, text: str) -> list[str]:
    """The ids a front end queries for ``text``: a country with its national bodies; a person's spellings."""
    from diplograph.query.api import expand_entity, person_names

    resolved = resolve_name(store, text)
    if resolved.kind == "person":
        return person_names(store, resolved.id)
    return expand_entity(resolved.id)


__all__ = ["AmbiguousName", "Resolved", "UnknownName", "display_name", "entity_ids", "labelled", "nfc",
           "registry_id", "resolve_name", "suggest"]
