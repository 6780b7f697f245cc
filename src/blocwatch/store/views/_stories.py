"""The story pages' read models: story cards and details, and an article's context."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from blocwatch.model import CopyGroup, ReportNote
from blocwatch.store import keyset
from blocwatch.store.cache import cached_read
from blocwatch.store.explorer import EventView, event_views
from blocwatch.store.read import ArticleSummary
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventRow, QuoteRow, StoryRow, SummarySentenceRow
from blocwatch.store.views._common import QuoteView, quote_views, summaries


@dataclass(frozen=True, slots=True)
class Citation:
    """A summary sentence and the sentence of the article it was taken from."""

    text: str
    article_id: str
    sentence_index: int
    supporting_article_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryCard:
    id: str
    title: str
    first_seen: datetime | None
    last_seen: datetime | None
    article_count: int
    copy_count: int
    outlets: tuple[str, ...]
    summary: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class CopyGroupView:
    """A copy group with its articles as listed (``None`` or left out where one is gone)."""

    group: CopyGroup
    canonical: ArticleSummary | None
    copies: tuple[ArticleSummary, ...]


def fold_mirrors(
    events: Iterable[tuple[str, str | None, str | None]],
) -> tuple[tuple[str, str, str], ...]:
    """(type, source, target) once per type and pair of actors: "A met B" and "B met A" are one."""
    pairs: dict[tuple[str, frozenset[str]], tuple[str, str, str]] = {}
    for kind, source, target in events:
        ends = (source or "—", target or "—")
        pairs.setdefault((kind, frozenset(ends)), (kind, *ends))
    return tuple(pairs.values())


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated sentence of a story and the events read from it.

    Mirror events (A met B, B met A) are one ``pairs`` entry: ``"CONSULT", "A", "B"``.
    """

    when: str
    dated: bool
    """False when the day is the article's publication day, not a date the text gives."""
    article_id: str
    sentence_index: int
    evidence: str
    pairs: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    card: StoryCard
    articles: tuple[ArticleSummary, ...]
    copy_groups: tuple[CopyGroupView, ...]
    quotes: tuple[QuoteView, ...]
    events: tuple[EventView, ...]

    @property
    def timeline(self) -> list[EventView]:
        dated = [e for e in self.events if e.when]
        return sorted(dated, key=lambda e: (e.when or "", e.id))

    @property
    def timeline_entries(self) -> list[TimelineEntry]:
        grouped: dict[tuple[str, str, int], list[EventView]] = {}
        for event in self.timeline:
            key = (event.when or "", event.article_id, event.sentence_index)
            grouped.setdefault(key, []).append(event)
        entries = []
        for (when, article_id, sentence_index), events in grouped.items():
            entries.append(
                TimelineEntry(
                    when,
                    any(e.date for e in events),
                    article_id,
                    sentence_index,
                    max((e.evidence for e in events), key=len),
                    fold_mirrors((e.type, e.source_name, e.target_name) for e in events),
                )
            )
        return entries


def _citations(session: Session, story_ids: Sequence[str]) -> dict[str, list[Citation]]:
    found: dict[str, list[Citation]] = defaultdict(list)
    if not story_ids:
        return found
    rows = session.scalars(
        select(SummarySentenceRow)
        .where(SummarySentenceRow.story_id.in_(story_ids))
        .order_by(SummarySentenceRow.story_id, SummarySentenceRow.position)
    )
    for row in rows:
        if row.story_id is None:
            continue
        found[row.story_id].append(
            Citation(
                row.text,
                row.article_id,
                row.sentence_index,
                tuple(row.supporting_article_ids or ()),
            )
        )
    return found


