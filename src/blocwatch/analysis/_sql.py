"""SQL pieces the analyses share: which events count, and on which day they fall.

**The day of an event** is the first day of the period its ``events.date`` names:
``2022-05-02`` (also ``2022-05-02T10:00`` and the range ``2022-04-19/2022-04-20``) is that
day, ``2022-05`` is 1 May 2022, ``1993`` is 1 January 1993. An event with no date, or one
the database cannot read as a date, falls on the day its article was published (UTC).
Only the shape of the date is checked in SQL, so an impossible day such as ``2022-02-30``
is clamped in Python (:func:`blocwatch.analysis.periods.parse_day`).

**Which events count**: those whose status is one of the asked statuses (happened only,
by default), and only from articles that are not syndicated copies of another
(``articles.copy_of`` is null), so a wire story republished by five outlets is one
report, not six.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, func, literal, select

from blocwatch.model import EventStatus
from blocwatch.store.schema import ArticleRow, EventRow, SentenceRow

DEFAULT_STATUSES: tuple[EventStatus, ...] = (EventStatus.HAPPENED,)

_DAY = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])([^0-9]|$)"
_YEAR = r"^[0-9]{4}([^0-9-]|$)"


def checked_statuses(statuses: Collection[EventStatus | str]) -> list[str]:
    """The statuses as stored, refusing ``negated``: an event that did not happen never counts."""
    values = [str(EventStatus(s)) for s in statuses]
    if EventStatus.NEGATED in values:
        raise ValueError("negated events did not happen and cannot be counted")
    if not values:
        raise ValueError("no event status asked for: nothing would be counted")
    return values


def published_day(dialect: str) -> ColumnElement[str]:
    """The article's publication day in UTC, as ``YYYY-MM-DD`` text."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", ArticleRow.published_at), "YYYY-MM-DD")
    return func.substr(ArticleRow.published_at, 1, 10, type_=String)


def event_day(dialect: str) -> ColumnElement[str]:
    """The event's day as ``YYYY-MM-DD`` text (see the module docstring); null when unknown."""
    when = EventRow.date
    return case(
        (when.regexp_match(_DAY), func.substr(when, 1, 10, type_=String)),
        (when.regexp_match(_MONTH), func.substr(when, 1, 7, type_=String) + literal("-01")),
        (when.regexp_match(_YEAR), func.substr(when, 1, 4, type_=String) + literal("-01-01")),
        else_=published_day(dialect),
    )


MIN_CONFIDENCE = 0.5
"""Events the coder is less sure of than this stay out of relations and alignment: the
same floor as the pages' default view (``Settings.min_confidence``)."""


def counted(
    statuses: Collection[EventStatus | str],
    day: ColumnElement[str] | None,
    since: date | None,
    until: date | None,
    min_confidence: float = MIN_CONFIDENCE,
) -> ColumnElement[bool]:
    """The filter every analysis uses: asked statuses, confident events, no copies, a known
    day inside the range.

    ``day`` may be ``None`` when there is no range and the caller does not group by day
    (working out each event's day is the costliest part of the filter on SQLite), and then
    the events need not be joined to their articles: copies are left out by id.
    """
    conditions: list[ColumnElement[bool]] = [
        EventRow.status.in_(checked_statuses(statuses)),
        EventRow.confidence >= min_confidence,
        EventRow.article_id.not_in(select(ArticleRow.id).where(ArticleRow.copy_of.is_not(None))),
    ]
    if day is None and (since is not None or until is not None):
        raise ValueError("a date range needs the event day")
    if day is not None:
        conditions.append(day.is_not(None))
    if day is not None and since is not None:
        conditions.append(day >= since.isoformat())
    if day is not None and until is not None:
        conditions.append(day <= until.isoformat())
    return and_(*conditions)


def id_list() -> ColumnElement[Any]:
    """The ids of the events in a group, as comma-separated text (both backends)."""
    return func.aggregate_strings(cast(EventRow.id, String), ",")


def parse_ids(text: str | None) -> tuple[int, ...]:
    return tuple(sorted(int(part) for part in text.split(","))) if text else ()


def quad_count(quad: int) -> ColumnElement[Any]:
    return func.sum(case((EventRow.quad_class == quad, 1), else_=0))


def sentence_text(fallback_start: Any, fallback_end: Any) -> ColumnElement[str]:
    """The sentence holding a fact (outer-join :class:`SentenceRow`); the fact's own words
    when the sentence was not stored."""
    return case(
        (
            SentenceRow.start.is_not(None),
            func.substr(
                ArticleRow.text, SentenceRow.start + 1, SentenceRow.end - SentenceRow.start
            ),
        ),
        else_=func.substr(ArticleRow.text, fallback_start + 1, fallback_end - fallback_start),
    )


def sentence_of(article_id: Any, sentence_index: Any) -> ColumnElement[bool]:
    """The join condition from a fact to its sentence."""
    return and_(SentenceRow.article_id == article_id, SentenceRow.index == sentence_index)
