"""Entity mentions within one article: names, descriptors, roles, affiliations.

Registers ``entities``. Cross-article resolution lives in ``storyline.resolve``; the name
tests it shares with this package live in ``storyline.matching.names``.
"""

from __future__ import annotations

from ...matching.lexicon import Lexicon, load_lexicon
from .extractor import extract_entities

__all__ = ["Lexicon", "extract_entities", "load_lexicon"]
