"""The ``event`` fact: a visit, meeting, call, signing, statement ... that happened (or is planned) at a time.

Events are frames (:mod:`diplograph.extract.frames`): a trigger verb or noun
whose arguments give the participants, with the date the parse attaches to
it. This module only says which triggers name which kind of event and how
slots map to fields:

- who acts: the frame's agents (people, and the countries they act for;
  governments, capitals and national bodies as their country);
- with whom: "with"/"between" objects, the object of "met"/"received"/"called";
- where to: a visit's destination ("to Hanoi", "visited Kenya") is a
  participant and its location;
- when: the date attached to the trigger (or its light verb: "held talks on
  Monday"); an asserted event told without a date took place around the
  document's date; a planned one ("will visit", "is expected to travel")
  keeps only a stated date; hypothetical and negated ones are no events.

One happening told several times in a document ("the visit", "arrived in",
"during his stay") becomes one fact: events of one family on the same date
that share a participant are merged.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from diplograph import resolve
from diplograph.extract.actors import countries_of, person_country
from diplograph.extract.base import make_fact
from diplograph.extract.event_kinds import (
    FAMILY, NOUN_KINDS, SAY, _GOVERNMENTS, _GROUPS, _GROUP_AGENTS, _MILITARY, _frames, _label, _place,
)
from diplograph.extract.frames import Arg, DocParses, Frame, Parse
from diplograph.extract.positions import full_names, holdings
from diplograph.model import AnalyzedDocument, Fact, Mention

EXTRACTOR = "events"

# Date prepositions that date something else than the event ("since 2019", "until May").
_NOT_EVENT_DATE = frozenset({"since", "until", "till", "through", "by", "before", "after", "for"})
# Modifiers of an event noun that place it away from the document's date ("the next summit").
_AWAY_NOUN = frozenset({"next", "upcoming", "forthcoming", "coming", "recent", "previous", "past", "earlier",
                        "last", "future", "prior"})
# Conjunctions of a clause told as background to another ("after X visited Taiwan").
_BACKGROUND = frozenset({"after", "since", "before", "until", "once", "when", "while", "because"})
# Adverbs that place an undated asserted event away from the document's date.
_AWAY = frozenset({"previously", "earlier", "once", "formerly", "ago", "recently", "already", "long", "twice",
                   "often", "repeatedly", "never", "ever", "usually", "regularly"})


@dataclass
class _Event:
    kind: str
    frame: Frame
    people: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # countries and bodies
    date: str | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    label: str | None = None
    separate: bool = False  # one of several meetings a sentence tells at once ("met A and B")
    frames: list[Frame] = field(default_factory=list)  # the frames of the events merged into this one
    stated: bool = True  # the date is the text's, not the document's

    def __post_init__(self) -> None:
        self.frames = self.frames or [self.frame]

    @property
    def family(self) -> str:
        return FAMILY.get(self.kind, self.kind)

    @property
    def participants(self) -> list[str]:
        return list(dict.fromkeys(self.people + self.actors))


def _ids(ctx: "_Context", mentions: Iterable[Mention], people: list[str], actors: list[str],
         person_countries: bool = True) -> None:
    """Add the people and actors (countries, international bodies) the mentions stand for; a person acts
    for the country of the office the document gives them."""
    doc = ctx.doc
    for m in mentions:
        if m.kind == "person" and m.id:
            people.append(str(m.id))
            if person_countries:
                c = ctx.orgs.get(str(m.id)) or person_country(doc, m)
                if c:
                    actors.append(c)
        elif m.kind == "body" and m.id:
            c = resolve.national_country(m.id)
            actors.append(c if c and c != m.id else str(m.id))
        elif m.kind in ("country", "pair", "group") or m.kind == "place" and (m.attrs or {}).get("how") == "capital":
            actors.extend(countries_of(doc, m))
        elif m.kind == "title":
            c = resolve.national_country((m.attrs or {}).get("org"))
            if c:
                actors.append(c)


def _arg_mentions(args: Iterable[Arg], head_only: bool = False) -> list[Mention]:
    out: list[Mention] = []
    for a in args:
        if a.referent is not None:
            out.append(a.referent)
            if head_only:
                continue
        out.extend(m for m in a.mentions if m.kind in ("person", "country", "body", "pair", "group", "place", "title")
                   and m is not a.referent)
    return out


def _speaker_ok(people: list[str], actors: list[str]) -> bool:
    return bool(people or actors)


@dataclass
class _Context:
    """The document, its office holders' countries, and what it told before the current sentence."""

    doc: AnalyzedDocument
    orgs: dict[str, str] = field(default_factory=dict)  # person -> the country of their office
    recent: list[str] = field(default_factory=list)  # the last two people told of together
    recent_at: int = -99  # the sentence that told of them
    principal: list[str] = field(default_factory=list)  # the two people the document is about
    titled: bool = False  # ... named together in its title
    last_day: str | None = None  # the last day a sentence named ("issued the same day")
    days: dict[str, str] = field(default_factory=dict)  # trigger lemma -> the day of the last such happening
    occasion: str | None = None  # the date of the last dated gathering ("Speaking at the ceremony, X said")
    speaker: str | None = None  # the last transcript speaker label ("PRIME MINISTER X:")


