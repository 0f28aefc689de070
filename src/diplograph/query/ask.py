"""Plain-English questions -> query calls -> answers that cite their sentences.

A question is read by patterns, not a language model: the entities it names
are resolved (countries and bodies through ``diplograph.resolve``, people
through the names the store knows), its date through ``diplograph.timex``, and
the first pattern that fits picks the query. Every answer carries the merged
facts it rests on (each with its evidence sentences) and the equivalent CLI
call. A question no pattern fits falls back to full-text search over evidence
sentences; if that finds nothing either, the answer says so and suggests
questions that can be answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from diplograph.query import dates
from diplograph.query.api import (
    FactSource,
    claims,
    contradictions,
    entity_name,
    entity_profile,
    expand_entity,
    person_names,
    read_merged,
    timeline,
)
from diplograph.query.claims import ClaimSeries, level_rank
from diplograph.query.merge import MergedFact, describe, is_id, name_ok, name_tokens, same_actor, title_words
from diplograph.query.overview import place_id, seat_group, seat_status
from diplograph.resolve import body_id, country_id, fold


@dataclass(frozen=True)
class Answer:
    """An answer with the facts it rests on; ``ok`` is False when the question was not understood
    or nothing in the store answers it (then ``suggestions`` says what can be asked)."""

    question: str
    intent: str
    ok: bool
    text: str
    rows: tuple[str, ...] = ()
    facts: tuple[MergedFact, ...] = ()
    query: str = ""
    suggestions: tuple[str, ...] = ()
    series: tuple[ClaimSeries, ...] = ()

    def citations(self) -> list[dict[str, Any]]:
        """Every sentence the answer rests on, once: document, sentence index, offsets, text."""
        seen: dict[tuple[str, int], dict[str, Any]] = {}
        for fact in self.facts:
            for ev in fact.evidence:
                seen.setdefault((ev.doc_id, ev.sentence), {"doc": ev.doc_id, "sentence": ev.sentence,
                                                           "start": ev.start, "end": ev.end, "text": ev.text})
        return list(seen.values())

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "intent": self.intent, "ok": self.ok, "answer": self.text,
                "rows": list(self.rows), "query": self.query, "suggestions": list(self.suggestions),
                "facts": [f.to_json() for f in self.facts], "series": [s.to_json() for s in self.series],
                "citations": self.citations()}


# ---------------------------------------------------------------- reading the question

_STOP = {
    "which", "what", "when", "who", "whom", "whose", "where", "how", "many", "much", "did", "does", "do", "is",
    "are", "was", "were", "the", "a", "an", "of", "in", "on", "with", "and", "or", "has", "have", "had", "to",
    "for", "at", "by", "between", "from", "since", "as", "its", "their", "his", "her", "it", "there", "that",
    "this", "tell", "me", "about", "list", "show", "give", "all", "any", "be", "been", "so", "far", "now",
}
_TITLE_WORDS = {
    "president", "prime", "minister", "general", "secretary", "chairman", "chairwoman", "chair", "foreign",
    "king", "queen", "premier", "chancellor", "mr", "mrs", "ms", "dr", "vice", "deputy", "state", "leader",
    "ambassador", "speaker", "party", "national", "assembly", "defence", "defense", "trade", "emir", "sultan",
}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
_TOKEN = re.compile(r"[A-Za-zÀ-ɏ0-9][\w.'’\-]*")


@dataclass
class Parsed:
    """What a question names: entities in order of appearance, and its date."""

    text: str
    low: str
    entities: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, kind, id)
    date: str | None = None

    def of(self, kind: str) -> list[str]:
        return [eid for _, k, eid in sorted(self.entities) if k == kind]

    @property
    def countries(self) -> list[str]:
        return self.of("country")

    @property
    def bodies(self) -> list[str]:
        return self.of("body")

    @property
    def people(self) -> list[str]:
        return self.of("person")

    @property
    def actors(self) -> list[str]:
        """Countries and bodies, in order of appearance."""
        return [eid for _, k, eid in sorted(self.entities) if k in ("country", "body")]

    @property
    def first(self) -> tuple[str, str] | None:
        return (sorted(self.entities)[0][1], sorted(self.entities)[0][2]) if self.entities else None


def _clean(token: str) -> str:
    token = re.sub(r"['’]s?$", "", token)
    return token.rstrip(".,;:?!") if not re.fullmatch(r"(?:[A-Z]\.){2,}", token) else token


def parse(question: str, store: Any = None) -> Parsed:
    """Find the question's date and the countries, bodies and people it names (longest names first)."""
    parsed = Parsed(question, fold(question).casefold())
    claimed: set[int] = set()
    try:
        from diplograph import timex

        found = timex.find(question, None)
    except ImportError:  # timex is another stage; questions without dates still work
        found = []
    tokens = [(m.start(), m.end(), _clean(m.group())) for m in _TOKEN.finditer(question)]
    for start, end, value in found:
        if parsed.date is None and getattr(value, "value", None) and dates.bounds(value.value):
            parsed.date = value.value
        claimed.update(i for i, (s, e, _) in enumerate(tokens) if s >= start and e <= end)
    n = len(tokens)
    for size in range(min(7, n), 0, -1):
        for i in range(0, n - size + 1):
            span = range(i, i + size)
            if any(j in claimed for j in span):
                continue
            words = [tokens[j][2] for j in span]
            if words[0].casefold() in _STOP or words[-1].casefold() in _STOP or not all(words):
                continue
            text = " ".join(words)
            capital = words[0][:1].isupper()
            if not capital and (len(text) < 4 or size == 1 and words[0].casefold() in _TITLE_WORDS):
                continue
            kind, eid = _resolve_actor(text)
            if eid is None:
                continue
            parsed.entities.append((tokens[i][0], kind, eid))
            claimed.update(span)
    run: list[int] = []
    for i in range(n + 1):
        word = tokens[i][2] if i < n else ""
        if i < n and i not in claimed and word[:1].isupper() and word.casefold() not in _STOP \
                and word.casefold() not in _MONTHS and not word.isdigit():
            run.append(i)
            continue
        _person_run(parsed, tokens, run, store)
        run = []
    return parsed


def _resolve_actor(text: str) -> tuple[str, str | None]:
    cid = country_id(text)
    if cid:
        return "country", cid
    bid = body_id(text)
    if bid:
        return "body", bid
    return "", None


