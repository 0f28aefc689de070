"""Agreements: treaties, trade agreements, memoranda, accords, joint statements, frameworks, read from the parse.

An agreement is a noun phrase headed by an agreement word (:data:`HEADS`: agreement, pact, deal, treaty, MoU,
accord, exchange of notes, joint statement / declaration / communique, protocol, convention, charter, roadmap,
action plan, framework, vision document, letter of intent, ceasefire, truce) or a short form (:data:`ACRONYMS`,
and "(CEPA)" given in the text); :mod:`~diplograph.extract.agreement_names` finds them, names them and leaves out
what is no paper between states. Its **name** is the capitalised name around the head ("the 1995 Dayton
Accords" -> "Dayton Accords", dated 1995), a short form when given, else a short description ("agreement to
jointly combat insecurity"); "agreements on X and on Y" are one paper per topic. Its **kind** comes from the
head and its modifiers. Its **parties** come from the frame: "between A and B" (on the noun, in its topic or on
its verb); a dash compound or demonyms in the phrase ("the India-UAE CEPA", "the EU-Mercosur deal"); the agents
of the verb or noun that signs, reaches, adopts, negotiates or implements it, in any voice ("A and B signed",
"was signed by A and B", "the treaty A and B signed", "witnessed the signing of", "reviewed the implementation
of"), people and officials standing for their countries (a surname for the fuller name the text gave), "the two
leaders" / "the prime ministers" for the two countries just named (not "130 nations", and a bare "the leaders"
only for the pair the whole text is about); who brokers a deal is no party; "with B" adds a counterpart (plural
papers give one fact per counterpart; no subject and no other actor named: the document's country). Failing those,
what the sentence implies: the founders of a body "founded under" a treaty, whoever speaks "in a joint
statement", the papers of the sentence before for "They included ...", the pair of "the two countries" for a
named bilateral paper, and the pair the text is about for a paper told as signed without its signers ("a
package of documents was signed", unless the sentence names someone else). **signed** is the date the parse
attaches to the signing verb or the noun, none for a paper still planned, nor for one told inside another thing
("the AUKUS partners signed ...", "the anniversary of the Convention", "an amendment to the Protocol").

A capitalised or short-form name is a fact by itself, unless it is a paper of one government at home: a plan,
framework, roadmap or deal with no second party and nothing beyond the home country in its name ("the AI Action
Plan", "the U.S. Framework for ..."), one of a region at home or made with firms ("California's Framework
Agreement", "worked with the carriers to launch their Framework Agreement"), or any named paper without parties
in a text that names no other state or international body. A lower-case paper is a fact only with its parties
and when not denied (planned ones count; a ceasefire only when agreed or reached). A counted set ("signed eight pacts") is a
statistic, unless the sentence names one of them ("including one on X"). Mentions of one paper in a document
are merged (a bare "the deal" joins the named paper).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from diplograph import resolve
from diplograph.extract.actors import actor_ids, is_country
from diplograph.extract.agreement_terms import (
    AGENTLESS,
    EXTRACTOR,
    FOUNDING,
    HEADS,
    INTERNATIONAL,
    LOOSE,
    MULTILATERAL,
    NEGATING,
    SETS,
    SHARED_SCOPE,
    SET_PRONOUNS,
    SIGNING,
    SIGN_NOUNS,
    SIGN_VERBS,
    TREATY_PLACES,
    TRUCES,
    WORK_NOUNS,
    Paper,
    agentless,
    dedupe,
    done,
    head_word,
    is_actor_noun,
    is_cap,
    singular,
    text_of,
    title_statement,
)
from diplograph.extract.base import (
    compound_countries,
    document_focus,
    is_country_id,
    make_fact,
    principal_pair,
)
from diplograph.extract.agreement_names import CLAUSES as _CLAUSES
from diplograph.extract.agreement_names import PaperReader
from diplograph.extract.frames import Arg, DocParses, Frame, Parse
from diplograph.model import AnalyzedDocument, Fact, Mention, Sentence

# Nouns of making a paper: its date is theirs ("the creation of the Universal Declaration ... on December 10, 1948").
# Plural heads that stand for the two sides even without "two": "the leaders signed a joint statement".
_LEADERS = frozenset({"leader", "side", "country", "nation", "government", "delegation", "president", "minister",
                      "premier", "head"})
_MAKING = frozenset({"ceremony", "creation", "establishment", "launch", "birth", "drafting"})


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    parses = parses or DocParses(doc)
    reader = _Reader(doc, parses)
    facts = [f for f in [title_statement(doc)] if f is not None]
    for parse in parses:
        facts.extend(reader.sentence_facts(parse))
    return dedupe(facts)


def reader(doc: AnalyzedDocument, parses: DocParses | None = None) -> _Reader:
    """A reader of the document's agreements, for extractors that need an agreement's parties."""
    return _Reader(doc, parses or DocParses(doc))



class _Reader(PaperReader):
    """Reads the agreements of one document, sentence by sentence: the papers each names and their parties
    and dates."""

    def actors(self, parse: Parse, args: Iterable[Arg]) -> list[str]:
        """Who the arguments stand for: each one's referent, else (officials, leaders, sides) the
        countries named in the phrase, else the two countries the text was just about."""
        out: list[str] = []
        for a in args:
            ref = a.referent
            ids = self.party_ids([ref]) if ref is not None and ref.kind != "title" else []
            if not ids and (ref is None or ref.kind in ("title", "pair", "group")):
                # "The U.S. and Malaysian governments", "the President of Somalia, X, and the Prime Minister of
                # Ethiopia": the countries and people of the phrase, through its coordinations and appositions
                # (a company, "Kenya Mining Ltd", is none of these: only its people would count)
                standing = ref is not None or is_actor_noun(parse.lemma(a.head))
                ms = [m for i in self._actor_phrase(parse, a.head) for m in parse.mentions_at[i]
                      if m.kind in ("person", "title") or standing and (m.kind != "body" or resolve.national_country(m.id))]
                ids = self.party_ids(list(dict.fromkeys(ms)))
                two = self._two(parse, a.head)
                if not ids and is_actor_noun(parse.lemma(a.head)) and parse.tokens[a.head].tag in ("NNS", "NNPS") \
                        and two is not None:
                    ids = self.recent_pair(parse.sentence)
                    # "the leaders" without "two": only the pair the whole text is about, not the last two named
                    # (and not for agencies: "the Departments of X and Y signed 400 agreements")
                    ids = ids if two or (set(ids) == set(principal_pair(self.doc) or ())
                                         and parse.lemma(a.head).rstrip("s") in _LEADERS) else []
            out.extend(ids)
        return list(dict.fromkeys(out))

    @staticmethod
    def _two(parse: Parse, k: int) -> bool | None:
        """Does the plural actor noun at ``k`` stand for two? True for "the two leaders", "both sides"; False
        for a bare "the leaders"; None for "Twenty-three countries", "more than 130 nations", "other countries"."""
        mods = parse.kids(k, "nummod", "amod", "det", "quantmod", "compound", "nmod", "predet")
        if any(parse.tokens[c].pos == "NUM" and parse.lemma(c) not in ("two", "2") for c in mods):
            return None
        if any(parse.lemma(c) in ("other", "many", "several", "all", "some", "most", "numerous") for c in mods):
            return None
        return any(parse.lemma(c) in ("two", "2", "both") for c in mods)

    def _actor_phrase(self, parse: Parse, k: int) -> list[int]:
        out, todo = [], [k]
        while todo:
            i = todo.pop()
            out.append(i)
            todo.extend(c for c in parse.kids(i) if parse.dep(c) not in ("relcl", "acl", "advcl", "prep", "punct")
                        or parse.dep(c) == "prep" and parse.lemma(c) in ("of", "from"))
        return out

    def party_ids(self, mentions: Iterable[Mention]) -> list[str]:
        """Actor ids of mentions; a political party stays itself (party-to-party agreements)."""
        out: list[str] = []
        for m in mentions:
            body = resolve.bodies().get(str(m.id)) if m.kind == "body" and m.id else None
            if m.kind in ("pair", "group"):
                ids = [str(i) for i in (m.attrs or {}).get("ids") or []]
                if ids and set(ids) <= self.named:  # a coreference guess never brings in an unnamed country
                    out.extend(ids if m.kind == "group" else self._checked_pair(m, ids))
                continue
            ids = [str(m.id)] if body is not None and body.kind == "party" else actor_ids(self.doc, [m])
            out.extend(ids or (self._namesake_country(m) if m.kind == "person" else []))
        return list(dict.fromkeys(out))

    def _checked_pair(self, m: Mention, ids: list[str]) -> list[str]:
        """ "the two countries" as the nlp stage resolved it, unless neither of the two is named in its sentence
        or the two before while another pair is: then that pair (a fact sheet that has moved on from one
        country pair to the next)."""
        sentence = next((s for s in self.doc.sentences if s.start <= m.start < s.end), None)
        if sentence is None:
            return ids
        near = {c for s in self.doc.sentences[max(0, sentence.index - 2):sentence.index + 1] for x in s.mentions
                if x.kind in ("country", "person") for c in actor_ids(self.doc, [x])}
        if near & set(ids):
            return ids
        recent = self.recent_pair(sentence)
        return recent if len(recent) == 2 and set(recent) <= near else ids

    def _namesake_country(self, m: Mention) -> list[str]:
        """ "Minister Lamola" after "Mr Ronald Lamola", "He" after "Bui Thanh Son": the country another mention of the
        same person gives."""
        last = resolve.fold(str(m.id or m.text)).casefold().split()[-1:]
        for sentence in self.doc.sentences:
            for other in sentence.mentions:
                if other.kind == "person" and other.id and other is not m and \
                        resolve.fold(str(other.id)).casefold().split()[-1:] == last:
                    ids = actor_ids(self.doc, [other])
                    if ids:
                        return ids
        return []

    def recent_pair(self, sentence: Sentence, member: str | None = None) -> list[str]:
        """The two countries the last few sentences were about ("the prime ministers" after both were named);
        with ``member``, the last two named together that include it."""
        for earlier in reversed(self.doc.sentences[max(0, sentence.index - 3):sentence.index + 1]):
            # a person's office is no guess: "President Luong Cuong" stands for Vietnam even where it is not named
            found = list(dict.fromkeys(c for m in earlier.mentions for c in actor_ids(self.doc, [m], bodies=False)
                                       if m.kind in ("country", "person") and is_country_id(c)
                                       and (c in self.named or m.kind == "person")))
            if len(found) == 2 and (member is None or member in found):
                return found
        pair = principal_pair(self.doc)
        return list(pair) if pair and (member is None or member in pair) else []

    def governor(self, parse: Parse, k: int) -> Frame | None:
        """The frame of the predicate that signs, concludes or works on the agreement at ``k``."""
        tokens = parse.tokens
        own = self._own_signing(parse, k)  # "the treaty Kenya and Uganda signed", "the deal signed by A and B"
        if own is not None and own.agents:
            return own
        i = self._first_conjunct(parse, k)  # "signed a framework agreement and 26 memorandums"
        if tokens[i].pos in ("VERB", "AUX") or (i != k and parse.lemma(i) in SIGN_NOUNS and not self._is_paper(parse, i)):
            return parse.frame(i)  # the parse coordinated the object with its verb or its "exchange of"
        h, dep = parse.head(i), parse.dep(i)
        for _ in range(3):
            if dep == "pobj" and parse.lemma(h) == "of" and parse.lemma(parse.head(h)) in SETS:
                i = parse.head(h)  # "signed a series of agreements"
            elif dep == "pobj" and parse.lemma(h) in ("include", "including", "like") and parse.head(h) != h:
                i = parse.head(h)  # "signed 26 MoUs, including a quadrilateral MoU with X": signed with the set
            elif i != k and dep == "pobj" and parse.lemma(h) == "of" and self._is_paper(parse, parse.head(h)):
                i = parse.head(h)  # "a memorandum of understanding on X and an agreement on Y": the parse's conj
            else:
                break
            i = self._first_conjunct(parse, i)
            if tokens[i].pos in ("VERB", "AUX"):
                return parse.frame(i)
            h, dep = parse.head(i), parse.dep(i)
        if h != i and dep in ("dobj", "nsubjpass", "attr", "oprd") and tokens[h].pos in ("VERB", "AUX"):
            return parse.frame(h)
        if h != i and dep == "pobj":
            g = parse.head(h)
            if tokens[g].pos in ("VERB", "AUX") and parse.lemma(g) in SIGN_VERBS and not parse.kids(g, "dobj"):
                return parse.frame(g)  # "agreed to a framework", "entered into an agreement" (not "signed X to Y")
            if parse.lemma(h) == "of" and parse.lemma(g) in SIGN_NOUNS | WORK_NOUNS or \
                    parse.lemma(h) in ("on", "for") and parse.lemma(g) in WORK_NOUNS:
                return parse.frame(g)  # "the signing of the treaty", "concluded negotiations for an FTA"
        return own

    @staticmethod
    def _dates_signing(parse: Parse, k: int, when: Mention) -> bool:
        """May the date a paper's noun took from its clause be its signing? Not where a signing verb that
        owns the date signed something else ("signed the instrument of ratification of X to the Protocol on
        26 October")."""
        for i in parse.clause_chain(k)[1:]:
            if parse.lemma(i) in SIGN_NOUNS | _MAKING:
                return True  # "the signing today of", "the creation of"
            if parse.date_of(i)[0] is when:
                return not (parse.tokens[i].pos == "VERB" and parse.lemma(i) in SIGN_VERBS and parse.kids(i, "dobj")
                            and parse.head(k) != i)
        return True

    def _nested(self, parse: Parse, k: int) -> bool:
        """Is the paper at ``k`` told inside another thing's phrase, which the sentence's date belongs to:
        a modifier of another noun ("the AUKUS partners"), or the complement of a noun that is no signing,
        set or paper ("the anniversary of the Convention", "an amendment to the Protocol")?"""
        i = k
        for _ in range(4):
            dep, h = parse.dep(i), parse.head(i)
            if h == i:
                return False
            if dep in ("compound", "poss", "nmod") and parse.tokens[h].pos in ("NOUN", "PROPN"):
                return not self._is_paper(parse, h)
            if dep == "pobj" and parse.tokens[parse.head(h)].pos in ("NOUN", "PROPN"):
                g = parse.head(h)
                if parse.lemma(g) in SIGN_NOUNS | WORK_NOUNS | _MAKING:
                    return False  # "the signing of the treaty", "the creation of the Declaration": its date
                if parse.lemma(g) not in SETS and not self._is_paper(parse, g):
                    return True
                i = g
                continue
            if dep == "conj":
                i = h
                continue
            return False
        return False

    def _own_signing(self, parse: Parse, k: int) -> Frame | None:
        for c in parse.kids(k, "relcl", "acl"):
            subject = parse.kids(c, "nsubj")
            if parse.lemma(c) in SIGNING and not (subject and parse.tokens[subject[0]].tag in ("WDT", "WP")):
                return parse.frame(c)  # not "a deal that will secure supplies": there the paper acts
        return None

    def _first_conjunct(self, parse: Parse, k: int) -> int:
        while parse.dep(k) == "conj" and parse.head(k) != k:
            k = parse.head(k)
            if parse.tokens[k].pos in ("VERB", "AUX"):
                break
        return k

    def party_sets(self, parse: Parse, paper: Paper, gov: Frame | None) -> list[frozenset[str]]:
        """Each set of parties the text gives the paper: what its phrase and its signing frame say, else
        what the sentence implies (the founders acting under it, the voices of a communique, the papers a
        pronoun stands for, the pair a sentence or an agentless signing is about)."""
        sets = self._told_sets(parse, paper, gov)
        if any(len(s) >= 2 for s in sets) or (sets and paper.kind == "joint_statement"):
            return sets
        implied = self._implied_sets(parse, paper, gov)
        if implied and (not sets or sets[0] <= implied):
            return [implied]
        return sets

    def _told_sets(self, parse: Parse, paper: Paper, gov: Frame | None) -> list[frozenset[str]]:
        noun = parse.frame(paper.head)
        between = self.actors(parse, noun.prep("between", "among") or self.inner(parse, paper, "between", "among"))
        if len(between) >= 2:
            return [frozenset(between)]
        inside = self.inside(parse, paper, noun)
        if len(inside) >= 2:
            return [frozenset(inside)]
        if gov is not None and not noun.prep("with"):
            between = self.actors(parse, gov.prep("between", "among"))
            if len(between) >= 2:
                return [frozenset(between)]
        signs = gov is not None and (gov.lemma in SIGN_VERBS or gov.lemma in SIGN_NOUNS or gov.light is not None)
        agents = self.signers(parse, gov) if signs and gov is not None and gov.lemma != "broker" else []
        # (who brokers a deal is no party to it: "X brokered the Kuala Lumpur Peace Accords")
        if gov is not None and gov.lemma in WORK_NOUNS:
            agents = self.signers(parse, gov)  # "the two sides reviewed the implementation of": both, or nobody
            # ... or one and the partner the paper is "with" ("X concluded negotiations on a deal with Y")
            agents = agents if len(agents) >= 2 or self.inner(parse, paper, "with") else []
        if not agents:
            agents = inside or self.actors(parse, [a for a in noun.agents if parse.dep(a.head) == "poss"])
        if signs and gov is not None and gov.lemma == "join":
            agents = []
        withs = self.actors(parse, self.inner(parse, paper, "with") + (gov.prep("with") if gov and signs else ()))
        withs = [w for w in withs if w not in agents]
        if withs:
            if not agents and (gov is None or signs and not gov.agents):  # "under the deal with Mauritius"
                focus = document_focus(self.doc)
                # not when the sentence names other actors (one of them may be the unnamed side), save the
                # counterparts of its other papers ("after the deal with A, X reached an agreement with B")
                others = set(actor_ids(self.doc, [m for m in parse.sentence.mentions
                                                  if m.kind in ("country", "body", "person")])) - set(withs)
                others -= {c for other in self.papers(parse) if other.head != paper.head
                           for c in self._counterparts(parse, other)}
                agents = [focus] if focus and focus not in withs and paper.kind != "joint_statement" and \
                    others <= {focus} else []
            if len(agents) == 1 and paper.plural and not paper.count and len(withs) > 1:
                return [frozenset((agents[0], w)) for w in withs]
            return [frozenset(agents + withs)] if agents else []
        if len(agents) == 1 and not paper.named:
            # "Britain seeks a deal on handing the islands to Mauritius": the one other country in the phrase
            others = [c for i in range(paper.head + 1, paper.end) for m in parse.mentions_at[i] if m.kind == "country"
                      for c in actor_ids(self.doc, [m]) if c != agents[0]]
            others = list(dict.fromkeys(others))
            if len(others) == 1:
                return [frozenset(agents + others)]
        if len(agents) >= 2 or (agents and not is_country(agents[0]) and paper.kind == "joint_statement"):
            return [frozenset(agents)]
        return [frozenset(agents)] if agents and paper.named else []

    def _implied_sets(self, parse: Parse, paper: Paper, gov: Frame | None) -> frozenset[str] | None:
        k = self._first_conjunct(parse, paper.head)
        h = parse.head(k)
        v = parse.head(h)
        if parse.dep(k) == "pobj" and parse.tokens[v].pos in ("VERB", "AUX") and v != h:
            frame = parse.frame(v)
            if parse.lemma(h) in ("under", "through") and frame.lemma in FOUNDING and frame.asserted:
                founders = self.actors(parse, frame.agents)  # "was founded by A, B and C under the Treaty of X"
                return frozenset(founders) if len(founders) >= 2 else None
            if parse.lemma(h) == "in" and paper.kind == "joint_statement":
                # "A and B said in a joint statement", "Forum leaders endorsed ... in a communique": who spoke
                ids = actor_ids(self.doc, [m for a in frame.agents for m in a.mentions])
                if len(ids) >= 2 or ids and not is_country(ids[0]):
                    return frozenset(ids)
                if not frame.agents and frame.passive and not any(
                        m.kind == "group" or m.kind == "number" and (m.attrs or {}).get("value") != 2
                        and (m.attrs or {}).get("noun") in ("country", "nation", "state", "side", "government")
                        for m in parse.sentence.mentions):
                    # "was published in a joint statement": the pair told of (not "of the three countries")
                    pair = frozenset(self.recent_pair(parse.sentence))
                    others = {c for m in parse.sentence.mentions if m.kind in ("country", "body")
                              for c in actor_ids(self.doc, [m])} - pair
                    if len(pair) >= 2 and not others:
                        return pair
        if parse.dep(k) == "dobj" and parse.lemma(h) in ("include", "comprise", "cover"):
            found = self._antecedent_set(parse, h)  # "They included a memorandum on ...": the papers just named
            if found:
                return found
        told = self._sentence_pair(parse, paper)
        if told and paper.named and paper.kind != "joint_statement" and not self._bilateral(parse, paper):
            told = None  # "both countries remain committed to the Paris Agreement": not theirs alone
        if told and (paper.kind == "joint_statement" or paper.named):
            return told  # "the Treaty on X, signed in 2022, raised ties between the two countries"
        if gov is not None and agentless(parse, gov, paper.kind) and (
                told or not any(is_cap(w) and not head_word(w) for w in paper.name.split())):
            # "a package of documents was signed", "a truce agreed on Wednesday": the pair the text is about,
            # unless the sentence names someone else ("the agreement signed in Iraq and the GCC authority")
            pair = told or frozenset(self.recent_pair(parse.sentence))
            others = {c for m in parse.sentence.mentions if m.kind in ("country", "body")
                      for c in actor_ids(self.doc, [m])} - pair
            return pair if pair and not others else None
        return None

    def _antecedent_set(self, parse: Parse, verb: int) -> frozenset[str] | None:
        """The parties of the papers a subject stands for: "They" or "The documents" after a signing."""
        subjects = parse.kids(verb, "nsubj")
        if not subjects:
            return None
        subject = subjects[0]
        own = head_word(parse.tokens[subject].text)
        if parse.lemma(subject) not in SET_PRONOUNS and (own is None or parse.tokens[subject].tag != "NNS"):
            return None
        i = parse.sentence.index
        if i == 0:
            return None
        before = self.parses[self.doc.sentences[i - 1]]
        for t in before.tokens:  # any plural paper word: "signed 14 cooperation documents"
            if t.tag == "NNS" and head_word(t.text):
                paper = Paper(t.i, t.i, t.i + 1, t.text, "other", False, plural=True)
                for parties in self.party_sets(before, paper, self.governor(before, t.i)):
                    if len(parties) >= 2:
                        return parties
        return None

    def _sentence_pair(self, parse: Parse, paper: Paper) -> frozenset[str] | None:
        """The countries of "the two countries", "both sides", "the three states" in the sentence, outside the paper."""
        for m in parse.sentence.mentions:
            ids = [str(i) for i in (m.attrs or {}).get("ids") or [] if i]
            span = parse.token_range(m.start, m.end)
            if not span or not is_actor_noun(parse.lemma(span[-1])) or not any(
                    parse.tokens[i].pos == "NUM" or parse.lemma(i) == "both" for i in span):
                continue  # "the two countries", "both sides", not "bilateral" or "the Federated States"
            if m.kind in ("pair", "group") and len(set(ids)) >= 2 and set(ids) <= self.named and not (
                    span and paper.start <= span[0] < paper.end):
                return frozenset(ids)
        return None

    def _bilateral(self, parse: Parse, paper: Paper) -> bool:
        """A name that could bind just two states: no short form of a known agreement, no convention or
        framework, no place, body or treaty town in it ("the Paris Agreement" binds many)."""
        words = [w.lower() for w in paper.name.split()]
        if paper.name in self.short_forms or head_word(words[-1] if words else "") in MULTILATERAL:
            return False
        if any(head_word(w) in MULTILATERAL for w in words) or set(words) & TREATY_PLACES:
            return False
        return not any(m.kind in ("place", "body", "country") for i in range(paper.start, paper.end)
                       for m in parse.mentions_at[i])

    def _counterparts(self, parse: Parse, paper: Paper) -> list[str]:
        """Who a paper is "with", on the noun or on its governing verb ("reached an agreement with China")."""
        gov = self.governor(parse, paper.head)
        return self.actors(parse, self.inner(parse, paper, "with") + (gov.prep("with") if gov is not None else ()))

    def signers(self, parse: Parse, gov: Frame) -> list[str]:
        """The countries of whoever signs: the verb's agents, read past a few parse errors."""
        v = gov.trigger
        args = list(gov.agents)
        subjects = parse.kids(v, "nsubj")
        if len(subjects) > 1:
            args = list(parse.args(max(subjects)))  # "NAIROBI, Tuesday -- Kenya and Somalia signed": the nearer one
        h = parse.head(v)
        if (parse.dep(v) in ("advcl", "xcomp") and h != v and any(parse.lemma(a) == "to" for a in parse.kids(v, "aux"))
                and parse.kids(h, "dobj")):
            args = list(parse.args(parse.kids(h, "dobj")[0]))  # "hosted the leaders of A and B to sign"
        ids = self.actors(parse, args) if args else []
        if not args and parse.tokens[v].pos == "VERB":
            # a subject the parse left unattached ("Secretary To Lam and Prime Minister Starmer exchange ...")
            ms = [m for c in parse.kids(v, "npadvmod", "compound", "dep", "nmod") if c < v
                  for i in parse.subtree(c, stop=frozenset()) for m in parse.mentions_at[i]
                  if m.kind in ("person", "country")]
            ids = actor_ids(self.doc, list(dict.fromkeys(ms)))
        people = [m for a in args for m in a.mentions if m.kind == "person"]
        if len(ids) == 1 and len(people) >= 2 and any(not actor_ids(self.doc, [m]) for m in people):
            # a signer whose country the text leaves out: the partner of the one named, as the text pairs them
            pair = self.recent_pair(parse.sentence, member=ids[0])
            if pair:
                return pair
        return ids

    def inner(self, parse: Parse, paper: Paper, *preps: str) -> tuple[Arg, ...]:
        """ "the treaty on friendship and cooperation between A and B", "a memorandum of understanding with B":
        a "between" or "with" the parse hangs inside the paper's phrase."""
        out: list[Arg] = []
        nodes = [paper.head]
        for n in nodes:
            if len(nodes) > 8:
                break
            for p in parse.kids(n, "prep"):
                if parse.lemma(p) in preps:
                    out.extend(a for o in parse.kids(p, "pobj") for a in parse.args(o))
                elif parse.lemma(p) in ("of", "on", "for", "to"):  # down the topic: "of understanding with B"
                    nodes.extend(c for o in parse.kids(p, "pobj") for c in parse.conjuncts(o))
        return tuple(out)

    def inside(self, parse: Parse, paper: Paper, noun: Frame) -> list[str]:
        """Parties written inside the phrase: "the India-UAE CEPA", "the G7 joint statement", two possessors."""
        left = [i for c in parse.kids(paper.head, "compound", "amod", "nmod", "poss") if c < paper.head
                for i in parse.subtree(c, stop=_CLAUSES | {"prep"})
                if not paper.named or i >= paper.start or parse.dep(c) == "poss"]
        # (a name's own words: not "Malawi Compact" reading the countries of "A-B Compact and Malawi Compact")
        span = range(min([paper.start] + left), paper.head + 1)
        ms = [m for i in span for m in parse.mentions_at[i] if m.kind in ("country", "body")]
        # "the Kuala Lumpur Peace Accords", "the Ankara Declaration": a capital in a name is a place
        ms = [m for m in dict.fromkeys(ms) if m.id not in self.short_forms
              and not (paper.named and (m.attrs or {}).get("how") == "capital")]
        out = self.party_ids(ms)
        if len(out) < 2:
            # "the U.S.-Viet Nam Bilateral Trade Agreement": a dash compound the nlp stage left unread
            text = " ".join(parse.tokens[i].text for i in span)
            dashed = list(dict.fromkeys(c for _, _, c in compound_countries(text)))
            out = dashed if len(dashed) >= 2 else out
        if len(out) >= 2 or (paper.kind == "joint_statement" and out and not is_country(out[0])):
            return out
        return out[:1] if out and not paper.named else []

    def party_sets_in(self, parse: Parse) -> Iterator[tuple[Paper, frozenset[str]]]:
        """The named papers of a sentence with each party set the text gives them."""
        for paper in self.papers(parse):
            if paper.named:
                for parties in self.party_sets(parse, paper, self.governor(parse, paper.head)):
                    yield paper, parties

    def sentence_facts(self, parse: Parse) -> Iterator[Fact]:
        if parse.sentence.text.rstrip(" \"”'’)").endswith("?"):
            return  # a question asserts nothing
        papers = self.papers(parse)
        named_items = [p for p in papers if not p.count]
        for paper in papers:
            gov = self.governor(parse, paper.head)
            if paper.count:
                # "signed eight pacts" is a count (a statistic); "six MoUs, including one on X" names one of them
                included = self._included(parse, paper)
                if included is None or named_items:
                    continue
                paper = included
            if not paper.named and self._denied(parse, paper, gov):
                continue
            if head_word(parse.tokens[paper.head].text) in TRUCES and not (
                    gov is not None and gov.lemma in AGENTLESS | {"reach", "strike", "broker", "announce"}
                    and done(parse, gov)):
                continue  # a ceasefire called for, proposed or broken is no agreement; one agreed or reached is
            sets = self.party_sets(parse, paper, gov)
            sets = [frozenset(p for p in s if p != paper.name) for s in sets]
            sets = [s for s in sets if s]
            if not paper.named and not any(len(s) >= 2 or paper.kind == "joint_statement" for s in sets):
                continue
            if paper.named and self._domestic(parse, paper, sets):
                continue
            for part in self._topics(parse, paper):
                for parties in sets or [None]:
                    yield self._fact(parse, part, gov, parties, plural_split=len(sets) > 1)

    def _topics(self, parse: Parse, paper: Paper) -> list[Paper]:
        """ "agreements on water and on transport": one paper per topic the plural lists."""
        if paper.named or not paper.plural:
            return [paper]
        preps = []
        for lemma in ("on", "in"):
            preps = [c for p in parse.kids(paper.head, "prep") if parse.lemma(p) == lemma for c in parse.conjuncts(p)]
            if len(preps) >= 2:
                break
        if len(preps) < 2:
            return [paper]
        out = []
        for p in preps:
            words = sorted([p] + [i for c in parse.kids(p) if parse.dep(c) not in ("conj", "cc")
                                  for i in parse.subtree(c, stop=_CLAUSES)])
            name = f"{singular(parse.tokens[paper.head].text)} {text_of(parse, words)}"
            out.append(Paper(paper.head, paper.start, words[-1] + 1, name, paper.kind, False))
        return out

    def _included(self, parse: Parse, paper: Paper) -> Paper | None:
        """ "six MoUs, including one on X": the one the sentence names."""
        for c in parse.kids(paper.head, "prep"):
            if parse.lemma(c) in ("include", "including"):
                for o in parse.kids(c, "pobj"):
                    if parse.lemma(o) == "one":
                        start, end = parse.subtree(o)[0], parse.subtree(o)[-1] + 1
                        topic = " ".join(t.text for t in parse.tokens[start + 1:end])
                        word = head_word(parse.tokens[paper.head].text) or "agreement"
                        base = "MoU" if word in ("memorandum", "mou") else word
                        return Paper(paper.head, start, end, f"{base} {topic}".strip(), paper.kind, False)
        return None

    def _denied(self, parse: Parse, paper: Paper, gov: Frame | None) -> bool:
        if parse.kids(paper.head, "neg") or any(parse.lemma(d) in NEGATING for d in parse.kids(paper.head, "det")):
            return True
        return gov is not None and gov.negated

    def _domestic(self, parse: Parse, paper: Paper, sets: list[frozenset[str]]) -> bool:
        """A named paper of one government at home, not one between international actors: a plan, framework,
        roadmap or deal with no second party and nothing in its name beyond the home country ("the AI Action
        Plan", "the U.S. Framework for Climate Resilience"); any named paper without parties in a text that
        names no other state or international body ("their Cooperative Framework Agreement")."""
        if paper.name in self.short_forms or any(len(s) >= 2 for s in sets):
            return False
        words = {w.lower().strip(",“”\"'’") for w in (paper.long_name or paper.name).split()}
        home = document_focus(self.doc)
        abroad = [m for i in range(paper.start, paper.end) for m in parse.mentions_at[i]
                  if m.kind in ("place", "country", "body") and not (home and home in actor_ids(self.doc, [m]))]
        head = head_word(parse.tokens[paper.head].text)
        if head in LOOSE and not any(head_word(w) in HEADS and head_word(w) not in LOOSE for w in words):
            return not (words & SHARED_SCOPE or abroad)
        if sets:
            return False
        if self._with_firms(parse, paper):
            return True
        if abroad or words & (INTERNATIONAL | TREATY_PLACES):
            return False
        return not self._abroad()

    def _with_firms(self, parse: Parse, paper: Paper) -> bool:
        """A paper of a region at home or made with firms: "California's Framework Agreement on Clean Cars",
        "worked with the cellular providers to initiate their Cooperative Framework Agreement"."""
        if any(m.kind == "place" for c in parse.kids(paper.head, "poss") for m in parse.mentions_at[c]):
            return True
        gov = self.governor(parse, paper.head)
        verbs = [gov.trigger, parse.head(gov.trigger)] if gov is not None else []
        for v in verbs:
            for p in parse.kids(v, "prep"):
                for o in parse.kids(p, "pobj"):
                    if (parse.lemma(p) == "with" and parse.tokens[o].tag == "NNS" and not is_actor_noun(parse.lemma(o))
                            and not any(parse.mentions_at[i] for i in parse.subtree(o))):
                        return True
        return False

    def _abroad(self) -> bool:
        """Does the text name a state other than its own, or an international body?"""
        if self._abroad_memo is None:
            home = document_focus(self.doc)
            bodies = [m for s in self.doc.sentences for m in s.mentions if m.kind == "body" and m.id]
            self._abroad_memo = bool(self.named - {home}) or any(
                resolve.national_country(str(m.id)) in (None, str(m.id)) for m in bodies)
        return self._abroad_memo

    def _fact(self, parse: Parse, paper: Paper, gov: Frame | None, parties: frozenset[str] | None,
              plural_split: bool) -> Fact:
        name = paper.name
        if plural_split and paper.plural:
            words = name.split()
            words = [singular(w) if head_word(w) else w for w in words]
            name = " ".join(words)
        signed, period = self._dates(parse, paper, gov)
        fields: dict[str, object] = {"name": name, "kind": paper.kind,
                                     "parties": sorted(parties) if parties else None, "signed": signed}
        if paper.long_name:
            fields["long_name"] = paper.long_name
        if period:
            fields["period_start"], fields["period_end"] = period
        return make_fact(self.doc, parse.sentence, "agreement", EXTRACTOR, confidence=0.6, **fields)

    def _dates(self, parse: Parse, paper: Paper, gov: Frame | None) -> tuple[str | None, tuple[str, str] | None]:
        """(signed, period): the date of the signing predicate or of the noun; a range in the phrase is a term."""
        period = None
        # the paper's own phrase, and a "for 2024-2027" its signing verb took from it
        own = set(parse.subtree(paper.head, stop=_CLAUSES | {"conj"})) | set(range(paper.start, paper.end))
        if gov is not None and gov.pos == "VERB":
            own |= {i for p in parse.kids(gov.trigger, "prep") if parse.lemma(p) == "for" for i in parse.subtree(p)}
        for i in sorted(own):
            for m in parse.mentions_at[i]:
                a = m.attrs or {}
                if m.kind == "date" and a.get("start") and a.get("end") and len(str(a["start"])) == 4 \
                        and a["start"] != a["end"] and parse.lemma(parse.head(parse.mention_head(m) or i)) != "in":
                    period = (str(a["start"]), str(a["end"]))
                    break
            if period:
                break
        if paper.year:
            return paper.year, period
        if self._nested(parse, paper.head):
            return None, period  # "the AUKUS partners signed ...", "ratified the Amendment to the Montreal Protocol"
        noun = parse.frame(paper.head)
        # a paper under negotiation or implementation: the date is the work's, not the signing's
        told = (self._own_signing(parse, paper.head),) if gov is not None and gov.lemma in WORK_NOUNS else (
            self._own_signing(parse, paper.head), gov, noun)
        for frame in told:
            if frame is not None and (frame.mood != "asserted" or frame.negated):
                return None, period  # "could sign a deal next year": not signed yet
            when = frame.when if frame is not None else None
            if when is None or (frame is not noun and frame is not None
                                and frame.lemma not in SIGN_VERBS | SIGN_NOUNS and frame.light is None):
                continue
            if frame is not None and frame.when_prep in ("since", "until", "till", "through", "from", "by"):
                continue  # "in effect since 2020", "valid until 2030": not when it was signed
            if frame is noun and not self._dates_signing(parse, paper.head, when):
                continue
            h = parse.mention_head(when)
            if h is not None and parse.head(h) != paper.head and self._is_paper(parse, parse.head(h)):
                continue  # "the 2018 X Declaration and Y Joint Statement": the year of the other paper
            a = when.attrs or {}
            value = a.get("value")
            term = len(str(a.get("start") or "")) == 4 and a.get("end") and a["start"] != a["end"]  # "for 2024-2026"
            if value and not str(value).startswith("--") and not term:
                return str(value), period
        return None, period
