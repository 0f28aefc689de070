"""People: titles split off names, and the per-document people registry.

Two halves. :func:`person_spans` works on spaCy sentences (after the ruler and
the NER): it finds person names (NER PERSON spans, and capitalised words right
after an office title, which catches "General Secretary To Lam" that the NER
misses) and the title phrase around each ("his Russian counterpart Sergei
Lavrov", "President of the Cambodian People's Party cum Prime Minister Hun Sen",
"Mark Sinclair, Acting Deputy Secretary ... at New Zealand's Ministry of Foreign
Affairs and Trade", "Prime Minister Modi of India").

:class:`PeopleRegistry` is plain Python: it clusters the names a document uses
("Bui Thanh Son", "Son", "Mr. Son") and gives each its fullest form.
"""

from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from diplograph import resolve
from diplograph.model import Person
from diplograph.nlp.ruler import title_words

# Words that join the parts of a title phrase on the left of a name.
_LEFT_JOINERS = {"of", "the", "for", "cum", "'s", "’s", "-", "to", "on", "&", "(", ")"}
# ... and on the right, in an apposition ("X, Deputy Secretary for Asia at Y's Ministry").
_RIGHT_JOINERS = _LEFT_JOINERS | {"at", "and", "in"}
# Capitalised words that end a name run after a title: "President Biden Administration".
_NOT_NAME = {"Administration", "Government", "Office", "Ministry", "Department", "Cabinet", "Council",
             "Committee", "Party", "Summit", "State", "States", "Republic", "Kingdom", "Assembly", "Congress",
             "The", "A", "An", "And", "Of", "In", "On", "At", "For", "With", "By", "From", "As", "Is",
             "I", "We", "You", "He", "She", "It", "They", "This", "That", "Thank", "Thanks", "Mr", "Mrs",
             "Ms", "Today", "Yesterday", "Tomorrow", "Also", "But", "So", "Well", "Yes", "No", "Okay", "OK",
             "Sir", "Madam", "Excellency", "Excellencies", "Jr", "Sr", "Q", "Press", "Forum", "Visit",
             "Meeting", "Talks", "Statement", "Remarks", "Readout", "Joint", "Fact", "Sheet", "Year",
             "Day", "Week", "Month", "Call", "Calls", "Phone", "Trip", "Participation", "Travel", "Announces",
             "Hosts", "Welcomes", "Signs", "Delivers", "Speaks", "Receives", "Meets", "Visits", "Holds",
             "Launches", "Leaders", "Leaders'", "Dialogue", "Conference", "Event", "Briefing",
             "Interview", "Message", "Letter", "Proclamation", "Order", "Memorandum", "Act", "Bill", "Law",
             "Officer", "Operating", "Executive", "Greeting", "Arrival", "Ceremony", "Dinner", "Luncheon"}
# Institutions and headline words the NER reads as names ("... International Airport", "X Secures Peace").
_INSTITUTION = {"Airport", "International", "University", "Hospital", "Stadium", "Centre", "Center", "Institute",
                "Bridge", "Hub", "Hubs", "Foundation", "Bank", "Fund", "Agency", "Corporation", "Company",
                "Initiative", "Programme", "Program", "Project", "Road", "Street", "Avenue", "Palace", "Hall",
                "Square", "Innovation", "Airlines", "Airways", "Port", "Highway", "Railway", "Corridor", "Zone",
                "Award", "Awards", "Prize", "Medal", "Trophy", "Fellowship", "Scholarship", "Society", "Policy",
                "Provisions", "Association", "Coalition", "Network", "Alliance", "League", "Union", "Chat",
                "Strategy", "Agenda", "Framework", "Partnership", "Plan", "Report", "Commission", "Authority",
                "People", "Peoples", "Court", "Tribunal", "Schedule", "Customs", "Service", "Services",
                "Protection", "Bureau", "Guard", "Corps", "Reserve", "Navy", "Army", "Marines", "Division", "Section",
                "Branch", "Unit", "County", "Parish", "Island", "Islands", "Bay", "College", "School",
                "Accords", "Accord", "Agreement", "Agreements", "Treaty", "Convention", "Protocol", "Declaration", "Secretariat", "Directorate", "Registry"}
