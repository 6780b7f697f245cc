"""Database tables (SQLAlchemy 2 declarative). Alembic migrations in ``migrations/`` build them.

Facts keep their evidence as columns (``sentence_index``, ``start``, ``end``) that index the
article's stored ``text``, so every row can be shown next to the words that support it.
Times are stored twice: ``published_at`` in UTC for sorting and filtering, and
``published_local`` as the ISO 8601 text with the page's own offset, for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from pydantic import TypeAdapter
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from blocwatch.model import CopyGroup, Role


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, stored in UTC and always read back aware, in UTC, on every database.

    SQLite keeps no offset (it hands back naive times) and PostgreSQL answers in the
    session's zone; this one column type makes both give the same value, so no reader
    converts. A naive time written is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Records(TypeDecorator[list[Any]]):
    """A list of model records (copy groups, roles): JSON in the row, records in Python.

    Readers get the records back, never dicts to index by string keys; the JSON is the
    record's own fields, so the row and the record cannot drift apart.
    """

    impl = JSON
    cache_ok = True

    def __init__(self, record: type) -> None:
        super().__init__()
        self.record = record
        self._adapter: TypeAdapter[list[Any]] = TypeAdapter(list[record])  # type: ignore[valid-type]

    def process_bind_param(self, value: Sequence[Any] | None, dialect: Dialect) -> Any:
        return self._adapter.dump_python(list(value or ()), mode="json")

    def process_result_value(self, value: Any, dialect: Dialect) -> list[Any]:
        return self._adapter.validate_python(value or [])


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class RawDocumentRow(Base):
    __tablename__ = "raw_documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(32))
    url: Mapped[str | None] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    ingested_at: Mapped[datetime] = mapped_column(UtcDateTime())


POSTGRESQL_INDEXES = (
    "ix_articles_newest",
    "ix_articles_originals",
    "ix_articles_summary",
    "ix_actor_articles_newest",
)
"""Indexes that only PostgreSQL has: lists' newest-first order, nulls last, which SQLite's
plain index already gives (migration 0015); the reports that are not copies in that order,
and articles by id with the columns a search's overview groups by (0020); an actor's
articles newest first, nulls last, as a search without words lists them (0021)."""


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_published_at", "published_at"),
        Index("ix_articles_outlet", "outlet"),
        Index("ix_articles_story_id", "story_id"),
        Index("ix_articles_copy_of", "copy_of"),
        Index("ix_articles_tone", "tone"),
    )

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    raw_id: Mapped[str | None] = mapped_column(ForeignKey("raw_documents.id"))
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    published_local: Mapped[str | None] = mapped_column(String(40))
    published_source: Mapped[str | None] = mapped_column(String(60))
    published_confidence: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(12))
    origin_agency: Mapped[list[Any]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text)
    raw_path: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    story_id: Mapped[str | None] = mapped_column(String(40))
    copy_of: Mapped[str | None] = mapped_column(String(16))
    tone: Mapped[float | None] = mapped_column(Float)
    """Mean VADER compound score of the sentences (English articles only)."""


class SentenceRow(Base):
    __tablename__ = "sentences"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer, default=0)
    tone: Mapped[float | None] = mapped_column(Float)


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(120))
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    roles: Mapped[list[Role]] = mapped_column(Records(Role), default=list)


class _EvidenceColumns:
    """Article, sentence and character span: where a fact is stated."""

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class MentionRow(_EvidenceColumns, Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_actor_sentence", "actor_id", "article_id", "sentence_index"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(Text)
    role_start: Mapped[date | None] = mapped_column(Date)
    role_end: Mapped[date | None] = mapped_column(Date)
    claim: Mapped[bool] = mapped_column(Boolean, default=False)


class TimeRow(_EvidenceColumns, Base):
    __tablename__ = "times"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(String(60))
    precision: Mapped[str] = mapped_column(String(20))
    anchor: Mapped[str | None] = mapped_column(String(80))


class QuoteRow(_EvidenceColumns, Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_speaker_article", "speaker_actor_id", "article_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_actor_id: Mapped[str | None] = mapped_column(String(120))
    cue: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")


class EventRow(_EvidenceColumns, Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_source_code", "source_code"),
        Index("ix_events_target_code", "target_code"),
        Index("ix_events_source_actor_article", "source_actor_id", "article_id", "id"),
        Index("ix_events_target_actor_article", "target_actor_id", "article_id", "id"),
        Index("ix_events_type_article", "type", "article_id"),
        Index("ix_events_article_type", "article_id", "type"),
        Index("ix_events_date", "date"),
        Index("ix_events_pair", "status", "source_code", "target_code", "quad_class", "goldstein"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str | None] = mapped_column(String(40))
    cameo: Mapped[str | None] = mapped_column(String(8))
    goldstein: Mapped[float | None] = mapped_column(Float)
    quad_class: Mapped[int | None] = mapped_column(Integer)
    source_actor_id: Mapped[str | None] = mapped_column(String(120))
    source_name: Mapped[str | None] = mapped_column(Text)
    source_code: Mapped[str | None] = mapped_column(String(120))
    target_actor_id: Mapped[str | None] = mapped_column(String(120))
    target_name: Mapped[str | None] = mapped_column(Text)
    target_code: Mapped[str | None] = mapped_column(String(120))
    date: Mapped[str | None] = mapped_column(String(60))
    place: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    claimed_by_actor_id: Mapped[str | None] = mapped_column(String(120))
    claimed_by_name: Mapped[str | None] = mapped_column(Text)
    claimed_by_code: Mapped[str | None] = mapped_column(String(120))
    source_sector: Mapped[str | None] = mapped_column(String(20))
    target_sector: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_seen: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    copy_groups: Mapped[list[CopyGroup]] = mapped_column(Records(CopyGroup), default=list)


class SummarySentenceRow(_EvidenceColumns, Base):
    """A summary sentence of an article (``story_id`` null) or of a story."""

    __tablename__ = "summary_sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    story_id: Mapped[str | None] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    summary_of: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    supporting_article_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)


class RejectionRow(Base):
    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    step: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


# ---------------------------------------------------------------- story state
# What incremental story work keeps between runs (see ``store/story_state.py``): the
# clusterer's view of each article, the copy index, the document frequencies, and the
# articles still waiting to be grouped.


class StoryStateRow(Base):
    """One row: the collection's counters (documents seen, window edge, next keys)."""

    __tablename__ = "story_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    latest: Mapped[datetime | None] = mapped_column(UtcDateTime())
    next_copy_key: Mapped[int] = mapped_column(Integer, default=0)
    next_arrival: Mapped[int] = mapped_column(Integer, default=0)


