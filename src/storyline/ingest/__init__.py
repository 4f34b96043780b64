"""Reading inputs: files, directories, JSON lines, feeds and web pages into raw articles.

Each reader turns one input into :class:`RawArticle` items or raises
:class:`~storyline.errors.InputError`; :func:`read_inputs` turns those errors into
:class:`Skipped` items so one bad file never stops a batch. :class:`.sources.Sources`
adds RSS/Atom feeds and URLs (:mod:`.feeds`, fetched politely by :mod:`.fetch`) and
remembers across runs what it fetched.
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
