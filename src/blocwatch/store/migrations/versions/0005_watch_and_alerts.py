"""watch state, alert rules, alerts, their delivery log, saved searches

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_polled_at", UTC_TIME),
        sa.Column("last_success_at", UTC_TIME),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", UTC_TIME),
        sa.Column("next_due_at", UTC_TIME),
    )
    op.create_table(
        "watch_items",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(60)),
        sa.Column("summary", sa.Text()),
        sa.Column("outlet", sa.String(200)),
        sa.Column("language", sa.String(12)),
        sa.Column("final_url", sa.Text()),
        sa.Column("encoding", sa.String(40)),
        sa.Column("raw_id", sa.String(16)),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("first_seen_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_watch_items_source_status", "watch_items", ["source", "status"])
    op.create_table(
        "watch_cursors",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("position", UTC_TIME, nullable=False),
    )
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("saved_search_id", sa.Integer()),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.UniqueConstraint("name", name="uq_alert_rules_name"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "rule_id",
            sa.Integer(),
            sa.ForeignKey("alert_rules.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_key", sa.String(200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("raised_at", UTC_TIME, nullable=False),
        sa.UniqueConstraint("rule_id", "event_key", name="uq_alerts_rule_event"),
    )
    op.create_index("ix_alerts_raised_at", "alerts", ["raised_at"])
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "alert_id", sa.Integer(), sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("channel", sa.String(300), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("next_attempt_at", UTC_TIME),
        sa.Column("delivered_at", UTC_TIME),
        sa.UniqueConstraint("alert_id", "channel", name="uq_deliveries_alert_channel"),
    )
    op.create_index("ix_alert_deliveries_status", "alert_deliveries", ["status"])
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.UniqueConstraint("name", name="uq_saved_searches_name"),
    )


def downgrade() -> None:
    for table in (
        "saved_searches",
        "alert_deliveries",
        "alerts",
        "alert_rules",
        "watch_cursors",
        "watch_items",
        "watch_sources",
    ):
        op.drop_table(table)
