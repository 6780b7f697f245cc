"""What a search found as a whole: counts by outlet, language, actor and event type, and per day.

The search page shows one page of hits; an analyst also wants to see where the rest came
from and how coverage moved over time (GDELT's timeline, Media Cloud's attention chart).
Every figure here counts over the whole result set, with the same words and filters as
the hits (:func:`blocwatch.store.search.matching_source`), so clicking a count narrows the
search to exactly that many articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text

from blocwatch.store.cache import cached_read
from blocwatch.store.repository import Store
from blocwatch.store.schema import StoryRow
from blocwatch.store.search import SearchFilters, SearchHit, matching_source

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


def _day(store: Store) -> str:
    if store.dialect == "sqlite":
        return "date(a.published_at)"
    return "CAST(a.published_at AT TIME ZONE 'UTC' AS DATE)"


def _as_day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@cached_read
def search_overview(store: Store, query: str, filters: SearchFilters) -> SearchOverview:
    source, params = matching_source(store, query, filters)
    ids = f"SELECT a.id {source}"
    dated = f"FROM articles a WHERE a.id IN ({ids}) AND a.published_at IS NOT NULL"
    day = _day(store)
    top = f"ORDER BY 2 DESC, 1 LIMIT {FACET_SIZE}"
    with store.engine.connect() as connection:

        def counts(sql: str) -> dict[str, int]:
            return {str(k): int(n) for k, n in connection.execute(text(sql), params) if k}

        outlets = counts(f"SELECT a.outlet, count(*) {source} GROUP BY a.outlet {top}")
        languages = counts(f"SELECT a.language, count(*) {source} GROUP BY a.language {top}")
        actors = counts(
            "SELECT m.actor_id, count(DISTINCT m.article_id) FROM mentions m "
            f"WHERE m.article_id IN ({ids}) GROUP BY m.actor_id {top}"
        )
        event_types = counts(
            "SELECT e.type, count(DISTINCT e.article_id) FROM events e "
            f"WHERE e.article_id IN ({ids}) GROUP BY e.type {top}"
        )
        article_days = [
            (_as_day(d), outlet, int(n))
            for d, outlet, n in connection.execute(
                text(f"SELECT {day}, a.outlet, count(*) {dated} GROUP BY {day}, a.outlet"),
                params,
            )
        ]
        story_days = [
            (_as_day(d), str(story))
            for d, story in connection.execute(
                text(
                    f"SELECT {day}, a.story_id {dated} AND a.story_id IS NOT NULL "
                    f"GROUP BY {day}, a.story_id"
                ),
                params,
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
