"""The store: one object that reads and writes blocwatch data in SQLite or PostgreSQL.

Writes are transactional per batch: a batch of articles, with every fact found in them,
is committed whole or not at all, so a crash loses at most the batch in flight and never
leaves half an article behind. Idempotency comes from content ids: an article whose id
is already stored is skipped, not stored twice.

Rows become model records in :mod:`blocwatch.store.read`; what each connection needs
(SQLite's settings, errors in one line) is in :mod:`blocwatch.store.database`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, delete, event, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from blocwatch.errors import StoreError
from blocwatch.model import (
    Actor,
    ActorKind,
    Article,
    RawDocument,
    Rejection,
    Story,
    SummarySentence,
)
from blocwatch.sanitize import safe_text
from blocwatch.store import (
    database,
    event_clusters,
    event_counts,
    keyset,
    read,
    relation_periods,
)
from blocwatch.store.read import ArticleSummary
from blocwatch.store.schema import (
    ActorRow,
    ArticleRow,
    CopyBandRow,
    CopyMemberRow,
    EventClusterRow,
    RawDocumentRow,
    RejectionRow,
    StoryMemberRow,
    StoryPendingRow,
    StoryRow,
    StoryStateRow,
    StoryTermRow,
    SummarySentenceRow,
)
from blocwatch.store.story_state import StoredStoryState
from blocwatch.store.write import ArticleRows, article_rows, insert_rows, safe_rows
from blocwatch.stories.incremental import StoryUpdate

log = logging.getLogger(__name__)
T = TypeVar("T")

_BATCH_LOCK = 0x626C6F63
"""PostgreSQL advisory lock that batches of concurrent ingests take in turn."""


def add_raw_rows(session: Session, documents: Sequence[RawDocument], now: datetime) -> None:
    """Add the raw documents not stored yet (by content id) to ``session``'s transaction."""
    ids = [doc.id for doc in documents]
    present = set(session.scalars(select(RawDocumentRow.id).where(RawDocumentRow.id.in_(ids))))
    for doc in documents:
        if doc.id in present:
            continue
        present.add(doc.id)
        session.add(
            RawDocumentRow(
                id=doc.id,
                source=doc.source,
                media_type=str(doc.media_type),
                url=doc.url,
                content=doc.content,
                ingested_at=now,
            )
        )


