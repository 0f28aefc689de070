"""Argument frames read from the dependency parse: a trigger word and its arguments.

Every extractor asks this module the same questions — who did it (``agents``),
to what (``themes``), with/to/between whom (``preps``), when (``when``), and
whether the text asserts it at all (``negated``, ``mood``) — so a construction
is handled once, in every outlet's style: active and passive voice, relative
clauses ("X, who visited Y"), participles ("officials visiting Y"), control
verbs ("is expected to visit"), coordination ("A and B signed"), appositions
("X, the minister, said") and light verbs ("paid a visit", "held talks").

Works on our model (:class:`~diplograph.model.Sentence` tokens carry spaCy's
dependency labels), never on spaCy objects. Word lists here are small and
grammatical (auxiliaries, light verbs, plan verbs); what a trigger *means* is
each extractor's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

from diplograph.model import AnalyzedDocument, Mention, Sentence, Token

# Dependents that open a clause of their own: an argument search never crosses them.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "parataxis", "conj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# "Joseph Example, Jr. said": the parser may take the suffix for a second subject
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "iobj"})
# Mentions that can fill an argument slot.
ENTITY_KINDS = frozenset({"country", "body", "person", "place", "pair", "group", "title"})

# Verbs whose object noun is the event itself: "paid a visit", "held talks", "signed an agreement".
LIGHT_VERBS = frozenset({
    "hold", "have", "pay", "make", "conduct", "attend", "begin", "start", "conclude", "wrap", "undertake",
    "host", "convene", "organize", "organise", "co-chair", "chair", "join", "continue", "complete", "resume",
    "open", "launch", "give", "deliver", "issue", "take", "sign", "ink", "reach", "seal", "finalize",
    "finalise", "adopt", "announce", "welcome", "mark", "celebrate", "witness", "lead", "head", "accept",
    "stage", "perform", "carry", "run", "kick",
})
# Control verbs that make what they govern planned or hoped for, not done.
PLAN_VERBS = frozenset({
    "plan", "expect", "schedule", "set", "intend", "hope", "want", "wish", "aim", "seek", "propose", "prepare",
    "agree", "decide", "promise", "pledge", "vow", "offer", "invite", "look", "try", "attempt", "consider",
    "urge", "call", "ask", "request", "need", "due", "slate", "poise", "likely", "ready", "eager", "commit",
    "threaten", "would", "refuse", "decline", "fail",
})
# Verbs whose object, not subject, does what their infinitive says: "invited X to visit".
OBJECT_CONTROL = frozenset({"invite", "welcome", "urge", "ask", "allow", "encourage", "help", "enable", "permit",
                            "request", "persuade", "tell", "order", "authorize", "authorise", "call"})
# Nouns of a group sent to act: what follows as an infinitive is theirs to do.
GROUP_NOUNS = frozenset({"delegation", "team", "mission", "contingent", "envoy", "troop", "force", "unit",
                         "group", "panel", "taskforce", "representative", "observer"})
SENDING_VERBS = frozenset({"send", "dispatch", "deploy", "lead", "head", "bring", "take"})
NEGATING_VERBS = frozenset({"refuse", "decline", "fail", "cancel", "postpone", "deny", "reject", "avoid",
                            "call off", "suspend", "scrap", "halt"})
# Verbs that report speech: "would" under them is a future told in the past.
REPORTING = frozenset({"say", "announce", "tell", "state", "report", "confirm", "add", "note", "declare", "write",
                       "indicate", "reveal", "disclose", "explain", "insist"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "may", "might", "should", "must", "can", "ca", "'d"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "once"})


@dataclass(frozen=True)
class Arg:
    """One argument of a frame: a head token and what it refers to."""

    head: int  # token index in the sentence
    start: int  # token span [start, end) of the argument phrase (clauses cut off)
    end: int
    mentions: tuple[Mention, ...]  # entity mentions inside the phrase, in order
    referent: Mention | None  # the mention that covers the head token, if any

    def ids(self, kinds: Iterable[str] = ("country", "body", "person")) -> list[str]:
        """Canonical ids of the mentions of the given kinds (pairs and groups give their countries)."""
        wanted = set(kinds)
        out: list[str] = []
        for m in self.mentions:
            if m.kind in ("pair", "group") and "country" in wanted:
                out.extend(str(i) for i in (m.attrs.get("ids") or []) if i)
            elif m.kind in wanted and m.id:
                out.append(str(m.id))
        return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Frame:
    """A trigger and its arguments, as the parse gives them."""

    sentence: Sentence
    trigger: int  # token index
    lemma: str
    pos: str  # "VERB" or "NOUN" (events named by nouns: "visit", "talks", "agreement")
    agents: tuple[Arg, ...]
    themes: tuple[Arg, ...]
    preps: Mapping[str, tuple[Arg, ...]]
    when: Mention | None  # the date mention attached to this trigger (or its light verb)
    when_prep: str | None  # the preposition before it: "on", "since", "until", "by" ...
    negated: bool
    mood: str  # "asserted" | "planned" (will, expected to, scheduled) | "hypothetical" (could, if, would)
    passive: bool = False
    light: int | None = None  # the light verb a noun trigger is the object of ("held" in "held talks")
    governor: int | None = None  # the predicate this frame's clause depends on ("said" for "visited" in "said X visited")
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def token(self) -> Token:
        return self.sentence.tokens[self.trigger]

    def prep(self, *names: str) -> tuple[Arg, ...]:
        out: list[Arg] = []
        for name in names:
            out.extend(self.preps.get(name, ()))
        return tuple(out)

    def agent_ids(self, kinds: Iterable[str] = ("country", "body", "person")) -> list[str]:
        kinds = tuple(kinds)
        return list(dict.fromkeys(i for a in self.agents for i in a.ids(kinds)))

    @property
    def asserted(self) -> bool:
        return not self.negated and self.mood == "asserted"


class Parse:
    """A sentence's dependency graph with the mentions laid over its tokens."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        n = len(self.tokens)
        self.children: list[list[int]] = [[] for _ in range(n)]
        for t in self.tokens:
            if t.head != t.i and 0 <= t.head < n:
                self.children[t.head].append(t.i)
        self.mentions_at: list[list[Mention]] = [[] for _ in range(n)]
        for m in sentence.mentions:
            for k in self.token_range(m.start, m.end):
                self.mentions_at[k].append(m)

    # ------------------------------------------------------------------ tokens and mentions

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens inside document offsets [start, end)."""
        idx = [t.i for t in self.tokens if t.start < end and start < t.end]
        return range(idx[0], idx[-1] + 1) if idx else range(0)

    def mention_head(self, m: Mention) -> int | None:
        """The token of a mention whose head lies outside it (its syntactic head)."""
        toks = self.token_range(m.start, m.end)
        for k in toks:
            h = self.tokens[k].head
            if h == k or h not in toks:
                return k
        return toks[-1] if toks else None

    def entity_at(self, k: int, kinds: Iterable[str] = ENTITY_KINDS) -> Mention | None:
        """The entity mention covering token ``k`` (a person over a title, the longest otherwise)."""
        found = [m for m in self.mentions_at[k] if m.kind in kinds]
        if not found:
            return None
        found.sort(key=lambda m: (m.kind != "person", -(m.end - m.start)))
        return found[0]

    def dep(self, k: int) -> str:
        return self.tokens[k].dep

    def head(self, k: int) -> int:
        return self.tokens[k].head

    def lemma(self, k: int) -> str:
        return self.tokens[k].lemma.lower()

    def kids(self, k: int, *deps: str) -> list[int]:
        return [c for c in self.children[k] if not deps or self.tokens[c].dep in deps]

    def subtree(self, k: int, stop: frozenset[str] = CLAUSE_DEPS) -> list[int]:
        """Token indices under ``k`` (itself included), not descending into dependents labelled ``stop``."""
        out, todo = [], [k]
        while todo:
            i = todo.pop()
            out.append(i)
            todo.extend(c for c in self.children[i] if self.tokens[c].dep not in stop)
        return sorted(out)

    def conjuncts(self, k: int) -> list[int]:
        """``k`` and the tokens coordinated with it ("A, B and C"), in order."""
        out, todo = [], [k]
        while todo:
            i = todo.pop()
            out.append(i)
            todo.extend(c for c in self.children[i] if self.tokens[c].dep == "conj")
        return sorted(out)

    def _conj_root(self, k: int) -> int:
        while self.tokens[k].dep == "conj" and self.tokens[k].head != k:
            k = self.tokens[k].head
        return k

    def governing_verb(self, k: int) -> int | None:
        """The nearest verb above token ``k``: the predicate of the clause it sits in."""
        return next((a for a in self.ancestors(k) if self.tokens[a].pos in ("VERB", "AUX")), None)

    def ancestors(self, k: int) -> Iterator[int]:
        seen = {k}
        while True:
            h = self.tokens[k].head
            if h == k or h in seen:
                return
            seen.add(h)
            yield h
            k = h

    def is_predicate(self, k: int) -> bool:
        t = self.tokens[k]
        return t.pos in ("VERB", "AUX") and (t.pos == "VERB" or t.dep == "ROOT" or bool(self.kids(k, *SUBJECT_DEPS)))

    # ------------------------------------------------------------------ arguments

    def arg(self, k: int) -> Arg:
        """The argument headed by token ``k``: its phrase (clauses cut off, coordinated nouns kept:
        "Trong, President of the X Party Hun Sen and ...") and the mentions in it."""
        toks, todo = [], [k]
        while todo:
            i = todo.pop()
            toks.append(i)
            todo.extend(c for c in self.children[i] if self.tokens[c].dep not in CLAUSE_DEPS or (
                self.tokens[c].dep == "conj" and self.tokens[c].pos not in ("VERB", "AUX")))
        toks.sort()
        start, end = toks[0], toks[-1] + 1
        seen: list[Mention] = []
        for i in toks:
            m = self.entity_at(i)
            if m is not None and m not in seen:
                seen.append(m)
        return Arg(k, start, end, tuple(seen), self.entity_at(k))

    def args(self, k: int) -> tuple[Arg, ...]:
        """One argument per conjunct ("Kenya, Uganda and Tanzania"); an apposition adds its referent."""
        out: list[Arg] = []
        for c in self.conjuncts(k):
            out.append(self.arg(c))
        return tuple(out)

    def _relative_antecedent(self, k: int) -> int | None:
        """For a predicate in a relative clause or participle, the noun it modifies."""
        t = self.tokens[k]
        if t.dep in ("relcl", "acl") and t.head != k:
            return t.head
        return None

    def _before_suffix(self, i: int) -> int:
        """"Ann Example, Jr.": the parser may take the suffix for the subject; the name before it is."""
        if self.tokens[i].text.rstrip(".").lower() not in NAME_SUFFIXES:
            return i
        for j in (i - 1, i - 2):
            if j >= 0 and self.entity_at(j, ("person",)) is not None:
                return j
        return i

    def subjects(self, k: int, depth: int = 0) -> tuple[tuple[Arg, ...], bool]:
        """(agents, passive) of predicate ``k``, inherited through control, coordination and relative clauses."""
        subj = self.kids(k, "nsubj", "csubj")
        passive_subj = self.kids(k, "nsubjpass", "csubjpass")
        if passive_subj or self.kids(k, "auxpass"):
            agents = [a for ag in self.kids(k, "agent") for p in self.kids(ag, "pobj") for a in self.args(p)]
            return tuple(agents), True
        subj = [self._before_suffix(i) for i in subj]
        before = sorted(i for i in set(subj) if i < k)
        if len(before) >= 2:
            a, b = before[-2], before[-1]
            if max(self.subtree(a, frozenset())) + 1 == min(self.subtree(b, frozenset())) and \
                    any(self.lemma(c) == "and" for c in self.kids(a, "cc")):
                # "A and his Malaysian counterpart B attended": one coordinated subject the parser split in two
                return (*self.args(a), *self.args(b)), False
        if subj:
            s = max(subj, key=lambda i: (i < k, i))  # two subjects (a dateline taken for one): the nearest
            if self.tokens[s].tag in ("WP", "WDT") or self.lemma(s) in ("who", "which", "that"):
                ante = self._relative_antecedent(k)
                if ante is not None:
                    return self.args(ante), False
            return self.args(s), False
        if depth > 3:
            return (), False
        ante = self._relative_antecedent(k)
        if ante is not None and self.tokens[k].tag in ("VBG", "VBN") and self.tokens[k].dep == "acl":
            # "officials visiting Hanoi": the noun is the agent; "the deal signed by X": a passive participle
            if self.tokens[k].tag == "VBN":
                agents = [a for ag in self.kids(k, "agent") for p in self.kids(ag, "pobj") for a in self.args(p)]
                return tuple(agents), True
            return self.args(ante), False
        t = self.tokens[k]
        if t.dep in ("ROOT", "ccomp", "conj", "advcl", "relcl") and t.pos == "VERB" and depth == 0 and \
                not (t.dep in ("conj", "advcl") and t.head != k):
            # the parser lost the subject ("In the framework ..., Chairman X paid a visit"): the nearest
            # named actor before the verb in its own clause
            left = [i for i in self.subtree(k) if i < k]
            for i in sorted(left, reverse=True):
                m = self.entity_at(i, ("person", "country", "body"))
                if m is not None and self.dep(i) not in ("poss",):
                    h = self.mention_head(m)
                    if h is not None:
                        return (self.arg(h),), False
        if t.dep == "xcomp" and t.head != k and self.lemma(t.head) in OBJECT_CONTROL and self.kids(t.head, "dobj"):
            return self.args(self.kids(t.head, "dobj")[0]), False  # "welcomed X to attend", "invited X to visit"
        if t.dep in ("xcomp", "advcl") and t.head != k and self.kids(k, "aux") and \
                self.lemma(t.head) not in SENDING_VERBS:
            # "announced the designation of a delegation to attend", "named a team to negotiate": the group
            # named as the object does what the infinitive says (one who sends a delegation takes part by it)
            for o in self.kids(t.head, "dobj"):
                group = next((g for g in [o, *(g for p in self.kids(o, "prep") if self.lemma(p) == "of"
                                               for g in self.kids(p, "pobj"))] if self.lemma(g) in GROUP_NOUNS), None)
                if group is not None and group < k:
                    return (self.arg(group),), False
        if t.dep in ("xcomp", "conj", "advcl", "pcomp") and t.head != k:
            # "agreed to visit", "arrived and held talks", "After meeting X, Y said"
            gov = t.head
            if t.dep == "pcomp":  # "after meeting": prep -> its verb
                gov = self.tokens[gov].head
            if self.tokens[gov].pos == "ADJ" and self.tokens[gov].dep == "acomp" and self.tokens[gov].head != gov:
                gov = self.tokens[gov].head  # "X is due to travel", "X is ready to sign": the copula's subject
            if self.tokens[gov].pos in ("VERB", "AUX", "ADJ"):
                agents, passive = self.subjects(gov, depth + 1)
                if t.dep == "xcomp" and passive:
                    # "X is expected to visit": the passive subject of the control verb acts
                    held = self.kids(gov, "nsubjpass")
                    return (self.args(held[0]) if held else agents), False
                return agents, False if t.dep in ("xcomp", "advcl", "pcomp") else passive
        return (), False

    def objects(self, k: int) -> tuple[Arg, ...]:
        out: list[Arg] = []
        for c in self.kids(k, *OBJECT_DEPS):
            out.extend(self.args(c))
        for c in self.kids(k, "nsubjpass"):
            out.extend(self.args(c))
        return tuple(out)

    def prepositions(self, k: int) -> dict[str, tuple[Arg, ...]]:
        """Prepositional objects keyed by their preposition ("to", "with", "between", "on behalf of")."""
        out: dict[str, list[Arg]] = {}
        # "met with A at the palace, and with B": the parser may hang the second phrase on the verb as a conjunct
        conj_preps = [c for c in self.kids(k, "conj") if self.tokens[c].pos == "ADP" and self.kids(c, "pobj")]
        for p in self.kids(k, "prep", "agent", "dative") + conj_preps:
            name = self.lemma(p)
            objs = self.kids(p, "pobj", "pcomp")
            if not objs:
                # "in front of", "on behalf of": a nested preposition
                inner = self.kids(p, "prep")
                for q in inner:
                    for o in self.kids(q, "pobj"):
                        out.setdefault(f"{name} {self.lemma(q)}", []).extend(self.args(o))
                continue
            for o in objs:
                out.setdefault("by" if self.dep(p) == "agent" else name, []).extend(self.args(o))
                # "between A and B": spaCy hangs B on A as conj, args() expands it
        if "with" not in out and self.tokens[k].pos == "VERB":
            # "discussed the ceasefire with envoy X": a "with" the parser hung on the object, whose object is
            # someone (a person, a country), is the verb's partner
            for d in [d for d in self.kids(k, "dobj") if self.lemma(d) not in NOMINAL_EVENTS]:  # not "held talks"
                for p in self.kids(d, "prep"):
                    if self.lemma(p) == "with":
                        found = [a for o in self.kids(p, "pobj") for a in self.args(o)
                                 if self.entity_at(a.head, ("person", "country", "title")) is not None]
                        if found:
                            out.setdefault("with", []).extend(found)
        # "visited Hanoi and Beijing": conjoined prepositional phrases share the name
        return {key: tuple(v) for key, v in out.items()}

    # ------------------------------------------------------------------ mood, negation, dates

    def clause_chain(self, k: int) -> list[int]:
        """``k`` and the predicates it depends on up to its finite clause head: a noun trigger's light
        verb or governing verb, and control verbs ("expected" in "is expected to visit")."""
        chain = [k]
        i = k
        while len(chain) < 6:
            t = self.tokens[i]
            if t.head == i:
                break
            if t.pos in ("VERB", "AUX") and t.dep not in ("xcomp", "pcomp"):
                break  # a finite clause of its own
            if t.pos not in ("VERB", "AUX") and t.dep not in ("dobj", "pobj", "nsubjpass", "nsubj", "attr", "conj",
                                                                "compound", "npadvmod"):
                break  # (an apposition is no argument: "Norway, a NATO member, declined" is Norway's)
            i = t.head
            if self.tokens[i].pos == "ADP":  # "to" in "looks forward to visiting", "for talks"
                i = self.tokens[i].head
            chain.append(i)
        return chain

    def modality(self, k: int) -> tuple[bool, str]:
        """(negated, mood) of trigger ``k``: mood is asserted, planned (will, expected to, scheduled,
        agreed to) or hypothetical (could, would, if ...). Checked on the trigger's own clause only."""
        negated = False
        mood = "asserted"
        chain = self.clause_chain(k)
        for n, i in enumerate(chain):
            auxes = {self.tokens[a].text.lower() for a in self.kids(i, "aux", "auxpass")} | {
                self.lemma(a) for a in self.kids(i, "aux", "auxpass")}
            if self.kids(i, "neg") or any(self.lemma(c) in ("no", "never") for c in self.kids(i, "det", "advmod")):
                negated = True
            if any(self.lemma(p) in ("after", "until", "once", "upon", "if") and p > 0 and self.lemma(p - 1) == "only"
                   for p in self.kids(i, "prep", "mark", "advmod")):
                return negated, "hypothetical"  # "would restore ties only after a border deal": a condition
            reported = self.dep(i) == "ccomp" and self.lemma(self.head(i)) in REPORTING
            if auxes & HYPOTHETICAL_AUX and reported and auxes & HYPOTHETICAL_AUX <= {"would", "'d"}:
                mood = "planned" if mood == "asserted" else mood  # "said X would visit": a future told in the past
            elif auxes & HYPOTHETICAL_AUX or any(self.lemma(m) in CONDITION_MARKS for m in self.kids(i, "mark")):
                mood = "hypothetical"
            elif auxes & FUTURE_AUX and mood == "asserted":
                mood = "planned"
            elif mood == "asserted" and any(self.lemma(a) in PLAN_VERBS for a in self.kids(i, "acomp")):
                mood = "planned"  # "X is due in Austria for a visit", "the talks are set for May"
            if n == 0:
                continue
            lemma = self.lemma(i)
            link = self.tokens[chain[n - 1]].dep  # how the step below hangs on this verb
            if link in ("nsubj", "nsubjpass", "csubj"):
                continue  # "the visit is considered historic": the subject takes no mood from its verb
            if lemma in NEGATING_VERBS:
                negated = True
            elif lemma in PLAN_VERBS and mood == "asserted":
                mood = "planned"
            elif lemma == "be" and self.tokens[chain[n - 1]].dep == "xcomp":
                mood = "planned" if mood == "asserted" else mood  # "is to visit"
        top = chain[-1]
        for a in self.ancestors(top):  # an adverbial clause under "if"/"unless" governs the whole clause
            if self.tokens[top].dep == "advcl" and any(self.lemma(m) in CONDITION_MARKS for m in self.kids(top, "mark")):
                mood = "hypothetical"
            break
        return negated, mood

    @cached_property
    def _date_owner(self) -> dict[int, tuple[Mention, str | None]]:
        """The predicate each date mention belongs to: token index -> (date mention, preposition); a
        resolved date wins over one with no value ("the afternoon of 19 December")."""
        out: dict[int, tuple[Mention, str | None]] = {}
        for m in self.sentence.mentions:
            if m.kind != "date":
                continue
            h = self.mention_head(m)
            if h is None:
                continue
            # the preposition that governs the date itself ("since 2019", "on Monday"), if any; the NER
            # sometimes takes it into the date ("since 2015")
            g = self.tokens[h].head
            prep = self.lemma(g) if g != h and self.tokens[g].dep in ("prep", "agent") else None
            if self.tokens[h].dep == "prep" or self.tokens[h].pos == "ADP":
                prep = self.lemma(h)
            a = h
            while True:
                nxt = self.tokens[a].head
                if nxt == a:
                    break
                a = nxt
                if self.is_predicate(a) or self.tokens[a].lemma.lower() in NOMINAL_EVENTS:
                    break
            old = out.get(a)
            if old is None or (not (old[0].attrs or {}).get("value") and (m.attrs or {}).get("value")):
                out[a] = (m, prep)
        return out

    def adjacent_date(self, k: int) -> tuple[Mention | None, str | None]:
        """A date written right after the trigger ("said Sunday", "spoke by phone on Friday") belongs to
        it even where the parser hung it elsewhere."""
        j = k + 1
        skipped = 0
        while j < len(self.tokens) and skipped < 3 and (
                self.tokens[j].text.lower() in ("on", "late", "early", "by", "phone", "telephone", "over", "the")):
            j += 1
            skipped += 1
        if j < len(self.tokens):
            for m in self.mentions_at[j]:
                if m.kind == "date" and (m.attrs or {}).get("value"):
                    prep = "on" if self.tokens[j - 1].text.lower() == "on" else None
                    return m, prep
        return None, None

    def date_of(self, k: int) -> tuple[Mention | None, str | None]:
        owned = self._date_owner.get(k)
        return owned if owned else (None, None)

    # ------------------------------------------------------------------ frames

    def frame(self, k: int) -> Frame:
        """The frame of trigger token ``k`` (a verb, or a noun naming an event)."""
        t = self.tokens[k]
        preps = self.prepositions(k)
        themes = list(self.objects(k))
        light = None
        governor = None
        if t.pos in ("VERB", "AUX"):
            agents, passive = self.subjects(k)
            if t.dep in ("ccomp", "xcomp", "advcl", "conj") and t.head != k:
                governor = t.head
        else:
            passive = False
            agents = []
            for c in self.kids(k, "poss"):
                agents.extend(self.args(c))
            by = preps.pop("by", ())
            agents.extend(by)
            for c in self.kids(k, "acl"):
                # "the visit led by X", "a delegation headed by X"
                if self.lemma(c) in ("lead", "head", "make", "pay", "conduct", "undertake", "host", "organize",
                                     "organise", "request", "convene", "call", "chair", "sponsor"):
                    agents.extend(a for ag in self.kids(c, "agent") for p in self.kids(ag, "pobj")
                                  for a in self.args(p))
            # an owner that names an actor ("Modi's visit"), not a word of the event's name ("Leaders' Week")
            named = any(a.referent is not None and a.referent.kind in ("person", "country", "body", "pair", "group",
                                                                       "title") for a in agents)
            # a noun that is the object of a light verb, or an adjunct of a clause, inherits its subject
            g = t.head
            if g != k and t.dep in ("dobj", "nsubjpass", "attr") and self.tokens[g].pos in ("VERB", "AUX"):
                light = g if self.lemma(g) in LIGHT_VERBS else None
                if light is not None:
                    for key, v in self.prepositions(g).items():
                        preps.setdefault(key, v)
                if not named:
                    agents = list(self.subjects(g)[0]) or agents
            elif g != k and t.dep == "pobj":
                v = self.tokens[g].head
                if v != g and self.tokens[v].pos == "ADJ" and self.tokens[v].dep == "acomp":
                    # "X is due in Austria on Friday for a visit": the predicate's subject, places and date
                    for key, val in self.prepositions(v).items():
                        preps.setdefault(key, val)
                    governor = v
                    v = self.tokens[v].head
                if v != g and self.tokens[v].pos in ("VERB", "AUX") and not named:
                    # "during his visit to X, Y said": the clause's subject made the visit
                    agents = list(self.subjects(v)[0]) or agents
                    governor = v
                    for a in self.kids(v, "acomp"):  # "X is due in Austria ... for a visit"
                        for key, val in self.prepositions(a).items():
                            preps.setdefault(key, val)
            elif g != k and t.dep in ("nsubj",) and not agents:
                # "Talks between A and B were held on Monday": the noun is the subject of a light verb
                light = g if self.lemma(g) in LIGHT_VERBS | {"be", "take", "happen", "occur"} else None
            if not any(a.mentions for a in agents):
                # "the Modi visit", "Indian PM visit", "Vietnam-Japan talks": entities in compounds / demonyms
                for c in self.kids(k, "compound", "amod", "nmod"):
                    m = self.entity_at(c)
                    if m is not None and m.kind in ("person", "country", "body"):
                        agents.extend(self.args(c))
        agents = list(agents)
        for a in list(agents):  # "a delegation led by X visited": X went with it
            if self.lemma(a.head) in ("delegation", "team", "mission", "group"):
                agents.extend(x for c in self.kids(a.head, "acl") if self.lemma(c) in ("lead", "head")
                              for ag in self.kids(c, "agent") for p in self.kids(ag, "pobj") for x in self.args(p))
        when, when_prep = self.date_of(k)
        if when is None and t.pos not in ("VERB", "AUX"):
            for c in self.kids(k, "acl"):  # "a statement issued on Monday", "the meeting held in May"
                when, when_prep = self.date_of(c)
                if when is not None:
                    break
        vague = None
        if when is not None and not (when.attrs or {}).get("value"):
            vague, when = (when, when_prep), None  # "a one-day visit", "the same day": look further first
        if when is None and light is not None:
            when, when_prep = self.date_of(light)
        if when is None and governor is not None and t.pos not in ("VERB", "AUX"):
            when, when_prep = self.date_of(governor)
        if when is None:
            when, when_prep = self.adjacent_date(k)
        if when is None:
            # the date of the occasion named in an adjunct: "said during a visit in September",
            # "told X in phone calls last week", "spoke at the summit on Monday"
            for p in self.kids(k, "prep"):
                for o in self.kids(p, "pobj"):
                    if self.lemma(o) in NOMINAL_EVENTS:
                        for x in [o] + self.kids(o, "acl"):  # "in a statement issued the same day"
                            when, when_prep = self.date_of(x)
                            if when is not None:
                                break
                        if when is not None:
                            break
                if when is not None:
                    break
        if when is None and t.pos == "VERB" and self.lemma(k) in ("say", "tell", "add", "state", "note"):
            for c in self.kids(k, "advcl"):  # "Speaking to reporters on Tuesday, X said": the speaking's date
                if self.lemma(c) in ("speak", "talk", "address") and self.tokens[c].tag == "VBG":
                    when, when_prep = self.date_of(c)
                    if when is not None:
                        break
        if when is None:
            # a date shared by coordinated triggers ("A's visit to X and B's visits to Y in May"), or
            # given to the clause a trigger depends on ("welcomed X on Monday to attend the summit")
            siblings = [c for c in self.kids(t.head, t.dep) if c != k] if t.head != k else []
            chain = self.clause_chain(light if light is not None else k)[1:]
            # "the summit is scheduled to open on 7 July": the date of the clause the verb controls
            chain += [x for v in chain for x in self.kids(v, "xcomp")]
            for other in self.conjuncts(self._conj_root(k)) + siblings + chain:
                if other != k:
                    when, when_prep = self.date_of(other)
                    if when is not None:
                        break
        if when is None and vague is not None:
            when, when_prep = vague
        neg, mood = self.modality(k)
        return Frame(self.sentence, k, t.lemma.lower(), "VERB" if t.pos in ("VERB", "AUX") else "NOUN",
                     tuple(agents), tuple(themes), preps, when, when_prep, neg, mood, passive, light, governor)

    def frames(self, lemmas: Iterable[str] | None = None, pos: Sequence[str] = ("VERB", "NOUN", "PROPN")
               ) -> list[Frame]:
        """Frames of every token whose lemma is in ``lemmas`` (and POS in ``pos``), in order."""
        wanted = None if lemmas is None else set(lemmas)
        out = []
        for t in self.tokens:
            if t.pos not in pos and not (t.pos == "AUX" and "VERB" in pos and t.dep == "ROOT"):
                continue
            if wanted is not None and t.lemma.lower() not in wanted and t.text.lower() not in wanted:
                continue
            out.append(self.frame(t.i))
        return out


