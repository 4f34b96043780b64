"""Extractor slot: names of people, organizations and places, with canonical names."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Mention
from .registry import Context, register


@register("entities", version=1)
def extract_entities(doc: Doc, context: Context) -> list[Mention]:
    """Nothing yet: the issue that builds this extractor fills the slot."""
    return []
