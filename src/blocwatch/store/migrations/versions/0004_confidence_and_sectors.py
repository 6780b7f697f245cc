"""Confidence on events and quotes; the sector of an event's source and target.

The coder now says how sure it is of each event and quote so that pages and exports can
show the confident ones by default, and it types actors the dictionary does not know
(military, police, armed group, ...), which relations and filters read.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("source_sector", sa.String(20), nullable=True))
        batch.add_column(sa.Column("target_sector", sa.String(20), nullable=True))
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=False, server_default="1.0"))
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=False, server_default="1.0"))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("confidence")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("confidence")
        batch.drop_column("target_sector")
        batch.drop_column("source_sector")
