"""The JSON API under /api (its OpenAPI schema at /api/openapi.json).

Routes answer with the records the store and the analysis return (events, quotes,
relation edges and points, alignment points, disagreements): FastAPI derives each
route's schema from those dataclasses, so a field added to a record reaches the schema
without a second copy of it here.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel

from blocwatch import actor_input
from blocwatch.analysis import (
    AlignmentPoint,
    Disagreement,
    RelationEdge,
    RelationPoint,
    attention,
)
from blocwatch.analysis.periods import Granularity as AnalysisGranularity
from blocwatch.model import CopyGroup, Evidence
from blocwatch.nlp.languages import support
from blocwatch.store import ExportFormat, ExportKind, export_bytes, views
from blocwatch.store.actor_lookup import ActorChoice, suggest_actors
from blocwatch.store.explorer import (
    EventFacets,
    EventOrder,
    event_days,
    event_facets,
    find_events,
)
from blocwatch.store.explorer import EventView as EventOut
from blocwatch.store.repository import ArticleSummary
from blocwatch.store.search import SearchFilters, search_articles
from blocwatch.store.search_overview import search_overview
from blocwatch.web.analysis import alignment_of, pair_series
from blocwatch.web.deps import AnalysisDep, StoreDep
from blocwatch.web.filters import EventFilterDep, filter_params

router = APIRouter(prefix="/api", tags=["api"])


class Granularity(StrEnum):
    WEEK = "week"
    MONTH = "month"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published_at: str | None
    language: str | None
    read_as: str
    """Which language the facts were read in and which stages ran, or why none were."""
    origin_agency: list[str]
    story_id: str | None
    copy_of: str | None

    @classmethod
    def of(cls, row: ArticleSummary) -> ArticleOut:
        return cls(
            id=row.id,
            title=row.title,
            outlet=row.outlet,
            url=row.url,
            published_at=row.published_local,
            language=row.language,
            read_as=support(row.language).note,
            origin_agency=list(row.origin_agency),
            story_id=row.story_id,
            copy_of=row.copy_of,
        )


class EvidenceOut(BaseModel):
    sentence_index: int
    start: int
    end: int
    text: str


class SentenceOut(BaseModel):
    index: int
    start: int
    end: int
    paragraph: int


class MentionOut(BaseModel):
    actor_id: str
    name: str
    kind: str
    role: str | None
    claim: bool
    evidence: EvidenceOut


class FactOut(BaseModel):
    """A quote, date or event of the article, as the export writes it, with its evidence."""

    kind: str
    summary: str
    evidence: EvidenceOut


class ArticleDetailOut(ArticleOut):
    text: str
    published_source: str | None
    sentences: list[SentenceOut]
    mentions: list[MentionOut]
    facts: list[FactOut]
    copies: list[str]
    """Other articles with the same text (the original, or its other copies)."""


@router.get("/articles", response_model=list[ArticleOut])
def list_articles(
    store: StoreDep,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[ArticleOut]:
    return [
        ArticleOut.of(r)
        for r in store.list_articles(
            limit=limit, offset=offset, outlet=outlet, since=since, until=until
        )
    ]


@router.get("/articles/{article_id}", response_model=ArticleDetailOut)
def get_article(article_id: str, store: StoreDep) -> ArticleDetailOut:
    summary = store.article_summary(article_id)
    article = store.get_article(article_id)
    if summary is None or article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")

    def evidence(e: Evidence) -> EvidenceOut:
        return EvidenceOut(
            sentence_index=e.sentence_index, start=e.span.start, end=e.span.end, text=e.text
        )

    facts = [
        *(
            FactOut(
                kind="quote", summary=f"{q.speaker or '?'}: {q.text}", evidence=evidence(q.evidence)
            )
            for q in article.quotes
        ),
        *(
            FactOut(kind="date", summary=f"{t.text} = {t.value}", evidence=evidence(t.evidence))
            for t in article.times
        ),
        *(
            FactOut(
                kind="event",
                summary=f"{e.type} {e.source.name if e.source else '?'} -> "
                f"{e.target.name if e.target else '?'}",
                evidence=evidence(e.evidence),
            )
            for e in article.events
        ),
    ]
    return ArticleDetailOut(
        **ArticleOut.of(summary).model_dump(),
        text=article.text,
        published_source=article.published_source,
        sentences=[
            SentenceOut(index=s.index, start=s.span.start, end=s.span.end, paragraph=s.paragraph)
            for s in article.sentences
        ],
        mentions=[
            MentionOut(
                actor_id=m.actor_id,
                name=m.name,
                kind=str(m.kind),
                role=m.role,
                claim=m.claim,
                evidence=evidence(m.evidence),
            )
            for m in article.mentions
        ],
        facts=facts,
        copies=[c.id for c in views.article_context(store, summary).copies],
    )


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


class SnippetPartOut(BaseModel):
    text: str
    match: bool


class SearchHitOut(BaseModel):
    article: ArticleOut
    snippet: str
    snippet_parts: list[SnippetPartOut]
    rank: float


class SearchOut(BaseModel):
    query: str
    total: int
    actor_id: str | None
    hits: list[SearchHitOut]


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
        actor_id=filters.actor,
        hits=[
            SearchHitOut(
                article=ArticleOut.of(hit.article),
                snippet=hit.snippet_text,
                snippet_parts=[SnippetPartOut(text=p.text, match=p.match) for p in hit.snippet],
                rank=hit.rank,
            )
            for hit in results.hits
        ],
    )


class SearchOverviewOut(BaseModel):
    """Counts over every article the search finds, and its coverage per period."""

    total_by_outlet: dict[str, int]
    total_by_language: dict[str, int]
    total_by_actor: dict[str, int]
    total_by_event_type: dict[str, int]
    periods: list[str]
    """First day of each period (ISO weeks unless the span is too long)."""
    articles: list[int]
    stories: list[int]
    outlets: dict[str, list[int]]


@router.get("/search/overview", response_model=SearchOverviewOut)
def search_overview_api(
    store: StoreDep, filters: SearchFiltersDep, q: str = ""
) -> SearchOverviewOut:
    """Facet counts (outlet, language, actor, event type) and attention over time of a search."""
    found = search_overview(store, q, filters)
    over_time = attention.attention(found.article_days, found.story_days)
    return SearchOverviewOut(
        total_by_outlet=found.outlets,
        total_by_language=found.languages,
        total_by_actor=found.actors,
        total_by_event_type=found.event_types,
        periods=list(over_time.periods),
        articles=list(over_time.articles),
        stories=list(over_time.stories),
        outlets={o: list(n) for o, n in over_time.outlets.items()},
    )


# --------------------------------------------------------------------------- stories


class CitationOut(BaseModel):
    text: str
    article_id: str
    sentence_index: int
    supporting_article_ids: list[str]
    url: str


class StoryOut(BaseModel):
    id: str
    title: str
    first_seen: datetime | None
    last_seen: datetime | None
    article_count: int
    copy_count: int
    outlets: list[str]
    summary: list[CitationOut]

    @classmethod
    def of(cls, card: views.StoryCard) -> StoryOut:
        return cls(
            id=card.id,
            title=card.title,
            first_seen=card.first_seen,
            last_seen=card.last_seen,
            article_count=card.article_count,
            copy_count=card.copy_count,
            outlets=list(card.outlets),
            summary=[
                CitationOut(
                    text=c.text,
                    article_id=c.article_id,
                    sentence_index=c.sentence_index,
                    supporting_article_ids=list(c.supporting_article_ids),
                    url=f"/articles/{c.article_id}#s{c.sentence_index}",
                )
                for c in card.summary
            ],
        )


# Quotes and events go out as the records the pages read (views.QuoteView, EventView).
QuoteOut = views.QuoteView


class StoryDetailOut(StoryOut):
    articles: list[ArticleOut]
    copy_groups: list[CopyGroup]
    quotes: list[QuoteOut]
    events: list[EventOut]
    timeline: list[EventOut]


@router.get("/stories", response_model=list[StoryOut])
def list_stories(
    store: StoreDep, limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0)
) -> list[StoryOut]:
    """The latest stories with their cited summaries, outlets and copy counts."""
    return [StoryOut.of(card) for card in views.latest_stories(store, limit=limit, offset=offset)]


@router.get("/stories/{story_id}", response_model=StoryDetailOut)
def get_story(story_id: str, store: StoreDep) -> StoryDetailOut:
    story = views.story_detail(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return StoryDetailOut(
        **StoryOut.of(story.card).model_dump(),
        articles=[ArticleOut.of(a) for a in story.articles],
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


class RoleOut(BaseModel):
    role: str
    of: str | None = None
    start: str | None = None
    end: str | None = None
    source: str
    mentions: int | None = None
    claim: bool = False
    article_id: str | None = None
    sentence_index: int | None = None


class ActorOut(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    mention_count: int
    article_count: int
    roles: list[RoleOut]
    quotes: list[QuoteOut]
    did: list[EventOut]
    did_count: int
    done_to: list[EventOut]
    done_to_count: int
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
    roles = [
        RoleOut(
            role=r.title,
            of=r.of,
            start=r.start.isoformat() if r.start else None,
            end=r.end.isoformat() if r.end else None,
            source="dictionary",
        )
        for r in (p.known.roles if p.known else ())
    ] + [
        RoleOut(
            role=r.role,
            start=r.first_reported.date().isoformat() if r.first_reported else None,
            end=r.last_reported.date().isoformat() if r.last_reported else None,
            source="reported",
            mentions=r.mentions,
            claim=r.claim,
            article_id=r.article_id,
            sentence_index=r.sentence_index,
        )
        for r in p.roles
    ]
    return ActorOut(
        id=p.id,
        name=p.name,
        kind=p.kind,
        country=p.country,
        aliases=list(p.aliases),
        mention_count=p.mention_count,
        article_count=p.article_count,
        roles=roles,
        quotes=list(p.quotes),
        did=list(p.did),
        did_count=p.did_count,
        done_to=list(p.done_to),
        done_to_count=p.done_to_count,
        partners={
            (e.b if e.a == p.relation_code else e.a): e.events
            for e in analysis.relation_graph(store, actor=p.relation_code)
        },
    )


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
    store: StoreDep,
    events_filter: EventFilterDep,
    ids: Annotated[
        list[int] | None, Query(description="event ids (then no filter applies)")
    ] = None,
    order: EventOrder = EventOrder.NEWEST,
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> list[EventOut]:
    """Events by id, or as the explorer filters them; each with its evidence and sentence."""
    if ids:
        return views.events_by_id(store, ids)
    return find_events(store, events_filter, limit=limit, offset=offset, order=order).events


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
