"""Event clusters: one real-world event however many articles report it, and their counts.

What relations, alignment and the pages that explain a figure read (see
:mod:`blocwatch.stories.event_clusters` and :mod:`blocwatch.store.cluster_reads`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from blocwatch.model._article import EventStatus, Evidence


@dataclass(frozen=True, slots=True)
class EventCluster:
    r"""One real-world event, however many articles report it (its mentions are ``Event``\s).

    ``source_code`` and ``target_code`` are sorted for a ``symmetric`` (mutual) act. The
    coding is what most independent reports give. ``reports`` counts the articles,
    ``sources`` the independent ones (a syndicated copy and its original are one), and
    ``outlets`` names the outlets of the independent reports.
    """

    id: int
    type: str
    status: EventStatus
    source_code: str
    target_code: str | None
    symmetric: bool
    day: date | None
    place: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    reports: int
    sources: int
    outlets: tuple[str, ...]
    first_event_id: int | None = None
    """The cluster's earliest stored mention, a way back to one sentence."""


@dataclass(frozen=True, slots=True)
class PairPeriod:
    """The counted event clusters between two actors in one week or month, one status.

    What relation and alignment series are made of: the store keeps these up to date as
    clusters change, so a chart reads a few rows per period instead of every cluster.
    Direction is folded away (``a`` sorts before ``b``). ``goldstein`` is each score with
    how many clusters have it, so means and intervals come out exactly as from the
    clusters themselves; ``clusters`` are ``(day, id, first event id)``, by day then id.
    """

    granularity: str
    start: date
    status: str
    a: str
    b: str
    quad_counts: tuple[int, int, int, int]
    goldstein: tuple[tuple[float, int], ...]
    reports: int
    outlets: tuple[str, ...]
    clusters: tuple[tuple[date, int, int | None], ...]

    @property
    def events(self) -> int:
        return len(self.clusters)


@dataclass(frozen=True, slots=True)
class PairTotal:
    """Counted event clusters between two actors (``a`` sorts first) over a time range."""

    a: str
    b: str
    events: int
    quad_counts: tuple[int, int, int, int]
    goldstein_sum: float
    scored: int
    """Clusters with a Goldstein score (the mean is ``goldstein_sum / scored``)."""


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """One article's report of an event cluster: its sentence and where it ran."""

    cluster_id: int
    event_id: int
    evidence: Evidence
    """The article and sentence (``text`` is the whole sentence)."""
    title: str | None
    url: str | None
    outlet: str | None
    published_at: datetime | None
    copy_of: str | None
    """The original this article is a syndicated copy of (one report with it)."""


@dataclass(frozen=True, slots=True)
class ClusterSource:
    """An independent report of an event cluster: the original and the copies that repeat it."""

    original: ClusterReport
    copies: tuple[ClusterReport, ...]


@dataclass(frozen=True, slots=True)
class ExplainedCluster:
    """An event cluster with every report of it, a syndicated copy under its original.

    The page behind a figure and ``/api/clusters`` show this one record.
    """

    cluster: EventCluster
    sources: tuple[ClusterSource, ...]
