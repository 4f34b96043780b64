"""Stories: articles about the same developments, and syndicated copies counted once.

Two steps, both over what the store already holds (texts and resolved entities):

1. **Copies.** A wire report reprinted by several outlets is one report: MinHash over word
   5-shingles (``datasketch``) finds pairs whose estimated Jaccard similarity is at least
   :data:`COPY_JACCARD`; each group keeps its earliest article as the original, and every
   tally counts the group once.
2. **Stories.** Each original becomes a weighted bag of features: the corpus entities it
   mentions and the content words of its title and text, each weighted by tf-idf so that
   what every article shares (the outlet's boilerplate, "said", a president's name in every
   statement) counts little. Two articles are linked when the cosine of their bags reaches
   :data:`LINK_COSINE` and they were published within :data:`WINDOW_DAYS` of each other;
   a story is a connected group of linked articles. An article linked to nothing stays a
   story of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from ..models import Article, Entity

# Jaccard over 5-word shingles. Syndicated copies differ by a dateline, a byline and a few
# edited words: measured on reprints written for the tests they score 0.85-0.98, while two
# outlets' own reports of one event score below 0.25.
COPY_JACCARD = 0.8
SHINGLE = 5
PERMUTATIONS = 128
# Cosine of tf-idf bags above which two reports are about the same developments. Reports of
# one negotiation score 0.12-0.6 with their nearest neighbour (news reports and official
# readouts alike); an unrelated report (a trade proclamation among war statements, a
# weather story among talks) stays below 0.1 with every other. Linking is single-link:
# average-link at any useful level split one long negotiation into its months.
LINK_COSINE = 0.12
# Reports further apart than this are not linked directly (they may still join one story
# through reports in between); negotiations run for months, news cycles for weeks.
WINDOW_DAYS = 60
# Features kept per article: enough to describe it, few enough that candidate pairs stay
# sparse on large corpora.
TOP_FEATURES = 40
# Entities describe a story better than single words, so their features weigh more.
ENTITY_WEIGHT = 2.0
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")


@dataclass(frozen=True)
class Story:
    """A group of articles about the same developments."""

    id: str
    label: str
    articles: tuple[str, ...]
    first: str | None
    last: str | None
    top_entities: tuple[str, ...]
    copies: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "articles": list(self.articles),
            "first": self.first,
            "last": self.last,
            "top_entities": list(self.top_entities),
            "copies": dict(self.copies),
        }


def find_copies(articles: Sequence[Article]) -> dict[str, str]:
    """Syndicated copies: each copy's id → the id of the original it reprints.

    The original of a group is its earliest article (undated last, then by id).
    """
    lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=PERMUTATIONS)
    hashes: dict[str, MinHash] = {}
    for article in sorted(articles, key=_order):
        words = [w.lower() for w in _WORD.findall(article.text)]
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - 4))}
        minhash = MinHash(num_perm=PERMUTATIONS)
        minhash.update_batch([s.encode("utf-8") for s in shingles])
        hashes[article.id] = minhash
    copies: dict[str, str] = {}
    for article in sorted(articles, key=_order):
        minhash = hashes[article.id]
        # The LSH finds candidates; the estimate decides, so a chance band collision is no copy.
        originals = [
            other for other in lsh.query(minhash) if hashes[other].jaccard(minhash) >= COPY_JACCARD
        ]
        if originals:
            first = originals[0]
            copies[article.id] = copies.get(first, first)
        else:
            lsh.insert(article.id, minhash)
    return copies


def build_stories(articles: Sequence[Article], entities: Iterable[Entity]) -> list[Story]:
    """Group ``articles`` into stories, largest first (then earliest).

    Args:
        articles: the stored articles.
        entities: the resolved corpus entities (each lists the articles it appears in).
    """
    if not articles:
        return []
    copies = find_copies(articles)
    originals = [a for a in articles if a.id not in copies]
    bags = _bags(originals, list(entities))
    days = {a.id: _day(a.published) for a in originals}
    groups = _cluster(originals, bags, days)
    by_id = {a.id: a for a in articles}
    names = _entity_names(entities)
    stories = []
    for group in groups:
        members = list(group) + [c for c, o in copies.items() if o in group]
        members.sort(key=lambda i: _order(by_id[i]))
        dates = sorted(d for i in members if (d := by_id[i].published))
        story_copies = {c: o for c, o in copies.items() if o in group}
        top = _top_entities(group, names)
        stories.append(
            Story(
                id="s-" + hashlib.sha256(members[0].encode()).hexdigest()[:10],
                label=_label(group, bags, top),
                articles=tuple(members),
                first=dates[0][:10] if dates else None,
                last=dates[-1][:10] if dates else None,
                top_entities=top,
                copies=story_copies,
            )
        )
    stories.sort(key=lambda s: (-(len(s.articles) - len(s.copies)), s.first or "9999", s.id))
    return stories


def _order(article: Article) -> tuple[bool, str, str]:
    return (article.published is None, article.published or "", article.id)


def _day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _bags(articles: Sequence[Article], entities: list[Entity]) -> dict[str, dict[str, float]]:
    """Each article's top features, tf-idf weighted and scaled to unit length."""
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        words = [w.lower() for w in _WORD.findall(f"{article.title or ''}\n{article.text}")]
        counts[article.id] = Counter(
            w for w in words if len(w) > 2 and w not in STOP_WORDS and not w.isupper()
        )
    for entity in entities:
        if entity.type not in ENTITY_TYPES:
            continue
        for article_id in entity.articles:
            if article_id in counts:
                counts[article_id][f"@{entity.id}"] += 1
    df: Counter[str] = Counter()
    for bag in counts.values():
        df.update(bag.keys())
    n = len(articles)
    bags: dict[str, dict[str, float]] = {}
    for article_id, bag in counts.items():
        weights = {}
        for feature, tf in bag.items():
            # A feature of one article links it to nothing, and one in every article
            # separates nothing; either would only dilute the bag's length.
            if df[feature] == 1 or (df[feature] == n and n > 2):
                continue
            idf = math.log((1 + n) / (1 + df[feature])) + 1
            boost = ENTITY_WEIGHT if feature.startswith("@") else 1.0
            weights[feature] = (1 + math.log(tf)) * idf * boost
        top = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FEATURES])
        norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
        bags[article_id] = {f: w / norm for f, w in top.items()}
    return bags


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


