"""The ``position`` fact: a person holds an office (title, org) at a time.

Titles are read from the text around each name, in the shapes news, ministry
statements and transcripts use: a title before the name ("Indian President Ram
Nath Kovind", "General Secretary of the X Party cum President of Y Z"), an
apposition after it ("Jane Roe, Deputy Secretary at Kenya's Ministry of ..."), a
trailing "of Country" ("Prime Minister Jane Roe of Japan"), "his Russian
counterpart X", and transcript speaker labels ("PRESIDENT ROE:"). The nlp
stage's own title attributes (person mention ``attrs["titles"]`` and
``AnalyzedDocument.people``) are merged in.

The org is the country or body the text attaches to the title; failing that, a
national title (President, Minister, Ambassador...) takes the country the
document speaks for (its publisher's country or its focus). A person with no
title anywhere in the document gets no position (precision first).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from diplograph import resolve
from diplograph.extract.base import make_fact
from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Fact, Sentence

EXTRACTOR = "positions"

# Office heads, longest first so "Prime Minister" wins over "Minister".
_HEADS = [
    r"Under[- ]Secretary[- ]General", r"Assistant Secretary[- ]General", r"Deputy Secretary[- ]General",
    r"Secretary[- ][Gg]eneral", r"General Secretary", r"Secretary of State", r"State Secretary",
    r"Prime Minister", r"Vice[- ]President", r"President(?:-elect)?", r"Premier", r"Vice[- ]Premier",
    r"Chancellor", r"Crown Prince", r"King", r"Queen", r"Emir", r"Amir", r"Sultan", r"Pope",
    (r"(?:Foreign|Defen[cs]e|Finance|Trade|Interior|Home|Justice|Economy|Economic|Health|Energy|"
     r"Agriculture|Commerce|Industry|Education|Culture|Information|Transport|Environment|Labou?r|"
     r"Planning|Investment|Tourism|Security|Public Security|National Defen[cs]e|External Affairs|"
     r"Cabinet|Oil|Petroleum|Mining|Mines|Water|Fisheries|Digital|Science|Technology) (?:Minister|Secretary)"),
    r"Minister(?:[- ]Counsellor)?", r"Foreign Secretary", r"Home Secretary", r"Cabinet Secretary",
    r"National Security (?:Advis[eo]r)", r"High Commissioner", r"High Representative", r"Commissioner",
    r"Ambassador(?:[- ]at[- ]Large)?", r"Special Envoy", r"Envoy", r"Permanent Representative",
    r"Consul[- ]General", r"Charg[eé] d['’]Affaires",
    r"Chairman", r"Chairwoman", r"Chairperson", r"Chair", r"Vice[- ]Chair(?:man|woman|person)?",
    r"Speaker", r"Director[- ]General", r"Executive Secretary", r"Executive Director",
    r"Spokes(?:person|man|woman)", r"Chief of Staff", r"Chief of (?:the )?General Staff",
    r"Commander[- ]in[- ]Chief", r"Head of State", r"Head of Government",
    r"(?:Politburo|Standing Committee|Permanent) [Mm]ember", r"Governor", r"Secretary", r"Counterpart",
]
_MODS = (r"(?:(?:Acting|Deputy|Vice|First|Second|Senior|Permanent|Special|Assistant|Executive|Chief|Interim|"
         r"Former|former|[Ll]ate|[Oo]utgoing|[Ii]ncoming|then|Grand|Supreme|Principal|State)[ -])*")
_TITLE_RE = re.compile(r"(?<![\w-])(?P<title>" + _MODS + r"(?:" + "|".join(_HEADS) + r"))(?![\w-])")
_SPEAKER_RE = re.compile(r"^(?P<title>(?:[A-Z]+ )*?(?:PRESIDENT|PRIME MINISTER|SECRETARY|GENERAL SECRETARY|"
                         r"SECRETARY[- ]GENERAL|MINISTER|CHANCELLOR|AMBASSADOR|SPEAKER|KING|QUEEN|PREMIER|"
                         r"CHAIRMAN|SPOKESPERSON))\s+(?P<name>[^\W\d_][^\s:]*(?:\s+[^\W\d_][^\s:]*){0,3})\s*:")

# Titles that belong to a state unless the text names another org.
_NATIONAL = re.compile(r"President|Prime Minister|Premier|Chancellor|Minister|Secretary of State|State Secretary|"
                       r"Foreign Secretary|Home Secretary|Cabinet Secretary|National Security|Ambassador|Envoy|"
                       r"Representative|Consul|Charg|Speaker|King|Queen|Emir|Amir|Sultan|Crown Prince|"
                       r"General Secretary|Head of|Secretary$|Spokes|Governor|Chief of", re.IGNORECASE)
_ENVOY = re.compile(r"Ambassador|Envoy|Representative|Consul|Charg|High Commissioner", re.IGNORECASE)
_UN_DEFAULT = re.compile(r"Under[- ]Secretary[- ]General|Assistant Secretary[- ]General|^Secretary-General$")
_PAST = re.compile(r"\b(?:former|late|then|outgoing)\b", re.IGNORECASE)

# Capitalised words that name organisations, not people: they end the org part of "of X Name".
_ORG_WORDS = {
    "ministry", "committee", "secretariat", "politburo", "council", "commission", "department", "office",
    "assembly", "parliament", "government", "cabinet", "group", "agency", "bureau", "division", "board",
    "service", "services", "forces", "force", "army", "navy", "party", "union", "front", "movement", "affairs",
    "republic", "kingdom", "state", "states", "nations", "organization", "organisation", "forum", "bank",
    "fund", "court", "congress", "senate", "house", "trade", "defence", "defense", "foreign", "central",
    "national", "people's", "peoples", "federation", "league", "alliance", "community", "authority",
    "institute", "university", "association", "corporation", "company", "centre", "center", "presidency",
    "mission", "delegation", "embassy", "consulate", "administration", "province", "region", "city",
    "americas", "asia", "africa", "europe", "pacific", "relations", "cooperation", "security", "development",
    "economic", "policy", "ministries", "communist", "democratic", "islamic", "federal",
}
_PORTFOLIOS = {
    "finance", "justice", "interior", "health", "education", "energy", "agriculture", "commerce", "industry",
    "culture", "information", "transport", "environment", "labour", "labor", "planning", "investment",
    "tourism", "defence", "defense", "economy", "communications", "fisheries", "mines", "mining", "petroleum",
    "water", "science", "technology", "treasury", "state", "welfare", "immigration", "housing", "sports",
    "youth", "women", "infrastructure", "works", "lands", "budget", "revenue", "customs",
}
_NOT_NAMES = {
    "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "his", "her", "their", "our", "this", "that", "it",
    "he", "she", "they", "we", "i", "you", "after",
    "while", "during", "when", "today", "yesterday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mr.", "mrs.", "ms.", "dr.", "before", "remarks", "readout",
    "statement", "meeting", "bilateral", "joint", "summit", "conference", "visit", "talks", "according",
    "also", "said", "says", "welcome", "thank", "thanks", "excellency", "sir", "madam", "deputy", "vice",
    "family", "event", "administration", "government", "day", "week", "people", "team", "office", "nation",
    "initiative", "program", "programme", "act", "law", "plan", "strategy", "partnership", "agreement", "accord",
    "years", "year", "months", "month", "days", "progress", "action", "details", "index", "price", "jobs",
    "report", "responsibilities", "process", "declaration", "personnel", "order", "memorandum", "proclamation", "nominations", "nominees", "appointments", "economics", "homeland", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "room", "center",
    "centre", "building", "house", "forum", "council", "committee", "ministry",
}
_PARTICLE_NAME = re.compile(r"^(?:al|el|bin|ibn|ould|ag|de|da|di|du|van|von|le|la)-[A-Z]")
_PRONOUNS = {"he", "she", "it", "we", "i", "you", "they", "his", "her", "our", "their"}
_PARTICLES = {"bin", "bint", "al", "el", "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von",
              "der", "den", "la", "le", "ibn", "abu", "ould", "wa"}
_SUFFIX = re.compile(r"^,?\s*(Jr\.?|Sr\.?|II|III|IV)(?![\w])")
_WORD = re.compile(r"[^\s,;:()\[\]\"“”|?!—–]+")


@dataclass(frozen=True)
class Holding:
    """One reading of "person P holds title T in org O" in one sentence."""

    person: str  # canonical form of the name as written here
    title: str
    org: str | None
    sentence: Sentence
    explicit: bool  # the org is stated next to the title (not inferred)
    past: bool = False
    at: int = -1  # document offset of the name


def _cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _strip_poss(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


@lru_cache(maxsize=8192)
def _org_of_text(text: str, context: str | None = None) -> str | None:
    """Body or country id for a bit of text (bodies first: "Communist Party of Vietnam" is CPV, not VNM).

    ``context`` (the document's home country) resolves generic names: "the National Assembly".
    """
    text = text.strip(" ,.;:()")
    if not text:
        return None
    for candidate in (text, _strip_poss(text)):
        bid = resolve.body_id(candidate, context=context)
        if bid:
            return bid
        cid = resolve.country_id(candidate)
        if cid:
            return cid
    return None


def _org_in(sentence: Sentence, start: int, end: int, home: str | None) -> tuple[str | None, int]:
    """The first org named in ``[start, end)`` of the document, and where its naming ends.

    Mentions first (the nlp stage resolves demonyms and aliases in context), then
    the longest word run that the registries know.
    """
    best: tuple[str | None, int] = (None, start)
    found = [m for m in sentence.mentions if m.kind in ("body", "country") and m.id
             and m.start >= start and m.end <= end]
    bodies = [m for m in found if m.kind == "body"]
    pick = (bodies or found)
    if pick:
        m = min(pick, key=lambda m: m.start)
        best = (m.id, max(x.end for x in found))
    text = sentence.local(start, end)
    words = [(w.start() + start, w.end() + start, w.group()) for w in _WORD.finditer(text)]
    for i in range(len(words)):
        if words[i][2].lower() in ("the", "of", "and"):
            continue
        for j in range(min(len(words), i + 8), i, -1):
            span_text = sentence.local(words[i][0], words[j - 1][1])
            oid = _org_of_text(span_text, home)
            if oid:
                if best[0] is None or (resolve.bodies().get(oid) and not resolve.bodies().get(best[0] or "")):
                    best = (oid, max(best[1], words[j - 1][1]))
                else:
                    best = (best[0], max(best[1], words[j - 1][1]))
                break
        if best[0] is not None:
            break
    return best


def _country_like(text: str) -> bool:
    return bool(_org_of_text(text))


def _name_after(sentence: Sentence, pos: int, allow_org_prefix: bool) -> tuple[str, int, int] | None:
    """A person's name starting at doc offset ``pos`` (after a title), as (name, start, end).

    With ``allow_org_prefix`` the words first name an org ("of Laos Thongloun
    Sisoulith"): the name is the longest trailing run of name-like words.
    """
    base = pos - sentence.start
    rest = sentence.text[base:]
    lead = len(rest) - len(rest.lstrip(" -–—"))
    words: list[tuple[int, int, str]] = []
    prev = lead
    for w in _WORD.finditer(rest, lead):
        if rest[prev:w.start()].strip():  # punctuation between words ends the run
            break
        word = w.group()
        bare = _strip_poss(word).rstrip(".")
        if not (_cap(word) or (word.lower() in _PARTICLES and (words or _cap(_next_word(rest, w.end()))))
                or (words and _PARTICLE_NAME.match(word))):
            break
        words.append((pos + w.start(), pos + w.end(), word))
        prev = w.end()
        if word.endswith(("'s", "’s")) or (word.endswith(".") and len(bare) > 2):
            break
    # drop trailing particles
    while words and words[-1][2].lower() in _PARTICLES:
        words.pop()
    if not words:
        return None
    # cut the org part: the name starts after the last org word / resolvable org span
    start_idx = 0
    for i, (_, _, word) in enumerate(words):
        bare = _strip_poss(word).lower().rstrip(".")
        if bare in _ORG_WORDS:
            start_idx = i + 1
    if allow_org_prefix or start_idx:
        for i in range(len(words)):
            for j in range(min(len(words), i + 5), i, -1):
                if _country_like(" ".join(w[2] for w in words[i:j])):
                    start_idx = max(start_idx, j)
                    break
    for m in sentence.mentions:
        if m.kind in ("country", "body") and words[0][0] <= m.start < words[-1][1]:
            for i, found in enumerate(words):
                if found[1] <= m.end:
                    start_idx = max(start_idx, i + 1)
    words = words[start_idx:]
    while words and (words[0][2].lower().rstrip(".") in _NOT_NAMES or
                     (words[0][2].lower() in _PARTICLES and not _cap(words[-1][2]))):
        words = words[1:]
    if not words or len(words) > 6:
        return None
    if any(_strip_poss(w[2]).lower().rstrip(".") in _NOT_NAMES for w in words):
        cut = next(i for i, w in enumerate(words) if _strip_poss(w[2]).lower().rstrip(".") in _NOT_NAMES)
        words = words[:cut]
        if not words:
            return None
    if _headline(sentence.text):
        # title case runs verbs into the name ("President Jo Roe Visits Kenya")
        verb_at = next((i for i, x in enumerate(words) if i and (x[2].lower() in _HEADLINE_VERBS or
                                                                 x[2].lower() in _HEADLINE_BREAKS)), None)
        if verb_at is not None:
            words = words[:verb_at]
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if words[-1][2].endswith(".") and len(_strip_poss(words[-1][2]).rstrip(".")) > 2:
        end -= 1
    text = sentence.local(start, end)
    text = re.sub(r"['’]s$", "", text)
    if len(text.replace(".", "").strip()) < 2 or text.isupper() and len(text) <= 4:
        return None
    suffix = _SUFFIX.match(sentence.text[end - sentence.start:])
    if suffix:
        text = f"{text} {suffix.group(1)}"
        end += suffix.end()
    if _country_like(text):
        return None
    return resolve.person_name(text), start, end


def _next_word(text: str, pos: int) -> str:
    match = re.match(r"\s+(?:(?:der|den|de|la|le)\s+)?(\S+)", text[pos:])
    return match.group(1) if match else ""


def _name_in_complement(sentence: Sentence, start: int, end: int) -> tuple[str, int, int] | None:
    """The name that closes a title's complement: "President of Laos Jane Roe", "Chairman of X Assembly Jo Roe's"."""
    words = [(start + w.start(), start + w.end(), w.group())
             for w in _WORD.finditer(sentence.local(start, end))]
    orgs = [m for m in sentence.mentions if m.kind in ("country", "body") and start <= m.start < end]
    for m in sentence.mentions_of("person"):
        if start < m.start < end and m.label != "coref" and m.id:
            if any(o.start <= m.start < o.end for o in orgs):
                continue  # the NER ran an org and a name together
            text = re.sub(r"['’]s$", "", m.text)
            following = re.match(r"(?:\s+(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|ould|ag|de|da|van|von)-[A-Z][\w'’-]*))+",
                                 sentence.text[m.end - sentence.start:])
            if following and m.end + following.end() <= end + 1 and m.text == text:
                text = re.sub(r"['’]s$", "", text + following.group())
            if not _country_like(text) and not any(_strip_poss(w).lower() in _ORG_WORDS for w in text.split()):
                return resolve.person_name(text), m.start, m.start + len(text)
    while words and words[-1][2].lower() in ("and", "of", "the", "for", "&"):
        words.pop()
    name: list[tuple[int, int, str]] = []
    for w in reversed(words):
        bare = _strip_poss(w[2]).rstrip(".").lower()
        if (not (_cap(w[2]) or _PARTICLE_NAME.match(w[2])) or bare in _ORG_WORDS or (bare in _NOT_NAMES and bare not in _PRONOUNS)
                or bare in _PORTFOLIOS
                or any(m.start <= w[0] < m.end for m in orgs) or _country_like(w[2])):
            if bare in _PARTICLES and name:
                name.insert(0, w)
                continue
            break
        name.insert(0, w)
    while name and name[0][2].lower() in _PARTICLES:
        name.pop(0)
    if len(name) < 2 or len(name) > 6:
        return None
    text = re.sub(r"['’]s$", "", sentence.local(name[0][0], name[-1][1]))
    return resolve.person_name(text), name[0][0], name[-1][1]


_HEADLINE_VERBS = {
    "secures", "withdraws", "meets", "visits", "holds", "signs", "says", "calls", "urges", "hosts", "welcomes",
    "announces", "launches", "receives", "travels", "speaks", "delivers", "issues", "names", "appoints",
    "congratulates", "condemns", "discusses", "thanks", "praises", "vows", "pledges", "attends", "addresses",
    "joins", "leaves", "arrives", "returns", "talks", "tells", "wins", "takes", "makes", "hails", "backs",
    "stepping", "visiting", "meeting", "calling", "announcing", "hosting", "signing", "welcoming", "speaking",
    "details", "unveils", "marks", "celebrates", "highlights", "releases", "outlines", "expands", "honors",
    "honours", "nominates", "proclaims", "invites", "convenes", "responds", "commemorates",
}
_HEADLINE_BREAKS = {"on", "in", "at", "en", "during", "before", "after", "with", "to", "for", "from", "of",
                    "and", "by", "about", "over", "amid", "ahead", "following", "via"}
# Words that title a person rather than name them ("Senator Roe", "Press Secretary Roe").
_TITLE_WORDS = {
    "senator", "sen", "leader", "chief", "secretary", "press", "governor", "gov", "president", "minister",
    "ambassador", "speaker", "representative", "rep", "congressman", "congresswoman", "mayor", "general",
    "gen", "admiral", "adm", "colonel", "col", "lieutenant", "lt", "captain", "capt", "commissioner", "judge",
    "justice", "chairman", "chairwoman", "chair", "director", "envoy", "spokesperson", "spokesman",
    "spokeswoman", "deputy", "vice", "prime", "king", "queen", "prince", "princess", "sheikh", "emir", "sultan",
    "dr", "mr", "mrs", "ms", "madam", "sir", "lord", "lady", "his", "her", "excellency", "former", "late",
    "first", "mrs.", "mr.", "dr.", "ms.", "national", "security", "advisor", "adviser", "foreign", "counterpart",
    "shri", "smt", "shrimati", "hon", "honourable", "honorable", "prof", "dame",
}
_OFFICE_WORDS = {"governor", "senator", "representative", "secretary", "minister", "president", "ambassador",
                 "speaker", "chairman", "chairwoman", "director", "leader", "spokesperson", "spokesman", "mayor"}
_SMALL_WORDS = {"with", "from", "into", "over", "upon", "onto", "than", "that", "amid", "after", "before"}


@lru_cache(maxsize=4096)
def _headline(text: str) -> bool:
    """Title case ("Fact Sheet: President Jo Roe Secures Peace in Kenya"): no long lowercase word."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and not any(w[0].islower() and w.lower() not in _SMALL_WORDS for w in words)


def _normalise_org(org: str) -> str:
    """A party organ stands for its party ("Party Central Committee" -> the party), else its country."""
    body = resolve.bodies().get(org)
    if body is None or not body.kind.endswith("_organ") or not body.country:
        return org
    if body.kind.startswith("party"):
        parties = [b.id for b in resolve.bodies().values() if b.kind == "party" and b.country == body.country]
        return parties[0] if len(parties) == 1 else body.country
    return org


def _pre_org(sentence: Sentence, title_start: int) -> str | None:
    """An org named right before a title: "Indian President", "U.S. Ambassador", "Malaysia's Prime Minister"."""
    for m in sentence.mentions:
        if m.kind in ("country", "body") and m.id and m.end <= title_start:
            between = sentence.local(m.end, title_start)
            if re.fullmatch(r"(?:['’]s)?\s*", between):
                return m.id
    before = sentence.text[: title_start - sentence.start]
    match = re.search(r"((?:[A-Z][\w.'’-]*\s+){1,4})$", before)
    if match:
        words = match.group(1).split()
        for i in range(len(words)):
            oid = _org_of_text(" ".join(words[i:]))
            if oid:
                return oid
    return None


def _trailing_org(sentence: Sentence, end: int) -> str | None:
    """ "Prime Minister Jane Roe of Japan": the org after the name."""
    rest = sentence.text[end - sentence.start:]
    match = re.match(r"\s+of\s+(?:the\s+)?", rest)
    if not match:
        return None
    start = end + match.end()
    for m in sentence.mentions:
        if m.kind in ("country", "body") and m.id and start <= m.start <= start + 4:
            return m.id
    words = _WORD.findall(rest[match.end():])[:5]
    for j in range(len(words), 0, -1):
        oid = _org_of_text(" ".join(words[:j]))
        if oid:
            return oid
    return None


def _complement_end(sentence: Sentence, pos: int) -> int:
    """End of a title's "of/for/at/to ..." complement that begins at ``pos``."""
    text = sentence.text
    i = pos - sentence.start
    match = re.match(r"(?:\s+(?:of|for|at|to|in)\s+(?:the\s+)?(?:[^\W\d_][\w'’.&-]*|\([A-Z.]+\))"
                     r"(?:\s+(?:(?:of|and|for|the|on|&)\s+)*(?:[^\W\d_][\w'’.&-]*|\([A-Z.]+\)))*)+",
                     text[i:])
    if not match:
        return pos
    # keep only capitalised words (lowercase words other than connectors end it)
    out = pos
    for w in re.finditer(r"\S+", match.group()):
        word = w.group().strip("(),")
        if word and (word[0].isupper() or _PARTICLE_NAME.match(word) or
                     word.lower() in ("of", "for", "at", "to", "in", "the", "and", "on", "&")):
            out = pos + w.end()
        else:
            break
    return out


def holdings(doc: AnalyzedDocument) -> list[Holding]:
    """Every (person, title, org) reading in the document, before org inference."""
    out: list[Holding] = []
    home = home_country(doc)
    for sentence in doc.sentences:
        out.extend(_sentence_holdings(sentence, home))
    # the nlp stage's readings fill in people this reader missed (its own may disagree: ours win)
    own = {(h.sentence.index, tok) for h in out for tok in _tokens(h.person)}
    for h in _nlp_holdings(doc):
        if not _clean_name(h.person) or any((h.sentence.index, tok) in own for tok in _tokens(h.person)):
            continue
        head = _TITLE_RE.search(h.title)
        if not h.title[:1].isupper() or not head or not re.sub(_MODS, "", head.group("title")).strip() \
                or re.search(r"\b(?:to|of|for)\s+the\s+$", h.title[:head.start()]):
            continue  # "president of the club", a bare "Deputy": not an office we can place
        out.append(h)
    return [replace(h, person=usual_order(h.person)) if h.person[:2].isupper() else h for h in out]


def _nlp_holdings(doc: AnalyzedDocument) -> list[Holding]:
    """What the nlp stage read: person mentions with title attrs."""
    out = []
    for sentence in doc.sentences:
        if _headline(sentence.text):
            continue  # title case misleads the NER; the title parse above handles headlines
        for m in sentence.mentions_of("person"):
            if not m.id or m.label == "coref":
                continue
            titles = list(m.attrs.get("titles") or [])
            if not titles and m.attrs.get("title"):
                titles = [(m.attrs["title"], m.attrs.get("org"))]
            for title, org in titles:
                if title:
                    out.append(Holding(strip_titles(m.id), str(title), org, sentence, org is not None,
                                       bool(_PAST.search(str(title))), m.start))
    return out


def _sentence_holdings(sentence: Sentence, home: str | None = None) -> list[Holding]:
    out: list[Holding] = []
    speaker = _SPEAKER_RE.match(sentence.text)
    if speaker:
        title = speaker.group("title").title()
        name = resolve.person_name(speaker.group("name").title())
        if name and not _country_like(name):
            out.append(Holding(name, title, None, sentence, False, at=sentence.start))
        return out
    matches = list(_TITLE_RE.finditer(sentence.text))
    pending: list[tuple[str, str | None, bool]] = []  # chained titles waiting for their name ("A cum B Name")
    for k, match in enumerate(matches):
        t_start = sentence.start + match.start("title")
        t_end = sentence.start + match.end("title")
        title = match.group("title")
        if title.lower() == "counterpart":
            continue
        if re.search(r"\b(?:to|of|for)\s+the\s+$", sentence.text[:match.start("title")]) and \
                re.match(r"\s+(?:for|of|on)\b|['’]s|\s*[,.;]|\s+[a-z]|\s*$", sentence.text[match.end("title"):]):
            continue  # "Assistant to the President", "Office of the President": not an office holder's title
        # plural ("Prime Ministers of ...") or lowercase generic use
        after = sentence.text[match.end("title"):]
        if after[:1] == "s" or after[:2] == "’s" and False:
            continue
        comp_end = _complement_end(sentence, t_end)
        org = None
        envoy = bool(_ENVOY.search(title))
        if comp_end > t_end:
            comp_text = sentence.local(t_end, comp_end)
            scope_end = comp_end
            if envoy:  # "Ambassador to Vietnam": the destination is not the org
                cut = re.search(r"\s(?:to|in)\s", comp_text)
                if cut:
                    scope_end = t_end + cut.start()
            org, _ = _org_in(sentence, t_end, scope_end, home)
        pre = _pre_org(sentence, t_start)
        explicit_org = org or pre
        # a chained title: "President of the X Party cum Prime Minister ..."
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        link_end = comp_end
        if nxt is not None:
            between = sentence.text[comp_end - sentence.start: nxt.start("title")]
            if re.fullmatch(r"\s*(?:cum|and|and concurrently|&|,\s*concurrently)\s*", between):
                pending.append((title if comp_end == t_end else sentence.local(t_start, comp_end).strip(),
                                explicit_org, bool(_PAST.search(title))))
                continue
        named = _name_after(sentence, link_end, allow_org_prefix=False)
        if named is None:
            # "The Prime Minister of India, Shri Jo Roe, said": the name set off by commas; with no
            # complement only after an honorific ("the British Prime Minister, Sir Jo Roe,")
            set_off = re.match(r",\s+" + _HONORIFICS,
                               sentence.text[comp_end - sentence.start:])
            if set_off and comp_end == t_end and not re.match(r",\s+" + _HONORIFICS.replace(")*", ")+"),
                                                               sentence.text[comp_end - sentence.start:]):
                set_off = None
            if set_off:
                cand = _name_after(sentence, comp_end + set_off.end(), allow_org_prefix=False)
                if cand and re.match(r"\s*(?:,|$)", sentence.text[cand[2] - sentence.start:]) and \
                        len(cand[0].split()) >= 2:
                    named = cand
        if named is None and comp_end > t_end and not _TITLE_RE.search(sentence.local(t_end, comp_end)):
            # (a title inside the complement owns the name: "Adviser to Vice President Jo Roe")
            named = _name_in_complement(sentence, t_end, comp_end)
        title_text = title if comp_end == t_end else sentence.local(t_start, comp_end).strip()
        if named:
            name, n_start, n_end = named
            if t_end < n_start < comp_end:
                title_text = sentence.local(t_start, n_start).strip()
            trail = _trailing_org(sentence, n_end)
            org_here = org or pre or trail
            if title.lower().endswith("counterpart"):
                continue
            chain = pending + [(title_text, org_here, bool(_PAST.search(title)))]
            first_org = next((o for _, o, _ in chain if o), None)
            for t, o, past in chain:
                if o is None and first_org:
                    # "General Secretary and President of China - X": a chained title takes
                    # the chain's country (a party title takes the party's country, too)
                    o = resolve.national_country(first_org) or first_org
                    out.append(Holding(name, t, o, sentence, True, past, n_start))
                else:
                    out.append(Holding(name, t, o, sentence, o is not None, past, n_start))
            pending = []
            continue
        pending = []
        # apposition: "Name, [the] Title of X"
        before = sentence.text[: t_start - sentence.start]
        appo = re.search(r"(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,4})\s*,\s*(?:the\s+|a\s+|an\s+)?"
                         r"(?P<pre>(?:[A-Z][\w.'’-]*\s+){0,3})$", before)
        if appo:
            pre_text = appo.group("pre").strip()
            if pre_text and not _country_like(pre_text):
                continue
            name_start = sentence.start + appo.start("name")
            person = _person_ending_at(sentence, sentence.start + appo.end("name"))
            if person is None:
                named = _name_after(sentence, name_start, allow_org_prefix=True)
                if named and named[2] >= sentence.start + appo.end("name") - 3 and len(named[0].split()) >= 2:
                    person = named[0]
            if person:
                out.append(Holding(person, title_text, explicit_org, sentence, explicit_org is not None,
                                   bool(_PAST.search(title)), name_start))
    out.extend(_counterparts(sentence, out))
    out.extend(_lowercase_titles(sentence, out))
    return out


# Honorifics and ranks before a name: not part of it ("Sir Jo Roe", "Col. Jo Roe", "H.E. Dr. Jo Roe").
_HONORIFICS = (r"(?:(?:Shri|Smt|Mr|Mrs|Ms|Dr|Sir|Dame|Prof|H\.?\s?E|Col|Gen|Lt|Maj|Capt|Brig|Adm|Cmdr|"
               r"Lt\.?\s?Gen|Maj\.?\s?Gen|Brig\.?\s?Gen|Sheikh)\.?\s+)*")
# A lower-case office after a possessive or adjectival country: "Mali's transitional president",
# "Egypt's top diplomat", "North Korean leader", "Kremlin spokesman".
_LOWER_TITLE = re.compile(
    r"(?:['’]s?)?\s+(?P<title>(?:(?:transitional|interim|acting|deputy|top|junta|military|new|chief|senior|"
    r"first|vice|de\s+facto|long-time|longtime|supreme)\s+)*"
    r"(?:president|prime\s+minister|premier|(?:foreign|defen[cs]e|finance|trade|interior|home|economy|energy|"
    r"justice|health|security)\s+minister|foreign\s+secretary|diplomat|leader|spokes(?:man|woman|person)|"
    r"ambassador|envoy|king|queen|emir|ruler|chancellor|head\s+of\s+state|army\s+chief))(?![\w-])")
_PLACEHOLDER_TITLES = {"top diplomat": "Foreign Minister"}


def _lowercase_titles(sentence: Sentence, found: list[Holding]) -> list[Holding]:
    """ "Egypt's top diplomat X", "X, Mauritius' foreign minister", "Mali's transitional president, Col. X":
    a lower-case office whose country the words in front name."""
    out: list[Holding] = []
    text = sentence.text
    taken = {h.at for h in found}
    for m in sentence.mentions:
        if m.kind not in ("country", "body") or not m.id:
            continue
        local = m.end - sentence.start
        match = _LOWER_TITLE.match(text, local)
        if not match or (m.kind == "country" and not re.match(r"['’]", text[local:]) and
                         m.attrs.get("how") != "demonym" and not text[m.start - sentence.start:local].endswith(
                             ("n", "an", "ese", "ish", "i"))):
            continue  # "Kenya president" is rare; "Kenyan president", "Kenya's president" are the shapes
        title = re.sub(r"\s+", " ", match.group("title"))
        org = resolve.national_country(m.id) or m.id if m.kind == "body" else m.id
        if m.kind == "body":
            org = m.id
        posted = re.match(r"\s+to\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s?)+(?=,)", text[match.end():]) \
            if re.search(r"envoy|ambassador", title) else None  # "Russia's envoy to the UN, Jo Roe"
        tail = match.end() + (posted.end() if posted else 0)
        after = re.match(r",?\s+" + _HONORIFICS, text[tail:])
        named = None
        if after is not None:
            cand = _name_after(sentence, sentence.start + tail + after.end(), allow_org_prefix=False)
            if cand and len(cand[0].split()) >= 2 and _clean_name(cand[0]):
                named = cand
        if named is None:
            # apposition: "Jo Roe, Mauritius' foreign minister,"
            appo = re.search(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*)\s*,\s*(?:the\s+)?$",
                             text[:m.start - sentence.start])
            if appo and re.match(r"\s*(?:[,.;)]|$)", text[match.end():]):
                person = _person_ending_at(sentence, sentence.start + appo.end("name"))
                if person:
                    named = (person, sentence.start + appo.start("name"), sentence.start + appo.end("name"))
        if named is None or named[1] in taken:
            continue
        title = _PLACEHOLDER_TITLES.get(title.lower(), title)
        out.append(Holding(named[0], title, org, sentence, True, bool(_PAST.search(title)), named[1]))
    return out


def _person_ending_at(sentence: Sentence, end: int) -> str | None:
    for m in sentence.mentions_of("person"):
        if m.id and abs(m.end - end) <= 2 and m.label != "coref":
            return m.id
    return None


def _counterparts(sentence: Sentence, found: list[Holding]) -> list[Holding]:
    """ "X told his Russian counterpart Y": Y holds X's title in the named country."""
    out = []
    for match in re.finditer(r"\b(?:his|her|their)\s+(?P<pre>(?:[A-Z][\w.'’-]*\s+){1,3})counterparts?\s+",
                             sentence.text):
        named = _name_after(sentence, sentence.start + match.end(), allow_org_prefix=False)
        if not named:
            continue
        org = _pre_org(sentence, sentence.start + match.end("pre")) or _org_of_text(match.group("pre"))
        others = [h for h in found if h.person != named[0]]
        if org and others:
            out.append(Holding(named[0], others[0].title, org, sentence, True, at=named[1]))
    return out


# --- names: one canonical (fullest) form per person in a document ---------------------------------

def _tokens(name: str) -> list[str]:
    return [w for w in resolve.fold(name).casefold().replace(".", " ").replace(",", " ").split()
            if len(w) > 1 and w not in ("jr", "sr", "ii", "iii")]


_SURNAME_FIRST = re.compile(r"^(?P<sur>[A-Z][A-Z'’-]+)\s+(?P<given>[A-Z][a-z][\w'’-]*(?:[\s-][A-Z]?[a-z][\w'’-]*)?)$")


def usual_order(name: str) -> str:
    """Given name first: the surname-in-capitals style of East Asian official texts ("KAMIKAWA Yoko")
    becomes "Yoko Kamikawa"; any other name is returned as it is."""
    match = _SURNAME_FIRST.match(name.strip())
    if not match:
        return name
    sur, given = match.group("sur").title(), match.group("given")
    if any(w.lower() in _NOT_NAMES or w.lower() in _TITLE_WORDS or _TITLE_RE.match(w) or _country_like(w)
           for w in (sur, given.split()[0])):
        return name
    if re.search(r"[\s-]", given):
        return f"{sur} {given}"  # "YOON Suk Yeol": a Korean given name follows the surname in English too
    return f"{given} {sur}"


def strip_titles(name: str) -> str:
    """A name without the title words the NER left in front ("Senator Jo Roe" -> "Jo Roe")."""
    words = name.split()
    while len(words) > 1 and (words[0].lower().rstrip(".") in _TITLE_WORDS or
                              words[0].lower().rstrip(".s") in _TITLE_WORDS):
        words = words[1:]
    return " ".join(words).rstrip("?!.,;:")


def _clean_name(name: str) -> bool:
    """A bare personal name: no title in front, no shouted words, no headline verb."""
    words = name.split()
    return bool(words) and (words[0][:1].isupper() or words[0] in _PARTICLES) and not _TITLE_RE.match(name) \
        and not any(w.lower() in _OFFICE_WORDS for w in words[1:]) \
        and not any((w.isupper() and len(w) > 2) or w.lower() in _HEADLINE_VERBS or
                    (w.lower() in _NOT_NAMES and not (len(words) > 1 and w.lower() in _PRONOUNS))
                    for w in words) and not any(w.lower() in _HEADLINE_BREAKS for w in words[1:])


def canonical_names(doc: AnalyzedDocument, extra: Iterable[str] = ()) -> dict[str, str]:
    """Each name seen in the document -> the fullest name of that person the document states."""
    extra = list(extra)
    names: set[str] = set(extra)
    for sentence in doc.sentences:
        if _headline(sentence.text):
            continue  # title case runs names into verbs
        for m in sentence.mentions_of("person"):
            if m.id and m.label != "coref" and _clean_name(strip_titles(m.id)):
                names.add(strip_titles(m.id))
    registry: dict[str, str] = {}
    for person in doc.people.values():
        full = strip_titles(person.name)
        if not _clean_name(full):
            continue
        for alias in person.aliases:
            alias = strip_titles(resolve.person_name(alias))
            if _clean_name(alias):
                registry[alias] = full
        registry[full] = full
    names |= set(registry)
    names = {n for n in names if n in registry or _clean_name(n)}
    out: dict[str, str] = {}
    for name in names:
        toks = _tokens(name)
        best = name
        if len(toks) == 1:
            titled = set(extra)
            fuller = {" ".join(_tokens(o)) for o in names if toks[0] in _tokens(o) and len(_tokens(o)) > 1}
            if not any(toks[0] in _tokens(o) and len(_tokens(o)) > 1 for o in titled):
                out[name] = name  # only a titled full name absorbs a bare surname ("Biden" is not "Beau Biden")
                continue
            firsts = {f.split()[0] for f in fuller}
            if len(firsts) > 1 and len({f.split()[0][:2] for f in fuller}) > 1:
                out[name] = name  # "Biden" with Joe and Jill Biden in the text: leave it
                continue
        for other in names:
            otoks = _tokens(other)
            if len(otoks) <= len(toks) or not toks:
                continue
            if len(toks) == 1 and toks[0] in otoks:
                ok = True
            elif len(toks) >= 2 and otoks[:len(toks)] == toks:
                ok = True  # the NER cut the name short ("Andres Manuel Lopez [Obrador]")
            else:
                ok = otoks[-len(toks):] == toks or (toks[-1] == otoks[-1] and otoks[0][:2] == toks[0][:2])
            if ok and len(otoks) > len(_tokens(best)):
                best = other
        known = registry.get(name)
        if known and len(_tokens(known)) > len(_tokens(best)) and (len(toks) > 1 or known in extra):
            best = known
        out[name] = best
    # the raw forms the NER gave ("Senator Jo Roe") map like their bare names
    for sentence in doc.sentences:
        for m in sentence.mentions_of("person"):
            if m.id and m.id not in out:
                bare = strip_titles(m.id)
                if bare in out:
                    out[m.id] = out[bare]
                elif usual_order(bare) in out:
                    out[m.id] = out[usual_order(bare)]
    return out


# --- org inference -----------------------------------------------------------------------------------

def home_country(doc: AnalyzedDocument) -> str | None:
    """The country a document speaks for: its publisher's (from the URL), else its focus country."""
    publisher = _publisher_country(doc.document.url or "")
    if publisher:
        return publisher
    if doc.focus:
        return resolve.national_country(doc.focus) or doc.focus
    return focus_country(doc)


@lru_cache(maxsize=1024)
def _publisher_country(url: str) -> str | None:
    """The country of a government site or a national domain ("whitehouse.gov" -> USA, ".jp" -> JPN)."""
    host = re.sub(r"^[a-z]+://", "", url).split("/")[0].lower()
    if host:
        if re.search(r"(?:^|\.)(?:whitehouse|state|defense|usembassy|america)\.gov$|\.gov$|\.mil$", host):
            return "USA"
        tld = host.rsplit(".", 1)[-1]
        if len(tld) == 2 and tld not in ("io", "co", "me", "tv", "ai", "fm", "ly", "cc", "to", "ws"):
            tld = "gb" if tld == "uk" else tld
            try:
                import pycountry

                country = pycountry.countries.get(alpha_2=tld.upper())
            except (LookupError, KeyError):
                country = None
            if country:
                return str(country.alpha_3)
    return None


def home_is_local(doc: AnalyzedDocument) -> bool:
    """Whether the document's home country is safe to give people whose country the text never states.

    A publisher's country (from the URL) is; a focus country only when it dominates the text. In a
    summit report, a communiqué or a two-country visit the focus is one side among several, and an
    untitled-by-country "President X" is as likely the other side's.
    """
    if _publisher_country(doc.document.url or ""):
        return True
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        for cid in set(_sentence_countries(sentence)):
            counts[cid] += 1
    ranked = counts.most_common(2)
    if not ranked:
        return True
    home = home_country(doc)
    if ranked[0][0] != home:
        return False
    return len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]


