"""Relations between two actors over time, and the graph of all relations in a period.

Actors are the codes events carry (``source_code``/``target_code``): a state's ISO3 code
or an organisation's short code; people are counted for the state or organisation they
stand for. **What is counted is event clusters, never mentions**: one real-world event
reported by ten articles is one event (:mod:`blocwatch.stories.event_clusters`), so
coverage volume does not drive the figures. By default only events that *happened*
count (planned and claimed ones can be asked for through ``statuses``; negated ones
never count), and only events the coder was sure of (the store's confidence floor).

Per period a :class:`RelationPoint` gives the number of event clusters, their counts per
quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict), the mean Goldstein score with its 95% t interval and the cooperation share
with its 95% Wilson interval (:mod:`blocwatch.analysis.uncertainty` says why those), how
many outlets and reports stand behind it, whether it rests on enough independent events
to be plotted (``min_events``), and the ids of its clusters, through which every point
leads back to its sentences.

A mutual act (a meeting, an agreement, cooperation) has no direction; every other act
goes one way, and a directed series counts what ``a`` did to ``b`` and their mutual acts.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from blocwatch.analysis._sql import DEFAULT_STATUSES
from blocwatch.analysis.periods import Granularity, period_of, periods_between
from blocwatch.analysis.uncertainty import mean_interval, wilson_interval
from blocwatch.model import EventCluster, EventStatus
from blocwatch.store import Store
from blocwatch.store import cluster_reads as reads

QUADS = (1, 2, 3, 4)
COOPERATION_QUADS = (1, 2)
MIN_EVENTS_PER_POINT = 3
"""The default of ``Settings.min_events_per_point``: fewer independent events than this
and a point is not plotted (its period is a gap)."""


@dataclass(frozen=True, slots=True)
class RelationPoint:
    period: str
    """``2022-05`` for a month, ``2022-W19`` for an ISO week."""
    start: date
    events: int
    """Event clusters (real-world events), not mentions."""
    quad_counts: dict[int, int]
    """Events per quad class, every class present (0 when none)."""
    goldstein_sum: float
    goldstein_mean: float
    """Mean over the events with a score; 0.0 when none has one."""
    goldstein_low: float | None = None
    goldstein_high: float | None = None
    """95% t interval of the mean (None below two scored events)."""
    cooperation_share: float | None = None
    """Share of the events with a quad class that are cooperation (quad 1 or 2)."""
    share_low: float | None = None
    share_high: float | None = None
    """95% Wilson interval of the share."""
    outlets: tuple[str, ...] = ()
    """The outlets of the independent reports behind the point."""
    reports: int = 0
    """Articles behind the point, syndicated copies included."""
    enough: bool = False
    """At least ``min_events`` events: the point is plotted."""
    cluster_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()
    """One stored mention per cluster (its first), for a quick way to a sentence."""


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


def summarise_period(
    period: str, start: date, clusters: Sequence[EventCluster], min_events: int
) -> RelationPoint:
    """One point from the clusters that fall in its period (pure)."""
    quads = dict.fromkeys(QUADS, 0)
    for c in clusters:
        if c.quad_class in quads:
            quads[c.quad_class] += 1
    scores = [c.goldstein for c in clusters if c.goldstein is not None]
    classed = sum(quads.values())
    cooperation = sum(quads[q] for q in COOPERATION_QUADS)
    share = low = high = None
    if classed:
        share = cooperation / classed
        low, high = wilson_interval(cooperation, classed)
    interval = mean_interval(scores)
    return RelationPoint(
        period=period,
        start=start,
        events=len(clusters),
        quad_counts=quads,
        goldstein_sum=math.fsum(scores),
        goldstein_mean=math.fsum(scores) / len(scores) if scores else 0.0,
        goldstein_low=interval[0] if interval else None,
        goldstein_high=interval[1] if interval else None,
        cooperation_share=share,
        share_low=low,
        share_high=high,
        outlets=tuple(sorted({o for c in clusters for o in c.outlets})),
        reports=sum(c.reports for c in clusters),
        enough=len(clusters) >= min_events,
        cluster_ids=tuple(c.id for c in clusters),
        event_ids=tuple(sorted(c.first_event_id for c in clusters if c.first_event_id)),
    )


def series_of(
    clusters: Sequence[EventCluster],
    granularity: Granularity,
    *,
    min_events: int = MIN_EVENTS_PER_POINT,
    since: date | None = None,
    until: date | None = None,
    every_period: bool = False,
) -> list[RelationPoint]:
    """Clusters folded into periods, oldest first (pure).

    With ``every_period`` the periods without events are present too (``events`` 0),
    from ``since`` (else the first event) to ``until`` (else the last): a chart shows
    them as gaps, not as a line drawn across them.
    """
    by_period: dict[tuple[str, date], list[EventCluster]] = {}
    for c in clusters:
        if c.day is not None:
            by_period.setdefault(period_of(c.day, granularity), []).append(c)
    if every_period and (by_period or (since and until)):
        starts = [start for _, start in by_period]
        first, last = since or min(starts), until or max(starts)
        for label, start in periods_between(first, last, granularity):
            by_period.setdefault((label, start), [])
    return [
        summarise_period(label, start, found, min_events)
        for (label, start), found in sorted(by_period.items(), key=lambda item: item[0][1])
    ]


def relation_series(
    store: Store,
    a: str,
    b: str,
    *,
    granularity: Granularity = Granularity.MONTH,
    since: date | None = None,
    until: date | None = None,
    directed: bool = False,
    statuses: Collection[EventStatus] = DEFAULT_STATUSES,
    min_events: int = MIN_EVENTS_PER_POINT,
    every_period: bool = False,
) -> list[RelationPoint]:
    """Event clusters between ``a`` and ``b`` per period, oldest first.

    Undirected by default (``a`` to ``b``, ``b`` to ``a`` and their mutual acts);
    ``directed=True`` counts what ``a`` did to ``b`` and their mutual acts.
    """
    granularity = Granularity(granularity)
    clusters = reads.clusters_between(
        store, [a], [b], statuses=statuses, since=since, until=until, directed=directed
    )
    return series_of(
        clusters,
        granularity,
        min_events=min_events,
        since=since,
        until=until,
        every_period=every_period,
    )


def relation_graph(
    store: Store,
    *,
    since: date | None = None,
    until: date | None = None,
    min_events: int = 1,
    actor: str | None = None,
    statuses: Collection[EventStatus] = DEFAULT_STATUSES,
) -> list[RelationEdge]:
    """Every pair of actors with at least ``min_events`` event clusters, busiest first.

    Direction is folded away (an edge is the pair, ``a`` sorting before ``b``); events of an
    actor with itself (a state's ministry against its president) are not edges. ``actor``
    keeps only the edges of that actor (its partners, for an actor page).
    """
    edges = []
    for row in reads.pair_totals(
        store, statuses=statuses, since=since, until=until, actor=actor, min_events=min_events
    ):
        quads = {q: int(getattr(row, f"q{q}") or 0) for q in QUADS}
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
