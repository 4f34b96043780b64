"""Proposals (phases, durations, terms, proposer) and positions (holder, stance, issue).

One package because both read the same parties, stance cues and phase words: a proposal's
proposer and a position's holder are found the same way (``parties``), and a position's
issue is often a proposal (``mentions``). Registers ``proposals`` and ``positions``.
"""

from __future__ import annotations

from .positions import extract_positions
from .proposals import extract_proposals

__all__ = ["extract_positions", "extract_proposals"]
