"""Roles: seats, memberships, offices and functions of a country in or for a body.

News states roles around a few words ("member", "seat", "elected", "chaired",
"presidency", "hosted", "joined", "withdrew") and a body name. This extractor
works on those words, not on any document's phrasing:

1. find the bodies a sentence names (the nlp stage's body mentions plus a
   registry scan, so a body the statistical NER missed still counts; "the
   Council" falls back to the last council named);
2. find role words and tie each body to the role word that governs it: the
   nearest one before it with only list material in between ("joined the WTO,
   the World Bank and the IMF") or a role noun right after it ("the ASEAN
   Chair", "a NATO member");
3. find the actor: a possessive ("India's decision to join"), the object of
   "withdrawing the United States from", an appositive ("Turkiye, a NATO
   member"), else the grammatical subject (a pronoun or "the country" resolves
   to the document's current country);
4. read the terms that follow the body ("for the 2020-2021 term", "twice in
   2010 and 2020", "since 2014", "in April 2021"): each term is its own fact.

A body can also act on a country ("ECOWAS suspended Niger"). Hosting or
chairing a body's meeting ("the 43rd ASEAN Summit") is a role in that body.
Within a document, one fact per (actor, body, role, term): an undated mention
of a role the document dates elsewhere merges into the dated one, and a date
written out beats one read against the document's date ("this month").

Precision first: a role word needs a country actor; plural "member states" and
"permanent members" name no single actor; a role sought, blocked, denied or
reversed ("Kenya's bid for a seat") is none; a body that only qualifies another
name ("a NATO Global Partner", "the Security Council committee") is not the
body; a treaty conference (COP27) is an event; and "President <Name>" or "met
the President of the General Assembly" is a person's office, not a presidency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from diplograph import resolve, timex
from diplograph.extract.base import make_fact
from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Fact, Sentence, Token

EXTRACTOR = "roles.v1"

# Role word classes, each a regex over a lower-cased word (or two).
_NPM = "non_permanent"
_VP = "vice_president"
_PRES = "president"
_CHAIR = "chair"
_HOST = "host"
_MEMBER = "member"
_ELECT = "elected"
_JOIN = "join"
_LEAVE = "leave"
_CONTRIB = "contributor"

# (pattern, class); matched case-insensitively on the sentence text, longest first.
_TRIGGERS: tuple[tuple[str, str], ...] = (
    (r"non[- ]?permanent\s+(?:members?(?:hip)?|seats?)", _NPM),
    (r"(?<!non-)(?<!non )permanent\s+(?:members?(?:hip)?|seats?)", "permanent"),
    (r"vice[- ](?:president|chair(?:man|woman|person)?)s?", _VP),
    (r"(?:rotating\s+)?presiden(?:cy|cies|t)", _PRES),
    (r"(?<!co-)(?<!co )chair(?:s|ed|ing|man|woman|person|manship|womanship|personship)?", _CHAIR),
    (r"host(?:s|ed|ing)?(?:\s+country)?", _HOST),
    (r"(?:associate\s+|full\s+|founding\s+|observer\s+)?members?(?:hip)?", _MEMBER),
    (
        r"(?:re-?)?elected|re-?election|election|seats?|(?:serv(?:e|es|ed|ing)|s(?:it|its|at|itting))\s+on",
        _ELECT,
    ),
    (
        (
            r"(?:re-?)?join(?:s|ed|ing)?|accession|acceded|accede[sd]?|admitted|admission|(?:re)?entry"
            r"|participat(?:es|ed|ing|ion|e)|belong(?:s|ed|ing)?"
        ),
        _JOIN,
    ),
    (
        (
            r"withdr(?:ew|awn|awal|aw|awing|aws)|left|leav(?:e|es|ing)|exit(?:ed|ing|s)?|quit(?:s|ting)?"
            r"|pull(?:s|ed|ing)?\s+out(?:\s+of)?"
            r"|suspen(?:ded|sion|ds?)|expell?(?:ed|s)?|expulsion"
        ),
        _LEAVE,
    ),
    (
        (
            r"(?:troops|soldiers|peacekeepers|personnel|police\s+officers)\s+(?:serving|deployed|stationed)"
            r"(?:\s+(?:under|with|in))?"
            r"|contribut(?:ed|es|ing|ion|ions|or|ors|e)|deploy(?:ed|ment|ments|s|ing)?|send(?:s|ing)?|sent"
            r"|fund(?:s|ed|ing)|donor"
        ),
        _CONTRIB,
    ),
)


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern[str]:
    alts = "|".join(f"(?P<t{i}>{pat})" for i, (pat, _) in enumerate(_TRIGGERS))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


# Words that may stand between a role word and the body it governs (a list, an article,
# a qualifier): anything else (a verb, another noun phrase) breaks the link.
_LINK_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "into",
        "for",
        "as",
        "its",
        "their",
        "his",
        "her",
        "our",
        "and",
        "or",
        "both",
        "also",
        "again",
        "once",
        "twice",
        "thrice",
        "key",
        "main",
        "major",
        "leading",
        "important",
        "international",
        "regional",
        "global",
        "multilateral",
        "organizations",
        "organisations",
        "organization",
        "organisation",
        "institutions",
        "bodies",
        "forums",
        "fora",
        "mechanisms",
        "world",
        "world's",
        "like",
        "such",
        "including",
        "namely",
        "other",
        "several",
        "many",
        "rotating",
        "annual",
        "actively",
        "formally",
        "officially",
        "successfully",
        "fully",
        "then",
        "first",
        "second",
        "third",
        "time",
        "member",
        "members",
        "state",
        "country",
        "position",
        "role",
        "seat",
        "presidency",
        "chair",
        "chairmanship",
        "troops",
        "personnel",
        "forces",
        "force",
        "officers",
        "soldiers",
        "police",
        "military",
        "peacekeepers",
        "peacekeeping",
        "contingent",
        "contingents",
        "engineers",
        "medical",
        "staff",
        "units",
        "future",
        "next",
        "upcoming",
        "any",
        "all",
        "new",
        "more",
        "over",
        "than",
        "nearly",
        "about",
        "some",
        "hundreds",
        "thousands",
        "dozens",
        "engineering",
        "field",
        "hospital",
        "level",
        "lead",
        "from",
        "with",
        "associate",
        "full",
        "non",
        "permanent",
        "board",
        "governors",
        "executive",
        "body",
        "mission",
        "missions",
        "operations",
        "operation",
        "three",
        "two",
        "four",
        "five",
        "times",
        "unanimously",
        "consecutive",
        "successive",
        "term",
        "terms",
        "by",
        "year",
        "years",
        "u.n.",
        "un",
    }
)
# Breaks a list: a new clause starts.
_CLAUSE_BREAK = re.compile(
    r";|:|\bwhile\b|\bbut\b|\bwhich\b|\bwho\b|\bwhere\b|\bwhereas\b|\bafter\b|\bbefore\b"
)

_P5 = frozenset({"USA", "GBR", "FRA", "RUS", "CHN"})  # permanent members of the Security Council
# "we" in a statement is its speakers, not the document's country: only "it" stands for a country.
_PRONOUNS = frozenset({"it", "its"})
_COUNTRY_NOUNS = frozenset({"country", "nation", "state", "republic", "kingdom"})
_PLURAL_MEMBER = re.compile(
    r"members?\s+(?:states?|countries|nations|economies|parties|governments)\b|"
    r"members\b",
    re.IGNORECASE,
)
_SESSION = re.compile(r"\b(\d+(?:st|nd|rd|th))\s+(?:session|term)\b", re.IGNORECASE)
_ROLE_NOUN_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:(?:19|20)\d\d\s+)?(?:(?:\d+(?:st|nd|rd|th)|newest|latest|new|fellow|current|incoming)\s+)?"
    r"(?:rotating\s+)?(chair(?:man|woman|person)?(?:ship)?|presiden(?:cy|t)|"
    r"vice[- ]presiden(?:cy|t)|host(?:\s+country)?|(?:associate\s+|full\s+|founding\s+)?member(?:ship)?|"
    r"non[- ]?permanent\s+(?:member(?:ship)?|seat)|seat)\b",
    re.IGNORECASE,
)
# What may stand between a body and the role noun after it: "NATO's 31st member", "the 2023 G7 presidency".
_AFTER_GAP = re.compile(
    r"(?:'s|’s)?\s*(?:(?:19|20)\d\d\s+)?(?:(?:\d+(?:st|nd|rd|th)|newest|latest|new|fellow|current|incoming)\s+)?"
    r"(?:rotating\s+)?",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"(?<![\d,.$-])((?:19|20)\d\d)(?![\d%])")
# "prohibiting any future funding for", "cut its contributions to": a contribution that ends.
_ENDING = re.compile(
    r"\b(?:prohibit(?:s|ed|ing)?|ban(?:s|ned|ning)?|cut(?:s|ting)?|halt(?:s|ed|ing)?|"
    r"end(?:s|ed|ing)?|stop(?:s|ped|ping)?|suspend(?:s|ed|ing)?|freez(?:e|es|ing)|froze|"
    r"withdr(?:ew|aw|aws|awing)|terminat(?:e|es|ed|ing)|ceas(?:e|es|ed|ing)|"
    r"no\s+longer)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_HANDOVER = re.compile(
    r"(?i)\b(?:hand(?:s|ed|ing)?\s+over|pass(?:es|ed|ing)?(?:\s+on)?|transferr?(?:s|ed|ing)?)"
    r"\s+(?:\S+\s+){0,3}$"
)
_TAKING = re.compile(
    r"(?i)\b(?:assum(?:e|es|ed|ing)|t(?:ake|akes|ook|aking)\s+over|t(?:ake|akes|ook|aking)\s+up|"
    r"beg(?:in|an|ins|un)|start(?:s|ed)?|bec(?:ome|omes|ame|oming)|t(?:ake|akes|ook|aking)|occup(?:y|ies|ied|ying)|"
    r"admitted|accepted|(?:re-?)?join(?:s|ed)|acced(?:e|es|ed))\s+(?:\S+\s+){0,4}$"
)
# A role sought, blocked or denied is no role: "Kenya's bid for a seat", "is not a member".
_HEDGE = re.compile(
    r"(?i)\b(?:not|never|no\s+longer|n't|bids?|candidacy|candidature|candidate|application|appl(?:y|ies|ied|ying)"
    r"|aspir\w*|seek\w*|sought|block\w*|veto\w*|oppos\w*|reject\w*|hop(?:e|es|ed|ing)|wish\w*|want\w*"
    r"|fail(?:s|ed|ing)?|lost|los(?:e|es|ing)|den(?:y|ies|ied)|refus\w*|instead\s+of|revers\w*|rescind\w*"
    r"|undo\w*|undid|cancel\w*|future|eventual|eventually|potential|prospective|(?:path|road|way)\s+to)\b[^,;:]{0,40}$"
)
_ENDS_AFTER = re.compile(
    r"(?i)\s*(?:\w+\s+){0,2}(?:end(?:s|ed|ing)?|expir(?:e|es|ed|ing)|conclud(?:e|es|ed|ing))\b"
)
# "any member of NATO", "which member of NATO"; not the relative "Turkey, which joined NATO".
_QUANTIFIED = re.compile(
    r"(?i)\b(?:any|every|each|no|all|other|another|what|whichever)\s+$|(?<!,\s)(?<!,)\bwhich\s+$"
)
_RELATIVE = re.compile(r"(?i)\b(?:this|next|last|current|coming|past|previous|today|yesterday|ago)\b")
_ANAPHOR = re.compile(
    r"\bthe\s+(?:(?:regional|economic|trade|political|security|continental|military|defen[cs]e|"
    r"expanded|enlarged|\w+-(?:nation|member|country|state))\s+){0,2}"
    r"(council|commission|committee|board|assembly|bloc|organi[sz]ation|forum|grouping|group(?=['’]s\b)|"
    r"(?<=chairmanship\sof\sthe\s)group|(?<=presidency\sof\sthe\s)group|union|alliance|community|agency)\b"
)
# A fixed-length term: "a two-year term", "a 2-year term".
_TERM_LENGTH = re.compile(r"(?i)\b(two|three|four|five|[2-5])[- ]year\s+(?:term|tenure|mandate)\b")
_LEAD_SETTING = re.compile(r"\s*(?:At|In|On|During)\b")
_JOINS_IT = re.compile(r"(?i)\b(?:admitted|joined|joins|accepted|acceded|accedes)\b")
_MEETING_OF = re.compile(
    r"(?i)\b(?:(?:annual|leaders['’]?|ministerial|foreign\s+ministers['’]?)\s+)*"
    r"(?:summit|meeting|ministerial|session|conference)\s+of\b"
)
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|is\s+to|are\s+to|set\s+to|due\s+to|scheduled\s+to)\s+(?:\w+\s+){0,3}$"
)
_BEGAN = re.compile(
    r"(?i)\b(?:beg(?:in|an|un|ins)|start(?:s|ed)?|assum(?:e|es|ed|ing))\s+(?:an?\s+|its\s+|their\s+)?$"
)
_TERM_YEARS = {"two": 2, "three": 3, "four": 4, "five": 5}
# Others that take the same role in the same act: "joined BRICS on Monday, alongside Ethiopia and Iran".
_ALONGSIDE = re.compile(r"(?i)\b(?:alongside|along\s+with|together\s+with)\s+(?:the\s+)?$")
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:and\s+|&\s+)?(?:the\s+)?")


@dataclass
class _Span:
    start: int  # offsets into the sentence text
    end: int
    id: str


@dataclass
class _Trigger:
    start: int
    end: int
    cls: str
    text: str


@dataclass
class _DocState:
    """What the extractor remembers while walking a document in order."""

    last_actor: str | None = None
    bodies_seen: list[str] = field(default_factory=list)
    focus: str | None = None


# ----------------------------------------------------------------------------- bodies


@lru_cache(maxsize=1)
def _body_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    """Registry aliases of international bodies as two regexes (exact case / any case) and a lookup."""
    exact: list[str] = []
    loose: list[str] = []
    lookup: dict[str, str] = {}
    for body in resolve.bodies().values():
        if body.country:  # a national body is an actor, never the body of a role
            continue
        for alias in dict.fromkeys((body.name, *body.aliases)):
            alias = alias.strip()
            if alias.lower().startswith("the "):
                alias = alias[4:]
            if len(alias) < 2:
                continue
            key = alias.casefold()
            lookup.setdefault(key, body.id)
            # An acronym or a one-word name must match in its case ("WHO" is not "who").
            if " " in alias and any(c.islower() for c in alias):
                loose.append(alias)
            else:
                exact.append(alias)

    def build(aliases: list[str], flags: int) -> re.Pattern[str] | None:
        if not aliases:
            return None
        # Not "EU-led": a name glued to a word by a hyphen is a modifier.
        return re.compile(rf"(?<![\w-])(?:{_trie_regex(aliases)})(?!\w|-\w)", flags)

    return build(exact, 0), build([a.casefold() for a in loose], re.IGNORECASE), lookup


def _trie_regex(words: list[str]) -> str:
    """One regex for many literal names, as a character trie: hundreds of aliases in one
    alternation are slow to try at every position; a trie tries each prefix once. Longer
    names win (greedy), a space matches any run of whitespace."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _is_international(body_id: str | None) -> bool:
    body = resolve.bodies().get(body_id or "")
    return bool(body) and not body.country and body.kind != "party"


