"""The ``statistic`` fact: a counted or measured claim about an actor, read from the parse.

Every figure of a sentence is read by the nlp stage's number parser (``nlp.numbers``: value, unit,
qualifier). A figure is a statistic when it counts something (its *counted noun*, found through the
parse, is in the vocabulary ``data/statistics_nouns.tsv``: "189 countries", "5,000 troops", "eight
pacts") or measures something (money, a share, an area, a weight); when it is no date or year,
ordinal, age or duration, clock time, list number, number in a name ("COP 26"), known set ("the two
countries"), whole ("189 out of 193") or target ("aims to raise trade to $15 billion"); and when an
actor is in reach. The subject is the owner of the figure's phrase ("China's $1 trillion program",
"39% of the EU"), else the subject of its clause ("250 Chinese vessels were spotted"; a person
stands for their country) or of the clauses above it, else the sentence's pair ("between the two
countries") or actor, else the document's focus.

The metric is one of FACTS.md's when the counted noun and the words on its path say so ("diplomatic
relations with 189 countries", "17 strategic partners", "1,100 personnel to U.N. peacekeeping
missions"); otherwise ``other``, labelled with the counted noun phrase ("tariffs on steel imports").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from diplograph import resolve
from diplograph.extract.actors import countries_of
from diplograph.extract.base import document_focus, make_fact
from diplograph.extract.frames import (
    CLAUSE_DEPS,
    CONDITION_MARKS,
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    PLAN_VERBS,
    DocParses,
    Parse,
)
from diplograph.model import AnalyzedDocument, Fact, Mention
from diplograph.nlp import numbers

EXTRACTOR = "statistics"

# FACTS.md metrics counted for a country (a national body's count is its country's: CPV -> VNM).
COUNTRY_METRICS = frozenset({
    "diplomatic_relations", "strategic_partners", "comprehensive_strategic_partners",
    "comprehensive_partners", "strategic_and_comprehensive_partners", "cooperation_agreements",
    "trade_partners", "free_trade_agreements", "org_memberships", "overseas_population", "overseas_countries",
    "overseas_investment_usd", "overseas_investment_projects", "remittances_usd_per_year",
    "peacekeepers_deployed", "outgoing_leader_visits", "incoming_leader_visits", "aid_recipients"})
# Nouns that make a figure a length of time or an age, not a count ("two years of talks", "a 79-year-old").
TIME_NOUNS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
                        "term", "night", "weekend", "quarter", "season", "semester", "old"})
# Determiners that make "the two countries", "its three pillars" a reference to a known set, not a count.
KNOWN_SET = frozenset({"the", "these", "those", "both", "all", "its", "their", "our", "his", "her", "my",
                       "your", "each", "every", "this", "that", "top", "first", "last", "next", "past"})
# Figures that are no longer true: "doubling a previous 10% duty".
SUPERSEDED = frozenset({"previous", "former", "earlier", "prior", "old"})
# Verbs of change and reaching: with a planned or hypothetical mood, the figure after them is a target.
CHANGE_VERBS = frozenset({"raise", "increase", "boost", "double", "triple", "lift", "expand", "grow", "bring",
                          "push", "elevate", "take", "scale", "step", "cut", "reduce", "lower", "up"})
REACH_VERBS = frozenset({"reach", "hit", "achieve", "exceed", "top", "surpass", "attain"})
TARGET_NOUNS = frozenset({"target", "goal", "aim", "ambition", "objective", "vision", "aspiration"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i", "you", "this", "these", "those"})
# Context words (lemmas) that decide a FACTS.md metric.
ABROAD = frozenset({"abroad", "overseas", "diaspora", "expatriate", "worldwide", "ov", "ovs", "emigrant"})
PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peace-keeping", "mission", "peacekeep"})
PEACE_PEOPLE = frozenset({"troop", "soldier", "peacekeeper", "personnel", "officer", "police", "policeman",
                          "engineer", "staff", "contingent"})
AID_WORDS = frozenset({"aid", "assistance", "support", "relief", "help", "donate", "donation", "supply",
                       "equipment", "provide", "assist"})
OUTWARD = frozenset({"abroad", "overseas", "foreign", "outgoing", "outbound", "international"})
INWARD = frozenset({"incoming", "inbound"})
HOST_VERBS = frozenset({"host", "receive", "welcome"})
TIES = frozenset({"relation", "tie", "link", "relations", "ties", "links"})
# Words that put a figure about one side into its foreign relations: ABROAD_WORDS anywhere in the
# sentence ("exports", "tariffs", "overseas", "refugees"), FOREIGN_WORDS on the figure's own phrase
# ("147 countries", "5,000 troops", "tourist arrivals"). Without one, and with no other actor named,
# a figure about the publisher's own country is domestic news.
ABROAD_WORDS = frozenset({
    "foreign", "foreigner", "overseas", "abroad", "international", "bilateral", "multilateral", "diaspora",
    "expatriate", "remittance", "tariff", "export", "import", "exporter", "importer", "fdi", "oda", "embassy",
    "consulate", "visa", "refugee", "migrant", "immigrant", "asylum", "deport", "deportation", "sanction",
    "peacekeeping", "peacekeeper", "treaty"})
FOREIGN_WORDS = ABROAD_WORDS | frozenset({
    "trade", "customs", "countries", "nations", "delegate", "delegation", "tourist", "visitor", "arrival",
    "humanitarian", "border", "hostage", "troop", "warship", "missile", "nuclear", "ceasefire", "alliance", "war",
    "ally", "partner", "cooperation", "agreement", "memorandum", "mou", "pact", "accord", "leaders"})
# Mentions that stand for an actor (or for one through their country, office or place).
ACTOR_KINDS = frozenset({"country", "body", "person", "pair", "group", "place", "title"})
# Nouns a hyphenated count describes by its size ("the 15-nation bloc", "a 5,000-strong force").
GROUP_OWNERS = frozenset({"force", "team", "delegation", "council", "community", "contingent", "mission",
                          "unit", "panel", "commission", "coalition", "body", "grouping", "club", "association"})
# "the bloc", "the alliance": the international body named last.
BLOC_NOUNS = frozenset({"bloc", "alliance", "grouping", "union", "organization", "organisation", "group"})


@cache
def counted_nouns() -> dict[str, str]:
    """The vocabulary of counted nouns: lemma -> class (place, person, agreement, thing ...)."""
    text = resources.files("diplograph.data").joinpath("statistics_nouns.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {row[0]: row[1] for row in rows if row[0] != "lemma"}


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence: its tokens, its syntactic head and what the number parser read."""

    tokens: range
    head: int
    value: float | int
    unit: str | None  # currency code, "percent", a measure ("km2", "kg", "times"), "ordinal", or None
    qualifier: str


# --------------------------------------------------------------------------- figures

def _span_head(parse: Parse, toks: range) -> int:
    """The token linking a figure to the sentence: its number word, not "an" in "an additional two"."""
    outside = [k for k in toks if parse.head(k) == k or parse.head(k) not in toks]
    numeric = [k for k in outside
               if parse.tokens[k].tag in ("CD", "$", "NN", "NNS") or parse.tokens[k].pos == "NUM"]
    return (numeric or outside or [toks[-1]])[-1]