_NOT_NAME |= _INSTITUTION | {"Question", "Questions", "Answer", "Moderator", "Participant", "Audience",
              "Reporter", "Journalist", "Interpreter", "Narrator", "Extraordinary", "Plenipotentiary", "Designate", "Emeritus", "Elect", "Applauding", "Announcing", "Marking", "Celebrating", "Honoring", "Honouring",
              "Commemorating", "Recognizing", "Welcoming", "Condemning", "Supporting", "Congratulating",
              "Urging", "Regarding", "Concerning", "Following", "Calling", "Launching", "Highlighting",
              "Peace", "Deal", "Secures", "Hails", "Praises", "Urges", "Says", "Warns",
              "Vows", "Backs", "Slams", "Rejects", "Agrees", "Pledges", "Discusses", "Concludes", "Opens", "Seeks",
              "Wins", "Names", "Appoints", "Congratulates", "Condemns", "Attends", "Addresses", "Chairs",
              "Travels", "Arrives", "Departs", "Returns", "Joins", "Marks", "Celebrates", "Reaffirms",
              "Reiterates", "Highlights", "Stresses", "Underscores", "Expresses", "Extends", "Renews",
              "Strengthens", "Boosts", "Deepens", "Expands", "Unveils", "Approves", "Ratifies", "Sees", "Eyes",
              # a company's or an office's last word ("General Motors", "Chief Technology Officer")
              "Motors", "Motor", "Systems", "Industries", "Technologies", "Technology", "Holdings", "Group",
              "Partners", "Capital", "Energy", "Foods", "Pharmaceuticals", "Labs", "Media", "Communications",
              "Networks", "Solutions", "Electric", "Petroleum", "Steel", "Dynamics", "Aerospace", "Consulate",
              "Embassy", "Federation", "Advisory", "Start", "Library", "Museum", "Memorial", "Center's"}
# Endings of words that name a trade, not a person ("Chief Economist", "Chief Technologist").
_TRADE_ENDINGS = ("ologist", "ology", "nomist", "entist", "logist", "ategist", "alyst", "ician")


def _shouting(word: str) -> str:
    """A word of an all-capitals line as it would be written in a sentence ("OF" -> "Of")."""
    return word.capitalize() if len(word) > 1 and word.isupper() else word


# Honorifics and ranks written before a name: never part of it ("Mr Pravind Kumar Jugnauth", "Lt. Gen. X").
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "madam", "mme", "h.e", "sheikh", "shaikh",
                        "col", "gen", "lt", "maj", "capt", "brig", "adm", "sgt", "cpl", "prof", "rev", "hon",
                        "amb", "excellency", "rt", "lieut", "cmdr", "cdr", "msgr", "sen", "rep",
                        "gov", "pres", "mgen", "bgen", "ltgen", "shri", "smt", "shrimati"})
# Surnames that CJK official styles write first but English copy keeps first too ("XI Jinping", "YOON Suk Yeol").
_SURNAME_FIRST_KEEP = frozenset({"xi", "li", "wang", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu",
                                 "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "han", "kim", "lee",
                                 "park", "choi", "jung", "chung", "kang", "cho", "yoon", "yun", "jang", "lim", "shin",
                                 "moon", "yoo", "ahn", "song", "hong", "jeon", "ko", "oh", "seo", "kwon", "hwang",
                                 "ban", "pak", "ri", "choe", "hun", "to", "pham", "nguyen", "tran", "le", "vo", "vu",
                                 "bui", "do", "dang", "ngo", "duong", "ly", "wong", "lai", "tsai", "ching"})
_ORG_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}
_PRONOUNS = {"He", "She", "We", "It", "I", "You", "They", "To", "An", "A", "On", "In", "At"}
_PARTICLES = {"da", "de", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "bin", "binti", "al",
              "el", "la", "le", "di", "du", "ibn", "ben", "bint", "y", "ter", "zu"}
_FUNCTION_TAGS = {"IN", "CC", "DT", "TO", "WDT", "WP", "PRP", "PRP$", "MD", "RB"}


@dataclass
class TitleSeg:
    """One title of a person as written, with the entity spans that name its org."""

    text: str
    orgs: list[Span] = field(default_factory=list)  # ruler/NER spans inside the title, left to right
    targets: list[Span] = field(default_factory=list)  # "Ambassador to Vietnam": not the org


@dataclass
class PersonSpan:
    start: int  # token offsets in the spaCy doc
    end: int
    titles: list[TitleSeg]
    title_start: int | None  # token where a title phrase on the left begins
    speaker: bool = False
    title_range: tuple[int, int] | None = None  # tokens of the title phrase, left or right of the name


def is_honorific(token: Token) -> bool:
    """ "Mr", "Dr.", "H.E.", "Lt.", "Sheikh": a form of address or rank, capitalised, before a name."""
    text = token.text
    if not text[:1].isupper():
        return False
    return text.rstrip(".").lower() in HONORIFICS


def _ent_at(token: Token, ents_by_token: dict[int, Span]) -> Span | None:
    return ents_by_token.get(token.i)


def _is_title_word(token: Token) -> bool:
    words = title_words()
    low = token.lower_
    return low in words.heads or low in words.modifiers or token.text in words.cap_heads


