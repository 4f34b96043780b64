"""Who said it: the cue verb over a quote, its subject, and the subject's speaker.

The subject of a cue becomes a name in one of two ways. When the ``entities`` extractor
produced mentions for the article, the mention at the subject's head token gives the
canonical name (descriptors included: "the top diplomat" → the person the article ties
it to). Otherwise a fallback works from the parse alone
(:meth:`SpeakerFinder.fallback_speaker`, :class:`.naming.ParseNamer`). A document that
speaks goes to whoever issued it (:mod:`.documents`), "I" and "we" and "both leaders" to
the document's own voices (:mod:`.voices`). Pronouns go to the most recent main-clause
subject of a compatible kind.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection
from functools import cached_property

import numpy
from spacy.attrs import DEP, IDX, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from ...models import Mention
from ..common.mentions import MentionIndex
from ..common.syntax import (
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    ROOT,
    SUBJECTS,
    climb,
    highest,
)
from .columns import TokenColumns
from .documents import DocumentIssuers, is_definite, is_document
from .lexicon import cue_verbs, is_verb_in
from .naming import GROUP, PERSON, ParseNamer, Speaker, clean_name, gender_of
from .transcript import Section
from .voices import VoiceReader, Voices, joined

# Dependencies along which a subject-less cue ("..., calling it “x”", "urged them to
# “x”") borrows the subject of the verb it hangs from.
_BORROW = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "ccomp", "dep"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PRONOUN_KIND = {"he": PERSON, "she": PERSON, "him": PERSON, "her": PERSON,
                 "they": GROUP, "it": GROUP, "them": GROUP}  # fmt: skip
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
# Plural heads that stand for the meeting's participants in a readout: "both leaders",
# "the two leaders", "the three heads of state".
_PARTICIPANT_HEADS = frozenset({"leader", "president", "minister", "head", "party", "side"})
_PARTICIPANT_WORDS = frozenset({"both", "two", "three", "four", "all"})
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4}
_NEWLINE = re.compile(r"\n")


class SpeakerFinder:
    """Cue verbs, subjects and names over one parsed article.

    Sentences and paragraphs are indexed once per article, and entities once by
    :class:`.naming.ParseNamer`: spaCy rebuilds ``doc.ents``, ``token.sent`` and
    ``doc.text`` on every access, which made them the bulk of the extractor's time.

    Args:
        doc: the parsed article.
        text: the article's text (``doc.text``, passed in to avoid rebuilding it).
        quoted: indices of tokens inside quotation marks (their words and the marks); a
            cue or a subject is never taken from inside a quote.
        mentions: the ``entities`` extractor's mentions; empty means the parse fallback.
    """

    def __init__(
        self,
        doc: Doc,
        text: str,
        quoted: Collection[int],
        mentions: MentionIndex,
        *,
        title: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = text
        self.quoted = quoted
        self.mentions = mentions
        # The article's title names an official statement's author (see :mod:`.voices`);
        # read on the first first-person subject.
        self.title = title
        self.columns = TokenColumns(doc)
        self.paragraph = _paragraphs(doc, text)
        self._sentence = _sentences(doc, self.columns)
        # Pronouns read the subjects before them, nearest first, and most stop at the first
        # of a kind: a subject is vetted and named when a pronoun first reaches it (see
        # :meth:`salient`).
        self._salient_at: dict[int, bool] = {}
        self._subject_at: dict[int, Token | None] = {}
        self._speaker_at: dict[int, Speaker | None] = {}
        self._speakers: dict[int, Speaker | None] = {}
        self._reach: int | None = None

    @cached_property
    def _namer(self) -> ParseNamer:
        """The parse-alone namer, made on first use: it reads the doc's entities."""
        return ParseNamer(self.doc)

    def sentence(self, index: int) -> tuple[int, int]:
        """The token range of the sentence holding token ``index``."""
        return self._sentence[index]

    # -- cues -----------------------------------------------------------------------

    def cue_above(self, tokens: Span, inside: Collection[int]) -> Token | None:
        """The nearest cue verb outside quotes that governs a span's tokens.

        Args:
            tokens: the quoted words.
            inside: indices of the span's own tokens (its attachment points are the
                tokens whose head is outside).
        """
        lexicon = cue_verbs()
        head, verbs = self.columns.head, self.columns.verbs
        best: tuple[int, Token] | None = None
        roots = [
            i for i in range(tokens.start, tokens.end) if head[i] not in inside or head[i] == i
        ]
        if not roots:
            return None
        # The parser sometimes runs a sentence over a paragraph break; a cue from another
        # paragraph is never the quote's.
        paragraphs = {self.paragraph[i] for i in roots}
        for root in roots:
            node = root
            # Up to eight arcs, by index: only a verb is read as a token.
            for depth in range(1, 9):
                if head[node] == node:
                    break
                node = head[node]
                if node in self.quoted or self.paragraph[node] not in paragraphs:
                    continue
                if node in verbs and is_verb_in(self.doc[node], lexicon):
                    if best is None or depth < best[0]:
                        best = (depth, self.doc[node])
                    break
        return best[1] if best else None

    def cue_beside(self, after: int, before: int, *, complete: bool = False) -> Token | None:
        """A cue verb right after a quote (``,” she said``) or right before it (``He said, “``).

        For parses that do not attach the quote to the verb; the cue must be in the same
        paragraph.

        Args:
            after: index of the first token after the closing mark.
            before: index of the opening mark.
            complete: the quote ends its own sentence with a period; then a following
                cue must continue that sentence (``.” he said``), not start a new one.
        """
        lexicon = cue_verbs()
        doc = self.doc
        if after < len(doc) and not (complete and not doc[after].is_lower):
            for i in range(after, min(after + 8, len(doc))):
                if "\n" in doc[i].text or (i in self.quoted and doc[i].is_alpha):
                    break
                if is_verb_in(doc[i], lexicon):
                    return doc[i]
                if doc[i].text in (".", "!", "?") or doc[i].is_quote:
                    break
        for i in range(before - 1, max(before - 9, -1), -1):
            if "\n" in doc[i].text or (i in self.quoted and doc[i].is_alpha):
                break
            if doc[i].text in (".", "!", "?"):
                break
            if is_verb_in(doc[i], lexicon):
                return doc[i]
        return None

    def according_to(self, first: int, last: int) -> Token | None:
        """The ``according`` of "according to X" in the sentences of tokens first..last."""
        doc = self.doc
        start, end = self.sentence(first)[0], self.sentence(last)[1] - 1
        # Only the "according" tokens of the doc are read.
        according = self._according
        for i in according[
            bisect.bisect_left(according, start) : bisect.bisect_left(according, end)
        ]:
            if doc[i + 1].lower_ == "to" and i not in self.quoted:
                return doc[i]
        return None

    @cached_property
    def _according(self) -> list[int]:
        return self.columns.where(LOWER, ("according",))

    # -- subjects ---------------------------------------------------------------------

    def subject_of(self, cue: Token) -> Token | None:
        """The subject of ``cue``, borrowed from the verbs it hangs from when it has none."""
        # The rules, the tagger's quotes and the marked quotes ask for the same cues' subjects.
        if cue.i not in self._subject_at:
            self._subject_at[cue.i] = self._find_subject(cue)
        return self._subject_at[cue.i]

    def _find_subject(self, cue: Token) -> Token | None:
        if cue.lower_ == "according":
            for child in cue.subtree:
                if child.dep_ == "pobj" and child.i not in self.quoted:
                    return child
            return None
        for node in climb(cue, 3, through=_BORROW, with_self=True):
            subjects = [
                c
                for c in node.children
                if c.dep_ in SUBJECTS and c.i not in self.quoted and not c.is_punct
            ]
            if subjects:
                # A misparse can give two subjects; the one nearest the verb is its own.
                child = min(subjects, key=lambda c: abs(c.i - node.i))
                if child.lower_ in _RELATIVE and node.dep_ == "relcl":
                    return node.head
                return child
            for child in node.children:
                if child.dep_ == "agent":
                    for grand in child.children:
                        if grand.dep_ == "pobj" and grand.i not in self.quoted:
                            return grand
            if node.dep_ in NOUN_CLAUSES and node.head.pos_ in ("NOUN", "PROPN"):
                return node.head  # "Smith, who said", "footage of Smith saying"
        return None

    # -- names ------------------------------------------------------------------------

    def speaker_of(self, subject: Token) -> Speaker | None:
        """The speaker a subject token stands for; None for an unresolvable pronoun."""
        if self._reach is not None:
            # Naming a salient subject: a pronoun met on the way sees only the subjects
            # before it, so the answer is not the one to keep.
            return self._find_speaker(subject)
        if subject.i not in self._speaker_at:
            self._speaker_at[subject.i] = self._find_speaker(subject)
        return self._speaker_at[subject.i]

    def _find_speaker(self, subject: Token) -> Speaker | None:
        section = self.voices.section_at(subject.idx)
        if section is not None and subject.idx < section.body:
            return self.turn_speaker(section)  # the parse ran the label into the turn
        lower = subject.lower_
        if lower in _FIRST_PERSON:
            return self._first_person(subject, section)
        pronoun = subject.pos_ == "PRON" or lower in _PRONOUN_KIND
        if is_document(subject):
            issuer = self._issuer_of(subject, section)
            if issuer is not None:
                return issuer
        count = _participant_count(subject)
        if count is not None:
            group = self._participants(subject, count)
            if group is not None:
                return group
        head = subject if pronoun else _name_head(subject)
        if _bare_president(head) and self.voices.president:
            return Speaker(self.voices.president, PERSON)
        mention = self.mentions.at(head.idx, head.idx + len(head))
        if mention is not None and mention.type != "PERSON":
            # "Harbour City's mayor said", parsed with the city as the subject: the
            # speaker is the person the possessive phrase names.
            mention = self._possessed_person(mention) or mention
        if mention is not None and mention.name:
            return self._mentioned(mention.name, mention.type, mention.text)
        if pronoun:
            return self.pronoun(subject)
        return self.fallback_speaker(head)

    def _issuer_of(self, document: Token, section: Section | None) -> Speaker | None:
        """Who issued a document that speaks ("the statement said").

        The issuer the parse names (:meth:`.documents.DocumentIssuers.issuer`); else, for
        a definite document, in an official document its author ("the enclosed notice
        states"), and in a transcript about a statement, that statement's issuers. None
        when the document is no one's the text names: PolNeAR-style annotation then keeps
        the document's own words as the source.
        """
        issuer = self._issuers.issuer(document)
        if issuer is not None:
            return self.speaker_of(issuer)
        if not is_definite(document):
            return None
        if section is None and self.voices.author:
            return Speaker(self.voices.author, PERSON)
        # A transcript about a statement: "the statement" is that one.
        issuers = self.voices.issuers if document.lemma_.lower() == "statement" else None
        return Speaker(issuers, GROUP) if issuers else None

    @cached_property
    def _issuers(self) -> DocumentIssuers:
        return DocumentIssuers(self.columns, self.paragraph, self.quoted, self.subject_of)

    # -- the document's own voices ----------------------------------------------------

    @cached_property
    def _reader(self) -> VoiceReader:
        return VoiceReader(self.text, self.title, self.mentions)

    @property
    def voices(self) -> Voices:
        """The document's author, participants, president and transcript turns."""
        return self._reader.voices

    def label_speaker(self, label: str) -> str:
        """The speaker of a transcript turn's label, named as the article names them."""
        return self._reader.label_speaker(label)

    def turn_speaker(self, section: Section) -> Speaker | None:
        """The speaker of a transcript turn; None for a question or the call's running."""
        if section.question:
            return None
        return Speaker(self._reader.label_speaker(section.label), PERSON)

    def _first_person(self, subject: Token, section: Section | None) -> Speaker | None:
        """ "I" and "we": the turn's speaker in a transcript, else the document's author;
        "I, Ilse Varden, …" names itself."""
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return Speaker(self._reader.person_named(self._namer.name_span(child).text), PERSON)
        if self.voices.sections:
            return self.turn_speaker(section) if section is not None else None
        author = self.voices.author
        return Speaker(author, PERSON) if author else None

    def _participants(self, subject: Token, count: int) -> Speaker | None:
        """The people of "both leaders", "the two leaders", "both" (``count`` of them, or
        any number for 0).

        The title's participants, else the people named last before the subject in its
        paragraph or the one before; None when neither fits (the subject is then named
        as any other).
        """
        participants = self.voices.participants
        if count and len(participants) != count:
            participants = self._named_before(subject, count)
        elif not participants:
            participants = self._named_before(subject, 2)
        name = joined(participants) if len(participants) > 1 else None
        return Speaker(name, GROUP) if name else None

    def _named_before(self, subject: Token, count: int) -> tuple[str, ...]:
        """The last ``count`` different people named before ``subject`` in its paragraph
        or the one before; () when fewer are."""
        here = self.paragraph[subject.i]
        names: list[str] = []
        offset = subject.idx
        while len(names) < count:
            mention = self.mentions.before(offset)
            if mention is None or here - self.paragraph_at(mention.start) > 1:
                break
            if mention.name and mention.name not in names:
                names.append(mention.name)
            offset = mention.start
        return tuple(reversed(names)) if len(names) == count else ()

    def paragraph_at(self, offset: int) -> int:
        """The paragraph number of character ``offset``."""
        return self.text.count("\n", 0, offset)

    def _mentioned(self, name: str, kind: str, written: str) -> Speaker:
        """A mention's speaker: a lone surname the model typed as a place or group is the
        person the article names with it ("Varden" after "Ilse Varden")."""
        written = written.strip()
        if kind != "PERSON" and " " not in written and written[:1].isupper():
            key = written.lower()
            people = [p for p in self._reader.people if p.lower().split()[-1] == key]
            if len(people) == 1 and people[0] != name and not self._with_article(written):
                return Speaker(people[0], PERSON)
        return Speaker(clean_name(name), PERSON if kind == "PERSON" else GROUP)

    def _possessed_person(self, owner: Mention) -> Mention | None:
        """The person of "<owner>'s <role>" right after a place's or group's name."""
        after = self.text[owner.end : owner.end + 3]
        if after[:2] not in ("'s", "’s") or not after[2:].isspace():
            return None
        start = owner.end + 3
        person = self.mentions.at(start, start + 1)
        return person if person is not None and person.type == "PERSON" else None

    def _with_article(self, written: str) -> bool:
        """Whether the text writes ``written`` after "the" anywhere ("the Post"): a
        surname never takes the article, an organization's short name does."""
        for m in self.mentions.mentions:
            if m.text == written and self.text[max(m.start - 4, 0) : m.start].lower() == "the ":
                return True
        return False

    def fallback_speaker(self, head: Token) -> Speaker:
        """The name of a subject from the parse alone, for articles without mentions."""
        return self._namer.speaker(head)

    def pronoun(self, token: Token) -> Speaker | None:
        """The most recent subject of a compatible kind before a pronoun."""
        want = _PRONOUN_KIND.get(token.lower_)
        if want is None:
            return None
        sent_start = self.sentence(token.i)[0]
        gender = _PRONOUN_GENDER.get(token.lower_)
        subjects = self._nominal
        stop = token.i if self._reach is None else min(token.i, self._reach)
        for at in range(bisect.bisect_left(subjects, stop) - 1, -1, -1):
            index = subjects[at]
            if not self._is_salient(index):
                continue
            speaker = self._subject_speaker(index)
            if speaker is None:
                continue
            if want == PERSON:
                # "Varden and Heyl met. He said …": each person of a coordinated subject,
                # the nearest first, is a candidate.
                for person in [*self._conjoined(index), speaker]:
                    if person.kind != PERSON:
                        continue
                    if gender is not None and gender_of(person.name) not in (None, gender):
                        continue  # "she" after "Tomas Ebbe": the given name disagrees
                    return person
                continue
            if want == GROUP:
                # "it"/"they" take the nearest subject, from this or the previous sentence,
                # when it is a group: "it" is as often a thing or an expletive.
                near = index >= self.sentence(max(sent_start - 1, 0))[0]
                return speaker if near and speaker.kind == GROUP else None
        if want == PERSON:
            mention = self.mentions.before(token.idx)
            if mention is not None and mention.name:
                return Speaker(mention.name, PERSON)
        return None

    def _conjoined(self, index: int) -> list[Speaker]:
        """The people joined to the subject token ``index`` by "and", the last first."""
        out = []
        for token in reversed(self.doc[index].conjuncts):
            if token.i > index and token.pos_ == "PROPN" and token.i not in self.quoted:
                named = self.speaker_of(token)
                if named is not None:
                    out.append(named)
        return out

    def salient(self) -> list[tuple[int, Speaker]]:
        """Subjects outside quotes that are not pronouns, in order: what pronouns refer to.

        A subject's speaker is worked out as if the list were built in text order: a
        pronoun met while naming a subject (a document's issuer can be one) sees only the
        subjects before that one.
        """
        out = []
        for index in self._nominal:
            if self._is_salient(index):
                speaker = self._subject_speaker(index)
                if speaker is not None:
                    out.append((index, speaker))
        return out

    @cached_property
    def _nominal(self) -> list[int]:
        """The indices of the tokens on a nominal subject arc, in text order."""
        return self.columns.where(DEP, NOMINAL_SUBJECTS)

    def _is_salient(self, index: int) -> bool:
        """Whether the subject token ``index`` is one of :meth:`salient`'s, speaker aside."""
        if index not in self._salient_at:
            token = self.doc[index]
            lower = token.lower_
            self._salient_at[index] = (
                index not in self.quoted
                and token.pos_ != "PRON"
                and lower not in _PRONOUN_KIND
                and lower not in _RELATIVE
                and (_main_clause(token.head) or self._opens_paragraph(token.head))
            )
        return self._salient_at[index]

    def _subject_speaker(self, index: int) -> Speaker | None:
        """The speaker of the salient subject token ``index``, named once."""
        if index not in self._speakers:
            reach, self._reach = self._reach, index
            try:
                self._speakers[index] = self.speaker_of(self.doc[index])
            finally:
                self._reach = reach
        return self._speakers[index]

    def _opens_paragraph(self, verb: Token) -> bool:
        """Whether ``verb`` hangs from a word of an earlier paragraph: the parser ran a
        paragraph into the one before, and the verb heads its own."""
        return self.paragraph[verb.head.i] != self.paragraph[verb.i]