def _read(parse: Parse, toks: range) -> Figure | None:
    """Parse the figure written over tokens ``toks`` with the words around it."""
    s = parse.sentence
    first, last = parse.tokens[toks[0]], parse.tokens[toks[-1]]
    local = first.start - s.start
    before = s.text[max(0, local - 30):local]
    after = " ".join(t.text for t in parse.tokens[toks[-1] + 1:toks[-1] + 4])
    q = numbers.parse(s.text[local:last.end - s.start], after=after, before=before)
    if q is None:
        return None
    return Figure(toks, _span_head(parse, toks), q.value, q.unit, q.qualifier)


def figures(parse: Parse) -> list[Figure]:
    """The figures of a sentence: the nlp stage's number mentions, then numbers its NER missed."""
    out: list[Figure] = []
    taken: set[int] = set()
    dated: set[int] = set()
    for m in parse.sentence.mentions:
        if m.kind not in ("number", "date"):
            continue
        toks = parse.token_range(m.start, m.end)
        taken.update(toks)
        dated.update(toks if m.kind == "date" else ())
        if m.kind == "number" and toks:
            out.extend(f for f in [_read(parse, toks)] if f is not None)
    run: list[int] = []
    for t in (*parse.tokens, None):
        fold = t is not None and t.text.lower().endswith("fold")  # "grew threefold last year": not a date
        if t is not None and t.i not in taken - (dated if fold else set()) and (t.tag == "CD" or fold):
            run.append(t.i)
            continue
        if run:
            out.extend(f for f in [_read(parse, range(run[0], run[-1] + 1))] if f is not None)
            run = []
    return sorted(out, key=lambda f: f.tokens[0])


def _lemma(parse: Parse, k: int) -> str:
    return parse.lemma(k).lower()


def _noun_class(parse: Parse, k: int) -> str | None:
    """The class of a counted noun (its lemma, its text, its singular), a demonym is people."""
    vocab = counted_nouns()
    t = parse.tokens[k]
    for key in (t.lemma.lower(), t.text.lower(), t.text.lower().rstrip("s")):
        if key in vocab:
            if vocab[key] == "place" and any(_lemma(parse, c) == "member"
                                             for c in parse.kids(k, "compound", "amod")):
                return "member"  # "15 member states"
            return vocab[key]
    if t.tag in ("NNPS", "NNS", "NNP") and _demonym(parse, k):
        return "person"  # "32 million Indians", "a million Central Africans"
    return None


def _demonym(parse: Parse, k: int) -> str | None:
    """The country of a people named in the plural ("Indians", "Central Africans") at token ``k``."""
    m = parse.entity_at(k, ("country",))
    if m is not None:
        return str(m.id) if (m.attrs or {}).get("how") == "demonym" else None
    t = parse.tokens[k]
    if not t.text[:1].isupper() or not t.text.endswith("s"):
        return None
    words = [parse.tokens[c].text for c in parse.kids(k, "compound") if c < k] + [t.text[:-1]]
    return resolve.country_id(" ".join(words))


@dataclass(frozen=True)
class Counted:
    """What a figure counts or measures: the noun (None: nothing), the noun a hyphenated figure
    describes ("the 10-member bloc": bloc), and whether the noun heads the figure's own phrase
    ("189 countries") or lies beyond it ("six of India's hubs", "70% of the population")."""

    noun: int | None = None
    owner: int | None = None
    own: bool = True


def _year_on_year(parse: Parse, k: int) -> bool:
    """"39 percent year on year", "up 5% year-on-year": a comparison, not a count of years."""
    after = " ".join(parse.tokens[i].text.lower() for i in range(k, min(k + 3, len(parse.tokens))))
    return after.startswith(("year on year", "year - on - year", "year-on-year", "month on month"))


def counted(parse: Parse, fig: Figure) -> Counted:
    """The noun a figure counts, through the parse."""
    h = fig.head
    t = parse.tokens[h]
    if fig.unit == "percent" and parse.head(h) != h and _year_on_year(parse, parse.head(h)):
        return Counted()
    if t.pos in ("NOUN", "PROPN") and t.tag != "CD" and _noun_class(parse, h):
        return Counted(h)  # the mention took its noun along ("twenty memorandums")
    if parse.head(h) != h and t.dep in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod",
                                        "appos"):
        noun = parse.head(h)
        if parse.tokens[noun].pos == "ADJ" and parse.head(noun) != noun:  # "6 million-strong community"
            return Counted(parse.head(noun))
        nt = parse.tokens[noun]
        hyphen = h + 1 < noun and parse.tokens[h + 1].text == "-"
        if hyphen and nt.dep in ("compound", "amod", "nmod") and parse.head(noun) != noun:
            if _lemma(parse, noun) in ("man", "strong"):
                return Counted(parse.head(noun))  # "the 5,000-man force"
            return Counted(noun, parse.head(noun))
        while (nt.dep in ("compound", "nmod") and parse.head(noun) > noun
               and parse.tokens[parse.head(noun)].pos in ("NOUN", "PROPN")):
            noun = parse.head(noun)  # "35 non-UN organizations", "six Technology Innovation Hubs"
            nt = parse.tokens[noun]
        if nt.pos in ("NOUN", "PROPN"):
            return Counted(noun)
    for p in parse.kids(h, "prep"):  # "189 out of 193 states", "70% of the population", "$34bn in loans"
        if _lemma(parse, p) == "out":
            p = next(iter(parse.kids(p, "prep")), p)
        if _lemma(parse, p) in ("of", "in", "on"):
            objs = parse.kids(p, "pobj")
            if objs and _lemma(parse, p) == "on" and parse.entity_at(objs[0], ("country", "body")) is not None:
                continue  # "25 percent on Canada": whom a levy falls on, not what it measures
            if objs and parse.tokens[objs[0]].pos in ("NOUN", "PROPN"):
                return Counted(objs[0], own=False)
    if t.dep == "pobj" and _lemma(parse, parse.head(h)) == "of":
        noun = parse.head(parse.head(h))
        nt = parse.tokens[noun]
        if nt.pos == "NOUN" and nt.text != "%" and (fig.unit is not None or _noun_class(parse, noun)):
            return Counted(noun)  # "a population of over 400 million", "a loan of $3 billion"
    if t.dep in ("pobj", "dobj", "attr") and fig.unit is None:
        # "the number of tourists grew from 5 million to 15 million": the subject's noun is counted
        v = next((a for a in parse.ancestors(h) if parse.tokens[a].pos in ("VERB", "AUX")), None)
        for s in parse.kids(v, "nsubj", "nsubjpass") if v is not None else []:
            if _lemma(parse, s) in ("number", "total", "count", "tally"):
                for p in parse.kids(s, "prep"):
                    objs = parse.kids(p, "pobj")
                    if objs:
                        return Counted(objs[0], own=False)
    return Counted()


# --------------------------------------------------------------------------- what is not a statistic

def _predicate(parse: Parse, k: int) -> int | None:
    """The verb of the clause token ``k`` sits in."""
    return next((a for a in parse.ancestors(k) if parse.tokens[a].pos in ("VERB", "AUX")), None)


