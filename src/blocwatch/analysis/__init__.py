"""Analysis over the store: relations between actors over time, alignment, disagreements.

The store reads and counts (SQLite or PostgreSQL, :mod:`blocwatch.store.cluster_reads` and
:mod:`blocwatch.store.analysis_reads`) and hands back typed records; the modules here only
compute over them. Every figure keeps the ids of the events or the articles behind it, so a
chart point leads back to its sentences.
"""

from blocwatch.analysis.alignment import (
    DEFAULT_POLE_A,
    DEFAULT_POLE_B,
    AlignmentPoint,
    alignment_index,
    alignment_series,
)
from blocwatch.analysis.disagreements import Claim, Disagreement, find_disagreements
from blocwatch.analysis.evidence import EventEvidence, event_evidence
from blocwatch.analysis.relations import (
    DEFAULT_STATUSES,
    RelationEdge,
    RelationPoint,
    relation_graph,
    relation_series,
)
from blocwatch.periods import Granularity

__all__ = [
    "DEFAULT_POLE_A",
    "DEFAULT_POLE_B",
    "DEFAULT_STATUSES",
    "AlignmentPoint",
    "Claim",
    "Disagreement",
    "EventEvidence",
    "Granularity",
    "RelationEdge",
    "RelationPoint",
    "alignment_index",
    "alignment_series",
    "event_evidence",
    "find_disagreements",
    "relation_graph",
    "relation_series",
]
