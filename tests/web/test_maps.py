"""The map page: events placed offline, filtered like the explorer, drawn as plain SVG."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from blocwatch.model import Event, EventActor, Evidence, Span
from blocwatch.store import Store
from blocwatch.web import create_app
from tests.factories import make_article

TEXT = (
    "Kazakhstan and China signed a rail agreement in Astana. "
    "Russia shelled positions near Kharkiv. "
    "Armenia and Azerbaijan held talks in Brussels."
)


def _client(store: Store) -> TestClient:
    article = make_article("m1", TEXT)

    def event(phrase: str, kind: str, a: str, b: str, quad: int, place: str | None) -> Event:
        start = TEXT.index(phrase)
        sentence = next(s for s in article.sentences if s.span.start <= start < s.span.end)
        span = Span(start, start + len(phrase))
        return Event(kind, EventActor(a, a, a), EventActor(b, b, b),
                     Evidence("m1", sentence.index, span, phrase), quad_class=quad, place=place)  # fmt: skip

    article.events = [
        event("Kazakhstan and China signed a rail agreement", "AGREE", "KAZ", "CHN", 1, "Astana"),
        event("Russia shelled positions", "ASSAULT", "RUS", "UKR", 4, "Kharkiv"),
        event("Armenia and Azerbaijan held talks", "CONSULT", "ARM", "AZE", 1, "Brussels"),
    ]
    store.save_articles([article])
    return TestClient(create_app(store), base_url="http://127.0.0.1")


def test_map_places_the_filtered_events_and_links_back_to_the_explorer(sqlite_store: Store) -> None:
    client = _client(sqlite_store)
    page = client.get("/map", params={"quad": "1"}).text
    assert "2 of 2 events name a place" in page
    assert "<svg" in page and "<script" not in page.split("<main>")[1]
    assert re.search(r'<a href="/events\?quad=1&amp;place=Astana"><circle class="q1"', page)
    assert "Brussels" in page and "Kharkiv" not in page
    assert "http" not in page.split("<svg")[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_the_explorer_filters_on_a_place_from_the_map(sqlite_store: Store) -> None:
    client = _client(sqlite_store)
    events = client.get("/api/events", params={"place": "Kharkiv"}).json()
    assert [e["type"] for e in events] == ["ASSAULT"]
    assert (events[0]["place_country"], round(events[0]["latitude"])) == ("UKR", 50)
