"""Shared types and helpers of the ingest readers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import dateparser

from ..errors import InputError
from ..models import Article

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Defaults:
    """Metadata for inputs that carry none (``--published``, ``--outlet``)."""

    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class RawArticle:
    """An input as read, before it has an id or has been parsed."""

    source: str
    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    def to_article(self, defaults: Defaults) -> Article:
        """The article to store: normalized text, content hash, id and defaults filled in.

        Every string of it is valid Unicode: SQLite stores UTF-8, which has no lone
        surrogates, and a path read from a disk that is not UTF-8 holds them (Python
        decodes its undecodable bytes to ``\udc80``-``\udcff``).
        """
        text = normalize_text(self.text)
        sha = text_sha256(text)
        return Article(
            id=self.id or sha[:16],
            text=text,
            title=self.title,
            outlet=self.outlet or defaults.outlet or outlet_from_url(self.url),
            published=self.published or defaults.published,
            url=self.url,
            source=valid_unicode(self.source),
            text_sha256=sha,
        )


@dataclass(frozen=True)
class Skipped:
    """An input that was not stored, and why (one line for the user)."""

    source: str
    reason: str


def outlet_from_url(url: str | None) -> str | None:
    """The site a URL points to ("apnews.com"), standing in for an outlet nobody named."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[x": an IPv6 host never closed; the URL names no site
        return None
    return host.removeprefix("www.") or None


def normalize_text(text: str) -> str:
    """Unicode NFC, Unix newlines, no BOM, no lone surrogate, no blank space at either end."""
    text = valid_unicode(text).replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD and each surrogate pair joined.

    JSON may escape any code unit (``"\\ud800"``) and feeds any character reference
    (``&#xd800;``), so a reader can hand on a string that no UTF-8 writer (the store, a
    file, a terminal) accepts. Nothing is copied when there is nothing to replace.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# A numeric character reference, bare or escaped once (``&amp;#…``, ``&#38;#…``): an XML
# parser unescapes the escaped ones, and HTML readers after it read them again.
_CHARREF = r"&(?:amp;|#0*38;|#[xX]0*26;)?#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+))"
_CHARREF_STR = re.compile(_CHARREF)
_CHARREF_BYTES = re.compile(_CHARREF.encode())


def valid_charrefs(text: str) -> str:
    """``text`` with every numeric character reference that names no character made U+FFFD.

    A reference of more than 4,300 decimal digits makes Python's ``html.unescape`` raise
    (trafilatura runs it on the text it extracts), and ``&#xd800;`` (a surrogate) or
    ``&#x110000;`` (past Unicode) make feedparser's loose parser raise. Each becomes
    ``&#xfffd;``, the character ``html.unescape`` gives them, so the rest is read.
    """
    return _CHARREF_STR.sub(_fix_charref, text)


def valid_charref_bytes(data: bytes) -> bytes:
    """:func:`valid_charrefs` of a document not decoded yet (a feed names its encoding)."""
    return _CHARREF_BYTES.sub(_fix_charref_bytes, data)


def _fix_charref(match: re.Match[str]) -> str:
    whole, hexa, decimal = match.group(0), match.group(1), match.group(2)
    digits = hexa if hexa is not None else decimal
    # Past seven digits no reference names a character (U+10FFFF is 1114111).
    if len(digits) <= 7:
        value = int(digits, 16 if hexa is not None else 10)
        if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:
            return whole
    return whole[: whole.rindex("#") + 1] + "xfffd"


def _fix_charref_bytes(match: re.Match[bytes]) -> bytes:
    # The match is ASCII; the same pattern over its text finds it again.
    return _CHARREF_STR.sub(_fix_charref, match.group(0).decode("ascii")).encode("ascii")


def load_json(text: str) -> Any:
    """``json.loads``, failing only with ``ValueError``.

    Broken JSON raises ``json.JSONDecodeError`` (a ``ValueError`` with a position), as
    always. JSON past a limit of the interpreter raises a plain ``ValueError`` with a
    one-line message instead of what ``json`` raises: RecursionError for arrays nested
    100,000 deep, and a ``ValueError`` whose advice (``sys.set_int_max_str_digits()``) is
    for programmers for an integer of more than 4,300 digits.

    Raises:
        ValueError: ``text`` is not JSON, or is past one of those limits.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as e:
        raise ValueError("nested too deep to read") from e
    except ValueError as e:
        raise ValueError("a number with more than 4,300 digits") from e


def text_sha256(text: str) -> str:
    """Hash of the text with runs of white space folded, so re-wrapped copies match."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def exact_day(value: Any) -> str | None:
    """The ISO day of a date, a datetime or a string opening with a valid ``YYYY-MM-DD``;
    None for anything else (free-form text is the callers' to read, each its own way)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    return None


def parse_date(value: Any, *, source: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a metadata value, or None when it has none.

    Accepts dates, datetimes, ISO strings (with or without time) and free-form dates
    ("May 1, 2024"). An unreadable value is logged and dropped rather than failing the
    article: the text is still worth storing.
    """
    if value is None or value == "":
        return None
    day = exact_day(value)
    if day is not None:
        return day
    text = str(value).strip()
    parsed: dt.datetime | None = dateparser.parse(
        text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"}
    )
    if parsed is None:
        logger.warning("%s: cannot read date %r; stored without a date", source, text)
        return None
    return parsed.date().isoformat()


def clean_str(value: Any) -> str | None:
    """A metadata string with white space folded and valid Unicode, or None when empty."""
    if value is None:
        return None
    text = " ".join(valid_unicode(str(value)).split())
    return text or None


def check_scalars(data: Mapping[Any, Any], keys: Iterable[str], where: str, *, source: str) -> None:
    """Refuse metadata ``keys`` of ``data`` whose values are lists or mappings.

    A title that is a list would be stored as its Python repr, and YAML aliases can make
    a few lines of front matter a list of millions of items ("billion laughs"), whose repr
    alone exhausts memory.

    Raises:
        InputError: a value is a list or a mapping; the message names its key.
    """
    for key in keys:
        value = data.get(key)
        if isinstance(value, list | tuple | dict):
            kind = "mapping" if isinstance(value, dict) else "list"
            raise InputError(f"{where} {key!r} is a {kind}, not text", source=source)
