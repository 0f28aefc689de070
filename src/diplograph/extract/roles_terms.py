"""What the roles extractor knows about words, bodies and dates.

Vocabularies that validate a slot of a frame (is this noun a role? is this
verb a way of joining?), what kind of body a registry id is (a peace mission,
a board, the UN itself), the role a cue gives for a body, the terms a clause
states ("for 2023-2027", "since 1995", "for a three-year term starting in
January 2026", "in 2010 and 2020"), and one fact per role and term in a
document. Nothing here reads a sentence's surface: the dates are the nlp
stage's date mentions, the words are the parse's lemmas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from diplograph import resolve
from diplograph.extract.frames import CLAUSE_DEPS, Parse
from diplograph.model import Fact

# ----------------------------------------------------------------------------- cue classes

MEMBER, SEAT, CHAIR, PRESIDENT, VICE, HOST, CONTRIB, JOIN, LEAVE, FOUND, COMPOSE, ADMIT, EXPEL = (
    "member", "seat", "chair", "president", "vice", "host", "contrib", "join", "leave", "found", "compose",
    "admit", "expel")

# Nouns that name a role in or for a body ("a member of", "its seat on", "the chairmanship of").
ROLE_NOUNS: dict[str, str] = {
    "member": MEMBER, "membership": MEMBER, "founder": FOUND, "co-founder": FOUND, "cofounder": FOUND,
    "seat": SEAT, "term": SEAT, "tenure": SEAT, "mandate": SEAT, "stint": SEAT, "election": SEAT,
    "re-election": SEAT, "reelection": SEAT,
    "chair": CHAIR, "chairman": CHAIR, "chairwoman": CHAIR, "chairperson": CHAIR, "chairmanship": CHAIR,
    "chairship": CHAIR, "chairpersonship": CHAIR, "chairwomanship": CHAIR, "chairmanship year": CHAIR,
    "presidency": PRESIDENT, "president": PRESIDENT,
    "vice-president": VICE, "vice-presidency": VICE, "vice-chair": VICE, "vice-chairman": VICE,
    "host": HOST, "hosting": HOST,
    "contributor": CONTRIB, "contribution": CONTRIB, "deployment": CONTRIB, "donor": CONTRIB,
    "funding": CONTRIB, "funder": CONTRIB,
    "accession": JOIN, "admission": JOIN, "entry": JOIN, "joining": JOIN, "readmission": JOIN,
    "re-entry": JOIN,
    "withdrawal": LEAVE, "exit": LEAVE, "departure": LEAVE, "suspension": LEAVE, "expulsion": LEAVE,
    "pullout": LEAVE,
}
# Role nouns that name the holders themselves: "its permanent members A and B can veto" asserts the
# membership whatever the verb's mood ("Ukraine's membership could come" does not).
HOLDER_NOUNS = frozenset({
    "member", "founder", "co-founder", "cofounder", "chair", "chairman", "chairwoman", "chairperson",
    "president", "vice-president", "vice-chair", "vice-chairman", "host", "contributor", "donor", "funder",
})
# Verbs whose object (or prepositional object) is the body: (lemma, particle) -> class.
BODY_VERBS: dict[tuple[str, str], str] = {
    ("join", ""): JOIN, ("rejoin", ""): JOIN, ("accede", ""): JOIN, ("enter", ""): JOIN,
    ("participate", ""): JOIN, ("belong", ""): JOIN, ("take", "part"): JOIN, ("admit", ""): JOIN,
    ("readmit", ""): JOIN, ("accept", ""): JOIN, ("induct", ""): JOIN, ("return", ""): JOIN,
    ("withdraw", ""): LEAVE, ("quit", ""): LEAVE, ("leave", ""): LEAVE, ("exit", ""): LEAVE,
    ("pull", "out"): LEAVE, ("secede", ""): LEAVE, ("suspend", ""): LEAVE, ("expel", ""): LEAVE,
    ("chair", ""): CHAIR, ("preside", ""): CHAIR, ("helm", ""): CHAIR,
    ("host", ""): HOST,
    ("elect", ""): SEAT, ("re-elect", ""): SEAT, ("reelect", ""): SEAT, ("serve", ""): SEAT,
    ("sit", ""): SEAT, ("remain", ""): SEAT, ("stay", ""): SEAT, ("make", "up"): JOIN, ("constitute", ""): JOIN,  # "A, B and C make up the bloc"
    ("deploy", ""): CONTRIB, ("send", ""): CONTRIB, ("contribute", ""): CONTRIB, ("dispatch", ""): CONTRIB,
    ("station", ""): CONTRIB, ("fund", ""): CONTRIB, ("finance", ""): CONTRIB, ("donate", ""): CONTRIB,
    ("pledge", ""): CONTRIB,
    ("create", ""): FOUND, ("form", ""): FOUND, ("found", ""): FOUND, ("establish", ""): FOUND,
    ("launch", ""): FOUND, ("set", "up"): FOUND, ("co-found", ""): FOUND, ("cofound", ""): FOUND,
}
# Verbs whose subject is the body and whose objects are countries.
BODY_SUBJECT_VERBS: dict[tuple[str, str], str] = {
    ("consist", ""): COMPOSE, ("comprise", ""): COMPOSE, ("include", ""): COMPOSE, ("group", ""): COMPOSE,
    ("gather", ""): COMPOSE, ("unite", ""): COMPOSE, ("encompass", ""): COMPOSE, ("count", ""): COMPOSE,
    ("bring", "together"): COMPOSE, ("bring", ""): COMPOSE, ("make", "up"): COMPOSE, ("have", ""): COMPOSE,
    ("admit", ""): ADMIT, ("readmit", ""): ADMIT, ("accept", ""): ADMIT, ("welcome", ""): ADMIT,
    ("induct", ""): ADMIT,
    ("suspend", ""): EXPEL, ("expel", ""): EXPEL,
}
# Words that tell a seat without naming its body ("last served in 2011-2012", "whose 2024-2025 terms").
SEAT_VERBS = frozenset({"serve", "sit"})
ELECT_VERBS = frozenset({"elect", "re-elect", "reelect", "choose", "vote", "select", "win", "secure"})
SEAT_NOUNS = frozenset({"seat", "term", "tenure", "mandate", "stint"})
# Verbs whose object does what their infinitive says ("placing Burundi in line to chair the Union").
PLACING_VERBS = frozenset({"place", "put", "position", "leave", "set", "make"})
# Registry entries named by a generic organ name that other bodies' organs share ("General Assembly").
GENERIC_ORGANS = frozenset({"UNGA"})
# Head nouns of organisations' names ("the ASEAN Inter-Parliamentary Organisation").
ORG_NOUNS = frozenset({
    "organisation", "organization", "association", "council", "commission", "committee", "forum", "assembly",
    "union", "bank", "fund", "agency", "institute", "centre", "center", "network", "foundation", "community",
    "conference", "parliament", "court", "alliance", "group", "secretariat", "board", "program", "programme",
    "convention", "treaty", "charter", "protocol", "agreement", "initiative",
})
# Heads of a partitive "of" phrase whose holders are the role's ("one of the members", "the position of
# chair"); not any noun ("leaders of the member states", "coercion of EU member states").
PARTITIVES = frozenset({
    "one", "some", "many", "several", "each", "all", "most", "both", "none", "few", "majority", "any",
    "position", "role", "post", "seat", "status", "capacity", "rank", "ranks", "title", "office", "group",
})
# Nouns that restate a role ("..., a status already held by A and B").
STATUS_NOUNS = frozenset({"status", "position", "role", "post", "seat", "title", "distinction"})
# Nouns that stand for a country when something owns them ("his country", "whose country").
COUNTRY_NOUNS = frozenset({"country", "nation", "government", "state"})
# Verbs a role noun is the object of when its subject holds the role ("holds the chair", "won seats").
HOLD_VERBS = frozenset({
    "hold", "have", "occupy", "win", "secure", "retain", "keep", "gain", "get", "obtain", "clinch", "land",
    "regain", "fill", "take", "assume", "begin", "start", "inherit", "become", "serve", "exercise", "lead",
    "complete", "conclude", "end", "finish", "relinquish", "hand", "cede", "pass", "celebrate", "mark", "use",
    "announce", "notify", "confirm", "formalize", "formalise", "finalize", "finalise", "decide", "declare",
    "initiate", "complete", "enjoy", "acquire", "resume", "renew", "extend", "receive",
})
# The role begins with these verbs ("took over the chair", "assumed the presidency") or ends ("handed over").
START_VERBS = frozenset({"assume", "begin", "start", "inherit", "acquire", "gain", "receive"})
# Verbs of giving an office away ("handed over the chair to"), and of taking one from its holder.
HAND_VERBS = frozenset({"hand", "pass", "transfer", "cede", "relinquish"})
SUCCEED_VERBS = frozenset({"succeed", "replace"})
END_VERBS = frozenset({"relinquish", "hand", "cede", "end", "conclude", "complete", "finish", "pass"})
# Copulas and their kin: "X is / became / remains a member of Y".
COPULAS = frozenset({"be", "become", "remain", "stay", "serve", "act", "sit", "emerge", "join", "rejoin",
                     "elect", "re-elect", "reelect", "name", "appoint", "choose", "vote", "select", "admit"})
# Participles that date a term: "for a two-year term starting in January".
TERM_VERBS = frozenset({"start", "begin", "commence", "end", "run", "expire", "effective", "take"})
START_TERM_VERBS = frozenset({"start", "begin", "commence"})
# A role sought, planned by hope, or blocked is no role ("applied to join", "Kenya's bid for a seat").
DESIRE = frozenset({
    "seek", "want", "hope", "apply", "aim", "try", "attempt", "bid", "push", "lobby", "campaign", "aspire",
    "wish", "consider", "propose", "offer", "invite", "urge", "ask", "request", "plan", "eye", "pursue",
    "explore", "mull", "weigh", "study", "contest", "run", "vie", "compete", "nominate", "candidacy",
    "candidature", "application", "aspiration", "ambition", "path", "road", "quest", "hope", "invitation",
    "prospect", "drive", "proposal", "possibility", "block", "veto", "oppose", "reject", "deny", "reverse",
    "delay", "stall", "obstruct", "freeze", "prevent", "thwart", "undo", "rescind", "revoke", "cancel",
    "postpone", "discuss", "debate", "support", "back", "endorse", "favor", "favour", "prepare", "call",
    "able", "easy", "ready", "eligible", "qualify",
})
# Verbs that end a contribution ("halted its funding for the agency").
CUT_VERBS = frozenset({"prohibit", "halt", "end", "cut", "stop", "suspend", "freeze", "terminate", "pause",
                       "slash", "withdraw", "ban", "bar"})
# Verbs of praise whose object did what the "for" phrase says ("thanked X for joining the bloc").
PRAISE_VERBS = frozenset({"congratulate", "thank", "praise", "commend", "laud", "applaud", "hail", "salute",
                          "credit", "recognize", "recognise", "honor", "honour"})
# Offices whose holder acts for the country: "President X joined", "Prime Minister Y chairs".
LEADER_TITLES = ("president", "prime minister", "premier", "king", "queen", "emir", "sultan", "chancellor",
                 "head of state", "head of government", "monarch", "taoiseach")
# Nouns that name a body's meeting: hosting or chairing one is a role in that body.
_MEETINGS = ("summit", "meeting", "session", "conference", "ministerial", "gathering", "talks", "talk", "assembly",
             "week", "dialogue", "retreat", "year", "forum", "event", "edition", "congress", "convention", "games")
# (plurals too: a capitalised "Summits" is a proper noun the lemmatizer leaves as it is)
MEETING_NOUNS = frozenset(_MEETINGS) | frozenset(w + "s" for w in _MEETINGS if not w.endswith("s"))
# Meeting nouns that refer back to the body's meeting named before ("the summit brought together").
MEETING_ANAPHORS = frozenset({"summit", "meeting", "conference", "session", "ministerial"})
# Verbs that tell where a meeting takes place ("the summit was held in Vientiane").
HELD_VERBS = frozenset({"hold", "take", "open", "convene", "meet", "begin", "close", "end", "kick"})
# Dependents that open a clause, for reading a noun phrase alone.
CLAUSE_STOP = CLAUSE_DEPS | {"relcl", "acl", "prep"}
# Nouns for where a body sits: hosting them is a host role of the body ("hosts the AU headquarters").
SEAT_OF_BODY = frozenset({"headquarters", "headquarter", "secretariat", "hq"})
# Nouns for what a country contributes to a mission: "troops serving with", "peacekeepers to".
TROOPS = frozenset({"troop", "soldier", "personnel", "peacekeeper", "police", "officer", "contingent", "unit",
                    "force", "battalion", "engineer", "medic", "staff", "observer", "hospital", "rotation",
                    "company", "platoon", "team"})
# Nouns a list of bodies is given under: "organisations like the WTO", "key mechanisms of ASEAN".
CONTAINERS = frozenset({
    "organization", "organisation", "institution", "body", "forum", "fora", "mechanism", "framework",
    "grouping", "bloc", "platform", "agency", "arrangement", "group", "entity", "initiative", "alliance",
})
# Generic nouns that refer back to a body named before ("the bloc", "the Council", "the grouping").
ANAPHORS: dict[str, tuple[str, ...]] = {
    "bloc": (), "group": (), "grouping": (), "organization": (), "organisation": (),
    "alliance": ("Alliance", "Treaty"),  # "the Alliance": NATO (North Atlantic Treaty Organization)
    "union": ("Union",), "association": ("Association",), "forum": ("Forum", "Cooperation"),
    "community": ("Community",), "council": ("Council",), "commission": ("Commission",),
    "board": ("Board",), "assembly": ("Assembly",), "body": (), "club": (), "coalition": (),
    "confederation": (), "federation": (), "mission": ("Mission",), "force": ("Force",), "court": ("Court",),
    "partnership": ("Partnership",), "framework": ("Framework",), "agency": ("Agency",),
    "authority": ("Authority",),
}
# Modifiers of a role noun that change or void the role.
FOUNDING_WORDS = frozenset({"founding", "found", "founder", "original", "charter"})
NOT_MEMBER_WORDS = frozenset({"observer", "partner", "candidate", "aspiring", "prospective", "would-be",
                              "potential", "future", "former", "ex", "non-member", "dialogue", "applicant",
                              "past"})
# Those a gathering lists besides its members.
GUEST_WORDS = NOT_MEMBER_WORDS | {"guest", "observer", "invitee", "partner", "representative", "envoy"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# Prepositions that date a term ("for 2025", "since 2019", "until 2026").
TERM_PREPS = frozenset({"for", "from", "since", "until", "through", "in"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
# Words that say a date opens or closes a term.
OPENERS = frozenset({"since", "from", "starting", "beginning", "effective", "as", "commencing", "following"})
CLOSERS = frozenset({"until", "till", "through", "to", "ending"})


# ----------------------------------------------------------------------------- bodies


@lru_cache(maxsize=2048)
def body_words(body_id: str) -> frozenset[str]:
    body = resolve.bodies().get(body_id)
    names = (body.name, *body.aliases) if body else (body_id,)
    return frozenset(w.strip("().,").lower() for n in names for w in n.split())


@lru_cache(maxsize=2048)
def head_words(body_id: str) -> frozenset[str]:
    """The head nouns of a body's names: "union" of "African Union", "assembly" of "Assembly of the
    African Union", "commission" of "African Union Commission"."""
    body = resolve.bodies().get(body_id)
    out = set()
    for name in (body.name, *body.aliases) if body else ():
        words = name.lower().split(" of ")[0].split()
        if words:
            out.add(words[-1].strip("().,"))
    return frozenset(out)