@lru_cache(maxsize=4096)
def known_country(person: str, on: str | None = None) -> str | None:
    """The country a public office holder serves on a date, from the office holders' gazetteer.

    World knowledge for "President Jo Roe" in a text that never says where Jo Roe is president;
    None when the gazetteer (or its data file) does not know the name or the name is ambiguous.
    """
    try:
        from diplograph import officeholders
    except ImportError:
        return None
    try:
        return officeholders.country_of(person, on)
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return None


def focus_country(doc: AnalyzedDocument) -> str | None:
    """The most mentioned country (a national body counts for its country; the first sentences weigh more)."""
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        weight = 2 if sentence.index < 3 else 1
        for m in sentence.mentions:
            if m.kind in ("country", "body") and m.id:
                cid = resolve.national_country(m.id) if m.kind == "body" else m.id
                if cid and len(cid) == 3:
                    counts[cid] += weight
    return counts.most_common(1)[0][0] if counts else None


def _sentence_countries(sentence: Sentence) -> list[str]:
    out = []
    for m in sentence.mentions:
        if m.kind == "country" and m.id and m.id not in out:
            out.append(m.id)
        elif m.kind == "pair":
            for cid in m.attrs.get("ids") or ():
                if cid not in out:
                    out.append(cid)
    return out


