"""The dashboard in headless Chromium (Debian's package), driven by Playwright.

Locally these tests skip when /usr/bin/chromium is absent; under CI=true they must run
(``.ci/run`` installs it). ``STORYLINE_SCREENSHOTS=1`` saves a screenshot of each page
under docs/img/ for the README.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from storyline.config import Settings
from storyline.web import create_site

from ..api.support import HOSTILE_ID, corpus_db, hostile_db
from ..conftest import REPO

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "docs" / "img"
PAGES = {
    "overview": "/",
    "timeline": "/timeline",
    "quotes": "/quotes",
    "figures": "/figures",
    "proposals": "/proposals",
    "network": "/network",
    "entities": "/entities",
    "articles": "/articles",
    "search": "/search?q=ceasefire",
    "stories": "/stories",
    "comparisons": "/comparisons",
}


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{CHROMIUM} is missing and CI=true requires the browser tests")
    pytest.skip("no Chromium: `apt-get install -y chromium` (Debian) runs the browser tests")


class Server:
    """The site under uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, db: Path) -> None:
        # IPPROTO_TCP, so that asyncio sets TCP_NODELAY on each connection (it checks the
        # protocol): without it a kept-alive request waits 40 ms for a delayed ACK.
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_site(Settings(db=str(db))), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    _require_chromium()
    with Server(corpus_db()) as server:
        yield server.url


@pytest.fixture(scope="module")
def hostile_site() -> Iterator[str]:
    _require_chromium()
    with Server(hostile_db()) as server:
        yield server.url


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    context.close()


def _shot(tab: object, name: str) -> None:
    if os.environ.get("STORYLINE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_without_errors(page: object, site: str, name: str) -> None:
    response = page.goto(site + PAGES[name])  # type: ignore[attr-defined]
    assert response.status == 200
    assert page.locator("h1").count() == 1  # type: ignore[attr-defined]
    _shot(page, name)
    assert page.problems == []  # type: ignore[attr-defined]  # CSP violations are console errors


def test_follow_a_quote_to_its_highlighted_sentence(page: object, site: str) -> None:
    page.goto(site + "/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Who said what").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/quotes")  # type: ignore[attr-defined]
    item = page.locator("ul.quotes li").first  # type: ignore[attr-defined]
    said = item.locator("q").inner_text()
    item.locator("a.src").click()
    page.wait_for_url("**/articles/**#fact-q-*")  # type: ignore[attr-defined]
    lit = page.locator(".text .sentence.hl")  # type: ignore[attr-defined]
    lit.first.wait_for()
    words = " ".join(page.locator(".text .f.fact-hl").all_inner_texts()).split()  # type: ignore[attr-defined]
    assert " ".join(words) in " ".join(said.split())
    assert " ".join(words) in " ".join(lit.first.inner_text().split())
    assert page.locator("aside .fact-current").count() == 1  # type: ignore[attr-defined]
    _shot(page, "article")
    assert page.problems == []  # type: ignore[attr-defined]


def test_filter_the_timeline(page: object, site: str) -> None:
    page.goto(site + "/timeline")  # type: ignore[attr-defined]
    every = page.locator("li.entry").count()  # type: ignore[attr-defined]
    page.select_option("select[name=status]", "planned")  # type: ignore[attr-defined]
    page.wait_for_url("**/timeline?*status=planned*")  # type: ignore[attr-defined]
    planned = page.locator("li.entry")  # type: ignore[attr-defined]
    assert 0 < planned.count() < every
    assert planned.count() == page.locator("li.entry.status-planned").count()  # type: ignore[attr-defined]
    page.fill("input[name=actor]", "Brosz")  # type: ignore[attr-defined]
    page.select_option("select[name=status]", "")  # type: ignore[attr-defined]
    page.wait_for_url("**actor=Brosz**")  # type: ignore[attr-defined]
    assert "Annika Brosz" in page.locator("ol.timeline").inner_text()  # type: ignore[attr-defined]


def test_from_a_story_to_its_figures_compared(page: object, site: str) -> None:
    page.goto(site + "/stories")  # type: ignore[attr-defined]
    page.locator("tr.story a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/stories/s-*")  # type: ignore[attr-defined]
    _shot(page, "story")
    page.get_by_role("link", name="Figures compared").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/comparisons?story=s-*")  # type: ignore[attr-defined]
    marked = page.locator("section.comparison .verdict")  # type: ignore[attr-defined]
    assert marked.count() > 0
    marked.first.wait_for()
    page.locator("section.comparison a.src").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/articles/**#fact-f-*")  # type: ignore[attr-defined]
    page.locator(".text .f.fact-hl").first.wait_for()  # type: ignore[attr-defined]
    assert page.problems == []  # type: ignore[attr-defined]


def test_from_a_story_brief_to_a_quoted_sentence(page: object, site: str) -> None:
    page.goto(site + "/stories")  # type: ignore[attr-defined]
    page.locator("tr.story a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/stories/s-*")  # type: ignore[attr-defined]
    page.locator("ul.brief-lines a.src[href*='#fact-q-']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/articles/**#fact-q-*")  # type: ignore[attr-defined]
    page.locator(".text .f.fact-hl").first.wait_for()  # type: ignore[attr-defined]
    assert page.problems == []  # type: ignore[attr-defined]


def test_network_nodes_open_entity_pages(page: object, site: str) -> None:
    page.goto(site + "/network")  # type: ignore[attr-defined]
    page.locator("svg.network a.node[href^='/entities/']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/entities/**")  # type: ignore[attr-defined]
    _shot(page, "entity")
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/" + HOSTILE_ID.replace("/", "%2F"),
        "/entities/e-mallory",
        "/timeline",
        "/quotes",
        "/figures",
        "/proposals",
        "/network",
        "/search?q=script",
        "/stories",
        "/comparisons",
    ],
)
def test_planted_script_never_runs(page: object, hostile_site: str, url: str) -> None:
    page.goto(hostile_site + url)  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.evaluate("window.__xss") is None  # type: ignore[attr-defined]
    assert page.locator("main script, main img").count() == 0  # type: ignore[attr-defined]
    assert page.problems == []  # type: ignore[attr-defined]


def test_planted_markup_reads_as_text(page: object, hostile_site: str) -> None:
    page.goto(hostile_site + "/articles/" + HOSTILE_ID.replace("/", "%2F"))  # type: ignore[attr-defined]
    assert "<script>window.__xss = 1</script>" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
    assert "onerror" in page.locator(".byline").inner_text()  # type: ignore[attr-defined]
