"""The query layer on hand-made facts: merging, claim histories, state at a date, contradictions, ask."""

from __future__ import annotations

import json
from typing import Any

import pytest

from diplograph.model import Document, Evidence, Fact
from diplograph.query import (
    MemorySource,
    ask,
    claim_series,
    claims,
    entity_profile,
    find_contradictions,
    merge,
    state_as_of,
    status_histories,
    timeline,
)
from diplograph.query import dates
from diplograph.query.ask import parse, title_matches
from diplograph.query.contradictions import agree, same_time
from diplograph.query.merge import name_ok, short_form_of


def fact(doc: str, type: str, sentence: str = "", n: int = 0, conf: float = 0.6, **fields: Any) -> Fact:
    text = sentence or f"{type} sentence {n} of {doc}"
    return Fact(type, fields, Evidence(doc, n, 0, len(text), text), "test", conf)


def stat(doc: str, value: float, as_of: str, metric: str = "diplomatic_relations", subject: str = "VNM",
         qualifier: str = "exact", n: int = 0) -> Fact:
    return fact(doc, "statistic", n=n, subject=subject, metric=metric, value=value, qualifier=qualifier,
                as_of=as_of, unit="count")


# ---------------------------------------------------------------- dates


def test_dates_are_intervals_of_their_precision() -> None:
    assert dates.on_or_before("2021", "2022-01")
    assert not dates.on_or_before("2026-01", "2022-01")
    assert dates.overlaps("2020", "2021", "2021-06")
    assert not dates.overlaps("2020", "2021", "2022-01")
    assert dates.overlaps("2014", None, "2025")  # an open term runs on
    assert dates.inside("2021-12-19", "2021-12") and not dates.inside("2021", "2021-12")
    assert dates.compatible("2021-12", "2021-12-19") and not dates.compatible("2021-11", "2021-12-19")
    assert dates.bounds("--04-27") is None
    assert sorted(["2021-12-19", "2021", "2020-05"], key=dates.sort_key) == ["2020-05", "2021", "2021-12-19"]


# ---------------------------------------------------------------- merge


def test_same_statistic_in_two_documents_is_one_fact_with_both_citations() -> None:
    published = {"a": "2021-12", "b": "2021-12-14"}
    merged = merge([stat("a", 189, "2021"), stat("b", 189, "2021-12-14"), stat("b", 194, "2026")], published)
    stats = [m for m in merged if m.get("value") == 189]
    assert len(stats) == 1 and len(merged) == 2
    assert stats[0].doc_ids == ("a", "b")
    assert stats[0].first_seen == "2021-12" and stats[0].last_seen == "2021-12-14"
    assert stats[0].confidence > 0.6  # two independent sources say it


def test_national_body_counts_as_its_country_for_statistic_keys() -> None:
    merged = merge([stat("a", 140, "2026", metric="parliament_relations", subject="NA_VNM"),
                    stat("b", 140, "2026", metric="parliament_relations", subject="VNM")])
    assert len(merged) == 1


def test_partnership_pair_is_unordered_and_level_is_part_of_the_key() -> None:
    merged = merge([fact("a", "partnership", a="VNM", b="RUS", level="comprehensive_strategic"),
                    fact("b", "partnership", a="RUS", b="VNM", level="comprehensive_strategic", since="2012"),
                    fact("c", "partnership", a="VNM", b="RUS", level="strategic")])
    assert len(merged) == 2
    csp = next(m for m in merged if m.get("level") == "comprehensive_strategic")
    assert csp.get("since") == "2012" and len(csp.evidence) == 2


def test_agreement_short_and_long_forms_merge_but_different_agreements_do_not() -> None:
    merged = merge([
        fact("a", "agreement", name="CPTPP", kind="FTA"),
        fact("b", "agreement", name="Comprehensive and Progressive Agreement for Trans-Pacific Partnership", kind="FTA"),
        fact("c", "agreement", name="RCEP", kind="FTA"),
        fact("d", "agreement", name="Regional Comprehensive Economic Partnership", kind="FTA"),
        fact("e", "agreement", name="EVFTA", kind="FTA"),
    ])
    assert sorted(len(m.facts) for m in merged) == [1, 2, 2]
    assert short_form_of("EVFTA", "European Union Vietnam Free Trade Agreement")
    assert not short_form_of("RCEP", "European Union Vietnam Free Trade Agreement")