# Offices only some states have: a party-state's General Secretary.
_TITLE_STATES = {
    "general secretary": frozenset({"VNM", "CHN", "LAO", "PRK", "CUB"}),
    "chancellor": frozenset({"DEU", "AUT"}),
}
# Offices a state does not have: an unqualified "Prime Minister" in a U.S. government text is foreign.
_HOME_LACKS = {
    "USA": re.compile(r"minister|premier|chancellor|general secretary|king|queen|emir|sultan|prince", re.IGNORECASE),
}
# Monarchs are never the home country's by default.
_MONARCH = re.compile(r"^(?:king|queen|emir|amir|sultan|crown prince|prince)$", re.IGNORECASE)


# Offices that only one org has, wherever the text is from.
_FIXED_ORG = {"pope": "VAT"}


def _head(title: str) -> str:
    match = _TITLE_RE.search(title)
    return re.sub(_MODS, "", match.group("title")).lower() if match else title.lower()


def resolve_orgs(doc: AnalyzedDocument, found: list[Holding], names: dict[str, str]) -> list[Holding]:
    """Fill in the org of titles the text leaves unqualified."""
    home = home_country(doc)
    explicit_of: dict[str, list[str]] = {}
    for h in found:
        if h.org:
            explicit_of.setdefault(names.get(h.person, h.person), []).append(h.org)
    # other countries by frequency, for "President A and President B of X" pairs
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        for cid in _sentence_countries(sentence):
            counts[cid] += 1
    local = home_is_local(doc)
    out: list[Holding] = []
    for h in found:
        person = names.get(h.person, h.person)
        if h.org:
            out.append(replace(h, person=person))
            continue
        if explicit_of.get(person):
            continue  # the person's org is stated elsewhere; an unqualified title adds nothing safe
        title = h.title
        if _head(title) in _FIXED_ORG:
            out.append(replace(h, person=person, org=_FIXED_ORG[_head(title)]))
            continue
        if _UN_DEFAULT.search(re.sub(_MODS, "", title).strip()):
            out.append(replace(h, person=person, org="UN"))
            continue
        if not _NATIONAL.search(title):
            continue
        # world knowledge before any guess from the document (never over what the text states)
        org = known_country(person, doc.published) if not h.past else None
        if org is None:
            org = _infer_country(h, person, found, names, home, counts, explicit_of)
            if org == home and not local:
                org = None  # one side among several: the document's country is no safe default
        if org:
            out.append(replace(h, person=person, org=org))
    return out


