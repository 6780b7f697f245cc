"""Copy bands carry their article's publication time, indexed with the band key.

A batch looks for earlier copies among the stored articles that share an LSH band key
and were published within the clusterer's window of the batch's dates. Without a date
on the band row, every article that ever shared the key was read and joined to its copy
member to learn its date, a read that grew with the store (a replicated wire text shares
its bands across years). With ``(band_key, published)`` indexed, a band lookup reads only
the rows inside the window.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("copy_bands", sa.Column("published", sa.DateTime(timezone=True)))
    op.execute(
        "UPDATE copy_bands SET published = (SELECT copy_members.published FROM copy_members"
        " WHERE copy_members.article_id = copy_bands.article_id)"
    )
    op.create_index("ix_copy_bands_band_key_published", "copy_bands", ["band_key", "published"])


def downgrade() -> None:
    op.drop_index("ix_copy_bands_band_key_published", table_name="copy_bands")
    with op.batch_alter_table("copy_bands") as batch:
        batch.drop_column("published")
