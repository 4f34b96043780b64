"""Read-only views over stories: the list, one story's articles, figures compared.

Stories are computed from what the store holds each time they are asked for (the texts
and the resolved entities), so they always reflect the latest ingest and never write.
"""

from __future__ import annotations

import dataclasses

from ..errors import NotInRecordError
from ..models import Figure, Mention, Proposal
from ..resolve.compare import FigureGroup, compare_figures
from ..resolve.entities import canonical_facts, canonical_names
from ..resolve.proposals import TrackedProposal, track_proposals
from ..resolve.stories import Story, build_stories
from ..store import Store


class UnknownStoryError(NotInRecordError):
    """Raised when ``--story`` names no story of the record."""


def list_stories(store: Store) -> list[Story]:
    """Every story of the record, largest first."""
    return build_stories(store.articles(), store.entities())


def pick_story(stories: list[Story], story_id: str | None) -> Story | None:
    """The story ``story_id``, or the largest when None; None when there are no articles.

    Raises:
        UnknownStoryError: no story has that id (the message lists a few that exist).
    """
    if story_id is None:
        return stories[0] if stories else None
    for story in stories:
        if story.id == story_id:
            return story
    known = ", ".join(s.id for s in stories[:5]) or "none"
    raise UnknownStoryError(
        f"no story {story_id!r}; some stories: {known} (see `storyline stories`)"
    )


def compare_story_figures(store: Store, story_id: str | None = None) -> list[FigureGroup]:
    """Figures of one story (default: the largest) compared across its sources."""
    story = pick_story(list_stories(store), story_id)
    if story is None:
        return []
    members = set(story.articles)
    names = canonical_names(store)
    figures = [f for f in canonical_facts(store, Figure, names) if f.article in members]
    mentions = [
        dataclasses.replace(m, name=names.get((m.article, m.name), m.name))
        for m in store.facts(Mention)
        if m.article in members
    ]
    articles = store.articles(sorted(members))
    return compare_figures(figures, articles, mentions, copies=story.copies)


def story_proposals(store: Store, story_id: str | None = None) -> list[TrackedProposal]:
    """Proposals of one story (default: the largest), each followed across its reports.

    Syndicated copies are left out, so a reprint is not a second source.
    """
    story = pick_story(list_stories(store), story_id)
    if story is None:
        return []
    members = set(story.articles) - set(story.copies)
    proposals = [p for p in canonical_facts(store, Proposal) if p.article in members]
    return track_proposals(proposals, store.articles(sorted(members)))