def _agents(doc: AnalyzedDocument, parse: Parse, f: Frame, ctx: _Context) -> tuple[list[str], list[str]]:
    people: list[str] = []
    actors: list[str] = []
    _ids(ctx, _arg_mentions(f.agents, head_only=f.pos == "VERB"), people, actors)
    if not people and not actors and f.pos == "VERB":
        _ids(ctx, _arg_mentions(f.agents), people, actors)  # "Ministers from both sides signed"
    heads = [parse.tokens[a.head] for a in f.agents]
    if not people and not actors and f.pos == "NOUN" and any(t.text.lower() in ("his", "her") for t in heads):
        # "held talks ..., as part of his state visit": the one whose clause the noun sits in
        verb = parse.governing_verb(f.trigger)
        subjects = [m for v in ([verb] if verb is not None else []) for s in parse.kids(v, "nsubj")
                    for m in parse.arg(s).mentions if m.kind == "person"]
        if len({m.id for m in subjects}) == 1:
            _ids(ctx, subjects[:1], people, actors)
    if not people and ctx.speaker and any(t.text in ("I", "We", "we") for t in heads):
        people.append(ctx.speaker)  # "I visited ...", said by the transcript's speaker
    pair = _pair_of(parse, heads, ctx)
    if not people and pair:
        people = pair  # "the prime ministers signed", "the two leaders agreed": the pair last told of
        for name in pair:
            m = next((m for s in doc.sentences for m in s.mentions if m.kind == "person" and m.id == name), None)
            c = person_country(doc, m) if m is not None else None
            if c:
                actors.append(c)
    return people, actors


def _pair_of(parse: Parse, heads: list, ctx: "_Context") -> list[str]:
    """The pair an agent refers back to: "the two leaders", "both sides", "the prime ministers" (the pair
    last told of, else the document's two principals); "they", "we" only right after that pair was told
    of, or when the title names the two. Not "officials", nor "leaders" without an article."""
    for t in heads:
        lemma = parse.lemma(t.i)
        if lemma not in _GROUP_AGENTS or lemma == "official":
            continue
        if t.tag == "PRP":
            if ctx.recent and lemma != "we" and parse.sentence.index - ctx.recent_at <= 1:
                return list(ctx.recent)
            if ctx.titled:
                return list(ctx.principal)
        elif lemma in ("both", "two") or t.tag in ("NNS", "NNPS") and any(
                parse.lemma(c) in ("the", "both", "two") for c in parse.kids(t.i, "det", "nummod", "predet")):
            return list(ctx.recent or ctx.principal)
    return []


def _one_sided(e: _Event) -> bool:
    """Talks, a meeting or a call need two sides: two people, two countries, or a body that meets (or
    a partner the text names that we could not resolve)."""
    if e.kind not in ("talks", "meeting", "call"):
        return False
    bodies = [a for a in e.actors if not (len(a) == 3 and a.isupper())]
    return len(set(e.people)) < 2 and len(set(e.actors)) < 2 and not bodies


def _told_back(parse: Parse, f: Frame, e: _Event) -> bool:
    """ "told reporters after the talks", "the summit, which will be hosted by X": a gathering told
    of again (or only by its host) with one side only is no new fact."""
    if e.family != "gathering" or len(set(e.people)) >= 2 or len(set(e.actors)) >= 2 or e.label:
        return False
    k = f.trigger
    definite = any(parse.lemma(c) in ("the", "this", "that") for c in parse.kids(k, "det"))
    partners = f.prep("with", "between", "among")
    hosted = f.pos == "VERB" and f.lemma == "host" and f.passive
    return f.pos == "NOUN" and definite and not partners or hosted


