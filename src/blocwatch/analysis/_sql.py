"""SQL pieces the analyses share: which statuses count by default, and a fact's sentence.

Relations and alignment count event clusters (:mod:`blocwatch.store.cluster_reads`); by
default only events that happened count, and negated ones never do.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func

from blocwatch.model import EventStatus
from blocwatch.store.schema import ArticleRow, SentenceRow

DEFAULT_STATUSES: tuple[EventStatus, ...] = (EventStatus.HAPPENED,)


def sentence_text(fallback_start: Any, fallback_end: Any) -> ColumnElement[str]:
    """The sentence holding a fact (outer-join :class:`SentenceRow`); the fact's own words
    when the sentence was not stored."""
    return case(
        (
            SentenceRow.start.is_not(None),
            func.substr(
                ArticleRow.text, SentenceRow.start + 1, SentenceRow.end - SentenceRow.start
            ),
        ),
        else_=func.substr(ArticleRow.text, fallback_start + 1, fallback_end - fallback_start),
    )


def sentence_of(article_id: Any, sentence_index: Any) -> ColumnElement[bool]:
    """The join condition from a fact to its sentence."""
    return and_(SentenceRow.article_id == article_id, SentenceRow.index == sentence_index)