def _in_name(parse: Parse, fig: Figure) -> bool:
    """A number that is part of a name: "COP 26", "Executive Order 14257", "TICAD 9", "G20"."""
    for k in fig.tokens:
        if any(m.kind in ("body", "other", "title", "person", "place") for m in parse.mentions_at[k]):
            return True
    h = parse.head(fig.head)
    if (h != fig.head and h < fig.tokens[0] and parse.tokens[h].pos == "PROPN"
            and parse.dep(fig.head) in ("nummod", "appos", "npadvmod", "compound")):
        return True
    prev = fig.tokens[0] - 1
    # "Fortune 150 company", "Group 20 meeting": a capitalised word right before a bare number names something
    return (fig.unit is None and prev > 0 and parse.tokens[prev].pos == "PROPN" and parse.tokens[prev].text[:1].isupper()
            and parse.entity_at(prev, ("country", "place", "person")) is None)


def _not_a_claim(parse: Parse, fig: Figure, what: Counted) -> bool:
    """Dates, years, ordinals, durations, clock times, list numbers, names, known sets."""
    noun, owner = what.noun, what.owner
    t = parse.tokens[fig.head]
    if fig.unit == "ordinal" or (fig.unit is None and fig.value == 1):
        return True
    text = "".join(parse.tokens[k].text for k in fig.tokens)
    if fig.unit is None and isinstance(fig.value, int) and 1800 <= fig.value <= 2100 and text.isdigit():
        return True  # a year the date finder let pass
    if fig.tokens[0] == 0 and len(parse.tokens) <= fig.tokens[-1] + 3 and t.tag == "CD":
        return True  # list numbering: "3."
    kinds = ("pair", "group") if fig.unit == "times" else ("pair", "group", "date")
    if any(m.kind in kinds for k in fig.tokens for m in parse.mentions_at[k]):
        return True
    if (fig.unit in ("km2", "kg", "tonnes", "MW", "GW", "hectares") and noun is not None and what.own
            and noun > fig.tokens[-1] and parse.entity_at(noun) is None):
        return True  # a measure describing a thing: "the 3.5 million-square-kilometer sea"
    if _in_name(parse, fig) or fig.unit in ("km", "miles"):
        return True  # a name ("COP 26"), a distance
    first = fig.tokens[0]
    if first > 1 and parse.tokens[first - 1].text == "(" and fig.unit in numbers.CURRENCY_CODES and (
            parse.tokens[first - 2].tag == "CD" or numbers.currency_of(parse.tokens[first - 2].text)):
        return True  # a conversion: "26 billion baht ($860 million)"
    if noun is not None and _lemma(parse, noun) in TIME_NOUNS:
        return True
    if noun is not None and any(parse.tokens[a].text.lower() in SUPERSEDED for a in parse.kids(noun, "amod")):
        return True  # a superseded figure: "doubling a previous 10% duty"
    after = fig.tokens[-1] + 1
    hyphen = noun is not None and after < len(parse.tokens) and parse.tokens[after].text == "-"
    dets = parse.kids(fig.head, "det", "predet")
    if noun is not None and what.own and owner is None and fig.unit is None and not hyphen:
        dets += parse.kids(noun, "det", "poss", "amod", "predet")
    if noun is not None and _lemma(parse, noun) in FAMILY_NOUNS:
        return True  # "he and his wife have three children": a biography, not a claim about an actor
    after = fig.tokens[-1] + 1
    if after < len(parse.tokens) and parse.tokens[after].text.lower() in ("times", "fold") and fig.unit != "times":
        return True  # "three times more travellers": a ratio, not a count of them
    if noun is not None and parse.tokens[noun].pos == "PRON":
        return True  # "72 percent of whom": the figure's whole is told elsewhere
    for p in parse.kids(fig.head, "prep"):
        if _lemma(parse, p) == "of" and any(parse.tokens[a].tag == "JJS" for o in parse.kids(p, "pobj")
                                            for a in parse.kids(o, "amod")):
            return True  # "two of the nation's oldest organisations": a part of a ranked set
    if fig.unit is None and owner is not None and _lemma(parse, owner) not in BLOC_NOUNS | GROUP_OWNERS and \
            parse.entity_at(owner, ("body", "country", "group")) is None:
        return True  # "the two-state solution", "a three-way race": a figure in a descriptor
    if fig.unit is None and any(_lemma(parse, d) in ("no", "any", "every", "each") for d in dets + (
            parse.kids(noun, "det") if noun is not None else [])):
        return True  # "no two nations", "as any two countries do": a generic, not a count
    # "the two countries", "its three pillars", "the top 10 partners", "all seven of"
    return fig.unit is None and any(_lemma(parse, d) in KNOWN_SET for d in dets)


# Kin in a biography ("three children", "two grandsons"): never a claim about an actor.
FAMILY_NOUNS = frozenset({"child", "grandchild", "son", "daughter", "grandson", "granddaughter", "sibling",
                          "brother", "sister", "kid"})


def _is_target(parse: Parse, fig: Figure, pred: int | None, published: str | None = None) -> bool:
    """A figure someone means to reach (a target, a hope), or a negated one."""
    if pred is None:
        return False
    if parse.modality(pred)[0]:
        return True  # negated
    path = [fig.head, *parse.ancestors(fig.head)]
    if any(_lemma(parse, a) in TARGET_NOUNS and parse.tokens[a].pos == "NOUN" for a in path):
        return True
    when, prep = parse.date_of(pred)
    if prep == "by" and (_intended(parse, pred) or _after_report(when, published)):
        return True  # "would hire 500 diplomats by 2027", "to cut pollution 50% by 2030"
    h = parse.head(fig.head)
    verb = parse.head(h)
    if parse.dep(fig.head) == "pobj" and _lemma(parse, h) == "to" and _lemma(parse, verb) in CHANGE_VERBS:
        return _intended(parse, verb)  # "aims to raise trade to $15 billion"
    return _lemma(parse, pred) in REACH_VERBS and _intended(parse, pred)  # "trade could reach $20bn"


def _after_report(when: Mention | None, published: str | None) -> bool:
    """A date later than the document's own ("by 2030" in a 2024 report)."""
    value = str((when.attrs or {}).get("value") or "") if when is not None else ""
    return bool(value[:4].isdigit() and published and value[:4] > published[:4])


def _intended(parse: Parse, v: int) -> bool:
    """A verb that is planned, hoped for or hypothetical by its own auxiliaries and the verbs that
    govern it ("will raise", "agreed to raise", "could reach", "if ... reaches")."""
    for _ in range(4):
        auxes = {w for a in parse.kids(v, "aux") for w in (_lemma(parse, a), parse.tokens[a].text.lower())}
        marks = {_lemma(parse, m) for m in parse.kids(v, "mark")}
        if auxes & (FUTURE_AUX | HYPOTHETICAL_AUX) or marks & CONDITION_MARKS:
            return True
        if parse.dep(v) not in ("xcomp", "conj") or parse.head(v) == v:
            return False
        v = parse.head(v)
        if _lemma(parse, v) in PLAN_VERBS:
            return True
    return False


