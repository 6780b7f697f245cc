"""Keyset ("seek") pagination: the next page starts after the last row of this one.

``OFFSET 20000`` makes the database read and throw away twenty thousand rows, so deep
pages of a million-article store get slower page by page; a page that asks for the rows
after the previous page's last sort key reads from an index straight to where it starts,
at the same cost on every page, and does not skip or repeat a row when new articles
arrive between two requests.

A cursor is the last row's sort values, as URL-safe base64 JSON: opaque to readers (they
pass back what a page gave them) and checked when decoded, so a made-up one is an
:class:`~blocwatch.errors.QueryError` (a 400 saying so), never a database error.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from blocwatch.errors import QueryError


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of an order: the column, whether it descends, where its nulls sort."""

    column: Any
    descending: bool = False
    nulls_last: bool = False
    """Nulls sort after every value (else the column holds none)."""
    moment: bool = False
    """The values are datetimes (carried in the cursor as ISO 8601 text)."""


def encode(values: Sequence[Any]) -> str:
    """The cursor of a row whose sort values are ``values``."""
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, keys: Sequence[SortKey]) -> list[Any]:
    """The sort values a cursor carries, checked against the order's keys."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise QueryError(f"cursor {cursor[:40]!r}: not a cursor this list gave") from exc
    if not isinstance(values, list) or len(values) != len(keys):
        raise QueryError(f"cursor {cursor[:40]!r}: not a cursor of this list")
    decoded: list[Any] = []
    for key, value in zip(keys, values, strict=True):
        if value is not None and not isinstance(value, int | float | str):
            raise QueryError(f"cursor {cursor[:40]!r}: not a cursor of this list")
        if key.moment and isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError as exc:
                raise QueryError(f"cursor {cursor[:40]!r}: not a cursor of this list") from exc
        decoded.append(value)
    return decoded


def _beyond(key: SortKey, value: Any) -> ColumnElement[bool]:
    """Rows strictly after ``value`` in this key's order."""
    column: ColumnElement[Any] = key.column
    if value is None:  # only a nulls-last key holds a null: nothing sorts after it but nulls
        return false()
    beyond: ColumnElement[bool] = column < value if key.descending else column > value
    if key.nulls_last:
        return or_(beyond, column.is_(None))
    return beyond


def _equal(key: SortKey, value: Any) -> ColumnElement[bool]:
    column: ColumnElement[Any] = key.column
    return column.is_(None) if value is None else column == value


def after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """The rows that sort after the row with these sort values (a lexicographic seek)."""
    clauses: list[ColumnElement[bool]] = []
    equal: list[ColumnElement[bool]] = []
    for key, value in zip(keys, values, strict=True):
        clauses.append(and_(true(), *equal, _beyond(key, value)))
        equal.append(_equal(key, value))
    return or_(*clauses)


def order_by(keys: Sequence[SortKey]) -> list[Any]:
    """The ``ORDER BY`` terms of these keys."""
    terms = []
    for key in keys:
        term = key.column.desc() if key.descending else key.column.asc()
        terms.append(term.nulls_last() if key.nulls_last else term)
    return terms