def _event(doc: AnalyzedDocument, parse: Parse, f: Frame, kind: str, ctx: _Context) -> list[_Event]:
    people, actors = _agents(doc, parse, f, ctx)
    if kind in ("call", "talks") and f.lemma in SAY:
        _ids(ctx, _arg_mentions(f.themes), people, actors)
        return [_Event(kind, f, people, actors)] if len(people) >= 2 else []
    if FAMILY.get(kind) == "speech":
        if not people and not actors:
            return []
        if not people and not actors and f.pos == "NOUN" and parse.sentence.index == 0:
            # a document titled "Joint Statement on the United States-Vietnam Framework": its parties
            _ids(ctx, [m for m in parse.sentence.mentions if m.kind in ("person", "country")], people, actors)
            if people or len(set(actors)) >= 2:
                return [_Event(kind, f, people, actors)]
        if not people and kind == "statement" and not any(
                a.referent is not None and a.referent.kind in ("country", "body", "place")
                or parse.lemma(a.head) in _GOVERNMENTS and a.mentions for a in f.agents):
            return []  # "the report said": no speaker we can name ("the Kenyan government said": Kenya)
        if f.lemma == "address":
            # "address the 79th session of the General Assembly": where the statement was made
            actors += [str(m.id) for a in f.themes for m in a.mentions if m.kind == "body" and m.id]
        if kind == "interview":
            # "in an interview with the Vietnam News Agency": the outlet takes part (as itself)
            actors += [str(m.id) for a in f.prep("with", "to") for m in a.mentions if m.kind == "body" and m.id]
        return [_Event(kind, f, people, actors)]
    if kind == "exercise" and f.pos == "NOUN" and not (
            {parse.tokens[c].text.lower() for c in parse.subtree(f.trigger) if c != f.trigger} & _MILITARY
            or parse.tokens[f.trigger].text.lower() in ("drill", "drills") or _label(parse, f)):
        return []  # "a mapping exercise on trade rules" is no exercise of forces
    if FAMILY.get(kind) == "gathering" and f.light is not None and parse.lemma(f.light) == "host" and \
            any(m.kind == "body" for m in parse.mentions_at[f.trigger]):
        return []  # "hosted the World Economic Forum on ASEAN": hosting a body's meeting is a role
    if f.lemma in ("session", "sitting", "plenary", "meeting") and parse.dep(f.trigger) == "dobj" and \
            parse.lemma(parse.head(f.trigger)) == "address":
        return []  # "address the General Assembly's session": a statement there, not an event of its own
    # with whom, to where
    partners = f.prep("with", "between", "among", "alongside") + (f.prep("to") if f.lemma == "present" else ())
    if f.pos == "NOUN" and f.lemma == "call" and any(parse.lemma(c) == "courtesy" for c in parse.kids(f.trigger, "amod",
                                                                                                        "compound")):
        kind, partners = "meeting", partners + f.prep("on", "to")  # "paid a courtesy call on X": a meeting
    if f.pos == "VERB" and kind in ("meeting", "call", "signing", "election"):
        partners = partners + tuple(a for a in f.themes if a.referent is not None and
                                    a.referent.kind in ("person", "country", "body", "title", "pair", "group"))
        for a in f.themes:
            if a.referent is None and parse.lemma(a.head) in _GROUPS:
                # "received a delegation of the X Party led by Y": the delegation's people and body
                led = [c for c in parse.subtree(a.head, frozenset()) if parse.dep(c) == "acl"
                       and parse.lemma(c) in ("lead", "head")]
                partners = partners + (a,) + tuple(x for c in led for g in parse.kids(c, "agent")
                                                   for o in parse.kids(g, "pobj") for x in parse.args(o))
    if kind == "signing" and f.pos == "NOUN":
        # "the signing of cooperation documents between Vietnam and Brazil": the parties of what was signed
        partners = partners + tuple(b for a in f.prep("of") for p in parse.kids(a.head, "prep")
                                    if parse.lemma(p) in ("between", "with") for o in parse.kids(p, "pobj")
                                    for b in parse.args(o))
    if FAMILY.get(kind) == "gathering" and f.pos == "NOUN":
        # "a meeting of the Security Council", "the 45th General Assembly of AIPA": the body that meets
        partners = partners + tuple(a for a in f.prep("of") if any(m.kind == "body" for m in a.mentions)
                                    or f.lemma == "summit")
    if kind == "meeting" and f.lemma == "summit":
        if not f.prep("with", "between"):
            kind = "conference"  # "the ASEAN Summit"; "a summit with X" is two leaders meeting
    _ids(ctx, _arg_mentions(partners), people, actors)
    if kind == "visit":
        return _visits(ctx, parse, f, people)
    location, _ = _place(f.prep("in", "at"))
    label = _label(parse, f)
    if kind in ("conference", "meeting", "exercise", "election") and f.pos == "NOUN":
        # "the ASEAN Summit", "the Quad virtual summit", "Malabar exercise": the body or countries named in it
        inner = [m for c in parse.kids(f.trigger, "compound", "amod", "nmod", "poss")
                 for m in parse.arg(c).mentions]
        _ids(ctx, inner, people, actors)
    if not people and f.pos == "NOUN" and FAMILY.get(kind) == "gathering" and not f.agents and (
            parse.sentence.index == 0 or parse.dep(f.trigger) == "pobj" and parse.lemma(parse.head(f.trigger)) in (
                "before", "after", "at", "during", "ahead")):
        # "Remarks by President A and President B Before Bilateral Meeting": its speakers met
        _ids(ctx, [m for m in parse.sentence.mentions if m.kind == "person"], people, actors)
    if kind == "signing" and f.pos == "VERB" and _cumulative(parse, f):
        return []  # "has signed over 40 agreements": a count, not a signing
    if kind == "election" and f.pos == "VERB":
        # "X was elected chairperson of the Commission": the elected and what they were elected to
        _ids(ctx, _arg_mentions(f.themes), people, actors)
        top = f.trigger
        while parse.dep(top) == "conj" and parse.head(top) != top:
            top = parse.head(top)  # "who was elected in 2021 and again in 2023"
        if parse.dep(top) == "relcl" and any(parse.lemma(a.head) in ("who", "that", "which") for a in f.themes) or \
                parse.dep(top) == "relcl" and any(parse.lemma(c) in ("who", "that") for c in parse.kids(top, "nsubjpass")):
            _ids(ctx, _arg_mentions(parse.args(parse.head(top))), people, actors)  # "Mr X, who was elected ..."

        for a in f.themes:
            for c in parse.kids(a.head, "prep"):
                _ids(ctx, [m for o in parse.kids(c, "pobj") for m in parse.arg(o).mentions if m.kind == "body"],
                     people, actors)
    e = _Event(kind, f, people, actors, location=location, label=label)
    if not people and not actors or _told_back(parse, f, e) or (_one_sided(e) and f.lemma != "vote" and not any(
            a.referent is not None or a.mentions for a in partners + f.prep("from"))):
        return []
    return _separate(ctx, parse, f, e, partners)