def _bodies(sentence: Sentence, state: _DocState) -> list[_Span]:
    """International bodies named in a sentence, in order, one span per naming."""
    text = sentence.text
    found: list[_Span] = []
    for m in sentence.mentions_of("body"):
        if _is_international(m.id):
            found.append(_Span(m.start - sentence.start, m.end - sentence.start, m.id or ""))
    exact, loose, lookup = _body_patterns()
    for pattern in (exact, loose):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            bid = lookup.get(re.sub(r"\s+", " ", m.group(0)).casefold())
            if bid:
                found.append(_Span(m.start(), m.end(), bid))
    for m in _ANAPHOR.finditer(text):
        # "the AU was admitted as a member of the grouping": what joins is not what is joined
        earlier = [
            s.id for s in found if s.end <= m.start() and not _JOINS_IT.search(text[s.end : m.start()])
        ]
        bid = _anaphor_body(m.group(1).lower(), state.bodies_seen + earlier)
        if bid:
            found.append(_Span(m.start(), m.end(), bid))
    # Longest span wins where spans overlap.
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    spans: list[_Span] = []
    for span in found:
        if spans and span.start < spans[-1].end:
            if span.end - span.start > spans[-1].end - spans[-1].start and span.start == spans[-1].start:
                spans[-1] = span
            continue
        spans.append(span)
    return _merge_adjacent(text, spans)


def _merge_adjacent(text: str, spans: list[_Span]) -> list[_Span]:
    """One naming per body: "World Trade Organization (WTO)" once; "UN Human Rights Council" is the
    organ; "AIPA General Assembly" and "World Economic Forum on ASEAN" are the first body's."""
    out: list[_Span] = []
    for span in spans:
        if out:
            prev = out[-1]
            gap = text[prev.end : span.start]
            if (
                re.fullmatch(r"\s*\(\s*", gap)
                and text[span.end : span.end + 1] == ")"
                and (span.id == prev.id or span.end - span.start <= 8)
            ):
                prev.end = span.end + 1
                continue
            if re.fullmatch(r"(?:\s*|-|'s\s+|’s\s+|\s+on\s+)", gap) and gap.strip() != "":
                prev.end = span.end
                continue
            if re.fullmatch(r"\s+|-", gap) or gap == "":
                if prev.id == "UN":
                    out[-1] = _Span(prev.start, span.end, span.id)
                else:
                    prev.end = span.end
                continue
        out.append(_Span(span.start, span.end, span.id))
    return out


