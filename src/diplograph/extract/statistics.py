"""The ``statistic`` fact: a counted or measured claim about an actor.

"Vietnam has diplomatic relations with 189 out of 193 UN member states",
"the CPV has relations with 253 political parties across 115 countries",
"Thailand will release 18 soldiers", "$215 million committed". Each number
in a sentence is read with its qualifier ("over", "nearly", "about"...),
scale ("1.729 billion") and unit, then given a metric from the cue words
around it (FACTS.md's list) and a subject (the clause's actor: a country, or
the party, parliament or front the sentence is about).

Precision first: a number becomes a statistic only when its cue words say
what is counted. Years, dates, ordinals, durations ("200 years of"), clock
times, code numbers ("Executive Order 14257", "COVID-19", "G7") and numbers
in names are skipped. ``metric: "other"`` is kept for clearly transactional
claims (purchases, pledges, releases, tariff rates) with an explicit actor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from diplograph import resolve, timex
from diplograph.extract.base import make_fact
from diplograph.extract.frames import DocParses
from diplograph.model import AnalyzedDocument, Fact, Mention, Sentence, Token

EXTRACTOR = "statistics"

# ---------------------------------------------------------------- numbers

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "zero": 0,
}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6,
           "hundred": 1e2, "crore": 1e7, "lakh": 1e5}
_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|"
            r"seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a(?=\s+(?:hundred|thousand|million|billion)))")
_NUMBER = re.compile(
    r"(?<![\w.,/\-+])(?P<cur>US\$|\$|USD\s?|€|£|¥|₹|₩|₺|EUR\s|Rs\.?\s?|INR\s|JPY\s|CNY\s|RMB\s|KSh\s?|Ksh\s?|KES\s|"
    r"EGP\s|E£\s?|TL\s|TRY\s|KRW\s|RUB\s|MUR\s|NGN\s|₦|ZAR\s|R(?=\d))?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_WORDNUM})\b)"
    r"(?:\s*(?P<scale>(?i:trillion|billion|million|thousand|hundred|crore|lakh)\b|bn\b|mn\b))?"
    r"(?:[\s-]*(?P<unit>%|(?i:percent|per\s?cent)\b|USD\b|US\s+dollars\b|dollars\b|euros?\b|EUR\b|yen\b|"
    r"yuan\b|renminbi\b|rupees\b|pounds sterling\b|roubles\b|rubles\b|won\b|rand\b|naira\b|lira\b|dong\b|"
    r"Kenyan shillings\b|shillings\b|"
    r"megawatts?\b|MW\b|gigawatts?\b|GW\b|km2|square\s+kilomet(?:er|re)s\b|kilomet(?:er|re)s?\b|km\b|"
    r"miles?\b|tons\b|tonnes\b|hectares\b|barrels\b))?"
)
_UNIT_NAMES = {
    "%": "percent", "percent": "percent", "per cent": "percent", "percent ": "percent", "usd": "USD",
    "us dollars": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR", "megawatt": "MW",
    "megawatts": "MW", "mw": "MW", "gigawatt": "GW", "gigawatts": "GW", "gw": "GW", "km2": "km2",
    "square kilometers": "km2", "square kilometres": "km2", "kilometer": "km", "kilometers": "km",
    "kilometre": "km", "kilometres": "km", "km": "km", "mile": "miles", "miles": "miles", "tons": "tons",
    "tonnes": "tons", "hectares": "hectares", "barrels": "barrels", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupees": "INR", "pounds sterling": "GBP", "roubles": "RUB", "rubles": "RUB", "won": "KRW",
    "rand": "ZAR", "naira": "NGN", "lira": "TRY", "dong": "VND", "kenyan shillings": "KES", "shillings": "KES",
}
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "£": "GBP", "eur": "EUR", "¥": "JPY",
             "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "jpy": "JPY", "cny": "CNY", "rmb": "CNY",
             "ksh": "KES", "kes": "KES", "egp": "EGP", "e£": "EGP", "tl": "TRY", "try": "TRY", "₺": "TRY",
             "krw": "KRW", "₩": "KRW", "rub": "RUB", "mur": "MUR", "ngn": "NGN", "₦": "NGN", "zar": "ZAR", "r": "ZAR"}
_MONEY = {"USD", "EUR", "GBP", "JPY", "INR", "CNY", "RUB", "KRW", "ZAR", "NGN", "TRY", "VND", "KES", "EGP", "MUR"}

# After the number: things that make it a duration, an age, a time, an ordinal or a code.
_NOT_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:st|nd|rd|th)\b|[\w]|[:+/×x]\d|[-\s]*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|"
    r"centur(?:y|ies)|times|year-old|[ap]\.?m\.?\b|A\.?M\.?\b|P\.?M\.?\b|o'clock|GMT|UTC|EDT|EST|ICT)\b)",
    re.IGNORECASE,
)
_NOT_COUNT_BEFORE = re.compile(
    r"(?:\b(?:no|nos|number|order|resolution|decree|decision|law|article|section|paragraph|chapter|clause|"
    r"item|page|annex|phase|round|stage|level|grade|category|tier|flight|route|highway|room|box|ext|tel|"
    r"fax|hotline|code|version|term|session|edition|summit|cop|g|p|group of|one of|each of)\.?\s*|[#+\-/:])$",
    re.IGNORECASE,
)
# "the five permanent members", "the top 10 trading partners": a reference to a known set, not a count claim.
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|our|his|her|all|both|top|first|last|next|past|"
                              r"every|each|per|another)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Number:
    start: int  # local to the sentence
    end: int
    value: float
    unit: str | None  # USD, percent, MW ... (None: a plain count)
    words: bool  # written in words ("three")


def _word_value(text: str) -> float | None:
    text = text.lower().replace("-", " ")
    if text == "a":
        return 1
    parts = text.split()
    total = 0.0
    for part in parts:
        if part in _TENS_WORDS:
            total += _TENS_WORDS[part]
        elif part in _UNITS_WORDS:
            total += _UNITS_WORDS[part]
        else:
            return None
    return total


def _numbers(text: str, skip: list[tuple[int, int]]) -> list[_Number]:
    out: list[_Number] = []
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if any(s < m.end("num") and m.start("num") < e for s, e in skip):
            continue
        raw = m["num"]
        words = not raw[0].isdigit()
        value = _word_value(raw) if words else float(raw.replace(",", ""))
        if value is None:
            continue
        if words and raw.lower() in ("one", "a") and not m["scale"]:
            continue  # "one of", "a": not a count claim
        if not m["scale"] and not m["unit"] and _NOT_COUNT_AFTER.match(text[m.end("num"):m.end("num") + 12]):
            continue
        before = text[max(0, start - 14):start]
        if not m["cur"] and _NOT_COUNT_BEFORE.search(before):
            continue
        # A number right after a capitalised name word is part of a name ("COP 26", "Boeing 737").
        prev = re.search(r"([A-Z][\w.]*)\s+$", text[max(0, start - 30):start])
        if prev and not m["cur"] and start - len(prev.group(0)) > 0 and prev.group(1) not in _OK_CAP_BEFORE:
            continue
        if (not words and not m["cur"] and not m["scale"] and not m["unit"] and re.fullmatch(r"\d{4}", raw)
                and 1800 <= value <= 2100):
            continue  # "FY 2022 funds": a year the date finder let pass, not a count
        if m["scale"]:
            value *= _SCALES[m["scale"].lower()]
        unit = None
        if m["cur"]:
            unit = _CURRENCY.get(m["cur"].strip().lower(), "USD")
        if m["unit"]:
            unit = _UNIT_NAMES.get(re.sub(r"\s+", " ", m["unit"].lower()), m["unit"])
        out.append(_Number(start, end, value, unit, words))
    return out


_OK_CAP_BEFORE = {"Over", "Nearly", "About", "Around", "Some", "Almost", "Approximately", "Roughly", "Only",
                  "More", "Up", "With", "Of", "Including", "And", "To", "In", "For", "By", "Each", "At", "Just",
                  "Purchase", "Purchases", "Another", "An", "Additional", "USD", "US", "EUR", "Than", "Least"}


# ---------------------------------------------------------------- qualifiers and denominators

_QUALIFIERS = [
    (re.compile(r"\bat least\s+$", re.IGNORECASE), "at_least"),
    (re.compile(r"\b(?:up to|as many as|as much as|less than|fewer than|under|below)\s+$", re.IGNORECASE), "up_to"),
    (re.compile(r"\b(?:more than|over|above|in excess of|upwards? of|exceeding|beyond|the over)\s+$", re.IGNORECASE), "over"),
    (re.compile(r"\b(?:nearly|almost|close to|just under|just shy of|nigh on)\s+$", re.IGNORECASE), "nearly"),
    (re.compile(r"\b(?:about|around|approximately|approx\.|some|roughly|an estimated|estimated|circa|"
                r"estimated (?:value|worth|total) of|an estimated (?:value|worth|total) of)\s+$", re.IGNORECASE), "about"),
]
_FILLER_BEFORE = re.compile(r"(?:\b(?:more than|at least|up to|as many as|as much as|less than|fewer than|"
                            r"over|above|nearly|almost|close to|about|around|approximately|some|roughly|"
                            r"an estimated|estimated|just under|an additional|additional|another|a total of|"
                            r"total of|a further|further|the)\s+)+$", re.IGNORECASE)


def _qualifier(before: str) -> str:
    for pattern, name in _QUALIFIERS:
        if pattern.search(before):
            return name
    return "exact"


_DENOMINATOR = re.compile(r"^\s*(?:out of|of)\s+(?:the\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*(?:%|percent))")


# ---------------------------------------------------------------- metric rules
# Q: an optional qualifier between a cue and the number.
_Q = r"(?:(?:more than|at least|up to|over|nearly|almost|about|around|approximately|some|roughly|a total of)\s+)?"
_PLACES = r"(?:[\w-]+\s+){0,3}?(?:countries|nations|states|member states|economies|territories|markets|partners)"


@dataclass(frozen=True)
class _Rule:
    metric: str
    before: re.Pattern[str] | None  # must match the end of the text before the number
    after: re.Pattern[str] | None  # must match the start of the text after the number
    sentence: re.Pattern[str] | None = None  # must match somewhere in the sentence
    unit: str = "count"
    money: bool | None = False  # True: only amounts of money; False: only plain counts
    reach: bool = False  # the cue may sit before an earlier number ("invested $X in N projects")
    shared: bool = False  # "the two sides signed six MoUs": counted for the document's country when it takes part
    label: str | None = None  # for metric "other": a fixed label for a recurring kind of count


def _b(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern + r"\s*" + _Q + r"$", re.IGNORECASE)


def _a(pattern: str) -> re.Pattern[str]:
    return re.compile(r"^\s*" + pattern, re.IGNORECASE)


_CSP = r"comprehensive strategic partner(?:s|ships?)"
_ABROAD = re.compile(r"\b(?:overseas|abroad|diaspora|expatriates?|worldwide|around the world|across [\w\s]{0,25}"
                     r"countries|living in|residing in|emigrants?|-strong)\b|-strong", re.IGNORECASE)
_RULES: list[_Rule] = [
    # partnership tiers
    _Rule("strategic_and_comprehensive_partners",
          _b(r"(?:strategic|comprehensive)(?:(?!partner)[a-z\s,-]){0,40}?\b(?:and|or|and/or)\b[a-z\s-]{0,40}?"
             r"partnerships?\s+(?:frameworks?\s+)?with"),
          None),
    _Rule("strategic_and_comprehensive_partners", None,
          _a(r"(?:strategic|comprehensive)(?:(?!partner)[a-z\s-]){0,30}?\b(?:and|or)\b[a-z\s-]{0,30}?partner(?:s|ships)\b")),
    _Rule("comprehensive_strategic_partners", _b(r"comprehensive strategic partnerships?\s+with"), None),
    _Rule("comprehensive_strategic_partners", None, _a(_CSP + r"\b")),
    _Rule("strategic_partners", _b(r"(?<!comprehensive )strategic partnerships?\s+with"), None),
    _Rule("strategic_partners", None, _a(r"strategic partner(?:s|ships?)?\b")),
    _Rule("comprehensive_partners", _b(r"comprehensive partnerships?\s+with"), None),
    _Rule("comprehensive_partners", None, _a(r"comprehensive partner(?:s|ships?)?\b")),
    # diplomatic relations
    _Rule("diplomatic_relations", _b(r"diplomatic (?:relations|ties)\s+with(?:\s+a total of)?"), None),
    _Rule("diplomatic_relations", None, _a(_PLACES + r"[^.;]{0,30}\bdiplomatic (?:relations|ties)\b"),
          re.compile(r"\b(?:maintains|has|have|established|establishes)\b", re.IGNORECASE)),
    # membership of organisations
    _Rule("org_memberships", _b(r"\b(?:a\s+)?member(?:\s+state)?\s+of"),
          _a(r"(?:[\w-]+\s+){0,3}?(?:organi[sz]ations|forums|fora|institutions|bodies|mechanisms|groupings)")),
    _Rule("org_memberships", _b(r"\b(?:joined|participates? in|takes? part in|participating in)"),
          _a(r"(?:international|regional|multilateral|global|\s|and)*(?:organi[sz]ations|forums|institutions)")),
    # trade
    _Rule("free_trade_agreements", None,
          _a(r"(?:[\w-]+\s+){0,3}?(?:free[- ]trade agreements|FTAs?\b)")),
    _Rule("free_trade_agreements", _b(r"\b(?:free[- ]trade agreements?|FTAs?)\s+(?:(?:now\s+)?in\s+(?:force|place|effect)\s+)?with"),
          _a(_PLACES)),
    _Rule("trade_partners", _b(r"\btrad(?:e|ing) (?:relations|ties|links|relationships?)\s+with"), None),
    _Rule("trade_partners", _b(r"\bexports?(?: goods)?\s+to"), _a(r"(?:[\w-]+\s+){0,2}?(?:countries|markets)")),
    _Rule("trade_partners", None, _a(r"(?:[\w-]+\s+){0,1}?trad(?:e|ing) partners")),
    _Rule("cooperation_agreements", None,
          _a(r"(?!(?:[\w-]+\s+){0,3}?free[- ]trade)(?:(?:bilateral|multilateral|international|cooperation|"
             r"multi-faced|multi-faceted|and|,|[\w-]+al)\s+){0,5}(?:cooperation\s+)?(?:agreements|treaties)\b"),
          re.compile(r"\b(?:signed|joined|joins|inked|concluded|has|have|maintains|become|became)\b", re.IGNORECASE)),
    # "the two sides signed six MoUs", "Four memorandums of understanding were signed": signed at one event
    _Rule("cooperation_agreements", None,
          _a(r"(?:[\w-]+\s+){0,1}?(?:MoUs|MOUs|memorand(?:a|ums)\s+of\s+understanding)\b"),
          re.compile(r"^(?![\s\S]*\b(?:companies|firms|businesses|enterprises|corporations)\b)"
                     r"[\s\S]*\b(?:signed|inked|exchanged|concluded)\b", re.IGNORECASE), shared=True),
    # party, parliament and people's diplomacy
    _Rule("party_relation_countries", _b(r"\bparties\s+(?:across|in|from)"), _a(r"(?:[\w-]+\s+){0,2}?(?:countries|nations)")),
    _Rule("party_relations", None, _a(r"(?:political\s+|ruling\s+|[\w-]+\s+){0,2}?parties\b"),
          re.compile(r"\b(?:relations|ties|links|cooperation|connections?)\b", re.IGNORECASE)),
    _Rule("parliament_relations", _b(r"\b(?:parliaments|legislatures|parliamentary bodies)\s+(?:of|in|from)"), None),
    _Rule("parliament_relations", None, _a(r"(?:[\w-]+\s+){0,2}?(?:parliaments|legislatures)\b")),
    _Rule("people_org_partners", None, _a(r"(?:international|foreign|overseas|global)\s+(?:partners|partner organi[sz]ations)\b"),
          re.compile(r"\b(?:people['’]s organi[sz]ations|mass organi[sz]ations|fatherland front|friendship organi[sz]ations|"
                     r"people-to-people|non-governmental)\b", re.IGNORECASE)),
    # the diaspora
    _Rule("overseas_population", None,
          _a(r"(?:-strong\s+)?(?:[\w-]+\s+){0,2}?(?:community|diaspora|expatriates)(?![\w-])"
             r"(?!\s+(?!(?:across|is|has|was|as|always|remains|lives)\b)[a-z]+s\b)"),
          _ABROAD, "persons"),
    _Rule("overseas_population", _b(r"\b(?:community|diaspora)\s+of"), _a(r"(?:people|persons|nationals|citizens)?"),
          _ABROAD, "persons"),
    _Rule("overseas_population", None, _a(r"(?:[\w-]+\s+){0,2}?(?:people|nationals|citizens)\s+(?:living|residing|working)\s+(?:abroad|overseas)"),
          None, "persons"),
    # "Over 32 million Indians live abroad"
    _Rule("overseas_population", None,
          _a(r"(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:now\s+|currently\s+)?(?:live|living|reside|residing|work|working)"
             r"\s+(?:abroad|overseas|outside\s+the\s+country)\b"),
          None, "persons"),
    _Rule("overseas_countries",
          _b(r"\b(?:community|diaspora|living|residing|resides?|lives?|expatriates)\b[^.;]{0,50}?\b(?:across|in)"),
          _a(_PLACES), _ABROAD),
    _Rule("overseas_investment_usd", _b(r"\binvested"), None,
          re.compile(r"\b(?:overseas|diaspora|OVs?|expatriates|living abroad)\b"), "USD", True),
    _Rule("overseas_investment_projects", _b(r"\binvested(?:[^.;]|\.\d){0,40}\bin"), _a(r"(?:[\w-]+\s+){0,1}?projects"),
          re.compile(r"\b(?:overseas|diaspora|OVs?|expatriates|living abroad)\b"), reach=True),
    _Rule("remittances_usd_per_year", _b(r"\b(?:remit|remitted|remits|remittances?(?:\s+\w+){0,4}?)"), None, None, "USD", True),
    # "received $125 billion in remittances", "migrants sent home $38 billion"
    _Rule("remittances_usd_per_year", None, _a(r"(?:[\w-]+\s+){0,2}?in\s+(?:annual\s+|yearly\s+)?remittances\b"),
          None, "USD", True),
    _Rule("remittances_usd_per_year", _b(r"\b(?:sent|send|sends|sending|wired|transferred)\s+(?:back\s+)?home"),
          None, None, "USD", True),
    # peacekeeping
    _Rule("peacekeepers_deployed", None,
          _a(r"(?:[\w-]+\s+|and\s+){0,4}?(?:personnel|troops|officers|peacekeepers|soldiers|staff|blue helmets|engineers)\b"),
          re.compile(r"peace-?keep", re.IGNORECASE), "persons"),
    # "Kenya has over 3,000 troops serving under the AU mission": a peace operation named, not "peacekeeping"
    _Rule("peacekeepers_deployed", None,
          _a(r"(?:[\w-]+\s+){0,2}?(?:troops|soldiers|peacekeepers|police\s+officers)\b"),
          re.compile(r"\b(?:Mission|(?i:stabili[sz]ation|standby)\s+(?i:force))\b|\b(?:peace|stabili[sz]ation|"
                     r"peace\s+support|security\s+support)\s+(?:mission|force|operation)s?\b|"
                     r"\b(?:AU|UN|U\.N\.|African\s+Union|United\s+Nations|[A-Z]\w+-led)\s+(?:\w+\s+)?mission\b"),
          "persons"),
    # "has deployed nearly 400 police officers to Haiti ... the mission": a contingent sent to a mission
    _Rule("peacekeepers_deployed", _b(r"\b(?:deployed|dispatched|sent)"),
          _a(r"(?:[\w-]+\s+){0,2}?(?:troops|soldiers|peacekeepers|police\s+officers|police|personnel)\s+to\b"),
          re.compile(r"\b(?:mission|peace-?keep\w*|contingent)\b", re.IGNORECASE), "persons"),
    # "runs 262 diplomatic and consular missions abroad": the size of a foreign service
    _Rule("other", None, _a(r"(?:diplomatic|foreign)\s+(?:and\s+consular\s+)?(?:missions|representations|posts)\s+"
                           r"(?:abroad|overseas|around\s+the\s+world|worldwide)\b"),
          label="diplomatic missions abroad"),
    # "was elected to the Security Council with 179 votes": the elected country's vote count
    _Rule("other", _b(r"\b(?:elected|re-elected|won\s+(?:a|the)\s+seat)\b[^.;]{0,80}?\b(?:with|by|after\s+(?:winning|securing|receiving))"),
          _a(r"votes\b(?!\s+to\b)"), label="votes in election"),
    # visits
    _Rule("incoming_leader_visits", None,
          _a(r"(?:[\w-]+\s+){0,2}?visits\s+(?:by|of)\s+(?:foreign\s+|[\w-]+\s+){0,2}leaders")),
    _Rule("incoming_leader_visits", None, _a(r"(?:[\w-]+\s+){0,1}?(?:incoming|inbound)\s+(?:state\s+|official\s+)?"
                                             r"(?:visits|trips)")),
    _Rule("outgoing_leader_visits", None,
          _a(r"(?:[\w-]+\s+){0,2}?visits\s+(?:abroad|overseas|led by|by (?:our|key|top|senior|party and state|the country's)|"
             r"to (?:other|foreign|neighbou?ring|partner) )")),
    _Rule("outgoing_leader_visits", None,
          _a(r"(?:official\s+|state\s+|working\s+)?(?:overseas|foreign|outbound|outgoing)\s+(?:trips|visits)")),
    # "hosted more than 30 heads of state and government"
    _Rule("incoming_leader_visits", _b(r"\b(?:hosted|received|welcomed)"),
          _a(r"(?:foreign\s+|visiting\s+)?(?:heads\s+of\s+(?:state|government)|world\s+leaders|foreign\s+leaders)\b")),
    # aid
    _Rule("aid_recipients",
          _b(r"\b(?:support|aid|assistance|supplies|equipment|donations?|donated|provided|helped|help|relief)"
             r"[^.;]{0,80}?\b(?:to|for)"),
          _a(_PLACES)),
]

# Transactional cues that make a bare count or amount a claim about an actor ("other").
_ACTION = re.compile(
    r"\b(?:purchas\w*|buy\w*|bought|order(?:ed|s)?|acquir\w*|donat\w*|deliver\w*|releas\w*|free[ds]?|"
    r"deploy\w*|withdraw\w*|sign(?:ed|s|ing)?|join\w*|support\w*|build\w*|built|fund\w*|financ\w*|train\w*|"
    r"provid\w*|grant\w*|pledg\w*|commit\w*|invest\w*|allocat\w*|mobili[sz]\w*|lend\w*|loan\w*|export\w*|"
    r"import\w*|sell\w*|sold|sales?|spend\w*|spent|send\w*|sent|evacuat\w*|repatriat\w*|detain\w*|"
    r"expel\w*|cancel\w*|forgiv\w*|reliev\w*|worth|valued|value of|cost\w*|"
    r"participat\w*|eliminat\w*|cut\w*|reduc\w*|rais\w*|impos\w*|maintain\w*|tariffs?|assistance|aid|"
    r"host\w*|receiv\w*|dispatch\w*|contribut\w*|approv\w*|"
    r"trade\s+(?:\w+\s+){0,4}?(?:reached|totall?ed|amounted\s+to|stood\s+at|hit))\b",
    re.IGNORECASE,
)
_PERCENT_CUE = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|stake|accounts? for|accounted for|"
                          r"accounting for)\b", re.IGNORECASE)
_COUNT_NOUN = re.compile(
    r"^\s*(?:(?:[\w'’-]+\s+){0,4}?)(?:aircraft|planes|jets|helicopters|ships|vessels|vaccines?|doses|tons|"
    r"soldiers|troops|prisoners|detainees|hostages|citizens|nationals|people|persons|refugees|migrants|"
    r"(?:police\s+)?officers|police|personnel|diplomats|peacekeepers|"
    r"projects|organi[sz]ations|entities|agreements|memorand(?:a|ums)|MoUs|contracts|deals|hubs|bridges|"
    r"scholarships|students|schools|hospitals|clinics|satellites|tanks|missiles|weapons|units|vehicles|"
    r"buses|locomotives|trains|turbines|plants|factories|jobs|visas|workers|officials|experts|"
    r"programs|programmes|initiatives|items|products|tonnes|containers)\b",
    re.IGNORECASE,
)
_PERSON_NOUN = re.compile(r"\b(?:soldiers|troops|prisoners|detainees|hostages|citizens|nationals|people|persons|"
                          r"officers|police|diplomats|peacekeepers|"
                          r"refugees|migrants|students|workers|officials|experts|personnel)\b", re.IGNORECASE)
_FINANCE_OF = re.compile(r"^\s*(?:\w+\s+)?in\s+(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+(?:financing|investment|aid|"
                         r"assistance|funding|loans|grants|support)\b")


def _rule_for(before: str, before_full: str, after: str, sentence_text: str, number: _Number) -> _Rule | None:
    money = number.unit in _MONEY
    for rule in _RULES:
        if rule.money is True and not money:
            continue
        if rule.money is False and number.unit is not None:
            continue
        if rule.before is not None and not rule.before.search(before_full if rule.reach else before):
            continue
        if rule.after is not None and not rule.after.search(after):
            continue
        if rule.sentence is not None and not rule.sentence.search(sentence_text):
            continue
        return rule
    return None


# ---------------------------------------------------------------- subjects

_PRONOUN_FOCUS = re.compile(r"^(?:it|the country|the nation|this country|our country|the southeast asian country|"
                            r"the [\w-]+ (?:country|nation))$", re.IGNORECASE)


def _actor_mentions(sentence: Sentence) -> list[Mention]:
    return [m for m in sentence.mentions if m.kind in ("country", "body") and m.id]


def _subtree(tokens: tuple[Token, ...], root: int) -> tuple[int, int]:
    """Char span (local-free, document offsets) of the subtree of token ``root``."""
    members = {root}
    changed = True
    while changed:
        changed = False
        for tok in tokens:
            if tok.i not in members and tok.head in members and tok.head != tok.i:
                members.add(tok.i)
                changed = True
    toks = [tokens[i] for i in sorted(members)]
    return toks[0].start, toks[-1].end


def _buried(sentence: Sentence, root: int | None, mention: Mention) -> bool:
    """True when a mention hangs off the subject through a preposition other than "of"
    ("canines in Mexico", "a deal with India"): it is not the subject's actor."""
    if root is None or not sentence.tokens:
        return False
    tok = next((t for t in sentence.tokens if t.start <= mention.start < t.end), None)
    steps = 0
    while tok is not None and tok.i != root and steps < 12:
        if tok.dep == "prep" and tok.text.lower() != "of":
            return True
        if tok.head == tok.i:
            break
        tok = sentence.tokens[tok.head]
        steps += 1
    return False


