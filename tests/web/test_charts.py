from __future__ import annotations

import math
from datetime import date

from blocwatch.analysis import AlignmentPoint
from blocwatch.web.charts import alignment_chart, network_chart, spring_layout


def test_spring_layout_keeps_partners_close_and_is_repeatable() -> None:
    nodes = ["A", "B", "C", "D"]
    edges = [("A", "B", 10.0), ("C", "D", 10.0)]
    first = spring_layout(nodes, edges)
    assert first == spring_layout(nodes, edges)
    assert all(-1 <= v <= 1 for xy in first.values() for v in xy)

    def far(a: str, b: str) -> float:
        return math.dist(first[a], first[b])

    assert far("A", "B") < far("A", "C") and far("C", "D") < far("B", "D")


def test_alignment_chart_draws_voted_periods_on_a_time_axis_with_their_interval() -> None:
    points = [
        AlignmentPoint("2022-01", date(2022, 1, 1), 0.5, -0.2, 0.9, 2, 1, (1, 2, 3)),
        AlignmentPoint("2022-02", date(2022, 2, 1), None, None, None, 0, 0, ()),
    ]
    [trace] = alignment_chart({"Kazakhstan": points})["data"]
    assert trace["x"] == ["2022-01-01"]
    assert trace["error_y"]["array"] == [0.4] and trace["error_y"]["arrayminus"] == [0.7]
    assert trace["customdata"] == ["/events?ids=1%2C2%2C3"]


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
