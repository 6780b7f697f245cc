"""Writes that run behind the pipeline, on a thread of their own, in the order given.

An ingest alternates two kinds of work: feeding the pipeline (reading, checking for
duplicates, handing batches to the workers, taking their results back) and storing what
comes out (each batch's articles, rejections and story work, in one transaction). Done
in one thread, the workers can run dry while a batch is stored. :class:`WriteBehind`
stores on a second thread, so the next batch is read and handed out meanwhile.

What must not change does not: the work runs one item at a time in the order it was
given, so each batch is still one transaction and sees the stories of the batches
before it, and the store ends up exactly as a run in one thread leaves it. Each item's
result is handed back, in order, on the caller's thread (``done``), so the caller's
report is only ever touched by the caller. The first error stops the writing: work
queued after it is dropped (as a run in one thread would never have reached it) and
the error is raised on the caller's thread at its next :meth:`WriteBehind.submit` or
at :meth:`WriteBehind.finish`. A database that threads cannot share (SQLite in memory:
each thread would see a database of its own) is written on the caller's thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

QUEUED = 4
"""Items that may wait for the writer; the feeding side blocks past that, so memory stays
flat when the database is slower than the pipeline."""


def _ignore(_result: object) -> None:
    return None


class WriteBehind:
    """Runs write work in order on one thread of its own (see the module docstring)."""

    def __init__(self, *, threaded: bool = True, queued: int = QUEUED) -> None:
        self._waiting: queue.Queue[tuple[Callable[[], Any], Callable[[Any], None]] | None]
        self._waiting = queue.Queue(maxsize=queued)
        self._finished: queue.SimpleQueue[tuple[Callable[[Any], None], Any]] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._failed = False
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(
                target=self._write, name="blocwatch-writes", daemon=True
            )
            self._thread.start()

    def __enter__(self) -> WriteBehind:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.finish()
            return
        # The caller failed: what it queued is still written (a run in one thread would
        # have stored those batches before failing), but its own error is the one raised.
        self._stop()
        if self._error is not None:
            log.error("a write failed too while the run stopped: %s", self._error)

    def submit(self, work: Callable[[], T], done: Callable[[T], None] = _ignore) -> None:
        """Run ``work`` after everything submitted before it; ``done`` gets its result on
        this thread, at a later :meth:`submit` or at :meth:`finish`."""
        self._deliver()
        self._raise()
        if self._thread is None:
            done(work())
            return
        self._waiting.put((work, done))

    def finish(self) -> None:
        """Wait for every write, hand back their results, raise the first error."""
        self._stop()
        self._raise()

    def _stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._waiting.put(None)
            self._thread.join()
        self._deliver()

    def _write(self) -> None:
        while (item := self._waiting.get()) is not None:
            work, done = item
            if self._failed:
                continue
            try:
                result = work()
            except BaseException as exc:  # raised again on the caller's thread
                self._error, self._failed = exc, True
                continue
            self._finished.put((done, result))

    def _deliver(self) -> None:
        while True:
            try:
                done, result = self._finished.get_nowait()
            except queue.Empty:
                return
            done(result)

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