def _mention_in(doc: AnalyzedDocument, sentence: Sentence, start: int, end: int, focus: str | None,
                root: int | None = None) -> str | None:
    """The first actor named within document offsets [start, end) (the subtree of token ``root``).

    A country or body; a person stands for the country of their office
    ("President Trump signed ..."); a company named after its country
    ("Vietnam Airlines", "Vietnamese companies") for that country.
    """
    inside = [m for m in _actor_mentions(sentence)
              if start <= m.start and m.end <= end and not _buried(sentence, root, m)]
    if inside:
        return str(inside[0].id)
    text = sentence.text[start - sentence.start:end - sentence.start].strip()
    body = _generic_body(text, focus)
    if body:
        return body
    for m in sentence.mentions:
        if m.kind == "person" and start <= m.start and m.end <= end and not _buried(sentence, root, m):
            org = _person_country(doc, m)
            if org:
                return org
    named = resolve.body_country(text) if text and text[0].isupper() else None
    return named


def _person_country(doc: AnalyzedDocument, mention: Mention) -> str | None:
    org = mention.attrs.get("org") if mention.attrs else None
    if not org and mention.id and mention.id in doc.people:
        orgs = [o for _, o in doc.people[mention.id].titles if o]
        org = orgs[0] if orgs else None
    return resolve.national_country(str(org)) if org else None


