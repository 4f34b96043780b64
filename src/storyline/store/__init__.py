"""Storage: the only importer of sqlite3 and the only place SQL is written.

``schema`` (migrations), ``connection`` (read-write and read-only opens, transactions),
``articles``, ``facts`` and ``entities`` (the queries of each), and ``database``, whose
:class:`Store` has them all.
"""

from __future__ import annotations

from .database import Migration, Store, migrate_store
from .schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Migration", "Store", "migrate_store"]
