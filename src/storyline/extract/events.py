"""Extractor slot: PLOVER-coded events with status and resolved dates."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Event
from .registry import Context, register


@register("events", version=1, requires=("entities",))
def extract_events(doc: Doc, context: Context) -> list[Event]:
    """Nothing yet: the issue that builds this extractor fills the slot."""
    return []
