#!/usr/bin/env python3
"""Print the argument frames the parse gives for a text (a developer's lens on extract/frames.py).

usage: echo "Kenya and Japan signed an agreement on Monday." | .venv/bin/python scripts/show_frames.py [--published 2025-03-12] [--tree]
"""

from __future__ import annotations

import argparse
import sys

from diplograph.extract.frames import Parse
from diplograph.nlp import analyze_text


def _arg(parse: Parse, a) -> str:
    words = " ".join(t.text for t in parse.tokens[a.start:a.end])
    ids = ",".join(a.ids(("country", "body", "person", "place")))
    return f"[{words}]{'{' + ids + '}' if ids else ''}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--published", default="2025-03-12")
    ap.add_argument("--tree", action="store_true")
    a = ap.parse_args()
    doc = analyze_text(sys.stdin.read(), published=a.published)
    for s in doc.sentences:
        print("##", s.text)
        p = Parse(s)
        if a.tree:
            for t in s.tokens:
                print(f"   {t.i:>3} {t.text:<14} {t.lemma:<12} {t.pos:<6} {t.tag:<5} {t.dep:<10} -> {t.head}")
        for m in s.mentions:
            print("   M", m.kind, repr(m.text), m.id, dict(m.attrs) if m.attrs else "")
        for f in p.frames(pos=("VERB",)) + p.frames(lemmas=__import__("diplograph.extract.frames", fromlist=["x"]).NOMINAL_EVENTS, pos=("NOUN", "PROPN")):
            bits = [f"{f.lemma}/{f.pos}"]
            if f.agents:
                bits.append("A=" + " ".join(_arg(p, x) for x in f.agents))
            if f.themes:
                bits.append("T=" + " ".join(_arg(p, x) for x in f.themes))
            for k, v in f.preps.items():
                bits.append(f"{k}=" + " ".join(_arg(p, x) for x in v))
            if f.when:
                bits.append(f"when={f.when_prep or ''}:{f.when.attrs.get('value')}")
            if f.negated:
                bits.append("NEG")
            if f.mood != "asserted":
                bits.append(f.mood.upper())
            if f.passive:
                bits.append("pass")
            if f.light is not None:
                bits.append(f"light={s.tokens[f.light].text}")
            print("   F", "  ".join(bits))


if __name__ == "__main__":
    main()
