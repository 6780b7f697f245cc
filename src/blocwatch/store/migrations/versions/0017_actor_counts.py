"""An actor's mentions, stories and roles counted per UTC day, kept up to date at ingest.

Actor pages read these rows (``store/actor_counts.py``) instead of joining every mention
of the actor to its article and sentence. The tables are filled here from the mentions
already stored, in one pass, so pages agree with the mentions from the first request.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from blocwatch.store import actor_counts

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
    actor_counts.rebuild(op.get_bind())


def downgrade() -> None:
    for table, indexes in (
        ("actor_roles", ("ix_actor_roles_actor", "ix_actor_roles_day")),
        ("actor_story_days", ("ix_actor_story_days_actor", "ix_actor_story_days_day")),
        ("actor_days", ("ix_actor_days_actor", "ix_actor_days_day")),
    ):
        for index in indexes:
            op.drop_index(index, table_name=table)
        op.drop_table(table)
