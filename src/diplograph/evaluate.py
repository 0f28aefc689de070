"""Score extracted facts against gold facts, exactly as ``shared/tools/score_facts.py`` does.

Matching is one-to-one within each document and type (a maximum bipartite
matching), by the key FACTS.md gives each type: the same ``match`` rules, the
same name folding, the same table. Kept in the package so ``diplograph
evaluate`` needs nothing outside it; a test runs both scorers on the same files
and requires identical numbers.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from diplograph.errors import GoldFormatError, InputError

Record = Mapping[str, Any]


@dataclass(frozen=True)
class TypeScore:
    precision: float
    recall: float
    f1: float
    tp: int
    gold: int
    pred: int


@dataclass
class Scores:
    """Per-type and overall scores, and the unmatched facts on each side."""

    types: dict[str, TypeScore]
    overall: tuple[float, float, float]  # precision, recall, f1
    missed: list[Record] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The same object as ``score_facts.py --json``."""
        return {
            "types": {t: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp,
                          "gold": s.gold, "pred": s.pred} for t, s in self.types.items()},
            "overall": dict(zip(["precision", "recall", "f1"], self.overall)),
        }

    def table(self) -> str:
        """The scorer's table; its last line is ``overall F1 x.xxx``."""
        lines = [f"{'type':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'gold':>5} {'pred':>5}"]
        for t, s in self.types.items():
            lines.append(f"{t:22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.gold:5d} {s.pred:5d}")
        lines.append(f"overall P {self.overall[0]:.3f} R {self.overall[1]:.3f}")
        lines.append(f"overall F1 {self.overall[2]:.3f}")
        return "\n".join(lines)

    def errors(self) -> str:
        """MISSED / SPURIOUS lines, as ``--show-errors`` prints them."""
        lines = ["MISSED   " + json.dumps(g, ensure_ascii=False) for g in self.missed]
        lines += ["SPURIOUS " + json.dumps({k: v for k, v in p.items() if k != "evidence"}, ensure_ascii=False)
                  for p in self.spurious]
        return "\n".join(lines)


# --------------------------------------------------------------------------- loading


def load_jsonl(path: str | Path, *, gold: bool = False) -> list[dict[str, Any]]:
    """FACTS.md JSON Lines records; a line that is not a JSON object is an error naming file:line.

    Gold records must carry ``doc`` and ``type``; predictions without them are ignored when scoring.
    """
    out: list[dict[str, Any]] = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{n}: not JSON: {exc}") from exc
            if not isinstance(rec, dict) or (gold and ("doc" not in rec or "type" not in rec)):
                raise GoldFormatError(f"{path}:{n}: expected an object with \"doc\" and \"type\" (see FACTS.md)")
            out.append(rec)
    return out


