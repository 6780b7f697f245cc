"""Event clusters in the database: grown at ingest, refreshed when copies are found, rebuilt.

The grouping itself is :mod:`blocwatch.stories.event_clusters`; this module reads what a
batch can touch (the clusters with a source the batch names, on the days it covers,
through an index), and writes the result in the caller's transaction, so an article is
never stored without its events clustered. When story work finds that an article is a
syndicated copy (or no longer one), the clusters it reports are summed up again: a copy
is one report with its original.

Only events that count are clustered: not negated, with a source code, and at least as
sure as the confidence floor (``Settings.min_confidence``) the store was opened with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from blocwatch.model import EventStatus
from blocwatch.store import relation_periods
from blocwatch.store.schema import (
    ArticleRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventClusterStateRow,
    EventRow,
)
from blocwatch.stories.event_clusters import (
    ClusterDraft,
    ClusterKey,
    ClusterMention,
    ReportFacts,
    assign,
    mention,
    summarise,
)

DEFAULT_MIN_CONFIDENCE = 0.8
"""The floor when none is given: the same as ``Settings.min_confidence``'s default."""

_CHUNK = 500
_CLUSTERS: Any = EventClusterRow.__table__
T = TypeVar("T")


def _chunks(values: Iterable[T]) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _published_day(local: str | None, published: datetime | None) -> date | None:
    """The publication day as the page gave it (its own time zone), else in UTC."""
    if local:
        try:
            return date.fromisoformat(local[:10])
        except ValueError:
            pass
    return published.date() if published is not None else None


def _mentions(session: Session, article_ids: Sequence[str], floor: float) -> list[ClusterMention]:
    found: list[ClusterMention] = []
    for chunk in _chunks(article_ids):
        query = (
            select(
                EventRow.id,
                EventRow.article_id,
                EventRow.type,
                EventRow.status,
                EventRow.source_code,
                EventRow.target_code,
                EventRow.date,
                EventRow.place,
                ArticleRow.published_local,
                ArticleRow.published_at,
            )
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(
                EventRow.article_id.in_(chunk),
                EventRow.status != str(EventStatus.NEGATED),
                EventRow.confidence >= floor,
                EventRow.source_code.is_not(None),
            )
        )
        for row in session.execute(query):
            found.append(
                mention(
                    row.id,
                    row.article_id,
                    event_type=row.type,
                    status=row.status,
                    source=row.source_code,
                    target=row.target_code,
                    event_date=row.date,
                    published=_published_day(row.published_local, row.published_at),
                    place=row.place,
                )
            )
    return found


def _candidates(session: Session, mentions: Sequence[ClusterMention]) -> list[ClusterDraft]:
    """Stored clusters with the key of a mention, overlapping the days of that key's mentions.

    One query per key, each bounded by its own days: bounding the whole batch by one
    span of days and its source codes read every cluster of a busy actor (its mentions'
    dates reach back years), a cost that grew with the store. A cluster this leaves out
    fits no mention of the batch, so the batch clusters as before. Drafts come in index
    order (codes, day, id), the same on every database.
    """
    spans: dict[ClusterKey, tuple[date, date]] = {}
    for m in mentions:
        if m.first is None or m.last is None:
            continue
        low, high = spans.get(m.key, (m.first, m.last))
        spans[m.key] = (min(low, m.first), max(high, m.last))
    rows: list[EventClusterRow] = []
    for (kind, status, source, target), (low, high) in spans.items():
        query = select(EventClusterRow).where(
            EventClusterRow.source_code == source,
            EventClusterRow.target_code.is_(None)
            if target is None
            else EventClusterRow.target_code == target,
            EventClusterRow.type == kind,
            EventClusterRow.status == status,
            EventClusterRow.first_day <= high,
            EventClusterRow.last_day >= low,
        )
        rows.extend(session.scalars(query))
    rows.sort(
        key=lambda r: (
            r.source_code,
            r.target_code is not None,
            r.target_code or "",
            r.day is not None,
            r.day or date.min,
            r.id,
        )
    )
    return [
        ClusterDraft(
            row.id,
            (row.type, row.status, row.source_code, row.target_code),
            row.symmetric,
            row.day,
            row.first_day,
            row.last_day,
            row.place,
        )
        for row in rows
    ]


