"""Name candidates of one ``Doc``: cleaned entity spans, their titles and type evidence.

The small spaCy model finds most names but labels them loosely (surnames as places,
towns as people) and leaves titles outside the span ("Prime Minister" before a name). This
module turns ``doc.ents`` into :class:`Candidate` spans (grouped later into a
:class:`Cluster` per actor) with votes for each type, reads the
title and affiliation in front of a name ("Ostrivian Prime Minister", "the army's chief of
staff"), and links a parenthesized acronym to the name before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, LENGTH, TAG
from spacy.tokens import Token

from ...matching.lexicon import ROLE_ADJECTIVES, ROLE_MODIFIERS, Lexicon
from ...matching.names import initials
from .columns import Columns
from .wordclasses import (
    WordClasses,
    could_be_full_name,
    is_person_given_name,
    load_word_classes,
    looks_like_full_name,
)

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# The model sometimes calls an organization a law ("the Captives' Families Forum"); such a
# span counts only when it ends in an organization word.
MAYBE_ORG_LABELS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "PRODUCT"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Lower-case words a name may begin with ("de Blasio", "bin Rashid", "al-Rashad"); any other
# lower-case first word ("a Mitt Romney") is not part of the name.
NAME_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "du", "van", "von", "der", "den", "la", "le", "bin",
     "ibn", "al", "el", "ben", "abu", "dos", "das", "ter", "ten"}
)  # fmt: skip
# A name after these prepositions is a place far more often than a person ("in Tolva",
# "fled from Tarn"); "with", "to" and "by" take people as often as places, so they are out.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "from", "into", "near", "across", "outside", "inside", "throughout", "toward",
     "towards", "within", "around", "through"}
)  # fmt: skip
# Verbs whose object is a place: "fled Tarn", "invaded Dorsk".
PLACE_VERBS = frozenset(
    {"flee", "evacuate", "invade", "shell", "bomb", "besiege", "enter", "reach", "storm",
     "capture", "seize", "raid", "occupy", "encircle", "surround"}
)  # fmt: skip
# Nouns whose "of" phrase names a place: "the border town of Marrowgate".
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "district", "capital", "port", "country",
     "state", "territory", "governorate", "enclave", "island", "neighborhood", "suburb",
     "outskirts", "suburbs", "streets", "centre", "center", "heart", "north", "south", "east",
     "west", "edge"}
)  # fmt: skip
# Votes a name's context adds to its type, against the model's own label (2; votes are
# whole numbers). A title is decisive for a person; an organization word ending the name
# ("... Forum", "... Front"), the article's own outlet and a dateline in capitals outweigh
# one stray label; a place preposition outweighs one label, not two.
MODEL_VOTE = 2
TITLE_VOTE = 6
ORG_WORD_VOTE = 4
OUTLET_VOTE = 6
DATELINE_VOTE = 4
CONTEXT_VOTE = 3
# A name before a facility noun is that facility whatever the model called the name.
FACILITY_VOTE = 6
# A name that opens with a known given name ("Tobias Renn") is a person's: it outweighs one
# stray label (2 votes), not two, nor an organization word ending the name (4).
GIVEN_NAME_VOTE = 3
# Evidence that a name the model calls a person is something else: a geographic feature
# word in it ("Mara Strait"), a determiner before it that no personal name takes ("the
# Veyrans", "the Bab Selda"), a plural proper noun, an acronym. Each outweighs one label.
NOT_PERSON_VOTE = 4
# Tags of a first word that is no part of a name the model ran into ("Combine Varga",
# "Top Varga"): verbs, adverbs, adjectives, prepositions, interjections.
_NOT_NAME_TAGS = frozenset(
    {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "RBR", "RBS", "JJ", "JJR", "JJS", "IN",
     "UH", "MD", "DT", "PRP", "PRP$", "CC", "WRB", "WP"}
)  # fmt: skip
# Dependencies under which a name before a noun only modifies it ("the Varga campaign").
_MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod", "npadvmod"})


_TIE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "OTHER")


def top_label(votes: Counter[str]) -> str:
    """The type with the most votes; a tie goes to the earlier of PERSON, ORG, GPE, ..."""
    if not votes:
        return "OTHER"
    return max(votes, key=lambda t: (votes[t], -_TIE_ORDER.index(t)))


@dataclass(eq=False)
class Candidate:
    """One mention in the making: a token span with evidence about what it names.

    ``affiliation`` is either a canonical string (a country from a demonym) or another
    candidate whose cluster's name is the affiliation once clusters are known.
    """

    start: int
    end: int
    text: str
    key: tuple[str, ...]
    votes: Counter[str] = field(default_factory=Counter)
    kind: str = "name"
    role: str | None = None
    role_class: str | None = None
    affiliation: Candidate | str | None = None
    alias_of: Candidate | None = None
    name: str | None = None
    type: str | None = None
    cluster: Cluster | None = None
    headline: bool = False
    given: bool = False  # reads as a person's full name (see wordclasses.looks_like_full_name)

    def label(self) -> str:
        """The type with the most votes (PERSON first on a tie)."""
        return top_label(self.votes)


@dataclass(eq=False)
class Cluster:
    """The candidates of one article that name the same actor, and what they say of it."""

    members: list[Candidate]
    name: str = ""
    type: str = "OTHER"
    role: str | None = None
    role_class: str | None = None
    roles: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    affiliation: str | None = None
    fixed: bool = False

    def votes(self) -> Counter[str]:
        """The type votes of every member."""
        total: Counter[str] = Counter()
        for member in self.members:
            total.update(member.votes)
        return total

    def first(self) -> int:
        """Token index of the first member."""
        return min(m.start for m in self.members)


def span_key(tokens: list[Token]) -> tuple[str, ...]:
    """Lower-cased token texts with curly apostrophes straightened."""
    return tuple(t.lower_.replace("’", "'") for t in tokens)


def _trim(cols: Columns, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """``[start, end)`` without a leading "the", honorific or punctuation, or a final "'s"."""
    lower, punct, space = cols.lower, cols.is_punct, cols.is_space
    while start < end and (
        lower[start] == "the"
        or punct[start]
        or space[start]
        or lower[start] in lex.honorifics
        or (cols.is_lower[start] and lower[start] not in NAME_PARTICLES)
    ):
        start += 1
    while end > start and (
        punct[end - 1]
        or space[end - 1]
        or lower[end - 1] in POSSESSIVE
        or cols.tag[end - 1] == "POS"
    ):
        end -= 1
    return start, end


# Tokens no name holds: a possessive, a label's colon, a bar or slash between two credits
# ("Lise Aarhus/Tarvenia Morning Post").
_NOT_IN_NAMES = frozenset({"'s", "’s", ":", "|", "/"})


def _pieces(cols: Columns, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span split at line breaks, possessives ("Corvania's Matthias Quell"),
    slashes and dashes between words ("KALVAR - Ilse Varden", a dateline the model ran
    into a name)."""
    # A token's trailing whitespace is one space at most (spaCy makes any other
    # whitespace a token of its own), so only a token's own text can break the line.
    out: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        dash = cols.lower[i] in ("—", "–", "--") or (cols.lower[i] == "-" and _spaced(cols, i))
        if cols.newline[i] or cols.tag[i] == "POS" or cols.lower[i] in _NOT_IN_NAMES:
            out.append((begin, i))
            begin = i + 1
        elif dash:
            # What stands before the dash in capitals is the dateline's place, no name.
            if not all(cols.token_text(k).isupper() for k in range(begin, i)):
                out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    return [(s, e) for s, e in out if e > s]


