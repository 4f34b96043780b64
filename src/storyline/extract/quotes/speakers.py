"""Who said it: the cue verb over a quote, its subject, and the subject's canonical name.

The subject of a cue becomes a name in one of two ways. When the ``entities`` extractor
produced mentions for the article, the mention at the subject's head token gives the
canonical name (descriptors included: "the top diplomat" → the person the article ties
it to). Otherwise a fallback works from the parse alone
(:meth:`SpeakerFinder.fallback_speaker`): a name is completed to the fullest form the
article gives it ("Smith" → "Jane Smith"), a definite descriptor goes to the person an
apposition or a title tied it to earlier ("the minister" after "Foreign Minister Jane
Smith"), and an anonymous singular source keeps its words ("unnamed Ruritanian
official"). Pronouns go to the most recent main-clause subject of a compatible kind.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import DEP, IDX, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from ...matching.lexicon import load_lexicon
from ...models import Mention
from ..common.mentions import MentionIndex
from ..common.syntax import (
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    NOUN_MODIFIERS,
    ROOT,
    SUBJECTS,
    climb,
    highest,
)
from .columns import TokenColumns
from .lexicon import anonymous_heads, cue_verbs, is_verb_in, role_titles, titles
from .transcript import Section
from .voices import VoiceReader, Voices, joined

PERSON, GROUP, OTHER = "person", "group", "other"
# Dependencies along which a subject-less cue ("..., calling it “x”", "urged them to
# “x”") borrows the subject of the verb it hangs from.
_BORROW = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "ccomp", "dep"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PRONOUN_KIND = {"he": PERSON, "she": PERSON, "him": PERSON, "her": PERSON,
                 "they": GROUP, "it": GROUP, "them": GROUP}  # fmt: skip
# Singular heads that stand for an anonymous source ("unnamed Ardanian official").
_ANONYMOUS = anonymous_heads()
_PERSON_NOUNS = _ANONYMOUS | frozenset(
    {"man", "woman", "minister", "president", "secretary", "leader", "chief", "mayor",
     "governor", "senator", "ambassador", "envoy", "commander", "general", "resident",
     "mother", "father", "witness", "doctor", "director", "king", "queen", "prince",
     "candidate", "nominee", "chairman", "premier", "chancellor", "head", "expert",
     "activist", "journalist", "reporter", "lawyer", "attorney", "prosecutor", "judge"}
)  # fmt: skip
_GROUP_NOUNS = frozenset(
    {"office", "ministry", "government", "group", "campaign", "committee", "agency",
     "department", "administration", "military", "army", "police", "council", "movement",
     "party", "authority", "authorities", "organization", "organisation", "union",
     "court", "embassy", "cabinet", "team", "mission", "company", "firm",
     "coalition", "alliance", "force", "forces", "house", "palace", "kremlin", "service"}
)  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another"})
# Documents that "say" things for whoever issued them.
_DOCUMENT_NOUNS = frozenset(
    {"statement", "release", "communique", "communiqué", "report", "letter", "memo",
     "readout", "notice", "announcement", "declaration", "filing", "post", "tweet",
     "resolution", "proclamation", "memorandum", "decree", "document"}
)  # fmt: skip
# The singular and plural forms of the document nouns, by their lemma.
_DOCUMENT_FORMS = {f: n for n in _DOCUMENT_NOUNS for f in (n, n + "s")}
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
# Plural heads that stand for the meeting's participants in a readout: "both leaders",
# "the two leaders", "the three heads of state".
_PARTICIPANT_HEADS = frozenset({"leader", "president", "minister", "head", "party", "side"})
_PARTICIPANT_WORDS = frozenset({"both", "two", "three", "four", "all"})
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4}
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_SPACES = re.compile(r"\s+")
_NEWLINE = re.compile(r"\n")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name to store and what it stands for."""

    name: str
    kind: str = PERSON

    @property
    def person(self) -> bool:
        return self.kind == PERSON


