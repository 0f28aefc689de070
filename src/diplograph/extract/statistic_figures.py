"""Figures in a sentence, for the statistics extractor: what each figure counts (its noun, through the
parse), which figures are no statistic (dates, ordinals, names, known sets, generics, targets), the
words around a figure that decide its metric, and its label and date."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from diplograph import resolve
from diplograph.extract.frames import CLAUSE_DEPS, CONDITION_MARKS, FUTURE_AUX, HYPOTHETICAL_AUX, PLAN_VERBS, Parse
from diplograph.model import AnalyzedDocument, Mention
from diplograph.nlp import numbers

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
    after = " ".join(parse.tokens[i].text.lower() for i in range(k, min(k + 5, len(parse.tokens))))
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
        v = parse.governing_verb(h)
        # ... or the object's: "bringing the number of its partners to 12", "raising the total to 40"
        told = parse.kids(v, "nsubj", "nsubjpass") + [o for o in parse.kids(v, "dobj") if h not in parse.subtree(o)] \
            if v is not None else []
        for s in told:
            if _lemma(parse, s) in ("number", "total", "count", "tally"):
                for p in parse.kids(s, "prep"):
                    objs = parse.kids(p, "pobj")
                    if objs:
                        return Counted(objs[0], own=False)
    return Counted()


# --------------------------------------------------------------------------- what is not a statistic

def _predicate(parse: Parse, k: int) -> int | None:
    """The verb of the clause token ``k`` sits in."""
    return parse.governing_verb(k)


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
    if {parse.tokens[a].text.lower() for a in parse.kids(pred, "aux", "auxpass")} & {"could", "might", "may"}:
        return True  # "20 million more could fall into poverty": a possibility, not a count
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
    if any(p + "-" in lead for p in ("non", "pro", "anti")):
        return True
    # "Apart from Chile, the region's states sent 300 observers": a name set apart is not whose figure it is
    words = [parse.tokens[i].text.lower() for i in range(max(0, first - 2), first)]
    return bool(words) and (words[-1] in ("except", "excluding") or words[-2:] in (["except", "for"], ["other", "than"],
                                                                                    ["apart", "from"]))


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
        # "the number of partners at that level rose to eleven": the tier named before in the sentence
        level = next((k for k in path for p in parse.kids(k, "prep") if _lemma(parse, p) == "at"
                      for o in parse.kids(p, "pobj") if _lemma(parse, o) == "level"
                      and any(_lemma(parse, d) in ("that", "this", "same") for d in parse.kids(o, "det", "amod"))), None)
        if level is None:
            return None
        noun = next((k for k in range(level - 1, -1, -1) if _lemma(parse, k) in ("partner", "partnership")), None)
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
    others |= {i for c in span if parse.dep(c) == "poss" and c < root for i in parse.subtree(c)}  # "Viet Nam's"
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
    if len(words) > 1 and words[0].lower() == "of":
        words = words[1:]  # "[3 million tonnes] of soybeans": the measure is the figure's, the rest what it counts
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
        objs = [o for o in parse.kids(p, "pobj") if o not in fig.tokens]  # not "per cent"
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
    if not rest:  # "pledged $40 million to rebuild schools": what it is for
        for c in parse.kids(pred, "xcomp", "advcl") + parse.kids(fig.head, "relcl", "acl"):
            if any(parse.lemma(a) == "to" for a in parse.kids(c, "aux")) and c > fig.tokens[-1]:
                words = [parse.tokens[i].text for i in parse.subtree(c, frozenset()) if i >= c][:8]
                while words and words[-1].lower() in ("in", "of", "to", "for", "by", "and", "the", "a", "an", "on"):
                    words.pop()
                text = " ".join(words).replace(" - ", "-").replace(" 's", "'s").replace(" ’s", "’s")
                return f"{head} to {text}".strip(" ,.;:")
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
