"""Which happenings a sentence tells, and of which kind: the verbs and nouns that name events, the
slots a verb needs filled to count ("met Prime Minister X", not "met the goal"), the nouns that name
one happening rather than a kind of them, and the labels of named gatherings."""

from __future__ import annotations

from collections.abc import Iterable

from diplograph import resolve
from diplograph.extract.frames import Arg, Frame, Parse
from diplograph.model import Mention


# Verbs that name an event, by kind. Some need a slot filled to count (see _verb_kind).
VERB_KINDS = {
    "visit": "visit", "travel": "visit", "arrive": "visit", "tour": "visit", "fly": "visit",
    "meet": "meeting", "receive": "meeting", "host": "meeting", "welcome": "meeting",
    "call": "call", "phone": "call", "telephone": "call", "speak": "call", "talk": "call",
    "discuss": "talks", "negotiate": "talks", "confer": "talks",
    "sign": "signing", "ink": "signing", "seal": "signing",
    "elect": "election", "re-elect": "election", "vote": "meeting", "present": "meeting",
}


# A council or parliament that votes sits: "the Security Council voted", "lawmakers voted on Friday".
_SITTING = frozenset({"committee", "council", "parliament", "assembly", "congress", "senate", "legislature",
                      "house", "lawmaker", "legislator", "deputy", "bloc", "union", "board"})


# Verbs of saying: a dated statement by a named official or a government is an event.
SAY = frozenset({
    "say", "tell", "announce", "state", "declare", "warn", "urge", "write", "tweet", "post", "criticize",
    "criticise", "condemn", "denounce", "reiterate", "stress", "deny", "dismiss", "reject", "accuse", "vow",
    "insist", "confirm", "express", "hail", "praise", "add", "note", "emphasize", "emphasise", "argue", "claim",
    "blame", "demand", "caution", "assert", "affirm", "reaffirm", "pledge", "underline", "underscore",
    "highlight", "remark", "comment", "respond", "reply", "explain", "acknowledge", "admit", "predict",
    "describe", "brief", "address", "voice", "lament", "slam", "question", "suggest", "propose",
})


# Nouns that name an event, by kind.
NOUN_KINDS = {
    "visit": "visit", "trip": "visit", "tour": "visit", "stay": "visit",
    "meeting": "meeting", "summit": "meeting", "reception": "meeting", "audience": "meeting", "gathering": "meeting",
    "talk": "talks", "talks": "talks", "negotiation": "talks", "consultation": "talks", "dialogue": "talks",
    "discussion": "talks",
    "call": "call", "conversation": "call", "phone": "call",
    "conference": "conference", "forum": "conference", "session": "conference", "congress": "conference",
    "plenary": "conference", "symposium": "conference", "convention": "conference", "meet": "conference",
    "assembly": "conference", "week": "conference", "festival": "conference", "expo": "conference",
    "exhibition": "conference", "fair": "conference", "celebration": "conference", "ceremony": "conference",
    "signing": "signing", "exchange": "signing", "handover": "signing",
    "briefing": "briefing", "gaggle": "briefing",
    "interview": "interview",
    "statement": "statement", "speech": "statement", "address": "statement", "remarks": "statement",
    "announcement": "statement", "declaration": "statement", "communique": "statement", "letter": "statement",
    "post": "statement", "tweet": "statement",
    "exercise": "exercise", "drill": "exercise", "drills": "exercise", "maneuver": "exercise",
    "election": "election", "elections": "election", "vote": "election", "poll": "election",
    "referendum": "election",
    "hearing": "hearing", "trial": "hearing",
}


FAMILY = {"meeting": "gathering", "talks": "gathering", "conference": "gathering", "call": "gathering",
          "statement": "speech", "briefing": "speech", "interview": "speech"}


# "told reporters" is a briefing; "told NBC" an interview.
_PRESS = frozenset({"reporter", "journalist", "press", "media", "correspondent", "newsman", "reporters"})


# Words that make an event noun generic rather than one happening ("regular meetings", "no visit").
_GENERIC = frozenset({"regular", "frequent", "future", "further", "more", "many", "several", "numerous", "such",
                      "other", "various", "annual", "periodic", "every", "each", "any", "all", "some", "no",
                      "mutual", "these", "those", "reciprocal", "routine", "possible", "potential", "ongoing",
                      "continuing", "constant", "continued", "daily", "weekly"})