@dataclass(frozen=True)
class _Tie:
    index: int
    title: str
    speaker: Speaker


class SpeakerFinder:
    """Cue verbs, subjects and names over one parsed article.

    Sentences, entities and paragraphs are indexed once per article: spaCy rebuilds
    ``doc.ents``, ``token.sent`` and ``doc.text`` on every access, which made them the
    bulk of the extractor's time.

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
        self._names: list[tuple[tuple[str, ...], Span]] | None = None
        self._ties: list[_Tie] | None = None
        self._ent_ties: dict[int, list[_Tie]] = {}
        # Pronouns read the subjects before them, nearest first, and most stop at the first
        # of a kind: a subject is vetted and named when a pronoun first reaches it (see
        # :meth:`salient`).
        self._salient_at: dict[int, bool] = {}
        self._subject_at: dict[int, Token | None] = {}
        self._speaker_at: dict[int, Speaker | None] = {}
        self._speakers: dict[int, Speaker | None] = {}
        self._reach: int | None = None

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """The entities of the doc, made once: most articles' speakers are named through
        the mentions and never read them."""
        return tuple(self.doc.ents)

    @cached_property
    def _ent_at(self) -> list[int]:
        ent_at = [-1] * len(self.doc)
        for number, ent in enumerate(self.ents):
            ent_at[ent.start : ent.end] = [number] * len(ent)
        return ent_at

    @cached_property
    def _labels(self) -> dict[str, str]:
        return _label_votes(self.ents)

    @cached_property
    def _persons(self) -> list[Span]:
        return [_strip_titles(e) for e in self.ents if e.label_ == "PERSON"]

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
        if subject.pos_ == "NOUN" and subject.lemma_.lower() in _DOCUMENT_NOUNS:
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

        Its possessor or "from"/"by" phrase, or the subject of the verb that took it as
        object ("the Council issued a resolution condemning …"); else, for "the
        statement", whoever the article said issued one ("Varden released a statement …
        The statement said");
        else, in an official document, its author ("the enclosed notice states"), and in
        a transcript about a statement, that statement's issuers. None
        when the document is no one's the text names: PolNeAR-style annotation then keeps
        the document's own words as the source.
        """
        issuer = _issuer(document)
        if issuer is not None:
            return self.speaker_of(issuer)
        if document.dep_ == "dobj" and document.head.pos_ == "VERB":
            # "the Council issued a resolution condemning …": whoever issued it.
            subject = self.subject_of(document.head)
            if subject is not None and subject.i != document.i:
                return self.speaker_of(subject)
        definite = ("the", "this", "that")
        if not any(c.dep_ == "det" and c.lower_ in definite for c in document.children):
            return None
        antecedent = self._issued_before(document)
        if antecedent is not None:
            return self.speaker_of(antecedent)
        if section is None and self.voices.author:
            return Speaker(self.voices.author, PERSON)
        # A transcript about a statement: "the statement" is that one.
        issuers = self.voices.issuers if document.lemma_.lower() == "statement" else None
        return Speaker(issuers, GROUP) if issuers else None

    def _issued_before(self, document: Token) -> Token | None:
        """The subject of the latest earlier verb that took a document of this kind as
        its object, in the paragraph or the two before: "Varden released ⟦a statement⟧"."""
        lemma = document.lemma_.lower()
        here = self.paragraph[document.i]
        head, dep = self.columns.head, self.columns.dep
        for i in reversed(self._document_objects.get(lemma, [])):
            if i >= document.i or i in self.quoted or dep[i] not in ("dobj", "pobj"):
                continue
            if here - self.paragraph[i] > 2:
                break
            # "Varden released a statement", "Varden said in a statement".
            node = head[head[i]] if dep[i] == "pobj" else head[i]
            verb = self.doc[node]
            subject = self.subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            if subject is not None and subject.i != document.i:
                return subject
        return None

    @cached_property
    def _document_objects(self) -> dict[str, list[int]]:
        """The indices of the document nouns of the doc, by lemma, in text order."""
        found: dict[str, list[int]] = {}
        lower = self.columns.lower
        for i in self.columns.where(LOWER, tuple(_DOCUMENT_FORMS)):
            found.setdefault(_DOCUMENT_FORMS[lower[i]], []).append(i)
        return found

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
                return Speaker(self._reader.person_named(self._name_span(child).text), PERSON)
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
        if head.pos_ == "PROPN":
            return self._named(head)
        return self._descriptor(head)

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
            if want == PERSON and speaker.kind == PERSON:
                if gender is not None and _gender_of(speaker.name) not in (None, gender):
                    continue  # "she" after "Tomas Ebbe": the given name disagrees
                return speaker
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

    def _named(self, head: Token) -> Speaker:
        """A proper-name subject: a person's full name, or an organization's words."""
        span = self._name_span(head)
        label = self._labels.get(head.lower_) or head.ent_type_
        given = len(span) > 1 and load_lexicon().is_given_name(span[0].text)
        # A lone surname the model typed as a place or group ("Varden" after "Ilse
        # Varden") is the person's, whatever its label.
        surname = len(span) == 1 and any(
            len(names) > 1 and names[-1] == head.lower_ for names, _ in self._person_names()
        )
        if label in ("", "PERSON") or ((given or surname) and label in ("ORG", "GPE", "NORP")):
            return Speaker(self._full_name(_strip_titles(span)), PERSON)
        return Speaker(_strip_determiner(span.text), GROUP if label != "DATE" else OTHER)

    def _name_span(self, head: Token) -> Span:
        doc = self.doc
        if self._ent_at[head.i] >= 0:
            ent = self.ents[self._ent_at[head.i]]
            if not any(t.pos_ in ("VERB", "AUX") for t in ent):  # not a misparsed run-on
                return ent
        left = head.i
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].head.i == head.i:
            left -= 1
        return doc[left : head.i + 1]

    def _full_name(self, name: Span) -> str:
        """The fullest form of a person's name in the article that ends with ``name``.

        The most frequent longer form wins ("Jane Smith" over a one-off "Crooked Jane
        Smith"); when two different people share the surname and neither is at least
        twice as frequent ("Bill Smith", "Jane Smith"), the name stays as written.
        """
        key = tuple(w.lower_ for w in name)
        forms: Counter[tuple[str, ...]] = Counter()
        spelled: dict[tuple[str, ...], str] = {}
        for names, person in self._person_names():
            if len(names) > len(key) and names[-len(key) :] == key:
                forms[names] += 1
                spelled.setdefault(names, person.text)
        ranked = sorted(forms, key=lambda f: (forms[f], len(f)), reverse=True)
        if not ranked:
            return name.text
        best = ranked[0]
        rivals = [f for f in ranked[1:] if not _same_person(f, best)]
        if rivals and forms[best] < 2 * forms[rivals[0]]:
            return name.text
        return spelled[best]

    def _person_names(self) -> list[tuple[tuple[str, ...], Span]]:
        if self._names is None:
            self._names = [(tuple(w.lower_ for w in p), p) for p in self._persons]
        return self._names

    def _descriptor(self, head: Token) -> Speaker:
        """A descriptor subject: tied to an earlier named person, or kept as its words."""
        lemma = head.lemma_.lower()
        det = next((c.lower_ for c in head.children if c.dep_ in ("det", "predet")), None)
        if det in ("the", "this", "that"):
            tie = self._tie(head.i, _title_phrase(head))
            if tie is not None:
                return tie
        words = _descriptor_words(head)
        singular = head.tag_ in ("NN", "NNP")
        possessed = any(c.dep_ == "poss" for c in head.children)
        if singular and lemma in _ANONYMOUS and not possessed:
            if det in _INDEFINITE:
                return Speaker("unnamed " + words, PERSON)
            earlier = self._introduced(head) if det == "the" else None
            if earlier is not None:
                return Speaker("unnamed " + _descriptor_words(earlier), PERSON)
        if lemma in _GROUP_NOUNS or (not singular and lemma in _PERSON_NOUNS):
            return Speaker(words, GROUP)
        return Speaker(words, PERSON if singular and lemma in _PERSON_NOUNS else OTHER)

    def _introduced(self, head: Token) -> Token | None:
        """The latest earlier indefinite mention with this head and at least its modifiers.

        "the Ruritanian official" → "a Ruritanian official".
        """
        lemma = head.lemma_
        modifiers = _modifiers(head)
        for token in reversed(self.doc[: head.i]):
            if (
                token.lemma_ == lemma
                and any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in token.children)
                and modifiers <= _modifiers(token)
            ):
                return token
        return None

    def _tie(self, before: int, phrase: str) -> Speaker | None:
        """The person most recently introduced with a title this descriptor stands for."""
        wanted = {phrase} | role_titles().get(phrase, frozenset())
        # The people before ``before``, nearest first: a person's ties are read only when
        # the walk back reaches them.
        people = self._people
        starts = [self.ents[k].start for k in people]
        for k in reversed(people[: bisect.bisect_left(starts, before)]):
            for tie in reversed(self._ties_of(k)):
                if tie.title in wanted or tie.title.endswith(" " + phrase):
                    return tie.speaker
        return None

    def ties(self) -> list[_Tie]:
        """Descriptors the article ties to a named person, by apposition or title.

        "Jane Smith, a local official"; "Foreign Minister Jane Smith".
        """
        if self._ties is None:
            self._ties = [tie for k in self._people for tie in self._ties_of(k)]
        return self._ties

    @cached_property
    def _people(self) -> list[int]:
        """The indices of the PERSON entities in :attr:`ents`."""
        return [k for k, ent in enumerate(self.ents) if ent.label_ == "PERSON"]

    def _ties_of(self, number: int) -> list[_Tie]:
        """The ties of the person entity ``ents[number]``, in :meth:`ties` order, made once."""
        if number in self._ent_ties:
            return self._ent_ties[number]
        ent = self.ents[number]
        doc = self.doc
        titled = [
            _title_phrase(child)
            for child in ent.root.children
            if child.dep_ == "appos" and child.pos_ == "NOUN"
        ]
        title_words = titles() | {"of"}
        i = ent.start
        while i > 0 and doc[i - 1].lower_.rstrip(".") in title_words:
            i -= 1
        words = [t.lower_.rstrip(".") for t in doc[i : ent.start]]
        while words and words[0] == "of":
            words = words[1:]
        if words:
            titled.append(" ".join(words))
        ties: list[_Tie] = []
        if titled:
            speaker = self._named(ent.root)
            ties = [_Tie(ent.start, title, speaker) for title in titled]
        self._ent_ties[number] = ties
        return ties


