"""Agreements: treaties, trade agreements, memoranda, accords, joint statements, frameworks.

Names are read three ways, all general:

- title-case spans around a keyword (Agreement, Accord(s), Treaty, Convention,
  Charter, Declaration, Memorandum of Understanding, MoU, Framework, Joint
  Statement, Protocol, Pact, Compact, Deal), extended over "of/on/for"
  complements ("Framework for an Agreement on Reciprocal, Fair, and Balanced
  Trade"), with a short form in brackets when given ("... (CPTPP)"); headlines,
  rooms and offices ("Treaty Room"), domestic plans ("National ... Framework"),
  commercial contracts and executive-order titles are not read as agreements;
- the acronyms of major agreements (:data:`ACRONYMS`), with their long names;
- a few lower-case forms that only count with named parties: "a memorandum of
  understanding / an MoU", "a joint statement on ...", "a framework for an
  agreement on ...", "a free trade agreement".

A JSON Lines document whose title is a "Joint Statement ..." is itself a joint
statement of the countries its title names, issued on the document's date.

Parties come from "between X and Y", a dash compound in the name ("U.S.-India"),
the grammatical subject of the verb ("The United States and Thailand agreed to
..."), and "with X and Y" (one agreement per counterpart: "signed Agreements on
Reciprocal Trade with Malaysia and Cambodia"). Counts ("15 free trade
agreements") are statistics, not agreements. Capitals stand for their
governments ("between Moscow and Pyongyang"); "the two leaders", "both sides"
and "the three countries" are the latest list of that many countries or the
document's pair. A set signed together ("signed six memorandums of understanding
on energy and roads") is one fact of its signatories; lower-case topical papers
("a defence cooperation agreement", "an exchange of notes concerning a loan",
"a joint communiqué") count only with named parties and not when still to come.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from diplograph import resolve
from diplograph.extract.base import (
    compound_countries,
    is_country_id,
    make_fact,
    named_countries,
    pair_ids,
    principal_pair,
    sentence_countries,
    sentence_dates,
    sentence_parties,
)
from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Fact, Mention, Sentence, Token

EXTRACTOR = "agreements.v1"

# Major agreements known by their short form: acronym -> (long name, kind).
ACRONYMS: dict[str, tuple[str, str]] = {
    "CPTPP": ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership", "FTA"),
    "TPP": ("Trans-Pacific Partnership", "FTA"),
    "RCEP": ("Regional Comprehensive Economic Partnership", "FTA"),
    "EVFTA": ("European Union-Vietnam Free Trade Agreement", "FTA"),
    "EVIPA": ("European Union-Vietnam Investment Protection Agreement", "other"),
    "UKVFTA": ("United Kingdom-Vietnam Free Trade Agreement", "FTA"),
    "USMCA": ("United States-Mexico-Canada Agreement", "FTA"),
    "NAFTA": ("North American Free Trade Agreement", "FTA"),
    "AfCFTA": ("African Continental Free Trade Area", "FTA"),
    "KORUS": ("United States-Korea Free Trade Agreement", "FTA"),
    "CETA": ("Comprehensive Economic and Trade Agreement", "FTA"),
    "ECFA": ("Economic Cooperation Framework Agreement", "FTA"),
    "AANZFTA": ("ASEAN-Australia-New Zealand Free Trade Area", "FTA"),
    "ACFTA": ("ASEAN-China Free Trade Area", "FTA"),
    "AIFTA": ("ASEAN-India Free Trade Area", "FTA"),
    "AKFTA": ("ASEAN-Korea Free Trade Area", "FTA"),
    "ATIGA": ("ASEAN Trade in Goods Agreement", "FTA"),
    "SAFTA": ("South Asian Free Trade Area", "FTA"),
    "CAFTA-DR": ("Dominican Republic-Central America Free Trade Agreement", "FTA"),
    "TTIP": ("Transatlantic Trade and Investment Partnership", "FTA"),
    "GATT": ("General Agreement on Tariffs and Trade", "treaty"),
    "TRIPS": ("Agreement on Trade-Related Aspects of Intellectual Property Rights", "treaty"),
    "JCPOA": ("Joint Comprehensive Plan of Action", "other"),
    "NPT": ("Treaty on the Non-Proliferation of Nuclear Weapons", "treaty"),
    "CTBT": ("Comprehensive Nuclear-Test-Ban Treaty", "treaty"),
    "TPNW": ("Treaty on the Prohibition of Nuclear Weapons", "treaty"),
    "INF": ("Intermediate-Range Nuclear Forces Treaty", "treaty"),
    "CWC": ("Chemical Weapons Convention", "treaty"),
    "BWC": ("Biological Weapons Convention", "treaty"),
    "UNCLOS": ("United Nations Convention on the Law of the Sea", "treaty"),
    "TAC": ("Treaty of Amity and Cooperation in Southeast Asia", "treaty"),
    "AUKUS": ("Australia-United Kingdom-United States security pact", "other"),
    "IPEF": ("Indo-Pacific Economic Framework", "framework"),
}
_LONG_TO_ACRONYM = {resolve.norm_key(long): acr for acr, (long, _) in ACRONYMS.items()}
_ACRONYM_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(ACRONYMS, key=len, reverse=True)) + r")(?![\w-])"
    r"|(?i:(" + "|".join(re.escape(long) for long, _ in sorted(ACRONYMS.values(), key=lambda v: -len(v[0])))
    + r"))")
# A sentence without any of these words or acronyms names no agreement: skip it cheaply.
_TRIGGER_WORDS = ("agreement", "accord", "treat", "convention", "charter", "declaration", "memorand", "mou",
                  "framework", "statement", "protocol", "pact", "compact", "deal", "communiqu", "partnership",
                  "plan of action", "free trade", "exchange of notes")
_UPPER_WORD = re.compile(r"\b[A-Z][A-Za-z-]{1,9}\b")


def _triggered(text: str) -> bool:
    low = text.lower()
    if any(word in low for word in _TRIGGER_WORDS):
        return True
    return any(w in ACRONYMS for w in _UPPER_WORD.findall(text))


# Keyword tokens (title case) that head an agreement's name.
_KEYWORDS = {
    "agreement": "other", "agreements": "other", "accord": "other", "accords": "other",
    "treaty": "treaty", "treaties": "treaty", "convention": "treaty", "charter": "other",
    "declaration": "other", "memorandum": "MoU", "mou": "MoU", "mous": "MoU", "framework": "framework",
    "statement": "joint_statement", "statements": "joint_statement", "protocol": "treaty",
    "pact": "treaty", "compact": "other", "deal": "other", "communique": "joint_statement",
    "communiqué": "joint_statement",
}
_CONNECTORS = {"of", "on", "for", "and", "the", "to", "an", "a", "&"}
_MONTHS_DAYS = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday"
                          r"|Thursday|Friday|Saturday|Sunday)\.?$")
_LEFT_STOP = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her",
              "under", "in", "on", "by", "with", "through", "today", "key", "new", "readout", "remarks",
              "statement", "fact", "sheet", "signed", "landmark", "historic", "proposed"}
_WORD = re.compile(r"[^\W\d_][\w.'’&]*(?:-[\w.'’]+)*|\d+(?:\+\d+)?|\(|\)|,|[‘’'\"“”]|\S")
_NOT_AGREEMENT = re.compile(r"\b(?:Presidential|Executive)\s+Memorandum\b|\bNational\s+Convention\b|\bBipartisan\b"
                            r"|\bJoint\s+Venture\b|\b(?:Purchase|Sales?|Licen[cs]e|Lease|Supply|Offtake|Employment)"
                            r"\s+Agreement\b|^(?:National|Federal)\b"
                            r"|\b(?:Emergency|Disaster)\s+Declaration\b|\bDeclaration\s+of\s+Independence\b|\bState\s+of\b"
                            r"|\b(?:Green|New)\s+Deal\b|\bStatement\s+by\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b(?:for|period|covering|from)\s+(?:the\s+(?:period|years|term)\s+)?(?:of\s+)?"
                     r"((?:19|20)\d{2})\s*(?:[-–—/]|to|until|through)\s*((?:19|20)\d{2})\b", re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                           r"|\w+teen|\w+ty|dozens|hundreds|several|many|numerous|multiple|some|over|about))"
                           r"(?:\s+[\w-]+){0,4}\s*$", re.IGNORECASE)


# "North Atlantic Treaty Organization", "Framework Convention Secretariat": a body, not an agreement.
_BODY_AFTER = re.compile(r"\s+(?:Organi[sz]ation|Alliance|Commission|Council|Secretariat|Committee|Court|Agency"
                         r"|Office|Forum|Body|Bureau|Institute|Authority|Mechanism|Department|Division|Fund"
                         r"|Group|Unit|Centre|Center|Room|Hall|Building|House|Street|Square|Envoy|Negotiations"
                         r"|Talks|Team|Act|Bill|Law|Order)\b")
# "Framework", "Deal" and "Compact" also name domestic plans; without parties they need an international word.
_LOOSE_HEAD = re.compile(r"\b(?:Framework|Deal|Compact)s?\b")
_FIRM_HEAD = re.compile(r"\b(?:Agreements?|Accords?|Treat(?:y|ies)|Conventions?|Protocols?|Charter|Pact"
                        r"|Memorandum|MOU|MoU)\b")
_INTERNATIONAL = re.compile(
    r"\b(?:Global|International|Regional|World|Economic|Trade|Investment|Pacific|Atlantic|Indo|Asia\w*|Africa\w*"
    r"|Europe\w*|Americas|Arctic|Climate|Security|Peace|Nuclear|Tax|Migration|Agreement|Treaty|Bilateral"
    r"|Multilateral|Strategic|Defen[cs]e|Maritime|Energy|Inclusive|Transatlantic|Mekong|Nile|Gulf|Sahel)\b")
# Names that say only what kind of paper it is ("Framework Agreement", "Joint Statement", "MOU"): they need
# named parties to be worth a fact.
_GENERIC_WORDS = frozenset({"joint", "framework", "agreement", "agreements", "statement", "statements", "memorandum",
                            "of", "understanding", "mou", "mous", "treaty", "declaration", "communique", "communiqué",
                            "accord", "protocol", "trade", "cooperation", "bilateral", "the", "new", "a", "an"})


def _generic(name: str) -> bool:
    return all(w in _GENERIC_WORDS for w in re.findall(r"[\w'’é]+", name.lower()))


@dataclass
class _Found:
    start: int  # local offsets of the name
    end: int
    name: str
    kind: str
    long_name: str | None = None
    plural: bool = False
    batch: bool = False  # "signed memoranda of understanding on trade, ...": one fact for a signed set


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    facts: list[Fact] = []
    title_statement = _title_statement(doc)
    if title_statement:
        facts.append(title_statement)
    for sentence in doc.sentences:
        # A headline is all capitals: its title-case spans are not names ("Readout of ... Declaration Launch").
        title = _is_title(doc, sentence)
        for found in _names(sentence.text, title_case=not title):
            facts.extend(_facts(doc, sentence, found))
    return _dedupe(facts)


def _is_title(doc: AnalyzedDocument, sentence: Sentence) -> bool:
    title = doc.document.title
    if not title or sentence.index > 3:
        return False
    title = " ".join(title.split())
    return title.startswith(sentence.text[:30]) and abs(len(title) - len(sentence.text)) < 10


# --------------------------------------------------------------------------- names


def _names(text: str, title_case: bool = True) -> list[_Found]:
    """Every agreement named in a sentence: title-case spans, acronyms, lower-case forms."""
    if not _triggered(text):
        return []
    out = _title_case_names(text) if title_case else []
    taken = [(f.start, f.end) for f in out]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for m in _ACRONYM_RE.finditer(text):
        acr = m.group(1) or _LONG_TO_ACRONYM.get(resolve.norm_key(m.group(2)), "")
        # "the African Continental Free Trade Area (AfCFTA) Secretariat" is a body.
        body = _BODY_AFTER.match(re.sub(r"^\s*\([\w-]+\)", "", text[m.end():]))
        lower_long = bool(m.group(2)) and m.group(2)[:1].islower()  # "a ... cooperation framework agreement"
        if acr in ACRONYMS and free(m.start(), m.end()) and not body and not lower_long:
            long, kind = ACRONYMS[acr]
            out.append(_Found(m.start(), m.end(), acr, kind, long))
            taken.append((m.start(), m.end()))
    for found in _lower_case_names(text):
        if free(found.start, found.end):
            out.append(found)
            taken.append((found.start, found.end))
    if any(not f.batch for f in out):
        # "signed eight agreements, including an MoU on ...": the named papers say it better than the set.
        out = [f for f in out if not (f.batch and " " not in f.name)]
    return sorted(out, key=lambda f: f.start)


def _title_case_names(text: str) -> list[_Found]:
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[_Found] = []
    i = 0
    while i < len(tokens):
        _s, e, tok = tokens[i]
        low = tok.lower().strip("'’.")
        if low not in _KEYWORDS or not (tok[0].isupper()) or (tok.isupper() and low not in ("mou", "mous")):
            i += 1
            continue
        # "Memorandum" only as "Memorandum of Understanding/Agreement/Cooperation".
        if low == "memorandum" and not re.match(r"\s+of\s+(?:Understanding|Agreement|Cooperation)", text[e:], re.IGNORECASE):
            i += 1
            continue
        left = _extend_left(tokens, i)
        right, short = _extend_right(text, tokens, i)
        start, end = tokens[left][0], tokens[right][1]
        name = text[start:end].strip(" ,‘’'\"“”")
        if name.endswith(".") and not re.search(r"\b(?:[A-Z]\.){2,}$", name):
            name = name[:-1]
        name = re.sub(r"\s*\((?:MoU|MOU|FTA)\)", "", name)
        start = text.index(name, start)
        words = [t for _, _, t in tokens[left:right + 1] if t[:1].isalnum()]
        kind = _kind(name, tokens, left, right)
        lone = len(words) == 1 or (len(words) == 2 and words[0].lower() == "joint" and words[1].lower() == "statement")
        if (_NOT_AGREEMENT.search(name) or (low == "statement" and not re.search(r"\bJoint\b", name))
                or _BODY_AFTER.match(text[e:]) or _BODY_AFTER.match(" " + name.split()[-1])):
            i = right + 1
            continue
        plural = tokens[i][2].lower().rstrip("s") != tokens[i][2].lower() and low not in ("accords",)
        if short:
            name = re.sub(rf"\s*\({re.escape(short)}\)$", "", name)
            out.append(_Found(start, end, short, kind, name, plural))
        elif not lone or kind in ("MoU", "joint_statement"):
            out.append(_Found(start, end, name, kind, None, plural))
        i = right + 1
    return out


def _singular(word: str) -> str:
    return {"Agreements": "Agreement", "Treaties": "Treaty", "Statements": "Statement", "MOUs": "MOU",
            "MoUs": "MoU", "Frameworks": "Framework", "Declarations": "Declaration",
            "Memoranda": "Memorandum"}.get(word, word.rstrip("s"))


def _is_cap(tok: str) -> bool:
    return bool(tok[:1].isupper() or tok[:1].isdigit())


def _extend_left(tokens: list[tuple[int, int, str]], i: int) -> int:
    left = i
    j = i - 1
    while j >= 0:
        tok = tokens[j][2]
        if (tok.endswith(("'s", "’s")) or (tok.lower() in _LEFT_STOP and tok != "New") or _MONTHS_DAYS.match(tok)
                or (tok.isdigit() and len(tok) != 4)):
            break
        if _is_cap(tok) and not (tok.isupper() and len(tok) > 6 and "." not in tok and "-" not in tok):
            left = j
        elif tok.lower() in ("of", "and", "for", "on", ",") and j > 0 and _is_cap(tokens[j - 1][2]) \
                and not tokens[j - 1][2].endswith(("'s", "’s")) \
                and not (tok.lower() in ("and", ",") and tokens[j - 1][2].lower().strip(".") in _KEYWORDS):
            pass  # a connector inside the name: keep going, commit only on the next capitalised word
        else:
            break
        j -= 1
    return left


def _extend_right(text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str | None]:
    """Index of the last token of the name, and a bracketed short form if one follows it."""
    right = i
    short: str | None = None
    j = i + 1
    n = len(tokens)
    complement = False  # inside "of/on/for ..." where "and" and commas belong to the name
    # "Memorandum of Understanding", "Joint Statement" are inside the keyword.
    while j < n:
        tok = tokens[j][2]
        if tok == "(" and j + 2 < n and tokens[j + 2][2] == ")" and re.fullmatch(r"[A-Z][a-z-]*[A-Z][A-Za-z-]*", tokens[j + 1][2]):
            cand = tokens[j + 1][2]
            if cand.upper() not in ("FTA", "FTAS", "MOU", "MOUS") or tokens[i][2].lower() in ("memorandum", "mou"):
                short = short or (cand if cand.upper() not in ("FTA", "FTAS", "MOU", "MOUS") else None)
            right = j + 2
            break  # a short form closes the name
        if tok.endswith(("'s", "’s")):
            break
        if _is_cap(tok) or tok.lower() in ("&",):
            right = j
            j += 1
            continue
        if tok.lower() in ("and", ",") and not complement:
            break
        if tok.lower() in _CONNECTORS or tok == ",":
            # Continue only if a capitalised word follows the connector run.
            k = j
            while k < n and (tokens[k][2].lower() in _CONNECTORS or tokens[k][2] == ","):
                k += 1
            nxt = tokens[k][2] if k < n else ""
            if (nxt[:1].isupper() and not _MONTHS_DAYS.match(nxt) and not (nxt.isupper() and len(nxt) > 5)) or (
                    nxt.lower() in ("understanding",)):
                joined = any(tokens[x][2].lower() in ("and", "or") for x in range(j, k))
                if tokens[j][2] == "," and not joined and not _list_of_words(tokens, k):
                    break
                if tokens[j][2].lower() in ("of", "on", "for", "to"):
                    complement = True
                right = k
                j = k + 1
                continue
        break
    return right, short


def _list_of_words(tokens: list[tuple[int, int, str]], k: int) -> bool:
    """After a comma, the name goes on only as a list of qualities: "Reciprocal, Fair, and Balanced Trade"."""
    for _, _, tok in tokens[k:k + 6]:
        if tok.lower() in ("and", "or"):
            return True
        if tok in (".", ";", "(", ")"):
            return False
    return False


# Named multilateral treaties whose name says only "Agreement"/"Accords".
_TREATY_NAMES = re.compile(r"^(?:the\s+)?(?:Paris|Kyoto|Marrakesh|Minsk|Dayton|Oslo|Abraham|Camp\s+David|Schengen"
                           r"|Good\s+Friday|Helsinki|Algiers|Pelindaba|Rarotonga|Bangkok|Tlatelolco)\s+"
                           r"(?:Agreements?|Accords?|Protocol)$", re.IGNORECASE)


def _kind(name: str, tokens: list[tuple[int, int, str]], left: int, right: int) -> str:
    low = name.lower()
    if _TREATY_NAMES.match(name):
        return "treaty"
    if re.search(r"free trade|economic partnership agreement|preferential trade|comprehensive economic", low):
        return "FTA"
    if re.search(r"\bjoint\b.*\b(?:statement|declaration|communiqu)", low):
        return "joint_statement"
    for _, _, tok in tokens[left:right + 1]:
        kind = _KEYWORDS.get(tok.lower().strip("'’."))
        if kind and tok[:1].isupper() and (tok.lower() != "statement" or "joint" in low):
            return kind
    return "other"


_WHEN = (r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|last\s+\w+|this\s+\w+"
         r"|January|February|March|April|May|June|July|August|September|October|November|December")


_NOT_YET = re.compile(r"\b(?:negotiat\w*|to\s+(?:conclude|sign|finali[sz]e|draft|reach|work\s+out)|toward\w*|propos\w*"
                     r"|plan(?:s|ned|ning)?|future|possible|potential|draft|would|will|could|may|might|should|hop\w*"
                     r"|talks\s+on|no|not|never|without)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_CUMULATIVE = re.compile(r"\b(?:so\s+far|to\s+date|till\s+date|over\s+the\s+(?:past|last|years)|in\s+total"
                         r"|altogether|since\s+(?:\d|the))\b", re.IGNORECASE)
_TOPIC = r"(?:\s+(?:on|in|covering|concerning|regarding|for)\s+(?:areas\s+(?:such\s+as|including)\s+)?[^;:()]{3,100}?)?"
_TOPIC_END = (r"(?=\s+(?:during|at|in\s+the\s+presence|which|that|between|with|worth|after|before|on\s+(?:the\s+)?"
              r"(?:sidelines|occasion|margins))\b|\s+(?:on|in)\s+(?:\w+\s+)?\d|\s+(?:on\s+|in\s+)?(?:" + _WHEN + r")\b|[;:()]|\.(?:\s|$)|$|,\s+(?:which|the|as|according|officials))")
# "signed memoranda of understanding on trade, security and health", "inked a series of agreements in areas
# including energy": a set of papers signed together is one fact of its parties.
_BATCH = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|exchang(?:ed|es)|exchange\s+of)\s+(?:a\s+(?:series|number|raft|host|slew)"
    r"\s+of\s+|several\s+|multiple\s+|various\s+|(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?"
    r"(?:(?:new|bilateral|cooperation|key)\s+)?"
    r"(?P<name>(?:memorand(?:a|ums)\s+of\s+understanding|MoUs|MOUs|agreements|accords|pacts|deals)\b"
    r"(?:" + _TOPIC + _TOPIC_END + r")?)")
# Lower-case agreements that carry their topic or their parties: "a joint statement", "a joint declaration
# reactivating the council", "the treaty on friendship and cooperation between Moscow and Pyongyang",
# "an exchange of notes concerning a loan".
_LOWER_NAMED = re.compile(
    r"\b(?P<name>joint\s+(?:statement|declaration|communiqu[eé])(?:\s+(?:on|reactivating|establishing|setting"
    r"\s+up|launching|creating)\s+[^;:()]{3,100}?" + _TOPIC_END + r")?"
    r"|(?:treaty|pact|convention)\s+on\s+(?!(?:" + _WHEN + r")\b)[a-z][^;:()]{3,100}?(?:(?=\s+between\b)|" + _TOPIC_END + r")"
    r"|(?<=signed\s)(?:an?\s+)?agreement\s+on\s+(?!(?:" + _WHEN + r")\b)[a-z][^;:()]{3,100}?" + _TOPIC_END +
    r"|(?:(?<=signed\san\s)|(?<=inked\san\s))agreement(?=\s+with\b)"
    r"|(?:(?:(?!an?\b|the\b)[a-z]+|defen[cs]e|security|economic|trade|investment|visa|extradition|aviation|maritime|energy|"
    r"military|nuclear|border|peace)\s+){0,2}?(?:defen[cs]e|security|economic|trade|investment|visa|extradition|"
    r"air\s+services|aviation|maritime|energy|military|nuclear|border|peace|cooperation|partnership|tax)"
    r"\s+(?:cooperation\s+)?(?:framework\s+)?(?:agreement|pact|treaty|accord)(?!s)"
    r"|(?:agreement|treaty|accord)\s+(?:reached\s+|signed\s+)?(?=between\b)"
    r"|exchange\s+of\s+notes(?:\s+(?:on|concerning|regarding)\s+[^;:()]{3,100}?" + _TOPIC_END + r")?)\b",
    re.IGNORECASE)


def _lower_case_names(text: str) -> list[_Found]:
    out: list[_Found] = []
    patterns = (
        ((r"\b(?:memorand(?:um|a)\s+of\s+understanding|MOU|MoU)\b(?:\s+(?:on|to|for|in)\s+[^,.;:()]{3,80}?"
         r"(?=\s+(?:which|that|between|with|at|during|in|worth|and\s+(?:a|an|the))\b|[,.;:()]|$))?"), "MoU"),
        ((r"\bjoint\s+(?:statement|declaration|communiqu[eé])\s+(?:on|regarding|about)\s+[^,;:()]{3,120}?"
         r"(?=\s+(?:on|in|at|during)\s+(?:\w+\s+)?\d|\s+(?:on\s+)?(?:" + _WHEN + r")\b"
         r"|\s+(?:which|that|between)\b|[,;:()]|\.(?:\s|$)|$)"),
         "joint_statement"),
        ((r"\bframework\s+(?:for\s+(?:an?\s+)?)?agreement\s+(?:on|for)\s+[^;:()]{3,80}?(?=,\s+(?:which|that)|\s+(?:which|that|between|with)\b"
         r"|[;:()]|\.(?:\s|$)|$)"), "framework"),
        (r"\bfree\s+trade\s+agreement\b", "FTA"),
    )
    for m in _BATCH.finditer(text):
        name = m.group("name").strip(" ,")
        kind = "MoU" if re.match(r"m", name, re.IGNORECASE) else "other"
        start = m.start("name")
        out.append(_Found(start, start + len(name), name, kind, plural=True, batch=True))
    for pattern, kind in patterns:
        for m in re.finditer(pattern, text):  # lower case only: title case is read as a name
            name = m.group().strip()
            if kind == "MoU" and name[0].islower() and not re.match(r"memorand", name, re.IGNORECASE):
                continue
            if kind == "MoU" and re.search(r"memorand(?:um|a)\s+of\s+understanding\s*\($", text[:m.start()],
                                                 re.IGNORECASE):
                continue  # "memorandum of understanding (MOU)": the short form of the same paper
            out.append(_Found(m.start(), m.start() + len(name), name, kind))
    for m in _LOWER_NAMED.finditer(text):
        name = m.group("name").strip(" ,")
        low = name.lower()
        kind = ("joint_statement" if low.startswith("joint") else "treaty"
                if re.match(r"(?:treaty|convention)\b|(?:[\w-]+\s+)*treaty$", low)
                else "framework" if "framework" in low else "other")
        start = m.start("name")
        if not any(f.start <= start < f.end or start <= f.start < start + len(name) for f in out):
            out.append(_Found(start, start + len(name), name, kind))
    # The MoU pattern is case-sensitive for the acronym; the long form in any case.
    for m in re.finditer(r"\bmemorand(?:um|a)\s+of\s+understanding\b", text, re.IGNORECASE):
        if not any(f.start <= m.start() < f.end for f in out):
            out.append(_Found(m.start(), m.end(), m.group(), "MoU"))
    return out


# --------------------------------------------------------------------------- facts


def _facts(doc: AnalyzedDocument, sentence: Sentence, found: _Found) -> list[Fact]:
    text = sentence.text
    before = text[:found.start]
    lower_generic = found.name[:1].islower() or _generic(found.name)
    if found.name[:1].islower() and re.search(r",\s+(?:an?|the)\s+$", before):
        return []  # ", a mutual defence pact": an apposition describing an agreement named before it
    if found.name[:1].islower() and _NOT_YET.search(before[-60:]):
        return []  # "agreed to negotiate a treaty on investment": not (yet) an agreement
    if found.batch and (_CUMULATIVE.search(text[found.end:]) or re.search(
            r"\bha(?:s|ve|d)\s+(?:\w+\s+)?(?:signed|inked|concluded)\s+(?:some\s+|over\s+)?\d\d", before[-50:])):
        return []  # "has signed 25 agreements with Japan so far": a running count, a statistic
    if found.batch:
        party_sets = [p for p in _parties(doc, sentence, found) if len(p) >= 2]
        if len(party_sets) != 1:
            return []  # a set of papers is only worth one fact with its two (or more) signatories
        return [make_fact(doc, sentence, "agreement", EXTRACTOR, confidence=0.6, name=found.name, kind=found.kind,
                          parties=sorted(party_sets[0]), signed=_signed(doc, sentence, found))]
    if _COUNT_BEFORE.search(before[-40:]) and (found.plural or found.name.lower().endswith("s")):
        return []  # "15 free trade agreements", "twenty memorandums of understanding"
    if re.search(r"\b(?:agreements|memorand(?:ums|a)|mous|treaties)\b", found.name, re.IGNORECASE) and lower_generic:
        return []
    party_sets = _parties(doc, sentence, found)
    if lower_generic and not party_sets:
        return []  # "a memorandum of understanding" with nobody named is not worth a fact
    if found.kind in ("MoU", "joint_statement") and (not party_sets or any(
            len(p) < 2 and not (found.kind == "joint_statement" and not is_country_id(next(iter(p))))
            for p in party_sets)):
        return []  # a memorandum or joint statement is only worth a fact with its parties
    if found.kind == "framework" and lower_generic and any(len(p) < 2 for p in party_sets):
        return []
    if re.search(r"\b(?:Executive\s+Order|Proclamation)\b[^.;]{0,80}$", before):
        return []  # the title of an executive order or proclamation, not an agreement
    named_countries = [c for s, _, c in sentence_countries(sentence) if found.start <= s < found.end]
    full_name = found.long_name if found.name not in ACRONYMS and found.long_name else found.name
    loose = _LOOSE_HEAD.search(full_name) and not _FIRM_HEAD.search(full_name)
    if (not party_sets and found.name not in ACRONYMS and loose
            and (not _INTERNATIONAL.search(full_name) or len(set(named_countries)) == 1)
            and len(set(named_countries)) != 2):
        return []  # "Bipartisan Infrastructure Framework": a domestic plan, not an international agreement
    signed = _signed(doc, sentence, found)
    period = _PERIOD.search(text[found.start:])
    name = found.name
    if found.plural and len(party_sets) > 1:
        # "signed Agreements on Reciprocal Trade with Malaysia and Cambodia": one agreement each.
        name = re.sub(r"\b(Agreements|Treaties|Statements|MOUs|MoUs|Frameworks|Declarations|Memoranda)\b",
                      lambda m: _singular(m.group()), name, count=1)
    out = []
    options: list[frozenset[str] | None] = list(party_sets) or [None]
    for parties in options:
        if parties:  # an agreement is not its own party ("IPEF" the forum in "advance IPEF")
            parties = frozenset(p for p in parties if p != found.name and p != _acronym_of(found))
        fields: dict[str, object] = {"name": name, "kind": found.kind,
                                     "parties": sorted(parties) if parties else None, "signed": signed}
        if found.long_name:
            fields["long_name"] = found.long_name
        if period:
            fields["period_start"], fields["period_end"] = period.group(1), period.group(2)
        out.append(make_fact(doc, sentence, "agreement", EXTRACTOR, confidence=0.6, **fields))
    return out


def _acronym_of(found: _Found) -> str:
    return found.name if found.name in ACRONYMS else _LONG_TO_ACRONYM.get(resolve.norm_key(found.name), "")


def _signed(doc: AnalyzedDocument, sentence: Sentence, found: _Found) -> str | None:
    """The signing date: a date near a signing word that is itself near the name.

    "the Bilateral Trade Agreement signed in 2000", "the signing ceremony of the MoU ... on December 1, 2021";
    a treaty merely mentioned in a sentence about another signing gets no date.
    """
    text = sentence.text
    if re.search(r"\b(?:1[89]|20)\d{2}\b", found.name):
        return None  # "the 1967 Outer Space Treaty": the year in the name is not today's signing
    verbs = [m for m in re.finditer(r"\bsign\w*|\binked\b|\bconclud\w*", text, re.IGNORECASE)
             if found.start - 80 <= m.start() <= found.end + 20]
    if not verbs:
        return None
    # The signing word closest to the name ("the X Agreement, signed in 2002"), then the date closest to it.
    verb = min(verbs, key=lambda m: m.start() - found.end if m.start() >= found.end else found.start - m.end())
    best: tuple[int, str] | None = None
    for s, e, value in sentence_dates(doc, sentence):
        if (value.start and value.end and value.start != value.end) or found.start <= s < found.end:
            continue
        absolute = re.search(r"\d", text[s:e]) and not value.value.startswith("--")
        if not absolute or _PERIOD.search(text[max(0, s - 25):e]):
            continue
        if re.match(r"\s+[A-Z]", text[e:]) and value.precision == "year":
            continue  # "the 1967 Outer Space Treaty": a year naming something else
        gap = s - verb.end() if s >= verb.end() else verb.start() - e
        if best is None or gap < best[0]:
            best = (gap, value.value)
    return best[1] if best else None


def _mention_party(doc: AnalyzedDocument, m: Mention) -> str | None:
    if m.kind == "country" and is_country_id(m.id):
        return str(m.id)
    if m.kind == "body" and m.id:
        return str(m.id)
    if m.kind == "person" and m.id:
        org = (m.attrs or {}).get("org")
        if not org and m.id in doc.people:
            orgs = [o for _, o in doc.people[m.id].titles if o]
            org = orgs[0] if orgs else None
        return str(org) if org else None
    return None


def _ids_in(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int,
            people: bool = False) -> list[str]:
    """Parties named in a local span: countries (also in dash compounds), bodies, people's countries.

    A country inside a body's name ("the Communist Party of Vietnam") is the body, not the country.
    """
    return list(dict.fromkeys(c for _, _, c in _party_spans(doc, sentence, start, end, people)))


def _party_spans(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int,
                 people: bool = False) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for m in sentence.mentions:
        s, e = m.start - sentence.start, m.end - sentence.start
        if start <= s < end and (m.kind == "body" or (people and m.kind == "person")):
            pid = _mention_party(doc, m)
            if pid:
                spans.append((s, e, pid))
    for s, e, c in sentence_parties(sentence):
        if start <= s < end and not any(bs <= s and e <= be for bs, be, _ in spans):
            spans.append((s, e, c))
    return sorted(spans)


def _listed_after(doc: AnalyzedDocument, sentence: Sentence, pos: int) -> list[str]:
    """The parties listed right after ``pos`` ("Malaysia and Cambodia", "the governments of X, Y and Z")."""
    out: list[str] = []
    cursor = pos
    for s, e, pid in _party_spans(doc, sentence, pos, len(sentence.text)):
        gap = sentence.text[cursor:s]
        if not out and re.fullmatch(r"\s*(?:[\w'’-]+\s+){0,4}?", gap) and "," not in gap:
            out.append(pid)
        elif out and re.fullmatch(r"\s*(?:,|&|and|,\s*and)?\s*(?:the\s+)?", gap):
            out.append(pid)
            if re.search(r"\band\b|&", gap):
                break  # "A, B and C": the list ends with its last item
        else:
            break
        cursor = e
    return list(dict.fromkeys(out))


def _parties(doc: AnalyzedDocument, sentence: Sentence, found: _Found) -> list[frozenset[str]]:
    text = sentence.text
    # Inside the name: "Memorandum of Understanding between the X Party and the Y Party", "U.S.-India ...".
    inner = _ids_in(doc, sentence, found.start, found.end)
    if re.search(r"\bbetween\b", text[found.start:found.end]) and len(inner) >= 2:
        return [frozenset(inner)]
    compound = [c for s, e, c in compound_countries(text) if found.start <= s < found.end]
    if len(set(compound)) >= 2:
        return [frozenset(compound)]
    after_len = _clause_after(text[found.end:])
    after = text[found.end:found.end + after_len]
    rel = re.match(r"\s*(?:\(\w+\)\s*)?(?:[\w-]+\s+){0,4}?(between|with|among)\b", after)
    if rel and rel.group(1) in ("between", "among"):
        ids = _listed_after(doc, sentence, found.end + rel.end(1))
        pair = pair_ids(sentence, found.end, found.end + after_len)
        if len(ids) >= 2:
            return [frozenset(ids)]
        if pair:
            return [frozenset(pair)]
    counterparts: list[str] = []
    if rel and rel.group(1) == "with":
        counterparts = _listed_after(doc, sentence, found.end + rel.end(1))
    subject, by_person = _subject_ids(doc, sentence, found)
    if counterparts:
        if not subject and by_person:
            # "President Trump signed ... with Malaysia": a leader whose country the text leaves implicit.
            subject = _issuer(doc, counterparts)
        if len(subject) == 1:
            return [frozenset((subject[0], c)) for c in counterparts if c != subject[0]]
        return []
    if len(subject) >= 2:
        return [frozenset(subject)]
    if found.kind == "joint_statement" or re.match(r"exchange\s+of\s+notes", found.name, re.IGNORECASE):
        # "in a joint statement read on the broadcasters of the three countries": a paper of the group.
        group = _group_ids(doc, sentence, 0, len(text))
        if len(group) >= 2:
            return [frozenset(group)]
        bodies = [i for i in inner if not is_country_id(i)]
        if found.kind == "joint_statement" and len(bodies) == 1 and len(inner) == 1:
            return [frozenset(bodies)]  # "the G7 Leaders' Communique": the body's members speak together
    return []


def _clause_after(text: str) -> int:
    m = re.search(r";|(?<![A-Z])\.\s|, (?:which|who|while|but|as|and (?!the\b)[a-z]+ed)\b|$", text)
    return m.start() if m else len(text)


def _subject_ids(doc: AnalyzedDocument, sentence: Sentence, found: _Found) -> tuple[list[str], bool]:
    """The parties in the subject of the verb that governs the name ("The United States and Thailand agreed"),
    and whether that subject names a person (whose country the text may not state)."""
    tokens = sentence.tokens
    if not tokens:
        return [], False
    base = sentence.start
    inside = [t for t in tokens if t.start - base >= found.start and t.end - base <= found.end]
    head = next((t for t in inside if not (found.start <= tokens[t.head].start - base < found.end)), None)
    if head is None:
        return [], False
    verb = head
    for _ in range(6):
        if verb.pos in ("VERB", "AUX") or verb.head == verb.i:
            break
        verb = tokens[verb.head]
    seen: set[int] = set()
    while verb.i not in seen:
        seen.add(verb.i)
        subjects = [t for t in tokens if t.head == verb.i and t.dep in ("nsubj", "nsubjpass") and t.i != verb.i]
        if subjects:
            subj = subjects[-1]  # two subjects is a parse error ("NAIROBI, ... -- Kenya and Somalia signed"):
            lo, hi = _subtree(tokens, subj.i)  # the one next to the verb is right
            pair = pair_ids(sentence, tokens[lo].start - base, tokens[hi].end - base)
            if pair and not set(pair) <= named_countries(doc):
                pair = None
            if pair:
                return list(pair), False
            lo_c, hi_c = tokens[lo].start - base, tokens[hi].end - base
            if lo_c <= found.start < hi_c:
                return [], False  # the agreement is part of the subject: its words name no party
            ids = _ids_in(doc, sentence, lo_c, hi_c, people=True)
            if len(ids) < 2:
                group = _group_ids(doc, sentence, lo_c, hi_c)
                if group:
                    return group, False
            person = any(m.kind == "person" and lo_c <= m.start - sentence.start < hi_c for m in sentence.mentions)
            return ids, person
        if verb.head != verb.i and len(seen) < 6:
            verb = tokens[verb.head]  # a coordinated or embedded verb shares its governor's subject
            continue
        break
    return [], False


_GROUP = re.compile(r"\b(?:the\s+|their\s+)?(two|three|four|five|both)\s+(?:(?:countries|nations|states|sides|governments"
                    r"|leaders|presidents|heads\s+of\s+state|prime\s+ministers|ministers|neighbou?rs|juntas|capitals)\b"
                    r"|(?:countries|nations)['’])", re.IGNORECASE)
_NUMBER = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _group_ids(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int) -> list[str]:
    """The countries behind "the two leaders", "both sides", "the three countries" in ``start:end``.

    A pair mention in the span, else the latest list of exactly that many countries ("Mali, Burkina Faso
    and Niger") in this or an earlier sentence, else (for two) the document's principal pair.
    """
    m = _GROUP.search(sentence.text, start, end)
    if not m:
        return []
    n = _NUMBER[m.group(1).lower()]
    named = named_countries(doc)
    if n == 2:
        pair = pair_ids(sentence, start, end)
        if pair and pair[0] in named and pair[1] in named:
            return list(pair)
    for earlier in reversed(doc.sentences[:sentence.index + 1]):
        for run in _country_runs(earlier):
            if len(run) == n:
                return run
        if sentence.index - earlier.index > 6:
            break
    if n == 2:
        doc_pair = principal_pair(doc)
        return list(doc_pair) if doc_pair else []
    return []


def _country_runs(sentence: Sentence) -> list[list[str]]:
    """Lists of distinct countries written together ("Kenya and Somalia", "Niger, Mali and Burkina Faso")."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = -1
    for s, e, cid in sentence_parties(sentence):
        if current and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", sentence.text[last_end:s]) \
                and cid not in current:
            current.append(cid)
        else:
            if len(current) >= 2:
                runs.append(current)
            current = [cid]
        last_end = e
    if len(current) >= 2:
        runs.append(current)
    return runs


def _subtree(tokens: tuple[Token, ...], i: int) -> tuple[int, int]:
    """First and last token index of the subtree under token ``i``."""
    members = {i}
    changed = True
    while changed:
        changed = False
        for t in tokens:
            if t.i not in members and t.head in members and t.head != t.i:
                members.add(t.i)
                changed = True
    return min(members), max(members)


def _issuer(doc: AnalyzedDocument, counterparts: list[str]) -> list[str]:
    """The side a document speaks for, when the subject is a person without a stated country."""
    counts = _country_counts(doc)
    for cid, _ in counts:
        if cid not in counterparts:
            return [cid]
    return []


def _country_counts(doc: AnalyzedDocument) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        for _, _, cid in sentence_countries(sentence):
            counts[cid] += 1
    return counts.most_common()


# --------------------------------------------------------------------------- joint statement documents


def _title_statement(doc: AnalyzedDocument) -> Fact | None:
    title = doc.document.title
    if not title or not re.match(r"\s*(?:[\w.’'-]+\s+){0,3}?Joint\s+(?:\w+\s+)?(?:Statement|Declaration|Communiqu)",
                                 title):
        return None
    sentence = next((s for s in doc.sentences if title.startswith(s.text[:40]) or s.text.startswith(title[:40])),
                    None)
    if sentence is None:
        return None
    ids = _ids_in(doc, sentence, 0, len(sentence.text), people=True)
    ids = [i for i in ids if is_country_id(i) or resolve.national_country(i)]
    if len(ids) < 2:
        return None
    return make_fact(doc, sentence, "agreement", EXTRACTOR, confidence=0.8, name=" ".join(title.split()),
                     kind="joint_statement", parties=sorted(ids), signed=None, issued=doc.published)


# --------------------------------------------------------------------------- dedupe


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per agreement and party set; a party-less copy goes when a copy with parties exists."""
    by_key: dict[tuple[str, frozenset[str]], Fact] = {}
    for fact in facts:
        key = (_name_key(fact), frozenset(fact.get("parties") or ()))
        old = by_key.get(key)
        if old is None or (fact.get("signed") and not old.get("signed")):
            by_key[key] = fact
    with_parties = {k[0] for k in by_key if k[1]}
    return [f for k, f in by_key.items() if k[1] or k[0] not in with_parties]


@lru_cache(maxsize=1024)
def _fold_name(name: str) -> str:
    return " ".join(resolve.fold(name).casefold().replace("-", " ").split())


def _name_key(fact: Fact) -> str:
    if fact.get("kind") == "MoU" and _generic(str(fact.get("name") or "")):
        # "memorandum of understanding ... MOU" in one sentence is one paper; two sentences may be two.
        return f"memorandum of understanding #{fact.evidence.sentence}"
    name = re.sub(r"\b(Agreements|Accords|Treaties|Statements|MOUs|MoUs|Frameworks|Declarations)\b",
                  lambda m: _singular(m.group()), str(fact.get("name") or ""))
    key = _fold_name(name)
    return _fold_name(_LONG_TO_ACRONYM.get(resolve.norm_key(name), name)) if key else key
