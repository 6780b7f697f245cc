"""Exports: articles, mentions, quotes, dates, events and stories as JSON lines, CSV or Parquet.

Rows are plain dicts with a fixed column order per kind (the documented export schema),
streamed from the database, so an export of a large store does not hold it in memory
(Parquet is written in row groups for the same reason). Events can also be written in a
GDELT-like tab-separated layout for tools that already read GDELT.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import fields
from enum import StrEnum
from typing import IO, Any

from sqlalchemy import select

from blocwatch.errors import ConfigError
from blocwatch.model import Evidence, Span, Story, SummarySentence
from blocwatch.nlp.languages import support
from blocwatch.store.explorer import EventFilter, EventView, iter_events
from blocwatch.store.repository import Store
from blocwatch.store.schema import (
    ArticleRow,
    MentionRow,
    QuoteRow,
    StoryRow,
    SummarySentenceRow,
    TimeRow,
)


class ExportKind(StrEnum):
    ARTICLES = "articles"
    MENTIONS = "mentions"
    QUOTES = "quotes"
    DATES = "dates"
    EVENTS = "events"
    STORIES = "stories"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"
    GDELT = "gdelt"


COLUMNS: dict[ExportKind, tuple[str, ...]] = {
    ExportKind.ARTICLES: ("id", "url", "outlet", "title", "published_at", "language", "read_as", "origin_agency", "text", "raw_path"),
    ExportKind.MENTIONS: (
        "article_id", "actor_id", "name", "kind", "country", "role", "start", "end", "sentence", "role_start", "role_end", "claim",
    ),
    ExportKind.QUOTES: ("article_id", "speaker", "speaker_actor_id", "cue", "text", "kind", "sentence", "start", "end"),
    ExportKind.DATES: ("article_id", "text", "value", "precision", "anchor", "start", "end", "sentence"),
    ExportKind.STORIES: ("story_id", "title", "first_seen", "last_seen", "article_ids", "copy_groups", "summary"),
}  # fmt: skip


_BATCH = 500


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _article_rows(store: Store) -> Iterator[dict[str, Any]]:
    with store.session() as session:
        query = select(ArticleRow).order_by(
            ArticleRow.published_at.asc().nulls_last(), ArticleRow.id
        )
        for row in session.scalars(query.execution_options(yield_per=_BATCH)):
            yield {
                "id": row.id,
                "url": row.url,
                "outlet": row.outlet,
                "title": row.title,
                "published_at": row.published_local,
                "language": row.language,
                "read_as": support(row.language).note,
                "origin_agency": list(row.origin_agency or ()),
                "text": row.text,
                "raw_path": row.raw_path,
            }


def _mention_rows(store: Store) -> Iterator[dict[str, Any]]:
    with store.session() as session:
        query = select(MentionRow).order_by(MentionRow.article_id, MentionRow.start)
        for m in session.scalars(query.execution_options(yield_per=_BATCH)):
            yield {
                "article_id": m.article_id,
                "actor_id": m.actor_id,
                "name": m.name,
                "kind": m.kind,
                "country": m.country,
                "role": m.role,
                "start": m.start,
                "end": m.end,
                "sentence": m.sentence_index,
                "role_start": _iso(m.role_start),
                "role_end": _iso(m.role_end),
                "claim": m.claim,
            }


def _quote_rows(store: Store) -> Iterator[dict[str, Any]]:
    with store.session() as session:
        query = select(QuoteRow).order_by(QuoteRow.article_id, QuoteRow.start)
        for q in session.scalars(query.execution_options(yield_per=_BATCH)):
            yield {
                "article_id": q.article_id,
                "speaker": q.speaker,
                "speaker_actor_id": q.speaker_actor_id,
                "cue": q.cue,
                "text": q.text,
                "kind": q.kind,
                "sentence": q.sentence_index,
                "start": q.start,
                "end": q.end,
            }


def _date_rows(store: Store) -> Iterator[dict[str, Any]]:
    with store.session() as session:
        query = select(TimeRow).order_by(TimeRow.article_id, TimeRow.start)
        for t in session.scalars(query.execution_options(yield_per=_BATCH)):
            yield {
                "article_id": t.article_id,
                "text": t.text,
                "value": t.value,
                "precision": t.precision,
                "anchor": t.anchor,
                "start": t.start,
                "end": t.end,
                "sentence": t.sentence_index,
            }


EVENT_COLUMNS: dict[str, str] = {
    "event_id": "id", "article_id": "article_id", "type": "type", "mode": "mode", "cameo": "cameo",
    "goldstein": "goldstein", "quad_class": "quad_class",
    "source_actor_id": "source_actor_id", "source_name": "source_name", "source_code": "source_code",
    "target_actor_id": "target_actor_id", "target_name": "target_name", "target_code": "target_code",
    "date": "date", "place": "place", "place_name": "place_name", "place_country": "place_country",
    "latitude": "latitude", "longitude": "longitude", "status": "status", "claimed_by": "claimed_by",
    "confidence": "confidence", "published_at": "published", "outlet": "outlet", "story_id": "story_id",
    "url": "url", "sentence": "sentence_index", "start": "start", "end": "end",
    "evidence": "evidence", "sentence_text": "sentence", "place_precision": "place_precision",
    "tone": "tone", "article_tone": "article_tone",
}  # fmt: skip
"""Export column → :class:`~blocwatch.store.explorer.EventView` field: one record, two names."""
COLUMNS[ExportKind.EVENTS] = tuple(EVENT_COLUMNS)


def _event_rows(store: Store, events: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    for view in iter_events(store, events or EventFilter(include_copies=True), batch=_BATCH):
        row = {column: getattr(view, name) for column, name in EVENT_COLUMNS.items()}
        row["published_at"] = _iso(view.published)
        yield row


def iter_stories(store: Store) -> Iterator[Story]:
    """Every stored story as its record, with articles, copy groups and summary; oldest first."""
    with store.session() as session:
        for story in session.scalars(
            select(StoryRow).order_by(StoryRow.first_seen.asc().nulls_last(), StoryRow.id)
        ):
            article_ids = list(
                session.scalars(
                    select(ArticleRow.id)
                    .where(ArticleRow.story_id == story.id)
                    .order_by(ArticleRow.published_at)
                )
            )
            summary = session.scalars(
                select(SummarySentenceRow)
                .where(
                    SummarySentenceRow.story_id == story.id,
                    SummarySentenceRow.summary_of == story.id,
                )
                .order_by(SummarySentenceRow.position)
            )
            yield Story(
                story.id,
                story.title,
                article_ids,
                story.first_seen,
                story.last_seen,
                story.copy_groups,
                [
                    SummarySentence(
                        s.text,
                        Evidence(s.article_id, s.sentence_index, Span(s.start, s.end), s.text),
                        tuple(s.supporting_article_ids or ()),
                    )
                    for s in summary
                ],
            )


def story_row(story: Story) -> dict[str, Any]:
    """A story as the export writes it: copy groups as canonical id → copy ids."""
    return {
        "story_id": story.id,
        "title": story.title,
        "first_seen": _iso(story.first_seen),
        "last_seen": _iso(story.last_seen),
        "article_ids": story.article_ids,
        "copy_groups": {g.canonical_id: list(g.copy_ids) for g in story.copy_groups},
        "summary": [
            {
                "text": s.text,
                "article_id": s.evidence.article_id,
                "sentence": s.evidence.sentence_index,
                "start": s.evidence.span.start,
                "end": s.evidence.span.end,
                "supporting_article_ids": list(s.supporting_article_ids),
            }
            for s in story.summary
        ],
    }


def _story_rows(store: Store) -> Iterator[dict[str, Any]]:
    return (story_row(story) for story in iter_stories(store))


_ROWS: dict[ExportKind, Callable[[Store], Iterator[dict[str, Any]]]] = {
    ExportKind.ARTICLES: _article_rows,
    ExportKind.MENTIONS: _mention_rows,
    ExportKind.QUOTES: _quote_rows,
    ExportKind.DATES: _date_rows,
    ExportKind.EVENTS: _event_rows,
    ExportKind.STORIES: _story_rows,
}


def export_rows(
    store: Store, kind: ExportKind, events: EventFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of one kind, each with exactly the documented columns, in order.

    ``events`` filters an events export (the explorer's filter); other kinds take none.
    Without a filter an events export holds every event, syndicated copies' too.
    """
    if events is not None and kind is not ExportKind.EVENTS:
        raise ConfigError(f"filters apply to events only, not to {kind.value}")
    columns = COLUMNS[kind]
    rows = _event_rows(store, events) if kind is ExportKind.EVENTS else _ROWS[kind](store)
    for row in rows:
        yield {column: row[column] for column in columns}


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str], columns: tuple[str, ...]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def _arrow_types(kind: ExportKind) -> dict[str, str]:
    """Column types an export must keep even when its first rows are empty (events' floats)."""
    if kind is not ExportKind.EVENTS:
        return {}
    annotations = {f.name: str(f.type) for f in fields(EventView)}
    kinds = {"float": "float64", "int": "int64", "bool": "bool"}
    types = {}
    for column, name in EVENT_COLUMNS.items():
        base = annotations[name].split("|")[0].strip()
        types[column] = kinds.get(base, "string")
    return types


