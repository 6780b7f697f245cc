"""An ingest run: readers → pipeline (on an executor) → store, in transactional batches.

The run is a stream: documents are read lazily, checked against the store for
duplicates, their raw bytes kept, processed where the executor decides, and written back
in batches, each batch its own transaction. Memory stays flat whatever the corpus size,
and a crash loses only the batch in flight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from blocwatch.errors import StoreError
from blocwatch.model import Actor, Article, RawDocument
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.nlp.syntax import SyntaxParser
from blocwatch.pipeline import Executor, LocalExecutor, Pipeline, Rejection, batched
from blocwatch.stages import actors_in, default_pipeline, learn_furniture
from blocwatch.store import Store
from blocwatch.stories import build_stories, summarize_article

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
) -> Iterator[RawDocument | Rejection]:
    """Drop documents already stored (or seen earlier in this run) and keep the raw input of the rest."""
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
        store.save_raw([d for d in passed if isinstance(d, RawDocument)])
        yield from passed


def _save_articles(store: Store, articles: list[Article]) -> tuple[int, list[Rejection]]:
    """Store a batch in one transaction; when the database refuses it, store the articles
    one by one, so one it cannot take is rejected with the reason and costs no other.
    When it refuses every one of them the database itself is the problem: that error is
    raised."""
    try:
        return store.save_articles(articles), []
    except StoreError as batch_error:
        if len(articles) < 2:
            raise
        stored, failed = 0, []
        for article in articles:
            try:
                stored += store.save_articles([article])
            except StoreError as exc:
                failed.append(Rejection(article.raw_path or article.id, "store", exc.reason))
        if len(failed) == len(articles):
            raise batch_error from None
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
) -> IngestReport:
    """Run ``pipeline`` over ``items`` and store what comes out; never stops on one bad document.

    ``actors_of`` names the actor records to keep for each stored batch (the dictionary
    entries its mentions point to), so that actor pages can say who an id is.
    """
    report = IngestReport()
    executor = executor or LocalExecutor()
    tick = progress or (lambda _n: None)
    stream = executor.run(pipeline, _new_documents(store, items, report, tick, batch_size))
    for chunk in batched(stream, batch_size):
        articles = [a for a in chunk if isinstance(a, Article)]
        rejections = [r for r in chunk if isinstance(r, Rejection)]
        stored, failed = _save_articles(store, articles)
        report.ingested += stored
        rejections.extend(failed)
        if actors_of is not None and articles:
            store.save_actors(actors_of(articles))
        store.save_rejections(rejections)
        report.add_rejections(rejections)
        tick(len(chunk))
    report.step_counts = {
        name: {"in": s.seen, "out": s.passed, "rejected": s.rejected}
        for name, s in executor.stats.steps.items()
    }
    return report


def rebuild_stories(store: Store) -> int:
    """Group every stored article into stories (with copy groups and summaries) and store them.

    Articles are taken in arrival order (publication date, then ingest order), so the
    result is the same as feeding them one by one as they came; the whole set is replaced
    in one transaction.
    """
    articles = list(store.iter_articles())
    stories = build_stories(articles)
    summaries = {article.id: summarize_article(article) for article in articles}
    store.replace_stories(stories, summaries)
    return len(stories)


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
    """The whole run: learn the outlets' furniture, analyse and store, then regroup stories.

    ``learn_from`` is a second reading of the same inputs (local files), so every page is
    cleaned with what the corpus repeats; without it, cleaning uses its rules alone.
    """
    dictionary = dictionary or ActorDictionary.default()
    furniture = learn_furniture(learn_from) if learn_from is not None else None
    report = ingest(
        store,
        documents,
        default_pipeline(
            dictionary,
            furniture=furniture,
            parser=SyntaxParser(spacy_model) if spacy_model else None,
        ),
        executor=executor,
        progress=progress,
        actors_of=partial(actors_in, dictionary=dictionary),
    )
    if regroup and report.ingested:
        rebuild_stories(store)
    return report
