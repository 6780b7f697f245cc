"""What a search found as a whole: counts by outlet, language, actor and event type, and per day.

The search page shows one page of hits; an analyst also wants to see where the rest came
from and how coverage moved over time (GDELT's timeline, Media Cloud's attention chart).
Every figure here counts over the whole result set, with the same words and filters as
the hits (:func:`blocwatch.store.search.matching`), so clicking a count narrows the
search to exactly that many articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, cast, distinct, func, select

from blocwatch.store.cache import cached_read
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow, MentionRow, StoryRow
from blocwatch.store.search import SearchFilters, SearchHit, matching

FACET_SIZE = 12


@dataclass(frozen=True, slots=True)
class SearchOverview:
    outlets: dict[str, int]
    languages: dict[str, int]
    actors: dict[str, int]
    """Articles naming each actor (by id)."""
    event_types: dict[str, int]
    """Articles holding an event of each type."""
    article_days: list[tuple[date, str | None, int]]
    """(day, outlet, articles) for the attention timeline."""
    story_days: list[tuple[date, str]]


def _day(store: Store) -> Any:
    if store.dialect == "sqlite":
        return func.date(ArticleRow.published_at)
    return cast(func.timezone("UTC", ArticleRow.published_at), Date)


def _as_day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _top(query: Select[Any, Any], key: Any, counted: Any) -> Select[Any, Any]:
    """The :data:`FACET_SIZE` most frequent values of ``key``, most first."""
    return query.group_by(key).order_by(counted.desc(), key).limit(FACET_SIZE)


@cached_read
def search_overview(store: Store, query: str, filters: SearchFilters) -> SearchOverview:
    found = matching(store, query, filters)
    ids = found.select(ArticleRow.id)
    day = _day(store)
    dated = ArticleRow.id.in_(ids), ArticleRow.published_at.is_not(None)
    per_article = func.count()
    mentioned = func.count(distinct(MentionRow.article_id))
    coded = func.count(distinct(EventRow.article_id))
    with store.engine.connect() as connection:

        def counts(query: Select[Any, Any]) -> dict[str, int]:
            return {str(k): int(n) for k, n in connection.execute(query) if k}

        outlets = counts(
            _top(found.select(ArticleRow.outlet, per_article), ArticleRow.outlet, per_article)
        )
        languages = counts(
            _top(found.select(ArticleRow.language, per_article), ArticleRow.language, per_article)
        )
        actors = counts(
            _top(
                select(MentionRow.actor_id, mentioned).where(MentionRow.article_id.in_(ids)),
                MentionRow.actor_id,
                mentioned,
            )
        )
        event_types = counts(
            _top(
                select(EventRow.type, coded).where(EventRow.article_id.in_(ids)),
                EventRow.type,
                coded,
            )
        )
        article_days = [
            (_as_day(d), outlet, int(n))
            for d, outlet, n in connection.execute(
                select(day, ArticleRow.outlet, func.count())
                .where(*dated)
                .group_by(day, ArticleRow.outlet)
            )
        ]
        story_days = [
            (_as_day(d), str(story))
            for d, story in connection.execute(
                select(day, ArticleRow.story_id)
                .where(*dated, ArticleRow.story_id.is_not(None))
                .group_by(day, ArticleRow.story_id)
            )
        ]
    return SearchOverview(outlets, languages, actors, event_types, article_days, story_days)


def story_titles(store: Store, hits: Sequence[SearchHit]) -> dict[str, str]:
    """Titles of the stories the hits belong to."""
    ids = sorted({h.article.story_id for h in hits if h.article.story_id})
    if not ids:
        return {}
    with store.session() as session:
        rows = session.execute(select(StoryRow.id, StoryRow.title).where(StoryRow.id.in_(ids)))
        return {str(story_id): str(title) for story_id, title in rows}


@dataclass(frozen=True, slots=True)
class HitGroup:
    """Hits of one story on a page of results (a hit with no story is a group of its own)."""

    story_id: str | None
    story_title: str | None
    hits: tuple[SearchHit, ...]


def group_by_story(hits: Sequence[SearchHit], titles: dict[str, str]) -> list[HitGroup]:
    """The page's hits grouped by story, each group where its best hit ranked."""
    order: list[str] = []
    grouped: dict[str, list[SearchHit]] = {}
    for hit in hits:
        key = hit.article.story_id or f"article:{hit.article.id}"
        if key not in grouped:
            order.append(key)
            grouped[key] = []
        grouped[key].append(hit)
    return [
        HitGroup(
            None if key.startswith("article:") else key,
            titles.get(key),
            tuple(grouped[key]),
        )
        for key in order
    ]
