"""Reported speech by rule: the clause complement of a reporting verb.

The attribution tagger (:mod:`.tagger`) decides reported speech; these rules add what it
leaves out. Trained on US campaign news, it rarely reads content placed before its cue
("The talks will resume, the minister said"), the usual order of wire copy. A reporting
verb (``lexicons/reporting_verbs.txt``) with a clause complement is reported
speech; its subject is the speaker and the clause, without its ``that``, is the quote
("Smith said ⟦the talks would resume⟧", "⟦The talks will resume⟧, the minister said").
"according to X" attributes the clause it hangs from; commitments and requests take
their infinitive ("vowed ⟦to retaliate⟧", "urged ⟦the council to resign⟧"). A copular
clause on a noun of speech announces the content after its colon ("Her message was plain:
⟦the crossings must reopen⟧"): the noun's possessor is the speaker, or the subject of a
reporting clause that closes the sentence. A clause that
is mostly in quotation marks is a direct quote already and is not repeated; one that only
holds a quoted fragment is kept, because the claim is the clause ("said the offer was
“generous” but late").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from ..common.syntax import CLAUSAL_COMPLEMENTS, NOMINAL_SUBJECTS, PASSIVE_SUBJECT, SUBJECT
from .columns import TokenColumns
from .lexicon import is_verb_in, reporting_verbs, speech_nouns, verbs_maybe_in
from .speakers import SpeakerFinder

# The shortest reported clause worth a quote; shorter complements are mostly fragments
# of a misparse ("said so", "says it is").
MIN_WORDS = 3
_LEADING = frozenset({"that", ",", ":", "—", "–", "-", "whether"})
_VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Reported:
    """A reported clause with its cue and the subject token of that cue."""

    content: Span
    cue: Token
    subject: Token


def find_reported(doc: Doc, finder: SpeakerFinder) -> list[Reported]:
    """Reported clauses of reporting verbs and of "according to", outside quotation marks.

    Args:
        doc: the parsed article.
        finder: the speaker finder over the same doc.
    """
    quoted = finder.quoted
    lexicon = reporting_verbs()
    found: list[Reported] = []
    taken: list[tuple[int, int]] = []
    # Only a verb of the lexicon can report and only "according" can attribute: the other
    # tokens are passed over without being read.
    columns = finder.columns
    for colon in columns.where(LOWER, (":",)):
        if colon not in quoted:
            _add_announced(found, taken, doc, finder, doc[colon], lexicon)
    candidates = sorted({*verbs_maybe_in(columns, lexicon), *columns.where(LOWER, ("according",))})
    # Outer reports first: in "X agreed to Y, officials said" the officials report the
    # agreement, and the clause they report holds the inner cue's own complement.
    candidates.sort(key=lambda i: _report_depth(columns, i))
    for i in candidates:
        if i in quoted:
            continue
        token = doc[i]
        if is_verb_in(token, lexicon):
            for child in token.children:
                if child.dep_ in CLAUSAL_COMPLEMENTS:
                    _add(found, taken, doc, finder, quoted, token, child)
                elif child.dep_ == "advmod":
                    # "said later that ...": the parser may hang the clause on the adverb.
                    for grand in child.children:
                        if grand.dep_ == "ccomp" and grand.i > child.i:
                            _add(found, taken, doc, finder, quoted, token, grand)
            if token.dep_ == "parataxis":
                _add_interrupted(found, taken, doc, finder, token)
            cleft = _cleft_content(token)
            if cleft is not None:
                _add(found, taken, doc, finder, quoted, token, cleft)
        elif _according_to(doc, token) and token.head.i != token.i:
            _add(found, taken, doc, finder, quoted, token, token.head)
    return found


def _report_depth(columns: TokenColumns, i: int) -> float:
    """How deep the report of the verb ``i`` sits: the arcs between it and its sentence's
    root, or for a reporting clause set off by commas, which the parser hangs from the
    clause it reports ("X agreed to Y, ⟦officials said⟧"), just above that clause."""
    head = columns.head
    n = 0
    j = i
    while head[j] != j and n < len(head):
        j, n = head[j], n + 1
    return n - 1.5 if columns.dep[i] == "parataxis" else n


def _cleft_content(cue: Token) -> Token | None:
    """ "What X told the council was that …": the clause after the copula is what the
    reporting verb of the "what" clause reported (a pseudo-cleft)."""
    if cue.dep_ != "csubj" or cue.head.lemma_ != "be":
        return None
    # "what" is the object, or with an addressee ("told both delegations") often parsed
    # as the dative.
    if not any(c.dep_ in ("dobj", "dative") and c.lower_ == "what" for c in cue.children):
        return None
    return next((c for c in cue.head.children if c.dep_ in ("ccomp", "attr") and c.i > cue.i), None)


def _add(
    found: list[Reported],
    taken: list[tuple[int, int]],
    doc: Doc,
    finder: SpeakerFinder,
    quoted: Collection[int],
    cue: Token,
    clause: Token,
) -> None:
    if clause.dep_ == "xcomp" and any(c.dep_ == PASSIVE_SUBJECT for c in cue.children):
        return  # "X is said to be ...": X is what is reported on, not the speaker
    if cue.dep_ == "relcl" and not any(
        c.dep_ == SUBJECT and c.lower_ in ("who", "that", "which") for c in cue.children
    ):
        return  # "the steps that he said they must take": the reported clause has a gap
    content = _content(doc, cue, clause, finder)
    if content is None or len(content) < MIN_WORDS:
        return
    columns = finder.columns
    if _words_outside(columns.is_alpha, quoted, content.start, content.end, 2) < 2:
        return  # the clause is the quote itself: a direct or partial quote already
    if not any(pos in _VERBS for pos in columns.pos[content.start : content.end]):
        return
    if any(a < content.end and content.start < b for a, b in taken):
        return
    subject = _reporter_of_conjunct(cue, finder) or finder.subject_of(cue)
    if subject is None or content.start <= subject.i < content.end:
        return
    taken.append((content.start, content.end))
    found.append(Reported(content, cue, subject))


def _add_announced(
    found: list[Reported],
    taken: list[tuple[int, int]],
    doc: Doc,
    finder: SpeakerFinder,
    colon: Token,
    lexicon: frozenset[str],
) -> None:
    """Content announced by "<speech noun> is/was <adjective>:" before a colon.

    The copula's clause must end at the colon and its subject be a noun of speech
    (``lexicons/speech_nouns.txt``). The content runs from the colon to the end of the
    sentence, less a reporting clause that closes it (", spokesman X told reporters"),
    whose subject is then the speaker; otherwise the noun's possessor or "of" phrase is.
    """
    if colon.i == 0:
        return
    copula = next(
        (
            t
            for t in (doc[colon.i - 1], doc[colon.i - 1].head)
            if t.lemma_ == "be" and t.right_edge.i == colon.i - 1
        ),
        None,
    )
    if copula is None:
        return
    noun = next((c for c in copula.children if c.dep_ == SUBJECT), None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in speech_nouns():
        return
    _, sentence_end = finder.sentence(colon.i)
    start, end = colon.i + 1, sentence_end
    holder = _holder(noun)
    cue = noun
    for token in doc[start:end]:
        if not is_verb_in(token, lexicon):
            continue
        subject = next((c for c in token.children if c.dep_ in NOMINAL_SUBJECTS), None)
        if subject is not None and subject.i > start and doc[subject.left_edge.i - 1].text == ",":
            end, holder, cue = subject.left_edge.i - 1, subject, token
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if (
        holder is None
        or end - start < MIN_WORDS
        or finder.paragraph[start] != finder.paragraph[colon.i]
    ):
        return
    if any(a < end and start < b for a, b in taken):
        return
    taken.append((start, end))
    found.append(Reported(doc[start:end], cue, holder))


def _holder(noun: Token) -> Token | None:
    """Whose the noun of speech is: its possessor ("her message", "the Front's position"),
    else the object of its "of" ("the message of the envoys")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _words_outside(
    is_alpha: list[bool], quoted: Collection[int], start: int, end: int, enough: int
) -> int:
    """How many words of tokens ``[start, end)`` are outside quotation marks, counted up
    to ``enough``."""
    count = 0
    for i in range(start, end):
        if is_alpha[i] and i not in quoted:
            count += 1
            if count >= enough:
                break
    return count


