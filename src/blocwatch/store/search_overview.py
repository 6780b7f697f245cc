"""What a search found as a whole: counts by outlet, language, actor and event type, and per day.

The search page shows one page of hits; an analyst also wants to see where the rest came
from and how coverage moved over time (GDELT's timeline, Media Cloud's attention chart).
Every figure here counts over the result set, with the same words and filters as the hits
(:func:`blocwatch.store.search.matching`), so clicking a count narrows the search to
exactly that many articles. A search that finds more than :data:`OVERVIEW_WINDOW`
articles (the count the hits stop at, "more than 10,000") is counted over its newest
that many, and the overview says so (:attr:`SearchOverview.counted_over`): grouping every
one of 128,512 matches by day, outlet and story took 1 to 2 s at a million articles,
and no kept count can answer an actor and an event type together (one row per article
and pair of them: 13 million rows at a million articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Date, Select, String, cast, distinct, func, literal, select, union_all

from blocwatch.store import actor_counts
from blocwatch.store.cache import cached_read
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow, MentionRow, StoryRow
from blocwatch.store.search import (
    COUNT_UP_TO,
    Matching,
    SearchFilters,
    SearchHit,
    matching,
    search_connection,
)

FACET_SIZE = 12
FACET_WINDOW = 2000
"""Actors and event types are counted over at most the newest this many matching
articles. They read every mention and event of the articles counted, so over a whole
result set their cost grows with it (13,000 matching articles at 100,000 stored: 0.3 s
for the actors alone); outlets, languages and the timeline read the matching articles
only, up to :data:`OVERVIEW_WINDOW` of them."""

OVERVIEW_WINDOW = COUNT_UP_TO
"""Outlets, languages and the timeline count at most the newest this many matches: as
many as a search counts (:data:`blocwatch.store.search.COUNT_UP_TO`), so a result that
says "more than 10,000 articles" is charted over those 10,000."""


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
    matches_counted: int | None = None
    """When more articles match than :data:`OVERVIEW_WINDOW`, outlets, languages and the
    overview's timeline are counted over the newest that many (a bound on the result,
    not its total) and this says how many; ``None`` when they count every match."""


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
    CTE), and the newest :data:`OVERVIEW_WINDOW` of them grouped six ways, instead of the
    search being run again for each count; actors and event types over the newest
    :data:`FACET_WINDOW` of them."""
    every, hits = overview_matches(store, matching(store, query, filters), filters)
    with search_connection(store) as connection:
        rows = list(connection.execute(union_all(*overview_parts(every, hits))))
    return overview_of(rows)


