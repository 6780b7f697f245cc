"""The explorer's filter and the SQL conditions it becomes (never text).

One record (:class:`EventFilter`) drives the page, the API, the map and every export, so
"the events I was looking at" and "the events I downloaded" are the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_
from sqlalchemy.orm import Session

from blocwatch.places import gazetteer
from blocwatch.store import event_counts
from blocwatch.store.schema import ArticleRow, EventRow, SentenceRow

CONFIDENCE: Any = getattr(EventRow, "confidence", None)
"""The coder's confidence in an event, when the schema has the column (newer stores do)."""
SENTENCE_OF_EVENT = and_(
    SentenceRow.article_id == EventRow.article_id, SentenceRow.index == EventRow.sentence_index
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to show. Empty fields do not filter; every given field must hold.

    ``actor`` is an actor id (``person:...``) or a code (``RUS``) on either side; ``pair``
    two of them, in either direction. ``country`` is where the event happened (the country
    of its place). ``since``/``until`` are days the event was reported (its article's
    publication day, which every event has; its own date is often unknown).
    """

    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    pair: tuple[str, str] | None = None
    country: str | None = None
    place: str | None = None
    """The place as the text names it (``"Astana"``)."""
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    story: str | None = None
    statuses: tuple[str, ...] = ()
    min_confidence: float | None = None
    min_tone: float | None = None
    """Events whose sentence's tone is at least this (-1..+1)."""
    max_tone: float | None = None
    include_copies: bool = False
    """Syndicated copies repeat their original's events; they are left out unless asked for."""

    @property
    def is_empty(self) -> bool:
        return self == EventFilter(include_copies=self.include_copies)


def _either_side(value: str) -> ColumnElement[bool]:
    return or_(
        EventRow.source_code == value,
        EventRow.target_code == value,
        EventRow.source_actor_id == value,
        EventRow.target_actor_id == value,
    )


def _side(side: str, value: str) -> ColumnElement[bool]:
    code = getattr(EventRow, f"{side}_code")
    actor_id = getattr(EventRow, f"{side}_actor_id")
    return or_(code == value, actor_id == value)


def places_in(session: Session, country: str) -> list[str]:
    """The place names stored in events that the gazetteer puts in ``country``, read from
    the kept counts (every stored event's place is there; the events' own column took a
    scan of every event, 80 ms at 100,000 articles)."""
    names = event_counts.values(session, "place")
    places = gazetteer()
    found: list[str] = []
    for name in names:
        place = places.resolve(name)
        if name is not None and place is not None and place.country == country:
            found.append(name)
    return found


def conditions(session: Session, f: EventFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions over ``events`` joined to ``articles``."""
    where: list[ColumnElement[bool]] = []
    if f.types:
        where.append(EventRow.type.in_(f.types))
    if f.quad_classes:
        where.append(EventRow.quad_class.in_(f.quad_classes))
    if f.actor:
        where.append(_either_side(f.actor))
    if f.source:
        where.append(_side("source", f.source))
    if f.target:
        where.append(_side("target", f.target))
    if f.pair:
        a, b = f.pair
        where.append(
            or_(
                and_(_side("source", a), _side("target", b)),
                and_(_side("source", b), _side("target", a)),
            )
        )
    if f.country:
        names = places_in(session, f.country.upper())
        where.append(EventRow.place.in_(names) if names else false())
    if f.place:
        where.append(EventRow.place == f.place)
    if f.since:
        where.append(ArticleRow.published_at >= datetime.combine(f.since, time.min, UTC))
    if f.until:
        where.append(ArticleRow.published_at <= datetime.combine(f.until, time.max, UTC))
    if f.outlet:
        where.append(ArticleRow.outlet == f.outlet)
    if f.story:
        where.append(ArticleRow.story_id == f.story)
    if f.statuses:
        where.append(EventRow.status.in_(f.statuses))
    if f.min_confidence is not None and CONFIDENCE is not None:
        where.append(f.min_confidence <= CONFIDENCE)
    if f.min_tone is not None:
        where.append(SentenceRow.tone >= f.min_tone)
    if f.max_tone is not None:
        where.append(SentenceRow.tone <= f.max_tone)
    if not f.include_copies:
        where.append(ArticleRow.copy_of.is_(None))
    return where


def joined(query: Any, f: EventFilter) -> Any:
    """``query`` over events joined to their articles, and to their sentences only when the
    filter reads a sentence's tone (the join costs a third of a count on a large store)."""
    query = query.join(ArticleRow, ArticleRow.id == EventRow.article_id)
    if f.min_tone is not None or f.max_tone is not None:
        query = query.outerjoin(SentenceRow, SENTENCE_OF_EVENT)
    return query