def _name_run(doc, start: int, limit: int, ents_by_token: dict[int, Span]) -> int:
    """End of a run of capitalised name words starting at ``start`` (== start when none)."""
    end = start
    while end < limit and end - start < 5:
        tok = doc[end]
        ent = ents_by_token.get(end)
        if ent is not None and (ent.kb_id_ or ent.label_ not in _ORG_LABELS | {"PERSON"}):
            if (end - start == 1 and len(ent) == 1 and ent.kb_id_[:2] in ("C|", "P|") and ent.end < limit
                    and doc[start].is_title and not doc[start].is_sent_start
                    and (doc[ent.end].pos_ in ("VERB", "AUX") or doc[ent.end].text in (",", ".", ":", ")"))):
                return ent.end  # a surname that is also a place: "Adviser Lisa Monaco traveled", "Jim Jordan said"
            break  # a registry span or a date/number ends the name
        text = tok.text
        if (text in ("-", ".") or text in _PARTICLES) and end > start and end + 1 < limit \
                and doc[end + 1].text[:1].isupper():
            end += 1  # "Jean-Pierre", "Lula da Silva", "Ursula von der Leyen"
            continue
        if tok.tag_ in _FUNCTION_TAGS and end > start:
            break  # "Stoltenberg During Greeting" (but "To Lam" starts with a word tagged IN)
        if end == start and text in _PRONOUNS and end + 1 < limit and doc[end + 1].is_title \
                and doc[end + 1].text not in _NOT_NAME and (
                    doc[end + 1].i not in ents_by_token or ents_by_token[doc[end + 1].i].label_ == "PERSON"):
            end += 1  # "Ambassador He Wei": a name that starts like a pronoun
            continue
        if end > start and _is_title_word(tok) and tok.text[:1].isupper():
            return start  # "Chief Medical Advisor": capitalised words between title words are the title
        if _shouting(text) in _INSTITUTION or (end > start or len(text) > 4) and _shouting(text)[:-1] in _INSTITUTION:
            return start  # "the United States Tax Court", "Justice Initiatives": an institution, named after no one
        if end > start and text in ("'s", "’s") and end + 1 < limit and doc[end + 1].text in _INSTITUTION:
            return start  # "Prince George's County", "St John's College": a place named after someone
        if not text[:1].isupper() or _shouting(text.rstrip(".")) in _NOT_NAME or _is_title_word(tok):
            break
        if text.lower().endswith(_TRADE_ENDINGS):
            return start  # "Chief Technologist", "Chief Economist Jane Roe": a trade is part of the title
        if not (tok.is_alpha or re.fullmatch(r"[A-Z]\.|[A-Z][\w'’.-]*", text)):
            break
        if tok.tag_.startswith("VB") and end > start:
            break  # a headline verb: "President X Secures Peace"
        end += 1
    while end > start and doc[end - 1].text in ("-", "."):
        end -= 1
    if end < limit and doc[end].text == "-" and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text):
        return start  # "Major Non-NATO Ally": a hyphenated compound, not a name
    return end


def _left_title(doc, start: int, sent_start: int, ents_by_token: dict[int, Span]) -> tuple[int | None, list[TitleSeg]]:
    """The title phrase that ends right before token ``start`` ("Foreign Minister", "Ambassador to X")."""
    j = start - 1
    while j >= sent_start and (is_honorific(doc[j]) or doc[j].text == "." and j > sent_start and is_honorific(doc[j - 1])):
        j -= 1  # "Prime Minister Mr X": the honorific belongs to neither the title nor the name
    title_end = j + 1
    parts: list[tuple[int, str | None]] = []  # (start token, "T" title | "O" org | None joiner), right to left
    while j >= sent_start:
        tok = doc[j]
        ent = ents_by_token.get(j)
        if ent is not None and ent.label_ in ("TITLE", "ORG", "GPE", "NORP", "LOC"):
            parts.append((ent.start, "T" if ent.label_ == "TITLE" else "O"))
            j = ent.start - 1
            continue
        if tok.lower_ == "and" and j - 1 >= sent_start and parts and parts[-1][1] == "T" and (
                ents_by_token.get(j - 1) is not None and ents_by_token[j - 1].label_ == "TITLE"):
            parts.append((j, None))  # "Vice President and Minister of Development X": offices held together
            j -= 1
            continue
        if tok.text == "," and j - 1 >= sent_start and parts and parts[-1][1] == "T" and (
                (ents_by_token.get(j - 1) is not None and ents_by_token[j - 1].label_ == "TITLE")
                or _is_title_word(doc[j - 1])):
            parts.append((j, None))  # "Ambassador, Permanent Representative to the UN X"
            j -= 1
            continue
        if (ent is None or ent.label_ == "PERSON") and _is_title_word(tok):
            parts.append((j, "T"))  # a title word the NER put inside the name: "General Jean-Pierre Lacroix"
            j -= 1
            continue
        if tok.lower_ in _LEFT_JOINERS:
            parts.append((j, None))
            j -= 1
            continue
        if ent is None and tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start:
            parts.append((j, "W"))  # "Chief Medical Advisor": a capitalised word inside a title
            j -= 1
            continue
        break
    parts.reverse()
    while parts and parts[0][1] in (None, "W"):
        parts.pop(0)
    if not any(kind == "T" for _, kind in parts):
        return None, []
    first = parts[0][0]
    return first, _segments(doc, first, title_end, ents_by_token)


