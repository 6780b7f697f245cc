"""full-text search over articles, and indexes the web pages read by

SQLite gets an external-content FTS5 table ``articles_fts`` over the articles' title and
text, kept in sync by triggers; PostgreSQL a generated ``tsvector`` column with a GIN
index (``store/search.py`` queries both and says why they are built so).

The statements are this revision's own, as they stood when it was written: a later change
to the live search module must come with its own revision, and does not change what
upgrading an old store through this one does. A later revision that rebuilds ``articles``
on SQLite (batch mode drops the triggers with the old table) writes its own triggers too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)

# "<" is replaced by a space before PostgreSQL's parser sees it: the parser reads "<...>"
# as an HTML tag and drops it, words and all.
_POSTGRESQL = (
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', replace(coalesce(title, ''), '<', ' ')), 'A')
        || setweight(to_tsvector('english', replace(text, '<', ' ')), 'B')) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING GIN (search_vector)",
)


def upgrade() -> None:
    bind = op.get_bind()
    for statement in _SQLITE if bind.dialect.name == "sqlite" else _POSTGRESQL:
        bind.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("after_insert", "after_delete", "after_update"):
            bind.execute(sa.text(f"DROP TRIGGER IF EXISTS articles_fts_{trigger}"))
        bind.execute(sa.text("DROP TABLE IF EXISTS articles_fts"))
    else:
        bind.execute(sa.text("DROP INDEX IF EXISTS ix_articles_search_vector"))
        bind.execute(sa.text("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector"))
