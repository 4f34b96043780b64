"""Time cross-document entity resolution on a large synthetic record.

    .venv/bin/python scripts/bench_resolve.py                    # 100,000 articles
    .venv/bin/python scripts/bench_resolve.py --articles 10000 --more 1000

Resolution is the step that stays on one machine whatever engine ingests (the Ray engine
loads its Parquet shards into one SQLite store, then resolves there). The record is the
one `scripts/bench_api.py` invents (no parsing: invented people, organisations and places
whose mentions point into their articles), stored without entities; the script then runs
`resolve_entities` over all of it, as the first ingest into an empty store does, and again
after ``--more`` new articles, as a later ingest does (only their mentions are read).
Printed: articles, mentions, entities, seconds and peak memory of each run.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from storyline.models import Article, Fact, Mention
from storyline.resolve import resolve_entities
from storyline.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import STORY_SIZE, People, Plot, build_world, write_article


def add_articles(
    store: Store, world: tuple[list[Plot], People], rng: random.Random, start: int, count: int
) -> int:
    """Store ``count`` invented articles from number ``start``; returns their mentions."""
    plots, people = world
    mentions = 0
    batch: list[Article] = []
    facts: list[Fact] = []
    for index in range(start, start + count):
        article, found = write_article(index, rng, plots[index % len(plots)], people)
        batch.append(article)
        facts.extend(found)
        mentions += sum(isinstance(f, Mention) for f in found)
        if len(batch) == 1000:
            store.add_batch(batch, facts)
            batch, facts = [], []
    if batch:
        store.add_batch(batch, facts)
    return mentions


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--more", type=int, default=1_000, help="articles of the second run")
    parser.add_argument("--keep", help="write the database here instead of a scratch file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-resolve-") as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "resolve.db"
        rng = random.Random(13)
        world = build_world(rng, max(1, (args.articles + args.more) // STORY_SIZE))
        with Store(db) as store:
            started = time.perf_counter()
            mentions = add_articles(store, world, rng, 0, args.articles)
            print(
                f"stored {args.articles:,} articles, {mentions:,} mentions "
                f"in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            started = time.perf_counter()
            entities = resolve_entities(store)
            print(
                f"first resolution: {len(entities):,} entities in "
                f"{time.perf_counter() - started:.0f} s, peak {peak_mb():,.0f} MB",
                flush=True,
            )
            more = add_articles(store, world, rng, args.articles, args.more)
            started = time.perf_counter()
            entities = resolve_entities(store)
            print(
                f"after {args.more:,} more articles ({more:,} mentions): {len(entities):,} "
                f"entities in {time.perf_counter() - started:.1f} s, peak {peak_mb():,.0f} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
