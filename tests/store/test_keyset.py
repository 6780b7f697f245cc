"""Keyset pagination: pages that follow a cursor list every row once, in the list's order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from blocwatch.errors import QueryError
from blocwatch.model import Article, Event, EventActor, Evidence, Span, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store, keyset, views
from blocwatch.store.explorer import EventFilter, EventOrder, event_cursor, find_events
from blocwatch.store.read import ARTICLE_ORDER, article_cursor

TEXT = "Armenia and Georgia opened a border crossing. Turkey criticised Armenia over the plan."


def _article(number: int, day: int | None) -> Article:
    article = Article(
        id=f"a{number:02d}",
        text=TEXT,
        title=f"Crossing report {number}",
        outlet="Border Wire",
        published_at=None if day is None else datetime(2023, 4, day, 9, tzinfo=UTC),
        sentences=split_sentences(TEXT),
    )
    score = float(number % 3) - 1.0  # ties on the score, so the id decides between them
    article.events = [
        Event(
            "CONSULT",
            EventActor("ARM", "Armenia", "ARM"),
            EventActor("GEO", "Georgia", "GEO"),
            Evidence(article.id, 0, Span(0, 44), TEXT[:44]),
            goldstein=None if number == 4 else score,
            quad_class=1,
        )
    ]
    return article


@pytest.fixture
def listed(store: Store) -> Store:
    """Nine articles: two share a day, one has no date; one story per article."""
    days = [3, 5, 5, 8, None, 11, 2, 9, 14]
    articles = [_article(n, day) for n, day in enumerate(days)]
    store.save_articles(articles)
    stories = [
        Story(f"story-{a.id}", a.title or "", [a.id], a.published_at, a.published_at)
        for a in articles
    ]
    store.replace_stories(stories, {})
    return store


def test_article_pages_list_every_article_once_in_order(listed: Store) -> None:
    everything = [a.id for a in listed.list_articles(limit=100)]
    seen: list[str] = []
    after = None
    while True:
        page = listed.list_articles(limit=2, after=after)
        seen += [a.id for a in page]
        if len(page) < 2:
            break
        after = article_cursor(page[-1])
    assert seen == everything
    assert everything[-1] == "a04"  # the undated article sorts last, and is reached


def test_story_pages_follow_the_cursor(listed: Store) -> None:
    everything = [s.id for s in views.latest_stories(listed, limit=100)]
    first = views.latest_stories(listed, limit=4)
    second = views.latest_stories(listed, limit=4, after=views.story_cursor(first[-1]))
    third = views.latest_stories(listed, limit=4, after=views.story_cursor(second[-1]))
    assert [s.id for s in first + second + third] == everything
    assert len(third) == 1


@pytest.mark.parametrize("order", list(EventOrder))
def test_event_pages_follow_the_cursor_in_every_order(listed: Store, order: EventOrder) -> None:
    everything = [e.id for e in find_events(listed, EventFilter(), limit=100, order=order).events]
    seen: list[int] = []
    after = None
    for _ in range(10):
        page = find_events(listed, EventFilter(), limit=4, after=after, order=order).events
        seen += [e.id for e in page]
        if len(page) < 4:
            break
        after = event_cursor(page[-1], order)
    assert seen == everything
    assert len(everything) == 9


def test_a_made_up_cursor_is_refused_as_a_query_error(listed: Store) -> None:
    with pytest.raises(QueryError, match="cursor"):
        listed.list_articles(after="not-a-cursor!")
    wrong_length = keyset.encode(["2023-04-01T00:00:00+00:00"])
    with pytest.raises(QueryError, match="not a cursor of this list"):
        listed.list_articles(after=wrong_length)
    assert keyset.decode(keyset.encode([None, "a1"]), ARTICLE_ORDER) == [None, "a1"]
