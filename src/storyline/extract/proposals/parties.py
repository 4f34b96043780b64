"""Who a clause speaks for: parties, reporters and pronouns, for positions and proposals.

A stance or a proposal belongs to a *party*: a named person with a role or a recurring
presence in the article, or an organization, country or group. The entities extractor has
already tied every name (and many descriptors) to an article-level canonical name; this
module maps a token to that name, follows pronouns, and finds the *reporter* of a clause —
the subject of the verb of saying that governs it ("Mandrik said Qaremia would ..."), or
the speaker of the quote around it — because a party's officials speak for it.

An official statement's title names its speakers (:mod:`.authors`): "I" and "we" outside
a quote are its authors, the statement's own sentences are their *voice*, and "both
leaders" or "the two sides" of a readout are its participants or their states, each a
holder of its own. A person the title names in full and the text by surname alone takes
the title's full name. "They" is the list of parties just named in its sentence, or a
plural subject of the sentence before, else in a readout its participants.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ...models import Mention, Quote
from ..common.authors import Authors, TitleName, fuller_names, read_authors, title_words
from ..common.mentions import MentionIndex
from ..common.syntax import (
    NOMINAL_SUBJECTS,
    ROOT,
    SUBJECTS,
    clause_verb,
    climb,
    controlling_subject,
)
from .columns import DocWords, within
from .lexicon import read_words

PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Tags of a finite verb, which has a subject of its own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
THIRD_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
# Plural nouns that, with no name of their own ("the two leaders", "both parties", not "G7
# leaders"), mean the participants of a readout; and those that mean their states.
PARTICIPANT_NOUNS = frozenset({"leader", "participant", "party", "counterpart", "principal"})
SIDE_NOUNS = frozenset({"side", "country", "government", "nation"})
# Prepositions that name whose leaders or sides are meant ("leaders of the region"), as
# against a time the parser hung on the noun ("the two sides across a long night").
GROUP_PREPS = frozenset({"of", "from", "in", "at", "among"})
# Nouns whose "that" clause is something stated: "reiterated his view that …".
STATEMENT_NOUNS = frozenset({"view", "position", "belief", "message", "assessment",
                             "conviction", "stance", "expectation", "hope"})  # fmt: skip
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
BODY_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs", "itself"})
# Heads of a noun phrase that stand for the party named in their modifier: "the Qaremian
# government", "Qaremian forces", "the Alliance's delegation".
INSTITUTION_NOUNS = frozenset(
    {"government", "administration", "officials", "official", "forces", "troops", "army",
     "military", "cabinet", "delegation", "team", "negotiators", "leadership", "side",
     "authorities", "ministry", "office", "leaders", "spokesman", "spokeswoman",
     "spokesperson", "envoy", "diplomats", "country", "state", "movement", "group",
     "participants", "representatives", "counterparts", "policy"}
)  # fmt: skip
# A person named fewer times than this, with no role or affiliation, is a bystander (an
# interviewed civilian), not a party; calibrated on the seeds, where interviewed residents
# are named once and the principals at least three times.
MIN_PERSON_MENTIONS = 3


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it, however the parser chained them:
    "the Kalvar Council, the Quartet, and states across the region"."""
    found = [token]
    for word in found:
        found.extend(c for c in word.children if c.dep_ == "conj")
    return found


def is_first_person(token: Token) -> bool:
    """ "I", "we", "our" — not the country "US", which lower-cases to "us"."""
    return token.lower_ in FIRST_PERSON and not (token.text.isupper() and len(token.text) > 1)


@dataclass(frozen=True)
class Party:
    """A canonical name with the facts that decide whether it speaks for a side."""

    name: str
    type: str
    affiliation: str | None = None


@cache
def reporting_verbs() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Single-word reporting lemmas, and two-word ones as (verb, complement) pairs."""
    single: set[str] = set()
    double: set[tuple[str, str]] = set()
    for entry in read_words("position_reporting.txt"):
        words = entry.split()
        if len(words) == 1:
            single.add(words[0])
        elif len(words) == 2:
            double.add((words[0], words[1]))
    return frozenset(single), frozenset(double)


def is_reporting(token: Token) -> bool:
    """``token`` is a verb of saying ("said", "made clear", "told reporters")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    single, double = reporting_verbs()
    lemma = token.lemma_.lower()
    if lemma in single:
        return True
    return any((lemma, child.lower_) in double for child in token.children)


