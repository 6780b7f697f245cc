"""Pages, the API and exports say in which language an article was read, or that it was not."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from blocwatch.model import Article
from blocwatch.store import Store
from blocwatch.store.export import ExportFormat, ExportKind, export_bytes
from blocwatch.web import create_app


def _store(store: Store) -> TestClient:
    store.save_articles(
        [
            Article(id="ru1", text="Лавров провёл переговоры в Анкаре.", language="ru"),
            Article(id="de1", text="Der Außenminister reiste nach Ankara.", language="de"),
            Article(id="en1", text="Lavrov held talks in Ankara.", language="en"),
        ]
    )
    return TestClient(create_app(store), base_url="http://127.0.0.1")


def test_article_pages_name_the_reading_language(sqlite_store: Store) -> None:
    client = _store(sqlite_store)
    assert "read in Russian" in client.get("/articles/ru1").text
    assert "read in English" in client.get("/articles/en1").text
    german = client.get("/articles/de1").text
    assert "is not supported" in german and "no actors, quotes, dates or events" in german


def test_api_and_export_carry_the_note(sqlite_store: Store) -> None:
    client = _store(sqlite_store)
    assert client.get("/api/articles/de1").json()["listing"]["read_as"].startswith("language 'de'")
    rows = [
        json.loads(line)
        for line in export_bytes(sqlite_store, ExportKind.ARTICLES, ExportFormat.JSONL)
        .decode()
        .splitlines()
    ]
    notes = {row["id"]: row["read_as"] for row in rows}
    assert notes["ru1"].startswith("read in Russian")
    assert "not supported" in notes["de1"]