def _person_run(parsed: Parsed, tokens: list[tuple[int, int, str]], run: list[int], store: Any) -> None:
    while run and tokens[run[0]][2].casefold().rstrip(".") in _TITLE_WORDS:
        run = run[1:]
    if not run:
        return
    name = " ".join(tokens[j][2] for j in run)
    if store is not None:
        names = person_names(store, name)
        known = names and names[0] != name or _store_has_person(store, name)
        if known:
            parsed.entities.append((tokens[run[0]][0], "person", names[0]))
            return
    if len(run) >= 2:
        parsed.entities.append((tokens[run[0]][0], "person", fold(name)))


def _store_has_person(store: Any, name: str) -> bool:
    getter = getattr(store, "entities", None)
    if getter is None:
        return False
    return any(e.id == name for e in getter(kind="person", q=name))


# ---------------------------------------------------------------- vocabulary

LEVELS: tuple[tuple[str, str], ...] = (
    (r"comprehensive global strategic", "comprehensive_global_strategic"),
    (r"comprehensive strategic", "comprehensive_strategic"),
    (r"enhanced strategic", "enhanced_strategic"),
    (r"special strategic", "special_strategic"),
    (r"global strategic", "global_strategic"),
    (r"strategic", "strategic"),
    (r"comprehensive", "comprehensive"),
)

METRICS: tuple[tuple[str, str], ...] = (
    (r"diplomatic (relations|ties)", "diplomatic_relations"),
    (r"comprehensive strategic partner", "comprehensive_strategic_partners"),
    (r"strategic (and|or) comprehensive partner|comprehensive (and|or) strategic partner",
     "strategic_and_comprehensive_partners"),
    (r"strategic partner", "strategic_partners"),
    (r"comprehensive partner", "comprehensive_partners"),
    (r"trad(e|ing) partner", "trade_partners"),
    (r"free[ -]trade agreement|\bftas?\b", "free_trade_agreements"),
    (r"cooperation (agreement|document)|agreements? on cooperation", "cooperation_agreements"),
    (r"part(y|ies)", "party_relations"),
    (r"parliament|legislature", "parliament_relations"),
    (r"\b(countries|nations|states)\b.*\b(relations|ties)\b|\b(relations|ties) with\b.*\bcountries",
     "diplomatic_relations"),
    (r"people'?s? organi[sz]ation|non[- ]?governmental", "people_org_partners"),
    (r"(international|multilateral|regional) (organi[sz]ations|bodies|forums|institutions)|organi[sz]ations|"
     r"memberships", "org_memberships"),
    (r"peacekeep|peace[- ]keep", "peacekeepers_deployed"),
    (r"investment projects|projects abroad", "overseas_investment_projects"),
    (r"(overseas|outward|foreign) investment|invest(ed|ment)? (abroad|overseas)", "overseas_investment_usd"),
    (r"remittance", "remittances_usd_per_year"),
    (r"(overseas|abroad|diaspora|expatriate).*\bcountries|countries.*(overseas|abroad|diaspora|live)",
     "overseas_countries"),
    (r"overseas|abroad|diaspora|expatriate|living outside", "overseas_population"),
    (r"(incoming|received|welcomed|hosted) .*visits|visits? (to|received)|visited", "incoming_leader_visits"),
    (r"visits|trips", "outgoing_leader_visits"),
    (r"\baid\b|assistance|recipients", "aid_recipients"),
    (r"\bpartners\b|partnerships", "strategic_and_comprehensive_partners"),
)

_GATHERING = {"meeting", "talks", "conference", "call", "signing", "visit"}


def _level(low: str) -> str | None:
    for pattern, level in LEVELS:
        if re.search(r"\b" + pattern + r"\b", low):
            return level
    return None


def _metric(low: str) -> str | None:
    for pattern, metric in METRICS:
        if re.search(pattern, low):
            return metric
    return None


# ---------------------------------------------------------------- answering


Handler = Callable[[FactSource, Parsed], "Answer | None"]


def ask(store: FactSource, question: str) -> Answer:
    """Answer a plain-English question from the store, citing the sentences it rests on."""
    parsed = parse(question, store)
    for pattern, handler in _HANDLERS:
        if re.search(pattern, parsed.low):
            answer = handler(store, parsed)
            if answer is not None:
                return answer
    return _search(store, parsed)


def _label(eid: str) -> str:
    return eid if not is_id(eid) else f"{entity_name(eid)} ({eid})" if entity_name(eid) != eid else eid


def _none(parsed: Parsed, intent: str, what: str, query: str) -> Answer:
    return Answer(parsed.text, intent, False, f"Nothing in the store says {what}.", query=query,
                  suggestions=_suggest(parsed))


def _suggest(parsed: Parsed) -> tuple[str, ...]:
    first = parsed.first
    if first is None:
        return ("How many countries does Vietnam have diplomatic relations with?",
                "Which countries are Vietnam's comprehensive strategic partners?",
                "What happened in December 2021?")
    kind, eid = first
    if kind == "person":
        return (f"Who is {eid}?", f"Who did {eid} meet?", f"Which countries did {eid} visit?")
    if kind == "body":
        return (f"Which countries are members of {eid}?", f"Who chaired {eid}?", f"diplograph entity {eid}")
    return (f"Which countries are {eid}'s strategic partners?", f"Which bodies is {eid} a member of?",
            f"Who is the president of {eid}?", f"diplograph entity {eid}", f"diplograph timeline {eid}")


def _ok(parsed: Parsed, intent: str, text: str, facts: list[MergedFact], query: str,
        rows: list[str] | None = None, series: tuple[ClaimSeries, ...] = ()) -> Answer:
    rows = rows if rows is not None else [_row(f) for f in facts]
    return Answer(parsed.text, intent, True, text, tuple(rows), tuple(facts), query, (), series)


def _row(fact: MergedFact) -> str:
    docs = len(fact.doc_ids)
    return f"{describe(fact)} [{docs} source{'s' if docs != 1 else ''}]"


def _read(store: FactSource, type: str, entities: list[str] | None) -> list[MergedFact]:
    return read_merged(store, type, entities)


def _in_date(value: Any, when: str | None) -> bool:
    """No date asked, or the fact's date falls inside the one asked about (a bare year is not "in June")."""
    return when is None or (bool(value) and dates.inside(str(value), when))


# --- counts and histories


