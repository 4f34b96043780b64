"""Turning paths (files, directories, ``-``) into raw articles and skipped items."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from .base import RawArticle, Skipped
from .formats import read_html, read_markdown, read_text
from .meta import article_of, is_sidecar, orphan_reason, with_sidecar
from .records import read_json, read_jsonl

logger = logging.getLogger(__name__)

Reader = Callable[[str, str], Iterable[RawArticle | Skipped] | RawArticle]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": lambda text, source: read_jsonl(text.split("\n"), source),
}
SUFFIXES = tuple(READERS)


def read_inputs(
    paths: Iterable[str], *, max_bytes: int, stdin: TextIO | None = None
) -> Iterator[RawArticle | Skipped]:
    """Every article in ``paths``, in order; what cannot be read comes as :class:`Skipped`.

    A directory is walked recursively in name order, skipping hidden entries. A file named
    explicitly with an unknown suffix is read as plain text; inside a directory it is
    reported as unsupported. ``-`` reads JSON lines from ``stdin``. A metadata sidecar
    (``story.meta.json``) is read with its text file, never as an input of its own.
    """
    for path in paths:
        if path == "-":
            yield from checked(read_jsonl(stdin or sys.stdin, "<stdin>"))
            continue
        p = Path(path)
        if p.is_dir():
            for child in walk_files(p):
                if isinstance(child, Skipped):
                    yield child
                elif child.suffix.lower() in READERS:
                    yield from read_file(child, max_bytes=max_bytes)
                else:
                    yield Skipped(str(child), unsupported_reason(child))
        elif is_sidecar(p) and p.is_file():
            if article_of(p) is None:
                yield Skipped(path, orphan_reason(p))
            else:
                # Named with its text file (a shell glob): it is read with that file.
                logger.info("%s: metadata sidecar, read with its text file", path)
        elif p.exists() or p.is_symlink():
            yield from read_file(p, max_bytes=max_bytes)
        else:
            yield Skipped(path, "no such file or directory")


def walk_files(root: Path) -> Iterator[Path | Skipped]:
    try:
        children = sorted(root.iterdir())
    except OSError as e:
        yield Skipped(str(root), f"cannot list directory: {e.strerror or e}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from walk_files(child)
        elif is_sidecar(child):
            if article_of(child) is None:
                yield Skipped(str(child), orphan_reason(child))
        else:
            yield child


def unsupported_reason(path: Path) -> str:
    known = ", ".join(sorted({s for s in SUFFIXES if s not in (".text", ".markdown")}))
    return f"unsupported file type {path.suffix or '(no suffix)'!r}; Storyline reads {known}"


def read_file(path: Path, *, max_bytes: int) -> Iterator[RawArticle | Skipped]:
    """The articles in one file, or one :class:`Skipped` saying why there are none.

    A file of several records gives each bad record its own :class:`Skipped` and the
    others as articles.
    """
    source = str(path)
    try:
        text = read_checked(path, max_bytes=max_bytes)
        reader = READERS.get(path.suffix.lower(), read_text)
        result = reader(text, source)
        if isinstance(result, RawArticle):
            result = [with_sidecar(result, path)]
    except InputError as e:
        yield Skipped(e.source or source, e.message)
        return
    yield from checked(result)


def checked(items: Iterable[RawArticle | Skipped]) -> Iterator[RawArticle | Skipped]:
    """``items`` with each article that has no words in it as a :class:`Skipped`.

    Per item: a record of a JSON-lines file without words must not end the reading of the
    records after it.
    """
    for item in items:
        if isinstance(item, RawArticle):
            try:
                item = check_text(item)
            except InputError as e:
                item = Skipped(e.source or item.source, e.message)
        yield item


# A letter or a digit of any script: a text without one has no word to read.
_WORD = re.compile(r"[^\W_]")


def check_text(article: RawArticle) -> RawArticle:
    """The article, if its text has any words in it.

    Raises:
        InputError: the text is empty, or has no letter or digit (white space, NUL,
            punctuation, marks).
    """
    if not article.text.strip():
        raise InputError("no text to store (empty after reading)", source=article.source)
    if _WORD.search(article.text) is None:
        raise InputError("no text to store (no letter or digit in it)", source=article.source)
    return article


def read_checked(path: Path, *, max_bytes: int) -> str:
    """A file's text, refusing what is not a readable, reasonably sized UTF-8 text.

    Raises:
        InputError: unreadable, too big, empty, binary, or not UTF-8.
    """
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the {max_bytes:,}-byte cap (setting max_bytes)",
                source=source,
            )
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}", source=source) from e
    if not data.strip():
        raise InputError("empty file", source=source)
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad = data[e.start]
        raise InputError(
            f"not UTF-8 text (byte 0x{bad:02x} at offset {e.start}); re-save it as UTF-8",
            source=source,
        ) from e
