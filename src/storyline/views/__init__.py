"""Read-only views over the store: the brief, the timeline."""

from __future__ import annotations

from .brief import Brief, build_brief, format_brief

__all__ = ["Brief", "build_brief", "format_brief"]
