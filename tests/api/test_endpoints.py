"""Every endpoint of the JSON API on the example corpus: shapes, filters, paging."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow

LISTS = (
    "articles",
    "entities",
    "quotes",
    "figures",
    "events",
    "proposals",
    "positions",
    "timeline",
)


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_openapi_lists_every_endpoint(corpus: TestClient) -> None:
    spec = get(corpus, "/openapi.json")
    paths = set(spec["paths"])
    assert {f"/api/{name}" for name in LISTS} <= paths
    assert {
        "/api/overview",
        "/api/search",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/comparisons/figures",
    } <= paths
    assert not any(p.startswith("/static") or p == "/" for p in paths)  # pages stay out


def test_overview(corpus: TestClient) -> None:
    data = get(corpus, "/api/overview")
    assert data["articles"] == 14
    assert data["facts"]["quote"] > 50 and data["entities"] > 10
    assert data["outlets"][0] == {
        "outlet": "Kestrel Wire",
        "articles": 4,
        "first": "2025-03-03",
        "last": "2025-03-21",
    }


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages(corpus: TestClient, name: str) -> None:
    whole = get(corpus, f"/api/{name}", limit=500)
    assert whole["total"] == len(whole["items"]) > 0
    assert whole["next_cursor"] is None
    first = get(corpus, f"/api/{name}", limit=2)
    assert first["items"] == whole["items"][:2] and first["offset"] == 0
    by_offset = get(corpus, f"/api/{name}", limit=2, offset=2)
    by_cursor = get(corpus, f"/api/{name}", limit=2, cursor=first["next_cursor"])
    assert by_offset["items"] == by_cursor["items"] == whole["items"][2:4]
    assert by_cursor["offset"] == 2


def test_articles_and_one_article_with_its_text_and_facts(corpus: TestClient) -> None:
    listed = get(corpus, "/api/articles")["items"]
    assert all(a["text"] is None for a in listed)
    assert all(a["text"] for a in get(corpus, "/api/articles", with_text=True)["items"])
    kestrel = get(corpus, "/api/articles", outlet="kestrel wire")["items"]
    assert len(kestrel) == 4
    march = get(corpus, "/api/articles", **{"from": "2025-03-10", "to": "2025-03-11"})["items"]
    assert {a["published"] for a in march} <= {"2025-03-10", "2025-03-11"} and march
    detail = get(corpus, f"/api/articles/{kestrel[0]['id']}")
    text = detail["article"]["text"]
    for section in ("quotes", "figures", "events", "positions"):
        for fact in detail["facts"][section]:
            assert fact["article"] == kestrel[0]["id"]
            assert 0 <= fact["start"] < fact["end"] <= len(text)


def test_entities_and_one_entity(corpus: TestClient) -> None:
    people = get(corpus, "/api/entities", type="person")["items"]
    assert people and all(e["type"] == "PERSON" for e in people)
    brosz = get(corpus, "/api/entities", q="brosz")["items"][0]
    assert brosz["name"] == "Annika Brosz"
    detail = get(corpus, f"/api/entities/{brosz['id']}")
    assert detail["entity"]["id"] == brosz["id"]
    assert detail["quotes"] and all(q["speaker"] == "Annika Brosz" for q in detail["quotes"])
    assert any(
        e["actor"] == "Annika Brosz" or e["target"] == "Annika Brosz" for e in detail["events"]
    )


def test_fact_filters(corpus: TestClient) -> None:
    by_name = get(corpus, "/api/quotes", entity="Brosz", limit=500)["items"]
    assert by_name and {q["speaker"] for q in by_name} == {"Annika Brosz"}
    direct = get(corpus, "/api/quotes", kind="direct", limit=500)["items"]
    assert direct and {q["kind"] for q in direct} == {"direct"}
    killed = get(corpus, "/api/figures", kind="killed")["items"]
    assert killed and {f["kind"] for f in killed} == {"killed"}
    planned = get(corpus, "/api/events", status="planned", limit=500)["items"]
    assert planned and {e["status"] for e in planned} == {"planned"}
    consult = get(corpus, "/api/events", type="CONSULT", outlet="Kestrel Wire", limit=500)["items"]
    assert consult and all(
        e["type"] == "CONSULT" and e["outlet"] == "Kestrel Wire" for e in consult
    )
    demands = get(corpus, "/api/positions", stance="demand")["items"]
    assert {p["stance"] for p in demands} <= {"demand"}
    proposals = get(corpus, "/api/proposals", limit=500)["items"]
    assert proposals and all(isinstance(p["phases"], list) for p in proposals)
    one = proposals[0]
    assert get(corpus, "/api/proposals", article=one["article"])["items"][0]["id"] == one["id"]
    words = get(corpus, "/api/quotes", q="FRANK")["items"]
    assert words and all("frank" in q["text"].lower() for q in words)


def test_timeline_filters(corpus: TestClient) -> None:
    entries = get(corpus, "/api/timeline", **{"from": "2025-03-10", "to": "2025-03-11"})["items"]
    assert entries and all(e["sources"] for e in entries)
    meeting = next(e for e in entries if e["type"] == "CONSULT" and e["actor"] == "Annika Brosz")
    assert len(meeting["sources"]) >= 2  # one event, several reports
    brosz = get(corpus, "/api/timeline", entity="Brosz")["items"]
    assert brosz and all("Brosz" in f"{e['actor']} {e['target']}" for e in brosz)
    planned = get(corpus, "/api/timeline", status=["planned", "hypothetical"])["items"]
    assert {e["status"] for e in planned} <= {"planned", "hypothetical"}


def test_search_articles_and_quotes(corpus: TestClient) -> None:
    hits = get(corpus, "/api/search", q="CEASEFIRE", limit=500)["items"]
    scopes = {h["scope"] for h in hits}
    assert scopes == {"articles", "quotes"}
    for hit in hits:
        if hit["scope"] == "articles" and hit["start"] >= 0:
            text = get(corpus, f"/api/articles/{hit['article']}")["article"]["text"]
            assert text[hit["start"] : hit["end"]].lower() == "ceasefire"
    quotes_only = get(corpus, "/api/search", q="ceasefire", scope="quotes")["items"]
    assert quotes_only and all(h["fact"] for h in quotes_only)
    assert get(corpus, "/api/search", q="zzzz-nothing")["total"] == 0
    assert get(corpus, "/api/search", q="ceasefir")["total"] == len(hits)  # a prefix
    assert get(corpus, "/api/search", q='"ceasefire" ( *')["total"] == len(hits)  # no syntax
    by_speaker = get(corpus, "/api/search", q="Brosz", scope="quotes")["items"]
    assert by_speaker and all("Brosz" in h["snippet"] for h in by_speaker)


def test_search_pages_across_articles_then_quotes(corpus: TestClient) -> None:
    whole = get(corpus, "/api/search", q="ceasefire", limit=500)
    scopes = [h["scope"] for h in whole["items"]]
    assert scopes == sorted(scopes)  # every article hit before the first quote hit
    seen, cursor = [], None
    while True:
        more = {"cursor": cursor} if cursor else {}
        page = get(corpus, "/api/search", q="ceasefire", limit=3, **more)
        assert page["offset"] == len(seen) and page["total"] == whole["total"]
        by_offset = get(corpus, "/api/search", q="ceasefire", limit=3, offset=len(seen))
        assert by_offset["items"] == page["items"]
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == whole["items"]


def test_articles_by_words_and_entity(corpus: TestClient) -> None:
    found = get(corpus, "/api/articles", q="hostages released", with_text=True)["items"]
    assert found and all(
        "hostage" in a["text"].lower() and "released" in a["text"].lower() for a in found
    )
    brosz = get(corpus, "/api/entities", q="Annika Brosz")["items"][0]
    by_id = get(corpus, "/api/articles", entity=brosz["id"], limit=500)["items"]
    assert {a["id"] for a in by_id} == set(brosz["articles"])
    assert get(corpus, "/api/articles", entity="Annika Brosz", limit=500)["items"] == by_id