def is_international(body_id: str | None) -> bool:
    """A body a country can hold a role in: not a national institution or a party."""
    body = resolve.bodies().get(body_id or "")
    return bool(body) and not body.country and body.kind not in ("party", "party_organ", "media",
                                                                  "armed_group")


def names_country(text: str) -> bool:
    return bool(text) and resolve.country_id(text) is not None


def kind(body_id: str) -> str | None:
    body = resolve.bodies().get(body_id)
    return body.kind if body else None


def is_un(body_id: str) -> bool:
    """The UN or one of its organs and agencies."""
    body = resolve.bodies().get(body_id)
    return body_id == "UN" or body_id.startswith("UN") or bool(body and "United Nations" in body.name)


def meets_around(body_id: str) -> bool:
    """A body whose meetings move from country to country, so that the venue tells the host: a bloc, a
    forum, an inter-parliamentary assembly; not the UN and its agencies, which meet where they sit."""
    return not is_un(body_id) and not is_mission(body_id) and kind(body_id) in ("igo", "forum", "coalition")


def is_mission(body_id: str) -> bool:
    """A peace operation is contributed to, not joined: "troops joined the AU Mission in Somalia", "sent a
    unit to the UN Interim Security Force for Abyei" (a force that is a body's organ or a coalition, not
    the Financial Action Task Force)."""
    words = body_words(body_id)
    force = "force" in words and kind(body_id) in ("igo_organ", "coalition")
    return body_id == "UN_PKO" or force or bool(words & {"mission", "peacekeeping", "stabilization",
                                                         "stabilisation", "standby"})


