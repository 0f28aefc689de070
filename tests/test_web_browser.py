"""The web app in a real browser: Playwright driving Debian's headless Chromium.

One store of the seed, dev and voa corpora is built per session and served by
uvicorn on a free loopback port; every page is opened, the home -> entity ->
fact -> highlighted evidence path is clicked through, screenshots go to
out/screenshots/ (git-ignored) and are checked to be real PNGs. A second store
holds an article full of HTML and script, which must show as text and never run.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.filterwarnings("ignore::DeprecationWarning")]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# Written for this test: markup and script in every place an article can carry them.
UNTRUSTED_ARTICLE = """Ruritania and Freedonia sign a pact <img src=x onerror="window.__pwned=1">

Ruritania and Freedonia established diplomatic relations on 3 March 2020, the foreign ministry said.
The statement ended with <script>window.__pwned = 1; alert("pwned")</script> and a link
<a href="javascript:window.__pwned=1" onclick="window.__pwned=1">click</a> plus "quotes" & ampersands.
Vietnam and Japan upgraded their ties to a comprehensive strategic partnership in November 2023 <b onmouseover="window.__pwned=1">bold</b>.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server:
    """uvicorn in a thread on a free loopback port, stopped at teardown."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _build(paths: list[Path], db: Path) -> Path:
    from diplograph.pipeline import build
    from diplograph.store import open_store

    with open_store(db) as store:
        build([str(p) for p in paths], store, progress=False)
    return db


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    from diplograph.web import create_app

    db = _build([SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev", SHARED / "corpus" / "voa"],
                tmp_path_factory.mktemp("web") / "corpus.sqlite")
    with _Server(create_app(db)) as url:
        yield url


@pytest.fixture(scope="session")
def untrusted_url(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    from diplograph.web import create_app

    folder = tmp_path_factory.mktemp("untrusted")
    (folder / "pact.txt").write_text(UNTRUSTED_ARTICLE, encoding="utf-8")
    db = _build([folder], folder / "untrusted.sqlite")
    with _Server(create_app(db)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium: apt-get install -y chromium (.ci/run does)")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records script errors, console errors (CSP violations too) and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda err: pg.problems.append(f"pageerror: {err}"))
    pg.on("console", lambda msg: msg.type == "error" and pg.problems.append(f"console: {msg.text}"))

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


def screenshot(pg: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5000, f"{path} is not a real screenshot"
    return path


PAGES = [
    ("home", "/"),
    ("entities", "/entities"),
    ("entity", "/entities/VNM"),
    ("entity-usa", "/entities/USA"),
    ("entity-person", "/entities/Bui%20Thanh%20Son"),
    ("entity-table-seats", "/entities/VNM/tables/seats"),
    ("entity-table-visits", "/entities/VNM/tables/visits?direction=in"),
    ("network", "/network"),
    ("network-entity", "/network?entity=VNM"),
    ("timeline", "/timeline?actor=VNM"),
    ("facts", "/facts?type=statistic"),
    ("facts-channel", "/facts?type=event&channel=state"),
    ("documents", "/documents"),
    ("contradictions", "/contradictions"),
    ("ask", "/ask?q=How+many+countries+does+Vietnam+have+diplomatic+relations+with%3F"),
    ("api-docs", "/docs"),
]


@pytest.mark.parametrize("name,path", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_opens_without_script_errors(page: Any, corpus_url: str, name: str, path: str) -> None:
    response = page.goto(corpus_url + path)
    assert response is not None and response.status == 200
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
    page.wait_for_load_state("networkidle")
    assert page.locator("header.top").is_visible()
    screenshot(page, name)
    assert page.problems == []


def test_click_from_home_to_entity_to_fact_to_highlighted_evidence(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/")
    actor = page.locator("#top-actors a").first
    actor_name = actor.inner_text()
    actor.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text().startswith(actor_name)
    screenshot(page, "click-1-entity")

    evidence = page.locator("article.fact a.evidence-link").first
    evidence.click()
    page.wait_for_url("**/documents/**#fact-*")
    anchor = page.url.split("#", 1)[1]
    card = page.locator(f"#{anchor}")
    assert "active" in (card.get_attribute("class") or "")
    marked = page.locator("mark.hl.active")
    assert marked.count() >= 1 and anchor in (marked.first.get_attribute("data-facts") or "")
    assert marked.first.is_visible()
    # The highlighted text is the fact's evidence sentence, as the JSON view says.
    data = page.request.get(page.url.split("#")[0] + ".json").json()
    fact = next(f for f in data["facts"] if f["id"] == anchor)
    assert fact["evidence"]["text"].strip()[:30] in " ".join(m.inner_text() for m in marked.all())
    screenshot(page, "click-2-evidence")

    # Clicking another highlight shows its facts in the panel.
    other = page.locator("mark.hl:not(.active)").first
    other.click()
    assert page.locator("#fact-panel").is_visible()
    assert page.locator("#fact-panel-body article.fact").count() >= 1
    screenshot(page, "click-3-highlight-panel")
    assert page.problems == []


def test_entity_claims_are_charted(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/entities/VNM")
    page.wait_for_load_state("networkidle")
    charts = page.locator("canvas.claim-chart")
    assert charts.count() >= 1
    assert page.evaluate("Array.from(document.querySelectorAll('canvas.claim-chart'))"
                         ".every(c => typeof Chart !== 'undefined' && Chart.getChart(c) !== undefined)")
    charts.first.scroll_into_view_if_needed()
    screenshot(page, "entity-claims-chart")


def test_network_is_drawn_and_filtered_by_date(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/network")
    page.wait_for_selector("#network canvas")
    page.wait_for_selector("#network[data-ready='1']", timeout=30000)
    all_edges = page.request.get(corpus_url + "/network.json").json()["edges"]
    screenshot(page, "network-drawn")
    page.fill("input[name=since]", "2025")
    page.click("#network-filters button")
    page.wait_for_url("**since=2025**")
    page.wait_for_selector("#network canvas")
    recent = page.request.get(corpus_url + "/network.json?since=2025").json()["edges"]
    assert 0 < len(recent) < len(all_edges)
    assert page.problems == []


def test_untrusted_article_shows_as_text_and_nothing_runs(page: Any, untrusted_url: str) -> None:
    docs = page.request.get(untrusted_url + "/api/documents").json()["items"]
    assert len(docs) == 1
    page.goto(untrusted_url + docs[0]["page"])
    page.wait_for_load_state("networkidle")
    text = page.locator("#doc-text").inner_text()
    assert "<script>window.__pwned = 1;" in text and 'onerror="window.__pwned=1"' in text
    assert page.locator("#doc-text script, #doc-text img, #doc-text a, #doc-text b").count() == 0
    for mark in page.locator("mark.hl").all():  # every highlight can be clicked safely
        mark.click()
    page.locator("h1").hover()
    screenshot(page, "untrusted-document")
    for path in ["/", "/facts", "/timeline", "/network", "/ask?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                 "/entities/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"]:
        page.goto(untrusted_url + path)
        page.wait_for_load_state("networkidle")
    screenshot(page, "untrusted-error-page")
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert [p for p in page.problems if "pageerror" in p] == []


def _top(pg: Any, selector: str) -> float:
    """Where an element starts, in page coordinates (px from the top of the document)."""
    return float(pg.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top + window.scrollY"))


def test_the_country_page_answers_at_a_glance(browser: Any, corpus_url: str) -> None:
    """Key figures, the ladder, the seats table and recent visits within the first 1,400 px at 1,400 px wide."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda err: errors.append(str(err)))
    pg.goto(corpus_url + "/entities/VNM")
    pg.wait_for_load_state("networkidle")
    for section in ("#figures", "#ladder", "#seats", "#visits"):
        assert pg.locator(section).count() == 1, section
        assert _top(pg, section) < 1400 - 150, f"{section} starts below the first screen"
    assert pg.locator("#figures tbody tr").count() >= 5
    assert pg.locator("svg.ladder rect").count() >= 1
    assert pg.locator("#seats tr.group").first.inner_text().startswith("United Nations")
    assert "194" in pg.locator("#figures").inner_text()
    screenshot(pg, "country-at-a-glance")
    size = len(pg.content().encode())
    assert size < 300_000
    assert errors == []
    context.close()


