"""Documents that speak: "the statement said", "a report by the agency found".

A document noun as a cue's subject stands for whoever issued the document.
:class:`DocumentIssuers` finds the token that names the issuer from the parse: the
document's possessor or "from"/"by"/"of" phrase, the subject of the verb that took it as
object, or, for a definite "the statement", the subject of an earlier verb that issued
one of its kind. Naming that token, and the fallbacks when no token is found (an
official document's author, a transcript's statement issuers), stay with
:class:`.speakers.SpeakerFinder`, which knows the document's own voices.

It is split from :mod:`.speakers` because it finds tokens only and never names them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cached_property

from spacy.attrs import LOWER
from spacy.tokens import Token

from .columns import TokenColumns

# Documents that "say" things for whoever issued them.
_DOCUMENT_NOUNS = frozenset(
    {"statement", "release", "communique", "communiqué", "report", "letter", "memo",
     "readout", "notice", "announcement", "declaration", "filing", "post", "tweet",
     "resolution", "proclamation", "memorandum", "decree", "document"}
)  # fmt: skip
# The singular and plural forms of the document nouns, by their lemma.
_DOCUMENT_FORMS = {f: n for n in _DOCUMENT_NOUNS for f in (n, n + "s")}
_DEFINITE = ("the", "this", "that")


def is_document(token: Token) -> bool:
    """Whether ``token`` is a document noun ("statement", "reports")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in _DOCUMENT_NOUNS


def is_definite(document: Token) -> bool:
    """Whether a document is a definite one ("the statement", "this report")."""
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in document.children)


class DocumentIssuers:
    """Who issued the documents of one parsed article, as tokens.

    Args:
        columns: the article's token columns.
        paragraph: the paragraph number of each token.
        quoted: indices of tokens inside quotation marks; an issuing verb there is not
            the article's.
        subject_of: the subject of a verb (:meth:`.speakers.SpeakerFinder.subject_of`).
    """

    def __init__(
        self,
        columns: TokenColumns,
        paragraph: Sequence[int],
        quoted: Collection[int],
        subject_of: Callable[[Token], Token | None],
    ) -> None:
        self.columns = columns
        self.paragraph = paragraph
        self.quoted = quoted
        self.subject_of = subject_of

    def issuer(self, document: Token) -> Token | None:
        """The token naming who issued a document that speaks (:func:`is_document`).

        Its possessor or "from"/"by"/"of" phrase ("the ministry's statement", "a report
        by the agency"), or the subject of the verb that took it as object ("the Council
        issued a resolution condemning …"); else, for a definite document, the subject
        of the latest earlier verb that issued one ("Varden released a statement … The
        statement said"). None when the parse names no issuer.
        """
        for child in document.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for grand in child.children:
                    if grand.dep_ == "pobj" and grand.pos_ in ("PROPN", "NOUN"):
                        return grand
        if document.dep_ == "dobj" and document.head.pos_ == "VERB":
            # "the Council issued a resolution condemning …": whoever issued it.
            subject = self.subject_of(document.head)
            if subject is not None and subject.i != document.i:
                return subject
        if not is_definite(document):
            return None
        return self._issued_before(document)

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
            verb = self.columns.doc[node]
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