def _place(args: Iterable[Arg]) -> tuple[str | None, list[Mention]]:
    """A destination or venue: the place text and the mentions that name it."""
    for a in args:
        for m in a.mentions:
            if m.kind in ("country", "place") or m.kind == "body" and m.id and "_" not in str(m.id):
                if m.kind == "country" and (m.attrs or {}).get("how") == "demonym" and m.id:
                    return str(m.id), [m]  # "in the Japanese capital": the country, not the adjective
                return m.text, [m] if m.kind != "body" else []
    return None, []


def _verb_kind(parse: Parse, f: Frame) -> str | None:
    """The kind of event a verb frame names, or None when its slots say it is none."""
    lemma = f.lemma
    if lemma in SAY:
        return _say_kind(parse, f)
    kind = VERB_KINDS.get(lemma)
    if kind is None:
        return None
    objects = [m for a in f.themes for m in ([a.referent] if a.referent else [])]
    persons = [m for m in objects if m.kind in ("person", "title", "country", "body")]
    if lemma in ("travel", "arrive", "fly"):
        dest = f.prep("to", "in", "at", "for")
        return kind if _place(dest)[0] else None
    if lemma == "welcome" and not persons:
        # "welcomed the accord" is a statement; "welcomed X to attend", with no object parsed, is neither
        return "statement" if f.themes else None
    if lemma == "host" and any(m.kind == "body" for m in objects) and not any(m.kind == "person" for m in objects):
        return None  # "hosted APEC in 2017": a role of the body, not a meeting
    if lemma == "present":  # "presented his credentials to President X": an ambassador meets the head of state
        return kind if f.prep("to") and any(parse.lemma(a.head) in ("credential", "credentials")
                                            for a in f.themes) else None
    if lemma in ("receive", "host", "welcome"):
        return kind if persons or any(parse.lemma(a.head) in ("delegation", "counterpart", "leader", "president",
                                                                "minister") for a in f.themes) else None
    if lemma == "call":
        if parse.tokens[f.trigger].tag == "VBN" and parse.dep(f.trigger) in ("acl", "amod"):
            return None  # "a group called X", "the so-called deal": a name
        if f.prep("on", "for") or not persons:
            return "statement" if f.prep("on", "for") else None  # "called on X to": a statement
        return kind
    if lemma in ("speak", "talk"):
        if parse.dep(f.trigger) == "advcl" and parse.lemma(parse.head(f.trigger)) in SAY and not f.prep("with"):
            return None  # "Speaking at a news conference, X said": the saying tells it
        phone = {parse.lemma(a.head) for a in f.prep("by", "over", "on", "via")}
        if phone & {"phone", "telephone", "video", "videoconference", "link"}:
            return kind
        return "talks" if f.prep("with") and lemma == "talk" else (
            "statement" if lemma == "speak" and not f.prep("with") else ("call" if f.prep("with") else None))
    if lemma in ("discuss", "negotiate", "confer"):
        return kind if f.prep("with") else None
    if lemma == "meet":
        # "met Prime Minister X", "met with X": someone to meet ("meet the goal", "meet challenges" is none)
        if f.themes and not persons and not any(parse.lemma(a.head) in _GROUPS | _GROUP_AGENTS for a in f.themes):
            return None  # "ready to meet consumer demand"
        return kind if persons or f.prep("with") or f.passive or any(
            parse.lemma(a.head) in _GROUP_AGENTS and parse.tokens[a.head].tag in ("NNS", "PRP") or
            len(f.agents) > 1 for a in f.agents) else None  # "the two leaders met", "we met today", "A and B met"
    if kind == "signing":
        if parse.kids(f.trigger, "prt"):
            return None  # "signed up to", "signed on": a commitment, not a signing
        return kind if f.themes else None
    if lemma in ("elect", "re-elect"):
        return kind if f.passive or f.themes else None
    if lemma == "vote":
        return kind if any((a.referent is not None and a.referent.kind == "body") or parse.lemma(a.head) in _SITTING
                           for a in f.agents) else None
    return kind


def _official(m: Mention) -> bool:
    """A person the text (or the gazetteer) gives an office."""
    attrs = m.attrs or {}
    return bool(attrs.get("title") or attrs.get("org") or attrs.get("org_hint"))


