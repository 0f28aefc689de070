"""The web app under hostile or unlucky conditions (issue 11, items 5-8), over small stores written
by hand: Vietnamese (any Unicode) in every parameter of every endpoint and page, NFC-normalised;
document ids with "/"; a store replaced, truncated or rebuilt while it is served (503 in the error
shape, then recovery); read-only media; security headers on every response, 500s included; 405
with Allow; 414 for huge URLs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from diplograph.model import AnalyzedDocument, Document, Evidence, Fact, Sentence
from diplograph.store import open_store

pytest.importorskip("fastapi")
from diplograph.web.app import MAX_URL, create_app, query_pairs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

VIETNAM = "Việt Nam"                      # precomposed (NFC)
VIETNAM_NFD = unicodedata.normalize("NFD", VIETNAM)
TRONG = "Nguyễn Phú Trọng"
HANOI = "Hà Nội"
DOC_WITH_SLASH = "vn/2021/hà-nội-meeting"
HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


def _document(doc_id: str, published: str, sentences: list[str], url: str | None = None
              ) -> tuple[AnalyzedDocument, list[Sentence]]:
    text, out, pos = "", [], 0
    for i, sentence in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(sentence), sentence))
        text += sentence + " "
        pos = len(text)
    doc = Document(doc_id, text, source=f"/home/builder/secret/{doc_id}.txt", title=sentences[0][:40],
                   published=published, published_source="metadata", url=url)
    return AnalyzedDocument(doc, tuple(out)), out


def _fact(sentence: Sentence, doc_id: str, type: str, **fields: Any) -> Fact:
    return Fact(type, fields, Evidence.from_sentence(doc_id, sentence), extractor="test", confidence=0.8)


def write_vietnam_store(path: Path, relations: int = 189) -> None:
    """A Vietnamese article (diacritics in its id and text), a partnership, a seat, a claim, a visit."""
    adoc, s = _document(DOC_WITH_SLASH, "2021-12-19", [
        f"Tổng Bí thư {TRONG} met President Lee in {HANOI}.",
        f"Vietnam has diplomatic relations with {relations} countries.",
        "Vietnam and South Korea hold a comprehensive strategic partnership since 2022.",
        "Vietnam was a non-permanent member of the UN Security Council in 2020-2021.",
    ], url="https://example.org/vn/meeting")
    facts = [
        _fact(s[0], adoc.id, "event", kind="visit", date="2021-12-18", participants=[TRONG.replace("ễ", "e")
              .replace("ú", "u").replace("ọ", "o"), "KOR"], location="VNM", channel="party"),
        _fact(s[0], adoc.id, "position", person="Nguyen Phu Trong", title="General Secretary", org="CPV",
              as_of="2021-12-19"),
        _fact(s[1], adoc.id, "statistic", subject="VNM", metric="diplomatic_relations", value=relations,
              qualifier="exact", as_of="2021", unit="count"),
        _fact(s[2], adoc.id, "partnership", a="VNM", b="KOR", level="comprehensive_strategic", since="2022"),
        _fact(s[3], adoc.id, "role", actor="VNM", body="UNSC", role="non_permanent_member", start="2020",
              end="2021"),
    ]
    with open_store(path) as store:
        store.write_document(adoc, facts)


def _client(app: Any, **kw: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app, **kw)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vn") / "vn.sqlite"
    write_vietnam_store(path)
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[Any]:
    with _client(create_app(store_path, cache_seconds=0), raise_server_exceptions=False) as test_client:
        yield test_client


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "status"} and body["status"] == status and body["ok"] is False
    return body


def assert_secured(response: Any) -> None:
    for name in HEADERS:
        assert response.headers.get(name), f"{name} missing on {response.status_code} {response.url}"


# ---------------------------------------------------------------- item 5: Unicode everywhere


VIETNAMESE_PARAMS = [
    ("/api/facts", {"entity": VIETNAM, "q": HANOI}),
    ("/api/facts", {"entity": TRONG}),
    ("/api/entities", {"q": TRONG}),
    (f"/api/entities/{quote(VIETNAM)}", {}),
    (f"/api/entities/{quote(VIETNAM)}/timeline", {}),
    (f"/api/entities/{quote(VIETNAM)}/overview", {}),
    (f"/api/entities/{quote(VIETNAM)}/tables/seats", {}),
    (f"/api/entities/{quote(TRONG)}", {}),
    ("/api/network", {"entity": VIETNAM}),
    ("/api/claims/diplomatic_relations", {"subject": VIETNAM}),
    ("/api/contradictions", {"subject": VIETNAM}),
    ("/api/ask", {"q": f"Who did {TRONG} meet in December 2021?"}),
    ("/api/ask", {"q": f"How many countries does {VIETNAM} have diplomatic relations with?"}),
    (f"/api/documents/{quote(DOC_WITH_SLASH, safe='/')}", {}),
    ("/ask", {"q": "Nguyễn"}),
    ("/entities", {"q": VIETNAM}),
    (f"/entities/{quote(VIETNAM)}", {}),
    (f"/entities/{quote(VIETNAM)}/tables/visits", {}),
    ("/facts", {"entity": VIETNAM, "q": HANOI}),
    ("/timeline", {"actor": TRONG}),
    ("/network", {"entity": VIETNAM}),
    ("/contradictions", {"subject": VIETNAM}),
    ("/find", {"q": VIETNAM}),
    (f"/documents/{quote(DOC_WITH_SLASH, safe='/')}", {}),
]


@pytest.mark.parametrize("url, params", VIETNAMESE_PARAMS, ids=[u + str(sorted(p)) for u, p in VIETNAMESE_PARAMS])
def test_vietnamese_in_every_parameter_is_answered(client: Any, url: str, params: dict[str, str]) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert_secured(response)


def test_vietnamese_names_resolve_to_the_entity_they_name(client: Any) -> None:
    assert client.get(f"/api/entities/{quote(VIETNAM)}").json()["id"] == "VNM"
    facts = client.get("/api/facts", params={"entity": VIETNAM, "type": "partnership"}).json()
    assert [f["fields"]["b"] for f in facts["items"]] == ["KOR"]
    person = client.get(f"/api/entities/{quote(TRONG)}").json()
    assert person["kind"] == "person" and person["id"] == "Nguyen Phu Trong"
    assert client.get("/api/entities", params={"q": VIETNAM}).json()["match"]["id"] == "VNM"
    found = client.get("/find", params={"q": VIETNAM}, follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == "/entities/VNM"
    page = client.get(f"/entities/{quote(VIETNAM)}", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == "/entities/VNM"


def test_combining_accents_are_the_same_name_nfc(client: Any) -> None:
    composed = client.get("/api/facts", params={"entity": VIETNAM}).json()
    decomposed = client.get("/api/facts", params={"entity": VIETNAM_NFD}).json()
    assert composed["total"] == decomposed["total"] > 0
    answer = client.get("/api/ask", params={"q": f"Who is {unicodedata.normalize('NFD', TRONG)}?"}).json()
    assert answer["question"] == f"Who is {TRONG}?"  # echoed NFC
    assert client.get(f"/api/entities/{quote(VIETNAM_NFD)}").json()["id"] == "VNM"


def test_latin1_characters_are_not_mangled(client: Any) -> None:
    answer = client.get("/api/ask", params={"q": "Qui est le président de la République?"}).json()
    assert answer["question"] == "Qui est le président de la République?"
    assert "\ufffd" not in answer["question"]


def test_a_query_string_that_is_not_utf8_is_a_400(client: Any) -> None:
    response = client.get("/api/ask?q=Vi%FFt")
    body = assert_error(response, 400)
    assert "UTF-8" in body["error"]
    assert_secured(response)
    raw = query_pairs("q=Vi%E1%BB%87t+Nam&blank=&x=a%2Bb".encode())
    assert raw == [("q", "Việt Nam"), ("x", "a+b")]
    assert query_pairs("q=Việt".encode("utf-8")) == [("q", "Việt")]  # unencoded UTF-8 bytes too


def test_an_unknown_name_is_a_404_with_did_you_mean(client: Any) -> None:
    body = assert_error(client.get("/api/entities/Vietnm"), 404)
    assert "did you mean Vietnam" in body["error"]
    assert client.get("/api/facts", params={"entity": "Vietnm"}).json()["total"] == 0


# ---------------------------------------------------------------- item 6: ids with "/"


def test_document_ids_with_slashes_are_found(client: Any) -> None:
    body = client.get(f"/api/documents/{quote(DOC_WITH_SLASH, safe='/')}").json()
    assert body["document"]["id"] == DOC_WITH_SLASH and len(body["facts"]) == 5
    assert body["document"]["source"] == "hà-nội-meeting.txt"  # no builder paths through the API
    listed = client.get("/api/documents").json()["items"][0]
    assert listed["source"] == "hà-nội-meeting.txt"
    assert "/home/builder" not in client.get("/api/documents").text
    assert client.get(f"/documents/{quote(DOC_WITH_SLASH, safe='/')}.json").json()["document"]["id"] == DOC_WITH_SLASH


# ---------------------------------------------------------------- item 7: the store changes under the server


def test_a_store_replaced_truncated_and_rebuilt_while_serving(tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite"
    write_vietnam_store(path, relations=189)
    with _client(create_app(path, cache_seconds=10), raise_server_exceptions=False) as client:
        assert client.get("/api/stats").json()["counts"]["documents"] == 1
        assert "189" in client.get("/api/ask", params={"q": "How many countries does Vietnam have "
                                                            "diplomatic relations with?"}).json()["answer"]
        # Rebuilt elsewhere and moved into place (a new file under the same name).
        fresh = tmp_path / "fresh.sqlite"
        write_vietnam_store(fresh, relations=194)
        with open_store(fresh) as store:
            adoc, s = _document("second", "2024", ["Kenya and Japan met."])
            store.write_document(adoc, [])
        shutil.move(str(fresh), str(path))
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        assert client.get("/api/stats").json()["counts"]["documents"] == 2
        assert "194" in client.get("/api/ask", params={"q": "How many countries does Vietnam have "
                                                            "diplomatic relations with?"}).json()["answer"]
        # Truncated in place: 503 in the error shape, on every request, headers included.
        saved = path.read_bytes()
        path.write_bytes(saved[:1000])
        for url in ("/api/stats", "/api/facts", "/entities/VNM"):
            response = client.get(url, headers={"accept": "application/json"})
            body = assert_error(response, 503)
            assert "try again" in body["error"]
            assert_secured(response)
        page = client.get("/", headers={"accept": "text/html"})
        assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
        # Valid again: the server recovers by itself.
        path.write_bytes(saved)
        assert client.get("/api/stats").json()["counts"]["documents"] == 2
        # Deleted: 503, then back.
        path.unlink()
        assert_error(client.get("/api/stats"), 503)
        path.write_bytes(saved)
        assert client.get("/api/stats").status_code == 200


def test_a_store_on_read_only_media_is_read(tmp_path: Path) -> None:
    """stats and the web app read a WAL store in a folder mounted read-only (no -shm can be made)."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip("needs unshare -rm (user and mount namespaces) to mount a folder read-only")
    folder = tmp_path / "media"
    folder.mkdir()
    write_vietnam_store(folder / "vn.sqlite")
    for suffix in ("-wal", "-shm"):
        Path(str(folder / "vn.sqlite") + suffix).unlink(missing_ok=True)
    script = (
        "import json, warnings; from diplograph.web.app import create_app\n"
        "warnings.simplefilter('ignore')\n"
        "from fastapi.testclient import TestClient\n"
        f"c = TestClient(create_app({str(folder / 'vn.sqlite')!r}))\n"
        "print(json.dumps([c.get('/api/stats').status_code, c.get('/entities/VNM').status_code]))\n"
    )
    command = (f"mount --bind -o ro {folder} {folder} && touch {folder}/x 2>/dev/null && echo writable; "
               f"{sys.executable} -m diplograph.cli stats --db {folder / 'vn.sqlite'} --json && "
               f"{sys.executable} -c \"$SCRIPT\"")
    done = subprocess.run(["unshare", "-rm", "sh", "-c", command], capture_output=True, text=True,
                          env={"SCRIPT": script, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert "writable" not in lines
    assert '"documents": 1' in lines[0]
    assert lines[-1] == "[200, 200]"


# ---------------------------------------------------------------- item 8: headers, 405, 414


def test_security_headers_on_a_500(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import diplograph.web.app as web_app

    def broken(store: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(web_app, "stats_data", broken)
    with _client(create_app(store_path, cache_seconds=0), raise_server_exceptions=False) as client:
        response = client.get("/api/stats")
        body = assert_error(response, 500)
        assert "boom" not in body["error"]  # no internals leak
        assert_secured(response)
        page = client.get("/", headers={"accept": "text/html"})
        assert page.status_code == 500
        assert_secured(page)
        assert client.get("/api/documents").status_code == 200  # the next request is fine


def test_every_response_carries_the_security_headers(client: Any) -> None:
    for response in (client.get("/"), client.get("/api/stats"), client.get("/static/app.css"),
                     client.get("/nothing"), client.get("/api/facts?limit=0"), client.post("/api/facts"),
                     client.get("/openapi.json"), client.get("/entities/VNM/tables/seats.csv")):
        assert_secured(response)


def test_405_says_what_is_allowed(client: Any) -> None:
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/api/facts")
        assert_error(response, 405)
        assert response.headers["allow"] == "GET"


def test_414_for_a_huge_url(client: Any) -> None:
    response = client.get("/api/facts", params={"q": "x" * (MAX_URL + 10)})
    body = assert_error(response, 414)
    assert "limit" in body["error"]
    assert_secured(response)
    assert client.get("/api/facts", params={"q": "x" * 150}).status_code == 200


def test_serve_answers_a_huge_url_with_414_not_a_reset(tmp_path: Path) -> None:
    import socket
    import time

    import httpx

    db = tmp_path / "vn.sqlite"
    write_vietnam_store(db)
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
                httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.1)
        with httpx.Client(timeout=10) as http:
            huge = http.get(f"http://127.0.0.1:{port}/api/facts", params={"q": "x" * 40_000})  # over h11's default 16 KB head
            assert huge.status_code == 414 and huge.json()["status"] == 414
            again = http.get(f"http://127.0.0.1:{port}/api/ask", params={"q": f"{VIETNAM}?"})
            assert again.status_code == 200 and again.json()["question"] == f"{VIETNAM}?"
        # A second server on the same port says so before announcing anything, and exits 1.
        second = subprocess.run([sys.executable, "-m", "diplograph.cli", "serve", "--db", str(db), "--port",
                                 str(port)], capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert "Serving" not in second.stderr and "pick another with --port" in second.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_an_app_started_again_after_a_shutdown_reads_its_store(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from diplograph.web.app import create_app

    path = tmp_path / "vn.sqlite"
    write_vietnam_store(path)
    app = create_app(str(path), cache_seconds=0)
    for _ in range(2):  # each TestClient context runs the app's startup and shutdown
        with TestClient(app) as client:
            assert client.get("/api/stats").status_code == 200
