"""Exports of the merged graph: CSV per fact type, GraphML of the actor network, JSON-LD statements.

All three read merged facts (one row, edge or statement per fact however many
articles state it) and keep every source: CSV and GraphML list the documents,
JSON-LD gives each statement one reference per sentence (document, sentence
index, character offsets, quote), in the spirit of Wikidata's statement model
with its qualifiers start time (P580), end time (P582) and point in time (P585).
GraphML and JSON-LD are written with the standard library; networkx and rdflib
(the ``graph`` extra) read them back.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import zipfile
from pathlib import Path
from typing import Any, Iterable, Mapping, TextIO
from urllib.parse import quote
from xml.etree import ElementTree as ET

from diplograph.model import Document, Fact
from diplograph.query import dates
from diplograph.query.api import entity_kind, entity_name, published_dates
from diplograph.query.merge import MergedFact, describe, merge
from diplograph.query.people import people_index

# Columns of each type's CSV: FACTS.md fields first, then provenance.
TYPE_COLUMNS: dict[str, tuple[str, ...]] = {
    "document": ("published", "title"),
    "statistic": ("subject", "metric", "label", "value", "qualifier", "unit", "of", "as_of"),
    "partnership": ("a", "b", "level", "since"),
    "diplomatic_relations": ("a", "b", "status", "since"),
    "role": ("actor", "body", "role", "start", "end", "label"),
    "agreement": ("name", "long_name", "kind", "channel", "parties", "signed", "period_start", "period_end"),
    "event": ("kind", "channel", "date", "start", "end", "participants", "location", "host", "label"),
    "position": ("person", "title", "org", "as_of"),
}
PROVENANCE = ("id", "sources", "first_seen", "last_seen", "confidence", "docs", "evidence")


def merged_facts(store: Any) -> list[MergedFact]:
    """Every fact in the store, merged across documents (read from its merged tables when it keeps them)."""
    from diplograph.query.api import in_merge_order, stored_merge

    if stored_merge(store):
        return in_merge_order(store.merged_facts())
    raw: list[Fact] = store.facts()
    return merge(raw, published_dates(store, raw), people=people_index(store))


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return "" if value is None else value


def csv_tables(facts: Iterable[MergedFact]) -> dict[str, str]:
    """One CSV text per fact type: its fields, then id, sources, first/last seen, docs, evidence."""
    by_type: dict[str, list[MergedFact]] = {}
    for fact in facts:
        by_type.setdefault(fact.type, []).append(fact)
    out = {}
    for fact_type, group in sorted(by_type.items()):
        known = TYPE_COLUMNS.get(fact_type, ())
        extra = sorted({k for f in group for k in f.fields if k not in known and not k.startswith("_")})
        columns = [*known, *extra, *PROVENANCE]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for fact in group:
            row = {k: _cell(fact.fields.get(k)) for k in (*known, *extra)}
            row.update(id=fact.id, sources=len(fact.facts), first_seen=fact.first_seen or "",
                       last_seen=fact.last_seen or "", confidence=fact.confidence, docs="|".join(fact.doc_ids),
                       evidence=" || ".join(dict.fromkeys(ev.text for ev in fact.evidence)))
            writer.writerow(row)
        out[fact_type] = buffer.getvalue()
    return out


def write_csv_tables(facts: Iterable[MergedFact], target: str | Path) -> list[Path]:
    """Write ``<type>.csv`` files into a folder, or into a .zip when ``target`` ends in .zip."""
    target = Path(target)
    tables = csv_tables(facts)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for fact_type, text in tables.items():
                zf.writestr(f"{fact_type}.csv", text)
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for fact_type, text in tables.items():
        path = target / f"{fact_type}.csv"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def export_csv(store: Any, fh: TextIO) -> int:
    """All merged facts in one CSV (a ``type`` column, every type's fields); returns rows written."""
    facts = merged_facts(store)
    columns = ["type", *dict.fromkeys(c for cols in TYPE_COLUMNS.values() for c in cols), *PROVENANCE]
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for fact in facts:
        row = {k: _cell(v) for k, v in fact.fields.items()}
        row.update(type=fact.type, id=fact.id, sources=len(fact.facts), first_seen=fact.first_seen or "",
                   last_seen=fact.last_seen or "", confidence=fact.confidence, docs="|".join(fact.doc_ids),
                   evidence=" || ".join(dict.fromkeys(ev.text for ev in fact.evidence)))
        writer.writerow(row)
    return len(facts)


def export_csv_tables(store: Any, target: str | Path) -> int:
    """CSV per fact type into a folder or .zip; returns the number of merged facts written."""
    facts = merged_facts(store)
    write_csv_tables(facts, target)
    return len(facts)


# ---------------------------------------------------------------- GraphML

_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("kind", "string"), ("label", "string"))
_EDGE_KEYS = (("type", "string"), ("level", "string"), ("status", "string"), ("role", "string"),
              ("kind", "string"), ("title", "string"), ("start", "string"), ("end", "string"),
              ("date", "string"), ("label", "string"), ("channel", "string"), ("summary", "string"), ("sources", "int"),
              ("docs", "string"), ("fact", "string"), ("confidence", "double"))


