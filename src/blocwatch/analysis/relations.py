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

Series and the graph are folded from :class:`~blocwatch.model.PairPeriod` records: the
counts the store keeps per pair, week or month (:mod:`blocwatch.store.relation_periods`),
so a chart reads a few hundred rows, not every cluster of the corpus. Where those do not
answer (the partial periods at the ends of a date range, days, directed series, a store
whose counts are not built yet) the clusters are read and folded the same way, so both
give the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from blocwatch.analysis.uncertainty import mean_interval, wilson_interval
from blocwatch.model import EventCluster, EventStatus, PairPeriod, PairTotal
from blocwatch.periods import Granularity, period_of, periods_between, split_range
from blocwatch.store import Store
from blocwatch.store import cluster_reads as reads
from blocwatch.store.relation_periods import GRANULARITIES, periods_of

DEFAULT_STATUSES: tuple[EventStatus, ...] = (EventStatus.HAPPENED,)
"""What counts unless asked otherwise: events that happened (negated ones never count)."""
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
    period: str, start: date, counted: Sequence[PairPeriod], min_events: int
) -> RelationPoint:
    """One point from the pair periods that fall in its period (pure)."""
    quads = {q: sum(p.quad_counts[q - 1] for p in counted) for q in QUADS}
    scores = [value for p in counted for value, n in p.goldstein for _ in range(n)]
    clusters = sorted((c for p in counted for c in p.clusters), key=lambda c: (c[0], c[1]))
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
        outlets=tuple(sorted({o for p in counted for o in p.outlets})),
        reports=sum(p.reports for p in counted),
        enough=len(clusters) >= min_events,
        cluster_ids=tuple(cluster_id for _, cluster_id, _ in clusters),
        event_ids=tuple(sorted(first for _, _, first in clusters if first)),
    )


def series_of(
    counted: Sequence[PairPeriod],
    granularity: Granularity,
    *,
    min_events: int = MIN_EVENTS_PER_POINT,
    since: date | None = None,
    until: date | None = None,
    every_period: bool = False,
) -> list[RelationPoint]:
    """Pair periods folded into points, oldest first (pure).

    With ``every_period`` the periods without events are present too (``events`` 0),
    from ``since`` (else the first event) to ``until`` (else the last): a chart shows
    them as gaps, not as a line drawn across them.
    """
    by_period: dict[tuple[str, date], list[PairPeriod]] = {}
    for p in counted:
        by_period.setdefault(period_of(p.start, granularity), []).append(p)
    if every_period and (by_period or (since and until)):
        starts = [start for _, start in by_period]
        first, last = since or min(starts), until or max(starts)
        for label, start in periods_between(first, last, granularity):
            by_period.setdefault((label, start), [])
    return [
        summarise_period(label, start, found, min_events)
        for (label, start), found in sorted(by_period.items(), key=lambda item: item[0][1])
    ]


def pair_periods(
    store: Store,
    side_a: Collection[str],
    side_b: Collection[str],
    granularity: Granularity,
    *,
    statuses: Collection[EventStatus],
    since: date | None = None,
    until: date | None = None,
    directed: bool = False,
) -> list[PairPeriod]:
    """The counted clusters between the two sides per pair and period, ``since``..``until``.

    Whole periods come from the stored counts; the partial periods at the range's ends,
    directed series, days, and a store whose counts are not built yet from the clusters.
    """
    if directed or granularity not in GRANULARITIES or not reads.periods_complete(store):
        clusters = reads.clusters_between(
            store, side_a, side_b, statuses=statuses, since=since, until=until, directed=directed
        )
        return periods_of(clusters, granularity)
    split = split_range(since, until, granularity)
    found: list[PairPeriod] = []
    if split.whole:
        found += reads.pair_periods(
            store, granularity, side_a, side_b, statuses=statuses, first=split.first,
            before=split.before,
        )  # fmt: skip
    for low, high in split.ends:
        clusters = reads.clusters_between(
            store, side_a, side_b, statuses=statuses, since=low, until=high
        )
        found += periods_of(clusters, granularity)
    return found


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
    counted = pair_periods(
        store, [a], [b], granularity, statuses=statuses, since=since, until=until,
        directed=directed,
    )  # fmt: skip
    return series_of(
        counted,
        granularity,
        min_events=min_events,
        since=since,
        until=until,
        every_period=every_period,
    )


def clusters_series(
    clusters: Sequence[EventCluster],
    granularity: Granularity,
    *,
    min_events: int = MIN_EVENTS_PER_POINT,
) -> list[RelationPoint]:
    """Clusters folded into points, oldest first (pure): what the stored counts give."""
    return series_of(periods_of(clusters, granularity), granularity, min_events=min_events)


def pair_totals(
    store: Store,
    *,
    statuses: Collection[EventStatus],
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
) -> list[PairTotal]:
    """Per pair, every counted cluster from ``since`` to ``until``: whole months from the
    stored counts, the rest (partial months, clusters without a day) from the clusters."""
    if not reads.periods_complete(store):
        return reads.pair_totals(store, statuses=statuses, since=since, until=until, actor=actor)
    split = split_range(since, until, Granularity.MONTH)
    found: list[PairTotal] = []
    if split.whole:
        found += reads.period_totals(
            store, statuses=statuses, first=split.first, before=split.before, actor=actor
        )
    for low, high in split.ends:
        found += reads.pair_totals(store, statuses=statuses, since=low, until=high, actor=actor)
    if since is None and until is None:
        found += reads.pair_totals(store, statuses=statuses, actor=actor, undated=True)
    return merge_totals(found)


def merge_totals(totals: Sequence[PairTotal]) -> list[PairTotal]:
    """The totals of each pair added up (pure)."""
    merged: dict[tuple[str, str], list[PairTotal]] = {}
    for total in totals:
        merged.setdefault((total.a, total.b), []).append(total)
    return [
        PairTotal(
            a=a,
            b=b,
            events=sum(t.events for t in found),
            quad_counts=(
                sum(t.quad_counts[0] for t in found),
                sum(t.quad_counts[1] for t in found),
                sum(t.quad_counts[2] for t in found),
                sum(t.quad_counts[3] for t in found),
            ),
            goldstein_sum=math.fsum(t.goldstein_sum for t in found),
            scored=sum(t.scored for t in found),
        )
        for (a, b), found in merged.items()
    ]


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
    totals = pair_totals(store, statuses=statuses, since=since, until=until, actor=actor)
    edges = []
    for total in sorted(totals, key=lambda t: (-t.events, t.a, t.b)):
        if total.events < min_events:
            continue
        quads = dict(zip(QUADS, total.quad_counts, strict=True))
        classed = sum(quads.values())
        cooperation = sum(quads[q] for q in COOPERATION_QUADS)
        edges.append(
            RelationEdge(
                a=total.a,
                b=total.b,
                events=total.events,
                goldstein_mean=total.goldstein_sum / total.scored if total.scored else 0.0,
                cooperation_share=cooperation / classed if classed else 0.0,
                quad_counts=quads,
            )
        )
    return edges