def _spaced(cols: Columns, i: int) -> bool:
    """Whether token ``i`` stands apart from both neighbours: a hyphen inside a name
    ("Al-Sisi") touches its words, a dash between a dateline and a name does not."""
    starts, ends = cols.starts, cols.ends
    before = i == 0 or starts[i] > ends[i - 1]
    after = i + 1 >= len(starts) or starts[i + 1] > ends[i]
    return before and after


def _strip_title(cols: Columns, start: int, end: int, lex: Lexicon) -> int:
    """Move ``start`` past titles the model put inside the name ("Amir Sheikh Tamsin Oru")."""
    moved = True
    while moved:
        moved = False
        for stop in range(end - 1, start, -1):  # the longest title first
            key = cols.span_key(start, stop)
            if key in lex.roles or (len(key) == 1 and key[0] in ROLE_MODIFIERS):
                start, moved = stop, True
                break
    return start


def collect_names(
    cols: Columns, lex: Lexicon, *, outlet: str | None = None
) -> tuple[list[Candidate], set[int]]:
    """Name candidates from ``doc.ents``, with titles, affiliations and type votes.

    Args:
        cols: the parsed article's token columns (its text to find the outlet in).
        lex: the lexicons.
        outlet: the article's outlet; its name in the text is an organization.

    Returns:
        The candidates in text order, and the token indexes that titles took up (entities
        there, like "State" in "Secretary of State", are not names).
    """
    doc = cols.doc
    classes = load_word_classes()
    found: list[Candidate] = []
    for ent in doc.ents:
        label = ent.label_
        if label in MAYBE_ORG_LABELS and cols.lower[ent.end - 1] in lex.org_words:
            label = "ORG"
        if label not in NAME_LABELS:
            continue
        for piece_start, piece_end in _pieces(cols, ent.start, ent.end):
            start, end = _trim(cols, piece_start, piece_end, lex)
            start = _strip_title(cols, start, end, lex)
            start = _strip_credit(cols, start, end, classes)
            start = _strip_lead_word(cols, start, end, label, lex, classes)
            if start >= end or not any(c.isupper() for c in cols.raw_text(start, end)):
                continue
            if label == "PERSON" and not is_person_given_name(cols.lower[start], lex, classes):
                # "Republican Tomas Heyl": a word before a given name is no first name.
                start = _first_name_before(cols, start, lex)
            elif start > 0 and is_person_given_name(cols.lower[start - 1], lex, classes):
                # "Dinesh ⟦Malhotra⟧" tagged an organization: a given name the model left
                # out before a name is its first word, whatever the label.
                start = _first_name_before(cols, start, lex)
            if (
                label == "PERSON"
                and end - start == 1
                and is_person_given_name(cols.lower[start], lex, classes)
            ):
                # "⟦Oleksandr⟧ Rask": the surname the model left out after a given name.
                end = _surname_after(cols, start, end, lex)
            candidate = Candidate(start, end, cols.span_text(start, end), cols.span_key(start, end))
            candidate.votes[label] += MODEL_VOTE
            found.append(candidate)
    if outlet and cols.text:
        found = _outlet_mentions(cols, outlet, found)
    found.extend(_unlabelled_people(cols, found, lex))
    found.sort(key=lambda c: c.start)
    _extend_facilities(cols, found, lex)
    outlet_key = span_key_of(outlet) if outlet else None
    titled: set[int] = set()
    for candidate in found:
        root = doc[candidate.start : candidate.end].root
        _add_context_votes(cols, candidate, root, lex)
        _vote_not_person(cols, candidate, root, classes)
        if outlet_key and _words_of(candidate.key) == outlet_key:
            candidate.votes["ORG"] += OUTLET_VOTE
        titled.update(_read_title(cols, candidate, found, lex))
        if candidate.role_class is None and root.i in cols.appos_heads:
            _read_apposition(cols, candidate, root, lex)
    names = [
        c
        for c in found
        if not all(i in titled for i in range(c.start, c.end))
        and not _common_noun(c, lex)
        and not _document(c, classes)
    ]
    if names:
        headline = _title_case_tokens(cols)
        for candidate in names:
            candidate.headline = headline[candidate.start]
    names.extend(_parenthesized_acronyms(cols, names))
    names.sort(key=lambda c: c.start)
    return names, titled


