"""Event counts per UTC day of publication and facet value, kept up to date at ingest.

The explorer's totals, facets and timeline and an actor's event counts read these rows
(``store/event_counts.py``) instead of every event joined to its article. The table is
filled here from the events already stored, in one pass (a few seconds at 100,000
articles), so pages agree with the events from the first request.

The fill is this revision's own: the tables as they stand at 0015 and the counting as
``store/event_counts.py`` did it when the table was added. A later change to the live
module (another facet, another rule for which actors are kept) must come with its own
revision, and does not change what upgrading an old store through this one does.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_ARTICLES = sa.table(
    "articles",
    sa.column("id", sa.String),
    sa.column("published_at", sa.DateTime(timezone=True)),
    sa.column("outlet", sa.String),
    sa.column("copy_of", sa.String),
)
_ACTOR_COLUMNS = ("source_code", "target_code", "source_actor_id", "target_actor_id")
_EVENTS = sa.table(
    "events",
    sa.column("article_id", sa.String),
    sa.column("type", sa.String),
    sa.column("quad_class", sa.Integer),
    sa.column("place", sa.Text),
    sa.column("status", sa.String),
    *(sa.column(name, sa.String) for name in _ACTOR_COLUMNS),
)
_COUNTS = sa.table(
    "event_counts",
    *(sa.column(name) for name in ("day", "copy", "actor", "dimension", "value", "events")),
)
_FACETS = ("type", "quad_class", "outlet", "place", "status")
_SIDES = ("source_code", "target_code")


def upgrade() -> None:
    op.create_table(
        "event_counts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date, nullable=True),
        sa.Column("copy", sa.Boolean, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("dimension", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
    )
    op.create_index("ix_event_counts_day", "event_counts", ["day"])
    op.create_index("ix_event_counts_lookup", "event_counts", ["actor", "dimension", "day"])
    bind = op.get_bind()
    counted = _counted(bind.dialect.name)
    columns = ["day", "copy", "actor", "dimension", "value", "events"]
    bind.execute(sa.insert(_COUNTS).from_select(columns, sa.union_all(*_parts(counted))))


def _counted(dialect: str) -> Any:
    """Every event with its article's UTC day of publication, copy flag and outlet."""
    published = _ARTICLES.c.published_at
    day = (
        sa.func.date(published)
        if dialect == "sqlite"
        else sa.cast(sa.func.timezone("UTC", published), sa.Date)
    )
    return (
        sa.select(
            day.label("day"),
            _ARTICLES.c.copy_of.is_not(None).label("copy"),
            _EVENTS.c.type.label("type"),
            sa.cast(_EVENTS.c.quad_class, sa.String).label("quad_class"),
            _ARTICLES.c.outlet.label("outlet"),
            _EVENTS.c.place.label("place"),
            _EVENTS.c.status.label("status"),
            *(_EVENTS.c[name].label(name) for name in _ACTOR_COLUMNS),
        )
        .join(_ARTICLES, _ARTICLES.c.id == _EVENTS.c.article_id)
        .cte("counted")
    )


def _keyed(base: Any) -> Any:
    """Each event once under every colon-free code or id it names on either side."""
    parts = []
    for i, name in enumerate(_ACTOR_COLUMNS):
        column = base.c[name]
        earlier = [column.is_distinct_from(base.c[other]) for other in _ACTOR_COLUMNS[:i]]
        parts.append(
            sa.select(
                base.c.day, base.c.copy, column.label("actor"), *(base.c[f] for f in _FACETS)
            ).where(column.is_not(None), ~column.contains(":"), *earlier)
        )
    return sa.union_all(*parts).cte("keyed")


def _parts(base: Any) -> list[Any]:
    """One grouped select per (every event or per actor, dimension); ``all`` counts events."""
    keyed = _keyed(base)
    parts = []
    for source, actor in ((base, sa.literal("")), (keyed, keyed.c.actor)):
        for dimension in ("all", *_FACETS, *(_SIDES if source is base else ())):
            value = sa.literal("") if dimension == "all" else source.c[dimension]
            query = sa.select(
                source.c.day, source.c.copy, actor, sa.literal(dimension), value, sa.func.count()
            ).group_by(source.c.day, source.c.copy, *(() if source is base else (actor,)))
            if dimension != "all":
                query = query.where(value.is_not(None)).group_by(value)
            parts.append(query)
    return parts


def downgrade() -> None:
    op.drop_index("ix_event_counts_lookup", table_name="event_counts")
    op.drop_index("ix_event_counts_day", table_name="event_counts")
    op.drop_table("event_counts")