def _cluster(
    articles: Sequence[Article],
    bags: dict[str, dict[str, float]],
    days: dict[str, dt.date | None],
) -> list[set[str]]:
    """Connected groups of the graph whose edges are the linked pairs."""
    index: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for feature in bags[article.id]:
            index[feature].append(article.id)
    links: set[tuple[str, str]] = set()
    for article in articles:
        candidates = {other for f in bags[article.id] for other in index[f] if other > article.id}
        for other in candidates:
            a, b = days[article.id], days[other]
            if a and b and abs((a - b).days) > WINDOW_DAYS:
                continue
            if _cosine(bags[article.id], bags[other]) >= LINK_COSINE:
                links.add((article.id, other))
    clusters: dict[str, set[str]] = {a.id: {a.id} for a in articles}
    owner = {a.id: a.id for a in articles}
    for x, y in sorted(links):
        cx, cy = owner[x], owner[y]
        if cx == cy:
            continue
        if len(clusters[cx]) < len(clusters[cy]):
            cx, cy = cy, cx
        for member in clusters[cy]:
            owner[member] = cx
        clusters[cx] |= clusters.pop(cy)
    return list(clusters.values())


def _entity_names(entities: Iterable[Entity]) -> dict[str, list[tuple[str, int]]]:
    """Article id → the (name, corpus mentions) of its entities of a story-telling type."""
    names: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entity in entities:
        if entity.type in ENTITY_TYPES:
            for article_id in entity.articles:
                names[article_id].append((entity.name, entity.mentions))
    return names


def _top_entities(group: set[str], names: dict[str, list[tuple[str, int]]]) -> tuple[str, ...]:
    """The names most of the story's articles mention (ties: the more mentioned)."""
    spread: Counter[str] = Counter()
    weight: dict[str, int] = {}
    for article_id in group:
        for name, mentions in names.get(article_id, ()):
            spread[name] += 1
            weight[name] = mentions
    ranked = sorted(spread, key=lambda n: (-spread[n], -weight[n], n))
    return tuple(ranked[:5])


def _label(group: set[str], bags: dict[str, dict[str, float]], top: tuple[str, ...]) -> str:
    """The story's strongest words and names, e.g. "Brosz · ceasefire · corridor"."""
    total: dict[str, float] = defaultdict(float)
    for article_id in group:
        for feature, weight in bags[article_id].items():
            if not feature.startswith("@"):
                total[feature] += weight
    words = [w for w, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    return " · ".join([*top[:2], *words]) or "(untitled)"
