"""Storyline: a sourced, structured, time-resolved record of a conflict's news coverage."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

# The library logs and never prints; output belongs to the CLI (see cli.py).
logging.getLogger(__name__).addHandler(logging.NullHandler())