class StoryMemberRow(Base):
    """What the clusterer compares of one article (zlib-compressed JSON)."""

    __tablename__ = "story_members"
    __table_args__ = (Index("ix_story_members_event_day", "event_day"),)

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    event_day: Mapped[date | None] = mapped_column(Date)
    compared: Mapped[bool] = mapped_column(Boolean, default=True)
    """False for a syndicated copy: it joined its original's story without comparison."""
    features: Mapped[bytes] = mapped_column(LargeBinary)


class StoryTermRow(Base):
    """Document frequency of a term in the words (``w``) or particulars (``n``) view."""

    __tablename__ = "story_terms"

    view: Mapped[str] = mapped_column(String(1), primary_key=True)
    term: Mapped[str] = mapped_column(Text, primary_key=True)
    frequency: Mapped[int] = mapped_column(Integer, default=0)


class CopyMemberRow(Base):
    """One article in the copy index: its MinHash signature and its copy group."""

    __tablename__ = "copy_members"
    __table_args__ = (Index("ix_copy_members_group_key", "group_key"),)

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    group_key: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    arrival: Mapped[int] = mapped_column(Integer)
    published: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outlet: Mapped[str | None] = mapped_column(String(200))
    origin_agency: Mapped[list[Any]] = mapped_column(JSON, default=list)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class CopyBandRow(Base):
    """An LSH band key of an article's signature: articles sharing one are candidates."""

    __tablename__ = "copy_bands"
    __table_args__ = (Index("ix_copy_bands_band_key_published", "band_key", "published"),)

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    published: Mapped[datetime | None] = mapped_column(UtcDateTime())
    """The article's publication time, so a band is looked up within a window of dates."""


