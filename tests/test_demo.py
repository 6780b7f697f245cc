"""The demo: the bundled corpus through the whole pipeline, and the app serving it."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from blocwatch.demo import run_demo, sample_corpus_dir
from blocwatch.store import Store
from blocwatch.web import create_app


def test_demo_pipeline_stores_the_sample_and_the_app_serves_it(sqlite_store: Store) -> None:
    manifest = json.loads((sample_corpus_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
    report = run_demo(sqlite_store)
    assert report.rejected == []
    assert report.ingested == len(manifest)
    again = run_demo(sqlite_store)
    assert (again.ingested, again.duplicates) == (0, len(manifest))

    client = TestClient(create_app(sqlite_store))
    home = client.get("/")
    assert home.status_code == 200
    newest = sqlite_store.list_articles(limit=1)[0]
    assert newest.title is not None and newest.title.split()[0] in home.text
    assert client.get(f"/articles/{newest.id}").status_code == 200


def test_sample_titles_and_dates_match_the_manifest(sqlite_store: Store) -> None:
    manifest = json.loads((sample_corpus_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
    run_demo(sqlite_store)
    by_file = {
        Path(a.raw_path or "").name: a
        for a in sqlite_store.iter_articles(with_facts=False)
        if a.raw_path
    }
    titles = {name: entry["title"] for name, entry in manifest.items() if ":" not in name}
    found = sum(1 for name, title in titles.items() if by_file[name].title == title)
    assert found / len(titles) >= 0.9
