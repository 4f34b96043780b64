"""Storage: the only importer of sqlite3 and the only place SQL is written.

``schema`` (migrations), ``connection`` (read-write and read-only opens, transactions
that wait their turn, the per-statement time limit), ``faults`` (SQLite's errors as one
line naming the file and the fix), ``articles``, ``facts`` and ``entities`` (the queries of
each), ``catalog`` (correcting and removing articles), ``reads`` (filtered, paged reads
for the API) and ``search`` (full text), and ``database``, whose :class:`Store` has them
all.
"""

from __future__ import annotations

from .catalog import METADATA_FIELDS, MetadataChange, UnknownArticleError
from .connection import QueryTimeoutError
from .database import Migration, Store, migrate_store
from .reads import (
    Actors,
    ArticleQuery,
    FactQuery,
    FactRow,
    OutletRow,
    Page,
    article_key,
    change_token,
    fact_key,
    match_expression,
)
from .schema import SCHEMA_VERSION
from .search import ArticleHit, QuoteHit

__all__ = [
    "METADATA_FIELDS",
    "SCHEMA_VERSION",
    "Actors",
    "ArticleHit",
    "ArticleQuery",
    "FactQuery",
    "FactRow",
    "MetadataChange",
    "Migration",
    "OutletRow",
    "Page",
    "QueryTimeoutError",
    "QuoteHit",
    "Store",
    "UnknownArticleError",
    "article_key",
    "change_token",
    "fact_key",
    "match_expression",
    "migrate_store",
]
