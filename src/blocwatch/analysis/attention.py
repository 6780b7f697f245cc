"""Attention and tone over time, from per-day counts: pure functions, no database.

Attention is how much was published: articles per period (syndicated copies included,
since a copy is coverage a reader meets), the stories those articles belong to (one
real-world event, however many reports), and the same article counts per outlet for the
busiest outlets, so outlets can be compared. Tone is the mean sentence tone per period
with how many sentences it rests on (see :mod:`blocwatch.nlp.tone` for what it measures).
Periods without any article are kept as zeros (attention) or gaps (tone), so a quiet
week reads as quiet rather than disappearing from the axis.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from blocwatch.periods import Granularity, period_of, periods_between

MAX_PERIODS = 400
"""A span longer than this many periods is counted in the next coarser period."""


@dataclass(frozen=True, slots=True)
class Attention:
    granularity: Granularity
    periods: tuple[str, ...]
    """First day of each period (ISO dates), so charts can use a time axis."""
    articles: tuple[int, ...]
    stories: tuple[int, ...]
    outlets: dict[str, tuple[int, ...]]
    """Articles per period of each of the busiest outlets."""

    def series(self) -> dict[str, list[tuple[str, int]]]:
        """Named (period, count) series for a chart."""
        lines = {"articles": list(zip(self.periods, self.articles, strict=True))}
        if any(self.stories):
            lines["stories"] = list(zip(self.periods, self.stories, strict=True))
        return lines

    def outlet_series(self) -> dict[str, list[tuple[str, int]]]:
        return {o: list(zip(self.periods, n, strict=True)) for o, n in self.outlets.items()}


@dataclass(frozen=True, slots=True)
class TonePoint:
    period: str
    """First day of the period (ISO date)."""
    tone: float | None
    sentences: int


def fitting(first: date, last: date, granularity: Granularity) -> Granularity:
    """``granularity``, or a coarser one when the span would have too many periods."""
    order = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH]
    for step in order[order.index(granularity) :]:
        if len(list(periods_between(first, last, step))) <= MAX_PERIODS:
            return step
    return Granularity.MONTH


def _labels(days: Iterable[date], granularity: Granularity) -> dict[date, str]:
    """The period label of each distinct day, worked out once: rows repeat their days (one
    row per outlet or story and day), and a busy actor has thousands of rows."""
    return {day: period_of(day, granularity)[0] for day in set(days)}


def span_of(
    article_days: Iterable[tuple[date, str | None, int]],
    granularity: Granularity = Granularity.WEEK,
) -> Granularity:
    """The period :func:`attention` counts these rows in: ``granularity``, or a coarser one
    when their span would have too many periods."""
    days = [day for day, _, _ in article_days]
    return fitting(min(days), max(days), granularity) if days else granularity


def attention(
    article_days: Iterable[tuple[date, str | None, int]],
    story_days: Iterable[tuple[date, str]] = (),
    granularity: Granularity = Granularity.WEEK,
    *,
    top_outlets: int = 4,
    story_periods: Mapping[date, int] | None = None,
) -> Attention:
    """Articles, stories and the busiest outlets' articles per period.

    ``article_days`` are (day, outlet, articles) and ``story_days`` (day, story id) rows;
    or, instead of ``story_days``, the stories already counted per period of
    :func:`span_of` (``story_periods``, keyed by the period's first day), as the database
    counts them for a much-reported actor.
    """
    rows = list(article_days)
    stories = list(story_days)
    days = [day for day, _, _ in rows]
    if not days:
        return Attention(granularity, (), (), (), {})
    granularity = span_of(rows, granularity)
    spans = list(periods_between(min(days), max(days), granularity))
    labels = [label for label, _ in spans]
    label_of = _labels({*days, *(day for day, _ in stories)}, granularity)
    total: Counter[str] = Counter()
    per_outlet: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for day, outlet, n in rows:
        label = label_of[day]
        total[label] += n
        if outlet:
            per_outlet[outlet][label] += n
    seen: defaultdict[str, set[str]] = defaultdict(set)
    for day, story in stories:
        seen[label_of[day]].add(story)
    busiest = sorted(per_outlet, key=lambda o: (-sum(per_outlet[o].values()), o))[:top_outlets]
    counted = (
        tuple(story_periods.get(start, 0) for _, start in spans)
        if story_periods is not None
        else tuple(len(seen[label]) for label in labels)
    )
    return Attention(
        granularity,
        tuple(start.isoformat() for _, start in spans),
        tuple(total[label] for label in labels),
        counted,
        {o: tuple(per_outlet[o][label] for label in labels) for o in busiest},
    )


def counts_per_period(
    day_counts: Iterable[tuple[date, int]], granularity: Granularity = Granularity.WEEK
) -> list[tuple[str, int]]:
    """(period's first day, count) for every period from the first day to the last."""
    rows = list(day_counts)
    if not rows:
        return []
    first, last = min(d for d, _ in rows), max(d for d, _ in rows)
    granularity = fitting(first, last, granularity)
    totals: Counter[date] = Counter()
    for day, n in rows:
        totals[period_of(day, granularity)[1]] += n
    return [
        (start.isoformat(), totals[start]) for _, start in periods_between(first, last, granularity)
    ]


def tone_series(
    tone_days: Iterable[tuple[date, float, int]], granularity: Granularity = Granularity.WEEK
) -> list[TonePoint]:
    """Mean tone per period from (day, sum of sentence tones, sentences) rows."""
    rows = list(tone_days)
    if not rows:
        return []
    first, last = min(d for d, _, _ in rows), max(d for d, _, _ in rows)
    granularity = fitting(first, last, granularity)
    label_of = _labels((day for day, _, _ in rows), granularity)
    sums: defaultdict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    for day, total, n in rows:
        label = label_of[day]
        sums[label] += total
        counts[label] += n
    return [
        TonePoint(
            start.isoformat(),
            round(sums[label] / counts[label], 3) if counts[label] else None,
            counts[label],
        )
        for label, start in periods_between(first, last, granularity)
    ]
