"""Extractor slot: direct, partial and indirect quotes with canonical speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Quote
from .registry import Context, register


@register("quotes", version=1, requires=("entities",))
def extract_quotes(doc: Doc, context: Context) -> list[Quote]:
    """Nothing yet: the issue that builds this extractor fills the slot."""
    return []