def _anaphor_body(word: str, seen: list[str]) -> str | None:
    """The body an anaphor names: "the Council" -> the last council named; "the bloc" -> the last bloc."""
    for bid in reversed(seen):
        body = resolve.bodies().get(bid)
        if body is None:
            continue
        names = " ".join((body.name, *body.aliases)).lower()
        if word in ("bloc", "organization", "organisation", "grouping", "group") and body.kind in (
            "igo",
            "forum",
        ):
            return bid
        if word in names:
            return bid
    return None


# ----------------------------------------------------------------------------- actors


def _country_spans(sentence: Sentence) -> list[_Span]:
    """Countries named in a sentence (national bodies count as their country)."""
    out: list[_Span] = []
    for m in sentence.mentions:
        cid: str | None = None
        if m.kind == "country":
            cid = m.id
        elif m.kind == "body" and not _is_international(m.id):
            cid = resolve.national_country(m.id)
        elif m.kind in ("place", "other", "person"):  # the NER calls some countries persons
            name = re.sub(r"(?:'s|’s)$", "", m.text)
            cid = resolve.country_id(name)
            if cid is None and m.kind == "place":  # a capital as subject stands for its country
                tok = _token_at(sentence, m.end - 1 - sentence.start)
                if tok is not None and tok.dep in ("nsubj", "nsubjpass"):
                    cid = resolve.country_id(name, capitals=True)
        if cid:
            out.append(_Span(m.start - sentence.start, m.end - sentence.start, cid))
    return sorted(out + _scanned_countries(sentence, out), key=lambda s: s.start)


def _scanned_countries(sentence: Sentence, known: list[_Span]) -> list[_Span]:
    """Country names among capitalised words that no mention covers (the NER misses some
    sentence-initial or short names: "Niger, Mali and Burkina Faso left ...")."""
    covered = bytearray(len(sentence.text) + 1)
    spans = [(s.start, s.end) for s in known] + [
        (m.start - sentence.start, m.end - sentence.start)
        for m in sentence.mentions
        if m.kind in ("country", "body", "person") or (m.kind in ("place", "other") and m.id)
    ]
    for a, b in spans:
        covered[max(a, 0) : max(b, 0)] = b"\x01" * (max(b, 0) - max(a, 0))
    tokens = [t for t in sentence.tokens if t.text[:1].isupper() and not covered[t.start - sentence.start]]
    out: list[_Span] = []
    i = 0
    while i < len(tokens):
        step = 1
        for n in (4, 3, 2, 1):
            run = tokens[i : i + n]
            if len(run) < n or run[-1].i - run[0].i != n - 1:
                continue
            # A capital stands for its country only as a subject ("Seoul will chair APEC").
            subject = n == 1 and run[0].dep in ("nsubj", "nsubjpass")
            cid = _country_named(" ".join(t.text for t in run), subject)
            if cid:
                out.append(_Span(run[0].start - sentence.start, run[-1].end - sentence.start, cid))
                step = n
                break
        i += step
    return out


@lru_cache(maxsize=8192)
def _country_named(name: str, capitals: bool) -> str | None:
    return resolve.country_id(name, capitals=capitals)


def _token_at(sentence: Sentence, offset: int) -> Token | None:
    """The token covering a sentence-relative offset."""
    pos = sentence.start + offset
    for tok in sentence.tokens:
        if tok.start <= pos < tok.end:
            return tok
    return None


def _country_in(spans: list[_Span], start: int, end: int) -> list[_Span]:
    return [s for s in spans if s.start >= start and s.end <= end]


def _subtree(sentence: Sentence, tok: Token) -> tuple[int, int]:
    """Sentence-relative char span of a token's syntactic subtree."""
    members = {tok.i}
    changed = True
    while changed:
        changed = False
        for t in sentence.tokens:
            if t.i not in members and t.head in members and t.head != t.i:
                members.add(t.i)
                changed = True
    toks = [sentence.tokens[i] for i in sorted(members)]
    return toks[0].start - sentence.start, toks[-1].end - sentence.start


def _subject_actors(
    sentence: Sentence, trig: _Trigger, countries: list[_Span], doc: AnalyzedDocument, state: _DocState
) -> list[str]:
    """The country (or countries) that is the grammatical subject governing the role word."""
    tok = _token_at(sentence, trig.start)
    if tok is None or not sentence.tokens:
        return []
    seen: set[int] = set()
    while tok.i not in seen:
        seen.add(tok.i)
        subjects = [
            t for t in sentence.tokens if t.head == tok.i and t.i != tok.i and t.dep in ("nsubj", "nsubjpass")
        ]
        if subjects:
            subject = subjects[0]
            if subject.text.lower() in ("which", "that", "who") and tok.dep == "relcl" and tok.head != tok.i:
                subject = sentence.tokens[tok.head]  # "India, which holds the chair": India
            return _actors_of_np(sentence, subject, countries, doc, state)
        if tok.head == tok.i:
            break
        head = sentence.tokens[tok.head]
        if (
            head.dep == "prep"
            and head.head != head.i
            and sentence.tokens[head.head].lemma.lower() in _PRAISE_VERBS
        ):
            # "Biden congratulated Lourenco for joining the PAC": the one praised joined.
            return _praised_actors(sentence, sentence.tokens[head.head], trig, countries, doc, state)
        if tok.dep in ("relcl", "acl") and sentence.tokens[tok.head].pos in ("NOUN", "PROPN"):
            head = sentence.tokens[tok.head]
            return _actors_of_np(sentence, head, countries, doc, state)
        tok = sentence.tokens[tok.head]
    # A parse that hung the subject on an auxiliary: the nearest subject before the role word.
    for cand in reversed([t for t in sentence.tokens if t.start - sentence.start < trig.start]):
        if cand.dep in ("nsubj", "nsubjpass"):
            return _actors_of_np(sentence, cand, countries, doc, state)
    return []


_PRAISE_VERBS = frozenset(
    {
        "congratulate",
        "thank",
        "praise",
        "commend",
        "applaud",
        "laud",
        "hail",
        "welcome",
        "salute",
        "credit",
        "recognize",
        "recognise",
        "acknowledge",
    }
)


def _praised_actors(
    sentence: Sentence,
    verb: Token,
    trig: _Trigger,
    countries: list[_Span],
    doc: AnalyzedDocument,
    state: _DocState,
) -> list[str]:
    """The actor of "<verb> X for <role word>": X (a country or a person's country), or the one
    country the praise names before the role word ("for Angola's signing ..., and for joining")."""
    objects = [
        t for t in sentence.tokens if t.head == verb.i and t.i != verb.i and t.dep in ("dobj", "dative")
    ]
    if objects:
        ids = _actors_of_np(sentence, objects[0], countries, doc, state)
        if ids:
            return ids
    start = verb.end - sentence.start
    inside = {c.id for c in countries if start <= c.start and c.end <= trig.start}
    return list(inside) if len(inside) == 1 else []


def _actors_of_np(
    sentence: Sentence, tok: Token, countries: list[_Span], doc: AnalyzedDocument, state: _DocState
) -> list[str]:
    """Countries a subject noun phrase stands for: named, a pronoun or "the country", a person's."""
    start, end = _subtree(sentence, tok)
    inside = _country_in(countries, start, end)
    word = tok.text.lower()
    if inside:
        ids = list(dict.fromkeys(s.id for s in inside))
        if len(ids) == 1:
            return ids
        # "Niger, Mali and Burkina Faso left": a coordination of countries only.
        rest = sentence.text[start:end]
        for s in sorted(inside, key=lambda s: -s.start):
            rest = rest[: s.start - start] + rest[s.end - start :]
        if re.fullmatch(r"[\s,]*(?:(?:and|&)[\s,]*)?(?:the\s*)?[\s,]*", rest.replace(" and ", " ")):
            return ids
        return []
    if word in _PRONOUNS or word in _COUNTRY_NOUNS:
        actor = state.last_actor or state.focus
        return [actor] if actor else []
    for m in sentence.mentions_of("person"):
        if m.start - sentence.start >= start and m.end - sentence.start <= end:
            org = (m.attrs or {}).get("org")
            person = doc.people.get(m.id or "")
            orgs = [org] if org else [o for _, o in (person.titles if person else ()) if o]
            ids = [c for c in (resolve.national_country(o) for o in orgs) if c]
            if ids and len(set(ids)) == 1:
                return [ids[0]]
    return []


def _possessive_actor(sentence: Sentence, trig: _Trigger, countries: list[_Span]) -> str | None:
    """A country's right before the role word: "India's decision to join", "Vietnam's Presidency"."""
    text = sentence.text
    for span in reversed(countries):
        if span.end > trig.start:
            continue
        tail = text[span.end : span.end + 2]
        if not (text[span.start : span.end].endswith(("'s", "’s")) or tail in ("'s", "’s")):
            continue
        between = text[span.end : trig.start]
        between = re.sub(r"^(?:'s|’s)", "", between)
        words = between.split()
        if len(words) <= 4 and not re.search(r"[,;:()]", between):
            return span.id
        return None
    if trig.cls in (_CHAIR, _PRES):  # "under the Russian chairmanship of the group": a demonym owns it
        demonym = re.search(r"(?:^|\s)the\s+([A-Z][a-z]+)\s+(?:rotating\s+)?$", text[: trig.start])
        if demonym and re.search(r"(?:ian|ish|ese|ean|an|i|ic)$", demonym.group(1)):
            return resolve.country_id(demonym.group(1))
    return None


