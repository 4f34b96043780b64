"""Calendar arithmetic on the ISO values dates resolve to (day, week, month, year).

Shared by the date finder, the cross-article event merger and the timeline view.
"""

from __future__ import annotations

import datetime as dt
import re


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (Mar 31 - 1 → Feb 29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no valid day in {year}-{month:02d}")  # unreachable: every month has 28


def period_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO value from :func:`resolve_date`.

    Raises:
        ValueError: ``value`` is not one of the four forms.
    """
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        day = dt.date.fromisoformat(value)
        return day, day
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return first, first + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        first = dt.date(int(m[1]), int(m[2]), 1)
        return first, add_months(first, 1) - dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    raise ValueError(f"not an ISO day, week, month or year: {value!r}")
