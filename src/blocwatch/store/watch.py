"""The watcher's state in the database: source health and every item's progress.

Resuming after a crash rests on two writes. A fetched page's raw bytes are saved in the
same transaction that marks its item ``fetched``, so a restart reads them back instead of
fetching again; an item becomes ``stored`` only after its article is committed, and the
ingest path skips what is already stored, so replaying a ``fetched`` item is harmless.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select

from blocwatch.model import ItemStatus, RawDocument, SourceHealth, WatchItem
from blocwatch.store.repository import Store, add_raw_rows
from blocwatch.store.schema import RawDocumentRow
from blocwatch.store.watch_tables import WatchCursorRow, WatchItemRow, WatchSourceRow

OPEN_STATUSES = (ItemStatus.PENDING.value, ItemStatus.FETCHED.value)


def _item_of(row: WatchItemRow) -> WatchItem:
    return WatchItem(
        id=row.id,
        url=row.url,
        source=row.source,
        status=ItemStatus(row.status),
        title=row.title,
        published=row.published,
        summary=row.summary,
        outlet=row.outlet,
        language=row.language,
        final_url=row.final_url,
        encoding=row.encoding,
        raw_id=row.raw_id,
        attempts=row.attempts,
        reason=row.reason,
    )


class WatchState:
    """Reads and writes the watcher's tables of one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------ sources

    def health(self) -> list[SourceHealth]:
        """Every source the watcher has polled, with item counts by status."""
        with self.store.session() as session:
            counts: dict[str, Counter[str]] = {}
            query = select(WatchItemRow.source, WatchItemRow.status, func.count()).group_by(
                WatchItemRow.source, WatchItemRow.status
            )
            for source, status, count in session.execute(query):
                counts.setdefault(source, Counter())[status] = count
            rows = session.scalars(select(WatchSourceRow).order_by(WatchSourceRow.name)).all()
            return [self._health_of(row, counts.get(row.name, Counter())) for row in rows]

    def source_health(self, name: str) -> SourceHealth | None:
        return next((h for h in self.health() if h.name == name), None)

    @staticmethod
    def _health_of(row: WatchSourceRow, counts: Counter[str]) -> SourceHealth:
        return SourceHealth(
            name=row.name,
            url=row.url,
            etag=row.etag,
            last_modified=row.last_modified,
            last_polled_at=row.last_polled_at,
            last_success_at=row.last_success_at,
            last_error=row.last_error,
            last_error_at=row.last_error_at,
            next_due_at=row.next_due_at,
            items_seen=sum(counts.values()),
            items_stored=counts[ItemStatus.STORED.value],
            items_failed=counts[ItemStatus.FAILED.value],
        )

    def record_poll(
        self,
        name: str,
        url: str,
        *,
        next_due_at: datetime,
        error: str | None = None,
        validators: tuple[str | None, str | None] | None = None,
    ) -> None:
        """A poll's outcome; ``validators`` (ETag, Last-Modified) replace the old ones when given."""
        now = datetime.now(UTC)
        with self.store._write() as session:
            row = session.get(WatchSourceRow, name)
            if row is None:
                row = WatchSourceRow(name=name, url=url)
                session.add(row)
            row.url = url
            row.last_polled_at = now
            row.next_due_at = next_due_at
            if error is None:
                row.last_success_at = now
            else:
                row.last_error, row.last_error_at = error, now
            if validators is not None:
                row.etag, row.last_modified = validators

    def forget_source(self, name: str) -> None:
        with self.store._write() as session:
            row = session.get(WatchSourceRow, name)
            if row is not None:
                session.delete(row)

    # ------------------------------------------------------------------ items

    def add_items(self, items: Sequence[WatchItem]) -> int:
        """Record newly seen links; those already known (any status) are left alone."""
        if not items:
            return 0
        now = datetime.now(UTC)
        with self.store._write() as session:
            ids = list({item.id for item in items})
            present = set(session.scalars(select(WatchItemRow.id).where(WatchItemRow.id.in_(ids))))
            added = 0
            for item in items:
                if item.id in present:
                    continue
                present.add(item.id)
                session.add(
                    WatchItemRow(
                        id=item.id,
                        url=item.url,
                        source=item.source,
                        status=item.status.value,
                        title=item.title,
                        published=item.published,
                        summary=item.summary,
                        outlet=item.outlet,
                        language=item.language,
                        attempts=0,
                        first_seen_at=now,
                        updated_at=now,
                    )
                )
                added += 1
            return added

    def open_items(self, source: str) -> list[WatchItem]:
        """Items of ``source`` not yet stored or given up on, oldest first."""
        with self.store.session() as session:
            rows = session.scalars(
                select(WatchItemRow)
                .where(WatchItemRow.source == source, WatchItemRow.status.in_(OPEN_STATUSES))
                .order_by(WatchItemRow.first_seen_at, WatchItemRow.id)
            )
            return [_item_of(row) for row in rows]

    def items(
        self, *, source: str | None = None, status: ItemStatus | None = None, limit: int = 1000
    ) -> list[WatchItem]:
        query = select(WatchItemRow)
        if source:
            query = query.where(WatchItemRow.source == source)
        if status:
            query = query.where(WatchItemRow.status == status.value)
        query = query.order_by(WatchItemRow.updated_at.desc(), WatchItemRow.id).limit(limit)
        with self.store.session() as session:
            return [_item_of(row) for row in session.scalars(query)]

    def mark_fetched(self, fetched: Sequence[tuple[WatchItem, RawDocument]]) -> None:
        """Keep each page's raw bytes and mark its item fetched, in one transaction."""
        if not fetched:
            return
        now = datetime.now(UTC)
        with self.store._write() as session:
            add_raw_rows(session, [doc for _, doc in fetched], now)
            for item, doc in fetched:
                row = session.get(WatchItemRow, item.id)
                if row is not None:
                    row.status = ItemStatus.FETCHED.value
                    row.final_url, row.encoding, row.raw_id = doc.url, doc.encoding, doc.id
                    row.updated_at = now

    def mark_stored(self, ids: Iterable[str], note: str | None = None) -> None:
        self._set_status(ids, ItemStatus.STORED, note)

    def mark_failed(self, item_id: str, reason: str, *, retry_left: bool) -> None:
        """A failed attempt: back to pending while retries are left, failed for good otherwise."""
        now = datetime.now(UTC)
        with self.store._write() as session:
            row = session.get(WatchItemRow, item_id)
            if row is None:
                return
            row.attempts += 1
            row.reason = reason
            row.status = (ItemStatus.PENDING if retry_left else ItemStatus.FAILED).value
            row.updated_at = now

    def _set_status(self, ids: Iterable[str], status: ItemStatus, note: str | None) -> None:
        wanted = list(set(ids))
        if not wanted:
            return
        now = datetime.now(UTC)
        with self.store._write() as session:
            for row in session.scalars(select(WatchItemRow).where(WatchItemRow.id.in_(wanted))):
                row.status, row.reason, row.updated_at = status.value, note, now

    def raw_contents(self, raw_ids: Iterable[str]) -> dict[str, bytes]:
        wanted = list(set(raw_ids))
        with self.store.session() as session:
            rows = session.execute(
                select(RawDocumentRow.id, RawDocumentRow.content).where(
                    RawDocumentRow.id.in_(wanted)
                )
            )
            return {raw_id: bytes(content) for raw_id, content in rows}

    # ------------------------------------------------------------------ cursors

    def cursor(self, name: str) -> datetime | None:
        with self.store.session() as session:
            row = session.get(WatchCursorRow, name)
            return row.position if row else None

    def set_cursor(self, name: str, position: datetime) -> None:
        with self.store._write() as session:
            row = session.get(WatchCursorRow, name)
            if row is None:
                session.add(WatchCursorRow(name=name, position=position))
            else:
                row.position = position
