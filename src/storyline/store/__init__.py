"""Storage: the only importer of sqlite3 and the only place SQL is written.

``schema`` (migrations), ``connection`` (read-write and read-only opens, transactions,
the per-statement time limit), ``articles``, ``facts`` and ``entities`` (the queries of
each), ``reads`` (filtered, paged reads for the API) and ``search`` (full text), and
``database``, whose :class:`Store` has them all.
"""

from __future__ import annotations

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
    "SCHEMA_VERSION",
    "Actors",
    "ArticleHit",
    "ArticleQuery",
    "FactQuery",
    "FactRow",
    "Migration",
    "OutletRow",
    "Page",
    "QueryTimeoutError",
    "QuoteHit",
    "Store",
    "article_key",
    "change_token",
    "fact_key",
    "match_expression",
    "migrate_store",
]
