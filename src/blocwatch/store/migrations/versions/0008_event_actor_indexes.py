"""Indexes on the actor ids of events' two sides.

A person's page, the events explorer's actor filter ("either side": code or actor id) and
exports filtered by actor look events up by ``source_actor_id`` and ``target_actor_id``;
without these indexes each of those reads scanned every event.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_source_actor_id", "events", ["source_actor_id"])
    op.create_index("ix_events_target_actor_id", "events", ["target_actor_id"])


def downgrade() -> None:
    op.drop_index("ix_events_target_actor_id", table_name="events")
    op.drop_index("ix_events_source_actor_id", table_name="events")
