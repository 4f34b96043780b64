"""The lexicon reader: every shipped lexicon loads, and a bad row fails one way, naming
``lexicons/<file>:<line>``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from storyline import lexicons
from storyline.errors import LexiconError
from storyline.extract.common import numbers
from storyline.extract.entities import wordclasses
from storyline.extract.events import lexicon as events
from storyline.extract.figures import lexicon as figures
from storyline.extract.proposals import lexicon as proposals
from storyline.extract.proposals import parties
from storyline.extract.quotes import lexicon as quotes
from storyline.lexicons import lexicon_lines, lexicon_rows
from storyline.matching import lexicon as entities

# Every loader of a shipped lexicon; each is cached once per process.
LOADERS: list[Callable[[], Any]] = [
    entities.load_lexicon,
    events.load_lexicon,
    events.load_verb_classes,
    figures.units,
    figures.currencies,
    figures.qualifiers,
    figures.kind_cues,
    numbers.number_words,
    quotes.reporting_verbs,
    quotes.cue_verbs,
    quotes.speech_nouns,
    quotes.titles,
    quotes.role_titles,
    proposals.proposal_nouns,
    proposals.proposal_modifiers,
    proposals.proposal_verbs,
    proposals.term_classes,
    proposals.stance_cues,
    proposals.evaluations,
    proposals.contact_words,
    proposals.condition_markers,
    parties.reporting_verbs,
    wordclasses.load_word_classes,
]


def _clear_caches() -> None:
    lexicon_lines.cache_clear()
    quotes.load_lexicon.cache_clear()
    for loader in LOADERS:
        clear = getattr(loader, "cache_clear", None)
        if clear is not None:
            clear()


def _shipped() -> list[Any]:
    """The lexicon files in the package."""
    folder = resources.files("storyline").joinpath("lexicons")
    return [f for f in folder.iterdir() if f.name.endswith(".txt")]


@pytest.fixture
def lexicon_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in for ``storyline/lexicons``, starting as a copy: the loaders read the
    files written here."""
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for shipped in _shipped():
        (folder / shipped.name).write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(lexicons, "resources", SimpleNamespace(files=lambda package: tmp_path))
    _clear_caches()
    yield folder
    _clear_caches()  # the next test reads the shipped files again


def test_every_shipped_lexicon_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    read: set[str] = set()
    real = lexicon_lines.__wrapped__

    def recording(name: str) -> tuple[tuple[int, str], ...]:
        read.add(name)
        return real(name)

    _clear_caches()
    monkeypatch.setattr(lexicons, "lexicon_lines", recording)
    monkeypatch.setattr(events, "lexicon_lines", recording)
    try:
        for loader in LOADERS:
            assert loader(), loader.__name__
    finally:
        _clear_caches()
    # No file is left unread, and no loader reads a missing one.
    assert read == {f.name for f in _shipped()}


def test_rows_are_split_stripped_and_padded(lexicon_dir: Path) -> None:
    (lexicon_dir / "t.txt").write_text(
        "# a header\nkm | kilometre | length\n\nmile|mile|length|1609 # a comment\n",
        encoding="utf-8",
    )
    assert lexicon_rows("t.txt", fields=(3, 4)) == [
        ["km", "kilometre", "length", ""],
        ["mile", "mile", "length", "1609"],
    ]
    assert lexicon_rows("t.txt", fields=(3, None)) == [
        ["km", "kilometre", "length"],
        ["mile", "mile", "length", "1609"],
    ]
    assert lexicon_lines("t.txt") == ((2, "km | kilometre | length"), (4, "mile|mile|length|1609"))


@pytest.mark.parametrize(
    ("fields", "wanted"),
    [(2, "expected 2 fields"), (4, "expected 4 fields"), ((1, 2), "expected 1 to 2 fields")],
)
def test_a_row_with_the_wrong_number_of_fields_names_its_line(
    lexicon_dir: Path, fields: int | tuple[int, int], wanted: str
) -> None:
    (lexicon_dir / "t.txt").write_text(
        "# header\n\none | two\nthree | four | five\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match=wanted) as raised:
        lexicon_rows("t.txt", fields=fields)
    assert raised.value.source in ("lexicons/t.txt:3", "lexicons/t.txt:4")
    assert str(raised.value).startswith(raised.value.source + ": ")


@pytest.mark.parametrize(
    ("name", "row", "load"),
    [
        ("proposal_verbs.txt", "draft | author | extra", proposals.proposal_verbs),
        ("proposal_nouns.txt", "plan | base", proposals.proposal_nouns),
        ("figure_kinds.txt", "kill | killed", figures.kind_cues),
        ("figure_units.txt", "km", figures.units),
        ("organizations.txt", "United Nations | UN | U.N.", entities.load_lexicon),
        ("countries.txt", "Ruritania | | Ruritanian", entities.load_lexicon),
        ("honorifics.txt", "mr | mister", entities.load_lexicon),
        ("reporting_verbs.txt", "say | tell", quotes.reporting_verbs),
        ("position_reporting.txt", "say | tell", parties.reporting_verbs),
        ("number_words.txt", "one | 1", numbers.number_words),
    ],
)
def test_each_loader_fails_the_same_way_on_a_bad_row(
    lexicon_dir: Path, name: str, row: str, load: Callable[[], Any]
) -> None:
    (lexicon_dir / name).write_text(f"# {name}\n{row}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="fields separated by") as raised:
        load()
    assert raised.value.source == f"lexicons/{name}:2"


def test_a_bad_trigger_line_names_its_line(lexicon_dir: Path) -> None:
    (lexicon_dir / "plover_verbs.txt").write_text(
        "# triggers\nAGREE agree\nATTACK strike\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="unknown PLOVER type") as raised:
        events.load_lexicon()
    assert raised.value.source == "lexicons/plover_verbs.txt:3"
