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

from diplograph import resolve
from diplograph.extract.actors import countries_of
from diplograph.extract.base import document_focus, make_fact
from diplograph.extract.frames import CLAUSE_DEPS, DocParses, Parse
from diplograph.extract.statistic_figures import (
    ABROAD, ABROAD_WORDS, ACTOR_KINDS, AID_WORDS, BLOC_NOUNS, COUNTRY_METRICS, FOREIGN_WORDS, HOST_VERBS, INWARD,
    OUTWARD, PEACE_PEOPLE, PEACEKEEPING, PRONOUNS, RELATIVE, TIES, Counted, Figure, _demonym, _is_target, _lemma,
    _negated_name, _not_a_claim, _noun_class, _path, _predicate, _tier, as_of, counted, figures, label,
)
from diplograph.model import AnalyzedDocument, Fact, Mention
from diplograph.nlp import numbers

EXTRACTOR = "statistics"
# A people living abroad, named by their origin ("the Thai community in Japan").
COMMUNITY_NOUNS = frozenset({"community", "diaspora", "expatriate", "expat", "national", "citizen", "people",
                             "worker", "student", "migrant"})
# Heads of organs' names that stand for the organ named before ("the council", "the assembly").
ORGAN_NOUNS = frozenset({"council", "assembly", "commission", "committee", "board", "court", "parliament", "forum"})


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
        qualifier = "exact" if fig.unit == "ordinal" else fig.qualifier
        if qualifier == "exact" and pred is not None and _lemma(parse, pred) in ("top", "exceed", "surpass") and \
                parse.dep(fig.head) == "dobj" and parse.head(fig.head) == pred:
            qualifier = "over"  # "trade topped $4 billion"
        return make_fact(self.doc, parse.sentence, "statistic", EXTRACTOR, 0.5 if kind == "other" else 0.7,
                         subject=who, metric=kind, **extra, value=fig.value, qualifier=qualifier, unit=unit,
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
        if k not in skip and _lemma(parse, k) in COMMUNITY_NOUNS:  # "the Thai community in Japan": Thailand's
            kin = [str(m.id) for c in parse.kids(k, "amod", "compound") if c not in skip
                   for m in [parse.entity_at(c, ("country",))] if m is not None and m.id]
            if kin:
                return kin
        if k not in skip:
            people = _demonym(parse, k)
            ids = self._actors(parse, [k]) or ([people] if people else []) or self._antecedent(parse, k)
            body = self._definite_body(parse, k) if not ids else None
            if ids or body:
                return ids or [str(body)]
            the = any(_lemma(parse, d) == "the" for d in parse.kids(k, "det"))
            members = _noun_class(parse, k) == "member" and not parse.kids(k, "prep", "poss", "compound") and \
                parse.dep(k) not in ("compound", "amod", "nmod")  # not "the 9-member board": the board's
            if (the and _lemma(parse, k) in BLOC_NOUNS) or members:
                return [b for b in [self._body(parse)] if b]  # "the bloc", "Member States have pledged"
            if the and _lemma(parse, k) in ORGAN_NOUNS:
                return [b for b in [self._body(parse, _lemma(parse, k))] if b]  # "the 9-member board"
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

    def _body(self, parse: Parse, word: str | None = None, before: int = 4) -> str | None:
        """The international body the sentence names, else the last one named shortly before it: with
        ``word``, one whose name has it ("the council" after "the UN Security Council"); without, a bloc,
        not an organ like "the ECOWAS Standby Force" (an organ has no member states)."""
        index = parse.sentence.index
        for sentence in reversed(self.doc.sentences[max(0, index - before):index + 1]):
            for m in reversed(sentence.mentions):
                body = resolve.bodies().get(str(m.id)) if m.kind == "body" else None
                if body is None or body.country:
                    continue
                if word is None and not body.kind.endswith("organ") or \
                        word is not None and word in m.text.lower().split() + body.name.lower().split():
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
        source = self._according_to(parse) or self._partner_of(parse)
        if source and (not pair or source in pair):
            return source  # "trade grew to $3 billion, according to Chilean customs": the source's figure
        if self.home and (not pair or self.home in pair) and resolve.national_country(self.home):
            return self.home
        return None

    def _partner_of(self, parse: Parse) -> str | None:
        """"Peru remains Chile's top trading partner, and two-way trade hit ...": the possessor's figure."""
        for t in parse.tokens:
            if t.lemma.lower() == "partner" and t.dep == "attr":
                ids = [c for o in parse.kids(t.i, "poss") for c in self._actors(parse, parse.subtree(o, frozenset()))
                       if c in resolve.countries()]
                if ids:
                    return ids[0]
        return None

    def _according_to(self, parse: Parse) -> str | None:
        """The country of the source a sentence cites ("according to Chilean customs data", "according to
        Foreign Minister X"), if one."""
        for t in parse.tokens:
            if t.text.lower() == "according" and t.i + 1 < len(parse.tokens) and parse.tokens[t.i + 1].text.lower() == "to":
                toks = [i for o in parse.kids(t.i + 1, "pobj") for i in parse.subtree(o, frozenset())] or \
                    list(range(t.i + 2, min(len(parse.tokens), t.i + 12)))
                ids = [c for c in self._actors(parse, toks) if resolve.national_country(c) or c in resolve.countries()]
                if ids:
                    return str(resolve.national_country(ids[0]) or ids[0])
        return None

    def subject(self, parse: Parse, fig: Figure, what: Counted) -> tuple[str | None, set[int]]:
        """(the actor the figure is about, tokens not to guess a subject from; {-1}: guess none).

        The owner of the figure's own phrase first ("China's $1 trillion program", "39% of the EU"),
        then the subject of its clause ("Chinese vessels were spotted", a person as their country) and of
        the clauses it depends on, but not past a clause whose subject is no actor ("rebels attacked ...")
        nor across a reported clause: in "the U.N. says fighting forced ...", the U.N. is the source.
        """
        giver = self._aid_giver(parse, fig, what)
        if giver:
            return giver, set()
        if what.owner is not None:  # "the 10-member ASEAN", "the 15-nation bloc"
            ids = self._owner(parse, what.owner, fig.tokens)
            if ids:
                return self._pick(ids), set()
        if what.noun is not None and not what.own:
            ids = self._actors(parse, [what.noun])  # "39% of the EU", "70% of Kenya"
            if ids:
                return self._pick(ids), set()
        start = what.noun if what.noun is not None and what.own else fig.head
        ids = self._copula_subject(parse, start, fig) or self._owner(parse, start, fig.tokens, modifiers=False)
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
            ids = self._copula_subject(parse, a, fig)
            if ids:
                return self._pick(ids), set()
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

    def _aid_giver(self, parse: Parse, fig: Figure, what: Counted) -> str | None:
        """"X will get $30 million in aid from Y": aid is the giver's figure."""
        heads = [h for h in (fig.head, what.noun) if h is not None]
        phrase = {k for h in heads for k in parse.subtree(h, frozenset())}
        if not {_lemma(parse, k) for k in phrase} & AID_WORDS:
            return None
        for k in sorted(phrase):
            if parse.dep(k) == "prep" and _lemma(parse, k) == "from":
                ids = [c for o in parse.kids(k, "pobj") for c in self._actors(parse, parse.subtree(o, frozenset()))]
                if ids:
                    return ids[0]
        return None

    def _copula_subject(self, parse: Parse, a: int, fig: Figure) -> list[str]:
        """"X, with 800 projects, is Y's top investor": the figures are X's, the subject's,
        not the possessor's of the role noun."""
        if parse.tokens[a].pos != "NOUN" or parse.dep(a) != "attr" or _lemma(parse, parse.head(a)) != "be" or \
                not parse.kids(a, "poss") or not any(_lemma(parse, p) == "with" for p in parse.kids(a, "prep")):
            return []
        return [i for sub in parse.kids(parse.head(a), "nsubj")
                for i in self._owner(parse, sub, fig.tokens) or self._actors(parse, [sub])]

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

    @staticmethod
    def _own_people(parse: Parse, noun: int, who: str) -> bool:
        """The counted people are the subject country's own ("6 million Vietnamese", "Vietnamese people")."""
        for k in [noun, *parse.kids(noun, "amod", "compound")]:
            m = parse.entity_at(k, ("country",))
            if m is not None and m.id == who and (m.attrs or {}).get("how") == "demonym":
                return True
        return _demonym(parse, noun) == who

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
        if cls == "person" and noun is not None and sentence & {"live", "living", "reside", "residing"} and \
                {t.text.lower() for t in parse.tokens} & {"countries", "territories"} and self._own_people(parse, noun, who):
            return "overseas_population"  # "5 million Filipinos live in 100 countries and territories"
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
        if words & {"community", "diaspora", "live", "reside"} or words & {"work", "study"} and any(
                _lemma(parse, k) in ("live", "reside") and parse.dep(k) in ("ROOT", "relcl", "acl", "ccomp")
                for k in range(len(parse.tokens))):
            return "overseas_countries"  # ("living and working in 130 countries": the conjunct "working" is the path)
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
