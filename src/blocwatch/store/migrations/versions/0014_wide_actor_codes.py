"""Actor codes as wide as actor ids, so PostgreSQL stores a person attached to an organization.

A person whose affiliation is an organization carries that organization's id as their
country and event code (``org:helsinki-foundation-for-human-rights``, 40 characters);
PostgreSQL refused the whole batch holding such a mention (``value too long for type
character varying(20)``), where SQLite, which does not enforce lengths, stored it. The
columns become as wide as actor ids (120). Widening a ``varchar`` rewrites no row on
PostgreSQL; SQLite needs nothing.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = {
    "actors": ("country",),
    "mentions": ("country",),
    "events": ("source_code", "target_code", "claimed_by_code"),
    "event_clusters": ("source_code", "target_code"),
    "relation_periods": ("a", "b"),
}


def _resize(length: int) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.String(length))


def upgrade() -> None:
    _resize(120)


def downgrade() -> None:
    _resize(20)