def _say_kind(parse: Parse, f: Frame) -> str | None:
    for a in f.prep("in", "during", "by", "over"):
        if parse.lemma(a.head) in ("conversation", "call", "phone", "telephone") and f.themes:
            return "call"  # "told X in phone conversations": a call with X
    if f.lemma == "tell":
        if any((m.kind == "person" and m.label != "coref" or m.kind == "title") and (_official(m) or parse.lemma(
                a.head) in ("counterpart", "minister", "president", "leader")) for a in f.themes for m in a.mentions):
            return "talks"  # "told his Russian counterpart X on Tuesday": two officials spoke (not "told a reporter, X")
        for a in f.themes:
            word = parse.lemma(a.head)
            if word in _PRESS or parse.tokens[a.head].text.lower() in _PRESS or word in ("briefing", "gaggle",
                                                                                          "conference"):
                return "briefing"
            if a.referent is not None and a.referent.kind == "other" or parse.tokens[a.head].pos == "PROPN" and \
                    a.referent is None:
                return "interview"
    for a in f.prep("in", "during", "at"):
        word = parse.lemma(a.head)
        if word == "interview":
            return "interview"
        if word in ("briefing", "conference", "gaggle"):
            return "briefing"
    for c in parse.kids(f.trigger, "advcl", "xcomp"):  # "Speaking to the press, X said"
        if parse.lemma(c) in ("speak", "talk") and any(
                parse.lemma(o) in _PRESS or parse.lemma(o) in ("conference", "briefing") and any(
                    parse.lemma(n) in _PRESS | {"news"} for n in parse.kids(o, "compound", "amod", "nmod"))
                for p in parse.kids(c, "prep") for o in parse.kids(p, "pobj")):
            return "briefing"
    return "statement"


# Words that are a gathering only when named or told as attended: "the APEC Economic Leaders' Week".
_NAMED_ONLY = frozenset({"assembly", "week", "festival", "expo", "exhibition", "fair", "celebration", "ceremony"})


def _noun_ok(parse: Parse, f: Frame) -> bool:
    """An event noun that names one happening, not a kind of them ("regular meetings", "45 visits")."""
    k = f.trigger
    if f.lemma in _NAMED_ONLY and not (parse.tokens[k].text[:1].isupper() or f.light is not None):
        return False
    if f.lemma in _NAMED_ONLY and f.light is None and not any(
            parse.tokens[c].text[:1].isupper() and parse.tokens[c].pos != "DET"
            for c in parse.kids(k, "compound", "amod", "nmod", "nummod", "poss")):
        return False  # "This Week in the Economy": a capital, but no name
    if f.lemma in _NAMED_ONLY and any(m.kind == "body" for m in parse.mentions_at[k]) and not any(
            parse.tokens[c].tag == "JJ" and parse.tokens[c].text[:1].isdigit() for c in parse.kids(k, "amod", "nummod")):
        return False  # "the UN General Assembly" is a body; "the 45th General Assembly of AIPA" a gathering
    if f.lemma == "convention" and any(parse.lemma(p) in ("on", "against", "for", "concerning")
                                       for p in parse.kids(k, "prep")):
        return False  # "the Convention on the Law of the Sea" is a treaty, not a gathering
    if f.lemma == "congress" and not _party_congress(parse, k):
        return False  # a legislature ("calls on Congress"); a party's "14th National Congress" is a gathering
    for c in parse.kids(k, "det", "amod", "nummod", "predet", "advmod"):
        low = parse.tokens[c].text.lower()
        if low in _GENERIC:
            return False
        if parse.dep(c) == "nummod" and low not in ("one", "1"):
            return False
    if parse.tokens[k].tag == "NNS" and f.lemma not in ("talk", "talks", "consultation", "negotiation",
                                                         "discussion", "remarks", "election", "drill") \
            and not ((parse.kids(k, "poss") or f.light is not None) and f.preps):
        return False  # a plural count of events ("Hue's visits to Korea and India" is a list of them)
    if parse.dep(k) in ("compound",) or parse.tokens[k].dep == "amod":
        return False
    return True


def _party_congress(parse: Parse, k: int) -> bool:
    """"the 14th National Congress", "the Party Congress", "the congress of the Workers' Party"."""
    mods = parse.kids(k, "amod", "nummod", "compound")
    if any(parse.lemma(c) in ("party", "national") for c in mods):
        return True  # (a numbered "112th Congress" alone is a legislature's term)
    owners = [m for p in parse.kids(k, "prep") for o in parse.kids(p, "pobj") for m in parse.mentions_at[o]]
    return any(m.kind == "body" and getattr(resolve.bodies().get(str(m.id)), "kind", None) == "party"
               for m in owners)