def _object_actor(sentence: Sentence, trig: _Trigger, body: _Span, countries: list[_Span]) -> str | None:
    """The country a role word takes as object: "withdrawing the United States from the WHO"."""
    text = sentence.text
    if trig.end > body.start:
        return None
    between = text[trig.end : body.start]
    inside = _country_in(countries, trig.end, body.start)
    if len(inside) == 1 and re.search(r"\b(?:from|to|into|as)\s+(?:the\s+)?$", between.strip() + " "):
        pre = text[trig.end : inside[0].start]
        if re.fullmatch(r"\s*(?:of\s+)?(?:the\s+)?", pre):
            return inside[0].id
    return None


def _appositive_actor(sentence: Sentence, body: _Span, trig: _Trigger, countries: list[_Span]) -> str | None:
    """The country in apposition to a role: "Turkiye, a NATO member," and "NATO member Turkiye"."""
    text = sentence.text
    before = text[: body.start]
    m = re.search(r",\s*(?:an?|the)\s+(?:fellow\s+|founding\s+|key\s+|current\s+|incoming\s+)?$", before)
    if m:
        for span in countries:
            if span.end <= m.start() and re.fullmatch(r"\s*", text[span.end : m.start()]):
                return span.id
    for span in countries:  # "NATO member Turkiye", "the current ASEAN chair, Laos,"
        if span.start >= trig.end and re.fullmatch(
            r"(?:\s+states?|\s+countr(?:y|ies))?\s*,?\s*(?:the\s+)?", text[trig.end : span.start]
        ):
            return span.id
    return None


def _hosted_by(sentence: Sentence, trig: _Trigger, countries: list[_Span]) -> str | None:
    """The host in "APEC 2017, hosted by Vietnam"."""
    text = sentence.text
    m = re.match(r"\s+by\s+", text[trig.end :])
    if not m:
        return None
    after = trig.end + m.end()
    for span in countries:
        if span.start >= after and re.fullmatch(r"(?:the\s+)?", text[after : span.start]):
            return span.id
    return None


# ----------------------------------------------------------------------------- linking


def _triggers(text: str) -> list[_Trigger]:
    out = []
    for m in _trigger_re().finditer(text):
        cls = next(_TRIGGERS[int(k[1:])][1] for k, v in m.groupdict().items() if v is not None)
        out.append(_Trigger(m.start(), m.end(), cls, m.group(0)))
    return out


def _links(text: str, trig: _Trigger, body: _Span, bodies: list[_Span], countries: list[_Span]) -> bool:
    """True when the text between a role word and a later body is list material only
    (other bodies of the list; a country only as the object: "withdrawing the US from")."""
    between = text[trig.end : body.start]
    if _CLAUSE_BREAK.search(between):
        return False
    objects = [
        c
        for c in countries
        if trig.end <= c.start
        and c.end <= body.start
        and trig.cls in (_LEAVE, _JOIN, _ELECT)
        and re.match(r"\s+(?:from|to|into|as)\b", text[c.end :])
    ]
    for other in sorted(bodies + objects, key=lambda b: -b.start):
        if trig.end <= other.start and other.end <= body.start:
            a, b = other.start - trig.end, other.end - trig.end
            between = between[:a] + " , " + between[b:]
    if trig.cls in (_HOST, _CHAIR, _PRES):  # "will host the 2025 summit of APEC"
        between = _MEETING_OF.sub(" ", between)
    between = _BODY_MODIFIER.sub(" ", between)  # "joined the BRICS-founded New Development Bank"
    between = re.sub(r"\([^()]*\)", " ", between)
    between = re.sub(r"\d{4}\s*[-–/]\s*\d{2,4}", " ", between)
    between = _BARE_YEAR.sub(" ", between)
    words = re.findall(r"[\w.'’-]+", between.lower().replace("’", "'"))
    if len(words) > 14:
        return False
    return all(w in _LINK_WORDS or re.fullmatch(r"\d+(?:st|nd|rd|th)?|[\d,]+", w) for w in words)


@lru_cache(maxsize=1024)
def _is_mission(body_id: str) -> bool:
    """A peace operation is contributed to, not joined: "troops joined the AU Mission in Somalia"."""
    body = resolve.bodies().get(body_id)
    name = " ".join((body.name, *body.aliases)) if body else body_id
    return body_id == "UN_PKO" or bool(
        re.search(r"(?i)peacekeeping|\bMission\b|Stabili[sz]ation Force|Standby Force", name)
    )


def _role_for(trig_cls: str, body_id: str, trig_text: str) -> str | None:
    """The FACTS.md role a role word gives for a body (None: no role)."""
    body = resolve.bodies().get(body_id)
    name = " ".join((body.name, *body.aliases)) if body else body_id
    is_board = bool(re.search(r"\b(?:Board|Executive Council|Governing Body)\b", name))
    if _is_mission(body_id):
        return None if trig_cls in (_LEAVE, _PRES, _VP, _CHAIR, _HOST, "permanent") else "contributor"
    if trig_cls == _CONTRIB:
        return "contributor" if re.match(r"fund|contribut|donor", trig_text, re.IGNORECASE) else None
    if (
        trig_cls == "permanent"
    ):  # "France, a permanent member of the Security Council" (P5 only, checked later)
        return None if body_id == "UN" else "member"
    if trig_cls == _NPM:
        return "non_permanent_member" if body_id == "UNSC" else ("board_member" if is_board else "member")
    if trig_cls == _VP:
        return "vice_president"
    if trig_cls == _PRES:
        return "president"
    if trig_cls == _CHAIR:
        return "president" if body_id == "UNSC" else "chair"
    if trig_cls == _HOST:
        return "host"
    if trig_cls in (_MEMBER, _ELECT, _JOIN, _LEAVE):
        if body_id == "UN":  # every country is one; "a responsible member of the UN" is rhetoric
            return "member" if re.match(r"(?i)founding", trig_text) else None
        if body_id == "UNSC":
            return "non_permanent_member"
        return "board_member" if is_board else "member"
    return None


# ----------------------------------------------------------------------------- terms


def _terms(text: str, published: str | None) -> list[tuple[str | None, str | None, bool]]:
    """(start, end, relative) of each term stated in ``text``; "since 2014" has no end;
    relative: read against the document's date ("this month"), not written out."""
    found: list[tuple[int, int, str | None, str | None]] = []
    for start, end, value in timex.find(text, published):
        if value.value.startswith("--"):
            continue
        if value.start and value.end:
            found.append((start, end, value.start, value.end))
        else:
            found.append((start, end, value.value, value.value))
    for m in _BARE_YEAR.finditer(text):  # years in a list ("in 2002, 2010 and 2020")
        if not any(s <= m.start() < e for s, e, _, _ in found):
            found.append((m.start(), m.end(), m.group(1), m.group(1)))
    found.sort()
    out: list[tuple[str | None, str | None, bool]] = []
    for start, end, first, last in found:
        if re.search(
            r"\b(?:since(?:\s+(?:its|their|the\s+country's)?\s*(?:independence|founding|inception|creation)\s+in)?"
            r"|from|effective|as\s+of|starting|beginning|t(?:ook|akes?)\s+effect)"
            r"\s+(?:on\s+|in\s+)?(?:early\s+|late\s+|mid-?)?$",
            text[:start],
            re.IGNORECASE,
        ) and (first == last or last is None):  # "from 1 December 2022 to 30 November 2023" keeps its end
            last = None
        elif re.search(r"\b(?:until|till|through)\s+$", text[:start], re.IGNORECASE):
            first = None
        out.append((first, last, bool(_RELATIVE.search(text[start:end]))))
    return out


def _window(text: str, begin: int, stop: int) -> str:
    """The part of text[begin:stop] that still speaks of the same item: up to a comma that
    starts a new list item ("..., and the Trump-Kim Summit in 2019")."""
    chunk = text[begin:stop]
    for m in re.finditer(r",", chunk):
        rest = chunk[m.end() :].lstrip()
        if not re.match(
            r"(?:(?:19|20)\d\d|including|namely|both|in\s|from\s|for\s|since\s|twice|"
            r"respectively|i\.e\.|effective\s|(?:which|that)\s+(?:will\s+|would\s+)?t(?:ake|akes|ook)\s+effect)",
            rest,
        ):
            return chunk[: m.start()]
    return chunk


# ----------------------------------------------------------------------------- extract


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    """Role facts of a document, one per (actor, body, role, term)."""
    state = _DocState(focus=doc.focus or _main_country(doc))
    facts: list[tuple[Fact, bool]] = []
    for sentence in doc.sentences:
        facts.extend(_sentence_facts(doc, sentence, state))
    return _consolidate(facts)


