"""Export of the record in the contract's format (``../shared/docs/CONTRACT.md`` §1)."""

from __future__ import annotations

from .contract import FORMAT, SECTIONS, build_export
from .writers import write_export

__all__ = ["FORMAT", "SECTIONS", "build_export", "write_export"]