def _how_many(store: FactSource, parsed: Parsed) -> Answer | None:
    metric = _metric(parsed.low)
    subject = (parsed.actors or [None])[0]
    if metric is None or subject is None:
        return None
    series = [s for s in claims(store, metric, subject)]
    query = f"diplograph claims {metric} --subject {subject}"
    if not series:
        return _none(parsed, "claims", f"how many {metric.replace('_', ' ')} {subject} has", query)
    points = [p for s in series for p in s.points]
    points.sort(key=lambda p: dates.sort_key(p.as_of))
    if parsed.date:
        held = [p for p in points if dates.on_or_before(p.as_of, parsed.date)]
        points_for_answer = held or points
    else:
        points_for_answer = points
    latest = points_for_answer[-1]
    history = "; ".join(f"{_said(p)} as of {p.as_of}" for p in points)
    text = (f"{_said(latest)} ({metric.replace('_', ' ')} of {_label(subject)}, as of {latest.as_of}, "
            f"{len(latest.fact.doc_ids)} source(s))")
    if len(points) > 1:
        text += f". History: {history}."
    rows = [f"{p.as_of}: {_said(p)} — {', '.join(p.fact.doc_ids)}" for p in points]
    return _ok(parsed, "claims", text, [p.fact for p in points], query, rows, tuple(series))


def _said(point: Any) -> str:
    qual = {"over": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least ",
            "up_to": "up to "}.get(point.qualifier or "", "")
    try:
        value = float(point.value)
        shown = f"{int(value):,}" if value.is_integer() else f"{value:,}"
    except (TypeError, ValueError):
        shown = str(point.value)
    return qual + shown


def _claim_history(store: FactSource, parsed: Parsed) -> Answer | None:
    if _metric(parsed.low) is None:
        return None
    return _how_many(store, parsed)


_NAMED_METRICS = {"remittances_usd_per_year", "overseas_population", "overseas_investment_usd",
                  "overseas_investment_projects", "peacekeepers_deployed", "overseas_countries"}


def _named_claim(store: FactSource, parsed: Parsed) -> Answer | None:
    """"What were the remittances to Vietnam?": a figure asked for without "how many"."""
    if _metric(parsed.low) not in _NAMED_METRICS:
        return None
    return _how_many(store, parsed)


def _contradictions(store: FactSource, parsed: Parsed) -> Answer | None:
    subject = (parsed.actors or [None])[0]
    found = contradictions(store, subject)
    query = "diplograph contradictions" + (f" --subject {subject}" if subject else "")
    if not found:
        return Answer(parsed.text, "contradictions", True,
                      "No contradictions: no two claims for the same time disagree.", query=query)
    facts = [f for c in found for f in c.facts]
    return _ok(parsed, "contradictions", f"{len(found)} contradiction(s) found.", facts, query,
               [c.explanation for c in found])


# --- people and events


_OFFICE = re.compile(r"\b(president|prime minister|premier|foreign minister|chancellor|king|queen|emir|"
                     r"general secretary|secretary general|secretary of state|speaker|chair(?:man|woman)?)\b")


def _subject_person_or_actor(parsed: Parsed, store: FactSource | None = None) -> str | None:
    """The question's first entity; "the Japanese Prime Minister" becomes the office's latest holder."""
    first = parsed.first
    if first is None:
        return None
    kind, eid = first
    office = _OFFICE.search(parsed.low)
    if store is not None and kind != "person" and office:
        holders = [f for f in _read(store, "position", expand_entity(eid))
                   if same_actor(f.get("org"), eid) and title_matches(office.group(1), str(f.get("title") or ""))]
        if parsed.date:
            holders = [f for f in holders if any(dates.on_or_before(str(x.get("as_of") or ""), parsed.date)
                                                 for x in f.facts)] or holders
        if holders:
            latest = max(holders, key=lambda f: dates.sort_key(max((str(x.get("as_of") or "") for x in f.facts),
                                                                    key=dates.sort_key)))
            return str(latest.get("person"))
    return eid


def _met_whom(store: FactSource, parsed: Parsed) -> Answer | None:
    subject = _subject_person_or_actor(parsed, store)
    if subject is None:
        return None
    ids = expand_entity(subject) if is_id(subject) else person_names(store, subject)
    events = [f for f in _read(store, "event", ids)
              if f.get("kind") in _GATHERING and _in_date(f.get("date") or f.get("start"), parsed.date)]
    matches = []
    rows = []
    for event in sorted(events, key=lambda f: dates.sort_key(f.get("date"))):
        others = [p for p in event.get("participants") or []
                  if not is_id(p) and not any(name_ok(p, i) for i in ids if not is_id(i))]
        if not others:
            continue
        matches.append(event)
        where = f" in {event.get('location')}" if event.get("location") else ""
        rows.append(f"{event.get('date') or 'undated'}: {', '.join(others)} ({event.get('kind')}{where})")
    when = f" in {parsed.date}" if parsed.date else ""
    query = f"diplograph facts --type event --entity \"{subject}\"" + (
        f" --since {parsed.date} --until {parsed.date}" if parsed.date else "")
    if not matches and events:
        # No counterpart named: say where the encounters were rather than nothing.
        events.sort(key=lambda f: dates.sort_key(f.get("date")))
        places = "; ".join(f"{f.get('kind')} {f.get('date') or 'undated'} with "
                           f"{', '.join(str(p) for p in f.get('participants') or [] if is_id(p)) or '?'}"
                           + (f" in {f.get('location')}" if f.get("location") else "") for f in events)
        return _ok(parsed, "met", f"No counterpart of {subject}{when} is named; the encounters: {places}.",
                   events, query)
    if not matches:
        return _none(parsed, "met", f"whom {subject} met{when}", query)
    names = list(dict.fromkeys(r.split(": ", 1)[1].split(" (")[0] for r in rows))
    return _ok(parsed, "met", f"{subject} met or spoke with {', '.join(names)}{when}.", matches, query, rows)