def _segments(doc, first: int, end: int, ents_by_token: dict[int, Span]) -> list[TitleSeg]:
    """Split a title phrase at "cum" / "and concurrently" and collect each part's org spans."""
    segs: list[TitleSeg] = []
    cur_start = first
    i = first
    bounds: list[tuple[int, int]] = []
    while i < end:
        if doc[i].lower_ == "cum":
            bounds.append((cur_start, i))
            cur_start = i + 1
        i += 1
    bounds.append((cur_start, end))
    for s, e in bounds:
        while s < e and doc[s].lower_ in ("the", "his", "her", "their", "its", ",", "-"):
            s += 1
        while e > s and doc[e - 1].lower_ in _RIGHT_JOINERS | {","}:
            e -= 1
        if e <= s:
            continue
        orgs: list[Span] = []
        targets: list[Span] = []
        seen: set[int] = set()
        for k in range(s, e):
            ent = ents_by_token.get(k)
            if ent is None or ent.start in seen or ent.label_ in ("TITLE", "PERSON"):
                continue
            seen.add(ent.start)
            p = ent.start - 1
            if p > s and doc[p].lower_ == "the":
                p -= 1
            prev = doc[p].lower_ if p >= s else ""
            # "Ambassador to Vietnam", "Permanent Representative to the UN": where one serves, not one's org;
            # "named chair at a summit in Lome": a city one was in
            if prev == "in" and ent.kb_id_.endswith("|capital") or prev == "in" and ent.label_ in ("LOC", "FAC"):
                continue
            (targets if prev in ("to", "on", "for") else orgs).append(ent)
        segs.append(TitleSeg(_title_text(doc, s, e, ents_by_token), orgs, targets))
    return segs


def _title_text(doc, s: int, e: int, ents_by_token: dict[int, Span]) -> str:
    """The title as written, without a leading country/demonym ("Russian counterpart" -> "counterpart")
    and without a trailing "of <country>"."""
    while s < e:
        ent = ents_by_token.get(s)
        if ent is not None and ent.label_ in ("GPE", "NORP", "ORG") and ent.end < e:
            s = ent.end
            while s < e and doc[s].lower_ in ("'s", "’s", "-"):
                s += 1
            continue
        break
    for k in range(s + 1, e):
        if doc[k].lower_ == "at":  # "Deputy Secretary for Asia at X's Ministry": X is the org, not the title
            e = k
            break
    ent = ents_by_token.get(e - 1)
    if ent is not None and ent.label_ in ("GPE", "NORP") and ent.start - 1 > s and doc[ent.start - 1].lower_ in ("of",):
        e = ent.start - 1
        if e - 1 > s and doc[e - 1].lower_ == "the":
            e -= 1
    text = doc[s:e].text
    return text.title() if text.isupper() else text


def _right_title(doc, end: int, sent_end: int, ents_by_token: dict[int, Span]) -> list[TitleSeg]:
    """ "Modi of India" -> org; "X, Acting Deputy Secretary for Asia at Y's Ministry, said" -> title."""
    if end < sent_end - 1 and doc[end].lower_ == "of":
        ent = ents_by_token.get(end + 1) or (ents_by_token.get(end + 2) if doc[end + 1].lower_ == "the" else None)
        if ent is not None and ent.label_ in ("GPE", "NORP", "ORG") and ent.label_ != "TITLE":
            return [TitleSeg("", [ent])]
    if end < sent_end - 1 and doc[end].text == ",":
        k = end + 1
        if k < sent_end and doc[k].lower_ in ("the", "a", "an"):
            k += 1
        ent = ents_by_token.get(k)
        if ent is None:
            # "X, Vietnam's Deputy Foreign Minister," / "X, Kenyan Ambassador"
            return []
        if ent.label_ in ("GPE", "NORP"):
            after = ents_by_token.get(ent.end + (1 if ent.end < sent_end and doc[ent.end].lower_ in ("'s", "’s") else 0))
            if after is None or after.label_ != "TITLE":
                return []
        elif ent.label_ != "TITLE":
            return []
        j = k
        while j < sent_end:
            tok = doc[j]
            ent = ents_by_token.get(j)
            if ent is not None and ent.label_ == "PERSON" or (
                    ent is None and tok.text[:1].isupper() and j > k and ents_by_token.get(j - 1) is not None
                    and ents_by_token[j - 1].label_ == "TITLE"):
                return []  # "A, Attorney General B, ...": a list of people, not an apposition
            if ent is not None and ent.label_ in ("TITLE", "ORG", "GPE", "NORP", "LOC", "FAC"):
                j = ent.end
                continue
            if tok.lower_ in _RIGHT_JOINERS or (tok.text[:1].isupper() and tok.is_alpha):
                j += 1
                continue
            break
        if j < sent_end and doc[j].text not in (",", ".", ";", ":", ")", "—", "–") and not doc[j].is_punct:
            return []  # a verb follows: "X, Minister of Y said" is fine; "X, who" is not
        return _segments(doc, k, j, ents_by_token)
    return []


