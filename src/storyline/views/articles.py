"""The stored articles as a list: id, date, outlet, title and how many facts each gave.

``storyline articles`` shows it, to find the id that ``storyline articles set`` corrects
or ``storyline articles rm`` removes (:mod:`storyline.manage`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..matching.periods import period_bounds
from ..models import Article
from ..store import ArticleQuery, Store
from .ask import UnknownValueError


@dataclass(frozen=True)
class ArticleEntry:
    """One stored article (without its text) and its facts by kind (mentions left out)."""

    article: Article
    facts: Counter[str]

    def to_dict(self) -> dict[str, Any]:
        data = self.article.to_dict()
        del data["text"]
        return {**data, "facts": sum(self.facts.values()), "facts_by_kind": dict(self.facts)}


def list_articles(
    store: Store,
    *,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
    search: str | None = None,
) -> list[ArticleEntry]:
    """The stored articles that pass every filter given, in publication order (undated last).

    Args:
        store: the database (read only).
        outlet: only this outlet (case ignored).
        start: only articles published on or after this day, month (2025-03) or year.
        end: only articles published on or before this day, month or year.
        search: only articles whose title or text has all these words.

    Raises:
        UnknownValueError: ``start`` or ``end`` is not a day, week, month or year.
    """
    query = ArticleQuery(
        outlet=outlet,
        start=_day(start, "--from", 0),
        end=_day(end, "--to", 1),
        words=search or None,
    )
    articles = store.query_articles(query).items
    counts = store.fact_counts([a.id for a in articles])
    return [ArticleEntry(a, counts.get(a.id, Counter())) for a in articles]


def format_articles(entries: list[ArticleEntry]) -> str:
    """A table: id, publication day, outlet, facts, title; one article a line."""
    if not entries:
        return "no articles"
    rows = [
        (
            e.article.id,
            (e.article.published or "undated")[:10],
            e.article.outlet or "-",
            str(sum(e.facts.values())),
            e.article.title or "(no title)",
        )
        for e in entries
    ]
    header = ("ID", "PUBLISHED", "OUTLET", "FACTS", "TITLE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].ljust(widths[2])]
        lines.append("  ".join([*cells, row[3].rjust(widths[3]), row[4]]))
    return "\n".join(lines)


def _day(value: str | None, option: str, end: int) -> str | None:
    """The first (``end`` 0) or last (1) day of a day, week, month or year, as ISO."""
    if not value:
        return None
    try:
        return period_bounds(value)[end].isoformat()
    except ValueError as e:
        raise UnknownValueError(
            f"{option} takes a day (2025-03-04), a month (2025-03), a week (2025-W10) or a "
            f"year (2025), not {value!r}"
        ) from e
