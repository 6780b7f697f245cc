"""What the filters and the event lists read: outlets, actor names, events by id or pair."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, literal_column, or_, select

from blocwatch.store.cache import cached_read
from blocwatch.store.explorer import EventView, event_views
from blocwatch.store.repository import Store
from blocwatch.store.schema import ActorRow, ArticleRow, EventRow


@cached_read
def outlets(store: Store) -> list[str]:
    """Every outlet of a stored article, in order. Grouping the articles by outlet reads
    every entry of the outlet index (0.11 s at a million articles, on every search and
    explorer page); this asks the index for the next outlet after the last one found, one
    lookup per outlet (a recursive query, the same on SQLite and PostgreSQL)."""
    following = (
        select(func.min(ArticleRow.outlet))
        .where(ArticleRow.outlet > literal_column("found.outlet"))
        .scalar_subquery()
    )
    first = select(func.min(ArticleRow.outlet).label("outlet")).cte("found", recursive=True)
    found = first.union_all(select(following).select_from(first).where(first.c.outlet.is_not(None)))
    with store.session() as session:
        query = select(found.c.outlet).where(found.c.outlet.is_not(None))
        return [str(outlet) for outlet in session.scalars(query.order_by(found.c.outlet))]


@cached_read
def known_actor_names(store: Store, *, limit: int = 300) -> list[tuple[str, str]]:
    """(id, name) pairs for the actor filter's suggestions: the dictionary's entries."""
    with store.session() as session:
        return [
            (row.id, row.name)
            for row in session.execute(
                select(ActorRow.id, ActorRow.name).order_by(ActorRow.name).limit(limit)
            )
        ]


def actor_names(store: Store, codes: Sequence[str]) -> dict[str, str]:
    """Display names for actor ids and codes; a code with no dictionary entry names itself."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    with store.session() as session:
        found = dict(
            session.execute(select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(wanted))).all()
        )
    return {code: found.get(code, code) for code in wanted}


def events_by_id(store: Store, ids: Sequence[int], *, limit: int = 200) -> list[EventView]:
    with store.session() as session:
        return event_views(session, EventRow.id.in_(list(ids)[:limit]), limit=limit)


@cached_read
def events_between(store: Store, a: str, b: str, *, limit: int = 100) -> list[EventView]:
    pair = or_(
        (EventRow.source_code == a) & (EventRow.target_code == b),
        (EventRow.source_code == b) & (EventRow.target_code == a),
    ) & ArticleRow.copy_of.is_(None)
    with store.session() as session:
        return event_views(session, pair, limit=limit)
