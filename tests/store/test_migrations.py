"""Every migration can be undone: the schema taken down to nothing and up again is the
schema a new store gets, on SQLite and PostgreSQL, and a store with rows taken down the
newest revisions and up again still reads its rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from blocwatch.store import Store
from tests.factories import make_article
from tests.migrating import migrate


def shape(store: Store) -> dict[str, Any]:
    """Tables with their columns (name, type, nullability) and indexes (name, columns,
    uniqueness), as the database reports them."""
    found: dict[str, Any] = {}
    with store.engine.connect() as connection:
        inspector = inspect(connection)
        for table in sorted(inspector.get_table_names()):
            if table == "alembic_version":
                continue
            columns = sorted(
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
            )
            indexes = sorted(
                (i["name"] or "", tuple(str(c) for c in i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            )
            found[table] = {"columns": columns, "indexes": indexes}
    return found


def test_down_to_nothing_and_up_again_gives_a_new_stores_schema(store: Store) -> None:
    fresh = shape(store)
    assert "articles" in fresh and "events" in fresh
    migrate(store, "base")
    assert shape(store) == {}
    migrate(store, "head")
    assert shape(store) == fresh


def test_a_store_with_rows_survives_the_newest_revisions_down_and_up(store: Store) -> None:
    article = make_article("a1", "Ministers of Chile and Peru met in Lima. They signed a deal.")
    store.save_articles([article])
    for revision in ("0019", "0017", "0015"):
        migrate(store, revision)
        migrate(store, "head")
        summary = store.article_summary("a1")
        assert summary is not None and summary.title == article.title
