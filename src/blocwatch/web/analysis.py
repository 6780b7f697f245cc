"""The analysis functions the pages draw from, injected so tests and benchmarks can swap them.

The pages read relation series, the relation graph, alignment series and disagreements
through this one record; :func:`default_analysis` takes them from :mod:`blocwatch.analysis`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from blocwatch import analysis as functions
from blocwatch.store import Store
from blocwatch.store.cache import cached_read

AnalysisFunction = Callable[..., Sequence[Any]]


def _nothing(*_args: Any, **_kwargs: Any) -> Sequence[Any]:
    return ()


@dataclass(frozen=True, slots=True)
class Analysis:
    relation_series: AnalysisFunction = _nothing
    """``(store, a, b, *, granularity) -> [point]``: period, events, quad_counts, goldstein_mean, event_ids."""
    relation_graph: AnalysisFunction = _nothing
    """``(store, *, since, until) -> [edge]``: a, b, events, goldstein_mean, cooperation_share."""
    alignment_series: AnalysisFunction = _nothing
    """``(store, state, *, pole_a, pole_b, granularity) -> [point]``: period, index, low, high, event_ids."""
    find_disagreements: AnalysisFunction = _nothing
    """``(store, *, article_ids) -> [disagreement]``: subject_name, attribute, known, claims."""
    min_events: int = 3
    """Independent events a chart point needs to be drawn (``Settings.min_events_per_point``)."""


def default_analysis(min_events: int = 3) -> Analysis:
    """The analysis functions, answered from the store's read cache while nothing changes."""
    return Analysis(
        relation_series=cached_read(functions.relation_series),
        relation_graph=cached_read(functions.relation_graph),
        alignment_series=cached_read(functions.alignment_series),
        find_disagreements=cached_read(functions.find_disagreements),
        min_events=min_events,
    )


def pair_series(
    analysis: Analysis, store: Store, a: str, b: str, granularity: str = "month"
) -> Sequence[Any]:
    """Relations of a pair for a chart: every period from the first event to the last."""
    return analysis.relation_series(
        store, a, b, granularity=granularity, min_events=analysis.min_events, every_period=True
    )


def codes(typed: str) -> tuple[str, ...]:
    """Actor codes from a form field: ``"kaz, ARM"`` → ``("KAZ", "ARM")``."""
    return tuple(dict.fromkeys(c.strip().upper() for c in typed.split(",") if c.strip()))


def alignment_of(
    analysis: Analysis,
    store: Store,
    state: str,
    *,
    pole_a: tuple[str, ...] = (),
    pole_b: tuple[str, ...] = (),
    granularity: str = "month",
) -> tuple[Sequence[Any], str | None]:
    """A state's alignment series, or why there is none (it is one of the poles, say)."""
    poles = {k: v for k, v in (("pole_a", pole_a), ("pole_b", pole_b)) if v}
    try:
        series = analysis.alignment_series(
            store, state, granularity=granularity, min_events=analysis.min_events, **poles
        )
        return series, None
    except ValueError as exc:
        return (), str(exc)