def _infer_country(h: Holding, person: str, found: list[Holding], names: dict[str, str], home: str | None,
                   counts: Counter[str], explicit_of: dict[str, list[str]]) -> str | None:
    others = [o for o in found if o.sentence.index == h.sentence.index and names.get(o.person, o.person) != person]
    claimed = {resolve.national_country(o.org) or o.org for o in others if o.org}
    claimed |= {c for o in others for c in explicit_of.get(names.get(o.person, o.person), [])}
    free = [c for c in _sentence_countries(h.sentence) if c not in claimed]
    visited = _visited(h.sentence)
    if home in visited:
        # "Prime Minister X visited Iran, a first for a Japanese leader": not the host's own official
        others_free = [c for c in free if c not in visited]
        return others_free[0] if len(others_free) == 1 else None
    compatible = _TITLE_STATES.get(_head(h.title))
    lacks = _HOME_LACKS.get(home or "")
    if _MONARCH.match(_head(h.title)) or (lacks and lacks.search(_head(h.title)) and not compatible):
        # a foreign office: only a country the sentence names and nobody else claims
        cands = [c for c in free if c != home]
        return cands[0] if len(cands) == 1 else None
    if compatible and home not in compatible:
        # an office the home country does not have ("General Secretary" in a U.S. transcript)
        cands = [c for c in free if c in compatible] or [c for c, _ in counts.most_common() if c in compatible]
        return cands[0] if cands else None
    paired = [o for o in others if o.org and o.explicit and o.org == home and len(others) == 1]
    others_before = [o for o in others if o.at < h.at]
    two = len({names.get(o.person, o.person) for o in others}) == 1
    if paired:
        # "President A and President B of X" with X the home country: A is the foreign side
        cands = [c for c in free if c != home]
        if len(cands) == 1:
            return cands[0]
        rest = [c for c, _ in counts.most_common() if c != home and c not in claimed]
        return rest[0] if rest else None
    same_head = [o for o in others_before if two and not o.org and _head(o.title) == _head(h.title)]
    text = h.sentence.text
    unqualified_before = [o for o in others_before if not explicit_of.get(names.get(o.person, o.person))
                          and two and o.at >= 0 and h.at > o.at and re.fullmatch(
                              r"[\w .'’-]+?\s+and\s+(?:[A-Z][\w.'’-]*\s+){1,4}",
                              text[o.at - h.sentence.start:h.at - h.sentence.start])
                          and not (_TITLE_STATES.get(_head(o.title)) and home not in _TITLE_STATES[_head(o.title)])]
    if same_head or (unqualified_before and home):
        # "President A and Prime Minister B signed ... U.S. and Thai companies": B is the foreign side
        cands = [c for c in free if c != home]
        if len(cands) == 1:
            return cands[0]
        if same_head:
            return None
    return home