def _negated_name(parse: Parse, k: int) -> bool:
    """A name under "non-", "pro-", "anti-": "non-UN bodies", "pro-Palestinian activists"."""
    m = parse.entity_at(k)
    first = parse.token_range(m.start, m.end)[0] if m is not None else k
    lead = "".join(parse.tokens[i].text.lower() for i in range(max(0, first - 2), first + 1))
    return any(p + "-" in lead for p in ("non", "pro", "anti"))


# --------------------------------------------------------------------------- metric, label, date

def _path(parse: Parse, start: int) -> tuple[list[int], set[str]]:
    """The tokens from the figure's noun up to its clause's verb, and the words on and beside that path
    (their modifiers, the verb's objects: "established diplomatic relations with 189 countries")."""
    path = [start]
    for a in parse.ancestors(start):
        path.append(a)
        if parse.tokens[a].pos in ("VERB", "AUX"):
            break
    toks = set(path) | {k for k in parse.subtree(start) if k < start}
    for k in path:
        toks.update(parse.kids(k, "amod", "compound", "nmod", "advmod", "npadvmod", "prt", "acomp", "conj"))
    for o in parse.kids(path[-1], "dobj", "attr", "oprd", "nsubjpass", "nsubj"):
        toks.add(o)
        toks.update(parse.kids(o, "amod", "compound", "nmod"))
    return path, {_lemma(parse, k) for k in toks} | {parse.tokens[k].text.lower() for k in toks}


def _tier(parse: Parse, path: list[int]) -> str | None:
    """The partnership tier named on the path: "17 strategic partners", "comprehensive strategic
    partnerships with 5 countries", "strategic or comprehensive partnerships with 38 nations"."""
    noun = next((k for k in path if _lemma(parse, k) in ("partner", "partnership")), None)
    if noun is None:
        return None
    left = [k for k in parse.subtree(noun, stop=frozenset({"relcl", "acl", "prep", "appos"})) if k < noun]
    mods = [w for w in (_lemma(parse, k) for k in left)
            if w in ("strategic", "comprehensive", "and", "or", ",", "trade", "trading")]
    if {"trade", "trading"} & set(mods):
        return "trade_partners"
    if "strategic" in mods and "comprehensive" in mods and {"and", "or", ","} & set(mods):
        return "strategic_and_comprehensive_partners"
    if "comprehensive strategic" in " ".join(mods):
        return "comprehensive_strategic_partners"
    if "strategic" in mods:
        return "strategic_partners"
    return "comprehensive_partners" if "comprehensive" in mods else None


_LABEL_DROP = frozenset({"det", "poss", "punct", "case", "cc", "predet", "quantmod", "nummod", "advmod"})


def _phrase(parse: Parse, root: int, skip: range) -> str:
    """The words of a noun phrase (relative clauses and figures left out), up to a comma or bracket."""
    words: list[str] = []
    gerunds = {i for c in parse.kids(root, "acl") if parse.tokens[c].tag != "VBN" for i in parse.subtree(c)}
    span = parse.subtree(root, stop=CLAUSE_DEPS - {"acl", "conj"})
    # another figure's conjunct ("a rate of 9% and a student visa rate of 23%") and its "and" are no part
    others = {i for c in span if parse.dep(c) == "conj" and c != root
              and any(parse.tokens[j].tag == "CD" and j not in skip for j in parse.subtree(c)) for i in parse.subtree(c)}
    others |= {c for c in span if parse.dep(c) == "cc" and parse.head(c) in span and any(
        parse.head(o) == parse.head(c) for o in others)}
    # a preposition whose object is the figure itself ("a rate of [9%]")
    others |= {c for c in span if parse.dep(c) == "prep" and parse.kids(c, "pobj")
               and all(j in skip or j == c for j in parse.subtree(c))}
    for k in span:
        t = parse.tokens[k]
        if k in gerunds or k in others:
            continue  # "people breaking out of ..." is no part of the name; "vessels spotted near X" is
        hyphened = "-" in (t.text, parse.tokens[min(k + 1, root)].text)  # "two-way trade"
        if k in skip or k - 1 in skip and t.text == "-" or (k < root and not hyphened and (
                t.dep in _LABEL_DROP or t.tag == "CD")):
            continue
        if t.dep == "conj" and any(parse.tokens[i].tag == "CD" for i in parse.subtree(k)):
            break  # "120 troops and two aircraft": the next figure's
        if k > root and t.text in (",", "(", ";", ":", "\u2014", "-"):
            break
        if k < root and k - 2 in skip and parse.tokens[k - 1].text == "-":
            continue  # "5,000-man troops": the attribute's noun
        words.append(t.text)
    words = words[:10]
    while words and (words[-1].lower() in ("and", "or", "plus", ",", "-", "of", "in", "on", "the", "a", "an",
                                           "to", "for", "with", "at", "by", "from", "that")):
        words.pop()  # a cut phrase ends on a content word
    return " ".join(words).replace(" - ", "-").strip(" ,.;:")


# The noun of a verb that moves a figure, for labels with no counted noun ("would invest $11 million in X").
ACTION_NOUNS = {"invest": "investment", "give": "amount given", "raise": "amount raised", "spend": "spending",
                "pay": "payment", "provide": "amount provided", "pledge": "pledge", "allocate": "allocation",
                "lend": "loan", "donate": "donation", "export": "exports", "import": "imports", "earn": "earnings",
                "cut": "cut", "send": "amount sent", "receive": "amount received", "contribute": "contribution",
                "fine": "fine", "grow": "growth", "rise": "rise", "fall": "fall", "increase": "increase",
                "decrease": "decrease", "drop": "drop", "reach": "level reached", "hit": "level reached",
                "announce": "amount announced", "commit": "commitment", "approve": "amount approved",
                "award": "award", "sell": "sales", "buy": "purchases", "borrow": "borrowing", "owe": "debt"}


# Verbs of change: a figure "by" them is the size of the change.
CHANGE_LABELS = {"grow": "growth", "rise": "rise", "increase": "increase", "fall": "fall", "drop": "drop",
                 "decrease": "decrease", "decline": "decline", "cut": "cut", "reduce": "reduction",
                 "boost": "boost", "raise": "increase", "lower": "reduction", "expand": "expansion",
                 "shrink": "contraction"}


