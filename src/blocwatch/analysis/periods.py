"""Calendar periods that relation and alignment series are counted in.

Weeks are ISO 8601 weeks (Monday to Sunday, labelled ``2022-W19``; the first days of
January can belong to the previous year's last week, as ISO says), months are calendar
months (labelled ``2022-05``). A period is named by its label and its first day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def period_of(day: date, granularity: Granularity) -> tuple[str, date]:
    """The label and first day of the period that holds ``day``."""
    if granularity is Granularity.DAY:
        return day.isoformat(), day
    if granularity is Granularity.MONTH:
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1)
    year, week, weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}", day - timedelta(days=weekday - 1)


def next_period(start: date, granularity: Granularity) -> date:
    """The first day of the period after the one starting on ``start``."""
    if granularity is Granularity.DAY:
        return start + timedelta(days=1)
    if granularity is Granularity.WEEK:
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def periods_between(
    first: date, last: date, granularity: Granularity
) -> Iterator[tuple[str, date]]:
    """Every period from the one holding ``first`` to the one holding ``last``."""
    label, start = period_of(first, granularity)
    _, end = period_of(last, granularity)
    while start <= end:
        yield label, start
        start = next_period(start, granularity)
        label, _ = period_of(start, granularity)


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` to a date, clamping an impossible day (``2022-02-30``) to the month's last.

    The database only checks the shape of a date, not the calendar, so a coder's slip such
    as the 30th of February reaches us; it is kept in its month rather than dropped.
    """
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    month = min(max(month, 1), 12)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(max(day, 1), last))
