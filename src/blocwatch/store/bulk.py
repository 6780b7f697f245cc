"""Bulk loading: rows straight into tables, ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

The ingest path (:mod:`blocwatch.store.write`) stores what the pipeline finds, one batch
per transaction, with the story and event-cluster work that keeps every page right. A
store of a million articles for measuring pages cannot be built that way on one machine
(the pipeline runs at about 14 articles a second), so scale runs load rows made elsewhere
(``bench/scale_load.py`` replicates a store the pipeline built) through this module.

Rows are dicts of model values keyed by column name, as the tables' own column types take
them (aware datetimes, dates, JSON values, records); each is turned into what the database
takes by the column's type, the same way an ORM write would. On PostgreSQL,
:func:`bulk_session` drops the secondary indexes while the rows stream in and builds them
again once, at the end (one index build is several times cheaper than a million index
updates), and :func:`trust_references` turns off a connection's foreign-key checks: the
rows a loader writes reference rows it wrote itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Table, insert, select, text
from sqlalchemy.engine import Connection, Dialect, make_url
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from blocwatch.store import database, event_counts, relation_periods
from blocwatch.store.schema import Base

_AUTO_ID_TABLES = (
    "mentions",
    "times",
    "quotes",
    "events",
    "summary_sentences",
    "event_clusters",
)
"""Tables whose ``id`` a database sequence gives: moved past the loaded ids afterwards."""


def table(name: str) -> Table:
    """The schema's table called ``name``."""
    return Base.metadata.tables[name]


def stream_rows(
    connection: Connection, name: str, *, order_by: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every row of a table as a dict of model values (what the column types read back)."""
    found = table(name)
    query = select(found)
    if order_by is not None:
        query = query.order_by(found.c[order_by])
    result = connection.execution_options(yield_per=2000).execute(query)
    for row in result:
        yield dict(row._mapping)


def _converter(column: Any, dialect: Dialect) -> Callable[[Any], Any]:
    """How one column's model value becomes the value the COPY stream takes."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        decorated = kind

        def convert(value: Any) -> Any:
            bound = decorated.process_bind_param(value, dialect)
            return json.dumps(bound) if isinstance(decorated.impl, JSON) else bound

        return convert
    if isinstance(kind, JSON):
        return json.dumps
    return lambda value: value


def copy_rows(connection: Connection, name: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """Load rows into one table: ``COPY ... FROM STDIN`` on PostgreSQL, ``executemany`` in
    chunks of 5,000 on SQLite; returns how many. A column a row leaves out takes its default
    (a sequence's next id), so every row of one call must name the same columns."""
    found = table(name)
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    columns = [found.c[key] for key in first]
    if connection.dialect.name != "postgresql":
        return _executemany(connection, found, first, iterator)
    if not connection.in_transaction():
        connection.begin()  # so that the connection's commit() commits the COPY below
    converters = [_converter(column, connection.dialect) for column in columns]
    names = ", ".join(f'"{column.name}"' for column in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    count = 0
    with cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
        for row in chain([first], iterator):
            copy.write_row(
                [
                    convert(row[column.name])
                    for convert, column in zip(converters, columns, strict=True)
                ]
            )
            count += 1
    return count


def _executemany(
    connection: Connection,
    found: Table,
    first: Mapping[str, Any],
    rest: Iterator[Mapping[str, Any]],
) -> int:
    count, chunk = 0, [first]
    statement = insert(found)
    for row in rest:
        chunk.append(row)
        if len(chunk) >= 5000:
            connection.execute(statement, chunk)
            count, chunk = count + len(chunk), []
    connection.execute(statement, chunk)
    return count + len(chunk)


def _secondary_indexes(connection: Connection, names: Iterable[str]) -> list[tuple[str, str]]:
    """Name and definition of every index on these tables that no constraint owns."""
    rows = connection.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
            " AND i.tablename = ANY(:tables) AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
            " WHERE c.conname = i.indexname)"
        ),
        {"tables": list(names)},
    )
    return [(row.indexname, row.indexdef) for row in rows]


def empty_database(url: str) -> None:
    """Drop every table of the store at ``url`` (a SQLite file is deleted), for a fresh load."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(str(parsed.database)).unlink(missing_ok=True)
        return
    engine = database.engine_for(url, database.parse_url(url, create=True))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@contextmanager
def bulk_session(connection: Connection, names: Iterable[str]) -> Iterator[None]:
    """While the block loads these tables (on this connection or others): on PostgreSQL no
    secondary indexes, then, after it, the indexes built again once and the id sequences
    moved past the loaded ids. SQLite loads as it is (its indexes kept up to date)."""
    if connection.dialect.name != "postgresql":
        yield
        return
    tables = list(names)
    indexes = _secondary_indexes(connection, tables)
    for index_name, _ in indexes:
        connection.execute(text(f'DROP INDEX "{index_name}"'))
    connection.commit()
    try:
        yield
    finally:
        connection.rollback()
        connection.execute(text("SET maintenance_work_mem = '512MB'"))
        for _, definition in indexes:
            connection.execute(text(definition))
        for name in tables:
            if name in _AUTO_ID_TABLES:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
                        f" coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"
                    )
                )
        connection.commit()


def trust_references(connection: Connection) -> None:
    """Skip the foreign-key checks of this PostgreSQL connection's writes from now on
    (``session_replication_role = replica``, which needs a superuser): a loader's rows
    reference rows it wrote itself, and a million lookups cost more than the load."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET session_replication_role = replica"))
        connection.commit()


def rebuild_relation_periods(connection: Connection) -> None:
    """Count the relation periods from every stored event cluster (after a load)."""
    session = Session(bind=connection)
    relation_periods.rebuild(session)
    session.flush()


def rebuild_event_counts(connection: Connection) -> None:
    """Count the events per day and facet value from every stored event (after a load)."""
    event_counts.rebuild(connection)


def settle(url: str) -> None:
    """After a load on PostgreSQL: ``VACUUM (ANALYZE)``, which a server without autovacuum
    never runs. ANALYZE gives the planner its statistics; VACUUM sets the visibility map,
    without which an index-only scan reads every row from the table anyway (an actor's
    mention count took 545 ms at 100,000 loaded articles, 70 ms after it)."""
    engine = database.engine_for(url, database.parse_url(url, create=False))
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            autocommit.execute(text("VACUUM (ANALYZE)"))
    engine.dispose()


def database_bytes(url: str) -> int:
    """How much disk the store takes: PostgreSQL's ``pg_database_size`` (tables, indexes
    and TOAST), or the SQLite file's with its write-ahead log (where recent writes sit until
    a checkpoint); what a load leaves behind, beside its speed."""
    parsed = database.parse_url(url, create=False)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        wal = path.with_name(path.name + "-wal")
        return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    engine = database.engine_for(url, parsed)
    with engine.connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())"))
        found = int(size.scalar_one())
    engine.dispose()
    return found