def _visited(sentence: Sentence) -> set[str]:
    """Countries a sentence names as a destination ("visited X", "a visit to X", "arrived in X")."""
    out = set()
    for m in sentence.mentions:
        if m.kind == "country" and m.id:
            before = sentence.text[: m.start - sentence.start]
            if re.search(r"\b(?:visit(?:ed|ing|s)?|(?:visit|trip|travel(?:l?ed)?|tour|journey)\s+to|arrived\s+in)"
                         r"\s+(?:the\s+)?$", before):
                out.add(m.id)
    return out


def _as_of(doc: AnalyzedDocument, h: Holding) -> str | None:
    if h.past:
        return None
    dates = [m for m in h.sentence.mentions_of("date") if m.attrs.get("value")]
    if len(dates) == 1 and re.match(r"^\d{4}", str(dates[0].attrs["value"])):
        return str(dates[0].attrs["value"])
    return doc.published


def _fix_headline_names(found: list[Holding]) -> list[Holding]:
    """In a title-case headline a name runs into the verb ("Jo Roe Secures Peace"): cut it back to a
    name stated elsewhere in the document that it starts with."""
    plain = {h.person for h in found if not _headline(h.sentence.text)}
    out = []
    for h in found:
        if _headline(h.sentence.text):
            toks = h.person.split()
            for k in range(len(toks) - 1, 1, -1):
                if " ".join(toks[:k]) in plain:
                    h = replace(h, person=" ".join(toks[:k]))
                    break
        out.append(h)
    return out


