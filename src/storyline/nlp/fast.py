"""Output-identical, faster stand-ins for two of the English pipeline's rule components.

Profiling the bare parse of 600-word articles (issue 14) put spaCy's ``attribute_ruler``
at about a tenth of the whole parse and the rule ``lemmatizer`` at a few per cent: the
first runs a ``Matcher`` of some 180 one-token patterns over every token, the second
makes a Python ``Token`` for every token to look up a cache. Both answers depend on a
handful of token values only (tag, lowercase form, dependency label, whether it is space;
form, POS and morphology), and news repeats those combinations constantly, so each
answer is worked out once per combination and the rest are dictionary look-ups over
``Doc.to_array`` columns.

The stand-ins are built from the loaded components themselves (their patterns, their
lemmatizer tables and rules), so they follow whatever pipeline is installed. A pipeline
whose attribute-ruler patterns use anything beyond the forms handled here keeps its own
component. ``tests/nlp/test_fast.py`` compares every token's tag, POS, morphology, lemma
and dependency with the stock pipeline's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

logger = logging.getLogger(__name__)

# The token values the attribute-ruler patterns may test, in the order of a token's key.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
# The attributes the ruler may set that the stand-in writes through Doc.from_array.
_ARRAY_SET = (TAG, POS, MORPH, LEMMA)

Key = tuple[int, int, int, int]
Predicate = Callable[[tuple[str, str, str, bool]], bool]


class UnsupportedPattern(ValueError):
    """An attribute-ruler pattern the stand-in does not evaluate (the stock one is kept)."""


def _predicate(spec: dict[str, Any]) -> Predicate:
    """One pattern token's test over ``(tag, lower, dep, is_space)`` strings, as the
    ``Matcher`` reads it: equality, ``IN``, ``NOT_IN`` and ``REGEX`` (a search)."""
    tests = [_test(_TESTED.index(attr), cond) for attr, cond in spec.items() if _known(attr)]
    return lambda values: all(test(values) for test in tests)


def _known(attr: str) -> bool:
    if attr not in _TESTED:
        raise UnsupportedPattern(attr)
    return True


def _test(at: int, cond: object) -> Predicate:
    if isinstance(cond, (str, bool)):
        return lambda values: values[at] == cond
    if isinstance(cond, dict) and len(cond) == 1:
        ((op, arg),) = cond.items()
        if op == "IN":
            members = frozenset(arg)
            return lambda values: values[at] in members
        if op == "NOT_IN":
            outside = frozenset(arg)
            return lambda values: values[at] not in outside
        if op == "REGEX":
            found = re.compile(arg).search
            return lambda values: found(str(values[at])) is not None
        raise UnsupportedPattern(op)
    raise UnsupportedPattern(repr(cond))


class FastAttributeRuler:
    """The stock ``AttributeRuler``'s annotations, worked out once per token key.

    The stock component collects every match, sorts them by rule (later rules win) and sets
    each rule's attributes on the token its ``index`` names. Matches are found before any
    is applied, so a token's result depends only on its own values and, for the few
    two-token rules, its neighbour's; the rules a key satisfies are cached.
    """

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        # The matcher holds each rule's patterns under the rule's number as a string.
        self.single: list[tuple[int, Predicate]] = []
        self._tag_of: dict[int, str | None] = {}
        self._untagged: list[tuple[int, Predicate]] = []
        self.double: list[tuple[int, Predicate, Predicate, int]] = []
        for rule in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                tests = [_predicate(spec) for spec in pattern]
                index = self.indices[rule]
                if len(tests) == 1 and index in (0, -1):
                    self.single.append((rule, tests[0]))
                    tag = pattern[0].get("TAG")
                    self._tag_of[len(self.single) - 1] = tag if isinstance(tag, str) else None
                elif len(tests) == 2 and -2 <= index < 2:
                    self.double.append((rule, tests[0], tests[1], index % 2))
                else:
                    raise UnsupportedPattern(f"rule {rule}: {len(tests)} tokens, index {index}")
        # Most rules name one tag: a new key is tested only against its tag's rules and
        # the rules that name none (a few instead of ~180; new word forms keep coming).
        self._by_tag: dict[str, list[tuple[int, Predicate]]] = {}
        for n, (rule, test) in enumerate(self.single):
            if self._tag_of[n] is None:
                for rules in self._by_tag.values():
                    rules.append((rule, test))
                self._untagged.append((rule, test))
            else:
                tagged = self._by_tag.setdefault(self._tag_of[n] or "", list(self._untagged))
                tagged.append((rule, test))
        self._rules: dict[Key, tuple[int, ...]] = {}
        self._firsts: dict[Key, tuple[int, ...]] = {}
        self._seconds: dict[Key, frozenset[int]] = {}
        self._learned: dict[Key, tuple[list[int | None], dict[int, int]]] = {}

    def _learn(self, key: Key) -> tuple[list[int | None], dict[int, int]]:
        """What the single-token rules set on a token of ``key``: a value (or ``None``,
        unchanged) per array column, and the other attributes; its two-token openings."""
        strings = self.vocab.strings
        tag, lower, dep, space = key
        values = (
            strings[tag] if tag else "",
            strings[lower],
            strings[dep] if dep else "",
            bool(space),
        )
        candidates = self._by_tag.get(values[0], self._untagged)
        rules = tuple(rule for rule, test in candidates if test(values))
        self._rules[key] = rules
        self._firsts[key] = tuple(
            n for n, (_, first, _, _) in enumerate(self.double) if first(values)
        )
        self._seconds[key] = frozenset(
            n for n, (_, _, second, _) in enumerate(self.double) if second(values)
        )
        return self._merge(rules)

    def _merge(self, rules: Sequence[int]) -> tuple[list[int | None], dict[int, int]]:
        # Later rules overwrite earlier ones, as the stock ruler applies them in order.
        columns: list[int | None] = [None] * len(_ARRAY_SET)
        extra: dict[int, int] = {}
        for rule in rules:
            for attr, value in self.attrs[rule].items():
                if attr in _ARRAY_SET:
                    columns[_ARRAY_SET.index(attr)] = value
                else:
                    extra[attr] = value
        return columns, extra

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tested = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        unique, inverse = numpy.unique(tested, axis=0, return_inverse=True)
        keys: list[Key] = [(a, b, c, d) for a, b, c, d in unique.tolist()]
        merged = [self._learned.get(key) or self._remember(key) for key in keys]
        new = numpy.array([[v or 0 for v in cols] for cols, _ in merged], dtype=numpy.uint64)
        sets = numpy.array([[v is not None for v in cols] for cols, _ in merged], dtype=bool)
        inverse = inverse.reshape(-1)
        table = doc.to_array(list(_ARRAY_SET))
        table = numpy.where(sets[inverse], new[inverse], table)
        extra = {int(i): merged[k][1] for i, k in enumerate(inverse.tolist()) if merged[k][1]}
        if self.double:
            self._two_token_rules(keys, inverse.tolist(), table, extra)
        _write(doc, list(_ARRAY_SET), table)
        for i, attrs in extra.items():
            token = doc[i]
            for attr, value in attrs.items():
                _set_struct(token, attr, value)
        return doc

    def _remember(self, key: Key) -> tuple[list[int | None], dict[int, int]]:
        self._learned[key] = found = self._learn(key)
        return found

    def _two_token_rules(
        self,
        keys: list[Key],
        inverse: list[int],
        table: numpy.ndarray[Any, Any],
        extra: dict[int, dict[int, int]],
    ) -> None:
        """Re-work the tokens a two-token rule reaches (rare: "gon na", "there is")."""
        reached: dict[int, list[int]] = {}
        for i in range(len(inverse) - 1):
            for n in self._firsts[keys[inverse[i]]]:
                if n in self._seconds[keys[inverse[i + 1]]]:
                    rule, _, _, index = self.double[n]
                    reached.setdefault(i + index, []).append(rule)
        for at, rules in reached.items():
            columns, others = self._merge(sorted({*self._rules[keys[inverse[at]]], *rules}))
            for column, value in enumerate(columns):
                if value is not None:
                    table[at, column] = value
            if others:
                extra[at] = others
            else:
                extra.pop(at, None)


def _write(doc: Any, attrs: list[int], table: numpy.ndarray[Any, Any]) -> None:
    # spaCy's stub asks for its own array type; a contiguous uint64 array is what it reads.
    doc.from_array(attrs, numpy.ascontiguousarray(table, dtype=numpy.uint64))


def _set_struct(token: Any, attr: int, value: int) -> None:
    # The stock ruler's own setter (token and, where lexical, lexeme), so rare attributes
    # such as a space token's dependency label are set exactly as it sets them.
    from spacy.tokens._retokenize import set_token_attrs

    set_token_attrs(token, {attr: value})


class FastLemmatizer:
    """The stock rule lemmatizer's lemmas, looked up by (form, POS, morphology) — the key
    of its own cache — over array columns, calling it only for a key not seen yet."""

    def __init__(self, lemmatizer: Any) -> None:
        self.stock = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.stock._validated:
            self.stock._validate_tables()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = table.tolist()
        lemmas = self._lemmas
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.stock.overwrite:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                found = lemmas[key] = int(self.strings.add(self.stock.lemmatize(doc[i])[0]))
            table[i, 3] = found
            changed = True
        if changed:
            _write(doc, [LEMMA], table[:, 3:4])
        return doc


def speed_up(nlp: Language) -> Language:
    """Swap ``nlp``'s attribute ruler and rule lemmatizer for their stand-ins, in place.

    A component that is absent, of another kind (a lookup lemmatizer), or whose patterns
    the stand-in does not read stays as it is. The stand-in takes the stock component's
    name and place, so ``disable``/``select_pipes`` by name work as before.
    """
    for name, factory in (("attribute_ruler", _RULER), ("lemmatizer", _LEMMATIZER)):
        if name not in nlp.pipe_names:
            continue
        try:
            fast = _build(factory, nlp.get_pipe(name))
        except UnsupportedPattern as why:
            logger.info("keeping spaCy's %s: %s", name, why)
            continue
        if fast is None:
            continue
        temporary = f"{name}__fast"
        nlp.add_pipe(factory, name=temporary, after=name, config={"stock": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(temporary, name)
    return nlp


_RULER = "storyline_fast_attribute_ruler"
_LEMMATIZER = "storyline_fast_lemmatizer"


def _build(factory: str, component: Any) -> FastAttributeRuler | FastLemmatizer | None:
    from spacy.pipeline import AttributeRuler, Lemmatizer

    if factory == _RULER:
        return FastAttributeRuler(component) if isinstance(component, AttributeRuler) else None
    if not isinstance(component, Lemmatizer) or component.mode != "rule":
        return None
    return FastLemmatizer(component)


@Language.factory(_RULER, default_config={"stock": "attribute_ruler"})
def _make_ruler(nlp: Language, name: str, stock: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe(stock))


@Language.factory(_LEMMATIZER, default_config={"stock": "lemmatizer"})
def _make_lemmatizer(nlp: Language, name: str, stock: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe(stock))
