from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from blocwatch.errors import ConfigError
from blocwatch.model import CopyGroup, Event, EventActor, Evidence, Span, Story, SummarySentence
from blocwatch.store import ExportFormat, ExportKind, Store, export, export_bytes
from blocwatch.store.explorer import EventFilter
from blocwatch.store.export import COLUMNS, GDELT_COLUMNS, iter_stories, story_row
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


def _placed(store: Store) -> Store:
    text = "Kazakhstan and Uzbekistan signed a border treaty in Tashkent. Russia accused Ukraine."
    article = make_article("p1", text, day=20)
    article.events = [
        Event("AGREE", EventActor("KAZ", "Kazakhstan", "KAZ"), EventActor("UZB", "Uzbekistan", "UZB"),
              Evidence("p1", 0, Span(0, 49), text[:49]), cameo="057", goldstein=8.0, quad_class=1, place="Tashkent"),
        Event("ACCUSE", EventActor("RUS", "Russia", "RUS"), EventActor("UKR", "Ukraine", "UKR"),
              Evidence("p1", 1, Span(62, 76), text[62:76]), cameo="112", goldstein=-2.0, quad_class=3),
    ]  # fmt: skip
    store.save_articles([article])
    return store


def test_a_filtered_export_holds_only_the_filtered_events_in_every_format(filled: Store) -> None:
    _placed(filled)
    wanted = EventFilter(actor="KAZ", since=date(2022, 5, 15))
    rows = [json.loads(line) for line in export_bytes(filled, ExportKind.EVENTS, ExportFormat.JSONL, wanted).decode().splitlines()]  # fmt: skip
    assert [(r["article_id"], r["type"]) for r in rows] == [("p1", "AGREE")]
    assert (
        rows[0]["sentence_text"] == "Kazakhstan and Uzbekistan signed a border treaty in Tashkent."
    )
    assert (rows[0]["place_country"], round(rows[0]["latitude"])) == ("UZB", 41)
    table = pq.read_table(
        io.BytesIO(export_bytes(filled, ExportKind.EVENTS, ExportFormat.PARQUET, wanted))
    )
    assert table.column("event_id").to_pylist() == [rows[0]["event_id"]]
    assert str(table.schema.field("latitude").type) == "double"
    csv_rows = list(
        csv.DictReader(
            io.StringIO(export_bytes(filled, ExportKind.EVENTS, ExportFormat.CSV, wanted).decode())
        )
    )
    assert [r["event_id"] for r in csv_rows] == [str(rows[0]["event_id"])]


def test_an_unplaced_first_batch_keeps_coordinates_numeric_in_parquet(filled: Store) -> None:
    _placed(filled)
    table = pq.read_table(io.BytesIO(export_bytes(filled, ExportKind.EVENTS, ExportFormat.PARQUET)))
    assert table.column("latitude").to_pylist()[0] is None
    assert str(table.schema.field("latitude").type) == "double"


def test_gdelt_action_geo_columns_carry_the_place(filled: Store) -> None:
    _placed(filled)
    out = io.StringIO()
    export(
        filled,
        ExportKind.EVENTS,
        ExportFormat.GDELT,
        out,
        EventFilter(types=("AGREE",), since=date(2022, 5, 20)),
    )
    header, row = (line.split("\t") for line in out.getvalue().splitlines())
    record = dict(zip(header, row, strict=True))
    assert (
        record["ActionGeo_Type"],
        record["ActionGeo_FullName"],
        record["ActionGeo_CountryCode"],
    ) == ("4", "Tashkent", "UZB")
    assert (
        round(float(record["ActionGeo_Lat"])) == 41 and round(float(record["ActionGeo_Long"])) == 69
    )


def test_filters_are_refused_for_anything_but_events(filled: Store) -> None:
    with pytest.raises(ConfigError, match="events only"):
        export_bytes(filled, ExportKind.ARTICLES, ExportFormat.JSONL, EventFilter(actor="KAZ"))


def test_stories_come_back_as_the_records_that_were_stored(store: Store) -> None:
    wire = make_article("wire", TEXT, outlet="Steppe Wire", day=12)
    copy = make_article("copy", TEXT, outlet="Reprint", day=13)
    store.save_articles([wire, copy])
    group = CopyGroup("wire", ("copy",), ("Steppe Wire", "Reprint"), ("Xinhua",))
    summary = SummarySentence(TEXT[:49], Evidence("wire", 0, Span(0, 49), TEXT[:49]), ("copy",))
    story = Story("s1", "Border treaty", ["wire", "copy"], copy_groups=[group], summary=[summary])
    store.replace_stories([story], {})
    [read] = iter_stories(store)
    assert read.copy_groups == [group]
    assert read.summary == [summary]
    assert (read.id, read.title, read.article_ids) == ("s1", "Border treaty", ["wire", "copy"])
    assert story_row(read)["copy_groups"] == {"wire": ["copy"]}