def _paragraphs(doc: Doc, text: str) -> list[int]:
    """The paragraph number of each token (paragraphs are separated by line breaks)."""
    if not len(doc):
        return []
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    starts = doc.to_array(IDX).astype(numpy.int64)
    numbers: list[int] = numpy.searchsorted(breaks, starts, side="right").tolist()
    return numbers


def _sentences(doc: Doc, columns: TokenColumns) -> list[tuple[int, int]]:
    """The token range of the sentence of each token; the whole text for an unparsed one."""
    n = len(doc)
    sentence = [(0, n)] * n
    has_starts = doc.has_annotation("SENT_START")
    if not (has_starts or doc.has_annotation("DEP")):
        return sentence
    if "sents" in doc.user_hooks or not has_starts:
        for sent in doc.sents:
            sentence[sent.start : sent.end] = [(sent.start, sent.end)] * len(sent)
        return sentence
    # What ``doc.sents`` reads, without making a span for each sentence.
    starts = columns.array(SENT_START).astype(numpy.int64)
    bounds = [0, *(numpy.flatnonzero(starts[1:] == 1) + 1).tolist(), n]
    for start, end in itertools.pairwise(bounds):
        sentence[start:end] = [(start, end)] * (end - start)
    return sentence


def _main_clause(verb: Token) -> bool:
    """Whether ``verb`` heads its sentence, or a clause coordinated with its head.

    A pronoun refers back to the subject of a main clause, not to one reported inside it
    ("Smith says Jones lied. She adds ..." — she is Smith).
    """
    verb = highest(verb, through={"conj"})
    return verb.dep_ == ROOT or verb.head.i == verb.i