def _separate(ctx: _Context, parse: Parse, f: Frame, e: _Event, partners: tuple[Arg, ...]) -> list[_Event]:
    """ "X met Prime Minister A and Director-General B", "held separate phone talks with A and B": one
    meeting or call per partner, when the partners come from different countries or bodies."""
    if e.kind not in ("meeting", "talks", "call") or f.pos != "VERB" and not any(
            parse.lemma(c) == "separate" for c in parse.kids(f.trigger, "amod")):
        return [e]
    persons = list({str(m.id): m for a in partners for m in a.mentions
                    if m.kind == "person" and m.id and str(m.id) not in e.people[:1]}.values())
    if len(persons) < 2:
        return [e]
    sides = {p.id: (ctx.orgs.get(str(p.id)) or person_country(ctx.doc, p)) for p in persons}

    def own_with(m: Mention) -> int | None:  # the "with" phrase a partner is named in
        k = parse.mention_head(m)
        return next((a for a in parse.ancestors(k) if parse.dep(a) in ("prep", "conj")
                     and parse.lemma(a) == "with"), None) if k is not None else None
    apart = len({own_with(p) for p in persons}) == len(persons) and None not in {own_with(p) for p in persons}
    if len(set(sides.values())) < 2 and not apart:
        return [e]  # "met the prime minister and the foreign minister of X": one meeting with X ("met with A,
        # and with B" tells two)
    movers = [p for p in e.people if p not in sides]
    out = []
    for p in persons:
        people = movers + [str(p.id)]
        actors = [c for c in dict.fromkeys([ctx.orgs.get(m) for m in movers] + [sides[p.id]]) if c]
        out.append(_Event(e.kind, f, people, actors, location=e.location, label=e.label, separate=True))
    return out


def _cumulative(parse: Parse, f: Frame) -> bool:
    """ "Kenya has signed over 40 agreements": a perfect verb over a counted object sums up many acts."""
    perfect = any(parse.lemma(a) == "have" for a in parse.kids(f.trigger, "aux"))
    counted = any(parse.kids(a.head, "nummod") for a in f.themes)
    return perfect and counted


def _under_other_event(parse: Parse, f: Frame, m: Mention) -> bool:
    """The mention belongs to another event noun nested in this one's phrase ("A's visit to X and B's
    visits to Y": Y is not A's destination)."""
    h = parse.mention_head(m)
    for a in parse.ancestors(h) if h is not None else ():
        if a == f.trigger:
            return False
        if parse.lemma(a) in NOUN_KINDS and parse.tokens[a].pos in ("NOUN", "PROPN"):
            return True
    return False