def _generic_body(text: str, focus: str | None) -> str | None:
    """"The National Assembly" or "the Party" of the document's country, through the registry."""
    text = re.sub(r"^(?:the|The)\s+", "", text).strip()
    if not text or len(text.split()) > 6:
        return None
    if focus and resolve.is_contextual(text):
        return resolve.body_id(text, focus)
    return None


# Nouns whose "of" names the actor ("the withdrawal of the United States"), unlike "purchase of X".
_ACTOR_OF_NOUNS = {"withdrawal", "exit", "accession", "participation", "contribution", "decision", "commitment",
                   "departure", "entry"}
_RELATIVE = {"which", "that", "who", "whom", "whose"}
_JOINT = ""  # several actors share the subject: no single subject for the count
_NOBODY = "-"  # the clause has a subject, and it names no actor


def _syntactic_subject(doc: AnalyzedDocument, sentence: Sentence, pos: int, focus: str | None,
                       pronoun_focus: bool = True) -> str | None:
    """The actor of the clause around document offset ``pos``: its subject, or a possessor on the way."""
    tokens = sentence.tokens
    if not tokens:
        return None
    here = next((t for t in tokens if t.start <= pos < t.end), None)
    if here is None:
        return None
    seen: set[int] = set()
    tok = here
    crossed = False  # the path went through a preposition other than "of" ("response ... with $23 million")
    for _ in range(12):
        if tok.i in seen:
            break
        seen.add(tok.i)
        if tok.dep == "prep" and tok.text.lower() != "of":
            crossed = True
        nobody = False
        for child in tokens:
            if child.head != tok.i or child.i == tok.i:
                continue
            if child.dep == "prep" and tok.pos == "NOUN" and (
                    child.text.lower() == "by" or (child.text.lower() == "of" and tok.lemma.lower() in _ACTOR_OF_NOUNS)):
                for obj in tokens:
                    if obj.head == child.i and obj.dep == "pobj":
                        # the actor must be the object itself, not a modifier ("of U.S. products")
                        named = [m for m in _actor_mentions(sentence) if m.start <= obj.start < m.end]
                        if named:
                            return str(named[0].id)
            if child.dep == "poss" and (crossed or tok.pos not in ("NOUN", "PROPN")):
                continue
            if child.dep in ("poss", "nsubj", "nsubjpass"):
                if child.text.lower() in _RELATIVE:
                    continue  # "aircraft which is worth $8 billion": the antecedent's clause decides
                start, end = _subtree(tokens, child.i)
                ids = {str(m.id) for m in _actor_mentions(sentence) if start <= m.start and m.end <= end}
                if child.dep != "poss" and len(ids) > 1:
                    owner = _possessor(sentence, child)
                    if owner:
                        return owner  # "India's exports to Mauritius were worth $462 million": India's
                    return _JOINT  # "India and Mauritius signed eight agreements": a joint act, not a count of one
                actor = _mention_in(doc, sentence, start, end, focus, child.i)
                if actor:
                    return actor
                said = sentence.text[start - sentence.start:end - sentence.start].strip()
                if child.dep != "poss" and said.lower() in ("it", "they"):
                    # "Russia said it had expelled ...": the actor named before the pronoun;
                    # "they" with none is usually both sides of a meeting: nobody in particular
                    return _first_actor_before(sentence, start, None) or (
                        focus if said.lower() == "it" and pronoun_focus else _NOBODY)
                if child.dep != "poss" and focus and _PRONOUN_FOCUS.match(said):
                    return focus
                if child.dep != "poss":
                    nobody = True  # a subject that names no actor ("These investments"), unless another does
        if nobody:
            return _NOBODY
        if tok.head == tok.i:
            break
        tok = tokens[tok.head]
    return None


