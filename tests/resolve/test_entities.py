"""Cross-article entities: merging, incremental runs, and B-cubed on the example corpus.

The fast tests store hand-made mentions (an invented conflict: Ostrivia, Caldera, Dorvan)
and resolve them; the slow one ingests ``examples/corpus`` and scores the entities against
the gold clustering in ``examples/gold/entities.json``.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.models import Article, Entity, Mention
from storyline.pipeline import ingest
from storyline.resolve.entities import canonical_names, resolve_entities
from storyline.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def mention(
    article: str,
    text: str,
    name: str | None = None,
    kind: str = "PERSON",
    *,
    role: str | None = None,
    affiliation: str | None = None,
    at: int = 0,
) -> Mention:
    return Mention(
        article=article,
        start=at,
        end=at + len(text),
        text=text,
        name=name or text,
        type=kind,
        role=role,
        affiliation=affiliation,
    )


def add(
    store: Store,
    article_id: str,
    *mentions: Mention,
    published: str = "2025-03-01",
    title: str | None = None,
) -> None:
    """Store one article with its mentions, stamped as the entities extractor would."""
    text = " ".join(m.text for m in mentions) or "empty"
    article = Article(
        id=article_id, text=text, published=published, text_sha256=article_id, title=title
    )
    placed = []
    offset = 0
    for m in mentions:
        placed.append(
            Mention.from_dict({**m.to_dict(), "start": offset, "end": offset + len(m.text)})
        )
        offset += len(m.text) + 1
    facts = [m.with_provenance("entities@1", i) for i, m in enumerate(placed)]
    store.add_batch([article], facts)


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "entities.db")


def test_surname_in_another_article_joins_the_full_name(store: Store) -> None:
    add(
        store,
        "a1",
        mention("a1", "Ilsa Varga", role="Prime Minister"),
        mention("a1", "Varga", "Ilsa Varga"),
    )
    add(store, "a2", mention("a2", "Varga"))
    entities = by_name(resolve_entities(store))
    varga = entities["Ilsa Varga"]
    assert "Varga" not in entities
    assert (varga.mentions, varga.articles, varga.type) == (3, ("a1", "a2"), "PERSON")
    assert "Varga" in varga.aliases and varga.roles == ("Prime Minister",)
    assert canonical_names(store)[("a2", "Varga")] == "Ilsa Varga"


def test_a_later_full_name_absorbs_the_surname_entity(store: Store) -> None:
    add(store, "a1", mention("a1", "Varga"))
    assert [e.name for e in resolve_entities(store)] == ["Varga"]
    add(store, "a2", mention("a2", "Ilsa Varga"))
    entities = resolve_entities(store)
    assert [(e.name, e.mentions) for e in entities] == [("Ilsa Varga", 2)]
    assert canonical_names(store)[("a1", "Varga")] == "Ilsa Varga"


def test_a_surname_two_people_share_needs_a_role_to_join(store: Store) -> None:
    add(store, "a1", mention("a1", "Arno Kell", role="Defence Minister"))
    add(store, "a2", mention("a2", "Rina Kell", role="Opposition leader"))
    add(store, "a3", mention("a3", "Kell"))
    add(store, "a4", mention("a4", "Kell", role="Defence Minister"))
    resolve_entities(store)
    names = canonical_names(store)
    assert names[("a3", "Kell")] == "Kell"  # no way to tell which Kell
    assert names[("a4", "Kell")] == "Arno Kell"


def test_a_misspelled_first_name_joins(store: Store) -> None:
    add(store, "a1", mention("a1", "Annika Sten"))
    add(store, "a2", mention("a2", "Annika Sten"))
    add(store, "a3", mention("a3", "Anika Sten"))
    entities = resolve_entities(store)
    assert [(e.name, e.mentions) for e in entities] == [("Annika Sten", 3)]
    assert entities[0].aliases == ("Anika Sten",)


def test_acronym_and_demonym_join_their_names(store: Store) -> None:
    add(
        store,
        "a1",
        mention("a1", "Coastal Relief Council", kind="ORG"),
        mention("a1", "Ostrivia", kind="GPE"),
    )
    add(store, "a2", mention("a2", "CRC", kind="ORG"), mention("a2", "Ostrivian", kind="NORP"))
    entities = by_name(resolve_entities(store))
    assert set(entities) == {"Coastal Relief Council", "Ostrivia"}
    assert entities["Coastal Relief Council"].aliases == ("CRC",)
    assert entities["Ostrivia"].aliases == ("Ostrivian",)


def test_a_place_is_not_a_short_form_of_a_longer_place(store: Store) -> None:
    add(store, "a1", mention("a1", "South Caldera", kind="GPE"))
    add(store, "a2", mention("a2", "Caldera", kind="GPE"))
    assert set(by_name(resolve_entities(store))) == {"South Caldera", "Caldera"}


def test_a_role_descriptor_waits_for_its_holder(store: Store) -> None:
    chief = mention("a1", "chief mediator", role="chief mediator", affiliation="Dorvan")
    add(store, "a1", chief, published="2025-03-02")
    assert resolve_entities(store) == []
    add(store, "a2", mention("a2", "Jon Pell", role="chief mediator", affiliation="Dorvan"))
    entities = resolve_entities(store)
    assert [(e.name, e.mentions, e.articles) for e in entities] == [("Jon Pell", 2, ("a1", "a2"))]
    assert "chief mediator" not in entities[0].aliases


def test_anonymous_sources_and_groups_are_not_entities(store: Store) -> None:
    add(
        store,
        "a1",
        mention(
            "a1", "Ostrivian official", "unnamed Ostrivian official", role="Ostrivian official"
        ),
        mention("a1", "Calderan officials", kind="ORG", role="Calderan officials"),
        mention("a1", "prime minister", "Ilsa Varga", role="prime minister"),
        mention("a1", "Ilsa Varga"),
    )
    entities = resolve_entities(store)
    assert [(e.name, e.mentions, e.roles) for e in entities] == [
        ("Ilsa Varga", 2, ("prime minister",))
    ]
    assert entities[0].aliases == ()


def test_nothing_new_means_nothing_rewritten(store: Store) -> None:
    add(store, "a1", mention("a1", "Ilsa Varga"))
    first = resolve_entities(store)
    before = store.conn.execute("SELECT count(*) FROM entity_members").fetchone()[0]
    assert resolve_entities(store) == first
    assert store.conn.execute("SELECT count(*) FROM entity_members").fetchone()[0] == before


def test_re_extracted_article_replaces_its_contribution(store: Store) -> None:
    add(store, "a1", mention("a1", "Ilsa Varga"))
    add(store, "a2", mention("a2", "Jon Pell"))
    resolve_entities(store)
    replacement = mention("a2", "Arno Kell").with_provenance("entities@2", 0)
    store.replace_facts("a2", ["entities"], [replacement])
    entities = by_name(resolve_entities(store))
    assert set(entities) == {"Ilsa Varga", "Arno Kell"}
    assert entities["Arno Kell"].articles == ("a2",)


# -- the example corpus ------------------------------------------------------------------


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` clusters over the gold mentions."""
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for item, cluster in gold.items():
        gold_sets[cluster].add(item)
        pred_sets[predicted[item]].add(item)
    precision = recall = 0.0
    for item, cluster in gold.items():
        ours = pred_sets[predicted[item]]
        theirs = gold_sets[cluster]
        precision += len(ours & theirs) / len(ours)
        recall += len(ours & theirs) / len(theirs)
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_bcubed_helper() -> None:
    gold = {"a": "X", "b": "X", "c": "Y"}
    assert bcubed(gold, {"a": "1", "b": "1", "c": "2"}) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(gold, {"a": "1", "b": "2", "c": "3"})
    assert precision == 1.0 and recall == pytest.approx(2 / 3)


