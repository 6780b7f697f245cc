"""Tone of every sentence and article (VADER's compound score): the columns and their index.

Tone filters and tone timelines read these columns. Ingest fills them; the articles stored
before this revision keep ``NULL`` here and get their scores from ``blocwatch fill-tone``
(``store/tone.py``), which scores them with the live pipeline.

Why not here: a revision must do what it did when it was written, whatever the live code
becomes, so it holds its own statements instead of importing project modules. The score is
not the project's own computation to copy: it is VADER's rules and its 7,500-word lexicon
(the ``vaderSentiment`` package), and freezing it would mean copying that third-party code
into the revision, while calling the package ties the upgrade to whichever version is
installed (or breaks it, once tone is measured otherwise) just as importing
``nlp/tone.py`` did. Tone is derived from the stored text, as stories and event clusters
are, so it is filled by a named command that scores as a fresh ingest would today; an
upgraded store then answers as a freshly ingested one (``tests/store/test_tone.py``).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("tone", sa.Float(), nullable=True))
    op.add_column("sentences", sa.Column("tone", sa.Float(), nullable=True))
    op.create_index("ix_articles_tone", "articles", ["tone"])


def downgrade() -> None:
    """Drop the columns in place (SQLite 3.35 and later can): batch mode would copy
    ``articles`` and drop the old table, and with foreign keys on, that deletes every
    sentence and mention with it, and the search triggers."""
    op.drop_index("ix_articles_tone", table_name="articles")
    for table in ("sentences", "articles"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN tone")
