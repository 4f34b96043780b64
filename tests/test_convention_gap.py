"""``scripts/convention_gap.py``: the PolNeAR cut of an export's quotes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "convention_gap.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convention_gap", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cut(text: str, *quotes: tuple[str, str, str | None]) -> list[dict[str, Any]]:
    """The PolNeAR cut of an export holding ``text`` and (words, kind, speaker) quotes."""
    export = {
        "articles": [{"id": "a", "text": text}],
        "quotes": [_quote(text, body, kind, speaker) for body, kind, speaker in quotes],
    }
    cut: list[dict[str, Any]] = _script().polnear_cut(export, 12)["quotes"]
    return cut


def _quote(text: str, body: str, kind: str, speaker: str | None) -> dict[str, Any]:
    start = text.index(body)
    return {"article": "a", "text": body, "kind": kind, "speaker": speaker,
            "start": start, "end": start + len(body)}  # fmt: skip


def test_pieces_of_one_speaker_around_a_reporting_clause_are_one_content() -> None:
    text = "“The road is open,” Ilse Varden said. “The trucks can pass.”\n“Not yet,” Heyl said."
    cut = _cut(
        text,
        ("The road is open,", "direct", "Ilse Varden"),
        ("The trucks can pass.", "direct", "Ilse Varden"),
        ("Not yet,", "direct", "Tomas Heyl"),
    )
    assert [q["text"] for q in cut] == ["The road is open, The trucks can pass.", "Not yet,"]


def test_a_partial_inside_a_kept_clause_is_told_through_the_clause() -> None:
    text = "Varden said the offer was “a gesture, not a concession” and left."
    cut = _cut(
        text,
        ("the offer was “a gesture, not a concession”", "indirect", "Ilse Varden"),
        ("a gesture, not a concession", "partial", "Ilse Varden"),
    )
    assert [q["kind"] for q in cut] == ["indirect"]


def test_pieces_of_different_speakers_or_paragraphs_stay_apart() -> None:
    text = "“We wait,” Orlo said. “We act,” Quist said.\n“Again,” Quist said."
    cut = _cut(
        text,
        ("We wait,", "direct", "Dana Orlo"),
        ("We act,", "direct", "Mara Quist"),
        ("Again,", "direct", "Mara Quist"),
    )
    assert len(cut) == 3
