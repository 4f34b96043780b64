"""Terms of a proposal: what each side would do, sorted into the contract's kinds.

The word classes come from ``lexicons/proposal_terms.txt``; the rules that combine them
are here, one per kind, each reading a word and its neighbours in the parse:

- ceasefire: a halt word ("ceasefire", "truce", "pause", "calm"), or a stop word tied to a
  fighting word ("fighting would halt", "an end to the war", "the guns would fall silent");
- hostage_release / prisoner_release: a hostage or prisoner noun in a span that speaks of
  release ("free", "release", "exchange", "go home"), or a release word whose object is a
  hostage-side group ("release women and children", "the return of remains");
- withdrawal: "withdraw", "pull out/back", troops that "leave";
- aid: aid and supply words ("food, fuel and medicine", "a humanitarian corridor");
- return_of_displaced: displaced people with a return word ("would go back north");
- reconstruction: rebuild words; "not rebuild its arsenal" is disarmament instead;
- disarmament: "disarm", "demilitarization", a negated "rearm";
- negotiation: talks that start or are "on" something ("talks would begin on ...").

Each term also names, where the text says, who it obliges (:func:`obliged_word`): the
subject of a term verb ("Tarvenia would withdraw"), the agent of a passive one ("hostages
would be released by the Front"), or the "by" phrase or possessor of a term noun ("the
release of hostages by the Front", "Tarvenia's withdrawal", "the withdrawal of Tarvenian
forces"). A ceasefire obliges every side and names no one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..common.syntax import (
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    NOUN_MODIFIERS,
    PASSIVE_SUBJECT,
    SUBJECT,
    agent_of,
    climb,
    controlling_subject,
    is_negated,
    subject_of,
)
from .columns import DocWords
from .lexicon import term_classes

NOMINAL = frozenset({"NOUN", "PROPN"})
# How many tokens a term's text may span: enough for "release of hundreds of Qaremian
# prisoners in Alliance jails", short enough to stay a phrase.
MAX_TERM_TOKENS = 12
# A list of modifiers between "release of" and the group it frees ("sick, wounded,
# elderly, and women hostages"): its words' classes and its greatest length.
LIST_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "CCONJ", "DET"})
MAX_LIST_GAP = 10
# Prepositions whose phrase belongs to a term: "release of ...", "withdraw from ...".
_PHRASE_PREPS = frozenset({"of", "to", "from", "out", "into", "for", "in", "on", "back"})


@dataclass(frozen=True)
class FoundTerm:
    """A term of ``kind`` at token ``token``; ``start``/``end`` are its phrase's characters;
    ``obliged`` the token naming who must carry it out, if the text says."""

    kind: str
    token: int
    start: int
    end: int
    text: str
    obliged: int | None = None


def classes(tok: Token) -> frozenset[str]:
    table = term_classes()
    found = table.get(tok.lower_, frozenset())
    lemma = tok.lemma_.lower()
    if lemma != tok.lower_:
        found = found | table.get(lemma, frozenset())
    return found


def term_candidates(words: DocWords) -> frozenset[int]:
    """The tokens of a doc that can state a term: a word of ``proposal_terms.txt`` (as
    :func:`classes` reads it) or "fire". :func:`find_terms` passes over any other, so it
    finds the same terms in a window without them."""

    def make() -> frozenset[int]:
        found = set(words.with_word(frozenset(term_classes())))
        found.update(words.with_lower(frozenset({"fire"})))
        return frozenset(found)

    return words.memo("term candidates", make)


def find_terms(tokens: Sequence[Token], skip: Iterable[int] = ()) -> list[FoundTerm]:
    """The terms stated in ``tokens`` (a sentence, or a proposal noun's phrase).

    Args:
        tokens: the window to read, in document order.
        skip: token indices to ignore (the content of "if" clauses is a condition, not a
            term).
    """
    skipped = set(skip)
    window = [t for t in tokens if t.i not in skipped]
    cls = {t.i: classes(t) for t in window}
    has_return = any("return" in c for c in cls.values())
    found: list[FoundTerm] = []
    seen: set[tuple[str, int]] = set()

    def add(kind: str, tok: Token) -> None:
        # One term per kind and sentence: "food, fuel and medicine" is one aid term, and
        # "a humanitarian crisis" after it adds nothing.
        key = (kind, 0)  # a window never spans sentences
        if key not in seen:
            seen.add(key)
            found.append(_term(kind, tok))

    for tok in window:
        c = cls[tok.i]
        if not c and tok.lower_ != "fire":
            continue
        if _is_ceasefire(tok, c):
            add("ceasefire", tok)
        if "stop" in c and _halts_fighting(tok):
            add("ceasefire", tok)
        if "hostage" in c and tok.pos_ in NOMINAL and _released(tok):
            add("hostage_release", _release_word(tok))
        if "prisoner" in c and tok.pos_ in NOMINAL and (_released(tok) or _in_exchange(tok)):
            add("prisoner_release", _release_word(tok))
        if "release" in c and tok.pos_ in ("VERB", "NOUN") and _frees_captives(tok):
            add("hostage_release", tok)
        if "withdraw" in c or ("pull" in c and _has_particle(tok, ("out", "back"))):
            add("withdrawal", tok)
        if "leave" in c and tok.pos_ == "VERB" and _troops_leave(tok):
            add("withdrawal", tok)
        if "aid" in c and not _modifies_halt(tok):
            add("aid", tok)
        if "displaced" in c and has_return:
            add("return_of_displaced", tok)
        if "rebuild" in c:
            add("disarmament" if _about_arms(tok) else "reconstruction", tok)
        # "agree not to rearm": the "not" stands before the infinitive's "to"
        if "disarm" in c or (
            "arms" in c and tok.pos_ == "VERB" and is_negated(tok, never=None, stranded=True)
        ):
            add("disarmament", tok)
        if "talks" in c and tok.pos_ in ("NOUN", "VERB") and _talks_start(tok):
            add("negotiation", tok)
    return found


def _term(kind: str, tok: Token) -> FoundTerm:
    # "displaced families", "aid trucks": the modifier names the term, the noun its phrase
    word = tok.head if tok.dep_ in NOUN_MODIFIERS and tok.head.pos_ in NOMINAL else tok
    start, end = phrase_bounds(word)
    if kind == "ceasefire" and tok.pos_ in ("VERB", "ADJ"):
        # "the guns would fall silent", "fighting would halt": the halt with what halts
        verb = tok.head if tok.dep_ in ("acomp", "oprd") else tok
        subject = subject_of(verb, NOMINAL_SUBJECTS)
        if subject is not None and "fighting" in classes(subject):
            start, end = min(start, subject.left_edge.i), max(end, tok.i)
    span = tok.doc[start : end + 1]
    who = obliged_word(kind, tok)
    return FoundTerm(
        kind, tok.i, span.start_char, span.end_char, span.text, who.i if who is not None else None
    )


# Classes of the people a release or return is done to, not by.
_RELEASED = frozenset({"captive", "hostage", "prisoner", "displaced"})


def obliged_word(kind: str, tok: Token) -> Token | None:
    """The word naming who a term obliges: "Tarvenia would withdraw", "hostages would be
    released by the Front", "the release of hostages by the Front", "Tarvenia's withdrawal", "the
    withdrawal of Tarvenian forces". None for a ceasefire, which binds every side."""
    if kind == "ceasefire":
        return None
    word = tok.head if tok.dep_ in NOUN_MODIFIERS and tok.head.pos_ in NOMINAL else tok
    if word.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == PASSIVE_SUBJECT for c in word.children):
            return agent_of(word)
        who = controlling_subject(word)
        if who is None or classes(who) & _RELEASED:
            return None  # "captives would go home": the freed, not who frees them
        return who
    if word.pos_ not in NOMINAL:
        return None
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "poss":
            return child
    for child in word.children:
        # "the withdrawal of Tarvenian forces": the forces' side withdraws
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and kind == "withdrawal":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and "troops" in classes(obj):
                return obj
    return None


