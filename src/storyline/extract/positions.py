"""Extractor slot: where each party stands, with stance and issue."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Position
from .registry import Context, register


@register(
    "positions",
    version=1,
    requires=(
        "entities",
        "quotes",
    ),
)
def extract_positions(doc: Doc, context: Context) -> list[Position]:
    """Nothing yet: the issue that builds this extractor fills the slot."""
    return []