def _main_country(doc: AnalyzedDocument) -> str | None:
    """The country a document names most, when doc.focus is not set."""
    counts: dict[str, int] = {}
    for sentence in doc.sentences:
        for mention in sentence.mentions_of("country"):
            if mention.id:
                counts[mention.id] = counts.get(mention.id, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    ranked = sorted(counts.values(), reverse=True)
    return best if len(ranked) == 1 or ranked[0] > ranked[1] else None


def _sentence_facts(doc: AnalyzedDocument, sentence: Sentence, state: _DocState) -> list[tuple[Fact, bool]]:
    """The role facts of one sentence, each with whether its date is relative to the document's."""
    bodies = _bodies(sentence, state)
    countries = _country_spans(sentence)
    triggers = _triggers(sentence.text)
    out: list[tuple[Fact, bool]] = []
    if bodies:
        for index, body in enumerate(bodies):
            out.extend(_body_facts(doc, sentence, state, index, bodies, countries, triggers))
    # Remember what later sentences may refer back to.
    for body in bodies:
        state.bodies_seen.append(body.id)
    subject = _sentence_subject(doc, sentence, countries, state)
    if subject:
        state.last_actor = subject
    return out


def _body_facts(
    doc: AnalyzedDocument,
    sentence: Sentence,
    state: _DocState,
    index: int,
    bodies: list[_Span],
    countries: list[_Span],
    triggers: list[_Trigger],
) -> list[tuple[Fact, bool]]:
    """The role facts about the index-th body of a sentence."""
    text = sentence.text
    body = bodies[index]
    link = _governing_trigger(text, body, bodies, triggers, countries)
    if link is None:
        return (
            _hosted_meeting(doc, sentence, body, countries)
            or _joined_relative(doc, sentence, body, countries, state)
            or _body_acts(doc, sentence, body, countries)
        )
    trig, after = link
    if _BODY_MODIFIER.match(text, body.end):
        return []  # "the BRICS-founded bank", "an AU-led force": the body qualifies another noun
    if not after and trig.cls == _ELECT and re.fullmatch(r"\s+by\s+(?:the\s+)?", text[trig.end : body.start]):
        return []  # "elected by the General Assembly": the electorate, not the seat
    role = _role_for(trig.cls, body.id, trig.text)
    lead_end = min(trig.start, body.start)
    lead_in = text[max(0, lead_end - 60) : lead_end]
    ending = role == "contributor" and _ENDING.search(text[max(0, trig.start - 40) : trig.start])
    if role is None or (_HEDGE.search(lead_in) and not ending):  # "prohibiting any future funding" ends one
        return []
    body_id = _role_body(body.id, role)
    if body_id is None or (not after and not _names_the_body(text, body, role)):
        return []
    if role == "member" and _NOT_MEMBER_STATUS.match(text, body.end):
        return []  # "admitted to the SCO as a dialogue partner": a status short of membership
    if (
        role == "contributor"
        and not _is_mission(body.id)
        and not re.fullmatch(
            r"\s+(?:\w+\s+){0,3}(?:to|for|towards)\s+(?:the\s+)?", text[trig.end : body.start]
        )
    ):
        return []  # "contributions to NATO", not "contributions as a NATO partner"
    if role in ("chair", "president"):
        passed = _passing(doc, sentence, trig, body, body_id, role, countries)
        if passed:
            return passed
    actors = _actors(doc, sentence, trig, body, after, countries, state)
    if not actors and role == "member":
        actors = _body_member(text, trig, body, bodies)
    confidence = 0.7
    if (
        not actors
        and after
        and role in ("chair", "president", "host")
        and state.focus
        and {c.id for c in countries} == {state.focus}
        and not sentence.mentions_of("person")
    ):
        # "The ASEAN Chairmanship Year 2020 raised the country's role": the document's country.
        actors, confidence = [state.focus], 0.5
    if not actors or (len(actors) < 2 and _plural_member(text, trig, after)):
        return []
    if _QUANTIFIED.search(text[max(0, lead_end - 30) : lead_end]) and not (
        after and _appositive_actor(sentence, body, trig, countries)
    ):
        return []  # "any member of NATO", "every NATO member": no particular country
    if role == "non_permanent_member" and trig.cls != _NPM and set(actors) & _P5:
        return []
    if trig.cls == "permanent" and body_id == "UNSC" and not set(actors) <= _P5:
        return []
    actors = actors + [a for a in _alongside(text, max(body.end, trig.end), countries) if a not in actors]
    receiver = _handover_receiver(text, trig, body, role, countries)
    begin = max(body.end, trig.end) if after else body.end
    stop = _next_stop(begin, bodies, triggers, len(text), index)
    last = index
    while (
        last + 1 < len(bodies)
        and stop == bodies[last + 1].start
        and _BODY_LIST_GLUE.fullmatch(text[begin:stop])
    ):
        # "a member of the AU and of the Commonwealth since 1968": the list shares its term
        last += 1
        begin = bodies[last].end
        stop = _next_stop(begin, bodies, triggers, len(text), last)
    out: list[tuple[Fact, bool]] = []
    for fields, relative in _term_fields(doc, text, trig, body, role, begin, stop, after):
        holders = [(actor, fields) for actor in actors]
        if receiver and fields.get("end"):
            holders.append((receiver, {"start": fields["end"], "end": None}))
        for actor, values in holders:
            fact = make_fact(
                doc,
                sentence,
                "role",
                EXTRACTOR,
                confidence=confidence,
                actor=actor,
                body=body_id,
                role=role,
                **values,
            )
            out.append((fact, relative))
    return out


_BODY_MODIFIER = re.compile(
    r"[-‑–](?:founded|led|backed|brokered|sponsored|created|funded|run|based|mediated|hosted|chaired|"
    r"organi[sz]ed|established|initiated|supported|mandated|authori[sz]ed|style)\b"
)
_NOT_MEMBER_STATUS = re.compile(
    r"(?i)\s*,?\s*as\s+(?:an?\s+|its\s+)?(?:\w+\s+)?(?:dialogue\s+partner|partner\b|observer|guest)"
)
_BODY_LIST_GLUE = re.compile(r"(?i)\s*(?:,\s*)?(?:(?:and|as\s+well\s+as)\s+)?(?:of\s+|in\s+)?(?:the\s+)?")


# "the New Development Bank, which it joined as a shareholder in 2021", "NATO, which Sweden joined".
_JOINED_REL = re.compile(r"\s*,\s+which\s+(?:(?P<it>it|the\s+country)\s+|(?=[A-Z]))")
_JOINED_VERB = re.compile(
    r"\s+(?:has\s+|had\s+|formally\s+|officially\s+|also\s+)*(?:joined|acceded\s+to|(?P<left>left|quit|withdrew\s+from))"
    r"(?:\s+as\s+an?\s+(?:\w+\s+)?(?:member|shareholder|party))?\b"
)


def _joined_relative(
    doc: AnalyzedDocument, sentence: Sentence, body: _Span, countries: list[_Span], state: _DocState
) -> list[tuple[Fact, bool]]:
    """Membership stated in a relative clause after the body, with the year joined as its start."""
    text = sentence.text
    rel = _JOINED_REL.match(text, body.end)
    if rel is None or _meeting_parent(body.id) or _is_mission(body.id) or body.id == "UN":
        return []
    if rel.group("it"):
        actor, verb_at = _sentence_subject(doc, sentence, countries, state), rel.end() - 1
    else:
        span = next((c for c in countries if c.start == rel.end()), None)
        actor, verb_at = (span.id, span.end) if span else (None, 0)
    verb = _JOINED_VERB.match(text, verb_at) if actor else None
    if verb is None or not _is_international(body.id):
        return []
    window = re.split(r"[,;]", text[verb.end() :], maxsplit=1)[0]
    dated = [(a, b, rel) for a, b, rel in _terms(window, doc.published) if a and a == b]
    fields: dict[str, str | None] = {"start": None, "end": None}
    relative = False
    if len(dated) == 1:
        fields["end" if verb.group("left") else "start"], relative = dated[0][0], dated[0][2]
    if verb.group("left"):
        fields["status"] = "left"
    fact = make_fact(
        doc, sentence, "role", EXTRACTOR, confidence=0.6, actor=actor, body=body.id, role="member", **fields
    )
    return [(fact, relative)]


# A body acting on a country: "ECOWAS suspended Niger", "the AU readmitted Morocco in 2017".
_BODY_ACTS = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|formally\s+|officially\s+|unanimously\s+)*"
    r"(suspended|expelled|(?:re)?admitted|reinstated)\s+(?:the\s+)?$"
)


def _body_acts(
    doc: AnalyzedDocument, sentence: Sentence, body: _Span, countries: list[_Span]
) -> list[tuple[Fact, bool]]:
    """Membership facts of a country a body suspends, expels or admits."""
    text = sentence.text
    for span in countries:
        if span.start < body.end:
            continue
        m = _BODY_ACTS.fullmatch(text[body.end : span.start])
        if not m or _is_international(body.id) is False:
            return []
        verb = m.group(1)
        # "suspended Niger in July 2023", not "after the July 2023 coup"
        window = re.match(r"\s+(?:in|on)\s+[^;]{0,20}", text[span.end :])
        terms = _terms(window.group(0), doc.published) if window else []
        dated = [(a, b, rel) for a, b, rel in terms if a and a == b]
        when = dated[0][0] if dated else None
        fields: dict[str, str | None]
        if verb in ("suspended", "expelled"):
            fields = {"start": None, "end": when, "status": "suspended" if verb == "suspended" else "left"}
        else:
            fields = {"start": when, "end": None}
        fact = make_fact(
            doc,
            sentence,
            "role",
            EXTRACTOR,
            confidence=0.6,
            actor=span.id,
            body=body.id,
            role="member",
            **fields,
        )
        return [(fact, bool(dated and dated[0][2]))]
    return []


