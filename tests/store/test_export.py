from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from blocwatch.errors import ConfigError
from blocwatch.model import Event, EventActor, Evidence, Span
from blocwatch.store import ExportFormat, ExportKind, Store, export, export_bytes
from blocwatch.store.export import COLUMNS, GDELT_COLUMNS
from tests.factories import make_article

TEXT = "Kazakhstan and Uzbekistan signed a border treaty. Officials welcomed it."


@pytest.fixture
def filled(store: Store) -> Store:
    article = make_article("a1", TEXT)
    article.origin_agency = ["Xinhua"]
    article.events = [
        Event("AGREE", EventActor("KAZ", "Kazakhstan", "KAZ"), EventActor("UZB", "Uzbekistan", "UZB"), Evidence("a1", 0, Span(0, 49), TEXT[:49]),
              cameo="057", goldstein=8.0, quad_class=1, date="2022-05-12"),
    ]  # fmt: skip
    store.save_articles([article, make_article("a2", "Another text.", day=13)])
    return store


@pytest.mark.parametrize("kind", list(ExportKind))
def test_every_kind_exports_its_columns_in_every_format(filled: Store, kind: ExportKind) -> None:
    lines = export_bytes(filled, kind, ExportFormat.JSONL).decode().splitlines()
    assert all(list(json.loads(line)) == list(COLUMNS[kind]) for line in lines)
    header = next(csv.reader(io.StringIO(export_bytes(filled, kind, ExportFormat.CSV).decode())))
    assert header == list(COLUMNS[kind])
    table = pq.read_table(io.BytesIO(export_bytes(filled, kind, ExportFormat.PARQUET)))
    assert table.column_names == list(COLUMNS[kind])
    assert table.num_rows == len(lines)


def test_article_rows_keep_the_agency_list_and_local_time(filled: Store) -> None:
    rows = [
        json.loads(line)
        for line in export_bytes(filled, ExportKind.ARTICLES, ExportFormat.JSONL)
        .decode()
        .splitlines()
    ]
    assert rows[0]["origin_agency"] == ["Xinhua"]
    assert rows[0]["published_at"] == "2022-05-12T13:03:00+00:00"


def test_events_in_gdelt_layout(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled, ExportKind.EVENTS, ExportFormat.GDELT, out) == 1
    header, row = (line.split("\t") for line in out.getvalue().splitlines())
    record = dict(zip(header, row, strict=True))
    assert header == list(GDELT_COLUMNS)
    assert (
        record["SQLDATE"],
        record["Actor1Code"],
        record["Actor2Code"],
        record["EventRootCode"],
        record["GoldsteinScale"],
    ) == ("20220512", "KAZ", "UZB", "05", "8")


def test_gdelt_is_for_events_only(filled: Store) -> None:
    with pytest.raises(ConfigError):
        export(filled, ExportKind.ARTICLES, ExportFormat.GDELT, io.StringIO())


def test_empty_store_exports_an_empty_parquet_with_columns(sqlite_store: Store) -> None:
    table = pq.read_table(
        io.BytesIO(export_bytes(sqlite_store, ExportKind.QUOTES, ExportFormat.PARQUET))
    )
    assert table.num_rows == 0 and table.column_names == list(COLUMNS[ExportKind.QUOTES])