def actor_edges(fact: MergedFact) -> list[tuple[str, str, dict[str, Any]]]:
    """The actor-to-actor edges a fact gives (an event: one edge per pair of participants)."""
    f = fact.fields
    base: dict[str, Any] = {"type": fact.type, "summary": describe(fact), "sources": len(fact.facts),
                            "docs": " ".join(fact.doc_ids), "fact": fact.id,
                            "confidence": float(fact.confidence)}
    if fact.type in ("partnership", "diplomatic_relations"):
        if not (f.get("a") and f.get("b")):
            return []
        attrs = {**base, "level": f.get("level"), "status": f.get("status"), "start": f.get("since")}
        return [(str(f["a"]), str(f["b"]), attrs)]
    if fact.type == "role":
        if not (f.get("actor") and f.get("body")):
            return []
        attrs = {**base, "role": f.get("role"), "start": f.get("start"), "end": f.get("end"), "label": f.get("label")}
        return [(str(f["actor"]), str(f["body"]), attrs)]
    if fact.type == "position":
        if not (f.get("person") and f.get("org")):
            return []
        return [(str(f["person"]), str(f["org"]), {**base, "title": f.get("title"), "date": f.get("as_of")})]
    if fact.type == "event":
        parts = list(dict.fromkeys(str(p) for p in f.get("participants") or [] if p))
        attrs = {**base, "kind": f.get("kind"), "date": f.get("date") or f.get("start"), "end": f.get("end"),
                 "label": f.get("label"), "channel": f.get("channel")}
        return [(a, b, attrs) for a, b in itertools.combinations(parts, 2)]
    if fact.type == "agreement":
        parties = list(dict.fromkeys(str(p) for p in f.get("parties") or [] if p))
        attrs = {**base, "kind": f.get("kind"), "date": f.get("signed"), "label": f.get("name"),
                 "channel": f.get("channel")}
        return [(a, b, attrs) for a, b in itertools.combinations(parties, 2)]
    return []


