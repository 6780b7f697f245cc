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

The search objects live outside the SQLAlchemy metadata (they are dialect-specific);
:func:`include_in_schema_comparison` tells Alembic's autogenerate to leave them alone, and
:func:`create_search_objects` is what a later migration calls if it rebuilds ``articles``
(SQLite's batch mode drops the triggers with the old table).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.engine import Row
from sqlalchemy.exc import OperationalError

from blocwatch.errors import QueryError, StoreError
from blocwatch.store.cache import cached_read
from blocwatch.store.repository import ArticleSummary, Store

FTS_TABLE = "articles_fts"
PG_VECTOR_COLUMN = "search_vector"
PG_VECTOR_INDEX = "ix_articles_search_vector"

# Start and end of a highlighted match inside a snippet: control characters that clean
# article text never contains, so they cannot be confused with the article's own words.
_MARK_START = "\x02"
_MARK_END = "\x03"
_SNIPPET_WORDS = 28
_LEAD_CHARS = 240

_SQLITE_OBJECTS = (
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER {FTS_TABLE}_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_after_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)

# PostgreSQL's parser reads "<...>" as an HTML tag and drops it, words and all; article text
# is plain text, so "<" is hidden from the parser (a space in the index, a private-use
# character in snippets, turned back into "<" in Python).
_PG_LT = "\ue000"
_PG_OBJECTS = (
    f"""ALTER TABLE articles ADD COLUMN {PG_VECTOR_COLUMN} tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', replace(coalesce(title, ''), '<', ' ')), 'A')
        || setweight(to_tsvector('english', replace(text, '<', ' ')), 'B')) STORED""",
    f"CREATE INDEX {PG_VECTOR_INDEX} ON articles USING GIN ({PG_VECTOR_COLUMN})",
)

# Objects that only the search migration knows about (not in the declared metadata).
SEARCH_OBJECT_NAMES = frozenset(
    {
        FTS_TABLE,
        *(f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "docsize", "config", "content")),
        PG_VECTOR_COLUMN,
        PG_VECTOR_INDEX,
    }
)


def create_search_objects(connection: Connection) -> None:
    """Create the full-text index for the connection's dialect and fill it from ``articles``."""
    statements = _SQLITE_OBJECTS if connection.dialect.name == "sqlite" else _PG_OBJECTS
    for statement in statements:
        connection.execute(text(statement))