def test_agreements_with_different_parties_stay_apart() -> None:
    merged = merge([fact("a", "agreement", name="Agreement on Reciprocal Trade", parties=["USA", "MYS"]),
                    fact("a", "agreement", name="Agreement on Reciprocal Trade", parties=["USA", "KHM"], n=1)])
    assert len(merged) == 2


def test_one_meeting_reported_twice_merges_and_keeps_the_fullest_names() -> None:
    merged = merge([
        fact("a", "event", kind="meeting", date="2021-12-19", participants=["Hue", "Kovind"]),
        fact("b", "event", kind="talks", date="2021-12", participants=["Vuong Dinh Hue", "Ram Nath Kovind", "IND"]),
    ])
    assert len(merged) == 1
    event = merged[0]
    assert event.get("date") == "2021-12-19"
    assert "Vuong Dinh Hue" in event.get("participants") and "Ram Nath Kovind" in event.get("participants")


def test_different_happenings_do_not_merge() -> None:
    merged = merge([
        # the same leader meeting two counterparts on one day
        fact("a", "event", kind="meeting", date="2022-05-24", participants=["Joe Biden", "Narendra Modi"]),
        fact("a", "event", kind="meeting", date="2022-05-24", participants=["Joe Biden", "Fumio Kishida"], n=1),
        # visits to two countries in one month
        fact("b", "event", kind="visit", date="2021-12", participants=["Vuong Dinh Hue", "KOR"], location="KOR"),
        fact("b", "event", kind="visit", date="2021-12", participants=["Vuong Dinh Hue", "IND"], location="IND", n=1),
        # a visit is not a meeting
        fact("c", "event", kind="visit", date="2022-05-24", participants=["Joe Biden", "JPN"]),
    ])
    assert len(merged) == 5


def test_a_coarse_date_does_not_chain_two_dated_meetings() -> None:
    merged = merge([
        fact("a", "event", kind="meeting", date="2023-09-11", participants=["Joe Biden", "Vo Van Thuong"]),
        fact("b", "event", kind="meeting", date="2023", participants=["Biden", "Thuong"]),
        fact("c", "event", kind="meeting", date="2023-11-13", participants=["Joe Biden", "Vo Van Thuong"]),
    ])
    assert len(merged) == 2


def test_positions_merge_by_surname_and_org() -> None:
    merged = merge([fact("a", "position", person="Son", title="Foreign Minister", org="VNM", as_of="2021"),
                    fact("b", "position", person="Bui Thanh Son", title="Minister of Foreign Affairs", org="VNM",
                         as_of="2023"),
                    fact("b", "position", person="Bui Thanh Son", title="Member", org="CPV", as_of="2023", n=1),
                    fact("c", "position", person="Son", title="Foreign Minister", org="KHM", as_of="2021")])
    assert len(merged) == 3  # two offices in Vietnam (state and party); KHM is another org
    minister = next(m for m in merged if m.get("org") == "VNM")
    assert minister.get("person") == "Bui Thanh Son" and set(minister.doc_ids) == {"a", "b"}
    hun_sen = merge([fact("a", "position", person="Hun Sen", title="President", org="CPP_KHM"),
                     fact("a", "position", person="Hun Sen", title="Prime Minister", org="KHM", n=1),
                     fact("b", "position", person="Hun Sen", title="Prime Minister", org="KHM")])
    assert sorted(len(m.facts) for m in hun_sen) == [1, 2]
    assert name_ok("Joe Biden", "Joseph R. Biden Jr.") and not name_ok("Joe Biden", "Jill Stein")


def test_an_undated_seat_joins_the_only_dated_term_but_not_one_of_two() -> None:
    one = merge([fact("a", "role", actor="VNM", body="ILC", role="member", start="2023", end="2027"),
                 fact("b", "role", actor="VNM", body="ILC", role="member")])
    assert len(one) == 1 and len(one[0].facts) == 2 and one[0].get("start") == "2023"
    two = merge([fact("a", "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2008", end="2009"),
                 fact("a", "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2020", end="2021",
                      n=1),
                 fact("b", "role", actor="VNM", body="UNSC", role="non_permanent_member")])
    assert len(two) == 3


