"""What the page families share: article rows without their text, quotes as listed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from blocwatch.store.read import SUMMARY_COLUMNS, ArticleSummary, summary_of
from blocwatch.store.schema import ArticleRow, QuoteRow


def summaries(session: Session, where: Any, *, limit: int | None = None) -> list[ArticleSummary]:
    """Article rows without their text (which is most of a row's size)."""
    query = (
        select(*SUMMARY_COLUMNS)
        .where(where)
        .order_by(ArticleRow.published_at.desc().nulls_last(), ArticleRow.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [summary_of(r) for r in session.execute(query)]


@dataclass(frozen=True, slots=True)
class QuoteView:
    speaker: str | None
    speaker_actor_id: str | None
    cue: str | None
    text: str
    kind: str
    article_id: str
    sentence_index: int
    article_title: str | None = None
    outlet: str | None = None
    published: datetime | None = None


def quote_views(session: Session, where: Any, *, limit: int) -> list[QuoteView]:
    rows = session.execute(
        select(QuoteRow, ArticleRow.title, ArticleRow.outlet, ArticleRow.published_at)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .where(where)
        .order_by(ArticleRow.published_at.desc().nulls_last(), QuoteRow.id)
        .limit(limit)
    )
    return [
        QuoteView(
            q.speaker,
            q.speaker_actor_id,
            q.cue,
            q.text,
            q.kind,
            q.article_id,
            q.sentence_index,
            title,
            outlet,
            published,
        )
        for q, title, outlet, published in rows
    ]