def _headline(sent: Span) -> bool:
    arrays = token_arrays(sent.doc)
    texts, alpha = arrays.texts, arrays.is_alpha
    words = [texts[k] for k in range(sent.start, sent.end) if alpha[k] and len(texts[k]) > 3]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _common(tok: Token, common: set[str] | frozenset[str]) -> bool:
    low = tok.lower_
    return low in common or any(low.endswith(suf) and low[: -len(suf)] in common for suf in ("s", "es", "ed", "d", "ing"))


_ENTS_KEY = "diplograph.ents_by_sent"
_ARRAYS_KEY = "diplograph.token_arrays"


class TokenArrays:
    """Per-token columns of a spaCy doc, read once from its arrays.

    Loops that look at every token read these lists instead of making a spaCy
    ``Token`` object per token (``doc[i]`` builds a new Python object each time).
    """

    __slots__ = ("texts", "lowers", "is_alpha", "is_lower")

    def __init__(self, doc) -> None:  # doc: spacy.tokens.Doc
        from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER, ORTH

        columns = doc.to_array([ORTH, LOWER, IS_ALPHA, IS_LOWER]).T.tolist() if len(doc) else [[], [], [], []]
        strings = doc.vocab.strings
        names = {key: strings[key] for key in set(columns[0]) | set(columns[1])}
        self.texts: list[str] = list(map(names.__getitem__, columns[0]))
        self.lowers: list[str] = list(map(names.__getitem__, columns[1]))
        self.is_alpha: list[int] = columns[2]
        self.is_lower: list[int] = columns[3]


def token_arrays(doc) -> TokenArrays:
    """The :class:`TokenArrays` of ``doc``, built on first use and kept in its ``user_data``."""
    arrays = doc.user_data.get(_ARRAYS_KEY)
    if arrays is None:
        arrays = doc.user_data[_ARRAYS_KEY] = TokenArrays(doc)
    return arrays


def sent_ents(sent: Span) -> list[Span]:
    """``sent.ents`` from an index built once per doc (spaCy's ``Span.ents`` rebuilds every entity
    of the whole doc on each call, which makes a long line quadratic)."""
    doc = sent.doc
    index = doc.user_data.get(_ENTS_KEY)
    if index is None:
        index = {}
        ents = list(doc.ents)
        k = 0
        for s in doc.sents:
            while k < len(ents) and ents[k].start < s.start:
                k += 1
            j = k
            while j < len(ents) and ents[j].end <= s.end:
                j += 1
            index[(s.start, s.end)] = ents[k:j]
        doc.user_data[_ENTS_KEY] = index
    found = index.get((sent.start, sent.end))
    return list(sent.ents) if found is None else found