def _visits(ctx: _Context, parse: Parse, f: Frame, people: list[str]) -> list[_Event]:
    """A visit per destination: the visitor and the place they went ("visits to Korea and India")."""
    doc = ctx.doc
    dest = f.prep("to", "in") + (f.themes if f.pos == "VERB" and f.lemma in ("visit", "tour") else ()) + (
        f.prep("of") if f.pos == "NOUN" else ())
    hosts = [a.referent for a in dest if a.referent is not None and a.referent.kind in ("person", "title")]
    if hosts and f.pos == "NOUN":
        # "paid a visit to President X": a call on a person is a meeting with them
        actors: list[str] = []
        _ids(ctx, hosts, people, actors)
        where_text, _ = _place(f.prep("in", "at"))
        return [_Event("meeting", f, people, actors, location=where_text)] if people else []
    places = [m for a in dest for m in a.mentions if m.kind in ("country", "place") and countries_of(doc, m)
              and not _under_other_event(parse, f, m)]
    if not places:
        location, _ = _place(dest)
        if location is None:
            return []
        visitors = list(people)
        return [_Event("visit", f, visitors, [], location=location)] if visitors else []
    visitors: list[str] = []
    if not people:
        # "an Indian warship visited X": the visiting side from the agent phrase
        _ids(ctx, _arg_mentions(f.agents), [], visitors)
    out: list[_Event] = []
    for m in places:
        country = countries_of(doc, m)[0]
        if any(country in e.actors for e in out):
            continue
        e = _Event("visit", f, list(people), list(dict.fromkeys(visitors + [country])), location=m.text)
        if e.people or len(e.actors) >= 2:
            out.append(e)
    return out


def _date(doc: AnalyzedDocument, parse: Parse, f: Frame, speech: bool = False
          ) -> tuple[str | None, str | None, str | None, bool]:
    """(date, start, end, stated) for a frame: the date the parse attaches; an asserted event told
    without one happened around the document's date."""
    m = f.when
    if m is not None and speech and f.pos == "VERB":
        # "described the plan as a package running to June": a date in what was said dates the content
        content = {i for c in parse.kids(f.trigger, "ccomp") for i in parse.subtree(c, frozenset())} | {
            i for p in parse.kids(f.trigger, "prep") if parse.lemma(p) == "as" for i in parse.subtree(p, frozenset())}
        if parse.mention_head(m) in content and parse.adjacent_date(f.trigger)[0] is not m:
            m = None  # (not "said Sunday the talks will ...": a date right after the verb is the saying's)
    if f.pos == "NOUN" and f.lemma in ("election", "elections", "vote", "poll", "referendum"):
        # an election is dated by its own phrase ("the June 3 election"), not by the clause telling of it
        own = set(parse.subtree(f.trigger))
        lead = min(own)

        def inside(d: Mention) -> bool:  # in the phrase, or just before it ("the June 3 snap election")
            toks = parse.token_range(d.start, d.end)
            return parse.mention_head(d) in own or bool(toks) and 0 <= lead - toks[-1] <= 2

        m = next((d for d in parse.sentence.mentions if d.kind == "date" and (d.attrs or {}).get("value")
                  and inside(d)), None)
        if m is None:
            return None, None, None, False
        return _past(parse, f, str(m.attrs["value"]), doc.published, m.text), None, None, True
    if f.pos == "NOUN" and m is None and {parse.lemma(c) for c in parse.kids(f.trigger, "amod")} & _AWAY_NOUN:
        return None, None, None, False  # "the next summit", "the recent talks": not the report's date
    ranged = m is not None and (m.attrs or {}).get("start") and (m.attrs or {}).get("end")
    if m is not None and ((f.when_prep or "") not in _NOT_EVENT_DATE or ranged and f.when_prep == "from"):
        attrs = m.attrs or {}
        value = attrs.get("value")
        if value:
            start, end = attrs.get("start"), attrs.get("end")
            if not (start and end and start != end):
                start = end = None
            value = _past(parse, f, str(value), doc.published, m.text)
            # a happening told in the past is not years after its report ("met ... to fund it by 2030")
            if not (doc.published and value[:4].isdigit() and int(value[:4]) > int(doc.published[:4]) + 1
                    and f.mood == "asserted" and _told_as_past(parse, f)):
                return value, start, end, True
    lone = _lone_date(parse)
    if lone is not None and not speech and _said_on(parse, lone):
        lone = None  # "X said Saturday that Y will visit Z": the day of the saying, not of the visit
    if lone is not None and speech:
        # a date inside what was said dates the content, not the saying ("X said the talks on Monday ...")
        said = {i for c in parse.kids(f.trigger, "ccomp", "xcomp", "advcl", "dobj") for i in parse.subtree(c, frozenset())}
        said |= {i for p in parse.kids(f.trigger, "prep") if parse.lemma(p) == "as" for i in parse.subtree(p, frozenset())}
        said -= {parse.mention_head(d) for d in [parse.adjacent_date(f.trigger)[0]] if d is not None}
        others = [g for g, _ in _frames(parse) if g.trigger != f.trigger and any(a.mentions for a in g.agents)]
        if parse.mention_head(lone) in said or others:  # (another happening with its own actor may own it)
            lone = None
    if lone is not None and doc.published and f.mood == "asserted" and _told_as_past(parse, f):
        value = _past(parse, f, str((lone.attrs or {})["value"]), doc.published, lone.text)
        if value[:len(doc.published)] > doc.published[:len(value)]:
            lone = None  # a happening told in the past does not take a later date hung elsewhere ("by 2030")
    if lone is not None:
        # the sentence's only date, which the parser hung elsewhere ("X, Y and Z had a meeting ... which
        # took place at the headquarters on 26 September")
        attrs = lone.attrs or {}
        start, end = attrs.get("start"), attrs.get("end")
        if not (start and end and start != end):
            start = end = None
        return _past(parse, f, str(attrs["value"]), doc.published, lone.text), start, end, True
    if f.mood != "asserted":
        return None, None, None, False
    chain = parse.clause_chain(f.trigger)
    words = {parse.tokens[c].text.lower() for i in chain for c in parse.kids(i, "advmod", "npadvmod")}
    if words & _AWAY or any(parse.tokens[i].tag in ("VBG",) and parse.dep(i) == "ROOT" for i in chain):
        return None, None, None, False
    verb = f.light if f.light is not None else f.trigger
    if parse.tokens[verb].tag == "VBN" and any(parse.lemma(a) == "have" for a in parse.kids(verb, "aux")):
        return None, None, None, False  # "has met", "have signed": some time before, not the report's day
    if any(parse.dep(i) == "advcl" and {parse.lemma(c) for c in parse.kids(i, "mark")} & _BACKGROUND for i in chain):
        return None, None, None, False  # "talks stalled after X visited Taiwan": a happening told as background
    return doc.published, None, None, False