@pytest.mark.slow
def test_bcubed_on_the_example_corpus(tmp_path: Path) -> None:
    """Person and organization mentions of the gold clustering, matched by overlap."""
    gold_path = EXAMPLES / "gold" / "entities.json"
    if not gold_path.exists():
        pytest.skip("examples/gold/entities.json is not there yet")
    with Store(tmp_path / "examples.db") as store:
        report = ingest([str(EXAMPLES / "corpus")], store, Settings())
        assert not report.failures
        article_of: dict[str, str] = {}
        for article in store.articles():
            article_of[article.id] = article.id
            if article.source:
                article_of.setdefault(os.path.basename(article.source), article.id)
        names = canonical_names(store)
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for m in store.facts(Mention):
            mentions[m.article].append(m)
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    for entity in json.loads(gold_path.read_text(encoding="utf-8"))["entities"]:
        if entity["type"] not in ("PERSON", "ORG"):
            continue
        for g in entity["mentions"]:
            article_id = article_of[g["doc"]]
            item = f"{article_id}:{g['start']}"
            gold[item] = entity["name"]
            overlapping = [
                m for m in mentions[article_id] if m.start < g["end"] and m.end > g["start"]
            ]
            if not overlapping:
                predicted[item] = f"missed:{item}"
                continue
            best = min(overlapping, key=lambda m: abs(m.start - g["start"]) + abs(m.end - g["end"]))
            predicted[item] = names.get((article_id, best.name), f"{article_id}:{best.name}")
    assert len(gold) > 100
    precision, recall, f1 = bcubed(gold, predicted)
    assert f1 >= 0.95, (precision, recall, f1)


