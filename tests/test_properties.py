"""Properties that hold for any input: no stage crashes on arbitrary text, every span
points into the text it was taken from. hypothesis searches for the input that breaks it.

Settings keep the run short in CI (``max_examples``); ``make fuzz`` runs the same
properties (and atheris on the HTML and date paths) much longer.
"""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.clean import clean_html, clean_text
from blocwatch.clean.dates import claimed_date, metadata_date, parse_date, printed_date
from blocwatch.clean.flat import flat_text
from blocwatch.errors import BlocwatchError, ExtractionError, InputError
from blocwatch.ingest.decode import decode_bytes
from blocwatch.ingest.jsonl import iter_jsonl
from blocwatch.model import MediaType, RawDocument, Rejection
from blocwatch.nlp.dates import extract_times
from blocwatch.nlp.sentences import split_sentences
from blocwatch.sanitize import has_unsafe_text, safe_text

EXAMPLES = int(os.environ.get("BLOCWATCH_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text that looks like news often enough to reach deep code paths, and anything at all.
NEWS_WORDS = st.sampled_from(
    (
        *("Mr.", "Dr.", "U.S.", "said", "met", "on", "12", "May", "2022", "Tuesday", "last"),
        *("week", "in", "Baku", ".", ",", ";", ":", "!", "?", '"', "'", "«", "»", "—", "-"),
        *("(", ")", "[", "]", "\n", "\n\n", "Armenia", "Azerbaijan", "President", "Aliyev"),
        *("3.5", "%", "10:30", "GMT+4", "yesterday", "next", "month", "2021-12-28", "Jan."),
        *("Feb", "29", "1999", "...", "…", "<p>", "</p>", "&", "&amp;", "\t", "\xa0", "\u200b"),
    )
)
NEWSLIKE = st.lists(NEWS_WORDS, max_size=120).map(" ".join)
ANY_TEXT = st.text(max_size=400)
TEXTS = st.one_of(NEWSLIKE, ANY_TEXT)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(list(MediaType)))
def test_decoding_any_bytes_gives_text_or_a_reason(data: bytes, media_type: MediaType) -> None:
    try:
        text = decode_bytes(data, source="x", media_type=media_type)
    except InputError as exc:
        assert exc.reason
        return
    assert isinstance(text, str) and not has_unsafe_text(text)


@SETTINGS
@given(TEXTS)
def test_sentences_cover_the_text_in_order_and_spans_point_into_it(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert previous_end <= sentence.span.start <= sentence.span.end <= len(text)
        assert text[sentence.span.start : sentence.span.end] == sentence.text
        previous_end = sentence.span.end


@SETTINGS
@given(TEXTS, st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))))
def test_times_are_found_with_spans_into_the_text(text: str, published: datetime | None) -> None:
    sentences = split_sentences(text)
    for time in extract_times("a1", text, sentences, published):
        span = time.evidence.span
        assert 0 <= span.start <= span.end <= len(text)
        assert time.evidence.text == text[span.start : span.end]


@SETTINGS
@given(TEXTS)
def test_cleaning_any_text_gives_an_article_or_a_reason(text: str) -> None:
    try:
        result = clean_text(text, source="x")
    except ExtractionError as exc:
        assert exc.reason
        return
    assert result.text.strip()


HTML_PIECES = st.sampled_from(
    (
        *("<html>", "</html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<br>", "</a>"),
        *("<title>Talks</title>", "<h1>Talks resume</h1>", "<script>x()</script>"),
        *("<!-- c -->", "<a href='javascript:x'>", "<table><tr><td>", "<svg><p>", "<?xml?>"),
        "<meta property='article:published_time' content='2022-05-12T10:00:00+25:00'>",
        "<meta name='date' content='0001-01-01T00:00:00+05:00'>",
        *("&#0;", "&#xD800;", "<![CDATA[x]]>"),
        "Leaders met in Baku on Tuesday to discuss the border.",
    )
)
HTML = st.one_of(st.lists(st.one_of(HTML_PIECES, NEWSLIKE), max_size=60).map("".join), ANY_TEXT)


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None)
@given(HTML)
def test_cleaning_any_html_gives_an_article_or_a_reason(html: str) -> None:
    try:
        result = clean_html(html, source="x.html")
    except ExtractionError as exc:
        assert exc.reason
        return
    assert result.text.strip()
    flat_text(html)


@SETTINGS
@given(TEXTS)
def test_date_readers_return_a_date_or_nothing(text: str) -> None:
    for value in (parse_date(text), metadata_date(text)):
        assert value is None or isinstance(value, datetime)
    found = printed_date(text.splitlines())
    assert found is None or isinstance(found.value, datetime)
    try:
        parsed = claimed_date(text)
    except ValueError:
        return
    if parsed.tzinfo is not None:
        parsed.astimezone(UTC)


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(), inner, max_size=3)
    ),
    max_leaves=10,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(TEXTS, JSON_VALUES),
        "html": st.one_of(HTML, JSON_VALUES),
        "title": st.one_of(st.text(), JSON_VALUES),
        "url": st.one_of(st.text(), JSON_VALUES),
        "published": st.one_of(st.text(), JSON_VALUES),
    },
)
LINES = st.one_of(
    RECORDS.map(lambda r: json.dumps(r).encode()),
    st.binary(max_size=200).filter(lambda b: b"\n" not in b),
)


@SETTINGS
@given(st.lists(LINES, max_size=8), st.integers(min_value=8, max_value=4000))
def test_the_json_lines_reader_reads_or_rejects_every_line(lines: list[bytes], limit: int) -> None:
    stream = io.BytesIO(b"\n".join(lines) + b"\n")
    results = list(iter_jsonl(stream, "x.jsonl", limit))
    expected = sum(1 for line in lines if line.strip())
    assert len(results) == expected
    for result in results:
        assert isinstance(result, RawDocument | Rejection)
        if isinstance(result, RawDocument):
            for value in (result.title, result.url, result.outlet, result.content.decode()):
                assert value is None or not has_unsafe_text(value)


@SETTINGS
@given(st.text())
def test_safe_text_keeps_length_and_removes_what_databases_refuse(text: str) -> None:
    safe = safe_text(text)
    assert len(safe) == len(text) and not has_unsafe_text(safe)
    safe.encode("utf-8")


def test_errors_are_blocwatch_errors() -> None:
    assert issubclass(InputError, BlocwatchError) and issubclass(ExtractionError, BlocwatchError)
