"""Figures compared across sources: agree, update, contradiction, copies left out."""

from __future__ import annotations

import pytest

from storyline.models import Article, Figure, Mention
from storyline.resolve.compare import FigureValue, compare_figures, judge

TEXT = "Officials in Keld said 40 people were killed in the shelling."


def _value(
    value: float, published: str | None, qualifier: str = "exact", **kw: object
) -> FigureValue:
    base = dict(
        low=None, high=None, article="a", outlet=None, as_of=None, source=None, figure="f", text=""
    )
    base.update(kw)
    return FigureValue(value=value, qualifier=qualifier, published=published, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (_value(40, "2025-03-10"), _value(42, "2025-03-10"), "agree"),  # within 10 %
        (_value(40, "2025-03-10"), _value(60, "2025-03-10"), "contradiction"),
        (_value(40, "2025-03-10"), _value(60, "2025-03-12"), "update"),
        (_value(40, None), _value(60, None), "contradiction"),
        (_value(40, "2025-03-10", "more_than"), _value(60, "2025-03-10"), "agree"),
        (_value(40, "2025-03-10", "up_to"), _value(60, "2025-03-10"), "contradiction"),
        (_value(50, "2025-03-10", "approx"), _value(60, "2025-03-10"), "agree"),  # 20 % slack
        (_value(40, "2025-03-10", as_of="2025-03-08"), _value(60, "2025-03-10"), "update"),
    ],
)
def test_verdicts(a: FigureValue, b: FigureValue, verdict: str) -> None:
    assert judge(a, b) == verdict


def _figure(
    article: str, value: float, *, kind: str = "killed", counted: str | None = "people"
) -> Figure:
    start = TEXT.index("40")
    return Figure(
        article=article,
        start=start,
        end=start + 2,
        text="40",
        value=value,
        kind=kind,
        counted=counted,
        id=f"f-{article}-{kind}",
    )


def _keld(article: str) -> Mention:
    return Mention(article=article, start=13, end=17, text="Keld", name="Keld", type="GPE")


def test_groups_by_kind_and_place_and_leaves_copies_out() -> None:
    articles = [
        Article(id="a", text=TEXT, outlet="Ledger", published="2025-03-10"),
        Article(id="b", text=TEXT, outlet="Kestrel", published="2025-03-10"),
        Article(id="c", text=TEXT, outlet="Wire", published="2025-03-10"),
        Article(id="d", text=TEXT, outlet="Bluewater", published="2025-03-14"),
    ]
    figures = [
        _figure("a", 40),
        _figure("b", 55, counted="Tarvenians"),  # a demonym counts the same toll
        _figure("c", 40),  # a reprint of a
        _figure("d", 70),
        _figure("a", 12, counted="children"),  # a subgroup: a group of its own
        _figure("b", 3, kind="other"),  # not compared
    ]
    groups = compare_figures(figures, articles, [_keld(i) for i in "abcd"], copies={"c": "a"})
    assert len(groups) == 1
    group = groups[0]
    assert (group.kind, group.counted, group.where) == ("killed", None, "Keld")
    assert [v.outlet for v in group.values] == ["Ledger", "Kestrel", "Bluewater"]
    verdicts = {(p.a, p.b): p.verdict for p in group.pairs}
    assert verdicts == {(0, 1): "contradiction", (0, 2): "update", (1, 2): "update"}
    assert group.to_dict()["pairs"][0] == {"a": 0, "b": 1, "verdict": "contradiction"}


def test_one_source_alone_is_no_comparison() -> None:
    articles = [Article(id="a", text=TEXT, published="2025-03-10")]
    assert compare_figures([_figure("a", 40)], articles) == []


def test_a_later_lower_toll_is_another_incident_not_an_update() -> None:
    """Deaths are counted again, never fewer: 12, then 17, then 5 two weeks on is two strikes."""
    days = {"a": "2025-03-05", "b": "2025-03-06", "c": "2025-03-18", "d": "2025-03-06"}
    articles = [Article(id=i, text=TEXT, outlet=i, published=d) for i, d in days.items()]
    figures = [_figure("a", 12), _figure("b", 17), _figure("c", 5)]
    groups = compare_figures(figures, articles, [_keld(i) for i in days])
    assert [[v.value for v in g.values] for g in groups] == [[12, 17]]
    assert [p.verdict for p in groups[0].pairs] == ["update"]
    # On the same day a lower count is a disagreement, shown as one.
    same_day = compare_figures(
        [_figure("b", 17), _figure("d", 5)], articles, [_keld("b"), _keld("d")]
    )
    assert [p.verdict for p in same_day[0].pairs] == ["contradiction"]
    # Hostages held do fall: a later lower count is an update there.
    held = [_figure(i, v, kind="hostages_held") for i, v in (("a", 12), ("c", 5))]
    assert [
        p.verdict for p in compare_figures(held, articles, [_keld("a"), _keld("c")])[0].pairs
    ] == ["update"]
