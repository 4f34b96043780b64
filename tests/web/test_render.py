"""The article's sentence segments and the SVG geometry, on hand-made facts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.models import Article, Event, Figure, Quote
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


def test_figure_chart_marks_disagreeing_reports() -> None:
    articles = {
        "a": Article(id="a", text="", outlet="Kestrel", published="2025-03-05"),
        "b": Article(id="b", text="", outlet="Ledger", published="2025-03-05"),
        "c": Article(id="c", text="", outlet="Kestrel", published="2025-03-07"),
    }
    figures = [
        Figure(article="a", start=0, end=1, value=17, unit="people", kind="killed", id="f1"),
        Figure(article="b", start=0, end=1, value=19, unit="people", kind="killed", id="f2"),
        Figure(article="c", start=0, end=1, low=20, high=30, unit="people", kind="killed", id="f3"),
        Figure(article="c", start=0, end=1, value=None, kind="other", id="f4"),
    ]
    (chart,) = figure_charts(figures, articles)
    assert (chart.kind, chart.unit, len(chart.points)) == ("killed", "people", 3)
    assert [p.conflict for p in chart.points] == [True, True, False]
    ranged = chart.points[-1]
    assert ranged.y_low is not None and ranged.y_high is not None and ranged.y_high < ranged.y_low
    assert len(chart.lines) == 1  # Kestrel's two reports are joined
    assert [name for _, name in chart.outlets] == ["Kestrel", "Ledger"]


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