def _outlet_mentions(cols: Columns, outlet: str, found: list[Candidate]) -> list[Candidate]:
    """The article's own outlet named in its text ("(Harbor Ledger) —"), which the model
    often misses or calls a person: an organization, replacing what overlaps it."""
    name = outlet[4:] if outlet.lower().startswith("the ") else outlet
    if len(name) < 3:
        return found
    text = cols.text
    at = text.find(name)
    while at >= 0:
        span = cols.doc.char_span(at, at + len(name), alignment_mode="contract")
        if span is not None and len(span):
            found = [c for c in found if c.end <= span.start or c.start >= span.end]
            candidate = Candidate(
                span.start,
                span.end,
                cols.span_text(span.start, span.end),
                cols.span_key(span.start, span.end),
            )
            candidate.votes["ORG"] += OUTLET_VOTE
            found.append(candidate)
        at = text.find(name, at + len(name))
    return found


def _unlabelled_people(cols: Columns, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Names the model did not tag whose context says they are people: right after a
    title ("Foreign Minister Tomas Ebbe said"), before an apposition giving a role
    ("Mirela Dask, the Front's spokeswoman,"), or opening with a given name."""
    bare = _bare_propers(cols, found, lex)
    classes = load_word_classes()
    out: list[Candidate] = []
    k = 0
    while k < len(bare):
        # A run of up to four bare proper nouns; the next run starts at the first one
        # after it (a fifth in a row starts a run of its own).
        start = end = bare[k]
        while k < len(bare) and bare[k] == end and end - start < 4:
            k += 1
            end += 1
        root = cols.doc[start:end].root
        titled = _title_before(cols, start, lex) is not None
        described = root.i in cols.appos_heads and any(
            c.dep_ == "appos" and lex.is_person_noun(c.lower_) for c in root.children
        )
        # "Ilse Varden has spent months …", which the model left untagged: a run that
        # opens with a given name and goes on is a person's full name.
        given = end - start >= 2 and is_person_given_name(cols.lower[start], lex, classes)
        if titled or given or (described and end - start >= 2):
            candidate = Candidate(start, end, cols.span_text(start, end), cols.span_key(start, end))
            candidate.votes["PERSON"] += MODEL_VOTE
            out.append(candidate)
    return out


def _bare_propers(cols: Columns, found: list[Candidate], lex: Lexicon) -> list[int]:
    """The indexes of the capitalized proper nouns no entity and no lexicon claims."""
    covered = {i for c in found for i in range(c.start, c.end)}
    # The token's own columns first, in numpy over the whole text; the lexicons only for
    # the few proper nouns left.
    proper = (
        cols.isin(TAG, ("NNP",))
        & (cols.array(IS_TITLE) != 0)
        & cols.isin(ENT_TYPE, ("", "PRODUCT", "WORK_OF_ART"))
    )
    lower = cols.lower
    return [
        i
        for i in numpy.flatnonzero(proper).tolist()
        if i not in covered
        and lower[i] not in lex.honorifics
        and not lex.is_role_word(lower[i])
        and (lower[i],) not in lex.roles
        and lex.country((lower[i],)) is None
    ]


def _title_before(cols: Columns, stop: int, lex: Lexicon) -> tuple[str, ...] | None:
    """The longest title phrase ending right before token ``stop``, in its sentence."""
    j = stop - 1
    if j < 0:
        return None
    sent_start = cols.sent_start(j)
    for key in lex.roles_by_last.get(cols.key[j], ()):
        first = j - len(key) + 1
        if first >= sent_start and cols.span_key(first, j + 1) == key:
            return key
    return None


def _extend_facilities(cols: Columns, found: list[Candidate], lex: Lexicon) -> None:
    """ "Karsen crossing", "Dalmi hospital": a name before a facility noun is a facility."""
    for candidate in found:
        for size in (2, 1):
            stop = candidate.end + size
            if stop > cols.size:
                continue
            if cols.span_key(candidate.end, stop) in lex.facilities:
                candidate.end = stop
                candidate.text = cols.span_text(candidate.start, stop)
                candidate.key = cols.span_key(candidate.start, stop)
                candidate.votes = Counter({"FAC": FACILITY_VOTE})
                candidate.kind = "facility"
                break


def span_key_of(text: str) -> tuple[str, ...]:
    """The key of a name given as a string (an outlet), without a leading "the"."""
    return _words_of(tuple(text.lower().replace("’", "'").split()))


def _words_of(key: tuple[str, ...]) -> tuple[str, ...]:
    return key[1:] if key[:1] == ("the",) else key


def _first_name_before(cols: Columns, start: int, lex: Lexicon) -> int:
    """Take in a first name the model left out ("Vera" before a tagged "Holm")."""
    if start == 0 or cols.tag[start - 1] != "NNP":
        return start
    before = cols.doc[start - 1]
    if (
        _bare_name_word(before, lex)
        and before.dep_ == "compound"
        and before.head.i >= start
        and "\n" not in before.whitespace_
    ):
        return start - 1
    return start


def _bare_name_word(token: Token, lex: Lexicon) -> bool:
    """A capitalized word with no entity label that is no honorific, title or country:
    one the model may have left out of the name beside it."""
    low = token.lower_
    return (
        token.is_title
        and not token.ent_type_
        and low not in lex.honorifics
        and not lex.is_role_word(low)
        and (low,) not in lex.roles
        and lex.country((low,)) is None
    )


def _surname_after(cols: Columns, start: int, end: int, lex: Lexicon) -> int:
    """Take in the untagged proper noun a lone given name is the compound of."""
    if end >= len(cols.doc) or cols.tag[end] != "NNP":
        return end
    given, after = cols.doc[start], cols.doc[end]
    if (
        _bare_name_word(after, lex)
        and given.dep_ == "compound"
        and given.head.i == end
        and "\n" not in given.whitespace_
    ):
        return end + 1
    return end


def _add_context_votes(cols: Columns, candidate: Candidate, root: Token, lex: Lexicon) -> None:
    """Votes from the words around a name (``root`` heads it): after "in"/"from" it is a
    place."""
    dep = root.dep_
    if dep in ("pobj", "dobj"):
        head = root.head
        if (
            (dep == "pobj" and head.lower_ in LOCATIVE_PREPS)
            or (dep == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS)
            or (dep == "dobj" and head.lemma_ in PLACE_VERBS)
        ):
            candidate.votes["GPE"] += CONTEXT_VOTE
    if cols.lower[candidate.end - 1] in lex.org_words and candidate.kind == "name":
        candidate.votes["ORG"] += ORG_WORD_VOTE
    if candidate.kind == "name" and _relative_who(cols, candidate, lex):
        # "Ivo Brandt, who stepped down last week,": "who" stands for people.
        candidate.votes["PERSON"] += CONTEXT_VOTE
    if candidate.kind == "name" and looks_like_full_name(
        _words_of(candidate.key), lex, load_word_classes()
    ):
        candidate.votes["PERSON"] += GIVEN_NAME_VOTE
        candidate.given = True
    # A token's trailing whitespace is never a line break (see _pieces).
    at_line_start = candidate.start == 0 or cols.newline[candidate.start - 1]
    if (
        at_line_start
        and candidate.text.isupper()
        and candidate.end < cols.size
        and cols.token_text(candidate.end) == ","
    ):
        candidate.votes["GPE"] += DATELINE_VOTE


def _relative_who(cols: Columns, candidate: Candidate, lex: Lexicon) -> bool:
    """Whether a relative clause opening with "who"/"whom"/"whose" follows a name that may
    be a person's full name: not a place or firm a "who" after it may skip back past
    ("voters in South Carolina, who ...", a company's "who" in loose prose)."""
    end = candidate.end
    if not (
        end + 1 < cols.size
        and cols.token_text(end) == ","
        and cols.lower[end + 1] in ("who", "whom", "whose")
    ):
        return False
    key = tuple(w.rstrip(".") for w in _words_of(candidate.key))
    classes = load_word_classes()
    return (
        could_be_full_name(key, lex, classes)
        and classes.lookalikes.isdisjoint(key)
        and lex.country(key[:1]) is None
    )


def _strip_credit(cols: Columns, start: int, end: int, classes: WordClasses) -> int:
    """Move ``start`` past byline and credit words ("Photo: Mara Quist", "Reporting by
    Tomas Heyl") that the model took into the name after them."""
    while end - start >= 2 and (
        cols.lower[start] in classes.credits or cols.is_punct[start] or cols.is_lower[start]
    ):
        start += 1
    return start


def _strip_lead_word(
    cols: Columns, start: int, end: int, label: str, lex: Lexicon, classes: WordClasses
) -> int:
    """Move ``start`` past a word before a person's name that is no part of it: a word
    before a full name ("Attorney Mara Quist", "Opposition Tomas Heyl"), or, in a name
    the model calls a person, a verb, adjective or adverb before it ("Combine Varga")."""
    if end - start < 2:
        return start
    first = cols.lower[start]
    if first in NAME_PARTICLES or lex.is_given_name(first):
        return start
    if end - start >= 3 and looks_like_full_name(cols.span_key(start + 1, end), lex, classes):
        return start + 1
    if (
        label == "PERSON"
        and cols.tag[start] in _NOT_NAME_TAGS
        and not cols.token_text(start).isupper()
    ):
        return start + 1
    return start


def _vote_not_person(
    cols: Columns, candidate: Candidate, root: Token, classes: WordClasses
) -> None:
    """Votes against a person for a name that the model calls one but whose words or
    determiner say otherwise: a geographic word ("Selda Strait"), "the" before a name
    that heads its phrase ("the Veyrans", "the Bab Selda"), a plural proper noun, an
    acronym."""
    votes = candidate.votes
    if candidate.kind != "name" or candidate.given or top_label(votes) != "PERSON":
        return
    if candidate.role is not None:
        return
    if any(w in classes.geographic for w in candidate.key[1:]):
        votes["LOC"] += NOT_PERSON_VOTE
        return
    last = candidate.end - 1
    plural = cols.tag[last] == "NNPS"
    before = candidate.start - 1
    determined = before >= 0 and cols.lower[before] == "the" and root.dep_ not in _MODIFIER_DEPS
    if plural or (determined and candidate.key[-1].endswith("s") and len(candidate.key) == 1):
        votes["NORP"] += NOT_PERSON_VOTE
    elif determined:
        votes["LOC" if votes["GPE"] else "ORG"] += NOT_PERSON_VOTE
    elif len(candidate.key) == 1 and _acronym_token(cols.token_text(candidate.start), cols, last):
        votes["ORG"] += NOT_PERSON_VOTE


def _acronym_token(text: str, cols: Columns, i: int) -> bool:
    """An acronym written as one capitalized token ("E.P.R.", "RNC"); not a transcript's
    speaker label ("VARGA:" opening a line), which names a person."""
    letters = text.replace(".", "")
    if not (letters.isalpha() and letters.isupper()):
        return False
    if i + 1 < cols.size and cols.token_text(i + 1) == ":":
        return False
    return "." in text or len(letters) <= 4


def _document(candidate: Candidate, classes: WordClasses) -> bool:
    """A law or document the model took for a person ("Public Law", "Schedule XX",
    "Pursuant"): a document noun in it, other than a given name opening a full name."""
    if candidate.kind != "name" or top_label(candidate.votes) != "PERSON":
        return False
    # A first word may be a given name ("Bill Varga"), never a later one.
    key = candidate.key
    if candidate.given:
        key = key[1:]
    return any(w in classes.documents for w in key)


def _read_title(cols: Columns, candidate: Candidate, found: list[Candidate], lex: Lexicon) -> range:
    """Set the candidate's role and affiliation from a title right before it.

    Returns:
        The token range the title (with its modifiers) takes up; empty when there is none.
    """
    stop = candidate.start
    match = _title_before(cols, stop, lex)
    if match is None:
        return range(0)
    sent_start = cols.sent_start(stop - 1)
    first = stop - len(match)
    lower = cols.lower
    while first - 1 >= sent_start and (
        lower[first - 1] in ROLE_MODIFIERS or lower[first - 1] in ROLE_ADJECTIVES
    ):
        first -= 1
    candidate.role = cols.span_text(first, stop)
    candidate.role_class = lex.role_class(cols.span_key(first, stop))
    candidate.votes["PERSON"] += TITLE_VOTE
    candidate.affiliation = _affiliation_before(cols, first, sent_start, found, lex)
    return range(first, stop)


# A line of at least this many words, this share of them capitalized, is a headline (or
# subheading), where "Crooked Dana Voss Says" is no evidence of anyone's name.
HEADLINE_WORDS = 4
HEADLINE_CAPITALIZED = 0.6


def _title_case_tokens(cols: Columns) -> list[bool]:
    """Whether each token is on a title-case line (one not holding a line break)."""
    # A line ends at each token holding a line break (never in a token's trailing
    # whitespace: see _pieces); a token's line is the number of breaks up to it.
    breaks = numpy.array(cols.newline, dtype=bool)
    line = numpy.cumsum(breaks)
    words = (cols.array(IS_ALPHA) != 0) & (cols.array(LENGTH) > 3)
    titled = words & (cols.array(IS_TITLE) != 0)
    count = numpy.bincount(line, weights=words)
    capitalized = numpy.bincount(line, weights=titled)
    headline = (count >= HEADLINE_WORDS) & (capitalized >= HEADLINE_CAPITALIZED * count)
    flags: list[bool] = (headline[line] & ~breaks).tolist()
    return flags


def _read_apposition(cols: Columns, candidate: Candidate, root: Token, lex: Lexicon) -> None:
    """The role class of an apposition ("Kell, the minister,"), to tell namesakes apart
    (``root`` heads the name)."""
    doc = cols.doc
    for child in root.children:
        if child.dep_ == "appos" and lex.is_role_word(child.lower_):
            words = [t.lower_ for t in doc[child.left_edge.i : child.i + 1] if t.dep_ != "det"]
            candidate.role_class = lex.role_class(words)
            return


def _common_noun(candidate: Candidate, lex: Lexicon) -> bool:
    """A lone capitalized common noun the model took for a name ("Hospital officials")."""
    if len(candidate.key) != 1 or candidate.kind != "name":
        return False
    word = candidate.key[0]
    return (
        (word,) in lex.facilities
        or (word,) in lex.institutions
        or word in lex.source_nouns
        or lex.is_role_word(word)
    )


def _affiliation_before(
    cols: Columns, index: int, sent_start: int, found: list[Candidate], lex: Lexicon
) -> Candidate | str | None:
    """What stands before a title: "Ostrivian", "Caldera's", "the Dorvan army" (an ORG name)."""
    j = index - 1
    skipped = 0
    tag, text = cols.tag, cols.token_text
    # "Caldera's ceremonial President": up to two plain adjectives between owner and title.
    while j >= sent_start and tag[j] == "JJ" and text(j).islower() and skipped < 2:
        j -= 1
        skipped += 1
    # "Palestinian Authority (PA) President": skip a parenthesized acronym.
    if j - 2 >= sent_start and text(j) == ")" and text(j - 2) == "(":
        j -= 3
    if j >= sent_start and (cols.lower[j] in POSSESSIVE or tag[j] == "POS"):
        j -= 1
    if j < sent_start:
        return None
    for other in found:
        if other.end == j + 1 and other.label() != "PERSON":
            return other
    return lex.country((cols.lower[j],))


def _parenthesized_acronyms(cols: Columns, names: list[Candidate]) -> list[Candidate]:
    """An acronym in brackets after a name it spells ("the Tarn Defense Council (TDC)",
    not "... of the United States (HTS)") becomes an alias of that name."""
    starts = {c.start for c in names}
    extra: list[Candidate] = []
    text = cols.token_text
    for candidate in names:
        i = candidate.end
        if i + 2 < cols.size and text(i) == "(" and text(i + 2) == ")":
            word = text(i + 1)
            letters = word.replace(".", "")
            if (
                i + 1 not in starts
                and letters.isupper()
                and 2 <= len(letters) <= 6
                and letters == initials(candidate.text)
            ):
                alias = Candidate(i + 1, i + 2, word, cols.span_key(i + 1, i + 2))
                alias.votes = Counter(candidate.votes)
                alias.alias_of = candidate
                extra.append(alias)
    return extra