def _said_on(parse: Parse, date: Mention) -> bool:
    """The date dates a verb of saying ("said Saturday", "announced on Monday")."""
    h = parse.mention_head(date)
    return h is not None and any(parse.lemma(a) in SAY and parse.tokens[a].pos == "VERB" for a in
                                 list(parse.ancestors(h))[:2])


def _lone_date(parse: Parse) -> Mention | None:
    """The one resolved date of a sentence that names exactly one (and not as "since"/"until" ...)."""
    dates = [m for m in parse.sentence.mentions if m.kind == "date" and (m.attrs or {}).get("value")]
    if len(dates) != 1:
        return None
    h = parse.mention_head(dates[0])
    g = parse.head(h) if h is not None else None
    if g is not None and g != h and parse.dep(g) == "prep" and parse.lemma(g) in _NOT_EVENT_DATE:
        return None
    if h is not None and parse.tokens[h].pos in ("ADP", "SCONJ") and parse.lemma(h) in _NOT_EVENT_DATE:
        return None  # "since 2015" taken whole by the NER
    return dates[0]


def _past(parse: Parse, f: Frame, value: str, published: str | None, text: str) -> str:
    """A past event cannot postdate its report: "In December, X announced" in a March report is last
    December. Only for a verb in the past tense and a date written without its year."""
    if not published or any(w.strip(".,;").isdigit() and len(w.strip(".,;")) == 4 for w in text.split()):
        return value  # the year is written out
    if f.mood == "planned" and f.pos == "VERB" and len(value) >= 7 and value[:4].isdigit() and \
            value < published[:len(value)]:
        return f"{int(value[:4]) + 1:04d}{value[4:]}"  # "invited X to visit in June" (told in April): this June
    if f.mood != "asserted":
        return value
    if _told_as_past(parse, f) and len(value) >= 7 and value[:4].isdigit() and value[:len(published)] > published[:len(value)]:
        return f"{int(value[:4]) - 1:04d}{value[4:]}"
    return value


def _told_as_past(parse: Parse, f: Frame) -> bool:
    """The frame's clause is in the past tense ("met", "has signed")."""
    verbs = [i for i in parse.clause_chain(f.light if f.light is not None else f.trigger)
             if parse.tokens[i].pos in ("VERB", "AUX")]
    return any(parse.tokens[i].tag == "VBD" or parse.tokens[i].tag == "VBN" and any(
        parse.lemma(a) == "have" for a in parse.kids(i, "aux")) for i in verbs)


