"""Attention and tone per period, from per-day rows."""

from __future__ import annotations

from datetime import date

from blocwatch.analysis.attention import attention, counts_per_period, tone_series
from blocwatch.periods import Granularity


def test_articles_stories_and_busiest_outlets_per_week_with_quiet_weeks_as_zero() -> None:
    days = [
        (date(2022, 5, 2), "Steppe Daily", 3),
        (date(2022, 5, 3), "Caucasus Wire", 1),
        (date(2022, 5, 18), "Steppe Daily", 2),
        (date(2022, 5, 18), "Tiny Blog", 1),
    ]
    stories = [(date(2022, 5, 2), "s1"), (date(2022, 5, 3), "s1"), (date(2022, 5, 18), "s2")]
    found = attention(days, stories, Granularity.WEEK, top_outlets=2)
    assert found.periods == ("2022-05-02", "2022-05-09", "2022-05-16")
    assert found.articles == (4, 0, 3)
    assert found.stories == (1, 0, 1)
    assert found.outlets == {"Steppe Daily": (3, 0, 2), "Caucasus Wire": (1, 0, 0)}


def test_a_long_span_is_counted_in_coarser_periods() -> None:
    counted = counts_per_period([(date(2000, 1, 3), 1), (date(2020, 6, 1), 2)], Granularity.DAY)
    assert counted[0] == ("2000-01-01", 1) and counted[-1] == ("2020-06-01", 2)


def test_tone_is_the_mean_over_sentences_and_silent_weeks_are_gaps() -> None:
    points = tone_series(
        [(date(2022, 5, 2), 0.5, 2), (date(2022, 5, 4), -0.4, 2), (date(2022, 5, 16), -0.3, 1)]
    )
    assert [(p.period, p.tone, p.sentences) for p in points] == [
        ("2022-05-02", 0.025, 4),
        ("2022-05-09", None, 0),
        ("2022-05-16", -0.3, 1),
    ]
