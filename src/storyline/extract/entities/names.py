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

from spacy.tokens import Doc, Token

from ...matching.lexicon import ROLE_ADJECTIVES, ROLE_MODIFIERS, Lexicon
from ...matching.names import initials

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


def span_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens ``[start, end)`` as written, whitespace collapsed."""
    return " ".join(doc[start:end].text.split())


def _trim(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """``[start, end)`` without a leading "the", honorific or punctuation, or a final "'s"."""
    while start < end and (
        doc[start].lower_ == "the"
        or doc[start].is_punct
        or doc[start].is_space
        or doc[start].lower_ in lex.honorifics
        or (doc[start].is_lower and doc[start].lower_ not in NAME_PARTICLES)
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in POSSESSIVE
        or doc[end - 1].tag_ == "POS"
    ):
        end -= 1
    return start, end


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span split at line breaks and possessives ("Corvania's Matthias Quell")."""
    out: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        token = doc[i]
        if "\n" in token.text or token.tag_ == "POS" or token.lower_ in ("'s", "’s"):
            out.append((begin, i))
            begin = i + 1
        elif "\n" in token.whitespace_:
            out.append((begin, i + 1))
            begin = i + 1
    out.append((begin, end))
    return [(s, e) for s, e in out if e > s]


def _strip_title(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """Move ``start`` past titles the model put inside the name ("Amir Sheikh Tamsin Oru")."""
    moved = True
    while moved:
        moved = False
        for stop in range(end - 1, start, -1):  # the longest title first
            key = span_key(list(doc[start:stop]))
            if key in lex.roles or (len(key) == 1 and key[0] in ROLE_MODIFIERS):
                start, moved = stop, True
                break
    return start


def collect_names(
    doc: Doc, lex: Lexicon, *, text: str = "", outlet: str | None = None
) -> tuple[list[Candidate], set[int]]:
    """Name candidates from ``doc.ents``, with titles, affiliations and type votes.

    Args:
        doc: the parsed article.
        lex: the lexicons.
        text: ``doc.text`` (which spaCy rebuilds on every access), to find the outlet in.
        outlet: the article's outlet; its name in the text is an organization.

    Returns:
        The candidates in text order, and the token indexes that titles took up (entities
        there, like "State" in "Secretary of State", are not names).
    """
    found: list[Candidate] = []
    for ent in doc.ents:
        label = ent.label_
        if label in MAYBE_ORG_LABELS and doc[ent.end - 1].lower_ in lex.org_words:
            label = "ORG"
        if label not in NAME_LABELS:
            continue
        for piece_start, piece_end in _pieces(doc, ent.start, ent.end):
            start, end = _trim(doc, piece_start, piece_end, lex)
            start = _strip_title(doc, start, end, lex)
            if start >= end or not any(c.isupper() for c in doc[start:end].text):
                continue
            if label == "PERSON":
                start = _first_name_before(doc, start, lex)
            candidate = Candidate(
                start, end, span_text(doc, start, end), span_key(list(doc[start:end]))
            )
            candidate.votes[label] += MODEL_VOTE
            found.append(candidate)
    if outlet and text:
        found = _outlet_mentions(doc, text, outlet, found)
    found.extend(_unlabelled_people(doc, found, lex))
    found.sort(key=lambda c: c.start)
    _extend_facilities(doc, found, lex)
    outlet_key = span_key_of(outlet) if outlet else None
    titled: set[int] = set()
    for candidate in found:
        _add_context_votes(doc, candidate, lex)
        if outlet_key and _words_of(candidate.key) == outlet_key:
            candidate.votes["ORG"] += OUTLET_VOTE
        titled.update(_read_title(doc, candidate, found, lex))
        if candidate.role_class is None:
            _read_apposition(doc, candidate, lex)
    names = [
        c
        for c in found
        if not all(i in titled for i in range(c.start, c.end)) and not _common_noun(c, lex)
    ]
    headline = _title_case_tokens(doc)
    for candidate in names:
        candidate.headline = candidate.start in headline
    names.extend(_parenthesized_acronyms(doc, names))
    names.sort(key=lambda c: c.start)
    return names, titled


def _outlet_mentions(doc: Doc, text: str, outlet: str, found: list[Candidate]) -> list[Candidate]:
    """The article's own outlet named in its text ("(Harbor Ledger) —"), which the model
    often misses or calls a person: an organization, replacing what overlaps it."""
    name = outlet[4:] if outlet.lower().startswith("the ") else outlet
    if len(name) < 3:
        return found
    at = text.find(name)
    while at >= 0:
        span = doc.char_span(at, at + len(name), alignment_mode="contract")
        if span is not None and len(span):
            found = [c for c in found if c.end <= span.start or c.start >= span.end]
            candidate = Candidate(
                span.start, span.end, span_text(doc, span.start, span.end), span_key(list(span))
            )
            candidate.votes["ORG"] += OUTLET_VOTE
            found.append(candidate)
        at = text.find(name, at + len(name))
    return found


def _unlabelled_people(doc: Doc, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Names the model did not tag whose context says they are people: right after a
    title ("Foreign Minister Tomas Ebbe said") or before an apposition giving a role
    ("Mirela Dask, the Front's spokeswoman,")."""
    covered = {i for c in found for i in range(c.start, c.end)}
    out: list[Candidate] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _bare_proper(token, covered, lex):
            i += 1
            continue
        start = i
        while i < len(doc) and i - start < 4 and _bare_proper(doc[i], covered, lex):
            i += 1
        end = i
        root = doc[start:end].root
        titled = _title_before(doc, start, lex) is not None
        described = any(
            c.dep_ == "appos" and (lex.is_role_word(c.lower_) or c.lower_ in lex.source_nouns)
            for c in root.children
        )
        if titled or (described and end - start >= 2):
            candidate = Candidate(
                start, end, span_text(doc, start, end), span_key(list(doc[start:end]))
            )
            candidate.votes["PERSON"] += MODEL_VOTE
            out.append(candidate)
    return out


def _bare_proper(token: Token, covered: set[int], lex: Lexicon) -> bool:
    """A capitalized proper noun no entity and no lexicon claims."""
    return (
        token.tag_ == "NNP"
        and token.is_title
        and token.i not in covered
        and token.ent_type_ in ("", "PRODUCT", "WORK_OF_ART")
        and token.lower_ not in lex.honorifics
        and not lex.is_role_word(token.lower_)
        and (token.lower_,) not in lex.roles
        and lex.country((token.lower_,)) is None
    )


def _title_before(doc: Doc, stop: int, lex: Lexicon) -> tuple[str, ...] | None:
    """The longest title phrase ending right before token ``stop``, in its sentence."""
    j = stop - 1
    if j < 0:
        return None
    sent_start = doc[j].sent.start
    for key in lex.roles_by_last.get(doc[j].lower_.replace("’", "'"), ()):
        first = j - len(key) + 1
        if first >= sent_start and span_key(list(doc[first : j + 1])) == key:
            return key
    return None


def _extend_facilities(doc: Doc, found: list[Candidate], lex: Lexicon) -> None:
    """ "Karsen crossing", "Dalmi hospital": a name before a facility noun is a facility."""
    for candidate in found:
        for size in (2, 1):
            stop = candidate.end + size
            if stop > len(doc):
                continue
            if span_key(list(doc[candidate.end : stop])) in lex.facilities:
                candidate.end = stop
                candidate.text = span_text(doc, candidate.start, stop)
                candidate.key = span_key(list(doc[candidate.start : stop]))
                candidate.votes = Counter({"FAC": FACILITY_VOTE})
                candidate.kind = "facility"
                break


def span_key_of(text: str) -> tuple[str, ...]:
    """The key of a name given as a string (an outlet), without a leading "the"."""
    return _words_of(tuple(text.lower().replace("’", "'").split()))


def _words_of(key: tuple[str, ...]) -> tuple[str, ...]:
    return key[1:] if key[:1] == ("the",) else key


def _first_name_before(doc: Doc, start: int, lex: Lexicon) -> int:
    """Take in a first name the model left out ("Vera" before a tagged "Holm")."""
    if start == 0:
        return start
    before = doc[start - 1]
    if (
        before.tag_ == "NNP"
        and before.is_title
        and not before.ent_type_
        and before.dep_ == "compound"
        and before.head.i >= start
        and "\n" not in before.whitespace_
        and before.lower_ not in lex.honorifics
        and not lex.is_role_word(before.lower_)
        and lex.country((before.lower_,)) is None
        and (before.lower_,) not in lex.roles
    ):
        return start - 1
    return start


def _add_context_votes(doc: Doc, candidate: Candidate, lex: Lexicon) -> None:
    """Votes from the words around a name: after "in"/"from" it is a place."""
    root = doc[candidate.start : candidate.end].root
    head = root.head
    if (
        (root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS)
        or (root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS)
        or (root.dep_ == "dobj" and head.lemma_ in PLACE_VERBS)
    ):
        candidate.votes["GPE"] += CONTEXT_VOTE
    if doc[candidate.end - 1].lower_ in lex.org_words and candidate.kind == "name":
        candidate.votes["ORG"] += ORG_WORD_VOTE
    if (
        len(candidate.key) >= 2
        and candidate.kind == "name"
        and lex.is_given_name(candidate.key[0])
        and lex.country(candidate.key[:1]) is None
    ):
        candidate.votes["PERSON"] += GIVEN_NAME_VOTE
    at_line_start = candidate.start == 0 or "\n" in doc[candidate.start - 1].text_with_ws
    if (
        at_line_start
        and candidate.text.isupper()
        and candidate.end < len(doc)
        and doc[candidate.end].text == ","
    ):
        candidate.votes["GPE"] += DATELINE_VOTE


def _read_title(doc: Doc, candidate: Candidate, found: list[Candidate], lex: Lexicon) -> range:
    """Set the candidate's role and affiliation from a title right before it.

    Returns:
        The token range the title (with its modifiers) takes up; empty when there is none.
    """
    stop = candidate.start
    match = _title_before(doc, stop, lex)
    if match is None:
        return range(0)
    sent_start = doc[stop - 1].sent.start
    first = stop - len(match)
    while first - 1 >= sent_start and (
        doc[first - 1].lower_ in ROLE_MODIFIERS or doc[first - 1].lower_ in ROLE_ADJECTIVES
    ):
        first -= 1
    candidate.role = span_text(doc, first, stop)
    candidate.role_class = lex.role_class(span_key(list(doc[first:stop])))
    candidate.votes["PERSON"] += TITLE_VOTE
    candidate.affiliation = _affiliation_before(doc, first, sent_start, found, lex)
    return range(first, stop)


# A line of at least this many words, this share of them capitalized, is a headline (or
# subheading), where "Crooked Dana Voss Says" is no evidence of anyone's name.
HEADLINE_WORDS = 4
HEADLINE_CAPITALIZED = 0.6


def _title_case_tokens(doc: Doc) -> set[int]:
    """Indexes of the tokens on title-case lines."""
    out: set[int] = set()
    line: list[Token] = []
    for token in (*doc, None):
        if token is not None and "\n" not in token.text:
            line.append(token)
            if "\n" not in token.whitespace_:
                continue
        words = [t for t in line if t.is_alpha and len(t.text) > 3]
        if len(words) >= HEADLINE_WORDS and sum(
            w.is_title for w in words
        ) >= HEADLINE_CAPITALIZED * len(words):
            out.update(t.i for t in line)
        line = []
    return out


def _read_apposition(doc: Doc, candidate: Candidate, lex: Lexicon) -> None:
    """The role class of an apposition ("Kell, the minister,"), to tell namesakes apart."""
    root = doc[candidate.start : candidate.end].root
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
    doc: Doc, index: int, sent_start: int, found: list[Candidate], lex: Lexicon
) -> Candidate | str | None:
    """What stands before a title: "Ostrivian", "Caldera's", "the Dorvan army" (an ORG name)."""
    j = index - 1
    skipped = 0
    # "Caldera's ceremonial President": up to two plain adjectives between owner and title.
    while j >= sent_start and doc[j].tag_ == "JJ" and doc[j].text.islower() and skipped < 2:
        j -= 1
        skipped += 1
    # "Palestinian Authority (PA) President": skip a parenthesized acronym.
    if j - 2 >= sent_start and doc[j].text == ")" and doc[j - 2].text == "(":
        j -= 3
    if j >= sent_start and (doc[j].lower_ in POSSESSIVE or doc[j].tag_ == "POS"):
        j -= 1
    if j < sent_start:
        return None
    for other in found:
        if other.end == j + 1 and other.label() != "PERSON":
            return other
    return lex.country((doc[j].lower_,))


def _parenthesized_acronyms(doc: Doc, names: list[Candidate]) -> list[Candidate]:
    """An acronym in brackets after a name it spells ("the Tarn Defense Council (TDC)",
    not "... of the United States (HTS)") becomes an alias of that name."""
    starts = {c.start for c in names}
    extra: list[Candidate] = []
    for candidate in names:
        i = candidate.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            token = doc[i + 1]
            letters = token.text.replace(".", "")
            if (
                token.i not in starts
                and letters.isupper()
                and 2 <= len(letters) <= 6
                and letters == initials(candidate.text)
            ):
                alias = Candidate(token.i, token.i + 1, token.text, span_key([token]))
                alias.votes = Counter(candidate.votes)
                alias.alias_of = candidate
                extra.append(alias)
    return extra
