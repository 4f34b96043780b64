"""The article's sentence segments and the SVG geometry, on hand-made facts."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from storyline.models import Article, Event, Figure, Mention, Quote
from storyline.resolve.compare import compare_figures
from storyline.web.charts import build_network, figure_charts
from storyline.web.render import segment_article, sentence_spans

TEXT = "Talks resumed. “We want 40 trucks,” said Ada.\n\nBo met Cy in Vantis. Nothing else."


def _flat(paragraphs: list) -> str:  # type: ignore[type-arg]
    return "".join(seg.text for p in paragraphs for s in p for seg in s.segments)


def test_sentences_and_paragraphs() -> None:
    spans = sentence_spans(TEXT)
    assert [[TEXT[a:b] for a, b in p] for p in spans] == [
        ["Talks resumed.", "“We want 40 trucks,” said Ada."],
        ["Bo met Cy in Vantis.", "Nothing else."],
    ]


def test_overlapping_facts_each_get_an_anchor_and_their_words() -> None:
    quote_start = TEXT.index("We want")
    quote = Quote(
        article="a", start=quote_start, end=TEXT.index(",”"), text="We want 40 trucks", id="q1"
    )
    figure = Figure(
        article="a", start=TEXT.index("40"), end=TEXT.index("40") + 9, text="40 trucks", id="f1"
    )
    event = Event(
        article="a", start=TEXT.index("met"), end=TEXT.index("met") + 3, text="met", id="e1"
    )
    paragraphs = segment_article(TEXT, [quote, figure, event])
    segments = [seg for p in paragraphs for s in p for seg in s.segments]
    anchors = [a for seg in segments for a in seg.anchors]
    assert sorted(anchors) == ["e1", "f1", "q1"]
    assert "".join(seg.text for seg in segments if "f1" in seg.facts) == "40 trucks"
    assert "".join(seg.text for seg in segments if "q1" in seg.facts) == "We want 40 trucks"
    assert next(seg for seg in segments if "f1" in seg.facts).facts == ("q1", "f1")
    assert next(seg for seg in segments if "e1" in seg.facts).kinds == "event"


def test_a_fact_between_sentences_still_has_an_anchor() -> None:
    gap = TEXT.index("\n\n")
    fact = Quote(article="a", start=gap, end=gap + 2, text="\n\n", id="q-gap")
    paragraphs = segment_article(TEXT, [fact])
    assert "q-gap" in paragraphs[0][0].segments[0].anchors


@given(
    st.text(alphabet="ab .!?\n“”", max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=5),
)
def test_segments_keep_every_non_space_character(text: str, spans: list[tuple[int, int]]) -> None:
    facts = [
        Quote(article="a", start=min(s), end=max(s), text="", id=f"q{i}")
        for i, s in enumerate(spans)
    ]
    kept = _flat(segment_article(text, facts))
    assert "".join(kept.split()) == "".join(text.split())


def test_figure_chart_marks_the_verdicts_of_the_comparison() -> None:
    text = "In Keld 17 people were killed."
    articles = {
        "a": Article(id="a", text=text, outlet="Kestrel", published="2025-03-05"),
        "b": Article(id="b", text=text, outlet="Ledger", published="2025-03-05"),
        "c": Article(id="c", text=text, outlet="Kestrel", published="2025-03-07"),
        "d": Article(id="d", text=text, outlet="Ledger", published="2025-03-07"),
    }
    kw: dict[str, Any] = {"start": 8, "end": 10, "unit": "people", "kind": "killed"}
    figures = [
        Figure(article="a", value=17, id="f1", **kw),
        Figure(article="b", value=29, id="f2", **kw),
        Figure(article="c", low=40, high=50, id="f3", **kw),
        Figure(article="d", value=None, kind="other", id="f4", start=0, end=1),
        Figure(article="d", value=3, unit="people", kind="injured", id="f5", start=0, end=1),
    ]
    places = [
        Mention(article=i, start=3, end=7, text="Keld", name="Keld", type="GPE") for i in "abc"
    ]
    groups = compare_figures(figures, list(articles.values()), places)
    charts = figure_charts(figures, articles, groups)
    assert [(c.kind, len(c.points)) for c in charts] == [("killed", 3), ("injured", 1)]
    chart = charts[0]
    assert [p.conflict for p in chart.points] == [True, True, False]  # 17 vs 29, same day
    assert [p.update for p in chart.points] == [False, False, True]  # 40–50 two days on
    ranged = chart.points[-1]
    assert ranged.y_low is not None and ranged.y_high is not None and ranged.y_high < ranged.y_low
    assert len(chart.lines) == 1  # the reports of one toll are joined
    assert [name for _, name in chart.outlets] == ["Kestrel", "Ledger"]
    # Without a comparison nothing is marked and nothing joined.
    (plain, _) = figure_charts(figures, articles)
    assert not any(p.conflict or p.update for p in plain.points) and plain.lines == []


def test_network_edges_and_links() -> None:
    events = [
        Event(article="a", start=0, end=1, type="CONSULT", actor="Ada", target="Bo"),
        Event(article="b", start=0, end=1, type="CONSULT", actor="Ada", target="Bo"),
        Event(article="a", start=0, end=1, type="ACCUSE", actor="Bo", target="Cy"),
        Event(
            article="a", start=0, end=1, type="ACCUSE", actor="Bo", target="Cy", status="negated"
        ),
        Event(article="a", start=0, end=1, type="ASSAULT", actor="unnamed gunmen", target="Cy"),
        Event(article="a", start=0, end=1, type="AID", actor="Ada", target="Cy"),
    ]
    graph = build_network(events, lambda name: f"/x/{name}")
    assert [(e.source, e.target, e.type, e.count) for e in graph.edges] == [
        ("Ada", "Bo", "CONSULT", 2),
        ("Bo", "Cy", "ACCUSE", 1),
    ]
    assert [n.href for n in graph.nodes] == ["/x/Ada", "/x/Bo", "/x/Cy"]
    assert all(0 < n.x < graph.width and 0 < n.y < graph.height for n in graph.nodes)
    assert build_network(events, str, ["REQUEST"]).nodes == []
    assert graph == build_network(events, lambda name: f"/x/{name}")  # the same every run


def test_figures_orders_of_magnitude_apart_get_a_logarithmic_scale() -> None:
    articles = {"a": Article(id="a", text="", outlet="Kestrel", published="2025-03-05")}
    kw: dict[str, Any] = {"article": "a", "start": 0, "end": 1, "kind": "killed"}
    toll = [Figure(value=12, id="f1", **kw), Figure(value=21_000, id="f2", **kw)]
    (chart,) = figure_charts(toll, articles)
    assert chart.logarithmic and [t[1] for t in chart.y_ticks] == [
        "0",
        "10",
        "100",
        "1k",
        "10k",
        "100k",
    ]
    low, high = sorted(chart.points, key=lambda p: p.y, reverse=True)
    bottom = chart.y_ticks[0][0]
    assert bottom - low.y > 0.2 * (bottom - high.y)  # the small toll stands off the axis
    (linear,) = figure_charts([*toll[:1], Figure(value=40, id="f3", **kw)], articles)
    assert not linear.logarithmic