def _principal_people(doc: AnalyzedDocument) -> tuple[list[str], bool]:
    """The two people a document is about ("we", "the two leaders"): those its title names, else the
    two it names most; and whether its title names both."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for s in doc.sentences:
        for m in s.mentions:
            if m.kind == "person" and m.id:
                counts[str(m.id)] += 3 if s.index == 0 else 1
    top = [p for p, n in counts.most_common(2) if n >= 2]
    if len(top) != 2:
        return [], False
    title = {str(m.id) for m in doc.sentences[0].mentions if m.kind == "person"} if doc.sentences else set()
    return top, set(top) <= title


def _events(doc: AnalyzedDocument, parses: DocParses) -> list[_Event]:
    out: list[_Event] = []
    held = holdings(doc, parses)
    officials = {h.person for h in held}
    orgs = {h.person: c for h in held if h.org for c in [resolve.national_country(h.org)] if c}
    principal, titled = _principal_people(doc)
    ctx = _Context(doc, orgs, principal=principal, titled=titled)
    for parse in parses:
        seen: set[int] = set()
        for m in parse.sentence.mentions:
            if m.kind == "person" and m.id and (m.attrs or {}).get("speaker"):
                ctx.speaker = str(m.id)
        days = [m for m in parse.sentence.mentions if m.kind == "date" and (m.attrs or {}).get("precision") == "day"]
        if _question(parse):
            continue  # "Has the President spoken with ...?" asks; it tells nothing happened
        for f, kind in _frames(parse):
            if f.negated or f.mood == "hypothetical":
                continue
            if f.pos == "NOUN" and f.light is not None and f.light in seen:
                continue  # "held talks": the verb frame already told it
            for e in _event(doc, parse, f, kind, ctx):
                if _keep(doc, parse, f, e, officials, ctx):
                    seen.add(f.trigger)
                    out.append(e)
                    if len(e.people) >= 2 and e.family != "speech":
                        ctx.recent, ctx.recent_at = e.people[:2], parse.sentence.index
                    if e.family == "gathering" and e.date and e.frame.when is not None:
                        ctx.occasion = e.date  # the day of the gathering the next remarks were made at
                    if e.date and len(e.date) == 10 and e.frame.when is not None:
                        ctx.last_day = e.date  # the day the last happening was told on ("the same day")
                        ctx.days[e.frame.lemma] = e.date
        if days and ctx.last_day is None:
            ctx.last_day = str(days[-1].attrs["value"])
    return out


def _occasion_day(parse: Parse, ctx: "_Context") -> str | None:
    """The day of the happening a sentence opens on: "On this occasion", "At the event" (the last one told
    with a day), "Following the talks", "After the meeting" (the last such one)."""
    words = [t.text.lower() for t in parse.tokens[:4]]
    if words[:3] in (["on", "this", "occasion"], ["on", "the", "occasion"], ["at", "the", "event"],
                     ["on", "that", "occasion"]):
        return ctx.last_day
    if words[:2] in (["following", "the"], ["after", "the"]) and len(parse.tokens) > 2:
        return ctx.days.get(parse.lemma(2))
    if words[:4] in (["earlier", "in", "the", "day"], ["later", "in", "the", "day"]) or \
            words[:3] in (["earlier", "that", "day"], ["later", "that", "day"], ["later", "on", "the"]) or \
            words[:2] in (["earlier", "today"], ["later", "today"]):
        return ctx.last_day  # "Earlier in the day, X met Y": the day of the happening just told
    return None


def _question(parse: Parse) -> bool:
    return parse.sentence.text.rstrip().rstrip("\"'”’)").endswith("?")


def _keep(doc: AnalyzedDocument, parse: Parse, f: Frame, e: _Event, officials: set[str],
          ctx: _Context | None = None) -> bool:
    """Date the event; whether it is one (a quoted analyst, an undated remark are not)."""
    e.date, e.start, e.end, stated = _date(doc, parse, f, e.family == "speech")
    last_day = ctx.last_day if ctx is not None else None
    if f.when is not None and not (f.when.attrs or {}).get("value") and "same day" in f.when.text.lower() and last_day:
        e.date, stated = last_day, True  # "in a statement issued the same day"
    elif not stated and f.mood == "asserted" and ctx is not None and _occasion_day(parse, ctx):
        e.date, stated = _occasion_day(parse, ctx), True  # "On this occasion", "Following the talks": that day
    if not stated and e.family == "speech" and ctx is not None and ctx.occasion and _at_occasion(parse, f):
        e.date, stated = ctx.occasion, True  # "Speaking at the ceremony, X said": the gathering's day
    e.stated = stated
    if f.mood == "planned" and not stated and e.family != "speech":
        e.date = None
    if e.kind == "signing" and f.mood != "asserted" and len(set(e.actors)) < 2 and len(set(e.people)) < 2:
        return False  # "I will sign it into law", "hopes to sign the bill": a promise with one side
    if e.kind == "election" and not stated and f.mood == "asserted":
        return False  # "X was elected president" with no date: a fact of the past, not of the report's day
    if e.family == "gathering" and not e.people and len(set(e.actors)) < 2 and not stated and not (
            f.light is not None or f.governor is not None):
        return False  # "Vietnam promoted dialogue", "the ASEAN Summit" in passing: no dated happening
    if e.family != "speech":
        return True
    if not stated and f.mood != "asserted":
        return False
    e.people = [p for p in e.people if p in officials]
    if not e.people and (not stated or not e.actors):
        return False  # an analyst quoted, or an undated "Russia has denied"
    # "X said" with no day is a quote, not a dated act (a title's statement is the document's own)
    return stated or e.kind != "statement" or f.pos != "VERB" or parse.sentence.index == 0


_OCCASIONS = frozenset({"ceremony", "event", "session", "meeting", "conference", "summit", "forum", "opening",
                        "closing", "reception", "banquet", "dinner", "luncheon", "vote", "talks", "talk", "speech",
                        "gathering", "plenary", "celebration", "launch", "dialogue", "seminar", "workshop"})


def _at_occasion(parse: Parse, f: Frame) -> bool:
    """The saying is told at a gathering: "Speaking at the ceremony", "Addressing the session", "said after
    the vote", "in his acceptance speech"."""
    k = f.trigger
    for c in parse.kids(k, "advcl", "prep", "npadvmod"):
        words = {parse.lemma(i) for i in parse.subtree(c, frozenset())}
        if words & _OCCASIONS and (parse.dep(c) != "advcl" or parse.lemma(c) in ("speak", "address", "attend",
                                                                                 "open", "close", "welcome")):
            return True
    return False


