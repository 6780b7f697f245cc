"""The search page beside its hits: facets, language and tone filters, coverage over time, stories."""

from __future__ import annotations

from functools import partial

import pytest
from fastapi.testclient import TestClient

from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store, search_page
from blocwatch.store.search import search_articles
from blocwatch.web import create_app, pages
from tests.web.corpus import build_corpus


def _client(store: Store) -> TestClient:
    build_corpus(store, hostile=False, tone=add_tone)
    return TestClient(create_app(store), base_url="http://127.0.0.1")


def test_facets_link_to_the_narrowed_search(sqlite_store: Store) -> None:
    client = _client(sqlite_store)
    html = client.get("/search", params={"q": "border"}).text
    assert 'data-facet="outlet"' in html and 'data-facet="language"' in html
    assert 'data-facet="actor"' in html and 'data-facet="event_type"' in html
    assert "outlet=Regional+Review" in html
    narrowed = client.get("/search", params={"q": "border", "outlet": "Regional Review"}).text
    assert "1 article matching" in narrowed


def test_language_and_tone_filters_and_the_overview_api(sqlite_store: Store) -> None:
    client = _client(sqlite_store)
    assert "0 articles" in client.get("/search", params={"q": "border", "language": "fr"}).text
    assert client.get("/search", params={"q": "border", "tone": "furious"}).status_code in (
        400,
        422,
    )
    overview = client.get("/api/search/overview", params={"q": "border"}).json()
    facets, over_time = overview["facets"], overview["attention"]
    assert facets["languages"] == {"en": sum(facets["outlets"].values())}
    assert sum(over_time["articles"]) == sum(facets["outlets"].values())
    assert len(over_time["periods"]) == len(over_time["articles"]) == len(over_time["stories"])
    assert over_time["granularity"] == "week"


def test_reports_of_one_story_are_shown_together(sqlite_store: Store) -> None:
    client = _client(sqlite_store)
    html = client.get("/search", params={"q": "Brussels talks"}).text
    assert "reports on this page" in html


def test_a_count_that_stopped_early_offers_no_page_past_the_last_hit(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the count's cap the page says 'more than' and keeps a Next link, but only while
    the page is full: a page past the last hit has nothing to lead to."""
    client = _client(sqlite_store)
    matches = client.get("/api/search", params={"q": "border"}).json()["total"]
    assert matches >= 3
    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    # SQLite's search page asks search_articles for its hits
    monkeypatch.setattr(search_page, "search_articles", partial(search_articles, count_up_to=2))
    first = client.get("/search", params={"q": "border"}).text
    assert "more than 2 articles" in first and "Next →" in first
    beyond = client.get("/search", params={"q": "border", "page": matches + 1}).text
    assert "Next →" not in beyond and "← Previous" in beyond
