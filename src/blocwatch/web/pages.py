"""Server-rendered pages. Everything that comes from articles is escaped by the templates."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from blocwatch import actor_input
from blocwatch.analysis import attention
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.nlp.events.ontology import PLOVER_TYPES
from blocwatch.places import gazetteer
from blocwatch.store import Store, timelines, views
from blocwatch.store.actor_lookup import suggest_actors
from blocwatch.store.explorer import (
    EventOrder,
    event_cursor,
    event_days,
    event_facets,
    events_by_place,
    find_events,
)
from blocwatch.store.search import SearchFilters, SearchResults
from blocwatch.store.search_overview import SearchOverview, group_by_story, story_titles
from blocwatch.store.search_page import search_page as search_with_overview
from blocwatch.store.views import ActorProfile
from blocwatch.web import charts, maps, reading
from blocwatch.web.analysis import Analysis, alignment_of, pair_series
from blocwatch.web.deps import AnalysisDep, StoreDep, templates
from blocwatch.web.filters import EventFilterDep, query_string

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
NEUTRAL_TONE = 0.05
DEFAULT_POLE_NAMES = ("Russia", "the United States and its allies")


def _render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def _day(value: str | None, field: str) -> date | None:
    try:
        return reading.day_or_none(value)
    except ValueError as exc:
        raise HTTPException(400, f"{field}: not a date (YYYY-MM-DD): {value!r}") from exc


def _search_form(store: StoreDep) -> dict[str, Any]:
    return {
        "outlets": views.outlets(store),
        "event_types": PLOVER_TYPES,
        "actor_suggestions": views.known_actor_names(store),
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return _render(
        request,
        "index.html",
        {
            "stories": views.latest_stories(store, limit=8),
            "story_total": views.count_stories(store),
            "articles": views.latest_articles(store, limit=15),
            "total": store.count_articles(),
            "form": {},
            **_search_form(store),
        },
    )


TONES = {
    "negative": (None, -NEUTRAL_TONE),
    "neutral": (-NEUTRAL_TONE, NEUTRAL_TONE),
    "positive": (NEUTRAL_TONE, None),
}
"""Tone choices in search: VADER's own thresholds for negative, neutral and positive text."""


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    q: str = "",
    actor: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    event_type: str = "",
    language: str = "",
    tone: str = Query("", pattern="^(|negative|neutral|positive)$"),
    page: int = Query(1, ge=1, le=500),
) -> HTMLResponse:
    """Articles matching the words and filters, grouped by story, with the facets and the
    attention over time of the whole result (not only the page shown)."""
    form = {
        "q": q,
        "actor": actor,
        "outlet": outlet,
        "since": since,
        "until": until,
        "event_type": event_type,
        "language": language,
        "tone": tone,
    }
    actor_id = views.resolve_actor(store, actor) if actor else None
    unknown_actor = bool(actor) and actor_id is None
    nearest = suggest_actors(store, actor) if unknown_actor else []
    filters = _search_filters(actor_id, form)
    results, overview = None, None
    if not unknown_actor:
        results, overview = search_with_overview(
            store, q, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    return _render(
        request,
        "search.html",
        {
            **_search_results(store, results, overview),
            "link": lambda **changes: "/search?" + urlencode({**form, **changes}),
            "form": form,
            "actor_id": actor_id,
            "actor_name": views.actor_names(store, [actor_id]).get(actor_id, "")
            if actor_id
            else "",
            "unknown_actor": unknown_actor,
            "nearest_actors": nearest,
            "page": page,
            "page_size": PAGE_SIZE,
            **_search_form(store),
        },
    )


def _search_filters(actor_id: str | None, form: dict[str, str]) -> SearchFilters:
    """The store's filters from the form: an empty field filters nothing, a day that is
    not a date is a 400 naming the field, and a tone word becomes VADER's bounds."""
    low, high = TONES.get(form["tone"], (None, None))
    return SearchFilters(
        actor=actor_id,
        outlet=form["outlet"] or None,
        since=_day(form["since"], "since"),
        until=_day(form["until"], "until"),
        event_type=form["event_type"] or None,
        language=form["language"] or None,
        min_tone=low,
        max_tone=high,
    )


def _search_results(
    store: Store, results: SearchResults | None, overview: SearchOverview | None
) -> dict[str, Any]:
    """The hits grouped by story, the facets with the actors' names, and the attention
    and outlet charts, drawn only when there is more than one period (or outlet) to
    compare; all empty when no search was run (an actor name that fits no actor)."""
    over_time = (
        attention.attention(overview.article_days, overview.story_days) if overview else None
    )
    return {
        "results": results,
        "groups": group_by_story(results.hits, story_titles(store, results.hits))
        if results
        else [],
        "facets": overview.facets if overview else None,
        "facet_names": views.actor_names(store, list(overview.facets.actors)) if overview else {},
        "attention_chart": charts.volume_chart(over_time.series())
        if over_time and len(over_time.periods) > 1
        else None,
        "outlets_chart": charts.volume_chart(over_time.outlet_series(), unit="articles")
        if over_time and len(over_time.outlets) > 1 and len(over_time.periods) > 1
        else None,
    }


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request, store: StoreDep, page: int = Query(1, ge=1), after: str | None = None
) -> HTMLResponse:
    """Stories, latest first; "Older" follows the last one's cursor (``after``), so a deep
    page costs what the first does (``page`` alone still works, by offset)."""
    offset = 0 if after else (page - 1) * PAGE_SIZE
    stories = views.latest_stories(store, limit=PAGE_SIZE, offset=offset, after=after)
    return _render(
        request,
        "stories.html",
        {
            "stories": stories,
            "total": views.count_stories(store),
            "page": page,
            "page_size": PAGE_SIZE,
            "next": views.story_cursor(stories[-1]) if len(stories) == PAGE_SIZE else None,
        },
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request, story_id: str, store: StoreDep, analysis: AnalysisDep
) -> HTMLResponse:
    story = views.story_detail(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    disagreements = analysis.find_disagreements(
        store, article_ids=tuple(a.id for a in story.articles)
    )
    return _render(
        request,
        "story.html",
        {
            "story": story,
            "notes": views.report_notes(store, story),
            "disagreements": disagreements,
            "titles": {a.id: a for a in story.articles},
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse, response_model=None)
def article_page(
    request: Request, article_id: str, store: StoreDep
) -> HTMLResponse | RedirectResponse:
    article = store.get_article(article_id)
    summary = store.article_summary(article_id)
    if article is None or summary is None:
        matches = store.find_article_ids(article_id) if len(article_id) >= 4 else []
        if len(matches) == 1:  # the first characters of an id, as the CLI accepts them
            return RedirectResponse(f"/articles/{matches[0]}", status_code=307)
        reason = f"ambiguous, it starts {len(matches)} ids" if matches else "no article has it"
        raise HTTPException(404, f"article id {article_id!r}: {reason}")
    paragraphs: dict[int, list[object]] = {}
    for sentence in article.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    written: dict[str, str] = {}
    for mention in article.mentions:
        if len(mention.name) > len(written.get(mention.actor_id, "")):
            written[mention.actor_id] = mention.name
    known = views.actor_names(store, list(written))
    names = {i: known[i] if known.get(i, i) != i else name for i, name in written.items()}
    actors = sorted(names.items(), key=lambda pair: pair[1].lower())
    return _render(
        request,
        "article.html",
        {
            "article": article,
            "paragraphs": list(paragraphs.values()),
            "segments": reading.sentence_segments(article),
            "events": reading.events_by_sentence(article),
            "context": views.article_context(store, summary),
            "actors": actors,
        },
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, store: StoreDep, kind: str = "") -> HTMLResponse:
    return _render(
        request,
        "actors.html",
        {"actors": views.list_actors(store, limit=200, kind=kind or None), "kind": kind},
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(
    request: Request,
    actor_id: str,
    store: StoreDep,
    analysis: AnalysisDep,
    partner: str = Query("", alias="with"),
    granularity: str = Query("month", pattern="^(week|month)$"),
) -> Response:
    """An actor's standing, partners and network, the relation with one partner, a
    state's alignment, and attention and tone over time; a name or code instead of an id
    redirects to the id's page."""
    profile = views.actor_profile(store, actor_id)
    if profile is None:
        return _actor_redirect(request, store, actor_id)
    if partner:
        partner = actor_input.actor_code(store, partner, "with")
    code = profile.relation_code
    edges = list(analysis.relation_graph(store, actor=code))
    partners = [(e.b if e.a == code else e.a, e) for e in edges if code in (e.a, e.b)]
    partner = partner or (partners[0][0] if partners else "")
    standing = ActorDictionary.default().entry(profile.id)
    related = [profile.country, standing.backed_by] if standing else []
    names = views.actor_names(
        store, [code, partner, *(p for p, _ in partners), *(r for r in related if r)]
    )
    return _render(
        request,
        "actor.html",
        {
            "actor": profile,
            "standing": standing,
            "partner": partner,
            "partners": partners[:20],
            "code": code,
            "network_chart": charts.network_chart(edges, names, max_nodes=16, height=380)
            if edges
            else None,
            "names": names,
            **_relation_section(analysis, store, code, partner, granularity),
            **_alignment_section(analysis, store, profile, actor_id, granularity),
            "pole_names": DEFAULT_POLE_NAMES,
            "granularity": granularity,
            **_actor_over_time(store, actor_id),
        },
    )


def _actor_redirect(request: Request, store: Store, actor_id: str) -> RedirectResponse:
    """ "Kazakhstan", "kaz" or "Tokayev": the same page as the actor's id, at its address
    (the query string kept); 404 when the text names no actor."""
    found = actor_input.resolve(store, actor_id, "actor")
    if found.id == actor_id:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/actors/{quote(found.id, safe=':')}{query}", status_code=303)


def _relation_section(
    analysis: Analysis, store: Store, code: str, partner: str, granularity: str
) -> dict[str, Any]:
    """The relation with ``partner`` over time and how many events each point rests on;
    nothing without a partner."""
    if not partner:
        return {"relation_chart": None, "relation_note": None}
    pair_points = pair_series(analysis, store, code, partner, granularity)
    return {
        "relation_chart": charts.relation_chart(pair_points),
        "relation_note": charts.evidence_note(pair_points, analysis.min_events),
    }


def _alignment_section(
    analysis: Analysis, store: Store, profile: ActorProfile, actor_id: str, granularity: str
) -> dict[str, Any]:
    """A state's alignment between the poles; a note when it has no events with either,
    and no section at all for a pole itself or an actor that is not a state."""
    alignment, alignment_note, alignment_evidence = None, None, None
    if profile.is_state:
        series, problem = alignment_of(analysis, store, actor_id, granularity=granularity)
        if series:
            alignment = charts.alignment_chart({profile.name: series})
            alignment_evidence = charts.evidence_note(series, analysis.min_events)
        elif problem is None:  # a problem means the state is a pole itself: no section
            alignment_note = "No events between this state and either pole yet."
    return {
        "alignment_chart": alignment,
        "alignment_note": alignment_note,
        "alignment_evidence": alignment_evidence,
    }


def _actor_over_time(store: Store, actor_id: str) -> dict[str, Any]:
    """Articles and stories naming the actor per period, by outlet, and the tone of the
    sentences naming it; a chart only when there is something to compare."""
    days = timelines.actor_article_days(store, actor_id)
    stories = timelines.actor_story_periods(store, actor_id, attention.span_of(days))
    over_time = attention.attention(days, story_periods=stories)
    tone = attention.tone_series(timelines.actor_tone_days(store, actor_id))
    return {
        "attention": over_time,
        "attention_chart": charts.volume_chart(over_time.series()) if over_time.periods else None,
        "outlets_chart": charts.volume_chart(over_time.outlet_series(), unit="articles")
        if len(over_time.outlets) > 1
        else None,
        "tone_chart": charts.tone_chart({"tone": tone}) if tone else None,
    }


@router.get("/relations", response_class=HTMLResponse)
def relations_page(
    request: Request,
    store: StoreDep,
    analysis: AnalysisDep,
    since: str = "",
    until: str = "",
    states: str = "",
    pole_a: str = "",
    pole_b: str = "",
    granularity: str = Query("month", pattern="^(week|month)$"),
) -> HTMLResponse:
    edges = list(
        analysis.relation_graph(store, since=_day(since, "since"), until=_day(until, "until"))
    )
    chosen = actor_input.actor_codes(store, states, "states")
    poles_a = actor_input.actor_codes(store, pole_a, "pole_a")
    poles_b = actor_input.actor_codes(store, pole_b, "pole_b")
    ends = [getattr(e, "a", "") for e in edges] + [getattr(e, "b", "") for e in edges]
    names = views.actor_names(store, [*ends, *chosen, *poles_a, *poles_b])
    alignment, notes, evidence = None, [], None
    if chosen:
        lines = {}
        for state in chosen:
            series, note = alignment_of(
                analysis, store, state, pole_a=poles_a, pole_b=poles_b, granularity=granularity
            )
            lines[names.get(state, state)] = series
            if note:
                notes.append(f"{names.get(state, state)}: {note}")
        if any(lines.values()):
            alignment = charts.alignment_chart(lines)
            every = [p for series in lines.values() for p in series]
            evidence = charts.evidence_note(every, analysis.min_events)
    pole_names = (
        ", ".join(names.get(c, c) for c in poles_a) or DEFAULT_POLE_NAMES[0],
        ", ".join(names.get(c, c) for c in poles_b) or DEFAULT_POLE_NAMES[1],
    )
    return _render(
        request,
        "relations.html",
        {
            "graph": charts.network_chart(edges, names),
            "edges": edges[:30],
            "names": names,
            "alignment_chart": alignment,
            "alignment_notes": notes,
            "alignment_evidence": evidence,
            "pole_names": pole_names,
            "actor_suggestions": views.known_actor_names(store),
            "form": {
                "since": since,
                "until": until,
                "states": ", ".join(chosen),
                "pole_a": ", ".join(poles_a),
                "pole_b": ", ".join(poles_b),
                "granularity": granularity,
            },
        },
    )


@router.get("/relations/{a}/{b}", response_class=HTMLResponse)
def relation_pair_page(
    request: Request,
    a: str,
    b: str,
    store: StoreDep,
    analysis: AnalysisDep,
    granularity: str = Query("month", pattern="^(week|month)$"),
) -> Response:
    canonical = (actor_input.actor_code(store, a, "a"), actor_input.actor_code(store, b, "b"))
    if canonical != (a, b):
        return RedirectResponse(
            f"/relations/{quote(canonical[0], safe=':')}/{quote(canonical[1], safe=':')}"
            f"?{urlencode({'granularity': granularity})}",
            status_code=303,
        )
    series = pair_series(analysis, store, a, b, granularity)
    return _render(
        request,
        "pair.html",
        {
            "a": a,
            "b": b,
            "names": views.actor_names(store, [a, b]),
            "relation_chart": charts.relation_chart(series),
            "relation_note": charts.evidence_note(series, analysis.min_events),
            "events": views.events_between(store, a, b),
            "granularity": granularity,
            "tone_chart": charts.tone_chart({"tone": points})
            if (points := attention.tone_series(timelines.pair_tone_days(store, a, b)))
            else None,
        },
    )


EXPLORER_PAGE = 50


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: StoreDep,
    events_filter: EventFilterDep,
    ids: str = "",
    order: EventOrder = EventOrder.NEWEST,
    page: int = Query(1, ge=1, le=1000),
    after: str | None = None,
) -> HTMLResponse:
    """The events explorer; with ``ids`` (a chart point's events) just those events. "Next"
    follows the last event's cursor (``after``); ``page`` alone pages by offset."""
    if ids:
        try:
            wanted = [int(i) for i in ids.split(",") if i.strip()]
        except ValueError as exc:
            raise HTTPException(
                400, f"ids: a comma-separated list of event ids, not {ids!r}"
            ) from exc
        return _render(request, "events.html", {"events": views.events_by_id(store, wanted)})
    offset = 0 if after else (page - 1) * EXPLORER_PAGE
    found = find_events(
        store, events_filter, limit=EXPLORER_PAGE, offset=offset, after=after, order=order
    )
    full = len(found.events) == EXPLORER_PAGE
    facets = event_facets(store, events_filter)
    timeline = attention.counts_per_period(event_days(store, events_filter))
    return _render(
        request,
        "explorer.html",
        {
            "found": found,
            "facets": facets,
            "filter": events_filter,
            "order": order.value,
            "orders": [o.value for o in EventOrder],
            "page": page,
            "page_size": EXPLORER_PAGE,
            "next": event_cursor(found.events[-1], order) if full else None,
            "query": lambda **changes: query_string(events_filter, **changes),
            "names": views.actor_names(store, [*facets.actors, *facets.countries]),
            "actor_suggestions": views.known_actor_names(store),
            "outlets": views.outlets(store),
            "event_types": PLOVER_TYPES,
            "timeline_chart": charts.volume_chart({"events": timeline}) if timeline else None,
        },
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, events_filter: EventFilterDep) -> HTMLResponse:
    """Where the filtered events happened, on a map drawn without anything from the internet."""
    counts = events_by_place(store, events_filter)
    drawn = maps.event_map(
        counts,
        lambda place: "/events" + query_string(events_filter, place=place),
        gazetteer().countries(),
    )
    placed = sum(c.events for c in counts)
    return _render(
        request,
        "map.html",
        {
            "map": drawn,
            "counts": counts[:30],
            "placed": placed,
            "total": find_events(store, events_filter, limit=0).total,
            "filter": events_filter,
            "query": lambda **changes: query_string(events_filter, **changes),
            "event_types": PLOVER_TYPES,
            "actor_suggestions": views.known_actor_names(store),
        },
    )
