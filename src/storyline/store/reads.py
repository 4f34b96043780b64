"""The reads behind ``storyline serve``: filtered, paged facts and articles, in SQL.

Each list is ordered by a unique key and can be paged by ``offset`` or by ``after`` (the
key of the last item of the previous page, "keyset" paging, which stays put when rows are
added before it and costs the same on page 1 and page 1000). Every page says how many
rows match in all (``total``) and where it starts (``offset``).

Facts come back under corpus-wide names, as :func:`storyline.resolve.entities.
canonical_facts` gives them (its ``NAME_FIELDS`` are :data:`ACTOR_COLUMNS` here): a name
the resolver tied to an entity (``entity_members``) reads as that entity's name, a join
instead of a pass over the whole record. A quote without a ``speaker_entity`` gets the id
of the entity its speaker was tied to.

Dates compare as :mod:`storyline.matching.periods` does: an ISO day, week (``2025-W10``),
month or year covers its first to last day, and a value overlaps a range when any of its
days is in it. Events are dated by their own day or period, other facts by their
article's publication day.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..models import Article, Entity, Fact
from .connection import StoreBase
from .facts import _column, _fields, _from_row, _table

T = TypeVar("T")

# Fields that name an actor, shown under the entity's name (resolve.entities.NAME_FIELDS).
ACTOR_COLUMNS = ("speaker", "actor", "target", "holder", "source", "proposer")
# The column the ``kind`` filter reads in each fact table that has one.
KIND_COLUMNS = {"quote": "kind", "figure": "kind", "event": "type", "position": "stance"}
_ARTICLE_COLUMNS = ("id", "text_sha256", "title", "outlet", "published", "url", "source")
# Undated articles sort last; an article's key is (undated, published or '', id). The index
# articles_by_order (migration v5) has exactly these expressions, so a page is read in order.
_ARTICLE_ORDER = "a.published IS NULL, coalesce(a.published, ''), a.id"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Actors:
    """Facts naming one of a set of actors, as the caller worked them out from a name.

    A fact matches through a name the resolver tied to one of ``entities`` (ids), or,
    where its name is tied to no entity, when that stored name is one of ``names``
    (exact values). A quote also matches when its ``speaker_entity`` is one of
    ``entities``.
    """

    entities: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactQuery:
    """What a fact list is narrowed by; None or empty leaves a filter off.

    ``start``/``end`` are ISO days; ``kind`` is matched against the table's vocabulary
    column (:data:`KIND_COLUMNS`), ``statuses`` against its ``status``; ``articles`` keeps
    the facts of those articles (a story's); ``text`` is a case-insensitive (ASCII)
    substring of the fact's words; ``words`` a full-text match (see :mod:`.search`) of a
    quote's words and speaker (only quotes have a full-text index: other facts match
    nothing).
    """

    article: str | None = None
    articles: tuple[str, ...] | None = None
    outlet: str | None = None
    start: str | None = None
    end: str | None = None
    kind: str | None = None
    statuses: tuple[str, ...] = ()
    actors: Actors | None = None
    text: str | None = None
    words: str | None = None


@dataclass(frozen=True)
class ArticleQuery:
    """What an article list is narrowed by; None leaves a filter off.

    ``entities`` keeps articles the resolver found one of these entities in;
    ``articles`` keeps these ids (a story's); ``start``/``end`` are ISO days; ``words``
    keeps articles whose title or text has them (full-text search, see :mod:`.search`).
    """

    outlet: str | None = None
    start: str | None = None
    end: str | None = None
    entities: tuple[str, ...] | None = None
    articles: tuple[str, ...] | None = None
    words: str | None = None


@dataclass(frozen=True)
class FactRow:
    """A fact under corpus-wide names, with its article's outlet and publication day."""

    fact: Fact
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: ``after`` is the key to pass for the next page (None: last)."""

    items: list[T]
    total: int
    offset: int
    after: tuple[Any, ...] | None


@dataclass(frozen=True)
class OutletRow:
    """How many articles an outlet has, and its first and last publication day."""

    outlet: str | None
    articles: int
    first: str | None
    last: str | None


def fact_key(fact: Fact) -> tuple[str, int, str]:
    """The key facts are ordered and paged by."""
    return (fact.article, fact.start, fact.id)


def article_key(article: Article) -> tuple[int, str, str]:
    """The key articles are ordered and paged by: publication order, undated last."""
    return (int(article.published is None), article.published or "", article.id)


def change_token(path: str | Path) -> tuple[tuple[int, int] | None, ...]:
    """A value that changes whenever the database file is written, read without SQLite.

    The modification time and size of the file and of its write-ahead log (a commit in
    WAL mode may touch only the log until a checkpoint). ``PRAGMA data_version`` would
    need one long-lived connection; this works across the threads of a server.
    """
    parts: list[tuple[int, int] | None] = []
    for file in (Path(path), Path(f"{path}-wal")):
        try:
            stat = os.stat(file)
        except FileNotFoundError:
            parts.append(None)
            continue
        parts.append((stat.st_mtime_ns, stat.st_size))
    return tuple(parts)


class ReadQueries(StoreBase):
    """Filtered and paged reads for the API and the dashboard; none of them writes."""

    def change_token(self) -> tuple[tuple[int, int] | None, ...]:
        """See :func:`change_token`."""
        return change_token(self.path)

    # -- facts ----------------------------------------------------------------------------

    def query_facts(
        self,
        cls: type[Fact],
        query: FactQuery,
        *,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> Page[FactRow]:
        """One page of the facts of one type that pass ``query``, in article and text order.

        Args:
            cls: the fact type (``Quote``, ``Event`` …).
            query: the filters.
            limit: most items on the page; None for all of them.
            offset: items to skip (ignored with ``after``).
            after: the key (:func:`fact_key`) of the item before this page.

        Raises:
            StoreError: a type without a table; QueryTimeoutError: over the time limit.
        """
        where, params = _fact_where(cls, query)
        source = f"{_table(cls.KIND)} f {_name_joins(cls) if query.actors else ''}"
        # The matching rows are found once (materialized when filtered), then counted,
        # and only the page's rows are joined to names and articles.
        hits = (
            f"WITH hits AS {'' if where else 'NOT '}MATERIALIZED (SELECT f.rowid AS rid, "
            f"f.article_id AS a, f.start AS s, f.id AS i FROM {source}{_where(where)}) "
        )
        key = "(a, s, i)"
        counts = "(SELECT count(*) FROM hits)"
        values: list[Any] = list(params)
        if after is not None:
            counts += f", (SELECT count(*) FROM hits WHERE {key} <= (?, ?, ?))"
            values.extend(_key(after, 3))
        page = "SELECT rid FROM hits"
        if after is not None:
            page += f" WHERE {key} > (?, ?, ?)"
            values.extend(_key(after, 3))
        page += f" ORDER BY a, s, i{_limit(limit, 0 if after is not None else offset)}"
        rows = self._fact_rows(
            cls,
            [],
            values,
            " ORDER BY f.article_id, f.start, f.id",
            prefix=hits,
            extra=counts,
            page=page,
        )
        if rows:
            total = int(rows[0][1][0])
            first = int(rows[0][1][1]) if after is not None else offset
        else:  # an empty page says nothing of the rest
            total = self._count(f"SELECT count(*) FROM {source}{_where(where)}", params)
            first = total if after is not None else offset
            if after is not None:
                before = [*where, "(f.article_id, f.start, f.id) <= (?, ?, ?)"]
                first = self._count(
                    f"SELECT count(*) FROM {source}{_where(before)}", [*params, *_key(after, 3)]
                )
        items = [row for row, _ in rows]
        more = limit is not None and len(items) > limit
        items = items[:limit] if limit is not None else items
        return Page(items, total, first, fact_key(items[-1].fact) if more and items else None)

    def facts_by_id(self, cls: type[Fact], ids: Iterable[str]) -> dict[str, FactRow]:
        """The facts of one type with these ids (under corpus-wide names), by id."""
        rows = self._fact_rows(
            cls, ["f.id IN (SELECT value FROM json_each(?))"], [json.dumps(sorted(set(ids)))], ""
        )
        return {row.fact.id: row for row, _ in rows}

    def _fact_rows(
        self,
        cls: type[Fact],
        where: Sequence[str],
        params: Sequence[Any],
        tail: str,
        *,
        prefix: str = "",
        extra: str = "",
        page: str = "",
    ) -> list[tuple[FactRow, tuple[Any, ...]]]:
        """Facts with their names and articles; ``extra`` columns come back beside each.

        ``page`` is a SELECT of the rowids to read (after a ``prefix`` WITH clause).
        """
        fields = _fields(cls)
        columns = ", ".join(_fact_column(cls, name) for name in fields)
        table = _table(cls.KIND)
        source = f"({page}) page JOIN {table} f ON f.rowid = page.rid" if page else f"{table} f"
        sql = (
            f"{prefix}SELECT {columns}, a.outlet, a.published{', ' + extra if extra else ''} "
            f"FROM {source} {_name_joins(cls)} JOIN articles a ON a.id = f.article_id"
            f"{_where(where)}{tail}"
        )
        width = len(fields) + 2
        out = []
        for row in self._select(sql, params):
            fact = cls.from_dict(_from_row(fields, row[: len(fields)]))
            out.append((FactRow(fact, row[width - 2], row[width - 1]), tuple(row[width:])))
        return out

    def actor_names(self, cls: type[Fact]) -> dict[str, list[str]]:
        """Every distinct stored name in each actor column of a fact type, by column."""
        fields = set(_fields(cls))
        out = {}
        for column in ACTOR_COLUMNS:
            if column in fields:
                sql = f'SELECT DISTINCT "{column}" FROM {_table(cls.KIND)} WHERE "{column}" <> \'\''
                out[column] = [str(row[0]) for row in self._select(sql, [])]
        return out

    # -- articles, entities, outlets --------------------------------------------------------

    def query_articles(
        self,
        query: ArticleQuery,
        *,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[Any] | None = None,
        with_text: bool = False,
    ) -> Page[Article]:
        """One page of the articles that pass ``query``, in publication order.

        Without ``with_text`` each article's ``text`` is '' (not read from the file).

        Raises:
            QueryTimeoutError: the read ran over the time limit.
        """
        where, params = _article_where(query)
        page_where, page_params = list(where), list(params)
        if after is not None:
            page_where.append(f"({_ARTICLE_ORDER}) > (?, ?, ?)")
            page_params.extend(_key(after, 3))
        text = "a.text" if with_text else "''"
        columns = ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS)
        sql = (
            f"SELECT {columns}, {text} AS text FROM articles a{_where(page_where)} "
            f"ORDER BY {_ARTICLE_ORDER}"
        )
        rows = self._select(sql + _limit(limit, 0 if after is not None else offset), page_params)
        items = [Article(**dict(row)) for row in rows]
        total = self._count(f"SELECT count(*) FROM articles a{_where(where)}", params)
        if after is not None:
            before = [*where, f"({_ARTICLE_ORDER}) <= (?, ?, ?)"]
            first = self._count(
                f"SELECT count(*) FROM articles a{_where(before)}", [*params, *_key(after, 3)]
            )
        else:
            first = offset
        more = limit is not None and len(items) > limit
        items = items[:limit] if limit is not None else items
        return Page(items, total, first, article_key(items[-1]) if more and items else None)

    def article(self, article_id: str) -> Article | None:
        """The article ``article_id`` with its text, or None."""
        columns = ", ".join(f"a.{c}" for c in (*_ARTICLE_COLUMNS, "text"))
        rows = self._select(f"SELECT {columns} FROM articles a WHERE a.id = ?", [article_id])
        return Article(**dict(rows[0])) if rows else None

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        """The articles with these ids, without their texts (``text`` is '')."""
        columns = ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS)
        rows = self._select(
            f"SELECT {columns}, '' AS text FROM articles a "
            "WHERE a.id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(set(ids)))],
        )
        return {str(row["id"]): Article(**dict(row)) for row in rows}

    def entity(self, entity_id: str) -> Entity | None:
        """The resolved entity ``entity_id``, or None."""
        rows = self._select("SELECT data FROM entities WHERE id = ?", [entity_id])
        return Entity.from_dict(json.loads(rows[0][0])) if rows else None

    def count_entities(self) -> int:
        return self._count("SELECT count(*) FROM entities", [])

    def outlets(self) -> list[OutletRow]:
        """Each outlet (None: articles without one) with its article count and date span.

        Outlets are told apart as the ``outlet`` filter tells them, ignoring (ASCII) case
        (a group shows its first spelling in code-point order: capitals first). Most
        articles first, then by name.
        """
        rows = self._select(
            "SELECT min(outlet COLLATE BINARY), count(*), min(published), max(published) "
            "FROM articles GROUP BY outlet COLLATE NOCASE "
            "ORDER BY count(*) DESC, outlet IS NULL, outlet",
            [],
        )
        return [OutletRow(r[0], int(r[1]), r[2], r[3]) for r in rows]

    # -- helpers ---------------------------------------------------------------------------

    def _select(self, sql: str, params: Sequence[Any]) -> list[Any]:
        with self.reads():
            return self.conn.execute(sql, tuple(params)).fetchall()

    def _count(self, sql: str, params: Sequence[Any]) -> int:
        return int(self._select(sql, params)[0][0])


def match_expression(words: str) -> str | None:
    """The FTS5 query for what a user typed; None when it has no word to look for.

    Each run of text between spaces is a phrase of its words ("zero-sum" is the phrase
    "zero sum"), whose last word may be a prefix; every phrase must match. Nothing the user
    types is read as FTS5 syntax: words are quoted.
    """
    phrases = []
    for chunk in words.split():
        tokens = _WORD.findall(chunk)
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"*')
    return " ".join(phrases) or None


def _fact_column(cls: type[Fact], field: str) -> str:
    if field in ACTOR_COLUMNS:
        return f'coalesce(e_{field}.name, f."{field}")'
    if field == "speaker_entity":
        return "coalesce(f.speaker_entity, e_speaker.id)"
    return "f." + _column(field)


def _name_joins(cls: type[Fact]) -> str:
    """The joins that find the entity each actor column's name was tied to."""
    fields = set(_fields(cls))
    joins = []
    for col in ACTOR_COLUMNS:
        if col in fields:
            joins.append(
                f"LEFT JOIN entity_members m_{col} ON m_{col}.article_id = f.article_id "
                f'AND m_{col}.name = f."{col}" '
                f"LEFT JOIN entities e_{col} ON e_{col}.id = m_{col}.entity_id"
            )
    return " ".join(joins)


def _fact_where(cls: type[Fact], query: FactQuery) -> tuple[list[str], list[Any]]:
    fields = set(_fields(cls))
    where: list[str] = []
    params: list[Any] = []
    if query.article is not None:
        where.append("f.article_id = ?")
        params.append(query.article)
    if query.articles is not None:
        where.append("f.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(query.articles)))
    if query.outlet is not None:
        where.append("f.article_id IN (SELECT id FROM articles WHERE outlet = ? COLLATE NOCASE)")
        params.append(query.outlet)
    if query.start is not None or query.end is not None:
        if "period" in fields:  # an event: its own day, else its period
            clause, values = _dated("f.date", "f.period", query.start, query.end)
            where.append(clause)
            params.extend(values)
        else:
            clause, values = _overlaps("published", query.start, query.end)
            where.append(f"f.article_id IN (SELECT id FROM articles WHERE {clause})")
            params.extend(values)
    if query.kind is not None:
        column = KIND_COLUMNS.get(cls.KIND)
        where.append(f'f."{column}" = ?' if column else "0")
        params.extend([query.kind] if column else [])
    if query.statuses:
        where.append("f.status IN (SELECT value FROM json_each(?))" if "status" in fields else "0")
        params.extend([json.dumps(list(query.statuses))] if "status" in fields else [])
    if query.text is not None:
        where.append("f.text LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(query.text)}%")
    if query.words is not None:
        expression = match_expression(query.words)
        if cls.KIND == "quote" and expression:
            where.append(
                "f.id IN (SELECT s.key FROM quotes_fts JOIN search_rows s "
                "ON s.id = quotes_fts.rowid WHERE quotes_fts MATCH ?)"
            )
            params.append(expression)
        else:
            where.append("0")
    if query.actors is not None:
        clause, values = _actors(cls, query.actors)
        where.append(clause)
        params.extend(values)
    return where, params


def _actors(cls: type[Fact], actors: Actors) -> tuple[str, list[Any]]:
    """Facts naming one of ``actors``, found through the name columns' indexes, then checked.

    The candidates are the facts whose stored name is one of the names, or one the
    entities' members go by; a candidate counts when a column's name is tied to one of the
    entities, or is tied to none and is one of the names.
    """
    table = _table(cls.KIND)
    entities = json.dumps(list(actors.entities))
    names = json.dumps(list(actors.names))
    ids = "IN (SELECT value FROM json_each(?))"
    wanted = (
        f"SELECT value FROM json_each(?) UNION SELECT name FROM entity_members "
        f"WHERE entity_id {ids}"
    )
    candidates: list[str] = []
    checks: list[str] = []
    params: list[Any] = []
    for col in (c for c in ACTOR_COLUMNS if c in _fields(cls)):
        candidates.append(f'SELECT rowid FROM {table} WHERE "{col}" IN ({wanted})')
        params.extend([names, entities])
    if cls.KIND == "quote":
        candidates.append(f"SELECT rowid FROM {table} WHERE speaker_entity {ids}")
        params.append(entities)
    for col in (c for c in ACTOR_COLUMNS if c in _fields(cls)):
        checks.append(f'e_{col}.id {ids} OR (e_{col}.id IS NULL AND f."{col}" {ids})')
        params.extend([entities, names])
    if cls.KIND == "quote":
        checks.append(f"f.speaker_entity {ids}")
        params.append(entities)
    if not candidates:
        return "0", []
    clause = (
        f"f.rowid IN ({' UNION '.join(candidates)}) "
        f"AND ({' OR '.join(f'({sql})' for sql in checks)})"
    )
    return clause, params


def _article_where(query: ArticleQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if query.outlet is not None:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(query.outlet)
    if query.start is not None or query.end is not None:
        clause, values = _overlaps("a.published", query.start, query.end)
        where.append(clause)
        params.extend(values)
    if query.entities is not None:
        where.append(
            "a.id IN (SELECT article_id FROM entity_members "
            "WHERE entity_id IN (SELECT value FROM json_each(?)))"
        )
        params.append(json.dumps(list(query.entities)))
    if query.articles is not None:
        where.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(query.articles)))
    if query.words is not None:
        expression = match_expression(query.words)
        where.append(
            "a.id IN (SELECT s.key FROM articles_fts JOIN search_rows s "
            "ON s.id = articles_fts.rowid WHERE articles_fts MATCH ?)"
            if expression
            else "0"
        )
        params.extend([expression] if expression else [])
    return where, params


def _first_day(v: str) -> str:
    """SQL for the first day of the ISO day, week, month or year in column ``v`` (else NULL).

    A day may carry a time (``2025-03-03T10:00``); ISO week 1 is the week of 4 January.
    """
    year = "[0-9][0-9][0-9][0-9]"
    return (
        f"CASE WHEN {v} GLOB '{year}-[0-9][0-9]-[0-9][0-9]*' THEN substr({v}, 1, 10) "
        f"WHEN {v} GLOB '{year}-W[0-9][0-9]' THEN date(substr({v}, 1, 4) || '-01-04', "
        f"'-6 days', 'weekday 1', '+' || ((CAST(substr({v}, 7, 2) AS INTEGER) - 1) * 7) "
        "|| ' days') "
        f"WHEN {v} GLOB '{year}-[0-9][0-9]' THEN {v} || '-01' "
        f"WHEN {v} GLOB '{year}' THEN {v} || '-01-01' END"
    )


def _last_day(v: str) -> str:
    """SQL for the last day of the ISO value in column ``v`` (see :func:`_first_day`)."""
    year = "[0-9][0-9][0-9][0-9]"
    return (
        f"CASE WHEN {v} GLOB '{year}-[0-9][0-9]-[0-9][0-9]*' THEN substr({v}, 1, 10) "
        f"WHEN {v} GLOB '{year}-W[0-9][0-9]' THEN date({_first_day(v)}, '+6 days') "
        f"WHEN {v} GLOB '{year}-[0-9][0-9]' THEN date({v} || '-01', '+1 month', '-1 day') "
        f"WHEN {v} GLOB '{year}' THEN {v} || '-12-31' END"
    )


def _overlaps(v: str, start: str | None, end: str | None) -> tuple[str, list[Any]]:
    """Rows whose ISO value in ``v`` has a day in ``[start, end]`` (either end open)."""
    clauses, params = [], []
    if end is not None:
        clauses.append(f"({_first_day(v)}) <= ?")
        params.append(end)
    if start is not None:
        clauses.append(f"({_last_day(v)}) >= ?")
        params.append(start)
    return " AND ".join(clauses), params


def _dated(day: str, period: str, start: str | None, end: str | None) -> tuple[str, list[Any]]:
    """An event dated in range: its day, else its period (the day's index serves days)."""
    day_clauses, params = [f"{day} IS NOT NULL"], []
    if start is not None:
        day_clauses.append(f"{day} >= ?")
        params.append(start)
    if end is not None:
        day_clauses.append(f"{day} <= ?")
        params.append(end)
    clause, values = _overlaps(period, start, end)
    return f"(({' AND '.join(day_clauses)}) OR ({day} IS NULL AND {clause}))", [*params, *values]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _limit(limit: int | None, offset: int) -> str:
    if limit is None:
        return f" LIMIT -1 OFFSET {int(offset)}" if offset else ""
    return f" LIMIT {int(limit) + 1} OFFSET {int(offset)}"


def _key(after: Sequence[Any], size: int) -> list[Any]:
    """A paging key as parameters; the caller checked its shape (a wrong one fails in SQLite)."""
    return list(after)[:size]
