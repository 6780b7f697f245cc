"""The JSON API under /api (its OpenAPI schema at /api/openapi.json).

Routes answer with the records the store and the analysis return (articles, stories,
copy groups, search hits, actor profiles, events, quotes, relation edges and points,
alignment points, disagreements), nested where a page shows several: FastAPI derives each
route's schema from those dataclasses, so a field added to a record reaches the schema
without a second copy of it here, and no record is copied field by field into another.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from blocwatch import actor_input
from blocwatch.analysis import (
    AlignmentPoint,
    Disagreement,
    RelationEdge,
    RelationPoint,
    attention,
)
from blocwatch.model import Article, CopyGroup
from blocwatch.periods import Granularity as AnalysisGranularity
from blocwatch.store import ExportFormat, ExportKind, export_bytes, views
from blocwatch.store.actor_lookup import ActorChoice, suggest_actors
from blocwatch.store.explorer import (
    EventFacets,
    EventOrder,
    event_cursor,
    event_days,
    event_facets,
    find_events,
)
from blocwatch.store.explorer import EventView as EventOut
from blocwatch.store.read import ArticleSummary, article_cursor
from blocwatch.store.search import SearchFilters, SearchHit, search_articles
from blocwatch.store.search_overview import SearchFacets, search_overview
from blocwatch.web.analysis import alignment_of, pair_series
from blocwatch.web.deps import AnalysisDep, StoreDep
from blocwatch.web.filters import EventFilterDep, filter_params

router = APIRouter(prefix="/api", tags=["api"])
T = TypeVar("T")


class Granularity(StrEnum):
    WEEK = "week"
    MONTH = "month"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"


class ArticleDetailOut(BaseModel):
    """An article as listed, its record with every fact and its evidence, and its copies."""

    listing: ArticleSummary
    article: Article
    copies: list[str]
    """Other articles with the same text (the original, or its other copies)."""


AFTER = Query(
    None,
    description="the cursor of the previous page's last row (its Link rel=next header gives"
    " the next page's address): every page at the same cost, where a deep offset is slow",
)


def _link_next(
    request: Request, response: Response, rows: list[T], limit: int, cursor: Callable[[T], str]
) -> list[T]:
    """The rows, with a ``Link: <...>; rel="next"`` header when the page is full."""
    if rows and len(rows) == limit:
        url = request.url.remove_query_params("offset").include_query_params(after=cursor(rows[-1]))
        response.headers["Link"] = f'<{url}>; rel="next"'
    return rows


@router.get("/articles", response_model=list[ArticleSummary])
def list_articles(
    request: Request,
    response: Response,
    store: StoreDep,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    after: str | None = AFTER,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[ArticleSummary]:
    """Articles, newest first; page on with ``after`` (the Link header's next page)."""
    found = store.list_articles(
        limit=limit, offset=offset, after=after, outlet=outlet, since=since, until=until
    )
    return _link_next(request, response, found, limit, article_cursor)


@router.get("/articles/{article_id}", response_model=ArticleDetailOut)
def get_article(article_id: str, store: StoreDep) -> ArticleDetailOut:
    """The article with its sentences, mentions, quotes, dates and events, each with evidence."""
    summary = store.article_summary(article_id)
    article = store.get_article(article_id)
    if summary is None or article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    copies = [c.id for c in views.article_context(store, summary).copies]
    return ArticleDetailOut(listing=summary, article=article, copies=copies)


_MEDIA = {
    ExportFormat.JSONL: "application/x-ndjson",
    ExportFormat.CSV: "text/csv",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
    ExportFormat.GDELT: "text/tab-separated-values",
}


@router.get(
    "/export/{what}.{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "The export file (GDELT-style TSV for gdelt, events only).",
            "content": {media: {"schema": {"type": "string"}} for media in _MEDIA.values()},
        }
    },
)
def download_export(
    what: ExportKind, fmt: ExportFormat, store: StoreDep, events_filter: EventFilterDep
) -> Response:
    """Everything of one kind; events take the explorer's filters (the same query parameters)."""
    if fmt is ExportFormat.GDELT and what is not ExportKind.EVENTS:
        raise HTTPException(400, "the gdelt format is for events only")
    filtered = what is ExportKind.EVENTS and filter_params(events_filter)
    if what is not ExportKind.EVENTS and filter_params(events_filter):
        raise HTTPException(400, f"filters apply to events only, not to {what.value}")
    body = export_bytes(store, what, fmt, events_filter if filtered else None)
    suffix = "tsv" if fmt is ExportFormat.GDELT else fmt.value
    return Response(
        body,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="blocwatch-{what.value}.{suffix}"'},
    )


# --------------------------------------------------------------------------- search


class SearchOut(BaseModel):
    query: str
    total: int
    more: bool = Field(
        description="more articles match than total: matches are counted up to 10,000"
    )
    ranked_over: int | None = Field(
        None,
        description="more articles match than this: the newest this many are ranked, best "
        "first, and the others follow newest first (PostgreSQL)",
    )
    actor_id: str | None
    hits: list[SearchHit]


