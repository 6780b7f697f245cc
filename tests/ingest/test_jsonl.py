"""JSON lines records: bounded lines, bad fields dropped with a warning, unsafe text made safe."""

from __future__ import annotations

import io
import json

import pytest

from blocwatch.ingest.jsonl import bounded_lines, iter_jsonl, jsonl_record
from blocwatch.model import RawDocument, Rejection

BODY = (
    "Armenia and Azerbaijan resumed border talks in Brussels on Tuesday. "
    "The foreign ministers agreed to meet again next month."
)


class CountingStream(io.BytesIO):
    """Remembers the largest piece any single read returned."""

    largest = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        piece = super().readline(size)
        self.largest = max(self.largest, len(piece))
        return piece


def test_a_line_over_the_limit_is_refused_without_being_held() -> None:
    huge = b'{"text": "' + b"a" * 3_000_000 + b'"}\n'
    stream = CountingStream(huge + json.dumps({"text": BODY}).encode() + b"\n")
    results = list(iter_jsonl(stream, "big.jsonl", 10_000))
    assert isinstance(results[0], Rejection)
    assert results[0].source == "big.jsonl:1"
    assert results[0].reason == f"record too large: {len(huge):,} bytes (limit 10,000)"
    assert isinstance(results[1], RawDocument) and results[1].source == "big.jsonl:2"
    assert stream.largest <= 1 << 16


def test_lines_are_whole_and_a_last_line_needs_no_newline() -> None:
    assert list(bounded_lines(io.BytesIO(b"ab\ncd"), 10)) == [b"ab\n", b"cd"]
    assert list(bounded_lines(io.BytesIO(b"0123456789\n"), 10)) == [b"0123456789\n"]
    assert list(bounded_lines(io.BytesIO(b"0123456789x\nok\n"), 10)) == [12, b"ok\n"]


@pytest.mark.parametrize(
    "published",
    ["not a date", "9999-99-99", "2022-02-30", 1650000000, "2022-05-12T10:00:00+25:00"],
)
def test_a_bad_published_date_is_dropped_and_the_article_kept(published: object) -> None:
    line = json.dumps({"text": BODY, "title": "Talks resume", "published": published})
    doc = jsonl_record(line.encode(), "feed.jsonl:3")
    assert doc.published is None and doc.title == "Talks resume"
    assert doc.content == BODY.encode()
    [warning] = doc.warnings
    assert warning.startswith("published ") and "not an ISO 8601 date" in warning


def test_a_good_date_is_kept_without_a_warning() -> None:
    doc = jsonl_record(
        json.dumps({"text": BODY, "published": "2022-05-12T10:00:00+04:00"}).encode(), "x"
    )
    assert doc.published == "2022-05-12T10:00:00+04:00" and doc.warnings == ()


def test_a_title_that_is_not_text_is_dropped_not_stored_as_repr() -> None:
    doc = jsonl_record(json.dumps({"text": BODY, "title": ["Talks", 1], "url": 7}).encode(), "x")
    assert doc.title is None and doc.url is None
    assert doc.warnings == ("url is a int, not text: dropped", "title is a list, not text: dropped")


def test_lone_surrogates_and_nul_are_replaced_in_place() -> None:
    line = b'{"text": "Talks \\ud800resumed\\u0000 in Baku.", "title": "Talks \\udc00 \\u0000"}'
    doc = jsonl_record(line, "x")
    assert doc.content.decode("utf-8") == "Talks \ufffdresumed  in Baku."
    assert doc.title == "Talks \ufffd"


def test_a_record_nested_past_python_s_recursion_limit_is_one_rejection() -> None:
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    stream = io.BytesIO(deep + json.dumps({"text": BODY}).encode())
    first, second = iter_jsonl(stream, "deep.jsonl", 1_000_000)
    assert isinstance(first, Rejection) and "nested too deeply" in first.reason
    assert isinstance(second, RawDocument)
