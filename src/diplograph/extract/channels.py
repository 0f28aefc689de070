"""The diplomatic channel of an event or agreement: ``party``, ``state``, ``parliament`` or ``people``.

FACTS.md: what the text says decides ("a state visit", "a party delegation",
"parliamentary cooperation", "the friendship association"); otherwise the
offices and bodies of the leading participants do (a Party General Secretary
acting as such, a National Assembly chairman, a minister, a friendship union).
Many governments describe their diplomacy through these channels (Vietnam's
"three pillars": Party, State and people-to-people, with parliamentary
diplomacy inside the State pillar); the field lets any country's activity be
counted and filtered by them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from diplograph import resolve
from diplograph.model import Fact, Sentence

CHANNELS = ("party", "state", "parliament", "people")

# Words of the evidence sentence that name a channel outright, strongest first.
_SAID: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("state", ("state visit", "official visit", "state-level", "government-to-government", "state channel")),
    ("party", ("party delegation", "party-to-party", "inter-party", "party channel", "party diplomacy",
               "party's delegation", "party relations", "party-building", "delegation of the party",
               "party ties")),
    ("parliament", ("parliamentary", "inter-parliamentary", "national assembly delegation", "legislative delegation",
                    "congressional delegation", "lawmakers", "legislators", "parliamentarians")),
    ("people", ("people-to-people", "friendship association", "friendship union", "friendship society",
                "friendship group", "union of friendship", "peace committee", "youth union", "women's union",
                "sister city", "sister-city", "twin city", "localities", "provincial delegation",
                "city delegation", "cultural exchange", "student exchange", "academic exchange",
                "civil society", "non-governmental", "people's diplomacy", "chamber of commerce",
                "people's committee", "metropolitan government", "municipal", "provincial government",
                "city government", "prefecture")),
)
# Office words in a participant's title that place them in a channel.
_TITLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("parliament", ("national assembly", "parliament", "speaker", "senator", "lawmaker", "legislator",
                    "congressman", "congresswoman", "deputy of the", "member of parliament", "mp ")),
    ("party", ("general secretary", "party", "politburo", "secretariat", "central committee")),
    ("people", ("friendship", "association", "union of", "mayor", "governor", "province", "provincial",
                "city", "chairman of the people's committee", "rector", "professor")),
    ("state", ("president", "prime minister", "minister", "ambassador", "secretary", "chancellor", "king",
               "queen", "emir", "envoy", "premier", "commander", "general", "spokes", "adviser", "advisor",
               "director", "chief")),
)
_BODY_KINDS = {"party": "party", "party_organ": "party", "legislature": "parliament", "mass_org": "people",
               "ngo": "people"}


def channel_of(fact: Fact, sentence: Sentence | None, titles: Mapping[str, str]) -> str:
    """The channel of an event or agreement fact. ``titles`` maps people to their title in the document."""
    text = f" {(sentence.text if sentence is not None else fact.evidence.text).lower()} "
    for name, words in _SAID:
        if any(w in text for w in words):
            # "a party delegation led by the President" is the party's; a state visit is the state's
            return name
    participants = [str(p) for p in (fact.get("participants") or fact.get("parties") or []) if p]
    votes: dict[str, int] = {}
    for n, p in enumerate(participants):
        weight = 2 if n == 0 else 1  # the leading participant counts more
        for name in _participant_channels(p, titles):
            votes[name] = votes.get(name, 0) + weight
    if not votes:
        return "state"
    order = {name: i for i, name in enumerate(("party", "parliament", "people", "state"))}
    return max(votes, key=lambda c: (votes[c], -order[c]))


def _participant_channels(p: str, titles: Mapping[str, str]) -> Iterable[str]:
    body = resolve.bodies().get(p)
    if body is not None:
        kind = _BODY_KINDS.get(body.kind)
        if kind:
            yield kind
        return
    title = titles.get(p)
    if title:
        low = f" {title.lower()} "
        for name, words in _TITLE_WORDS:
            if any(w in low for w in words):
                yield name
                return
    # generated national-body ids in the registry's style: NA_KEN, PARL_ZMB, SENATE_USA
    head = p.split("_")[0] if "_" in p else ""
    if head in ("NA", "PARL", "SENATE", "HOUSE", "CONGRESS", "NPC", "NPCSC"):
        yield "parliament"


def with_channels(facts: list[Fact], sentences: Mapping[int, Sentence], titles: Mapping[str, str]) -> list[Fact]:
    """The facts, events and agreements carrying their ``channel``."""
    out: list[Fact] = []
    for fact in facts:
        if fact.type in ("event", "agreement") and not fact.get("channel"):
            sentence = sentences.get(fact.evidence.sentence)
            fact = replace(fact, fields={**fact.fields, "channel": channel_of(fact, sentence, titles)})
        out.append(fact)
    return out
