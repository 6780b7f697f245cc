"""Rows ready to insert (store/write.py): every column of every table is filled."""

from __future__ import annotations

from datetime import UTC, datetime

from blocwatch.store import Store
from blocwatch.store.write import article_rows, safe_rows
from tests.factories import make_article
from tests.store.test_repository import _rich_article


def test_rows_name_every_column_of_their_table() -> None:
    rows = article_rows(_rich_article())
    for table, values in rows.tables():
        assert values, f"the rich article has no {table.name} rows"
        generated = {c.name for c in table.columns if c.autoincrement is True}
        assert set(values[0]) == {c.name for c in table.columns} - generated, table.name


def test_rows_made_safe_in_a_worker_are_stored_as_made(sqlite_store: Store) -> None:
    """A NUL in a title is replaced where the rows are made; the writer takes them as they
    are, with the time of storage, not of the analysis."""
    article = make_article("w1", "Officials met in Baku on Monday. They spoke of transit.")
    article.title = "Transit\x00 talks"
    rows = safe_rows(article_rows(article, datetime(2001, 1, 1, tzinfo=UTC)))
    assert rows.safe and rows.articles[0]["title"] == "Transit  talks"
    with sqlite_store.batch() as writer:
        [stored] = writer.insert_articles([article], {"w1": rows})
    assert stored.id == "w1"
    summary = sqlite_store.article_summary("w1")
    assert summary is not None and summary.title == "Transit  talks"
    assert rows.articles[0]["ingested_at"].year > 2001
