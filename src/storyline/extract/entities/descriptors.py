"""Descriptor noun phrases: "the top diplomat", "an Ostrivian official", "Calderan officials".

A descriptor in apposition to a name ("Lena Marsh, the Vardian envoy,") gives that person
a role. Any other definite descriptor whose role the article gives a named person ("the
prime minister" after "Prime Minister Ivo Tarn") is a mention of that person. An
anonymous source ("an Ostrivian official", later "the Ostrivian official") is named
"unnamed Ostrivian official", the gold convention for sources without a name; a group
("Calderan officials", "hospital authorities") is named as written; a person's office ("Tarn's
office", "the Tarn administration") is an organization of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, LOWER, POS
from spacy.tokens import Doc, Token

from ...matching.events import same_name
from ...matching.lexicon import Lexicon
from ..common.syntax import NOMINAL_SUBJECTS, climb
from .cluster import affiliation_name
from .columns import Columns
from .names import POSSESSIVE, Candidate, Cluster
from .wordclasses import could_be_full_name, load_word_classes

# Singular nouns that refer back to an organization named earlier ("the group said").
GROUP_REFERENCES = frozenset({"group", "organization", "organisation", "movement", "faction"})
INDEFINITE = frozenset({"a", "an", "another", "one"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
QUANTIFIERS = frozenset({"some", "several", "many", "few", "other", "two", "three", "both"})
_BREAKS = frozenset({",", "(", ")", ";", ":", "—", "–", '"', "“", "”"})
# An "of"/"for" phrase longer than this is a clause, not part of a name ("members of ...").
MAX_OF_PHRASE = 8
# "the group" looks back this many sentences for the organization it means.
GROUP_LOOKBACK_SENTS = 3


@dataclass(eq=False)
class _Phrase:
    head: Token
    start: int  # first token after determiners and numbers
    end: int
    determiner: str  # "indefinite" | "definite" | "possessive" | "bare"
    plural: bool
    inner: list[Candidate]


@dataclass(frozen=True)
class TitleVoices:
    """Whom a document's title names, for its bare titles ("the President").

    ``principal``: the speaker of an official statement or readout ("Readout of President
    X's Call with President Y": its "the President" is X, whoever was named last, as its
    readers take it). ``offices``: an office's last word → the one person the title
    names with it ("… Between President X and Prime Minister Y": "the President" is X).
    """

    principal: str | None = None
    offices: Mapping[str, str] = field(default_factory=dict)


def find_descriptors(
    cols: Columns,
    names: list[Candidate],
    clusters: list[Cluster],
    taken: set[int],
    lex: Lexicon,
    voices: TitleVoices | None = None,
) -> list[Candidate]:
    """Descriptor candidates, each with its ``name`` (and ``cluster`` when tied to one).

    ``voices`` are the people the title names (see :class:`TitleVoices`).

    Appositions are read first, so that "Lena Marsh, the top Vardian diplomat," gives her
    the role before a later "the top Vardian diplomat" looks for its holder.
    """
    at: dict[int, Candidate] = {}
    for candidate in names:
        for i in range(candidate.start, candidate.end):
            at[i] = candidate
    org_heads = {
        c.name.split()[-1].lower(): c for c in clusters if c.type == "ORG" and " " in c.name
    }
    phrases = [
        p
        for i in _heads(cols, at, taken, lex, org_heads)
        if (p := _phrase(cols, cols.doc[i], at, lex)) is not None
    ]
    out: list[Candidate] = []
    resolved: dict[int, Cluster] = {}
    unnamed: dict[tuple[str, ...], str] = {}
    # Demonyms the article ties to a place ("Calderan" beside "Caldera"), wherever they
    # occur: the model tags some occurrences and not others.
    places = {
        m.key[0]: c.name
        for c in clusters
        if c.type == "GPE"
        for m in c.members
        if m.kind == "demonym"
    }
    # Organizations first ("the movement's political chief" needs "the movement"), then
    # appositions, then the rest in text order.
    for phrase in phrases:
        if _refers_to_org(phrase, lex, org_heads):
            candidate = _candidate(cols, phrase, lex, resolved, places)
            if _resolve(cols, phrase, candidate, clusters, resolved, unnamed, lex, voices):
                out.append(candidate)
                if candidate.cluster is not None:
                    resolved[phrase.head.i] = candidate.cluster
    later: list[_Phrase] = []
    for phrase in phrases:
        if phrase.head.i in resolved or _refers_to_org(phrase, lex, org_heads):
            continue
        tied = _apposition(phrase, at, lex)
        if tied is not None and not phrase.plural:
            candidate = _candidate(cols, phrase, lex, resolved, places)
            _give_role(tied, candidate, lex)
            _tie(candidate, tied)
            out.append(candidate)
            resolved[phrase.head.i] = tied
        else:
            later.append(phrase)
    for phrase in later:
        candidate = _candidate(cols, phrase, lex, resolved, places)
        if _resolve(cols, phrase, candidate, clusters, resolved, unnamed, lex, voices):
            out.append(candidate)
            if candidate.cluster is not None:
                resolved[phrase.head.i] = candidate.cluster
    return out


def _refers_to_org(phrase: _Phrase, lex: Lexicon, org_heads: dict[str, Cluster]) -> bool:
    """ "the group", "the movement", "the agency" (after "... Relief Agency")."""
    low = phrase.head.lower_
    return not phrase.plural and (low in GROUP_REFERENCES or low in org_heads)


def _heads(
    cols: Columns,
    at: dict[int, Candidate],
    taken: set[int],
    lex: Lexicon,
    org_heads: dict[str, Cluster],
) -> list[int]:
    """The indexes of the tokens that may head a descriptor: nouns outside names and
    titles that are source nouns, role words, group references or institutions."""
    # The part-of-speech and dependency tests in numpy over the whole text; the
    # lexicons only for the nouns left.
    nouns = cols.isin(POS, ("NOUN",))
    heads = (nouns | cols.isin(POS, ("PROPN",))) & ~cols.isin(DEP, ("compound", "attr"))
    common = nouns.tolist()
    lower = cols.lower
    found = [
        i
        for i in numpy.flatnonzero(heads).tolist()
        if i not in at
        and i not in taken
        and (
            lex.is_person_noun(low := lower[i])
            or low in GROUP_REFERENCES
            or (low in org_heads and common[i])
            or _institution(cols, i, lex)
        )
    ]
    # "old" found over the whole text in numpy, as the nouns are; rare, so read one by one.
    ages = [
        i
        for i in numpy.flatnonzero(cols.isin(LOWER, ("old",))).tolist()
        if i >= 2 and _age(cols, i)
    ]
    return sorted(found + ages) if ages else found


def _age(cols: Columns, i: int) -> bool:
    """ "The 71-year-old said": "old" after "year-" heading a subject stands for a person
    ("a 71-year-old farmer" is the farmer's)."""
    return (
        cols.lower[i - 1] in ("-", "\u2011")
        and cols.lower[i - 2] in ("year", "years")
        and cols.doc[i].dep_ in NOMINAL_SUBJECTS
    )


def _phrase(cols: Columns, token: Token, at: dict[int, Candidate], lex: Lexicon) -> _Phrase | None:
    """The descriptor headed by ``token`` (one of :func:`_heads`), or None when it heads
    none."""
    doc = cols.doc
    low = token.lower_
    sent_start = cols.sent_start(token.i)
    left = token.i
    while left - 1 >= max(token.left_edge.i, sent_start):
        previous = doc[left - 1]
        if (
            previous.text in _BREAKS
            or previous.is_space
            or previous.tag_ in ("WDT", "WP", "CC")
            or previous.dep_ in ("cc", "conj")
        ):
            break
        left -= 1
    end = token.i + 1
    if lex.is_person_noun(low):
        end = _of_phrase(doc, token, end)
    determiner = "bare"
    first = doc[left].lower_
    if first in INDEFINITE:
        determiner = "indefinite"
    elif first in DEFINITE:
        determiner = "definite"
    elif any(c.dep_ == "poss" for c in token.lefts):
        determiner = "possessive"
    start = left
    while start < token.i and (
        doc[start].lower_ in DEFINITE
        or doc[start].lower_ in INDEFINITE
        or doc[start].lower_ in QUANTIFIERS
        or doc[start].like_num
        or doc[start].dep_ in ("det", "predet", "nummod")
    ):
        start += 1
    plural = token.tag_ in ("NNS", "NNPS") or low in lex.plural_sources
    if not plural and determiner == "bare" and start == token.i:
        return None  # a bare singular noun is generic ("became minister"), not a mention
    inner = sorted({at[i] for i in range(start, end) if i in at}, key=lambda c: c.start)
    return _Phrase(token, start, end, determiner, plural, inner)


def _institution(cols: Columns, i: int, lex: Lexicon) -> bool:
    if (cols.lower[i],) in lex.institutions:
        return True
    return i > 0 and cols.span_key(i - 1, i + 1) in lex.institutions


def _of_phrase(doc: Doc, token: Token, end: int) -> int:
    """Extend past "of/for ..." ("members of the Tarn coalition"), when it is short."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == end:
            stop = child.right_edge.i + 1
            words = doc[child.i : stop]
            if stop - child.i <= MAX_OF_PHRASE and not any(
                t.text in _BREAKS or t.pos_ in ("VERB", "AUX") for t in words
            ):
                return stop
    return end


def _candidate(
    cols: Columns,
    phrase: _Phrase,
    lex: Lexicon,
    resolved: dict[int, Cluster],
    places: dict[str, str],
) -> Candidate:
    candidate = Candidate(
        phrase.start,
        phrase.end,
        cols.span_text(phrase.start, phrase.end).replace("’", "'"),
        cols.span_key(phrase.start, phrase.end),
        kind="descriptor",
    )
    candidate.role = candidate.text
    lower = cols.lower
    role_key = tuple(
        lower[i]
        for i in range(phrase.start, phrase.head.i + 1)
        if not any(c.start <= i < c.end for c in phrase.inner)
        and lower[i] not in POSSESSIVE
        and lex.country((lower[i],)) is None
    )
    candidate.role_class = lex.role_class(role_key)
    for inner in phrase.inner:
        if inner.cluster is not None and inner.cluster.type != "PERSON":
            candidate.affiliation = inner
            break
    else:
        for i in range(phrase.start, phrase.end):
            owner = resolved.get(i)
            country = lex.country((lower[i],)) or places.get(lower[i])
            if owner is not None and owner.type != "PERSON":
                candidate.affiliation = owner.name
                break
            if country is not None:
                candidate.affiliation = country
                break
    return candidate


def _apposition(phrase: _Phrase, at: dict[int, Candidate], lex: Lexicon) -> Cluster | None:
    """The person a descriptor stands in apposition to, either way round."""
    head = phrase.head
    # "X, Dorvan's envoy and the chief mediator": both describe X
    for above in climb(head, through={"conj"}):
        if above.pos_ not in ("NOUN", "PROPN"):
            break
        head = above
    linked: list[Token] = []
    if head.dep_ == "appos":
        linked.append(head.head)
    linked.extend(c for c in head.children if c.dep_ == "appos")
    for token in linked:
        candidate = at.get(token.i)
        if candidate is None or candidate.cluster is None:
            continue
        cluster = candidate.cluster
        if cluster.type == "PERSON":
            return cluster
        if _person_by_role(phrase, cluster, lex):
            # "Anneke Rusel, a family physician,": a person's role said of a name makes it
            # a person's, whatever type the model gave a name it does not know.
            cluster.type = "PERSON"
            return cluster
    return None


def _person_by_role(phrase: _Phrase, cluster: Cluster, lex: Lexicon) -> bool:
    head = phrase.head.lower_
    # Not an organization's name: a role is said of firms too ("Brevik Partners, an
    # adviser to the ministry"); the model's place labels are its guesses for unknown names.
    if phrase.plural or cluster.fixed or cluster.type not in ("GPE", "LOC", "OTHER"):
        return False
    if not lex.is_person_noun(head) or (head,) in lex.institutions:
        return False
    key = max((m.key for m in cluster.members), key=len)
    return lex.country(key[:1]) is None and could_be_full_name(key, lex, load_word_classes())


def _give_role(cluster: Cluster, descriptor: Candidate, lex: Lexicon) -> None:
    if descriptor.role:
        cluster.roles.add(descriptor.role)
    if cluster.role is None:
        cluster.role, cluster.role_class = descriptor.role, descriptor.role_class
    elif cluster.role_class is None:
        cluster.role_class = descriptor.role_class
    if descriptor.role_class:
        cluster.classes.add(descriptor.role_class)
    if cluster.affiliation is None:
        cluster.affiliation = affiliation_name(descriptor.affiliation)


def _tie(candidate: Candidate, cluster: Cluster) -> None:
    candidate.cluster = cluster
    candidate.name = cluster.name
    candidate.type = cluster.type


def _resolve(
    cols: Columns,
    phrase: _Phrase,
    candidate: Candidate,
    clusters: list[Cluster],
    resolved: dict[int, Cluster],
    unnamed: dict[tuple[str, ...], str],
    lex: Lexicon,
    voices: TitleVoices | None = None,
) -> bool:
    """Name the descriptor; False when it should not be a mention at all."""
    head = phrase.head
    if head.lower_ == "old" and _age(cols, head.i):
        # "The 71-year-old said …": the person named last before, outside quotation marks.
        owner = _previous(cols, head, clusters, "PERSON", unquoted=True)
        if phrase.plural or phrase.determiner != "definite" or owner is None:
            return False
        # The number belongs to the words ("71-year-old"). They stay the mention's role,
        # as a descriptor's do, so that they never become one of the person's names.
        if candidate.start > 0 and cols.doc[candidate.start - 1].like_num:
            candidate.start -= 1
            candidate.text = cols.span_text(candidate.start, candidate.end)
        candidate.role, candidate.role_class = candidate.text, None
        _tie(candidate, owner)
        return True
    if _institution(cols, head.i, lex):
        if _office(cols, phrase, candidate, resolved):
            return True
        # "the office" after "... Relief Office" is that organization, as "the agency" is;
        # a bare institution noun ("the party") is no one named here otherwise.
        owner = (
            None
            if phrase.plural or phrase.inner
            else _nearest_before(head, _ending(head, clusters))
        )
        if phrase.determiner != "definite" or owner is None:
            return False
        _tie(candidate, owner)
        return True
    if head.lower_ in GROUP_REFERENCES or head.lower_ in _org_words(clusters):
        if phrase.plural or phrase.determiner != "definite" or phrase.inner:
            return False
        # "the agency" after "... Relief Coordination Agency": the organization whose
        # name it ends, however many others were named since.
        owner = _nearest_before(head, _ending(head, clusters)) or _previous_org(
            cols, head, clusters
        )
        if owner is None:
            return False
        _tie(candidate, owner)
        return True
    if phrase.plural:
        candidate.name = candidate.text
        candidate.type = "ORG"
        return True
    if phrase.determiner != "indefinite" and candidate.role_class:
        holder = _holder(candidate, clusters, lex, voices or TitleVoices())
        if holder is not None:
            _tie(candidate, holder)
            return True
    key = tuple(k for k in candidate.key if k not in POSSESSIVE)
    if phrase.determiner == "indefinite" or (
        phrase.determiner == "bare" and head.lower_ in lex.source_nouns
    ):
        # "an Ostrivian official": someone the article does not name (a later "the
        # Ostrivian official" is the same one).
        # "an unnamed official" says it already: no second "unnamed".
        text = candidate.text
        words = text.split()
        if words and words[0].lower() == "unnamed":
            text = " ".join(words[1:]) or text
        candidate.name = unnamed.setdefault(key, f"unnamed {text}")
    else:
        # "the chief mediator" with no holder named here: a specific person, left for the
        # corpus-level resolution by role.
        # A bare "the diplomat" after "a Rovanian diplomat" is the one introduced: the
        # latest unnamed descriptor with this head and at least these words.
        earlier = unnamed.get(key) or next(
            (
                name
                for words, name in reversed(unnamed.items())
                if key and words and words[-1] == key[-1] and set(key) <= set(words)
            ),
            None,
        )
        candidate.name = earlier or candidate.text
    candidate.type = "PERSON"
    return True


def _holder(
    candidate: Candidate,
    clusters: list[Cluster],
    lex: Lexicon,
    voices: TitleVoices,
) -> Cluster | None:
    """The named person of the article holding the descriptor's role: the document's
    principal when they hold it, else the one its title names with that office, else the
    one named nearest before."""
    role = candidate.role_class
    if role is None:
        return None
    wanted = affiliation_name(candidate.affiliation)
    options = [
        c
        for c in clusters
        if c.type == "PERSON"
        and any(lex.roles_match(role, held) for held in c.classes)
        and (wanted is None or c.affiliation is None or c.affiliation == wanted)
    ]
    if not options:
        return None
    for wanted_name in (voices.principal, voices.offices.get(role.split()[-1])):
        if wanted_name is not None:
            speaking = [c for c in options if same_name(c.name, wanted_name)]
            if len(speaking) == 1:
                return speaking[0]
    before = [c for c in options if c.first() < candidate.start]
    if before:
        return max(
            before, key=lambda c: max(m.start for m in c.members if m.start < candidate.start)
        )
    return min(options, key=lambda c: c.first())


def _office(
    cols: Columns, phrase: _Phrase, candidate: Candidate, resolved: dict[int, Cluster]
) -> bool:
    """ "Tarn's office", "the Tarn administration": an organization named after its head."""
    head = phrase.head
    for child in head.lefts:
        if child.dep_ not in ("poss", "compound"):
            continue
        owner = next((c for c in phrase.inner if c.start <= child.i < c.end), None)
        if owner is not None and owner.cluster is not None:
            if owner.cluster.type not in ("PERSON", "ORG"):
                return False
            owner_text = owner.text.replace("’", "'")
        elif child.i in resolved and resolved[child.i].type == "PERSON":
            owner_text = resolved[child.i].name.split()[-1]
        else:
            continue
        rest = cols.span_text(child.i + 1, phrase.end).replace("’", "'")
        if child.dep_ == "poss":
            rest = rest.removeprefix("'s").removeprefix("'").strip()
            candidate.name = f"{owner_text}'s {rest}"
        else:
            candidate.name = f"{owner_text} {rest}"
        candidate.text = cols.span_text(candidate.start, phrase.end)
        candidate.type = "ORG"
        candidate.role = None
        candidate.role_class = None
        return True
    return False


def _ending(head: Token, clusters: list[Cluster]) -> list[Cluster]:
    """The organizations whose name ends with the word ``head`` ("… Relief Office")."""
    word = head.lower_
    return [c for c in clusters if c.type == "ORG" and c.name.lower().split()[-1:] == [word]]


def _org_words(clusters: list[Cluster]) -> set[str]:
    return {c.name.split()[-1].lower() for c in clusters if c.type == "ORG" and " " in c.name}


def _nearest_before(token: Token, clusters: list[Cluster]) -> Cluster | None:
    """The cluster with the latest mention before ``token``."""
    best: tuple[int, Cluster] | None = None
    for cluster in clusters:
        for member in cluster.members:
            if member.start < token.i and (best is None or member.start > best[0]):
                best = (member.start, cluster)
    return best[1] if best is not None else None


def _previous_org(cols: Columns, token: Token, clusters: list[Cluster]) -> Cluster | None:
    """The organization mentioned last before ``token`` within a few sentences."""
    return _previous(cols, token, clusters, "ORG")


def _previous(
    cols: Columns, token: Token, clusters: list[Cluster], kind: str, *, unquoted: bool = False
) -> Cluster | None:
    """The cluster of type ``kind`` mentioned last before ``token`` within a few sentences;
    with ``unquoted``, not counting mentions inside quotation marks (a speaker is not who
    their own words name)."""
    sent_start = cols.sent_start(token.i)
    for _ in range(GROUP_LOOKBACK_SENTS):
        if sent_start == 0:
            break
        sent_start = cols.sent_start(sent_start - 1)
    limit_char = cols.starts[sent_start]
    best: Candidate | None = None
    for cluster in clusters:
        if cluster.type != kind:
            continue
        for member in cluster.members:
            if (
                member.start < token.i
                and cols.starts[member.start] >= limit_char
                and (best is None or member.start > best.start)
                and not (unquoted and _quoted(cols.text, cols.starts[member.start]))
            ):
                best = member
    return best.cluster if best is not None else None


def _quoted(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside quotation marks opened in its paragraph."""
    before = text[text.rfind("\n", 0, offset) + 1 : offset]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or (curly == 0 and before.count('"') % 2 == 1)
