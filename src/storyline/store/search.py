"""Full-text search over article titles and texts and over quotes (SQLite FTS5).

The indexes (``articles_fts``, ``quotes_fts``, migration v5 in :mod:`.schema`) are kept in
step by triggers, so whatever writes articles or quotes keeps them current. Words match
whole words, ignoring case and accents, and the last word of each phrase also matches as
a prefix (``ceasefire`` finds "ceasefires"); hits come best first (SQLite's bm25).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Article, Quote
from .reads import (
    _ARTICLE_COLUMNS,
    FactRow,
    Page,
    ReadQueries,
    _key,
    _limit,
    match_expression,
)


@dataclass(frozen=True)
class ArticleHit:
    """An article whose title or text matches, with its text; ``key`` pages the hits."""

    article: Article
    key: tuple[float, int]


@dataclass(frozen=True)
class QuoteHit:
    """A quote whose words or speaker match, with its article's title."""

    row: FactRow
    title: str | None
    key: tuple[float, int]


class SearchQueries(ReadQueries):
    """Searching the full-text indexes."""

    def search_articles(
        self,
        words: str,
        *,
        limit: int,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> Page[ArticleHit]:
        """One page of the articles matching ``words``, best first, each with its text.

        Raises:
            QueryTimeoutError: the search ran over the time limit.
        """
        expression = match_expression(words)
        if expression is None:
            return Page([], 0, 0, None)
        columns = ", ".join(f"a.{c}" for c in (*_ARTICLE_COLUMNS, "text"))
        rows, total, first = self._search("articles_fts", expression, limit, offset, after)
        found: dict[int, Article] = {}
        if rows:
            marks = ", ".join("?" * len(rows))
            for row in self._select(
                f"SELECT s.id AS search_id, {columns} FROM search_rows s "
                f"JOIN articles a ON a.id = s.key WHERE s.id IN ({marks})",
                [int(r[1]) for r in rows],
            ):
                values = {c: row[c] for c in (*_ARTICLE_COLUMNS, "text")}
                found[int(row["search_id"])] = Article(**values)
        hits = [
            ArticleHit(found[int(r[1])], (float(r[0]), int(r[1])))
            for r in rows
            if int(r[1]) in found
        ]
        return _page(hits, limit, total, first)

    def search_quotes(
        self,
        words: str,
        *,
        limit: int,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> Page[QuoteHit]:
        """One page of the quotes whose words or speaker match ``words``, best first.

        Raises:
            QueryTimeoutError: the search ran over the time limit.
        """
        expression = match_expression(words)
        if expression is None:
            return Page([], 0, 0, None)
        rows, total, first = self._search("quotes_fts", expression, limit, offset, after)
        ids: dict[int, str] = {}
        titles: dict[int, str | None] = {}
        if rows:
            marks = ", ".join("?" * len(rows))
            for row in self._select(
                "SELECT s.id, q.id, a.title FROM search_rows s JOIN quotes q ON q.id = s.key "
                f"JOIN articles a ON a.id = q.article_id WHERE s.id IN ({marks})",
                [int(r[1]) for r in rows],
            ):
                ids[int(row[0])] = str(row[1])
                titles[int(row[0])] = row[2]
        facts = self.facts_by_id(Quote, ids.values())
        hits = [
            QuoteHit(facts[ids[int(r[1])]], titles[int(r[1])], (float(r[0]), int(r[1])))
            for r in rows
            if int(r[1]) in ids and ids[int(r[1])] in facts
        ]
        return _page(hits, limit, total, first)

    def _search(
        self,
        table: str,
        expression: str,
        limit: int,
        offset: int,
        after: Sequence[Any] | None,
    ) -> tuple[list[Any], int, int]:
        """``(rank, rowid)`` of one page of matches (one extra), the total and the offset."""
        match = f"SELECT rank, rowid FROM {table} WHERE {table} MATCH ?"
        params: list[Any] = [expression]
        total = self._count(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", params)
        if after is None:
            rows = self._select(f"{match} ORDER BY rank, rowid{_limit(limit, offset)}", params)
            return rows, total, offset
        rank, rowid = _key(after, 2)
        later = "(rank > ? OR (rank = ? AND rowid > ?))"
        rows = self._select(
            f"{match} AND {later} ORDER BY rank, rowid{_limit(limit, 0)}",
            [*params, rank, rank, rowid],
        )
        first = total - self._count(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ? AND {later}",
            [*params, rank, rank, rowid],
        )
        return rows, total, first


def _page(hits: list[Any], limit: int, total: int, first: int) -> Page[Any]:
    more = len(hits) > limit
    hits = hits[:limit]
    return Page(hits, total, first, hits[-1].key if more and hits else None)
