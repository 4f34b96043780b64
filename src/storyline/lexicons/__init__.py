"""The general lexicons (one entry a line, ``#`` comments) and the one reader for them.

Every extractor reads its word lists through :func:`lexicon_rows` (or :func:`lexicon_lines`
for the line itself), so the file format and its errors are defined once: blank lines and
everything after ``#`` are ignored, fields within a line are separated by ``|``, and a row
with the wrong number of fields is a :class:`~storyline.errors.LexiconError` naming
``lexicons/<file>:<line>``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..errors import LexiconError


@cache
def lexicon_lines(name: str) -> tuple[tuple[int, str], ...]:
    """``(line number, content)`` of each non-empty line of ``lexicons/<name>``."""
    text = resources.files("storyline").joinpath("lexicons", name).read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].strip()
        if body:
            out.append((number, body))
    return tuple(out)


def lexicon_rows(name: str, fields: int | tuple[int, int | None] | None = None) -> list[list[str]]:
    """The lines of ``lexicons/<name>``, each split on ``|`` into stripped fields.

    Args:
        name: the file under ``storyline/lexicons``.
        fields: how many fields a row must have: a number, or ``(fewest, most)`` with the
            optional trailing ones padded with ``""`` (``most`` None: any number, no
            padding); None takes rows as they are.

    Raises:
        LexiconError: a row has too few or too many fields; the message names the line.
    """
    low: int
    high: int | None
    if fields is None:
        low, high = 0, None
    elif isinstance(fields, int):
        low = high = fields
    else:
        low, high = fields
    rows = []
    for number, body in lexicon_lines(name):
        row = [field.strip() for field in body.split("|")]
        if len(row) < low or (high is not None and len(row) > high):
            wanted = str(low) if low == high else f"{low}+" if high is None else f"{low} to {high}"
            raise LexiconError(
                f"expected {wanted} fields separated by '|', found {len(row)}",
                source=f"lexicons/{name}:{number}",
            )
        if high is not None:
            row += [""] * (high - len(row))
        rows.append(row)
    return rows
