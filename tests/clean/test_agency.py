"""Agency credits become origin_agency, and the credit line leaves the body."""

from __future__ import annotations

import pytest

from blocwatch.clean import clean_text
from blocwatch.clean.agency import read_credit

BODY = (
    "Foreign ministers from five countries met in Tashkent and agreed on a plan to simplify "
    "customs checks along their shared borders, officials said on Friday evening."
)


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("Based on materials from TASS", "TASS"),
        ("(With inputs from Reuters)", "Reuters"),
        ("[Source: TASS]", "TASS"),
        ("(The content is being carried under an arrangement with IANS)", "IANS"),
        ("Source: Xinhua", "Xinhua"),
    ],
)
def test_credit_lines_name_the_agency_and_leave_nothing(line: str, agency: str) -> None:
    credit = read_credit(line)
    assert credit.agencies == (agency,)
    assert credit.remaining == ""


def test_bracketed_credit_at_the_end_of_a_paragraph_is_cut_from_it() -> None:
    credit = read_credit("The talks continue next week [Source: TASS].")
    assert credit.agencies == ("TASS",)
    assert credit.remaining == "The talks continue next week."


def test_reported_by_a_known_agency_counts_and_the_sentence_stays() -> None:
    line = "Washington wants to weaken the bloc, a view reported by TASS."
    credit = read_credit(line)
    assert credit.agencies == ("TASS",)
    assert credit.remaining == line


def test_reported_by_a_newspaper_does_not_count() -> None:
    assert read_credit("The deal was reported by The Daily Courier on Monday.").agencies == ()


def test_arrangement_credit_cut_before_the_name_gives_no_agency() -> None:
    credit = read_credit("(The content is being carried under an arrangement with")
    assert credit.agencies == ()
    assert credit.remaining == ""


def test_clean_text_collects_agency_and_removes_the_credit_line() -> None:
    credits = "Photo: Ministry\n\nBased on materials from TASS"
    page = f"Ministers agree on customs plan\n\n{BODY}\n\n{credits}"
    result = clean_text(page, source="t.txt")
    assert result.origin_agency == ("TASS",)
    assert "Based on materials" not in result.text
    assert "Photo:" not in result.text


def test_clean_text_without_credit_has_no_agency() -> None:
    result = clean_text(f"Ministers agree on customs plan\n\n{BODY}", source="t.txt")
    assert result.origin_agency == ()


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("NEW YORK (Reuters) - Oil prices fell on Monday.", "Reuters"),
        ("SANTA FE, N.M. (AP) — A cat who went missing was found.", "AP"),
        ("MOSCOW, May 12 (TASS) - Ministers met on Friday.", "TASS"),
    ],
)
def test_wire_dateline_names_the_agency_and_stays_in_the_text(line: str, agency: str) -> None:
    credit = read_credit(line)
    assert credit.agencies == (agency,)
    assert credit.remaining == line


def test_broadcaster_dateline_is_not_an_agency() -> None:
    assert read_credit("ATLANTA (CNN) — Storms hit the city overnight.").agencies == ()