def search_filters(
    store: StoreDep,
    actor: str | None = Query(None, description="an actor id, or a name to resolve"),
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    language: str | None = None,
    min_tone: float | None = Query(None, ge=-1, le=1, description="article tone at least"),
    max_tone: float | None = Query(None, ge=-1, le=1, description="article tone at most"),
) -> SearchFilters:
    """The search filters from query parameters, the actor resolved from a name (404 if none)."""
    actor_id = actor_input.actor_id(store, actor)
    return SearchFilters(actor_id, outlet, since, until, event_type, language, min_tone, max_tone)


SearchFiltersDep = Annotated[SearchFilters, Depends(search_filters)]


@router.get("/search", response_model=SearchOut)
def search(
    store: StoreDep,
    filters: SearchFiltersDep,
    q: str = "",
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0),
) -> SearchOut:
    """Full-text search (words, "phrases", -exclusions, OR) with filters; best matches first.

    Filters: actor (an id, or a name to resolve), outlet, since, until, event_type,
    language, min_tone and max_tone (the article's mean VADER tone, -1..+1).
    """
    results = search_articles(store, q, filters=filters, limit=limit, offset=offset)
    return SearchOut(
        query=q,
        total=results.total,
        more=results.more,
        ranked_over=results.ranked_over,
        actor_id=filters.actor,
        hits=results.hits,
    )


class SearchOverviewOut(BaseModel):
    """Counts over the articles the search finds (the newest 10,000 of a larger result:
    ``facets.matches_counted`` says so), and its coverage per period."""

    facets: SearchFacets
    attention: attention.Attention
    """Articles and stories per period (ISO weeks unless the span is too long), and the
    busiest outlets' articles."""


@router.get("/search/overview", response_model=SearchOverviewOut)
def search_overview_api(
    store: StoreDep, filters: SearchFiltersDep, q: str = ""
) -> SearchOverviewOut:
    """Facet counts (outlet, language, actor, event type) and attention over time of a search."""
    found = search_overview(store, q, filters)
    over_time = attention.attention(found.article_days, found.story_days)
    return SearchOverviewOut(facets=found.facets, attention=over_time)


# --------------------------------------------------------------------------- stories


# Quotes and events go out as the records the pages read (views.QuoteView, EventView).
QuoteOut = views.QuoteView


class StoryDetailOut(BaseModel):
    """A story's card, its articles and copy groups, and its quotes and events."""

    card: views.StoryCard
    articles: list[ArticleSummary]
    copy_groups: list[CopyGroup]
    quotes: list[QuoteOut]
    events: list[EventOut]
    timeline: list[EventOut]
    """The events with a date, in date order."""


@router.get("/stories", response_model=list[views.StoryCard])
def list_stories(
    request: Request,
    response: Response,
    store: StoreDep,
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0),
    after: str | None = AFTER,
) -> list[views.StoryCard]:
    """The latest stories with their cited summaries, outlets and copy counts."""
    found = views.latest_stories(store, limit=limit, offset=offset, after=after)
    return _link_next(request, response, found, limit, views.story_cursor)


