"""Event counts per UTC day of publication and facet value, kept as articles are written.

The explorer shows how many events a filter leaves, how many of each type, quad class,
actor, outlet, place and status, and how many per day; an actor's page, how many events
the actor did and had done to it; the map, how many events of each quad class each place
had. Counted from the events on every request, that is a
scan of every event joined to its article (549,000 events at 100,000 articles: 0.7 s for
the total, 4.9 s for the facets). This table holds the counts themselves, one row per day,
copy flag, actor, facet and value (a few hundred rows a day), and pages sum those rows.

Every write that adds articles or changes which articles are copies recomputes the rows
of the days those articles were published on, from those days' events, in the same
transaction: the cost follows the days a batch touches, not the store's size, and writing
the same articles again leaves the same rows. Resetting every story recounts everything
(:func:`rebuild`), as does a bulk load.

Rows keyed by an actor hold what the explorer's facets need under an actor filter; the
actor is any code or id the event names on either side that has no colon (states,
organisations, blocs), so the explorer under a person (``person:...``) counts the events.
The actors facet itself (source and target codes) is kept for every event only, since a
facet is counted under every filter but its own, and so are the events each actor id
did and had done to it (a person's page reads its totals, and from which day on its
newest events lie, from these). Facets are also kept crossed with the quad class
(:data:`QUAD_CROSSED`), so a quad class and one other narrowing field (the explorer under
an actor and a quad class) still read these rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    cast,
    delete,
    false,
    func,
    insert,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from blocwatch.store import actor_counts, pair_counts
from blocwatch.store.actor_counts import (
    Writer,
    as_date,
    dialect_of,
    on_days,
    on_stored_days,
    publication_day,
)
from blocwatch.store.schema import ArticleRow, EventCountRow, EventRow

EVERY = ""
"""The ``actor`` of rows that count every event."""
ALL = "all"
"""The ``dimension`` of rows that count events (``value`` ``""``)."""
QUAD_CROSSED = {
    "type": "type_quad",
    "outlet": "outlet_quad",
    "status": "status_quad",
    "place": "place_quad",
    "source_code": "source_code_quad",
    "target_code": "target_code_quad",
}
"""Dimension → the same dimension crossed with the quad class: the value with the quad
class before it (``"4|Kyiv"``, ``"|Kyiv"`` without one). A filter on quad classes and one
other field (an actor's conflicts of one type), and the facets under a quad class, read
these rows; ``place_quad`` is also the map's grouping."""
FACETS = (
    "type",
    "quad_class",
    "outlet",
    "place",
    "status",
    *(QUAD_CROSSED[name] for name in ("place", "type", "outlet", "status")),
)
"""Dimensions counted for every event and under each actor."""
SIDES = (
    "source_code",
    "target_code",
    QUAD_CROSSED["source_code"],
    QUAD_CROSSED["target_code"],
    "source_actor_id",
    "target_actor_id",
)
"""Dimensions counted for every event only: the actors facet (codes, also by quad class),
and the events each actor id did and had done to it (a person's, whose own rows are not
kept)."""

_COUNTS: Any = EventCountRow.__table__
_CHUNK = 100
_ACTOR_COLUMNS = ("source_code", "target_code", "source_actor_id", "target_actor_id")
_COUNTED: dict[str, Any] = {
    "type": EventRow.type,
    "outlet": ArticleRow.outlet,
    "status": EventRow.status,
    "place": EventRow.place,
    "source_code": EventRow.source_code,
    "target_code": EventRow.target_code,
}
"""The column each quad-crossed dimension counts."""


def _base(dialect: str, where: ColumnElement[bool] | None) -> Any:
    """The events to count with what they are counted by (a CTE read by every part)."""
    quad = func.coalesce(cast(EventRow.quad_class, String), "")
    query = select(
        publication_day(dialect).label("day"),
        ArticleRow.copy_of.is_not(None).label("copy"),
        EventRow.type.label("type"),
        cast(EventRow.quad_class, String).label("quad_class"),
        ArticleRow.outlet.label("outlet"),
        EventRow.place.label("place"),
        EventRow.status.label("status"),
        *(getattr(EventRow, name).label(name) for name in _ACTOR_COLUMNS),
        *((quad + "|" + _COUNTED[name]).label(crossed) for name, crossed in QUAD_CROSSED.items()),
    ).join(ArticleRow, ArticleRow.id == EventRow.article_id)
    if where is not None:
        query = query.where(where)
    return query.cte("counted")


def _keyed(base: Any) -> Any:
    """Each event once under every colon-free code or id it names on either side."""
    parts = []
    for i, name in enumerate(_ACTOR_COLUMNS):
        column = base.c[name]
        earlier = [column.is_distinct_from(base.c[other]) for other in _ACTOR_COLUMNS[:i]]
        parts.append(
            select(
                base.c.day,
                base.c.copy,
                column.label("actor"),
                *(base.c[facet] for facet in FACETS),
            ).where(column.is_not(None), ~column.contains(":"), *earlier)
        )
    return union_all(*parts).cte("keyed")


def _parts(base: Any, keyed: Any) -> list[Any]:
    """One grouped select per (actor rows, dimension), as ``event_counts`` columns."""
    parts = []
    for source, actor in ((base, literal(EVERY)), (keyed, keyed.c.actor)):
        dimensions = (ALL, *FACETS, *(SIDES if source is base else ()))
        for dimension in dimensions:
            value = literal("") if dimension == ALL else source.c[dimension]
            query = select(
                source.c.day,
                source.c.copy,
                actor,
                literal(dimension),
                value,
                func.count(),
            ).group_by(source.c.day, source.c.copy, *(() if source is base else (actor,)))
            if dimension != ALL:
                query = query.where(value.is_not(None)).group_by(value)
            parts.append(query)
    return parts


def _count(session: Writer, where: ColumnElement[bool] | None) -> None:
    base = _base(dialect_of(session), where)
    columns = ["day", "copy", "actor", "dimension", "value", "events"]
    session.execute(insert(_COUNTS).from_select(columns, union_all(*_parts(base, _keyed(base)))))


def _days_of(session: Writer, article_ids: Iterable[str]) -> set[date | None]:
    day = publication_day(dialect_of(session))
    ids = sorted(set(article_ids))
    found: set[date | None] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for (value,) in session.execute(select(day).where(ArticleRow.id.in_(chunk)).group_by(day)):
            found.add(None if value is None else as_date(value))
    return found


def refresh_days(session: Writer, days: Iterable[date | None]) -> None:
    """Count the events of these days again, from scratch, the actors' mentions
    (:mod:`blocwatch.store.actor_counts`) and the pairs' tone
    (:mod:`blocwatch.store.pair_counts`)."""
    wanted = sorted(set(days), key=lambda d: (d is None, d or date.min))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        session.execute(delete(_COUNTS).where(on_stored_days(_COUNTS, chunk)))
        _count(session, on_days(chunk))
        actor_counts.refresh_days(session, chunk)
        pair_counts.refresh_days(session, chunk)


def refresh_articles(session: Writer, article_ids: Iterable[str]) -> None:
    """Count again the days these articles were published on (after they were written,
    became or stopped being copies, or joined other stories)."""
    refresh_days(session, _days_of(session, article_ids))


_MARKED = "blocwatch.event_counts.marked"


def mark_articles(session: Session, article_ids: Iterable[str]) -> None:
    """Note that the days of these articles are to be counted again before the session's
    transaction commits (:func:`count_marked`, which the store's write transactions call):
    an ingest batch stores articles, marks copies and grows stories over the same days, and
    counts them once instead of up to three times."""
    session.info.setdefault(_MARKED, set()).update(article_ids)


def count_marked(session: Session) -> None:
    """Count again the days of the articles marked in this transaction, once."""
    marked = session.info.pop(_MARKED, None)
    if marked:
        refresh_articles(session, marked)


def recount_events(session: Writer) -> None:
    """Count every event again (this table only; the actors' tables are left as they are)."""
    session.execute(delete(_COUNTS))
    _count(session, None)


def rebuild(session: Writer) -> None:
    """Count every event, mention and pair's tone again (after a bulk load or when every
    story is reset)."""
    if isinstance(session, Session):
        session.info.pop(_MARKED, None)  # every day is counted now
    recount_events(session)
    actor_counts.rebuild(session)
    pair_counts.rebuild(session)


# --------------------------------------------------------------------------- reading


def rows(
    *,
    actor: str | None,
    include_copies: bool,
    since: date | None,
    until: date | None,
) -> list[ColumnElement[bool]]:
    """The conditions on ``event_counts`` rows for these filters."""
    where: list[ColumnElement[bool]] = [_COUNTS.c.actor == (actor or EVERY)]
    if not include_copies:
        where.append(_COUNTS.c.copy == false())
    if since is not None:
        where.append(_COUNTS.c.day >= since)
    if until is not None:
        where.append(_COUNTS.c.day <= until)
    return where


def narrowed(dimension: str | None, values: Sequence[str]) -> list[ColumnElement[bool]]:
    """Rows counting the events whose ``dimension`` is one of ``values`` (or all of them)."""
    if dimension is None:
        return [_COUNTS.c.dimension == ALL]
    return [_COUNTS.c.dimension == dimension, _COUNTS.c.value.in_(list(values))]


def total(session: Session, where: Sequence[ColumnElement[bool]]) -> int:
    return int(session.scalar(select(func.sum(_COUNTS.c.events)).where(*where)) or 0)


def per_day(session: Session, where: Sequence[ColumnElement[bool]]) -> list[tuple[date, int]]:
    """Events per day of publication (dated articles only), in order."""
    found = session.execute(
        select(_COUNTS.c.day, func.sum(_COUNTS.c.events))
        .where(*where, _COUNTS.c.day.is_not(None))
        .group_by(_COUNTS.c.day)
    )
    return sorted((as_date(day), int(n)) for day, n in found)


def per_value(
    session: Session, where: Sequence[ColumnElement[bool]], dimensions: Sequence[str]
) -> Iterator[tuple[str, str, int]]:
    """(dimension, value, events) for these dimensions."""
    found = session.execute(
        select(_COUNTS.c.dimension, _COUNTS.c.value, func.sum(_COUNTS.c.events))
        .where(*where, _COUNTS.c.dimension.in_(list(dimensions)))
        .group_by(_COUNTS.c.dimension, _COUNTS.c.value)
    )
    for dimension, value, n in found:
        yield str(dimension), str(value), int(n)


def place_quads(
    session: Session, where: Sequence[ColumnElement[bool]]
) -> list[tuple[str, int | None, int]]:
    """(place, quad class, events) of the events that name a place, as the map groups them."""
    found = []
    for _, value, n in per_value(session, where, ["place_quad"]):
        quad, _, place = value.partition("|")
        found.append((place, int(quad) if quad else None, n))
    return found


def values(session: Session, dimension: str) -> list[str]:
    """Every value of ``dimension`` any stored event has."""
    query = (
        select(_COUNTS.c.value)
        .where(_COUNTS.c.actor == EVERY, _COUNTS.c.dimension == dimension)
        .group_by(_COUNTS.c.value)
    )
    return [str(value) for value in session.scalars(query)]


def side_count(session: Session, side: str, value: str) -> int:
    """Events, not from copies, whose ``side`` (``source_code``, ``target_code``,
    ``source_actor_id`` or ``target_actor_id``) is ``value``."""
    return total(session, side_rows(side, value))


def side_rows(side: str, value: str) -> list[ColumnElement[bool]]:
    """The rows counting the events, not from copies, whose ``side`` is ``value``."""
    return [
        *rows(actor=None, include_copies=False, since=None, until=None),
        *narrowed(side, [value]),
    ]


def keeps(actor: str | None) -> bool:
    """Whether rows are kept under this actor (every event's, or a colon-free code's)."""
    return actor is None or ":" not in actor


__all__ = [
    "ALL",
    "EVERY",
    "FACETS",
    "QUAD_CROSSED",
    "SIDES",
    "count_marked",
    "keeps",
    "mark_articles",
    "narrowed",
    "per_day",
    "per_value",
    "place_quads",
    "rebuild",
    "refresh_articles",
    "refresh_days",
    "rows",
    "side_count",
    "side_rows",
    "total",
    "values",
]
