"""Extractor slot: numeric claims with what was counted, qualifier, range, source and date."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Figure
from .registry import Context, register


@register(
    "figures",
    version=1,
    requires=(
        "entities",
        "quotes",
    ),
)
def extract_figures(doc: Doc, context: Context) -> list[Figure]:
    """Nothing yet: the issue that builds this extractor fills the slot."""
    return []
