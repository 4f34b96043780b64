"""Shared types and helpers of the ingest readers."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import dateparser

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
        """The article to store: normalized text, content hash, id and defaults filled in."""
        text = normalize_text(self.text)
        sha = text_sha256(text)
        return Article(
            id=self.id or sha[:16],
            text=text,
            title=self.title,
            outlet=self.outlet or defaults.outlet or outlet_from_url(self.url),
            published=self.published or defaults.published,
            url=self.url,
            source=self.source,
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
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def normalize_text(text: str) -> str:
    """Unicode NFC, Unix newlines, no BOM, no trailing blank space at either end."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def text_sha256(text: str) -> str:
    """Hash of the text with runs of white space folded, so re-wrapped copies match."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date(value: Any, *, source: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a metadata value, or None when it has none.

    Accepts dates, datetimes, ISO strings (with or without time) and free-form dates
    ("May 1, 2024"). An unreadable value is logged and dropped rather than failing the
    article: the text is still worth storing.
    """
    if value is None or value == "":
        return None
    parsed: dt.datetime | None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if _ISO.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        logger.warning("%s: cannot read date %r; stored without a date", source, text)
        return None
    return parsed.date().isoformat()


def clean_str(value: Any) -> str | None:
    """A metadata string with white space folded, or None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
