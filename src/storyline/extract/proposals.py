"""Extractor slot: proposals on the table, with phases and terms."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Proposal
from .registry import Context, register


@register("proposals", version=1, requires=("entities",))
def extract_proposals(doc: Doc, context: Context) -> list[Proposal]:
    """Nothing yet: the issue that builds this extractor fills the slot."""
    return []