def _possessor(sentence: Sentence, head: Token) -> str | None:
    """The actor a possessive before a subject noun names ("Egypt's trade with BRICS")."""
    for tok in sentence.tokens:
        if tok.head == head.i and tok.i != head.i and tok.dep == "poss":
            named = [m for m in _actor_mentions(sentence) if m.start <= tok.start < m.end]
            return str(named[0].id) if len(named) == 1 else None
    return None


def _first_actor_before(sentence: Sentence, pos: int, focus: str | None) -> str | None:
    """Fallback without a parse: the first actor named before the number, not as an object."""
    for m in _actor_mentions(sentence):
        if m.start >= pos:
            break
        lead = sentence.text[max(0, m.start - sentence.start - 8):m.start - sentence.start].lower()
        if re.search(r"\b(?:with|to|from|between|and|of|in|for|by|at)\s+(?:the\s+)?$", lead):
            continue
        follow = sentence.text[m.end - sentence.start:m.end - sentence.start + 6]
        if re.match(r"^\s*(?:and|&)\s", follow) and any(
                o.start > m.end and o.id != m.id and o.start - m.end < 8 for o in _actor_mentions(sentence)):
            return _JOINT
        return str(m.id)
    head = re.match(r"^\W*(?:\w+,\s+)?(?P<subj>It|The country|The nation|This country|Our country|"
                    r"The (?:[A-Z][\w-]+ )?(?:country|nation))\b", sentence.text)
    if head and focus:
        return focus
    return None


