"""Who the document itself makes speak: its author, its participants, its turns' speakers.

An official statement, a letter or a proclamation speaks in the first person: "I" and
"we" are its author, read from the title ("Statement from President Ilse Varden on …",
:func:`~storyline.extract.common.authors.read_authors`), else from a first-person
apposition ("I, Ilse Varden, President of Tarvenia, …") or a signature line closing the
text. A readout's "both leaders" are the participants its title names. A bare "the
President" in such a document is its own president (the title's, the signer, or the one
the text names with that title most often), not the last president it mentions.

A transcript (:mod:`.transcript`) gives each labelled turn to its speaker: "I" and "we"
inside a turn are that speaker, and a reporter's question ("Q …") is nobody's quote.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ...matching.events import same_name
from ...models import Mention
from ..common.authors import TitleName, read_authors, titled_people
from ..common.mentions import MentionIndex
from .lexicon import anonymous_heads, titles
from .transcript import Section, find_sections, label_surname

# A closing signature: a short last line of capitalized words ("ILSE VARDEN",
# "Tomas Q. Heyl Jr."), the way letters and proclamations are signed.
_SIGNATURE = re.compile(r"^[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,4}[ \t]*$")
SIGNATURE_WORDS = 5
# "I, Ilse Varden, President of …": a first-person apposition names the author.
_FIRST_PERSON_NAME = re.compile(r"\bI,[ \t]+((?:[A-Z][\w.'’-]*[ \t]+){0,4}[A-Z][\w.'’-]*),")
_POSSESSIVE_TAIL = re.compile(r"['’]s?(?:\s.*)?$")
# A title about a statement (a call or briefing "on the Joint Statement from A, B and C").
_ABOUT_STATEMENT = re.compile(r"(?:joint )?statement (?:from|by|of) .+$", re.I)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class Voices:
    """The document's own speakers.

    ``author`` is who "I" and "we" are outside transcript turns; ``issuers`` who issued
    the statement a document is about (a briefing titled after "the Joint Statement
    from A and B"), whom its "the statement" stands for; ``participants`` whom
    "both leaders" are; ``president`` whom a bare "the President" is; ``sections`` the
    labelled turns of a transcript, in text order.
    """

    author: str | None = None
    issuers: str | None = None
    participants: tuple[str, ...] = ()
    president: str | None = None
    sections: tuple[Section, ...] = ()
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts.extend(s.start for s in self.sections)

    def section_at(self, offset: int) -> Section | None:
        """The transcript turn that holds character ``offset``, or None."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0 or offset >= self.sections[k].end:
            return None
        return self.sections[k]


class VoiceReader:
    """Reads a document's :class:`Voices` once, from its title, text and mentions.

    Args:
        text: the article's text.
        title: the article's title, or None.
        mentions: the ``entities`` extractor's mentions (may be empty).
    """

    def __init__(self, text: str, title: str | None, mentions: MentionIndex) -> None:
        self.text = text
        self.title = title
        self.mentions = mentions
        # Every first-person subject of a turn asks for its label's speaker.
        self._labels: dict[str, str] = {}

    @cached_property
    def voices(self) -> Voices:
        known = {m.name: TitleName(m.name, m.type, m.affiliation) for m in self._named}
        parties = tuple(known.values())
        authors = read_authors(self.title, parties)
        author = None
        if authors.voices_own_text:
            author = joined([a.name for a in authors.authors])
        if author is None:
            author = self._written_author()
        # A readout's people, or a joint statement's states ("the three countries").
        participants = tuple(p.name for p in authors.participants)
        issuers = author
        about = _ABOUT_STATEMENT.search(self.title or "")
        if about is not None and about.start() > 0:
            named = read_authors(about.group(0), parties)
            # Its states when it names some: "from the Leaders of A, B, and C" is A, B, C.
            issuers = joined([a.name for a in (named.sides or named.authors)]) or issuers
        return Voices(
            author=author,
            issuers=issuers,
            participants=participants if len(participants) > 1 else (),
            president=self._president(authors.authors, parties, author),
            sections=tuple(find_sections(self.text)),
        )

    @cached_property
    def _named(self) -> list[Mention]:
        return [m for m in self.mentions.mentions if m.name]

    @cached_property
    def people(self) -> list[str]:
        """The canonical names of the people the article names, most mentioned first."""
        counts = Counter(m.name for m in self._named if m.type == "PERSON")
        return [name for name, _ in counts.most_common()]

    def person_named(self, written: str) -> str:
        """The article's canonical name for a name as written ("JOSEPH Q. VARDEN JR." →
        "Joseph Q. Varden"), else the name in title case without a trailing suffix."""
        words = [w for w in written.replace(",", " ").split()]
        while len(words) > 1 and words[-1].lower().rstrip(".") in _SUFFIXES:
            words.pop()
        cased = " ".join(w if not w.isupper() or len(w) <= 2 else w.title() for w in words)
        for name in self.people:
            if same_name(name, cased):
                return name if len(name.split()) >= len(cased.split()) else cased
        return cased

    def label_speaker(self, label: str) -> str:
        """The speaker of a transcript label: "MR. MARLO" → the article's "Ivo Marlo";
        "SENIOR ADMINISTRATION OFFICIAL" → "unnamed senior administration official";
        "THE PRESIDENT" → the document's president."""
        if label not in self._labels:
            self._labels[label] = self._label_speaker(label)
        return self._labels[label]

    def _label_speaker(self, label: str) -> str:
        words = label.lower().replace("’", "'").split()
        if words and words[-1].rstrip(".") in anonymous_heads():
            kept = [w for w in words if w != "the"]
            return "unnamed " + " ".join(kept)
        surname = label_surname(label)
        if all(w.rstrip(".") in titles() | {"the"} for w in words):
            if words[-1].rstrip(".") == "president" and self.voices.president:
                return self.voices.president
            return surname
        if " " in surname:
            return self.person_named(surname)
        key = surname.lower()
        for name in self.people:
            if name.lower().split()[-1] == key:
                return name
        return surname

    def _written_author(self) -> str | None:
        """The author a letter or proclamation names: "I, X, …", else its signature."""
        match = _FIRST_PERSON_NAME.search(self.text)
        if match is not None:
            return self.person_named(match.group(1))
        lines = [line.strip() for line in self.text.rstrip().splitlines() if line.strip()]
        if len(lines) < 2:
            return None
        last = lines[-1]
        if len(last.split()) > SIGNATURE_WORDS or not _SIGNATURE.match(last):
            return None
        # A signature is a name in capitals ("ILSE VARDEN"), or any name after a
        # complimentary close ("Sincerely,"); a news report's last short line is not one.
        if not (last.upper() == last or lines[-2].endswith(",")):
            return None
        return self.person_named(last)

    def _president(
        self, authors: Sequence[TitleName], parties: tuple[TitleName, ...], author: str | None
    ) -> str | None:
        """Whom a bare "the President" stands for.

        The title's own president ("Remarks by President X", "Readout of President X's
        Call"), else the president the title names elsewhere, else the person the text
        calls "President X" at least twice and never "President X of <country>" (a
        visitor is named with the state), else the document's signer.
        """
        title = " ".join((self.title or "").lower().split())
        for name in authors:
            last = name.name.lower().split()[-1] if name.name.split() else ""
            if name.type == "PERSON" and f"president {last}" in title:
                return name.name
        offices = titled_people(self.title, parties)
        if "president" in offices:
            # The title's words after the name are not the name ("X’s Call").
            written = _POSSESSIVE_TAIL.sub("", offices["president"].name)
            if written:
                return self.person_named(written)
        titled: Counter[str] = Counter()
        for m in self._named:
            before = self.text[max(m.start - 10, 0) : m.start]
            if m.type != "PERSON" or not (
                m.text.startswith("President ") or before.endswith("President ")
            ):
                continue
            if self.text.startswith(" of ", m.end):
                titled[m.name] -= 100
            titled[m.name] += 1
        best = max(titled, key=titled.__getitem__, default=None)
        if best is not None and titled[best] >= 2:
            return best
        return author


def joined(names: Sequence[str]) -> str | None:
    """One speaker name for several people speaking together: "A", "A and B", "A, B and
    C"; None for none."""
    unique = list(dict.fromkeys(n for n in names if n))
    if len(unique) <= 1:
        return unique[0] if unique else None
    return ", ".join(unique[:-1]) + " and " + unique[-1]