def _visits(store: FactSource, parsed: Parsed) -> Answer | None:
    """Visits with visitor, place and the visit's own date (an undated one says when it was reported)."""
    subject = _subject_person_or_actor(parsed, store)
    if subject is None:
        return None
    visitor_first = not re.search(r"\bwho (has |have |had )?(visited|came|travell?ed)\b|\bvisits? to\b|"
                                  r"\bvisitors?\b", parsed.low)
    targets = [e for _, _, e in sorted(parsed.entities)[1:]] if visitor_first else []
    if not visitor_first:
        host = subject
        ids = expand_entity(host) if is_id(host) else [host]
        located = host if is_id(host) and len(host) == 3 else None
        events = [f for f in read_merged(store, "event", ids, located=located) if f.get("kind") == "visit"
                  and any(same_actor(place_id(f.get("location")), i) for i in ids)]
        title = f"Visits to {_label(host)}"
    else:
        ids = expand_entity(subject) if is_id(subject) else person_names(store, subject)
        events = [f for f in _read(store, "event", ids) if f.get("kind") == "visit"]
        if is_id(subject):
            # A country's visits are its people's trips abroad, not visits it received.
            events = [f for f in events if not same_actor(place_id(f.get("location")), subject)]
        if targets:
            events = [f for f in events if any(
                same_actor(place_id(f.get("location")), t) or t in (f.get("participants") or [])
                or (not is_id(t) and any(name_ok(t, p) for p in f.get("participants") or [])) for t in targets)]
        title = f"Visits by {_label(subject)}" + (f" to {', '.join(_label(t) for t in targets)}" if targets else "")
    events = [f for f in events if _in_date(f.get("date") or f.get("start"), parsed.date)]
    events.sort(key=lambda f: dates.sort_key(f.get("date") or f.get("start")))
    query = f"diplograph facts --type event --entity \"{subject}\""
    when = f" in {parsed.date}" if parsed.date else ""
    if not events:
        return _none(parsed, "visits", (title[0].lower() + title[1:]) + when, query)
    rows = []
    for f in events:
        where = place_id(f.get("location"))
        visitors = [str(p) for p in f.get("participants") or []
                    if not (is_id(p) and where and same_actor(str(p), where))]
        if visitor_first and not is_id(subject):
            visitors = [v for v in visitors if not is_id(v)] or visitors
        date = f.get("date") or f.get("start")
        shown = str(date) if date else f"undated (reported {f.first_seen or '?'})"
        channel = f", {f.get('channel')} channel" if f.get("channel") else ""
        rows.append(f"{shown}: {', '.join(_label(v) for v in visitors) or '?'} to "
                    f"{_label(where) if where and is_id(where) else (where or '?')}{channel}")
    return _ok(parsed, "visits", f"{title}{when}: " + "; ".join(rows) + ".", events, query, rows)


def _events_on(store: FactSource, parsed: Parsed) -> Answer | None:
    if not parsed.date:
        return None
    subject = _subject_person_or_actor(parsed)
    ids = (expand_entity(subject) if is_id(subject) else person_names(store, subject)) if subject else None
    events = [f for f in read_merged(store, "event", ids, since=parsed.date, until=parsed.date)
              if _in_date(f.get("date") or f.get("start"), parsed.date)]
    events.sort(key=lambda f: dates.sort_key(f.get("date")))
    query = f"diplograph facts --type event --since {parsed.date} --until {parsed.date}" + (
        f" --entity \"{subject}\"" if subject else "")
    if not events:
        return _none(parsed, "events", f"what happened in {parsed.date}", query)
    return _ok(parsed, "events", f"{len(events)} event(s) in {parsed.date}.", events, query)


def _who_is(store: FactSource, parsed: Parsed) -> Answer | None:
    people = parsed.people
    if not people:
        return None
    person = people[0]
    names = person_names(store, person)
    positions = [f for f in _read(store, "position", names) if any(name_ok(n, f.get("person")) for n in names)]
    if parsed.date:
        positions = [f for f in positions if any(dates.on_or_before(str(x.get("as_of") or ""), parsed.date)
                                                 for x in f.facts)] or positions
    positions.sort(key=lambda f: dates.sort_key(f.get("as_of") or f.first_seen), reverse=True)
    query = f"diplograph entity \"{names[0]}\""
    if not positions:
        return _none(parsed, "who_is", f"which office {person} holds", query)
    offices = "; ".join(f"{f.get('title')} ({_label(str(f.get('org')))}, as of {f.get('as_of') or f.first_seen})"
                        for f in positions)
    return _ok(parsed, "who_is", f"{positions[0].get('person')}: {offices}.", positions, query)


def title_matches(wanted: str, title: str) -> bool:
    """"president" matches "President" and "State President", not "Vice President"."""
    want, have = title_words(wanted), title_words(title)
    if not want or not have:
        return False
    for i in range(len(have) - len(want) + 1):
        if have[i:i + len(want)] == want:
            before = have[i - 1] if i else ""
            return before not in {"vice", "deputy", "former", "acting", "assistant", "under"}
    return False


_WHO_OF = re.compile(r"\bwho (?:is|was|are|were|has been) (?:the )?(?:current )?(?P<title>[a-z .\-]+?) "
                     r"(?:of|for|in|at) ")
_WHO_POSSESSIVE = re.compile(r"\bwho (?:is|was|are|were|has been) (?:the )?(?P<org>[^?]+?)['’]s? "
                             r"(?:current )?(?P<title>[a-z .\-]+?)(?: (?:in|on|at|as of|now|today|currently)\b.*)?\??$")


def _office_holder(store: FactSource, parsed: Parsed) -> Answer | None:
    """Who holds an office, now (the latest statement) or at a date (the statements of that time)."""
    match = _WHO_OF.search(parsed.low) or _WHO_POSSESSIVE.search(parsed.low)
    orgs = parsed.actors
    if not match or not orgs:
        return None
    wanted, org = match.group("title").strip(), orgs[0]
    if re.fullmatch(r"(top |main |current )?(leaders?|officials?|heads?|office holders?|government)", wanted):
        return _leaders_of(store, parsed)
    positions = [f for f in _read(store, "position", expand_entity(org))
                 if same_actor(f.get("org"), org) and title_matches(wanted, str(f.get("title") or ""))]
    if parsed.date:
        inside = [f for f in positions if any(_in_date(x.get("as_of"), parsed.date) for x in f.facts)]
        before = [f for f in positions if any(dates.on_or_before(str(x.get("as_of") or ""), parsed.date)
                                              for x in f.facts)]
        positions = inside or before
    positions.sort(key=lambda f: dates.sort_key(max((str(x.get("as_of") or "") for x in f.facts),
                                                     key=dates.sort_key)), reverse=True)
    query = f"diplograph facts --type position --entity {org}"
    when = f" in {parsed.date}" if parsed.date else ""
    if not positions:
        return _none(parsed, "office_holder", f"who the {wanted} of {org} was{when}", query)
    latest = positions[0]
    stated = sorted({str(x.get("as_of")) for x in latest.facts if x.get("as_of")}, key=dates.sort_key)
    span = (f"stated {stated[0]}" + (f" to {stated[-1]}" if len(stated) > 1 else "")) if stated else "undated"
    text = f"{latest.get('person')} ({latest.get('title')}, {_label(org)}, {span})"
    if len(positions) > 1:
        # One line per other holder: "Kishida" and "Kishida Fumio" (name orders differ) are one person.
        shown = [str(latest.get("person"))]
        earlier = []
        checked: set[str] = set()  # a name once shown or matched stays so (shown only grows)
        by_word: dict[str, list[str]] = {}  # name_ok needs a shared word: only those names are compared
        for word in name_tokens(shown[0]):
            by_word.setdefault(word, []).append(shown[0])
        for f in positions[1:]:
            person = str(f.get("person"))
            if person in checked:
                continue
            checked.add(person)
            near = {seen for word in name_tokens(person) for seen in by_word.get(word, ())}
            if any(name_ok(person, seen) or name_ok(person, " ".join(reversed(seen.split()))) or
                   name_ok(" ".join(reversed(person.split())), seen) for seen in near):
                continue
            shown.append(person)
            for word in name_tokens(person):
                by_word.setdefault(word, []).append(person)
            earlier.append(f"{person} ({f.get('as_of')})")
        if earlier:
            text += "; earlier: " + ", ".join(earlier)
    return _ok(parsed, "office_holder", text + ".", positions, query)