class Parties:
    """Canonical names for the tokens of one article, with its quotes for reporters and
    its title for the speakers of an official statement."""

    def __init__(
        self,
        doc: Doc,
        mentions: Iterable[Mention],
        quotes: Iterable[Quote],
        title: str | None = None,
    ) -> None:
        self.doc = doc
        self.index = MentionIndex(mentions)
        self.counts = Counter(m.name for m in self.index.mentions)
        self.info: dict[str, Party] = {}
        roles: set[str] = set()
        for m in self.index.mentions:
            known = self.info.get(m.name)
            affiliation = m.affiliation or (known.affiliation if known else None)
            self.info[m.name] = Party(m.name, m.type, affiliation)
            if m.role:
                roles.add(m.name)
        self.with_role = frozenset(roles)
        self.quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
        self._parties: dict[int, Party | None] = {}
        self._reporting: dict[int, Token | None] = {}
        titled = [TitleName(p.name, p.type, p.affiliation) for p in self.info.values()]
        self.title: Authors = read_authors(title, titled)
        for short, full in fuller_names(self.title, titled).items():
            # every mention of "Varga" speaks for the "Tom Varga" the title names
            known = self.info[short]
            self.info[short] = self.info[full] = Party(full, known.type, known.affiliation)
            self.counts[full] += self.counts[short]
            if short in self.with_role:
                self.with_role = self.with_role | {full}
        self.authors = tuple(self._party(n) for n in self.title.authors)
        self.participants = tuple(self._party(n) for n in self.title.participants)
        self.sides = tuple(self._party(n) for n in self.title.sides)
        self.speakers = frozenset(self.authors + self.participants + self.sides)

    def _party(self, name: TitleName) -> Party:
        return self.info.get(name.name) or Party(name.name, name.type, name.affiliation)

    def is_party(self, party: Party | None) -> bool:
        """A side of the story: not an anonymous source, not a once-named bystander."""
        if party is None or party.type not in PARTY_TYPES:
            return False
        if party in self.speakers:
            return True
        if party.name.lower().startswith("unnamed") or not _named_party(party.name):
            return False
        if party.type != "PERSON":
            return True
        return (
            party.name in self.with_role
            or party.affiliation is not None
            or self.counts[party.name] >= MIN_PERSON_MENTIONS
        )

    def reporting_subject(self, token: Token) -> Token | None:
        """:func:`reporting_subject` of a token of the doc, found once: a clause's
        reporter is asked for by each of its cues, and more than once for each."""
        if token.i not in self._reporting:
            self._reporting[token.i] = reporting_subject(token)
        return self._reporting[token.i]

    def mention_party(self, token: Token) -> Party | None:
        """The party named by the mention over ``token`` (or, for "the Qaremian government",
        by the name modifying it)."""
        if token.i not in self._parties:
            self._parties[token.i] = self._mention_party(token)
        return self._parties[token.i]

    def _mention_party(self, token: Token) -> Party | None:
        mention = self.index.at(token.idx, token.idx + len(token.text))
        if mention is not None and mention.type in PARTY_TYPES:
            return self._office_holder(mention.name) or self.info.get(
                mention.name, Party(mention.name, mention.type)
            )
        if token.lower_ in INSTITUTION_NOUNS:
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found = self.mention_party(child)
                    if found is not None:
                        return found
                if child.dep_ == "poss" and child.lower_ in PERSON_PRONOUNS:
                    # "his government": the side of the person "his" stands for
                    person = self._antecedent(child)
                    if person is not None and person.affiliation:
                        return self.info.get(person.affiliation, Party(person.affiliation, "GPE"))
                    return person
        return None

    def _office_holder(self, name: str) -> Party | None:
        """The person an office speaks for: "Mandrik's office" is Aurel Mandrik."""
        lower = name.lower().replace("’", "'")
        if not lower.endswith("'s office"):
            return None
        owner = lower[: -len("'s office")].split()
        for party in self.info.values():
            words = party.name.lower().split()
            if party.type == "PERSON" and owner and words[-len(owner) :] == owner:
                return party
        return None

    def quote_at(self, offset: int) -> Quote | None:
        """The narrowest quote whose words contain ``offset``."""
        best: Quote | None = None
        for quote in self.quotes:
            if quote.start > offset:
                break
            if quote.end > offset and (
                best is None or quote.end - quote.start < best.end - best.start
            ):
                best = quote
        return best

    def speaker_party(self, quote: Quote | None) -> Party | None:
        if quote is None or not quote.speaker:
            return None
        known = self.info.get(quote.speaker)
        return known if known is not None else None

    def resolve(self, token: Token, reporter: Party | None = None) -> Party | None:
        """The party ``token`` names: a mention, or a pronoun followed to its referent.

        First-person pronouns are the speaker of the quote around them (or ``reporter``);
        "he"/"she" is the reporter when that is a person, else the last person named;
        "it"/"they" is the reporter when that is a body, else unresolved — a bare "it" too
        often means the deal or the situation.
        """
        lower = token.lower_
        if is_first_person(token):
            quote = self.quote_at(token.idx)
            speaker = self.speaker_party(quote) or reporter
            if speaker is None and self.authors and not _direct(quote):
                return self.authors[0]
            return speaker
        if lower in PERSON_PRONOUNS:
            if reporter is not None and reporter.type == "PERSON":
                return reporter
            quote = self.quote_at(token.idx)
            if quote is not None and quote.kind == "indirect":
                speaker = self.speaker_party(quote)
                if speaker is not None and speaker.type == "PERSON":
                    return speaker
            return self._antecedent(token)
        if lower in BODY_PRONOUNS:
            if reporter is not None and reporter.type != "PERSON":
                return reporter
            return None
        return self.mention_party(token)

    def resolve_all(self, token: Token, reporter: Party | None = None) -> list[Party]:
        """Every party ``token`` names: "we" in a joint statement is each of its authors,
        "both leaders" each participant of a readout, "the two sides" each of their
        states; else the one party :meth:`resolve` finds."""
        if is_first_person(token) and len(self.authors) > 1:
            quote = self.quote_at(token.idx)
            if self.speaker_party(quote) is None and reporter is None and not _direct(quote):
                return list(self.authors)
        group = self._collective(token, reporter)
        if group:
            return group
        party = self.resolve(token, reporter)
        return [party] if party is not None else []

    def _collective(self, token: Token, reporter: Party | None) -> list[Party]:
        lemma = token.lemma_.lower()
        if token.lower_ in THIRD_PLURAL:
            if reporter is not None and reporter.type != "PERSON":
                return []  # a body's "they" in its own words: resolved as the body
            found = self._plural_antecedent(token)
            if found:
                return found
            # "They discussed …" in a readout is its participants
            if reporter is None and self.title.kind == "readout" and len(self.participants) > 1:
                return list(self.participants)
            return []
        if token.tag_ not in ("NNS", "NNPS") or lemma not in PARTICIPANT_NOUNS | SIDE_NOUNS:
            return []
        if any(
            c.dep_ in ("poss", "compound", "amod", "nmod") and c.lower_ not in ("two", "both")
            for c in token.children
        ) or any(c.dep_ == "prep" and c.lower_ in GROUP_PREPS for c in token.children):
            return []  # "G7 leaders", "Tarvenian participants", "leaders of the region"
        group = self.sides if lemma in SIDE_NOUNS else self.participants
        if lemma == "party" and len(self.participants) < 2:
            group = self.sides
        return list(group) if len(group) > 1 else []

    def _plural_antecedent(self, pronoun: Token) -> list[Party]:
        """The parties "they" stands for: the nearest coordination of named parties before
        it in its sentence ("spoke with Amir Oru and President Ilovan, and they expressed
        …"), else a plural subject of the sentence before ("The two sides met for two
        hours. They agreed …")."""
        doc = pronoun.doc
        sent = pronoun.sent
        for tok in reversed(doc[sent.start : pronoun.i]):
            if tok.dep_ == "conj" or not any(c.dep_ == "conj" for c in tok.children):
                continue
            group = conjuncts(tok)
            found = [p for t in group if (p := self.mention_party(t)) is not None]
            if len(found) == len(group) and all(self.is_party(p) for p in found):
                return list(dict.fromkeys(found))
        if sent.start == 0:
            return []
        before = doc[sent.start - 1].sent
        subject = next(
            (t for t in before if t.dep_ in NOMINAL_SUBJECTS and t.head.dep_ == ROOT), None
        )
        if subject is None or subject.lower_ in THIRD_PLURAL:
            return []
        if subject.tag_ in ("NNS", "NNPS"):
            return self._collective(subject, None)
        group = conjuncts(subject)
        if len(group) < 2:
            return []
        found = [p for t in group if (p := self.resolve(t)) is not None]
        return list(dict.fromkeys(found)) if len(found) == len(group) else []

    def voices(self, token: Token) -> list[Party]:
        """Who states the clause of ``token``: its reporters ("Both leaders agreed that …"
        is each leader), else, in an official statement, its authors, unless the clause is
        someone else's quoted words."""
        subject = self.reporting_subject(token)
        if subject is not None and subject.lower_ in THIRD_PLURAL:
            # "They underscored that …": each of the group "they" stands for
            group = self._collective(subject, None)
            if group:
                return group
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS | BODY_PRONOUNS:
            found = [p for s in conjuncts(subject) for p in self.resolve_all(s)]
            if found:
                return list(dict.fromkeys(found))
        reporter = self.reporter(token)
        if reporter is not None:
            return [reporter]
        if not self.title.voices_own_text:
            return []
        quote = self.quote_at(token.idx)
        if quote is not None and (quote.speaker or _direct(quote)):
            return []
        return list(self.authors)

    def _antecedent(self, pronoun: Token) -> Party | None:
        """The person "he"/"she" stands for: a person who is the subject earlier in the
        same sentence ("Mandrik said he would ..."), else the last person named before the
        sentence ("... out of the delta, he said" must not pick a place misread as a name)."""
        doc = pronoun.doc
        first = pronoun.i
        while first > 0 and not doc[first].is_sent_start:
            first -= 1
        for tok in doc[first : pronoun.i]:
            if tok.dep_ in NOMINAL_SUBJECTS:
                party = self.mention_party(tok)
                if party is not None and party.type == "PERSON":
                    return party
        # "Mr. Quell affirmed President Varga's commitment … He emphasized …": the
        # subject of the sentence before outranks a person only mentioned in it
        if first > 0:
            before = doc[first - 1].sent
            for tok in before:
                if tok.dep_ in NOMINAL_SUBJECTS and tok.head.dep_ == ROOT:
                    party = self.mention_party(tok)
                    if party is not None and party.type == "PERSON":
                        return party
        mention = self.index.before(doc[first].idx, ("PERSON",))
        return self.info.get(mention.name) if mention is not None else None

    def reporter(self, token: Token) -> Party | None:
        """Who states the clause of ``token``: the subject of the verb of saying above it,
        else the speaker of the quote that contains it."""
        subject = self.reporting_subject(token)
        if subject is not None and subject.lower_ in PERSON_PRONOUNS | BODY_PRONOUNS:
            # "…,” he said, adding that …": the quotes extractor has already told who "he"
            # is for the quotes of this sentence
            speaker = self._sentence_speaker(token)
            if speaker is not None:
                return speaker
        if subject is not None:
            party = self.resolve(subject, None)
            if party is not None:
                return party
        return self.speaker_party(self.quote_at(token.idx))

    def _sentence_speaker(self, token: Token) -> Party | None:
        """The speaker of the quote around ``token``, else of a quote in its sentence."""
        speaker = self.speaker_party(self.quote_at(token.idx))
        if speaker is not None:
            return speaker
        sent = token.sent
        for quote in self.quotes:
            if sent.start_char <= quote.start < sent.end_char:
                speaker = self.speaker_party(quote)
                if speaker is not None:
                    return speaker
        return None