def _issuer(subject: Token) -> Token | None:
    """Who issued a document that speaks: "the ministry's statement", "a statement from
    the ministry", "a report by the agency" → the ministry, the agency."""
    if subject.lemma_.lower() not in _DOCUMENT_NOUNS or subject.pos_ != "NOUN":
        return None
    for child in subject.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ in ("PROPN", "NOUN"):
                    return grand
    return None


def _gender_of(name: str) -> str | None:
    """The usual gender of a person's first name, when the given-names list has one."""
    first = name.split()[0] if name.split() else ""
    return load_lexicon().given_name_gender(first)


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
    return subject


def _label_votes(ents: Iterable[Span]) -> dict[str, str]:
    """The entity label most often given to each name's last word in this article."""
    votes: dict[str, dict[str, int]] = {}
    for ent in ents:
        # A full name ("Jane Smith") is stronger evidence than a lone surname, which the
        # small model often labels GPE or ORG.
        counts = votes.setdefault(ent[-1].lower_, {})
        label = ent.label_
        counts[label] = counts.get(label, 0) + (3 if ent.end - ent.start > 1 else 1)
    # The first label to reach the highest count, as ``Counter.most_common`` picks it.
    return {word: max(counts, key=counts.__getitem__) for word, counts in votes.items()}


