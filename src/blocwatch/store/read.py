"""Rows back into model records: an article with its facts, an event, an article's summary.

One conversion per record, shared by every reader (the store's own methods, search, the
read models, the alert scanner), so a field added to a record is read back in one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from blocwatch.model import (
    ActorKind,
    Article,
    DatePrecision,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Mention,
    Quote,
    QuoteKind,
    Sector,
    Sentence,
    Span,
    TimeExpression,
)
from blocwatch.nlp.languages import support
from blocwatch.store import keyset
from blocwatch.store.schema import (
    ArticleRow,
    EventRow,
    MentionRow,
    QuoteRow,
    SentenceRow,
    TimeRow,
)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as listed: enough to show a row, without its text or facts."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None
    published_local: str | None
    language: str | None
    origin_agency: tuple[str, ...]
    story_id: str | None
    copy_of: str | None
    read_as: str
    """Which language the facts were read in and which stages ran, or why none were."""


SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.outlet,
    ArticleRow.url,
    ArticleRow.published_at,
    ArticleRow.published_local,
    ArticleRow.language,
    ArticleRow.origin_agency,
    ArticleRow.story_id,
    ArticleRow.copy_of,
)
"""The columns :func:`summary_of` reads: select these to list articles without their text."""


ARTICLE_ORDER = (
    keyset.SortKey(ArticleRow.published_at, descending=True, nulls_last=True, moment=True),
    keyset.SortKey(ArticleRow.id),
)
"""Newest first: the order of article lists, and of their cursors."""


def article_cursor(summary: ArticleSummary) -> str:
    """The cursor of the page that follows this article."""
    return keyset.encode([summary.published_at, summary.id])


def summary_of(row: Any) -> ArticleSummary:
    """The summary of an :class:`ArticleRow`, or of a result row holding its summary columns."""
    return ArticleSummary(
        row.id,
        row.title,
        row.outlet,
        row.url,
        row.published_at,
        row.published_local,
        row.language,
        tuple(row.origin_agency or ()),
        row.story_id,
        row.copy_of,
        support(row.language).note,
    )


def _evidence(article_id: str, text: str, sentence_index: int, start: int, end: int) -> Evidence:
    return Evidence(article_id, sentence_index, Span(start, end), text[start:end])


def _event_actor(row: EventRow, prefix: str) -> EventActor | None:
    name = getattr(row, f"{prefix}_name")
    if name is None:
        return None
    sector = getattr(row, f"{prefix}_sector", None)
    return EventActor(
        getattr(row, f"{prefix}_actor_id"),
        name,
        getattr(row, f"{prefix}_code"),
        Sector(sector) if sector else None,
    )


def event_of(row: EventRow, text: str) -> Event:
    """The event a row holds; ``text`` is its article's text (for the evidence)."""
    return Event(
        type=row.type,
        source=_event_actor(row, "source"),
        target=_event_actor(row, "target"),
        evidence=_evidence(row.article_id, text, row.sentence_index, row.start, row.end),
        mode=row.mode,
        cameo=row.cameo,
        goldstein=row.goldstein,
        quad_class=row.quad_class,
        date=row.date,
        place=row.place,
        status=EventStatus(row.status),
        claimed_by=_event_actor(row, "claimed_by"),
        confidence=row.confidence,
    )


def article_of(row: ArticleRow) -> Article:
    """The article without its facts (its publication time in the outlet's own zone)."""
    published = None
    if row.published_local:
        published = datetime.fromisoformat(row.published_local)
    return Article(
        id=row.id,
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published_at=published,
        published_source=row.published_source,
        published_confidence=row.published_confidence,
        language=row.language,
        origin_agency=list(row.origin_agency or ()),
        raw_path=row.raw_path,
        raw_id=row.raw_id,
        tone=row.tone,
    )


def load_articles(session: Session, rows: Sequence[ArticleRow]) -> list[Article]:
    """Articles with all their facts: one query per kind of fact for the whole batch."""
    articles = {row.id: article_of(row) for row in rows}
    texts = {row.id: row.text for row in rows}
    ids = list(articles)

    def facts(table: Any, order: Any) -> Iterator[Any]:
        query = select(table).where(table.article_id.in_(ids)).order_by(table.article_id, order)
        yield from session.scalars(query)

    def evidence(fact: Any) -> Evidence:
        return _evidence(
            fact.article_id, texts[fact.article_id], fact.sentence_index, fact.start, fact.end
        )

    for s in facts(SentenceRow, SentenceRow.index):
        text = texts[s.article_id]
        articles[s.article_id].sentences.append(
            Sentence(s.index, Span(s.start, s.end), text[s.start : s.end], s.paragraph, s.tone)
        )
    for m in facts(MentionRow, MentionRow.start):
        articles[m.article_id].mentions.append(
            Mention(
                actor_id=m.actor_id,
                name=m.name,
                kind=ActorKind(m.kind),
                evidence=evidence(m),
                country=m.country,
                role=m.role,
                role_start=m.role_start,
                role_end=m.role_end,
                claim=m.claim,
            )
        )
    for t in facts(TimeRow, TimeRow.start):
        articles[t.article_id].times.append(
            TimeExpression(t.text, t.value, DatePrecision(t.precision), evidence(t), t.anchor)
        )
    for q in facts(QuoteRow, QuoteRow.start):
        articles[q.article_id].quotes.append(
            Quote(
                q.speaker,
                q.speaker_actor_id,
                q.cue,
                q.text,
                QuoteKind(q.kind),
                evidence(q),
                q.confidence,
            )
        )
    for e in facts(EventRow, EventRow.start):
        articles[e.article_id].events.append(event_of(e, texts[e.article_id]))
    return [articles[row.id] for row in rows]
