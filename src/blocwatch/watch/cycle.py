"""One watch cycle: poll the due sources, follow their links, store the full articles.

A poll fetches a source with the validators it returned last time (a 304 costs nothing),
records every link it lists as a pending item, then works through the source's open
items in small batches: pages are fetched (concurrently, within the fetcher's per-host
limits), their bytes kept, and the batch goes down the ordinary ingest path
(:func:`blocwatch.run.ingest`), so cleaning, NLP and stories treat them like any other
input. The feed's title, date and outlet go with each page and fill what the page lacks.

Every step is recorded before the next starts (see ``store/watch.py``), so a watcher
killed at any point resumes where it was: nothing already fetched is fetched again,
nothing stored is stored twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from blocwatch.errors import InputError
from blocwatch.ingest.files import ReadLimits
from blocwatch.ingest.warc import read_warc
from blocwatch.model import ItemStatus, MediaType, RawDocument, WatchItem, content_id
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.pipeline import Pipeline, Rejection, batched
from blocwatch.run import group_pending, ingest
from blocwatch.stages import actors_in, default_pipeline
from blocwatch.store import Store
from blocwatch.store.watch import WatchState
from blocwatch.watch.fetch import Fetched, FetchError, PoliteFetcher
from blocwatch.watch.items import LinkedItem, feed_items, sitemap_items
from blocwatch.watch.sources import Source, SourceKind

Clock = Callable[[], datetime]


@dataclass(slots=True)
class SourceReport:
    """What one poll of one source did, for the terminal and the tests."""

    name: str
    new_items: int = 0
    not_modified: bool = False
    stored: int = 0
    duplicates: int = 0
    fetched: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """Items given up on, as (URL, reason)."""
    retrying: int = 0
    error: str | None = None

    def line(self) -> str:
        if self.error:
            head = f"{self.name}: error: {self.error}"
        elif self.not_modified:
            head = f"{self.name}: not modified"
        else:
            head = f"{self.name}: {self.new_items} new links"
        return (
            f"{head}; fetched {self.fetched}, stored {self.stored}, "
            f"already stored {self.duplicates}, failed {len(self.failures)}, "
            f"to retry {self.retrying}"
        )


@dataclass
class WatchOptions:
    batch_size: int = 32
    """Pages fetched at a time; each page is recorded as it arrives."""
    store_batch: int = 200
    """Fetched pages stored together, one ingest transaction each: the story and cluster
    work of a batch loads the stored state near it once, so fewer, larger batches cost
    less per article. A kill loses none of them (they wait, fetched, for the next run)."""
    page_workers: int = 8
    max_attempts: int = 3
    """Tries before a page that keeps failing (5xx, timeouts) is given up on."""
    max_bytes: int = 10 * 1024 * 1024


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Watcher:
    """Runs cycles over a list of sources against one store; ``stop`` ends it between batches.

    ``pipeline`` is the ingest pipeline (the default one when not given); a lighter one
    serves when only fetching and storing is being checked or measured.
    """

    def __init__(
        self,
        store: Store,
        fetcher: PoliteFetcher,
        *,
        dictionary: ActorDictionary | None = None,
        pipeline: Pipeline | None = None,
        options: WatchOptions | None = None,
        clock: Clock = _utc_now,
        stop: threading.Event | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.store = store
        self.state = WatchState(store)
        self.fetcher = fetcher
        self.options = options or WatchOptions()
        self.dictionary = dictionary or ActorDictionary.default()
        self.pipeline = pipeline or default_pipeline(self.dictionary)
        self.clock = clock
        self.stop = stop or threading.Event()
        self.progress = progress or (lambda _n: None)

    # ------------------------------------------------------------------ schedule

    def due(self, sources: Sequence[Source]) -> list[Source]:
        """Sources never polled, or whose next poll time has come."""
        next_due = {h.name: h.next_due_at for h in self.state.health()}
        now = self.clock()
        return [s for s in sources if (when := next_due.get(s.name)) is None or when <= now]

    def seconds_to_next(self, sources: Sequence[Source]) -> float:
        next_due = {h.name: h.next_due_at for h in self.state.health()}
        now = self.clock()
        waits = [
            (when - now).total_seconds() if (when := next_due.get(s.name)) else 0.0 for s in sources
        ]
        return max(0.0, min(waits, default=60.0))

    def run_cycle(self, sources: Sequence[Source], *, only_due: bool = True) -> list[SourceReport]:
        """Poll the (due) sources one after another, then finish any story work left pending.

        Stored pages join their stories as they are stored (each batch with its own);
        what a failure or an interrupted rebuild left pending is grouped here.
        """
        reports = []
        for source in self.due(sources) if only_due else list(sources):
            if self.stop.is_set():
                break
            reports.append(self.poll(source))
        group_pending(self.store)
        return reports

    # ------------------------------------------------------------------ one source

    def poll(self, source: Source) -> SourceReport:
        report = SourceReport(source.name)
        if source.kind is SourceKind.WARC:
            self._poll_warc(source, report)
        else:
            self._poll_remote(source, report)
            self._work_through(source, report)
        return report

    def _poll_remote(self, source: Source, report: SourceReport) -> None:
        health = self.state.source_health(source.name)
        next_due = self.clock() + timedelta(seconds=source.interval)
        try:
            fetched = self.fetcher.fetch(
                source.url,
                etag=health.etag if health else None,
                last_modified=health.last_modified if health else None,
            )
        except FetchError as exc:
            report.error = exc.reason
            self.state.record_poll(source.name, source.url, next_due_at=next_due, error=exc.reason)
            return
        if fetched.not_modified:
            report.not_modified = True
            self.state.record_poll(source.name, source.url, next_due_at=next_due)
            return
        try:
            items = self._items_of(source, fetched)
        except InputError as exc:
            report.error = exc.reason
            self.state.record_poll(source.name, source.url, next_due_at=next_due, error=exc.reason)
            return
        report.new_items = self.state.add_items(items)
        if source.kind is SourceKind.PAGE and report.new_items:
            self.state.mark_fetched([(items[0], self._document(items[0], fetched))])
        self.state.record_poll(
            source.name,
            source.url,
            next_due_at=next_due,
            validators=(fetched.etag, fetched.last_modified),
        )

    def _items_of(self, source: Source, fetched: Fetched) -> list[WatchItem]:
        if source.kind is SourceKind.FEED:
            links = feed_items(fetched.body, fetched.url)
        elif source.kind is SourceKind.SITEMAP:
            links = sitemap_items(fetched.body, fetched.url)
        else:
            # A polled page is its own item, once per version of its content.
            item_id = content_id(f"{source.url}\n{content_id(fetched.body)}".encode())
            return [self._item(source, LinkedItem(source.url), item_id)]
        unique = {link.url: link for link in links}
        return [self._item(source, link) for link in unique.values()]

    @staticmethod
    def _item(source: Source, link: LinkedItem, item_id: str | None = None) -> WatchItem:
        return WatchItem(
            id=item_id or content_id(link.url.encode("utf-8")),
            url=link.url,
            source=source.name,
            status=ItemStatus.PENDING,
            title=link.title,
            published=link.published,
            summary=link.summary,
            outlet=source.outlet or link.outlet,
            language=source.language or link.language,
        )

    # ------------------------------------------------------------------ items

    def _work_through(self, source: Source, report: SourceReport) -> None:
        items = self.state.open_items(source.name)
        ready: list[tuple[WatchItem, RawDocument]] = []
        with ThreadPoolExecutor(max_workers=self.options.page_workers) as pool:
            for chunk in batched(items, self.options.batch_size):
                if self.stop.is_set():
                    return
                ready += self._fetch_chunk(chunk, pool, report)
                if len(ready) >= self.options.store_batch:
                    self._store(ready, report)
                    ready = []
                self.progress(len(chunk))
        self._store(ready, report)

    def _fetch_chunk(
        self, chunk: list[WatchItem], pool: ThreadPoolExecutor, report: SourceReport
    ) -> list[tuple[WatchItem, RawDocument]]:
        """The chunk's pages ready to store: those fetched now and those fetched before."""
        pending = [item for item in chunk if item.status is ItemStatus.PENDING]
        newly: list[tuple[WatchItem, RawDocument]] = []
        futures = {pool.submit(self._fetch_page, item): item for item in pending}
        for future in as_completed(futures):
            # Each page is recorded the moment it arrives: a kill loses at most those in flight.
            item, outcome = futures[future], future.result()
            if isinstance(outcome, RawDocument):
                self.state.mark_fetched([(item, outcome)])
                newly.append((item, outcome))
                continue
            retry_left = outcome.retryable and item.attempts + 1 < self.options.max_attempts
            self.state.mark_failed(item.id, outcome.reason, retry_left=retry_left)
            if retry_left:
                report.retrying += 1
            else:
                report.failures.append((item.url, outcome.reason))
        report.fetched += len(newly)
        return newly + self._reload([i for i in chunk if i.status is ItemStatus.FETCHED])

    def _store(self, ready: list[tuple[WatchItem, RawDocument]], report: SourceReport) -> None:
        if not ready:
            return
        stored = ingest(
            self.store,
            [doc for _, doc in ready],
            self.pipeline,
            batch_size=self.options.store_batch,
            actors_of=partial(actors_in, dictionary=self.dictionary),
        )
        report.stored += stored.ingested
        report.duplicates += stored.duplicates
        self._settle(ready, stored.rejected, report)

    def _settle(
        self,
        ready: list[tuple[WatchItem, RawDocument]],
        rejected: list[Rejection],
        report: SourceReport,
    ) -> None:
        reasons = {r.source: r.reason for r in rejected}
        for item, doc in ready:
            if doc.source in reasons:
                self.state.mark_failed(item.id, reasons[doc.source], retry_left=False)
                report.failures.append((item.url, reasons[doc.source]))
        self.state.mark_stored(item.id for item, doc in ready if doc.source not in reasons)

    def _reload(self, items: list[WatchItem]) -> list[tuple[WatchItem, RawDocument]]:
        """Items fetched before a restart: their pages come back from the raw store."""
        contents = self.state.raw_contents(i.raw_id for i in items if i.raw_id)
        return [
            (item, self._document(item, None, contents[item.raw_id]))
            for item in items
            if item.raw_id in contents
        ]

    def _fetch_page(self, item: WatchItem) -> RawDocument | FetchError:
        try:
            fetched = self.fetcher.fetch(item.url)
        except FetchError as exc:
            return exc
        kind = fetched.content_type.lower()
        if "html" not in kind and not fetched.body.lstrip()[:15].lower().startswith(
            (b"<!doctype", b"<html")
        ):
            return FetchError(
                f"not an HTML page ({fetched.content_type or 'no content type'})",
                source=fetched.url,
            )
        return self._document(item, fetched)

    @staticmethod
    def _document(
        item: WatchItem, fetched: Fetched | None, body: bytes | None = None
    ) -> RawDocument:
        return RawDocument(
            source=item.url,
            content=fetched.body if fetched else body or b"",
            media_type=MediaType.HTML,
            url=fetched.url if fetched else item.final_url or item.url,
            title=item.title,
            outlet=item.outlet,
            published=item.published,
            encoding=fetched.charset if fetched else item.encoding,
        )

    # ------------------------------------------------------------------ WARC drops

    def _poll_warc(self, source: Source, report: SourceReport) -> None:
        """Every WARC file in the folder is read once (a changed file counts as new)."""
        folder = Path(source.url)
        next_due = self.clock() + timedelta(seconds=source.interval)
        if not folder.is_dir():
            report.error = f"{folder} is not a folder"
            self.state.record_poll(
                source.name, source.url, next_due_at=next_due, error=report.error
            )
            return
        for path in sorted(p for p in folder.iterdir() if ".warc" in p.name):
            if self.stop.is_set():
                break
            stat = path.stat()
            item = self._item(
                source,
                LinkedItem(str(path)),
                content_id(f"{path}\n{stat.st_size}\n{stat.st_mtime_ns}".encode()),
            )
            if not self.state.add_items([item]):
                continue
            report.new_items += 1
            outcome = ingest(
                self.store,
                read_warc(path, ReadLimits(self.options.max_bytes)),
                self.pipeline,
                actors_of=partial(actors_in, dictionary=self.dictionary),
            )
            report.stored += outcome.ingested
            report.duplicates += outcome.duplicates
            report.failures.extend((r.source, r.reason) for r in outcome.rejected)
            self.state.mark_stored([item.id])
        self.state.record_poll(source.name, source.url, next_due_at=next_due)