_MEETING_NAME = re.compile(r"\b(?:Summit|Meeting)\b")
# "the 15th ASEAN Summit, which Thailand hosted in ...", "the SCO summit that India will host".
_MEETING_REL = re.compile(
    r"(?i)(?:['’]s)?(?:\s+(?:leaders['’]?|heads\s+of\s+state|ministerial|annual))?"
    r"\s+(?:summit|meeting|conference|ministerial)\s*,?\s+(?:which|that)\s+(?:the\s+)?"
)
_MEETING_REL_BARE = re.compile(r"(?i)\s*,?\s+(?:which|that)\s+(?:the\s+)?")
_HOSTED_BY_IT = re.compile(
    r"(?i)(?:\s+(?:summit|meeting|conference|ministerial))?\s+(?:was|is|will\s+be|is\s+to\s+be)\s+hosted\s+by\s+(?:the\s+)?"
)
_HOSTS_IT = re.compile(
    r"(?i)\s+(?:has\s+|had\s+|(?:will|would|is\s+to|is\s+set\s+to)\s+)?(?:host(?:s|ed)?|(?P<chair>chair(?:s|ed)?))\b"
)


def _hosted_meeting(
    doc: AnalyzedDocument, sentence: Sentence, body: _Span, countries: list[_Span]
) -> list[tuple[Fact, bool]]:
    """The host of a body's meeting named in a relative clause after it."""
    text = sentence.text
    parent = _meeting_parent(body.id)
    rel = (_MEETING_REL_BARE if parent else _MEETING_REL).match(text, body.end)
    passive = _HOSTED_BY_IT.match(text, body.end)
    if (
        passive
        and not parent
        and not re.search(
            r"(?i)\b(?:summit|meeting|conference|ministerial)\b", text[body.start : passive.end()]
        )
    ):
        passive = None  # "NATO was hosted by": not a meeting of it
    body_id = parent or body.id
    if (rel is None and passive is None) or not _is_international(body_id):
        return []
    role = "host"
    if passive:
        span = next((c for c in countries if c.start == passive.end()), None)
        future = bool(re.search(r"(?i)\b(?:will|to)\s+be\s+hosted", passive.group(0)))
        window_at = span.end if span else 0
    else:
        assert rel is not None
        span = next((c for c in countries if c.start == rel.end()), None)
        hosts = _HOSTS_IT.match(text, span.end) if span else None
        if hosts is None:
            return []
        future = bool(re.match(r"(?i)\s+(?:will|would|is)", hosts.group(0)))
        window_at = hosts.end()
        if hosts.group("chair"):
            role = "chair"
    if span is None:
        return []
    window = re.split(r"[,;]", text[window_at:], maxsplit=1)[0]
    dated = [(a, b, r) for a, b, r in _terms(window, doc.published) if a and a == b and len(a) <= 7]
    fields: dict[str, str | None] = {"start": None, "end": None}
    relative = False
    if len(dated) == 1:
        when, relative = dated[0][0], dated[0][2]
        published = doc.published
        if (
            future and len(when) == 7 and published and when[:4] not in window and when < published[:7]
        ):  # "will host in October", read in December: next year's
            when = f"{int(when[:4]) + 1}{when[4:]}"
        fields = {"start": when, "end": when}
    fact = make_fact(
        doc, sentence, "role", EXTRACTOR, confidence=0.6, actor=span.id, body=body_id, role=role, **fields
    )
    return [(fact, relative)]


@lru_cache(maxsize=1024)
def _meeting_parent(body_id: str) -> str | None:
    """The body whose meeting a registry entry is ("ASEAN Summit" -> ASEAN), if it is one."""
    body = resolve.bodies().get(body_id)
    if (
        body is None
        or body.kind != "igo_organ"
        or not _MEETING_NAME.search(" ".join((body.name, *body.aliases)))
    ):
        return None
    best: tuple[int, str] | None = None
    for other in resolve.bodies().values():
        if other.id == body_id or other.country or other.kind not in ("igo", "forum"):
            continue
        for alias in (other.name, *other.aliases):
            named = len(alias) >= 2 and re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", body.name)
            if named and (best is None or len(alias) > best[0]):
                best = (len(alias), other.id)
    return best[1] if best else None


def _role_body(body_id: str, role: str) -> str | None:
    """The body a role is in: hosting or chairing a body's meeting ("the ASEAN Summit") is a role
    of that body; being at a meeting is no membership; a treaty's Conference of the Parties
    (COP27) is a one-off event, not a role."""
    body = resolve.bodies().get(body_id)
    if body and "Conference of the Parties" in body.name:
        return None
    parent = _meeting_parent(body_id)
    if parent is None:
        return body_id
    return parent if role in ("host", "chair", "president") else None


def _governing_trigger(
    text: str, body: _Span, bodies: list[_Span], triggers: list[_Trigger], countries: list[_Span]
) -> tuple[_Trigger, bool] | None:
    """The role word that governs a body: a role noun right after it, else the nearest linked one before."""
    for trig in triggers:
        if (
            trig.start >= body.end
            and _ROLE_NOUN_AFTER.match(text[body.end : trig.end + 1].strip() + " ")
            and _AFTER_GAP.fullmatch(text[body.end : trig.start])
        ):
            return trig, True
    before = [t for t in triggers if t.end <= body.start]
    if before and _links(text, before[-1], body, bodies, countries):
        return before[-1], False  # only the nearest role word may govern a body
    return None


# Capitalised words after a body that still name a gathering of that body ("the ASEAN Summit").
_MEETING_WORDS = frozenset(
    {
        "summit",
        "summits",
        "meeting",
        "meetings",
        "week",
        "conference",
        "session",
        "sessions",
        "forum",
        "general",
        "year",
        "ministerial",
        "leaders",
        "leaders'",
        "games",
    }
)
_ROLE_NOUNS = frozenset(
    {
        "chair",
        "chairmanship",
        "president",
        "presidency",
        "member",
        "membership",
        "seat",
        "host",
        "vice",
        "year",
        "term",
        "board",
    }
)


def _names_the_body(text: str, body: _Span, role: str) -> bool:
    """False when the body only qualifies another name ("a NATO Global Partner", "the ASEAN
    Regional Forum"): a role in that is not a role in the body. Hosting or chairing a body's
    summit or meeting is still the body's."""
    after = text[body.end :]
    if re.match(r"(?:'s|’s)\s", after):  # "NATO's new initiative", but "NATO's 31st member"
        return bool(
            _ROLE_NOUN_AFTER.match(after)
            or re.match(
                r"(?:'s|’s)\s+(?:\w+\s+)?(?:session|term|summit|meeting|general\s+assembly)\b",
                after,
                re.IGNORECASE,
            )
        )
    lower = re.match(r"\s+([a-z][\w'’-]*)", after)
    if lower and role != "contributor":  # "UN peacekeeping force" is still peacekeeping
        return lower.group(1) not in _PART_WORDS
    m = re.match(r"\s+([A-Z][\w'’-]*)", after)
    if not m:
        return True
    word = m.group(1).lower()
    return word in _ROLE_NOUNS or (role in ("host", "chair", "president") and word in _MEETING_WORDS)


# Lower-case nouns after a body that make it name a part or a product of the body
# ("the Security Council committee", "the EU delegation", "the UN budget").
_PART_WORDS = frozenset(
    {
        "committee",
        "committees",
        "subcommittee",
        "panel",
        "panels",
        "secretariat",
        "delegation",
        "delegations",
        "envoy",
        "envoys",
        "ambassador",
        "ambassadors",
        "representative",
        "representatives",
        "office",
        "offices",
        "agency",
        "agencies",
        "resolution",
        "resolutions",
        "sanctions",
        "statement",
        "declaration",
        "charter",
        "treaty",
        "agreement",
        "fund",
        "funds",
        "budget",
        "headquarters",
        "observer",
        "observers",
        "partner",
        "partners",
        "official",
        "officials",
        "staff",
        "chief",
        "spokesperson",
        "spokesman",
        "troops",
        "forces",
        "force",
        "mission",
        "missions",
        "report",
        "reports",
        "framework",
        "program",
        "programme",
        "project",
        "projects",
        "plan",
        "initiative",
        "body",
        "organ",
        "commission",
        "working",
        "task",
        "expert",
        "experts",
    }
)


def _plural_member(text: str, trig: _Trigger, after: bool) -> bool:
    """True for a plural role word ("member states of ASEAN"): no single actor holds the role."""
    if trig.cls not in (_MEMBER, _NPM, "permanent"):
        return False
    if trig.cls in (_NPM, "permanent") and trig.text.lower().endswith(("members", "seats")):
        return True  # "one of the five permanent members"
    return bool(_PLURAL_MEMBER.match(text[trig.start :].split(" of ")[0] + " ")) and not text[
        trig.start : trig.end
    ].lower().endswith("membership")