def _leaders_of(store: FactSource, parsed: Parsed) -> Answer | None:
    orgs = parsed.actors
    if not orgs:
        return None
    org = orgs[0]
    positions = [f for f in _read(store, "position", expand_entity(org)) if same_actor(f.get("org"), org)]
    positions.sort(key=lambda f: (str(f.get("title")), dates.sort_key(f.get("as_of"))))
    query = f"diplograph facts --type position --entity {org}"
    if not positions:
        return _none(parsed, "officials", f"who holds office in {org}", query)
    return _ok(parsed, "officials", f"{len(positions)} office holder(s) of {_label(org)}.", positions, query)


# --- bodies and roles

_ROLE_VERBS = (
    (r"\b(chair|chaired|chairs|chairmanship|chairing)\b", ("chair",)),
    (r"\b(host|hosted|hosts|hosting)\b", ("host",)),
    (r"\b(presid\w*|presidency|president)\b", ("president",)),
    (r"\bvice[- ]president\b", ("vice_president",)),
    (r"\b(sit|sat|serve|served|serving|seat|member|membership|elected|join|joined|belong)\w*\b",
     ("member", "non_permanent_member", "board_member", "permanent_member")),
    (r"\b(contribut\w*|troops|peacekeep\w*)\b", ("contributor",)),
)


def _wanted_roles(low: str) -> tuple[str, ...] | None:
    for pattern, roles in _ROLE_VERBS:
        if re.search(pattern, low):
            return roles
    return None


def _role_when(store: FactSource, parsed: Parsed) -> Answer | None:
    if not parsed.bodies or not (parsed.countries or parsed.people):
        return None
    body = parsed.bodies[0]
    actor = (parsed.countries or [None])[0]
    if actor is None:
        return None
    roles = [f for f in _read(store, "role", expand_entity(actor))
             if f.get("body") == body and same_actor(f.get("actor"), actor)]
    wanted = _wanted_roles(parsed.low)
    narrowed = [f for f in roles if wanted and f.get("role") in wanted]
    roles = narrowed or roles
    roles.sort(key=lambda f: (f.get("start") is None, dates.sort_key(f.get("start"))))
    query = f"diplograph facts --type role --entity {actor}"
    if not roles:
        return _none(parsed, "roles", f"that {actor} held a seat on {body}", query)
    terms = [f"{str(f.get('role')).replace('_', ' ')} {_term(f)}" for f in roles]
    return _ok(parsed, "roles", f"{_label(actor)} on {_label(body)}: {'; '.join(terms)}.", roles, query)


def _term(fact: MergedFact) -> str:
    start, end = fact.get("start"), fact.get("end")
    if start and end and start != end:
        return f"{start}–{end}"
    if start:
        return str(start) if end else f"from {start}"
    if end:
        return f"until {end}"
    return "(term not stated)"


def _body_roles(store: FactSource, parsed: Parsed) -> Answer | None:
    if not parsed.bodies:
        return None
    body = parsed.bodies[0]
    roles = [f for f in _read(store, "role", [body]) if f.get("body") == body]
    wanted = _wanted_roles(parsed.low)
    if wanted:
        roles = [f for f in roles if f.get("role") in wanted]
    if parsed.date:
        roles = [f for f in roles if f.get("start") and dates.overlaps(f.get("start"), f.get("end") or f.get("start"),
                                                                      parsed.date)]
    roles.sort(key=lambda f: (dates.sort_key(f.get("start")), str(f.get("actor"))))
    query = f"diplograph facts --type role --entity {body}"
    if not roles:
        return _none(parsed, "body_roles", f"who holds roles in {body}", query)
    actors = ", ".join(dict.fromkeys(f"{f.get('actor')} ({str(f.get('role')).replace('_', ' ')} {_term(f)})"
                                     for f in roles))
    return _ok(parsed, "body_roles", f"{_label(body)}: {actors}.", roles, query)


def _memberships(store: FactSource, parsed: Parsed) -> Answer | None:
    """Seats an actor holds or held, each with its term and status; UN bodies only when asked about the UN."""
    actor = (parsed.countries or [None])[0]
    if actor is None:
        return None
    roles = [f for f in _read(store, "role", expand_entity(actor)) if same_actor(f.get("actor"), actor)]
    wanted = _wanted_roles(parsed.low)
    if wanted and "member" in wanted and not re.search(r"\bseats?\b|\broles?\b", parsed.low):
        roles = [f for f in roles if f.get("role") in wanted]
    asked_un = "UN" in parsed.bodies or re.search(r"\bu\.?n\.?\b|\bunited nations\b", parsed.low)
    other_bodies = [b for b in parsed.bodies if b != "UN"]
    scope = ""
    if other_bodies:
        roles = [f for f in roles if f.get("body") in other_bodies]
    elif asked_un:
        roles = [f for f in roles if seat_group(f.get("body")) == "UN"]
        scope = " in the UN system"
    if parsed.date:
        roles = [f for f in roles if not f.get("start") or dates.overlaps(f.get("start"), f.get("end"), parsed.date)]
    roles.sort(key=lambda f: (str(f.get("body")), dates.sort_key(f.get("start"))))
    query = f"diplograph facts --type role --entity {actor}"
    if not roles:
        return _none(parsed, "memberships", f"which bodies {actor} belongs to{scope}", query)
    by_body: dict[str, list[str]] = {}
    for f in roles:
        status = seat_status(f)
        by_body.setdefault(str(f.get("body")), []).append(
            f"{str(f.get('role')).replace('_', ' ')} {_term(f)}" + (f", {status}" if status in ("left", "ended") else ""))
    items = "; ".join(f"{_label(b)}: {', '.join(dict.fromkeys(terms))}" for b, terms in by_body.items())
    return _ok(parsed, "memberships", f"{_label(actor)} holds or held seats in {len(by_body)} bodies{scope}: "
               f"{items}.", roles, query)


