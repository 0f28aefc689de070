"""Who a mention stands for, as an actor: the one answer every extractor uses.

A country is itself; a national body speaks for its country (``NA_KEN`` -> KEN)
unless the caller wants bodies kept; a person acts for the org of their office
(from the text first: "Kenyan Foreign Minister X"; else the office-holder
gazetteer's hint); a capital used as a government ("Beijing said") is its
country; "the two countries" and "the three states" are their countries.
"""

from __future__ import annotations

from collections.abc import Iterable

from diplograph import resolve
from diplograph.extract.frames import Arg
from diplograph.model import AnalyzedDocument, Mention


def is_country(value: str | None) -> bool:
    return bool(value) and len(value or "") == 3 and (value or "").isupper() and value in resolve.countries()


def person_org(doc: AnalyzedDocument, mention: Mention) -> str | None:
    """The org (country or body id) of a person mention's office: the text's, else the document's people
    registry, else the gazetteer's hint (who held an office under that name on that date)."""
    attrs = mention.attrs or {}
    org = attrs.get("org")
    if not org and mention.id:
        person = doc.people.get(str(mention.id))
        if person is not None:
            org = next((o for _, o in person.titles if o), None)
    return org or attrs.get("org_hint")


def person_country(doc: AnalyzedDocument, mention: Mention) -> str | None:
    """The country a person acts for (their office's org, mapped to its country)."""
    return resolve.national_country(person_org(doc, mention))


def countries_of(doc: AnalyzedDocument, mention: Mention, people: bool = True) -> list[str]:
    """The countries a mention stands for (several for "the two countries"); [] when none."""
    kind = mention.kind
    if kind == "country" and mention.id:
        return [str(mention.id)]
    if kind in ("pair", "group"):
        return [str(i) for i in (mention.attrs.get("ids") or []) if i]
    if kind == "body":
        c = resolve.national_country(mention.id)
        return [c] if c and c != mention.id else []
    if kind == "person" and people:
        c = person_country(doc, mention)
        return [c] if c else []
    if kind == "place" and mention.id and (mention.attrs or {}).get("how") == "capital":
        return [str(mention.id)]
    if kind == "title":
        c = resolve.national_country((mention.attrs or {}).get("org"))
        return [c] if c else []
    return []


def actor_ids(doc: AnalyzedDocument, mentions: Iterable[Mention], *, bodies: bool = True,
              people: bool = True) -> list[str]:
    """Country ids (and, with ``bodies``, international body ids) the mentions stand for, in order."""
    out: list[str] = []
    for m in mentions:
        if m.kind == "body" and bodies and m.id:
            c = resolve.national_country(m.id)
            out.append(str(m.id) if not c or c == m.id else c)
        else:
            out.extend(countries_of(doc, m, people=people))
    return list(dict.fromkeys(out))


def arg_actors(doc: AnalyzedDocument, args: Iterable[Arg], *, bodies: bool = True, people: bool = True,
               head_only: bool = False) -> list[str]:
    """The actors of frame arguments: each argument's referent (its head's mention) or, unless
    ``head_only``, every entity in the phrase ("the prime ministers of India and Mauritius")."""
    out: list[str] = []
    for a in args:
        ms: list[Mention] = [a.referent] if a.referent is not None else ([] if head_only else list(a.mentions))
        out.extend(actor_ids(doc, ms, bodies=bodies, people=people))
    return list(dict.fromkeys(out))


def arg_people(args: Iterable[Arg], head_only: bool = False) -> list[str]:
    """Canonical names of the people among frame arguments."""
    out: list[str] = []
    for a in args:
        ms = [a.referent] if head_only and a.referent is not None else list(a.mentions)
        out.extend(str(m.id) for m in ms if m.kind == "person" and m.id)
    return list(dict.fromkeys(out))
