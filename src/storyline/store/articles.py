"""Articles: the stored reports every fact points into, stored together with their facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..models import Article, Fact
from .connection import StoreBase, chunked, marks
from .facts import insert_facts

_ARTICLE_COLUMNS = ("id", "text_sha256", "title", "outlet", "published", "url", "source", "text")


@dataclass
class StoredBatch:
    """What :meth:`ArticleQueries.add_new_batch` stored and what it found already there.

    ``duplicates`` are articles whose text was stored meanwhile (by another process);
    ``clashes`` articles whose id was taken meanwhile by another text.
    """

    stored: list[Article] = field(default_factory=list)
    duplicates: list[Article] = field(default_factory=list)
    clashes: list[Article] = field(default_factory=list)


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
        with self.transaction("store batch"):
            self._insert(articles, facts)

    def add_new_batch(self, articles: Sequence[Article], facts: Iterable[Fact]) -> StoredBatch:
        """Store the articles not stored yet, with their facts, in one transaction.

        The check is made under the write lock, so two processes ingesting the same text
        at once store it once, and neither loses its batch: the later one finds the text
        (or its id) taken and leaves that article, and its facts, out.

        Raises:
            StoreError: the write failed; nothing of the batch is stored.
        """
        done = StoredBatch()
        with self.transaction("store batch"):
            texts = self._stored("text_sha256", [a.text_sha256 for a in articles])
            ids = self._stored("id", [a.id for a in articles])
            for article in articles:
                if article.text_sha256 in texts:
                    done.duplicates.append(article)
                elif article.id in ids:
                    done.clashes.append(article)
                else:
                    done.stored.append(article)
            kept = {a.id for a in done.stored}
            self._insert(done.stored, (f for f in facts if f.article in kept))
        return done

    def _stored(self, column: str, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` (values of the unique ``column``) are stored already."""
        found: set[str] = set()
        for chunk in chunked(keys):
            rows = self.conn.execute(
                f"SELECT {column} FROM articles WHERE {column} IN ({marks(chunk)})", chunk
            )
            found.update(str(row[0]) for row in rows)
        return found

    def _insert(self, articles: Sequence[Article], facts: Iterable[Fact]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
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

    def titles(self, ids: Sequence[str]) -> dict[str, str | None]:
        """``article id → title`` (None: no title, or no such article)."""
        return self._column(ids, "title")

    def published_dates(self, ids: Sequence[str]) -> dict[str, str | None]:
        """``article id → publication date`` (None: undated, or no such article)."""
        return self._column(ids, "published")

    def _column(self, ids: Sequence[str], column: str) -> dict[str, str | None]:
        """``article id → column value`` for one text column of ``articles``."""
        if column not in ("title", "published"):
            raise ValueError(f"not a text column of articles: {column!r}")
        out: dict[str, str | None] = dict.fromkeys(ids)
        for chunk in chunked(ids):
            rows = self.conn.execute(
                f"SELECT id, {column} FROM articles WHERE id IN ({marks(chunk)})", chunk
            )
            out.update({str(i): (str(v) if v else None) for i, v in rows})
        return out
