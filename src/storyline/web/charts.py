"""Server-drawn SVG: figures over time by outlet, and the actor network.

The geometry is computed here and the templates only place it, so the pages need no
charting script and the charts render the same with scripts off.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..models import DIMENSIONLESS, Article, Event, Figure
from ..resolve.compare import FigureGroup

WIDTH, HEIGHT = 680, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28
LOG_SPAN = 100  # values this many times apart or more get a logarithmic scale
SERIES = 8  # distinct outlet colours (.s0 … .s7 in app.css); more outlets share them


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    y_low: float | None
    y_high: float | None
    fact: str
    article: str
    label: str
    series: int
    conflict: bool
    update: bool = False


@dataclass
class Chart:
    """One figure kind and unit: a point per figure, a line per outlet."""

    kind: str
    unit: str
    points: list[Point] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)  # (series, "x,y x,y …")
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    outlets: list[tuple[int, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    logarithmic: bool = False


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _short(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def figure_charts(
    figures: Sequence[Figure],
    articles: dict[str, Article],
    groups: Sequence[FigureGroup] = (),
) -> list[Chart]:
    """One chart per (kind, unit) that has dated figures; compared kinds first.

    A figure is placed at its ``as_of`` day, else its article's publication day. The marks
    come from the comparison of sources (``groups``, :func:`~storyline.resolve.compare.
    compare_figures`): a value in a ``contradiction`` is ringed red, the later value of an
    ``update`` ringed blue. A line joins the values of one compared thing (a toll in one
    place), so an update shows as a step; values of different things are never joined.
    """
    marks = _marks(groups)
    thing = {v.figure: i for i, g in enumerate(groups) for v in g.values}
    rows_by_kind: dict[tuple[str, str], list[tuple[dt.date, Figure, str]]] = defaultdict(list)
    for figure in figures:
        article = articles.get(figure.article)
        day = _day(figure.as_of) or _day(article.published if article else None)
        amount = figure.value if figure.value is not None else figure.high
        if day is None or amount is None:
            continue
        outlet = (article.outlet if article else None) or "(unknown outlet)"
        # "-" marks a bare number (no unit word): shown like no unit at all.
        unit = "" if figure.unit in (None, DIMENSIONLESS) else figure.unit
        rows_by_kind[(figure.kind, unit)].append((day, figure, outlet))
    charts = [_chart(kind, unit, rows, marks, thing) for (kind, unit), rows in rows_by_kind.items()]
    compared = {g.kind for g in groups}
    charts.sort(key=lambda c: (c.kind not in compared, -len(c.points), c.kind, c.unit))
    return charts


def _marks(groups: Sequence[FigureGroup]) -> dict[str, set[str]]:
    """Figure id → the verdicts that mark it: ``contradiction``, ``update``."""
    marks: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for pair in group.pairs:
            a, b = group.values[pair.a], group.values[pair.b]
            if pair.verdict == "contradiction":
                marks[a.figure].add("contradiction")
                marks[b.figure].add("contradiction")
            elif pair.verdict == "update":
                marks[b.figure].add("update")  # values are in date order: b is the later
    return marks


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _chart(
    kind: str,
    unit: str,
    rows: list[tuple[dt.date, Figure, str]],
    marks: dict[str, set[str]],
    thing: dict[str, int],
) -> Chart:
    chart = Chart(kind=kind, unit=unit)
    outlets = sorted({outlet for _, _, outlet in rows})
    series = {name: i % SERIES for i, name in enumerate(outlets)}
    chart.outlets = [(series[name], name) for name in outlets]
    first = min(day for day, _, _ in rows) - dt.timedelta(days=1)
    last = max(day for day, _, _ in rows) + dt.timedelta(days=1)
    top = _nice_max(max(max(_values(f)) for _, f, _ in rows))
    span = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    positive = [v for _, f, _ in rows for v in _values(f) if v > 0]
    # A strike's toll of 12 beside a war's of 21,000 would sit on the axis of a linear
    # scale: where values span more than two orders of magnitude the scale is logarithmic.
    logarithmic = bool(positive) and max(positive) / min(positive) > LOG_SPAN
    if logarithmic:
        top = 10.0 ** math.ceil(math.log10(max(positive)))

    def x_of(day: dt.date) -> float:
        return round(LEFT + plot_w * (day - first).days / span, 1)

    def y_of(value: float) -> float:
        if logarithmic:
            share = math.log10(1 + max(value, 0.0)) / math.log10(1 + top)
            return round(TOP + plot_h * (1 - share), 1)
        return round(TOP + plot_h * (1 - value / top), 1)

    by_thing: dict[int, list[Point]] = defaultdict(list)
    for day, figure, outlet in sorted(rows, key=lambda r: (r[0], r[1].id)):
        low, high = (figure.low, figure.high) if figure.value is None else (None, None)
        middle = (low + high) / 2 if low is not None and high is not None else None
        amount = figure.value if figure.value is not None else middle or _values(figure)[-1]
        point = Point(
            x=x_of(day),
            y=y_of(amount),
            y_low=y_of(low) if low is not None else None,
            y_high=y_of(high) if high is not None else None,
            fact=figure.id,
            article=figure.article,
            label=f"{outlet}, {day}: {figure.text}"
            + (f" (per {figure.source})" if figure.source else ""),
            series=series[outlet],
            conflict="contradiction" in marks.get(figure.id, ()),
            update="update" in marks.get(figure.id, ()),
        )
        chart.points.append(point)
        if figure.id in thing:
            by_thing[thing[figure.id]].append(point)
    # A compared thing's line takes the colour of the outlet that reported it first.
    chart.lines = [
        (points[0].series, " ".join(f"{p.x},{p.y}" for p in points))
        for _, points in sorted(by_thing.items())
        if len(points) > 1
    ]
    if logarithmic:
        powers = range(1, int(math.log10(top)) + 1)
        chart.y_ticks = [(y_of(0.0), "0")] + [(y_of(10.0**p), _short(10.0**p)) for p in powers]
        chart.logarithmic = True
    else:
        chart.y_ticks = [(y_of(top * i / 4), _short(top * i / 4)) for i in range(5)]
    step = max(1, span // 6)
    chart.x_ticks = [
        (x_of(first + dt.timedelta(days=d)), (first + dt.timedelta(days=d)).isoformat()[5:])
        for d in range(1, span, step)
    ]
    return chart


def _values(figure: Figure) -> tuple[float, ...]:
    found = [v for v in (figure.value, figure.low, figure.high) if v is not None]
    return tuple(found) or (0.0,)


# -- the actor network ------------------------------------------------------------------

# Event types drawn as edges, and how an edge reads ("A met B").
EDGE_TYPES = {
    "CONSULT": "met",
    "ACCUSE": "accused",
    "REQUEST": "demanded of",
    "THREATEN": "threatened",
    "REJECT": "rejected",
    "AGREE": "agreed with",
    "ASSAULT": "attacked",
}
NET_WIDTH, NET_HEIGHT = 860, 560


@dataclass(frozen=True)
class Node:
    name: str
    x: float
    y: float
    r: float
    href: str
    label_x: float
    anchor: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    label: str
    count: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    width: int = NET_WIDTH
    height: int = NET_HEIGHT


def build_network(
    events: Sequence[Event], href: Callable[[str], str], types: Sequence[str] | None = None
) -> Network:
    """Who met, accused, demanded of whom: one edge per actor, target and type.

    Args:
        events: events with their corpus-wide names.
        href: the link of a node (its entity page, or the timeline filtered by it).
        types: the event types to draw (default: every type in :data:`EDGE_TYPES`).
    """
    wanted = set(types or EDGE_TYPES)
    counts: Counter[tuple[str, str, str]] = Counter()
    for event in events:
        if event.type not in wanted or not event.actor or not event.target:
            continue
        if event.status == "negated" or event.actor == event.target:
            continue
        if event.actor.startswith("unnamed ") or event.target.startswith("unnamed "):
            continue
        counts[(event.actor, event.target, event.type)] += 1
    names = sorted({n for a, t, _ in counts for n in (a, t)})
    places = _layout(names, [(a, t) for a, t, _ in counts])
    degree: Counter[str] = Counter()
    for (a, t, _), n in counts.items():
        degree[a] += n
        degree[t] += n
    nodes = []
    for name in names:
        x, y = places[name]
        r = round(5 + 2.5 * math.sqrt(degree[name]), 1)
        right = x < NET_WIDTH * 0.75
        nodes.append(
            Node(
                name,
                x,
                y,
                r,
                href(name),
                round(x + (r + 4 if right else -r - 4), 1),
                "start" if right else "end",
            )
        )
    radius = {n.name: n.r for n in nodes}
    edges = []
    for (a, t, kind), n in sorted(counts.items()):
        (x1, y1), (x2, y2) = places[a], places[t]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # Stop the line at the target's rim, so the arrowhead shows.
        shrink = (radius[t] + 3) / length
        edges.append(
            Edge(
                a,
                t,
                kind,
                EDGE_TYPES.get(kind, kind.lower()),
                n,
                x1,
                y1,
                round(x2 - (x2 - x1) * shrink, 1),
                round(y2 - (y2 - y1) * shrink, 1),
            )
        )
    return Network(nodes, edges)


def _layout(names: list[str], links: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """A small force-directed layout (Fruchterman–Reingold), the same on every run.

    Starts from a circle in name order, cools over a fixed number of rounds with a pull
    to the centre (so separate groups stay near each other), then is scaled to fill the
    canvas, leaving a margin for the labels.
    """
    n = len(names)
    if n == 0:
        return {}
    pos = {
        name: [math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)]
        for i, name in enumerate(names)
    }
    k = 1.6 / math.sqrt(n)
    temperature = 0.3
    for _ in range(200):
        move = {name: [-0.08 * pos[name][0], -0.08 * pos[name][1]] for name in names}
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 0.001)
                push = k * k / dist
                move[a][0] += dx / dist * push
                move[a][1] += dy / dist * push
                move[b][0] -= dx / dist * push
                move[b][1] -= dy / dist * push
        for a, b in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 0.001)
            pull = dist * dist / k
            move[a][0] -= dx / dist * pull
            move[a][1] -= dy / dist * pull
            move[b][0] += dx / dist * pull
            move[b][1] += dy / dist * pull
        for name in names:
            dx, dy = move[name]
            dist = max(math.hypot(dx, dy), 0.001)
            step = min(dist, temperature)
            pos[name][0] += dx / dist * step
            pos[name][1] += dy / dist * step
        temperature *= 0.98
    return _fit(pos)


def _fit(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """Scale and centre the layout into the canvas, keeping its proportions."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    margin_x, margin_y = 150, 40
    span_x = max(max(xs) - min(xs), 1e-6)
    span_y = max(max(ys) - min(ys), 1e-6)
    scale = min((NET_WIDTH - 2 * margin_x) / span_x, (NET_HEIGHT - 2 * margin_y) / span_y)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        name: (
            round(NET_WIDTH / 2 + (p[0] - mid_x) * scale, 1),
            round(NET_HEIGHT / 2 + (p[1] - mid_y) * scale, 1),
        )
        for name, p in pos.items()
    }