def test_more_articles_than_one_statement_takes(store: Store) -> None:
    """Over 500 articles and entities (the store's chunk size): the same as for a few."""
    ids = [f"a{i:04}" for i in range(1200)]
    articles, facts = [], []
    for i, a in enumerate(ids):
        text = f"Ilsa Varga met Envoy Number{i}"
        articles.append(Article(id=a, text=text, published="2025-03-01", text_sha256=a))
        for j, m in enumerate((mention(a, "Ilsa Varga"), mention(a, f"Envoy Number{i}", at=15))):
            facts.append(m.with_provenance("entities@1", j))
    store.add_batch(articles, facts)
    entities = by_name(resolve_entities(store))
    assert len(entities) == 1201 and entities["Ilsa Varga"].mentions == 1200
    for a in ids[:600]:
        store.replace_facts(
            a, ["entities"], [mention(a, "Jon Pell").with_provenance("entities@2", 0)]
        )
    entities = by_name(resolve_entities(store))
    assert (entities["Ilsa Varga"].mentions, entities["Jon Pell"].mentions) == (600, 600)
    assert len(entities) == 602
    names = canonical_names(store)
    assert names[("a0000", "Jon Pell")] == "Jon Pell" and ("a0000", "Ilsa Varga") not in names


def test_the_name_headlines_give_a_person_is_the_canonical_one(store: Store) -> None:
    """The body's formal style and a bare surname; the headlines' everyday form wins."""
    formal = "Tobias K. Renvald, Jr."
    add(store, "f1", mention("f1", formal, "Tobias K. Renvald"), title="Renvald's Call")
    add(store, "f2", mention("f2", "Renvald"), title="Statement from Premier Toby Renvald")
    add(store, "f3", mention("f3", "Renvald"), title="Readout of Premier Toby\u00a0Renvald's Call")
    [entity] = resolve_entities(store)
    assert entity.name == "Toby Renvald"
    assert "Tobias K. Renvald" in entity.aliases
    names = canonical_names(store)
    assert {names[(a, n)] for a, n in names} == {"Toby Renvald"}


def test_a_headline_name_that_cannot_be_the_person_is_ignored(store: Store) -> None:
    add(store, "g1", mention("g1", "Mara Velt"), title="Premier Anders Velt resigns")
    add(store, "g2", mention("g2", "Velt"), title="Velt speaks")
    [entity] = resolve_entities(store)
    assert entity.name == "Mara Velt"


def test_a_full_name_settles_the_type_over_surnames_typed_otherwise(store: Store) -> None:
    add(store, "a1", mention("a1", "Tomas Heyl"), mention("a1", "Heyl", "Tomas Heyl"))
    add(store, "a2", *(mention("a2", "Heyl", kind="ORG", at=10 * i) for i in range(4)))
    [heyl] = resolve_entities(store)
    assert (heyl.name, heyl.type, heyl.mentions) == ("Tomas Heyl", "PERSON", 6)