def test_merged_facts_serialise_with_every_source() -> None:
    merged = merge([stat("a", 189, "2021", n=3), stat("b", 189, "2021", n=7)])
    data = json.loads(json.dumps(merged[0].to_json()))
    assert [s["doc"] for s in data["sources"]] == ["a", "b"]
    assert data["sources"][1]["sentence"] == 7
    assert "189" in data["summary"]


# ---------------------------------------------------------------- histories and state


HISTORY = [
    stat("y2021", 189, "2021"),
    stat("y2026", 194, "2026-01"),
    stat("y2021", 230, "2021", metric="trade_partners", n=1),
    stat("y2026", 224, "2026-01", metric="trade_partners", n=1),
    fact("p1", "partnership", a="VNM", b="USA", level="comprehensive", since="2013-07"),
    fact("p2", "partnership", a="VNM", b="USA", level="comprehensive_strategic", since="2023-09"),
    fact("r1", "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2020", end="2021"),
    fact("r1", "role", actor="VNM", body="UNHRC", role="member", start="2023", end="2025", n=1),
    fact("r2", "role", actor="USA", body="WHO", role="member", end="2026"),
    fact("q1", "position", person="Nguyen Xuan Phuc", title="President", org="VNM", as_of="2021"),
    fact("q2", "position", person="Luong Cuong", title="President", org="VNM", as_of="2025"),
    fact("d1", "diplomatic_relations", a="USA", b="CUB", status="severed", since="1961"),
    fact("d2", "diplomatic_relations", a="USA", b="CUB", status="restored", since="2015-07"),
]
PUBLISHED = {"y2021": "2021-12", "y2026": "2026-01", "p1": "2013-07", "p2": "2023-09", "r1": "2023-12",
             "r2": "2026-01", "q1": "2021-12", "q2": "2025-06", "d1": "1961", "d2": "2015-07"}


def test_claim_series_orders_figures_by_the_date_they_hold_for() -> None:
    series = claim_series(HISTORY, metric="diplomatic_relations", subject="VNM", published=PUBLISHED)
    assert len(series) == 1
    assert [(p.value, p.as_of) for p in series[0].points] == [(189, "2021"), (194, "2026-01")]
    assert series[0].latest is not None and series[0].latest.value == 194


def test_status_histories_show_upgrades_and_restored_relations() -> None:
    histories = {(h.kind, h.key): h for h in status_histories(HISTORY, published=PUBLISHED)}
    upgrade = histories[("partnership", ("USA", "VNM"))]
    assert [s.status for s in upgrade.steps] == ["comprehensive", "comprehensive_strategic"]
    cuba = histories[("diplomatic_relations", ("CUB", "USA"))]
    assert [(s.date, s.status) for s in cuba.steps] == [("1961", "severed"), ("2015-07", "restored")]
    left = histories[("role", ("USA", "WHO", "member"))]
    assert left.steps[0].status == "ended"


def test_state_as_of_differs_where_the_facts_changed() -> None:
    early = state_as_of(HISTORY, "2022-01", entity="VNM", published=PUBLISHED)
    late = state_as_of(HISTORY, "2026-02", entity="VNM", published=PUBLISHED)
    assert {(p.fact.get("metric"), p.value) for p in early.statistics} == {
        ("diplomatic_relations", 189), ("trade_partners", 230)}
    assert {(p.fact.get("metric"), p.value) for p in late.statistics} == {
        ("diplomatic_relations", 194), ("trade_partners", 224)}
    assert [f.get("level") for f in early.partnerships] == ["comprehensive"]
    assert [f.get("level") for f in late.partnerships] == ["comprehensive_strategic"]
    assert [f.get("body") for f in state_as_of(HISTORY, "2021-06", entity="VNM").roles] == ["UNSC"]
    assert [f.get("body") for f in state_as_of(HISTORY, "2024", entity="VNM").roles] == ["UNHRC"]
    assert [f.get("body") for f in early.roles] == []  # the UNSC term ended with 2021
    assert [f.get("body") for f in late.roles] == []  # UNHRC 2023-2025 is over by 2026-02
    assert [f.get("person") for f in early.positions] == ["Nguyen Xuan Phuc"]
    assert [f.get("person") for f in late.positions] == ["Luong Cuong"]
    cuba_1990 = state_as_of(HISTORY, "1990", entity="CUB", published=PUBLISHED).relations
    cuba_2020 = state_as_of(HISTORY, "2020", entity="CUB", published=PUBLISHED).relations
    assert [f.get("status") for f in cuba_1990] == ["severed"]
    assert [f.get("status") for f in cuba_2020] == ["restored"]