def _hosted(store: FactSource, parsed: Parsed) -> Answer | None:
    actor = (parsed.countries or [None])[0]
    if actor is None:
        return None
    ids = expand_entity(actor)
    roles = [f for f in _read(store, "role", ids) if f.get("role") == "host" and same_actor(f.get("actor"), actor)]
    events = [f for f in _read(store, "event", ids) if f.get("host") and same_actor(f.get("host"), actor)]
    found = sorted(roles + events, key=lambda f: dates.sort_key(f.get("start") or f.get("date")))
    query = f"diplograph facts --type role --entity {actor}"
    if not found:
        return _none(parsed, "hosted", f"what {actor} hosted", query)
    items = [f"{f.get('body') or f.get('label') or f.get('kind')} {f.get('start') or f.get('date') or ''}".strip()
             for f in found]
    return _ok(parsed, "hosted", f"{_label(actor)} hosted: {', '.join(items)}.", found, query)


# --- partnerships, relations, agreements


def _partners(store: FactSource, parsed: Parsed) -> Answer | None:
    countries = parsed.countries
    if not countries:
        return None
    subject = countries[0]
    level = _level(parsed.low)
    found = [f for f in _read(store, "partnership", [subject]) if subject in (f.get("a"), f.get("b"))]
    note = ""
    if len(countries) > 1:
        found = [f for f in found if countries[1] in (f.get("a"), f.get("b"))]
    elif level:
        exact = [f for f in found if f.get("level") == level]
        if not exact:
            higher = [f for f in found if level_rank(f.get("level")) >= level_rank(level) and level in str(f.get("level"))]
            if higher:
                note = f" (none at exactly the {level.replace('_', ' ')} level; at higher tiers)"
                level = None
            found = higher
        else:
            found = exact
    if parsed.date:
        found = [f for f in found if dates.on_or_before(f.get("since") or f.first_seen, parsed.date)]
    found.sort(key=lambda f: (-level_rank(f.get("level")), _other(f, subject)))
    level_text = f"{level.replace('_', ' ')} " if level and len(countries) == 1 else ""
    query = f"diplograph facts --type partnership --entity {subject}"
    if not found:
        return _none(parsed, "partners", f"which countries are {subject}'s {level_text}partners", query)
    if len(countries) > 1:
        best = found[0]
        text = (f"{_label(subject)} and {_label(countries[1])}: "
                + "; ".join(f"{str(f.get('level')).replace('_', ' ')} partnership"
                            + (f" since {f.get('since')}" if f.get("since") else "") for f in found) + ".")
        return _ok(parsed, "partners", text, found if best else found, query)
    others = [f"{_label(_other(f, subject))}" + (f" (since {f.get('since')})" if f.get("since") else "")
              + ("" if level else f" [{str(f.get('level')).replace('_', ' ')}]") for f in found]
    return _ok(parsed, "partners", f"{_label(subject)}'s {level_text}partners{note}: {', '.join(others)}.", found,
               query)


def _upgrades(store: FactSource, parsed: Parsed) -> Answer | None:
    """Partnership histories: each pair's levels in date order (an upgrade is a later, higher level).

    For one pair ("When did Vietnam and the US upgrade their partnership?", "When did A and B
    become comprehensive strategic partners?") every step is given, with the date the text states
    or, failing that, when it was first reported.
    """
    countries = parsed.countries
    if not countries:
        return None
    subject = countries[0]
    level = _level(parsed.low) if re.search(r"\bbec[oa]me|\bto (a |an )?\w+ ?\w* partner", parsed.low) else None
    found = [f for f in _read(store, "partnership", [subject]) if subject in (f.get("a"), f.get("b"))]
    pair_asked = len(countries) > 1
    if pair_asked:
        found = [f for f in found if countries[1] in (f.get("a"), f.get("b"))]
    if level:
        found = [f for f in found if f.get("level") == level] or found
    if parsed.date:
        found = [f for f in found if _in_date(f.get("since") or f.first_seen, parsed.date)]
    by_pair: dict[str, list[MergedFact]] = {}
    for f in found:
        by_pair.setdefault(_other(f, subject), []).append(f)
    rows, facts = [], []
    for other, steps in sorted(by_pair.items()):
        steps.sort(key=lambda f: (dates.sort_key(f.get("since") or f.first_seen), level_rank(f.get("level"))))
        if not (pair_asked or len(steps) > 1 or steps[0].get("since")):
            continue
        facts.extend(steps)
        rows.append(f"{_label(other)}: " + " -> ".join(
            f"{str(f.get('level')).replace('_', ' ')} ({f.get('since') or 'date not stated; first reported ' + str(f.first_seen)})"
            for f in steps))
    query = f"diplograph entity {subject}"
    if not facts:
        return _none(parsed, "upgrades", f"when {subject}'s partnerships were set up or upgraded", query)
    return _ok(parsed, "upgrades", f"{_label(subject)}: " + "; ".join(rows) + ".", facts, query, rows)


def _left(store: FactSource, parsed: Parsed) -> Answer | None:
    """Seats and memberships that ended: a withdrawal the text announces, or a term with only an end."""
    actor = (parsed.countries or [None])[0]
    if actor is None:
        if not parsed.bodies:
            return None
        # "Which countries left ECOWAS?": every actor that left the body.
        body = parsed.bodies[0]
        gone = [f for f in _read(store, "role", [body]) if f.get("body") == body and seat_status(f) == "left"]
        gone.sort(key=lambda f: (dates.sort_key(f.get("end") or f.first_seen), str(f.get("actor"))))
        query = f"diplograph facts --type role --entity {body}"
        if not gone:
            return _none(parsed, "left", f"that any country left {body}", query)
        items = ", ".join(f"{_label(str(f.get('actor')))}" + (f" ({f.get('end')})" if f.get("end") else "")
                          for f in gone)
        return _ok(parsed, "left", f"Left {_label(body)}: {items}.", gone, query)
    ended = [f for f in _read(store, "role", expand_entity(actor)) if same_actor(f.get("actor"), actor)
             and seat_status(f) == "left"]
    if parsed.bodies:
        ended = [f for f in ended if f.get("body") in parsed.bodies]
    ended.sort(key=lambda f: (dates.sort_key(f.get("end") or f.first_seen), str(f.get("body"))))
    query = f"diplograph timeline {actor}"
    if not ended:
        return _none(parsed, "left", f"that {actor} left a body", query)
    items = ", ".join(f"{_label(str(f.get('body')))} ({str(f.get('role')).replace('_', ' ')}, "
                      + (f"left {f.get('end')}" if f.get("end") else f"withdrawal announced {f.first_seen or '?'}")
                      + ")" for f in ended)
    return _ok(parsed, "left", f"{_label(actor)} left or is leaving: {items}.", ended, query)


