"""Every dashboard page renders on the example corpus, with its security headers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow

PAGES = (
    "/",
    "/timeline",
    "/quotes",
    "/figures",
    "/proposals",
    "/network",
    "/entities",
    "/articles",
    "/stories",
    "/comparisons",
    "/search?q=ceasefire",
)


def page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_the_policy(corpus: TestClient, url: str) -> None:
    response = corpus.get(url)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    html = response.text
    assert '<script src="/static/app.js" defer></script>' in html
    assert re.search(r"<script>", html) is None  # no inline script anywhere
    assert "http://" not in html.replace("http://www.w3.org", "")  # nothing from elsewhere


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/quotes", 200), ("/api/nope", 404), ("/api/quotes?limit=0", 422),
     ("/static/app.js", 200), ("/static/", 404), ("/no-such-page", 404)],
)  # fmt: skip
def test_every_answer_carries_the_security_headers(
    corpus: TestClient, url: str, status: int
) -> None:
    """API answers, errors and static files too: not only the pages."""
    response = corpus.get(url)
    assert response.status_code == status
    headers = response.headers
    assert "unsafe-inline" not in headers["content-security-policy"].split("style-src")[0]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_overview_lists_counts_outlets_entities_events(corpus: TestClient) -> None:
    html = page(corpus, "/")
    assert "Kestrel Wire" in html and "Annika Brosz" in html
    assert html.count('class="src"') >= 10  # latest events link their sources


def test_article_page_anchors_every_fact(corpus: TestClient) -> None:
    articles = corpus.get("/api/articles").json()["items"]
    for article in articles:
        detail = corpus.get(f"/api/articles/{article['id']}").json()
        html = page(corpus, f"/articles/{article['id']}")
        for section in ("quotes", "figures", "events", "positions", "proposals"):
            for fact in detail["facts"][section]:
                assert f'id="fact-{fact["id"]}"' in html, (article["id"], fact["id"])


def test_article_keeps_the_text(corpus: TestClient) -> None:
    article = corpus.get("/api/articles", params={"outlet": "Veyra Today"}).json()["items"][0]
    html = page(corpus, f"/articles/{article['id']}")
    text = re.sub(r"<[^>]+>", "", html)
    assert "Hundreds of mourners filled the streets of Telvano" in text


def test_entity_page(corpus: TestClient) -> None:
    brosz = corpus.get("/api/entities", params={"q": "Annika"}).json()["items"][0]
    html = page(corpus, f"/entities/{brosz['id']}")
    assert "Annika Brosz" in html and "Quotes (" in html and "Events (" in html
    assert "Annica Brosz" in html  # an alias


def test_timeline_filters(corpus: TestClient) -> None:
    every = page(corpus, "/timeline")
    planned = page(corpus, "/timeline?status=planned&actor=&from=&to=&type=")
    assert planned.count('class="entry') < every.count('class="entry')
    assert 'class="entry status-occurred"' not in planned
    brosz = page(corpus, "/timeline?actor=Brosz")
    assert "Annika Brosz" in brosz
    page(corpus, "/timeline?from=2025-99-01", status=400)
    page(corpus, "/timeline?status=maybe", status=400)


def test_quotes_grouped_by_speaker_and_searched(corpus: TestClient) -> None:
    html = page(corpus, "/quotes?q=frank")
    assert "Annika Brosz" in html and "frank discussion" in html
    assert 'href="/articles/' in html and "#fact-q-" in html


def test_figures_draw_a_chart_per_kind(corpus: TestClient) -> None:
    html = page(corpus, "/figures")
    assert html.count('<svg class="chart"') >= 3
    assert "killed" in html and 'class="pt s0"' in html


def test_network_links_nodes_to_entity_pages(corpus: TestClient) -> None:
    html = page(corpus, "/network")
    assert '<svg class="network"' in html and 'href="/entities/' in html
    assert "marker-end" in html
    meetings = page(corpus, "/network?type=CONSULT").split('<p class="legend">')[0]
    assert "edge e-CONSULT" in meetings and "edge e-ACCUSE" not in meetings


def test_proposals_side_by_side(corpus: TestClient) -> None:
    html = page(corpus, "/proposals")
    assert 'class="side-by-side"' in html and "ceasefire" in html
    # The three-phase plan is one proposal with a column per report, and its history.
    assert re.search(r'<th class="proposal" colspan="[2-9]">three-phase plan', html)
    assert "answers the three-phase plan" in html
    history = html[html.index('<ol class="history">') :]
    assert "proposed" in history[:400] and "accepted" in history[:600]


def test_search_page(corpus: TestClient) -> None:
    html = page(corpus, "/search?q=ceasefir")
    assert "hits" in html and '<span class="tag">article</span>' in html
    assert '<span class="tag">quote</span>' in html and "#fact-q-" in html


def test_stories_story_and_comparisons(corpus: TestClient) -> None:
    story = corpus.get("/api/stories").json()["items"][0]
    listing = page(corpus, "/stories")
    assert f'href="/stories/{story["id"]}"' in listing
    html = page(corpus, f"/stories/{story['id']}")
    assert story["label"].split(" · ")[0] in html
    assert f"/comparisons?story={story['id']}" in html and f"/timeline?story={story['id']}" in html
    # The brief, each line's sources opening their article at the fact.
    assert html.count('<section class="brief-section">') == 5
    assert "#fact-p-" in html and "#fact-f-" in html and "#fact-q-" in html
    compared = page(corpus, f"/comparisons?story={story['id']}")
    assert compared.count('<section class="chart-box comparison">') >= 1
    assert 'class="verdict v-update"' in compared and 'class="verdict v-agree"' in compared
    assert "#fact-f-" in compared
    page(corpus, "/stories/s-nope", status=404)
    page(corpus, "/comparisons?story=s-nope", status=400)


def test_pages_narrowed_to_a_story(corpus: TestClient) -> None:
    story = corpus.get("/api/stories").json()["items"][0]["id"]
    for url in ("/timeline", "/quotes", "/figures", "/proposals", "/network", "/articles"):
        page(corpus, f"{url}?story={story}")
    page(corpus, "/timeline?story=s-nope", status=400)


def test_unknown_pages_and_no_directory_listing(corpus: TestClient) -> None:
    assert "404" in page(corpus, "/articles/none", status=404)
    assert corpus.get("/static/").status_code == 404
    assert corpus.get("/static/../pyproject.toml").status_code == 404
    assert corpus.get("/static/app.css").headers["content-type"].startswith("text/css")
