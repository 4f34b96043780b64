"""Cross-article entities: one entity per real actor over the corpus, kept incrementally.

The ``entities`` extractor already settles who is who inside one article; here each
article's actors (one :class:`~.entities_index.Member` per article-level name) are merged
into the corpus entities: same name, a surname of a full name seen elsewhere ("Varga" →
"Ilsa Varga", unless two people share it and no role or affiliation tells them apart),
a misspelling ("Ilse Varga"), an acronym, a demonym, or a role descriptor the article
could not tie ("the chief mediator") to the holder of that role in the same period.

Resolution is incremental: the ``entity_members`` table remembers which entity each
article's names joined and ``entity_articles`` a signature of each article's mentions, so
a run reads only the mentions of new or re-extracted articles and rewrites only the
entities they touch. A full rebuild happens only on a database the old resolver filled.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..matching.lexicon import load_lexicon
from ..matching.names import (
    headline_name,
    initials,
    is_acronym,
    is_demonym_of,
    name_key,
    name_words,
    same_given_name,
)
from ..models import Entity, Fact, Mention, make_id
from ..store import Store
from ..store.entities import EntityRow, MemberRow
from .entities_index import EntityIndex, EntityState, Member
from .entities_index import role_classes as _role_classes

logger = logging.getLogger(__name__)

UNNAMED = "unnamed "


def resolve_entities(store: Store) -> list[Entity]:
    """Merge the mentions of new or changed articles into the stored entities.

    Returns:
        Every stored entity, most mentioned first.

    Raises:
        StoreError: the database cannot be written; nothing of this run is kept.
    """
    if not _changes(store)[0]:
        return _ordered(store.entities())
    lex = load_lexicon()
    # One write for the whole run, so a killed run leaves the entities as they were. The
    # changes are read again under the write lock: another process (a second ingest) may
    # have resolved some of them, or stored more, since the look above.
    with store.transaction("resolve entities"):
        pending, current, known = _changes(store)
        if not pending:
            return _ordered(store.entities())
        changed = sorted(a for a, s in current.items() if known.get(a) != s)
        removed = sorted(a for a in known if a not in current)
        if not known:
            store.clear_entities()  # left by a resolver without members
        touched = store.drop_entity_members([*changed, *removed])
        index = EntityIndex([EntityState.from_json(d) for d in store.entity_data()], lex)
        members = [Member.from_row(*row) for row in store.take_pending_members()]
        published = store.published_dates(changed)
        titles = store.titles(changed)
        for article_id in changed:
            members.extend(
                build_members(
                    store.facts(Mention, article_id),
                    published[article_id],
                    titles[article_id],
                    lex.is_given_name,
                )
            )
        merges = _assign(members, index)
        touched.update(m.entity for m in members if m.entity)
        store.add_entity_members(
            MemberRow(m.article, m.name, m.entity, m.to_json()) for m in members
        )
        for old, new in merges:
            store.move_entity_members(old, new)
            touched.update((old, new))
        store.rewrite_entities(
            sorted(i for i in touched if i), lambda i, rows: _aggregate(i, rows, index)
        )
        store.add_resolved_signatures((a, current[a]) for a in changed)
    logger.info("resolved entities of %d article(s)", len(changed))
    return _ordered(store.entities())


def _changes(store: Store) -> tuple[bool, dict[str, str], dict[str, str]]:
    """Whether any article's mentions changed since they were resolved, with the current
    and the resolved mention signatures."""
    current = store.mention_signatures()
    known = store.resolved_signatures()
    return current != known, current, known


def canonical_names(store: Store) -> dict[tuple[str, str], str]:
    """``(article id, article-level name) → corpus entity name`` for every resolved name.

    The export and views use it to show one name per actor across articles: an article
    that only says "Varga" gets the "Ilsa Varga" another article gives.
    """
    return store.entity_names()


# Fields that name an actor: shown under the corpus-wide canonical name (contract §1).
NAME_FIELDS = ("speaker", "actor", "target", "holder", "source", "proposer")

F = TypeVar("F", bound=Fact)


def canonical_facts(
    store: Store, cls: type[F], names: dict[tuple[str, str], str] | None = None
) -> list[F]:
    """Stored facts of one type, their actor names lifted to the corpus-wide names.

    An article may name someone only by surname ("Varden") while another gives the full
    name; the export and the views speak of one actor by one name across articles. A
    caller reading several fact types passes ``names`` (:func:`canonical_names`) once.
    """
    if names is None:
        names = canonical_names(store)
    out = []
    for fact in store.facts(cls):
        changes: dict[str, Any] = {}
        for key in NAME_FIELDS:
            value = getattr(fact, key, None)
            if isinstance(value, str) and (fact.article, value) in names:
                changes[key] = names[(fact.article, value)]
        out.append(dataclasses.replace(fact, **changes) if changes else fact)
    return out


def build_members(
    mentions: Iterable[Mention],
    published: str | None,
    title: str | None = None,
    is_given_name: Callable[[str], bool] | None = None,
) -> list[Member]:
    """One member per article-level name; anonymous sources and groups are left out.

    A person the ``title`` names with a given name the body does not use (or does not give)
    keeps that form as the member's ``headline`` name.

    A mention whose words are its role ("the top Ostrivian diplomat") counts for the person it
    names but is not one of that person's names; one the article could not tie to a
    person ("the chief mediator") becomes a descriptor member, resolved by role.
    """
    out: dict[str, Member] = {}
    for mention in mentions:
        if mention.name.startswith(UNNAMED):
            continue
        surface = _norm(mention.text)
        described = mention.role is not None and _norm(mention.role) == surface
        unresolved = described and _norm(mention.name) == surface
        if unresolved and mention.type != "PERSON":
            continue  # a group ("Calderan officials") is a label, not an actor with one identity
        member = out.get(mention.name)
        if member is None:
            member = Member(mention.article, mention.name, published=published)
            member.descriptor = unresolved
            out[mention.name] = member
        member.votes[mention.type] += 1
        member.mentions += 1
        if not described:
            member.forms.add(" ".join(mention.text.replace("’", "'").split()))
        if mention.role and mention.type == "PERSON":
            member.roles.add(mention.role)
        if mention.affiliation:
            member.affiliations[mention.affiliation] += 1
    if title and is_given_name is not None:
        for member in out.values():
            if member.type == "PERSON" and not member.descriptor:
                member.headline = headline_name(title, member.name, is_given_name)
    return list(out.values())


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _order(member: Member) -> tuple[bool, bool, int, str, str]:
    """Full names before surnames, so that a surname in the same batch finds its person;
    two-word names before longer ones, so that "Crooked Dana Voss" finds "Dana Voss"."""
    words = len(name_words(member.name))
    return (member.descriptor, words < 2, words, member.published or "", member.article)


def _assign(members: list[Member], index: EntityIndex) -> list[tuple[str, str]]:
    """Give each member an entity (new ones as needed); returns ``(merged, into)`` pairs."""
    merges: list[tuple[str, str]] = []
    members.sort(key=_order)
    for member in members:
        entity = index.find(member)
        if entity is None:
            if member.descriptor:
                continue  # stays pending until a holder of the role turns up
            entity = EntityState(
                id=make_id("e", member.article, member.name),
                name=member.name,
                type=member.type,
            )
        member.entity = entity.id
        known = entity.id in index.entities
        added = _fold(entity, member, index)
        for other in _absorbable(entity, member, index):
            index.remove(other.id)
            added += entity.add_names((other.name, *other.aliases))
            entity.classes |= other.classes
            merges.append((other.id, entity.id))
        index.add(entity, added if known else None)
    return merges


def _fold(entity: EntityState, member: Member, index: EntityIndex) -> list[str]:
    """What later members of the same run need to see of ``member`` on its entity.

    Returns:
        The names the entity did not have before.
    """
    added = [] if member.descriptor else entity.add_names((*member.forms, member.name))
    entity.roles |= member.roles
    entity.articles.add(member.article)
    entity.mentions += member.mentions
    new_classes = _role_classes(member.roles, index.lex) - entity.classes
    if new_classes:
        entity.classes |= new_classes
        for held in new_classes:
            for role in {held, index.lex.role_head(held)}:
                index.by_role.setdefault(role, set()).add(entity.id)
    if entity.affiliation is None:
        entity.affiliation = member.affiliation
    if member.published:
        entity.first = min(entity.first or member.published, member.published)
        entity.last = max(entity.last or member.published, member.published)
    return added


def _absorbable(entity: EntityState, member: Member, index: EntityIndex) -> list[EntityState]:
    """Entities made earlier from a short form this member's full name settles.

    "Varga" (from an article that never gave a first name) joins "Ilsa Varga" once
    that is the only full name with that surname; "URCA" joins the name it abbreviates; a
    lone demonym entity joins its country.
    """
    words = [w for w in name_key(member.name) if w not in ("-", "'s", "'")]
    if member.descriptor or not words:
        return []
    found: list[EntityState] = []
    if len(words) >= 2:
        same_last = [e for e in index.live(index.by_last.get(words[-1])) if e.id != entity.id]
        if not same_last:
            for other in index.live(index.by_key.get((words[-1],))):
                if (
                    other.id != entity.id
                    and all(len(k) == 1 for k in other.word_keys())
                    and index.lex.country(name_key(other.name)) is None
                ):
                    found.append(other)
        if member.type != "PERSON":
            for other in index.live(index.by_key.get((initials(member.name).lower(),))):
                if other.id != entity.id and is_acronym(other.name):
                    found.append(other)
    elif member.type == "GPE":
        for other in index.demonyms_of(member.name):
            if other.id != entity.id and other.type != "PERSON" and not other.name.endswith("s"):
                found.append(other)
    return found


def _aggregate(entity_id: str, rows: list[MemberRow], index: EntityIndex) -> EntityRow:
    """An entity's fields from all its members, as the store keeps them."""
    state = _aggregate_state(entity_id, [Member.from_row(*row) for row in rows], index)
    return EntityRow(state.id, state.name, state.type, state.to_json())


