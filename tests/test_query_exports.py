"""Exports of the merged graph (CSV per type, GraphML, JSON-LD) and the query API on a real SQLite store.

A tiny store is written by hand (two short articles of our own, no spaCy), so
these run in well under a second.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Sentence
from diplograph.query import ask, claims, entity_profile, facts
from diplograph.query.exports import csv_tables, jsonld, write_csv_tables, write_graphml

ARTICLES = {
    "a1": ("2021-12-10", [
        "Ruritania has diplomatic relations with 189 countries.",
        "President Anna Berg met Prime Minister Jon Vik of Norway in Oslo on December 9, 2021.",
        "Ruritania and Norway upgraded their ties to a strategic partnership in 2021.",
    ]),
    "a2": ("2026-01-05", [
        "Today Ruritania has diplomatic relations with 194 countries.",
        "Ruritania served on the UN Security Council in 2020-2021.",
        "President Anna Berg and Jon Vik held talks in Oslo on December 9, 2021.",
    ]),
}


def _sentences(doc_id: str, texts: list[str]) -> tuple[Document, tuple[Sentence, ...]]:
    body = " ".join(texts)
    sentences, start = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(i, start, start + len(text), text))
        start += len(text) + 1
    return Document(id=doc_id, text=body, published=ARTICLES[doc_id][0]), tuple(sentences)


def _facts(doc_id: str, sentences: tuple[Sentence, ...]) -> list[Fact]:
    def at(i: int, fact_type: str, **fields: Any) -> Fact:
        return Fact(fact_type, fields, Evidence.from_sentence(doc_id, sentences[i]), "test", 0.7)

    published = ARTICLES[doc_id][0]
    if doc_id == "a1":
        return [
            at(0, "document", published=published),
            at(0, "statistic", subject="RUR", metric="diplomatic_relations", value=189, qualifier="exact",
               as_of="2021", unit="count"),
            at(1, "event", kind="meeting", date="2021-12-09", participants=["Anna Berg", "Jon Vik", "NOR"],
               location="Oslo"),
            at(1, "position", person="Anna Berg", title="President", org="RUR", as_of=published),
            at(1, "position", person="Jon Vik", title="Prime Minister", org="NOR", as_of=published),
            at(2, "partnership", a="RUR", b="NOR", level="strategic", since="2021"),
        ]
    return [
        at(0, "document", published=published),
        at(0, "statistic", subject="RUR", metric="diplomatic_relations", value=194, qualifier="exact",
           as_of="2026-01", unit="count"),
        at(1, "role", actor="RUR", body="UNSC", role="non_permanent_member", start="2020", end="2021"),
        at(2, "event", kind="talks", date="2021-12-09", participants=["Berg", "Vik"], location="Oslo"),
        at(2, "position", person="Berg", title="President", org="RUR", as_of=published),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from diplograph.store import open_store

    path = tmp_path_factory.mktemp("exports") / "tiny.sqlite"
    with open_store(path) as store:
        for doc_id, (_, texts) in ARTICLES.items():
            document, sentences = _sentences(doc_id, texts)
            store.write_document(AnalyzedDocument(document, sentences), _facts(doc_id, sentences))
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Any]:
    from diplograph.store import open_store

    with open_store(db, read_only=True) as opened:
        yield opened


def test_query_api_on_a_sqlite_store(store: Any) -> None:
    events = facts(store, type="event")
    assert len(events) == 1 and set(events[0].doc_ids) == {"a1", "a2"}  # one meeting, two reports
    assert [p.value for p in claims(store, "diplomatic_relations", "RUR")[0].points] == [189, 194]
    early, late = entity_profile(store, "RUR", as_of="2022-01"), entity_profile(store, "RUR", as_of="2026-02")
    assert early.claims[0].points[0].value == 189 and late.claims[0].points[0].value == 194
    berg = entity_profile(store, "Berg")
    assert berg.name == "Anna Berg" and len(berg.offices) == 1 and len(berg.offices[0].facts) == 2
    answer = ask(store, "Who did Anna Berg meet in December 2021?")
    assert answer.ok and "Jon Vik" in answer.text
    assert {c["doc"] for c in answer.citations()} == {"a1", "a2"}
    fts = ask(store, "Oslo")
    assert fts.intent == "search" and fts.ok and "Oslo" in fts.citations()[0]["text"]


def test_csv_tables_one_per_type_with_every_source(store: Any, tmp_path: Path) -> None:
    merged = facts(store)
    tables = csv_tables(merged)
    assert {"statistic", "event", "position", "partnership", "role", "document"} <= set(tables)
    rows = list(csv.DictReader(io.StringIO(tables["event"])))
    assert len(rows) == 1 and rows[0]["docs"] == "a1|a2" and rows[0]["sources"] == "2"
    assert "Oslo" in rows[0]["evidence"]
    folder = write_csv_tables(merged, tmp_path / "tables")
    assert sorted(p.name for p in folder) == sorted(f"{t}.csv" for t in tables)
    write_csv_tables(merged, tmp_path / "tables.zip")
    with zipfile.ZipFile(tmp_path / "tables.zip") as zf:
        assert sorted(zf.namelist()) == sorted(f"{t}.csv" for t in tables)
        assert zf.read("statistic.csv").decode().count("\n") == 3  # header + 189 + 194


def test_graphml_loads_back_in_networkx(store: Any) -> None:
    nx = pytest.importorskip("networkx")
    buffer = io.StringIO()
    nodes, edges = write_graphml(facts(store), buffer)
    graph = nx.read_graphml(io.StringIO(buffer.getvalue()))
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == edges
    assert graph.nodes["RUR"]["kind"] == "country" and graph.nodes["Anna Berg"]["kind"] == "person"
    assert graph.nodes["UNSC"]["kind"] == "body"
    seat = [d for _, _, d in graph.edges(["UNSC"], data=True)]
    assert seat and seat[0]["role"] == "non_permanent_member" and seat[0]["start"] == "2020"
    meeting = [d for _, _, d in graph.edges(["Jon Vik"], data=True) if d["type"] == "event"]
    assert meeting and meeting[0]["date"] == "2021-12-09" and meeting[0]["sources"] == 2


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def test_jsonld_loads_back_in_rdflib_with_qualifiers_and_references(store: Any) -> None:
    rdflib = pytest.importorskip("rdflib")
    data = json.dumps(jsonld(facts(store), {}))
    graph = rdflib.Graph().parse(data=data, format="json-ld")
    P580 = rdflib.URIRef("http://www.wikidata.org/prop/qualifier/P580")
    P582 = rdflib.URIRef("http://www.wikidata.org/prop/qualifier/P582")
    P585 = rdflib.URIRef("http://www.wikidata.org/prop/qualifier/P585")
    P248 = rdflib.URIRef("http://www.wikidata.org/prop/reference/P248")
    vocab = rdflib.Namespace("urn:diplograph:vocab:")
    seat = next(s for s, o in graph.subject_objects(vocab.role) if str(o) == "non_permanent_member")
    start, end = graph.value(seat, P580), graph.value(seat, P582)
    assert str(start) == "2020" and str(end) == "2021"
    assert start.datatype == rdflib.XSD.gYear
    meeting = next(s for s, o in graph.subject_objects(vocab.factType) if str(o) == "event")
    assert graph.value(meeting, P585).datatype == rdflib.XSD.date
    references = list(graph.objects(meeting, vocab.reference))
    assert len(references) == 2
    assert {str(graph.value(r, P248)) for r in references} == {"urn:diplograph:document:a1",
                                                               "urn:diplograph:document:a2"}
    assert all(graph.value(r, vocab.startChar) is not None for r in references)


def test_export_command_writes_every_merged_format(db: Path, tmp_path: Path) -> None:
    from diplograph.cli import cli

    runner = CliRunner()
    for fmt, name in (("graphml", "g.graphml"), ("jsonld", "g.jsonld"), ("csv", "all.csv"),
                      ("csv-tables", "t.zip")):
        out = runner.invoke(cli, ["export", "--format", fmt, "--db", str(db), "-o", str(tmp_path / name)])
        assert out.exit_code == 0, out.output
        assert (tmp_path / name).stat().st_size > 100
    refused = runner.invoke(cli, ["export", "--format", "csv-tables", "--db", str(db)])
    assert refused.exit_code == 1 and "-o FOLDER" in refused.output