def is_bloc(body_id: str) -> bool:
    """A body "the bloc" or "the group" can stand for: a union or forum of countries, not a bank, a
    court, an agency or one of a body's organs."""
    body = resolve.bodies().get(body_id)
    return bool(body) and body.kind in ("igo", "forum", "coalition") and not is_mission(body_id) and not (
        body_words(body_id) & NOT_BLOCS)


NOT_BLOCS = frozenset({"bank", "fund", "court", "agency", "programme", "program", "tribunal", "commission",
                       "council", "organization", "organisation", "office", "institute"})


@lru_cache(maxsize=1)
def _missions_by_place() -> dict[str, tuple[str, ...]]:
    """The peace missions the registry names by where they serve ("... Mission in South Sudan",
    "... Security Force for Abyei"): country id or place name -> mission ids."""
    out: dict[str, list[str]] = {}
    for bid, body in resolve.bodies().items():
        if not is_mission(bid) or bid == "UN_PKO":
            continue
        for name in (body.name, *body.aliases):
            for word in (" in ", " for "):
                if word in name:
                    where = name.split(word, 1)[1].strip()
                    where = where[4:] if where.lower().startswith("the ") else where
                    key = resolve.country_id(where) or where.lower()
                    if bid not in out.setdefault(key, []):
                        out[key].append(bid)
    return {k: tuple(v) for k, v in out.items()}