def _named_party(name: str) -> bool:
    """A name, not a bare descriptor: "leaders", "his negotiators" and a title alone
    ("President") name no one in particular; "American officials" names a side."""
    words = name.replace("’", "'").split()
    if not any(w[:1].isupper() for w in words):
        return False
    titles = title_words()
    return not all(w.lower().rstrip(".") in titles for w in words)


def _direct(quote: Quote | None) -> bool:
    """Quoted words in quotation marks (someone else's, in a statement)."""
    return quote is not None and quote.kind != "indirect"


def reporting_subject(token: Token) -> Token | None:
    """The subject of the verb of saying that governs the clause of ``token``, if any.

    "X, he said" and "X, Osk said, and ...": a verb of saying hanging off the clause as
    parataxis reports that clause only, not later conjuncts. "Osk said that ... and
    that ...": conjoined complements share the verb. "made clear that ...": the clause is
    the complement of an adjective under the verb.
    """
    head = clause_verb(token, skip_aux=True)
    for child in head.children:
        if child.dep_ == "parataxis" and is_reporting(child):
            return controlling_subject(child)
    # Up through conjuncts and reported clauses, one arc a step.
    for current in climb(head, 7, with_self=True):
        if current.dep_ == "conj" and current.head.i != current.i:
            continue
        if current.dep_ == "acl" and current.head.lemma_.lower() in STATEMENT_NOUNS:
            # "reiterated his view that an operation should not proceed without …": the
            # content of a view is stated by whoever voices the view
            noun = current.head
            if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
                return controlling_subject(noun.head)
            return None
        if current.dep_ not in ("ccomp", "xcomp", "advcl") or current.head.i == current.i:
            return None
        governor = current.head
        if is_reporting(governor):
            # "condemned the Front, noting that …": a participle says it for the main subject
            return controlling_subject(governor)
        # "made clear that ...", and a parser slip: "said later that ..." with the clause
        # hung on the adverb
        if governor.pos_ in ("ADJ", "ADV") and is_reporting(governor.head):
            return controlling_subject(governor.head)
        if current.dep_ != "ccomp" or governor.pos_ not in ("VERB", "AUX"):
            return None
    return None


