"""An ingest run: readers → pipeline (on an executor) → store, in transactional batches.

The run is a stream: documents are read lazily, checked against the store for
duplicates, their raw bytes kept, processed where the executor decides, and written back
in batches, each batch its own transaction. Memory stays flat whatever the corpus size,
and a crash loses only the batch in flight.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from blocwatch.errors import StoreError
from blocwatch.model import Actor, Article, RawDocument
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.nlp.syntax import SyntaxParser
from blocwatch.pipeline import Executor, LocalExecutor, MapStep, Pipeline, Rejection, batched
from blocwatch.stages import actors_in, default_pipeline, learn_furniture
from blocwatch.store import Store
from blocwatch.store.story_state import StoredStoryState
from blocwatch.store.write import ArticleRows, article_rows, safe_rows
from blocwatch.stories.incremental import (
    PreparedArticle,
    SummaryCandidates,
    group_batch,
    prepare,
)
from blocwatch.write_behind import WriteBehind

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]
"""Called with how many inputs were just finished (stored, skipped or rejected)."""


MAX_LISTED = 1000
"""Rejections and warnings a report keeps one by one; past that it only counts them (every
rejection is still written to the database as it happens), so memory stays flat on a file
of 22 million bad lines."""


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    """The first :data:`MAX_LISTED` rejections; ``rejected_count`` counts them all."""
    step_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    rejected_count: int = 0
    reason_counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    """Kept articles whose record had a field dropped, as "source: what" (the first few)."""
    warning_count: int = 0

    def add_rejections(self, rejections: Iterable[Rejection]) -> None:
        for rejection in rejections:
            self.rejected_count += 1
            if len(self.rejected) < MAX_LISTED:
                self.rejected.append(rejection)
            if rejection.reason in self.reason_counts or len(self.reason_counts) < MAX_LISTED:
                self.reason_counts[rejection.reason] += 1
            else:
                self.reason_counts["(other reasons)"] += 1

    def add_warnings(self, doc: RawDocument) -> None:
        for warning in doc.warnings:
            self.warning_count += 1
            if len(self.warnings) < MAX_LISTED:
                self.warnings.append(f"{doc.source}: {warning}")

    @property
    def degraded(self) -> dict[str, int]:
        """Steps that failed on some articles but let them through without their findings."""
        return {
            name: counts["degraded"]
            for name, counts in self.step_counts.items()
            if counts.get("degraded")
        }

    @property
    def ok(self) -> bool:
        return not self.rejected_count

    def reasons(self) -> Counter[str]:
        return self.reason_counts

    def as_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": self.rejected_count,
            "rejections": [
                {"source": r.source, "step": r.step, "reason": r.reason} for r in self.rejected
            ],
            "warnings": self.warnings,
            "warning_count": self.warning_count,
            "steps": self.step_counts,
        }


def _new_documents(
    store: Store,
    items: Iterable[RawDocument | Rejection],
    report: IngestReport,
    progress: ProgressCallback,
    batch_size: int,
    writes: WriteBehind,
) -> Iterator[RawDocument | Rejection]:
    """Drop documents already stored (or seen earlier in this run) and keep the raw input
    of the rest (written behind, before the batch that holds their articles)."""
    seen: set[str] = set()
    for chunk in batched(items, batch_size):
        known = store.known_article_ids(d.id for d in chunk if isinstance(d, RawDocument))
        passed: list[RawDocument | Rejection] = []
        for item in chunk:
            if isinstance(item, RawDocument):
                report.add_warnings(item)
                if item.id in known or item.id in seen:
                    report.duplicates += 1
                    progress(1)
                    continue
                seen.add(item.id)
            passed.append(item)
        writes.submit(partial(store.save_raw, [d for d in passed if isinstance(d, RawDocument)]))
        yield from passed


@dataclass(slots=True)
class ReadyArticle:
    """An analysed article as a worker hands it back: its rows ready to insert and what
    story work needs of it, so the main process only compares and writes.

    The parses are left behind (nothing stores them, and they are most of an article's
    size), which also keeps what crosses from a worker to the main process small.
    """

    article: Article
    rows: ArticleRows
    prepared: PreparedArticle | None


def ready_to_store(article: Article, *, stories: bool = True) -> ReadyArticle:
    """What :func:`ingest` stores of ``article``; pure, so it runs where the pipeline runs."""
    article.parses = []
    prepared = _prepared(article) if stories else None
    return ReadyArticle(article, safe_rows(article_rows(article)), prepared)


@dataclass(slots=True)
class _Batch:
    """What one batch writes: articles (prepared for story work), rejections, actors."""

    articles: list[Article]
    rejections: list[Rejection]
    prepared: dict[str, PreparedArticle]
    actors_of: Callable[[list[Article]], list[Actor]] | None
    stories: bool
    rows: dict[str, ArticleRows] = field(default_factory=dict)
    taken: SummaryCandidates = field(default_factory=SummaryCandidates)
    """Summary candidates kept from one batch to the next (shared by a run's batches)."""

    def alone(self, article: Article) -> _Batch:
        return _Batch(
            [article], [], self.prepared, self.actors_of, self.stories, self.rows, self.taken
        )


def _write_batch(store: Store, batch: _Batch) -> int:
    """One transaction: the new articles, their actors, the rejections, their stories."""
    with store.batch() as writer:
        stored = writer.insert_articles(batch.articles, batch.rows)
        if batch.actors_of is not None and stored:
            writer.save_actors(batch.actors_of(stored))
        writer.save_rejections(batch.rejections)
        ready = [batch.prepared[a.id] for a in stored if batch.stories and a.id in batch.prepared]
        if ready:
            _group(writer.stories, ready, batch.taken)
        writer.stories.mark_pending(a.id for a in stored if a.id not in batch.prepared)
    return len(stored)


def _save_batch(store: Store, batch: _Batch) -> tuple[int, list[Rejection]]:
    """Store a batch in one transaction; when the database refuses it, store the articles
    one by one, so one it cannot take is rejected with the reason and costs no other.
    When it refuses every one of them the database itself is the problem: that error is
    raised."""
    try:
        return _write_batch(store, batch), []
    except StoreError as batch_error:
        if len(batch.articles) < 2:
            raise
        store.save_rejections(batch.rejections)
        stored, failed = 0, []
        for article in batch.articles:
            try:
                stored += _write_batch(store, batch.alone(article))
            except StoreError as exc:
                failed.append(Rejection(article.raw_path or article.id, "store", exc.reason))
        if len(failed) == len(batch.articles):
            raise batch_error from None
        store.save_rejections(failed)
        return stored, failed


def ingest(
    store: Store,
    items: Iterable[RawDocument | Rejection],
    pipeline: Pipeline,
    *,
    executor: Executor | None = None,
    batch_size: int = 64,
    progress: ProgressCallback | None = None,
    actors_of: Callable[[list[Article]], list[Actor]] | None = None,
    stories: bool = True,
    overlap: bool = True,
) -> IngestReport:
    """Run ``pipeline`` over ``items`` and store what comes out; never stops on one bad document.

    Each batch is one transaction: its articles with their facts, the actor records
    they refer to (``actors_of``: the dictionary entries their mentions point to, so
    actor pages can say who an id is), its rejections, and, with ``stories``, the
    batch's place in the stories (:func:`blocwatch.stories.incremental.group_batch`).
    Without ``stories`` the articles wait for a later run to group them. With
    ``overlap`` the batches are stored on a thread of their own while the next ones are
    read and analysed (:mod:`blocwatch.write_behind`); the store ends up the same.
    """
    report = IngestReport()
    executor = executor or LocalExecutor()
    tick = progress or (lambda _n: None)
    taken = SummaryCandidates()

    def saved(chunk: int, rejections: list[Rejection], result: tuple[int, list[Rejection]]) -> None:
        stored, failed = result
        report.ingested += stored
        report.add_rejections([*rejections, *failed])
        tick(chunk)

    # The workers start before the writer thread does, so a pool may still fork
    # (:class:`blocwatch.pipeline.LocalExecutor` does not fork a process with threads).
    executor.start(pipeline)
    with WriteBehind(threaded=overlap and store.shared_by_threads) as writes:
        new = _new_documents(store, items, report, tick, batch_size, writes)
        for chunk in batched(executor.run(pipeline, new), batch_size):
            rejections = [r for r in chunk if isinstance(r, Rejection)]
            ready = [_ready(item, stories) for item in chunk if not isinstance(item, Rejection)]
            prepared = {r.article.id: r.prepared for r in ready if r.prepared is not None}
            articles = [r.article for r in ready]
            rows = {r.article.id: r.rows for r in ready}
            batch = _Batch(articles, rejections, prepared, actors_of, stories, rows, taken)
            writes.submit(
                partial(_save_batch, store, batch), partial(saved, len(chunk), rejections)
            )
    report.step_counts = {
        name: {"in": s.seen, "out": s.passed, "rejected": s.rejected}
        for name, s in executor.stats.steps.items()
    }
    return report


def _ready(item: ReadyArticle | PreparedArticle | Article, stories: bool) -> ReadyArticle:
    """A pipeline's output as :class:`ReadyArticle` (made here when the pipeline did not)."""
    if isinstance(item, ReadyArticle):
        return item
    if isinstance(item, PreparedArticle):
        return ReadyArticle(item.article, safe_rows(article_rows(item.article)), item)
    return ready_to_store(item, stories=stories)


def _prepared(article: Article) -> PreparedArticle | None:
    """:func:`prepare`, or None (the article will wait for story work) if it fails."""
    try:
        return prepare(article)
    except Exception:
        log.exception("story features failed on %s; it waits for story work", article.id)
        return None


def _group(state: StoredStoryState, batch: list[PreparedArticle], taken: SummaryCandidates) -> None:
    """Story work for one batch, in its transaction; a defect leaves the batch pending.

    A failure of the grouping code (not of the database) must not cost the articles:
    they are stored and marked pending, and the next run tries them again.
    """
    try:
        update = group_batch(batch, state, taken=taken)
    except (StoreError, SQLAlchemyError):
        raise
    except Exception:
        log.exception("story work failed; %d articles left pending", len(batch))
        state.mark_pending(p.article.id for p in batch)
        return
    state.apply(update)


def group_pending(store: Store, *, batch_size: int = 200) -> int:
    """Group the articles that wait for story work, oldest first; returns how many.

    Articles wait after a rebuild began (:func:`rebuild_stories`), after a run told not
    to group, or after the upgrade that introduced stored story state. Each batch is
    its own transaction, so an interrupted run leaves the rest waiting for the next.
    """
    done = 0
    taken = SummaryCandidates()
    while articles := store.pending_articles(batch_size):
        prepared = [prepare(article) for article in articles]
        with store.batch() as writer:
            update = group_batch(prepared, writer.stories, taken=taken)
            writer.stories.apply(update)
        done += len(articles)
    return done


def rebuild_stories(store: Store) -> int:
    """Regroup every stored article into stories, and their events into event clusters,
    from scratch; returns how many stories.

    The old stories and story state are cleared in one transaction and every article
    is marked pending; grouping then proceeds batch by batch in arrival order
    (publication date, then ingest order), as the articles would have come. A rebuild
    cut short is finished by the next run (see :func:`group_pending`).
    """
    store.clear_stories()
    group_pending(store)
    store.rebuild_event_clusters()
    return store.count_stories()


def ready_in_workers(pipeline: Pipeline, *, stories: bool = True) -> Pipeline:
    """``pipeline`` and a last step that makes each article's rows and story features.

    The step runs where the pipeline runs (a worker), so the main process, which
    stores and groups batches one after another, only compares and writes: no
    per-article work that would make the workers wait on it.
    """
    step = MapStep(
        "ready to store",
        partial(ready_to_store, stories=stories),
        requires={"sentences", "mentions", "times"},
    )
    return Pipeline([*pipeline.steps, step], initial_fields=pipeline.initial_fields)


def ingest_corpus(
    store: Store,
    documents: Iterable[RawDocument | Rejection],
    *,
    learn_from: Iterable[RawDocument | Rejection] | None = None,
    dictionary: ActorDictionary | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
    regroup: bool = True,
    spacy_model: str | None = None,
) -> IngestReport:
    """The whole run: learn the outlets' furniture, finish any story work left pending
    (and event clustering, when an upgrade or a changed confidence floor asks for it),
    then analyse, store and group the new articles batch by batch.

    ``learn_from`` is a second reading of the same inputs (local files), so every page is
    cleaned with what the corpus repeats; without it, cleaning uses its rules alone.
    """
    dictionary = dictionary or ActorDictionary.default()
    furniture = learn_furniture(learn_from) if learn_from is not None else None
    pipeline = ready_in_workers(
        default_pipeline(
            dictionary,
            furniture=furniture,
            parser=SyntaxParser(spacy_model) if spacy_model else None,
        ),
        stories=regroup,
    )
    executor = executor or LocalExecutor()
    executor.start(pipeline)  # the workers load spaCy while pending work is finished
    if regroup:
        group_pending(store)
    if not store.event_clusters_complete():
        store.complete_event_clusters()
    return ingest(
        store,
        documents,
        pipeline,
        executor=executor,
        progress=progress,
        actors_of=partial(actors_in, dictionary=dictionary),
        stories=regroup,
    )
