"""Relation counts kept per pair and period give what counting the clusters gives.

The corpus is written for these tests: a handful of states meeting, threatening and
sanctioning each other across month and week boundaries, some events planned rather
than done, a later report that moves an event to the previous month, and a syndicated
copy found after the fact. After every change the charts drawn from the stored counts
must equal the charts counted from the clusters themselves.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from blocwatch.analysis import alignment_series, relation_graph, relation_series
from blocwatch.model import CopyGroup, EventStatus, Story
from blocwatch.periods import Granularity
from blocwatch.store import Store
from blocwatch.store import relation_periods as periods
from blocwatch.store.schema import RelationPeriodRow
from tests.analysis.builders import E, article

STATES = ("ARM", "AZE", "KAZ", "RUS", "USA")
RANGES = [
    (None, None),
    (date(2022, 5, 1), date(2022, 6, 30)),  # whole months
    (date(2022, 5, 11), date(2022, 7, 3)),  # partial months at both ends
    (date(2022, 5, 30), date(2022, 6, 2)),  # inside one week, across a month's end
    (date(2022, 6, 6), None),
]


def _first_batch() -> list[Any]:
    return [
        article(
            "talks",
            [
                E("KAZ", "ARM", 1.0, 1, "2022-05-02", type="CONSULT"),
                E("RUS", "ARM", -6.0, 3, "2022-05-30", type="THREATEN"),
                E("USA", "RUS", -8.0, 4, "2022-05-31", type="SANCTION"),
                E("ARM", "USA", 3.4, 1, "2022-06-01", type="SUPPORT"),
            ],
            published=date(2022, 6, 2),
            outlet="Steppe Wire",
        ),
        article(
            "summit",
            [
                E("ARM", "KAZ", 4.0, 1, "2022-05-02", type="AGREE"),
                E("AZE", "RUS", 7.4, 2, "2022-06-12", type="AID"),
                E("RUS", "USA", -2.0, 3, "2022-06-13", type="ACCUSE"),
                E("KAZ", "RUS", 6.0, 2, "2022-07-04", type="COOPERATE", status=EventStatus.PLANNED),
                E("KAZ", "USA", None, None, "2022-07-05", type="CONSULT"),
            ],
            published=date(2022, 7, 5),
            outlet="Caspian Daily",
        ),
        article(
            "undated",
            [E("AZE", "USA", -5.0, 3, None, type="PROTEST")],
            published=date(2022, 6, 1),
            outlet="Highland Post",
        ),
    ]


def _later_batch() -> list[Any]:
    return [
        # dates the undated protest to 31 May: the event moves to the month before
        article(
            "dated",
            [
                E("AZE", "USA", -5.0, 3, "2022-05-31", type="PROTEST"),
                E("ARM", "USA", 3.4, 1, "2022-06-01", type="SUPPORT"),
                E("RUS", "ARM", -4.0, 3, "2022-06-20", type="REJECT"),
            ],
            published=date(2022, 6, 21),
            outlet="Eurasia Monitor",
        ),
        article(
            "copy",
            [E("ARM", "USA", 3.4, 1, "2022-06-01", type="SUPPORT")],
            published=date(2022, 6, 2),
            outlet="Caspian Daily",
        ),
    ]


def _charts(store: Store) -> list[Any]:
    found: list[Any] = []
    for granularity in (Granularity.MONTH, Granularity.WEEK):
        for since, until in RANGES:
            window = {"since": since, "until": until, "granularity": granularity}
            for a in STATES:
                for b in STATES:
                    if a < b:
                        series = relation_series(store, a, b, every_period=True, **window)
                        found.append(series)
            for state in ("ARM", "KAZ", "AZE"):
                found.append(alignment_series(store, state, **window))
                found.append(
                    alignment_series(
                        store,
                        state,
                        statuses=(EventStatus.HAPPENED, EventStatus.PLANNED),
                        **window,
                    )
                )
    return found


def _graphs(store: Store) -> list[Any]:
    found: list[Any] = []
    for since, until in RANGES:
        for actor in (None, "ARM"):
            edges = relation_graph(store, since=since, until=until, actor=actor)
            found.append([(e.a, e.b, e.events, e.cooperation_share, e.quad_counts) for e in edges])
            found.append([pytest.approx(e.goldstein_mean, abs=1e-9) for e in edges])
    return found


def _counted_from_clusters(store: Store) -> tuple[list[Any], list[Any]]:
    """The same charts with the stored counts set aside (as before they are built)."""
    with store.batch() as writer:
        periods.set_complete(writer.session, False)
    try:
        return _charts(store), _graphs(store)
    finally:
        with store.batch() as writer:
            periods.set_complete(writer.session, True)


def _assert_stored_counts_give_the_clusters_figures(store: Store) -> None:
    with store.session() as session:
        assert periods.is_complete(session)
    charts, graphs = _charts(store), _graphs(store)
    assert any(point for series in charts for point in series)  # something was counted
    assert (charts, graphs) == _counted_from_clusters(store)


def _rows(store: Store) -> list[tuple[Any, ...]]:
    with store.session() as session:
        query = select(RelationPeriodRow.__table__).order_by(
            RelationPeriodRow.granularity,
            RelationPeriodRow.a,
            RelationPeriodRow.b,
            RelationPeriodRow.status,
            RelationPeriodRow.start,
        )
        return [tuple(row) for row in session.execute(query)]


def test_stored_relation_counts_equal_the_clusters_counted_on_the_fly(store: Store) -> None:
    store.save_articles(_first_batch())
    _assert_stored_counts_give_the_clusters_figures(store)
    before = relation_series(store, "AZE", "USA", min_events=1)
    assert [p.period for p in before] == ["2022-06"]

    store.save_articles(_later_batch())  # incremental: reports join, an event moves
    _assert_stored_counts_give_the_clusters_figures(store)
    [moved] = relation_series(store, "AZE", "USA", min_events=1)
    assert (moved.period, moved.events, moved.reports) == ("2022-05", 1, 2)
    incremental = _rows(store)
    with store.batch() as writer:
        periods.rebuild(writer.session)
    assert _rows(store) == incremental  # kept up to date = counted again from scratch

    copy = Story(
        "story-copy",
        "Support",
        ["talks", "copy"],
        copy_groups=[CopyGroup("talks", ("copy",), ("Caspian Daily",))],
    )
    store.replace_stories([copy], {})  # the copy is found: one report with its original
    _assert_stored_counts_give_the_clusters_figures(store)
    [support] = [p for p in relation_series(store, "ARM", "USA", min_events=1) if p.events]
    assert support.outlets == ("Eurasia Monitor", "Steppe Wire")

    charts = _charts(store)
    store.rebuild_event_clusters()  # new cluster ids; the same figures otherwise
    _assert_stored_counts_give_the_clusters_figures(store)
    assert _without_ids(_charts(store)) == _without_ids(charts)


def _without_ids(charts: list[Any]) -> list[Any]:
    ids = {"cluster_ids", "event_ids"}
    return [
        [
            tuple(v for k, v in zip(type(p).__slots__, astuple(p), strict=True) if k not in ids)
            for p in series
        ]
        for series in charts
    ]


def test_a_row_whose_clusters_are_gone_is_deleted_and_a_clear_forgets_all(
    sqlite_store: Store,
) -> None:
    sqlite_store.save_articles(_first_batch())
    with sqlite_store.batch() as writer:
        session = writer.session
        total = session.scalar(select(func.count()).select_from(RelationPeriodRow))
        assert total and total > 0
        keys = {(str(Granularity.MONTH), date(2030, 1, 1), "happened", "ARM", "KAZ")}
        periods.update(session, keys)  # nothing there: nothing kept
        assert session.scalar(select(func.count()).select_from(RelationPeriodRow)) == total
        periods.clear(session)
        assert session.scalar(select(func.count()).select_from(RelationPeriodRow)) == 0
        assert not periods.is_complete(session)


def test_stored_rows_hold_each_score_once_per_cluster(sqlite_store: Store) -> None:
    sqlite_store.save_articles(_first_batch() + _later_batch())
    with sqlite_store.session() as session:
        row = session.scalars(
            select(RelationPeriodRow).where(
                RelationPeriodRow.granularity == "month",
                RelationPeriodRow.a == "ARM",
                RelationPeriodRow.b == "RUS",
            )
        ).all()
    assert [(r.start, r.events, r.goldstein, r.q3) for r in row] == [
        (date(2022, 5, 1), 1, [[-6.0, 1]], 1),
        (date(2022, 6, 1), 1, [[-4.0, 1]], 1),
    ]


def test_a_store_upgraded_to_relation_periods_counts_them_without_clustering_again(
    sqlite_store: Store,
) -> None:
    sqlite_store.save_articles(_first_batch())
    counted = _rows(sqlite_store)
    with sqlite_store.batch() as writer:
        periods.clear(writer.session)  # as the migration leaves a store that has clusters
    assert not sqlite_store.event_clusters_complete()
    assert relation_series(sqlite_store, "ARM", "KAZ", min_events=1)  # counted on the fly

    sqlite_store.complete_event_clusters()

    assert sqlite_store.event_clusters_complete()
    assert _rows(sqlite_store) == counted  # the same clusters, ids and all