def _outlets(session: Session, story_ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    if not story_ids:
        return found
    rows = session.execute(
        select(ArticleRow.story_id, ArticleRow.outlet, func.count())
        .where(ArticleRow.story_id.in_(story_ids), ArticleRow.outlet.is_not(None))
        .group_by(ArticleRow.story_id, ArticleRow.outlet)
        .order_by(ArticleRow.story_id, func.count().desc(), ArticleRow.outlet)
    )
    for story_id, outlet, _count in rows:
        if story_id is not None and outlet is not None:
            found[story_id].append(outlet)
    return found


def _cards(session: Session, rows: Sequence[StoryRow]) -> list[StoryCard]:
    ids = [row.id for row in rows]
    citations = _citations(session, ids)
    outlets = _outlets(session, ids)
    return [
        StoryCard(
            row.id,
            row.title,
            row.first_seen,
            row.last_seen,
            row.article_count,
            sum(len(group.copy_ids) for group in row.copy_groups),
            tuple(outlets.get(row.id, ())),
            tuple(citations.get(row.id, ())),
        )
        for row in rows
    ]


STORY_ORDER = (
    keyset.SortKey(StoryRow.last_seen, descending=True, nulls_last=True, moment=True),
    keyset.SortKey(StoryRow.id),
)
"""Latest first: the order of story lists, and of their cursors."""


@cached_read
def latest_stories(
    store: Store, *, limit: int = 10, offset: int = 0, after: str | None = None
) -> list[StoryCard]:
    """A page of stories, latest first: ``offset`` rows on, or after the row whose cursor
    (:func:`story_cursor`) is ``after`` (the same cost on every page)."""
    query = select(StoryRow).order_by(*keyset.order_by(STORY_ORDER)).limit(limit)
    if after is not None:
        query = query.where(keyset.after(STORY_ORDER, keyset.decode(after, STORY_ORDER)))
    with store.session() as session:
        rows = session.scalars(query.offset(offset)).all()
        return _cards(session, rows)


def story_cursor(card: StoryCard) -> str:
    """The cursor of the page that follows this story."""
    return keyset.encode([card.last_seen, card.id])


@cached_read
def count_stories(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(StoryRow)) or 0


@cached_read
def latest_articles(store: Store, *, limit: int = 20) -> list[ArticleSummary]:
    with store.session() as session:
        return summaries(session, ArticleRow.copy_of.is_(None), limit=limit)


@cached_read
def story_detail(store: Store, story_id: str) -> StoryDetail | None:
    with store.session() as session:
        row = session.get(StoryRow, story_id)
        if row is None:
            return None
        [card] = _cards(session, [row])
        articles = summaries(session, ArticleRow.story_id == story_id)
        by_id = {a.id: a for a in articles}
        groups = tuple(
            CopyGroupView(
                g, by_id.get(g.canonical_id), tuple(by_id[c] for c in g.copy_ids if c in by_id)
            )
            for g in row.copy_groups
        )
        # A syndicated copy repeats its original's quotes and events: they are shown once.
        reports = [a.id for a in articles if a.copy_of is None]
        quotes = quote_views(session, QuoteRow.article_id.in_(reports), limit=200)
        events = event_views(session, EventRow.article_id.in_(reports), limit=300)
        return StoryDetail(card, tuple(articles), groups, tuple(quotes), tuple(events))


NOTED_REPORTS = 30
"""A story page says what each of its first reports adds, up to this many reports."""


def report_notes(store: Store, story: StoryDetail) -> list[ReportNote]:
    """What each original report of ``story`` adds (copies repeat their original)."""
    originals = tuple(a.id for a in story.articles if a.copy_of is None)[:NOTED_REPORTS]
    return _notes_of_reports(store, originals)


@cached_read
def _notes_of_reports(store: Store, article_ids: tuple[str, ...]) -> list[ReportNote]:
    """The notes of these reports, in order; each is read whole, so the notes are kept."""
    from blocwatch.stories import report_notes as notes_of

    articles = [article for i in article_ids if (article := store.get_article(i)) is not None]
    return notes_of(articles)


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What surrounds an article: its story, and the other copies of the same text."""

    story_id: str | None
    story_title: str | None
    canonical_id: str | None
    copies: tuple[ArticleSummary, ...]


def article_context(store: Store, summary: ArticleSummary) -> ArticleContext:
    with store.session() as session:
        story_title = None
        copies: list[ArticleSummary] = []
        canonical = summary.copy_of or summary.id
        if summary.story_id is not None:
            story_title = session.scalar(
                select(StoryRow.title).where(StoryRow.id == summary.story_id)
            )
            copies = summaries(
                session,
                (ArticleRow.story_id == summary.story_id)
                & or_(ArticleRow.copy_of == canonical, ArticleRow.id == canonical)
                & (ArticleRow.id != summary.id),
            )
        return ArticleContext(
            summary.story_id,
            story_title,
            summary.copy_of,
            tuple(copies),
        )
