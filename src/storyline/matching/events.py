"""When two event records are one event: same type, same actors, compatible date and place.

Used within one article (a meeting reported in the lead and again three paragraphs down
is one meeting) by the extractor, and across articles by :mod:`storyline.resolve.events`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..models import Event

_WORD = re.compile(r"\w+")


def name_tokens(name: str | None) -> list[str]:
    """A name as lower-cased word tokens, the way names are compared."""
    return _WORD.findall((name or "").lower())


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two names are the same actor: one's words end the other's ("Varn" ~ "Ilsa Varn")."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = sorted((ta, tb), key=len)
    return long_[-len(short) :] == short


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_name(a, b) or a == b


def same_parties(a: Event, b: Event) -> bool:
    """Same actor; for a meeting also the same pair the other way round."""
    if same_name(a.actor, b.actor):
        return _compatible(a.target, b.target)
    if a.type != "CONSULT":
        return False
    # A meeting told from the other side: "Hallo, who met Varn …" is Varn's meeting too.
    swapped_actor = same_name(a.target, b.actor) and _compatible(a.actor, b.target)
    swapped_target = same_name(a.actor, b.target) and _compatible(a.target, b.actor)
    return swapped_actor or swapped_target


def mergeable(a: Event, b: Event) -> bool:
    """Whether ``b`` reports the same event as ``a`` (same article or not).

    Same type and status, nothing contradicting (date, target, place), and positive
    evidence: the same actor (a meeting's two sides may be swapped) with the same date or
    the same target. One envoy's three meetings on one day with three people stay three.
    """
    if a.type != b.type or a.status != b.status:
        return False
    if a.when != b.when and a.when is not None and b.when is not None:
        return False
    if not (a.location is None or b.location is None or same_name(a.location, b.location)):
        return False
    same_day = a.when is not None and a.when == b.when
    if same_parties(a, b):
        named_target = a.target is not None and b.target is not None
        # "… told reporters after the meeting": a later bare mention of a meeting, with
        # no day and no one named, is the meeting already reported.
        mention = a.type == "CONSULT" and b.when is None and b.target is None and a.mode == b.mode
        return same_day or named_target or mention
    one_unnamed = (a.actor is None) != (b.actor is None)
    return one_unnamed and same_day and _compatible(a.target, b.target)


def absorb(kept: Event, other: Event) -> Event:
    """``kept`` with the fields it lacks taken from ``other`` (its offsets stay)."""
    updates: dict[str, Any] = {}
    for name in ("actor", "target", "location"):
        if getattr(kept, name) is None and getattr(other, name) is not None:
            updates[name] = getattr(other, name)
    if kept.when is None and other.when is not None:
        updates["date"] = other.date
        updates["period"] = other.period
        updates["date_text"] = other.date_text
    return dataclasses.replace(kept, **updates) if updates else kept


def merge_events(events: list[Event]) -> list[Event]:
    """Fold repeated reports of one event into its first report, in text order."""
    kept: list[Event] = []
    for event in events:
        for i, earlier in enumerate(kept):
            if mergeable(earlier, event):
                kept[i] = absorb(earlier, event)
                break
        else:
            kept.append(event)
    return kept
