"""Small builders for test data."""

from __future__ import annotations

from datetime import UTC, datetime

from blocwatch.model import Article
from blocwatch.nlp.sentences import split_sentences


def make_article(
    article_id: str, text: str, *, title: str = "A title", outlet: str = "Test Wire", day: int = 12
) -> Article:
    return Article(
        id=article_id,
        raw_id=None,
        text=text,
        title=title,
        outlet=outlet,
        published_at=datetime(2022, 5, day, 13, 3, tzinfo=UTC),
        sentences=split_sentences(text),
    )