def cluster_articles(
    session: Session,
    article_ids: Sequence[str],
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    *,
    periods: bool = True,
) -> int:
    """Cluster the events of newly stored articles; returns how many mentions joined.

    With ``periods`` the relation counts of every period a touched cluster was in, or is
    in now, are counted again (a rebuild does them all at its end instead).
    """
    mentions = _mentions(session, article_ids, min_confidence)
    if not mentions:
        return 0
    drafts = assign(mentions, _candidates(session, mentions))
    stored = [d for d in drafts if d.id is not None]
    moved = (
        relation_periods.keys_of(session, [d.id for d in stored if d.id is not None])
        if periods
        else set()
    )
    _update_spans(session, stored)
    _insert_clusters(session, [d for d in drafts if d.id is None])
    joined = _insert_members(session, drafts)
    refresh(session, [d.id for d in drafts if d.id is not None], moved=moved, periods=periods)
    return joined


def _update_spans(session: Session, stored: Sequence[ClusterDraft]) -> None:
    """Stored clusters that gained members may now span other days or name a place: one
    ``executemany`` UPDATE for all of them, not one statement per cluster."""
    if not stored:
        return
    session.execute(
        update(_CLUSTERS)
        .where(_CLUSTERS.c.id == bindparam("b_id"))
        .values(
            day=bindparam("b_day"),
            first_day=bindparam("b_first"),
            last_day=bindparam("b_last"),
            place=bindparam("b_place"),
        ),
        [
            {"b_id": d.id, "b_day": d.day, "b_first": d.first, "b_last": d.last, "b_place": d.place}
            for d in stored
        ],
    )


def _insert_clusters(session: Session, new: Sequence[ClusterDraft]) -> None:
    """Insert the new clusters in chunks and give each draft its id (returned in the order
    of the rows, so members can be linked); their report counts are summed up later."""
    for chunk in _chunks(new):
        ids = session.scalars(
            insert(EventClusterRow).returning(EventClusterRow.id, sort_by_parameter_order=True),
            [
                {
                    "type": d.type,
                    "status": d.status,
                    "source_code": d.source,
                    "target_code": d.target,
                    "symmetric": d.symmetric,
                    "day": d.day,
                    "first_day": d.first,
                    "last_day": d.last,
                    "place": d.place,
                    "reports": 0,
                    "sources": 0,
                    "outlets": [],
                }
                for d in chunk
            ],
        ).all()
        for draft, cluster_id in zip(chunk, ids, strict=True):
            draft.id = cluster_id


def _insert_members(session: Session, drafts: Sequence[ClusterDraft]) -> int:
    """Link each newly grouped event to its cluster; how many were linked."""
    members = [
        {"event_id": m.event_id, "cluster_id": d.id, "article_id": m.article_id}
        for d in drafts
        for m in d.new_members
    ]
    for rows in _chunks(members):
        session.execute(insert(EventClusterMemberRow), rows)
    return len(members)


def refresh(
    session: Session,
    cluster_ids: Iterable[int],
    *,
    moved: Iterable[relation_periods.Key] = (),
    periods: bool = True,
) -> None:
    """Sum up the clusters' reports again (after new members, or copies found), and with
    ``periods`` their relation counts, and those of the periods in ``moved`` (where
    clusters were before their day changed)."""
    wanted = sorted(set(cluster_ids))
    _sum_up(session, wanted)
    if periods:
        relation_periods.update(session, relation_periods.keys_of(session, wanted) | set(moved))


def _sum_up(session: Session, cluster_ids: Sequence[int]) -> None:
    """Count again each cluster's reports, sources and outlets and its coded scores, from
    the facts of every member's article (see :func:`summarise`)."""
    facts = _report_facts(session, cluster_ids)
    if not facts:
        return
    rows = []
    for cluster_id, members in facts.items():
        summary = summarise(members)
        rows.append(
            {
                "b_id": cluster_id,
                "b_reports": summary.reports,
                "b_sources": summary.sources,
                "b_outlets": list(summary.outlets),
                "b_cameo": summary.cameo,
                "b_goldstein": summary.goldstein,
                "b_quad": summary.quad_class,
            }
        )
    session.execute(
        update(_CLUSTERS)
        .where(_CLUSTERS.c.id == bindparam("b_id"))
        .values(
            reports=bindparam("b_reports"),
            sources=bindparam("b_sources"),
            outlets=bindparam("b_outlets"),
            cameo=bindparam("b_cameo"),
            goldstein=bindparam("b_goldstein"),
            quad_class=bindparam("b_quad"),
        ),
        rows,
    )