def overview_matches(
    store: Store, found: Matching, filters: SearchFilters, *extra: Any
) -> tuple[Any, Any]:
    """Two CTEs: ``every`` match (with the ``extra`` columns too), and the newest
    :data:`OVERVIEW_WINDOW` of them and one more (``hits``, numbered ``newest``).

    Every match comes first, then the newest of them: asked for the newest directly,
    PostgreSQL walks articles newest first and checks each one's words against its search
    vector, read from TOAST (0.85 s for 10,000 of 47,000 matches at a million articles).
    A search without words under an actor reads its newest matches from the actor's kept
    articles instead (:func:`kept_hits`), and both CTEs are those.
    """
    if (kept := kept_hits(store, found, filters)) is not None:
        return kept, kept
    every = (
        found.select(
            ArticleRow.id,
            ArticleRow.outlet,
            ArticleRow.language,
            ArticleRow.story_id,
            ArticleRow.published_at,
            _day(store).label("day"),
            *extra,
        )
        .cte("every")
        .prefix_with("MATERIALIZED")
    )
    newest_first = (every.c.published_at.desc().nulls_last(), every.c.id)
    hits = (
        select(
            every.c.id,
            every.c.outlet,
            every.c.language,
            every.c.story_id,
            every.c.day,
            func.row_number().over(order_by=newest_first).label("newest"),
        )
        .order_by(*newest_first)
        .limit(OVERVIEW_WINDOW + 1)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    return every, hits


def kept_hits(store: Store, found: Matching, filters: SearchFilters) -> Any | None:
    """The newest matches of a search without words under an actor, from the actor's kept
    articles (``actor_articles``, PostgreSQL, read newest first from its index, each
    checked for the other filters), numbered ``newest``: as many as the overview and the
    count need and one more, so counting them says whether more match. ``None`` for any
    other search."""
    f = filters.cleaned()
    if store.dialect != "postgresql" or found.match is not None or not f.actor:
        return None
    kept = actor_counts.ARTICLES
    where = [kept.c.actor_id == f.actor]
    if f.event_type:
        coded = select(EventRow.article_id).where(EventRow.type == f.event_type)
        where.append(kept.c.article_id.in_(coded))
    for name, value in (("outlet", f.outlet), ("language", f.language)):
        if value:
            where.append(kept.c[name] == value)
    if f.since:
        where.append(kept.c.published_at >= datetime.combine(f.since, time.min, UTC))
    if f.until:
        where.append(kept.c.published_at <= datetime.combine(f.until, time.max, UTC))
    if f.min_tone is not None:
        where.append(kept.c.tone >= f.min_tone)
    if f.max_tone is not None:
        where.append(kept.c.tone <= f.max_tone)
    newest_first = (kept.c.published_at.desc().nulls_last(), kept.c.article_id)
    return (
        select(
            kept.c.article_id.label("id"),
            kept.c.outlet,
            kept.c.language,
            kept.c.story_id,
            kept.c.day,
            func.row_number().over(order_by=newest_first).label("newest"),
        )
        .where(*where)
        .order_by(*newest_first)
        .limit(max(OVERVIEW_WINDOW, COUNT_UP_TO) + 1)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )


def overview_parts(every: Any, hits: Any) -> list[Any]:
    """The six groupings and the match count, each a ``(name, key, second, n)`` row set
    over the CTEs of :func:`overview_matches`, so they can be sent as one UNION ALL."""
    count = func.count()
    mentioned = func.count(distinct(MentionRow.article_id))
    coded = func.count(distinct(EventRow.article_id))
    newest = select(hits.c.id).where(hits.c.newest <= FACET_WINDOW)
    mentions = select(MentionRow.actor_id).where(MentionRow.article_id.in_(newest))
    events = select(EventRow.type).where(EventRow.article_id.in_(newest))
    matched = select(
        literal("matched", String), literal(None, String), literal(None, String), count
    )
    counted = select(hits.c.id).where(hits.c.newest <= OVERVIEW_WINDOW)
    dated = counted.where(hits.c.day.is_not(None))
    return [
        _top("outlets", counted, count, hits.c.outlet),
        _top("languages", counted, count, hits.c.language),
        _top("actors", mentions, mentioned, MentionRow.actor_id),
        _top("event_types", events, coded, EventRow.type),
        _part("article_days", dated, count, hits.c.day, hits.c.outlet),
        _part(
            "story_days", dated.where(hits.c.story_id.is_not(None)), count, hits.c.day,
            hits.c.story_id,
        ),
        matched.select_from(every),
    ]  # fmt: skip


def overview_of(rows: Sequence[Any]) -> SearchOverview:
    """The facets, the days per outlet and the days per story from the statement's rows
    (others, such as a page's, are left out); the facets say they were counted over a
    window when more articles matched."""
    facets: dict[str, dict[str, int]] = {
        "outlets": {}, "languages": {}, "actors": {}, "event_types": {},
    }  # fmt: skip
    article_days: list[tuple[date, str | None, int]] = []
    story_days: list[tuple[date, str]] = []
    counted_over = matches_counted = None
    for name, key, second, n in rows:
        if name == "matched":
            counted_over = FACET_WINDOW if int(n) > FACET_WINDOW else None
            matches_counted = OVERVIEW_WINDOW if int(n) > OVERVIEW_WINDOW else None
        elif name == "article_days":
            article_days.append((_as_day(key), second, int(n)))
        elif name == "story_days":
            story_days.append((_as_day(key), str(second)))
        elif name in facets and key:
            facets[name][str(key)] = int(n)
    return SearchOverview(
        SearchFacets(**facets, counted_over=counted_over, matches_counted=matches_counted),
        article_days,
        story_days,
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
