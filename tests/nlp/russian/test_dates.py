"""Russian dates (blocwatch.nlp.russian.dates): tense, relative days and periods, resolution
on the publication day, on short texts written for these tests."""

from __future__ import annotations

from datetime import datetime

from blocwatch.nlp.russian.dates import extract_times_ru
from blocwatch.nlp.sentences import split_sentences


def _times(text: str, published: datetime) -> list[tuple[str, str | None]]:
    return [
        (t.text, t.value) for t in extract_times_ru("t", text, split_sentences(text), published)
    ]


def test_weekday_follows_tense_and_dates_resolve_on_publication() -> None:
    published = datetime(2024, 4, 10, 12)  # a Wednesday
    text = (
        "Министры встретились в пятницу. Президент посетит Баку во вторник. "
        "Саммит пройдёт 12–13 апреля. Выборы прошли 3 марта 2023 года."
    )
    assert _times(text, published) == [
        ("пятницу", "2024-04-05"),
        ("вторник", "2024-04-16"),
        ("12–13 апреля", "2024-04-12/2024-04-13"),
        ("3 марта 2023 года", "2023-03-03"),
    ]


def test_relative_periods_and_days() -> None:
    published = datetime(2024, 4, 10, 12)
    text = "На прошлой неделе стороны договорились. Три дня назад был обстрел, накануне тоже."
    assert _times(text, published) == [
        ("На прошлой неделе", "2024-04-01/2024-04-07"),
        ("Три дня назад", "2024-04-07"),
        ("накануне", "2024-04-09"),
    ]


def test_dates_without_publication_stay_unresolved() -> None:
    text = "Встреча прошла в четверг, а 5 мая 2022 года подписали договор."
    found = extract_times_ru("t", text, split_sentences(text), None)
    assert [(t.text, t.value) for t in found] == [
        ("четверг", None),
        ("5 мая 2022 года", "2022-05-05"),
    ]