def write_parquet(
    rows: Iterator[dict[str, Any]],
    out: IO[bytes],
    columns: tuple[str, ...],
    types: dict[str, str] | None = None,
) -> int:
    """Lists and mappings become JSON text columns, so every kind has a flat, typed schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = (
        pa.schema([(c, pa.type_for_alias(types[c])) for c in columns])
        if types and all(c in types for c in columns)
        else None
    )
    writer: pq.ParquetWriter | None = None
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer
        table = pa.Table.from_pylist(
            [{k: _cell(v) for k, v in row.items()} for row in batch], schema=schema
        )
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema)
        else:
            table = table.cast(writer.schema)
        writer.write_table(table)
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= 5000:
            flush()
    if batch or writer is None:
        if not batch:
            table = (
                schema.empty_table()
                if schema is not None
                else pa.table({c: pa.array([], pa.string()) for c in columns})
            )
            writer = pq.ParquetWriter(out, table.schema)
            writer.write_table(table)
        else:
            flush()
    assert writer is not None
    writer.close()
    return count


GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "PLOVERType", "Status",
    "SentenceIndex", "SpanStart", "SpanEnd", "ArticleId", "SOURCEURL",
)  # fmt: skip


_GEO_TYPE = {"country": "1", "city": "4"}
"""GDELT's ActionGeo_Type: 1 a country, 4 a world city."""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def write_gdelt(store: Store, out: IO[str], events: EventFilter | None = None) -> int:
    """Events as tab-separated rows in GDELT 1.0 column names (plus evidence columns).

    ActionGeo_CountryCode is ISO 3166-1 alpha-3 (GDELT 1.0 uses FIPS codes).
    """
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for number, row in enumerate(_event_rows(store, events), start=1):
        cameo = row["cameo"] or ""
        day = (row["date"] or "")[:10].replace("-", "")
        values = [
            str(number), day if len(day) == 8 else "",
            row["source_code"] or "", row["source_name"] or "", row["source_code"] or "",
            row["target_code"] or "", row["target_name"] or "", row["target_code"] or "",
            "1", cameo, cameo[:3], cameo[:2],
            "" if row["quad_class"] is None else str(row["quad_class"]),
            _number(row["goldstein"]),
            _GEO_TYPE.get(row["place_precision"] or "", ""), row["place"] or "",
            row["place_country"] or "", _number(row["latitude"]), _number(row["longitude"]),
            row["type"], row["status"],
            str(row["sentence"]), str(row["start"]), str(row["end"]), row["article_id"], row["url"] or "",
        ]  # fmt: skip
        out.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values) + "\n")
        count += 1
    return count


def export(
    store: Store,
    kind: ExportKind,
    fmt: ExportFormat,
    out: IO[Any],
    events: EventFilter | None = None,
) -> int:
    """Write one kind in one format to ``out`` (text for jsonl/csv/gdelt, binary for parquet)."""
    if fmt is ExportFormat.GDELT:
        if kind is not ExportKind.EVENTS:
            raise ConfigError("the gdelt format is for events only: use --what events")
        return write_gdelt(store, out, events)
    rows = export_rows(store, kind, events)
    if fmt is ExportFormat.JSONL:
        return write_jsonl(rows, out)
    if fmt is ExportFormat.CSV:
        return write_csv(rows, out, COLUMNS[kind])
    return write_parquet(rows, out, COLUMNS[kind], _arrow_types(kind))


def export_bytes(
    store: Store, kind: ExportKind, fmt: ExportFormat, events: EventFilter | None = None
) -> bytes:
    """The whole export in memory (for web downloads)."""
    if fmt is ExportFormat.PARQUET:
        binary = io.BytesIO()
        export(store, kind, fmt, binary, events)
        return binary.getvalue()
    text = io.StringIO()
    export(store, kind, fmt, text, events)
    return text.getvalue().encode("utf-8")
