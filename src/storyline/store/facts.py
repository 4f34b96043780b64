"""Facts: one table per fact type, one column per dataclass field (see :mod:`.schema`)."""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ..errors import StoreError
from ..models import Fact, Record
from .connection import StoreBase
from .schema import FACT_TABLES, JSON_COLUMNS

F = TypeVar("F", bound=Fact)


class FactQueries(StoreBase):
    """Reading and replacing the facts of the articles."""

    def facts(self, cls: type[F], article_id: str | None = None) -> list[F]:
        """Facts of one type (``Quote``, ``Figure`` …), in article and text order."""
        fields = _fields(cls)
        columns = ", ".join(_column(name) for name in fields)
        sql = f"SELECT {columns} FROM {_table(cls.KIND)}"
        params: tuple[str, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            params = (article_id,)
        sql += " ORDER BY article_id, start, id"
        rows = self.conn.execute(sql, params)
        if _plain_columns(cls):
            # Every column is a scalar and from_dict is Record's: it would only rebuild
            # the same keyword arguments (resolve reads every article's mentions this way).
            return [cls(**dict(zip(fields, row, strict=True))) for row in rows]
        return [cls.from_dict(_from_row(fields, row)) for row in rows]

    def count_facts(self) -> dict[str, int]:
        """How many facts of each kind are stored, by kind; kinds with none are left out."""
        counts = {}
        for kind, table in sorted(FACT_TABLES.items()):
            n = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            if n:
                counts[kind] = n
        return counts

    def replace_facts(
        self, article_id: str, extractors: Sequence[str], facts: Iterable[Fact]
    ) -> None:
        """Swap the facts that ``extractors`` (names) made for one article, atomically.

        Raises:
            StoreError: the write failed; the article keeps its old facts.
        """
        with self.transaction(f"replace facts of article {article_id}"):
            for table in FACT_TABLES.values():
                for name in extractors:
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE article_id = ? AND extractor LIKE ?",
                        (article_id, f"{name}@%"),
                    )
            insert_facts(self.conn, facts)


def insert_facts(conn: sqlite3.Connection, facts: Iterable[Fact]) -> None:
    """Insert facts into their tables; the caller holds the transaction.

    Raises:
        StoreError: a fact is of a type the schema has no table for.
    """
    by_type: dict[type[Fact], list[Fact]] = {}
    for fact in facts:
        by_type.setdefault(type(fact), []).append(fact)
    for cls, group in by_type.items():
        fields = _fields(cls)
        columns = ", ".join(_column(name) for name in fields)
        conn.executemany(
            f"INSERT INTO {_table(cls.KIND)} ({columns}) VALUES ({', '.join('?' * len(fields))})",
            map(_row_maker(cls), group),
        )


def _table(kind: str) -> str:
    try:
        return FACT_TABLES[kind]
    except KeyError:
        raise StoreError(
            f"no table for facts of kind {kind!r}; the store keeps {', '.join(FACT_TABLES)}"
        ) from None


def _fields(cls: type[Fact]) -> tuple[str, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return found


def _plain_columns(cls: type[Fact]) -> bool:
    """Whether ``cls`` has no JSON column and reads back with Record's own ``from_dict``."""
    found = _PLAIN.get(cls)
    if found is None:
        inherited = getattr(cls.from_dict, "__func__", None) is getattr(
            Record.from_dict, "__func__", None
        )
        found = _PLAIN[cls] = inherited and not JSON_COLUMNS.intersection(_fields(cls))
    return found


def _row_maker(cls: type[Fact]) -> Callable[[Fact], Sequence[Any]]:
    """How a fact of ``cls`` becomes its table row.

    A class without a JSON column holds only scalars (a fact's other fields are strings,
    numbers and None), so its row is its fields' values as they are: ``to_dict`` would
    copy the same values through a dict (a third of the main process's storing time).
    """
    found = _ROW_MAKERS.get(cls)
    if found is None:
        fields = _fields(cls)
        if JSON_COLUMNS.intersection(fields):
            found = functools.partial(_to_row, fields)
        else:
            found = operator.attrgetter(*fields)
        _ROW_MAKERS[cls] = found
    return found


# Per fact class, made on first use: the class's fields, whether they read back as they
# are, and how a fact becomes a row.
_FIELDS: dict[type[Fact], tuple[str, ...]] = {}
_PLAIN: dict[type[Fact], bool] = {}
_ROW_MAKERS: dict[type[Fact], Callable[[Fact], Sequence[Any]]] = {}


def _column(field: str) -> str:
    # ``article`` is a foreign key, named as in every other table; "end" is an SQL keyword.
    return "article_id" if field == "article" else f'"{field}"'


def _to_row(fields: tuple[str, ...], fact: Fact) -> list[Any]:
    data = fact.to_dict()
    return [json.dumps(data[f]) if f in JSON_COLUMNS else data[f] for f in fields]


def _from_row(fields: tuple[str, ...], row: sqlite3.Row) -> dict[str, Any]:
    data = dict(zip(fields, row, strict=True))
    for field in JSON_COLUMNS.intersection(fields):
        if data[field] is not None:
            data[field] = json.loads(data[field])
    return data