def mission_in(place: str, un: bool) -> str | None:
    """The one peace mission serving in a country or place (a UN one when the text speaks of UN
    peacekeeping), or None when there is none or more than one."""
    found = _missions_by_place().get(place) or _missions_by_place().get(place.lower()) or ()
    if len(found) > 1 and un:
        found = tuple(b for b in found if is_un(b))
    return found[0] if len(found) == 1 else None


def is_board(body_id: str) -> bool:
    words = body_words(body_id)
    return "board" in words or ({"executive", "governing"} & words and bool({"council", "body"} & words))


def meeting_parent(body_id: str) -> str | None:
    """The body whose meeting a registry entry is ("ASEAN Summit" -> ASEAN, "Assembly of the African
    Union" -> AU), not a parliamentary assembly of its members' legislatures."""
    body = resolve.bodies().get(body_id)
    words = set(body.name.lower().replace("'", "").split()) if body else set()
    if not words & {"summit", "meeting", "assembly", "authority"} or words & {"parliamentary", "legislative"}:
        return None  # the AU Assembly and the ECOWAS Authority are their bloc's summits
    prefix = body_id.split("_")[0]
    return prefix if prefix != body_id and prefix in resolve.bodies() else None


def is_secretariat(body_id: str) -> bool:
    """A bloc's own executive ("the AU Commission", "the ASEAN Secretariat"): its officials are people
    elected for themselves, not countries holding a seat ("Djibouti's minister was elected
    Chairperson of the AU Commission")."""
    parent = body_id.split("_")[0]
    if parent == body_id or parent not in resolve.bodies():
        return False
    name = {w.strip("().,").lower() for w in resolve.bodies()[body_id].name.split()}
    return name - body_words(parent) in ({"commission"}, {"secretariat"})


