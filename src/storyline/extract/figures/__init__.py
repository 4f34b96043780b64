"""Figures: numbers with unit, kind, qualifier, source and as-of date.

Registers ``figures`` (reads ``entities`` and ``quotes``).
"""

from __future__ import annotations

from .extractor import extract_figures

__all__ = ["extract_figures"]
