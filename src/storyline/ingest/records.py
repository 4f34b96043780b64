"""JSON and JSON-lines records: ``{id, text | html, title, outlet, published, url}``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InputError
from .base import RawArticle, Skipped, check_scalars, clean_str, load_json, parse_date
from .formats import read_html

# The fields of a record that are metadata: each a string, a number or null.
METADATA_KEYS = ("id", "title", "outlet", "published", "date", "url")
# Containers that hold a list of records in a .json file (a gold file has "documents").
LIST_KEYS = ("documents", "articles", "records", "items")


def read_jsonl(lines: Iterable[str], source: str) -> Iterator[RawArticle | Skipped]:
    """One record per line; a bad line is skipped with its line number."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield read_line(line, f"{source}:{number}")


def read_line(line: str, where: str) -> RawArticle | Skipped:
    """One JSON line as an article, or why it is skipped (``where`` names it: ``path:n``)."""
    try:
        data = load_json(line)
    except json.JSONDecodeError as e:
        return Skipped(where, f"not valid JSON ({e.msg} at column {e.colno})")
    except ValueError as e:
        return Skipped(where, f"not readable JSON ({e})")
    try:
        return read_record(data, where)
    except InputError as e:
        return Skipped(where, e.message)


def read_json(text: str, source: str) -> Iterator[RawArticle | Skipped]:
    """A record, a list of records, or an object holding one under a known key."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as e:
        yield Skipped(source, f"not valid JSON ({e.msg} at line {e.lineno} column {e.colno})")
        return
    except ValueError as e:
        yield Skipped(source, f"not readable JSON ({e})")
        return
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    if not records:
        yield Skipped(source, "no records in the file (an empty JSON list)")
    for number, record in enumerate(records, start=1):
        try:
            yield read_record(record, source if len(records) == 1 else f"{source}#{number}")
        except InputError as e:
            yield Skipped(e.source or source, e.message)


def read_record(data: Any, source: str) -> RawArticle:
    """One record as an article.

    Raises:
        InputError: the record is not an object, has neither ``text`` nor ``html``, or has
            a list or an object where a metadata value belongs.
    """
    if not isinstance(data, dict):
        raise InputError(f"record is a JSON {type(data).__name__}, not an object", source=source)
    check_scalars(data, METADATA_KEYS, "field", source=source)
    text, html = data.get("text"), data.get("html")
    if isinstance(text, str) and text.strip():
        article = RawArticle(source=source, text=text)
    elif isinstance(html, str) and html.strip():
        article = read_html(html, source)
    else:
        raise InputError("record has no 'text' or 'html' field with content", source=source)
    published = data.get("published", data.get("date"))
    return RawArticle(
        source=source,
        text=article.text,
        id=clean_str(data.get("id")),
        title=clean_str(data.get("title")) or article.title,
        outlet=clean_str(data.get("outlet")) or article.outlet,
        published=parse_date(published, source=source) or article.published,
        url=clean_str(data.get("url")) or article.url,
    )
