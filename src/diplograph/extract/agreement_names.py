"""Which agreements a sentence names: their words, names, short forms and kinds (the first half of reading
agreements; :mod:`diplograph.extract.agreements` gives them parties and dates).

A paper is a noun phrase headed by an agreement word (:data:`~diplograph.extract.agreement_terms.HEADS`) or a
short form. Its **name** is the capitalised name around the head ("the 1995 Dayton Accords" -> "Dayton
Accords", dated 1995), a bracketed short form when it is the name's own ("the Comprehensive Economic Partnership
Agreement (CEPA)", not "the Conference of the Parties to the Framework Convention (COP27)"), else a short
description without praise ("the strongest agreement" -> "agreement"). What is no paper between states is left
out here: a heading's capitals ("Amends X Disaster Declaration"), agencies and laws whose letters end like a
trade pact ("the EPA", "NEPA", "IEEPA") unless the text makes them one ("the Japan-EU EPA"), procedures
("the Migrant Protection Protocols"), a gathering ("at the Republican Convention"), a paper inside the title of
a report, consensus ("the fundamental agreement between our nations"), contracts at home ("project labor
agreements") and plurals that only point back ("these agreements"). A holiday ("Armistice Day") is no truce.
"""

from __future__ import annotations

from diplograph.extract.agreement_terms import (
    ACRONYMS,
    CONNECTORS,
    CONSENSUS,
    CONTRACT,
    DOMESTIC,
    EVALUATIVE,
    GENERIC,
    HEADS,
    INTERNATIONAL,
    KIND_SHORT,
    LEFT_STOP,
    REFERRING,
    SIGN_NOUNS,
    SIGN_VERBS,
    TRADE_SUFFIXES,
    TREATY_PLACES,
    WORK_NOUNS,
    Paper,
    head_word,
    is_cap,
    is_heading,
    other_acronyms,
    text_of,
    title_index,
)
from diplograph.extract.base import compound_countries, named_countries
from diplograph.extract.frames import DocParses, Parse
from diplograph.model import AnalyzedDocument

CLAUSES = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp"})