def _add_interrupted(
    found: list[Reported], taken: list[tuple[int, int]], doc: Doc, finder: SpeakerFinder, cue: Token
) -> None:
    """Reported speech around a reporting clause set off by commas.

    "The toll has risen to 19, officials said, after rescuers found more bodies": the
    parser hangs "said" from the reported verb. The words before the reporting clause
    are the quote; so are those after it when they go on with the sentence ("[A], he
    says, [B]" is two quotes).
    """
    head = cue.head
    first, last = cue.left_edge.i, cue.right_edge.i
    while first < cue.i and doc[first].is_punct:
        first += 1
    while last > cue.i and doc[last].is_punct:
        last -= 1
    if first == 0 or doc[first - 1].text not in (",", "—", "–"):
        return
    subject = finder.subject_of(cue)
    if subject is None or subject.i < first:
        return
    here = finder.paragraph[cue.i]
    pieces = [(head.left_edge.i, first - 1)] if head.left_edge.i < first - 1 else []
    after = last + 1
    if after < len(doc) and doc[after].text == "," and head.right_edge.i > after:
        pieces.append((after + 1, head.right_edge.i + 1))
    for start, end in pieces:
        while start < end and (finder.paragraph[start] != here or doc[start].is_punct):
            start += 1
        if start + 1 < end and doc[start].dep_ == "advmod" and doc[start + 1].text == ",":
            start += 2  # "Meanwhile, ...": the reporter's link, not the source's words
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        content = doc[start:end]
        if (
            len(content) < MIN_WORDS
            or any(t.i in finder.quoted for t in content)
            or not any(t.pos_ in ("VERB", "AUX") for t in content)
            or any(a < end and start < b for a, b in taken)
        ):
            continue
        if start != head.left_edge.i and doc[start].lower_ in ("after", "before", "when", "as"):
            continue  # "..., officials said, after rescuers found ...": the reporter's words
        taken.append((start, end))
        found.append(Reported(content, cue, subject))


