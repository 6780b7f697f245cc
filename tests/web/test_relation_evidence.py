"""Relations and alignment pages: gaps, intervals, what every point rests on, and one click
from a figure to the events behind it."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from blocwatch.model import CopyGroup, Story
from blocwatch.store import Store
from blocwatch.web import create_app
from tests.analysis.builders import E, article

LOCAL = "http://localhost"


def _assault(day: str) -> E:
    return E(
        "RUS", "UKR", -10.0, 4, day, type="ASSAULT", sentence=f"Russia shelled Ukraine on {day}."
    )


@pytest.fixture
def client(store: Store) -> TestClient:
    """Russia and Ukraine: three attacks in January 2022, one in February, none in March,
    three in April (one reported by three outlets, two of them copies of the first);
    Kazakhstan with Russia and the United States in the same months."""
    store.save_articles(
        [
            article(
                "jan", [_assault("2022-01-10"), _assault("2022-01-12"), _assault("2022-01-20")]
            ),
            article("feb", [_assault("2022-02-03")], published=date(2022, 2, 4)),
            article("apr", [_assault("2022-04-02"), _assault("2022-04-05")], outlet="Kyiv Daily"),
            article("wire", [_assault("2022-04-09")], outlet="Steppe Wire"),
            article("copy1", [_assault("2022-04-09")], outlet="Reprint One"),
            article("copy2", [_assault("2022-04-09")], outlet="Reprint Two"),
            article(
                "kaz",
                [
                    E("KAZ", "RUS", 3.0, 1, "2022-01-05", type="SUPPORT"),
                    E("KAZ", "RUS", 4.0, 1, "2022-01-06", type="SUPPORT"),
                    E("KAZ", "USA", -2.0, 3, "2022-01-07", type="ACCUSE"),
                    E("KAZ", "USA", 1.0, 1, "2022-04-07", type="SUPPORT"),
                ],
            ),
        ]
    )
    store.replace_stories(
        [
            Story(
                "s",
                "Shelling",
                ["wire", "copy1", "copy2"],
                copy_groups=[CopyGroup("wire", ("copy1", "copy2"))],
            )
        ],
        {},
    )
    return TestClient(create_app(store), base_url=LOCAL)


def _figure(html: str, chart_id: str) -> dict[str, Any]:
    found = re.search(
        f'<script type="application/json" id="{chart_id}-data">(.*?)</script>', html, re.S
    )
    assert found, f"no figure {chart_id}"
    figure: dict[str, Any] = json.loads(found.group(1))
    return figure


def _note(html: str, note_id: str) -> str:
    found = re.search(f'id="{note_id}">(.*?)</p>', html, re.S)
    assert found, f"no note {note_id}"
    return found.group(1)


def test_pair_page_shows_every_month_gaps_intervals_and_what_it_rests_on(
    client: TestClient,
) -> None:
    html = client.get("/relations/RUS/UKR").text
    figure = _figure(html, "relation-chart")
    bars, line = figure["data"][3], figure["data"][-1]  # material conflict, mean Goldstein
    assert bars["x"] == ["2022-01", "2022-02", "2022-03", "2022-04"]
    assert bars["y"] == [3, 1, 0, 3]  # the copies and their original are one attack
    assert line["y"] == [-10.0, None, None, -10.0] and line["connectgaps"] is False
    assert line["error_y"]["array"][0] == 0.0 and line["error_y"]["array"][1] is None
    assert all("from" in text for text in line["text"])
    note = _note(html, "relation-note")
    assert "rests on 7 events from 3 outlets" in note
    assert "1 period is left undrawn: fewer than 3 events" in note


def test_a_point_opens_its_events_with_every_report(client: TestClient) -> None:
    figure = _figure(client.get("/relations/RUS/UKR").text, "relation-chart")
    april = figure["data"][-1]["customdata"][3]
    assert april.startswith("/clusters?ids=")
    page = client.get(april)
    assert page.status_code == 200
    assert page.text.count('class="cluster ') == 3
    assert "Reported by 1 outlet (3 articles, 1 independent)" in page.text
    assert "Also carried by" in page.text and "Reprint One" in page.text

    ids = april.split("=", 1)[1].replace("%2C", ",")
    api = client.get("/api/clusters", params={"ids": ids}).json()
    assert api["total"] == 3
    [copied] = [c for c in api["clusters"] if c["cluster"]["reports"] == 3]
    assert (copied["cluster"]["sources"], copied["cluster"]["outlets"]) == (1, ["Steppe Wire"])
    [source] = copied["sources"]
    assert source["original"]["outlet"] == "Steppe Wire"
    assert {r["outlet"] for r in source["copies"]} == {"Reprint One", "Reprint Two"}
    reports = [source["original"], *source["copies"]]
    assert all("Russia shelled Ukraine" in r["evidence"]["text"] for r in reports)


def test_pair_count_links_to_its_events(client: TestClient) -> None:
    html = client.get("/relations", params={"since": "2022-04-01"}).text
    assert 'href="/clusters?pair=RUS,UKR&amp;since=2022-04-01"' in html
    api = client.get("/api/clusters", params={"pair": "RUS,UKR", "since": "2022-04-01"}).json()
    assert api["total"] == 3
    assert client.get("/api/clusters").status_code == 400
    assert client.get("/api/clusters", params={"ids": "1,x"}).status_code == 400


def test_alignment_shows_gaps_intervals_and_counts(client: TestClient) -> None:
    html = client.get("/relations", params={"states": "KAZ"}).text
    [trace] = _figure(html, "alignment-chart")["data"]
    assert trace["x"] == ["2022-01-01", "2022-02-01", "2022-03-01", "2022-04-01"]
    assert trace["y"][1:] == [None, None, None] and trace["y"][0] is not None
    assert trace["error_y"]["array"][0] is not None and trace["error_y"]["arrayminus"][0] > 0
    assert "3 events from 1 outlet" in trace["text"][0]
    note = _note(html, "alignment-note")
    assert "rests on 4 events from 1 outlet" in note and "1 period is left undrawn" in note


def test_the_api_series_has_every_month_and_intervals(client: TestClient) -> None:
    points = client.get("/api/relations/RUS/UKR").json()
    assert [p["period"] for p in points] == ["2022-01", "2022-02", "2022-03", "2022-04"]
    assert [p["events"] for p in points] == [3, 1, 0, 3]
    assert [p["enough"] for p in points] == [True, False, False, True]
    january = points[0]
    assert january["share_low"] == 0.0 and january["share_high"] < 0.6
    assert january["cooperation_share"] == 0.0
