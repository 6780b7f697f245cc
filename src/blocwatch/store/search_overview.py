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

from sqlalchemy import Date, Select, String, cast, distinct, func, literal, select, union_all

from blocwatch.store.cache import cached_read
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow, MentionRow, StoryRow
from blocwatch.store.search import SearchFilters, SearchHit, matching

FACET_SIZE = 12
FACET_WINDOW = 2000
"""Actors and event types are counted over at most the newest this many matching
articles. They read every mention and event of the articles counted, so over a whole
result set their cost grows with it (13,000 matching articles at 100,000 stored: 0.3 s
for the actors alone); outlets, languages and the timeline read the matching articles
only and stay exact."""


@dataclass(frozen=True, slots=True)
class SearchFacets:
    """Matching articles counted by outlet, language, actor and event type (the busiest
    :data:`FACET_SIZE` of each): what the search page lists and ``/api/search/overview``
    answers as ``facets``."""

    outlets: dict[str, int]
    languages: dict[str, int]
    actors: dict[str, int]
    """Articles naming each actor (by id)."""
    event_types: dict[str, int]
    """Articles holding an event of each type."""
    counted_over: int | None = None
    """When more articles match than :data:`FACET_WINDOW`, actors and event types are
    counted over the newest that many of them (a sample of the result, not its total)
    and this says how many; ``None`` when they were counted over every match."""


@dataclass(frozen=True, slots=True)
class SearchOverview:
    """A search's facets and the day rows its attention timeline is counted from."""

    facets: SearchFacets
    article_days: list[tuple[date, str | None, int]]
    """(day, outlet, articles) for the attention timeline."""
    story_days: list[tuple[date, str]]


def _day(store: Store) -> Any:
    if store.dialect == "sqlite":
        return func.date(ArticleRow.published_at)
    return cast(func.timezone("UTC", ArticleRow.published_at), Date)


def _as_day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _part(name: str, query: Select[Any], n: Any, *keys: Any) -> Select[Any]:
    """One grouping as ``(part, key, second key, n)`` rows, to be unioned with the others."""
    second = cast(keys[1], String) if len(keys) > 1 else literal(None, String)
    return query.with_only_columns(
        literal(name, String), cast(keys[0], String), second, n
    ).group_by(*keys)


def _top(name: str, query: Select[Any], n: Any, key: Any) -> Select[Any]:
    """The :data:`FACET_SIZE` most frequent values of ``key``, most first."""
    ranked = _part(name, query, n.label("n"), key).order_by(n.desc(), key).limit(FACET_SIZE)
    return select(ranked.subquery())


@cached_read
def search_overview(store: Store, query: str, filters: SearchFilters) -> SearchOverview:
    """Every count in one statement: the matching articles are found once (a materialised
    CTE) and grouped six ways, instead of the search being run again for each count;
    actors and event types over the newest :data:`FACET_WINDOW` of them."""
    with store.engine.connect() as connection:
        rows = list(connection.execute(union_all(*_overview_parts(store, query, filters))))
    return _overview_of(rows)


def _overview_parts(store: Store, query: str, filters: SearchFilters) -> list[Any]:
    """The six groupings and the match count, each a ``(name, key, second, n)`` row set
    over one CTE of the hits, so they can be sent as one UNION ALL."""
    found = matching(store, query, filters)
    hits = (
        found.select(
            ArticleRow.id,
            ArticleRow.outlet,
            ArticleRow.language,
            ArticleRow.story_id,
            ArticleRow.published_at,
            _day(store).label("day"),
        )
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    count = func.count()
    mentioned = func.count(distinct(MentionRow.article_id))
    coded = func.count(distinct(EventRow.article_id))
    newest = select(
        select(hits.c.id)
        .order_by(hits.c.published_at.desc().nulls_last(), hits.c.id)
        .limit(FACET_WINDOW)
        .subquery()
    )
    mentions = select(MentionRow.actor_id).where(MentionRow.article_id.in_(newest))
    events = select(EventRow.type).where(EventRow.article_id.in_(newest))
    matched = select(
        literal("matched", String), literal(None, String), literal(None, String), count
    )
    dated = select(hits.c.id).where(hits.c.day.is_not(None))
    return [
        _top("outlets", select(hits.c.id), count, hits.c.outlet),
        _top("languages", select(hits.c.id), count, hits.c.language),
        _top("actors", mentions, mentioned, MentionRow.actor_id),
        _top("event_types", events, coded, EventRow.type),
        _part("article_days", dated, count, hits.c.day, hits.c.outlet),
        _part(
            "story_days", dated.where(hits.c.story_id.is_not(None)), count, hits.c.day,
            hits.c.story_id,
        ),
        matched.select_from(hits),
    ]  # fmt: skip


def _overview_of(rows: Sequence[Any]) -> SearchOverview:
    """The facets, the days per outlet and the days per story from the statement's rows;
    the facets say they were counted over a window when more articles matched."""
    facets: dict[str, dict[str, int]] = {
        "outlets": {}, "languages": {}, "actors": {}, "event_types": {},
    }  # fmt: skip
    article_days: list[tuple[date, str | None, int]] = []
    story_days: list[tuple[date, str]] = []
    counted_over = None
    for name, key, second, n in rows:
        if name == "matched":
            counted_over = FACET_WINDOW if int(n) > FACET_WINDOW else None
        elif name == "article_days":
            article_days.append((_as_day(key), second, int(n)))
        elif name == "story_days":
            story_days.append((_as_day(key), str(second)))
        elif key:
            facets[name][str(key)] = int(n)
    return SearchOverview(
        SearchFacets(**facets, counted_over=counted_over), article_days, story_days
    )


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