class StoryPendingRow(Base):
    """An article not grouped yet (a rebuild in progress, or a run told not to group)."""

    __tablename__ = "story_pending"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


# ---------------------------------------------------------------- event clusters
# One row per real-world event (see ``stories/event_clusters.py``): the event mentions that
# report it are its members. Kept up to date at ingest, in the batch's transaction.


class EventClusterRow(Base):
    """A real-world event: its key, its day, and what its reports add up to."""

    __tablename__ = "event_clusters"
    __table_args__ = (
        Index("ix_event_clusters_pair", "source_code", "target_code", "day"),
        Index("ix_event_clusters_target", "target_code", "day"),
        Index("ix_event_clusters_day", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    source_code: Mapped[str] = mapped_column(String(120))
    target_code: Mapped[str | None] = mapped_column(String(120))
    symmetric: Mapped[bool] = mapped_column(Boolean, default=False)
    """A mutual act (a meeting, an agreement): source and target sorted, no direction."""
    day: Mapped[date | None] = mapped_column(Date)
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    """The days every member's date allows: a newcomer must fall in them to join."""
    place: Mapped[str | None] = mapped_column(Text)
    cameo: Mapped[str | None] = mapped_column(String(8))
    goldstein: Mapped[float | None] = mapped_column(Float)
    quad_class: Mapped[int | None] = mapped_column(Integer)
    reports: Mapped[int] = mapped_column(Integer, default=0)
    """Articles reporting it, syndicated copies included."""
    sources: Mapped[int] = mapped_column(Integer, default=0)
    """Independent reports: a syndicated copy and its original are one."""
    outlets: Mapped[list[Any]] = mapped_column(JSON, default=list)
    """The outlets of the independent reports (a copy counts for its original's outlet)."""


class EventClusterMemberRow(Base):
    """An event mention and the cluster it reports."""

    __tablename__ = "event_cluster_members"
    __table_args__ = (Index("ix_event_cluster_members_cluster_event", "cluster_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[int] = mapped_column(ForeignKey("event_clusters.id", ondelete="CASCADE"))
    article_id: Mapped[str] = mapped_column(String(16), index=True)


class EventClusterStateRow(Base):
    """One row: whether every stored event is clustered, and at which confidence floor."""

    __tablename__ = "event_cluster_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
    min_confidence: Mapped[float] = mapped_column(Float, default=0.5)
    periods_complete: Mapped[bool] = mapped_column(Boolean, default=True)
    """Whether ``relation_periods`` holds every cluster (else pages count the clusters)."""


class RelationPeriodRow(Base):
    """The counted clusters between two actors (``a < b``) in one week or month, one status.

    Kept in the transaction that changes the clusters (``store/relation_periods.py``), so a
    relation or alignment chart reads a few hundred rows, not every cluster.
    """

    __tablename__ = "relation_periods"
    __table_args__ = (Index("ix_relation_periods_b", "granularity", "b", "a", "start"),)

    granularity: Mapped[str] = mapped_column(String(8), primary_key=True)
    a: Mapped[str] = mapped_column(String(120), primary_key=True)
    b: Mapped[str] = mapped_column(String(120), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    start: Mapped[date] = mapped_column(Date, primary_key=True)
    events: Mapped[int] = mapped_column(Integer)
    q1: Mapped[int] = mapped_column(Integer)
    q2: Mapped[int] = mapped_column(Integer)
    q3: Mapped[int] = mapped_column(Integer)
    q4: Mapped[int] = mapped_column(Integer)
    scored: Mapped[int] = mapped_column(Integer)
    goldstein_sum: Mapped[float] = mapped_column(Float)
    goldstein: Mapped[list[Any]] = mapped_column(JSON)
    """``[[score, clusters], ...]``: every score, so means and intervals are exact."""
    reports: Mapped[int] = mapped_column(Integer)
    outlets: Mapped[list[Any]] = mapped_column(JSON)
    clusters: Mapped[list[Any]] = mapped_column(JSON)
    """``[[day, id, first event id], ...]`` by day then id: every point leads to its events."""


class EventCountRow(Base):
    """How many events one UTC day of publication holds, per facet value.

    ``actor`` is ``""`` for every event, else a code or id (without a colon) the event
    names on either side, each event counted once under it; ``dimension`` is the facet
    (``all`` counts the events, with ``value`` ``""``). Kept in the transactions that store
    articles or change which are copies (``store/event_counts.py``), so the explorer's
    totals, facets and timeline and an actor's event counts read these rows, not every event.
    """

    __tablename__ = "event_counts"
    __table_args__ = (
        Index("ix_event_counts_lookup", "actor", "dimension", "day"),
        Index("ix_event_counts_value", "dimension", "value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date | None] = mapped_column(Date, index=True)
    """The UTC day the articles were published; ``None`` for articles without a date."""
    copy: Mapped[bool] = mapped_column(Boolean)
    """Whether the events come from syndicated copies."""
    actor: Mapped[str] = mapped_column(String(120))
    dimension: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)
    events: Mapped[int] = mapped_column(Integer)


class ActorDayRow(Base):
    """One actor's mentions on one UTC day of publication, in one outlet, copies or not.

    Kept with the event counts (``store/actor_counts.py``): an actor page's totals, its
    coverage per day and outlet and its tone per day sum these rows, not every mention.
    """

    __tablename__ = "actor_days"
    __table_args__ = (Index("ix_actor_days_actor", "actor_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(String(120))
    day: Mapped[date | None] = mapped_column(Date, index=True)
    outlet: Mapped[str | None] = mapped_column(String(200))
    copy: Mapped[bool] = mapped_column(Boolean)
    mentions: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    """Articles naming the actor (each article has one day, outlet and copy flag)."""
    toned: Mapped[int] = mapped_column(Integer)
    """Distinct sentences naming the actor that have a tone."""
    tone_sum: Mapped[float] = mapped_column(Float)


class ActorArticleRow(Base):
    """An article naming the actor, with what a search without words filters, orders and
    groups its matches by (migration 0021): the newest articles naming an actor are read
    in order from the index instead of every mention of the actor being joined to every
    article (the newest of 128,512 matches at a million articles)."""

    __tablename__ = "actor_articles"
    __table_args__ = (Index("ix_actor_articles_actor", "actor_id", "published_at", "article_id"),)

    actor_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date | None] = mapped_column(Date, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outlet: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(12))
    story_id: Mapped[str | None] = mapped_column(String(40))
    tone: Mapped[float | None] = mapped_column(Float)


class ActorStoryDayRow(Base):
    """A story with an article naming the actor on one UTC day (the attention chart's)."""

    __tablename__ = "actor_story_days"
    __table_args__ = (Index("ix_actor_story_days_story", "actor_id", "day", "story_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(String(120))
    day: Mapped[date] = mapped_column(Date, index=True)
    story_id: Mapped[str] = mapped_column(String(40))


class ActorRoleRow(Base):
    """A role the press gave an actor on one UTC day: when, how often, where first."""

    __tablename__ = "actor_roles"
    __table_args__ = (Index("ix_actor_roles_actor", "actor_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(Text)
    day: Mapped[date | None] = mapped_column(Date, index=True)
    first_reported: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_reported: Mapped[datetime | None] = mapped_column(UtcDateTime())
    mentions: Mapped[int] = mapped_column(Integer)
    claim: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[str] = mapped_column(String(16))
    """The smallest article id among the mentions (as the page has always shown)."""
    sentence_index: Mapped[int] = mapped_column(Integer)


class PairToneDayRow(Base):
    """The tone of the sentences reporting an event between two codes on one UTC day.

    Kept with the event counts (``store/pair_counts.py``): a pair's tone chart sums these
    rows, not every event of the pair joined to its sentence. The pair is stored once,
    ``a`` the code that sorts first; reports that are syndicated copies are left out.
    """

    __tablename__ = "pair_tone_days"
    __table_args__ = (Index("ix_pair_tone_days_pair", "a", "b", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    a: Mapped[str] = mapped_column(String(120))
    b: Mapped[str] = mapped_column(String(120))
    day: Mapped[date] = mapped_column(Date, index=True)
    sentences: Mapped[int] = mapped_column(Integer)
    """Distinct sentences with a tone holding an event between the pair."""
    tone_sum: Mapped[float] = mapped_column(Float)
