"""Attention and tone timelines on actor and pair pages; a person's page keeps their own events apart."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store, timelines
from blocwatch.store.schema import MentionRow
from blocwatch.web import create_app
from tests.web.corpus import build_corpus


def _figure(html: str, chart_id: str) -> dict[str, Any]:
    match = re.search(
        rf'<script type="application/json" id="{chart_id}-data">(.*?)</script>', html, re.S
    )
    assert match, f"no {chart_id} on the page"
    figure: dict[str, Any] = json.loads(match.group(1))
    return figure


def _client(store: Store) -> TestClient:
    return TestClient(create_app(store), base_url="http://127.0.0.1")


def test_actor_page_charts_articles_stories_and_tone_over_time(sqlite_store: Store) -> None:
    build_corpus(sqlite_store, hostile=False, tone=add_tone)
    html = _client(sqlite_store).get("/actors/ARM").text
    lines = {trace["name"]: trace["y"] for trace in _figure(html, "attention-chart")["data"]}
    with sqlite_store.session() as session:
        naming = session.scalar(
            select(func.count(func.distinct(MentionRow.article_id))).where(
                MentionRow.actor_id == "ARM"
            )
        )
    assert sum(lines["articles"]) == naming  # syndicated copies count: readers meet them
    assert sum(lines["stories"]) >= 1
    tone = _figure(html, "tone-chart")["data"][0]
    assert any(value is not None for value in tone["y"])
    assert "it measures wording, not stance" in html


def test_pair_page_charts_the_tone_of_their_events(sqlite_store: Store) -> None:
    build_corpus(sqlite_store, hostile=False, tone=add_tone)
    html = _client(sqlite_store).get("/relations/ARM/AZE").text
    assert _figure(html, "tone-chart")["data"][0]["y"]
    assert 'href="/events?pair=ARM,AZE"' in html


def test_a_person_page_shows_their_events_and_their_state_s_relations_apart(
    sqlite_store: Store,
) -> None:
    build_corpus(sqlite_store, hostile=False)
    html = _client(sqlite_store).get("/actors/person:ararat-mirzoyan").text
    assert "Relations of their state, Armenia" in html
    assert html.index("What they did") < html.index("Relations of their state")
    assert "<h2>Relations</h2>" not in html
    assert re.search(
        r'<time datetime="2022-05-12[^"]*">12 May 2022</time>', html
    )  # the quote's day


def test_tone_days_for_an_actor_and_a_pair(store: Store) -> None:
    build_corpus(store, hostile=False, tone=add_tone)
    by_actor = timelines.actor_tone_days(store, "AZE")
    assert by_actor and all(n > 0 for _, _, n in by_actor)
    assert timelines.pair_tone_days(store, "AZE", "ARM")
    assert timelines.actor_article_days(store, "KAZ")[0][2] >= 1


def test_events_filter_on_the_tone_of_their_sentence(sqlite_store: Store) -> None:
    build_corpus(sqlite_store, hostile=False, tone=add_tone)
    client = _client(sqlite_store)
    every = client.get("/api/events", params={"limit": 500}).json()
    negative = client.get("/api/events", params={"max_tone": -0.05, "limit": 500}).json()
    assert negative and len(negative) < len(every)
    assert all(e["tone"] is not None and e["tone"] <= -0.05 for e in negative)
    rows = client.get("/api/export/events.jsonl", params={"max_tone": -0.05}).text.splitlines()
    assert len(rows) == len(negative)
