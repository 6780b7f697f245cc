"""A search page's hits and overview from one pass over the matches (PostgreSQL).

The search page shows a page of hits (:func:`blocwatch.store.search.search_articles`)
and the overview of the whole result (:func:`blocwatch.store.search_overview.search_overview`).
Asked one after the other, PostgreSQL finds the matches twice, and for a common word each
pass reads tens of thousands of article rows (47,000 English matches of "talks" with a
negative tone at a million articles: 0.25 s a pass). Here the overview's statement also
picks the page's articles from the matches it has found: ranked among the newest
:data:`~blocwatch.store.search.RANK_WINDOW` (words), or newest first (filters alone); a
second statement reads those few articles' rows and snippets. The answers are those of
the two functions (the tests compare them); SQLite, and a page of a search without words
that lies past the overview's window, are answered by the two functions themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast, func, literal, select, union_all

from blocwatch.store import search_overview as overview_module
from blocwatch.store.cache import cached_read
from blocwatch.store.read import SUMMARY_COLUMNS
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow
from blocwatch.store.search import (
    COUNT_UP_TO,
    LEAD,
    PG_VECTOR,
    SearchFilters,
    SearchHit,
    SearchResults,
    hit_with_lead,
    hit_with_snippet,
    matching,
    pg_rank,
    rank_order,
    ranked_over,
    search_articles,
    search_connection,
    snippet,
)
from blocwatch.store.search_overview import (
    SearchOverview,
    overview_matches,
    overview_of,
    overview_parts,
    search_overview,
)

RANKED = "ranked"
"""The ``second`` of a page row whose rank was computed (one of the newest matches)."""


@cached_read
def search_page(
    store: Store, query: str, filters: SearchFilters, *, limit: int, offset: int
) -> tuple[SearchResults, SearchOverview]:
    """The hits ``search_articles(store, query, filters=filters, limit=limit,
    offset=offset)`` gives and the overview ``search_overview(store, query, filters)``
    gives, matching the articles once."""
    found = matching(store, query, filters)
    words = found.match == "postgresql"
    if store.dialect != "postgresql" or (
        not words and offset + limit > overview_module.OVERVIEW_WINDOW
    ):
        return (
            search_articles(store, query, filters=filters, limit=limit, offset=offset),
            search_overview(store, query, filters),
        )
    vector = [PG_VECTOR.label("vector")] if words else []
    every, hits = overview_matches(store, found, filters, *vector)
    page = _ranked(query, every, limit, offset) if words else _newest(hits, limit, offset)
    with search_connection(store) as connection:
        rows = list(connection.execute(union_all(*overview_parts(every, hits), page)))
        order = sorted((int(n), str(key), second == RANKED) for name, key, second, n in rows
                       if name == "hit")  # fmt: skip
        ids = [article_id for _, article_id, _ in order]
        columns = (ArticleRow.text, snippet(query), pg_rank(query)) if words else (LEAD,)
        read = {r.id: r for r in connection.execute(
            select(*SUMMARY_COLUMNS, *columns).where(ArticleRow.id.in_(ids)))}  # fmt: skip
    matches = next(int(n) for name, _, _, n in rows if name == "matched")
    found_hits: list[SearchHit] = [
        hit_with_snippet(read[i], float(read[i].rank) if ranked else 0.0)
        if words
        else hit_with_lead(read[i])
        for _, i, ranked in order
        if i in read  # deleted since the matches were found
    ]
    results = SearchResults(
        query,
        min(matches, COUNT_UP_TO),
        found_hits,
        more=matches > COUNT_UP_TO,
        ranked_over=ranked_over(matches) if words else None,
    )
    return results, overview_of(rows)


def _ranked(query: str, every: Any, limit: int, offset: int) -> Any:
    """The page's articles as ``("hit", id, "ranked" or "", position)`` rows, ranked as
    :func:`blocwatch.store.search.search_articles` ranks them."""
    newest_first = (every.c.published_at.desc().nulls_last(), every.c.id)
    numbered = select(
        every.c.id,
        every.c.published_at,
        every.c.vector,
        func.row_number().over(order_by=newest_first).label("newest"),
    ).subquery("numbered")
    _, windowed, order = rank_order(query, numbered)
    ordered = select(
        numbered.c.id,
        windowed.label("windowed"),
        func.row_number().over(order_by=order).label("position"),
    ).subquery("ordered")
    return select(
        literal("hit", String),
        cast(ordered.c.id, String),
        case((ordered.c.windowed, literal(RANKED, String)), else_=literal("", String)),
        ordered.c.position,
    ).where(ordered.c.position > offset, ordered.c.position <= offset + limit)


def _newest(hits: Any, limit: int, offset: int) -> Any:
    """The page's articles of a search without words, newest first, as page rows."""
    return select(
        literal("hit", String), cast(hits.c.id, String), literal("", String), hits.c.newest
    ).where(hits.c.newest > offset, hits.c.newest <= offset + limit)