@router.get("/stories/{story_id}", response_model=StoryDetailOut)
def get_story(story_id: str, store: StoreDep) -> StoryDetailOut:
    story = views.story_detail(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return StoryDetailOut(
        card=story.card,
        articles=list(story.articles),
        copy_groups=[g.group for g in story.copy_groups],
        quotes=list(story.quotes),
        events=list(story.events),
        timeline=story.timeline,
    )


@router.get("/stories/{story_id}/disagreements", response_model=list[Disagreement])
def story_disagreements(
    story_id: str, store: StoreDep, analysis: AnalysisDep
) -> list[Disagreement]:
    """Where the story's sources state different things about the same actor or event."""
    story = views.story_detail(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return list(analysis.find_disagreements(store, article_ids=tuple(a.id for a in story.articles)))


@router.get("/disagreements", response_model=list[Disagreement])
def disagreements(
    store: StoreDep,
    analysis: AnalysisDep,
    article_ids: Annotated[list[str], Query(description="articles to compare")],
) -> list[Disagreement]:
    """Where the given articles state different things about the same actor or event."""
    return list(analysis.find_disagreements(store, article_ids=tuple(article_ids)))


# --------------------------------------------------------------------------- actors


class ActorOut(BaseModel):
    profile: views.ActorProfile
    """Who the actor is (with its dictionary entry), the roles the press gave it, what it
    said, what it did and what was done to it."""
    partners: dict[str, int]
    """Events with each state or organisation (a person's: their state's)."""


@router.get("/actors", response_model=list[views.ActorListing])
def list_actors(
    store: StoreDep, limit: int = Query(100, ge=1, le=1000), kind: str | None = None
) -> list[views.ActorListing]:
    """The most mentioned actors."""
    return views.list_actors(store, limit=limit, kind=kind)


@router.get("/actors/suggest", response_model=list[ActorChoice])
def suggest(
    store: StoreDep,
    q: str = Query(..., min_length=1, max_length=200, description="what was typed so far"),
    limit: int = Query(8, ge=1, le=50),
) -> list[ActorChoice]:
    """Actors whose id, name or alias starts with or contains ``q``, then close spellings."""
    return suggest_actors(store, q, limit=limit)


@router.get("/actors/{actor_id}", response_model=ActorOut)
def get_actor(actor_id: str, store: StoreDep, analysis: AnalysisDep) -> ActorOut:
    """Who an actor is, what they said, what they did and what was done to them.

    ``actor_id`` may also be a name or code ("Kazakhstan", "kaz", "Tokayev"): the actor it
    resolves to is answered; a name that resolves to none is a 404 with ``suggestions``.
    """
    p = views.actor_profile(store, actor_id)
    if p is None:
        found = actor_input.resolve(store, actor_id, "actor_id")
        p = views.actor_profile(store, found.id) if found.id != actor_id else None
    if p is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    edges = analysis.relation_graph(store, actor=p.relation_code)
    partners = {(e.b if e.a == p.relation_code else e.a): e.events for e in edges}
    return ActorOut(profile=p, partners=partners)


# --------------------------------------------------------------------------- relations


@router.get("/relations", response_model=list[RelationEdge])
def relations(
    store: StoreDep,
    analysis: AnalysisDep,
    since: date | None = None,
    until: date | None = None,
) -> list[RelationEdge]:
    """Every pair of states and organisations with events between them in the period."""
    return list(analysis.relation_graph(store, since=since, until=until))


@router.get("/relations/{a}/{b}", response_model=list[RelationPoint])
def relation_series(
    a: str,
    b: str,
    store: StoreDep,
    analysis: AnalysisDep,
    granularity: Granularity = Granularity.MONTH,
) -> list[RelationPoint]:
    """Event clusters (real-world events, each counted once) between two actors per period,
    every period from the first to the last: per quad class, Goldstein mean with its 95%
    t interval, cooperation share with its 95% Wilson interval, the outlets behind the
    point, whether it has enough events to be drawn, and its cluster ids
    (``/api/clusters?ids=...`` gives their sentences).

    ``a`` and ``b`` are codes, ids or names ("Kazakhstan", "Tokayev" counts for KAZ)."""
    a, b = actor_input.actor_code(store, a, "a"), actor_input.actor_code(store, b, "b")
    return list(pair_series(analysis, store, a, b, granularity.value))


@router.get("/alignment/{state}", response_model=list[AlignmentPoint])
def alignment(
    state: str,
    store: StoreDep,
    analysis: AnalysisDep,
    pole_a: str | None = None,
    pole_b: str | None = None,
    granularity: Granularity = Granularity.MONTH,
) -> list[AlignmentPoint]:
    """A state's alignment index between two poles per period, with its uncertainty.

    Poles are comma-separated codes (default: Russia, and the United States with its allies);
    +1 leans wholly to ``pole_a``, -1 to ``pole_b``.
    """
    series, problem = alignment_of(
        analysis,
        store,
        actor_input.actor_code(store, state, "state"),
        pole_a=actor_input.actor_codes(store, pole_a, "pole_a"),
        pole_b=actor_input.actor_codes(store, pole_b, "pole_b"),
        granularity=granularity.value,
    )
    if problem:
        raise HTTPException(400, problem)
    return list(series)


@router.get("/events", response_model=list[EventOut])
def events(
    request: Request,
    response: Response,
    store: StoreDep,
    events_filter: EventFilterDep,
    ids: Annotated[
        list[int] | None, Query(description="event ids (then no filter applies)")
    ] = None,
    order: EventOrder = EventOrder.NEWEST,
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    after: str | None = AFTER,
) -> list[EventOut]:
    """Events by id, or as the explorer filters them; each with its evidence and sentence."""
    if ids:
        return views.events_by_id(store, ids)
    found = find_events(
        store, events_filter, limit=limit, offset=offset, after=after, order=order
    ).events
    return _link_next(request, response, found, limit, lambda e: event_cursor(e, order))


@router.get("/events/facets", response_model=EventFacets)
def events_facets(store: StoreDep, events_filter: EventFilterDep) -> EventFacets:
    """How many events each type, quad class, actor, outlet, country and status would leave."""
    return event_facets(store, events_filter)


class PeriodCount(BaseModel):
    period: str
    events: int


@router.get("/events/timeline", response_model=list[PeriodCount])
def events_timeline(
    store: StoreDep, events_filter: EventFilterDep, granularity: Period = Period.WEEK
) -> list[PeriodCount]:
    """How many of the filtered events were reported per day or ISO week (by its first day)."""
    return [
        PeriodCount(period=period, events=n)
        for period, n in attention.counts_per_period(
            event_days(store, events_filter), AnalysisGranularity(granularity.value)
        )
    ]
