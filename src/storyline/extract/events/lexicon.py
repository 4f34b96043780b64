"""The PLOVER trigger lexicons and the small word classes the event frames read.

Triggers live in two data files under ``storyline/lexicons/``: ``plover_verbs.txt`` and
``plover_nouns.txt`` (their headers give the line format). Both are loaded once per process
into dictionaries keyed by lemma, so finding a trigger is one lookup per token and a
check of a few conditions on its children.

Their lines are words separated by spaces, ``|`` separating alternatives inside a word
(``+talk|deal``), so they are read as whole lines (:func:`~storyline.lexicons.lexicon_lines`)
rather than as ``|`` fields; a bad line is a :class:`~storyline.errors.LexiconError` naming
``lexicons/<file>:<line>`` all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import LexiconError
from ...lexicons import lexicon_lines
from ...models import EVENT_TYPES
from .wordnet import WordClasses, load_wordnet

IGNORE = "IGNORE"
# A WordNet synset name, as the lexicons write a word class: ``weapon.n.01``.
SYNSET = re.compile(r"[a-z][a-z_'-]*\.[nv]\.\d\d")

# PLOVER's split (codebook, "cooperative" vs "conflictual" categories): a promise of a
# cooperative act is an AGREE, a promise of a conflictual one a THREATEN.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
# Speech acts: they frame the event in their complement ("demanded the withdrawal", "accused
# X of shelling") and that inner event is not coded on its own.
FRAMING_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"})

# Verbs whose complement is the act promised: "agreed to withdraw", "vowed to fight".
COMMIT_VERBS = frozenset(
    {"agree", "promise", "pledge", "vow", "swear", "offer", "commit", "undertake", "consent"}
)
# Verbs and adjectives that say the subject intends the act in their complement; they are
# events only through it ("plans to impose", "is ready to host", "prepared to lift").
INTENT_WORDS = frozenset(
    {"plan", "ready", "willing", "prepared", "eager", "determined", "decide", "resolve",
     "intent", "poised"}
)  # fmt: skip
# Verbs that put their complement ahead without a promise by the subject: the inner event
# keeps its type and is ``planned`` ("intends to meet on Thursday", "is expected to vote").
EXPECT_WORDS = frozenset(
    {"intend", "expect", "schedule", "due", "set", "likely", "slate", "hope", "aim", "want",
     "seek", "try", "attempt", "wish", "scheduled", "expected", "slated", "bound", "going"}
)  # fmt: skip
# Verbs that frame a military act as readying for it (PLOVER MOBILIZE, "prepared to
# resume shelling"): the verb, not the adjective "prepared", which is intent.
PREPARE_VERBS = frozenset({"prepare", "gear", "poise", "brace"})
# Verbs of saying: with a "must"/"should" complement they make a REQUEST by the speaker.
REPORT_VERBS = frozenset(
    {"say", "tell", "declare", "announce", "state", "insist", "stress", "add", "reiterate",
     "repeat", "conclude", "argue", "contend", "emphasize", "emphasise", "underscore",
     "note", "confirm", "maintain", "write", "claim", "assert", "affirm", "reaffirm",
     "make", "demand", "warn"}
)  # fmt: skip
OBLIGATION_WORDS = frozenset({"must", "should", "ought", "need", "have", "has", "had"})
# Verbs that take an event noun as object and lend the noun's type to the clause: "held
# talks", "staged a protest", "launched an offensive", "completed their withdrawal".
LIGHT_VERBS = frozenset(
    {"hold", "stage", "launch", "carry", "conduct", "mount", "make", "take", "give", "issue",
     "lodge", "file", "reach", "sign", "begin", "start", "resume", "continue", "join",
     "attend", "host", "chair", "convene", "express", "voice", "reaffirm", "reiterate",
     "repeat", "renew", "announce", "declare", "impose", "order", "accept", "seal", "open",
     "complete", "finish", "unleash", "initiate", "wage", "step", "intensify", "escalate",
     "expand", "extend", "press", "pursue", "undertake", "have", "enter", "participate",
     "lead", "organize", "organise", "plan", "call", "go", "put", "receive", "deliver",
     "send", "submit", "present", "offer", "end"}
)  # fmt: skip
# Nouns that only count what the event noun after "of" names: "a barrage of rockets",
# "ten days of war games", "a series of raids", "a round of talks".
QUANTITY_NOUNS = frozenset(
    {"day", "week", "month", "hour", "series", "wave", "round", "number", "string", "spate",
     "barrage", "deluge", "night", "kind", "part", "form", "set"}
)  # fmt: skip
# Subject heads that name no actor ("the deal would allow", "the plan says").
NON_ACTOR_NOUNS = frozenset(
    {"deal", "plan", "proposal", "agreement", "framework", "accord", "text", "draft",
     "report", "statement", "document", "letter", "resolution", "law", "bill", "measure",
     "move", "decision", "step", "offer", "response", "it", "this", "that", "which", "what",
     "who", "there", "one", "side", "both", "all", "each", "phase", "stage", "round",
     "effort", "efforts", "process", "talk", "situation", "incident"}
)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """One lexicon line: a lemma that signals ``type`` when its conditions hold."""

    type: str
    mode: str | None
    lemma: str
    particles: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    preps: tuple[tuple[str, frozenset[str]], ...] = ()
    subjects: frozenset[str] = frozenset()
    modifiers: tuple[str, ...] = ()
    # WordNet noun classes (``weapon.n.01``: any kind of weapon) for the object and the
    # subject, beside the plain lemmas: a class says what a list can only sample.
    object_classes: frozenset[str] = frozenset()
    subject_classes: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """How many conditions the line sets; the most specific line is tried first."""
        return (
            len(self.particles)
            + bool(self.objects or self.object_classes)
            + len(self.preps)
            + bool(self.subjects or self.subject_classes)
            + len(self.modifiers)
        )


@dataclass(frozen=True)
class Lexicon:
    """Verb and noun triggers by lemma, most specific line first."""

    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]


def parse_trigger(line: str, *, noun: bool, where: str | None = None) -> Trigger:
    """One lexicon line as a :class:`Trigger`.

    Args:
        line: the line, comment removed.
        noun: a line of the noun lexicon (modifiers before the head) or of the verb one.
        where: ``lexicons/<file>:<line>``, for the error.

    Raises:
        LexiconError: an unknown type or a line without a lemma.
    """
    label, *words = line.split()
    kind, _, mode = label.partition("/")
    if kind != IGNORE and kind not in EVENT_TYPES:
        raise LexiconError(f"unknown PLOVER type {kind!r} in {line!r}", source=where)
    plain: list[str] = []
    objects: set[str] = set()
    preps: list[tuple[str, frozenset[str]]] = []
    subjects: set[str] = set()
    for word in words:
        if word.startswith("+"):
            objects.update(word[1:].split("|"))
        elif word.startswith("@"):
            subjects.update(word[1:].split("|"))
        elif ">" in word:
            prep, _, nouns = word.partition(">")
            preps.append((prep, frozenset(n for n in nouns.split("|") if n)))
        else:
            plain.append(word.lower())
    if not plain:
        raise LexiconError(f"no lemma in {line!r}", source=where)
    # A synset name (``weapon.n.01``) in a +list or @list is a WordNet class.
    object_classes = {o for o in objects if SYNSET.fullmatch(o)}
    subject_classes = {o for o in subjects if SYNSET.fullmatch(o)}
    # Two-word object entries ("martial law") are written with a space inside the +list.
    objects = {o.replace("_", " ") for o in objects - object_classes}
    if noun:
        return Trigger(
            kind, mode or None, plain[-1], preps=tuple(preps), modifiers=tuple(plain[:-1])
        )
    return Trigger(
        kind,
        mode or None,
        plain[0],
        particles=tuple(plain[1:]),
        objects=frozenset(objects),
        preps=tuple(preps),
        subjects=frozenset(subjects - subject_classes),
        object_classes=frozenset(object_classes),
        subject_classes=frozenset(subject_classes),
    )


def _index(name: str, *, noun: bool) -> dict[str, tuple[Trigger, ...]]:
    table: dict[str, list[Trigger]] = {}
    for number, line in lexicon_lines(name):
        # "+martial law" is one object of two words: glue it before splitting on spaces.
        trigger = parse_trigger(_glue_objects(line), noun=noun, where=f"lexicons/{name}:{number}")
        table.setdefault(trigger.lemma, []).append(trigger)
    # Stable sort: among equally specific lines the file order decides.
    return {
        lemma: tuple(sorted(entries, key=lambda t: -t.specificity))
        for lemma, entries in table.items()
    }


def _glue_objects(line: str) -> str:
    """Join ``+a|martial law|b`` into one word (``martial_law``) so the line splits cleanly."""
    words = line.split()
    out: list[str] = []
    in_objects = False
    for word in words:
        starts = word.startswith(("+", "@")) or ">" in word
        if in_objects and not starts:
            out[-1] += "_" + word
            continue
        in_objects = word.startswith("+")
        out.append(word)
    return " ".join(out)


@cache
def load_verb_classes() -> WordClasses:
    """PLOVER types of WordNet verb classes (``plover_classes.txt``), read once per process.

    Raises:
        LexiconError: an unknown type, or a synset that is not in WordNet.
    """
    classes: dict[str, list[str]] = {}
    for number, line in lexicon_lines("plover_classes.txt"):
        label, *names = line.split()
        kind = label.partition("/")[0]
        where = f"lexicons/plover_classes.txt:{number}"
        if kind not in EVENT_TYPES:
            raise LexiconError(f"unknown PLOVER type {kind!r} in {line!r}", source=where)
        bad = [n for n in names if not SYNSET.fullmatch(n)]
        if bad or not names:
            raise LexiconError(f"not synset names: {bad or line!r}", source=where)
        classes.setdefault(label, []).extend(names)
    return WordClasses(load_wordnet(), classes, "v")


@cache
def load_lexicon() -> Lexicon:
    """The trigger lexicons, read once per process."""
    return Lexicon(
        verbs=_index("plover_verbs.txt", noun=False),
        nouns=_index("plover_nouns.txt", noun=True),
    )
