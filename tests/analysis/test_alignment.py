from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis import (
    DEFAULT_POLE_A,
    DEFAULT_POLE_B,
    Granularity,
    alignment_index,
    alignment_series,
)
from blocwatch.model import EventStatus
from blocwatch.store import Store
from tests.analysis.builders import E, article
from tests.analysis.test_relations import event_ids


def test_index_and_interval_match_the_hand_computation(store: Store) -> None:
    # Toward Russia: cooperation with it (4 + 4) and a quarrel with the US (|-2|) = 10.
    # Toward the West: cooperation with France (2) = 2. index = (10 - 2) / 12 = 0.667.
    # n = 12² / (16 + 16 + 4 + 4) = 3.6; Wilson 95% on p = 10/12 gives [0.343, 0.980].
    store.save_articles(
        [
            article(
                "a",
                [
                    E("ARM", "RUS", 4.0, 1, "2022-05-02"),
                    E("RUS", "ARM", 4.0, 2, "2022-05-03"),
                    E("ARM", "USA", -2.0, 3, "2022-05-04"),
                    E("FRA", "ARM", 2.0, 1, "2022-05-05"),
                    E("ARM", "CHN", 9.0, 2, "2022-05-06"),  # in neither pole
                ],
            )
        ]
    )
    [point] = alignment_series(store, "ARM")
    assert (point.period, point.start) == ("2022-05", date(2022, 5, 1))
    assert point.index == pytest.approx(8 / 12)
    assert point.low == pytest.approx(2 * 0.342964 - 1, abs=1e-5)
    assert point.high == pytest.approx(2 * 0.979548 - 1, abs=1e-5)
    assert (point.toward_a, point.toward_b) == (3, 1)
    assert point.event_ids == tuple(event_ids(store, "a")[:4])


def test_one_event_gives_a_wide_interval_and_many_a_narrow_one() -> None:
    index, low, high = alignment_index(4.0, 0.0, 16.0)
    assert (index, high) == (1.0, 1.0)
    assert low == pytest.approx(-0.5869, abs=1e-4)
    thin = alignment_index(10.0, 2.0, 40.0)
    thick = alignment_index(40.0, 8.0, 160.0)
    assert thin[0] == pytest.approx(thick[0])
    assert thick[2] - thick[1] < (thin[2] - thin[1]) / 1.5


def test_one_heavy_event_counts_as_less_evidence_than_equal_ones() -> None:
    equal = alignment_index(5.0, 5.0, 5 * 1.0 + 5 * 1.0)  # ten votes of weight 1
    lopsided = alignment_index(9.0, 1.0, 81.0 + 1.0)  # one vote of 9, one of 1
    assert equal[0] == 0.0
    assert lopsided[2] - lopsided[1] > equal[2] - equal[1]


def test_empty_periods_are_present_without_an_index(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("ARM", "RUS", 4.0, 1, "2022-01-10"),
                    E("ARM", "USA", 3.0, 1, "2022-03-10"),
                    E("ARM", "USA", 0.0, 1, "2022-04-10"),  # no vote, but listed
                ],
            )
        ]
    )
    points = alignment_series(store, "ARM", until=date(2022, 5, 31))
    assert [p.period for p in points] == ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05"]
    assert [p.index for p in points] == [1.0, None, -1.0, None, None]
    assert points[1].event_ids == () and points[1].low is None
    assert points[3].event_ids == (event_ids(store, "a")[2],)
    assert (points[3].toward_a, points[3].toward_b) == (0, 0)


def test_no_events_and_no_range_give_an_empty_series(store: Store) -> None:
    assert alignment_series(store, "ARM") == []
    points = alignment_series(store, "ARM", since=date(2022, 1, 1), until=date(2022, 2, 1))
    assert [(p.period, p.index) for p in points] == [("2022-01", None), ("2022-02", None)]


def test_weekly_series_and_chosen_poles(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("KAZ", "CHN", 5.0, 2, "2022-05-02"),
                    E("KAZ", "RUS", -5.0, 4, "2022-05-10"),
                    E("KAZ", "RUS", 1.0, 1, "2022-05-11", status=EventStatus.PLANNED),
                ],
            )
        ]
    )
    points = alignment_series(
        store, "KAZ", pole_a=("CHN",), pole_b=("RUS",), granularity=Granularity.WEEK
    )
    assert [(p.period, p.index, p.toward_a, p.toward_b) for p in points] == [
        ("2022-W18", 1.0, 1, 0),
        ("2022-W19", 1.0, 1, 0),  # conflict with the other pole leans toward this one
    ]


def test_a_state_in_a_pole_is_measured_against_the_rest_of_it(store: Store) -> None:
    store.save_articles(
        [article("a", [E("DEU", "USA", -3.0, 3, "2022-05-02"), E("DEU", "DEU", 9.0, 1)])]
    )
    [point] = alignment_series(store, "DEU")
    assert point.index == 1.0
    with pytest.raises(ValueError, match="pole A has no member other than RUS"):
        alignment_series(store, "RUS")
    with pytest.raises(ValueError, match="share members: USA"):
        alignment_series(store, "ARM", pole_a=("RUS", "USA"))


def test_default_poles_are_russia_against_the_united_states_and_its_allies() -> None:
    assert DEFAULT_POLE_A == ("RUS",)
    assert DEFAULT_POLE_B[0] == "USA"
    assert {"GBR", "DEU", "FRA", "POL", "TUR", "FIN", "SWE", "JPN", "KOR", "AUS"} <= set(
        DEFAULT_POLE_B
    )
    assert {"NATO", "EU"} <= set(DEFAULT_POLE_B)
    assert len(DEFAULT_POLE_B) == len(set(DEFAULT_POLE_B)) == 32 + 4 + 5 + 2
    assert not {"RUS", "BLR", "CHN", "ARM", "KAZ", "NZL"} & set(DEFAULT_POLE_B)
