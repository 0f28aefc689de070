"""The store contract, run on SQLite here and on a real PostgreSQL in test_store_postgres.py.

Documents and facts are tiny and hand-made (no spaCy): a store only needs
the typed model.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diplograph.errors import InputError, StoreError
from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Mention, Person, Sentence
from diplograph.store import Entity, Store, open_store
from diplograph.store._sql import date_keys, iso_key, migrations
from diplograph.store.sqlite import SqliteStore, fts_query


def make_doc(doc_id: str, sentences: list[str], published: str | None = "2023-09-10") -> AnalyzedDocument:
    """A document whose text is its sentences joined by spaces; mentions found by a tiny lexicon."""
    lexicon = {
        "Vietnam": ("country", "VNM"),
        "Japan": ("country", "JPN"),
        "India": ("country", "IND"),
        "ASEAN": ("body", "ASEAN"),
        "Bui Thanh Son": ("person", "Bui Thanh Son"),
    }
    text = " ".join(sentences)
    out, pos = [], 0
    for index, sentence in enumerate(sentences):
        mentions = []
        for surface, (kind, entity_id) in lexicon.items():
            at = sentence.find(surface)
            if at >= 0:
                mentions.append(Mention(pos + at, pos + at + len(surface), surface, kind, entity_id, "ruler"))
        mentions.sort(key=lambda m: m.start)
        out.append(Sentence(index, pos, pos + len(sentence), sentence, (), tuple(mentions)))
        pos += len(sentence) + 1
    doc = Document(
        doc_id, text, f"{doc_id}.txt", f"Title of {doc_id}", None, published, "metadata", ((0, len(text)),)
    )
    people = {"Bui Thanh Son": Person("Bui Thanh Son", (("Foreign Minister", "VNM"),), ("Son",))}
    return AnalyzedDocument(doc, tuple(out), people, "VNM")


def fact(
    adoc: AnalyzedDocument,
    index: int,
    type: str,
    extractor: str = "test",
    confidence: float = 0.7,
    **fields: Any,
) -> Fact:
    return Fact(type, fields, Evidence.from_sentence(adoc.id, adoc.sentences[index]), extractor, confidence)


def sample() -> tuple[AnalyzedDocument, list[Fact]]:
    adoc = make_doc(
        "d1",
        [
            "Vietnam and Japan upgraded their ties to a comprehensive strategic partnership in 2023.",
            "Foreign Minister Bui Thanh Son visited India on May 4.",
            "Vietnam has diplomatic relations with 193 countries.",
        ],
    )
    facts = [
        fact(adoc, 0, "partnership", a="VNM", b="JPN", level="comprehensive_strategic", since="2023-11"),
        fact(
            adoc,
            1,
            "event",
            kind="visit",
            participants=["Bui Thanh Son", "IND"],
            date="2023-05-04",
            location="India",
        ),
        fact(
            adoc,
            1,
            "position",
            person="Bui Thanh Son",
            title="Foreign Minister",
            org="VNM",
            as_of="2023-09-10",
        ),
        fact(
            adoc,
            2,
            "statistic",
            confidence=0.9,
            subject="VNM",
            metric="diplomatic_relations",
            value=193,
            qualifier="exact",
            as_of="2023-09-10",
            unit="count",
        ),
    ]
    return adoc, facts


class StoreContract:
    """What every store does; subclasses provide a fresh, empty ``store`` fixture."""

    def test_round_trip_documents_and_facts(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        assert store.facts() == facts
        assert store.document("d1") == adoc.document
        assert list(store.documents()) == [adoc.document]
        assert store.document("nope") is None
        assert store.fact(facts[1].fingerprint) == facts[1] and store.fact("0" * 40) is None
        assert store.has_document("d1", adoc.document.sha1)
        assert not store.has_document("d1", "0" * 40)
        assert not store.has_document("d2", adoc.document.sha1)

    def test_sentences_mentions_and_analyzed_document_read_back(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        sentences = store.sentences("d1")
        assert [(s.index, s.start, s.end, s.text) for s in sentences] == [
            (s.index, s.start, s.end, s.text) for s in adoc.sentences
        ]
        assert [s.mentions for s in sentences] == [s.mentions for s in adoc.sentences]
        assert store.mentions("d1") == [m for s in adoc.sentences for m in s.mentions]
        back = store.analyzed("d1")
        assert back is not None and back.people == adoc.people and back.focus == "VNM"
        assert store.analyzed("nope") is None

    def test_evidence_that_is_not_a_whole_sentence_keeps_its_own_text(self, store: Store) -> None:
        adoc, _ = sample()
        s = adoc.sentences[0]
        part = Fact(
            "partnership",
            {"a": "VNM", "b": "JPN", "level": "strategic"},
            Evidence("d1", 0, s.start, s.start + 17, s.text[:17]),
            "test",
        )
        store.write_document(adoc, [part])
        assert store.facts() == [part]
        assert store.facts()[0].evidence.text == "Vietnam and Japan"

    def test_rewriting_a_document_is_idempotent(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        before = store.counts()
        store.write_document(adoc, facts + facts[:2])  # repeats in one call are stored once
        assert store.counts() == before
        assert store.facts() == facts
        assert store.entity("VNM") == Entity("VNM", "country", "Vietnam", 3)

    def test_rewriting_replaces_the_documents_rows(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        store.write_document(make_doc("d2", ["India joined ASEAN talks."]), [])
        changed = make_doc("d1", ["Japan and India met in 2024."])
        new = fact(changed, 0, "event", kind="meeting", participants=["JPN", "IND"], date="2024")
        store.write_document(changed, [new])
        assert store.facts(doc_id="d1") == [new]
        assert [s.text for s in store.sentences("d1")] == ["Japan and India met in 2024."]
        assert store.facts(text="comprehensive") == []
        counts = store.counts()
        assert (counts["documents"], counts["sentences"], counts["facts"]) == (2, 2, 1)
        assert store.entity("VNM") is not None and store.entity("VNM").facts == 0  # type: ignore[union-attr]
        assert store.entity("JPN").facts == 1  # type: ignore[union-attr]

    def test_a_failure_mid_write_leaves_the_previous_state(
        self, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        before = (store.counts(), store.facts(), store.sentences("d1"), store.entities())

        def crash(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("power cut")

        monkeypatch.setattr(type(store), "_write_facts", crash)
        changed = make_doc("d1", ["Japan and India met in 2024."])
        with pytest.raises(RuntimeError, match="power cut"):
            store.write_document(changed, [fact(changed, 0, "event", kind="meeting", participants=["JPN"])])
        with pytest.raises(RuntimeError):
            store.write_document(make_doc("d9", ["India spoke."]), [])
        assert (store.counts(), store.facts(), store.sentences("d1"), store.entities()) == before
        assert store.document("d9") is None and store.document("d1") == adoc.document
        monkeypatch.undo()
        store.write_document(changed, [])  # the store still works after the rollback
        assert store.facts(doc_id="d1") == []

    def test_a_fact_citing_another_document_is_refused(self, store: Store) -> None:
        _, facts = sample()
        other = make_doc("other", ["Vietnam spoke."])
        with pytest.raises(StoreError, match="cites document 'd1'"):
            store.write_document(other, facts)
        assert store.counts()["documents"] == 0

    def test_filters(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        partnership, event, position, statistic = facts
        assert store.facts(type="event") == [event]
        assert store.facts(type=["event", "position"]) == [event, position]
        assert store.facts(doc_id="d1", type="statistic") == [statistic]
        assert store.facts(doc_id="d2") == []
        assert store.facts(entity="JPN") == [partnership]
        assert store.facts(entity="VNM") == [partnership, position, statistic]
        assert store.facts(entity=["JPN", "IND"]) == [partnership, event]
        assert store.facts(entity="Bui Thanh Son") == [event, position]
        assert store.facts(entity="VNM", role="subject") == [statistic]
        assert store.facts(entity="India") == []  # ids, not names; a place is not an entity
        assert store.facts(type="event", entity="JPN") == []

    def test_time_filters_overlap_the_facts_period(self, store: Store) -> None:
        adoc = make_doc("t", ["Vietnam sat on the council.", "Japan met India.", "India met Japan."])
        role = fact(
            adoc, 0, "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2020", end="2021"
        )
        met = fact(adoc, 1, "event", kind="meeting", participants=["JPN", "IND"], date="2021-06-15")
        undated = fact(adoc, 2, "event", kind="meeting", participants=["JPN", "IND"], date="--04-27")
        store.write_document(adoc, [role, met, undated])
        assert store.facts(since="2021-12-31") == [role]
        assert store.facts(since="2022") == []
        assert store.facts(until="2019") == []
        assert store.facts(until="2020-01") == [role]
        assert store.facts(since="2021-06", until="2021-06") == [role, met]
        assert store.facts(since="2021-06-16", type="event") == []
        assert store.facts(since="2021-06-15", type="event") == [met]
        assert store.facts(order="-date") == [met, role, undated]
        assert store.facts(order="date") == [role, met, undated]
        with pytest.raises(InputError, match="ISO date"):
            store.facts(since="last year")
        with pytest.raises(InputError, match="order"):
            store.facts(order="random")

    def test_full_text_search_over_evidence_sentences(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        store.write_document(make_doc("d2", ["Japan and India discussed trade."]), [])
        assert store.facts(text="comprehensive strategic") == [facts[0]]
        assert store.facts(text="upgrading") == [facts[0]]  # stemmed
        assert store.facts(text="visited") == [facts[1], facts[2]]  # both facts rest on that sentence
        assert store.facts(text='"diplomatic relations"') == [facts[3]]
        assert store.facts(text="trade") == []  # a sentence no fact rests on
        assert store.facts(text="Japan", type="partnership", entity="VNM") == [facts[0]]
        assert store.count_facts(text="visited") == 2
        for hostile in ("' OR 1=1 --", 'NEAR("x"', "*", "<script>", "AND OR NOT", '"unclosed'):
            assert store.facts(text=hostile) == []

    def test_paging(self, store: Store) -> None:
        adoc = make_doc("p", [f"Japan and India met, round {i}." for i in range(12)])
        facts = [
            fact(adoc, i, "event", kind="meeting", participants=["JPN", "IND"], label=f"round {i}")
            for i in range(12)
        ]
        store.write_document(adoc, facts)
        assert store.count_facts() == 12 and store.count_facts(entity="IND") == 12
        pages = [store.facts(limit=5, offset=o) for o in (0, 5, 10)]
        assert [len(p) for p in pages] == [5, 5, 2]
        assert [f for page in pages for f in page] == facts
        assert store.facts(offset=10) == facts[10:]
        assert store.facts(limit=0) == []
        for i in range(5):
            store.write_document(make_doc(f"doc{i}", ["India spoke."]), [])
        assert [d.id for d in store.documents(limit=2, offset=1)] == ["doc1", "doc2"]
        assert len(list(store.documents())) == 6

    def test_entities(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        assert store.entity("JPN") == Entity("JPN", "country", "Japan", 1)
        assert store.entity("Bui Thanh Son") == Entity("Bui Thanh Son", "person", "Bui Thanh Son", 2)
        assert store.entity("nope") is None
        assert [e.id for e in store.entities(kind="country")] == ["IND", "JPN", "VNM"]
        assert [e.id for e in store.entities(order="facts", limit=2)] == ["VNM", "Bui Thanh Son"]
        assert [e.id for e in store.entities(q="jap")] == ["JPN"]
        assert [e.id for e in store.entities(q="son")] == ["Bui Thanh Son"]
        assert store.entities(q="%") == [] and store.entities(q="_") == []
        assert store.count_entities() == 4 and store.count_entities(kind="person") == 1
        assert [e.id for e in store.entities(limit=2, offset=2)] == [
            "JPN",
            "VNM",
        ]  # by name: ..., Japan, Vietnam
        store.write_document(make_doc("d2", ["ASEAN met."]), [])  # a mention no fact cites
        assert store.entity("ASEAN") == Entity("ASEAN", "body", "Association of Southeast Asian Nations", 0)
        assert "ASEAN" not in [e.id for e in store.entities(min_facts=1)]
        assert store.count_entities(min_facts=1) == 4 and store.count_entities() == 5

    def test_counts(self, store: Store) -> None:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        counts = store.counts()
        assert counts["documents"] == 1 and counts["sentences"] == 3 and counts["facts"] == 4
        assert counts["mentions"] == sum(len(s.mentions) for s in adoc.sentences)
        assert counts["facts.event"] == 1 and counts["facts.agreement"] == 0
        assert counts["entities"] == 4


class TestSqliteStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[Store]:
        with open_store(tmp_path / "test.sqlite") as store:
            yield store


def test_open_store_picks_the_backend_by_target(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.sqlite") as store:
        assert isinstance(store, SqliteStore)
    assert (tmp_path / "a.sqlite").is_file()


def test_sqlite_file_settings(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.sqlite") as store:
        conn = store._conn  # type: ignore[attr-defined]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_migrations_are_applied_once_in_order(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    wanted = [v for v, _, _ in migrations("sqlite")]
    assert wanted and wanted == sorted(wanted)
    with open_store(path) as store:
        adoc, facts = sample()
        store.write_document(adoc, facts)
    with open_store(path) as store:  # re-opening applies nothing again and keeps the data
        assert store.counts()["facts"] == 4
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == wanted
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "documents",
        "sentences",
        "entities",
        "mentions",
        "facts",
        "evidence",
        "fact_entities",
        "schema_migrations",
    } <= tables
    conn.close()


def test_a_new_migration_is_applied_on_the_next_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.sqlite"
    open_store(path).close()
    extra = (
        *migrations("sqlite"),
        (9999, "extra", "CREATE TABLE later (x INTEGER);\nCREATE INDEX later_x ON later (x);"),
    )
    monkeypatch.setattr("diplograph.store._sql.migrations", lambda dialect: extra)
    with open_store(path) as store:
        assert store.schema_version() == 9999  # type: ignore[attr-defined]
    with open_store(path) as store:  # a second open does not run it again (CREATE TABLE would fail)
        assert store.schema_version() == 9999  # type: ignore[attr-defined]


def test_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    with pytest.raises(StoreError, match="no store at"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        adoc, facts = sample()
        store.write_document(adoc, facts)
    with open_store(path, read_only=True) as store:
        assert store.facts() == facts
        with pytest.raises(StoreError, match="read-only"):
            store.write_document(adoc, facts)


def test_a_crash_between_documents_keeps_the_whole_ones(tmp_path: Path) -> None:
    """A writer killed mid-document (its connection dropped without commit) leaves whole documents."""
    path = tmp_path / "c.sqlite"
    adoc, facts = sample()
    store = SqliteStore(path)
    store.write_document(adoc, facts)
    conn = store._conn
    conn.execute("BEGIN IMMEDIATE")
    store._delete_document_rows("d1")  # half of a rewrite, then the process dies
    conn.close()
    with open_store(path) as again:
        assert again.facts() == facts and len(again.sentences("d1")) == 3


def test_concurrent_readers_and_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    errors: list[BaseException] = []
    with open_store(path) as writer:

        def read() -> None:
            try:
                with open_store(path, read_only=True) as reader:
                    for _ in range(20):
                        n = reader.count_facts()
                        assert n % 4 == 0  # whole documents only
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)

        threads = [threading.Thread(target=read) for _ in range(2)]
        for t in threads:
            t.start()
        for i in range(10):
            adoc, facts = sample()
            doc = make_doc(f"d{i}", [s.text for s in adoc.sentences])
            writer.write_document(
                doc,
                [
                    Fact(
                        f.type,
                        f.fields,
                        Evidence.from_sentence(doc.id, doc.sentences[f.evidence.sentence]),
                        f.extractor,
                    )
                    for f in facts
                ],
            )
        for t in threads:
            t.join()
    assert errors == []


def test_date_keys() -> None:
    assert iso_key("2021-12-19") == "2021-12-19" and iso_key(2021) == "2021" and iso_key("--04-27") is None
    assert iso_key("2021-13") == "2021" and iso_key(None) is None and iso_key("soon") is None
    assert date_keys({"as_of": "2021", "date": "2020"}) == ("2021", "2021~")
    assert date_keys({"start": "2008", "end": "2009-06"}) == ("2008", "2009-06~")
    assert date_keys({"end": "2019"}) == ("2019", "2019~")
    assert date_keys({"label": "x"}) == (None, None)


def test_fact_links_name_countries_bodies_and_people() -> None:
    from diplograph.store._sql import fact_links

    links = fact_links(
        {
            "kind": "visit",
            "participants": ["Biden", "Joko Widodo", "IDN", "ASEAN", "G7"],
            "location": "Jakarta",
            "host": "IDN",
            "label": "Summit",
        }
    )
    assert sorted(links) == sorted(
        [
            ("Biden", "person", "participants"),
            ("Joko Widodo", "person", "participants"),
            ("IDN", "country", "participants"),
            ("ASEAN", "body", "participants"),
            ("G7", "body", "participants"),
            ("IDN", "country", "host"),
        ]
    )
    assert fact_links({"a": "VNM", "b": "vietnam", "subject": "CPV", "location": "SOMEPLACE"}) == [
        ("VNM", "country", "a"),
        ("CPV", "body", "subject"),
    ]


def test_fts_query_quotes_everything() -> None:
    assert fts_query("the comprehensive partnership") == '"comprehensive" "partnership"'
    assert fts_query('"strategic partnership" Japan') == '"strategic partnership" "Japan"'
    assert fts_query("' OR 1=1 --") == '"1" "1"'
    assert fts_query("--") is None
    assert fts_query("the") == '"the"'


@pytest.mark.parametrize(
    "filters, index",
    [
        ({"entity": "VNM"}, "fact_entities"),
        ({"entity": "VNM", "type": "partnership"}, "fact_entities"),
        ({"type": "event"}, "facts_type"),
        ({"doc_id": "d1"}, "facts_doc"),
        ({"text": "partnership"}, "sentences_fts"),
    ],
)
def test_fact_filters_use_indexes(tmp_path: Path, filters: dict[str, str], index: str) -> None:
    """The filters the web and query layers page through never scan the whole facts table."""
    from diplograph.store._sql import _FACT_SELECT

    with SqliteStore(tmp_path / "plan.sqlite") as store:
        adoc, facts = sample()
        store.write_document(adoc, facts)
        where, params = store._fact_where(
            filters.get("type"),
            filters.get("doc_id"),
            filters.get("entity"),
            None,
            None,
            filters.get("text"),
            None,
        )
        plan = [
            row[3]
            for row in store._conn.execute(
                f"EXPLAIN QUERY PLAN {_FACT_SELECT}{where} ORDER BY f.id LIMIT 50", params
            )
        ]
    assert not any(step.startswith("SCAN f") for step in plan), plan
    assert any(index in step for step in plan), plan
