"""Read results kept until the database changes, so pages that count over the corpus answer
from memory when nothing was written since they last asked.

Every entry is keyed by the database's *data version*, a stamp that changes whenever any
connection commits a write, from this process or another (an ingest, the watcher):

- SQLite: ``PRAGMA data_version`` on a connection of the cache's own that never writes.
  SQLite documents this pragma for exactly this use: its value changes when another
  connection commits to the file.
- PostgreSQL: ``pg_current_snapshot()``, which changes whenever a transaction that writes
  begins or ends anywhere on the server. Writes to other databases invalidate too: the
  stamp errs towards recomputing, never towards a stale page.

The stamp is read before the query runs, so a write that lands in between is at worst
cached under the old stamp, which the next request no longer matches. An in-memory SQLite
database has no second connection to watch it with: nothing is cached there. Cached
results are shared between requests and must not be mutated by their readers.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import Engine, text

P = ParamSpec("P")
R = TypeVar("R")

DataVersion = Callable[[], Hashable | None]
"""A callable returning the current stamp, or None when it cannot tell (then: no cache)."""


def sqlite_data_version(path: str) -> tuple[DataVersion, Callable[[], None]]:
    """The data version of the SQLite file at ``path``, and a function closing its watcher."""
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    lock = threading.Lock()

    def version() -> Hashable | None:
        with lock:
            try:
                row = connection.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                return None
        return int(row[0]) if row else None

    return version, connection.close


def postgresql_data_version(engine: Engine) -> DataVersion:
    """The server's current snapshot (``xmin:xmax:in-progress``) as the stamp."""

    def version() -> Hashable | None:
        with engine.connect() as connection:
            value = connection.execute(text("SELECT pg_current_snapshot()::text")).scalar()
        return str(value) if value is not None else None

    return version


class ReadCache:
    """Results of read functions per arguments, dropped as soon as the data version moves."""

    def __init__(self, version: DataVersion | None, *, size: int = 512) -> None:
        self._version = version
        self._size = size
        self._stamp: Hashable | None = None
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        """Forget every entry (benchmarks use it to time pages as their first reader)."""
        with self._lock:
            self._entries.clear()

    def get(self, key: Hashable, compute: Callable[[], R]) -> R:
        """The cached result for ``key``, else ``compute()`` (kept for the next caller)."""
        stamp = self._version() if self._version is not None else None
        if stamp is None:
            return compute()
        with self._lock:
            if stamp != self._stamp:
                self._entries.clear()
                self._stamp = stamp
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]  # type: ignore[return-value]
            self.misses += 1
        result = compute()
        with self._lock:
            if stamp == self._stamp:
                self._entries[key] = result
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return result


class HasReadCache(Protocol):
    @property
    def reads(self) -> ReadCache: ...


S = TypeVar("S", bound=HasReadCache)


def cached_read(fn: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """``fn(store, ...)`` answered from ``store.reads`` while the database is unchanged.

    Arguments must be hashable to be cached (filters are frozen records); a call with an
    unhashable argument (a list) is computed every time.
    """

    @functools.wraps(fn)
    def read(store: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:
            return fn(store, *args, **kwargs)
        return store.reads.get(key, lambda: fn(store, *args, **kwargs))

    return read


__all__ = [
    "DataVersion",
    "ReadCache",
    "cached_read",
    "postgresql_data_version",
    "sqlite_data_version",
]
