"""Numbers as written in news copy -> value, unit and qualifier (no spaCy here).

"1,100" -> 1100; "6 million" -> 6000000; "1.729 billion USD" / "$1.729 billion" ->
1729000000 USD; "nearly 50" -> 50 (qualifier "nearly"); "200th" -> 200 (ordinal);
"30 percent" -> 30 percent; "three" -> 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "a dozen": 12, "single": 1, "both": 2, "a": 1, "an": 1,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "seventy-fifth": 75, "eightieth": 80, "hundredth": 100,
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7}
_CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
    "pounds": "GBP", "¥": "JPY", "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "rmb": "CNY", "cny": "CNY",
    "renminbi": "CNY", "vnd": "VND", "dong": "VND", "₫": "VND", "rupees": "INR", "rupee": "INR", "inr": "INR",
    "rs": "INR", "₹": "INR", "won": "KRW", "krw": "KRW", "₩": "KRW", "rubles": "RUB", "roubles": "RUB",
    "rub": "RUB", "lira": "TRY", "liras": "TRY", "try": "TRY", "shillings": "KES", "kes": "KES",
    "naira": "NGN", "ngn": "NGN", "rand": "ZAR", "zar": "ZAR", "egp": "EGP", "egyptian pounds": "EGP",
    "sdr": "SDR", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD", "chf": "CHF", "francs": "CHF",
}
_PERCENT = {"%", "percent", "per cent", "pct", "percentage points", "percentage point"}
_QUALIFIERS = (
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("up to", "nearly"),
    ("just under", "nearly"), ("under", "nearly"), ("less than", "nearly"), ("fewer than", "nearly"),
    ("more than", "over"), ("over", "over"), ("above", "over"), ("in excess of", "over"), ("upwards of", "over"),
    ("exceeding", "over"), ("some", "about"), ("about", "about"), ("around", "about"), ("approximately", "about"),
    ("roughly", "about"), ("an estimated", "about"), ("estimated", "about"), ("nearly all", "nearly"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
)


@dataclass(frozen=True)
class Quantity:
    value: float | int
    unit: str | None  # "USD" (currency code) | "percent" | "ordinal" | None (a count)
    qualifier: str  # exact | over | nearly | about | at_least


_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(st|nd|rd|th))?(?![\w])", re.IGNORECASE)


def _tidy(value: float) -> float | int:
    return int(round(value)) if abs(value - round(value)) < 1e-9 else round(value, 6)


def parse(text: str, after: str = "") -> Quantity | None:
    """Read one number mention; ``after`` is the text right after it (for "15 billion USD")."""
    raw = " ".join(text.split())
    low = raw.lower().replace("–", "-")
    qualifier = "exact"
    for phrase, qual in sorted(_QUALIFIERS, key=lambda q: -len(q[0])):
        if low.startswith(phrase + " "):
            qualifier = qual
            low = low[len(phrase) + 1:]
            break
    unit: str | None = None
    value: float | None = None
    m = _NUM.search(low)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            return Quantity(_tidy(value), "ordinal", qualifier)
        rest = low[m.end():].strip()
    else:
        words = re.findall(r"[a-z]+(?:-[a-z]+)?", low)
        if not words:
            return None
        if words[0] in _ORDINALS or words[-1] in _ORDINALS:
            return Quantity(_ORDINALS.get(words[-1], _ORDINALS.get(words[0], 0)), "ordinal", qualifier)
        if words[0] in ("a", "an") and len(words) > 1:
            words = words[1:]
        total = 0.0
        found = False
        rest_words: list[str] = []
        for i, word in enumerate(words):
            parts = word.split("-")
            if all(p in _WORDS for p in parts) and not (word in ("a", "an") and i + 1 < len(words)
                                                          and words[i + 1] not in _SCALE and words[i + 1] not in ("hundred", "dozen")):
                if parts in (["hundred"], ["dozen"]):
                    total = (total or 1) * _WORDS[parts[0]]
                else:
                    total += sum(_WORDS[p] for p in parts)
                found = True
            else:
                rest_words = words[i:]
                break
        if not found:
            return None
        value = total
        rest = " ".join(rest_words)
    # scale words ("6 million", "1.729 billion")
    for word in rest.split()[:2]:
        word = word.strip(".,")
        if word in _SCALE and (word not in ("m", "b", "k") or re.search(r"\d\s*[mbk]\b", low)):
            value *= _SCALE[word]
            break
    tail_words = (rest + " " + after.lower()).split()
    while tail_words and tail_words[0].strip(".,") in _SCALE:
        tail_words = tail_words[1:]
    tail = " ".join(tail_words)
    before = low[: m.start()].strip() if m else ""
    for sym, code in _CURRENCY.items():
        if sym in ("$", "€", "£", "¥", "₹", "₩", "₫", "us$", "a$", "c$"):
            if sym in before or raw.startswith(sym) or sym in low[:3]:
                unit = code
                break
    if unit is None and before.split() and before.split()[-1].strip(".") in _CURRENCY:
        unit = _CURRENCY[before.split()[-1].strip(".")]
    if unit is None:
        first = tail.split()[:3]
        for n in (3, 2, 1):
            cand = " ".join(first[:n]).strip(".,;")
            if cand in _CURRENCY:
                unit = _CURRENCY[cand]
                break
    if unit is None and any(low.endswith(p) or tail.startswith(p) or raw.endswith("%") for p in _PERCENT):
        unit = "percent"
    return Quantity(_tidy(value), unit, qualifier)
