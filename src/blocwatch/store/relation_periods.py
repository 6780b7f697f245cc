"""Relation counts per pair of actors and week or month, kept as the event clusters change.

Relation and alignment charts fold counted event clusters into periods; over a whole
corpus that is every cluster on every request. This table holds the fold itself, one row
per granularity, pair (``a < b``), status and period start, each with its quad-class
counts, its Goldstein scores as a histogram, its reports, outlets and clusters. Every
write that changes a cluster (new members, a new day, copies found, a rebuild) recomputes
the rows of the periods the cluster was in before and is in after, from the clusters of
those periods, in the same transaction: the cost follows what a batch touches, not the
store's size.

Only clusters that relations count are kept: with a target other than the source, and a
day. Which statuses count is the reader's choice, so every status has its rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from types import SimpleNamespace
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from blocwatch.model import EventCluster, PairPeriod
from blocwatch.periods import Granularity, next_period, period_of
from blocwatch.store.schema import (
    EventClusterMemberRow,
    EventClusterRow,
    EventClusterStateRow,
    RelationPeriodRow,
)

GRANULARITIES = (Granularity.WEEK, Granularity.MONTH)
QUADS = (1, 2, 3, 4)
REBUILD_ABOVE = 2000
"""More periods touched than this and the whole table is rebuilt in one pass instead."""

Key = tuple[str, date, str, str, str]
"""``(granularity, start, status, a, b)``: one row."""

_CHUNK = 200
_PERIODS: Any = RelationPeriodRow.__table__
T = TypeVar("T")


def _chunks(values: Iterable[T], size: int = _CHUNK) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def first_event() -> Any:
    """A cluster's first stored mention (the smallest member event id)."""
    return (
        select(func.min(EventClusterMemberRow.event_id))
        .where(EventClusterMemberRow.cluster_id == EventClusterRow.id)
        .scalar_subquery()
    )


def _counted() -> list[ColumnElement[bool]]:
    return [
        EventClusterRow.target_code.is_not(None),
        EventClusterRow.source_code != EventClusterRow.target_code,
        EventClusterRow.day.is_not(None),
    ]


def _keys(
    status: str,
    source: str,
    target: str,
    day: date,
    granularities: Sequence[Granularity] = GRANULARITIES,
) -> Iterator[Key]:
    a, b = sorted((source, target))
    for granularity in granularities:
        yield str(granularity), period_of(day, granularity)[1], status, a, b


def keys_of(session: Session, cluster_ids: Iterable[int]) -> set[Key]:
    """The rows these clusters count in now (read before a change, and after it)."""
    keys: set[Key] = set()
    columns = (
        EventClusterRow.status,
        EventClusterRow.source_code,
        EventClusterRow.target_code,
        EventClusterRow.day,
    )
    for chunk in _chunks(sorted(set(cluster_ids)), 500):
        query = select(*columns).where(EventClusterRow.id.in_(chunk), *_counted())
        for row in session.execute(query):
            keys.update(_keys(row.status, row.source_code, row.target_code, row.day))
    return keys


class _Cluster(NamedTuple):
    id: int
    status: str
    source_code: str
    target_code: str
    day: date
    goldstein: float | None
    quad_class: int | None
    reports: int
    outlets: Sequence[str]
    first_event: int | None


def _fold(
    rows: Iterable[Any], granularities: Sequence[Granularity] = GRANULARITIES
) -> dict[Key, dict[str, Any]]:
    """Counted clusters folded into table rows (pure)."""
    folded: dict[Key, dict[str, Any]] = {}
    for row in rows:
        for key in _keys(row.status, row.source_code, row.target_code, row.day, granularities):
            found = folded.setdefault(
                key,
                {"quads": dict.fromkeys(QUADS, 0), "scores": {}, "reports": 0, "outlets": set()},
            )
            found.setdefault("clusters", []).append((row.day, row.id, row.first_event))
            if row.quad_class in found["quads"]:
                found["quads"][row.quad_class] += 1
            if row.goldstein is not None:
                scores = found["scores"]
                scores[row.goldstein] = scores.get(row.goldstein, 0) + 1
            found["reports"] += row.reports
            found["outlets"].update(row.outlets or ())
    return {key: _columns(key, found) for key, found in folded.items()}


def _columns(key: Key, found: dict[str, Any]) -> dict[str, Any]:
    granularity, start, status, a, b = key
    scores = sorted(found["scores"].items())
    clusters = sorted(found["clusters"], key=lambda c: (c[0], c[1]))
    quads = found["quads"]
    return {
        "granularity": granularity,
        "start": start,
        "status": status,
        "a": a,
        "b": b,
        "events": len(clusters),
        **{f"q{q}": quads[q] for q in QUADS},
        "scored": sum(n for _, n in scores),
        "goldstein_sum": math.fsum(value for value, n in scores for _ in range(n)),
        "goldstein": [[value, n] for value, n in scores],
        "reports": found["reports"],
        "outlets": sorted(found["outlets"]),
        "clusters": [[day.isoformat(), cid, first] for day, cid, first in clusters],
    }


def _cluster_columns() -> tuple[Any, ...]:
    return (
        EventClusterRow.id,
        EventClusterRow.status,
        EventClusterRow.source_code,
        EventClusterRow.target_code,
        EventClusterRow.day,
        EventClusterRow.goldstein,
        EventClusterRow.quad_class,
        EventClusterRow.reports,
        EventClusterRow.outlets,
        first_event().label("first_event"),
    )


