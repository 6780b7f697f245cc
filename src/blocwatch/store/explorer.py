"""Events as the explorer, the map and the exports read them: filtered, counted, with their sentence.

One filter record (:class:`EventFilter`) drives the page, the API, the map and every export,
so "the events I was looking at" and "the events I downloaded" are the same rows. The
filter becomes SQLAlchemy expressions (never text), and one row shape
(:class:`EventView`) carries each event with its evidence span, the whole sentence it was
read from, the article it came from and where it happened (resolved offline by
:mod:`blocwatch.places`).

Facet counts are disjunctive, as in most search interfaces: the counts of a facet are taken
under every filter except that facet's own, so choosing ASSAULT still shows how many AGREE
events the other filters leave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from blocwatch.model import QUAD_CLASSES
from blocwatch.places import Place, gazetteer
from blocwatch.store import event_counts, keyset
from blocwatch.store.cache import cached_read
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow, SentenceRow
from blocwatch.store.timelines import as_day, day_of_publication

_CONFIDENCE: Any = getattr(EventRow, "confidence", None)
_SENTENCE_OF_EVENT = and_(
    SentenceRow.article_id == EventRow.article_id, SentenceRow.index == EventRow.sentence_index
)
"""The coder's confidence in an event, when the schema has the column (newer stores do)."""


class EventOrder(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    MOST_CONFLICTUAL = "most_conflictual"
    MOST_COOPERATIVE = "most_cooperative"


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


@dataclass(frozen=True, slots=True)
class EventFacets:
    """How many events each value of a facet would leave, under the other filters."""

    types: dict[str, int]
    quad_classes: dict[int, int]
    actors: dict[str, int]
    outlets: dict[str, int]
    countries: dict[str, int]
    statuses: dict[str, int]


# --------------------------------------------------------------------------- filtering


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


def _places_in(session: Session, country: str) -> list[str]:
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
        names = _places_in(session, f.country.upper())
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
    if f.min_confidence is not None and _CONFIDENCE is not None:
        where.append(f.min_confidence <= _CONFIDENCE)
    if f.min_tone is not None:
        where.append(SentenceRow.tone >= f.min_tone)
    if f.max_tone is not None:
        where.append(SentenceRow.tone <= f.max_tone)
    if not f.include_copies:
        where.append(ArticleRow.copy_of.is_(None))
    return where


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
        .outerjoin(SentenceRow, _SENTENCE_OF_EVENT)
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
        ids = ids.outerjoin(SentenceRow, _SENTENCE_OF_EVENT)
    ids = ids.where(*clauses).order_by(*_ORDER[order]).offset(offset)
    if limit is not None:
        ids = ids.limit(limit)
    chosen = list(session.scalars(ids))
    if not chosen:
        return []
    query = _view_query(EventRow.id.in_(chosen)).order_by(*_ORDER[order])
    return [_view(row) for row in session.execute(query)]


def _joined(query: Any, f: EventFilter) -> Any:
    """``query`` over events joined to their articles, and to their sentences only when the
    filter reads a sentence's tone (the join costs a third of a count on a large store)."""
    query = query.join(ArticleRow, ArticleRow.id == EventRow.article_id)
    if f.min_tone is not None or f.max_tone is not None:
        query = query.outerjoin(SentenceRow, _SENTENCE_OF_EVENT)
    return query


_NARROWING = {
    "types": "type",
    "quad_classes": "quad_class",
    "outlet": "outlet",
    "statuses": "status",
    "place": "place",
    "country": "place",
}
"""Filter fields the kept counts answer, one at a time → the dimension they narrow."""
_WINDOW = frozenset({"actor", "since", "until", "include_copies"})


def _narrowed_values(session: Session, f: EventFilter, name: str) -> list[str]:
    if name == "country":
        return _places_in(session, (f.country or "").upper())
    value = getattr(f, name)
    return [str(v) for v in value] if isinstance(value, tuple) else [str(value)]


def _kept(session: Session, f: EventFilter, *, grouped: bool) -> list[ColumnElement[bool]] | None:
    """The ``event_counts`` rows that count the events ``f`` selects, or ``None`` when the
    filter needs the events themselves (tone, confidence, sides, a story, two narrowing
    fields, a person). ``grouped`` rows are then grouped by another facet, which only
    the rows counting every event of the window allow."""
    given = {x.name for x in fields(f) if getattr(f, x.name) != getattr(_NO_FILTER, x.name)}
    narrowing = given - _WINDOW
    if narrowing - set(_NARROWING) or len(narrowing) > 1 or not event_counts.keeps(f.actor):
        return None
    if grouped and narrowing:
        return None
    where = event_counts.rows(
        actor=f.actor, include_copies=f.include_copies, since=f.since, until=f.until
    )
    if grouped:
        return where  # the caller picks the facets' rows
    name = next(iter(narrowing), None)
    values = _narrowed_values(session, f, name) if name else []
    return where + event_counts.narrowed(_NARROWING[name] if name else None, values)


_NO_FILTER = EventFilter()


def _count(session: Session, f: EventFilter, where: Sequence[ColumnElement[bool]]) -> int:
    kept = _kept(session, f, grouped=False)
    if kept is not None:
        return event_counts.total(session, kept)
    query = _joined(select(func.count()).select_from(EventRow), f).where(*where)
    return int(session.scalar(query) or 0)


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
            _count(session, f, where),
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


def _top(counts: Any, limit: int) -> dict[Any, int]:
    ordered = sorted(((k, int(n)) for k, n in counts), key=lambda kv: (-kv[1], str(kv[0])))
    return dict(ordered[:limit])


_FACETS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "types": ("types", (EventRow.type,)),
    "quad_classes": ("quad_classes", (EventRow.quad_class,)),
    "actors": ("actor", (EventRow.source_code, EventRow.target_code)),
    "outlets": ("outlet", (ArticleRow.outlet,)),
    "countries": ("country", (EventRow.place,)),
    "statuses": ("statuses", (EventRow.status,)),
}
"""Facet → (the filter field it narrows, the columns it counts)."""


