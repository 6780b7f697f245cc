"""The stored state of incremental story work: read what a batch can touch, write its update.

Every read is bounded by what one batch reaches (band keys, a window of dates, a few
story ids), through indexes, so it costs the same at any store size. Writes are Core
``executemany`` batches in the caller's transaction: the batch's articles and their
stories commit together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from blocwatch.model import Article, Sentence, Span, Story, SummarySentence
from blocwatch.store import event_clusters, event_counts
from blocwatch.store.schema import (
    ArticleRow,
    CopyBandRow,
    CopyMemberRow,
    SentenceRow,
    StoryMemberRow,
    StoryPendingRow,
    StoryRow,
    StoryStateRow,
    StoryTermRow,
    SummarySentenceRow,
)
from blocwatch.stories.clustering import StoryMember
from blocwatch.stories.copies import CopyMember
from blocwatch.stories.incremental import StoredStory, StoryCounters, StoryUpdate, decode_member

_CHUNK = 500
_ARTICLES: Any = ArticleRow.__table__
"""Core table: an ``executemany`` UPDATE through it is one statement, not ORM bulk logic."""
T = TypeVar("T")


def _chunks(values: Iterable[T]) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def story_columns(story: Story) -> dict[str, Any]:
    """A story's row (times in UTC)."""
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "article_count": len(story.article_ids),
        "copy_groups": story.copy_groups,
    }


def summary_rows(
    story_id: str | None, summary_of: str, sentences: Sequence[SummarySentence]
) -> list[dict[str, Any]]:
    return [
        {
            "article_id": s.evidence.article_id,
            "sentence_index": s.evidence.sentence_index,
            "start": s.evidence.span.start,
            "end": s.evidence.span.end,
            "story_id": story_id,
            "summary_of": summary_of,
            "position": position,
            "text": s.text,
            "supporting_article_ids": list(s.supporting_article_ids),
        }
        for position, s in enumerate(sentences)
    ]


