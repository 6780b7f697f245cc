"""Reading event clusters: the ones between actors, totals per pair, and their reports.

Relations, alignment and the "explain a number" pages count event clusters, never
mentions (see :mod:`blocwatch.stories.event_clusters`); these are their queries. A
cluster's day is stored, so a date range is an indexed comparison.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select

from blocwatch.model import (
    ClusterReport,
    EventCluster,
    EventStatus,
    Evidence,
    PairPeriod,
    PairTotal,
    Span,
)
from blocwatch.store import relation_periods
from blocwatch.store.repository import Store
from blocwatch.store.schema import (
    ArticleRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    RelationPeriodRow,
    SentenceRow,
)

_CHUNK = 500
QUADS = (1, 2, 3, 4)
T = TypeVar("T")


def _chunks(values: Iterable[T]) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def checked_statuses(statuses: Collection[EventStatus | str]) -> list[str]:
    """The statuses as stored, refusing ``negated``: an event that did not happen never counts."""
    values = [str(EventStatus(s)) for s in statuses]
    if EventStatus.NEGATED in values:
        raise ValueError("negated events did not happen and cannot be counted")
    if not values:
        raise ValueError("no event status asked for: nothing would be counted")
    return values


def _counted(
    statuses: Collection[EventStatus | str], since: date | None, until: date | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        EventClusterRow.status.in_(checked_statuses(statuses)),
        EventClusterRow.target_code.is_not(None),
        EventClusterRow.source_code != EventClusterRow.target_code,
    ]
    if since is not None:
        conditions.append(EventClusterRow.day >= since)
    if until is not None:
        conditions.append(EventClusterRow.day <= until)
    return conditions


def _cluster(row: EventClusterRow, first_event_id: int | None) -> EventCluster:
    return EventCluster(
        id=row.id,
        type=row.type,
        status=EventStatus(row.status),
        source_code=row.source_code,
        target_code=row.target_code,
        symmetric=row.symmetric,
        day=row.day,
        place=row.place,
        cameo=row.cameo,
        goldstein=row.goldstein,
        quad_class=row.quad_class,
        reports=row.reports,
        sources=row.sources,
        outlets=tuple(row.outlets or ()),
        first_event_id=first_event_id,
    )


_first_event = relation_periods.first_event


def clusters_between(
    store: Store,
    side_a: Collection[str],
    side_b: Collection[str],
    *,
    statuses: Collection[EventStatus | str],
    since: date | None = None,
    until: date | None = None,
    directed: bool = False,
) -> list[EventCluster]:
    """Counted clusters between any actor of ``side_a`` and any of ``side_b``, by day.

    ``directed`` keeps what ``side_a`` did to ``side_b``, and the mutual acts between
    them (a meeting is something both did).
    """
    a, b = sorted(set(side_a)), sorted(set(side_b))
    forward = and_(EventClusterRow.source_code.in_(a), EventClusterRow.target_code.in_(b))
    backward = and_(EventClusterRow.source_code.in_(b), EventClusterRow.target_code.in_(a))
    if directed:
        backward = and_(backward, EventClusterRow.symmetric)
    query = (
        select(EventClusterRow, _first_event().label("first_event"))
        .where(or_(forward, backward), *_counted(statuses, since, until))
        .order_by(EventClusterRow.day, EventClusterRow.id)
    )
    with store.session() as session:
        return [_cluster(row, first) for row, first in session.execute(query)]


def pair_totals(
    store: Store,
    *,
    statuses: Collection[EventStatus | str],
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
    undated: bool = False,
) -> list[PairTotal]:
    """Per pair of actors (``a`` sorting first), counted from the clusters themselves:
    clusters, per quad class, and their Goldstein scores' sum and count. ``undated``
    counts only the clusters without a day (which no date range holds)."""
    source, target = EventClusterRow.source_code, EventClusterRow.target_code
    first = case((source < target, source), else_=target).label("a")
    second = case((source < target, target), else_=source).label("b")
    query = (
        select(
            first,
            second,
            func.count().label("events"),
            *(
                func.sum(case((EventClusterRow.quad_class == q, 1), else_=0)).label(f"q{q}")
                for q in QUADS
            ),
            func.coalesce(func.sum(EventClusterRow.goldstein), 0.0).label("goldstein_sum"),
            func.count(EventClusterRow.goldstein).label("scored"),
        )
        .where(*_counted(statuses, since, until))
        .group_by(first, second)
    )
    if undated:
        query = query.where(EventClusterRow.day.is_(None))
    elif since is not None or until is not None:
        query = query.where(EventClusterRow.day.is_not(None))
    if actor is not None:
        query = query.where(or_(source == actor, target == actor))
    with store.session() as session:
        return [_total(row) for row in session.execute(query)]


def _total(row: Any) -> PairTotal:
    a, b = sorted((row.a, row.b))  # as Python orders them, whatever the collation
    return PairTotal(
        a=a,
        b=b,
        events=int(row.events),
        quad_counts=(int(row.q1 or 0), int(row.q2 or 0), int(row.q3 or 0), int(row.q4 or 0)),
        goldstein_sum=float(row.goldstein_sum or 0.0),
        scored=int(row.scored or 0),
    )


def periods_complete(store: Store) -> bool:
    """Whether the stored relation periods hold every counted cluster."""
    with store.session() as session:
        return relation_periods.is_complete(session)


def _periods_in(
    granularity: str,
    statuses: Collection[EventStatus | str],
    first: date | None,
    before: date | None,
) -> list[ColumnElement[bool]]:
    conditions = [
        RelationPeriodRow.granularity == granularity,
        RelationPeriodRow.status.in_(checked_statuses(statuses)),
    ]
    if first is not None:
        conditions.append(RelationPeriodRow.start >= first)
    if before is not None:
        conditions.append(RelationPeriodRow.start < before)
    return conditions


def pair_periods(
    store: Store,
    granularity: str,
    side_a: Collection[str],
    side_b: Collection[str],
    *,
    statuses: Collection[EventStatus | str],
    first: date | None = None,
    before: date | None = None,
) -> list[PairPeriod]:
    """The stored periods between any actor of ``side_a`` and any of ``side_b`` (either
    direction) that start from ``first`` and before ``before``, oldest first."""
    a, b = sorted(set(side_a)), sorted(set(side_b))
    forward = and_(RelationPeriodRow.a.in_(a), RelationPeriodRow.b.in_(b))
    backward = and_(RelationPeriodRow.a.in_(b), RelationPeriodRow.b.in_(a), ~forward)
    # One query per direction: each is one index range (the key, or the index by ``b``),
    # where an OR of both made PostgreSQL without statistics scan every period.
    found = []
    with store.session() as session:
        for pairs in (forward, backward):
            query = select(RelationPeriodRow.__table__).where(
                pairs, *_periods_in(granularity, statuses, first, before)
            )
            found += [relation_periods.pair_period(row) for row in session.execute(query)]
    return sorted(found, key=lambda p: (p.start, p.a, p.b, p.status))


def period_totals(
    store: Store,
    *,
    statuses: Collection[EventStatus | str],
    first: date | None = None,
    before: date | None = None,
    actor: str | None = None,
) -> list[PairTotal]:
    """Per pair, the stored monthly counts summed over the months from ``first`` and
    before ``before``: what :func:`pair_totals` counts, from a few rows per pair."""
    row = RelationPeriodRow
    query = (
        select(
            row.a,
            row.b,
            func.sum(row.events).label("events"),
            *(func.sum(getattr(row, f"q{q}")).label(f"q{q}") for q in QUADS),
            func.sum(row.goldstein_sum).label("goldstein_sum"),
            func.sum(row.scored).label("scored"),
        )
        .where(*_periods_in("month", statuses, first, before))
        .group_by(row.a, row.b)
    )
    # An actor's pairs: one index range where it sorts first (the key), one where second.
    queries = (
        [query] if actor is None else [query.where(row.a == actor), query.where(row.b == actor)]
    )
    with store.session() as session:
        return [_total(r) for q in queries for r in session.execute(q)]


def clusters_by_id(store: Store, cluster_ids: Sequence[int]) -> list[EventCluster]:
    """The clusters with these ids, newest day first; ids that no longer exist are skipped."""
    found: list[EventCluster] = []
    with store.session() as session:
        for chunk in _chunks(sorted(set(cluster_ids))):
            query = select(EventClusterRow, _first_event()).where(EventClusterRow.id.in_(chunk))
            found.extend(_cluster(row, first) for row, first in session.execute(query))
    return sorted(found, key=lambda c: (c.day is None, -(c.day.toordinal() if c.day else 0), c.id))


def reports_of(store: Store, cluster_ids: Sequence[int]) -> list[ClusterReport]:
    """Every article's report of these clusters, with the whole sentence, oldest first.

    One mention per article and cluster (a mutual act is stored in both directions,
    and an article may say it twice): the first sentence that reports it.
    """
    found: dict[tuple[int, str], ClusterReport] = {}
    with store.session() as session:
        for chunk in _chunks(sorted(set(cluster_ids))):
            for row in session.execute(_reports_query(chunk)):
                key = (row.cluster_id, row.article_id)
                if key not in found:
                    found[key] = _report(row)
    return sorted(
        found.values(),
        key=lambda r: (
            r.cluster_id,
            r.published_at is None,
            r.published_at.timestamp() if r.published_at else 0.0,
            r.evidence.article_id,
        ),
    )


def _reports_query(chunk: Sequence[int]) -> Select[*tuple[Any, ...]]:
    """Each member event of the clusters with its article, and its sentence's span when
    the sentence is stored, earliest sentence first so the first row of an article is
    the one shown."""
    return (
        select(
            EventClusterMemberRow.cluster_id,
            EventRow.id,
            EventRow.article_id,
            EventRow.sentence_index,
            EventRow.start,
            EventRow.end,
            SentenceRow.start.label("sentence_start"),
            SentenceRow.end.label("sentence_end"),
            ArticleRow.text,
            ArticleRow.title,
            ArticleRow.url,
            ArticleRow.outlet,
            ArticleRow.published_at,
            ArticleRow.copy_of,
        )
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(
            SentenceRow,
            and_(
                SentenceRow.article_id == EventRow.article_id,
                SentenceRow.index == EventRow.sentence_index,
            ),
        )
        .where(EventClusterMemberRow.cluster_id.in_(chunk))
        .order_by(EventRow.sentence_index, EventRow.id)
    )


def _report(row: Any) -> ClusterReport:
    """A report citing the whole sentence, or the event's own span when the sentence
    was not stored."""
    start, end = (
        (row.sentence_start, row.sentence_end)
        if row.sentence_start is not None
        else (row.start, row.end)
    )
    return ClusterReport(
        cluster_id=row.cluster_id,
        event_id=row.id,
        evidence=Evidence(
            row.article_id, row.sentence_index, Span(start, end), row.text[start:end]
        ),
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published_at=row.published_at,
        copy_of=row.copy_of,
    )
