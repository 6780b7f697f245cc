"""Kept event counts per place and quad class, the map's grouping.

The map counts the events of each place by quad class; from the events, that is every
event of the window joined to its article and grouped (0.59 s at a million articles).
This revision adds those groups to ``event_counts`` as the dimension ``place_quad``, the
value the quad class and the place joined by ``|`` (``"4|Kyiv"``, ``"|Kyiv"`` for an
event without a quad class), for every event and under each colon-free actor, as the
other facets are kept; the map then sums them over the window it shows.

The fill is this revision's own: the tables as they stand at 0017 and the counting as
``store/event_counts.py`` does it when this dimension is added.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_ARTICLES = sa.table(
    "articles",
    sa.column("id", sa.String),
    sa.column("published_at", sa.DateTime(timezone=True)),
    sa.column("copy_of", sa.String),
)
_ACTOR_COLUMNS = ("source_code", "target_code", "source_actor_id", "target_actor_id")
_EVENTS = sa.table(
    "events",
    sa.column("article_id", sa.String),
    sa.column("quad_class", sa.Integer),
    sa.column("place", sa.Text),
    *(sa.column(name, sa.String) for name in _ACTOR_COLUMNS),
)
_COUNTS = sa.table(
    "event_counts",
    *(sa.column(name) for name in ("day", "copy", "actor", "dimension", "value", "events")),
)
_DIMENSION = "place_quad"


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.delete(_COUNTS).where(_COUNTS.c.dimension == _DIMENSION))
    counted = _counted(bind.dialect.name)
    columns = ["day", "copy", "actor", "dimension", "value", "events"]
    bind.execute(sa.insert(_COUNTS).from_select(columns, sa.union_all(*_parts(counted))))


def _counted(dialect: str) -> Any:
    """Every event that names a place, with its article's UTC day and copy flag."""
    published = _ARTICLES.c.published_at
    day = (
        sa.func.date(published)
        if dialect == "sqlite"
        else sa.cast(sa.func.timezone("UTC", published), sa.Date)
    )
    quad = sa.func.coalesce(sa.cast(_EVENTS.c.quad_class, sa.String), "")
    return (
        sa.select(
            day.label("day"),
            _ARTICLES.c.copy_of.is_not(None).label("copy"),
            (quad + "|" + _EVENTS.c.place).label("place_quad"),
            *(_EVENTS.c[name].label(name) for name in _ACTOR_COLUMNS),
        )
        .join(_ARTICLES, _ARTICLES.c.id == _EVENTS.c.article_id)
        .where(_EVENTS.c.place.is_not(None))
        .cte("counted")
    )


def _keyed(base: Any) -> Any:
    """Each event once under every colon-free code or id it names on either side."""
    parts = []
    for i, name in enumerate(_ACTOR_COLUMNS):
        column = base.c[name]
        earlier = [column.is_distinct_from(base.c[other]) for other in _ACTOR_COLUMNS[:i]]
        parts.append(
            sa.select(base.c.day, base.c.copy, column.label("actor"), base.c.place_quad).where(
                column.is_not(None), ~column.contains(":"), *earlier
            )
        )
    return sa.union_all(*parts).cte("keyed")


def _parts(base: Any) -> list[Any]:
    """The ``place_quad`` rows of every event, and of each actor's events."""
    keyed = _keyed(base)
    parts = []
    for source, actor in ((base, sa.literal("")), (keyed, keyed.c.actor)):
        parts.append(
            sa.select(
                source.c.day,
                source.c.copy,
                actor,
                sa.literal(_DIMENSION),
                source.c.place_quad,
                sa.func.count(),
            ).group_by(
                source.c.day,
                source.c.copy,
                *(() if source is base else (actor,)),
                source.c.place_quad,
            )
        )
    return parts


def downgrade() -> None:
    op.execute(sa.delete(_COUNTS).where(_COUNTS.c.dimension == _DIMENSION))
