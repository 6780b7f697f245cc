"""Full-text search over articles, in the database itself: SQLite FTS5 or PostgreSQL.

SQLite keeps an external-content FTS5 table ``articles_fts`` over ``articles.title`` and
``articles.text``, keyed by the articles' ``rowid`` and kept in sync by triggers; nothing is
stored twice. PostgreSQL keeps a generated ``tsvector`` column ``articles.search_vector``
with a GIN index, queried with ``websearch_to_tsquery``. Both stem English words (Porter in
SQLite, the ``english`` configuration in PostgreSQL), so "sanction" finds "sanctions".

People type queries the way they type them into a web search engine: words, ``"a phrase"``,
``-excluded`` and ``OR``. PostgreSQL reads that form natively; for SQLite it is translated
into an FTS5 expression in which every word is quoted, so no input is ever a syntax error.

Snippets come back as parts (text, matched or not) and never as HTML: the caller escapes
them, so text from articles cannot inject markup through a highlight.

The search objects live outside the SQLAlchemy metadata (they are dialect-specific):
migration 0002 creates them with statements of its own, and
:func:`include_in_schema_comparison` tells Alembic's autogenerate to leave them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    REAL,
    ColumnElement,
    FromClause,
    Select,
    String,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from blocwatch.errors import QueryError, StoreError
from blocwatch.store.cache import cached_read
from blocwatch.store.read import SUMMARY_COLUMNS, ArticleSummary, summary_of
from blocwatch.store.repository import Store
from blocwatch.store.schema import POSTGRESQL_INDEXES, ArticleRow, EventRow, MentionRow

FTS_TABLE = "articles_fts"
PG_VECTOR_COLUMN = "search_vector"
PG_VECTOR_INDEX = "ix_articles_search_vector"

# Start and end of a highlighted match inside a snippet: control characters that clean
# article text never contains, so they cannot be confused with the article's own words.
_MARK_START = "\x02"
_MARK_END = "\x03"
_SNIPPET_WORDS = 28
_LEAD_CHARS = 240

# PostgreSQL's parser reads "<...>" as an HTML tag and drops it, words and all; article text
# is plain text, so "<" is hidden from the parser (a space in the index, a private-use
# character in snippets, turned back into "<" in Python).
_PG_LT = "\ue000"
# Objects that only the search migration knows about (not in the declared metadata).
SEARCH_OBJECT_NAMES = frozenset(
    {
        FTS_TABLE,
        *(f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "docsize", "config", "content")),
        PG_VECTOR_COLUMN,
        PG_VECTOR_INDEX,
    }
)


def include_in_schema_comparison(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic ``include_object`` hook: the search objects and PostgreSQL's own indexes are
    not part of the declared schema."""
    return not (reflected and name in (*SEARCH_OBJECT_NAMES, *POSTGRESQL_INDEXES))


def compare_column_types(
    context: Any,
    inspected_column: Any,
    metadata_column: Any,
    inspected_type: Any,
    metadata_type: Any,
) -> bool | None:
    """Alembic ``compare_type`` hook: on SQLite, which enforces no ``VARCHAR`` length, a
    length is no difference (migration 0014 widens codes on PostgreSQL only, since SQLite
    could widen them only by copying tables); otherwise Alembic's own comparison."""
    if context.dialect.name == "sqlite" and all(
        isinstance(kind, String) for kind in (inspected_type, metadata_type)
    ):
        return False
    return None


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True, slots=True)
class SnippetPart:
    text: str
    match: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: ArticleSummary
    snippet: tuple[SnippetPart, ...]
    rank: float
    """Higher is better; 0 when no words were searched (filters only, newest first)."""

    @property
    def snippet_text(self) -> str:
        return "".join(part.text for part in self.snippet)


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int
    """How many articles match, counted up to the search's ``count_up_to``."""
    hits: list[SearchHit]
    more: bool = False
    """More articles match than ``total``: the count stopped there ("more than 10,000")."""
    ranked_over: int | None = None
    """When more articles match than :data:`RANK_WINDOW` (PostgreSQL), the newest that
    many are ranked, best first, and the rest follow newest first; this says how many.
    ``None`` when every match was ranked."""


