"""The timeline view: dated events in order, merged across articles, with their sources.

Fast tests store hand-made Event facts; the slow one ingests three invented articles that
report one meeting and checks it comes out as one event with three sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.config import Settings
from storyline.errors import ConfigError
from storyline.models import Article, Entity, Event
from storyline.pipeline import IngestReport, ingest_articles
from storyline.resolve.events import merge_across_articles, sentence_around
from storyline.store import Store
from storyline.views.timeline import build_timeline, format_timeline, timeline_to_dict

TEXTS = {
    "a1": "Ilsa Varn met Piet Hallo in Kesh on Tuesday. The talks went on late.",
    "a2": "Marda's foreign minister met the Rovanian envoy on Tuesday. Both smiled.",
    "a3": "Rovanian drones struck a depot. Varn met Hallo again on Tuesday, aides said.",
}
OUTLETS = {"a1": "North Wire", "a2": "Harbor Ledger", "a3": "Tessel Today"}


def article(article_id: str, published: str) -> Article:
    return Article(
        id=article_id,
        text=TEXTS[article_id],
        outlet=OUTLETS[article_id],
        published=published,
        text_sha256=f"sha-{article_id}",
    )


def event(article_id: str, words: str, **fields: Any) -> Event:
    start = TEXTS[article_id].index(words)
    return Event(
        article=article_id, start=start, end=start + len(words), text=words, **fields
    ).with_provenance("events@1", start)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "t.db")
    meeting = {"type": "CONSULT", "date": "2025-06-03", "date_text": "on Tuesday"}
    store.add_batch(
        [article("a1", "2025-06-04"), article("a2", "2025-06-04"), article("a3", "2025-06-05")],
        [
            event("a1", "met", actor="Ilsa Varn", target="Piet Hallo", location="Kesh", **meeting),
            event("a2", "met", actor="Varn", target="Hallo", **meeting),
            event("a3", "met", actor="Piet Hallo", target="Ilsa Varn", **meeting),
            event("a3", "struck", type="ASSAULT", actor="Rovanian drones", date="2025-W23"),
            event("a3", "drones", type="ASSAULT", actor="Rovanian drones"),  # undated
            event("a2", "smiled", type="SUPPORT", actor="Hallo", date="2025-06", status="planned"),
        ],
    )
    store.replace_entities(
        [Entity(id="e1", name="Piet Hallo", type="PERSON", aliases=("Hallo", "the envoy"))]
    )
    return store


def test_one_meeting_in_three_articles_is_one_entry(store: Store) -> None:
    entries = build_timeline(store)
    meetings = [e for e in entries if e.type == "CONSULT"]
    assert len(meetings) == 1
    (meeting,) = meetings
    assert meeting.date == "2025-06-03" and meeting.location == "Kesh"
    assert [s.article for s in meeting.sources] == ["a1", "a2", "a3"]
    assert meeting.sources[1].outlet == "Harbor Ledger"
    assert meeting.sources[0].sentence == "Ilsa Varn met Piet Hallo in Kesh on Tuesday."


def test_only_dated_events_in_date_order(store: Store) -> None:
    entries = build_timeline(store)
    # A month sorts by its first day, a week by its Monday (2 June 2025).
    assert [(e.date, e.type) for e in entries] == [
        ("2025-06", "SUPPORT"),
        ("2025-W23", "ASSAULT"),
        ("2025-06-03", "CONSULT"),
    ]


def test_filters(store: Store) -> None:
    assert [e.type for e in build_timeline(store, entity="the envoy")] == ["SUPPORT", "CONSULT"]
    assert [e.type for e in build_timeline(store, entity="Rovanian drones")] == ["ASSAULT"]
    assert [e.date for e in build_timeline(store, start="2025-06-04")] == ["2025-06", "2025-W23"]
    assert [e.date for e in build_timeline(store, end="2025-06-01")] == ["2025-06"]
    assert [e.type for e in build_timeline(store, statuses=["planned"])] == ["SUPPORT"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"start": "June 4"}, "--from"), ({"end": "2025-13-01"}, "--to"),
     ({"statuses": ["rumoured"]}, "unknown event status")],
)  # fmt: skip
def test_bad_filters_are_config_errors(
    store: Store, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        build_timeline(store, **kwargs)  # type: ignore[arg-type]


def test_text_and_json(store: Store) -> None:
    entries = build_timeline(store)
    text = format_timeline(entries)
    assert "2025-06-03  CONSULT" in text and "Harbor Ledger: “" in text
    assert "[planned]" in text
    data = timeline_to_dict(entries)
    assert data["format"] == "storyline-timeline/1"
    assert data["entries"][2]["sources"][2]["article"] == "a3"
    assert format_timeline([]) == "no dated events"


def test_undated_and_different_days_do_not_merge() -> None:
    articles = {a: article(a, "2025-06-04") for a in TEXTS}
    one = event("a1", "met", type="CONSULT", actor="Varn", date="2025-06-03")
    other_day = event("a2", "met", type="CONSULT", actor="Varn", date="2025-06-02")
    undated = event("a3", "met", type="CONSULT", actor="Varn")
    merged = merge_across_articles([one, other_day, undated], articles)
    assert [len(m.sources) for m in merged] == [1, 1, 1]


def test_a_day_merges_with_the_week_around_it() -> None:
    articles = {a: article(a, "2025-06-04") for a in TEXTS}
    day = event("a1", "met", type="CONSULT", actor="Varn", date="2025-06-03")
    week = event("a2", "met", type="CONSULT", actor="Ilsa Varn", date="2025-W23")
    other_week = event("a3", "met", type="CONSULT", actor="Varn", date="2025-W24")
    merged = merge_across_articles([week, day, other_week], articles)
    assert [(m.event.date, len(m.sources)) for m in merged] == [("2025-06-03", 2), ("2025-W24", 1)]


def test_sentence_around() -> None:
    text = "First one. “Second one,” he said. Third.\n\nFourth"
    assert sentence_around(text, text.index("Second"), text.index("Second") + 6) == (
        "“Second one,” he said."
    )
    assert sentence_around(text, text.index("Fourth"), len(text)) == "Fourth"


@pytest.mark.slow
def test_three_reports_of_one_meeting_end_to_end(tmp_path: Path) -> None:
    texts = [
        "Mardan Foreign Minister Ilsa Varn met Rovanian envoy Piet Hallo in Kesh on Tuesday.",
        "Ilsa Varn held talks with Piet Hallo on Tuesday, officials in Kesh said.",
        "Piet Hallo met Ilsa Varn on Tuesday and said the talks had gone well.",
    ]
    articles = [
        Article(id=f"r{i}", text=t, outlet=f"Outlet {i}", published="2025-06-04",
                text_sha256=f"r{i}")
        for i, t in enumerate(texts)
    ]  # fmt: skip
    with Store(tmp_path / "e2e.db") as store:
        ingest_articles(articles, store, Settings(), report=IngestReport())
        meetings = [e for e in build_timeline(store) if e.type == "CONSULT"]
    assert len(meetings) == 1
    assert meetings[0].date == "2025-06-03"
    assert sorted(s.article for s in meetings[0].sources) == ["r0", "r1", "r2"]
