"""RSS and Atom feeds: their items as raw articles.

An item that carries its full text (``content:encoded`` in RSS, ``<content>`` in Atom) is
read from the feed. An item that holds only a summary (``<description>``, ``<summary>``)
has its page fetched and its main text extracted by trafilatura, as for an HTML file: a
summary is a teaser, not the report, and storing it would put half-sentences in the record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser

from ..errors import InputError
from .base import RawArticle, clean_str, valid_charref_bytes, valid_charrefs
from .formats import read_html

logger = logging.getLogger(__name__)

# Local files read as feeds when named on the command line.
FEED_SUFFIXES = (".rss", ".atom", ".xml")

# Encoding complaints feedparser makes about feeds it has read correctly all the same.
_HARMLESS = ("CharacterEncodingOverride", "NonXMLContentType")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, before its text is known.

    ``key`` names the item across runs (its id, else its link, else a hash of its title
    and summary), so a watched feed's items are fetched once.
    """

    key: str
    link: str | None
    title: str | None
    published: str | None
    content: str | None
    summary: str | None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: where it came from, its title (the outlet) and its items."""

    source: str
    title: str | None
    items: list[FeedItem]


def looks_like_feed(data: bytes) -> bool:
    """Whether a body parses as RSS or Atom (used to tell a feed URL from a page URL)."""
    try:
        parsed = _feedparse(data, "")
    except InputError:
        return False
    return bool(parsed.get("version")) or bool(_usable(parsed.entries))


def _feedparse(data: bytes, source: str) -> Any:
    """``feedparser.parse`` of ``data`` with its character references made safe.

    Raises:
        InputError: feedparser failed on the document.
    """
    try:
        return feedparser.parse(valid_charref_bytes(data))
    except Exception as e:  # feedparser's loose parser has crashes of its own on bad input
        raise InputError(
            f"not a readable RSS or Atom feed: the feed parser failed ({type(e).__name__})",
            source=source,
        ) from e


def parse_feed(data: bytes, source: str) -> Feed:
    """The items of an RSS 2.0, RSS 1.0 or Atom document.

    A feed with small errors (an unescaped ``&``) is read as far as feedparser can, with a
    warning; one with no readable item and broken XML is an error.

    Raises:
        InputError: the document is not a feed, or is too broken to yield any item.
    """
    parsed = _feedparse(data, source)
    entries = _usable(parsed.entries)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and type(problem).__name__ in _HARMLESS:
        problem = None
    if not entries and (problem is not None or not parsed.get("version")):
        reason = _describe(problem) if problem is not None else "no RSS or Atom root element"
        raise InputError(f"not a readable RSS or Atom feed: {reason}", source=source)
    if problem is not None:
        logger.warning("%s: feed is not well-formed (%s); read what could be", source, problem)
    feed_info: Any = parsed.get("feed", {})
    return Feed(
        source=source,
        title=clean_str(feed_info.get("title")),
        items=[_item(entry) for entry in entries],
    )


def _usable(entries: list[Any]) -> list[Any]:
    """Entries with something to read; a truncated document can leave empty ones."""
    return [e for e in entries if e.get("link") or e.get("content") or e.get("summary")]


def _describe(problem: BaseException) -> str:
    line = getattr(problem, "getLineNumber", None)
    where = f" at line {line()}" if callable(line) else ""
    message = getattr(problem, "getMessage", None)
    text = message() if callable(message) else str(problem)
    return f"{' '.join(str(text).split())}{where}"


def _item(entry: Any) -> FeedItem:
    link = _web_link(clean_str(entry.get("link")))
    content = None
    for part in entry.get("content", []) or []:
        value = part.get("value")
        if value and value.strip():
            content = _as_text(value, part.get("type"))
            break
    summary_value = entry.get("summary")
    summary = _as_text(summary_value, None) if summary_value else None
    title = clean_str(entry.get("title"))
    key = clean_str(entry.get("id")) or link
    if key is None:
        digest = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
        key = f"sha256:{digest[:32]}"
    return FeedItem(
        key=key,
        link=link,
        title=title,
        published=_published(entry),
        content=content,
        summary=summary,
    )


def _web_link(link: str | None) -> str | None:
    """``link`` when it is an http(s) URL; None for anything else a feed puts there.

    An item's link names the article (its source), is its URL in the record and is
    fetched when the feed holds only a summary: text that is not a web address is none of
    those, and the item is then named by its id or a hash, like an item without a link.
    """
    if link is None:
        return None
    try:
        parts = urlsplit(link)
    except ValueError:  # "http://[x": an IPv6 host never closed
        return None
    return link if parts.scheme in ("http", "https") and parts.netloc else None


def _published(entry: Any) -> str | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(name)
        if value is not None:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None


def read_item(item: FeedItem, feed: Feed, page: bytes | None) -> RawArticle:
    """The article of one feed item: the feed's full text, else the fetched ``page``.

    Args:
        item: the feed entry.
        feed: the feed it came from (its title is the outlet).
        page: the body of ``item.link``, fetched by the caller when the item has no full
            text (see :func:`needs_page`).

    Raises:
        InputError: the item has no full text and no page to read, or the page has no
            article text.
    """
    source = item.link or f"{feed.source}#{item.key}"
    if item.content is not None:
        text, title, outlet, published = item.content, None, None, None
    elif page is not None:
        html = read_html(page.decode("utf-8", errors="replace"), source)
        text, title, outlet, published = html.text, html.title, html.outlet, html.published
    else:
        raise InputError("feed item has only a summary and no link to its page", source=source)
    if not text.strip():
        raise InputError("feed item has no text", source=source)
    return RawArticle(
        source=source,
        text=text,
        title=item.title or title,
        outlet=feed.title or outlet,
        published=item.published or published,
        url=item.link,
    )


def needs_page(item: FeedItem) -> bool:
    """Whether the item's page must be fetched: the feed holds only a summary of it."""
    return item.content is None and item.link is not None


def iter_new(feed: Feed, seen: set[str]) -> Iterator[FeedItem]:
    """The items of ``feed`` whose keys are not in ``seen``, oldest first.

    Feeds list the newest item first; reading oldest first stores a story in the order it
    was told.
    """
    for item in reversed(feed.items):
        if item.key not in seen:
            yield item


_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "blockquote", "section", "article", "pre", "table"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_SKIP = frozenset(("script", "style", "noscript", "template"))


class _TextParser(HTMLParser):
    """Paragraph text of an HTML fragment: block tags break paragraphs, scripts are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._words: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        line = " ".join(" ".join(self._words).split())
        if line:
            self.paragraphs.append(line)
        self._words = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._words.append(data)


def _as_text(value: str, kind: str | None) -> str:
    """Feed text as plain paragraphs, one blank line apart."""
    if kind == "text/plain":
        paragraphs = [" ".join(p.split()) for p in value.split("\n\n")]
        return "\n\n".join(p for p in paragraphs if p)
    parser = _TextParser()
    # feedparser hands on escaped references as it found them; html.unescape reads them.
    parser.feed(valid_charrefs(value))
    parser.close()
    parser._flush()
    return "\n\n".join(parser.paragraphs)
