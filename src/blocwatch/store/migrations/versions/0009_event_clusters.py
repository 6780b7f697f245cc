"""Event clusters: one row per real-world event, its mentions as members.

A store that already holds events is marked incomplete; the next ingest (or
``blocwatch stories --rebuild``) clusters its events once, and from then on each batch
adds its own.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source_code", sa.String(20), nullable=False),
        sa.Column("target_code", sa.String(20)),
        sa.Column("symmetric", sa.Boolean, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("first_day", sa.Date),
        sa.Column("last_day", sa.Date),
        sa.Column("place", sa.Text),
        sa.Column("cameo", sa.String(8)),
        sa.Column("goldstein", sa.Float),
        sa.Column("quad_class", sa.Integer),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
    )
    op.create_index(
        "ix_event_clusters_pair", "event_clusters", ["source_code", "target_code", "day"]
    )
    op.create_index("ix_event_clusters_target", "event_clusters", ["target_code", "day"])
    op.create_index("ix_event_clusters_day", "event_clusters", ["day"])
    op.create_table(
        "event_cluster_members",
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "cluster_id",
            sa.Integer,
            sa.ForeignKey("event_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("article_id", sa.String(16), nullable=False),
    )
    op.create_index("ix_event_cluster_members_cluster_id", "event_cluster_members", ["cluster_id"])
    op.create_index("ix_event_cluster_members_article_id", "event_cluster_members", ["article_id"])
    state = op.create_table(
        "event_cluster_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("complete", sa.Boolean, nullable=False),
        sa.Column("min_confidence", sa.Float, nullable=False),
    )
    events = op.get_bind().execute(sa.text("SELECT count(*) FROM events")).scalar() or 0
    op.bulk_insert(state, [{"id": 1, "complete": events == 0, "min_confidence": 0.5}])


def downgrade() -> None:
    op.drop_table("event_cluster_state")
    op.drop_table("event_cluster_members")
    op.drop_table("event_clusters")
