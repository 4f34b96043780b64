"""Reading and checking gold files (contract §2)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError, InputError
from ..ingest import RawArticle
from ..ingest.files import READERS, read_checked
from ..ingest.formats import read_text

GOLD_FORMAT = "storyline-gold/1"
CATEGORIES = ("quotes", "figures", "events", "proposals", "positions")


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document; ``annotations`` holds only the categories it annotates."""

    id: str
    article: RawArticle
    annotations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class GoldSet:
    name: str
    path: str
    documents: list[GoldDocument]


def load_gold(path: str | Path, *, max_bytes: int = 50_000_000) -> GoldSet:
    """Read a gold file and the documents it points to.

    Raises:
        GoldFormatError: the file is not JSON, not ``storyline-gold/1``, or a document lacks
            an id or its text.
    """
    gold_path = Path(path)
    source = str(gold_path)
    try:
        data = json.loads(read_checked(gold_path, max_bytes=max_bytes))
    except InputError as e:
        raise GoldFormatError(e.message, source=source) from e
    except json.JSONDecodeError as e:
        raise GoldFormatError(f"not valid JSON ({e.msg} at line {e.lineno})", source=source) from e
    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT:
        raise GoldFormatError(f'not a gold file: expected "format": "{GOLD_FORMAT}"', source=source)
    raw_docs = data.get("documents")
    if not isinstance(raw_docs, list):
        raise GoldFormatError('gold file has no "documents" list', source=source)
    documents = [_document(d, i, gold_path) for i, d in enumerate(raw_docs, start=1)]
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        raise GoldFormatError("document ids are not unique", source=source)
    return GoldSet(name=str(data.get("name") or gold_path.stem), path=source, documents=documents)


def _document(raw: Any, number: int, gold_path: Path) -> GoldDocument:
    where = f"{gold_path}#{number}"
    if not isinstance(raw, dict) or not raw.get("id"):
        raise GoldFormatError('document is not an object with an "id"', source=where)
    doc_id = str(raw["id"])
    if isinstance(raw.get("text"), str):
        article = RawArticle(source=where, text=raw["text"])
    elif isinstance(raw.get("path"), str):
        file = (gold_path.parent / raw["path"]).resolve()
        try:
            text = read_checked(file, max_bytes=50_000_000)
        except InputError as e:
            raise GoldFormatError(f"document {doc_id}: {e.message}", source=str(file)) from e
        reader = READERS.get(file.suffix.lower(), read_text)
        read = reader(text, str(file))
        if not isinstance(read, RawArticle):
            raise GoldFormatError(f"document {doc_id}: path must name one article", source=where)
        article = read
    else:
        raise GoldFormatError(f'document {doc_id} has neither "text" nor "path"', source=where)
    article = RawArticle(
        source=article.source,
        text=article.text,
        id=doc_id,
        title=raw.get("title") or article.title,
        outlet=raw.get("outlet") or article.outlet,
        published=raw.get("published") or article.published,
        url=raw.get("url") or article.url,
    )
    annotations: dict[str, list[dict[str, Any]]] = {}
    for category in CATEGORIES:
        if category in raw:
            items = raw[category]
            if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                raise GoldFormatError(
                    f"document {doc_id}: {category} must be a list of objects", source=where
                )
            annotations[category] = items
    return GoldDocument(id=doc_id, article=article, annotations=annotations)