def _other(fact: MergedFact, subject: str) -> str:
    a, b = fact.get("a"), fact.get("b")
    return str(b if a == subject else a)


def _relations(store: FactSource, parsed: Parsed) -> Answer | None:
    countries = parsed.countries
    if not countries:
        return None
    subject = countries[0]
    rels = [f for f in _read(store, "diplomatic_relations", [subject]) if subject in (f.get("a"), f.get("b"))]
    query = f"diplograph facts --type diplomatic_relations --entity {subject}"
    if len(countries) > 1:
        other = countries[1]
        rels = [f for f in rels if other in (f.get("a"), f.get("b"))]
        parts = [f for f in _read(store, "partnership", [subject]) if other in (f.get("a"), f.get("b"))]
        found = sorted(rels, key=lambda f: dates.sort_key(f.get("since"))) + sorted(
            parts, key=lambda f: -level_rank(f.get("level")))
        if not found:
            return _none(parsed, "relations", f"anything about relations between {subject} and {other}", query)
        bits = [f"diplomatic relations {f.get('status') or 'active'}"
                + (f" since {f.get('since')}" if f.get("since") else "") for f in rels]
        bits += [f"{str(f.get('level')).replace('_', ' ')} partnership"
                 + (f" since {f.get('since')}" if f.get("since") else "") for f in parts]
        return _ok(parsed, "relations", f"{_label(subject)} – {_label(other)}: {'; '.join(bits)}.", found, query)
    if not rels:
        return None
    others = ", ".join(f"{_label(_other(f, subject))}" + (f" ({f.get('status')})" if f.get("status") not in (
        None, "active") else "") for f in rels)
    return _ok(parsed, "relations", f"{_label(subject)} has diplomatic relations with: {others}.", rels, query)


def _agreements(store: FactSource, parsed: Parsed) -> Answer | None:
    actors = parsed.actors
    found: list[MergedFact] = []
    what = ""
    if actors:
        found = [f for f in _read(store, "agreement", expand_entity(actors[0]))
                 if any(same_actor(p, actors[0]) for p in f.get("parties") or [])]
        if len(actors) > 1:
            found = [f for f in found if any(same_actor(p, actors[1]) for p in f.get("parties") or [])]
        what = f"agreements of {' and '.join(actors[:2])}"
    if not found:
        # An agreement named in the question ("When was the CPTPP signed?"), parties or not.
        words = [w for w in re.findall(r"[a-z0-9]+", parsed.low) if w not in _STOP and w not in _AGREEMENT_WORDS]
        if words:
            # Full-text search narrows to sentences with the words; the name must then contain them.
            candidates = read_merged(store, "agreement", text=" ".join(words))
            by_name = [f for f in candidates
                       if all(re.search(r"\b" + w + r"\b", fold(f"{f.get('name')} {f.get('long_name') or ''}")
                                        .casefold()) for w in words)]
            if by_name:
                found, what = by_name, f"an agreement named {' '.join(words)}"
        if not found and not actors:
            return None
    kind = _agreement_kind(parsed.low)
    if kind and actors:
        found = [f for f in found if f.get("kind") == kind] + _unattributed(store, actors[0], kind)
        what = f"{kind} agreements of {' and '.join(actors[:2])}"
    if parsed.date:
        found = [f for f in found if _in_date(f.get("signed") or f.first_seen, parsed.date)]
    found.sort(key=lambda f: dates.sort_key(f.get("signed") or f.first_seen))
    query = "diplograph facts --type agreement" + (f" --entity {actors[0]}" if actors else "")
    if not found:
        return _none(parsed, "agreements", what, query)
    names = "; ".join(f"{f.get('name')}" + (f" ({f.get('long_name')})" if f.get("long_name") else "")
                      + (f" (signed {f.get('signed')})" if f.get("signed") else "") for f in found)
    return _ok(parsed, "agreements", f"{len(found)} agreement(s): {names}.", found, query)


def _unattributed(store: FactSource, actor: str, kind: str) -> list[MergedFact]:
    """Agreements of a kind that name no parties, stated in a sentence that names the actor
    ("Vietnam has joined the CPTPP, the EVFTA and the RCEP")."""
    name = entity_name(actor)
    found = read_merged(store, "agreement", text=name)
    return [f for f in found if f.get("kind") == kind and not f.get("parties")]


def _agreement_kind(low: str) -> str | None:
    for pattern, kind in ((r"\bftas?\b|free[- ]trade", "FTA"), (r"\bmous?\b|memorand", "MoU"),
                          (r"\btreat(y|ies)\b", "treaty"), (r"\bjoint statements?\b", "joint_statement"),
                          (r"\bframeworks?\b", "framework")):
        if re.search(pattern, low):
            return kind
    return None


_AGREEMENT_WORDS = {"agreement", "agreements", "signed", "sign", "treaty", "treaties", "mou", "mous", "what",
                    "which", "did", "deal", "deals", "accord", "accords", "memorandum", "memoranda", "fta", "ftas",
                    "countries", "country", "parties", "party", "who", "when", "where", "with", "has", "have"}


# --- whole-entity views


def _timeline(store: FactSource, parsed: Parsed) -> Answer | None:
    first = parsed.first
    if first is None:
        return None
    eid = first[1]
    line = timeline(store, eid)
    query = f"diplograph timeline \"{eid}\""
    if not line.entries:
        return _none(parsed, "timeline", f"anything dated about {eid}", query)
    facts = list(dict.fromkeys(e.fact for e in line.entries))
    rows = [f"{e.date} {e.what}: {e.summary}" for e in line.entries]
    return _ok(parsed, "timeline", f"{len(line.entries)} dated entries for {_label(eid)}.", facts, query, rows)


