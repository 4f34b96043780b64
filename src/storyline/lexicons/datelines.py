"""Datelines: the place (and agency) that opens a wire report, set off by a dash.

"KALVAR, Qaremia (Harbour Wire) — The talks resumed …". A dateline opens the text or,
after a headline and a byline, a paragraph; it is the reporter's, never part of what
anyone said or did.
"""

from __future__ import annotations

import re

# An upper-case place, an optional ", Region", an optional "(Agency)", then a dash.
DATELINE = re.compile(
    r"\s*([A-Z][A-Z'’.\- ]{1,40}[A-Z.])(?:,\s*[A-Z][\w.'’\- ]{1,40})?"
    r"\s*(?:\([^)\n]{1,60}\))?\s*[—–-]{1,2}\s"
)


def dateline_end(text: str, start: int = 0) -> int | None:
    """Where the text after a dateline opening at ``start`` begins, or None."""
    match = DATELINE.match(text, start)
    return match.end() if match is not None else None