def _facet_counts(
    session: Session, f: EventFilter, names: Sequence[str]
) -> Iterator[tuple[str, Any, int]]:
    """(facet, value, events) for the facets ``names`` under the filter ``f``, in one
    statement: the matching events are read once (a materialised CTE) and grouped per
    facet, instead of one pass over the events per facet."""
    wanted = {column.key: column for name in names for column in _FACETS[name][1]}
    kept = _kept(session, f, grouped=True)
    if kept is not None:
        dimension_of = {column.key: name for name in names for column in _FACETS[name][1]}
        for key, value, n in event_counts.per_value(session, kept, list(dimension_of)):
            yield dimension_of[key], value, n
        return
    matching = (
        _joined(select(*(c.label(k) for k, c in wanted.items())).select_from(EventRow), f)
        .where(*conditions(session, f))
        .cte("matching")
        .prefix_with("MATERIALIZED")
    )
    parts = [
        select(literal(name), cast(matching.c[column.key], String), func.count())
        .where(matching.c[column.key].is_not(None))
        .group_by(matching.c[column.key])
        for name in names
        for column in _FACETS[name][1]
    ]
    for name, value, n in session.execute(union_all(*parts)):
        yield str(name), value, int(n)


@cached_read
def event_facets(store: Store, f: EventFilter, *, limit: int = 25) -> EventFacets:
    """Counts per type, quad class, actor, outlet, country and status (disjunctive).

    Each facet counts under every filter but its own, so the facets whose own field the
    filter leaves empty share one filter and one statement; each facet the filter sets
    takes one more. An actor counts on either side, a place for the country the gazetteer
    puts it in.
    """
    sharing: dict[EventFilter, list[str]] = {}
    for name, (field, _columns) in _FACETS.items():
        apart = replace(f, **{field: getattr(EventFilter(), field)})
        sharing.setdefault(apart, []).append(name)
    counts: dict[str, Counter[Any]] = {name: Counter() for name in _FACETS}
    places = gazetteer()
    with store.session() as session:
        for apart, names in sharing.items():
            for name, value, n in _facet_counts(session, apart, names):
                if name == "countries":
                    place = places.resolve(value)
                    if place is None:
                        continue
                    value = place.country
                elif name == "quad_classes":
                    value = int(value)
                counts[name][value] += n
    return EventFacets(
        types=_top(counts["types"].items(), limit),
        quad_classes=dict(sorted(_top(counts["quad_classes"].items(), 4).items())),
        actors=_top(counts["actors"].items(), limit),
        outlets=_top(counts["outlets"].items(), limit),
        countries=_top(counts["countries"].items(), limit),
        statuses=_top(counts["statuses"].items(), limit),
    )


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """Events at one place: how many, and how many of each quad class."""

    place: Place
    names: tuple[str, ...]
    """The place as the texts wrote it (``"Nur-Sultan"``, ``"Astana"``)."""
    events: int
    quad_counts: dict[int, int]

    @property
    def main_quad(self) -> int:
        return max(self.quad_counts, key=lambda q: (self.quad_counts[q], -q), default=0)


@cached_read
def events_by_place(store: Store, f: EventFilter) -> list[PlaceCount]:
    """The filtered events that name a place the gazetteer knows, counted per place."""
    with store.session() as session:
        query = _joined(
            select(EventRow.place, EventRow.quad_class, func.count()).select_from(EventRow), f
        )
        rows = session.execute(
            query.where(*conditions(session, f), EventRow.place.is_not(None)).group_by(
                EventRow.place, EventRow.quad_class
            )
        ).all()
    places = gazetteer()
    found: dict[Place, tuple[list[str], Counter[int]]] = {}
    for name, quad, n in rows:
        place = places.resolve(name)
        if name is None or place is None:
            continue
        names, quads = found.setdefault(place, ([], Counter()))
        if name not in names:
            names.append(name)
        quads[int(quad or 0)] += int(n)
    counted = [
        PlaceCount(place, tuple(names), sum(quads.values()), dict(quads))
        for place, (names, quads) in found.items()
    ]
    return sorted(counted, key=lambda p: (-p.events, p.place.name))


@cached_read
def event_days(store: Store, f: EventFilter) -> list[tuple[date, int]]:
    """How many events the filter selects per day of reporting (UTC), in order."""
    day = day_of_publication(store)
    with store.session() as session:
        kept = _kept(session, f, grouped=False)
        if kept is not None:
            return event_counts.per_day(session, kept)
        query = _joined(select(day, func.count()).select_from(EventRow), f)
        rows = session.execute(
            query.where(*conditions(session, f), ArticleRow.published_at.is_not(None)).group_by(day)
        )
        return sorted((as_day(d), int(n)) for d, n in rows)


__all__ = [
    "EVENT_FIELDS",
    "EventFacets",
    "EventFilter",
    "EventOrder",
    "EventPage",
    "EventView",
    "PlaceCount",
    "event_days",
    "event_facets",
    "event_views",
    "events_by_place",
    "find_events",
    "iter_events",
]
