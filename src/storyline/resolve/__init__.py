"""Resolution: the only stage that sees several documents at once."""

from __future__ import annotations

from .entities import resolve_entities

__all__ = ["resolve_entities"]
