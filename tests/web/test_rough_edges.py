"""What a new user tripped over in the web app: offline API docs, compression, caching, id prefixes."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from blocwatch.store import Store
from blocwatch.web import create_app
from tests.web.corpus import build_corpus


@pytest.fixture
def client(sqlite_store: Store) -> TestClient:
    build_corpus(sqlite_store, hostile=False)
    return TestClient(create_app(sqlite_store), base_url="http://127.0.0.1")


def test_api_docs_load_everything_from_the_app_itself(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources)
    assert "<script>" not in page.text  # no inline script: the CSP allows none
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert "https:" not in page.headers["content-security-policy"]


def test_scripts_are_compressed_and_cached(client: TestClient) -> None:
    plotly = client.get("/assets/plotly.min.js", headers={"Accept-Encoding": "gzip"})
    assert plotly.headers["content-encoding"] == "gzip"
    assert "max-age" in plotly.headers["cache-control"]
    style = client.get("/static/style.css", headers={"Accept-Encoding": "gzip"})
    assert "max-age" in style.headers["cache-control"]
    page = client.get("/search", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"


def test_pages_without_charts_do_not_load_plotly(client: TestClient) -> None:
    assert "plotly.min.js" not in client.get("/stories").text
    assert "plotly.min.js" not in client.get("/articles/talks01").text
    assert "plotly.min.js" in client.get("/relations").text


def test_an_article_id_prefix_opens_the_article(client: TestClient) -> None:
    found = client.get("/articles/talks0", follow_redirects=False)
    assert found.status_code == 404 and "ambiguous" in found.text  # talks01, talks02, talks03
    moved = client.get("/articles/gas0", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == "/articles/gas01"
    assert "Kazakhstan and China sign a gas deal" in client.get("/articles/gas0").text