def secretariat_parent(body_id: str) -> str | None:
    return body_id.split("_")[0] if is_secretariat(body_id) else None


def role_name(cue: str, body_id: str, modifiers: frozenset[str]) -> str | None:
    """The FACTS.md role a cue class gives in a body (None: no role)."""
    if is_secretariat(body_id):
        return None
    mission = is_mission(body_id)
    if cue == CONTRIB:
        money = {"funding", "donor", "funder", "fund", "finance", "donate", "money"}
        return "contributor" if mission or modifiers & money else None
    if mission:
        return "contributor" if cue in (JOIN, MEMBER, SEAT) else None
    if cue in (CHAIR, PRESIDENT) and "vice" in modifiers:
        return "vice_president"
    if cue == CHAIR:
        return "president" if body_id == "UNSC" else "chair"
    if cue == PRESIDENT:  # a "pro tempore" presidency is a bloc's rotating chair (Mercosur's, SICA's)
        return "chair" if "tempore" in modifiers else "president"
    if cue == VICE:
        return "vice_president"
    if cue == HOST:
        return "host"
    if cue in (MEMBER, SEAT, JOIN, LEAVE, FOUND, COMPOSE, ADMIT, EXPEL):
        if body_id == "UNSC":
            elected = cue == SEAT or "non-permanent" in modifiers or "nonpermanent" in modifiers
            return "non_permanent_member" if elected else "member"
        if is_board(body_id):
            return "board_member"
        if body_id == "UN" and not (cue in (JOIN, FOUND, LEAVE, ADMIT) or modifiers & FOUNDING_WORDS):
            return None  # every country is one: "a responsible member of the UN" is rhetoric
        return "member"
    return None


