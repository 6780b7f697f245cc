"""The events explorer page and its API: filters, facets, downloads of the same rows."""

from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from blocwatch.store import Store
from blocwatch.web import create_app
from tests.web.corpus import build_corpus


@pytest.fixture
def client(sqlite_store: Store) -> TestClient:
    build_corpus(sqlite_store)
    return TestClient(create_app(sqlite_store), base_url="http://127.0.0.1")


def test_explorer_lists_filtered_events_with_their_sentences_and_facets(client: TestClient) -> None:
    page = client.get("/events", params={"actor": "ARM", "type": "ACCUSE"})
    assert page.status_code == 200
    assert "Azerbaijan accused Armenia" in page.text
    assert "<mark>Azerbaijan accused Armenia</mark> of delaying the demarcation." in page.text
    assert 'data-facet="type"' in page.text and 'data-facet="outlet"' in page.text
    assert "CONSULT" in page.text  # a type the facet offers although ACCUSE is chosen
    assert 'href="/api/export/events.csv?type=ACCUSE&amp;actor=ARM"' in page.text
    assert 'href="/map?type=ACCUSE&amp;actor=ARM"' in page.text


def test_api_filters_and_facets_agree_with_the_download(client: TestClient) -> None:
    params = {"actor": "ARM", "quad": "1"}
    listed = client.get("/api/events", params=params).json()
    assert listed and all(e["quad_class"] == 1 for e in listed)
    facets = client.get("/api/events/facets", params=params).json()
    assert sum(facets["quad_classes"].values()) >= len(listed)
    assert sum(facets["types"].values()) == len(listed)
    download = client.get("/api/export/events.csv", params=params)
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert sorted(int(r["event_id"]) for r in rows) == sorted(e["id"] for e in listed)
    table = pq.read_table(
        io.BytesIO(client.get("/api/export/events.parquet", params=params).content)
    )
    assert table.num_rows == len(listed)


def test_explorer_refuses_bad_filters_in_words(client: TestClient) -> None:
    assert "quad classes are 1 to 4" in client.get("/events", params={"quad": "7"}).text
    assert client.get("/api/events", params={"since": "May"}).status_code == 400
    assert client.get("/api/export/articles.csv", params={"actor": "ARM"}).status_code == 400


def test_chart_points_still_open_their_events_by_id(client: TestClient) -> None:
    ids = [e["id"] for e in client.get("/api/events", params={"actor": "KAZ"}).json()]
    page = client.get("/events", params={"ids": ",".join(map(str, ids))})
    assert page.status_code == 200 and "Kazakhstan signed a gas supply deal" in page.text