def _report_facts(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[ReportFacts]]:
    """Each member's article as a report of its source: a syndicated copy reports its
    original (``report``), under the original's outlet when it has one, so a wire story
    reprinted ten times is ten reports from one source."""
    original = aliased(ArticleRow)
    facts: dict[int, list[ReportFacts]] = {}
    for chunk in _chunks(cluster_ids):
        query = (
            select(
                EventClusterMemberRow.cluster_id,
                EventRow.article_id,
                func.coalesce(ArticleRow.copy_of, ArticleRow.id).label("report"),
                original.outlet,
                ArticleRow.outlet.label("own_outlet"),
                EventRow.cameo,
                EventRow.goldstein,
                EventRow.quad_class,
            )
            .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(original, original.id == ArticleRow.copy_of)
            .where(EventClusterMemberRow.cluster_id.in_(chunk))
        )
        for row in session.execute(query):
            facts.setdefault(row.cluster_id, []).append(
                ReportFacts(
                    article_id=row.article_id,
                    report=row.report,
                    outlet=(row.outlet or row.own_outlet)
                    if row.report != row.article_id
                    else row.own_outlet,
                    cameo=row.cameo,
                    goldstein=row.goldstein,
                    quad_class=row.quad_class,
                )
            )
    return facts


def refresh_articles(session: Session, article_ids: Iterable[str]) -> None:
    """Sum up again every cluster these articles (or copies of them) report."""
    wanted = sorted(set(article_ids))
    cluster_ids: set[int] = set()
    for chunk in _chunks(wanted):
        copies = select(ArticleRow.id).where(
            or_(ArticleRow.id.in_(chunk), ArticleRow.copy_of.in_(chunk))
        )
        cluster_ids.update(
            session.scalars(
                select(EventClusterMemberRow.cluster_id)
                .where(EventClusterMemberRow.article_id.in_(copies))
                .distinct()
            )
        )
    refresh(session, cluster_ids)


def clear(session: Session, min_confidence: float) -> None:
    """Forget every cluster and mark clustering incomplete (a rebuild follows)."""
    session.execute(delete(EventClusterMemberRow))
    session.execute(delete(EventClusterRow))
    relation_periods.clear(session)
    set_state(session, complete=False, min_confidence=min_confidence)


def set_state(session: Session, *, complete: bool, min_confidence: float) -> None:
    row = session.get(EventClusterStateRow, 1)
    if row is None:
        session.add(EventClusterStateRow(id=1, complete=complete, min_confidence=min_confidence))
    else:
        row.complete, row.min_confidence = complete, min_confidence
    session.flush()


def adopt_floor_if_empty(session: Session, min_confidence: float) -> None:
    """Take ``min_confidence`` as the clusters' floor while no event is stored yet.

    An empty store's clusters are complete at any floor; without this, a store made at
    one default floor (the migration writes the state row) and opened at another would
    ask for a rebuild before it had held a single event."""
    row = session.get(EventClusterStateRow, 1)
    if row is None or (row.complete and row.min_confidence == min_confidence):
        return
    if session.scalar(select(EventRow.id).limit(1)) is None:
        set_state(session, complete=True, min_confidence=min_confidence)


def is_clustered(session: Session, min_confidence: float) -> bool:
    """Whether every stored event is clustered at this confidence floor."""
    row = session.get(EventClusterStateRow, 1)
    return row is None or (row.complete and row.min_confidence == min_confidence)


def is_complete(session: Session, min_confidence: float) -> bool:
    """Whether every stored event is clustered at this confidence floor, and counted in
    the relation periods."""
    return is_clustered(session, min_confidence) and relation_periods.is_complete(session)


def articles_in_order(session: Session) -> list[str]:
    """Every article id in the order ingest would meet them (publication, then arrival)."""
    query = select(ArticleRow.id).order_by(
        ArticleRow.published_at.asc().nulls_last(), ArticleRow.ingested_at, ArticleRow.id
    )
    return list(session.scalars(query))
