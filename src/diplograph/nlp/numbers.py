"""Numbers as written in news copy -> value, unit and qualifier (no spaCy here).

"1,100" -> 1100; "6 million" -> 6000000; "close to a million" -> 1000000 (nearly);
"1.729 billion USD" / "$1.729 billion" / "Rs 30 billion" -> 1729000000 USD, 30000000000 INR;
"nearly 50" -> 50 (qualifier "nearly"); "200th" -> 200 (ordinal); "30 percent" -> 30 percent;
"three" -> 3; "four dozen" -> 48; "nine-fold" -> 9 times; "25 square kilometers" -> 25 km2;
"275 kilos" -> 275 kg. Clock times and slashed dates ("12:53", "19/5/1890") and vague
amounts ("thousands", "several hundred", "one-third") are not numbers: None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "single": 1, "both": 2, "a": 1, "an": 1,
}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "hundredth": 100,
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7}
# Written right before or after the figure; the longest match wins ("singapore dollars" before "dollars").
_CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
    "pounds": "GBP", "pounds sterling": "GBP", "¥": "JPY", "yen": "JPY", "jpy": "JPY", "yuan": "CNY",
    "rmb": "CNY", "cny": "CNY", "renminbi": "CNY", "vnd": "VND", "dong": "VND", "₫": "VND", "rupees": "INR",
    "rupee": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "₹": "INR", "won": "KRW", "krw": "KRW", "₩": "KRW",
    "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "lira": "TRY", "liras": "TRY", "try": "TRY", "₺": "TRY",
    "shillings": "KES", "kenyan shillings": "KES", "kes": "KES", "ksh": "KES", "naira": "NGN", "ngn": "NGN",
    "₦": "NGN", "rand": "ZAR", "zar": "ZAR", "egp": "EGP", "egyptian pounds": "EGP", "sdr": "SDR", "a$": "AUD",
    "aud": "AUD", "australian dollars": "AUD", "c$": "CAD", "cad": "CAD", "canadian dollars": "CAD",
    "chf": "CHF", "swiss francs": "CHF", "baht": "THB", "thb": "THB", "ringgit": "MYR", "myr": "MYR",
    "rupiah": "IDR", "idr": "IDR", "taka": "BDT", "singapore dollars": "SGD", "sgd": "SGD", "s$": "SGD",
    "hong kong dollars": "HKD", "new taiwan dollars": "TWD", "pesos": "PHP", "php": "PHP", "mxn": "MXN",
    "riyals": "SAR", "dirhams": "AED", "aed": "AED", "cedis": "GHS", "kip": "LAK", "riel": "KHR",
}
CURRENCY_CODES = frozenset(_CURRENCY.values()) | {"SGD", "HKD", "TWD"}
# Currency words that English never writes before the figure, and that are verbs there ("won 180 votes").
_NEVER_BEFORE = frozenset({"won", "dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "dong", "rand",
                           "real", "reais", "pesos", "peso", "rupees", "baht"})
_SYMBOLS = ("us$", "a$", "c$", "s$", "$", "€", "£", "¥", "₹", "₩", "₫", "₺", "₦")
# Measures: the unit word(s) after the figure -> unit.
_MEASURES = {
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "square-kilometer": "km2", "square-kilometre": "km2", "square kilometer": "km2", "square kilometre": "km2",
    "square miles": "sq_miles", "hectares": "hectares",
    "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "km": "km", "miles": "miles",
    "mile": "miles", "kilos": "kg", "kilograms": "kg", "kilogram": "kg", "kg": "kg", "tons": "tonnes",
    "tonnes": "tonnes", "metric tons": "tonnes", "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "gw": "GW",
    "barrels": "barrels", "fold": "times",
}
_PERCENT = ("%", "percent", "per cent", "pct", "percentage points", "percentage point")
# Words before a figure -> qualifier (FACTS.md: exact | over | nearly | about | at_least).
QUALIFIERS = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly", "under": "nearly",
    "less than": "nearly", "fewer than": "nearly", "just shy of": "nearly",
    "more than": "over", "over": "over", "above": "over", "in excess of": "over", "upwards of": "over",
    "exceeding": "over", "just over": "over",
    "some": "about", "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "up to": "about", "as many as": "about", "as much as": "about",
    "up to about": "about", "circa": "about", "an average of": "about",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
}
# Filler between a qualifier and the figure: "an additional two million", "a total of 50".
_FILLER = ("an additional", "additional", "another", "a total of", "total of", "a further", "the")
_VAGUE = {"thousands", "hundreds", "millions", "billions", "dozens", "tens", "several", "many", "half", "third",
          "quarter", "scores"}


@dataclass(frozen=True)
class Quantity:
    value: float | int
    unit: str | None  # a currency code | "percent" | "ordinal" | a measure ("km2", "kg", "times") | None (a count)
    qualifier: str  # exact | over | nearly | about | at_least


_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(st|nd|rd|th))?(?![\w])", re.IGNORECASE)


def _tidy(value: float) -> float | int:
    if abs(value - round(value)) < 1e-6 * max(1.0, abs(value)):
        return round(value)
    return float(f"{value:.6g}") if abs(value) >= 1 else round(value, 6)


def currency_of(text: str) -> str | None:
    """The currency code a word or symbol names ("baht" -> THB, "$" -> USD, "Singapore dollars" -> SGD)."""
    return _CURRENCY.get(" ".join(text.lower().split()))


def qualifier_of(text: str) -> tuple[str, str]:
    """(qualifier, the rest) for a text that may start with a qualifier phrase ("nearly 50")."""
    low = text.lower()
    for phrase in sorted(QUALIFIERS, key=len, reverse=True):
        if low.startswith(phrase + " "):
            return QUALIFIERS[phrase], text[len(phrase) + 1:].lstrip()
    return "exact", text


def qualifier_before(text: str) -> str | None:
    """The qualifier that the words right before a figure give ("... more than" -> "over"), if any."""
    words = text.lower().replace("\u2019", "'").split()
    while words and words[-1] in {w for f in _FILLER for w in f.split()}:
        words.pop()
    for n in (4, 3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in QUALIFIERS:
            return QUALIFIERS[" ".join(words[-n:])]
    return None


def _lookup(words: list[str], table: dict[str, str], from_end: bool = False) -> str | None:
    """The longest run of ``words`` (at the start, or at the end) that is a key of ``table``."""
    for n in (3, 2, 1):
        if len(words) >= n:
            key = " ".join(words[-n:] if from_end else words[:n]).strip(".,;:()")
            for form in (key, key.replace(".", "")):  # "U.S. dollars", cut to "u.s dollars", is "us dollars"
                if form in table:
                    return table[form]
    return None


def _word_value(words: list[str]) -> tuple[float, list[str]] | None:
    """A number written in words at the start of ``words``: (value, the words after it)."""
    total, found = 0.0, False
    for i, word in enumerate(words):
        parts = word.split("-")
        if word.endswith("fold") and word[:-4].rstrip("-") in _WORDS:
            parts = [word[:-4].rstrip("-"), "fold"]  # "threefold"
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word == "and" and found and nxt.split("-")[0] in _WORDS:
            continue  # "a hundred and ninety million"
        if word in ("a", "an") and found:
            return total, words[i:]
        if word in ("a", "an") and not (nxt in _MULTIPLIERS or (nxt in _SCALE and len(nxt) > 2)):
            continue  # a determiner: "a zero percent"
        if parts[-1] == "fold" and len(parts) > 1 and all(p in _WORDS for p in parts[:-1]):
            return sum(_WORDS[p] for p in parts[:-1]), ["fold", *words[i + 1:]]
        if word in _MULTIPLIERS:
            total, found = (total or 1) * _MULTIPLIERS[word], True
        elif word in _SCALE and len(word) > 2:
            return (total or 1), words[i:]  # "a million", "two million": scaled by the caller
        elif all(p in _WORDS for p in parts) and not (word in ("a", "an") and found):
            total, found = total + sum(_WORDS[p] for p in parts), True
        else:
            return (total, words[i:]) if found else None
    return (total, []) if found else None


def parse(text: str, after: str = "", before: str = "") -> Quantity | None:
    """Read one number mention; ``after`` is the text right after it ("15 billion USD", "baht"),
    ``before`` the text right before it ("Rs 30 billion", "close to a million")."""
    raw = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    if re.search(r"\d[:/]\d", raw):
        return None  # a clock time or a slashed date
    qualifier, body = qualifier_of(raw)
    if qualifier == "exact":
        qualifier = qualifier_before(before) or "exact"
    low = body.lower()
    for filler in _FILLER:
        if low.startswith(filler + " "):
            low = low[len(filler) + 1:]
    head = ""
    m = _NUM.search(low)
    if m:
        if m.group(2):
            return Quantity(_tidy(float(m.group(1).replace(",", ""))), "ordinal", qualifier)
        value = float(m.group(1).replace(",", ""))
        head, rest = low[:m.start()], low[m.end():].replace("-", " ").split()
    else:
        words = low.replace("-", " - ").replace(" - ", "-").split()
        if not words or words[0] in _VAGUE or any("-" in w and w.split("-")[-1] in _VAGUE for w in words[:1]):
            return None
        *tens, last = words[-1].split("-")
        if last in _ORDINALS and all(t in _WORDS for t in tens):
            return Quantity(sum(_WORDS[t] for t in tens) + _ORDINALS[last], "ordinal", qualifier)
        if words[0] in _ORDINALS:
            return Quantity(_ORDINALS[words[0]], "ordinal", qualifier)
        read = _word_value(words)
        if read is None:
            return None
        value, rest = read
    rest = [w.strip(".,;:()") for w in rest]
    if rest and rest[0] in _SCALE and (rest[0] not in ("m", "b", "k") or re.search(r"\d\s*[mbk]\b", low)):
        value *= _SCALE[rest[0]]
        rest = rest[1:]
    tail = rest + [w.strip(".,;:()") for w in after.lower().split()]
    while tail and tail[0] in _SCALE and len(tail[0]) > 2:
        tail = tail[1:]
    symbol = next((sym for sym in _SYMBOLS if sym in head or raw.lower().startswith(sym)
                   or before.rstrip().lower().endswith(sym)), None)  # "$15 billion", "US$ 2", "Rs 30"
    unit = _CURRENCY[symbol] if symbol else None
    unit = unit or _lookup(head.split(), _CURRENCY, from_end=True)
    words_before = before.split()
    if words_before and words_before[-1].strip(".,;:()").lower() not in _NEVER_BEFORE:
        unit = unit or _lookup([w.lower() for w in words_before], _CURRENCY, from_end=True)  # "Rs 30", "RM 5"
    if unit is None and (raw.endswith("%") or any(" ".join(tail).startswith(p) for p in _PERCENT)):
        unit = "percent"
    if unit is None and tail[:2] in (["pounds", "of"], ["pound", "of"]) and not symbol:
        unit = "lb"  # "101,335 pounds of formula": a weight ("£5 million", "5 million pounds" are money)
    unit = unit or _lookup(tail, _CURRENCY) or _lookup(tail, _MEASURES)
    value *= _fraction_before(before)  # "a quarter of a billion dollars", "half a million"
    return Quantity(_tidy(value), unit, qualifier)


_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "fifth": 0.2, "tenth": 0.1}


def _fraction_before(before: str) -> float:
    """A fraction written before a number word: "a quarter of (a billion)", "half (a million)", "three quarters of"."""
    words = [w.strip(".,;:()") for w in before.lower().split()]
    while words and words[-1] in ("a", "an", "of"):
        words.pop()
    if not words:
        return 1.0
    last = words[-1].rstrip("s")
    if last not in _FRACTIONS:
        return 1.0
    count = _WORDS.get(words[-2], 1) if len(words) > 1 and words[-1].endswith("s") else 1
    return _FRACTIONS[last] * count
