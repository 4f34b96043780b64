"""Storage: the only importer of sqlite3."""

from __future__ import annotations

from .sqlite import Store

__all__ = ["Store"]
