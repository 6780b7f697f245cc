"""Rows ready to insert (store/write.py): every column of every table is filled."""

from __future__ import annotations

from blocwatch.store.write import article_rows
from tests.store.test_repository import _rich_article


def test_rows_name_every_column_of_their_table() -> None:
    rows = article_rows(_rich_article())
    for table, values in rows.tables():
        assert values, f"the rich article has no {table.name} rows"
        generated = {c.name for c in table.columns if c.autoincrement is True}
        assert set(values[0]) == {c.name for c in table.columns} - generated, table.name
