"""Kept event counts crossed with the quad class and per actor id, and a pair's tone per day.

The explorer under an actor and a quad class (a state's material conflicts) counted its
facets over the events, since the kept counts answered one narrowing field (two passes
of 0.4 s at a million articles); a person's page counted the events the person did and
had done to them over the events too, since counts were kept for codes only. This
revision adds to ``event_counts``:

- ``type_quad``, ``outlet_quad`` and ``status_quad``, for every event and under each
  colon-free actor, and ``source_code_quad`` and ``target_code_quad`` for every event: the
  value with the quad class before it (``"4|SANCTION"``, ``"|SANCTION"`` without one), as
  ``place_quad`` (0018) is kept;
- ``source_actor_id`` and ``target_actor_id`` for every event: the events each actor id
  (a person's too) did and had done to it;

and an index on ``(dimension, value)``, so one value's rows (one actor's events) are read
without the rows of every other value of the dimension. It also adds ``pair_tone_days``:
per pair of codes (stored once, ``a`` sorting first) and UTC day, the distinct sentences
with a tone holding an event between the two, from reports that are not copies, and the
sum of their tones, which a pair's page charted by joining every event of the pair to
its sentence and article (0.33 s for the busiest pair at a million articles).

The fill is this revision's own: the tables as they stand at 0018 and the counting as
``store/event_counts.py`` does it when these dimensions are added.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
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
    sa.column("status", sa.String),
    sa.column("sentence_index", sa.Integer),
    *(sa.column(name, sa.String) for name in _ACTOR_COLUMNS),
)
_COUNTS = sa.table(
    "event_counts",
    *(sa.column(name) for name in ("day", "copy", "actor", "dimension", "value", "events")),
)
_KEYED = ("type_quad", "outlet_quad", "status_quad")
"""Counted for every event and under each colon-free actor."""
_EVERY = ("source_code_quad", "target_code_quad", "source_actor_id", "target_actor_id")
"""Counted for every event only."""
_INDEX = "ix_event_counts_value"
_SENTENCES = sa.table(
    "sentences",
    sa.column("article_id", sa.String),
    sa.column("index", sa.Integer),
    sa.column("tone", sa.Float),
)
_PAIRS = sa.table(
    "pair_tone_days", *(sa.column(name) for name in ("a", "b", "day", "sentences", "tone_sum"))
)


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.delete(_COUNTS).where(_COUNTS.c.dimension.in_(_KEYED + _EVERY)))
    counted = _counted(bind.dialect.name)
    columns = ["day", "copy", "actor", "dimension", "value", "events"]
    bind.execute(sa.insert(_COUNTS).from_select(columns, sa.union_all(*_parts(counted))))
    op.create_index(_INDEX, "event_counts", ["dimension", "value"])
    op.create_table(
        "pair_tone_days",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("a", sa.String(120), nullable=False),
        sa.Column("b", sa.String(120), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("sentences", sa.Integer, nullable=False),
        sa.Column("tone_sum", sa.Float, nullable=False),
    )
    op.create_index("ix_pair_tone_days_day", "pair_tone_days", ["day"])
    op.create_index("ix_pair_tone_days_pair", "pair_tone_days", ["a", "b", "day"])
    bind.execute(
        sa.insert(_PAIRS).from_select(
            ["a", "b", "day", "sentences", "tone_sum"], _pair_tone(bind.dialect.name)
        )
    )


def _day(dialect: str) -> Any:
    published = _ARTICLES.c.published_at
    if dialect == "sqlite":
        return sa.func.date(published)
    return sa.cast(sa.func.timezone("UTC", published), sa.Date)


def _pair_tone(dialect: str) -> Any:
    """Per pair and day, the distinct toned sentences holding an event between the pair."""
    source, target = _EVENTS.c.source_code, _EVENTS.c.target_code
    sentences = (
        sa.select(
            sa.case((source <= target, source), else_=target).label("a"),
            sa.case((source <= target, target), else_=source).label("b"),
            _day(dialect).label("day"),
            _EVENTS.c.article_id,
            _EVENTS.c.sentence_index,
        )
        .join(_ARTICLES, _ARTICLES.c.id == _EVENTS.c.article_id)
        .where(
            source.is_not(None),
            target.is_not(None),
            _ARTICLES.c.published_at.is_not(None),
            _ARTICLES.c.copy_of.is_(None),
        )
        .distinct()
        .subquery()
    )
    return (
        sa.select(
            sentences.c.a, sentences.c.b, sentences.c.day, sa.func.count(),
            sa.func.sum(_SENTENCES.c.tone),
        )
        .select_from(sentences)
        .join(
            _SENTENCES,
            sa.and_(
                _SENTENCES.c.article_id == sentences.c.article_id,
                _SENTENCES.c["index"] == sentences.c.sentence_index,
            ),
        )
        .where(_SENTENCES.c.tone.is_not(None))
        .group_by(sentences.c.a, sentences.c.b, sentences.c.day)
    )  # fmt: skip


def _counted(dialect: str) -> Any:
    """Every event with its article's UTC day and copy flag, and its crossed values."""
    day = _day(dialect)
    quad = sa.func.coalesce(sa.cast(_EVENTS.c.quad_class, sa.String), "")
    crossed = {
        "type_quad": _EVENTS.c.type,
        "outlet_quad": _ARTICLES.c.outlet,
        "status_quad": _EVENTS.c.status,
        "source_code_quad": _EVENTS.c.source_code,
        "target_code_quad": _EVENTS.c.target_code,
    }
    return (
        sa.select(
            day.label("day"),
            _ARTICLES.c.copy_of.is_not(None).label("copy"),
            *(_EVENTS.c[name].label(name) for name in _ACTOR_COLUMNS),
            *((quad + "|" + column).label(name) for name, column in crossed.items()),
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
                base.c.day, base.c.copy, column.label("actor"), *(base.c[d] for d in _KEYED)
            ).where(column.is_not(None), ~column.contains(":"), *earlier)
        )
    return sa.union_all(*parts).cte("keyed")


def _parts(base: Any) -> list[Any]:
    """One grouped select per (every event or per actor, dimension)."""
    keyed = _keyed(base)
    parts = []
    for source, actor in ((base, sa.literal("")), (keyed, keyed.c.actor)):
        for dimension in (*_KEYED, *(_EVERY if source is base else ())):
            value = source.c[dimension]
            parts.append(
                sa.select(
                    source.c.day,
                    source.c.copy,
                    actor,
                    sa.literal(dimension),
                    value,
                    sa.func.count(),
                )
                .where(value.is_not(None))
                .group_by(
                    source.c.day,
                    source.c.copy,
                    *(() if source is base else (actor,)),
                    value,
                )
            )
    return parts


def downgrade() -> None:
    op.drop_index("ix_pair_tone_days_pair", table_name="pair_tone_days")
    op.drop_index("ix_pair_tone_days_day", table_name="pair_tone_days")
    op.drop_table("pair_tone_days")
    op.drop_index(_INDEX, table_name="event_counts")
    op.execute(sa.delete(_COUNTS).where(_COUNTS.c.dimension.in_(_KEYED + _EVERY)))
