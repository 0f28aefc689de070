"""The JSON API and the pages' JSON twins, over a small store written by hand (no spaCy).

Every endpoint, paging, and the one error shape ({"ok": false, "error", "status"})
for unknown routes and ids, bad parameters and injection-like strings.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Sentence
from diplograph.store import open_store

pytest.importorskip("fastapi")
from diplograph.web import create_app
from diplograph.web.app import highlight_pieces

Client = Any  # starlette.testclient.TestClient, imported in the fixture (its import warns)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # starlette's TestClient on httpx

INJECTIONS = ["' OR 1=1 --", "<script>alert(1)</script>", '"; DROP TABLE facts; --', "NEAR(a b)", "*", "%00"]


def _document(doc_id: str, published: str, sentences: list[str]) -> tuple[AnalyzedDocument, list[Sentence]]:
    text, out, pos = "", [], 0
    for i, sentence in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(sentence), sentence))
        text += sentence + " "
        pos = len(text)
    doc = Document(doc_id, text, source=f"{doc_id}.txt", title=sentences[0][:40], published=published,
                   published_source="metadata")
    return AnalyzedDocument(doc, tuple(out)), out


def _fact(sentence: Sentence, doc_id: str, type: str, **fields: Any) -> Fact:
    return Fact(type, fields, Evidence.from_sentence(doc_id, sentence), extractor="test", confidence=0.8)


def write_tiny_store(path: Path) -> None:
    """Three documents: a partnership, a claim history with a contradiction, a meeting, and hostile text."""
    a, s = _document("a1", "2021-05-03", [
        "Kenya and Japan hold a strategic partnership.",
        "Kenya has diplomatic relations with 180 countries.",
        "President Amara Odhiambo met Prime Minister Kenji Sato in Nairobi on 2 May 2021.",
    ])
    facts_a = [
        _fact(s[0], "a1", "partnership", a="KEN", b="JPN", level="strategic", since=None),
        _fact(s[1], "a1", "statistic", subject="KEN", metric="diplomatic_relations", value=180,
              qualifier="exact", as_of="2021-05-03", unit="count"),
        _fact(s[2], "a1", "event", kind="meeting", date="2021-05-02",
              participants=["Amara Odhiambo", "Kenji Sato"], location="KEN"),
        _fact(s[2], "a1", "position", person="Amara Odhiambo", title="President", org="KEN", as_of="2021-05-03"),
    ]
    b, t = _document("b2", "2023-01-10", [
        "Kenya now has diplomatic relations with 190 countries.",
        "An official said Kenya had relations with 150 countries in 2023.",
        "Kenya joined the African Union long ago.",
    ])
    facts_b = [
        _fact(t[0], "b2", "statistic", subject="KEN", metric="diplomatic_relations", value=190,
              qualifier="exact", as_of="2023", unit="count"),
        _fact(t[1], "b2", "statistic", subject="KEN", metric="diplomatic_relations", value=150,
              qualifier="exact", as_of="2023", unit="count"),
        _fact(t[2], "b2", "role", actor="KEN", body="AU", role="member", start=None, end=None),
    ]
    c, u = _document("evil", "2024-02-01", [
        'Kenya signed a pact <script>window.__pwned=1</script> today.',
        'See <img src=x onerror="alert(1)"> for details.',
    ])
    facts_c = [_fact(u[0], "evil", "agreement", name="<b>Pact</b>", kind="MoU", parties=["KEN", "JPN"],
                     signed="2024-02-01")]
    with open_store(path) as store:
        store.write_document(a, facts_a)
        store.write_document(b, facts_b)
        store.write_document(c, facts_c)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    path = tmp_path_factory.mktemp("web") / "tiny.sqlite"
    write_tiny_store(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette warns "use httpx2" on import; httpx is pinned
        from fastapi.testclient import TestClient
    with TestClient(create_app(path)) as test_client:
        yield test_client


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def assert_page(body: dict[str, Any], total: int | None = None) -> None:
    assert {"total", "limit", "offset", "items"} <= set(body)
    if total is not None:
        assert body["total"] == total


# ---------------------------------------------------------------- endpoints


def test_stats_counts_what_was_written(client: Client) -> None:
    body = client.get("/api/stats").json()
    assert body["counts"]["documents"] == 3
    assert body["facts_per_type"]["statistic"] == 3 and body["facts_per_type"]["partnership"] == 1


def test_facts_filter_by_type_entity_dates_and_words(client: Client) -> None:
    stats = client.get("/api/facts", params={"type": "statistic"}).json()
    assert_page(stats, 3)
    assert {f["fields"]["value"] for f in stats["items"]} == {180, 190, 150}
    assert [f["type"] for f in client.get("/api/facts", params={"entity": "JPN", "type": "partnership"}).json()[
        "items"]] == ["partnership"]
    recent = client.get("/api/facts", params={"type": "statistic", "since": "2022"}).json()
    assert {f["fields"]["value"] for f in recent["items"]} == {190, 150}
    assert {f["fields"]["value"] for f in client.get("/api/facts", params={"until": "2021-12", "type": "statistic"})
            .json()["items"]} == {180}
    words = client.get("/api/facts", params={"q": "Nairobi"}).json()
    assert {f["type"] for f in words["items"]} == {"event", "position"}
    several = client.get("/api/facts", params=[("type", "event"), ("type", "role")]).json()
    assert {f["type"] for f in several["items"]} == {"event", "role"}


def test_every_fact_links_to_its_highlighted_evidence(client: Client) -> None:
    fact = client.get("/api/facts", params={"type": "partnership"}).json()["items"][0]
    source = fact["sources"][0]
    assert source["url"] == f"/documents/a1#{source['fact']}"
    doc = client.get("/api/documents/a1").json()
    ids = {f["id"] for f in doc["facts"]}
    assert source["fact"] in ids
    highlighted = [h for h in doc["highlights"] if source["fact"] in h["facts"]]
    assert [doc["text"][h["start"]:h["end"]] for h in highlighted] == [source["text"]]


def test_facts_paging_covers_everything_once(client: Client) -> None:
    everything = client.get("/api/facts", params={"limit": 500}).json()
    seen = []
    for offset in range(0, everything["total"], 3):
        page = client.get("/api/facts", params={"limit": 3, "offset": offset}).json()
        assert page["total"] == everything["total"] and page["limit"] == 3 and page["offset"] == offset
        assert len(page["items"]) <= 3
        seen += [f["id"] for f in page["items"]]
    assert seen == [f["id"] for f in everything["items"]]
    assert client.get("/api/facts", params={"offset": 1000}).json()["items"] == []


def test_entities_are_paged_and_searchable(client: Client) -> None:
    body = client.get("/api/entities").json()
    assert_page(body)
    ids = [e["id"] for e in body["items"]]
    assert ids[0] == "KEN"  # most-cited first
    assert {"JPN", "AU", "Amara Odhiambo"} <= set(ids)
    first = client.get("/api/entities", params={"limit": 1}).json()
    second = client.get("/api/entities", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == body["total"]
    assert first["items"][0]["id"] != second["items"][0]["id"]
    people = client.get("/api/entities", params={"kind": "person", "q": "sato"}).json()
    assert [e["id"] for e in people["items"]] == ["Kenji Sato"]


def test_entity_profile_and_its_page_twin(client: Client) -> None:
    body = client.get("/api/entities/KEN").json()
    assert body["id"] == "KEN" and body["kind"] == "country"
    assert [f["fields"]["b"] for f in body["partnerships"]["strategic"]] == ["JPN"]
    assert [f["fields"]["person"] for f in body["offices"]] == ["Amara Odhiambo"]
    assert body["roles"][0]["fields"]["body"] == "AU"
    series = [s for s in body["claims"] if s["metric"] == "diplomatic_relations"]
    assert series[0]["points"][0]["value"] == 180
    assert client.get("/entities/KEN.json").json() == body
    assert client.get("/entities/KEN", params={"format": "json"}).json() == body
    early = client.get("/api/entities/KEN", params={"as_of": "2022"}).json()
    assert [p["value"] for s in early["claims"] for p in s["points"]] == [180]
    person = client.get("/api/entities/Amara Odhiambo").json()
    assert person["kind"] == "person" and person["events"]


def test_timeline_in_date_order_and_paged(client: Client) -> None:
    body = client.get("/api/entities/KEN/timeline").json()
    assert_page(body)
    dates = [e["date"] for e in body["items"]]
    assert dates == sorted(dates) and len(dates) == body["total"] >= 3
    page = client.get("/api/entities/KEN/timeline", params={"limit": 1, "offset": 1}).json()
    assert page["items"] == body["items"][1:2]
    assert client.get("/api/entities/KEN/timeline", params={"since": "2023"}).json()["total"] < body["total"]


def test_claims_history_of_a_metric(client: Client) -> None:
    body = client.get("/api/claims/diplomatic_relations", params={"subject": "KEN"}).json()
    assert_page(body, 1)
    values = [p["value"] for p in body["items"][0]["points"]]
    assert values[0] == 180 and set(values) == {180, 190, 150}
    assert all(p["fact"]["sources"][0]["url"].startswith("/documents/") for p in body["items"][0]["points"])
    assert client.get("/api/claims/trade_partners").json()["total"] == 0


def test_contradictions_show_both_sources(client: Client) -> None:
    body = client.get("/api/contradictions").json()
    assert_page(body, 1)
    flag = body["items"][0]
    assert flag["subject"] == "KEN" and flag["metric"] == "diplomatic_relations"
    assert {f["fields"]["value"] for f in flag["facts"]} == {190, 150}
    assert client.get("/contradictions.json").json() == body
    html = client.get("/contradictions").text
    assert html.count('<div class="side">') == 2 and "/documents/b2#fact-" in html


def test_ask_answers_with_citations(client: Client) -> None:
    body = client.get("/api/ask", params={"q": "Who is the President of Kenya?"}).json()
    assert body["question"] == "Who is the President of Kenya?"
    assert "Amara Odhiambo" in body["answer"]
    assert body["citations"] and body["citations"][0]["url"].startswith("/documents/a1#fact-")


def test_documents_list_and_document(client: Client) -> None:
    body = client.get("/api/documents", params={"limit": 2}).json()
    assert_page(body, 3)
    assert len(body["items"]) == 2
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()["items"]
    assert {d["id"] for d in body["items"] + rest} == {"a1", "b2", "evil"}
    doc = client.get("/api/documents/b2").json()
    assert doc["document"]["published"] == "2023-01-10"
    assert len(doc["facts"]) == 3 and all(f["url"].startswith("/documents/b2#fact-") for f in doc["facts"])
    assert "_pieces" not in doc and client.get("/documents/b2.json").json() == doc


def test_network_and_timeline_pages_as_json(client: Client) -> None:
    graph = client.get("/network.json").json()
    assert {("KEN", "JPN")} <= {(e["from"], e["to"]) for e in graph["edges"]}
    assert {n["id"] for n in graph["nodes"]} >= {"KEN", "JPN", "AU"}
    recent = client.get("/network.json", params={"since": "2023"}).json()
    assert ("KEN", "JPN", "partnership") not in {(e["from"], e["to"], e["type"]) for e in recent["edges"]}
    timeline = client.get("/timeline.json", params={"actor": "KEN", "kind": "meeting"}).json()
    assert [f["fields"]["kind"] for f in timeline["items"]] == ["meeting"]
    home = client.get("/.json").json()
    assert home["counts"]["documents"] == 3 and home["top_actors"][0]["id"] == "KEN"


def test_openapi_lists_every_api_endpoint(client: Client) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths == {"/api/facts", "/api/entities", "/api/entities/{entity_id}",
                     "/api/entities/{entity_id}/timeline", "/api/entities/{entity_id}/overview",
                     "/api/entities/{entity_id}/tables/{table}", "/api/network", "/api/claims/{metric}",
                     "/api/contradictions", "/api/ask", "/api/documents", "/api/documents/{doc_id}", "/api/stats"}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/entities/{entity_id}/timeline" in docs.text


# ---------------------------------------------------------------- errors: one shape


@pytest.mark.parametrize("url,status", [
    ("/api/nothing-here", 404),
    ("/api/entities/XXX", 404),
    ("/api/entities/XXX/timeline", 404),
    ("/api/documents/no-such-doc", 404),
    ("/entities/XXX.json", 404),
    ("/documents/no-such-doc?format=json", 404),
    ("/api/facts?limit=0", 422),
    ("/api/facts?limit=100000", 422),
    ("/api/facts?offset=-1", 422),
    ("/api/facts?limit=ten", 422),
    ("/api/facts?type=gossip", 422),
    ("/api/facts?since=yesterday", 422),
    ("/api/entities/KEN?as_of=2021-13", 422),
    ("/api/entities?kind=planet", 422),
    ("/api/ask", 422),
    ("/api/ask?q=%20", 422),
    ("/api/claims/DROP%20TABLE", 422),
])
def test_every_error_has_one_shape(client: Client, url: str, status: int) -> None:
    body = assert_error(client.get(url), status)
    if status == 422:
        assert re.match(r"^[a-z_]+: ", body["error"]) or body["error"].startswith("q:")


def test_writes_are_refused_with_the_error_shape(client: Client) -> None:
    assert_error(client.post("/api/facts", json={}), 405)
    assert_error(client.delete("/api/documents/a1"), 405)


def test_pages_show_errors_as_html_for_browsers(client: Client) -> None:
    response = client.get("/entities/XXX", headers={"accept": "text/html"})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no country, body or person is called" in response.text


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_like_strings_are_only_searched_for(client: Client, text: str) -> None:
    for url, params in [("/api/facts", {"q": text}), ("/api/facts", {"entity": text}),
                        ("/api/entities", {"q": text}), ("/api/ask", {"q": text}),
                        ("/api/contradictions", {"subject": text}), ("/timeline.json", {"actor": text})]:
        response = client.get(url, params=params)
        assert response.status_code == 200, (url, text, response.text)
    assert_error(client.get("/api/entities/" + text.replace("%", "%25")), 404)
    assert client.get("/api/stats").json()["counts"]["facts"] == 8  # nothing was dropped
    page = client.get("/ask", params={"q": text})
    assert "<script>alert(1)</script>" not in page.text


# ---------------------------------------------------------------- untrusted text in pages


def test_article_markup_is_escaped_in_every_page(client: Client) -> None:
    page = client.get("/documents/evil")
    assert page.status_code == 200
    assert "<script>window.__pwned" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page.text
    for url in ["/", "/facts", "/entities/KEN", "/timeline", "/network", "/documents"]:
        text = client.get(url).text
        assert "<script>window" not in text and "<b>Pact</b>" not in text, url
    # The only scripts on any page are files from /static.
    for url in ["/", "/documents/evil", "/entities/KEN", "/network"]:
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", client.get(url).text, flags=re.DOTALL)
        for attrs, body in scripts:
            assert 'src="/static/' in attrs or ('type="application/json"' in attrs and "</" not in body), url


def test_pages_forbid_inline_scripts(client: Client) -> None:
    for url in ["/", "/api/stats", "/documents/evil", "/nope"]:
        policy = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_highlight_pieces_cover_the_text_in_order() -> None:
    adoc, sentences = _document("d", "2020", ["One two.", "Three four.", "Five."])
    text = adoc.document.text
    facts = [_fact(sentences[1], "d", "statistic", subject="KEN", metric="other", value=1),
             _fact(sentences[1], "d", "role", actor="KEN", body="AU", role="member")]
    pieces = highlight_pieces(text, facts)
    assert "".join(text[p["start"]:p["end"]] for p in pieces) == text
    marked = [p for p in pieces if p["facts"]]
    assert len(marked) == 1 and text[marked[0]["start"]:marked[0]["end"]] == "Three four."
    assert len(marked[0]["facts"]) == 2


# ---------------------------------------------------------------- serve


def test_the_app_cannot_write_to_its_store(client: Client) -> None:
    from diplograph.errors import StoreError

    store = client.app.state.store
    adoc, _ = _document("new", "2024", ["Kenya and Japan met."])
    with pytest.raises(StoreError, match="read-only"):
        store.write_document(adoc, [])


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from diplograph.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and "build one first" in result.output


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "tiny.sqlite"
    write_tiny_store(db)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "diplograph.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.1)
        assert response.json()["counts"]["documents"] == 3
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_facts_are_paged_from_the_merged_tables(client: Client) -> None:
    whole = client.get("/api/facts", params={"limit": 500}).json()
    first = client.get("/api/facts", params={"limit": 4}).json()
    rest = client.get("/api/facts", params={"limit": 500, "offset": 4}).json()
    assert whole["merged"] == first["merged"] == rest["merged"] == "all"
    assert first["total"] == rest["total"] == whole["total"] == len(whole["items"])
    assert [f["id"] for f in first["items"] + rest["items"]] == [f["id"] for f in whole["items"]]


def test_large_stores_merge_facts_page_by_page(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store without merged tables (built before schema 3, not reindexed) merges at read time."""
    import diplograph.query.api
    import diplograph.web.app as web_app

    monkeypatch.setattr(diplograph.query.api, "stored_merge", lambda store: False)
    whole = client.get("/api/facts", params={"limit": 500}).json()
    assert whole["merged"] == "all"
    monkeypatch.setattr(web_app, "FULL_MERGE_MAX", 2)
    first = client.get("/api/facts", params={"limit": 4}).json()
    rest = client.get("/api/facts", params={"limit": 500, "offset": 4}).json()
    assert first["merged"] == rest["merged"] == "page"
    assert first["total"] == client.get("/api/stats").json()["counts"]["facts"]
    dates = [f["fields"].get("date") or f["first_seen"] for f in first["items"]]
    assert {f["id"] for f in first["items"] + rest["items"]} == {f["id"] for f in whole["items"]}
    assert len(dates) == 4
    assert client.get("/api/facts", params={"entity": "KEN"}).json()["merged"] == "all"


def test_vendored_libraries_carry_their_licences_and_pages_need_no_network(client: Client) -> None:
    web = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "web"
    libraries = [p for p in (web / "static" / "vendor").iterdir() if p.is_dir()]
    assert {p.name for p in libraries} >= {"vis-network", "chart.js"}
    for library in libraries:
        assert list(library.glob("LICENSE*")), f"{library.name} has no licence file"
    for url in ["/", "/entities/KEN", "/network", "/documents/a1", "/docs"]:
        html = client.get(url).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), url
        for asset in re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", html):
            assert client.get(asset).status_code == 200, asset



def test_ask_answers_carry_a_page_of_facts_and_count_the_rest(client: Client, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from diplograph.web import app as web

    full = client.get("/api/ask", params={"q": "What do we know about Kenya?"}).json()
    monkeypatch.setattr(web, "ASK_ROWS", 1)
    paged = client.get("/api/ask", params={"q": "What do we know about Kenya? "}).json()  # (not the cached one)
    assert full["facts_total"] == len(full["facts"]) and full["facts_total"] >= 2, full
    assert len(paged["facts"]) == 1 and paged["facts_total"] == full["facts_total"]
    assert len(paged["citations"]) <= 1 and paged["citations_total"] == full["citations_total"]