class StoredStoryState:
    """:class:`~blocwatch.stories.incremental.StoryState` over one open transaction."""

    def __init__(self, session: Session, dialect: str) -> None:
        self.session = session
        self.dialect = dialect

    # ------------------------------------------------------------------ reads

    def counters(self) -> StoryCounters:
        row = self.session.get(StoryStateRow, 1)
        if row is None:
            return StoryCounters()
        return StoryCounters(row.documents, row.latest, row.next_copy_key, row.next_arrival)

    def copy_groups_near(
        self, band_keys: Iterable[int], since: datetime | None, until: datetime | None
    ) -> list[CopyMember]:
        """Whole copy groups of the stored articles sharing a band key, dated near.

        The band rows carry their article's date, so with ``since`` and ``until`` a key
        is read through ``(band_key, published)`` for the window and the undated rows
        alone, however many articles of other years share it.
        """
        keys: set[int] = set()
        for chunk in _chunks(band_keys):
            query = select(CopyMemberRow.group_key).join(
                CopyBandRow, CopyBandRow.article_id == CopyMemberRow.article_id
            )
            query = query.where(CopyBandRow.band_key.in_(chunk))
            if since is None or until is None:
                keys.update(self.session.scalars(query.distinct()))
                continue
            for dated in (
                CopyBandRow.published.between(since, until),
                CopyBandRow.published.is_(None),
            ):
                keys.update(self.session.scalars(query.where(dated).distinct()))
        return self._members_of_groups(keys)

    def _members_of_groups(self, keys: set[int]) -> list[CopyMember]:
        members: list[CopyMember] = []
        for chunk in _chunks(sorted(keys)):
            rows = self.session.scalars(
                select(CopyMemberRow).where(CopyMemberRow.group_key.in_(chunk))
            )
            members.extend(
                CopyMember(
                    article_id=row.article_id,
                    group_key=row.group_key,
                    size=row.size,
                    arrival=row.arrival,
                    published=row.published,
                    outlet=row.outlet,
                    origin_agency=tuple(row.origin_agency or ()),
                    signature=np.frombuffer(row.signature, dtype=np.uint32),
                )
                for row in rows
            )
        return sorted(members, key=lambda m: m.arrival)

    def copy_groups_of(self, article_ids: Iterable[str]) -> list[CopyMember]:
        keys: set[int] = set()
        for chunk in _chunks(article_ids):
            keys.update(
                self.session.scalars(
                    select(CopyMemberRow.group_key).where(CopyMemberRow.article_id.in_(chunk))
                )
            )
        return self._members_of_groups(keys)

    def stories_between(self, since: datetime, until: datetime, members: int) -> list[StoredStory]:
        query = select(StoryRow).where(
            StoryRow.last_seen >= since,
            StoryRow.first_seen.is_(None) | (StoryRow.first_seen <= until),
        )
        return self._stored(list(self.session.scalars(query)), members)

    def undated_stories(self, limit: int, members: int) -> list[StoredStory]:
        query = (
            select(StoryRow)
            .where(StoryRow.last_seen.is_(None))
            .order_by(StoryRow.id.desc())
            .limit(limit)
        )
        return self._stored(list(self.session.scalars(query)), members)

    def stories_dated(
        self, days: Iterable[date], since: datetime, members: int
    ) -> list[StoredStory]:
        """Stories with a report whose lead dates its event to one of ``days``."""
        ids: set[str] = set()
        for chunk in _chunks(sorted(days)):
            query = (
                select(StoryRow.id)
                .join(ArticleRow, ArticleRow.story_id == StoryRow.id)
                .join(StoryMemberRow, StoryMemberRow.article_id == ArticleRow.id)
                .where(StoryMemberRow.event_day.in_(chunk), StoryRow.last_seen >= since)
                .distinct()
            )
            ids.update(self.session.scalars(query))
        return self._stories_by_id(ids, members)

    def stories_of(self, article_ids: Iterable[str], members: int) -> list[StoredStory]:
        ids: set[str] = set()
        for chunk in _chunks(article_ids):
            ids.update(
                i
                for i in self.session.scalars(
                    select(ArticleRow.story_id).where(ArticleRow.id.in_(chunk))
                )
                if i is not None
            )
        return self._stories_by_id(ids, members)

    def _stories_by_id(self, ids: set[str], members: int) -> list[StoredStory]:
        rows: list[StoryRow] = []
        for chunk in _chunks(sorted(ids)):
            rows.extend(self.session.scalars(select(StoryRow).where(StoryRow.id.in_(chunk))))
        return self._stored(rows, members)

    def _stored(self, rows: list[StoryRow], newest: int) -> list[StoredStory]:
        """Stories with their articles in arrival order and their newest ``newest``
        compared members: the clusterer compares no more, so a long story's older
        members are neither read nor decoded."""
        articles: dict[str, list[str]] = defaultdict(list)
        compared: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks([row.id for row in rows]):
            query = (
                select(ArticleRow.id, ArticleRow.story_id, StoryMemberRow.compared)
                .outerjoin(StoryMemberRow, StoryMemberRow.article_id == ArticleRow.id)
                .where(ArticleRow.story_id.in_(chunk))
                .order_by(
                    ArticleRow.published_at.asc().nulls_last(),
                    ArticleRow.ingested_at,
                    ArticleRow.id,
                )
            )
            for article_id, story_id, is_compared in self.session.execute(query):
                if story_id is None:
                    continue
                articles[story_id].append(article_id)
                if is_compared:
                    compared[story_id].append(article_id)
        if newest <= 0:
            compared.clear()
        kept = {story_id: ids[-newest:] for story_id, ids in compared.items()}
        members = self._members([a for ids in kept.values() for a in ids])
        return [
            StoredStory(
                Story(
                    id=row.id,
                    title=row.title,
                    article_ids=articles[row.id],
                    first_seen=row.first_seen,
                    last_seen=row.last_seen,
                ),
                [members[a] for a in kept.get(row.id, []) if a in members],
            )
            for row in rows
            if articles[row.id]
        ]

    def _members(self, article_ids: list[str]) -> dict[str, StoryMember]:
        """The stored clusterer members of ``article_ids``, decoded."""
        found: dict[str, StoryMember] = {}
        for chunk in _chunks(article_ids):
            query = select(StoryMemberRow.article_id, StoryMemberRow.features).where(
                StoryMemberRow.article_id.in_(chunk)
            )
            for article_id, blob in self.session.execute(query):
                found[article_id] = decode_member(article_id, blob)
        return found

    def term_frequencies(self, view: str, terms: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(terms):
            query = select(StoryTermRow.term, StoryTermRow.frequency).where(
                StoryTermRow.view == view, StoryTermRow.term.in_(chunk)
            )
            found.update((term, frequency) for term, frequency in self.session.execute(query))
        return found

    def articles_for_summary(self, article_ids: Sequence[str]) -> list[Article]:
        """Articles with their text, title and sentences (what a summary reads)."""
        articles: dict[str, Article] = {}
        for chunk in _chunks(article_ids):
            query = select(ArticleRow.id, ArticleRow.text, ArticleRow.title).where(
                ArticleRow.id.in_(chunk)
            )
            for article_id, text, title in self.session.execute(query):
                articles[article_id] = Article(id=article_id, text=text, title=title)
            sentences = select(SentenceRow).where(SentenceRow.article_id.in_(chunk))
            for s in self.session.scalars(
                sentences.order_by(SentenceRow.article_id, SentenceRow.index)
            ):
                article = articles[s.article_id]
                article.sentences.append(
                    Sentence(
                        s.index, Span(s.start, s.end), article.text[s.start : s.end], s.paragraph
                    )
                )
        return [articles[i] for i in article_ids if i in articles]

    # ------------------------------------------------------------------ writes

    def _upsert(self, table: Any, rows: list[dict[str, Any]], keys: list[str], set_: Any) -> None:
        if not rows:
            return
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        statement = dialect.insert(table)
        statement = statement.on_conflict_do_update(index_elements=keys, set_=set_(statement))
        for chunk in _chunks(rows):
            self.session.execute(statement, chunk)

    def apply(self, update_: StoryUpdate) -> None:
        """Write one batch's story update (see :class:`StoryUpdate`)."""
        session = self.session
        if update_.members:
            session.execute(
                insert(StoryMemberRow),
                [
                    {
                        "article_id": article_id,
                        "event_day": day,
                        "compared": article_id in update_.compared,
                        "features": blob,
                    }
                    for article_id, (day, blob) in update_.members.items()
                ],
            )
        for view, counts in (("w", update_.word_frequencies), ("n", update_.name_frequencies)):
            self._upsert(
                StoryTermRow.__table__,
                [{"view": view, "term": t, "frequency": n} for t, n in sorted(counts.items())],
                ["view", "term"],
                lambda s: {"frequency": StoryTermRow.__table__.c.frequency + s.excluded.frequency},
            )
        self._write_copy_members(update_)
        self.write_copy_of(update_)
        self.write_stories(update_)
        ids = list(update_.members)
        for chunk in _chunks(ids):
            session.execute(delete(StoryPendingRow).where(StoryPendingRow.article_id.in_(chunk)))
        counters = update_.counters
        self._upsert(
            StoryStateRow.__table__,
            [
                {
                    "id": 1,
                    "documents": counters.documents,
                    "latest": counters.latest,
                    "next_copy_key": counters.next_copy_key,
                    "next_arrival": counters.next_arrival,
                }
            ],
            ["id"],
            lambda s: {
                name: getattr(s.excluded, name)
                for name in ("documents", "latest", "next_copy_key", "next_arrival")
            },
        )

    def _write_copy_members(self, update_: StoryUpdate) -> None:
        session = self.session
        moved = [m.article_id for m in update_.copy_members]
        for chunk in _chunks(moved):
            session.execute(delete(CopyMemberRow).where(CopyMemberRow.article_id.in_(chunk)))
        if update_.copy_members:
            session.execute(
                insert(CopyMemberRow),
                [
                    {
                        "article_id": m.article_id,
                        "group_key": m.group_key,
                        "size": m.size,
                        "arrival": m.arrival,
                        "published": m.published,
                        "outlet": m.outlet,
                        "origin_agency": list(m.origin_agency),
                        "signature": np.asarray(m.signature, dtype=np.uint32).tobytes(),
                    }
                    for m in update_.copy_members
                ],
            )
        if update_.band_keys:
            rows = [
                {"band_key": key, "article_id": a, "published": published}
                for key, a, published in sorted(set(update_.band_keys), key=lambda r: r[:2])
            ]
            for band_rows in _chunks(rows):
                session.execute(insert(CopyBandRow), band_rows)

    def write_copy_of(self, update_: StoryUpdate) -> None:
        """``copy_of`` of the articles whose copy group changed, and the event clusters
        they report summed up again (a copy is one report with its original)."""
        if update_.copy_of:
            self.session.execute(
                update(_ARTICLES)
                .where(_ARTICLES.c.id == bindparam("b_id"))
                .values(copy_of=bindparam("b_copy_of")),
                [{"b_id": a, "b_copy_of": c} for a, c in sorted(update_.copy_of.items())],
            )
            event_clusters.refresh_articles(self.session, update_.copy_of)
            event_counts.mark_articles(self.session, update_.copy_of)

    def write_stories(self, update_: StoryUpdate) -> None:
        session = self.session
        gone = [*update_.deleted_stories, *(s.id for s in update_.stories)]
        for chunk in _chunks(gone):
            session.execute(
                delete(SummarySentenceRow).where(SummarySentenceRow.story_id.in_(chunk))
            )
            session.execute(delete(StoryRow).where(StoryRow.id.in_(chunk)))
        if update_.stories:
            session.execute(insert(StoryRow), [story_columns(s) for s in update_.stories])
        summaries = [row for s in update_.stories for row in summary_rows(s.id, s.id, s.summary)]
        summaries.extend(
            row
            for article_id, sentences in update_.article_summaries.items()
            for row in summary_rows(None, article_id, sentences)
        )
        for summary_chunk in _chunks(summaries):
            session.execute(insert(SummarySentenceRow), summary_chunk)
        if update_.story_of:
            session.execute(
                update(_ARTICLES)
                .where(_ARTICLES.c.id == bindparam("b_id"))
                .values(story_id=bindparam("b_story")),
                [{"b_id": a, "b_story": s} for a, s in sorted(update_.story_of.items())],
            )
            event_counts.mark_articles(session, update_.story_of)

    # ------------------------------------------------------------------ pending work

    def mark_pending(self, article_ids: Iterable[str]) -> None:
        for chunk in _chunks(article_ids):
            self.session.execute(insert(StoryPendingRow), [{"article_id": a} for a in chunk])

    def pending_count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(StoryPendingRow)) or 0