def write_graphml(facts: Iterable[MergedFact], fh: TextIO) -> tuple[int, int]:
    """The actor network as GraphML (nodes: countries, bodies, people; one edge per fact and pair)."""
    edges = [edge for fact in facts for edge in actor_edges(fact)]
    nodes = list(dict.fromkeys(n for a, b, _ in edges for n in (a, b)))
    ET.register_namespace("", _GRAPHML_NS)
    root = ET.Element(f"{{{_GRAPHML_NS}}}graphml")
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, f"{{{_GRAPHML_NS}}}key", id=f"n_{name}", attrib={"for": "node", "attr.name": name,
                                                                            "attr.type": kind})
    for name, kind in _EDGE_KEYS:
        ET.SubElement(root, f"{{{_GRAPHML_NS}}}key", id=f"e_{name}", attrib={"for": "edge", "attr.name": name,
                                                                            "attr.type": kind})
    graph = ET.SubElement(root, f"{{{_GRAPHML_NS}}}graph", id="diplograph", edgedefault="undirected")
    for node in nodes:
        el = ET.SubElement(graph, f"{{{_GRAPHML_NS}}}node", id=node)
        kind = entity_kind(node)
        for key, value in (("kind", kind), ("label", entity_name(node) if kind != "person" else node)):
            ET.SubElement(el, f"{{{_GRAPHML_NS}}}data", key=f"n_{key}").text = str(value)
    for i, (a, b, attrs) in enumerate(edges):
        el = ET.SubElement(graph, f"{{{_GRAPHML_NS}}}edge", id=f"e{i}", source=a, target=b)
        for key, value in attrs.items():
            if value is None or value == "":
                continue
            ET.SubElement(el, f"{{{_GRAPHML_NS}}}data", key=f"e_{key}").text = str(value)
    ET.indent(root)
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fh.write(ET.tostring(root, encoding="unicode"))
    fh.write("\n")
    return len(nodes), len(edges)


def export_graphml(store: Any, fh: TextIO) -> int:
    """GraphML of the store's actor network; returns the number of edges."""
    return write_graphml(merged_facts(store), fh)[1]


# ---------------------------------------------------------------- JSON-LD

VOCAB = "urn:diplograph:vocab:"
CONTEXT: dict[str, Any] = {
    "@vocab": VOCAB,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
    "wdq": "http://www.wikidata.org/prop/qualifier/",
    "wdr": "http://www.wikidata.org/prop/reference/",
    "name": "schema:name",
    "datePublished": "schema:datePublished",
    "url": {"@id": "schema:url", "@type": "@id"},
    "startTime": "wdq:P580",
    "endTime": "wdq:P582",
    "pointInTime": "wdq:P585",
    "statedIn": {"@id": "wdr:P248", "@type": "@id"},
    "quote": "wdr:P1683",
    "subject": {"@type": "@id"},
    "object": {"@type": "@id"},
    "participant": {"@type": "@id"},
    "party": {"@type": "@id"},
    "host": {"@type": "@id"},
}
_START = ("start", "since", "period_start")
_END = ("end", "period_end")
_POINT = ("date", "as_of", "signed", "published")


def entity_iri(value: str) -> str:
    kind = entity_kind(value)
    return f"urn:diplograph:{kind}:{quote(value, safe='')}"


def document_iri(doc_id: str) -> str:
    return f"urn:diplograph:document:{quote(doc_id, safe='')}"


def time_literal(value: Any) -> dict[str, str] | str:
    """A date at its own precision: xsd:gYear, xsd:gYearMonth or xsd:date (else a plain string)."""
    text = str(value)
    precision = dates.precision(text)
    kinds = {"year": "xsd:gYear", "month": "xsd:gYearMonth", "day": "xsd:date"}
    if precision:
        return {"@value": text[: {"year": 4, "month": 7, "day": 10}[precision]], "@type": kinds[precision]}
    return text


def _ref(value: Any) -> Any:
    return {"@id": entity_iri(str(value))} if isinstance(value, str) and value else value


