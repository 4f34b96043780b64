"""Cross-article entities: one entity per real actor over the corpus."""

from __future__ import annotations

from collections import defaultdict

from ..models import Entity, Mention, make_id
from ..store import Store


def resolve_entities(store: Store) -> list[Entity]:
    """Group stored mentions by canonical name and type, and store the entities.

    Returns:
        The entities now stored, most mentioned first.
    """
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in store.facts(Mention):
        groups[(mention.name, mention.type)].append(mention)
    entities = [
        Entity(
            id=make_id("e", name, kind),
            name=name,
            type=kind,
            aliases=tuple(sorted({m.text for m in mentions} - {name})),
            affiliation=next((m.affiliation for m in mentions if m.affiliation), None),
            roles=tuple(sorted({m.role for m in mentions if m.role})),
            mentions=len(mentions),
            articles=tuple(sorted({m.article for m in mentions})),
        )
        for (name, kind), mentions in groups.items()
    ]
    entities.sort(key=lambda e: (-e.mentions, e.name))
    store.replace_entities(entities)
    return entities