def phrase_bounds(tok: Token) -> tuple[int, int]:
    """First and last token index of the phrase a term word heads, at most
    ``MAX_TERM_TOKENS`` long and cut at the first punctuation after the word: the noun
    with its modifiers and "of"-phrase, or the verb with its object and particle."""
    doc = tok.doc
    nominal = tok.pos_ in NOMINAL
    start = max(tok.left_edge.i, tok.i - 4) if nominal else tok.i
    end = tok.i
    for child in tok.rights:
        if child.dep_ in ("prep", "pobj", "dobj") and _has_other_term(child, tok):
            end = max(end, _extent(child, tok))
        elif (
            child.dep_ in ("prt", "dobj", "dative", "attr", "acomp", "pobj")
            or (
                child.dep_ == "prep"
                and child.lower_ in _PHRASE_PREPS
                and (nominal or child.lower_ != "in")
            )
            or (child.dep_ == "advmod" and child.lower_ in ("home", "back", "north", "out"))
            or (nominal and child.dep_ == "conj" and classes(child) & classes(tok))
        ):
            end = max(end, child.right_edge.i)
    if tok.lower_ == "fire" and tok.i >= 2:
        start = min(start, tok.i - 2)
    end = min(end, start + MAX_TERM_TOKENS - 1)
    for k in range(tok.i + 1, end + 1):
        if doc[k].is_punct and doc[k].text not in ("-", "‐"):
            end = k - 1
            break
    while end > tok.i and (doc[end].is_punct or doc[end].dep_ in ("cc", "det", "prep")):
        end -= 1
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "case"):
        start += 1
    return start, end


