"""Quotes under canonical speakers: quotation-mark spans and reported speech.

Registers ``quotes`` (reads ``entities``) and ``indirect_quotes`` (reads ``entities`` and
``quotes``), so reported speech can be turned off on its own.
"""

from __future__ import annotations

from .extractor import extract_indirect_quotes, extract_quotes

__all__ = ["extract_indirect_quotes", "extract_quotes"]