def person_spans(sent: Span, ents_by_token: dict[int, Span],
                 common: set[str] | frozenset[str] = frozenset()) -> list[PersonSpan]:
    """Persons in a spaCy sentence, each with the title phrases the text gives it.

    ``common`` holds the words the document also writes in lower case; in a
    title-case headline they end a name ("President X Secures Peace").
    """
    doc = sent.doc
    headline = bool(common) and _headline(sent)

    def cut(s: int, e: int) -> int:
        if headline:
            for k in range(s + 1, e):
                if _common(doc[k], common) and not doc[k].is_upper and doc[k].text not in _PARTICLES:
                    return k
        return e

    out: list[PersonSpan] = []
    taken: set[int] = set()
    candidates: list[tuple[int, int]] = []
    for ent in sent_ents(sent):
        if ent.label_ == "PERSON":
            s, e = ent.start, ent.end
            while s < e and (_is_title_word(doc[s]) or is_honorific(doc[s]) or doc[s].text == "."):
                s += 1  # the NER took the title in: "Secretary Blinken", "H.E. Sheikh X"
            if s > ent.start and doc[s - 1].text.lower() in ("sheikh", "shaikh") and e - s < 2:
                s -= 1  # "Sheikh Hasina": the honorific is how the name is used
            for k in range(s, e):
                if doc[k].lower_ in ("'s", "’s"):
                    e = k  # "Biden's Meeting": the name ends at the possessive
                    break
            if any(_shouting(doc[k].text) in _INSTITUTION for k in range(s, e)):
                continue  # "X International Airport", "Innovation Hubs": a place or programme named after no one
            if e - s == 1 and doc[s].lower_.endswith(_TRADE_ENDINGS):
                continue  # "Chief Economist": a trade, no name
            bad = [k for k in range(s, e) if _shouting(doc[k].text) in _NOT_NAME]
            if bad and bad[0] == s:
                continue  # "Joint Statement", "Fact Sheet": the NER's headline persons
            if bad:
                e = bad[0]  # "Donald J. Trump Secures Peace"
            while (not bad and e - s >= 2 and e < sent.end - 1 and e - s < 5 and doc[e].pos_ == "PROPN"
                   and doc[e].is_title and e not in ents_by_token and not _is_title_word(doc[e])
                   and not _common(doc[e], common) and _shouting(doc[e].text) not in _NOT_NAME | _INSTITUTION
                   and (doc[e + 1].is_punct or doc[e + 1].is_lower)):
                e += 1  # the NER stopped a word short: "Nguyen Minh [Vu], Deputy Minister"
            e = cut(s, e)
            if s < e:
                candidates.append((s, e))
        elif ent.label_ == "TITLE":
            nxt = ent.end
            # walk over "of the CPV Central Committee" / "of Vietnam" to where the name starts
            while nxt < sent.end:
                after = ents_by_token.get(nxt)
                if (doc[nxt].text in ("of", "the", "for", "to", "'s", "’s", "The")
                        or doc[nxt].is_upper and doc[nxt].lower_ in ("of", "the", "for")) and after is None:
                    nxt += 1  # (a capitalised "To" after a title starts a name: "President To Lam")
                elif after is not None and after.kb_id_ and after.label_ in ("ORG", "GPE", "NORP", "TITLE", "LOC"):
                    nxt = after.end
                else:
                    break
            set_off = nxt < sent.end - 2 and doc[nxt].text == ","
            if set_off:
                nxt += 1  # "Brazil's envoy to the UN, Jo Roe, said": a name set off by commas
            while nxt < sent.end - 1 and (is_honorific(doc[nxt]) or doc[nxt].text == "." and is_honorific(doc[nxt - 1])):
                nxt += 1  # "Prime Minister Mr X", "President H.E. X"
            if doc[nxt - 1].text in ("of", "the", "for", "to", "'s", "’s", "The") or (
                    doc[nxt - 1].is_upper and doc[nxt - 1].lower_ in ("of", "the", "for")):
                org = ents_by_token.get(nxt)
                if (org is not None and org.label_ == "ORG" and not org.kb_id_ and org.end - org.start >= 4
                        and any(t.lower_ in ("and", "of") for t in doc[org.start:org.end - 2])
                        and all(t.pos_ == "PROPN" and t.is_title and _shouting(t.text) not in _NOT_NAME
                                and not _is_title_word(t) for t in doc[org.end - 2:org.end])
                        and (org.end >= sent.end or doc[org.end].is_punct or doc[org.end].pos_ in ("VERB", "AUX", "CCONJ"))):
                    # "Minister for Culture and Youth Jo Roe": the NER ran the portfolio and
                    # the name into one organisation; the name is its last two words
                    candidates.append((org.end - 2, org.end))
                continue  # "Secretary of War", "SECRETARY OF WAR": the title runs on into an org
            if set_off:
                end = _name_run(doc, nxt, sent.end, ents_by_token)
                if end - nxt >= 2 and end < sent.end and doc[end].text in (",", ".", ";") and all(
                        ents_by_token.get(k) is None or not ents_by_token[k].kb_id_ for k in range(nxt, end)):
                    candidates.append((nxt, end))
                continue
            if nxt < sent.end and nxt not in ents_by_token or (
                    nxt in ents_by_token and not ents_by_token[nxt].kb_id_
                    and ents_by_token[nxt].label_ in _ORG_LABELS | {"PERSON"}):
                end = cut(nxt, _name_run(doc, nxt, sent.end, ents_by_token))
                if end > nxt and any(doc[k].is_alpha and len(doc[k]) > 1 for k in range(nxt, end)):
                    candidates.append((nxt, end))
    candidates += _surname_runs(sent, ents_by_token, common)
    for s, e in sorted(set(candidates), key=lambda c: (c[0], -c[1])):
        if any(k in taken for k in range(s, e)):
            continue
        taken.update(range(s, e))
        title_start, segs = _left_title(doc, s, sent.start, ents_by_token)
        right = _right_title(doc, e, sent.end, ents_by_token)
        if right and segs and not right[0].text:
            segs[-1].orgs.extend(right[0].orgs)  # "Prime Minister Modi of India"
        elif right and not segs:
            segs = right
        speaker = e < sent.end and doc[e].text == ":" and doc[s:e].text.isupper()
        title_range = (title_start, s) if title_start is not None else ((e, e + 40) if segs else None)
        out.append(PersonSpan(s, e, segs, title_start, speaker, title_range))
    return out


