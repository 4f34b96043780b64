"""The Storyline database: articles, their facts, and the entities resolved across them.

Every fact type has its own table, so the file answers plain SQL (``sqlite3 storyline.db
"select holder, stance from positions"``); the schema and its migrations are in
:mod:`.schema`, how a file is opened (read-write or read-only) in :mod:`.connection`. One
write transaction per batch means a killed ingest leaves either a whole batch or none of
it, and a rerun finds stored articles by their text hash.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .articles import ArticleQueries
from .catalog import CatalogQueries
from .entities import EntityQueries
from .facts import FactQueries
from .schema import SCHEMA_VERSION
from .search import SearchQueries


class Store(ArticleQueries, FactQueries, EntityQueries, SearchQueries, CatalogQueries):
    """A Storyline database file. Use as a context manager, or call :meth:`close`.

    ``Store(path)`` creates or migrates the file; ``Store(path, read_only=True)`` only
    reads it (see :mod:`.connection`). The filtered and paged reads of the API are in
    :mod:`.reads`, full-text search in :mod:`.search`.
    """


@dataclass(frozen=True)
class Migration:
    """What :func:`migrate_store` did: the schema version before and after."""

    db: str
    before: int
    after: int

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "changed": self.changed}


def migrate_store(path: str | Path) -> Migration:
    """Bring an existing database up to this version's schema (what read-only opens need).

    Raises:
        StoreError: there is no file at ``path``, it is not a Storyline database, it is
            newer than this Storyline, or the migration failed (the file keeps its old
            schema).
    """
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}; nothing to migrate")
    with Store(path) as store:
        return Migration(db=str(path), before=store.found_version, after=SCHEMA_VERSION)