def _content(doc: Doc, cue: Token, clause: Token, finder: SpeakerFinder) -> Span | None:
    """The reported clause of ``cue``, or None.

    That is the complement's subtree, or for "according to" the clause without the
    attribution phrase, trimmed of ``that`` and punctuation at its edges and kept within
    the cue's paragraph (the parser sometimes runs a headline into the text).
    """
    paragraph = finder.paragraph
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    here = paragraph[cue.i]
    while start < end and paragraph[start] != here:
        start += 1
    while end > start and paragraph[end - 1] != here:
        end -= 1
    if cue.lower_ == "according":
        phrase_start, phrase_end = cue.left_edge.i, cue.right_edge.i + 1
        if phrase_start <= start:
            start = max(start, phrase_end)
        elif phrase_end < end and clause.i >= phrase_end:
            # "The council, according to two officials, has signed the annex": the phrase
            # interrupts the clause; the quote is the side that holds the clause's verb.
            start = phrase_end
        else:
            end = min(end, phrase_start)
    elif clause.dep_ == "xcomp":
        # "urged the council to resign", "called for the council to resign": the one
        # asked belongs to what was asked.
        for child in cue.children:
            if cue.i < child.i < clause.i and (
                child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("for", "on"))
            ):
                start = min(start, child.left_edge.i if child.dep_ == "dobj" else child.i + 1)
    else:
        end = min(end, _reporting_conjunct_start(clause, cue))
        end = _second_complement_end(doc, cue, clause, end)
    if start < cue.i < end:
        # The cue sits inside its own complement's span only in a misparse.
        return None
    columns = finder.columns
    lower, is_punct, is_space, is_quote = (
        columns.lower,
        columns.is_punct,
        columns.is_space,
        columns.is_quote,
    )
    while start < end and (lower[start] in _LEADING or is_punct[start]):
        start += 1
    while start < end and is_space[start]:
        start += 1
    if start < end and doc[start].dep_ == "npadvmod" and doc[start].ent_type_ in ("DATE", "TIME"):
        # "said Monday the deal was close": the day is when it was said.
        while start < end and doc[start].ent_iob_ in ("B", "I") and doc[start].ent_type_:
            start += 1
    while end > start and (is_punct[end - 1] or is_space[end - 1]):
        end -= 1
    if end < len(doc) and is_quote[end] and any(is_quote[start:end]):
        end += 1  # keep the closing mark of a quoted fragment the clause ends with
    return doc[start:end] if end > start else None


def _second_complement_end(doc: Doc, cue: Token, clause: Token, end: int) -> int:
    """ "said that it will not accept a deal that leaves the crossings ⟦closed⟧": a verb has
    one complement; a second one the parser hangs from the cue right where the clause ends,
    with nothing between, is the clause's last word."""
    if clause.i < cue.i or end != clause.right_edge.i + 1 or end >= len(doc):
        return end
    after = doc[end]
    if after.head.i == cue.i and after.dep_ in ("ccomp", "acomp", "oprd") and after.i > clause.i:
        return after.right_edge.i + 1
    return end


def _reporter_of_conjunct(cue: Token, finder: SpeakerFinder) -> Token | None:
    """The subject of the reporting verb whose clause a subjectless reporting conjunct was
    hung from ("Officials said the deal was close, but ⟦cautioned⟧ …": the officials)."""
    head = cue.head
    if (
        cue.dep_ != "conj"
        or any(c.dep_ in NOMINAL_SUBJECTS for c in cue.children)
        or head.dep_ not in CLAUSAL_COMPLEMENTS
        or not is_verb_in(head.head, reporting_verbs())
    ):
        return None
    return finder.subject_of(head.head)


def _reporting_conjunct_start(clause: Token, cue: Token) -> int:
    """Where a reporting verb joined to the reported clause begins, else past its end.

    "Officials said the deal was close, but cautioned that …": the parser often hangs the
    second reporting verb, which has no subject of its own, from the reported clause's
    verb; it and what follows are the reporter's, with their own content.
    """
    lexicon = reporting_verbs()
    for child in clause.rights:
        if (
            child.dep_ == "conj"
            and is_verb_in(child, lexicon)
            and not any(c.dep_ in NOMINAL_SUBJECTS for c in child.children)
        ):
            first = child.i
            doc = clause.doc
            while (
                first - 1 > cue.i
                and doc[first - 1].head.i == clause.i
                and doc[first - 1].dep_ in ("cc", "punct")
            ):
                first -= 1
            return first
    return clause.right_edge.i + 1


def _according_to(doc: Doc, token: Token) -> bool:
    """Whether ``token`` is the ``according`` of "according to"."""
    if token.lower_ != "according" or token.i + 1 >= len(doc):
        return False
    return doc[token.i + 1].lower_ == "to"