def test_evidence_is_one_click_away_from_a_table_row(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/entities/VNM")
    link = page.locator("#seats a.evidence-link").first
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_load_state("networkidle")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1
    assert page.locator("mark.hl.active").count() >= 1
    screenshot(page, "country-evidence")
    assert page.problems == []


def test_a_table_is_paged_and_downloads_as_csv(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/entities/VNM/tables/seats?limit=5")
    rows = page.locator("#table tbody tr")
    assert rows.count() == 5
    first = rows.first.inner_text()
    page.click("nav.pager >> text=next")
    page.wait_for_url("**offset=5**")
    assert page.locator("#table tbody tr").first.inner_text() != first
    with page.expect_download() as download:
        page.click("text=Download as CSV")
    assert download.value.suggested_filename == "VNM-seats.csv"
    assert page.problems == []


def test_the_find_box_takes_a_name(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/documents")
    page.fill("form.find input[name=q]", "Viet Nam")
    page.press("form.find input[name=q]", "Enter")
    page.wait_for_url("**/entities/VNM")
    assert page.locator("h1").inner_text().startswith("Vietnam")
    page.fill("form.find input[name=q]", "Vietnm")
    page.press("form.find input[name=q]", "Enter")
    page.wait_for_url("**/entities?q=Vietnm")
    assert "Did you mean" in page.locator("main").inner_text()
    screenshot(page, "find-did-you-mean")


def test_an_entity_network_is_its_neighbourhood(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/entities/VNM")
    page.click("form.filters >> text=network")
    page.wait_for_url("**/network?entity=VNM")
    page.wait_for_selector("#network[data-ready='1']", timeout=30000)
    graph = page.request.get(corpus_url + "/network.json?entity=VNM").json()
    whole = page.request.get(corpus_url + "/network.json?all=true").json()
    assert 0 < len(graph["nodes"]) < len(whole["nodes"])
    assert any(n["centre"] for n in graph["nodes"])
    screenshot(page, "network-entity-drawn")
    assert page.problems == []


def test_ask_suggestions_open_pages(page: Any, corpus_url: str) -> None:
    page.goto(corpus_url + "/ask?q=Tell+me+something+about+Vietnam+please")
    links = page.locator("#answer ul a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert not any(h.startswith("/ask?q=diplograph") for h in hrefs)
    page.goto(corpus_url + "/ask?q=Who+visited+Vietnam+in+2023%3F")
    assert "Visits to Vietnam" in page.locator(".answer-text").inner_text()
    screenshot(page, "ask-visits")
    assert page.problems == []