# ---------------------------------------------------------------- contradictions


def test_qualifiers_and_rounding_are_not_disagreements() -> None:
    assert agree((500, "over"), (500, "exact"))
    assert agree((15_000_000_000, "about"), (15_200_000_000, "exact"))
    assert agree((50, "nearly"), (48, "exact"))
    assert not agree((189, "exact"), (194, "exact"))
    assert not agree((50, "nearly"), (55, "exact"))


def test_same_time_means_the_same_year_or_adjacent_coarse_dates() -> None:
    assert same_time("2021", "2021-12-14")
    assert same_time("2025", "2026-01")
    assert not same_time("2021-12-14", "2026-01")
    assert not same_time("2021-03", "2022-03")


def test_contradictions_flag_same_time_disagreements_only() -> None:
    facts = [
        stat("a", 189, "2021"), stat("b", 194, "2021-12"),  # same year, different: flagged
        stat("a", 230, "2021", metric="trade_partners", n=1),
        stat("c", 224, "2026", metric="trade_partners"),  # years apart: a change
        stat("a", 500, "2021", metric="cooperation_agreements", qualifier="over", n=2),
        stat("b", 500, "2021", metric="cooperation_agreements", n=1),  # qualifier: agree
    ]
    found = find_contradictions(facts)
    assert [(c.kind, c.metric) for c in found] == [("value", "diplomatic_relations")]
    flag = found[0]
    assert "189" in flag.explanation and "194" in flag.explanation
    assert {d for f in flag.facts for d in f.doc_ids} == {"a", "b"} and not flag.same_document


def test_parts_are_checked_against_their_total() -> None:
    agreeing = [stat("a", 17, "2021", metric="strategic_partners"),
                stat("a", 13, "2021", metric="comprehensive_partners", n=1),
                stat("b", 30, "2021-12-14", metric="strategic_and_comprehensive_partners")]
    assert find_contradictions(agreeing) == []
    clashing = agreeing[:2] + [stat("a", 33, "2021", metric="strategic_and_comprehensive_partners", n=2),
                               stat("a", 3, "2021", metric="comprehensive_strategic_partners", n=3)]
    assert find_contradictions(clashing) == []  # 17 + 13 + 3 also counts the top tier apart
    wrong = agreeing[:2] + [stat("a", 25, "2021", metric="strategic_and_comprehensive_partners", n=2)]
    found = find_contradictions(wrong)
    assert [c.kind for c in found] == ["sum"] and found[0].same_document
    assert "17" in found[0].explanation and "25" in found[0].explanation


# ---------------------------------------------------------------- the API over a source


@pytest.fixture
def source() -> MemorySource:
    docs = [Document(id=d, text="", published=p) for d, p in PUBLISHED.items()]
    extra = [
        fact("p2", "event", "Biden met Vo Van Thuong in Hanoi.", n=5, kind="meeting", date="2023-09-10",
             participants=["Joe Biden", "Vo Van Thuong", "USA", "VNM"], location="Hanoi"),
        fact("p2", "event", "Biden visited Vietnam.", n=6, kind="visit", date="2023-09",
             participants=["Joe Biden", "VNM"], location="VNM"),
        fact("p2", "position", "President Biden.", n=7, person="Joe Biden", title="President", org="USA",
             as_of="2023-09-10"),
        fact("p2", "agreement", "The two sides signed an MoU on semiconductors.", n=8,
             name="MoU on semiconductors", kind="MoU", parties=["USA", "VNM"], signed="2023-09-10"),
    ]
    return MemorySource(HISTORY + extra, docs)


def test_claims_and_profile_over_a_source(source: MemorySource) -> None:
    series = claims(source, "diplomatic_relations", "VNM")
    assert [p.value for p in series[0].points] == [189, 194]
    early = entity_profile(source, "VNM", as_of="2022-01")
    late = entity_profile(source, "VNM", as_of="2026-02")
    assert list(early.partnerships) == ["comprehensive"] and list(late.partnerships) == ["comprehensive_strategic"]
    assert {s.points[0].value for s in early.claims} != {s.points[0].value for s in late.claims}
    everything = entity_profile(source, "VNM")
    assert [e.get("date") for e in everything.events] == ["2023-09", "2023-09-10"]
    json.dumps(everything.to_json())


