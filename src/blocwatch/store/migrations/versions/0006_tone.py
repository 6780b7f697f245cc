"""Tone of every sentence and article (VADER's compound score), filled in for stored articles.

Tone filters and tone timelines read these columns; articles stored before this revision
get their scores here, from their stored text and sentence spans, so an upgraded store
answers the same as a freshly ingested one. Articles not in English keep ``NULL``.

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

_BATCH = 200


def upgrade() -> None:
    op.add_column("articles", sa.Column("tone", sa.Float(), nullable=True))
    op.add_column("sentences", sa.Column("tone", sa.Float(), nullable=True))
    op.create_index("ix_articles_tone", "articles", ["tone"])
    _score_stored_articles()


def _score_stored_articles() -> None:
    from blocwatch.nlp.tone import sentence_tone

    connection = op.get_bind()
    articles = sa.table(
        "articles", sa.column("id"), sa.column("text"), sa.column("language"), sa.column("tone")
    )
    sentences = sa.table(
        "sentences",
        sa.column("article_id"),
        sa.column("index"),
        sa.column("start"),
        sa.column("end"),
        sa.column("tone"),
    )
    english = sa.or_(articles.c.language.is_(None), articles.c.language == "en")
    ids = [row[0] for row in connection.execute(sa.select(articles.c.id).where(english))]
    for at in range(0, len(ids), _BATCH):
        chunk = ids[at : at + _BATCH]
        texts = dict(
            connection.execute(
                sa.select(articles.c.id, articles.c.text).where(articles.c.id.in_(chunk))
            ).all()
        )
        scores: dict[str, list[float]] = {}
        updates = []
        for article_id, index, start, end in connection.execute(
            sa.select(
                sentences.c.article_id, sentences.c.index, sentences.c.start, sentences.c.end
            ).where(sentences.c.article_id.in_(chunk))
        ):
            tone = sentence_tone(texts[article_id][start:end])
            scores.setdefault(article_id, []).append(tone)
            updates.append({"a": article_id, "i": index, "t": tone})
        if updates:
            connection.execute(
                sentences.update()
                .where(sentences.c.article_id == sa.bindparam("a"))
                .where(sentences.c.index == sa.bindparam("i"))
                .values(tone=sa.bindparam("t")),
                updates,
            )
        if scores:
            connection.execute(
                articles.update()
                .where(articles.c.id == sa.bindparam("a"))
                .values(tone=sa.bindparam("t")),
                [{"a": a, "t": round(sum(s) / len(s), 4)} for a, s in scores.items()],
            )


def downgrade() -> None:
    """Drop the columns in place (SQLite 3.35 and later can): batch mode would copy
    ``articles`` and drop the old table, and with foreign keys on, that deletes every
    sentence and mention with it, and the search triggers."""
    op.drop_index("ix_articles_tone", table_name="articles")
    for table in ("sentences", "articles"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN tone")
