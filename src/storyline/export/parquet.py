"""The export as Parquet: one file per section, the contract's columns typed.

The only module that imports pyarrow. Each section's contract columns come first, in the
contract's order and with fixed types (so an empty section or an all-null column still has
its type, and DuckDB or pandas see the same schema on every export); columns the project
adds after the contract follow with types pyarrow infers from the values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StorylineError

_TERM = pa.struct([("kind", pa.string()), ("text", pa.string())])
_PHASE = pa.struct(
    [
        ("index", pa.int64()),
        # Days are whole in every report so far, but "half a day" would not be: float64.
        ("duration_days", pa.list_(pa.float64())),
        ("terms", pa.list_(_TERM)),
    ]
)
_S, _I, _F = pa.string(), pa.int64(), pa.float64()
_OFFSETS = [("start", _I), ("end", _I)]

# Contract §1, section by section: column name and type.
CONTRACT_COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("id", _S),
        ("title", _S),
        ("outlet", _S),
        ("published", _S),
        ("url", _S),
        ("source", _S),
        ("text_sha256", _S),
    ],
    "entities": [
        ("id", _S),
        ("name", _S),
        ("type", _S),
        ("aliases", pa.list_(_S)),
        ("affiliation", _S),
    ],
    "quotes": [
        ("id", _S),
        ("article", _S),
        ("text", _S),
        ("kind", _S),
        ("speaker", _S),
        ("speaker_entity", _S),
        ("cue", _S),
        *_OFFSETS,
    ],
    "figures": [
        ("id", _S),
        ("article", _S),
        ("text", _S),
        ("value", _F),
        ("low", _F),
        ("high", _F),
        ("unit", _S),
        ("kind", _S),
        ("counted", _S),
        ("qualifier", _S),
        ("source", _S),
        ("as_of", _S),
        *_OFFSETS,
    ],
    "events": [
        ("id", _S),
        ("article", _S),
        ("type", _S),
        ("mode", _S),
        ("actor", _S),
        ("target", _S),
        ("location", _S),
        ("date", _S),
        ("date_text", _S),
        ("status", _S),
        ("text", _S),
        *_OFFSETS,
    ],
    "proposals": [
        ("id", _S),
        ("articles", pa.list_(_S)),
        ("label", _S),
        ("proposer", _S),
        ("status", _S),
        ("phases", pa.list_(_PHASE)),
    ],
    "positions": [
        ("id", _S),
        ("article", _S),
        ("holder", _S),
        ("stance", _S),
        ("issue", _S),
        ("text", _S),
        *_OFFSETS,
    ],
}


def write_parquet(data: dict[str, Any], directory: Path) -> list[Path]:
    """Write each section of the export document to ``directory/<section>.parquet``.

    Returns:
        The files written, in section order.

    Raises:
        StorylineError: a value does not fit its contract column's type.
        OSError: the directory or a file cannot be written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for section, contract in CONTRACT_COLUMNS.items():
        table = section_table(section, data.get(section, []), contract)
        path = directory / f"{section}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written


def section_table(
    section: str, rows: list[dict[str, Any]], contract: list[tuple[str, pa.DataType]]
) -> pa.Table:
    """One section as a table: contract columns typed, added columns inferred."""
    names = [name for name, _ in contract]
    extra: list[str] = []
    for row in rows:
        extra.extend(k for k in row if k not in names and k not in extra)
    arrays, fields = [], []
    for name, contract_kind in contract:
        values = [row.get(name) for row in rows]
        kind = widen(contract_kind, values)
        try:
            arrays.append(pa.array(values, type=kind))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as e:
            raise StorylineError(
                f"{section}.{name} does not fit the contract type {kind}: {e}"
            ) from e
        fields.append(pa.field(name, kind))
    for name in extra:
        column = _inferred([row.get(name) for row in rows])
        arrays.append(column)
        fields.append(pa.field(name, column.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def widen(kind: pa.DataType, values: list[Any]) -> pa.DataType:
    """``kind`` with a field for every key the values' structs add to it, at any depth.

    The contract fixes a proposal term's ``kind`` and ``text``; a field the project adds
    later (``obliged``) is kept, typed from its values, rather than silently dropped.
    """
    if pa.types.is_list(kind):
        items = [item for value in values if isinstance(value, list) for item in value]
        return pa.list_(widen(kind.value_type, items))
    if not pa.types.is_struct(kind):
        return kind
    dicts = [value for value in values if isinstance(value, dict)]
    fields = [
        pa.field(field.name, widen(field.type, [d.get(field.name) for d in dicts]))
        for field in kind
    ]
    known = {field.name for field in kind}
    for d in dicts:
        for key in d:
            if key not in known:
                known.add(key)
                fields.append(pa.field(key, _inferred([e.get(key) for e in dicts]).type))
    return pa.struct(fields)


def _inferred(values: list[Any]) -> pa.Array:
    """A column pyarrow can type from its values; JSON text when it cannot (mixed shapes)."""
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        return pa.array(
            [None if v is None else json.dumps(v, ensure_ascii=False) for v in values],
            type=pa.string(),
        )