def _document_focus(doc: AnalyzedDocument) -> str | None:
    if doc.focus:
        return doc.focus
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        for m in sentence.mentions:
            if m.kind == "country" and m.id:
                counts[str(m.id)] += 1
    return counts.most_common(1)[0][0] if counts else None


def _subject(doc: AnalyzedDocument, sentence: Sentence, number: _Number, rule: _Rule | None,
             focus: str | None) -> str | None:
    pos = sentence.start + number.start
    if number.unit in _MONEY:
        # "$1 billion in U.S. financing": the funder is named with the money
        m = _FINANCE_OF.match(sentence.text[number.end:number.end + 60])
        if m:
            at = sentence.start + number.end + m.start("who")
            named = [x for x in _actor_mentions(sentence) if x.start <= at < x.end and x.kind == "country"]
            if named:
                return str(named[0].id)
    # "other" claims need an actor the clause itself names: no guessing from pronouns or position
    actor = _syntactic_subject(doc, sentence, pos, focus, pronoun_focus=rule is not None)
    if rule is not None and rule.shared and actor in (_JOINT, _NOBODY, None) and focus:
        countries = {m.id for m in _actor_mentions(sentence) if m.kind == "country"}
        if not countries or focus in countries:
            return focus
    if actor == _JOINT or (rule is None and actor in (None, _NOBODY)):
        return None
    nobody = actor == _NOBODY  # "The bloc has FTAs with 70 countries": not the focus country's count
    if actor in (None, _NOBODY):
        actor = _first_actor_before(sentence, pos, focus)
    if actor == _JOINT:
        return None
    if rule is None:
        return actor
    if rule.metric in ("party_relations", "party_relation_countries"):
        party = _kind_in_sentence(sentence, "party")
        if party and (actor is None or resolve.national_country(party) == resolve.national_country(actor)):
            return party
    if rule.metric == "parliament_relations":
        body = _kind_in_sentence(sentence, "legislature") or _generic_in_text(sentence.text, focus)
        if body:
            return body
    if rule.metric == "people_org_partners":
        body = _kind_in_sentence(sentence, "mass_org")
        if body:
            return body
    if rule.metric == "overseas_population":
        people = _DEMONYM_AFTER.match(sentence.text[number.end:number.end + 40])
        named = _demonym_country(people.group(1)) if people else None
        if named:
            return named  # "32 million Indians live abroad"
    if rule.metric in ("remittances_usd_per_year", "overseas_population") and actor is None:
        for word in _DEMONYM_WORD.findall(sentence.text[:number.start]):
            named = _demonym_country(word)
            if named:
                return named  # "Kenyans abroad sent home $4.2 billion"
    if nobody and rule.metric not in _DIASPORA_AND_VISITS:
        return actor
    return actor or focus


