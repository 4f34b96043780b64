"""The export's sections as flat tables, for CSV files a spreadsheet opens as they are.

Every cell holds one plain value: a list of names (an entity's ``aliases``, a proposal's
``articles``) is joined with "; ", and a proposal becomes one row per term of each of its
phases (a phase without terms, or a proposal without phases, one row with those cells
empty), so a filter on ``term_kind`` in a spreadsheet answers "which plans include a
withdrawal". Columns: the contract's, in its order (a proposal's ``phases`` replaced by
:data:`PHASE_COLUMNS`), then the ones the project adds, in the order they first appear.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# Contract §1, section by section: the columns every file has, even without rows.
CONTRACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "outlet", "published", "url", "source", "text_sha256"),
    "entities": ("id", "name", "type", "aliases", "affiliation"),
    "quotes": ("id", "article", "text", "kind", "speaker", "speaker_entity", "cue", "start",
               "end"),
    "figures": ("id", "article", "text", "value", "low", "high", "unit", "kind", "counted",
                "qualifier", "source", "as_of", "start", "end"),
    "events": ("id", "article", "type", "mode", "actor", "target", "location", "date",
               "date_text", "status", "text", "start", "end"),
    "proposals": ("id", "articles", "label", "proposer", "status", "phases"),
    "positions": ("id", "article", "holder", "stance", "issue", "text", "start", "end"),
}  # fmt: skip

# What a proposal's ``phases`` becomes: one row per phase term. ``duration_days`` is a
# [low, high] pair in the contract; two number columns sort and filter in a spreadsheet.
PHASE_COLUMNS = (
    "phase_index",
    "phase_duration_days_low",
    "phase_duration_days_high",
    "term_kind",
    "term_text",
    "term_obliged",
)
JOIN = "; "
# A cell starting with one of these is a formula to a spreadsheet. Texts come from the web
# (feeds, pages), so one could carry "=HYPERLINK(...)": a leading apostrophe keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flat_table(section: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and flat rows of one export section.

    Returns:
        Column names, and rows whose values are str, int, float, bool or None.
    """
    flat: list[dict[str, Any]] = []
    for row in rows:
        base = {k: _cell(v) for k, v in row.items() if k != "phases"}
        if "phases" in row:
            flat.extend({**base, **phase} for phase in _phase_rows(row["phases"]))
        else:
            flat.append(base)
    columns: list[str] = []
    for name in CONTRACT_COLUMNS.get(section, ()):
        columns.extend(PHASE_COLUMNS if name == "phases" else (name,))
    for row in flat:
        columns.extend(k for k in row if k not in columns)
    return columns, flat


def _phase_rows(phases: Any) -> Iterator[dict[str, Any]]:
    """One row of phase and term cells per term; a phase without terms is one row too."""
    if not phases:
        yield {}
        return
    for phase in phases:
        days = phase.get("duration_days") or (None, None)
        cells = {
            "phase_index": phase.get("index"),
            "phase_duration_days_low": days[0],
            "phase_duration_days_high": days[-1],
        }
        cells.update({f"phase_{k}": _cell(v) for k, v in phase.items() if k not in _PHASE_KEYS})
        terms = phase.get("terms") or [{}]
        for term in terms:
            yield {**cells, **{f"term_{k}": _cell(v) for k, v in term.items()}}


_PHASE_KEYS = {"index", "duration_days", "terms"}


def _cell(value: Any) -> Any:
    """One plain value: names joined, nested objects as JSON, formulas defused."""
    if isinstance(value, list | tuple):
        if all(isinstance(v, str | int | float) for v in value):
            value = JOIN.join(str(v) for v in value)
        else:
            return json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
