"""Readers for one document's worth of text: plain text, Markdown with front matter, HTML."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import yaml

from ..errors import InputError
from .base import RawArticle, check_scalars, clean_str, parse_date, valid_charrefs, valid_unicode
from .meta import META_KEYS, apply_metadata, check_metadata


def read_text(text: str, source: str) -> RawArticle:
    """Plain text. A first line followed by a blank line is the headline.

    The headline stays in the stored text: quotes in headlines count as quotes. YAML front
    matter with the keys of :data:`~.meta.META_KEYS` gives the metadata (see :mod:`.meta`).

    Raises:
        InputError: the front matter has a key that is not metadata, or a bad date.
    """
    meta, text = _text_front_matter(text, source)
    lines = text.lstrip("\ufeff").split("\n", 2)
    title = None
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        title = clean_str(lines[0])
    return apply_metadata(RawArticle(source=source, text=text, title=title), meta)


# The front matter keys a Markdown file's metadata is read from.
_MARKDOWN_KEYS = ("id", "title", "outlet", "source", "published", "date", "url", "source_url")
_META_LINE = re.compile(rf"^(?:{'|'.join(META_KEYS)})[ \t]*:", re.M)
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")


class UnreadableYAMLError(yaml.YAMLError):
    """Raised by :func:`load_yaml` for YAML that PyYAML fails on with an error of its own."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _Loader(yaml.SafeLoader):
    """``yaml.safe_load``'s loader, refusing integers that Python cannot print.

    A hexadecimal, octal or binary YAML integer has no length limit, but ``str()`` of one
    past 4,300 decimal digits raises ValueError, and every reader of metadata prints it.
    """


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)
    # 14,000 bits is about 4,200 decimal digits, under Python's 4,300.
    if value.bit_length() > 14_000:
        raise ValueError("an integer of more than 4,200 digits")
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(block: str) -> Any:
    """``yaml.safe_load``, failing only with ``yaml.YAMLError``.

    PyYAML recurses once per nesting level, builds dates with ``datetime`` and numbers with
    ``int()``, and trusts explicit tags: ten thousand ``[`` raise RecursionError,
    ``2025-02-30`` and a 5,000-digit number ValueError, ``!!timestamp x`` AttributeError.
    Each is front matter that cannot be read, like a syntax error.

    Raises:
        yaml.YAMLError: the block is not YAML, or PyYAML cannot build one of its values.
    """
    try:
        return yaml.load(block, Loader=_Loader)  # a SafeLoader: no Python objects
    except yaml.YAMLError:
        raise
    except RecursionError as e:
        raise UnreadableYAMLError("nested too deep") from e
    except ValueError as e:
        # "day is out of range for month"; "Exceeds the limit (4300 digits) for integer
        # string conversion; use sys.set_int_max_str_digits() ...": the advice is not ours.
        detail = " ".join(str(e).split(";")[0].split())
        raise UnreadableYAMLError(f"a value that cannot be read ({detail})") from e
    except Exception as e:  # PyYAML's constructors fail in their own ways on tagged values
        raise UnreadableYAMLError(f"a value that cannot be read ({type(e).__name__})") from e


def _text_front_matter(text: str, source: str) -> tuple[dict[str, str | None], str]:
    """The metadata of a plain text's front matter, and the text after it.

    Plain text may open with a ``---`` line of its own, so a block that is not YAML, not a
    mapping, or has none of the metadata keys is text, left as it is.
    """
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        loaded = load_yaml(match.group(1))
    except UnreadableYAMLError as e:
        # YAML in form but with a value PyYAML cannot build ("published: 2025-02-30"): when
        # it names a metadata key it is front matter with a mistake, reported rather than
        # stored as text and undated.
        if not _META_LINE.search(match.group(1)):
            return {}, text
        raise InputError(f"front matter: {e.problem}", source=source) from e
    except yaml.YAMLError:
        return {}, text
    if not isinstance(loaded, dict) or not set(loaded).intersection(META_KEYS):
        return {}, text
    return check_metadata(loaded, "front matter", source=source), text[match.end() :].lstrip("\r\n")


def read_markdown(text: str, source: str) -> RawArticle:
    """Markdown with optional YAML front matter (title, date/published, url/source_url, outlet).

    The body becomes plain paragraphs: hard-wrapped lines are joined, one blank line
    between paragraphs, links keep their words, escapes and heading marks go.

    Raises:
        InputError: the front matter is not valid YAML or not a mapping, or a metadata
            value in it is a list or a mapping.
    """
    meta: dict[str, Any] = {}
    match = _FRONT.match(text)
    if match:
        try:
            loaded = load_yaml(match.group(1))
        except yaml.YAMLError as e:
            where = getattr(e, "problem_mark", None)
            line = f" (line {where.line + 2})" if where is not None else ""
            problem = f": {e.problem}" if isinstance(e, UnreadableYAMLError) else ""
            raise InputError(f"front matter is not valid YAML{line}{problem}", source=source) from e
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError("front matter is not a YAML mapping of keys", source=source)
        meta = loaded or {}
        check_scalars(meta, _MARKDOWN_KEYS, "front matter", source=source)
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
        InputError: no main text could be found in the page, or the page is past a limit
            of the HTML parser.
    """
    # Imported here: trafilatura pulls in lxml and friends, which only HTML input needs.
    import trafilatura

    # lxml refuses a string with a lone surrogate (one a JSON record escaped), and with it
    # the whole page; html.unescape, a reference of 5,000 digits.
    html = valid_charrefs(valid_unicode(html))
    limit = _parser_limit(html)
    if limit is not None:
        raise InputError(limit, source=source)
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


def _parser_limit(html: str) -> str | None:
    """Why libxml2, which trafilatura parses with, would stop reading ``html`` early.

    libxml2 stops at elements nested 256 deep and at a text run of 10,000,000 characters,
    and trafilatura reads what was parsed up to there: the page would be stored without
    its rest, or skipped as having no text. A page that does either is refused with the
    real reason. The check is a second parse that stops at the first such error; it costs
    about 1 % of trafilatura's time on an ordinary page.
    """
    from lxml import etree

    parser = etree.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True)
    # An empty or hopeless page raises: trafilatura says so in its own way.
    with contextlib.suppress(etree.LxmlError):
        # Bytes: a string may not carry an encoding declaration, and pages often do.
        etree.fromstring(html.encode("utf-8"), parser)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in error.message:
                return "HTML page nests elements more than 255 deep, past the HTML parser's limit"
            return (
                "HTML page holds a text run of 10,000,000 characters or more, "
                "past the HTML parser's limit"
            )
    return None
