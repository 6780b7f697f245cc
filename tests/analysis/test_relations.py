from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from blocwatch.analysis import Granularity, relation_graph, relation_series
from blocwatch.model import CopyGroup, EventStatus, Story
from blocwatch.store import Store
from blocwatch.store.schema import EventRow
from tests.analysis.builders import E, article


def event_ids(store: Store, article_id: str) -> list[int]:
    """The stored ids of an article's events, in text order (ids differ between backends)."""
    with store.session() as session:
        return list(
            session.scalars(
                select(EventRow.id)
                .where(EventRow.article_id == article_id)
                .order_by(EventRow.start)
            )
        )


def test_monthly_points_count_quads_and_goldstein_in_both_directions(store: Store) -> None:
    store.save_articles(
        [
            article(
                "may",
                [
                    E("RUS", "ARM", 3.0, 1, "2022-05-02"),
                    E("ARM", "RUS", -2.0, 3, "2022-05-20"),
                    E("RUS", "ARM", 7.0, 2, "2022-05-31"),
                    E("RUS", "USA", -5.0, 4, "2022-05-03"),
                ],
            ),
            article("june", [E("ARM", "RUS", -10.0, 4, "2022-06-01")]),
        ]
    )
    may, june = event_ids(store, "may"), event_ids(store, "june")

    first, second = relation_series(store, "RUS", "ARM")

    assert (first.period, first.start, first.events) == ("2022-05", date(2022, 5, 1), 3)
    assert first.quad_counts == {1: 1, 2: 1, 3: 1, 4: 0}
    assert first.goldstein_sum == pytest.approx(8.0)
    assert first.goldstein_mean == pytest.approx(8.0 / 3)
    assert first.event_ids == tuple(may[:3])
    assert (second.period, second.events, second.goldstein_mean) == ("2022-06", 1, -10.0)
    assert second.quad_counts == {1: 0, 2: 0, 3: 0, 4: 1}
    assert second.event_ids == tuple(june)


def test_directed_series_counts_what_a_did_to_b_and_their_mutual_acts(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "ARM", 3.0, 1, "2022-05-02", type="SUPPORT"),
                    E("ARM", "RUS", -2.0, 3, "2022-05-20", type="ACCUSE"),
                    E("RUS", "ARM", 1.0, 1, "2022-05-25", type="CONSULT"),  # a meeting: mutual
                ],
            )
        ]
    )
    ids = event_ids(store, "a")
    [point] = relation_series(store, "ARM", "RUS", directed=True)
    assert (point.events, point.goldstein_sum) == (2, -1.0)
    assert point.event_ids == (ids[1], ids[2])
    [other_way] = relation_series(store, "RUS", "ARM", directed=True)
    assert (other_way.events, other_way.goldstein_sum) == (2, 4.0)


def test_events_the_coder_is_unsure_of_do_not_count(store: Store) -> None:
    store.save_articles(
        [
            article(
                "mixed",
                [
                    E("RUS", "ARM", 3.0, 1, "2022-05-02"),
                    E("RUS", "ARM", -8.0, 4, "2022-05-03", confidence=0.3),
                ],
            )
        ]
    )
    [point] = relation_series(store, "RUS", "ARM")
    assert (point.events, point.goldstein_sum) == (1, 3.0)
    assert point.event_ids == (event_ids(store, "mixed")[0],)


def test_event_ids_lead_back_to_the_sentence(store: Store) -> None:
    sentence = "Armenia's foreign minister Ararat Mirzoyan met Sergey Lavrov in Moscow."
    store.save_articles([article("a", [E("ARM", "RUS", 1.0, 1, "2022-05-02", sentence=sentence)])])
    [point] = relation_series(store, "ARM", "RUS")
    found = store.get_article("a")
    assert found is not None
    [event] = found.events
    with store.session() as session:
        row = session.get(EventRow, point.event_ids[0])
    assert row is not None and row.article_id == "a"
    assert found.text[row.start : row.end] == sentence == event.evidence.text
    assert found.sentences[row.sentence_index].text == sentence


def test_weekly_points_are_iso_weeks(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "ARM", 1.0, 1, "2022-01-02"),  # a Sunday: the last ISO week of 2021
                    E("RUS", "ARM", 1.0, 1, "2022-01-03"),  # the Monday after
                    E("RUS", "ARM", 1.0, 1, "2022-01-09"),
                ],
            )
        ]
    )
    points = relation_series(store, "RUS", "ARM", granularity=Granularity.WEEK)
    assert [(p.period, p.start, p.events) for p in points] == [
        ("2021-W52", date(2021, 12, 27), 1),
        ("2022-W01", date(2022, 1, 3), 2),
    ]