def statement(fact: MergedFact) -> dict[str, Any]:
    """One fact as a statement: what it says, its qualifiers (start, end, point in time), its references."""
    f = dict(fact.fields)
    node: dict[str, Any] = {"@id": f"urn:diplograph:statement:{fact.id}", "@type": "Statement",
                            "factType": fact.type, "summary": describe(fact),
                            "confidence": {"@value": str(fact.confidence), "@type": "xsd:decimal"}}
    subject_field, object_field = {
        "statistic": ("subject", None), "partnership": ("a", "b"), "diplomatic_relations": ("a", "b"),
        "role": ("actor", "body"), "position": ("person", "org"),
    }.get(fact.type, (None, None))
    if subject_field and f.get(subject_field):
        node["subject"] = entity_iri(str(f.pop(subject_field)))
    if object_field and f.get(object_field):
        node["object"] = entity_iri(str(f.pop(object_field)))
    for name in _START:
        if f.get(name):
            node["startTime"] = time_literal(f.pop(name))
            break
    for name in _END:
        if f.get(name):
            node["endTime"] = time_literal(f.pop(name))
            break
    for name in _POINT:
        if f.get(name):
            node["pointInTime"] = time_literal(f.pop(name))
            break
    if f.get("participants"):
        node["participant"] = [entity_iri(str(p)) for p in f.pop("participants") if p]
    if f.get("parties"):
        node["party"] = [entity_iri(str(p)) for p in f.pop("parties") if p]
    if f.get("host") and isinstance(f.get("host"), str):
        node["host"] = entity_iri(str(f.pop("host")))
    if fact.type == "statistic" and f.get("value") is not None:
        node["value"] = {"@value": str(f.pop("value")), "@type": "xsd:decimal"}
    for name, value in f.items():
        if value is None or value == "" or name.startswith("_"):
            continue
        node[name] = value if isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False)
    node["reference"] = [
        {"@type": "Reference", "statedIn": document_iri(ev.doc_id), "sentence": ev.sentence,
         "startChar": ev.start, "endChar": ev.end, "quote": ev.text, "extractor": src.extractor}
        for src, ev in zip(fact.facts, fact.evidence)
    ]
    return node


def jsonld(facts: Iterable[MergedFact], documents: Mapping[str, Document] | None = None) -> dict[str, Any]:
    """A JSON-LD document: entities, documents and one statement per merged fact."""
    facts = list(facts)
    documents = documents or {}
    statements = [statement(f) for f in facts]
    entities: dict[str, str] = {}
    for fact in facts:
        for name in ("subject", "a", "b", "actor", "body", "person", "org", "host"):
            value = fact.get(name)
            if isinstance(value, str) and value:
                entities.setdefault(entity_iri(value), value)
        for name in ("participants", "parties"):
            for value in fact.get(name) or []:
                if isinstance(value, str) and value:
                    entities.setdefault(entity_iri(value), value)
    graph: list[dict[str, Any]] = []
    for iri, value in sorted(entities.items()):
        kind = entity_kind(value)
        graph.append({"@id": iri, "@type": kind.capitalize(), "identifier": value,
                      "name": entity_name(value) if kind != "person" else value})
    doc_ids = sorted({d for f in facts for d in f.doc_ids})
    for doc_id in doc_ids:
        doc = documents.get(doc_id)
        node: dict[str, Any] = {"@id": document_iri(doc_id), "@type": "Document", "identifier": doc_id}
        if doc is not None:
            if doc.title:
                node["name"] = doc.title
            if doc.published:
                node["datePublished"] = time_literal(doc.published)
            if doc.url:
                node["url"] = doc.url
        graph.append(node)
    graph.extend(statements)
    return {"@context": CONTEXT, "@graph": graph}


def export_jsonld(store: Any, fh: TextIO) -> int:
    """JSON-LD of the store's merged facts; returns the number of statements."""
    facts = merged_facts(store)
    getter = getattr(store, "document", None)
    docs = {}
    if getter:
        for doc_id in {d for f in facts for d in f.doc_ids}:
            doc = getter(doc_id)
            if doc is not None:
                docs[doc_id] = doc
    json.dump(jsonld(facts, docs), fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return len(facts)


__all__ = ["csv_tables", "export_csv", "export_csv_tables", "export_graphml", "export_jsonld", "jsonld",
           "statement", "write_csv_tables", "write_graphml"]