class PaperReader:
    """Finds the papers of one document's sentences; keeps what the document says once (its short forms, its
    headline, the countries it names)."""

    def __init__(self, doc: AnalyzedDocument, parses: DocParses) -> None:
        self.doc = doc
        self.parses = parses
        self.short_forms: dict[str, tuple[str, str]] = dict(ACRONYMS)  # grows with "(CEPA)" seen in the text
        self.title_index = title_index(doc)
        self.named = named_countries(doc)
        self.other_acronyms = other_acronyms(doc)
        self._abroad_memo: bool | None = None

    def papers(self, parse: Parse) -> list[Paper]:
        out: list[Paper] = []
        tokens = parse.tokens
        headline = parse.sentence.index == self.title_index or is_heading(parse, self.doc.document.title)
        for t in tokens:
            if any(p.start <= t.i < p.end for p in out if p.named):
                continue  # inside a name read already ("Framework for an Agreement on ...")
            short = t.text if t.text in self.short_forms or t.text.rstrip("s") in self.short_forms else None
            if short is None and self._trade_form(parse, t.i):
                short = t.text  # "the India-UAE CEPA", "signed the AANZFTA"
            if short:
                paper = self._short_form(parse, t.i, short.rstrip("s") if short not in self.short_forms else short)
            else:
                word = head_word(t.text) if t.pos in ("NOUN", "PROPN") else None
                paper = self._paper(parse, t.i, word, headline) if word else None
            if paper is not None and not (parse.dep(t.i) == "compound" and head_word(tokens[t.head].text)):
                out.append(paper)  # "framework" in "a framework agreement" is a modifier of the paper
        return out

    def _trade_form(self, parse: Parse, k: int) -> bool:
        """A short form of a trade pact by its ending ("CEPA", "IJEPA", "AANZFTA") where the text makes it one:
        countries in its own phrase ("the Japan-EU EPA"), or a signing, ratifying or implementing of it in a
        sentence that names a country. The same letters name agencies and laws at home ("the EPA", "NEPA",
        "IEEPA"), which the text often spells out as such."""
        text = parse.tokens[k].text
        if not (text.isupper() and text.endswith(TRADE_SUFFIXES)) or text in KIND_SHORT or text in self.other_acronyms:
            return False
        left = [i for c in parse.kids(k, "compound", "amod", "nmod") if c < k for i in parse.subtree(c)]
        if any(m.kind == "country" for i in left for m in parse.mentions_at[i]) or len(compound_countries(
                " ".join(parse.tokens[i].text for i in range(min(left + [k]), k)))) >= 2:
            return True
        if parse.dep(k) in ("nsubj", "poss", "compound") or not any(
                m.kind == "country" for m in parse.sentence.mentions):
            return False
        return any(parse.lemma(i) in SIGN_VERBS | SIGN_NOUNS | WORK_NOUNS for i in list(parse.ancestors(k))[:4])

    def _short_form(self, parse: Parse, k: int, short: str) -> Paper | None:
        h = parse.head(k)
        if parse.dep(k) == "compound" and is_cap(parse.tokens[h].text) and head_word(parse.tokens[h].text) is None:
            return None  # "the AfCFTA Secretariat": a body
        if (0 < k < len(parse.tokens) - 2 and parse.tokens[k - 1].text == "(" and parse.tokens[k + 1].text == ")"
                and is_cap(parse.tokens[k + 2].text) and head_word(parse.tokens[k + 2].text) is None
                and parse.tokens[k + 2].pos in ("PROPN", "NOUN")):
            return None  # "the African Continental Free Trade Area (AfCFTA) Secretariat": a body's name
        long, kind = self.short_forms.get(short, ("", "FTA"))
        mods = [i for c in parse.kids(k, "compound", "amod", "nmod") if c < k for i in parse.subtree(c)]
        return Paper(k, min(mods + [k]), k + 1, short, kind, True, long_name=long or None)

    def _paper(self, parse: Parse, k: int, word: str, headline: bool) -> Paper | None:
        tokens = parse.tokens
        if tokens[k].text.isupper() and len(tokens[k].text) > 2 and word not in ("mou", "fta") and not headline:
            return None  # an acronym spelled like the word: "the PACT Act"
        if not self._valid_head(parse, k, word) or any(m.kind == "date" for m in parse.mentions_at[k]) or any(
                m.kind == "person" and len(m.text.split()) > 1 and m.end == tokens[k].end and not word.endswith("s")
                and tokens[k].text.lower() == word for m in parse.mentions_at[k]):
            return None  # (a holiday: "Armistice Day"; a person: "Richard Charter")
        plural = tokens[k].text.lower().rstrip("'’") != word and not tokens[k].text.lower().endswith("accords")
        shouting = tokens[k].text.isupper() and len(tokens[k].text) > 4  # "FINAL COMMUNIQUE"
        capitalised = is_cap(tokens[k].text) and not headline and not shouting and (k > 0 or is_cap(tokens[k + 1].text)
                                                                     if k + 1 < len(tokens) else k > 0)
        if capitalised:
            paper = self._named(parse, k, word, plural)
            if paper is not None:
                return paper
        if self._not_a_paper(parse, k):
            return None
        words = self._phrase(parse, k)
        start, end = words[0], words[-1] + 1
        name = text_of(parse, words).strip(" ,'’\"“”")
        paper = Paper(k, start, end, name, self._kind(parse, k, word, name), False, plural=plural)
        paper.count = plural and bool(parse.kids(k, "nummod"))
        return paper

    def _not_a_paper(self, parse: Parse, k: int) -> bool:
        """A lower-case agreement word that names no paper between states: consensus ("the fundamental agreement
        between our nations", "in agreement", "agreement that ..."), a contract at home ("a project labor
        agreement"), or a plural that only points back ("these agreements", "relevant agreements")."""
        word = head_word(parse.tokens[k].text)
        mods = {parse.lemma(c) for c in parse.kids(k, "amod", "compound", "nmod")}
        if mods & CONTRACT:
            return True
        if word == "agreement" and parse.tokens[k].tag in ("NN", "NNP"):
            if mods & CONSENSUS or parse.lemma(parse.head(k)) == "in" and parse.dep(k) == "pobj" and not \
                    parse.kids(k, "det", "poss"):
                return True  # "are in agreement on"
            if any(parse.lemma(m) == "that" for c in parse.kids(k, "acl", "ccomp") for m in parse.kids(c, "mark")):
                return True  # "agreement that the war must end"
            h = parse.head(k)
            if parse.dep(k) in ("attr", "nsubj") and any(parse.dep(c) == "expl" for c in parse.kids(h)) and not \
                    parse.kids(k, "det"):
                return True  # "there is agreement on the goals"
        plural = parse.tokens[k].tag in ("NNS", "NNPS")
        refs = {parse.lemma(c) for c in parse.kids(k, "det", "amod", "predet")}
        topic = [p for p in parse.kids(k, "prep") if parse.lemma(p) in ("on", "of", "for", "concerning", "regarding")]
        bare = not topic and not (mods - REFERRING - EVALUATIVE)
        return plural and bool(refs & REFERRING) and bare

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
        if word == "plan":  # "an action plan"; "a cooperation plan for the next five years" signed by two sides
            return "action" in mods or "action" in of or "cooperation" in mods and any(
                parse.lemma(a) in ("sign", "ink", "adopt") for a in list(parse.ancestors(k))[:2])
        if word == "document":
            return "vision" in mods
        if word == "exchange":
            return "note" in of or "notes" in of
        if word == "framework":
            return is_cap(parse.tokens[k].text) or bool(parse.kids(k, "prep")) or bool(mods & INTERNATIONAL)
        if word == "protocol" and not is_cap(parse.tokens[k].text):
            return False  # "diplomatic protocol"
        if word == "protocol" and parse.tokens[k].text.lower().endswith("s") and not (
                {"to", "of", "on"} & {parse.lemma(p) for p in parse.kids(k, "prep")} or "additional" in mods):
            return False  # "the Migrant Protection Protocols", "Orderly Processes and Protocols": procedures
        if word == "convention" and parse.dep(k) == "pobj" and parse.lemma(parse.head(k)) in ("at", "during"):
            return False  # "at the 2024 Republican Convention": a gathering
        return True

    def _named(self, parse: Parse, k: int, word: str, plural: bool) -> Paper | None:
        """A capitalised name around head ``k``; None when the words are part of another name."""
        tokens = parse.tokens
        h = parse.head(k)
        if h != k and parse.dep(k) == "compound" and is_cap(tokens[h].text) and head_word(tokens[h].text) is None:
            return None  # "Treaty Room", "North Atlantic Treaty Organization"
        if (parse.dep(k) == "pobj" and parse.lemma(h) in ("of", "on") and is_cap(tokens[parse.head(h)].text)
                and head_word(tokens[parse.head(h)].text) is None and parse.head(h) < k
                and (parse.lemma(h) == "of" or not parse.mentions_at[parse.head(h)])):
            return None  # "Government of National Accord", "the Report on the Legal and Policy Frameworks ..."
        gov = parse.head(k)
        if tokens[gov].pos == "VERB" and is_cap(tokens[gov].text) and gov > 0:
            return None  # inside the title of an order or act: "(Implementing the Reciprocal Trade Agreements)"
        left, year = self._extend_left(parse, k)
        right, short = self._extend_right(parse, k)
        words = [tokens[i].text for i in range(left, right + 1)]
        if short and short not in self.short_forms and not self._abbreviates(parse, short, left, words):
            short = None  # "the 27th Conference of the Parties to the Framework Convention (COP27)": not its name
        name = text_of(parse, range(left, right + 1)).strip(" ,'’\"“”")
        low_words = {w.lower().strip("'’\"“”,") for w in words}
        if low_words & DOMESTIC:
            return None
        if all(w in GENERIC | EVALUATIVE or head_word(w) or not w.isalnum() for w in low_words):
            return None  # "the Agreement", "Joint Statement", "Great Charter": a lower-case paper (it needs parties)
        kind = self._kind(parse, k, word, name)
        if short:
            self.short_forms.setdefault(short, (name, kind))
            return Paper(k, left, right + 1, short, kind, True, long_name=name, year=year, plural=plural)
        return Paper(k, left, right + 1, name, kind, True, year=year, plural=plural)

    @staticmethod
    def _abbreviates(parse: Parse, short: str, left: int, words: list[str]) -> bool:
        """Is the bracketed ``short`` this name's short form, not that of a longer phrase around it? Its first
        letter starts the name ("the Comprehensive Economic Partnership Agreement (CEPA)"), or, where the name
        read is only the end of a list ("the Australia, New Zealand, and United States Security Treaty (ANZUS)"),
        the words before it; not "the Conference of the Parties to the Framework Convention (COP27)"."""
        tokens = parse.tokens
        initials = [w[0].lower() for w in words[:2] if w]
        if short[0].lower() in initials:
            return True
        j = left - 1
        while j >= 0 and tokens[j].text.lower() == "the":
            j -= 1
        if j < 0 or tokens[j].text.lower() in ("to", "of", "on", "for", "under", "in"):
            return False
        before = [t.text for t in tokens[max(0, left - 6):left] if t.text.isalpha()][-4:]
        return short[0].lower() in [w[0].lower() for w in before]

    def _extend_left(self, parse: Parse, k: int) -> tuple[int, str | None]:
        tokens = parse.tokens
        left, j, year = k, k - 1, None
        while j >= 0:
            text = tokens[j].text
            if text in ("'", "’") and j > 0 and is_cap(tokens[j - 1].text) and tokens[j - 1].text.endswith("s"):
                j -= 1  # "the G7 Leaders' Communique"
                continue
            place = any(m.kind in ("place", "country") and m.end > tokens[j].end for m in parse.mentions_at[j])
            if (text.lower() in LEFT_STOP and not (is_cap(text) and place)) or text.endswith(("'s", "’s")) or \
                    text in ("'s", "’s"):
                break  # (not the "New" of "the New York Declaration")
            if text.isdigit() and len(text) == 4 and text[:2] in ("18", "19", "20"):
                year = text  # "the 1995 Dayton Accords": the year the paper dates from
                break
            if any(m.kind == "date" for m in parse.mentions_at[j]):
                break
            if is_cap(text) and tokens[j].pos != "NUM":
                left = j
            elif text in ("-", "–", "and", "&") and j > 0 and is_cap(tokens[j - 1].text) and not tokens[j - 1].text.isdigit():
                if text in ("and", "&") and head_word(tokens[j - 1].text):
                    break  # "the Panmunjom Declaration and Singapore Joint Statement": two papers
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
                if text == "and" and j + 1 < n and tokens[j + 1].text.lower() in ("the", "a", "an", "its", "their"):
                    break  # "the Joint Statement on X and the Y Process": a second name
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
                if lemma in EVALUATIVE or parse.tokens[c].tag in ("JJS", "JJR") or lemma in REFERRING:
                    continue  # praise is no part of the name: "the strongest agreement", "a landmark deal"
                keep.extend(parse.subtree(c, stop=CLAUSES))
            elif dep == "prep" and lemma in ("for", "to") and any(
                    parse.lemma(o) in SIGN_NOUNS | {"signature"} for o in parse.kids(c, "pobj")):
                continue  # "finalize the Agreements for signature": what is to be done with it
            elif dep == "prep" and lemma in ("on", "of", "for", "to", "in", "concerning", "regarding", "covering"):
                if lemma == "in" and any(m.kind in ("place", "country", "date") for o in parse.kids(c, "pobj")
                                         for m in parse.mentions_at[o]):
                    continue  # "signed an agreement in Kuala Lumpur": where, not what
                keep.extend(parse.subtree(c, stop=CLAUSES))
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
        kept = (set(keep) - dated) | {k}  # the head stays even where a date covers it
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
        if word in ("convention", "treaty"):
            return "treaty"  # "the Framework Convention on Climate Change"
        if "framework" in mods or "framework" in low.split()[:3] and word == "agreement":
            return "framework"
        if word in ("agreement", "accord") and is_cap(parse.tokens[k].text) and low.split()[0] in TREATY_PLACES:
            return "treaty"
        return HEADS[word]
