"""The analysis functions the pages draw from, injected so tests and benchmarks can swap them.

The pages read relation series, the relation graph, alignment series and disagreements
through this one record; :func:`default_analysis` takes them from :mod:`blocwatch.analysis`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from blocwatch import analysis

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


def default_analysis() -> Analysis:
    return Analysis(
        relation_series=analysis.relation_series,
        relation_graph=analysis.relation_graph,
        alignment_series=analysis.alignment_series,
        find_disagreements=analysis.find_disagreements,
    )