def _profile(store: FactSource, parsed: Parsed) -> Answer | None:
    first = parsed.first
    if first is None:
        return None
    eid = first[1]
    profile = entity_profile(store, eid, as_of=parsed.date)
    facts = list(profile.offices) + [f for fs in profile.partnerships.values() for f in fs] + list(
        profile.relations) + list(profile.roles) + list(profile.events) + list(profile.agreements)
    query = f"diplograph entity \"{eid}\"" + (f" --as-of {parsed.date}" if parsed.date else "")
    if not facts and not profile.claims:
        return _none(parsed, "profile", f"anything about {eid}", query)
    text = (f"{profile.name}: {len(profile.offices)} office(s), "
            f"{sum(len(v) for v in profile.partnerships.values())} partnership(s), {len(profile.roles)} role(s), "
            f"{len(profile.events)} event(s), {len(profile.agreements)} agreement(s), {len(profile.claims)} claim series.")
    for series in profile.claims:
        facts.extend(p.fact for p in series.points)
    return _ok(parsed, "profile", text, facts, query, series=profile.claims)


def _statistics(store: FactSource, parsed: Parsed) -> Answer | None:
    subject = (parsed.actors or [None])[0]
    if subject is None:
        return None
    series = claims(store, None, subject)
    query = f"diplograph claims --subject {subject}"
    if not series:
        return _none(parsed, "statistics", f"any figures about {subject}", query)
    rows = [f"{s.label or s.metric}: " + "; ".join(f"{_said(p)} ({p.as_of})" for p in s.points) for s in series]
    facts = [p.fact for s in series for p in s.points]
    return _ok(parsed, "statistics", f"{len(series)} series of figures about {_label(subject)}.", facts, query,
               rows, tuple(series))


def _documents(store: FactSource, parsed: Parsed) -> Answer | None:
    if not parsed.date:
        return None
    found = [f for f in _read(store, "document", None) if _in_date(f.get("published"), parsed.date)]
    found.sort(key=lambda f: dates.sort_key(f.get("published")))
    query = f"diplograph facts --type document --since {parsed.date} --until {parsed.date}"
    if not found:
        return _none(parsed, "documents", f"which articles were published in {parsed.date}", query)
    rows = [f"{f.get('published')}: {f.doc_ids[0]}" + (f" — {f.get('title')}" if f.get("title") else "")
            for f in found]
    return _ok(parsed, "documents", f"{len(found)} article(s) published in {parsed.date}.", found, query, rows)


def _search(store: FactSource, parsed: Parsed) -> Answer:
    words = [w for w in re.findall(r"[a-z0-9]+", parsed.low) if w not in _STOP and len(w) > 2]
    query = f"diplograph facts --text \"{' '.join(words)}\""
    found: list[MergedFact] = []
    if words:
        found = read_merged(store, text=" ".join(words), limit=60)
        if not found and len(words) > 1:
            # Fewer words: the longest ones say most.
            key = " ".join(sorted(words, key=len, reverse=True)[:2])
            found = read_merged(store, text=key, limit=60)
            query = f"diplograph facts --text \"{key}\""
    if not found:
        return Answer(parsed.text, "unknown", False,
                      "I cannot answer that from the store: no question pattern fits and no evidence sentence "
                      "contains its words.", query=query, suggestions=_suggest(parsed))
    return _ok(parsed, "search", f"No question pattern fits; {len(found)} fact(s) whose sentences contain "
               f"'{' '.join(words)}'.", found[:20], query)


# Order matters: the first pattern whose handler gives an answer wins.
_HANDLERS: tuple[tuple[str, Handler], ...] = (
    (r"\b(articles?|documents?|stories|reports|texts|news) (were |was )?(published|written|dated|from)\b",
     _documents),
    (r"\b(contradict|disagree|inconsisten|conflicting)", _contradictions),
    (r"\bhow (many|much)\b|\bnumber of\b|\bcount of\b", _how_many),
    (r"\bwhat (is|are|was|were)\b", _named_claim),
    (r"\bupgrad|\belevat|\bbec[oa]me\b.*\bpartners?\b", _upgrades),
    (r"\b(leave|left|withdr[ae]w\w*|quit|exit\w*|pull(ed)? out)\b", _left),
    (r"\b(history|changed|over time|trend|evolve)\b.*\b(number|count|figure|how many)|\b(number|count)\b.*\bhistory",
     _claim_history),
    (r"\bwho(m)? (did|has|had|have|does) .+ (meet|met|talk|spoke|speak|call|hold talks|held talks)\b", _met_whom),
    (r"\bwho .*\b(met|meet) with\b", _met_whom),
    (r"\bvisit", _visits),
    (r"\b(what happened|what took place|events?\b|meetings?\b|what was (held|signed)|which (meetings|visits))",
     _events_on),
    (r"\bwhen\b.*\b(sit|sat|serve|served|seat|member|chair|chaired|host|hosted|hold|held|preside|presided|"
     r"president|presidency|elected|join|joined)", _role_when),
    (r"\bwho (chairs|chaired|presides|presided|hosted|hosts|held|holds|sits|sat|served)\b", _body_roles),
    (r"\b(which|what) (countries|states|nations|members)\b.*\b(members?|sit|sat|serve|belong|join|seats?)\b",
     _body_roles),
    (r"\b(agreements?|treat(y|ies)|mous?|memorand\w*|accords?|deals?|ftas?|signed|sign)\b", _agreements),
    (r"\b(which|what) (bodies|organi[sz]ations|institutions|forums|groups|councils|seats|roles)\b|"
     r"\bmember(s|ship)? of\b|\bbelong", _memberships),
    (r"\bwho (is|was|are|were|has been) (the )?[a-z .\-]+ (of|for|in|at) |"
     r"\bwho (is|was|are|were|has been) (the )?[^?]+['’]s? [a-z .\-]*(minister|president|secretary|speaker|"
     r"chair\w*|king|queen|premier|leader|ambassador|chancellor|emir|head)\b", _office_holder),
    (r"\bwho (is|was)\b|\bwhat (office|position|post|title|job|role)s?\b|\b(office|position|title)s? (does|did|is)",
     _who_is),
    (r"\b(leaders?|officials?|office holders?|government)\b", _leaders_of),
    (r"\bpartner", _partners),
    (r"\b(relations?|ties|relationship)\b", _relations),
    (r"\bhost", _hosted),
    (r"\b(timeline|history|chronology)\b", _timeline),
    (r"\b(figures|statistics|numbers|claims)\b", _statistics),
    (r"^(tell me about|what do (you|we) know about|profile|who is|what is)\b", _profile),
)

__all__ = ["Answer", "ask", "parse", "title_matches"]
