"""The explorer's events as rows people read: one page of them in a stable order, or all
of them streamed for an export.

One row shape (:class:`EventView`) carries each event with its evidence span, the whole
sentence it was read from, the article it came from and where it happened (resolved
offline by :mod:`blocwatch.places`). Pages are keyset-paged (:mod:`blocwatch.store.keyset`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from blocwatch.model import QUAD_CLASSES
from blocwatch.places import gazetteer
from blocwatch.store import keyset
from blocwatch.store.cache import cached_read
from blocwatch.store.explorer._counts import count_events
from blocwatch.store.explorer._filter import SENTENCE_OF_EVENT, EventFilter, conditions
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow, SentenceRow


class EventOrder(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    MOST_CONFLICTUAL = "most_conflictual"
    MOST_COOPERATIVE = "most_cooperative"


@dataclass(frozen=True, slots=True)
class EventView:
    """An event as people read it: who did what to whom, where, and the sentence that says so."""

    id: int
    type: str
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    source_actor_id: str | None
    source_name: str | None
    source_code: str | None
    target_actor_id: str | None
    target_name: str | None
    target_code: str | None
    date: str | None
    place: str | None
    status: str
    article_id: str
    sentence_index: int
    evidence: str
    """The words the event was read from (``start``..``end`` of the article's text)."""
    article_title: str | None = None
    published: datetime | None = None
    mode: str | None = None
    claimed_by: str | None = None
    start: int = 0
    end: int = 0
    sentence: str | None = None
    """The whole sentence around the evidence."""
    outlet: str | None = None
    story_id: str | None = None
    url: str | None = None
    place_name: str | None = None
    """The gazetteer's name for ``place``, when it resolved."""
    place_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place_precision: str | None = None
    confidence: float | None = None
    tone: float | None = None
    """Tone of the event's sentence (VADER compound, -1..+1; :mod:`blocwatch.nlp.tone`)."""
    article_tone: float | None = None

    @property
    def quad_name(self) -> str | None:
        return QUAD_CLASSES.get(self.quad_class) if self.quad_class else None

    @property
    def when(self) -> str | None:
        """The event's own date, else the day the article reporting it was published."""
        if self.date:
            return self.date
        return self.published.date().isoformat() if self.published else None

    @property
    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence cut around the evidence (before, evidence, after), for marking it."""
        sentence = self.sentence or ""
        at = sentence.find(self.evidence) if self.evidence else -1
        if at < 0:
            return "", self.evidence or sentence, ""
        return sentence[:at], self.evidence, sentence[at + len(self.evidence) :]


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EventView))


@dataclass(frozen=True, slots=True)
class EventPage:
    total: int
    events: list[EventView]


_NEWEST = keyset.SortKey(ArticleRow.published_at, descending=True, nulls_last=True, moment=True)
_OLDEST = keyset.SortKey(ArticleRow.published_at, nulls_last=True, moment=True)
_BY_ID = keyset.SortKey(EventRow.id)
_KEYS: dict[EventOrder, tuple[keyset.SortKey, ...]] = {
    EventOrder.NEWEST: (_NEWEST, _BY_ID),
    EventOrder.OLDEST: (_OLDEST, _BY_ID),
    EventOrder.MOST_CONFLICTUAL: (keyset.SortKey(EventRow.goldstein, nulls_last=True), _BY_ID),
    EventOrder.MOST_COOPERATIVE: (
        keyset.SortKey(EventRow.goldstein, descending=True, nulls_last=True),
        _BY_ID,
    ),
}
_ORDER = {order: tuple(keyset.order_by(keys)) for order, keys in _KEYS.items()}


def event_cursor(view: EventView, order: EventOrder) -> str:
    """The cursor of the page that follows this event, in this order."""
    first = view.published if order in (EventOrder.NEWEST, EventOrder.OLDEST) else view.goldstein
    return keyset.encode([first, view.id])


def _view_query(where: Sequence[ColumnElement[bool]] | ColumnElement[bool]) -> Select[Any]:
    clauses = [where] if isinstance(where, ColumnElement) else list(where)
    return (
        select(
            EventRow,
            ArticleRow.title,
            ArticleRow.published_at,
            ArticleRow.outlet,
            ArticleRow.story_id,
            ArticleRow.url,
            func.substr(ArticleRow.text, EventRow.start + 1, EventRow.end - EventRow.start),
            func.substr(
                ArticleRow.text, SentenceRow.start + 1, SentenceRow.end - SentenceRow.start
            ),
            SentenceRow.tone,
            ArticleRow.tone,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(SentenceRow, SENTENCE_OF_EVENT)
        .where(*clauses)
    )


def _view(row: Any) -> EventView:
    e, title, published, outlet, story_id, url, evidence, sentence, tone, article_tone = row
    place = gazetteer().resolve(e.place)
    return EventView(
        e.id, e.type, e.cameo, e.goldstein, e.quad_class,
        e.source_actor_id, e.source_name, e.source_code,
        e.target_actor_id, e.target_name, e.target_code,
        e.date, e.place, e.status, e.article_id, e.sentence_index, evidence or "",
        title, published, e.mode, e.claimed_by_name, e.start, e.end,
        sentence, outlet, story_id, url,
        place.name if place else None, place.country if place else None,
        place.latitude if place else None, place.longitude if place else None,
        place.precision if place else None,
        getattr(e, "confidence", None), tone, article_tone,
    )  # fmt: skip


def event_views(
    session: Session,
    where: Sequence[ColumnElement[bool]] | ColumnElement[bool],
    *,
    limit: int | None,
    offset: int = 0,
    after: str | None = None,
    order: EventOrder = EventOrder.NEWEST,
    reads_sentences: bool = False,
) -> list[EventView]:
    """Events matching ``where`` (over events and articles) as views, one page of them.

    The page's ids are chosen first from narrow rows; only those events are then read with
    their texts, so sorting never carries every matching event's sentence along.
    ``reads_sentences`` says that ``where`` reads the sentence's columns (its tone).
    ``after`` is the cursor (:func:`event_cursor`) of the previous page's last event.
    """
    clauses = [where] if isinstance(where, ColumnElement) else list(where)
    if after is not None:
        clauses.append(keyset.after(_KEYS[order], keyset.decode(after, _KEYS[order])))
    ids = select(EventRow.id).join(ArticleRow, ArticleRow.id == EventRow.article_id)
    if reads_sentences:
        ids = ids.outerjoin(SentenceRow, SENTENCE_OF_EVENT)
    ids = ids.where(*clauses).order_by(*_ORDER[order]).offset(offset)
    if limit is not None:
        ids = ids.limit(limit)
    chosen = list(session.scalars(ids))
    if not chosen:
        return []
    query = _view_query(EventRow.id.in_(chosen)).order_by(*_ORDER[order])
    return [_view(row) for row in session.execute(query)]


@cached_read
def find_events(
    store: Store,
    f: EventFilter,
    *,
    limit: int = 50,
    offset: int = 0,
    after: str | None = None,
    order: EventOrder = EventOrder.NEWEST,
) -> EventPage:
    """One page of the events the filter selects, and how many there are in all; the page
    starts ``offset`` events on, or after the event whose cursor is ``after``."""
    with store.session() as session:
        where = conditions(session, f)
        return EventPage(
            count_events(session, f, where),
            event_views(
                session,
                where,
                limit=limit,
                offset=offset,
                after=after,
                order=order,
                reads_sentences=f.min_tone is not None or f.max_tone is not None,
            ),
        )


def iter_events(store: Store, f: EventFilter, *, batch: int = 500) -> Iterator[EventView]:
    """Every event the filter selects, oldest report first, streamed (for exports)."""
    with store.session() as session:
        query = _view_query(conditions(session, f)).order_by(
            ArticleRow.published_at.asc().nulls_last(), EventRow.article_id, EventRow.start
        )
        for row in session.execute(query.execution_options(yield_per=batch)):
            yield _view(row)
