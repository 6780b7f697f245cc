"""One table of month names and time zones: a page's printed date and a sentence agree."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from blocwatch.calendar_words import month_numbers, zone_offsets
from blocwatch.clean.dates import printed_date
from blocwatch.nlp.dates import extract_times
from blocwatch.nlp.sentences import split_sentences

THURSDAY = datetime.fromisoformat("2022-05-12T08:00+00:00")


def _said(text: str) -> list[str | None]:
    return [t.value for t in extract_times("a1", text, split_sentences(text), THURSDAY)]


@pytest.mark.parametrize("zone", sorted(zone_offsets()))
def test_a_printed_date_and_a_sentence_read_a_zone_alike(zone: str) -> None:
    offset = timedelta(minutes=zone_offsets()[zone])
    printed = printed_date([f"Published: May 12, 2022 10:15 {zone}"])
    assert printed is not None and printed.value.utcoffset() == offset
    [said] = _said(f"The talks opened at 10:15 {zone} in Yerevan.")
    assert said is not None and datetime.fromisoformat(said).utcoffset() == offset


def test_an_abbreviation_of_two_opposite_zones_is_not_read() -> None:
    printed = printed_date(["Published: May 12, 2022 10:15 AST"])
    assert printed is not None and printed.value.tzinfo is None
    assert _said("The talks opened at 10:15 AST in Riyadh.") == []


def test_month_abbreviations_with_a_stop_are_read_by_both() -> None:
    assert month_numbers()["sept"] == 9
    printed = printed_date(["Published: Sept. 3, 2021"])
    assert printed is not None and printed.value.month == 9
    assert _said("The summit ended on Sept. 3, 2021 in Dushanbe.") == ["2021-09-03"]