_DEMONYM_WORD = re.compile(r"\b([A-Z][a-z]+(?:s|ese))\b")
_DEMONYM_AFTER = re.compile(r"^\s+([A-Z][a-z]+(?:s|ese)?)\b")


def _demonym_country(word: str) -> str | None:
    """The country of a plural demonym: "Indians" -> IND, "Filipinos" -> PHL, "Japanese" -> JPN."""
    for name in (word[:-1], word) if word.endswith("s") else (word,):
        cid = resolve.country_id(name)
        if cid:
            return cid
    return None


# Counts that are the document country's even when the clause's subject is "they", "OVs", "Mr. Son".
_DIASPORA_AND_VISITS = {"overseas_population", "overseas_countries", "overseas_investment_usd",
                        "overseas_investment_projects", "remittances_usd_per_year", "outgoing_leader_visits",
                        "incoming_leader_visits"}


def _kind_in_sentence(sentence: Sentence, kind: str) -> str | None:
    for m in sentence.mentions:
        if m.kind == "body" and m.id:
            body = resolve.bodies().get(str(m.id))
            if body and body.kind == kind:
                return str(m.id)
            if not body and kind == "legislature" and str(m.id).startswith(("NA_", "PARL_", "SENATE_")):
                return str(m.id)
    return None


_GENERIC_LEGISLATURE = re.compile(r"\b(?:[Tt]he\s+)?(National Assembly|Parliament|Congress|Senate|House of Representatives)\b")


def _generic_in_text(text: str, focus: str | None) -> str | None:
    m = _GENERIC_LEGISLATURE.search(text)
    if m and focus:
        return resolve.body_id(m.group(1), focus)
    return None


# ---------------------------------------------------------------- the extractor

def _as_of(doc: AnalyzedDocument, sentence: Sentence, times: list[tuple[int, int, timex.TimeValue]]) -> str | None:
    """The stated time of the claim (not a future target or a term), else the document's date."""
    published = doc.published or ""
    for start, end, value in times:
        if value.start is not None and value.precision == "year":
            continue  # a term ("2021-2030")
        if value.value.startswith("--"):
            continue
        lead = sentence.text[max(0, start - 40):start].lower()
        if value.precision == "day" and not re.search(r"\b(?:as of|as at|by|until)\s+$", lead):
            continue  # a dated event or a cited document, not the time a count holds for
        if re.search(r"\b(?:will|target|targets|goal|goals|vision|scheduled|plans?|aims?)\b[^.;]{0,40}$", lead):
            continue
        if re.search(r"\b(?:since|from|to)\s+$", lead):
            continue
        if published and value.value[:len(published)] > published[:len(value.value)]:
            continue  # later than the document: a target ("by 2030")
        return value.value
    return doc.published


_LABEL_STOP = {"the", "a", "an", "of", "to", "for", "in", "on", "at", "by", "with", "and", "or", "from", "its", "their"}