# ----------------------------------------------------------------------------- reading words in the parse

NOUNS = ("NOUN", "PROPN")
VERBS = ("VERB", "AUX")


def is_verb(parse: Parse, k: int) -> bool:
    """A verb, or a verb the tagger took for a noun after "to" ("in line to chair the Union")."""
    return parse.tokens[k].pos in VERBS or any(parse.lemma(c) == "to" for c in parse.kids(k, "aux"))


def particle(parse: Parse, v: int) -> str:
    """The particle that makes a phrasal verb: "pull out", "take over", "bring together", "take part"."""
    for c in parse.kids(v, "prt", "advmod", "dobj", "prep"):
        word = parse.lemma(c)
        if word in ("out", "up", "together", "over") or (word == "part" and parse.lemma(v) == "take"):
            return word
    return ""


def verb_class(parse: Parse, v: int, table: dict[tuple[str, str], str]) -> str | None:
    lemma = parse.lemma(v)
    lemma = lemma.replace("re-", "re") if lemma.startswith("re-") else lemma
    return table.get((lemma, particle(parse, v))) or table.get((lemma, ""))


def noun_class(parse: Parse, k: int) -> str | None:
    """The class of a role noun, "member states" and "Vice President" included."""
    word = parse.lemma(k)
    if word not in ROLE_NOUNS and word.endswith("s"):
        word = word[:-1]  # a capitalised plural keeps its "s" as lemma: "Vice Presidents"
    kids = {parse.lemma(c) for c in parse.kids(k, "compound", "amod")}
    if word in ("state", "country", "nation", "government") and kids & {"member", "associated", "associate"}:
        return MEMBER  # "member states", "an associated state of Mercosur"
    cls = ROLE_NOUNS.get(word)
    before = [parse.tokens[i].text.lower() for i in range(max(0, k - 2), k)]
    if before[-1:] == ["-"]:
        before = before[:-1]  # "vice-chair" in three tokens
    if cls in (PRESIDENT, CHAIR) and "vice" in kids | set(before[-1:]):
        return VICE
    return cls


def list_tokens(parse: Parse, k: int) -> list[int]:
    """The tokens of a noun phrase with its coordinated and apposed members, but no clause."""
    stop = CLAUSE_DEPS - {"conj"}
    out, todo = [], [k]
    while todo:
        i = todo.pop()
        out.append(i)
        todo.extend(c for c in parse.children[i] if parse.dep(c) not in stop
                    and not (parse.dep(c) == "conj" and parse.tokens[c].pos in VERBS))
    return sorted(out)


def path_up(parse: Parse, i: int, top: int) -> list[int]:
    """The tokens from ``i`` up to (not including) ``top``."""
    out = []
    while i != top and parse.head(i) != i and len(out) < 12:
        out.append(i)
        i = parse.head(i)
    return out


def phrase_top(parse: Parse, n: int) -> int:
    """The highest noun of the noun phrase (and its prepositional chain) a noun sits in."""
    top, k = n, n
    for _ in range(8):
        h = parse.head(k)
        if h == k or parse.tokens[h].pos not in NOUNS + ("ADP",) or parse.dep(k) not in ("pobj", "prep",
                                                                                           "compound"):
            break
        k = h
        if parse.tokens[k].pos in NOUNS:
            top = k
    return top


def modifiers(parse: Parse, k: int) -> frozenset[str]:
    """The words that qualify a cue: "non-permanent", "founding", "rotating", "full", "future"."""
    words = {parse.lemma(c) for c in parse.kids(k, "amod", "compound", "advmod", "npadvmod")}
    before = " ".join(parse.tokens[i].text.lower() for i in range(max(0, k - 4), k)).replace(" - ", "-")
    if "non-permanent" in before or "nonpermanent" in before or "non permanent" in before:
        words.add("non-permanent")
    elif "permanent" in words:
        words.add("permanent")
    words.add(parse.lemma(k))
    return frozenset(words)


def as_words(parse: Parse, v: int) -> set[str]:
    """The role words of an "as" phrase on a verb ("joined as an associate member", "as a partner")."""
    for p in parse.kids(v, "prep"):
        if parse.lemma(p) == "as":
            for o in parse.kids(p, "pobj"):
                return {parse.lemma(c) for c in parse.kids(o, "amod", "compound")} | {parse.lemma(o)}
    return set()


