"""Input types sized to their columns, so an out-of-range value is a 422 naming the field.

Python integers are unbounded but columns are not: SQLite stores at most a signed 64-bit
integer and PostgreSQL's ``integer`` (every ``PositiveIntegerField``: ordinals, offsets,
spans) at most 2**31 - 1. Without these bounds a huge id or offset reached the database and
came back as a 500 (``OverflowError`` on SQLite, ``NumericValueOutOfRange`` on PostgreSQL).

Dates are ISO strings only: pydantic would otherwise read ``"due": 0`` as a Unix timestamp
(1970-01-01) and store it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import BeforeValidator

__all__ = ["BIGINT_MAX", "INT_MAX", "Day", "Id", "Int32", "Months", "Offset"]

#: Largest value of a PostgreSQL ``bigint`` and of a SQLite integer (ids: ``BigAutoField``).
BIGINT_MAX = 2**63 - 1
#: Largest value of a PostgreSQL ``integer`` (``PositiveIntegerField`` columns).
INT_MAX = 2**31 - 1

#: A row id (a ``BigAutoField``).
Id = Annotated[int, Ge(1), Le(BIGINT_MAX)]
#: A non-negative count or position stored in an ``integer`` column (ordinals, offsets, spans).
Int32 = Annotated[int, Ge(0), Le(INT_MAX)]
#: A span of months for a series (ten years at most).
Months = Annotated[int, Ge(1), Le(1200)]
#: Rows to skip in a list.
Offset = Annotated[int, Ge(0), Le(INT_MAX)]


def _iso_date(value: Any) -> Any:
    """Accept a date or an ISO ``YYYY-MM-DD`` string; refuse numbers (timestamps) and the rest."""
    if isinstance(value, dt.datetime):
        raise ValueError("a date (YYYY-MM-DD) is needed, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _bad(value)
        except ValueError:
            _bad(value)
    raise ValueError("a date is written YYYY-MM-DD (a number is not a date)")


def _bad(value: str) -> Any:
    raise ValueError(f"{value[:40]!r} is not a date written YYYY-MM-DD")


#: A calendar date written ``YYYY-MM-DD``.
Day = Annotated[dt.date, BeforeValidator(_iso_date)]