def label(parse: Parse, fig: Figure, noun: int | None, pred: int | None) -> str:
    """What the figure counts, as a noun phrase: "Chinese vessels spotted near six islands", "tariffs on
    steel imports", "bilateral trade between the two countries", "share of the total"."""
    if noun is not None:
        return _phrase(parse, noun, fig.tokens) or parse.tokens[noun].text
    g = parse.head(fig.head)
    if parse.dep(fig.head) == "pobj" and parse.lemma(g) in ("at", "to", "by", "from") and \
            parse.tokens[parse.head(g)].pos == "NOUN":
        return _phrase(parse, parse.head(g), fig.tokens)  # "the unemployment rate at 3.5%"
    for p in parse.kids(fig.head, "prep"):  # "7% of the total", "$34 billion in loans"
        objs = parse.kids(p, "pobj")
        if objs:
            what = "share" if fig.unit == "percent" else "amount"
            return f"{what} {parse.tokens[p].text} {_phrase(parse, objs[0], fig.tokens)}"
    if pred is None:
        return "amount"
    ups = [a for a in [g, *parse.ancestors(g)][:3] if parse.lemma(a) in ("up", "down") and parse.dep(a) == "advmod"]
    if ups:  # "welcomed 17 million visitors, up 39 percent": the change of what the clause counts
        moved = [o for o in parse.kids(pred, "dobj", "nsubj") if fig.head not in parse.subtree(o)
                 and parse.tokens[o].pos == "NOUN"]
        what = _phrase(parse, moved[0], fig.tokens) if moved else ""
        change = "growth" if parse.lemma(ups[0]) == "up" else "decline"
        return f"{change} of {what}" if what else change
    if parse.dep(fig.head) == "pobj" and parse.lemma(g) == "by" and parse.head(g) == pred and \
            parse.lemma(pred) in CHANGE_LABELS:
        # "would grow the economy by $728 billion": the change of what changes, not the cause's name
        moved = [o for o in parse.kids(pred, "dobj")] or [o for o in parse.kids(pred, "nsubj", "nsubjpass")]
        what = _phrase(parse, moved[0], fig.tokens) if moved and not parse.entity_at(moved[0]) else ""
        return f"{CHANGE_LABELS[parse.lemma(pred)]} of {what}".strip() if what else CHANGE_LABELS[parse.lemma(pred)]
    for s in parse.kids(pred, "nsubj", "nsubjpass"):  # "Bilateral trade ... hit $1.1 billion"
        if (fig.head not in parse.subtree(s) and parse.tokens[s].pos in ("NOUN", "PROPN")
                and not parse.entity_at(s)):
            return _phrase(parse, s, fig.tokens)
    objs = [o for o in parse.kids(pred, "dobj", "prep") if fig.head not in parse.subtree(o)
            and not any(m.kind == "date" for k in parse.subtree(o) for m in parse.mentions_at[k])]
    rest = _phrase(parse, objs[0], fig.tokens) if objs else ""
    head = ACTION_NOUNS.get(parse.lemma(pred), "amount")  # a noun phrase, not a clause: "investment in ..."
    if objs and parse.tokens[objs[0]].pos == "ADP":
        return f"{head} {rest}".strip()
    return f"{head} for {rest}".strip() if rest else head


def as_of(doc: AnalyzedDocument, parse: Parse, fig: Figure, noun: int | None,
          pred: int | None) -> str | None:
    """The date the clause holds for: a date attached to the figure's phrase or clause ("in 2023",
    "as of mid-2018", "last year"), not a start ("since 1966") nor a deadline ("by 2030"); else the
    document's date."""
    chain = [fig.head, *([noun] if noun is not None else [])]
    for a in parse.ancestors(fig.head):
        chain.append(a)
        if a == pred:
            break
    for k in chain:
        m, prep = parse.date_of(k)
        attrs = (m.attrs or {}) if m is not None else {}
        value = str(attrs.get("value") or "")
        if not value or attrs.get("start") or prep in ("since", "from", "until", "by", "to", "after",
                                                       "before"):
            continue  # a range, a start, a deadline
        if doc.published and value[:len(doc.published)] > doc.published[:len(value)]:
            continue  # later than the document: a deadline, not a claim's date
        return value
    return doc.published


# --------------------------------------------------------------------------- the reader

