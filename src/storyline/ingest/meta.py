"""Metadata for plain-text reports: a ``NAME.meta.json`` sidecar, or YAML front matter.

A ``.txt`` file carries no title, date or outlet of its own beyond a headline line. Its
metadata may sit beside it, in ``story.meta.json`` next to ``story.txt``::

    {"title": "Talks resume", "published": "2025-03-04", "outlet": "Kestrel Wire",
     "url": "https://kestrel.example/talks"}

or atop it, as YAML front matter between ``---`` lines, as in Markdown. Both hold the same
four keys; a key that is not one of them, or a date that cannot be read, skips the file
with a reason rather than storing it undated: a misspelt ``pubished`` would otherwise be
lost without a word. A sidecar's keys win over the front matter's. A sidecar is never an
article itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dateparser

from ..errors import InputError
from .base import ISO_DAY, RawArticle, clean_str, exact_day, load_json

SIDECAR_SUFFIX = ".meta.json"
# The keys a sidecar or a .txt front matter may hold.
META_KEYS = ("title", "published", "outlet", "url")
# Files a sidecar is read for.
TEXT_SUFFIXES = (".txt", ".text")
# A sidecar holds four short values; anything this big is not one.
SIDECAR_MAX_BYTES = 64 * 1024


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is named as a metadata sidecar (``NAME.meta.json``)."""
    return path.name.lower().endswith(SIDECAR_SUFFIX) and len(path.name) > len(SIDECAR_SUFFIX)


def sidecar_of(path: Path) -> Path:
    """Where the sidecar of the text file ``path`` would be: ``story.txt`` → ``story.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def article_of(sidecar: Path) -> Path | None:
    """The text file the sidecar ``sidecar`` belongs to, or None when there is none."""
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    for suffix in TEXT_SUFFIXES:
        candidate = sidecar.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def orphan_reason(sidecar: Path) -> str:
    """Why a sidecar without its text file is skipped."""
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    return (
        f"metadata sidecar without its text: no {stem}.txt beside it "
        "(sidecars are read for .txt files)"
    )


def with_sidecar(article: RawArticle, path: Path) -> RawArticle:
    """``article`` (read from the text file ``path``) with its sidecar's metadata, if any.

    Raises:
        InputError: the sidecar cannot be read, is not a JSON object, has a key that is not
            one of :data:`META_KEYS`, a value that is not a string, or an unreadable date;
            the message names the sidecar.
    """
    sidecar = sidecar_of(path)
    if path.suffix.lower() not in TEXT_SUFFIXES or not sidecar.is_file():
        return article
    where = f"sidecar {sidecar}"
    try:
        data = sidecar.read_bytes()
    except OSError as e:
        raise InputError(f"{where}: cannot read it: {e.strerror or e}", source=str(path)) from e
    if len(data) > SIDECAR_MAX_BYTES:
        raise InputError(
            f"{where}: {len(data):,} bytes is too big for a metadata sidecar", source=str(path)
        )
    try:
        loaded = load_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not UTF-8 text", source=str(path)) from e
    except json.JSONDecodeError as e:
        raise InputError(
            f"{where}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
            source=str(path),
        ) from e
    except ValueError as e:
        raise InputError(f"{where}: not readable JSON ({e})", source=str(path)) from e
    if not isinstance(loaded, dict):
        raise InputError(
            f'{where}: not a JSON object; write {{"published": "2025-03-04", ...}}',
            source=str(path),
        )
    return apply_metadata(article, check_metadata(loaded, where, source=str(path)))


def check_metadata(meta: Mapping[Any, Any], where: str, *, source: str) -> dict[str, str | None]:
    """The metadata of a sidecar or front matter, checked: ``key → value`` (None: cleared).

    Args:
        meta: the keys and values as read.
        where: what they were read from, for messages ("sidecar x.meta.json").
        source: the text file they belong to (the skipped input).

    Raises:
        InputError: a key that is not one of :data:`META_KEYS`, a value that is not a
            string (or a date, from YAML), or a ``published`` that is not a date.
    """
    out: dict[str, str | None] = {}
    for key, value in meta.items():
        if key not in META_KEYS:
            raise InputError(
                f"{where}: unknown key {key!r}; metadata keys are {', '.join(META_KEYS)}",
                source=source,
            )
        if key == "published" and value is not None:
            out[key] = read_day(value, what=f"{where}: published", source=source)
        elif value is None or isinstance(value, str):
            out[key] = clean_str(value)
        else:
            # The kind, not the value: YAML aliases can make a list of millions of items.
            kind = isinstance(value, list | dict)
            shown = f"a {type(value).__name__}" if kind else json.dumps(value, default=str)
            raise InputError(f"{where}: {key!r} must be a string, not {shown}", source=source)
    return out


def apply_metadata(article: RawArticle, meta: Mapping[str, str | None]) -> RawArticle:
    """``article`` with the fields of ``meta`` set (a None value leaves a field as it was)."""
    given = {k: v for k, v in meta.items() if v is not None}
    if not given:
        return article
    return RawArticle(
        source=article.source,
        text=article.text,
        id=article.id,
        title=given.get("title", article.title),
        outlet=given.get("outlet", article.outlet),
        published=given.get("published", article.published),
        url=given.get("url", article.url),
    )


def read_day(value: Any, *, what: str, source: str | None = None) -> str:
    """An ISO day from a date the user wrote: ``2025-03-04``, ``4 March 2025``, an ISO time.

    Stricter than :func:`~.base.parse_date`, which drops what it cannot read: metadata
    written for Storyline should say a day, so a month alone, a relative date
    ("yesterday", which would be relative to the run) or a typo is an error.

    Raises:
        InputError: ``value`` is not a date with a day, month and year.
    """
    day = exact_day(value)
    if day is not None:
        return day
    text = str(value).strip()
    if not ISO_DAY.match(text):  # an ISO-looking day that is no day ("2025-02-30") stays wrong
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"STRICT_PARSING": True, "PARSERS": ["absolute-time"]},
        )
        if parsed is not None:
            return str(parsed.date().isoformat())
    raise InputError(
        f"{what} {text!r} is not a date; write it as 2025-03-04 or 4 March 2025", source=source
    )