def test_timeline_gives_terms_a_start_and_an_end(source: MemorySource) -> None:
    entries = timeline(source, "VNM").entries
    unsc = [(e.date, e.what) for e in entries if e.fact.get("body") == "UNSC"]
    assert unsc == [("2020", "start"), ("2021", "end")]
    assert [e.date for e in entries] == sorted((e.date for e in entries), key=dates.sort_key)


def test_parse_finds_countries_bodies_people_and_dates(source: MemorySource) -> None:
    parsed = parse("When did Vietnam sit on the UN Security Council in 2021?", source)
    assert parsed.countries == ["VNM"] and parsed.bodies == ["UNSC"] and parsed.date == "2021"
    who = parse("Who did President Biden meet in September 2023?", source)
    assert who.people == ["Joe Biden"] and who.date == "2023-09"
    assert title_matches("president", "State President")
    assert not title_matches("president", "Vice President")
    assert title_matches("foreign minister", "Minister of Foreign Affairs")


@pytest.mark.parametrize("question, intent, expect", [
    ("How many countries does Vietnam have diplomatic relations with?", "claims", ["194", "189"]),
    ("How many trade partners did Vietnam have in 2022?", "claims", ["230"]),
    ("Who did Joe Biden meet in September 2023?", "met", ["Vo Van Thuong"]),
    ("When did Biden visit Vietnam?", "visits", ["2023-09"]),
    ("Who did the American president meet in September 2023?", "met", ["Joe Biden", "Vo Van Thuong"]),
    ("When did Vietnam sit on the UN Security Council?", "roles", ["2020–2021"]),
    ("Who is the president of Vietnam?", "office_holder", ["Luong Cuong", "Nguyen Xuan Phuc"]),
    ("Who is Joe Biden?", "who_is", ["President"]),
    ("What agreements did Vietnam sign with the United States?", "agreements", ["semiconductors"]),
    ("Which countries are Vietnam's comprehensive strategic partners?", "partners", ["USA"]),
    ("What are the relations between the United States and Cuba?", "relations", ["severed", "restored"]),
    ("What happened in September 2023?", "events", ["2023-09"]),
    ("Are there contradictions?", "contradictions", ["No contradictions"]),
])
def test_ask_answers_with_citations(source: MemorySource, question: str, intent: str, expect: list[str]) -> None:
    answer = ask(source, question)
    assert answer.intent == intent and answer.ok, answer.text
    for word in expect:
        assert word in answer.text
    if intent != "contradictions":
        assert answer.citations() and all(c["text"] for c in answer.citations())
    json.dumps(answer.to_json())


def test_a_question_it_cannot_answer_says_so_and_suggests_queries(source: MemorySource) -> None:
    answer = ask(source, "Zorblax quibbleflux?")
    assert not answer.ok and "cannot answer" in answer.text and answer.suggestions
    nothing = ask(source, "Which countries are Vietnam's special strategic partners?")
    assert not nothing.ok and any("Vietnam" in s or "VNM" in s for s in nothing.suggestions)


def test_free_text_falls_back_to_evidence_search(source: MemorySource) -> None:
    answer = ask(source, "semiconductors")
    assert answer.intent == "search" and answer.ok
    assert "semiconductors" in answer.citations()[0]["text"]


def test_office_holder_lists_each_earlier_holder_once_across_name_orders() -> None:
    source = MemorySource([
        fact("j1", "position", person="Kishida", title="Prime Minister", org="JPN", as_of="2023-01"),
        fact("j2", "position", person="Kishida Fumio", title="Prime Minister", org="JPN", as_of="2024-04"),
        fact("j3", "position", person="Ishiba", title="Prime Minister", org="JPN", as_of="2024-11"),
        fact("j3", "position", person="Taro Vice", title="Vice Prime Minister", org="JPN", as_of="2024-11", n=1),
    ])
    answer = ask(source, "Who is the prime minister of Japan?")
    assert answer.text.startswith("Ishiba") and answer.text.count("Kishida") == 1
    assert "Taro Vice" not in answer.text