def _label(before: str, after: str, number: _Number) -> str:
    """A short description: the cue word and what follows the number ("purchase aircraft from Boeing")."""
    cues = _ACTION.findall(before[-60:])
    cue = cues[-1].lower() if cues else ""
    tail = re.split(r"[,;:()\u2013\u2014]|(?<![A-Z])\.(?!\d)|\b(?:that|which|who|whose|while|including|plus)\b",
                    after, 1)[0]
    words = tail.replace("-strong", "").split()[:7]
    while words and words[-1].lower() in _LABEL_STOP:
        words.pop()
    while words and words[0].lower() in _LABEL_STOP and len(words) > 1:
        words.pop(0)
    if not words:
        words = re.sub(r"[^\w\s'’-]", " ", before).split()[-4:]
    if cue and words and words[0].lower() == cue:
        cue = ""
    return " ".join([cue, *words]).strip().rstrip(".,;:") or (number.unit or "count")


def _glued_text(doc: AnalyzedDocument, sentence: Sentence) -> str:
    """The sentence, plus the next one when a splitter cut it after an abbreviation ("U.N.")."""
    if re.search(r"\b(?:[A-Z]\.){2,}$", sentence.text.rstrip()) and sentence.index + 1 < len(doc.sentences):
        return sentence.text + " " + doc.sentences[sentence.index + 1].text
    return sentence.text


def _sentence_facts(doc: AnalyzedDocument, sentence: Sentence, focus: str | None) -> list[Fact]:
    text = sentence.text
    times = timex.find(text, doc.published)
    numbers = _numbers(text, [(s, e) for s, e, _ in times])
    out: list[Fact] = _ordinal_facts(doc, sentence, times)
    if not numbers:
        return out
    full = _glued_text(doc, sentence)
    denominators: set[int] = set()
    previous_other = False
    target_label: str | None = None
    for k, number in enumerate(numbers):
        if number.start in denominators:
            continue
        before_full = text[max(0, number.start - 120):number.start]
        after = full[number.end:number.end + 120]
        of = None
        den = _DENOMINATOR.match(after)
        if den:
            of = float(den["n"].replace(",", ""))
            denominators.update(n.start for n in numbers if number.end < n.start <= number.end + den.end())
            after = after[den.end():]
        # Cut the text before at the previous number: its cue words are not this number's.
        prev_end = max((n.end for n in numbers[:k]), default=0)
        before = text[max(prev_end, number.start - 120):number.start]
        qualifier = _qualifier(before_full)
        bare = _FILLER_BEFORE.sub("", before)
        if _is_target(before_full, after):
            obj = _RAISE_OBJ.search(before_full)
            target_label = obj.group("obj") if obj else _label(before, after, number)
            previous_other = False
            continue
        if number.unit is None and _N_NATION.match(after):
            body = _body_after(sentence, number.end, 60)
            if body:
                out.append(make_fact(doc, sentence, "statistic", EXTRACTOR, 0.6, subject=body, metric="other",
                                     label="member states", unit="count", value=round(number.value),
                                     qualifier="exact", as_of=_as_of(doc, sentence, times)))
            continue
        if number.unit is None and _MEMBERS_AFTER.match(after) and (
                _MEMBERSHIP_TO.search(bare) or _HAS_MEMBERS.search(bare)):
            body = _last_body(doc, sentence)
            if body:
                out.append(make_fact(doc, sentence, "statistic", EXTRACTOR, 0.6, subject=body, metric="other",
                                     label="member countries", unit="count", value=round(number.value),
                                     qualifier=qualifier, as_of=_as_of(doc, sentence, times)))
            continue
        rule = _rule_for(bare, before_full, after, full, number)
        fields: dict[str, object] = {}
        if rule is None and target_label and _FROM_BEFORE.search(before) and _FROM_NOW.match(after):
            fields = {"metric": "other", "label": target_label, "unit": _other_unit(number, after)}
        elif rule is not None:
            fields = {"metric": rule.metric, "unit": rule.unit if rule.money is not True else (number.unit or "USD")}
            if rule.label:
                fields["label"] = rule.label
        else:
            label = _other_label(bare, before, after, number, previous_other,
                                 _counts_plural_noun(sentence, number))
            if label is None:
                previous_other = False
                continue
            fields = {"metric": "other", "label": label, "unit": _other_unit(number, after)}
        if _DEFINITE_BEFORE.search(before):
            continue
        subject = _subject(doc, sentence, number, rule, focus)
        if subject is None:
            previous_other = False
            continue
        previous_other = rule is None
        value = round(number.value) if abs(number.value - round(number.value)) < 1e-6 else number.value
        fields = {"subject": subject, **fields, "value": value, "qualifier": qualifier,
                  "as_of": _as_of(doc, sentence, times)}
        if of is not None:
            fields["of"] = round(of)
        confidence = 0.75 if rule is not None else 0.5
        out.append(make_fact(doc, sentence, "statistic", EXTRACTOR, confidence, **fields))
    return out


# A target is not a claim: "wants to raise trade to $15 billion", "aims to reach $100 billion".
_RAISE = (r"(?:rais|increas|boost|doubl|tripl|lift|expand|grow|push|tak|bring|elevat|scal|step)\w*"
          r"\b[^.;]{0,60}?\bto")
_TARGET_INTENT = re.compile(
    r"\b(?:want\w*|aim\w*|seek\w*|sought|plan\w*|hop(?:e|es|ed|ing)|target\w*|goals?|intend\w*|pledg\w*|"
    r"vow\w*|agree\w*|will|would|could|shall|set\s+to|expect\w*|envisag\w*|ambitions?|bid|called\s+for|"
    r"urg\w*|push\s+for|work\s+towards?)\b[^.;]{0,50}?\b" + _RAISE + r"\s+" + _Q + r"$", re.IGNORECASE)
_TARGET_REACH = re.compile(r"\b(?:to|will|would|could|should)\s+(?:reach|hit|achieve|exceed|top|surpass|attain)\s+"
                           + _Q + r"$", re.IGNORECASE)
_TARGET_SOON = re.compile(r"^[^.;]{0,50}\b(?:in\s+the\s+(?:coming|next)\s+(?:\w+\s+)?years|over\s+the\s+(?:next|coming)\s+"
                          r"(?:\w+\s+)?years|by\s+(?:the\s+end\s+of\s+)?20\d\d)\b", re.IGNORECASE)
_RAISE_OBJ = re.compile(r"\b(?:rais|increas|boost|doubl|tripl|lift|expand|grow|push|elevat|scal|step)\w*\s+"
                        r"(?:up\s+)?(?P<obj>[^.;]{1,60}?)\s+to\s+" + _Q + r"$", re.IGNORECASE)
_RAISE_TO = re.compile(r"\b" + _RAISE + r"\s+" + _Q + r"$", re.IGNORECASE)
# "..., from about $10 billion now": the present figure beside a target is a claim.
_FROM_NOW = re.compile(r"^\s*(?:now|currently|at\s+present|today|at\s+the\s+moment)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+" + _Q + r"$", re.IGNORECASE)