_UNIQUE_OFFICES = {"president", "prime minister", "chancellor", "general secretary", "premier", "king", "queen",
                   "emir", "amir", "sultan", "foreign minister", "secretary of state", "secretary-general",
                   "secretary general", "vice president", "vice-president", "speaker", "crown prince"}


def _one_holder(found: list[Holding]) -> list[Holding]:
    """One person holds a state's presidency at a time: an inferred second holder is someone else's.

    ("President Zelensky" in a U.S. briefing that also names President Biden is not a U.S. president.)
    """
    def office(h: Holding) -> str | None:
        match = _TITLE_RE.search(h.title)
        core = match.group("title").lower() if match else ""
        return core if core in _UNIQUE_OFFICES and not h.past else None

    explicit: dict[tuple[str, str], set[str]] = {}
    inferred: dict[tuple[str, str], Counter[str]] = {}
    for h in found:
        key = office(h)
        if key and h.org:
            if h.explicit:
                explicit.setdefault((key, h.org), set()).add(h.person)
            else:
                # the title line names the document's principal
                inferred.setdefault((key, h.org), Counter())[h.person] += 5 if h.sentence.index == 0 else 1
    keep: dict[tuple[str, str], set[str]] = {}
    for slot, counts in inferred.items():
        top = counts.most_common(2)
        if slot in explicit:
            keep[slot] = explicit[slot]
        else:
            # a tie ("Prime Minister A ... Prime Minister B" at a summit): nobody is safely the home's
            keep[slot] = {top[0][0]} if len(top) == 1 or top[0][1] > top[1][1] else set()
    out = []
    for h in found:
        key = office(h)
        if key and h.org and not h.explicit and (key, h.org) in keep and h.person not in keep[(key, h.org)]:
            continue
        out.append(h)
    return out


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    return facts_from(doc, holdings(doc))


