"""Relation counts per pair of actors and week or month, kept up to date at ingest.

Relation and alignment charts read these few rows instead of every event cluster. A
store that already holds clusters is marked as not having them yet; until they are
built (the next ``blocwatch stories``, ingest or rebuild does it in one pass), pages
count the clusters themselves, with the same results.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relation_periods",
        sa.Column("granularity", sa.String(8), primary_key=True),
        sa.Column("a", sa.String(20), primary_key=True),
        sa.Column("b", sa.String(20), primary_key=True),
        sa.Column("status", sa.String(20), primary_key=True),
        sa.Column("start", sa.Date, primary_key=True),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("q1", sa.Integer, nullable=False),
        sa.Column("q2", sa.Integer, nullable=False),
        sa.Column("q3", sa.Integer, nullable=False),
        sa.Column("q4", sa.Integer, nullable=False),
        sa.Column("scored", sa.Integer, nullable=False),
        sa.Column("goldstein_sum", sa.Float, nullable=False),
        sa.Column("goldstein", sa.JSON, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
        sa.Column("clusters", sa.JSON, nullable=False),
    )
    op.create_index("ix_relation_periods_b", "relation_periods", ["granularity", "b", "a", "start"])
    with op.batch_alter_table("event_cluster_state") as batch:
        batch.add_column(
            sa.Column("periods_complete", sa.Boolean, nullable=False, server_default=sa.true())
        )
    clusters = op.get_bind().execute(sa.text("SELECT count(*) FROM event_clusters")).scalar()
    if clusters:
        op.execute(sa.text("UPDATE event_cluster_state SET periods_complete = false"))


def downgrade() -> None:
    with op.batch_alter_table("event_cluster_state") as batch:
        batch.drop_column("periods_complete")
    op.drop_index("ix_relation_periods_b", table_name="relation_periods")
    op.drop_table("relation_periods")