COUNT_UP_TO = 10_000
"""A search counts its matches up to this many, as web search engines do. Counting every
match costs as much as reading them: the filtered search with no words read the 13,000
articles naming an actor with an event of a type twice at 100,000 stored, and ten times
as many at a million; past this many, "more than 10,000" is as useful to a reader."""


RANK_WINDOW = 2_000
"""PostgreSQL ranks at most the newest this many matches of a search's words. Ranking
reads each match's search vector (2.4 kB, stored out of line: about five buffers a
match), which is most of a common word's search at a million articles (47,000 English
matches of "talks" with a negative tone: 3 s of the page under load); finding the
newest matches reads only the rows the index points to. SQLite's ``bm25`` reads its
own index and ranks every match."""


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 40
"""A query is what a person types: longer ones are refused before the database parses them,
so a 10 KB ``a OR a OR ...`` costs nothing and never reaches the FTS5 parser's limits."""


def checked_query(query: str) -> str:
    """The query without NUL characters (PostgreSQL refuses them in text), or QueryError
    when it is longer or has more terms than anyone types."""
    query = query.replace("\x00", " ")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the search query is {len(query):,} characters long; at most "
            f"{MAX_QUERY_CHARS:,} are searched"
        )
    terms = sum(1 for _ in _TOKEN.finditer(query))
    if terms > MAX_QUERY_TERMS:
        raise QueryError(
            f"the search query has {terms} terms (words, phrases, OR); at most "
            f"{MAX_QUERY_TERMS} are searched"
        )
    return query


def _fts5_terms(query: str) -> tuple[list[str], list[str]]:
    """The quoted FTS5 terms a query asks for (``OR`` alternatives joined) and excludes."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare == "OR":
            pending_or = bool(positive)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = _WORD.findall(phrase if phrase is not None else bare or "")
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if negated:
            negative.append(term)
        elif pending_or:
            positive[-1] = f"{positive[-1]} OR {term}"
        else:
            positive.append(term)
        pending_or = False
    return positive, negative


def fts5_query(query: str) -> str | None:
    """Translate a web-search style query into an FTS5 expression (``None``: nothing to match).

    Words and ``"phrases"`` are ANDed, ``OR`` between two terms joins them, and ``-term``
    excludes. Every term is reduced to its word characters and quoted, so punctuation,
    column filters and FTS5 operators typed by a user are searched as words, never parsed.
    """
    positive, negative = _fts5_terms(query)
    if not positive:
        return None
    expression = " AND ".join(f"({term})" if " OR " in term else term for term in positive)
    if len(negative) == 1:
        expression = f"({expression}) NOT {negative[0]}"
    elif negative:
        # One flat OR of the exclusions: nesting one NOT per exclusion overflows FTS5's parser.
        expression = f"({expression}) NOT ({' OR '.join(negative)})"
    return expression


def fts5_exclusions(query: str) -> str | None:
    """The FTS5 expression of what a query of exclusions only (``-war -"peace talks"``)
    leaves out; ``None`` when the query asks for a word (see :func:`fts5_query`) or for
    nothing."""
    positive, negative = _fts5_terms(query)
    return " OR ".join(negative) if negative and not positive else None


def _snippet_parts(marked: str | None) -> tuple[SnippetPart, ...]:
    if not marked:
        return ()
    parts: list[SnippetPart] = []
    for piece in re.split(f"({_MARK_START}[^{_MARK_END}]*{_MARK_END})", marked):
        if not piece:
            continue
        if piece.startswith(_MARK_START):
            parts.append(SnippetPart(piece.strip(_MARK_START + _MARK_END), True))
        else:
            parts.append(SnippetPart(piece.replace("\n", " "), False))
    return tuple(parts)


def _lead(body: str) -> tuple[SnippetPart, ...]:
    if len(body) <= _LEAD_CHARS:
        return (SnippetPart(body.replace("\n", " "), False),)
    cut = body.rfind(" ", 0, _LEAD_CHARS)
    return (SnippetPart(body[: cut if cut > 0 else _LEAD_CHARS].replace("\n", " ") + " …", False),)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What narrows a search besides its words. Empty fields do not filter.

    ``min_tone``/``max_tone`` bound the article's tone (the mean VADER score of its
    sentences, -1..+1); articles without a tone (not English) fall outside any bound.
    """

    actor: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    language: str | None = None
    min_tone: float | None = None
    max_tone: float | None = None

    def cleaned(self) -> SearchFilters:
        """NUL characters dropped from the text fields (PostgreSQL refuses them)."""
        return replace(
            self,
            **{
                name: value.replace("\x00", "")
                for name in ("actor", "outlet", "event_type", "language")
                if (value := getattr(self, name))
            },
        )


