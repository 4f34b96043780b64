"""Extractors: pure functions from a parsed article (``Doc``) to facts.

Importing this package registers the built-in extractors.
"""

from __future__ import annotations

# Imported for their registrations; order here does not matter (``requires`` decides).
from . import entities, events, figures, proposals, quotes  # noqa: F401
from .registry import ArticleMemo, Context, Extractor, MemoKey, get_extractors, register

__all__ = ["ArticleMemo", "Context", "Extractor", "MemoKey", "get_extractors", "register"]
