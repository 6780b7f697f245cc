"""Story state kept between runs, so new articles are grouped without regrouping the rest.

Stories grouped by the earlier full rebuild have no stored state; they are cleared and
every article is marked pending, so the next run groups the store once, incrementally
and resumably, and from then on each batch only adds to it.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("latest", sa.DateTime(timezone=True)),
        sa.Column("next_copy_key", sa.Integer, nullable=False),
        sa.Column("next_arrival", sa.Integer, nullable=False),
    )
    op.create_table(
        "story_members",
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("event_day", sa.Date),
        sa.Column("compared", sa.Boolean, nullable=False),
        sa.Column("features", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_story_members_event_day", "story_members", ["event_day"])
    op.create_table(
        "story_terms",
        sa.Column("view", sa.String(1), primary_key=True),
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("frequency", sa.Integer, nullable=False),
    )
    op.create_table(
        "copy_members",
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("group_key", sa.Integer, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("arrival", sa.Integer, nullable=False),
        sa.Column("published", sa.DateTime(timezone=True)),
        sa.Column("outlet", sa.String(200)),
        sa.Column("origin_agency", sa.JSON, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_copy_members_group_key", "copy_members", ["group_key"])
    op.create_table(
        "copy_bands",
        sa.Column("band_key", sa.BigInteger, primary_key=True),
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "story_pending",
        sa.Column(
            "article_id",
            sa.String(16),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.execute("DELETE FROM summary_sentences WHERE story_id IS NOT NULL")
    op.execute("DELETE FROM stories")
    op.execute("UPDATE articles SET story_id = NULL, copy_of = NULL")
    op.execute("INSERT INTO story_pending (article_id) SELECT id FROM articles")


def downgrade() -> None:
    op.drop_index("ix_stories_last_seen", table_name="stories")
    for table in (
        "story_pending",
        "copy_bands",
        "copy_members",
        "story_terms",
        "story_members",
        "story_state",
    ):
        op.drop_table(table)
