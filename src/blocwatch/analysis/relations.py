"""Relations between two actors over time, and the graph of all relations in a period.

Actors are the codes events carry (``events.source_code``/``target_code``): a state's ISO3
code or an organisation's short code; people are counted for the state or organisation
they stand for. Which events count, and on which day each falls, is explained in
:mod:`blocwatch.analysis._sql`: by default only events that *happened* (planned and
claimed ones can be asked for through ``statuses``; negated ones never count), and never
from syndicated copies.

Per period a :class:`RelationPoint` gives the number of events, the counts per quad class
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict;
events without a quad class count in ``events`` only), the sum of Goldstein scores and
their mean over the events that have one (0.0 when none has), and the ids of the events,
through which every point leads back to its sentences. Periods without events are left
out: a time axis shows the gap.

Counting happens in the database, grouped by day; days are folded into weeks or months
afterwards, because ISO weeks have no portable SQL spelling.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from blocwatch.analysis import _sql
from blocwatch.analysis.periods import Granularity, parse_day, period_of
from blocwatch.model import EventStatus
from blocwatch.store import Store
from blocwatch.store.schema import ArticleRow, EventRow

QUADS = (1, 2, 3, 4)
COOPERATION_QUADS = (1, 2)


@dataclass(frozen=True, slots=True)
class RelationPoint:
    period: str
    """``2022-05`` for a month, ``2022-W19`` for an ISO week."""
    start: date
    events: int
    quad_counts: dict[int, int]
    """Events per quad class, every class present (0 when none)."""
    goldstein_sum: float
    goldstein_mean: float
    event_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RelationEdge:
    """All counted events between two actors in a period, in either direction (``a < b``)."""

    a: str
    b: str
    events: int
    goldstein_mean: float
    cooperation_share: float
    """Share of the events with a quad class that are cooperation (quad class 1 or 2)."""
    quad_counts: dict[int, int]


@dataclass(slots=True)
class _Tally:
    events: int = 0
    quads: dict[int, int] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    scored: int = 0
    goldstein_sum: float = 0.0
    ids: list[int] = field(default_factory=list)


def _quad_columns() -> list[Any]:
    return [_sql.quad_count(q).label(f"q{q}") for q in QUADS]


def relation_series(
    store: Store,
    a: str,
    b: str,
    *,
    granularity: Granularity = Granularity.MONTH,
    since: date | None = None,
    until: date | None = None,
    directed: bool = False,
    statuses: Collection[EventStatus] = _sql.DEFAULT_STATUSES,
) -> list[RelationPoint]:
    """Events between ``a`` and ``b`` per period, oldest first.

    Undirected by default (``a`` to ``b`` and ``b`` to ``a``); ``directed=True`` counts only
    what ``a`` did to ``b``.
    """
    granularity = Granularity(granularity)
    day = _sql.event_day(store.dialect).label("day")
    pair = and_(EventRow.source_code == a, EventRow.target_code == b)
    if not directed:
        pair = or_(pair, and_(EventRow.source_code == b, EventRow.target_code == a))
    query = (
        select(
            day,
            func.count().label("events"),
            *_quad_columns(),
            func.count(EventRow.goldstein).label("scored"),
            func.coalesce(func.sum(EventRow.goldstein), 0.0).label("goldstein_sum"),
            _sql.id_list().label("ids"),
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(pair, _sql.counted(statuses, day, since, until))
        .group_by(day)
    )
    tallies: dict[tuple[str, date], _Tally] = {}
    with store.session() as session:
        for row in session.execute(query):
            tally = tallies.setdefault(period_of(parse_day(row.day), granularity), _Tally())
            tally.events += row.events
            for q in QUADS:
                tally.quads[q] += getattr(row, f"q{q}")
            tally.scored += row.scored
            tally.goldstein_sum += float(row.goldstein_sum)
            tally.ids.extend(_sql.parse_ids(row.ids))
    return [
        RelationPoint(
            period=label,
            start=start,
            events=tally.events,
            quad_counts=tally.quads,
            goldstein_sum=tally.goldstein_sum,
            goldstein_mean=tally.goldstein_sum / tally.scored if tally.scored else 0.0,
            event_ids=tuple(sorted(tally.ids)),
        )
        for (label, start), tally in sorted(tallies.items(), key=lambda item: item[0][1])
    ]


def relation_graph(
    store: Store,
    *,
    since: date | None = None,
    until: date | None = None,
    min_events: int = 1,
    actor: str | None = None,
    statuses: Collection[EventStatus] = _sql.DEFAULT_STATUSES,
) -> list[RelationEdge]:
    """Every pair of actors with at least ``min_events`` counted events, busiest first.

    Direction is folded away (an edge is the pair, ``a`` sorting before ``b``); events of an
    actor with itself (a state's ministry against its president) are not edges. ``actor``
    keeps only the edges of that actor (its partners, for an actor page).
    """
    ranged = since is not None or until is not None
    day = _sql.event_day(store.dialect) if ranged else None
    first = case(
        (EventRow.source_code < EventRow.target_code, EventRow.source_code),
        else_=EventRow.target_code,
    ).label("a")
    second = case(
        (EventRow.source_code < EventRow.target_code, EventRow.target_code),
        else_=EventRow.source_code,
    ).label("b")
    events = func.count().label("events")
    query = (
        select(
            first,
            second,
            events,
            *_quad_columns(),
            func.coalesce(func.avg(EventRow.goldstein), 0.0).label("goldstein_mean"),
        )
        .where(
            EventRow.source_code.is_not(None),
            EventRow.target_code.is_not(None),
            EventRow.source_code != EventRow.target_code,
            _sql.counted(statuses, day, since, until),
        )
        .group_by(first, second)
        .having(func.count() >= min_events)
        .order_by(events.desc(), first, second)
    )
    if ranged:
        query = query.join(ArticleRow, ArticleRow.id == EventRow.article_id)
    if actor is not None:
        query = query.where(or_(EventRow.source_code == actor, EventRow.target_code == actor))
    edges = []
    with store.session() as session:
        for row in session.execute(query):
            quads = {q: int(getattr(row, f"q{q}")) for q in QUADS}
            classed = sum(quads.values())
            cooperation = sum(quads[q] for q in COOPERATION_QUADS)
            edges.append(
                RelationEdge(
                    a=row.a,
                    b=row.b,
                    events=row.events,
                    goldstein_mean=float(row.goldstein_mean),
                    cooperation_share=cooperation / classed if classed else 0.0,
                    quad_counts=quads,
                )
            )
    return edges
