#!/usr/bin/env python3
"""Self-check of the heldout4 development set (stdlib only).

Checks: every line of corpus/articles.jsonl and gold.jsonl parses; article
fields and word counts (250-320 words of text); docs.tsv covers every article
with the same date as `published`; every gold fact names a known doc, has a
known type (no `document` facts), and its `evidence` is a substring of the
article's title + "\\n\\n" + text that starts and ends on sentence boundaries;
dates are ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD); ids are upper case
with `_`; person names are ASCII. Prints counts by type and by doc.

Run: python3 eval/heldout4/validate.py
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
TYPES = {"statistic", "partnership", "diplomatic_relations", "role", "agreement", "event", "position"}
EVENT_KINDS = {"visit", "meeting", "talks", "conference", "signing", "call", "interview", "exercise",
               "briefing", "statement", "hearing", "election"}
ROLES = {"member", "non_permanent_member", "board_member", "vice_president", "president", "chair",
         "host", "contributor"}
QUALIFIERS = {"exact", "over", "nearly", "about", "at_least"}
AGREEMENT_KINDS = {"FTA", "MoU", "treaty", "joint_statement", "framework", "other"}
REL_STATUS = {"active", "established", "restored", "severed", "downgraded"}
CHANNELS = {"party", "state", "parliament", "people"}
DATE_FIELDS = ("date", "start", "end", "since", "as_of", "signed", "period_start", "period_end", "in_force")

errors = []


def err(msg):
    errors.append(msg)


def is_sentence_start(full, i):
    if i == 0 or full[i - 1] == "\n":
        return True
    return bool(re.search(r"[.!?][\"”’)]*\s+$", full[:i][-6:]))


def is_sentence_end(full, j):
    if j == len(full) or full[j] == "\n":
        return True
    return bool(re.search(r"[.!?][\"”’)]*$", full[:j])) and full[j:j + 1].isspace()


def main():
    arts = {}
    with open(os.path.join(HERE, "corpus", "articles.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                a = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"articles.jsonl:{n}: {e}")
                continue
            for k in ("id", "title", "url", "publisher", "published", "text"):
                if not a.get(k):
                    err(f"articles.jsonl:{n}: missing {k}")
            if not DATE.match(a.get("published", "")):
                err(f"{a.get('id')}: bad published {a.get('published')}")
            words = len(a.get("text", "").split())
            if not 250 <= words <= 320:
                err(f"{a.get('id')}: text has {words} words")
            arts[a["id"]] = a
    docs = {}
    with open(os.path.join(HERE, "docs.tsv"), encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header != ["doc", "published", "note"]:
            err(f"docs.tsv: bad header {header}")
        for line in fh:
            doc, pub, note = line.rstrip("\n").split("\t")
            docs[doc] = pub
            if not DATE.match(pub):
                err(f"docs.tsv: bad date {pub}")
    if set(docs) != set(arts):
        err(f"docs.tsv and articles differ: {set(docs) ^ set(arts)}")
    for d, p in docs.items():
        if d in arts and arts[d]["published"] != p:
            err(f"{d}: docs.tsv {p} != published {arts[d]['published']}")

    by_type = collections.Counter()
    by_doc = collections.Counter()
    with open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            where = f"gold.jsonl:{n}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{where}: {e}")
                continue
            t = g.get("type")
            if t not in TYPES:
                err(f"{where}: type {t}")
            if g.get("doc") not in arts:
                err(f"{where}: unknown doc {g.get('doc')}")
                continue
            by_type[t] += 1
            by_doc[g["doc"]] += 1
            a = arts[g["doc"]]
            full = a["title"] + "\n\n" + a["text"]
            ev = g.get("evidence", "")
            i = full.find(ev) if ev else -1
            if i < 0:
                err(f"{where}: evidence not in text")
            elif not (is_sentence_start(full, i) and is_sentence_end(full, i + len(ev))):
                err(f"{where}: evidence is not a full sentence: {ev[:60]!r}")
            for f in DATE_FIELDS:
                v = g.get(f)
                if v is not None and not DATE.match(str(v)):
                    err(f"{where}: bad {f} {v}")
            if g.get("channel") is not None and g["channel"] not in CHANNELS:
                err(f"{where}: channel {g['channel']}")
            if t == "statistic":
                if not ID.match(g.get("subject", "")):
                    err(f"{where}: subject {g.get('subject')}")
                if g.get("metric") == "other" and not g.get("label"):
                    err(f"{where}: metric other without label")
                if not isinstance(g.get("value"), (int, float)):
                    err(f"{where}: value {g.get('value')}")
                if g.get("qualifier") not in QUALIFIERS:
                    err(f"{where}: qualifier {g.get('qualifier')}")
            elif t in ("partnership", "diplomatic_relations"):
                for k in ("a", "b"):
                    if not ISO3.match(g.get(k, "")):
                        err(f"{where}: {k} {g.get(k)}")
                if t == "partnership" and not re.match(r"^[a-z_]+$", g.get("level", "")):
                    err(f"{where}: level {g.get('level')}")
                if t == "diplomatic_relations" and g.get("status") not in REL_STATUS:
                    err(f"{where}: status {g.get('status')}")
            elif t == "role":
                if not ISO3.match(g.get("actor", "")):
                    err(f"{where}: actor {g.get('actor')}")
                if not ID.match(g.get("body", "")):
                    err(f"{where}: body {g.get('body')}")
                if g.get("role") not in ROLES:
                    err(f"{where}: role {g.get('role')}")
            elif t == "agreement":
                if g.get("kind") not in AGREEMENT_KINDS:
                    err(f"{where}: kind {g.get('kind')}")
                for p in g.get("parties") or []:
                    if not ID.match(p):
                        err(f"{where}: party {p}")
            elif t == "event":
                if g.get("kind") not in EVENT_KINDS:
                    err(f"{where}: kind {g.get('kind')}")
                if not g.get("participants"):
                    err(f"{where}: no participants")
                for p in g.get("participants") or []:
                    if not p.isascii():
                        err(f"{where}: non-ASCII participant {p}")
            elif t == "position":
                if not g.get("person", "").isascii():
                    err(f"{where}: non-ASCII person {g.get('person')}")
                if not ID.match(g.get("org", "")):
                    err(f"{where}: org {g.get('org')}")
    for d in arts:
        if by_doc[d] == 0:
            err(f"{d}: no gold facts")
    print("articles:", len(arts), " facts:", sum(by_type.values()))
    for t, c in sorted(by_type.items()):
        print(f"  {t:22s}{c}")
    for d in arts:
        print(f"  {d:55s}{by_doc[d]}")
    if errors:
        print(f"{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