# Family names that open most Vietnamese names, folded: a run of capitalised syllables after one of them is a
# name even where the statistical NER misses it ("Le Hoai Trung", "Phan Van Mai", "Nguyen Phuong Nga").
VIETNAMESE_SURNAMES = frozenset({
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
    "duong", "ly", "dinh", "truong", "luong", "trinh", "cao", "ha", "ta", "thai", "kieu", "chu", "doan",
    "tong", "quach", "lai", "vuong", "nong", "luu", "dao", "mai", "lam", "giang", "khuat", "hau", "trieu",
})


def _surname_runs(sent: Span, ents_by_token: dict[int, Span], common: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Vietnamese names by their shape: a family name and one to three more capitalised syllables, none of
    them a known place, body or title, the run not followed by a place word ("Ho Chi Minh City")."""
    doc = sent.doc
    texts = token_arrays(doc).texts
    out: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        text = texts[i]
        if not text[:1].isupper() or len(text) > 6 or (text.lower() not in VIETNAMESE_SURNAMES and text.isascii()):
            i += 1
            continue  # (cheap tests first, on the text alone: this runs on every token)
        ent = ents_by_token.get(i)
        if resolve.fold(text).lower() not in VIETNAMESE_SURNAMES or (
                ent is not None and (ent.kb_id_ or ent.label_ == "PERSON")):
            i += 1
            continue
        j = i + 1
        while j < sent.end and j - i < 4:
            nxt = doc[j]
            e2 = ents_by_token.get(j)
            if not (nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_upper and len(nxt.text) <= 8
                    and nxt.text not in _NOT_NAME and not _is_title_word(nxt) and (e2 is None or not e2.kb_id_)
                    and nxt.lower_ not in common):
                break
            j += 1
        if j - i >= 2 and not (j < sent.end and doc[j].text in ("City", "Province", "District", "Street", "Road")):
            out.append((i, j))
        i = max(j, i + 1)
    return out


@lru_cache(maxsize=1)
def _known_full_names() -> frozenset[str]:
    """The gazetteer's full names of office holders whose given name comes first ("Fumio Kishida")."""
    from diplograph import officeholders
    return frozenset(n for n in officeholders.full_names() if len(n.split()) == 2)


def display_name(text: str) -> str:
    """A name as a person would write it: folded to ASCII; "BIDEN" -> "Biden" (transcript labels)."""
    name = resolve.person_name(text)
    words = name.split()
    if (len(words) == 2 and len(words[0]) > 1 and words[0].isupper() and words[0].isalpha()
            and words[1][:1].isupper() and not words[1].isupper() and "-" not in words[1]
            and words[0].lower() not in _SURNAME_FIRST_KEEP):
        # official Japanese style, surname in capitals first: "KAMIKAWA Yoko" -> "Yoko Kamikawa"
        return f"{words[1]} {words[0].capitalize()}"
    if len(words) == 2 and f"{words[1]} {words[0]}" in _known_full_names():
        return f"{words[1]} {words[0]}"  # "Kishida Fumio": surname first, as the gazetteer writes it the other way
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if len(w) > 2 or not w.endswith(".") else w for w in name.split())
    if len(words) >= 2 and len(words[-1]) > 3 and words[-1].endswith(".") and words[-1][:-1].isalpha() \
            and not _SUFFIX.match(words[-1]):
        name = name[:-1]  # "Hun Sen." at a sentence's end: the tokenizer took the full stop for "Sen."
    return name


_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)


def _core(name: str) -> list[str]:
    """Lower-case name words without initials and suffixes ("Joseph R. Biden Jr." -> joseph, biden)."""
    return [w.lower().strip(",") for w in name.split()
            if not re.fullmatch(r"[A-Za-z]\.", w) and not _SUFFIX.match(w.strip(","))]


