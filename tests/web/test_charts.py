from __future__ import annotations

import math
from datetime import date

from blocwatch.analysis import AlignmentPoint, RelationPoint
from blocwatch.web.charts import (
    alignment_chart,
    evidence_note,
    network_chart,
    relation_chart,
    spring_layout,
)


def test_spring_layout_keeps_partners_close_and_is_repeatable() -> None:
    nodes = ["A", "B", "C", "D"]
    edges = [("A", "B", 10.0), ("C", "D", 10.0)]
    first = spring_layout(nodes, edges)
    assert first == spring_layout(nodes, edges)
    assert all(-1 <= v <= 1 for xy in first.values() for v in xy)

    def far(a: str, b: str) -> float:
        return math.dist(first[a], first[b])

    assert far("A", "B") < far("A", "C") and far("C", "D") < far("B", "D")


def test_alignment_chart_draws_enough_periods_with_their_interval_and_gaps_for_the_rest() -> None:
    points = [
        AlignmentPoint(
            "2022-01", date(2022, 1, 1), 0.5, -0.2, 0.9, 2, 1, (1, 2, 3), (7, 8, 9), ("A",), True
        ),
        AlignmentPoint("2022-02", date(2022, 2, 1), None, None, None, 0, 0, ()),
        AlignmentPoint("2022-03", date(2022, 3, 1), 1.0, -0.6, 1.0, 1, 0, (4,), (10,), ("B",)),
    ]
    [trace] = alignment_chart({"Kazakhstan": points})["data"]
    assert trace["x"] == ["2022-01-01", "2022-02-01", "2022-03-01"]
    assert trace["y"] == [0.5, None, None]  # one event in March is not enough to draw
    assert trace["connectgaps"] is False
    assert trace["error_y"]["array"] == [0.4, None, None]
    assert trace["error_y"]["arrayminus"] == [0.7, None, None]
    assert trace["customdata"][0] == "/clusters?ids=7%2C8%2C9"
    assert "3 events from 1 outlet" in trace["text"][0]
    note = evidence_note(points, 3)
    assert note.startswith("This chart rests on 4 events from 2 outlets")
    assert "1 period is left undrawn: fewer than 3 events" in note


def test_relation_chart_shows_empty_periods_as_empty_bars_and_breaks_the_line() -> None:
    def point(period: str, events: int, enough: bool) -> RelationPoint:
        return RelationPoint(
            period,
            date.fromisoformat(period + "-01"),
            events,
            {1: events, 2: 0, 3: 0, 4: 0},
            2.0 * events,
            2.0 if events else 0.0,
            goldstein_low=1.0 if enough else None,
            goldstein_high=3.5 if enough else None,
            outlets=("Wire",) if events else (),
            enough=enough,
            cluster_ids=tuple(range(events)),
        )

    figure = relation_chart(
        [point("2022-01", 3, True), point("2022-02", 0, False), point("2022-03", 3, True)]
    )
    bars, line = figure["data"][0], figure["data"][-1]
    assert bars["x"] == ["2022-01", "2022-02", "2022-03"] and bars["y"] == [3, 0, 3]
    assert line["y"] == [2.0, None, 2.0] and line["connectgaps"] is False
    assert line["error_y"]["array"] == [1.5, None, 1.5]
    assert line["error_y"]["arrayminus"] == [1.0, None, 1.0]


def test_network_chart_links_states_and_names_long_organisations_by_code() -> None:
    edges = [
        {"a": "CSTO", "b": "KAZ", "events": 3, "cooperation_share": 1.0, "goldstein_mean": 4.0}
    ]
    figure = network_chart(
        edges, {"CSTO": "Collective Security Treaty Organization", "KAZ": "Kazakhstan"}
    )
    nodes = figure["data"][-1]
    assert sorted(nodes["text"]) == ["CSTO", "Kazakhstan"]
    assert sorted(nodes["customdata"]) == ["/actors/CSTO", "/actors/KAZ"]
    assert figure["data"][0]["line"]["color"] == "#1b7837"
