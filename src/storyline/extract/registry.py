"""The extractor registry: plain functions over a spaCy ``Doc``, registered by name.

Built-in extractors register themselves where they are defined, with the same decorator
a plugin uses; plugins are modules named under the ``storyline.extractors`` entry-point
group, imported once so that their decorators run.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar, cast

from spacy.tokens import Doc

from ..errors import ConfigError
from ..models import Article, Fact

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Fact)
T = TypeVar("T")


# Compared by identity (``eq=False``): two modules that happen to pick the same name hold
# different entries, so the value an entry holds is always of its key's type.
@dataclass(frozen=True, eq=False)
class MemoKey(Generic[T]):
    """Names a value that several extractors build from one ``Doc`` (see :class:`ArticleMemo`).

    ``requires`` lists the extractors whose results the value is built from; every extractor
    that asks for it must declare them all, so the memo hands no one results it did not
    declare.
    """

    name: str
    requires: tuple[str, ...] = ()


class ArticleMemo:
    """What extractors build from one parsed article, kept for the extractors after them.

    Two extractors that read the same tables of an article (the quotes' speaker finder, the
    proposals' parties) build them once. The pipeline makes one memo per ``Doc`` it extracts
    from and hands it to every extractor's :class:`Context` for that ``Doc``; a memo asked
    about another ``Doc`` or article starts afresh, so a stray memo costs time, never output.
    """

    def __init__(self) -> None:
        self._doc: Doc | None = None
        self._article: Article | None = None
        self._values: dict[MemoKey[Any], object] = {}

    def get_or_build(
        self, key: MemoKey[T], doc: Doc, article: Article, build: Callable[[], T]
    ) -> T:
        """The value ``key`` names for ``doc``, from ``build`` when nothing has built it yet."""
        if doc is not self._doc or article is not self._article:
            self._doc, self._article, self._values = doc, article, {}
        if key in self._values:
            return cast(T, self._values[key])
        value = build()
        self._values[key] = value
        return value


@dataclass(frozen=True)
class Context:
    """What an extractor may read besides the ``Doc``: its article and earlier results.

    ``reader`` is the extractor the context was made for. The pipeline always sets it, so an
    extractor that reads results it did not declare in ``requires`` fails loudly instead of
    silently seeing none when it happens to run first. Tests that call one extractor by hand
    may leave it out. ``memo`` is shared by the contexts of one ``Doc`` (see
    :meth:`memoized`); a context made by hand gets its own.
    """

    article: Article
    facts: Mapping[str, Sequence[Fact]] = field(default_factory=dict)
    reader: Extractor | None = None
    memo: ArticleMemo = field(default_factory=ArticleMemo)

    def of(self, name: str, kind: type[F]) -> list[F]:
        """The facts of type ``kind`` that the extractor ``name`` produced for this article.

        Raises:
            ConfigError: the reading extractor does not declare ``name`` in ``requires``.
        """
        if self.reader is not None and name not in self.reader.requires:
            raise ConfigError(
                f"extractor {self.reader.name!r} reads the results of {name!r} but does not "
                f"declare it: add {name!r} to its requires"
            )
        return [f for f in self.facts.get(name, ()) if isinstance(f, kind)]

    def memoized(self, key: MemoKey[T], doc: Doc, build: Callable[[Doc, Context], T]) -> T:
        """The value ``key`` names for ``doc``: built by ``build`` for the first extractor
        that asks, the same object for the ones after it.

        ``build`` is given a context that holds only the results named in
        ``key.requires`` (and the article), so what it builds is the same whichever
        extractor asks first, and holds nothing a later one did not declare.

        Raises:
            ConfigError: the reading extractor does not declare everything ``key`` is
                built from; or ``build`` reads results ``key`` does not list.
        """
        reader = self.reader
        if reader is not None:
            missing = [name for name in key.requires if name not in reader.requires]
            if missing:
                raise ConfigError(
                    f"extractor {reader.name!r} reads {key.name!r}, which is built from the "
                    f"results of {', '.join(map(repr, missing))}, but does not declare them: "
                    "add them to its requires"
                )
        return self.memo.get_or_build(
            key, doc, self.article, lambda: build(doc, self._building(key))
        )

    def _building(self, key: MemoKey[T]) -> Context:
        """The context ``key``'s value is built with: the results it names, no others."""
        builder = None
        if self.reader is not None:
            builder = dataclasses.replace(self.reader, name=key.name, requires=key.requires)
        facts = {name: self.facts[name] for name in key.requires if name in self.facts}
        return Context(self.article, facts, builder, self.memo)


ExtractorFunc = Callable[[Doc, Context], Iterable[Fact]]


@dataclass(frozen=True)
class Extractor:
    """A registered extractor; ``label`` (``name@version``) is stamped on its facts."""

    name: str
    version: int
    func: ExtractorFunc
    requires: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


_REGISTRY: dict[str, Extractor] = {}
_plugins_loaded = False


def register(
    name: str, *, version: int = 1, requires: Sequence[str] = ()
) -> Callable[[ExtractorFunc], ExtractorFunc]:
    """Register ``func`` as the extractor ``name``.

    Args:
        name: the registry key; a later registration of the same name replaces the earlier
            one, which is how a plugin overrides a built-in.
        version: bump it when the output changes, so stored facts show what made them.
        requires: extractors whose results this one reads through ``Context.facts``.
    """

    def decorate(func: ExtractorFunc) -> ExtractorFunc:
        _REGISTRY[name] = Extractor(name, version, func, tuple(requires))
        return func

    return decorate


def load_plugins() -> None:
    """Import the modules of the ``storyline.extractors`` entry points, once."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for point in entry_points(group="storyline.extractors"):
        logger.info("loading extractor plugin %s", point.value)
        point.load()


def get_extractors(disabled: Iterable[str] = ()) -> list[Extractor]:
    """The enabled extractors, each after the ones it requires.

    Raises:
        ConfigError: an extractor requires one that is disabled or unknown, or a name in
            ``disabled`` is not registered.
    """
    load_plugins()
    off = set(disabled)
    unknown = off - set(_REGISTRY)
    if unknown:
        raise ConfigError(
            f"cannot disable unknown extractor(s) {', '.join(sorted(unknown))}; "
            f"registered: {', '.join(sorted(_REGISTRY))}"
        )
    enabled = {n: e for n, e in _REGISTRY.items() if n not in off}
    ordered: list[Extractor] = []
    done: set[str] = set()

    def visit(extractor: Extractor, path: tuple[str, ...]) -> None:
        if extractor.name in done:
            return
        for need in extractor.requires:
            if need not in enabled:
                raise ConfigError(
                    f"extractor {extractor.name!r} requires {need!r}, which is not enabled"
                )
            if need in path:
                raise ConfigError(f"extractors require each other in a cycle: {(*path, need)}")
            visit(enabled[need], (*path, need))
        done.add(extractor.name)
        ordered.append(extractor)

    for extractor in enabled.values():
        visit(extractor, (extractor.name,))
    return ordered
