"""Publication dates: printed forms, datelines, HTML metadata; never teaser or crawl dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from blocwatch.clean import clean_html, clean_text
from blocwatch.clean.dates import dateline_date, is_date_line, parse_date, printed_date

IST = timezone(timedelta(hours=5, minutes=30))
BODY = (
    "Foreign ministers from five countries met in Tashkent and agreed on a plan to simplify "
    "customs checks along their shared borders, officials said on Friday evening."
)


def test_first_published_with_indian_time_zone() -> None:
    found = printed_date(["First Published: Thu, May 12 2022. 13:03 IST"])
    assert found is not None
    assert found.value == datetime(2022, 5, 12, 13, 3, tzinfo=IST)
    assert found.source == "printed"


def test_numeric_day_month_year_with_time() -> None:
    found = printed_date(["Published 12.04.2024 14:05"])
    assert found is not None
    assert found.value == datetime(2024, 4, 12, 14, 5)
    assert found.value.tzinfo is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Posted on 3 March 2021 at 5:30 pm GMT",
            datetime(2021, 3, 3, 17, 30, tzinfo=UTC),
        ),
        (
            "Published: 2023-11-02T10:00:00+03:00",
            datetime(2023, 11, 2, 10, tzinfo=timezone(timedelta(hours=3))),
        ),
        ("Publication date: November 2, 2023", datetime(2023, 11, 2)),
    ],
)
def test_other_printed_forms(text: str, expected: datetime) -> None:
    found = printed_date([text])
    assert found is not None
    assert found.value == expected


def test_published_beats_updated() -> None:
    found = printed_date(
        ["Updated: May 14 2022 10:00 IST", "First Published: May 12 2022 13:03 IST"]
    )
    assert found is not None
    assert found.value.day == 12


def test_unlabelled_teaser_dates_far_down_the_page_are_ignored() -> None:
    lines = [
        "Headline",
        BODY,
        *["filler line"] * 10,
        "On December 1, 2023, China accepted an envoy",
    ]
    assert printed_date(lines) is None


def test_dateline_with_year_gives_a_low_confidence_date() -> None:
    found = dateline_date("MOSCOW, May 12, 2022 (TASS) - Ministers met on Friday.")
    assert found is not None
    assert found.value == datetime(2022, 5, 12)
    assert found.source == "dateline"
    assert found.confidence < 0.7


def test_dateline_without_year_gives_no_date() -> None:
    assert dateline_date("New Delhi, May 12: Russia will be hoping for support.") is None


def test_date_without_year_is_a_date_line_but_not_a_date() -> None:
    assert is_date_line("12 April")
    assert parse_date("12 April") is None


def test_text_page_date_comes_from_the_printed_line_and_leaves_the_body() -> None:
    page = f"Ministers agree on customs plan\n\n{BODY}\n\nPublished 12.04.2024 14:05"
    result = clean_text(page, source="t.txt")
    assert result.published_at == datetime(2024, 4, 12, 14, 5)
    assert result.published_source == "printed"
    assert "Published" not in result.text


def test_text_page_with_a_yearless_dateline_has_no_date() -> None:
    page = f"Ministers agree on customs plan\n\nNew Delhi, May 12: {BODY}"
    assert clean_text(page, source="t.txt").published_at is None


def html_page(head: str) -> str:
    paragraphs = "".join(f"<p>{BODY} Paragraph {n} adds detail.</p>" for n in range(4))
    return (
        f"<html><head><title>Ministers agree on customs plan</title>{head}</head><body>"
        f"<article><h1>Ministers agree on customs plan</h1>{paragraphs}</article></body></html>"
    )


def test_html_metadata_date_keeps_its_zone() -> None:
    meta = '<meta property="article:published_time" content="2022-05-12T13:03:00+05:30">'
    result = clean_html(html_page(meta), source="t.html")
    assert result.published_at == datetime(2022, 5, 12, 13, 3, tzinfo=IST)
    assert result.published_source == "html metadata"
    assert result.published_confidence is not None and result.published_confidence >= 0.9


def test_html_page_without_any_date_has_none() -> None:
    result = clean_html(html_page(""), source="t.html")
    assert result.published_at is None
    assert result.published_source is None


def test_a_zone_offset_past_24_hours_gives_no_date_not_an_error() -> None:
    """Found by the hypothesis properties: "+25:00" raised ValueError out of cleaning."""
    from blocwatch.clean.dates import metadata_date, parse_date

    assert metadata_date("2022-05-12T10:00:00+25:00") is None
    assert parse_date("Published 12 May 2022 10:00 +2500") is None
