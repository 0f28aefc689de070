"""The analyst's view (issue 9) over a store written by hand (no spaCy): names everywhere, channels
shown, filtered, exported and counted, the country page's tables (key figures, partnership ladder,
seats and terms, visits in and out, office holders), paged tables with CSV, networks per entity,
ask's links, and the CLI's usage errors and paging."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Sentence
from diplograph.query import country_overview, facts, resolve_name
from diplograph.query.names import AmbiguousName, UnknownName, display_name, labelled
from diplograph.query.overview import format_value, seat_group
from diplograph.store import open_store

pytest.importorskip("fastapi")
from diplograph.web.app import create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _document(doc_id: str, published: str, sentences: list[str], url: str | None = None
              ) -> tuple[AnalyzedDocument, list[Sentence]]:
    text, out, pos = "", [], 0
    for i, sentence in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(sentence), sentence))
        text += sentence + " "
        pos = len(text)
    doc = Document(doc_id, text, source=f"{doc_id}.txt", title=sentences[0][:40], published=published,
                   published_source="metadata", url=url)
    return AnalyzedDocument(doc, tuple(out)), out


def _fact(sentence: Sentence, doc_id: str, type: str, **fields: Any) -> Fact:
    return Fact(type, fields, Evidence.from_sentence(doc_id, sentence), extractor="test", confidence=0.8)


def write_country_store(path: Path) -> None:
    """Vietnam, Laos, Kenya, the United States: every channel, a two-step ladder, seats of each group."""
    a, s = _document("upgrade", "2023-09-11", [
        "Vietnam and the United States upgraded their ties to a comprehensive strategic partnership on 10 September 2023.",
        "The two countries had set up a comprehensive partnership in 2013.",
        "President Joe Biden paid a state visit to Hanoi on 10 September 2023.",
        "General Secretary Nguyen Phu Trong visited Washington in July 2015 at the head of a party delegation.",
        "The two presidents issued a joint statement on 11 September 2023.",
        "Vietnam has diplomatic relations with 189 countries.",
    ], url="https://example.org/upgrade")
    facts_a = [
        _fact(s[0], a.id, "partnership", a="VNM", b="USA", level="comprehensive_strategic", since="2023-09-10"),
        _fact(s[1], a.id, "partnership", a="VNM", b="USA", level="comprehensive", since="2013"),
        _fact(s[2], a.id, "event", kind="visit", date="2023-09-10", participants=["Joe Biden", "USA"],
              location="Hanoi", channel="state"),
        _fact(s[3], a.id, "event", kind="visit", date="2015-07", participants=["Nguyen Phu Trong", "VNM"],
              location="USA", channel="party"),
        _fact(s[4], a.id, "agreement", name="Joint Statement on the Comprehensive Strategic Partnership",
              kind="joint_statement", parties=["VNM", "USA"], signed="2023-09-11", channel="state"),
        _fact(s[5], a.id, "statistic", subject="VNM", metric="diplomatic_relations", value=189, qualifier="exact",
              as_of="2021", unit="count"),
        _fact(s[2], a.id, "position", person="Joe Biden", title="President", org="USA", as_of="2023-09-11"),
        _fact(s[3], a.id, "position", person="Nguyen Phu Trong", title="General Secretary", org="CPV",
              as_of="2015-07"),
    ]
    b, t = _document("review", "2026-01-05", [
        "Vietnam now has diplomatic relations with 194 countries and parliamentary ties with over 140 legislatures.",
        "Vietnam served on the UN Security Council in 2020-2021 and sits on the Human Rights Council for 2026-2028.",
        "Vietnam chaired ASEAN in 2020 and is a member of the WTO.",
        "The United States withdrew from the World Health Organization.",
        "President Nguyen Xuan Phuc received the Lao leader in 2021; President Vo Van Thuong welcomed him in 2023.",
        "National Assembly Chairman Vuong Dinh Hue visited Seoul in December 2021 for parliamentary cooperation.",
        "Youth unions of Vietnam and Laos held an exchange in Vientiane in 2022.",
        "Lao Party General Secretary Thongloun Sisoulith visited Hanoi in May 2022.",
        "Vietnam remittances reached about 15 billion USD.",
    ])
    facts_b = [
        _fact(t[0], b.id, "statistic", subject="VNM", metric="diplomatic_relations", value=194, qualifier="exact",
              as_of="2026-01", unit="count"),
        _fact(t[0], b.id, "statistic", subject="NA_VNM", metric="parliament_relations", value=140, qualifier="over",
              as_of="2026-01", unit="count"),
        _fact(t[8], b.id, "statistic", subject="VNM", metric="remittances_usd_per_year", value=15_000_000_000,
              qualifier="about", as_of="2026-01", unit="USD"),
        _fact(t[1], b.id, "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2020", end="2021"),
        _fact(t[1], b.id, "role", actor="VNM", body="UNHRC", role="member", start="2026", end="2028"),
        _fact(t[2], b.id, "role", actor="VNM", body="ASEAN", role="chair", start="2020", end="2020"),
        _fact(t[2], b.id, "role", actor="VNM", body="WTO", role="member", start=None, end=None),
        _fact(t[3], b.id, "role", actor="USA", body="WHO", role="member", start=None, end=None, status="left"),
        _fact(t[4], b.id, "position", person="Nguyen Xuan Phuc", title="President", org="VNM", as_of="2021"),
        _fact(t[4], b.id, "position", person="Vo Van Thuong", title="President", org="VNM", as_of="2023"),
        _fact(t[5], b.id, "event", kind="visit", date="2021-12", participants=["Vuong Dinh Hue", "VNM"],
              location="KOR", channel="parliament"),
        _fact(t[6], b.id, "event", kind="meeting", date="2022", participants=["VNM", "LAO"], location="Vientiane",
              channel="people"),
        _fact(t[7], b.id, "event", kind="visit", date="2022-05", participants=["Thongloun Sisoulith", "LAO"],
              location="VNM", channel="party"),
        _fact(t[5], b.id, "position", person="Vuong Dinh Hue", title="Chairman of the National Assembly",
              org="NA_VNM", as_of="2021-12"),
    ]
    c, u = _document("kenya", "2021-03-01", [
        "Kenya and Japan signed a memorandum of understanding on maritime security in Nairobi on 1 March 2021.",
        "Kenya and Japan held talks.",
        "Kenyan and Japanese legislators met in Tokyo on 2 March 2021.",
    ])
    facts_c = [
        _fact(u[0], c.id, "agreement", name="MoU on maritime security", kind="MoU", parties=["KEN", "JPN"],
              signed="2021-03-01", channel="state"),
        _fact(u[1], c.id, "event", kind="talks", date="2021-02", participants=["KEN", "JPN"]),  # an older store: no channel
        _fact(u[2], c.id, "event", kind="meeting", date="2021-03-02", participants=["KEN", "JPN"], location="JPN",
              channel="parliament"),
    ]
    with open_store(path) as store:
        store.write_document(a, facts_a)
        store.write_document(b, facts_b)
        store.write_document(c, facts_c)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("country") / "country.sqlite"
    write_country_store(path)
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Any]:
    with open_store(db, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(db, cache_seconds=0)) as test_client:
        yield test_client


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


# ---------------------------------------------------------------- names everywhere


@pytest.mark.parametrize("text, entity_id", [
    ("Vietnam", "VNM"), ("Viet Nam", "VNM"), ("vnm", "VNM"), ("VIETNAMESE", "VNM"), ("Việt Nam", "VNM"),
    ("the United States", "USA"), ("usa", "USA"), ("U.S.", "USA"), ("un security council", "UNSC"),
    ("unsc", "UNSC"), ("Laos", "LAO"), ("Kenyan", "KEN"), ("the World Health Organization", "WHO"),
    ("Vo Van Thuong", "Vo Van Thuong"), ("Thuong", "Vo Van Thuong"), ("joe biden", "Joe Biden"),
])
def test_names_aliases_demonyms_and_ids_in_any_case(store: Any, text: str, entity_id: str) -> None:
    assert resolve_name(store, text).id == entity_id


def test_ambiguous_and_unknown_names_say_what_was_meant(store: Any) -> None:
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_name(store, "Nguyen")
    assert set(ambiguous.value.candidates) == {"Nguyen Phu Trong", "Nguyen Xuan Phuc"}
    with pytest.raises(UnknownName, match="did you mean Vietnam"):
        resolve_name(store, "Vietnm")


def test_ids_are_shown_as_names_first() -> None:
    assert display_name("VNM") == "Vietnam" and labelled("VNM") == "Vietnam (VNM)"
    assert display_name("IAEA_BOG") == "IAEA Board of Governors"
    assert display_name("NA_KEN") == "National Assembly of Kenya"
    assert labelled("Joe Biden") == "Joe Biden"


def test_cli_takes_names_and_answers_ambiguity_with_candidates(db: Path) -> None:
    profile = run("entity", "Viet Nam", "--db", str(db))
    assert profile.exit_code == 0, profile.output
    assert profile.output.startswith("Vietnam (VNM) (country)")
    by_surname = run("facts", "--entity", "Thuong", "--db", str(db), "--json")
    assert {f["fields"]["person"] for f in json.loads(by_surname.output)["items"]} == {"Vo Van Thuong"}
    ambiguous = run("facts", "--entity", "Nguyen", "--db", str(db))
    assert ambiguous.exit_code == 2 and "Nguyen Phu Trong" in ambiguous.output and "Nguyen Xuan Phuc" in ambiguous.output
    unknown = run("timeline", "Vietnm", "--db", str(db))
    assert unknown.exit_code == 2 and "did you mean Vietnam" in unknown.output
    claims = run("claims", "diplomatic_relations", "--subject", "viet nam", "--db", str(db))
    assert "189" in claims.output and "194" in claims.output


def test_pages_and_api_take_names(client: Any) -> None:
    assert client.get("/api/entities/Viet Nam").json()["id"] == "VNM"
    assert client.get("/api/entities/thuong").json()["id"] == "Vo Van Thuong"
    redirect = client.get("/entities/the United States", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "/entities/USA"
    assert client.get("/api/facts", params={"entity": "laos"}).json()["total"] == 2
    ambiguous = client.get("/api/entities/Nguyen")
    assert ambiguous.status_code == 400 and "Nguyen Xuan Phuc" in ambiguous.json()["error"]
    search = client.get("/entities", params={"q": "Nguyen"}).text
    assert "Did you mean" in search and "Nguyen Phu Trong" in search
    assert 'action="/find"' in client.get("/facts").text  # the entity search box is on every page


# ---------------------------------------------------------------- channels


@pytest.mark.parametrize("channel, expected", [
    ("party", {("visit", "2015-07"), ("visit", "2022-05")}),
    ("state", {("visit", "2023-09-10"), ("agreement", "2023-09-11"), ("agreement", "2021-03-01")}),
    ("parliament", {("visit", "2021-12"), ("meeting", "2021-03-02")}),
    ("people", {("meeting", "2022")}),
])
def test_channels_filter_across_countries(store: Any, client: Any, db: Path, channel: str,
                                          expected: set[tuple[str, str]]) -> None:
    def key(fields: dict[str, Any], type: str) -> tuple[str, str]:
        return (fields.get("kind") if type == "event" else "agreement",
                fields.get("date") or fields.get("signed"))

    found = {key(dict(f.fields), f.type) for f in facts(store, channel=channel)}
    assert found == expected
    api = client.get("/api/facts", params={"channel": channel}).json()
    assert {key(f["fields"], f["type"]) for f in api["items"]} == expected
    cli_rows = json.loads(run("facts", "--channel", channel, "--db", str(db), "--json").output)["items"]
    assert {key(f["fields"], f["type"]) for f in cli_rows} == expected


def test_channel_filter_with_an_entity_and_bad_channels(store: Any, client: Any, db: Path) -> None:
    assert [f.get("kind") for f in facts(store, entity="Laos", channel="party")] == ["visit"]
    assert [f["fields"]["kind"] for f in client.get("/api/facts", params={"entity": "KEN", "channel": "parliament"})
            .json()["items"]] == ["meeting"]
    assert client.get("/api/facts", params={"channel": "gossip"}).status_code == 422
    bad = run("facts", "--channel", "gossip", "--db", str(db))
    assert bad.exit_code == 2 and "party" in bad.output and "people" in bad.output
    timeline = client.get("/api/entities/VNM/timeline", params={"channel": "party"}).json()
    assert {e["fact"]["fields"].get("channel") for e in timeline["items"]} == {"party"}
    assert "(party channel)" in client.get("/timeline", params={"actor": "Vietnam", "channel": "party"}).text


def test_channels_are_counted_per_year_on_the_country_page(store: Any) -> None:
    overview = country_overview(store, "Vietnam")
    assert overview.channels["2023"] == {"state": 2}
    assert overview.channels["2015"] == {"party": 1}
    assert overview.channels["2021"] == {"parliament": 1}
    assert overview.channels["2022"] == {"party": 1, "people": 1}
    kenya = country_overview(store, "Kenya")
    assert kenya.channels["2021"] == {"state": 1, "parliament": 1, "unknown": 1}  # the fact without a channel


def test_every_event_and_agreement_in_an_export_has_a_channel(db: Path, tmp_path: Path) -> None:
    lines = [json.loads(line) for line in run("export", "--db", str(db)).output.splitlines()]
    typed = [r for r in lines if r["type"] in ("event", "agreement")]
    assert typed and all("channel" in r for r in typed)
    assert {r["channel"] for r in typed} == {"party", "state", "parliament", "people", None}
    out = tmp_path / "facts.csv"
    assert run("export", "--format", "csv", "--db", str(db), "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["channel"] for r in rows if r["type"] == "event"} >= {"party", "state", "parliament", "people"}
    graph = tmp_path / "graph.graphml"
    assert run("export", "--format", "graphml", "--db", str(db), "-o", str(graph)).exit_code == 0
    assert 'attr.name="channel"' in graph.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the country at a glance


def test_key_figures_keep_qualifier_unit_and_history(store: Any) -> None:
    figures = {f.metric: f for f in country_overview(store, "VNM").figures}
    assert figures["diplomatic_relations"].latest == "194"
    assert [v for _, v in figures["diplomatic_relations"].history] == ["189", "194"]
    assert figures["parliament_relations"].latest == "over 140"
    assert figures["remittances_usd_per_year"].latest == "about USD 15 billion"
    assert list(figures)[0] == "diplomatic_relations"
    assert format_value(8_000_000_000, "over", "USD") == "over USD 8 billion"
    assert format_value(5.5, None, "percent") == "5.5%"


def test_the_partnership_ladder_has_every_step_with_its_date(store: Any) -> None:
    ladder = country_overview(store, "Vietnam").ladder
    assert [r.partner for r in ladder] == ["USA"]
    assert [(s.level, s.date, s.reported) for s in ladder[0].steps] == [
        ("comprehensive", "2013", False), ("comprehensive_strategic", "2023-09-10", False)]
    assert ladder[0].level == "comprehensive_strategic"


def test_seats_are_grouped_and_ended_terms_and_withdrawals_show_as_such(store: Any) -> None:
    seats = {(s.body, s.role): s for s in country_overview(store, "VNM").seats}
    assert [s.group for s in country_overview(store, "VNM").seats] == ["UN", "UN", "regional", "other"]
    assert seats[("UNSC", "non_permanent_member")].status == "ended"
    assert seats[("UNHRC", "member")].status in ("current", "elected")
    assert seats[("ASEAN", "chair")].status == "ended"
    assert seats[("WTO", "member")].status == "reported"
    usa = country_overview(store, "USA").seats
    assert [(s.body, s.status) for s in usa] == [("WHO", "left")]
    assert seat_group("UNESCO_EXB") == "UN" and seat_group("AIPA") == "regional" and seat_group("IMF") == "other"


def test_visits_in_and_out_with_who_where_when_and_channel(store: Any) -> None:
    visits = {(v.direction, v.date): v for v in country_overview(store, "Vietnam").visits}
    assert set(visits) == {("in", "2023-09-10"), ("in", "2022-05"), ("out", "2021-12"), ("out", "2015-07")}
    assert visits[("in", "2023-09-10")].who[0] == "Joe Biden" and visits[("in", "2023-09-10")].channel == "state"
    assert visits[("out", "2021-12")].where == "KOR" and visits[("out", "2021-12")].channel == "parliament"
    by_year = country_overview(store, "Vietnam").visits_by_year
    assert by_year["2023"] == {"in state": 1} and by_year["2022"] == {"in party": 1}


def test_office_holders_one_row_per_person_and_office_with_the_end_of_a_term(store: Any) -> None:
    offices = {(o.person, o.title): o for o in country_overview(store, "Vietnam").offices}
    phuc = offices[("Nguyen Xuan Phuc", "President")]
    assert (phuc.first, phuc.last, phuc.successor, phuc.end) == ("2021", "2021", "Vo Van Thuong", "2023")
    assert offices[("Vo Van Thuong", "President")].end is None
    assert ("Vuong Dinh Hue", "Chairman of the National Assembly") in offices  # NA_VNM speaks for Vietnam


def test_the_country_page_shows_the_tables_with_evidence_on_demand(client: Any) -> None:
    html = client.get("/entities/VNM").text
    for section in ('id="figures"', 'id="ladder"', 'id="seats"', 'id="visits"', 'id="offices"', 'id="channels"'):
        assert section in html, section
    assert html.index('id="figures"') < html.index('id="seats"') < html.index('id="offices"')
    assert "<svg class=\"ladder\"" in html and "comprehensive strategic from 2023-09-10" in html
    assert "United Nations system" in html and "Regional bodies" in html
    assert 'href="https://example.org/upgrade"' in html  # the original article
    assert "/documents/upgrade#fact-" in html  # the evidence, one click away
    assert "<q>" not in html  # no quotes inline
    assert "Vietnam remittances reached" not in html


def test_tables_are_paged_with_csv(client: Any) -> None:
    page = client.get("/api/entities/Vietnam/tables/seats", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["items"][0]["body"] == "UNSC"
    assert client.get("/api/entities/VNM/tables/seats", params={"group": "UN"}).json()["total"] == 2
    assert client.get("/entities/VNM/tables/visits.json", params={"direction": "in"}).json()["total"] == 2
    response = client.get("/entities/VNM/tables/seats.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="VNM-seats.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4 and {"body", "status", "evidence", "article"} <= set(rows[0])
    assert "all 4" not in client.get("/entities/VNM").text  # four seats fit: no "more" link
    html = client.get("/entities/VNM/tables/seats", params={"limit": 2}).text
    assert "1–2 of 4" in html and "Download as CSV" in html
    assert client.get("/api/entities/VNM/tables/gossip").status_code == 422


def test_the_network_of_an_entity_is_its_neighbourhood(client: Any) -> None:
    mine = client.get("/api/network", params={"entity": "Laos"}).json()
    assert mine["entity"]["id"] == "LAO"
    assert all("LAO" in (e["from"], e["to"]) or "Thongloun Sisoulith" in (e["from"], e["to"]) for e in mine["edges"])
    assert {n["id"] for n in mine["nodes"]} >= {"LAO", "VNM"}
    parties = client.get("/api/network", params={"entity": "VNM", "channel": "party"}).json()
    assert parties["edges"] and {e["channel"] for e in parties["edges"]} == {"party"}
    everything = client.get("/api/network", params={"all": "true"}).json()
    assert not everything["truncated"]
    assert 'href="/network?entity=VNM"' in client.get("/entities/VNM").text


def test_the_global_network_shows_the_strongest_ties(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import diplograph.web.app as web_app

    monkeypatch.setattr(web_app, "STRONGEST_TIES", 2)
    strongest = client.get("/api/network").json()
    assert strongest["truncated"] and len({frozenset((e["from"], e["to"])) for e in strongest["edges"]}) == 2
    assert client.get("/api/network", params={"all": "true"}).json()["pairs"] == strongest["pairs"]


def test_ask_suggestions_link_to_pages_not_questions(client: Any) -> None:
    answer = client.get("/ask.json", params={"q": "Tell me something about Kenya please"}).json()
    links = {s["text"]: s["url"] for s in answer["suggestion_links"]}
    assert links, answer
    for text, url in links.items():
        if text.startswith("diplograph entity"):
            assert url == "/entities/KEN"
        elif text.startswith("diplograph timeline"):
            assert url == "/timeline?actor=KEN"
        else:
            assert url.startswith("/ask?q=")
    html = client.get("/ask", params={"q": "Tell me something about Kenya please"}).text
    assert "/ask?q=diplograph" not in html


# ---------------------------------------------------------------- CLI hygiene


@pytest.mark.parametrize("args, words", [
    (["facts", "--type", "foo"], ["partnership", "diplomatic_relations"]),
    (["facts", "--since", "2025-13"], ["ISO date"]),
    (["facts", "--until", "tomorrow"], ["ISO date"]),
    (["entity", "Vietnam", "--as-of", "yesterday"], ["ISO date"]),
    (["timeline", "Vietnam", "--since", "2021-02-30"], ["ISO date"]),
    (["facts", "--limit", "-1"], ["-1"]),
    (["claims", "gossip"], ["diplomatic_relations"]),
    (["facts", "--channel", "gossip"], ["parliament"]),
    (["facts", "--nonsense"], ["No such option"]),
])
def test_bad_values_are_usage_errors_that_list_the_valid_ones(db: Path, args: list[str], words: list[str]) -> None:
    result = run(*args, "--db", str(db))
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.output


def test_lists_say_how_many_there_are_and_page(db: Path) -> None:
    first = run("facts", "--limit", "3", "--db", str(db))
    assert first.exit_code == 0
    assert "Showing 1–3 of 25 facts (--offset 3 for the next page, --limit 0 for all)." in first.output
    second = json.loads(run("facts", "--limit", "3", "--offset", "3", "--db", str(db), "--json").output)
    assert second["total"] == 25 and second["offset"] == 3 and len(second["items"]) == 3
    whole = json.loads(run("facts", "--limit", "0", "--db", str(db), "--json").output)
    assert len(whole["items"]) == 25
    ids = [f["id"] for f in whole["items"]]
    assert [f["id"] for f in second["items"]] == ids[3:6]
    timeline = run("timeline", "vnm", "--limit", "2", "--db", str(db))
    assert "Showing 1–2 of" in timeline.output
    everything = run("facts", "--db", str(db))
    assert "25 facts." in everything.output


def test_nothing_found_is_said_plainly(db: Path) -> None:
    result = run("facts", "--type", "partnership", "--entity", "Kenya", "--db", str(db))
    assert result.exit_code == 0 and "(nothing)" in result.output


def test_a_body_page_lists_who_holds_its_seats(store: Any, client: Any) -> None:
    seats = country_overview(store, "the UN Security Council").seats
    assert [(s.group, s.actor, s.status) for s in seats] == [("members", "VNM", "ended")]
    html = client.get("/entities/UNSC").text
    assert "Members and office holders" in html and ">Vietnam</a>" in html


def test_every_fact_shown_links_to_the_original_article(client: Any) -> None:
    items = client.get("/api/facts", params={"entity": "USA", "type": "partnership"}).json()["items"]
    assert {src["article"] for f in items for src in f["sources"]} == {"https://example.org/upgrade"}
    kenya = client.get("/api/facts", params={"entity": "Kenya"}).json()["items"]
    assert {src["article"] for f in kenya for src in f["sources"]} == {None}  # the input gave no URL
    assert 'class="article-link" href="https://example.org/upgrade"' in client.get("/facts", params={"entity": "USA"}).text
    assert "https://example.org/upgrade" in client.get("/timeline", params={"actor": "USA"}).text