def _conditions(f: SearchFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.actor:
        mentioned = select(MentionRow.article_id).where(MentionRow.actor_id == f.actor)
        conditions.append(ArticleRow.id.in_(mentioned))
    if f.event_type:
        coded = select(EventRow.article_id).where(EventRow.type == f.event_type)
        conditions.append(ArticleRow.id.in_(coded))
    if f.outlet:
        conditions.append(ArticleRow.outlet == f.outlet)
    if f.language:
        conditions.append(ArticleRow.language == f.language)
    if f.since:
        conditions.append(
            ArticleRow.published_at >= datetime.combine(f.since, datetime.min.time(), UTC)
        )
    if f.until:
        conditions.append(
            ArticleRow.published_at <= datetime.combine(f.until, datetime.max.time(), UTC)
        )
    if f.min_tone is not None:
        conditions.append(ArticleRow.tone >= f.min_tone)
    if f.max_tone is not None:
        conditions.append(ArticleRow.tone <= f.max_tone)
    return conditions


# The full-text objects are not in the metadata: SQLite's FTS5 table is named by its
# table name (in MATCH, bm25 and snippet), PostgreSQL's vector is a generated column.
_FTS: Any = table(FTS_TABLE, column("rowid"))
_FTS_NAME: Any = literal_column(FTS_TABLE)
_ARTICLE_ROWID: Any = literal_column(f"{ArticleRow.__tablename__}.rowid")
PG_VECTOR: Any = literal_column(f"{ArticleRow.__tablename__}.{PG_VECTOR_COLUMN}")
_ENGLISH: Any = literal_column("'english'::regconfig")


SEARCH_WORK_MEM = "32MB"
"""PostgreSQL's memory for each sort and bitmap of a search statement (4 MB by default).
A tone bound's bitmap (482,000 articles at a million) does not fit in 4 MB and turns
lossy, and every article on a lossy page is checked again against the words, reading
its search vector: 220,000 buffers instead of 33,000 for 47,000 matches, 0.53 s instead
of 0.24 s."""


@contextmanager
def search_connection(store: Store) -> Iterator[Connection]:
    """A connection for a search's statements, with :data:`SEARCH_WORK_MEM` on PostgreSQL
    (for this transaction only)."""
    with store.engine.connect() as connection:
        if store.dialect == "postgresql":
            connection.execute(text(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'"))
        yield connection


def _tsquery(query: str) -> Any:
    return func.websearch_to_tsquery(_ENGLISH, query)


@dataclass(frozen=True, slots=True)
class Matching:
    """The articles a search finds, as parts of a Core query: where from, and on what terms.

    ``match`` is the full-text kind that applied: ``"fts5"`` (``source`` joins the FTS5
    table), ``"postgresql"``, or ``None`` when the filters alone select.
    """

    source: FromClause
    where: tuple[ColumnElement[bool], ...]
    match: str | None

    def select(self, *columns: Any) -> Select[Any]:
        return select(*columns).select_from(self.source).where(*self.where)


def matching(store: Store, query: str, f: SearchFilters) -> Matching:
    """Every article the search would find: the same words and filters as
    :func:`search_articles`, without its page limit (what the facets and timeline count over).
    """
    conditions = _conditions(f.cleaned())
    query = checked_query(query)
    articles = ArticleRow.__table__
    if store.dialect == "sqlite":
        expression = fts5_query(query)
        if expression is not None:
            source = _FTS.join(articles, _FTS.c.rowid == _ARTICLE_ROWID)
            found = _FTS_NAME.op("MATCH")(expression)
            return Matching(source, (found, *conditions), "fts5")
        if (excluded := fts5_exclusions(query)) is not None:
            # FTS5 cannot match "not this" alone: the articles the exclusions match are left out.
            hit = select(_FTS.c.rowid).where(_FTS_NAME.op("MATCH")(excluded))
            conditions.append(_ARTICLE_ROWID.not_in(hit))
    elif store.dialect == "postgresql":
        if _WORD.search(query) and _pg_has_terms(store, query):
            found = PG_VECTOR.op("@@")(_tsquery(query))
            return Matching(articles, (found, *conditions), "postgresql")
    else:
        raise StoreError(f"full-text search is not available on {store.dialect}")
    return Matching(articles, tuple(conditions), None)


@cached_read
def search_articles(
    store: Store,
    query: str,
    *,
    actor: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    count_up_to: int = COUNT_UP_TO,
) -> SearchResults:
    """Articles matching ``query`` and every filter given, best first, with a snippet each.

    Filters come as keywords or as one :class:`SearchFilters` (which also bounds language
    and tone); keywords given override the record's fields. With no words to match (an
    empty query, or only exclusions) the filters alone select the articles, less those
    holding an excluded word, newest first, and the snippet is the article's opening. A query too long to be a person's raises
    :class:`QueryError`; NUL characters are dropped everywhere. Matches are counted up to
    ``count_up_to`` (:data:`COUNT_UP_TO`); ``more`` says when more match.
    """
    query = checked_query(query)
    base = filters or SearchFilters()
    wanted = replace(
        base,
        actor=actor or base.actor,
        outlet=outlet or base.outlet,
        since=since or base.since,
        until=until or base.until,
        event_type=event_type or base.event_type,
    )
    found = matching(store, query, wanted)
    if found.match == "fts5":
        results = _search_sqlite(store, query, found, limit, offset, count_up_to)
    elif found.match == "postgresql":
        results = _search_postgres(store, query, found, limit, offset, count_up_to)
    else:
        results = _filter_only(store, query, found, limit, offset, count_up_to)
    if results.total > count_up_to:
        return replace(results, total=count_up_to, more=True)
    return results


def _counted(found: Matching, up_to: int) -> Select[Any]:
    """How many articles match, up to one more than ``up_to`` (which says "more than"):
    the database stops reading matches there instead of counting all of them."""
    some = found.select(literal_column("1").label("one")).limit(up_to + 1).subquery()
    return select(func.count()).select_from(some)


def _search_sqlite(
    store: Store, query: str, found: Matching, limit: int, offset: int, up_to: int
) -> SearchResults:
    # Title matches weigh more than body matches (bm25 is lower-is-better, hence the minus).
    bm25 = func.bm25(_FTS_NAME, 4.0, 1.0)
    snippet = func.snippet(_FTS_NAME, 1, _MARK_START, _MARK_END, " … ", _SNIPPET_WORDS)
    page = (
        found.select(*SUMMARY_COLUMNS, (-bm25).label("rank"), snippet.label("snippet"))
        .order_by(bm25)
        .limit(limit)
        .offset(offset)
    )
    try:
        with store.engine.connect() as connection:
            total = connection.execute(_counted(found, up_to)).scalar_one()
            rows = connection.execute(page).all()
    except OperationalError as exc:
        if "fts5" not in str(exc.orig).lower():
            raise
        raise QueryError(f"the search query cannot be run: {exc.orig}") from exc
    hits = [SearchHit(summary_of(r), _snippet_parts(r.snippet), float(r.rank)) for r in rows]
    return SearchResults(query, total, hits)


def _pg_has_terms(store: Store, query: str) -> bool:
    """Stop words alone ("the", "of") make an empty tsquery, which matches nothing."""
    with store.engine.connect() as connection:
        found = connection.execute(select(func.numnode(_tsquery(query)) > 0)).scalar_one()
    return bool(found)


def _search_postgres(
    store: Store, query: str, found: Matching, limit: int, offset: int, up_to: int
) -> SearchResults:
    with search_connection(store) as connection:
        rows = connection.execute(_ranked_page(query, found, limit, offset)).all()
        # The page counts every match as it numbers them; past the last one it has no row.
        total = rows[0].matches if rows else connection.execute(_counted(found, up_to)).scalar_one()
    hits = [hit_with_snippet(r, float(r.rank)) for r in rows]
    return SearchResults(query, total, hits, ranked_over=ranked_over(total))


def ranked_over(matches: int) -> int | None:
    """:attr:`SearchResults.ranked_over` of a PostgreSQL search with this many matches."""
    return RANK_WINDOW if matches > RANK_WINDOW else None


def rank_order(query: str, numbered: Any) -> tuple[Any, Any, tuple[Any, ...]]:
    """Over matches numbered ``newest`` first (with ``vector`` and ``published_at``): the
    rank (``ts_rank_cd`` for the newest :data:`RANK_WINDOW`, 0 for the others, whose
    vectors are never read), whether a match was ranked, and the order of the results."""
    windowed = numbered.c.newest <= RANK_WINDOW
    rank = case(
        (windowed, func.ts_rank_cd(numbered.c.vector, _tsquery(query))),
        else_=cast(literal(0.0), REAL),  # real, as ts_rank_cd's own figures
    )
    order = (windowed.desc(), rank.desc(), numbered.c.published_at.desc().nulls_last())
    return rank, windowed, (*order, numbered.c.id)


def _ranked_page(query: str, found: Matching, limit: int, offset: int) -> Select[Any]:
    """One page of the matches: the newest :data:`RANK_WINDOW` by ``ts_rank_cd``, best
    first, then the others newest first, each row with how many articles match. The
    matches are numbered (and counted) newest first carrying only their vector's pointer,
    which ``ts_rank_cd`` reads for the numbered few alone; the page's own rows are read
    afterwards, by id."""
    newest_first = (ArticleRow.published_at.desc().nulls_last(), ArticleRow.id)
    numbered = found.select(
        ArticleRow.id,
        ArticleRow.published_at,
        PG_VECTOR.label("vector"),
        func.row_number().over(order_by=newest_first).label("newest"),
        func.count().over().label("matches"),
    ).subquery("numbered")
    rank, windowed, order = rank_order(query, numbered)
    page = (
        select(numbered.c.id, rank.label("rank"), windowed.label("ranked"), numbered.c.matches)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
        .cte("page")
    )
    return (
        select(*SUMMARY_COLUMNS, ArticleRow.text, page.c.rank, page.c.matches, snippet(query))
        .join_from(page, ArticleRow, ArticleRow.id == page.c.id)
        .order_by(
            page.c.ranked.desc(),
            page.c.rank.desc(),
            ArticleRow.published_at.desc().nulls_last(),
            ArticleRow.id,
        )
    )


def pg_rank(query: str) -> Any:
    """``ts_rank_cd`` of an article for the query, as ``rank`` (PostgreSQL)."""
    return func.ts_rank_cd(PG_VECTOR, _tsquery(query)).label("rank")


def snippet(query: str) -> Any:
    """PostgreSQL's highlighted passages of an article's text for the query (``ts_headline``
    parses the text again, so it is selected for a page of hits only)."""
    options = (
        f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords={_SNIPPET_WORDS}, "
        'MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
    )
    text_ = func.replace(ArticleRow.text, "<", _PG_LT)
    return func.ts_headline(_ENGLISH, text_, _tsquery(query), options).label("snippet")


def hit_with_snippet(row: Any, rank: float) -> SearchHit:
    """A hit from a row with the summary columns, ``text`` and :func:`snippet`; the
    article's opening when the highlight found no word to mark."""
    parts = _snippet_parts(row.snippet.replace(_PG_LT, "<") if row.snippet else None)
    if not any(part.match for part in parts):
        parts = _lead(row.text)
    return SearchHit(summary_of(row), parts, rank)


LEAD = func.substr(ArticleRow.text, 1, _LEAD_CHARS + 40).label("lead")
"""The opening of an article's text, the snippet of a search without words."""


def hit_with_lead(row: Any) -> SearchHit:
    """A hit from a row with the summary columns and :data:`LEAD`."""
    return SearchHit(summary_of(row), _lead(row.lead), 0.0)


def _filter_only(
    store: Store, query: str, found: Matching, limit: int, offset: int, up_to: int
) -> SearchResults:
    page = (
        found.select(*SUMMARY_COLUMNS, LEAD)
        .order_by(ArticleRow.published_at.desc().nulls_last(), ArticleRow.id)
        .limit(limit)
        .offset(offset)
    )
    with search_connection(store) as connection:
        total = connection.execute(_counted(found, up_to)).scalar_one()
        rows = connection.execute(page).all()
    return SearchResults(query, total, [hit_with_lead(r) for r in rows])
