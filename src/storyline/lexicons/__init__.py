"""The general lexicons (one entry a line, ``#`` comments) and the one reader for them.

Every extractor reads its word lists through :func:`lexicon_lines`, so the file format is
defined once: blank lines and everything after ``#`` are ignored, fields within a line are
separated by ``|``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


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


def lexicon_rows(name: str) -> list[list[str]]:
    """The lines of ``lexicons/<name>``, each split on ``|`` into stripped fields."""
    return [[field.strip() for field in body.split("|")] for _, body in lexicon_lines(name)]