# Classes that name what a term is about rather than a term of their own.
_ARGUMENT_CLASSES = frozenset({"captive", "hostage", "prisoner", "troops", "fighting", "arms"})


def _other_term(node: Token, tok: Token) -> bool:
    """``node`` starts another term coordinated into ``tok``'s phrase ("the release of
    all children and the withdrawal of armour")."""
    own = classes(node) - _ARGUMENT_CLASSES
    return node.dep_ == "conj" and bool(own) and not own & classes(tok)


def _has_other_term(child: Token, tok: Token) -> bool:
    return any(_other_term(t, tok) for t in child.subtree)


def _extent(node: Token, tok: Token) -> int:
    """The last token of ``node``'s subtree, leaving out coordinated other terms."""
    last = node.i
    for child in node.children:
        if _other_term(child, tok):
            continue
        last = max(last, _extent(child, tok))
    return last


def _is_ceasefire(tok: Token, c: frozenset[str]) -> bool:
    if "ceasefire" in c and tok.pos_ in NOMINAL:
        return True
    # "cease-fire" is three tokens: cease - fire
    doc = tok.doc
    return (
        tok.lower_ == "fire"
        and tok.i >= 2
        and doc[tok.i - 1].text in ("-", "‐")
        and doc[tok.i - 2].lower_ == "cease"
    )


def _related(tok: Token) -> list[Token]:
    """Words a stop word can halt: its arguments, "an end to X", "X would halt"."""
    near = list(tok.children)
    for child in tok.children:
        if child.dep_ == "prep":
            near.extend(child.children)
    head = tok.head
    if head.i != tok.i:
        near.append(head)
        near.extend(c for c in head.children if c.dep_ in NOMINAL_SUBJECTS)
        if head.head.i != head.i:
            near.append(head.head)
    return near


def _halts_fighting(tok: Token) -> bool:
    if tok.lower_ == "cease" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_ == "fire":
        return False
    return any("fighting" in classes(t) for t in _related(tok))


