"""How the store talks to its database: the engine, SQLite's settings, errors in one line.

What every connection needs before any blocwatch query runs: SQLite in WAL mode with a
long busy timeout and write transactions that take the lock when they begin, text made
safe before a flush, a read cache that knows when the data changed.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from blocwatch.errors import StoreError
from blocwatch.sanitize import safe_text
from blocwatch.store.cache import ReadCache, postgresql_data_version, sqlite_data_version

SQLITE_BUSY_TIMEOUT_MS = 300_000
"""How long a writer waits for another one (a second ingest's story rebuild) to finish."""


def parse_url(url: str, *, create: bool) -> URL:
    """The URL with the driver blocwatch uses; a SQLite file's folder made when ``create``,
    and a missing file refused when not (a mistyped path is an error, not a new database)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    dialect = parsed.get_backend_name()
    if dialect == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database))
        if not create and not path.is_file():
            raise StoreError(f"no database at {path}: check --db, or ingest something first")
        path.parent.mkdir(parents=True, exist_ok=True)
    return parsed


def engine_for(url: str, parsed: URL) -> Engine:
    """The engine for ``url``; a process forked from this one starts with an empty pool.

    The local executor forks its workers (:class:`~blocwatch.pipeline.LocalExecutor`) from
    a process that may hold open connections. A copy of a connection is the same socket
    or file handle: a worker that used or closed it would talk over the parent's
    conversation with the server. After a fork the child's pool forgets the inherited
    connections without closing them (the parent still owns them) and opens its own if it
    ever needs one.
    """
    try:
        engine = create_engine(parsed, future=True)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise StoreError(
            f"not a database this can use: {url!r} (sqlite:///file.db or postgresql://...)"
        ) from exc
    if hasattr(os, "register_at_fork"):
        held = weakref.ref(engine)

        def forget_inherited_connections() -> None:
            inherited = held()
            if inherited is not None:
                inherited.dispose(close=False)

        os.register_at_fork(after_in_child=forget_inherited_connections)
    return engine


def why(exc: SQLAlchemyError) -> str:
    """The database's own reason in one line, without the statement and its parameters
    (which for a batch of articles is kilobytes of text)."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
    if "database is locked" in reason:
        reason += (
            f" (another process kept writing for more than {SQLITE_BUSY_TIMEOUT_MS // 1000} s;"
            " run again when it has finished)"
        )
    return reason


def safe_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    """Every text column of every new row made safe for the database (no NUL, no lone
    surrogate), so one odd record never fails a whole batch on PostgreSQL or SQLite."""
    for row in session.new:
        for column in row.__mapper__.column_attrs:
            value = getattr(row, column.key)
            if isinstance(value, str):
                cleaned = safe_text(value)
                if cleaned is not value:
                    setattr(row, column.key, cleaned)
            elif isinstance(value, list) and any(isinstance(v, str) for v in value):
                setattr(row, column.key, [safe_text(v) if isinstance(v, str) else v for v in value])


def read_cache(
    engine: Engine, dialect: str, database: str | None
) -> tuple[ReadCache, Callable[[], None]]:
    """A cache of read results for this database, and what closes its watcher."""
    if dialect == "postgresql":
        return ReadCache(postgresql_data_version(engine)), lambda: None
    if dialect == "sqlite" and database not in (None, "", ":memory:"):
        version, close = sqlite_data_version(str(database))
        return ReadCache(version), close
    return ReadCache(None), lambda: None


def sqlite_begin(connection: Any) -> None:
    # A write transaction takes the write lock when it begins (BEGIN IMMEDIATE), so two
    # ingests queue on the busy timeout instead of one failing when it upgrades its
    # read snapshot to a write; reads begin deferred and never block a writer (WAL).
    immediate = connection.get_execution_options().get("blocwatch_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets the web app read while an ingest writes; foreign keys are off by default in SQLite.
    connection.isolation_level = None  # transactions are begun by sqlite_begin
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
