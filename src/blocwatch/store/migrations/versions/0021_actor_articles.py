"""Each article naming an actor, kept with what a search without words orders and groups by.

A search without words under an actor (with an event type, say) found every article
naming the actor before taking the newest 10,000: at a million articles, every article
id merged with the actor's 162,000 mentions and 131,000 lookups of the event type, about
0.55 s for 128,512 matches. ``actor_articles`` holds one row per actor and article with
the article's time, outlet, language, story and tone, kept with the actor's other counts
(``store/actor_counts.py``); on PostgreSQL ``ix_actor_articles_newest`` orders an actor's
rows newest first, nulls last, as searches list them, so the newest matches are read in
order and each checked for the rest of the filters. The fill is this revision's own.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_ARTICLES = sa.table(
    "articles",
    sa.column("id", sa.String),
    sa.column("published_at", sa.DateTime(timezone=True)),
    sa.column("outlet", sa.String),
    sa.column("language", sa.String),
    sa.column("story_id", sa.String),
    sa.column("tone", sa.Float),
)
_MENTIONS = sa.table(
    "mentions", sa.column("actor_id", sa.String), sa.column("article_id", sa.String)
)
_COLUMNS = (
    "actor_id",
    "article_id",
    "day",
    "published_at",
    "outlet",
    "language",
    "story_id",
    "tone",
)
_NEWEST = (
    "CREATE INDEX ix_actor_articles_newest ON actor_articles"
    " (actor_id, published_at DESC NULLS LAST, article_id)"
)


def upgrade() -> None:
    op.create_table(
        "actor_articles",
        sa.Column("actor_id", sa.String(120), primary_key=True),
        sa.Column("article_id", sa.String(16), primary_key=True),
        sa.Column("day", sa.Date, nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outlet", sa.String(200), nullable=True),
        sa.Column("language", sa.String(12), nullable=True),
        sa.Column("story_id", sa.String(40), nullable=True),
        sa.Column("tone", sa.Float, nullable=True),
    )
    bind = op.get_bind()
    published = _ARTICLES.c.published_at
    day: Any
    if bind.dialect.name == "sqlite":
        day = sa.func.date(published)
    else:
        day = sa.cast(sa.func.timezone("UTC", published), sa.Date)
    fill = (
        sa.select(
            _MENTIONS.c.actor_id,
            _MENTIONS.c.article_id,
            day,
            published,
            _ARTICLES.c.outlet,
            _ARTICLES.c.language,
            _ARTICLES.c.story_id,
            _ARTICLES.c.tone,
        )
        .join(_ARTICLES, _ARTICLES.c.id == _MENTIONS.c.article_id)
        .distinct()
    )
    table = sa.table("actor_articles", *(sa.column(c) for c in _COLUMNS))
    bind.execute(sa.insert(table).from_select(list(_COLUMNS), fill))
    op.create_index("ix_actor_articles_day", "actor_articles", ["day"])
    op.create_index(
        "ix_actor_articles_actor", "actor_articles", ["actor_id", "published_at", "article_id"]
    )
    if bind.dialect.name == "postgresql":
        op.execute(_NEWEST)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_actor_articles_newest")
    op.drop_index("ix_actor_articles_actor", table_name="actor_articles")
    op.drop_index("ix_actor_articles_day", table_name="actor_articles")
    op.drop_table("actor_articles")