# ----------------------------------------------------------------------------- terms


@dataclass(frozen=True)
class Term:
    start: str | None
    end: str | None
    written: bool = True  # False: read against the document's date ("this year", "in January")


def clause_tokens(parse: Parse, k: int) -> list[int]:
    """Tokens under ``k`` without crossing into another clause (a coordinated noun stays in)."""
    out, todo = [], [k]
    while todo:
        i = todo.pop()
        out.append(i)
        for c in parse.children[i]:
            t = parse.tokens[c]
            if (t.dep in CLAUSE_DEPS or t.dep == "dep") and not (t.dep == "conj" and t.pos not in VERBS):
                continue
            todo.append(c)
    return sorted(out)


@dataclass(frozen=True)
class DateRef:
    """A date stated in a clause: the nlp stage's date mention, or a bare year (range) token it left
    out ("2023–2025" written with an en dash)."""

    token: int  # its first token
    value: str
    start: str | None
    end: str | None
    written: bool


def dateline_end(parse: Parse) -> int:
    """The token that ends a dateline ("UNITED NATIONS, June 3 (Reuters) -", "Montevideo, December 7th
    2024 (MercoPress) –"): its date is the report's, not the role's. 0 when there is none."""
    for t in parse.tokens[:20]:
        if t.pos in VERBS:
            return 0
        spaced = t.start > parse.tokens[t.i - 1].end if t.i else False  # not "2023-2025"
        if t.text in ("-", "–", "—", "--") and spaced and t.i > 1:
            dated = any(m.kind == "date" for i in range(t.i) for m in parse.mentions_at[i])
            return t.i if dated else 0
    return 0


def dates_in(parse: Parse, tokens: Iterable[int]) -> list[DateRef]:
    """Dates whose head token lies among ``tokens``, in order (a dateline's left out)."""
    dateline = dateline_end(parse)
    wanted = {k for k in tokens if k >= dateline}
    out: list[DateRef] = []
    covered: set[int] = set()
    for m in parse.sentence.mentions:
        if m.kind != "date":
            continue
        toks = parse.token_range(m.start, m.end)
        covered.update(toks)
        head = parse.mention_head(m)
        value = (m.attrs or {}).get("value")
        if value and head is not None and head in wanted:
            a = m.attrs or {}
            out.append(DateRef(toks[0], str(value), a.get("start"), a.get("end"), _written(m.text)))
    for k in sorted(wanted - covered):
        t = parse.tokens[k]
        years = t.text.replace("–", "-").replace("—", "-").split("-")
        if t.pos == "NUM" and all(len(y) == 4 and y.isdigit() and 1900 < int(y) < 2100 for y in years) \
                and len(years) <= 2:
            out.append(DateRef(k, years[0], years[0] if len(years) == 2 else None,
                               years[1] if len(years) == 2 else None, True))
    return sorted(out, key=lambda d: d.token)


def lead_word(parse: Parse, k: int) -> str:
    """The word that introduces a date ("since", "from", "until"), skipping "in", "on", "early"."""
    k -= 1
    while k >= 0 and parse.tokens[k].text.lower() in DATE_FILLERS:
        k -= 1
    if k < 0:
        return ""
    word = parse.tokens[k].text.lower()
    if word == "as" or (word == "of" and k > 0 and parse.tokens[k - 1].text.lower() == "as"):
        return "as"
    return word


DATE_FILLERS = frozenset({"in", "on", "early", "late", "mid", "the", "of", "-", "at"})


def _shift_year(value: str, years: int) -> str:
    return str(int(value[:4]) + years) if value[:4].isdigit() else value


def _written(text: str) -> bool:
    """A date with its year written out (not "this month", "in January")."""
    return any(len(w) == 4 and w.isdigit() for w in text.replace("-", " ").replace("–", " ").split())


def ahead(term: Term, published: str | None) -> Term:
    """A planned role's month read as past ("will host the summit in October" in a January text) is
    next year's."""
    if term.written or not published:
        return term

    def shift(value: str | None) -> str | None:
        if value and len(value) >= 7 and value < published[: len(value)]:
            return _shift_year(value, 1) + value[4:]
        return value

    return Term(shift(term.start), shift(term.end), term.written)


