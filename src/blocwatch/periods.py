"""Calendar periods that relation and alignment series are counted in.

Weeks are ISO 8601 weeks (Monday to Sunday, labelled ``2022-W19``; the first days of
January can belong to the previous year's last week, as ISO says), months are calendar
months (labelled ``2022-05``). A period is named by its label and its first day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class RangeSplit:
    """A day range cut into the whole periods it holds and the partial ones at its ends.

    Counts kept per period answer the whole periods (those starting from ``first`` and
    before ``before``; ``None`` is unbounded, and ``whole`` is False when there is none);
    the ``ends`` (inclusive day ranges) are counted from the days themselves.
    """

    whole: bool
    first: date | None
    before: date | None
    ends: tuple[tuple[date, date], ...]


def split_range(since: date | None, until: date | None, granularity: Granularity) -> RangeSplit:
    """Cut ``since``..``until`` (inclusive, either open) at the period boundaries."""
    one_day = timedelta(days=1)
    first = before = None
    ends: list[tuple[date, date]] = []
    if since is not None:
        _, start = period_of(since, granularity)
        first = start if since == start else next_period(start, granularity)
    if until is not None:
        _, start = period_of(until, granularity)
        whole_last = next_period(start, granularity) - one_day == until
        before = next_period(start, granularity) if whole_last else start
    inside = first is None or before is None or first < before
    if not inside and since is not None and until is not None:
        # no whole period inside: the range is counted from its days alone
        return RangeSplit(False, first, before, ((since, until),) if since <= until else ())
    if since is not None and first is not None and since < first:
        ends.append((since, first - one_day))
    if until is not None and before is not None and until >= before:
        ends.append((before, until))
    return RangeSplit(True, first, before, tuple(ends))