def _actors(
    doc: AnalyzedDocument,
    sentence: Sentence,
    trig: _Trigger,
    body: _Span,
    after: bool,
    countries: list[_Span],
    state: _DocState,
) -> list[str]:
    text = sentence.text
    # A person's title ("President Joko Widodo", "Chairman Vuong Dinh Hue") is no presidency.
    if trig.cls in (_PRES, _VP, _CHAIR) and not after:
        if not re.match(
            r"\s+(?:of|for|over)\b|\s+(?:\w+\s+){0,2}(?:19|20)\d\d|\s+the\b", text[trig.end :]
        ) and not re.match(r"(?i)chair(?:ed|s|ing)$", trig.text):
            return []
        if re.match(r"\s+by\b", text[trig.end :]):
            return []
    owner = _possessive_actor(sentence, trig, countries)
    if trig.cls in (_PRES, _VP, _CHAIR) and owner is None and _office_of_someone_else(sentence, trig, body):
        return []
    if trig.cls == _HOST:
        by = _hosted_by(sentence, trig, countries)
        if by:
            return [by]
        if re.match(r"\s+by\b", text[trig.end :]):
            return []
    actor = _possessive_actor(sentence, trig, countries)
    if actor is None and after:
        # "the 2020 ASEAN Chair" belongs to the sentence's actor; "Vietnam's ASEAN Chairmanship".
        for span in reversed(countries):
            owner = text[span.start : span.end].endswith(("'s", "’s"))
            # "the German G7 Presidency": a demonym right before the body owns the role too.
            if span.end <= body.start and re.fullmatch(
                r"(?:'s|’s)?\s*(?:(?:19|20)\d\d\s*)?" if not owner else r"\s*(?:(?:19|20)\d\d\s*)?",
                text[span.end : body.start],
            ):
                actor = span.id
                break
        if actor is None:
            actor = _appositive_actor(sentence, body, trig, countries)
    if actor is None and trig.cls in (_LEAVE, _JOIN, _ELECT):
        actor = _object_actor(sentence, trig, body, countries)
    if actor is None and trig.cls in (_LEAVE, _JOIN):
        deciders = _deciders(text, trig, countries)
        if deciders:
            return deciders
    if actor:
        return [actor]
    return _subject_actors(sentence, trig, countries, doc, state)


# "the decision of Chad to withdraw from", "notification by A, B and C of their decision to leave".
_DECISION_OF = re.compile(
    r"(?i)\b(?:decision|notification|notice|announcement|intention|request|application)\s+(?:of|by)\s+"
)
_DECIDERS_GAP = re.compile(r"(?i)\s*,?\s*(?:and\s+)?(?:the\s+)?(?:(?:Federal\s+)?Republic\s+of\s+)?")
_DECIDERS_TAIL = re.compile(
    r"(?i)\s+(?:of\s+(?:their|its)\s+(?:decision|intention)\s+)?to\s+(?:formally\s+)?$"
)


def _deciders(text: str, trig: _Trigger, countries: list[_Span]) -> list[str]:
    """The countries whose decision (notified, announced) the leaving or joining is: a
    communique's "notification by A, B and C of their decision to withdraw from X"."""
    lead = [m for m in _DECISION_OF.finditer(text[: trig.start]) if trig.start - m.end() < 200]
    if not lead:
        return []
    begin = lead[-1].end()
    out: list[str] = []
    for span in countries:
        if span.start < begin or span.end > trig.start:
            continue
        if not _DECIDERS_GAP.fullmatch(text[begin : span.start]):
            break
        out.append(span.id)
        begin = span.end
    if out and _DECIDERS_TAIL.fullmatch(text[begin : trig.start]):
        return list(dict.fromkeys(out))
    return []


def _alongside(text: str, begin: int, countries: list[_Span]) -> list[str]:
    """Countries listed after "alongside" right after the role: they take the same role."""
    out: list[str] = []
    for span in countries:
        if span.start < begin:
            continue
        gap = text[begin : span.start]
        if out and _LIST_GAP.fullmatch(gap):
            out.append(span.id)
        elif not out and (m := _ALONGSIDE.search(gap)):
            head = gap[: m.start()]
            if len(head) > 40 or _CLAUSE_BREAK.search(head):
                return []
            out.append(span.id)
        else:
            break
        begin = span.end
    return out


_PASSES_FROM = re.compile(
    r"\s+(?:\w+\s+)?(?:pass(?:es|ed)?|mov(?:es|ed)|rotat(?:es|ed)|shift(?:s|ed)|go(?:es)?|went|"
    r"transfer(?:s|red)?)\s+(?:on\s+)?from\s+(?:the\s+)?"
)
_PASSES_TO = re.compile(r"\s+to\s+(?:the\s+)?")


def _passing(
    doc: AnalyzedDocument,
    sentence: Sentence,
    trig: _Trigger,
    body: _Span,
    body_id: str,
    role: str,
    countries: list[_Span],
) -> list[tuple[Fact, bool]]:
    """ "The G7 presidency passes from Japan to Italy on 1 January": the giver's term ends, the receiver's starts."""
    text = sentence.text
    end = max(trig.end, body.end)
    giver = next(
        (c for c in countries if c.start >= end and _PASSES_FROM.fullmatch(text[end : c.start])), None
    )
    if giver is None:
        return []
    receiver = next(
        (c for c in countries if c.start >= giver.end and _PASSES_TO.fullmatch(text[giver.end : c.start])),
        None,
    )
    if receiver is None:
        return []
    dated = [
        (a, rel)
        for a, b, rel in _terms(_window(text, receiver.end, len(text)), doc.published)
        if a and a == b
    ]
    when, relative = dated[0] if len(dated) == 1 else (None, False)
    out: list[tuple[Fact, bool]] = []
    for actor, values in (
        (giver.id, {"start": None, "end": when}),
        (receiver.id, {"start": when, "end": None}),
    ):
        fact = make_fact(
            doc, sentence, "role", EXTRACTOR, confidence=0.7, actor=actor, body=body_id, role=role, **values
        )
        out.append((fact, relative))
    return out


_BODY_SUBJECT_BEFORE = re.compile(r"(?:^|,)\s*(?:the\s+)?$", re.IGNORECASE)
_BODY_BECAME = re.compile(
    r"(?i)\s+(?:(?:was|has\s+been|is|has|had|officially|formally|also|now|then)\s+)*"
    r"(?:bec(?:ame|omes|ome)|join(?:ed|s)|admitted|accepted|acced(?:ed|es))(?:\s+as)?\s+"
    r"(?:(?:the|a|an|full|new|newest|latest|permanent|\d+(?:st|nd|rd|th)|\w+th)\s+)*$"
)
_BODY_JOINED = re.compile(r"(?i)\s+(?:(?:has|had|have|officially|formally|also|now|then)\s+)*$")


def _body_member(text: str, trig: _Trigger, body: _Span, bodies: list[_Span]) -> list[str]:
    """A body that joins another as its subject: "the African Union became the 21st member of the G20"."""
    for other in bodies:
        if other.id == body.id or other.end > min(trig.start, body.start) or not _is_international(other.id):
            continue
        if not _BODY_SUBJECT_BEFORE.search(text[: other.start]):
            continue
        gap = text[other.end : trig.start]
        if _BODY_BECAME.fullmatch(gap) or (trig.cls == _JOIN and _BODY_JOINED.fullmatch(gap)):
            return [other.id]
    return []


def _handover_receiver(
    text: str, trig: _Trigger, body: _Span, role: str, countries: list[_Span]
) -> str | None:
    """The country that takes over in "handed over the ASEAN chairmanship to the Philippines"."""
    if role not in ("chair", "president") or not _HANDOVER.search(text[max(0, trig.start - 60) : trig.start]):
        return None
    end = max(trig.end, body.end)
    for span in countries:
        if span.start >= end and re.fullmatch(r"\s+to\s+(?:the\s+)?", text[end : span.start]):
            return span.id
    return None


# Verbs of meeting someone: "met the President of the General Assembly" names a person's office.
_INTERACTION_VERBS = frozenset(
    {
        "meet",
        "thank",
        "call",
        "tell",
        "receive",
        "welcome",
        "congratulate",
        "invite",
        "brief",
        "greet",
        "see",
        "visit",
        "speak",
        "talk",
        "write",
        "urge",
        "ask",
        "accompany",
    }
)


