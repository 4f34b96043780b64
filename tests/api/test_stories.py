"""Stories and comparisons: their endpoints, and the ``story`` filter of the lists."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .test_endpoints import get
from .test_errors import assert_error


def test_stories_on_the_hostile_record(hostile: TestClient) -> None:
    stories = get(hostile, "/api/stories")
    assert stories["total"] == 1
    (story,) = stories["items"]
    assert story["articles"] == ["h-<u>x</u>"] and story["copies"] == {}
    detail = get(hostile, f"/api/stories/{story['id']}")
    assert detail["story"] == story
    assert [a["id"] for a in detail["articles"]] == story["articles"]
    assert detail["articles"][0]["text"] is None
    compared = get(hostile, "/api/comparisons/figures")  # default: the largest story
    assert compared["story"]["id"] == story["id"] and compared["groups"] == []
    assert get(hostile, "/api/quotes", story=story["id"])["total"] == 1
    assert_error(hostile.get("/api/stories/s-nope"), 404, "id")
    assert_error(hostile.get("/api/comparisons/figures", params={"story": "s-nope"}), 400, "story")
    error = assert_error(hostile.get("/api/quotes", params={"story": "s-nope"}), 400, "story")
    assert story["id"] in error["message"]  # names stories that exist


@pytest.mark.slow
def test_stories_and_their_articles(corpus: TestClient) -> None:
    stories = get(corpus, "/api/stories")["items"]
    assert stories and all(s["id"].startswith("s-") for s in stories)
    largest = stories[0]
    assert len(largest["articles"]) == max(len(s["articles"]) for s in stories)
    detail = get(corpus, f"/api/stories/{largest['id']}")
    assert {a["id"] for a in detail["articles"]} == set(largest["articles"])
    brosz = get(corpus, "/api/entities", q="Annika Brosz")["items"][0]
    named = get(corpus, "/api/stories", entity=brosz["id"])["items"]
    assert named and all(set(s["articles"]) & set(brosz["articles"]) for s in named)
    assert get(corpus, "/api/stories", entity="Brosz")["items"] == named


@pytest.mark.slow
def test_story_brief_lines_point_at_their_facts(corpus: TestClient) -> None:
    largest = get(corpus, "/api/stories")["items"][0]
    brief = get(corpus, f"/api/stories/{largest['id']}/brief", top=3)
    assert brief["story"]["id"] == largest["id"]
    sections = ("on_the_table", "positions", "figures", "timeline", "quotes")
    assert all(0 < len(brief[s]) <= 3 for s in sections)
    for section in sections:
        for line in brief[section]:
            assert len(line["evidence"]) == len(line["sources"])
            for article, fact in line["evidence"]:
                assert article in largest["articles"]
                html = corpus.get(f"/articles/{article}").text
                assert f'id="fact-{fact}"' in html
    assert_error(corpus.get(f"/api/stories/{largest['id']}/brief", params={"top": 0}), 422, "top")
    assert_error(corpus.get("/api/stories/s-nope/brief"), 404, "id")


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["articles", "quotes", "figures", "events", "positions", "timeline", "entities"]
)
def test_the_story_filter_keeps_the_storys_articles(corpus: TestClient, name: str) -> None:
    """Each story (the war, and the rowing report alone) keeps its own items, no other's."""

    def articles_of(item: dict[str, Any]) -> set[str]:
        if name == "articles":
            return {item["id"]}
        if name == "timeline":
            return {s["article"] for s in item["sources"]}
        if name == "entities":
            return set(item["articles"])
        return {item["article"]}

    stories = get(corpus, "/api/stories")["items"]
    assert len(stories) > 1
    every = get(corpus, f"/api/{name}", limit=500)
    kept = 0
    for story in stories:
        members = set(story["articles"])
        found = get(corpus, f"/api/{name}", story=story["id"], limit=500)
        assert found["total"] <= every["total"]
        assert all(articles_of(item) & members for item in found["items"])
        outside = [i for i in every["items"] if not articles_of(i) & members]
        assert len(found["items"]) == len(every["items"]) - len(outside)
        kept += found["total"]
    assert get(corpus, f"/api/{name}", story=stories[0]["id"])["total"] > 0
    assert kept >= every["total"]  # every item belongs to a story


@pytest.mark.slow
def test_figures_compared_with_verdicts(corpus: TestClient) -> None:
    story = get(corpus, "/api/stories")["items"][0]
    compared = get(corpus, "/api/comparisons/figures", story=story["id"])
    assert compared["story"]["id"] == story["id"]
    assert compared == get(corpus, "/api/comparisons/figures")  # the largest by default
    groups = compared["groups"]
    assert groups
    verdicts = {p["verdict"] for g in groups for p in g["pairs"]}
    assert verdicts <= {"agree", "update", "contradiction"} and "update" in verdicts
    for group in groups:
        assert len({v["article"] for v in group["values"]}) >= 2
        for pair in group["pairs"]:
            a, b = group["values"][pair["a"]], group["values"][pair["b"]]
            assert a["article"] != b["article"] and a["article"] in story["articles"]
        figure = group["values"][0]
        detail = get(corpus, f"/api/articles/{figure['article']}")
        assert figure["figure"] in {f["id"] for f in detail["facts"]["figures"]}
