"""Knowledge merged as it is written: the store's merged tables equal query.merge over its facts.

Hand-made documents (no spaCy). The same checks run on PostgreSQL in
test_store_postgres.py (``MergedContract``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diplograph import query
from diplograph.model import AnalyzedDocument, Fact
from diplograph.query.people import PeopleIndex
from diplograph.store import Store, open_store
from test_store import fact, make_doc


def docs_a() -> list[tuple[AnalyzedDocument, list[Fact]]]:
    """Facts that merge across documents: a restated figure, a meeting told twice, a seat with and
    without its start, a position under two spellings."""
    out = []
    one = make_doc("a1", ["Vietnam has diplomatic relations with 193 countries.",
                          "Biden met Kishida in Tokyo on May 4.",
                          "Vietnam sat on the UN Security Council for 2020-2021.",
                          "Joe Biden, President of the United States, spoke."], published="2023-05-05")
    out.append((one, [
        fact(one, 0, "statistic", subject="VNM", metric="diplomatic_relations", value=193, as_of="2023"),
        fact(one, 1, "event", kind="meeting", participants=["Biden", "Kishida", "USA", "JPN"], date="2023-05-04",
             location="Tokyo"),
        fact(one, 2, "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2020", end="2021"),
        fact(one, 3, "position", person="Joe Biden", title="President", org="USA", as_of="2023-05"),
    ]))
    two = make_doc("a2", ["Vietnam now counts 193 countries it has relations with.",
                          "Joe Biden and Fumio Kishida held talks on 4 May 2023.",
                          "Vietnam was a member of the Security Council."], published="2023-05-06")
    out.append((two, [
        fact(two, 0, "statistic", subject="VNM", metric="diplomatic_relations", value=193, as_of="2023-05"),
        fact(two, 1, "event", kind="talks", participants=["Joe Biden", "Fumio Kishida"], date="2023-05-04"),
        fact(two, 2, "role", actor="VNM", body="UNSC", role="non_permanent_member"),
    ]))
    return out


def docs_b() -> list[tuple[AnalyzedDocument, list[Fact]]]:
    """More of the same people under fuller names (identities change), a second figure, an agreement."""
    out = []
    for i in range(3):
        doc = make_doc(f"b{i}", ["President Joseph R. Biden Jr. met Prime Minister Fumio Kishida.",
                                 "Vietnam has diplomatic relations with 194 countries.",
                                 "Japan and Vietnam signed the CPTPP."], published=f"2024-0{i + 1}-10")
        out.append((doc, [
            fact(doc, 0, "event", kind="meeting", participants=["Joseph R. Biden Jr.", "Fumio Kishida"],
                 date=f"2024-0{i + 1}-09"),
            fact(doc, 0, "position", person="Joseph R. Biden Jr.", title="President", org="USA",
                 as_of=f"2024-0{i + 1}"),
            fact(doc, 1, "statistic", subject="VNM", metric="diplomatic_relations", value=194, as_of="2024"),
            fact(doc, 2, "agreement", name="CPTPP", kind="FTA", parties=["JPN", "VNM"]),
        ]))
    late = make_doc("b9", ["Biden visited Hanoi on 10 September 2023."], published="2023-09-11")
    out.append((late, [fact(late, 0, "event", kind="visit", participants=["Biden", "USA"], date="2023-09-10",
                            location="Hanoi")]))
    return out


def docs_figures() -> list[tuple[AnalyzedDocument, list[Fact]]]:
    """Figures that disagree: 189 against 193 for 2023; parts that do not add up to their total."""
    one = make_doc("f1", ["Vietnam has relations with 189 countries."], published="2023-08-01")
    two = make_doc("f2", ["Vietnam has 10 strategic partners, 5 comprehensive partners and 30 in all."],
                   published="2024-02-01")
    return [
        (one, [fact(one, 0, "statistic", subject="VNM", metric="diplomatic_relations", value=189, as_of="2023")]),
        (two, [fact(two, 0, "statistic", subject="VNM", metric="strategic_partners", value=10, as_of="2024"),
               fact(two, 0, "statistic", subject="VNM", metric="comprehensive_partners", value=5, as_of="2024"),
               fact(two, 0, "statistic", subject="VNM", metric="strategic_and_comprehensive_partners", value=30,
                    as_of="2024")]),
    ]


def write(store: Store, docs: list[tuple[AnalyzedDocument, list[Fact]]]) -> None:
    for adoc, facts in docs:
        store.write_document(adoc, facts)


def tables(store: Any) -> dict[str, list[Any]]:
    """Every merged table's rows, in a fixed order."""
    queries = {
        "merged": "SELECT id, type, part, uid, fields, first_seen, last_seen, confidence, date, n_docs, members,"
                  " tested FROM merged ORDER BY id",
        "members": "SELECT fact_id, merged_id, type, part FROM merged_members ORDER BY fact_id",
        "entities": "SELECT entity_id, merged_id, role FROM merged_entities ORDER BY entity_id, merged_id, role",
        "blocks": "SELECT type, block, merged_id FROM merged_blocks ORDER BY type, block, merged_id",
        "signatures": "SELECT type, signature, merged_id FROM merged_signatures ORDER BY type, signature",
        "people": "SELECT name, canonical, facts, member FROM people ORDER BY name",
        "timeline": "SELECT merged_id, seq, date, what, key, lo, hi, type, mkey, channels FROM merged_timeline"
                    " ORDER BY merged_id, seq",
        "entity_timeline": "SELECT entity_id, key, type, mkey, merged_id, seq, lo, hi, channels FROM entity_timeline"
                           " ORDER BY entity_id, key, type, mkey, merged_id, seq",
        "contradictions": "SELECT series, seq, subject_key, phase, sort_subject, sort_metric, kind, subject, metric,"
                          " explanation, same_document, facts FROM merged_contradictions ORDER BY series, seq",
    }
    with store._lock:
        return {name: [tuple(r) for r in store._execute(sql).fetchall()] for name, sql in queries.items()}