def _clusters_of_row() -> Any:
    """The clusters of one row: one statement of one shape, compiled once and reused."""
    pair: tuple[Any, Any] = (bindparam("k_a"), bindparam("k_b"))
    return select(*_cluster_columns()).where(
        EventClusterRow.source_code.in_(pair),
        EventClusterRow.target_code.in_(pair),
        EventClusterRow.source_code != EventClusterRow.target_code,
        EventClusterRow.status == bindparam("k_status"),
        EventClusterRow.day >= bindparam("k_start"),
        EventClusterRow.day < bindparam("k_end"),
    )


def update(session: Session, keys: Iterable[Key]) -> None:
    """Recompute these rows from their clusters (a row whose clusters are gone goes)."""
    wanted = sorted(set(keys))
    if not wanted:
        return
    if len(wanted) > REBUILD_ABOVE:
        rebuild(session)
        return
    session.execute(
        delete(_PERIODS).where(
            _PERIODS.c.granularity == bindparam("k_granularity"),
            _PERIODS.c.start == bindparam("k_start"),
            _PERIODS.c.status == bindparam("k_status"),
            _PERIODS.c.a == bindparam("k_a"),
            _PERIODS.c.b == bindparam("k_b"),
        ),
        [
            {"k_granularity": g, "k_start": s, "k_status": st, "k_a": a, "k_b": b}
            for g, s, st, a, b in wanted
        ],
    )
    clusters: dict[int, Any] = {}
    query, connection = _clusters_of_row(), session.connection()
    for granularity, start, status, a, b in wanted:
        end = next_period(start, Granularity(granularity))
        params = {"k_a": a, "k_b": b, "k_status": status, "k_start": start, "k_end": end}
        clusters.update((row.id, row) for row in connection.execute(query, params))
    keep = set(wanted)
    rows = [row for key, row in _fold(clusters.values()).items() if key in keep]
    for chunk in _chunks(rows, 500):
        session.execute(insert(RelationPeriodRow), chunk)


def rebuild(session: Session) -> None:
    """Every row again from every counted cluster; the table is then complete.

    One pass per granularity over the clusters in day order, folding one period at a
    time: memory holds a period's clusters, not the store's (a million-article store has
    hundreds of thousands of clusters).
    """
    session.execute(delete(_PERIODS))
    query = (
        select(*_cluster_columns())
        .where(*_counted())
        .order_by(EventClusterRow.day, EventClusterRow.id)
    )
    for granularity in GRANULARITIES:
        period: date | None = None
        held: list[Any] = []
        for row in session.execute(query, execution_options={"yield_per": 5000}):
            start = period_of(row.day, granularity)[1]
            if start != period:
                _insert_folded(session, held, granularity)
                period, held = start, []
            held.append(row)
        _insert_folded(session, held, granularity)
    set_complete(session, True)


def _insert_folded(session: Session, clusters: list[Any], granularity: Granularity) -> None:
    rows = list(_fold(clusters, (granularity,)).values())
    for chunk in _chunks(rows, 500):
        session.execute(insert(RelationPeriodRow), chunk)


def clear(session: Session) -> None:
    """Forget every row (the clusters are being rebuilt); counted again by :func:`rebuild`."""
    session.execute(delete(_PERIODS))
    set_complete(session, False)


def set_complete(session: Session, complete: bool) -> None:
    row = session.get(EventClusterStateRow, 1)
    if row is None:
        session.add(EventClusterStateRow(id=1, periods_complete=complete))
    else:
        row.periods_complete = complete
    session.flush()


def is_complete(session: Session) -> bool:
    """Whether the table holds every counted cluster (a fresh store's empty one does)."""
    complete = session.scalar(select(EventClusterStateRow.periods_complete))
    return complete is None or bool(complete)


def pair_period(row: Any) -> PairPeriod:
    """A stored row as the record the analyses fold."""
    return PairPeriod(
        granularity=row.granularity,
        start=row.start,
        status=row.status,
        a=row.a,
        b=row.b,
        quad_counts=(row.q1, row.q2, row.q3, row.q4),
        goldstein=tuple((float(value), int(n)) for value, n in row.goldstein),
        reports=row.reports,
        outlets=tuple(row.outlets),
        clusters=tuple(
            (date.fromisoformat(day), int(cid), first) for day, cid, first in row.clusters
        ),
    )


def periods_of(clusters: Iterable[EventCluster], granularity: Granularity) -> list[PairPeriod]:
    """Clusters folded the way the table folds them, oldest period first (pure)."""
    counted = (
        _Cluster(
            c.id,
            str(c.status),
            c.source_code,
            c.target_code,
            c.day,
            c.goldstein,
            c.quad_class,
            c.reports,
            c.outlets,
            c.first_event_id,
        )
        for c in clusters
        if c.target_code is not None and c.source_code != c.target_code and c.day is not None
    )
    folded = _fold(counted, (Granularity(granularity),))
    return [
        pair_period(SimpleNamespace(**row))
        for _, row in sorted(folded.items(), key=lambda item: (item[0][1], item[0][2:]))
    ]
