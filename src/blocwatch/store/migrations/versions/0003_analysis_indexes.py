"""Indexes for the analysis queries.

Leaving syndicated copies out of relation counts filters on ``articles.copy_of``; the
relation graph groups events by status and pair and sums Goldstein scores, which a
covering index answers without reading the table.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_copy_of", "articles", ["copy_of"])
    op.create_index(
        "ix_events_pair",
        "events",
        ["status", "source_code", "target_code", "quad_class", "goldstein"],
    )


def downgrade() -> None:
    op.drop_index("ix_events_pair", table_name="events")
    op.drop_index("ix_articles_copy_of", table_name="articles")
