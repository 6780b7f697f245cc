from datetime import datetime, timedelta, timezone

from blocwatch.model import DatePrecision, TimeExpression
from blocwatch.nlp.dates import extract_times
from blocwatch.nlp.sentences import split_sentences

THURSDAY = datetime(2022, 5, 12, 13, 3, tzinfo=timezone(timedelta(hours=5, minutes=30)))


def times(text: str, anchor: datetime | None = THURSDAY) -> list[TimeExpression]:
    return extract_times("a1", text, split_sentences(text), anchor)


def values(text: str, anchor: datetime | None = THURSDAY) -> dict[str, str | None]:
    return {t.text: t.value for t in times(text, anchor)}


def test_full_date_needs_no_anchor() -> None:
    (found,) = times("The treaty was signed on 13 May 2022 in Dushanbe.", None)
    assert (found.text, found.value, found.precision) == ("13 May 2022", "2022-05-13", "day")
    assert found.anchor == "explicit"


def test_month_first_date_with_year() -> None:
    assert values("They met on May 3, 2021.") == {"May 3, 2021": "2021-05-03"}


def test_yearless_date_takes_the_year_of_the_publication_date() -> None:
    (found,) = times("The ministers met on May 3 in Minsk.")
    assert (found.value, found.anchor) == ("2022-05-03", "publication date")


def test_yearless_date_without_anchor_stays_unresolved() -> None:
    (found,) = times("The ministers met on 12 April in Minsk.", None)
    assert (found.text, found.value, found.precision) == ("12 April", None, "unresolved")


def test_yearless_date_near_new_year_takes_the_nearest_year() -> None:
    anchor = datetime(2022, 1, 3)
    assert values("The talks on December 28 failed.", anchor) == {"December 28": "2021-12-28"}


def test_month_and_year() -> None:
    (found,) = times("The accords of November 2020 hold.")
    assert (found.value, found.precision) == ("2020-11", DatePrecision.MONTH)


def test_year_after_a_preposition() -> None:
    assert values("The council has governed since 1993.") == {"1993": "1993"}


def test_plain_numbers_are_not_years() -> None:
    text = "Nine issues, 10,000 soldiers, 2000 troops, 70 years and 50% of the 1500 votes."
    assert times(text) == []


def test_day_range() -> None:
    (found,) = times("He paid a two-day visit on April 19-20.")
    assert (found.text, found.value) == ("April 19-20", "2022-04-19/2022-04-20")
    assert found.precision == DatePrecision.RANGE


def test_month_range() -> None:
    found = values("He invited Putin to visit from October to December.")
    assert found == {"from October to December": "2022-10/2022-12"}


def test_upcoming_weekday_is_the_next_one() -> None:
    found = values("The foreign ministers will meet in Dushanbe on Friday.")
    assert found == {"Friday": "2022-05-13"}


def test_past_weekday_is_the_previous_one() -> None:
    assert values("The foreign ministers met in Dushanbe on Friday.") == {"Friday": "2022-05-06"}


def test_nearest_tense_cue_decides_the_weekday() -> None:
    text = "The ministry announced on Saturday that soldiers will return."
    assert values(text) == {"Saturday": "2022-05-07"}


def test_relative_days_and_periods() -> None:
    text = "A meeting was held today. Zaitsev spoke last week. It ends later this month."
    assert values(text) == {
        "today": "2022-05-12",
        "last week": "2022-05-02/2022-05-08",
        "later this month": "2022-05",
    }


def test_relative_dates_without_anchor_keep_their_text() -> None:
    found = times("They met yesterday and again last year.", None)
    assert [(t.text, t.value) for t in found] == [("yesterday", None), ("last year", None)]


def test_span_after_an_event_stays_unresolved() -> None:
    (found,) = times("30 years after the end of the Soviet Union, Putin called for unity.")
    assert found.value is None
    assert found.text.startswith("30 years after")


def test_time_with_zone() -> None:
    (found,) = times("First published at 13:03 IST.")
    assert found.value == "2022-05-12T13:03+05:30"
    assert found.precision == DatePrecision.TIME


def test_evidence_points_at_the_sentence_and_span() -> None:
    text = "Nothing here. Talks ended on 16 May."
    (found,) = times(text)
    assert found.evidence.sentence_index == 1
    assert text[found.evidence.span.start : found.evidence.span.end] == "16 May"