# Nouns that name events: a date under one of them belongs to it ("the visit on Monday").
NOMINAL_EVENTS = frozenset({
    "visit", "trip", "tour", "talk", "talks", "meeting", "summit", "call", "conversation", "conference",
    "session", "signing", "ceremony", "election", "vote", "exercise", "drill", "hearing", "briefing",
    "interview", "statement", "speech", "address", "forum", "dialogue", "consultation", "agreement",
    "deal", "pact", "treaty", "memorandum", "accord", "negotiation", "discussion", "announcement",
    "declaration", "communique", "launch", "establishment", "upgrade", "elevation", "withdrawal",
    "membership", "chairmanship", "presidency", "term", "tenure", "reception", "dinner", "luncheon",
    "gaggle", "readout", "remark", "remarks", "debate", "congress", "assembly", "plenary", "meet",
    "posting", "post", "tweet", "letter", "message", "video",
})


class DocParses:
    """The :class:`Parse` of each sentence of a document, made once and shared by every extractor."""

    def __init__(self, doc: AnalyzedDocument) -> None:
        self.doc = doc
        self._parses: dict[int, Parse] = {}
        self._memo: dict[str, object] = {}

    def memo(self, key: str, make):  # -> whatever make() returns
        """A per-document result shared by extractors (the office holders, say), made once."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def __getitem__(self, sentence: Sentence) -> Parse:
        p = self._parses.get(sentence.index)
        if p is None:
            p = self._parses[sentence.index] = Parse(sentence)
        return p

    def __iter__(self) -> Iterator[Parse]:
        for s in self.doc.sentences:
            yield self[s]