def global_merge(store: Any) -> list[str]:
    """query.merge over every stored fact, with the store's identities: what the tables must hold."""
    facts = store.facts()
    people = PeopleIndex(store.people_rows())
    merged = query.merge(facts, store.published(f.doc_id for f in facts), people=people)
    return sorted(json.dumps(m.to_json(), sort_keys=True) for m in merged)


def stored(store: Any) -> list[str]:
    assert store.merged_ready()
    return sorted(json.dumps(m.to_json(), sort_keys=True) for m in store.merged_facts())


class MergedContract:
    """What every store's merged tables must do; ``open_fresh()`` gives a new empty store."""

    def open_fresh(self) -> Any:
        raise NotImplementedError

    def test_the_tables_hold_what_merging_every_fact_gives(self) -> None:
        with self.open_fresh() as store:
            write(store, docs_a() + docs_b())
            assert stored(store) == global_merge(store)
            names = {m.get("person") for m in store.merged_facts(type="position")}
            assert names == {"Joseph R. Biden Jr."}  # two spellings, one person, the fullest name

    def test_incremental_builds_equal_one_build_then_reindex(self) -> None:
        # A then B in two sessions (each ends by closing the store), against A+B in one, then reindex.
        first = self.open_fresh()
        write(first, docs_a())
        target = self.reopen_target(first)
        first.close()
        with self.reopen(target) as again:
            write(again, docs_b() + docs_figures())
            assert again.merged_ready()  # refreshes identities, as closing at the end of a build does
            incremental = tables(again)
            answers = self.answers(again)
        with self.open_fresh() as whole:
            write(whole, docs_a() + docs_b() + docs_figures())
            whole.reindex()
            assert tables(whole) == incremental
            assert self.answers(whole) == answers
            assert stored(whole) == global_merge(whole)

    def test_a_rewritten_document_is_merged_again(self) -> None:
        with self.open_fresh() as store:
            write(store, docs_a() + docs_b())
            adoc, _ = docs_b()[1]
            store.write_document(adoc, [fact(adoc, 1, "statistic", subject="VNM", metric="diplomatic_relations",
                                             value=195, as_of="2024")])
            assert stored(store) == global_merge(store)
            before = tables(store)
            store.reindex()
            assert tables(store) == before

    def test_writing_the_same_documents_again_changes_nothing(self) -> None:
        with self.open_fresh() as store:
            write(store, docs_a() + docs_b())
            store.merged_ready()
            first = stored(store)
            write(store, docs_a() + docs_b())
            assert stored(store) == first == global_merge(store)

    def test_a_crash_while_merging_rolls_the_document_back(self, monkeypatch: pytest.MonkeyPatch) -> None:
        with self.open_fresh() as store:
            write(store, docs_a())
            store.merged_ready()
            before = (tables(store), store.counts())

            def crash(*args: Any, **kwargs: Any) -> None:
                raise RuntimeError("power cut")

            monkeypatch.setattr(type(store), "_materialise", crash)
            with pytest.raises(RuntimeError, match="power cut"):
                write(store, docs_b()[:1])
            monkeypatch.undo()
            assert (tables(store), store.counts()) == before
            write(store, docs_b())
            assert stored(store) == global_merge(store)

    def test_contradictions_are_kept_with_the_figures(self) -> None:
        from diplograph.query.api import in_merge_order
        from diplograph.query.contradictions import find

        with self.open_fresh() as store:
            write(store, docs_a() + docs_b() + docs_figures())
            figures = in_merge_order(store.merged_facts(type="statistic"))
            for subject in (None, "VNM", "JPN"):
                expected = [c.to_json() for c in find(figures, subject=subject)]
                assert [c.to_json() for c in query.contradictions(store, subject)] == expected
            assert {c.kind for c in query.contradictions(store)} == {"value", "sum"}
            adoc, _ = docs_figures()[0]
            store.write_document(adoc, [])  # the 189 goes: no more value contradiction
            assert {c.kind for c in query.contradictions(store)} == {"sum"}
            assert [c.to_json() for c in query.contradictions(store)] == [
                c.to_json() for c in find(in_merge_order(store.merged_facts(type="statistic")))]

    def answers(self, store: Any) -> list[Any]:
        out = []
        for entity in ("VNM", "USA", "JPN", "Biden"):
            out.append(query.entity_profile(store, entity).to_json())
            out.append(query.timeline(store, entity).to_json())
        out.append([s.to_json() for s in query.claims(store, "diplomatic_relations", "VNM")])
        out.append(query.ask(store, "Who did Biden meet in January 2024?").to_json())
        out.append(query.ask(store, "When did Joe Biden visit Vietnam?").to_json())
        return out

    def reopen_target(self, store: Any) -> Any:
        return store.target

    def reopen(self, target: Any) -> Any:
        return open_store(target)


