"""How many events the explorer's filter selects: in all, per facet value, per place and
per day.

Whenever the filter allows, the figures are sums of the kept counts
(:mod:`blocwatch.store.event_counts`); otherwise they are counted over the events.
Facet counts are disjunctive, as in most search interfaces: the counts of a facet are
taken under every filter except that facet's own, so choosing ASSAULT still shows how
many AGREE events the other filters leave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from blocwatch.places import Place, gazetteer
from blocwatch.store import event_counts
from blocwatch.store.cache import cached_read
from blocwatch.store.explorer._filter import EventFilter, conditions, joined, places_in
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow
from blocwatch.store.timelines import as_day, day_of_publication


@dataclass(frozen=True, slots=True)
class EventFacets:
    """How many events each value of a facet would leave, under the other filters."""

    types: dict[str, int]
    quad_classes: dict[int, int]
    actors: dict[str, int]
    outlets: dict[str, int]
    countries: dict[str, int]
    statuses: dict[str, int]


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
        return places_in(session, (f.country or "").upper())
    value = getattr(f, name)
    return [str(v) for v in value] if isinstance(value, tuple) else [str(value)]


@dataclass(frozen=True, slots=True)
class _Kept:
    """The ``event_counts`` rows that count the events a filter selects."""

    where: list[ColumnElement[bool]]
    quads: tuple[str, ...] = ()
    """When given, the rows are to be grouped by the facets crossed with the quad class
    (:data:`event_counts.QUAD_CROSSED`), keeping the values of these quad classes."""


def _kept(session: Session, f: EventFilter, *, grouped: bool) -> _Kept | None:
    """The ``event_counts`` rows that count the events ``f`` selects, or ``None`` when the
    filter needs the events themselves (tone, confidence, sides, a story, two narrowing
    fields but a quad class and one other, a person). ``grouped`` rows are then grouped by
    another facet, which only the rows counting every event of the window allow, or the
    rows crossed with the quad class when that is what narrows."""
    given = {x.name for x in fields(f) if getattr(f, x.name) != getattr(_NO_FILTER, x.name)}
    narrowing = given - _WINDOW
    if narrowing - set(_NARROWING) or not event_counts.keeps(f.actor):
        return None
    where = event_counts.rows(
        actor=f.actor, include_copies=f.include_copies, since=f.since, until=f.until
    )
    quads = tuple(str(q) for q in f.quad_classes)
    if grouped:
        if narrowing - {"quad_classes"}:
            return None
        return _Kept(where, quads)  # the caller picks the facets' rows
    if len(narrowing) > 1 and (len(narrowing) > 2 or "quad_classes" not in narrowing):
        return None
    name = next(iter(sorted(narrowing - {"quad_classes"})), None)
    if name is None:
        dimension = "quad_class" if quads else None
        return _Kept(where + event_counts.narrowed(dimension, quads))
    dimension, values = _NARROWING[name], _narrowed_values(session, f, name)
    if quads:  # and one other field: its values crossed with the quad classes
        dimension = event_counts.QUAD_CROSSED[dimension]
        values = [f"{quad}|{value}" for quad in quads for value in values]
    return _Kept(where + event_counts.narrowed(dimension, values))


_NO_FILTER = EventFilter()


def count_events(session: Session, f: EventFilter, where: Sequence[ColumnElement[bool]]) -> int:
    kept = _kept(session, f, grouped=False)
    if kept is not None:
        return event_counts.total(session, kept.where)
    query = joined(select(func.count()).select_from(EventRow), f).where(*where)
    return int(session.scalar(query) or 0)


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
    crossed = event_counts.QUAD_CROSSED
    if kept is not None and (not kept.quads or all(key in crossed for key in wanted)):
        dimension_of = {
            crossed[key] if kept.quads else key: name
            for name in names
            for key in (column.key for column in _FACETS[name][1])
        }
        for key, value, n in event_counts.per_value(session, kept.where, list(dimension_of)):
            if kept.quads:
                quad, _, value = value.partition("|")
                if quad not in kept.quads:
                    continue
            yield dimension_of[key], value, n
        return
    matching = (
        joined(select(*(c.label(k) for k, c in wanted.items())).select_from(EventRow), f)
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


def _place_quads(session: Session, f: EventFilter) -> list[tuple[str, int | None, int]]:
    """(place, quad class, events) of the filtered events that name a place: sums of the
    kept counts when the filter is a window (actor, days, copies) and quad classes, which
    the kept ``place_quad`` rows carry; otherwise grouped over the events."""
    kept = _kept(session, replace(f, quad_classes=()), grouped=True)
    if kept is not None:
        quads = set(f.quad_classes)
        found = event_counts.place_quads(session, kept.where)
        return [row for row in found if not quads or row[1] in quads]
    query = joined(
        select(EventRow.place, EventRow.quad_class, func.count()).select_from(EventRow), f
    )
    rows = session.execute(
        query.where(*conditions(session, f), EventRow.place.is_not(None)).group_by(
            EventRow.place, EventRow.quad_class
        )
    )
    return [(str(place), quad, int(n)) for place, quad, n in rows]


@cached_read
def events_by_place(store: Store, f: EventFilter) -> list[PlaceCount]:
    """The filtered events that name a place the gazetteer knows, counted per place."""
    with store.session() as session:
        rows = _place_quads(session, f)
    places = gazetteer()
    found: dict[Place, tuple[list[str], Counter[int]]] = {}
    for name, quad, n in sorted(rows, key=lambda row: (row[0], row[1] or 0)):
        place = places.resolve(name)
        if place is None:
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
            return event_counts.per_day(session, kept.where)
        query = joined(select(day, func.count()).select_from(EventRow), f)
        rows = session.execute(
            query.where(*conditions(session, f), ArticleRow.published_at.is_not(None)).group_by(day)
        )
        return sorted((as_day(d), int(n)) for d, n in rows)
