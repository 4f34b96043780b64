"""How the ingest shares articles out among worker processes (no model, no process)."""

from __future__ import annotations

import pytest

from storyline.models import Article
from storyline.pipeline import TAIL_ARTICLES, _chunks


def articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Report {i}.") for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 25, 110, 120, 301])
@pytest.mark.parametrize("workers", [2, 4])
def test_tasks_keep_every_article_in_order(n: int, workers: int) -> None:
    given = articles(n)
    tasks = list(_chunks(iter(given), 8, workers))
    assert [a for task in tasks for a in task] == given
    assert all(task for task in tasks)
    assert all(len(task) <= 8 for task in tasks)


def test_the_last_tasks_shrink_so_the_workers_finish_together() -> None:
    sizes = [len(task) for task in _chunks(iter(articles(120)), 8, 2)]
    # Whole tasks while more input follows, then shrinking ones, none under the floor
    # unless the input itself is that short.
    assert sizes[:10] == [8] * 10
    assert sizes[-1] == TAIL_ARTICLES and min(sizes) >= TAIL_ARTICLES
    assert sizes == sorted(sizes, reverse=True)
    assert sum(s for s in sizes if s < 8) <= 2 * 8


def test_a_short_input_is_still_shared_out() -> None:
    assert [len(task) for task in _chunks(iter(articles(7)), 8, 2)] == [2, 2, 3]
    assert [len(task) for task in _chunks(iter(articles(1)), 8, 2)] == [1]