class TestSqliteMerged(MergedContract):
    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path: Path) -> Iterator[None]:
        self.folder = tmp_path
        self.n = 0
        yield

    def open_fresh(self) -> Any:
        self.n += 1
        return open_store(self.folder / f"s{self.n}.sqlite")


def test_a_store_from_before_the_merged_tables_answers_at_read_time_until_reindexed(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with open_store(path) as store:
        write(store, docs_a() + docs_b())
        store.merged_ready()
        expected = [query.entity_profile(store, e).to_json() for e in ("VNM", "Biden")]
        with store._lock:  # as the migration leaves a store that already had facts
            store._execute("UPDATE store_state SET value = 'stale' WHERE key = 'merged'")
    with open_store(path) as store:
        assert not store.merged_ready()
        assert [query.entity_profile(store, e).to_json() for e in ("VNM", "Biden")] == expected
        counts = store.reindex()
        assert store.merged_ready() and counts["merged"] == len(store.merged_facts())
        assert [query.entity_profile(store, e).to_json() for e in ("VNM", "Biden")] == expected


def test_entities_are_found_through_any_statement_and_events_through_their_place(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.sqlite") as store:
        write(store, docs_a() + docs_b())
        assert store.merged_ready()
        visits = store.merged_facts(type="event", located="VNM")
        assert [m.get("location") for m in visits] == ["Hanoi"]
        talks = store.merged_facts(type="event", entity=["JPN"], since="2023-05", until="2023-05")
        assert len(talks) == 1 and len(talks[0].facts) == 2  # told twice, once naming Japan
        assert store.count_merged(type="statistic") == 2
        page = store.merged_facts(type="statistic", limit=1, order="-date")
        assert page[0].get("value") == 194 and len(page[0].doc_ids) == 3


def test_the_reindex_command_rebuilds_the_tables(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from diplograph.cli import cli

    path = tmp_path / "r.sqlite"
    with open_store(path) as store:
        write(store, docs_a() + docs_b())
    with open_store(path) as store:
        before = tables(store)
    result = CliRunner().invoke(cli, ["reindex", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert counts["facts"] == 20 and counts["merged"] == len(before["merged"]) and before["timeline"]
    with open_store(path) as store:
        assert tables(store) == before


class _ReadTime:
    """A store with its merged tables hidden: the query layer merges at read time."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("merged_ready", "merged_facts", "count_merged", "people_rows", "people_version"):
            raise AttributeError(name)
        return getattr(self._store, name)


def test_a_paged_profile_holds_the_newest_of_each_section_and_the_totals(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.sqlite") as store:
        write(store, docs_a() + docs_b())
        for entity in ("VNM", "USA", "Biden"):
            whole = query.entity_profile(store, entity)
            page = query.entity_profile(store, entity, limit=1)
            assert page.to_json() == query.entity_profile(_ReadTime(store), entity, limit=1).to_json()
            sections = {"offices": whole.offices, "relations": whole.relations, "roles": whole.roles,
                        "events": whole.events, "agreements": whole.agreements,
                        "partnerships": [f for fs in whole.partnerships.values() for f in fs]}
            for name, facts in sections.items():
                assert page.totals[name] == len(facts)
                shown = getattr(page, name) if name != "partnerships" else [
                    f for fs in page.partnerships.values() for f in fs]
                assert len(shown) == min(1, len(facts))
                assert {f.id for f in shown} <= {f.id for f in facts}
            assert page.totals["histories"] == len(whole.histories)
            assert len(page.histories) == min(1, len(whole.histories))
            assert all(h.to_json() in [w.to_json() for w in whole.histories] for h in page.histories)
        full = query.entity_profile(store, "VNM", limit=10)
        assert [h.to_json() for h in full.histories] == [
            h.to_json() for h in query.entity_profile(store, "VNM").histories]
        events = query.entity_profile(store, "Biden", limit=2).events
        assert [e.get("date") for e in events] == ["2024-02-09", "2024-03-09"]  # the newest two, in date order


def test_a_time_line_page_is_the_same_slice_of_the_whole_line(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.sqlite") as store:
        write(store, docs_a() + docs_b())
        for entity, since, until in (("USA", None, None), ("VNM", None, None), ("Biden", "2023-05", "2024-01"),
                                     ("JPN", "2024", None)):
            whole = query.timeline(store, entity, since=since, until=until).to_json()["entries"]
            for offset in range(0, len(whole) + 1):
                page = query.timeline(store, entity, since=since, until=until, limit=2, offset=offset)
                assert page.total == len(whole)
                assert [e.to_json() for e in page.entries] == whole[offset: offset + 2]
        assert [(e["what"], e["fact"]["fields"]["name"]) for e in whole] == [("reported", "CPTPP")]  # JPN since 2024


def test_kept_row_counts_equal_counting_the_rows(tmp_path: Path) -> None:
    with open_store(tmp_path / "c.sqlite") as store:
        write(store, docs_a() + docs_b())
        adoc, _ = docs_b()[0]
        store.write_document(adoc, [])  # a rewrite with fewer facts
        kept = store.counts()
        with store._lock:
            store._execute("DELETE FROM row_counts")
        assert store.counts() == kept  # counted afresh
        assert kept["facts"] == 16 and kept["facts.agreement"] == 2 and kept["documents"] == 6


def test_claims_of_one_metric_are_read_by_their_field(tmp_path: Path) -> None:
    with open_store(tmp_path / "m.sqlite") as store:
        write(store, docs_a() + docs_b())
        one = [s.to_json() for s in query.claims(store, "diplomatic_relations", "VNM")]
        every = [s.to_json() for s in query.claims(store, None, "VNM") if s.metric == "diplomatic_relations"]
        assert one == every and [p["value"] for p in one[0]["points"]] == [193, 194]
        assert query.claims(store, "trade_partners", "VNM") == []


def test_an_entitys_pages_of_merged_facts_are_slices_of_all_of_them_newest_first(tmp_path: Path) -> None:
    from diplograph.query.api import newest

    with open_store(tmp_path / "n.sqlite") as store:
        write(store, docs_a() + docs_b() + docs_figures())
        for ids, types in ((["VNM", "CPV"], None), (["USA", "JPN"], None), (["VNM"], ["statistic", "agreement"])):
            every = [m.id for m in newest(store.merged_facts(type=types, entity=ids), 100)]
            assert every and store.count_merged(type=types, entity=ids) == len(every)
            for offset in range(len(every) + 1):
                page = store.merged_facts(type=types, entity=ids, limit=2, offset=offset, order="-date")
                assert [m.id for m in page] == every[offset: offset + 2]
