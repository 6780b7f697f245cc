"""Per-day counts behind the attention and tone timelines (aggregated in :mod:`blocwatch.analysis.attention`).

The database groups by day, so a busy actor's thousands of mentions come back as a few
hundred rows; periods are built from days in Python, the same way on SQLite and
PostgreSQL. Days are UTC days of publication.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, cast, func

from blocwatch.periods import Granularity
from blocwatch.store import actor_counts, pair_counts
from blocwatch.store.cache import cached_read
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow


def day_of_publication(store: Store) -> Any:
    """The UTC day an article was published, as the database computes it."""
    if store.dialect == "sqlite":
        return func.date(ArticleRow.published_at)
    return cast(func.timezone("UTC", ArticleRow.published_at), Date)


def as_day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@cached_read
def actor_article_days(store: Store, actor: str) -> list[tuple[date, str | None, int]]:
    """(day, outlet, articles naming the actor), copies included: coverage a reader meets
    (kept at ingest, :mod:`blocwatch.store.actor_counts`)."""
    with store.session() as session:
        return actor_counts.article_days(session, actor)


@cached_read
def actor_story_days(store: Store, actor: str) -> list[tuple[date, str]]:
    """(day, story) for every story with an article naming the actor that day."""
    with store.session() as session:
        return actor_counts.story_days(session, actor)


@cached_read
def actor_story_periods(store: Store, actor: str, granularity: Granularity) -> dict[date, int]:
    """Stories with an article naming the actor, per period (keyed by its first day)."""
    with store.session() as session:
        return actor_counts.story_periods(session, actor, granularity)


@cached_read
def actor_tone_days(store: Store, actor: str) -> list[tuple[date, float, int]]:
    """Tone of the sentences naming the actor, per day (syndicated copies left out)."""
    with store.session() as session:
        return actor_counts.tone_days(session, actor)


@cached_read
def pair_tone_days(store: Store, a: str, b: str) -> list[tuple[date, float, int]]:
    """Tone of the sentences holding an event between two actors (codes), per day
    (kept at ingest, :mod:`blocwatch.store.pair_counts`)."""
    with store.session() as session:
        return pair_counts.tone_days(session, a, b)
