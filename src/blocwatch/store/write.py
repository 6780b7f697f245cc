"""Rows ready to insert, and bulk inserts of them (SQLAlchemy Core ``executemany``).

:func:`article_rows` turns an analysed article into plain dicts, one list per table; it
needs no database, so a worker process can do it and hand the main process rows that
go straight into ``INSERT`` statements: one statement per table per batch, no ORM
objects, no flush per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from blocwatch.model import (
    Article,
    Event,
    EventActor,
    Evidence,
    Mention,
    Quote,
    Sentence,
    TimeExpression,
)
from blocwatch.sanitize import safe_text
from blocwatch.store.schema import (
    ArticleRow,
    EventRow,
    MentionRow,
    QuoteRow,
    SentenceRow,
    TimeRow,
)

_INSERT_CHUNK = 1000
_TABLES = ("articles", "sentences", "mentions", "times", "quotes", "events")


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "article_id": evidence.article_id,
        "sentence_index": evidence.sentence_index,
        "start": evidence.span.start,
        "end": evidence.span.end,
    }


def _actor(prefix: str, actor: EventActor | None) -> dict[str, Any]:
    return {
        f"{prefix}_actor_id": actor.actor_id if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_code": actor.code if actor else None,
    }


@dataclass(slots=True)
class ArticleRows:
    """The rows of one or more articles, per table, in insert order."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    safe: bool = False
    """Whether every text in the rows has been made safe (see :func:`safe_rows`)."""

    def extend(self, other: ArticleRows) -> None:
        for name in _TABLES:
            getattr(self, name).extend(getattr(other, name))
        self.safe = self.safe and other.safe

    def stamp(self, ingested_at: datetime) -> None:
        """Set the time the articles are stored (rows made in a worker carry its time)."""
        for row in self.articles:
            row["ingested_at"] = ingested_at

    def tables(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (ArticleRow.__table__, self.articles),  # type: ignore[list-item]
            (SentenceRow.__table__, self.sentences),  # type: ignore[list-item]
            (MentionRow.__table__, self.mentions),  # type: ignore[list-item]
            (TimeRow.__table__, self.times),  # type: ignore[list-item]
            (QuoteRow.__table__, self.quotes),  # type: ignore[list-item]
            (EventRow.__table__, self.events),  # type: ignore[list-item]
        ]


def article_rows(article: Article, ingested_at: datetime | None = None) -> ArticleRows:
    """Every row one article and its facts take, as plain dicts (no database needed)."""
    return ArticleRows(
        articles=[_article_row(article, ingested_at or datetime.now(UTC))],
        sentences=[_sentence_row(article.id, s) for s in article.sentences],
        mentions=[_mention_row(m) for m in article.mentions],
        times=[_time_row(t) for t in article.times],
        quotes=[_quote_row(q) for q in article.quotes],
        events=[_event_row(e) for e in article.events],
    )


def _article_row(article: Article, ingested_at: datetime) -> dict[str, Any]:
    """The article's own row. The publication time is kept twice: in UTC for ordering,
    and as the page gave it (``published_local``, with its offset), so the day in the
    outlet's own time zone can be read back; story and copy links are set later, when
    stories are grouped."""
    published = article.published_at
    return {
        "id": article.id,
        "raw_id": article.raw_id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published_at": published,
        "published_local": published.isoformat() if published else None,
        "published_source": article.published_source,
        "published_confidence": article.published_confidence,
        "language": article.language,
        "origin_agency": list(article.origin_agency),
        "text": article.text,
        "raw_path": article.raw_path,
        "ingested_at": ingested_at,
        "story_id": None,
        "copy_of": None,
        "tone": article.tone,
    }


def _sentence_row(article_id: str, s: Sentence) -> dict[str, Any]:
    """A sentence is stored as its span of the article's text, not as a copy of it."""
    return {
        "article_id": article_id,
        "index": s.index,
        "start": s.span.start,
        "end": s.span.end,
        "paragraph": s.paragraph,
        "tone": s.tone,
    }


def _mention_row(m: Mention) -> dict[str, Any]:
    """A mention with its evidence; enum fields are stored as their names."""
    return {
        **_evidence(m.evidence),
        "actor_id": m.actor_id,
        "name": m.name,
        "kind": str(m.kind),
        "country": m.country,
        "role": m.role,
        "role_start": m.role_start,
        "role_end": m.role_end,
        "claim": m.claim,
    }


def _time_row(t: TimeExpression) -> dict[str, Any]:
    """A date named in the text, with its resolved value and the anchor it was read from."""
    return {
        **_evidence(t.evidence),
        "text": t.text,
        "value": t.value,
        "precision": str(t.precision),
        "anchor": t.anchor,
    }


def _quote_row(q: Quote) -> dict[str, Any]:
    """A quote with its speaker as written and, when resolved, as a dictionary actor."""
    return {
        **_evidence(q.evidence),
        "speaker": q.speaker,
        "speaker_actor_id": q.speaker_actor_id,
        "cue": q.cue,
        "text": q.text,
        "kind": str(q.kind),
        "confidence": q.confidence,
    }


def _event_row(e: Event) -> dict[str, Any]:
    """An event flattened to one row: each side (source, target, who claims it) becomes
    id, name and code columns, and the source's and target's sectors columns of their
    own."""
    return {
        **_evidence(e.evidence),
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        **_actor("source", e.source),
        **_actor("target", e.target),
        "date": e.date,
        "place": e.place,
        "status": str(e.status),
        **_actor("claimed_by", e.claimed_by),
        "source_sector": e.source.sector if e.source else None,
        "target_sector": e.target.sector if e.target else None,
        "confidence": e.confidence,
    }


def rows_of(articles: Iterable[Article], ingested_at: datetime | None = None) -> ArticleRows:
    rows = ArticleRows()
    for article in articles:
        rows.extend(article_rows(article, ingested_at))
    return rows


def _safe(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with every text made safe for the database (see :mod:`blocwatch.sanitize`)."""
    for key, value in row.items():
        if isinstance(value, str):
            row[key] = safe_text(value)
        elif isinstance(value, list) and any(isinstance(v, str) for v in value):
            row[key] = [safe_text(v) if isinstance(v, str) else v for v in value]
    return row


def safe_rows(rows: ArticleRows) -> ArticleRows:
    """``rows`` with every text made safe for the database (in place): one NUL or lone
    surrogate must not fail a batch. A worker does this before it hands rows back."""
    for _table, values in rows.tables():
        for row in values:
            _safe(row)
    rows.safe = True
    return rows


def insert_rows(session: Session, rows: ArticleRows) -> None:
    """One ``executemany`` per table (in chunks, so a huge batch stays a few statements).

    Texts are made safe first unless they were already (:func:`safe_rows`).
    """
    if not rows.safe:
        safe_rows(rows)
    for table, values in rows.tables():
        for start in range(0, len(values), _INSERT_CHUNK):
            session.execute(insert(table), values[start : start + _INSERT_CHUNK])


def keep_only(rows: ArticleRows, article_ids: Sequence[str]) -> ArticleRows:
    """The rows of the articles ``article_ids`` among ``rows``."""
    wanted = set(article_ids)
    kept = ArticleRows(safe=rows.safe)
    for name in _TABLES:
        key = "id" if name == "articles" else "article_id"
        getattr(kept, name).extend(r for r in getattr(rows, name) if r[key] in wanted)
    return kept