# Papers whose exchange or handover is their signing ("witnessed the exchange of the memorandum").
_PAPERS = frozenset({"memorandum", "mou", "agreement", "document", "letter", "note", "treaty", "accord", "protocol",
                     "deal", "contract", "instrument", "certificate", "plan", "programme", "program", "declaration"})


# Nouns that speak for the country named on them: "the Kenyan government", "Seoul's foreign ministry".
_GOVERNMENTS = frozenset({"government", "administration", "authority", "authorities", "ministry", "cabinet",
                          "presidency", "embassy", "mission", "side", "junta", "regime"})


# Groups received or met as one: "a delegation of the X Party", "a team from the ministry".
_GROUPS = frozenset({"delegation", "team", "mission", "group", "contingent", "guest"})


_GROUP_AGENTS = frozenset({"leader", "minister", "president", "side", "delegation", "premier", "chancellor",
                           "head", "counterpart", "official", "both", "they", "we", "two"})


# Exercises of armed forces, not "a mapping exercise on trade rules".
_MILITARY = frozenset({"military", "naval", "navy", "joint", "air", "army", "maritime", "defense", "defence",
                       "live-fire", "war", "peacekeeping", "combat", "training", "bilateral", "trilateral",
                       "multilateral", "combined", "amphibious", "coast", "guard", "drill", "drills", "sea", "field",
                       "search", "rescue", "counter-terrorism", "counterterrorism", "security", "rescue", "marine"})


def _label(parse: Parse, f: Frame) -> str | None:
    """The name of a named gathering or exercise: "the 12th Indian Ocean Conference", "Malabar 2024"."""
    k = f.trigger
    if f.pos != "NOUN":
        return None
    mods = [c for c in parse.kids(k, "compound", "amod", "nummod", "nmod") if c < k]
    if parse.tokens[k].text[:1].isupper():  # "the Summit of the Americas": a capitalised "of" complement
        mods += [p for p in parse.kids(k, "prep") if parse.lemma(p) == "of" and any(
            parse.tokens[o].text[:1].isupper() for o in parse.kids(p, "pobj"))]
    if not mods:
        return None  # "Readout of the Meeting with X": the trigger alone names nothing
    toks = sorted({i for c in mods for i in parse.subtree(c)} | {k})
    toks = [i for i in toks if parse.tokens[i].pos != "PUNCT" or parse.tokens[i].text in ("-", "–")]
    if not toks or not any(parse.tokens[i].text[:1].isupper() and (i > 0 or parse.mentions_at[i]) for i in toks):
        return None  # (a capital that only opens the sentence names nothing: "Negotiations between ...")
    start, end = parse.tokens[toks[0]].start, parse.tokens[toks[-1]].end
    return parse.sentence.local(start, end)


def _frames(parse: Parse) -> Iterable[tuple[Frame, str]]:
    for f in parse.frames(lemmas=set(VERB_KINDS) | SAY, pos=("VERB",)):
        kind = _verb_kind(parse, f)
        if kind:
            yield f, kind
    nouns = set(NOUN_KINDS)
    for t in parse.tokens:
        word = t.lemma.lower()
        if t.pos not in ("NOUN", "PROPN") or (word not in nouns and t.text.lower() not in nouns):
            continue
        f = parse.frame(t.i)
        kind = NOUN_KINDS.get(word) or NOUN_KINDS.get(t.text.lower())
        if kind == "call" and not any(parse.tokens[c].text.lower() in ("phone", "telephone", "video")
                                      for c in parse.kids(t.i, "compound", "amod")) and f.light is None:
            continue  # "a call for restraint" is no phone call
        if kind == "statement" and t.pos == "NOUN" and not (f.agents or f.light is not None):
            continue
        if word in ("conference", "briefing") and any(parse.lemma(c) in ("press", "news", "media")
                                                      for c in parse.kids(t.i, "compound", "amod", "nmod")):
            # "told a press conference", "speaking at a news conference": the speaking verb tells it
            if any(parse.lemma(a) in SAY or parse.lemma(a) in ("tell", "speak", "talk")
                   for a in list(parse.ancestors(t.i))[:4]):
                continue
            kind = "briefing"
        if word in ("exchange", "handover") and not any(parse.lemma(o) in _PAPERS for p in parse.kids(t.i, "prep")
                                                        if parse.lemma(p) == "of" for o in parse.kids(p, "pobj")):
            continue  # "the exchange of a memorandum" is a signing; "an exchange of views" is not
        if _noun_ok(parse, f):
            yield f, kind
