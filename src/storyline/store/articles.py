"""Articles: the stored reports every fact points into, stored together with their facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..models import Article, Fact
from .connection import StoreBase, chunked, marks
from .facts import insert_facts

_ARTICLE_COLUMNS = ("id", "text_sha256", "title", "outlet", "published", "url", "source", "text")


class ArticleQueries(StoreBase):
    """Storing articles in batches and reading them back."""

    def has_text(self, sha: str) -> bool:
        """Whether an article with this normalized-text hash is stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE text_sha256 = ?", (sha,))
        return row.fetchone() is not None

    def article_sha(self, article_id: str) -> str | None:
        """The text hash stored under ``article_id``, or None when the id is free."""
        row = self.conn.execute("SELECT text_sha256 FROM articles WHERE id = ?", (article_id,))
        found = row.fetchone()
        return str(found[0]) if found else None

    def add_batch(self, articles: Sequence[Article], facts: Iterable[Fact]) -> None:
        """Store articles and their facts in one transaction: all of them or none.

        Raises:
            StoreError: the write failed; nothing of the batch is stored.
        """
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.transaction("store batch"):
            self.conn.executemany(
                "INSERT INTO articles (id, text_sha256, title, outlet, published, url, "
                "source, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*(getattr(a, c) for c in _ARTICLE_COLUMNS), now) for a in articles],
            )
            insert_facts(self.conn, facts)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles in publication order (undated last), then by id."""
        sql = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles"
        params: tuple[str, ...] = ()
        if ids is not None:
            sql += f" WHERE id IN ({marks(ids)})"
            params = tuple(ids)
        sql += " ORDER BY published IS NULL, published, id"
        return [Article(**dict(row)) for row in self.conn.execute(sql, params)]

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def published_dates(self, ids: Sequence[str]) -> dict[str, str | None]:
        """``article id → publication date`` (None: undated, or no such article)."""
        out: dict[str, str | None] = dict.fromkeys(ids)
        for chunk in chunked(ids):
            rows = self.conn.execute(
                f"SELECT id, published FROM articles WHERE id IN ({marks(chunk)})", chunk
            )
            out.update({str(i): (str(p) if p else None) for i, p in rows})
        return out
