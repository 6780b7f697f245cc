"""API lists page on with the cursor their Link header names."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from blocwatch.model import Article, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store
from blocwatch.web import create_app


def test_articles_link_to_the_next_page_until_the_last(sqlite_store: Store) -> None:
    text = "Lithuania and Latvia agreed on a grid link."
    sqlite_store.save_articles(
        [
            Article(
                id=f"grid{n}",
                text=text,
                title=f"Grid {n}",
                published_at=datetime(2024, 1, 1 + n, tzinfo=UTC),
                sentences=split_sentences(text),
            )
            for n in range(5)
        ]
    )
    client = TestClient(create_app(sqlite_store), base_url="http://127.0.0.1")
    answer = client.get("/api/articles", params={"limit": 2})
    seen = [a["id"] for a in answer.json()]
    while "link" in answer.headers:
        address = answer.headers["link"].split(">")[0].lstrip("<")
        answer = client.get(address)
        seen += [a["id"] for a in answer.json()]
    assert seen == ["grid4", "grid3", "grid2", "grid1", "grid0"]
    refused = client.get("/api/articles", params={"after": "%%%"})
    assert refused.status_code == 400
    assert "cursor" in refused.json()["detail"]


def test_older_stories_follow_the_last_story_on_the_page(sqlite_store: Store) -> None:
    text = "Estonia opened a new ferry line."
    articles = [
        Article(
            id=f"ferry{n:02d}",
            text=text,
            title=f"Ferry {n}",
            published_at=datetime(2024, 2, 1, n, tzinfo=UTC),
            sentences=split_sentences(text),
        )
        for n in range(23)
    ]
    sqlite_store.save_articles(articles)
    sqlite_store.replace_stories(
        [
            Story(f"ferry-story-{a.id}", a.title or "", [a.id], a.published_at, a.published_at)
            for a in articles
        ],
        {},
    )
    client = TestClient(create_app(sqlite_store), base_url="http://127.0.0.1")
    first = client.get("/stories").text
    older = re.search(r'href="(/stories\?page=2&amp;after=[^"]+)"', first)
    assert older is not None and "ferry-story-ferry03" in first
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert "ferry-story-ferry02" in second and "ferry-story-ferry00" in second
    assert "ferry-story-ferry03" not in second
