"""From the event ids behind a chart point to the sentences that state them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from blocwatch.analysis import _sql
from blocwatch.store import Store
from blocwatch.store.schema import ArticleRow, EventRow, SentenceRow

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """One event with the article and sentence it was read from."""

    event_id: int
    type: str
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    goldstein: float | None
    quad_class: int | None
    date: str | None
    status: str
    article_id: str
    title: str | None
    outlet: str | None
    published_at: datetime | None
    sentence_index: int
    start: int
    """Span of the event's words in the article text."""
    end: int
    sentence: str
    """The whole sentence (the event's own words when the sentence was not stored)."""


def event_evidence(store: Store, event_ids: Sequence[int]) -> list[EventEvidence]:
    """The events with these ids, newest article first, each with its sentence.

    Ids that do not exist (any more) are skipped: a chart may outlive a re-ingest.
    """
    wanted = sorted(set(event_ids))
    sentence = _sql.sentence_text(EventRow.start, EventRow.end).label("sentence")
    found: list[EventEvidence] = []
    with store.session() as session:
        for first in range(0, len(wanted), _CHUNK):
            query = (
                select(
                    EventRow, ArticleRow.title, ArticleRow.outlet, ArticleRow.published_at, sentence
                )
                .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                .outerjoin(
                    SentenceRow, _sql.sentence_of(EventRow.article_id, EventRow.sentence_index)
                )
                .where(EventRow.id.in_(wanted[first : first + _CHUNK]))
            )
            for event, title, outlet, published_at, text in session.execute(query):
                found.append(
                    EventEvidence(
                        event_id=event.id,
                        type=event.type,
                        source_code=event.source_code,
                        source_name=event.source_name,
                        target_code=event.target_code,
                        target_name=event.target_name,
                        goldstein=event.goldstein,
                        quad_class=event.quad_class,
                        date=event.date,
                        status=event.status,
                        article_id=event.article_id,
                        title=title,
                        outlet=outlet,
                        published_at=published_at,
                        sentence_index=event.sentence_index,
                        start=event.start,
                        end=event.end,
                        sentence=text,
                    )
                )
    return sorted(
        found,
        key=lambda e: (
            e.published_at is None,
            -e.published_at.timestamp() if e.published_at else 0.0,
            e.event_id,
        ),
    )
