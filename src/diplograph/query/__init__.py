"""The Python API every front end uses: merged facts, claim histories, contradictions, questions.

Pure functions over lists of :class:`~diplograph.model.Fact` (``merge``,
``claim_series``, ``status_histories``, ``state_as_of``, ``find_contradictions``)
and the same views over a store (``facts``, ``entity_profile``, ``timeline``,
``claims``, ``contradictions``, ``state``, ``ask``, ``search``). Every result is
a frozen dataclass with ``to_json()``, so the CLI, the web app and the JSON API
render the same objects::

    from diplograph.store import open_store
    from diplograph import query

    with open_store("diplograph.sqlite") as store:
        answer = query.ask(store, "How many countries does Vietnam have diplomatic relations with?")
        print(answer.text)            # the latest claim, with its history
        for cite in answer.citations():
            print(cite["doc"], cite["text"])
"""

from diplograph.query.api import (
    CHANNELS,
    EntityProfile,
    FactPage,
    FactSource,
    MemorySource,
    Timeline,
    TimelineEntry,
    claims,
    contradictions,
    entity_profile,
    facts,
    facts_page,
    search,
    state,
    timeline,
)
from diplograph.query.ask import Answer, ask
from diplograph.query.claims import (
    ClaimPoint,
    ClaimSeries,
    State,
    StatusChange,
    StatusHistory,
    claim_series,
    state_as_of,
    status_histories,
)
from diplograph.query.contradictions import Contradiction
from diplograph.query.contradictions import find as find_contradictions
from diplograph.query.merge import MergedFact, describe, merge
from diplograph.query.names import AmbiguousName, Resolved, UnknownName, display_name, labelled, resolve_name
from diplograph.query.overview import Overview, country_overview
from diplograph.query.people import Identity, PeopleIndex, people_index

__all__ = [
    "AmbiguousName",
    "CHANNELS",
    "FactPage",
    "Overview",
    "Resolved",
    "UnknownName",
    "country_overview",
    "display_name",
    "facts_page",
    "labelled",
    "resolve_name",
    "Answer",
    "Identity",
    "PeopleIndex",
    "people_index",
    "ClaimPoint",
    "ClaimSeries",
    "Contradiction",
    "EntityProfile",
    "FactSource",
    "MemorySource",
    "MergedFact",
    "State",
    "StatusChange",
    "StatusHistory",
    "Timeline",
    "TimelineEntry",
    "ask",
    "claim_series",
    "claims",
    "contradictions",
    "describe",
    "entity_profile",
    "facts",
    "find_contradictions",
    "merge",
    "search",
    "state",
    "state_as_of",
    "status_histories",
    "timeline",
]