def _name_head(subject: Token) -> Token:
    """The token that names a subject: an appositive name replaces a descriptor."""
    if subject.pos_ != "PROPN":
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
        # "A spokeswoman for the Front, Dana Orlo, said": the parser hangs the apposition
        # on the nearest noun, the object of the descriptor's preposition; a person's name
        # there names the descriptor, not the organization.
        for child in subject.children:
            if child.dep_ != "prep":
                continue
            for obj in child.children:
                for appos in obj.children:
                    if appos.dep_ == "appos" and appos.ent_type_ == "PERSON":
                        return appos
    return subject


def _participant_count(subject: Token) -> int | None:
    """How many a subject like "both leaders", "the three leaders", "leaders of the three
    countries" or "both" stands for: its number, 2 for "both", 0 when no number says;
    None for any other subject."""
    if subject.tag_ not in ("NNS", "NNPS", "DT", "CD", "PRP"):
        return None
    lemma = subject.lemma_.lower()
    words = {c.lower_ for c in subject.children if c.dep_ in ("det", "predet", "nummod")}
    if lemma in _PARTICIPANT_HEADS and subject.tag_ in ("NNS", "NNPS"):
        if not (words & (_PARTICIPANT_WORDS | {"the"})):
            return None
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                # "leaders of the three countries": the number counts the countries
                words |= {g.lower_ for o in prep.children for g in o.children if g.dep_ == "nummod"}
    elif not (lemma in _COUNTS and subject.pos_ != "NOUN"):
        return None
    return next((_COUNTS[w] for w in (*words, lemma) if w in _COUNTS), 0)


def _bare_president(head: Token) -> bool:
    """ "the President" with a capital and no name or country: an official document's
    way of naming its own president."""
    if head.text != "President" or head.tag_ not in ("NNP", "NN"):
        return False
    children = list(head.children)
    if any(c.dep_ in ("compound", "appos", "poss") or c.lower_ == "of" for c in children):
        return False
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if following is not None and following.pos_ == "PROPN":
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children)