def load_docs_tsv(path: str | Path) -> list[dict[str, Any]]:
    """Gold ``document`` facts from a docs TSV (header, then doc <TAB> published <TAB> note)."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    out = []
    with fh:
        next(fh, None)
        for n, line in enumerate(fh, 2):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 2:
                raise GoldFormatError(f"{path}:{n}: expected doc<TAB>published")
            out.append({"doc": cells[0], "type": "document", "published": cells[1]})
    return out


# --------------------------------------------------------------------------- matching (as score_facts.py)


def fold(s: Any) -> str | None:
    if s is None:
        return None
    s = str(s).replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().replace("-", " ").split())


def date_ok(gold: Any, pred: Any) -> bool:
    """A gold date given to some precision is matched by a prediction that agrees to that precision."""
    if not gold:
        return True
    if not pred:
        return False
    return str(pred).startswith(str(gold))


def num_ok(gold: Any, pred: Any) -> bool:
    try:
        g, p = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    return abs(g - p) <= 0.005 * max(abs(g), 1.0)


@lru_cache(maxsize=1)
def national_bodies() -> dict[str, str]:
    """National body id -> country, from the shared spec's bodies table (as the scorer reads it)."""
    text = resources.files("diplograph.data").joinpath("bodies_spec.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {r["id"]: r["country"] for r in rows if r.get("country")}


def same_actor(g: Any, p: Any) -> bool:
    if g == p:
        return True
    national = national_bodies()
    return bool(g and p) and (national.get(g) == p or national.get(p) == g)


STATUS_FAMILY = {"established": "on", "restored": "on"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
KIND_FAMILY = {"meeting": "gathering", "talks": "gathering", "conference": "gathering", "call": "gathering",
               "statement": "speech", "briefing": "speech", "interview": "speech"}


def names_close(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


def _pair(f: Record) -> frozenset[Any]:
    return frozenset((f.get("a"), f.get("b")))


def name_tokens(name: Any) -> list[str]:
    words = (fold(name) or "").replace(".", " ").replace(",", " ").split() if name else []
    return [w for w in words if w not in SUFFIXES and len(w) > 1]


def name_ok(g: Any, p: Any) -> bool:
    gt, pt = name_tokens(g), name_tokens(p)
    if not gt or not pt:
        return False
    if gt == pt:
        return True
    short, long_ = (gt, pt) if len(gt) < len(pt) else (pt, gt)
    if len(short) == 1:
        return short[0] in long_[1:]
    if long_[-len(short):] == short:
        return True
    return short[-1] in long_[1:] and long_[0][:2] == short[0][:2]


def _participants(f: Record) -> list[Any]:
    return [x for x in (f.get("participants") or []) if x]


def kind_ok(g: Any, p: Any) -> bool:
    return g == p or (g in KIND_FAMILY and KIND_FAMILY.get(g) == KIND_FAMILY.get(p))


def match(t: str, g: Record, p: Record) -> bool:
    """Does predicted fact ``p`` match gold fact ``g`` of type ``t`` (FACTS.md keys)?"""
    if t == "statistic":
        return (same_actor(g.get("subject"), p.get("subject")) and g.get("metric") == p.get("metric")
                and num_ok(g.get("value"), p.get("value")))
    if t == "partnership":
        return _pair(g) == _pair(p) and g.get("level") == p.get("level")
    if t == "diplomatic_relations":
        gs, ps = g.get("status") or "active", p.get("status") or "active"
        return _pair(g) == _pair(p) and (gs == "active" or STATUS_FAMILY.get(gs, gs) == STATUS_FAMILY.get(ps, ps))
    if t == "role":
        return (same_actor(g.get("actor"), p.get("actor"))
                and (g.get("body"), g.get("role")) == (p.get("body"), p.get("role"))
                and date_ok(g.get("start"), p.get("start")))
    if t == "agreement":
        gnames = {fold(g.get("name")), fold(g.get("long_name"))} - {None}
        pnames = {fold(p.get("name")), fold(p.get("long_name"))} - {None}
        if g.get("parties"):
            same_parties = set(g["parties"]) == set(p.get("parties") or [])
            return same_parties and (g.get("kind") == p.get("kind")
                                     or any(names_close(a, b) for a in gnames for b in pnames))  # type: ignore[arg-type]
        return bool(gnames & pnames)
    if t == "event":
        gd = g.get("date") or g.get("start")
        pd = p.get("date") or p.get("start")
        shared = any(name_ok(a, b) for a in _participants(g) for b in _participants(p))
        return kind_ok(g.get("kind"), p.get("kind")) and date_ok(gd, pd) and shared
    if t == "position":
        return name_ok(g.get("person"), p.get("person")) and same_actor(g.get("org"), p.get("org"))
    if t == "document":
        return date_ok(g.get("published"), p.get("published"))
    return False


def best_pairs(t: str, gs: list[Record], ps: list[Record]) -> dict[int, int]:
    """Maximum one-to-one matching of gold to predicted facts (augmenting paths): {gold i: pred j}."""
    edges = [[j for j, p in enumerate(ps) if match(t, g, p)] for g in gs]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gs)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    pr = tp / n_pred if n_pred else 0.0
    rc = tp / n_gold if n_gold else 0.0
    f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f


def score(gold: Iterable[Record], pred: Iterable[Record]) -> Scores:
    """Score predictions against gold; predictions for documents without gold are ignored."""
    gold = list(gold)
    docs = {g["doc"] for g in gold}
    pred = [p for p in pred if p.get("doc") in docs]
    by: dict[tuple[Any, Any], tuple[list[Record], list[Record]]] = defaultdict(lambda: ([], []))
    for g in gold:
        by[(g["doc"], g["type"])][0].append(g)
    for p in pred:
        by[(p.get("doc"), p.get("type"))][1].append(p)
    tp: dict[str, int] = defaultdict(int)
    ng: dict[str, int] = defaultdict(int)
    np_: dict[str, int] = defaultdict(int)
    missed: list[Record] = []
    spurious: list[Record] = []
    for (_doc, t), (gs, ps) in sorted(by.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        ng[t] += len(gs)
        np_[t] += len(ps)
        pairs = best_pairs(t, gs, ps)
        tp[t] += len(pairs)
        missed += [g for i, g in enumerate(gs) if i not in pairs]
        used = set(pairs.values())
        spurious += [p for j, p in enumerate(ps) if j not in used]
    types = sorted(set(ng) | set(np_))
    rows = {t: TypeScore(*_prf(tp[t], ng[t], np_[t]), tp[t], ng[t], np_[t]) for t in types}
    overall = _prf(sum(tp.values()), sum(ng.values()), sum(np_.values()))
    return Scores(rows, overall, missed, spurious)


def score_files(gold_path: str | Path, pred_path: str | Path, docs_tsv: str | Path | None = None) -> Scores:
    """Score a predictions file against a gold file (plus gold document dates from a docs TSV)."""
    gold = load_jsonl(gold_path, gold=True)
    if docs_tsv:
        gold += load_docs_tsv(docs_tsv)
    return score(gold, load_jsonl(pred_path))


__all__ = ["Scores", "TypeScore", "load_docs_tsv", "load_jsonl", "match", "score", "score_files"]
