"""PLOVER events: trigger, type, mode, actor, target, status and resolved date.

Registers ``events`` (reads ``entities``). Merging one event reported several times is in
``storyline.matching.events``, which the cross-article resolver uses too.
"""

from __future__ import annotations

from .extractor import extract_events

__all__ = ["extract_events"]