def _release_word(tok: Token) -> Token:
    """The release word a released group hangs from ("the release of hundreds of
    prisoners", "free 20 captives"), else the group's own noun."""
    for current in climb(tok, 4, with_self=True):
        head = current.head
        if head.i == current.i:
            break
        if "release" in classes(head) and head.pos_ in ("VERB", "NOUN"):
            return head
        if current.dep_ == "prep" and current.lower_ != "of":
            break
        if current.dep_ not in ("pobj", "prep", "conj", "appos", "nummod", "quantmod", "dobj"):
            break
    return tok


def _released(tok: Token) -> bool:
    """The group ``tok`` names is freed: it hangs from a release word ("free 20 captives",
    "the return of the captives"), is the subject of one ("detainees would be released",
    "captives would go home"), or carries one ("the first captives to be freed")."""
    if _release_word(tok).i != tok.i or _listed_after_release(tok):
        return True
    if any(c.dep_ in NOUN_CLAUSES and "release" in classes(c) for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in NOMINAL_SUBJECTS and head.i != tok.i and "release" in classes(head):
        return True
    # "captives would go home" (the subject goes) and "bring the captives home" (the
    # object is brought): a release particle on the verb frees either.
    if (tok.dep_ in NOMINAL_SUBJECTS or tok.dep_ == "dobj") and head.i != tok.i:
        return any(
            c.dep_ in ("advmod", "prt", "acomp") and "release" in classes(c) for c in head.children
        )
    return False


def _listed_after_release(tok: Token) -> bool:
    """ "the release of ill, injured, older and female detainees": the group ends a list
    of modifiers after "release of", however the parser split the list."""
    doc = tok.doc
    k = tok.i - 1
    while k > tok.sent.start and tok.i - k <= MAX_LIST_GAP:
        word = doc[k]
        if word.lower_ == "of":
            before = doc[k - 1]
            return "release" in classes(before) and before.pos_ in ("NOUN", "VERB")
        if word.pos_ not in LIST_POS and word.tag_ != "VBN":  # "wounded" as a participle
            return False
        k -= 1
    return False


def _in_exchange(tok: Token) -> bool:
    return any(a.lower_ == "exchange" for a in tok.ancestors)


def _objects(tok: Token) -> list[Token]:
    objs = [c for c in tok.children if c.dep_ in ("dobj", PASSIVE_SUBJECT)]
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs.extend(c for c in child.children if c.dep_ == "pobj")
    more: list[Token] = []
    for obj in objs:
        more.extend(c for c in obj.children if c.dep_ == "conj")
    return objs + more


def _frees_captives(tok: Token) -> bool:
    objs = _objects(tok)
    if not objs:
        return False
    kinds = set().union(*(classes(o) for o in objs))
    return "captive" in kinds and "prisoner" not in kinds and "hostage" not in kinds


def _has_particle(tok: Token, words: tuple[str, ...]) -> bool:
    return any(c.lower_ in words for c in tok.children if c.dep_ in ("prt", "prep", "advmod"))


def _troops_leave(tok: Token) -> bool:
    subjects = [c for c in tok.children if c.dep_ == SUBJECT]
    if not subjects and tok.dep_ == "xcomp":
        # "require Qaremian troops to leave": the leaver is the governing verb's object
        subjects = [c for c in tok.head.children if c.dep_ in ("dobj", SUBJECT)]
    return any("troops" in classes(s) for s in subjects)


def _modifies_halt(tok: Token) -> bool:
    return tok.dep_ in NOUN_MODIFIERS and "ceasefire" in classes(tok.head)


def _about_arms(tok: Token) -> bool:
    objs = [c for c in tok.subtree if c.i > tok.i]
    return any("arms" in classes(o) for o in objs[:6])


def _talks_start(tok: Token) -> bool:
    if "start" in classes(tok.head) and tok.head.i != tok.i:
        return True
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "about", "over", "toward", "towards"):
            return True
        if "start" in classes(child):
            return True
    return False
