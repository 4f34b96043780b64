"""The article catalog: what is stored, correcting an article's metadata, removing articles.

``storyline articles`` lists, corrects and removes through these methods; ingest uses
:meth:`CatalogQueries.stored_metadata` and :meth:`CatalogQueries.update_metadata` when a
known text comes back with other metadata. Each write is one transaction.

Removing an article deletes its facts from every fact table and then the article row; the
full-text triggers of schema v5 take its search rows with them. Its entity members stay
until the resolver's next run, which finds the article's mentions gone, drops them and
rewrites the entities they were part of: only the resolver decides what an entity is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import NotInRecordError
from ..models import Article
from .connection import StoreBase, chunked, marks
from .schema import FACT_TABLES

# The metadata an article's text does not decide, which may be corrected after ingest.
METADATA_FIELDS = ("title", "outlet", "published", "url")

_META_COLUMNS = ("id", "text_sha256", "title", "outlet", "published", "url", "source")


class UnknownArticleError(NotInRecordError):
    """Raised when an article id names no stored article (``storyline articles`` lists them)."""


@dataclass(frozen=True)
class MetadataChange:
    """What changed in one article's metadata: ``field → (before, after)``.

    ``source`` is the input that brought the new metadata (ingest), None for a correction
    by hand (``storyline articles set``).
    """

    article_id: str
    changes: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    source: str | None = None

    @property
    def redated(self) -> bool:
        """Whether the publication date changed: dates resolved against it are stale."""
        return "published" in self.changes

    def describe(self) -> str:
        """``published 2025-03-03 → 2025-03-04, outlet (none) → Kestrel Wire``."""
        return ", ".join(
            f"{name} {before or '(none)'} → {after or '(none)'}"
            for name, (before, after) in self.changes.items()
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "changes": {k: {"before": b, "after": a} for k, (b, a) in self.changes.items()},
            "source": self.source,
        }


def metadata_changes(
    stored: Article, wanted: Mapping[str, str | None]
) -> dict[str, tuple[str | None, str | None]]:
    """``field → (stored, wanted)`` for each field of ``wanted`` that differs from ``stored``.

    Raises:
        ValueError: ``wanted`` names a field that is not metadata (a bug of the caller).
    """
    unknown = set(wanted) - set(METADATA_FIELDS)
    if unknown:
        raise ValueError(f"not article metadata: {', '.join(sorted(unknown))}")
    changes: dict[str, tuple[str | None, str | None]] = {}
    for name in METADATA_FIELDS:
        if name in wanted and wanted[name] != getattr(stored, name):
            changes[name] = (getattr(stored, name), wanted[name])
    return changes


class CatalogQueries(StoreBase):
    """Listing, correcting and removing stored articles."""

    def stored_metadata(self, sha: str) -> Article | None:
        """The stored article with this text hash, without its text (``text`` is '')."""
        row = self.conn.execute(
            f"SELECT {', '.join(_META_COLUMNS)} FROM articles WHERE text_sha256 = ?", (sha,)
        ).fetchone()
        return Article(**dict(row), text="") if row else None

    def update_metadata(
        self, article_id: str, wanted: Mapping[str, str | None], *, source: str | None = None
    ) -> MetadataChange:
        """Set the metadata fields of ``wanted`` (None clears one) on one article.

        A new publication date also makes the resolver redo the article's names on its
        next run: a role descriptor joins the holder of the role at the article's date.
        The facts whose dates were resolved against the old date are the caller's to redo
        (:func:`storyline.pipeline.reextract`).

        Returns:
            What changed; ``changes`` is empty when the article had these values already.

        Raises:
            UnknownArticleError: no article ``article_id`` is stored.
            StoreError: the write failed; the article keeps its metadata.
        """
        with self.transaction(f"update metadata of article {article_id}"):
            row = self.conn.execute(
                f"SELECT {', '.join(_META_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                raise UnknownArticleError(_unknown([article_id]))
            changes = metadata_changes(Article(**dict(row), text=""), wanted)
            if changes:
                assignments = ", ".join(f"{name} = ?" for name in changes)
                self.conn.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    (*(after for _, after in changes.values()), article_id),
                )
            if "published" in changes:
                self.conn.execute("DELETE FROM entity_articles WHERE article_id = ?", (article_id,))
        return MetadataChange(article_id, changes, source)

    def remove_articles(self, ids: Sequence[str]) -> None:
        """Delete articles with every fact of theirs, all of them or none.

        Run :func:`storyline.resolve.resolve_entities` afterwards: it drops the articles'
        entity members and rewrites the entities they were part of.

        Raises:
            UnknownArticleError: one of ``ids`` is not stored (nothing is removed).
            StoreError: the write failed; nothing is removed.
        """
        ids = list(dict.fromkeys(ids))
        with self.transaction(f"remove {len(ids)} article(s)"):
            found: set[str] = set()
            for chunk in chunked(ids):
                rows = self.conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({marks(chunk)})", chunk
                )
                found.update(str(r[0]) for r in rows)
            missing = [i for i in ids if i not in found]
            if missing:
                raise UnknownArticleError(_unknown(missing))
            for chunk in chunked(ids):
                # No foreign-key cascade: connections do not turn foreign keys on.
                for table in FACT_TABLES.values():
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE article_id IN ({marks(chunk)})", chunk
                    )
                self.conn.execute(f"DELETE FROM articles WHERE id IN ({marks(chunk)})", chunk)

    def fact_counts(self, ids: Sequence[str] | None = None) -> dict[str, Counter[str]]:
        """``article id → fact kind → count`` (mentions left out; kinds with none absent).

        ``ids`` None counts every article's facts.
        """
        out: dict[str, Counter[str]] = {}
        chunks: list[Sequence[str] | None] = [None] if ids is None else list(chunked(ids))
        for kind, table in FACT_TABLES.items():
            if kind == "mention":
                continue  # names, not claims: the entities count them
            for chunk in chunks:
                where = "" if chunk is None else f" WHERE article_id IN ({marks(chunk)})"
                rows = self.conn.execute(
                    f"SELECT article_id, count(*) FROM {table}{where} GROUP BY article_id",
                    tuple(chunk or ()),
                )
                for article_id, n in rows:
                    out.setdefault(str(article_id), Counter())[kind] = int(n)
        return out


def _unknown(ids: Sequence[str]) -> str:
    names = ", ".join(repr(i) for i in ids)
    return f"no article {names} in the record; `storyline articles` lists the stored ids"