def lost_subject(verb: Token) -> Token | None:
    """The subject the parser hung elsewhere when it left a finite main verb without one:
    in "Earlier today in Kalvar, Qaremia with support from Norvale, presented a bridging
    proposal" it made "Qaremia" an apposition of "Kalvar". The last apposition before the
    verb, on a noun inside a phrase that opens the sentence, is the subject."""
    if verb.tag_ not in FINITE_TAGS or verb.dep_ not in (ROOT, "conj"):
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children) or verb.dep_ == "conj":
        return None
    candidates = [
        t
        for t in verb.doc[verb.sent.start : verb.i]
        if t.dep_ == "appos" and t.pos_ in ("PROPN", "NOUN") and t.head.dep_ == "pobj"
    ]
    return candidates[-1] if candidates else None


def marked_clause_tokens(
    sent: Span, marks: frozenset[str], words: DocWords | None = None
) -> set[int]:
    """Token indices of the adverbial clauses ``sent`` opens with one of ``marks`` ("if").

    ``words``, the columns of the sentence's doc, name the marked clauses of the whole
    doc at once: most sentences have none.
    """
    skip: set[int] = set()
    if words is not None:
        doc = sent.doc
        for i in within(_marked_clauses(words, marks), sent.start, sent.end):
            skip.update(t.i for t in doc[i].subtree)
        return skip
    for tok in sent:
        if tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in marks for c in tok.children
        ):
            skip.update(t.i for t in tok.subtree)
    return skip


def _marked_clauses(words: DocWords, marks: frozenset[str]) -> list[int]:
    """The ``advcl`` tokens of a doc with a ``mark`` child among ``marks``, in order:
    found from the marks, which are few, up to their heads."""

    def make() -> list[int]:
        doc = words.doc
        found: set[int] = set()
        for i in words.with_lower(marks):
            mark = doc[i]
            head = mark.head
            if (
                mark.dep_ == "mark"
                and mark.lower_ in marks
                and head.i != i
                and head.dep_ == "advcl"
            ):
                found.add(head.i)
        return sorted(found)

    return words.memo(("marked clauses", marks), make)
