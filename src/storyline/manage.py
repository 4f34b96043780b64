"""Correcting and removing stored articles: ``storyline articles set`` and ``articles rm``.

A corrected publication date is more than a label: events dated "on Monday" and figures
"as of yesterday" were resolved against the old date, and the resolver placed the
article's role descriptors ("the chief mediator") by it. So a new date re-runs the
extractors over that article and has the resolver redo its names. Removing articles takes
their facts and search rows with them, then the resolver drops their names from the
entities (an entity no other article names goes; aliases only they gave go too).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .ingest.meta import read_day
from .pipeline import reextract
from .resolve import resolve_entities
from .store import METADATA_FIELDS, MetadataChange, Store
from .store.catalog import UnknownArticleError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleUpdate:
    """What ``articles set`` did: the metadata change and, for a new date, the facts redone."""

    change: MetadataChange
    reextracted: bool = False
    facts: int = 0
    failures: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.change.to_dict(),
            "reextracted": self.reextracted,
            "facts": self.facts,
            "failures": list(self.failures),
        }


@dataclass(frozen=True)
class Removal:
    """What ``articles rm`` did: articles and facts removed, entities before and after."""

    articles: tuple[str, ...]
    facts: int
    entities_before: int
    entities_after: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "removed": list(self.articles),
            "facts": self.facts,
            "entities_before": self.entities_before,
            "entities_after": self.entities_after,
        }


def update_article(
    store: Store, settings: Settings, article_id: str, metadata: Mapping[str, str | None]
) -> ArticleUpdate:
    """Set an article's title, outlet, publication date or URL (None or '' clears one).

    Args:
        store: the database, opened for writing.
        settings: what re-extraction uses (models, disabled extractors, workers).
        article_id: the article to correct.
        metadata: the fields to set, of :data:`~storyline.store.METADATA_FIELDS`.

    Returns:
        The change; when the date changed, the article's facts were re-extracted against
        the new date and its entities resolved again.

    Raises:
        UnknownArticleError: no article ``article_id`` is stored.
        InputError: ``published`` is not a date.
        ValueError: ``metadata`` names a field that is not metadata.
        StoreError: the database cannot be written.
    """
    wanted: dict[str, str | None] = {}
    for name, value in metadata.items():
        if name not in METADATA_FIELDS:
            raise ValueError(f"not article metadata: {name!r}")
        text = value.strip() if isinstance(value, str) else None
        if name == "published" and text:
            text = read_day(text, what="published")
        wanted[name] = text or None
    change = store.update_metadata(article_id, wanted)
    if not change.redated:
        return ArticleUpdate(change)
    redone = reextract(store, settings, ids=[article_id])
    logger.info("re-extracted %s against its new date", article_id)
    return ArticleUpdate(
        change,
        reextracted=True,
        facts=sum(n for kind, n in redone.facts.items() if kind != "mention"),
        failures=tuple(redone.failures),
    )


def remove_articles(store: Store, ids: Sequence[str]) -> Removal:
    """Remove articles with their facts, then resolve the entities again.

    All of them or none: one unknown id removes nothing.

    Raises:
        UnknownArticleError: one of ``ids`` is not stored (the message names it).
        StoreError: the database cannot be written.
    """
    ids = list(dict.fromkeys(ids))
    counts = store.fact_counts(ids)
    before = len(store.entities())
    store.remove_articles(ids)
    after = len(resolve_entities(store))
    return Removal(
        articles=tuple(ids),
        facts=sum(sum(c.values()) for c in counts.values()),
        entities_before=before,
        entities_after=after,
    )


__all__ = ["ArticleUpdate", "Removal", "UnknownArticleError", "remove_articles", "update_article"]
