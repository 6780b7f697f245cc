"""An actor's mentions, stories and roles counted per UTC day, kept up to date at ingest.

Actor pages read these rows (``store/actor_counts.py``) instead of joining every mention
of the actor to its article and sentence. The tables are filled here from the mentions
already stored, in one pass, so pages agree with the mentions from the first request.

The fill is this revision's own: the tables as they stand at 0016 and the counting as
``store/actor_counts.py`` did it when these tables were added, so a later change to the
live module does not change what upgrading an old store through this revision does.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_ARTICLES = sa.table(
    "articles",
    sa.column("id", sa.String),
    sa.column("published_at", sa.DateTime(timezone=True)),
    sa.column("outlet", sa.String),
    sa.column("copy_of", sa.String),
    sa.column("story_id", sa.String),
)
_MENTIONS = sa.table(
    "mentions",
    sa.column("actor_id", sa.String),
    sa.column("article_id", sa.String),
    sa.column("sentence_index", sa.Integer),
    sa.column("role", sa.Text),
    sa.column("claim", sa.Boolean),
)
_SENTENCES = sa.table(
    "sentences",
    sa.column("article_id", sa.String),
    sa.column("index", sa.Integer),
    sa.column("tone", sa.Float),
)
_FILLS = {
    "actor_days": (
        "actor_id", "day", "outlet", "copy", "mentions", "articles", "toned", "tone_sum",
    ),
    "actor_story_days": ("actor_id", "day", "story_id"),
    "actor_roles": (
        "actor_id", "role", "day", "first_reported", "last_reported",
        "mentions", "claim", "article_id", "sentence_index",
    ),
}  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "actor_days",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.String(120), nullable=False),
        sa.Column("day", sa.Date, nullable=True),
        sa.Column("outlet", sa.String(200), nullable=True),
        sa.Column("copy", sa.Boolean, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("toned", sa.Integer, nullable=False),
        sa.Column("tone_sum", sa.Float, nullable=False),
    )
    op.create_index("ix_actor_days_day", "actor_days", ["day"])
    op.create_index("ix_actor_days_actor", "actor_days", ["actor_id", "day"])
    op.create_table(
        "actor_story_days",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.String(120), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("story_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_actor_story_days_day", "actor_story_days", ["day"])
    op.create_index("ix_actor_story_days_actor", "actor_story_days", ["actor_id", "day"])
    op.create_table(
        "actor_roles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.String(120), nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("day", sa.Date, nullable=True),
        sa.Column("first_reported", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_reported", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("claim", sa.Integer, nullable=False),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
    )
    op.create_index("ix_actor_roles_day", "actor_roles", ["day"])
    op.create_index("ix_actor_roles_actor", "actor_roles", ["actor_id", "role"])
    bind = op.get_bind()
    day = _publication_day(bind.dialect.name)
    for name, query in (
        ("actor_days", _mention_days(day)),
        ("actor_story_days", _story_days(day)),
        ("actor_roles", _roles(day)),
    ):
        table = sa.table(name, *(sa.column(c) for c in _FILLS[name]))
        bind.execute(sa.insert(table).from_select(list(_FILLS[name]), query))


def _publication_day(dialect: str) -> Any:
    published = _ARTICLES.c.published_at
    if dialect == "sqlite":
        return sa.func.date(published)
    return sa.cast(sa.func.timezone("UTC", published), sa.Date)


def _mention_days(day: Any) -> Any:
    """Mentions, articles, and tone of the distinct sentences naming each actor, per day,
    outlet and copy flag."""
    named = (
        sa.select(
            _MENTIONS.c.actor_id,
            _MENTIONS.c.article_id,
            _MENTIONS.c.sentence_index,
            sa.func.count().label("n"),
        )
        .join(_ARTICLES, _ARTICLES.c.id == _MENTIONS.c.article_id)
        .group_by(_MENTIONS.c.actor_id, _MENTIONS.c.article_id, _MENTIONS.c.sentence_index)
        .subquery()
    )
    copy = _ARTICLES.c.copy_of.is_not(None)
    sentence = sa.and_(
        _SENTENCES.c.article_id == named.c.article_id,
        _SENTENCES.c["index"] == named.c.sentence_index,
    )
    return (
        sa.select(
            named.c.actor_id,
            day,
            _ARTICLES.c.outlet,
            copy,
            sa.func.sum(named.c.n),
            sa.func.count(sa.func.distinct(named.c.article_id)),
            sa.func.count(_SENTENCES.c.tone),
            sa.func.coalesce(sa.func.sum(_SENTENCES.c.tone), 0.0),
        )
        .select_from(named)
        .join(_ARTICLES, _ARTICLES.c.id == named.c.article_id)
        .outerjoin(_SENTENCES, sentence)
        .group_by(named.c.actor_id, day, _ARTICLES.c.outlet, copy)
    )


def _story_days(day: Any) -> Any:
    return (
        sa.select(_MENTIONS.c.actor_id, day, _ARTICLES.c.story_id)
        .join(_ARTICLES, _ARTICLES.c.id == _MENTIONS.c.article_id)
        .where(_ARTICLES.c.published_at.is_not(None), _ARTICLES.c.story_id.is_not(None))
        .group_by(_MENTIONS.c.actor_id, day, _ARTICLES.c.story_id)
    )


def _roles(day: Any) -> Any:
    published = _ARTICLES.c.published_at
    return (
        sa.select(
            _MENTIONS.c.actor_id,
            _MENTIONS.c.role,
            day,
            sa.func.min(published),
            sa.func.max(published),
            sa.func.count(),
            sa.func.max(sa.cast(_MENTIONS.c.claim, sa.Integer)),
            sa.func.min(_MENTIONS.c.article_id),
            sa.func.min(_MENTIONS.c.sentence_index),
        )
        .join(_ARTICLES, _ARTICLES.c.id == _MENTIONS.c.article_id)
        .where(_MENTIONS.c.role.is_not(None))
        .group_by(_MENTIONS.c.actor_id, _MENTIONS.c.role, day)
    )


def downgrade() -> None:
    for table, indexes in (
        ("actor_roles", ("ix_actor_roles_actor", "ix_actor_roles_day")),
        ("actor_story_days", ("ix_actor_story_days_actor", "ix_actor_story_days_day")),
        ("actor_days", ("ix_actor_days_actor", "ix_actor_days_day")),
    ):
        for index in indexes:
            op.drop_index(index, table_name=table)
        op.drop_table(table)