def facts_from(doc: AnalyzedDocument, raw: list[Holding]) -> list[Fact]:
    """Position facts from the document's title readings (:func:`holdings`), computed once by callers."""
    found = _fix_headline_names(raw)
    names = canonical_names(doc, (h.person for h in found))
    resolved = resolve_orgs(doc, found, names)
    resolved = _one_holder(resolved)
    by_key: dict[tuple[str, str], Holding] = {}
    for h in resolved:
        if not h.org or not h.person:
            continue
        org = _normalise_org(h.org)
        h = replace(h, org=org)
        key = (" ".join(_tokens(h.person)), org)
        old = by_key.get(key)
        if old is None or (h.explicit and not old.explicit):
            by_key[key] = h if old is None or len(h.person) >= len(old.person) else \
                replace(h, person=old.person)
        elif len(h.person) > len(old.person):
            by_key[key] = replace(old, person=h.person)
    # a country and its national body for the same person: keep the body (more specific)
    keys = set(by_key)
    for person, org in list(keys):
        country = resolve.national_country(org)
        if country and country != org and (person, country) in by_key:
            other = by_key[(person, country)]
            if _head(other.title) == _head(by_key[(person, org)].title) or not other.explicit:
                del by_key[(person, country)]
    facts = []
    for (_, org), h in by_key.items():
        confidence = 0.8 if h.explicit else 0.6
        facts.append(make_fact(doc, h.sentence, "position", EXTRACTOR, confidence,
                               person=h.person, title=_bare_title(h.title), org=org, as_of=_as_of(doc, h)))
    return facts


def _bare_title(title: str) -> str:
    """A title that ran to the sentence end loses the full stop ("President of the X Commission."),
    not an abbreviation's ("Ambassador to the U.S.")."""
    if title.endswith(".") and not re.search(r"(?:^|[\s.])\w{1,3}\.$", title):
        return title[:-1].rstrip()
    return title