class Reader:
    """Reads the statistics of one document: who each figure is about and what it counts."""

    def __init__(self, doc: AnalyzedDocument, parses: DocParses) -> None:
        self.doc = doc
        self.parses = parses
        self.focus = document_focus(doc)
        # the side the document speaks for: its publisher's country when the text names it (a Vietnamese
        # agency's story of a visit to Brazil counts the two-way trade as Vietnam's), else its main country
        named = {m.id for s in doc.sentences for m in s.mentions if m.kind == "country"}
        self.home = doc.home if doc.home and doc.home in named else self.focus

    def statistics(self) -> list[Fact]:
        """One fact per (subject, metric, value), and for ``other`` per label ("25% tariffs on cars",
        later "25% tariffs on steel" are two claims)."""
        facts: dict[tuple[object, ...], Fact] = {}
        for parse in self.parses:
            told = parse.sentence.text.rstrip().rstrip("\"'”’)")
            if told.endswith(("?", "—", "--", "-")):
                continue  # a question or a sentence broken off claims nothing
            figs = figures(parse)
            wholes = _wholes(parse, figs)
            for fig in figs:
                if any(w is fig for w in wholes.values()):
                    continue
                fact = self.statistic(parse, fig, wholes.get(fig.head))
                if fact is not None:
                    key = (fact.get("subject"), fact.get("metric"), fact.get("value"), fact.get("label"))
                    facts.setdefault(key, fact)
        return list(facts.values())

    # ------------------------------------------------------------------ one figure

    def statistic(self, parse: Parse, fig: Figure, whole: Figure | None = None) -> Fact | None:
        """The statistic one figure states, or None."""
        what = counted(parse, fig)
        noun = what.noun
        pred = _predicate(parse, fig.head)
        if fig.unit == "ordinal":
            who = self._ordinal_relations(parse, noun)
            return None if who is None else self._fact(parse, fig, who, "diplomatic_relations", noun, pred)
        if _not_a_claim(parse, fig, what):
            return None
        cls = _noun_class(parse, noun) if noun is not None else None
        if cls == "member" and fig.head != noun and parse.head(fig.head) != noun:
            cls = "place"  # "189 out of 193 member states": countries, counted against the whole
        if what.owner is not None and _lemma(parse, noun or what.owner) in ("member", "nation", "country",
                                                                              "state"):
            cls = "member"  # "the 10-member bloc", "the 15-nation ECOWAS"
        if cls == "place" and "membership" in _path(parse, noun if noun is not None else fig.head)[1]:
            cls = "member"  # "brings the group's membership to nine countries"
        if (fig.unit is None and cls is None) or _is_target(parse, fig, pred, self.doc.published):
            return None  # counts nothing we know to count ("three pillars"), or a target
        who, skip = self.subject(parse, fig, what)
        if cls == "member":  # a body's size: "members of Congress", "15 member states"
            of = [o for p in parse.kids(noun, "prep") if _lemma(parse, p) == "of"
                  for o in parse.kids(p, "pobj")]
            named = self._actors(parse, parse.subtree(of[0])) if of else []
            body = resolve.bodies().get(who or "")
            if named:
                who = named[0]
            elif body is None or body.country:  # not an international body: the one named last
                who = self._body(parse)
        bound = who is not None  # read off the figure's own phrase or clause, not guessed
        if who is None and -1 not in skip:
            # "25 percent on Canada", "sanctions against X": the target of a levy is not whose figure it is
            who = self._fallback(parse, fig, skip | self._targets(parse, fig, noun))
        if who is None:
            return None
        kind = self.metric(parse, fig, noun, cls, who)
        if kind == "other" and not self._abroad(parse, fig, noun, who, bound):
            return None
        extra: dict[str, object] = {"label": label(parse, fig, noun, pred)} if kind == "other" else {}
        if whole is not None:
            extra["of"] = whole.value
        unit = fig.unit or ("persons" if cls == "person" else "count")
        return self._fact(parse, fig, who, kind, noun, pred, unit, **extra)

    def _fact(self, parse: Parse, fig: Figure, who: str, kind: str, noun: int | None, pred: int | None,
              unit: str = "count", **extra: object) -> Fact:
        if kind in COUNTRY_METRICS:
            who = resolve.national_country(who) or who
        return make_fact(self.doc, parse.sentence, "statistic", EXTRACTOR, 0.5 if kind == "other" else 0.7,
                         subject=who, metric=kind, **extra, value=fig.value,
                         qualifier="exact" if fig.unit == "ordinal" else fig.qualifier, unit=unit,
                         as_of=as_of(self.doc, parse, fig, noun, pred))

    def _abroad(self, parse: Parse, fig: Figure, noun: int | None, who: str, bound: bool) -> bool:
        """Whether a figure about ``who`` belongs to foreign relations: the sentence names another actor,
        or names ``who`` (or the figure's phrase refers to it: "these investments") and ``who`` is not
        the publisher's own country, or the sentence speaks of
        exports, migrants, tariffs, or the figure's own phrase of countries, troops, tourists. "The economy added 300,000 jobs" in a government's own
        release is domestic news, not a fact about its foreign relations."""
        side = resolve.national_country(who) or who
        if side not in resolve.countries():
            return True  # an international body's figures are its members' common affairs
        named = {resolve.national_country(i) or i for i in self._actors(parse, range(len(parse.tokens)))}
        if named - {side} or ((bound or side in named) and side != self.doc.home):
            return True
        if any(t.lemma.lower() in ABROAD_WORDS for t in parse.tokens):
            return True
        return bool(FOREIGN_WORDS & _path(parse, noun if noun is not None else fig.head)[1])

    # ------------------------------------------------------------------ actors

    def _actor(self, m: Mention) -> list[str]:
        """What a mention stands for as a subject: a country, a body (a national body outside the shared
        contract as its country: resolve.actor_id), a person as their office's country."""
        if m.kind == "body" and m.id:
            return [str(resolve.actor_id(m.id))]
        return countries_of(self.doc, m)

    def _actors(self, parse: Parse, toks: list[int] | range, skip: range = range(0)) -> list[str]:
        """The actors named over tokens ``toks``, in order (not "non-UN", "pro-Palestinian")."""
        out: list[str] = []
        seen: list[Mention] = []
        for k in toks:
            m = None if k in skip else parse.entity_at(k)
            if m is not None and m not in seen and not _negated_name(parse, k):
                seen.append(m)
                out.extend(self._actor(m))
        return list(dict.fromkeys(out))

    def _owner(self, parse: Parse, k: int, skip: range, modifiers: bool = True, bodies: bool = False) -> list[str]:
        """Actors a noun names for itself: the noun itself ("the ECOWAS Standby Force", "Indians", "the
        force" after the full name), what "these investments" refers back to, its possessor ("China's
        program"), the subject of a relative clause it is the object of ("the $13.6 billion that Malaysia
        received"), and, with ``modifiers``, a country modifying it ("Chinese vessels")."""
        if k not in skip:
            people = _demonym(parse, k)
            ids = self._actors(parse, [k]) or ([people] if people else []) or self._antecedent(parse, k)
            body = self._definite_body(parse, k) if not ids else None
            if ids or body:
                return ids or [str(body)]
            the = any(_lemma(parse, d) == "the" for d in parse.kids(k, "det"))
            members = _noun_class(parse, k) == "member" and not parse.kids(k, "prep", "poss", "compound")
            if (the and _lemma(parse, k) in BLOC_NOUNS) or members:
                return [b for b in [self._body(parse)] if b]  # "the bloc", "Member States have pledged"
        ids = [i for c in parse.kids(k, "poss") for i in self._actors(parse, parse.subtree(c), skip)]
        for rel in parse.kids(k, "relcl") if not ids else []:
            for s in parse.kids(rel, "nsubj"):
                if _lemma(parse, s) not in RELATIVE:
                    ids = ids or self._actors(parse, parse.subtree(s))
        if ids or modifiers:
            return ids or self._modifiers(parse, k, skip)
        if not bodies:
            return []
        # "the G7 commitment to assist 100 countries": a body named on a noun above the figure owns it
        return [i for i in self._modifiers(parse, k, skip) if i not in resolve.countries()]

    def _modifiers(self, parse: Parse, k: int, skip: range) -> list[str]:
        """Countries and bodies modifying a noun: "Chinese vessels", "U.S. tariffs"."""
        out: list[str] = []
        for c in parse.kids(k, "compound", "amod", "nmod"):
            out.extend(self._actors(parse, [i for i in parse.subtree(c) if i not in skip], skip))
        return list(dict.fromkeys(out))

    def _definite_body(self, parse: Parse, k: int) -> str | None:
        """A body referred to by its head noun ("the force", "the Community") after its full name was
        given ("the ECOWAS Standby Force", "the Economic Community of West African States")."""
        t = parse.tokens[k]
        if (t.pos not in ("NOUN", "PROPN") or parse.entity_at(k) is not None
                or parse.kids(k, "compound", "amod")
                or not any(_lemma(parse, d) in ("the", "this") for d in parse.kids(k, "det"))):
            return None
        for sentence in reversed(self.doc.sentences[:parse.sentence.index + 1]):
            for m in reversed(sentence.mentions):
                if m.kind == "body" and m.id and m.start < t.start:
                    name = resolve.body_name(str(m.id)).split(" of ")[0].split()
                    if name and name[-1].lower() == t.text.lower():
                        return str(resolve.actor_id(m.id))
        return None

    def _antecedent(self, parse: Parse, k: int) -> list[str]:
        """The owner of what "these investments", "such loans" refer back to: the same noun in the two
        sentences before, where a country owns it ("U.S. economic investment in Angola")."""
        if parse.tokens[k].pos != "NOUN" or not any(
                _lemma(parse, d) in ("these", "those", "this", "such") for d in parse.kids(k, "det")):
            return []
        for sentence in reversed(self.doc.sentences[max(0, parse.sentence.index - 2):parse.sentence.index]):
            before = self.parses[sentence]
            for j in range(len(before.tokens) - 1, -1, -1):
                if _lemma(before, j) == _lemma(parse, k) and before.tokens[j].pos == "NOUN":
                    ids = self._owner(before, j, range(0))
                    if ids:
                        return ids
        return []

    def _body(self, parse: Parse, before: int = 4) -> str | None:
        """The international body the sentence names, else the last one named shortly before it (not an
        organ like "the ECOWAS Standby Force": an organ has no member states)."""
        index = parse.sentence.index
        for sentence in reversed(self.doc.sentences[max(0, index - before):index + 1]):
            for m in reversed(sentence.mentions):
                body = resolve.bodies().get(str(m.id)) if m.kind == "body" else None
                if body is not None and not body.country and not body.kind.endswith("organ"):
                    return body.id
        return None

    def _pick(self, ids: list[str]) -> str:
        """One of several actors ("India and Mauritius signed"): the document's focus when among them."""
        return self.focus if self.focus in ids else ids[0]

    # ------------------------------------------------------------------ the subject

    def _with_partner(self, parse: Parse, k: int) -> str | None:
        """ "two-way trade with Brazil", "investment with Japan": with no owner named, the partner is the
        other side and the figure is the document's own country's."""
        for p in parse.kids(k, "prep"):
            if _lemma(parse, p) != "with":
                continue
            partners = [i for o in parse.kids(p, "pobj") for i in self._actors(parse, parse.subtree(o))]
            if partners and self.home and self.home not in partners and resolve.national_country(self.home):
                return self.home
        return None

    def _two_way(self, parse: Parse, k: int) -> str | None:
        """ "two-way trade", "bilateral trade" with no owner: the document's own country's figure, when the
        sentence's pair (if any) includes it."""
        if _lemma(parse, k) not in ("trade", "turnover", "commerce", "investment") or parse.kids(k, "poss"):
            return None
        mods = {parse.tokens[c].text.lower() for c in parse.subtree(k, frozenset()) if c < k}
        if not mods & {"two-way", "bilateral", "two", "way"}:
            return None
        pairs = [m for m in parse.sentence.mentions if m.kind == "pair" and (m.attrs or {}).get("ids")]
        pair = [str(i) for i in pairs[0].attrs["ids"]] if pairs else []
        if self.home and (not pair or self.home in pair) and resolve.national_country(self.home):
            return self.home
        return None

    def subject(self, parse: Parse, fig: Figure, what: Counted) -> tuple[str | None, set[int]]:
        """(the actor the figure is about, tokens not to guess a subject from; {-1}: guess none).

        The owner of the figure's own phrase first ("China's $1 trillion program", "39% of the EU"),
        then the subject of its clause ("Chinese vessels were spotted", a person as their country) and of
        the clauses it depends on, but not past a clause whose subject is no actor ("rebels attacked ...")
        nor across a reported clause: in "the U.N. says fighting forced ...", the U.N. is the source.
        """
        if what.owner is not None:  # "the 10-member ASEAN", "the 15-nation bloc"
            ids = self._owner(parse, what.owner, fig.tokens)
            if ids:
                return self._pick(ids), set()
        if what.noun is not None and not what.own:
            ids = self._actors(parse, [what.noun])  # "39% of the EU", "70% of Kenya"
            if ids:
                return self._pick(ids), set()
        start = what.noun if what.noun is not None and what.own else fig.head
        ids = self._owner(parse, start, fig.tokens, modifiers=False)
        if ids:
            return self._pick(ids), set()
        for a in [start, *list(parse.ancestors(start))[:3]]:
            if parse.tokens[a].pos in ("NOUN", "PROPN") and not parse.kids(a, "poss"):
                home = self._with_partner(parse, a) or self._two_way(parse, a)
                if home:
                    return home, set()
            subjects = parse.kids(a, "nsubj") if parse.tokens[a].pos in ("VERB", "AUX") else []
            for sub in subjects:  # "two-way trade reached $6.8 billion"
                home = self._two_way(parse, sub)
                if home:
                    return home, set()
        for h in {fig.head, start}:  # "$10 million from Microsoft": a named giver that is no state or body
            if any(self._named_other(parse, o) for p in parse.kids(h, "prep") if _lemma(parse, p) in ("from", "by")
                   for o in parse.kids(p, "pobj")):
                return None, {-1}
        for a in parse.ancestors(start):
            if self._named_other(parse, a):
                return None, {-1}  # "Mercy Corps, a charity serving over 40 countries": its figure, no state's
            if parse.tokens[a].pos in ("NOUN", "PROPN"):
                ids = self._owner(parse, a, fig.tokens, modifiers=False, bodies=True)
            elif parse.tokens[a].pos in ("VERB", "AUX"):
                agents, passive = parse.subjects(a)
                patients = [parse.arg(k) for k in parse.kids(a, "nsubjpass")]
                if any(_lemma(parse, p.head) in PRONOUNS for p in patients):
                    continue  # "after it was elected by the Assembly": whoever "it" is, not the Assembly
                agents = (*patients, *agents) if passive else agents
                ids = next((i for g in agents if (i := self._owner(parse, g.head, fig.tokens) or self._actors(
                    parse, [k for k in range(g.start, g.end) if k not in self._targets(parse, fig)]))), [])
                if not ids and any(_lemma(parse, g.head) in ("i", "you") for g in agents):
                    return None, {-1}  # an anecdote: "I got a bill of $1,200"
                if not ids and any(_lemma(parse, g.head) == "it" for g in agents):
                    it = self._it(parse)  # "It has nine world heritage sites": the actor told of just before
                    if it:
                        return it, set()
                if not ids and parse.dep(a) == "ccomp":
                    return None, {k for s in parse.kids(parse.head(a), "nsubj") for k in parse.subtree(s)}
                if not ids and any(_lemma(parse, g.head) not in PRONOUNS | RELATIVE
                                   and not g.start <= fig.head < g.end for g in agents):
                    return None, set()  # the clause's subject is no actor: "3R rebels attacked ..."
            if ids:
                return self._pick(ids), set()
        if what.noun is not None and not what.own:  # "over a billion dollars in U.S. financing"
            ids = self._modifiers(parse, what.noun, fig.tokens)
        return (self._pick(ids) if ids else None), set()

    @staticmethod
    def _targets(parse: Parse, fig: Figure, noun: int | None = None) -> set[int]:
        """Tokens naming whom a levy or a rate falls on ("25 percent on Canada", "sanctions against X"):
        the target of a figure is not whose figure it is."""
        heads = {fig.head, *parse.ancestors(fig.head)} | ({noun} if noun is not None else set())
        return {i for h in heads for p in parse.kids(h, "prep") if _lemma(parse, p) in ("on", "against")
                for i in parse.subtree(p)}

    def _it(self, parse: Parse) -> str | None:
        """What a subject "it" stands for: the country or body that was the subject of the sentence before."""
        k = parse.sentence.index
        if k == 0:
            return None
        prev = self.parses[self.doc.sentences[k - 1]]
        for m in prev.sentence.mentions:
            h = prev.mention_head(m)
            if m.kind in ("country", "body") and m.id and h is not None and prev.dep(h) in ("nsubj", "nsubjpass"):
                return str(resolve.actor_id(str(m.id)) if m.kind == "body" else m.id)
        return None

    def _named_other(self, parse: Parse, k: int) -> bool:
        """A name that is no actor: a company, a charity ("Microsoft", "Mercy Corps"), not "Vietnam
        Airlines" (a country's) nor a person (who stands for their country)."""
        t = parse.tokens[k]
        if t.pos != "PROPN" or not t.text[:1].isupper():
            return False
        name = [i for i in parse.subtree(k, stop=CLAUSE_DEPS | {"appos", "prep", "relcl"}) if i <= k]
        return not any(m.kind in ACTOR_KINDS for i in name for m in parse.mentions_at[i])

    def _fallback(self, parse: Parse, fig: Figure, skip: set[int]) -> str | None:
        """No actor on the figure's path: the pair of the sentence, else its actor (the focus if named,
        else the nearest), else the document's focus."""
        pairs = [m for m in parse.sentence.mentions if m.kind == "pair" and (m.attrs or {}).get("ids")]
        if pairs:
            return self._pick([str(i) for i in pairs[0].attrs["ids"]])
        near: list[tuple[int, str]] = []
        named: set[str] = set()
        for k in range(len(parse.tokens)):
            m = None if k in fig.tokens or k in skip or _negated_name(parse, k) else parse.entity_at(k)
            ids = self._actor(m) if m is not None else []
            if m is not None and m.kind == "place" and m.id and not ids:
                ids = [str(m.id)]  # "killed in the blast in Peshawar": Pakistan's toll
            named.update(ids)
            h = parse.head(k)
            kind = _noun_class(parse, h) if parse.dep(k) in ("compound", "amod", "nmod") else None
            if ids and not (kind in ("place", "member") and parse.tokens[h].tag in ("NNS", "NNPS")):
                # "most ASEAN countries", "EU member states" name kinds of countries, not an actor
                near.append((min(abs(k - fig.tokens[0]), abs(k - fig.tokens[-1])), ids[0]))
        if self.focus in named:
            return self.focus
        return min(near)[1] if near else self.home  # nothing named: the side the document speaks for

    def _ordinal_relations(self, parse: Parse, noun: int | None) -> str | None:
        """"X becomes the 193rd country with which Korea has diplomatic relations": Korea's count."""
        if noun is None or _lemma(parse, noun) not in ("country", "nation", "state"):
            return None
        clauses = parse.kids(noun, "relcl", "acl")
        if parse.dep(noun) == "attr":  # "Laos became the 180th country to establish ties with Brazil"
            clauses += parse.kids(parse.head(noun), "advcl", "xcomp")
        for clause in clauses:
            toks = parse.subtree(clause, stop=frozenset())
            words = {_lemma(parse, k) for k in toks}
            ids = self._actors(parse, toks) if "diplomatic" in words and words & {"relation", "tie"} else []
            if ids:
                return ids[0]
        return None

    # ------------------------------------------------------------------ the metric

    def metric(self, parse: Parse, fig: Figure, noun: int | None, cls: str | None, who: str) -> str:
        """The FACTS.md metric the figure's counted noun and its path say, else "other"."""
        start = noun if noun is not None else fig.head
        path, words = _path(parse, start)
        sentence = {w for t in parse.tokens for w in (t.lemma.lower(), t.text.lower())}
        lemma = _lemma(parse, start)
        free_trade = ("free" in words and "trade" in words) or bool({"fta", "ftas"} & words)
        if fig.unit in numbers.CURRENCY_CODES:
            if sentence & {"remittance", "remit"} or {"send", "home"} <= words:
                return "remittances_usd_per_year"
            return "overseas_investment_usd" if "invest" in words and sentence & ABROAD else "other"
        if fig.unit is not None:
            return "other"
        if cls in ("place", "partner"):
            return self._partners(parse, path, words, cls, who, free_trade)
        if cls == "org" and words & {"member", "join", "participate", "membership"}:
            return "org_memberships"
        if cls == "agreement" and free_trade:
            return "free_trade_agreements"
        if (cls == "agreement" and lemma in ("agreement", "treaty", "memorandum", "mou", "mous")
                and not words & {"company", "firm", "business", "enterprise"}):
            return "cooperation_agreements"  # not companies' MoUs
        if cls == "party" and words & (TIES | {"cooperation"}):
            return "party_relations"
        if cls == "visit" and noun is not None:
            return self._visits(parse, noun, words, who)
        if cls == "person" and lemma in ("head", "leader") and words & HOST_VERBS:
            return "incoming_leader_visits"  # "hosted 30 heads of state"
        if cls == "person" and lemma in PEACE_PEOPLE and sentence & PEACEKEEPING:
            return "peacekeepers_deployed"
        if cls == "person" and (lemma in ("community", "diaspora")
                                or (words & ABROAD and words & {"live", "reside", "work", "abroad"})):
            return "overseas_population"
        if lemma == "project" and "invest" in words and sentence & ABROAD:
            return "overseas_investment_projects"
        return "other"

    def _partners(self, parse: Parse, path: list[int], words: set[str], cls: str, who: str,
                  free_trade: bool) -> str:
        """What a count of countries or partners is: relations, partnerships, FTAs, trade, parliaments,
        parties, the diaspora's host countries, aid recipients."""
        tier = _tier(parse, path)
        body = resolve.bodies().get(who)
        if tier:
            return tier
        if "diplomatic" in words and words & TIES:
            return "diplomatic_relations"
        if free_trade:
            return "free_trade_agreements"
        if (words & {"trade", "trading"} and words & TIES) or ("export" in words and cls == "place"):
            return "trade_partners"
        if words & {"parliament", "legislature", "parliaments"}:
            return "parliament_relations"
        if words & {"party", "parties"} and not any(
                _lemma(parse, k) == "party" and any(_lemma(parse, a) == "third" for a in parse.kids(k, "amod"))
                for k in range(len(parse.tokens))):
            return "party_relation_countries"  # (a "third-party transfer" is no party's relation)
        if words & {"community", "diaspora", "live", "reside"}:
            return "overseas_countries"
        if cls == "place" and words & AID_WORDS and not words & {"member", "membership"}:
            return "aid_recipients"
        if cls == "partner" and body is not None and body.kind == "mass_org":
            return "people_org_partners"
        return "other"

    def _visits(self, parse: Parse, noun: int, words: set[str], who: str) -> str:
        """Which way leaders' visits go: "15 visits abroad", "50 visits of leaders to Vietnam"."""
        phrase = parse.subtree(noun, stop=frozenset())
        lemmas = {_lemma(parse, k) for k in phrase} | words
        if lemmas & INWARD:
            return "incoming_leader_visits"
        for p in (k for k in phrase if _lemma(parse, k) == "to"):
            for o in parse.kids(p, "pobj"):
                if {who, self.focus} & set(self._actors(parse, parse.subtree(o))):
                    return "incoming_leader_visits"
                return "outgoing_leader_visits"
        if lemmas & (OUTWARD | {"make", "undertake", "pay", "conduct"}):
            return "outgoing_leader_visits"
        return "other"


def _wholes(parse: Parse, figs: list[Figure]) -> dict[int, Figure]:
    """Counts stated against a whole ("189 out of 193", "26 of 34 provinces"): figure head -> the whole."""
    out: dict[int, Figure] = {}
    for fig in figs:
        for p in parse.kids(fig.head, "prep") if fig.unit is None else []:
            if _lemma(parse, p) == "out":
                p = next(iter(parse.kids(p, "prep")), p)
            for o in parse.kids(p, "pobj") if _lemma(parse, p) == "of" else []:
                for other in figs:
                    if other is not fig and (other.head == o or parse.head(other.head) == o):
                        out[fig.head] = other
    return out


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    """Statistics of every sentence of a document."""
    return Reader(doc, parses or DocParses(doc)).statistics()
