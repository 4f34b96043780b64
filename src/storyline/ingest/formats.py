"""Readers for one document's worth of text: plain text, Markdown with front matter, HTML."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import InputError
from .base import RawArticle, clean_str, parse_date


def read_text(text: str, source: str) -> RawArticle:
    """Plain text. A first line followed by a blank line is the headline.

    The headline stays in the stored text: quotes in headlines count as quotes.
    """
    lines = text.lstrip("\ufeff").split("\n", 2)
    title = None
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        title = clean_str(lines[0])
    return RawArticle(source=source, text=text, title=title)


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")


def read_markdown(text: str, source: str) -> RawArticle:
    """Markdown with optional YAML front matter (title, date/published, url/source_url, outlet).

    The body becomes plain paragraphs: hard-wrapped lines are joined, one blank line
    between paragraphs, links keep their words, escapes and heading marks go.

    Raises:
        InputError: the front matter is not valid YAML or not a mapping.
    """
    meta: dict[str, Any] = {}
    match = _FRONT.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as e:
            where = getattr(e, "problem_mark", None)
            line = f" (line {where.line + 2})" if where is not None else ""
            raise InputError(f"front matter is not valid YAML{line}", source=source) from e
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError("front matter is not a YAML mapping of keys", source=source)
        meta = loaded or {}
        text = text[match.end() :]
    body = markdown_to_text(text)
    published = meta.get("published", meta.get("date"))
    return RawArticle(
        source=source,
        text=body,
        id=clean_str(meta.get("id")),
        title=clean_str(meta.get("title")),
        outlet=clean_str(meta.get("outlet") or meta.get("source")),
        published=parse_date(published, source=source),
        url=clean_str(meta.get("url") or meta.get("source_url")),
    )


def markdown_to_text(text: str) -> str:
    """Plain paragraphs from a Markdown body."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        line = _HEADING.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _EMPHASIS.sub(r"\2", line)
        current.append(_ESCAPE.sub(r"\1", line))
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p.strip())


def read_html(html: str, source: str) -> RawArticle:
    """The main text and metadata of a web page, through trafilatura.

    Raises:
        InputError: no main text could be found in the page.
    """
    # Imported here: trafilatura pulls in lxml and friends, which only HTML input needs.
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=source)
    # trafilatura separates paragraphs by one newline; a blank line keeps paragraphs apart
    # for the extractors that read across them (multi-paragraph quotes).
    body = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return RawArticle(
        source=source,
        text=body,
        title=clean_str(getattr(doc, "title", None)),
        outlet=clean_str(getattr(doc, "sitename", None)),
        published=parse_date(getattr(doc, "date", None), source=source),
        url=clean_str(getattr(doc, "url", None)),
    )