class PeopleRegistry:
    """Clusters the names of one document and gives each cluster its fullest name."""

    def __init__(self) -> None:
        self._names: list[str] = []  # every name seen, in order
        self._canon: dict[str, str] = {}
        self._clusters: list[list[str]] = []
        self._counts: dict[str, int] = {}
        self._heads: dict[str, set[str]] = {}  # name -> head words of the titles it was given
        self.people: dict[str, Person] = {}

    def add_names(self, names: list[str], titles: list[list[str]] | None = None) -> None:
        """Names in document order, with the titles each occurrence carries ("President")."""
        for k, name in enumerate(names):
            if not name:
                continue
            self._names.append(name)
            for title in (titles[k] if titles else []):
                words = title.lower().split()
                if words:
                    self._heads.setdefault(name, set()).add(words[-1])

    def build(self) -> None:
        """Cluster full names; then attach single words to the cluster they name."""
        clusters: list[list[str]] = []
        counts: dict[str, int] = {}
        for name in self._names:
            counts[name] = counts.get(name, 0) + 1
        for name in dict.fromkeys(self._names):
            core = _core(name)
            if len(core) < 2:
                continue
            for cluster in clusters:
                other = _core(cluster[0])
                short, long_ = sorted((core, other), key=len)
                if (core[-1] == other[-1] and (core[0][:2] == other[0][:2] or set(short) <= set(long_))
                        or long_[:len(short)] == short):  # "Andres Manuel Lopez" ~ "... Lopez Obrador"
                    cluster.append(name)
                    break
            else:
                clusters.append([name])
        lasts: dict[str, int] = {}
        for name in self._names:
            core = _core(name)
            if core:
                lasts[core[-1]] = lasts.get(core[-1], 0) + 1
        for cluster in clusters:
            # the fullest name ending in the surname the document uses most: a headline's
            # "President X Withdraws" must not beat "X"
            top = max(lasts.get(_core(n)[-1], 0) for n in cluster)
            pool = [n for n in cluster if lasts.get(_core(n)[-1], 0) == top]
            canon = max(pool, key=lambda n: (len(_core(n)), len(n)))
            for name in cluster:
                self._canon[name] = canon
        self._clusters, self._counts = clusters, counts
        for name in dict.fromkeys(self._names):
            if name in self._canon:
                continue
            core = _core(name)
            if len(core) != 1:
                self._canon[name] = name
                continue
            self._canon[name] = self.single(core[0], self._heads.get(name), self._names.index(name)) or name

    def alias_words(self) -> set[str]:
        """Single words that name a clustered person ("Son", "Biden", "Lam")."""
        out: set[str] = set()
        for cluster in self._clusters:
            core = _core(self._canon[cluster[0]])
            out.update({core[0], core[-1]})
        return out

    def single(self, word: str, heads: set[str] | None = None, at: int | None = None) -> str | None:
        """The fullest name a one-word mention stands for: last name first, then first name.

        A titled mention ("President Biden") skips people known only by another
        title ("First Lady Jill Biden"), and people named without a title only
        later in the text (news names a person in full first: "President X spoke
        of his son Y X" is two people).
        """
        word = word.lower()
        clusters, counts = self._clusters, self._counts
        best: tuple[int, int, str] | None = None
        for cluster in clusters:
            canon = self._canon[cluster[0]]
            ccore = _core(canon)
            if word == ccore[-1]:
                rank = 2
            elif word == ccore[0]:
                rank = 1
            elif word in ccore:
                rank = 0
            else:
                continue
            cluster_heads = set().union(*(self._heads.get(n, set()) for n in cluster))
            if heads and cluster_heads and not heads & cluster_heads:
                continue
            if heads and not cluster_heads and at is not None and \
                    min(self._names.index(n) for n in cluster) > at:
                continue
            weight = sum(counts.get(n, 0) for n in cluster)
            cand = (rank, weight, canon)
            if best is None or cand[:2] > best[:2]:
                best = cand
        return best[2] if best else None

    def canonical(self, name: str) -> str:
        if name in self._canon:
            return self._canon[name]
        core = _core(name)
        return (self.single(core[0]) if len(core) == 1 else None) or name

    def note(self, canon: str, alias: str | None, titles: list[tuple[str, str | None]]) -> None:
        """Record an alias and titles seen for a canonical name."""
        old = self.people.get(canon)
        aliases = list(old.aliases) if old else []
        if alias and alias != canon and alias not in aliases:
            aliases.append(alias)
        known = list(old.titles) if old else []
        for title, org in titles:
            if not title and org is None:
                continue
            same = [i for i, (t, o) in enumerate(known) if t.lower() == title.lower()]
            if same and org is not None and known[same[0]][1] is None:
                known[same[0]] = (known[same[0]][0], org)
            elif not same or all(known[i][1] != org for i in same) and org is not None:
                if (title, org) not in known:
                    known.append((title, org))
        self.people[canon] = Person(canon, tuple(known), tuple(aliases))