def test_undated_and_coarse_dates_fall_on_publication_day_and_period_start(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "ARM", 1.0, 1, None),  # published 2022-05-12
                    E("RUS", "ARM", 1.0, 1, "2022-03"),
                    E("RUS", "ARM", 1.0, 1, "2021"),
                    E("RUS", "ARM", 1.0, 1, "2022-04-19/2022-04-20"),
                    E("RUS", "ARM", 1.0, 1, "2022-02-30"),  # clamped into February
                    E("RUS", "ARM", 1.0, 1, "next week"),  # unreadable: publication day
                    E("RUS", "ARM", 1.0, 1, "2022-05-03"),
                ],
                published=date(2022, 5, 12),
            )
        ]
    )
    points = relation_series(store, "RUS", "ARM")
    # The undated and the unreadable sentence report one meeting of the publication day.
    assert [(p.period, p.events) for p in points] == [
        ("2021-01", 1),
        ("2022-02", 1),
        ("2022-03", 1),
        ("2022-04", 1),
        ("2022-05", 2),
    ]
    weekly = relation_series(store, "RUS", "ARM", granularity="week")
    assert ("2022-W19", date(2022, 5, 9), 1) in [(p.period, p.start, p.events) for p in weekly]


def test_only_happened_events_count_unless_asked_and_negated_never(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "ARM", 1.0, 1, "2022-05-02"),
                    E("RUS", "ARM", 4.0, 1, "2022-05-03", EventStatus.PLANNED),
                    E("RUS", "ARM", -5.0, 3, "2022-05-04", EventStatus.CLAIMED),
                    E("RUS", "ARM", -9.0, 4, "2022-05-05", EventStatus.NEGATED),
                ],
            )
        ]
    )
    [happened] = relation_series(store, "RUS", "ARM")
    assert (happened.events, happened.goldstein_sum) == (1, 1.0)
    [with_claims] = relation_series(
        store, "RUS", "ARM", statuses=(EventStatus.HAPPENED, EventStatus.CLAIMED)
    )
    assert (with_claims.events, with_claims.goldstein_sum) == (2, -4.0)
    with pytest.raises(ValueError, match="negated"):
        relation_series(store, "RUS", "ARM", statuses=(EventStatus.NEGATED,))


def test_syndicated_copies_are_counted_once(store: Store) -> None:
    store.save_articles(
        [
            article("wire", [E("RUS", "ARM", 2.0, 1, "2022-05-02")]),
            article("copy", [E("RUS", "ARM", 2.0, 1, "2022-05-02")], outlet="Reprinter"),
        ]
    )
    store.replace_stories(
        [Story("s", "Story", ["wire", "copy"], copy_groups=[CopyGroup("wire", ("copy",))])], {}
    )
    [point] = relation_series(store, "RUS", "ARM")
    assert point.events == 1
    assert point.event_ids == tuple(event_ids(store, "wire"))


def test_since_and_until_bound_the_series(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [E("RUS", "ARM", 1.0, 1, f"2022-{month:02d}-15") for month in (1, 2, 3, 4)],
            )
        ]
    )
    points = relation_series(store, "RUS", "ARM", since=date(2022, 2, 1), until=date(2022, 3, 15))
    assert [p.period for p in points] == ["2022-02", "2022-03"]


def test_no_events_give_an_empty_series(store: Store) -> None:
    assert relation_series(store, "RUS", "ARM") == []
    assert relation_graph(store) == []


def test_graph_folds_direction_skips_self_events_and_thin_pairs(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "ARM", 4.0, 1, "2022-05-02"),
                    E("ARM", "RUS", 6.0, 2, "2022-05-03"),
                    E("ARM", "RUS", -4.0, 3, "2022-05-04"),
                    E("ARM", "RUS", 1.0, None, "2022-05-05"),
                    E("USA", "RUS", -10.0, 4, "2022-05-06"),
                    E("RUS", "RUS", 1.0, 1, "2022-05-06"),
                    E("RUS", "ARM", 4.0, 1, "2021-01-01"),
                ],
            )
        ]
    )
    edges = relation_graph(store, since=date(2022, 1, 1))
    assert [(e.a, e.b, e.events) for e in edges] == [("ARM", "RUS", 4), ("RUS", "USA", 1)]
    armenia = edges[0]
    assert armenia.goldstein_mean == pytest.approx(7.0 / 4)
    assert armenia.quad_counts == {1: 1, 2: 1, 3: 1, 4: 0}
    assert armenia.cooperation_share == pytest.approx(2 / 3)
    assert edges[1].cooperation_share == 0.0
    assert [e.a for e in relation_graph(store, since=date(2022, 1, 1), min_events=2)] == ["ARM"]
    assert [(e.a, e.b) for e in relation_graph(store, actor="USA")] == [("RUS", "USA")]
    assert [e.events for e in relation_graph(store, actor="ARM")] == [5]  # 2021 included