def drop_search_objects(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for trigger in ("after_insert", "after_delete", "after_update"):
            connection.execute(text(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{trigger}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    else:
        connection.execute(text(f"DROP INDEX IF EXISTS {PG_VECTOR_INDEX}"))
        connection.execute(text(f"ALTER TABLE articles DROP COLUMN IF EXISTS {PG_VECTOR_COLUMN}"))


def include_in_schema_comparison(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic ``include_object`` hook: the search objects are not part of the declared schema."""
    return not (reflected and name in SEARCH_OBJECT_NAMES)


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
    hits: list[SearchHit]


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


def fts5_query(query: str) -> str | None:
    """Translate a web-search style query into an FTS5 expression (``None``: nothing to match).

    Words and ``"phrases"`` are ANDed, ``OR`` between two terms joins them, and ``-term``
    excludes. Every term is reduced to its word characters and quoted, so punctuation,
    column filters and FTS5 operators typed by a user are searched as words, never parsed.
    """
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
    if not positive:
        return None
    expression = " AND ".join(f"({term})" if " OR " in term else term for term in positive)
    if len(negative) == 1:
        expression = f"({expression}) NOT {negative[0]}"
    elif negative:
        # One flat OR of the exclusions: nesting one NOT per exclusion overflows FTS5's parser.
        expression = f"({expression}) NOT ({' OR '.join(negative)})"
    return expression


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


_SUMMARY_COLUMNS = (
    "a.id, a.title, a.outlet, a.url, a.published_at, a.published_local, a.language, "
    "a.origin_agency, a.story_id, a.copy_of"
)


def summary_of_row(row: Row[Any]) -> ArticleSummary:
    """An article summary from a row of article columns, ORM-typed or from raw SQL text."""
    published = row.published_at
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    agencies = row.origin_agency
    if isinstance(agencies, str):
        agencies = json.loads(agencies)
    return ArticleSummary(
        row.id,
        row.title,
        row.outlet,
        row.url,
        published,
        row.published_local,
        row.language,
        tuple(agencies or ()),
        row.story_id,
        row.copy_of,
    )


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


def _filters(f: SearchFilters) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if f.actor:
        clauses.append("a.id IN (SELECT article_id FROM mentions WHERE actor_id = :actor)")
        params["actor"] = f.actor
    if f.event_type:
        clauses.append("a.id IN (SELECT article_id FROM events WHERE type = :event_type)")
        params["event_type"] = f.event_type
    if f.outlet:
        clauses.append("a.outlet = :outlet")
        params["outlet"] = f.outlet
    if f.language:
        clauses.append("a.language = :language")
        params["language"] = f.language
    if f.since:
        clauses.append("a.published_at >= :since")
        params["since"] = datetime.combine(f.since, datetime.min.time(), UTC)
    if f.until:
        clauses.append("a.published_at <= :until")
        params["until"] = datetime.combine(f.until, datetime.max.time(), UTC)
    if f.min_tone is not None:
        clauses.append("a.tone >= :min_tone")
        params["min_tone"] = f.min_tone
    if f.max_tone is not None:
        clauses.append("a.tone <= :max_tone")
        params["max_tone"] = f.max_tone
    return clauses, params


def matching_source(store: Store, query: str, f: SearchFilters) -> tuple[str, dict[str, Any]]:
    """``FROM ... WHERE ...`` selecting, as ``a``, every article the search would find.

    What the facets and the timeline of a search count over: the same words and filters
    as :func:`search_articles`, without its page limit.
    """
    clauses, params = _filters(f.cleaned())
    query = checked_query(query)
    if store.dialect == "sqlite":
        expression = fts5_query(query)
        if expression is not None:
            params["match"] = expression
            joined = f"FROM {FTS_TABLE} f JOIN articles a ON a.rowid = f.rowid"
            return f"{joined} {_where(clauses, f'{FTS_TABLE} MATCH :match')}", params
    elif store.dialect == "postgresql":
        if _WORD.search(query) and _pg_has_terms(store, query):
            params["query"] = query
            tsquery = "websearch_to_tsquery('english', :query)"
            return (
                f"FROM articles a {_where(clauses, f'a.{PG_VECTOR_COLUMN} @@ {tsquery}')}",
                params,
            )
    else:
        raise StoreError(f"full-text search is not available on {store.dialect}")
    return f"FROM articles a {_where(clauses)}", params


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
) -> SearchResults:
    """Articles matching ``query`` and every filter given, best first, with a snippet each.

    Filters come as keywords or as one :class:`SearchFilters` (which also bounds language
    and tone); keywords given override the record's fields. With no words to match (an
    empty query, or only exclusions) the filters alone select the articles, newest first,
    and the snippet is the article's opening. A query too long to be a person's raises
    :class:`QueryError`; NUL characters are dropped everywhere.
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
    clauses, params = _filters(wanted.cleaned())
    params |= {"limit": limit, "offset": offset}
    dialect = store.dialect
    if dialect == "sqlite":
        expression = fts5_query(query)
        if expression is not None:
            params["match"] = expression
            return _search_sqlite(store, query, clauses, params)
    elif dialect == "postgresql":
        if _WORD.search(query) and _pg_has_terms(store, query):
            params["query"] = query
            return _search_postgres(store, query, clauses, params)
    else:
        raise StoreError(f"full-text search is not available on {dialect}")
    return _filter_only(store, query, clauses, params)


def _where(clauses: list[str], first: str | None = None) -> str:
    every = ([first] if first else []) + clauses
    return ("WHERE " + " AND ".join(every)) if every else ""


def _search_sqlite(
    store: Store, query: str, clauses: list[str], params: dict[str, Any]
) -> SearchResults:
    joined = f"FROM {FTS_TABLE} f JOIN articles a ON a.rowid = f.rowid"
    where = _where(clauses, f"{FTS_TABLE} MATCH :match")
    # Title matches weigh more than body matches (bm25 is lower-is-better, hence the minus).
    page = f"""
        SELECT {_SUMMARY_COLUMNS}, -bm25({FTS_TABLE}, 4.0, 1.0) AS rank,
               snippet({FTS_TABLE}, 1, '{_MARK_START}', '{_MARK_END}', ' … ', {_SNIPPET_WORDS})
                 AS snippet
        {joined} {where}
        ORDER BY bm25({FTS_TABLE}, 4.0, 1.0) LIMIT :limit OFFSET :offset"""
    try:
        with store.engine.connect() as connection:
            total = connection.execute(
                text(f"SELECT count(*) {joined} {where}"), params
            ).scalar_one()
            rows = connection.execute(text(page), params).all()
    except OperationalError as exc:
        if "fts5" not in str(exc.orig).lower():
            raise
        raise QueryError(f"the search query cannot be run: {exc.orig}") from exc
    hits = [SearchHit(summary_of_row(r), _snippet_parts(r.snippet), float(r.rank)) for r in rows]
    return SearchResults(query, total, hits)


def _pg_has_terms(store: Store, query: str) -> bool:
    """Stop words alone ("the", "of") make an empty tsquery, which matches nothing."""
    with store.engine.connect() as connection:
        found = connection.execute(
            text("SELECT numnode(websearch_to_tsquery('english', :q)) > 0"), {"q": query}
        ).scalar_one()
    return bool(found)


def _search_postgres(
    store: Store, query: str, clauses: list[str], params: dict[str, Any]
) -> SearchResults:
    tsquery = "websearch_to_tsquery('english', :query)"
    where = _where(clauses, f"a.{PG_VECTOR_COLUMN} @@ {tsquery}")
    options = (
        f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords={_SNIPPET_WORDS}, "
        'MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
    )
    params["options"] = options
    params["lt"] = _PG_LT
    # ts_headline re-parses the text, so it runs on the page of hits only.
    page = f"""
        WITH hits AS (
            SELECT {_SUMMARY_COLUMNS}, a.text,
                   ts_rank_cd(a.{PG_VECTOR_COLUMN}, {tsquery}) AS rank
            FROM articles a {where}
            ORDER BY rank DESC, a.published_at DESC NULLS LAST, a.id
            LIMIT :limit OFFSET :offset)
        SELECT hits.*,
               ts_headline('english', replace(hits.text, '<', :lt), {tsquery}, :options) AS snippet
        FROM hits ORDER BY rank DESC, published_at DESC NULLS LAST, id"""
    with store.engine.connect() as connection:
        total = connection.execute(
            text(f"SELECT count(*) FROM articles a {where}"), params
        ).scalar_one()
        rows = connection.execute(text(page), params).all()
    hits = []
    for r in rows:
        parts = _snippet_parts(r.snippet.replace(_PG_LT, "<") if r.snippet else None)
        if not any(part.match for part in parts):
            parts = _lead(r.text)
        hits.append(SearchHit(summary_of_row(r), parts, float(r.rank)))
    return SearchResults(query, total, hits)


def _filter_only(
    store: Store, query: str, clauses: list[str], params: dict[str, Any]
) -> SearchResults:
    where = _where(clauses)
    page = f"""
        SELECT {_SUMMARY_COLUMNS}, substr(a.text, 1, {_LEAD_CHARS + 40}) AS lead
        FROM articles a {where}
        ORDER BY a.published_at DESC NULLS LAST, a.id LIMIT :limit OFFSET :offset"""
    with store.engine.connect() as connection:
        total = connection.execute(
            text(f"SELECT count(*) FROM articles a {where}"), params
        ).scalar_one()
        rows = connection.execute(text(page), params).all()
    return SearchResults(
        query, total, [SearchHit(summary_of_row(r), _lead(r.lead), 0.0) for r in rows]
    )
