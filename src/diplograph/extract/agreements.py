"""Agreements: treaties, trade agreements, memoranda, accords, joint statements, frameworks, read from the parse.

An agreement is a noun phrase headed by an agreement word (:data:`HEADS`: agreement, pact, deal, treaty, MoU,
accord, exchange of notes, joint statement / declaration / communique, protocol, convention, charter, roadmap,
action plan, framework, vision document, letter of intent, ceasefire, truce) or a short form (:data:`ACRONYMS`,
and "(CEPA)" given in the text). Its **name** is the capitalised name around the head ("the 1995 Dayton
Accords" -> "Dayton Accords", dated 1995), a short form when given, else a short description ("agreement to
jointly combat insecurity"); "agreements on X and on Y" are one paper per topic. Its **kind** comes from the
head and its modifiers. Its **parties** come from the frame: "between A and B" (on the noun, in its topic or on
its verb); a dash compound or demonyms in the phrase ("the India-UAE CEPA", "the EU-Mercosur deal"); the agents
of the verb or noun that signs, reaches, adopts, negotiates or implements it, in any voice ("A and B signed",
"was signed by A and B", "the treaty A and B signed", "witnessed the signing of", "reviewed the implementation
of"), people and officials standing for their countries (a surname for the fuller name the text gave), "the two
leaders" / "the prime ministers" for the two countries just named; "with B" adds a counterpart (plural papers
give one fact per counterpart; no subject and no other actor named: the document's country). Failing those,
what the sentence implies: the founders of a body "founded under" a treaty, whoever speaks "in a joint
statement", the papers of the sentence before for "They included ...", the pair of "the two countries" for a
named bilateral paper, and the pair the text is about for a paper told as signed without its signers ("a
package of documents was signed"). **signed** is the date the parse attaches to the signing verb or the noun,
none for a paper still planned.

A capitalised or short-form name is a fact by itself; a lower-case paper only with its parties and when not
denied (planned ones count; a ceasefire only when agreed or reached). A counted set ("signed eight pacts") is a
statistic, unless the sentence names one of them ("including one on X"). Mentions of one paper in a document
are merged (a bare "the deal" joins the named paper).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from diplograph import resolve
from diplograph.extract.actors import actor_ids, is_country
from diplograph.extract.agreement_terms import (
    ACRONYMS,
    AGENTLESS,
    CONNECTORS,
    DOMESTIC,
    EXTRACTOR,
    FOUNDING,
    GENERIC,
    HEADS,
    INTERNATIONAL,
    KIND_SHORT,
    LEFT_STOP,
    LOOSE,
    MULTILATERAL,
    NEGATING,
    SETS,
    SET_PRONOUNS,
    SIGNING,
    SIGN_NOUNS,
    SIGN_VERBS,
    TRADE_SUFFIXES,
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
    title_index,
    title_statement,
)
from diplograph.extract.base import (
    compound_countries,
    document_focus,
    is_country_id,
    make_fact,
    named_countries,
    principal_pair,
)
from diplograph.extract.frames import Arg, DocParses, Frame, Parse
from diplograph.model import AnalyzedDocument, Fact, Mention, Sentence

_CLAUSES = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp"})


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



class _Reader:
    """Reads the agreements of one document, sentence by sentence."""

    def __init__(self, doc: AnalyzedDocument, parses: DocParses) -> None:
        self.doc = doc
        self.parses = parses
        self.short_forms: dict[str, tuple[str, str]] = dict(ACRONYMS)  # grows with "(CEPA)" seen in the text
        self.title_index = title_index(doc)
        self.named = named_countries(doc)

    def papers(self, parse: Parse) -> list[Paper]:
        out: list[Paper] = []
        tokens = parse.tokens
        alpha = [t.text for t in tokens if t.text.isalpha() and len(t.text) > 1]
        headline = parse.sentence.index == self.title_index or (
            len(alpha) > 2 and sum(w.isupper() for w in alpha) > 0.6 * len(alpha))
        for t in tokens:
            if any(p.start <= t.i < p.end for p in out if p.named):
                continue  # inside a name read already ("Framework for an Agreement on ...")
            if (t.text.isupper() and t.text.endswith(TRADE_SUFFIXES) and t.text not in self.short_forms
                    and t.text not in KIND_SHORT):
                self.short_forms[t.text] = ("", "FTA")  # "the India-UAE CEPA", "the AANZFTA"
            short = t.text if t.text in self.short_forms or t.text.rstrip("s") in self.short_forms else None
            if short:
                paper = self._short_form(parse, t.i, short.rstrip("s") if short not in self.short_forms else short)
            else:
                word = head_word(t.text) if t.pos in ("NOUN", "PROPN") else None
                paper = self._paper(parse, t.i, word, headline) if word else None
            if paper is not None and not (parse.dep(t.i) == "compound" and head_word(tokens[t.head].text)):
                out.append(paper)  # "framework" in "a framework agreement" is a modifier of the paper
        return out

    def _short_form(self, parse: Parse, k: int, short: str) -> Paper | None:
        h = parse.head(k)
        if parse.dep(k) == "compound" and is_cap(parse.tokens[h].text) and head_word(parse.tokens[h].text) is None:
            return None  # "the AfCFTA Secretariat": a body
        long, kind = self.short_forms[short]
        mods = [i for c in parse.kids(k, "compound", "amod", "nmod") if c < k for i in parse.subtree(c)]
        return Paper(k, min(mods + [k]), k + 1, short, kind, True, long_name=long or None)

    def _paper(self, parse: Parse, k: int, word: str, headline: bool) -> Paper | None:
        tokens = parse.tokens
        if not self._valid_head(parse, k, word):
            return None
        plural = tokens[k].text.lower().rstrip("'’") != word and not tokens[k].text.lower().endswith("accords")
        shouting = tokens[k].text.isupper() and len(tokens[k].text) > 4  # "FINAL COMMUNIQUE"
        capitalised = is_cap(tokens[k].text) and not headline and not shouting and (k > 0 or is_cap(tokens[k + 1].text)
                                                                     if k + 1 < len(tokens) else k > 0)
        if capitalised:
            paper = self._named(parse, k, word, plural)
            if paper is not None:
                return paper
        words = self._phrase(parse, k)
        start, end = words[0], words[-1] + 1
        name = text_of(parse, words).strip(" ,'’\"“”")
        paper = Paper(k, start, end, name, self._kind(parse, k, word, name), False, plural=plural)
        paper.count = plural and bool(parse.kids(k, "nummod"))
        return paper

    def _is_paper(self, parse: Parse, k: int) -> bool:
        word = head_word(parse.tokens[k].text)
        return bool(word) and self._valid_head(parse, k, str(word))

    def _valid_head(self, parse: Parse, k: int, word: str) -> bool:
        """Is this word an agreement here? ("memorandum of understanding", "joint statement", "action plan")."""
        lemmas = {parse.lemma(c) for c in parse.kids(k)}
        of = [parse.lemma(o) for p in parse.kids(k, "prep") if parse.lemma(p) == "of" for o in parse.kids(p, "pobj")]
        mods = {parse.lemma(c) for c in parse.kids(k, "amod", "compound")}
        if word == "memorandum":  # a "Presidential Memorandum" is an order; a memorandum between states is an MoU
            return bool({"understanding", "cooperation", "agreement", "intent"} & set(of)) or not (
                is_cap(parse.tokens[k].text) or mods & DOMESTIC)
        if word == "statement":  # "a joint statement", "the Joint Vision Statement", "the Vietnam-Australia Vision Statement"
            left = [i for c in parse.kids(k, "amod", "compound") for i in parse.subtree(c)]
            return "joint" in lemmas or any(parse.lemma(i) in ("joint", "vision") for i in left)
        if word == "letter":
            return "intent" in of
        if word == "declaration":
            return "joint" in mods or is_cap(parse.tokens[k].text) or "peace" in mods
        if word == "plan":
            return "action" in mods or "action" in of
        if word == "document":
            return "vision" in mods
        if word == "exchange":
            return "note" in of or "notes" in of
        if word == "framework":
            return is_cap(parse.tokens[k].text) or bool(parse.kids(k, "prep")) or bool(mods & INTERNATIONAL)
        if word == "protocol" and not is_cap(parse.tokens[k].text):
            return False  # "diplomatic protocol"
        return True

    def _named(self, parse: Parse, k: int, word: str, plural: bool) -> Paper | None:
        """A capitalised name around head ``k``; None when the words are part of another name."""
        tokens = parse.tokens
        h = parse.head(k)
        if h != k and parse.dep(k) == "compound" and is_cap(tokens[h].text) and head_word(tokens[h].text) is None:
            return None  # "Treaty Room", "North Atlantic Treaty Organization"
        if (parse.dep(k) == "pobj" and parse.lemma(h) == "of" and is_cap(tokens[parse.head(h)].text)
                and head_word(tokens[parse.head(h)].text) is None and parse.head(h) < k):
            return None  # "Government of National Accord"
        gov = parse.head(k)
        if tokens[gov].pos == "VERB" and is_cap(tokens[gov].text) and gov > 0:
            return None  # inside the title of an order or act: "(Implementing the Reciprocal Trade Agreements)"
        left, year = self._extend_left(parse, k)
        right, short = self._extend_right(parse, k)
        words = [tokens[i].text for i in range(left, right + 1)]
        name = text_of(parse, range(left, right + 1)).strip(" ,'’\"“”")
        low_words = {w.lower().strip("'’\"“”,") for w in words}
        if low_words & DOMESTIC:
            return None
        if all(w in GENERIC or head_word(w) or not w.isalnum() for w in low_words):
            return None  # "the Agreement", "Joint Statement": read as a lower-case paper (it needs parties)
        kind = self._kind(parse, k, word, name)
        if short:
            self.short_forms.setdefault(short, (name, kind))
            return Paper(k, left, right + 1, short, kind, True, long_name=name, year=year, plural=plural)
        return Paper(k, left, right + 1, name, kind, True, year=year, plural=plural)

    def _extend_left(self, parse: Parse, k: int) -> tuple[int, str | None]:
        tokens = parse.tokens
        left, j, year = k, k - 1, None
        while j >= 0:
            text = tokens[j].text
            if text in ("'", "’") and j > 0 and is_cap(tokens[j - 1].text) and tokens[j - 1].text.endswith("s"):
                j -= 1  # "the G7 Leaders' Communique"
                continue
            if text.lower() in LEFT_STOP or text.endswith(("'s", "’s")) or text in ("'s", "’s"):
                break
            if text.isdigit() and len(text) == 4 and text[:2] in ("18", "19", "20"):
                year = text  # "the 1995 Dayton Accords": the year the paper dates from
                break
            if any(m.kind == "date" for m in parse.mentions_at[j]):
                break
            if is_cap(text) and tokens[j].pos != "NUM":
                left = j
            elif text in ("-", "–", "and", "&") and j > 0 and is_cap(tokens[j - 1].text) and not tokens[j - 1].text.isdigit():
                pass
            else:
                break
            j -= 1
        return left, year

    def _extend_right(self, parse: Parse, k: int) -> tuple[int, str | None]:
        """Index of the name's last token, and a bracketed short form right after it."""
        tokens = parse.tokens
        n = len(tokens)
        right, j, complement = k, k + 1, False
        while j < n:
            text = tokens[j].text
            if text == "(" and j + 2 < n and tokens[j + 2].text == ")":
                cand = tokens[j + 1].text
                if sum(c.isupper() for c in cand) >= 2 and cand.upper() not in KIND_SHORT:
                    return j - 1, cand
                return (j + 2 if cand.upper() in KIND_SHORT else right), None
            if text.endswith(("'s", "’s")):
                break
            if (is_cap(text) or text in ("-", "&")) and not any(m.kind == "date" for m in parse.mentions_at[j]):
                right, j = j, j + 1
                continue
            # "... on Cooperation in the Field of Energy": "in" goes on inside a complement, not before a place
            field = text.lower() == "in" and complement
            if text.lower() in CONNECTORS or text == "," or field:
                if text in ("and", ",") and not complement:
                    break
                m = j + 1 if field else j
                while m < n and (tokens[m].text.lower() in CONNECTORS or tokens[m].text == ","):
                    m += 1
                nxt = tokens[m].text if m < n else ""
                if not is_cap(nxt) or nxt.isdigit() or any(x.kind == "date" for x in parse.mentions_at[m]):
                    break
                if field and any(x.kind in ("place", "country", "body", "person") for x in parse.mentions_at[m]):
                    break
                if tokens[j].text == "," and not any(tokens[x].text in ("and", "or") for x in range(j, min(n, m + 5))):
                    break  # after a comma the name goes on only as a list: "Reciprocal, Fair, and Balanced Trade"
                complement = complement or text.lower() in ("of", "on", "for", "to")
                right, j = m, m + 1
                continue
            break
        return right, None

    def _phrase(self, parse: Parse, k: int) -> list[int]:
        """The descriptive phrase of a lower-case agreement: its modifiers and topic, not its parties or clauses."""
        keep: list[int] = [k]
        for c in parse.kids(k):
            dep, lemma = parse.dep(c), parse.lemma(c)
            if dep in ("amod", "compound", "nmod") and c < k and not any(
                    m.kind in ("country", "body", "person", "pair") for m in parse.mentions_at[c]):
                keep.extend(parse.subtree(c, stop=_CLAUSES))
            elif dep == "prep" and lemma in ("on", "of", "for", "to", "in", "concerning", "regarding", "covering"):
                if lemma == "in" and any(m.kind in ("place", "country", "date") for o in parse.kids(c, "pobj")
                                         for m in parse.mentions_at[o]):
                    continue  # "signed an agreement in Kuala Lumpur": where, not what
                keep.extend(parse.subtree(c, stop=_CLAUSES))
            elif dep in ("acl",) and (parse.tokens[c].tag in ("VB", "VBG") or parse.kids(c, "aux")):
                keep.extend(parse.subtree(c, stop=frozenset({"relcl", "advcl", "conj", "parataxis"})))
        h = parse.head(k)
        if parse.dep(k) == "dobj" and parse.lemma(h) in SIGN_VERBS:
            # "signed an MoU to deepen cooperation": the parse hangs the paper's purpose on the verb
            for c in parse.kids(h, "xcomp", "advcl"):
                if c > k and parse.kids(c, "aux") and parse.tokens[c].tag == "VB":
                    keep.extend(parse.subtree(c, stop=frozenset({"relcl", "advcl", "conj", "parataxis"})))
                    keep.extend(range(k + 1, c))
        parties = {j for i in keep if parse.dep(i) == "prep" and parse.lemma(i) in ("with", "between", "among", "by")
                   for j in parse.subtree(i, stop=frozenset())}
        # "an agreement on X and several other documents on Y": the next paper is not part of this one's topic
        parties |= {j for i in keep if i > k and parse.dep(i) == "conj" and head_word(parse.tokens[i].text)
                    for j in parse.subtree(i, stop=frozenset())}
        keep = [i for i in keep if i not in parties]
        dated = {i for i in keep if any(m.kind == "date" for m in parse.mentions_at[i])}
        dated |= {i for i in keep if parse.dep(i) == "prep" and parse.kids(i, "pobj")
                  and all(o in dated for o in parse.kids(i, "pobj"))}
        kept = set(keep) - dated
        start = min(kept)
        # a bracketed short form inside ("a Memorandum of Understanding (MOU) on minerals") is skipped over
        brackets = {i for i in kept for o in parse.kids(i, "appos") if o in kept and parse.tokens[o - 1].text == "("
                    for i in (o - 1, o, o + 1)}
        words = [i for i in range(start, k + 1) if i in kept]
        for i in range(k + 1, len(parse.tokens)):  # a contiguous run, at most 20 words
            if i in brackets:
                continue
            if i not in kept or i - start >= 20 or parse.tokens[i].text in (";", "(", "—") or (
                    parse.tokens[i].text == "," and i + 1 not in kept):
                break
            words.append(i)
        while len(words) > 1 and words[-1] > k and (parse.lemma(words[-1]) in CONNECTORS
                                                   or parse.tokens[words[-1]].text in ("-", "–", ",")):
            words.pop()
        return words

    def _kind(self, parse: Parse, k: int, word: str, name: str) -> str:
        low = name.lower()
        mods = {parse.lemma(c) for c in parse.kids(k, "amod", "compound")}
        if "free trade" in low or "economic partnership agreement" in low or "comprehensive economic" in low \
                or "trade agreement" in low and "bilateral" not in low or low.endswith("fta"):
            return "FTA"
        if word in ("statement", "communique") or "joint" in mods and word == "declaration":
            return "joint_statement"
        if word in ("memorandum", "mou"):
            return "MoU"
        if "framework" in mods or "framework" in low.split()[:3] and word == "agreement":
            return "framework"
        if word in ("agreement", "accord") and is_cap(parse.tokens[k].text) and low.split()[0] in TREATY_PLACES:
            return "treaty"
        return HEADS[word]

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
                if not ids and is_actor_noun(parse.lemma(a.head)) and parse.tokens[a.head].tag in ("NNS", "NNPS"):
                    ids = self.recent_pair(parse.sentence)
            out.extend(ids)
        return list(dict.fromkeys(out))

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
                    out.extend(ids)
                continue
            ids = [str(m.id)] if body is not None and body.kind == "party" else actor_ids(self.doc, [m])
            out.extend(ids or (self._namesake_country(m) if m.kind == "person" else []))
        return list(dict.fromkeys(out))

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
            if tokens[g].pos in ("VERB", "AUX") and parse.lemma(g) in SIGN_VERBS:
                return parse.frame(g)  # "agreed to a framework", "entered into an agreement"
            if parse.lemma(h) == "of" and parse.lemma(g) in SIGN_NOUNS | WORK_NOUNS or \
                    parse.lemma(h) in ("on", "for") and parse.lemma(g) in WORK_NOUNS:
                return parse.frame(g)  # "the signing of the treaty", "concluded negotiations for an FTA"
        return own

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
        agents = self.signers(parse, gov) if signs and gov is not None else []
        if gov is not None and gov.lemma in WORK_NOUNS:
            agents = self.signers(parse, gov)  # "the two sides reviewed the implementation of": both, or nobody
            agents = agents if len(agents) >= 2 else []
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
            # "a package of documents was signed", "a truce agreed on Wednesday": the pair the text is about
            return told or frozenset(self.recent_pair(parse.sentence)) or None
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
        if len(ids) == 1 and any(not actor_ids(self.doc, [m]) for m in people):
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
                for i in parse.subtree(c, stop=_CLAUSES | {"prep"})]
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
            if paper.named and not sets and self._domestic(paper):
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

    def _domestic(self, paper: Paper) -> bool:
        words = {w.lower().strip(",") for w in (paper.long_name or paper.name).split()}
        head = head_word(paper.name.split()[-1]) if paper.name.split() else None
        loose = head in LOOSE and not any(head_word(w) in HEADS and head_word(w) not in LOOSE for w in words)
        return loose and paper.name not in self.short_forms and not words & INTERNATIONAL

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
            a = when.attrs or {}
            value = a.get("value")
            term = len(str(a.get("start") or "")) == 4 and a.get("end") and a["start"] != a["end"]  # "for 2024-2026"
            if value and not str(value).startswith("--") and not term:
                return str(value), period
        return None, period