class Store:
    """Reads and writes blocwatch data; the schema is brought up to date on open."""

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        create: bool = True,
        min_confidence: float = event_clusters.DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        """Open the database at ``url``; ``create=False`` refuses to make a new SQLite file
        (what reading commands want: a mistyped path is an error, not an empty database).
        ``min_confidence`` is the floor of the events that event clusters count."""
        self.min_confidence = min_confidence
        parsed = database.parse_url(url, create=create)
        self.url = url
        self.dialect = parsed.get_backend_name()
        self.engine: Engine = database.engine_for(url, parsed)
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", database.sqlite_pragmas)
            event.listen(self.engine, "begin", database.sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", database.safe_new_rows)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(blocwatch_write=True), expire_on_commit=False
        )
        event.listen(self._write_sessions, "before_flush", database.safe_new_rows)
        self.reads, self._close_reads = database.read_cache(
            self.engine, self.dialect, parsed.database
        )
        if migrate:
            self.upgrade()

    def __repr__(self) -> str:
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    @property
    def shared_by_threads(self) -> bool:
        """Whether another thread writing through this store writes the same database
        (not so for SQLite in memory, which is one database per connection)."""
        return not (
            self.dialect == "sqlite" and make_url(self.url).database in (None, "", ":memory:")
        )

    # ------------------------------------------------------------------ schema

    def upgrade(self) -> None:
        """Run Alembic migrations up to the newest revision."""
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("blocwatch.store") / "migrations")
        )
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(f"cannot open database {self!r}: {exc.orig}") from exc

    def close(self) -> None:
        self._close_reads()
        self.engine.dispose()

    def session(self) -> Session:
        return self._sessions()

    # ------------------------------------------------------------------ writing

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        with self.session() as session:
            found: set[str] = set()
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk))))
            return found

    def save_raw(self, documents: Sequence[RawDocument]) -> None:
        """Keep raw inputs (before any processing, so nothing is lost when a step fails)."""
        if not documents:
            return
        now = datetime.now(UTC)

        def write(session: Session) -> None:
            add_raw_rows(session, documents, now)

        self._write_retried(write)

    def save_articles(self, articles: Sequence[Article]) -> int:
        """Store articles with all their facts in one transaction; returns how many were new.

        They wait for story work (:func:`blocwatch.run.group_pending`); an ingest run
        groups its articles in their own transaction instead (:meth:`batch`).
        """
        if not articles:
            return 0
        with self.batch() as writer:
            stored = writer.insert_articles(articles)
            writer.stories.mark_pending(a.id for a in stored)
            return len(stored)

    @contextmanager
    def batch(self) -> Iterator[BatchWriter]:
        """One write transaction for a batch: articles, actors, rejections and story work.

        Batches of concurrent ingests take turns here (an advisory lock on PostgreSQL,
        an immediate transaction on SQLite), so each sees the stories the other wrote;
        their analysis, the costly part, still runs side by side.
        """
        with self._write_in_turn() as session:
            yield BatchWriter(session, self.dialect, self.min_confidence)

    def save_rejections(self, rejections: Sequence[Rejection]) -> None:
        with self.batch() as writer:
            writer.save_rejections(rejections)

    def save_actors(self, actors: Iterable[Actor]) -> int:
        """Insert or update actors (the dictionary entries that mentions point to)."""
        with self.batch() as writer:
            return writer.save_actors(actors)

    def replace_stories(
        self, stories: Sequence[Story], article_summaries: dict[str, list[SummarySentence]]
    ) -> None:
        """Replace every story with ``stories`` in one transaction (tests and benchmarks
        that bring their own grouping; ingest grows stories incrementally instead).

        It takes its turn with ingest batches, as :meth:`clear_stories` does: it marks
        copies and counts every day again, and an ingest batch writing between its reads
        and its writes would leave counts that match neither."""
        with self._write_in_turn() as session:
            session.execute(delete(SummarySentenceRow))
            session.execute(delete(StoryRow))
            session.execute(update(ArticleRow).values(story_id=None, copy_of=None))
            state = StoredStoryState(session, self.dialect)
            update_ = StoryUpdate(counters=state.counters())
            update_.stories = list(stories)
            update_.article_summaries = dict(article_summaries)
            update_.story_of = {a: story.id for story in stories for a in story.article_ids}
            update_.copy_of = {
                copy_id: group.canonical_id
                for story in stories
                for group in story.copy_groups
                for copy_id in group.copy_ids
            }
            state.write_copy_of(update_)
            state.write_stories(update_)
            event_clusters.refresh(session, session.scalars(select(EventClusterRow.id)).all())
            event_counts.rebuild(session)

    def clear_stories(self) -> int:
        """Forget every story and all story state, and mark every article pending.

        One transaction; the regrouping that follows runs in batches of its own, and a
        run that finds pending articles finishes it, so a rebuild cut short is
        completed by the next run, never lost. Returns how many articles wait.
        """
        with self._write_in_turn() as session:
            session.execute(delete(SummarySentenceRow))
            for table in (
                StoryRow,
                StoryMemberRow,
                StoryTermRow,
                CopyBandRow,
                CopyMemberRow,
                StoryStateRow,
                StoryPendingRow,
            ):
                session.execute(delete(table))
            session.execute(update(ArticleRow).values(story_id=None, copy_of=None))
            event_counts.rebuild(session)
            session.execute(
                insert(StoryPendingRow).from_select(["article_id"], select(ArticleRow.id))
            )
            return session.scalar(select(func.count()).select_from(StoryPendingRow)) or 0

    def recount(self) -> None:
        """Count the kept event and actor figures again from every event and mention
        (:mod:`blocwatch.store.event_counts`), in turn with ingest batches: after rows were
        written by hand or loaded from elsewhere. Ingest and story work keep them already."""
        with self.batch() as writer:
            event_counts.rebuild(writer.session)

    def event_clusters_complete(self) -> bool:
        """Whether every stored event is clustered, at this store's confidence floor."""
        with self.session() as session:
            return event_clusters.is_complete(session, self.min_confidence)

    def complete_event_clusters(self) -> int:
        """Do what clustering lacks; returns how many clusters.

        A store whose clusters are complete at this floor but whose relation periods are
        not (one upgraded to them) has only its periods counted, in one pass; otherwise
        every event is clustered again (:meth:`rebuild_event_clusters`).
        """
        with self.batch() as writer:  # in turn with ingest batches, which keep periods too
            if event_clusters.is_clustered(writer.session, self.min_confidence):
                relation_periods.rebuild(writer.session)
                return writer.session.scalar(select(func.count()).select_from(EventClusterRow)) or 0
        return self.rebuild_event_clusters()

    def analyze(self) -> None:
        """Refresh PostgreSQL's planner statistics (``ANALYZE``) after a bulk load.

        A server whose autovacuum is off never gathers them, and without them the planner
        guesses: reading one pair's event reports took 217 ms instead of 8 at 10,000
        articles. SQLite plans without statistics and is left as it is.
        """
        if self.dialect == "postgresql":
            with self.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))

    def rebuild_event_clusters(self, *, batch_size: int = 500) -> int:
        """Cluster every stored event again, from scratch; returns how many clusters.

        The old clusters are cleared and marked incomplete in one transaction, then the
        articles are clustered batch by batch in the order ingest meets them, each batch
        its own transaction; only the last marks the clusters complete, so a rebuild cut
        short is started again by the next run (:func:`blocwatch.run.ingest_corpus`).

        Every one of these transactions takes its turn with ingest batches (the batch
        lock on PostgreSQL), as the last one always did: a batch clusters its own events
        against the stored clusters, and one written beside a rebuild batch, each blind
        to the other's uncommitted clusters, would make two clusters where one pass
        makes one.
        """
        floor = self.min_confidence
        with self._write_in_turn() as session:
            event_clusters.clear(session, floor)
            order = event_clusters.articles_in_order(session)
        for start in range(0, len(order), batch_size):
            with self._write_in_turn() as session:
                event_clusters.cluster_articles(
                    session, order[start : start + batch_size], floor, periods=False
                )
        with self.batch() as writer:  # in turn with ingest batches, which keep periods too
            relation_periods.rebuild(writer.session)
            event_clusters.set_state(writer.session, complete=True, min_confidence=floor)
            return writer.session.scalar(select(func.count()).select_from(EventClusterRow)) or 0

    def pending_articles(self, limit: int) -> list[Article]:
        """Up to ``limit`` articles waiting for story work, in arrival order, with facts."""
        with self.session() as session:
            rows = session.scalars(
                select(ArticleRow)
                .join(StoryPendingRow, StoryPendingRow.article_id == ArticleRow.id)
                .order_by(
                    ArticleRow.published_at.asc().nulls_last(),
                    ArticleRow.ingested_at,
                    ArticleRow.id,
                )
                .limit(limit)
            ).all()
            return read.load_articles(session, rows)

    def pending_count(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(StoryPendingRow)) or 0

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, after the days its writes marked
        are counted again (:func:`blocwatch.store.event_counts.count_marked`); rolled back
        whole on any error."""
        session = self._write_sessions()
        try:
            with session.begin():
                yield session
                event_counts.count_marked(session)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"write to {self!r} failed and was rolled back: {database.why(exc)}"
            ) from exc
        finally:
            session.close()

    @contextmanager
    def _write_in_turn(self) -> Iterator[Session]:
        """A write transaction that waits for the other ingest batches' (an advisory lock
        on PostgreSQL; SQLite's immediate transactions already take turns)."""
        with self._write() as session:
            if self.dialect == "postgresql":
                session.execute(select(func.pg_advisory_xact_lock(_BATCH_LOCK)))
            yield session

    def _write_retried(self, work: Callable[[Session], T], attempts: int = 4) -> T:
        """``work`` in a transaction, run again in a new one when it lost a race: another
        ingest inserted the same ids between our check and our insert (``UNIQUE constraint
        failed``). The next attempt sees their rows and skips them."""
        for attempt in range(attempts):
            try:
                with self._write() as session:
                    return work(session)
            except StoreError as exc:
                if not isinstance(exc.__cause__, IntegrityError) or attempt == attempts - 1:
                    raise
                log.info("a concurrent writer stored the same rows; retrying (%s)", exc.reason)
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------ reading

    def count_articles(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def count_stories(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(StoryRow)) or 0

    def list_articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        after: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[ArticleSummary]:
        """A page of articles, newest first: ``offset`` rows on, or after the article whose
        cursor (:func:`blocwatch.store.read.article_cursor`) is ``after``."""
        query = select(*read.SUMMARY_COLUMNS)
        if outlet:
            query = query.where(ArticleRow.outlet == outlet)
        if since:
            query = query.where(
                ArticleRow.published_at >= datetime.combine(since, datetime.min.time(), UTC)
            )
        if until:
            query = query.where(
                ArticleRow.published_at <= datetime.combine(until, datetime.max.time(), UTC)
            )
        if after is not None:
            order = read.ARTICLE_ORDER
            query = query.where(keyset.after(order, keyset.decode(after, order)))
        query = query.order_by(*keyset.order_by(read.ARTICLE_ORDER)).limit(limit).offset(offset)
        with self.session() as session:
            return [read.summary_of(row) for row in session.execute(query)]

    def article_summary(self, article_id: str) -> ArticleSummary | None:
        with self.session() as session:
            row = session.get(ArticleRow, article_id)
            return read.summary_of(row) if row else None

    def get_article(self, article_id: str) -> Article | None:
        with self.session() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            return read.load_articles(session, [row])[0]

    def find_article_ids(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (people type the first few characters, as with git)."""
        with self.session() as session:
            return list(
                session.scalars(
                    select(ArticleRow.id).where(ArticleRow.id.startswith(prefix)).limit(5)
                )
            )

    def iter_articles(self, *, with_facts: bool = True, batch_size: int = 200) -> Iterator[Article]:
        """Every article in arrival order (publication date, then id)."""
        with self.session() as session:
            ids = list(
                session.scalars(
                    select(ArticleRow.id).order_by(
                        ArticleRow.published_at.asc().nulls_last(),
                        ArticleRow.ingested_at,
                        ArticleRow.id,
                    )
                )
            )
        for start in range(0, len(ids), batch_size):
            with self.session() as session:
                rows = session.scalars(
                    select(ArticleRow).where(ArticleRow.id.in_(ids[start : start + batch_size]))
                ).all()
                by_id = {row.id: row for row in rows}
                ordered = [by_id[article_id] for article_id in ids[start : start + batch_size]]
                if with_facts:
                    yield from read.load_articles(session, ordered)
                else:
                    yield from (read.article_of(row) for row in ordered)

    def get_actor(self, actor_id: str) -> Actor | None:
        with self.session() as session:
            row = session.get(ActorRow, actor_id)
            if row is None:
                return None
            return Actor(
                id=row.id,
                name=row.name,
                kind=ActorKind(row.kind),
                country=row.country,
                aliases=tuple(row.aliases or ()),
                roles=tuple(row.roles),
            )

    def rejections(self, limit: int = 100) -> list[Rejection]:
        with self.session() as session:
            rows = session.scalars(
                select(RejectionRow).order_by(RejectionRow.id.desc()).limit(limit)
            )
            return [Rejection(r.source, r.step, r.reason) for r in rows]


class BatchWriter:
    """The writes of one batch, in one transaction (see :meth:`Store.batch`)."""

    def __init__(
        self,
        session: Session,
        dialect: str,
        min_confidence: float = event_clusters.DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        self.session = session
        self.dialect = dialect
        self.min_confidence = min_confidence
        self.stories = StoredStoryState(session, dialect)

    def insert_articles(
        self, articles: Sequence[Article], ready: Mapping[str, ArticleRows] | None = None
    ) -> list[Article]:
        """Insert the articles not stored yet, with their facts, and cluster their events
        (:mod:`blocwatch.store.event_clusters`); returns those.

        ``ready`` holds rows already made (by a worker) for some of the articles; the
        others' rows are made here.
        """
        event_clusters.adopt_floor_if_empty(self.session, self.min_confidence)
        ids = [a.id for a in articles]
        present = set(self.session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(ids))))
        new: dict[str, Article] = {}
        for article in articles:
            if article.id not in present:
                new.setdefault(article.id, article)
        now = datetime.now(UTC)
        rows = ArticleRows(safe=True)
        for article in new.values():
            made = (ready or {}).get(article.id) or article_rows(article, now)
            made.stamp(now)
            rows.extend(made if made.safe else safe_rows(made))
        insert_rows(self.session, rows)
        event_clusters.cluster_articles(self.session, list(new), self.min_confidence)
        event_counts.mark_articles(self.session, new)
        return list(new.values())

    def save_rejections(self, rejections: Sequence[Rejection]) -> None:
        if rejections:
            now = datetime.now(UTC)
            self.session.execute(
                insert(RejectionRow),
                [
                    {
                        "source": safe_text(r.source),
                        "step": r.step,
                        "reason": safe_text(r.reason),
                        "at": now,
                    }
                    for r in rejections
                ],
            )

    def save_actors(self, actors: Iterable[Actor]) -> int:
        """Insert or update actors, one statement for the batch."""
        rows = {
            actor.id: {
                "id": actor.id,
                "name": actor.name,
                "kind": str(actor.kind),
                "country": actor.country,
                "aliases": list(actor.aliases),
                "roles": list(actor.roles),
            }
            for actor in actors
        }
        if not rows:
            return 0
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        statement = dialect.insert(ActorRow)
        columns = ("name", "kind", "country", "aliases", "roles")
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_={name: getattr(statement.excluded, name) for name in columns},
        )
        self.session.execute(statement, [rows[key] for key in sorted(rows)])
        return len(rows)