def _strip_titles(span: Span) -> Span:
    """A name without its titles and possessive ("Secretary of State A B's" → "A B")."""
    title_words = titles()
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (
        doc[start].lower_.rstrip(".") in title_words
        or doc[start].lower_ in _DETERMINERS
        or doc[start].lower_ == "of"
        or doc[start].ent_type_ in ("GPE", "NORP")
        or doc[start].is_punct
    ):
        start += 1
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two longer forms of a name can be one person ("Jane Smith", "Jane Q. Smith")."""
    return a[0] == b[0] or a[-len(b) :] == b or b[-len(a) :] == a


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in _DETERMINERS and rest else text


def _modifiers(head: Token) -> frozenset[str]:
    return frozenset(c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound", "nmod"))


def _title_phrase(head: Token) -> str:
    """A descriptor's head with the title words before it: "prime minister", "diplomat"."""
    title_words = titles()
    words = [
        c.lower_
        for c in head.lefts
        if c.dep_ in NOUN_MODIFIERS and c.lower_ in title_words and not c.ent_type_
    ]
    return " ".join([*words, head.lemma_.lower()])


def _descriptor_words(head: Token) -> str:
    """A descriptor's words: its left modifiers and head, and a short "of"/"for" phrase."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ not in ("det", "predet", "punct"):
            left = min(left, child.left_edge.i)
    right = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with"):
            end = child.right_edge.i + 1
            if end - head.i <= 6:
                right = end
        break
    while left < head.i and (doc[left].lower_ in _DETERMINERS or doc[left].pos_ == "VERB"):
        left += 1
    # A misparse can run a descriptor into a clause ("Smith accused Jones of being a"):
    # stop at a verb after the head, and drop dangling words at the end.
    for i in range(head.i + 1, right):
        if doc[i].pos_ in ("VERB", "AUX"):
            right = i
            break
    while right > head.i + 1 and doc[right - 1].pos_ in ("DET", "CCONJ", "ADP", "PUNCT"):
        right -= 1
    return _SPACES.sub(" ", doc[left:right].text).strip()


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


# A caption's or credit's label before a name: "Photo: Ilse Varden".
_LABEL_PREFIX = re.compile(r"^[A-Z][\w ]{0,20}:\s+")
_POSSESSIVE = re.compile(r"['’]s$")


def clean_name(name: str) -> str:
    """A speaker name without what the text put before the person's own name.

    "Photo: Ilse Varden", "unnamed official Tomas Heyl", "Harbour City's mayor Mara
    Quist", "Mayor Mara Quist" → the name. A descriptor with no name after it ("unnamed
    Ardanian official", "Tarn's office") and an organization's name ("Ministry of Foreign
    Affairs": its words after "of" are not a name of their own) stay as they are.
    """
    name = _LABEL_PREFIX.sub("", name).strip() or name
    words = name.split()
    title_words = titles()
    j = len(words)
    while j > 0 and words[j - 1][:1].isupper():
        if words[j - 1].lower().rstrip(".") in title_words:
            break
        j -= 1
    if j == 0 or j == len(words):
        return name
    before = [w.lower() for w in words[:j]]
    if before[-1] in ("of", "for", "the", "and", "de", "al", "bin", "van", "von"):
        return name
    named = words[j:]
    if len(named) < 2 and not load_lexicon().is_given_name(named[0]):
        return name
    if all(
        w == "unnamed" or w.rstrip(".") in title_words or _POSSESSIVE.search(w) or w.islower()
        for w in before
    ):
        return " ".join(named)
    return name
