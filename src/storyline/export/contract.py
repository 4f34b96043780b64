"""The export document: every stored article and fact in the contract's shape."""

from __future__ import annotations

from typing import Any

from ..models import Entity, Event, Fact, Figure, Position, Proposal, Quote
from ..resolve.entities import canonical_facts, canonical_names
from ..store import Store

FORMAT = "storyline-export/1"

# Contract section name → the fact type it lists.
SECTIONS: dict[str, type[Fact]] = {
    "quotes": Quote,
    "figures": Figure,
    "events": Event,
    "proposals": Proposal,
    "positions": Position,
}


def build_export(store: Store, *, with_text: bool = True) -> dict[str, Any]:
    """The whole record as one JSON-ready object.

    Args:
        store: the database to read (nothing is written).
        with_text: include each article's stored text, which every offset points into.
    """
    entities = store.entities()
    by_name = _entity_index(entities)
    names = canonical_names(store)
    articles = []
    for article in store.articles():
        row = article.to_dict()
        if not with_text:
            del row["text"]
        articles.append(row)
    out: dict[str, Any] = {
        "format": FORMAT,
        "articles": articles,
        "entities": [e.to_dict() for e in entities],
    }
    for section, cls in SECTIONS.items():
        out[section] = [_fact_row(f, by_name) for f in canonical_facts(store, cls, names)]
    return out


def _entity_index(entities: list[Entity]) -> dict[str, str]:
    index: dict[str, str] = {}
    # Most-mentioned first (the store's order is by name): the busiest entity keeps a
    # name that two entities share.
    for entity in sorted(entities, key=lambda e: -e.mentions):
        for name in (entity.name, *entity.aliases):
            index.setdefault(name.lower(), entity.id)
    return index


def _fact_row(fact: Fact, by_name: dict[str, str]) -> dict[str, Any]:
    row = fact.to_dict()
    if isinstance(fact, Quote) and fact.speaker and not fact.speaker_entity:
        row["speaker_entity"] = by_name.get(fact.speaker.lower())
    if isinstance(fact, Proposal):
        row["articles"] = [row.pop("article")]
    return row