def _near(a: str | None, b: str | None, days: int = 10) -> bool:
    """Two days at most ``days`` apart (a readout's headline, dated by the document, and the day its body gives)."""
    try:
        return abs((datetime.date.fromisoformat(str(a)) - datetime.date.fromisoformat(str(b))).days) <= days
    except ValueError:
        return False


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _merge(events: list[_Event]) -> list[_Event]:
    """One fact per happening: the same family and compatible dates, and either the same sentence or
    participants one of which contains the other ("the visit", "arrived in", "during his stay")."""
    out: list[_Event] = []
    for e in events:
        for o in out:
            # a headline's happening dated only by the document ("Readout of X's Meeting with Y") is the one the
            # body dates ("met ... on May 7")
            headline = (o.frame.sentence.index == 0 and not o.stated and e.stated and e.frame.mood == "asserted"
                        and _near(o.date, e.date or e.start) and (e.date or e.start or "") <= (o.date or ""))
            if o.family != e.family or not (headline or _compatible(o.date or o.start, e.date or e.start)):
                continue
            if e.separate and any(x is e.frame for x in o.frames):
                continue  # "met A and B": two meetings, told at once
            a, b = set(o.participants), set(e.participants)
            told_together = o.frame.sentence.index == e.frame.sentence.index and e.family == "gathering"
            if not (set(o.people) & set(e.people) or not (o.people and e.people if told_together
                                                           else o.people or e.people) and a & b):
                continue  # ("attended the ceremony of the 58th Meeting": one gathering, told twice)
            if e.family == "speech":
                same = bool(set(o.people) & set(e.people)) or a == b
            elif e.family == "signing":
                same = o.frame.sentence.index == e.frame.sentence.index  # two sentences, two documents signed
            else:
                same = a <= b or b <= a or (o.frame.sentence.index == e.frame.sentence.index and o.kind == e.kind
                                            and e.family != "visit")  # (two destinations are two visits)
            if same:
                o.people = list(dict.fromkeys(o.people + e.people))
                o.actors = list(dict.fromkeys(o.actors + e.actors))
                if not o.date and e.date or o.date and e.date and not o.stated and e.stated:
                    o.date, o.start, o.end, o.stated = e.date, e.start or o.start, e.end or o.end, True
                elif o.date and e.date and len(e.date) > len(o.date) and e.date.startswith(o.date):
                    o.date = e.date
                o.location = o.location or e.location
                o.label = o.label or e.label
                o.frames.append(e.frame)
                o.separate = o.separate or e.separate
                break
        else:
            out.append(e)
    return out


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    parses = parses or DocParses(doc)
    events = _events(doc, parses)
    # one name per person: a bare surname the people registry left alone is the fuller name it ends
    full = full_names({p for e in events for p in e.people})
    for e in events:
        e.people = list(dict.fromkeys(full.get(p, p) for p in e.people))
    facts: list[Fact] = []
    for e in _merge(events):
        fields: dict[str, object] = {"kind": e.kind, "date": e.date, "participants": e.participants}
        if e.label:
            fields["label"] = e.label
        if e.start:
            fields["start"], fields["end"] = e.start, e.end
        if e.location:
            fields["location"] = e.location
        confidence = 0.7 if e.date else 0.5
        facts.append(make_fact(doc, e.frame.sentence, "event", EXTRACTOR, confidence, **fields))
    return facts
