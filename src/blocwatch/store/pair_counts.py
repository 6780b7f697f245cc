"""The tone of the sentences reporting an event between two actors, per UTC day, kept as
articles are written.

A pair's page charts the tone of the sentences holding an event between the two codes
(either direction) per day of publication, syndicated copies left out. Counted from the
events on every request, that joins every one of the pair's events to its sentence and
its article (0.33 s for the busiest pair at a million articles). This table holds, per
pair of codes (in either order, stored once: ``a`` sorts first) and day, how many
distinct such sentences have a tone and the sum of their tones; the page sums a few
hundred rows.

The rows are kept with the event counts (:mod:`blocwatch.store.event_counts` calls
:func:`refresh_days` and :func:`rebuild`): the days a write touches are counted again
from those days' events, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, or_, select

from blocwatch.store.actor_counts import (
    Writer,
    as_date,
    dialect_of,
    on_days,
    on_stored_days,
    publication_day,
)
from blocwatch.store.schema import ArticleRow, EventRow, PairToneDayRow, SentenceRow

_PAIRS: Any = PairToneDayRow.__table__
_COLUMNS = ["a", "b", "day", "sentences", "tone_sum"]


def _tone_days(dialect: str, where: Any) -> Any:
    """Per pair and day: the distinct sentences holding an event between the pair, from
    dated reports that are not copies, that have a tone, and the sum of their tones."""
    source, target = EventRow.source_code, EventRow.target_code
    held = (
        select(
            case((source <= target, source), else_=target).label("a"),
            case((source <= target, target), else_=source).label("b"),
            publication_day(dialect).label("day"),
            EventRow.article_id,
            EventRow.sentence_index,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(
            source.is_not(None),
            target.is_not(None),
            ArticleRow.published_at.is_not(None),
            ArticleRow.copy_of.is_(None),
        )
    )
    if where is not None:
        held = held.where(where)
    sentences = held.distinct().subquery()
    return (
        select(
            sentences.c.a,
            sentences.c.b,
            sentences.c.day,
            func.count(),
            func.sum(SentenceRow.tone),
        )
        .select_from(sentences)
        .join(
            SentenceRow,
            and_(
                SentenceRow.article_id == sentences.c.article_id,
                SentenceRow.index == sentences.c.sentence_index,
            ),
        )
        .where(SentenceRow.tone.is_not(None))
        .group_by(sentences.c.a, sentences.c.b, sentences.c.day)
    )


def count(session: Writer, where: Any) -> None:
    """Count the pairs' sentences of the articles ``where`` selects (every one: ``None``)."""
    query = _tone_days(dialect_of(session), where)
    session.execute(insert(_PAIRS).from_select(_COLUMNS, query))


def refresh_days(session: Writer, days: Sequence[date | None]) -> None:
    """Count these days again (the caller chunks the days)."""
    session.execute(delete(_PAIRS).where(on_stored_days(_PAIRS, days)))
    count(session, on_days(days))


def rebuild(session: Writer) -> None:
    session.execute(delete(_PAIRS))
    count(session, None)


def tone_days(session: Any, a: str, b: str) -> list[tuple[date, float, int]]:
    """(day, sum of tones, sentences) of the sentences holding an event between the codes
    ``a`` and ``b``, either way round, from reports that are not copies."""
    pair = or_(
        and_(_PAIRS.c.a == a, _PAIRS.c.b == b),
        and_(_PAIRS.c.a == b, _PAIRS.c.b == a),
    )
    found = session.execute(
        select(_PAIRS.c.day, func.sum(_PAIRS.c.tone_sum), func.sum(_PAIRS.c.sentences))
        .where(pair)
        .group_by(_PAIRS.c.day)
    )
    return [(as_date(day), float(total or 0.0), int(n)) for day, total, n in found]


__all__ = ["count", "rebuild", "refresh_days", "tone_days"]