def _aggregate_state(entity_id: str, members: list[Member], index: EntityIndex) -> EntityState:
    """An entity's fields from all its members."""
    lex = index.lex
    named = [m for m in members if not m.descriptor] or members
    articles_per_name: Counter[str] = Counter(m.name for m in named)
    mentions_per_name: Counter[str] = Counter()
    for m in named:
        mentions_per_name[m.name] += m.mentions
    votes: Counter[str] = Counter()
    affiliations: Counter[str] = Counter()
    state = EntityState(id=entity_id, name="")
    for m in members:
        votes.update(m.votes)
        affiliations.update(m.affiliations)
        state.roles |= m.roles
        state.mentions += m.mentions
        state.articles.add(m.article)
        if not m.descriptor:
            state.aliases |= m.forms | {m.name}
        if m.published:
            state.first = min(state.first or m.published, m.published)
            state.last = max(state.last or m.published, m.published)
    singles = [n for n in articles_per_name if " " not in n]
    demonyms = {n for n in singles if any(is_demonym_of(n, other) for other in singles)}
    state.name = max(
        articles_per_name,
        key=lambda n: (
            not is_acronym(n),
            not n.isupper(),
            n not in demonyms,
            min(len(name_words(n)), 2),
            articles_per_name[n],
            len(name_words(n)),
            mentions_per_name[n],
            n,
        ),
    )
    headline = _headline_name(state.name, named, votes)
    if headline is not None:
        state.aliases.add(state.name)
        state.name = headline
    key = name_key(state.name)
    state.type = votes.most_common(1)[0][0] if votes else "OTHER"
    if state.type != "PERSON" and any(_full_person(m, lex.is_given_name) for m in members):
        # An article that names the person in full settles the type: the small model calls
        # a lone surname elsewhere an organization or a place as often as not.
        state.type = "PERSON"
    if lex.country(key) is not None or (
        " " not in state.name
        and any(is_demonym_of(a, state.name) for a in state.aliases if " " not in a)
    ):
        state.type = "GPE"  # a name with a demonym is a place, whatever the model said
    elif key in lex.organizations or (
        key and key[-1] in lex.org_words and state.type in ("GPE", "LOC", "NORP", "FAC")
    ):
        state.type = "ORG"
    state.classes = _role_classes(state.roles, lex)
    for name, _ in affiliations.most_common():
        canonical = index.canonical(name)
        if canonical != state.name:
            state.affiliation = canonical
            break
    state.aliases.discard(state.name)
    return state


def _full_person(member: Member, is_given_name: Callable[[str], bool]) -> bool:
    """Whether an article typed the member a person under a full name ("Ilse Varden")."""
    words = name_words(member.name)
    return (
        member.type == "PERSON"
        and not member.descriptor
        and len(words) >= 2
        and is_given_name(words[0])
    )


def _headline_name(name: str, members: list[Member], votes: Counter[str]) -> str | None:
    """The name headlines give a person, when it can be the body's ``name``.

    Headlines name people the way readers know them; a body may use the formal style
    ("Joseph R. Biden, Jr.") or the surname alone. The most frequent headline form wins
    when its first name can be the body name's (equal, a nickname, an initial) and the
    surnames agree, or when the body never gives a first name.
    """
    if not votes or votes.most_common(1)[0][0] != "PERSON":
        return None
    forms = Counter(m.headline for m in members if m.headline)
    body = name_words(name)
    for form, _ in sorted(forms.items(), key=lambda item: (-item[1], item[0])):
        words = name_words(form)
        if not body or words[-1] != body[-1]:
            continue
        if len(body) == 1 or same_given_name(words[0], body[0]):
            return form
    return None


def _ordered(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (-e.mentions, e.name))