def term_length(parse: Parse, tokens: Iterable[int]) -> int | None:
    """N of "a two-year term", "three-year terms" among the tokens."""
    for k in tokens:
        t = parse.tokens[k]
        if t.lemma.lower() != "year" or t.dep not in ("compound", "amod", "npadvmod", "nmod"):
            continue
        for c in parse.children[k]:
            word = parse.tokens[c].text.lower()
            n = NUMBER_WORDS.get(word) or (int(word) if word.isdigit() and len(word) == 1 else None)
            if n:
                return n
    return None


def terms(parse: Parse, dates: list[DateRef], kind: str, length: int | None = None) -> list[Term]:
    """The terms the dates state for a role cue of ``kind``: "point" (a chair, a host: a single year or
    month is the whole term), "start" (a joining, a taking over), "end" (a leaving), "seat" (an elected
    term: a range, or a start and a length). One term per date; "since"/"from" open, "until" closes."""
    out: list[Term] = []
    for d in dates:
        if d.value.startswith("--"):
            continue
        lead = lead_word(parse, d.token)
        if d.start and d.end:
            out.append(Term(d.start, d.end, d.written))
            continue
        value = d.value
        if kind == "end" or lead in CLOSERS:
            out.append(Term(None, value, d.written))
        elif lead == "for" and len(value) == 4 and not length:  # "assumed the chairmanship for 2025"
            out.append(Term(value, value, d.written))
        elif lead in OPENERS or kind == "start":
            end = _shift_year(value, length - 1) if length else None
            out.append(Term(value, end, d.written))
        elif kind == "seat" and length:
            out.append(Term(value[:4], _shift_year(value, length - 1), d.written))
        else:
            out.append(Term(value, value, d.written))
        if kind in ("start", "end"):
            break  # one joining, one leaving: the first date is its date
    return out


# ----------------------------------------------------------------------------- one fact per role and term


def _refines(a: str | None, b: str | None) -> bool:
    """``a`` says at least what ``b`` says (equal, or more precise)."""
    return b is None or (a is not None and a.startswith(b))


@dataclass(frozen=True)
class Found:
    """A role fact as a cue states it: whether its date is written out ("in 2023", not "in January"),
    and whether it states a role as it stands ("X is a member", a list of members) rather than a
    change ("X joined", "X quit")."""

    fact: Fact
    written: bool
    stative: bool = False


def consolidate(found: list[Found]) -> list[Fact]:
    """One fact per (actor, body, role, term): an undated statement of a role dated elsewhere merges into
    the dated one (but a membership stated as it stands stays besides its joining or leaving told in
    another sentence); a date written out beats one read against the document's date; a less precise
    term gives way to a more precise one that agrees with it."""
    groups: dict[tuple[str, str, str], list[Found]] = {}
    for item in found:
        key = (str(item.fact.get("actor")), str(item.fact.get("body")), str(item.fact.get("role")))
        groups.setdefault(key, []).append(item)
    out: list[Fact] = []
    for (_, _, role), items in groups.items():
        dated = [i for i in items if i.fact.get("start") or i.fact.get("end")]
        if any(i.written for i in dated):
            dated = [i for i in dated if i.written]
        kept: list[Fact] = []
        for fact in [i.fact for i in (dated or items[:1])]:
            s, e = fact.get("start"), fact.get("end")
            if any(_refines(k.get("start"), s) and _refines(k.get("end"), e) for k in kept):
                continue
            kept = [k for k in kept if not (_refines(s, k.get("start")) and _refines(e, k.get("end")))]
            kept.append(fact)
        if not dated:
            labelled = [i.fact for i in items if i.fact.get("label")]
            kept = labelled[:1] or kept
        elif role == "member" and all(not (f.get("start") and f.get("end")) for f in kept):
            told = {k.evidence.sentence for k in kept}
            kept += [i.fact for i in items if i.stative and not (i.fact.get("start") or i.fact.get("end"))
                     and i.fact.evidence.sentence not in told][:1]
        out.extend(_joined(kept))
    return out


def _joined(kept: list[Fact]) -> list[Fact]:
    """A term opened in one statement and closed in another is one term ("received the presidency from
    A on Friday" ... "will hold it before handing it over to B in July")."""
    opened = [f for f in kept if f.get("start") and not f.get("end")]
    closed = [f for f in kept if f.get("end") and not f.get("start")]
    if len(opened) != 1 or len(closed) != 1 or str(closed[0].get("end")) < str(opened[0].get("start")):
        return kept
    both = replace(opened[0], fields={**opened[0].fields, "end": closed[0].get("end")})
    return [both if f is opened[0] else f for f in kept if f is not closed[0]]