def _is_target(before: str, after: str) -> bool:
    """A number the actor means to reach, not one it has reached."""
    return bool(_TARGET_INTENT.search(before) or _TARGET_REACH.search(before)
                or (_RAISE_TO.search(before) and _TARGET_SOON.match(after)))


# "the 15-nation Economic Community of West African States": a body's size.
_N_NATION = re.compile(r"^-(?:nation|member|country|state)\b")
# "the 193rd country with which Korea has diplomatic relations", "the 190th country to establish ties with Japan".
_ORDINAL_RELATIONS = re.compile(
    r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?:country|nation|state)\s+(?:"
    r"with\s+which\s+(?P<a>[^.;,]{2,40}?)\s+(?:has|have|had|now\s+has|maintains|enjoys)\s+(?:established\s+)?"
    r"(?:formal\s+)?diplomatic\s+(?:relations|ties)"
    r"|to\s+(?:establish|forge|open|have|set\s+up)\s+(?:formal\s+)?diplomatic\s+(?:relations|ties)\s+with\s+"
    r"(?P<b>[^.;,]{2,40}))",
    re.IGNORECASE,
)
# "brings the group's membership to nine countries", "the bloc expands to 11 members"
_MEMBERSHIP_TO = re.compile(r"\b(?:membership|expand\w*|enlarg\w*|grow\w*|grew)\s+(?:\w+\s+)?to\s+$", re.IGNORECASE)
_HAS_MEMBERS = re.compile(r"\b(?:bloc|group|grouping|organi[sz]ation|alliance|union|community|[A-Z]{2,}\w*|"
                          r"[A-Z]\w+\s+(?:Union|Community|Organi[sz]ation|Alliance|States))\b(?:,\s*which)?\s+"
                          r"(?:now\s+)?(?:has|have|comprises|counts|includes|brings\s+together|groups)\s+$")
_MEMBERS_AFTER = re.compile(r"^\s*(?:full\s+)?(?:member\s+)?(?:countries|nations|states|members|economies)\b",
                            re.IGNORECASE)


def _international(mention: Mention) -> bool:
    body = resolve.bodies().get(mention.id or "")
    return body is not None and not body.country


def _body_after(sentence: Sentence, begin: int, reach: int) -> str | None:
    """The international body named first in sentence-local [begin, begin+reach)."""
    for m in sentence.mentions_of("body"):
        local = m.start - sentence.start
        if begin <= local < begin + reach and _international(m):
            return m.id
    return None


def _last_body(doc: AnalyzedDocument, sentence: Sentence) -> str | None:
    """The one international body a sentence names, else the last one named before it."""
    here = {m.id for m in sentence.mentions_of("body") if _international(m)}
    if len(here) == 1:
        return next(iter(here))
    if here:
        return None
    for earlier in reversed(doc.sentences[:sentence.index]):
        named = [m.id for m in earlier.mentions_of("body") if _international(m)]
        if named:
            return named[-1]
    return None


def _ordinal_facts(doc: AnalyzedDocument, sentence: Sentence,
                   times: list[tuple[int, int, timex.TimeValue]]) -> list[Fact]:
    out: list[Fact] = []
    for m in _ORDINAL_RELATIONS.finditer(sentence.text):
        group = "a" if m.group("a") else "b"
        start, end = sentence.start + m.start(group), sentence.start + m.end(group)
        named = [x for x in sentence.mentions if x.kind == "country" and x.id and start <= x.start < end]
        if len(named) != 1:
            continue
        out.append(make_fact(doc, sentence, "statistic", EXTRACTOR, 0.7, subject=named[0].id,
                             metric="diplomatic_relations", unit="count", value=int(m.group("n")),
                             qualifier="exact", as_of=_as_of(doc, sentence, times)))
    return out


_TARGET_BEFORE = re.compile(r"\b(?:goals?|targets?|aims?|ambitions?|aspirations?|vision)\b[^.;]{0,50}$", re.IGNORECASE)
_TARGET_AFTER = re.compile(r"^[^.;]{0,60}\bby\s+(?:the\s+end\s+of\s+)?20\d\d\b")


def _counts_plural_noun(sentence: Sentence, number: _Number) -> bool:
    """The number modifies a plural noun ("release 40 fishermen"), by the parse."""
    pos = sentence.start + number.start
    tok = next((t for t in sentence.tokens if t.start <= pos < t.end), None)
    if tok is None or tok.dep != "nummod":
        return False
    head = sentence.tokens[tok.head]
    return (head.tag == "NNS" and head.start > tok.start
            and head.lemma.lower() not in ("country", "nation", "state", "territory", "economy", "market", "partner"))


def _other_label(bare: str, before: str, after: str, number: _Number, previous_other: bool,
                 plural_noun: bool = False) -> str | None:
    """A label for a clearly transactional count or amount, else None (not a statistic)."""
    recent = bare[-70:]
    if _TARGET_BEFORE.search(recent) or _TARGET_AFTER.match(after):
        return None  # a goal ("India's goal of achieving 500 GW by 2030"), not a count
    if number.unit == "percent":
        if _PERCENT_CUE.search(after[:60]) or _PERCENT_CUE.search(recent) or re.match(
                r"^\s*of\s+(?:goods|products|imports|exports|trade|lines)", after):
            return _label(before, after, number)
        return None
    if number.unit in _MONEY:
        if _ACTION.search(recent) or _ACTION.search(after[:50]):
            return _label(before, after, number)
        return None
    if number.unit is not None:  # MW, km ...
        return _label(before, after, number) if _ACTION.search(recent[-40:]) else None
    if not _COUNT_NOUN.match(after) and not plural_noun:
        return None
    if _ACTION.search(recent[-45:]) or (previous_other and re.search(r"\band\s+$", bare)):
        return _label(before, after, number)
    return None


def _other_unit(number: _Number, after: str) -> str:
    if number.unit:
        return number.unit
    if re.match(r"^\s*(?:[\w-]+\s+){0,2}?doses\b", after, re.IGNORECASE):
        return "doses"
    head = re.split(r"[,;:()]|\b(?:that|which|who|from|with|to|for)\b", after, 1)[0]
    return "persons" if _PERSON_NOUN.search(head) else "count"


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    """Statistics of every sentence; one per (subject, metric, value) in a document."""
    focus = _document_focus(doc)
    out: list[Fact] = []
    seen: set[tuple[object, object, object, object]] = set()
    for sentence in doc.sentences:
        for fact in _sentence_facts(doc, sentence, focus):
            key = (fact.get("subject"), fact.get("metric"), fact.get("value"), fact.get("label"))
            if key not in seen:
                seen.add(key)
                out.append(fact)
    return out
