"""Reading inputs: files, directories and JSON lines into raw articles.

Each reader turns one input into :class:`RawArticle` items or raises
:class:`~storyline.errors.InputError`; :func:`read_inputs` turns those errors into
:class:`Skipped` items so one bad file never stops a batch.
"""

from __future__ import annotations

from .base import Defaults, RawArticle, Skipped, normalize_text, text_sha256
from .files import SUFFIXES, read_inputs

__all__ = [
    "SUFFIXES",
    "Defaults",
    "RawArticle",
    "Skipped",
    "normalize_text",
    "read_inputs",
    "text_sha256",
]