def _office_of_someone_else(sentence: Sentence, trig: _Trigger, body: _Span) -> bool:
    """True when an office word names a person the actor deals with, not the actor's office:
    "met the President of the UN General Assembly, Dennis Francis", "talks with the ASEAN Chair"."""
    text = sentence.text
    end = max(trig.end, body.end)
    for m in sentence.mentions_of("person"):
        start, stop = m.start - sentence.start, m.end - sentence.start
        if start < end and stop > trig.start:
            return True  # "European Commission President Ursula von der Leyen" as one name
        if start >= end and re.fullmatch(r"\s*,?\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?", text[end:start]):
            return True
    tok = _token_at(sentence, trig.start)
    if tok is None or re.fullmatch(r"(?i)chair(?:ed|s|ing)", trig.text):
        return False
    while tok.dep == "conj" and tok.head != tok.i:
        tok = sentence.tokens[tok.head]
    if tok.dep in ("pobj", "dobj", "dative") and tok.head != tok.i:
        head = sentence.tokens[tok.head]
        if tok.dep == "pobj" and head.text.lower() in (
            "with",
            "to",
            "by",
            "from",
            "against",
            "toward",
            "towards",
        ):
            return True
        verb = sentence.tokens[head.head] if tok.dep == "pobj" and head.head != head.i else head
        if verb.lemma.lower() in _INTERACTION_VERBS and verb.pos in ("VERB", "AUX"):
            return True
    return False


def _next_stop(begin: int, bodies: list[_Span], triggers: list[_Trigger], length: int, index: int) -> int:
    """Where the text about a body ends: at the next body or the next role word (a nearby
    "as a member" still speaks of this body)."""
    stop = bodies[index + 1].start if index + 1 < len(bodies) else length
    for trig in triggers:
        if trig.start >= begin and not (trig.cls in (_MEMBER, _NPM) and trig.start <= begin + 25):
            return min(stop, trig.start)
    return stop


def _term_fields(
    doc: AnalyzedDocument,
    text: str,
    trig: _Trigger,
    body: _Span,
    role: str,
    begin: int,
    stop: int,
    after: bool,
) -> list[tuple[dict[str, str | None], bool]]:
    """Fields (start/end/label/status) per term the text gives the role, one without dates if none;
    with whether the term was read against the document's date."""
    window = _window(text, begin, stop)
    published = doc.published
    label = None
    session = _SESSION.search(window)
    if session and role in ("vice_president", "president", "chair"):
        label = f"{session.group(1).lower()} session"
    if trig.cls == "permanent":
        label = "permanent member"
    founding = bool(re.match(r"(?i)founding", trig.text))
    length = _TERM_LENGTH.search(text)
    began = bool(length and _BEGAN.search(text[: length.start()]))
    if re.match(r"(?i)rotating", trig.text):
        label = label or "rotating presidency"
    if re.match(r"(?i)associate", trig.text) or (
        role == "member" and re.search(r"(?i)\bas an? associate member", window)
    ):
        label = "associate member"
    status = None
    if trig.cls == _LEAVE:
        status = "suspended" if re.match(r"(?i)suspen", trig.text) else "left"
    elif role == "contributor" and _ENDING.search(text[max(0, trig.start - 40) : trig.start]):
        status = "ended"
    terms = _terms(window, published)
    if after or role in ("host", "chair", "president"):
        # A year written into the name: "the 2020 ASEAN Chair", "(WEF-ASEAN 2018)".
        pre = re.search(r"((?:19|20)\d\d)\s+(?:\S+\s+){0,1}$", text[max(0, body.start - 12) : body.start])
        if pre and not terms:
            terms = [(pre.group(1), pre.group(1), False)]
    if not terms and not after and role in ("host", "chair", "president"):
        # "will host the 2025 summit of APEC": the year of the meeting
        named = _BARE_YEAR.findall(text[trig.end : body.start])
        if len(named) == 1:
            terms = [(named[0], named[0], False)]
    if not terms and role in ("host", "chair", "president"):
        # "In 2020, Vietnam chaired ASEAN": a single leading date of the clause.
        # Not "met today at the invitation of the G7 Presidency": a year or month, written out.
        lead = _terms(text[: trig.start], published)
        if (
            len(lead) == 1
            and lead[0][0] == lead[0][1]
            and lead[0][0]
            and len(lead[0][0]) <= 7
            and not lead[0][2]
        ):
            terms = lead
    results: list[tuple[dict[str, str | None], bool]] = []
    lead_in = text[max(0, trig.start - 60) : trig.start]
    if (
        not terms
        and role == "member"
        and (trig.cls == _JOIN or _TAKING.search(lead_in))
        and _LEAD_SETTING.match(text)
    ):
        # "At the summit on 9 September, the AU was admitted as a member": the setting's one date
        lead = _terms(text[: min(trig.start, body.start)], published)
        if len(lead) == 1 and lead[0][0] and lead[0][0] == lead[0][1]:
            terms = lead
    handover = role in ("chair", "president") and _HANDOVER.search(lead_in)
    taking = role in (
        "chair",
        "president",
        "member",
        "board_member",
        "non_permanent_member",
    ) and _TAKING.search(lead_in)
    taking = taking or began
    future = bool(_FUTURE.search(lead_in))
    for first, last, relative in terms:
        if (
            future
            and first
            and first == last
            and len(first) == 7
            and published
            and first[:4] not in text
            and (first < published[:7])
        ):  # "will host the summit in October", read in January
            first = last = f"{int(first[:4]) + 1}{first[4:]}"
        if (
            role in ("host", "chair", "president")
            and first != last
            and last is not None
            and not (first and len(first) == 10 and len(last) == 10)
        ):
            continue  # a multi-year range near a presidency is the membership's term
        if founding and first == last:
            fields = {"start": first, "end": None}  # "a founding member of X in 1997"
            if label:
                fields["label"] = label
            results.append((fields, relative))
            continue
        if handover or (first == last and _ENDS_AFTER.match(window)):
            # the giver's term ends (the receiver's is another fact); "the presidency ends in December"
            first, last = None, last or first
        elif (taking and first == last) or (
            role in ("chair", "president") and first and len(first) == 10 and first == last
        ):
            last = None  # "assumed the presidency on 1 December": a start
        elif trig.cls == _LEAVE or status == "ended":
            first, last = None, last or first
        elif trig.cls == _JOIN and first == last and not re.match(r"(?i)particip", trig.text):
            last = None  # "joined X in 2007": a start, not a one-year term
        elif (
            role in ("member", "board_member", "non_permanent_member")
            and first == last
            and first
            and trig.cls in (_ELECT, _MEMBER, _NPM)
            and not re.search(rf"\bfor\s+(?:the\s+)?{re.escape(first)}", window)
        ):
            continue  # "elected in 2022" is when, not the term
        if length and first and last is None and trig.cls != _LEAVE:
            # "began a two-year term ... in January": the term's years
            years = _TERM_YEARS.get(length.group(1).lower()) or int(length.group(1))
            first, last = first[:4], str(int(first[:4]) + years - 1)
        fields = {"start": first, "end": last}
        if label:
            fields["label"] = label
        if status:
            fields["status"] = status
        results.append((fields, relative))
    if not results:
        fields = {"start": None, "end": None}
        if label:
            fields["label"] = label
        if status:
            fields["status"] = status
        results.append((fields, False))
    return results


def _sentence_subject(
    doc: AnalyzedDocument, sentence: Sentence, countries: list[_Span], state: _DocState
) -> str | None:
    """The country a sentence's main subject is, to resolve "It" / "the country" in the next one."""
    for tok in sentence.tokens:
        if tok.dep in ("nsubj", "nsubjpass") and sentence.tokens[tok.head].dep == "ROOT":
            ids = _actors_of_np(sentence, tok, countries, doc, state)
            return ids[0] if len(ids) == 1 else None
    return None


def _consolidate(found: list[tuple[Fact, bool]]) -> list[Fact]:
    """One fact per (actor, body, role, term): an undated or less precise statement of a role
    that the document also dates is the same role, not another one; a date read against the
    document's date ("this month") gives way to one the text writes out."""
    explicit = {
        (f.get("actor"), f.get("body"), f.get("role")) for f, rel in found if f.get("start") and not rel
    }
    facts = [
        f for f, rel in found if not (rel and (f.get("actor"), f.get("body"), f.get("role")) in explicit)
    ]
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in facts:
        key = (fact.get("actor"), fact.get("body"), fact.get("role"))
        groups.setdefault(key, []).append(fact)
    out: list[Fact] = []
    for group in groups.values():
        kept: list[Fact] = []
        for fact in sorted(group, key=lambda f: -len(f.get("start") or "") - len(f.get("end") or "")):
            start, end = fact.get("start") or "", fact.get("end") or ""
            if any(_covers(k, start, end) for k in kept):
                continue
            kept.append(fact)
        out.extend(sorted(kept, key=lambda f: f.evidence.sentence))
    return sorted(out, key=lambda f: f.evidence.sentence)


def _covers(kept: Fact, start: str, end: str) -> bool:
    """A kept fact says at least as much about the term as (start, end)."""
    k_start, k_end = kept.get("start") or "", kept.get("end") or ""
    if not start and not end:
        return True
    if start == end and len(start) == 4 and k_start and k_end and k_start[:4] <= start <= k_end[:4]:
        return True  # "its presidency ... in 2023" inside "from 1 December 2022 to 30 November 2023"
    return (
        k_start.startswith(start) and k_end.startswith(end)
        if start and end
        else (k_start.startswith(start) if start else k_end.startswith(end))
    )
