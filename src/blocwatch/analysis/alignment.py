"""How a state leans between two poles over time, with the uncertainty of thin evidence.

The formula
-----------
Take a state S, two poles A and B (sets of state or organisation codes), and one period.
Count the events between S and any member of either pole, in either direction. An event
is an event cluster, one real-world event however many articles report it
(:mod:`blocwatch.stories.event_clusters`); by default only events that happened, and
that the coder was sure of. Each event with a Goldstein score ``g`` other than 0 is a
*vote* of weight ``w = |g|``:

- toward A: cooperation with A (``g > 0``) and conflict with B (``g < 0``);
- toward B: cooperation with B (``g > 0``) and conflict with A (``g < 0``).

With ``W_A`` and ``W_B`` the summed weights toward each pole::

    index = (W_A - W_B) / (W_A + W_B)        in [-1, 1]; +1 leans wholly to A, -1 to B

which is ``2p - 1`` for the Goldstein-weighted share ``p = W_A / (W_A + W_B)`` of votes for
A. Events with no score or a score of 0 cast no vote (they are still listed in
``cluster_ids``). A period with no vote has ``index``, ``low`` and ``high`` all ``None``,
and a period with fewer votes than ``min_events`` (default 3) is not ``enough`` to plot.

The interval is the 95% Wilson score interval for ``p``, mapped to the index by ``2p - 1``,
using Kish's effective number of votes ``n = (Σw)² / Σw²`` (equal to the number of votes
when all weigh the same, smaller when one heavy event dominates). With ``z = 1.96``::

    centre = (p + z²/2n) / (1 + z²/n)
    half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
    low    = 2(centre - half) - 1,   high = 2(centre + half) - 1

By hand: one cooperative event with A scored 4.0 gives ``W_A = 4``, ``W_B = 0``,
``index = 1``, ``n = 16/16 = 1``, ``centre = 2.9208/4.8416 = 0.6033``,
``half = 1.96 * 0.98 / 4.8416 = 0.3967``, so the interval is ``[-0.587, 1.0]``: one event
says little. Three such events and one conflict with A scored -2.0 give ``W_A = 12``,
``W_B = 2``, ``index = 10/14 = 0.714`` and ``n = 14²/52 = 3.77``.

The default poles
-----------------
Pole A is Russia alone. Pole B is the United States and its allies by treaty: the members
of NATO (32 states, membership as of 2024, including Finland and Sweden), the members of
the European Union outside NATO (Austria, Cyprus, Ireland, Malta), the United States'
Asia-Pacific defence treaty partners (Japan, South Korea, Australia, the Philippines,
Thailand; New Zealand is left out because the United States suspended its ANZUS
obligations toward it in 1986), and the organisations NATO and EU themselves. The lists are
fixed: they do not follow accession dates back in time.

A state asked about that belongs to a pole is taken out of that pole (Germany's alignment is
measured against the other allies); a pole left empty is an error.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from blocwatch.analysis.relations import DEFAULT_STATUSES, MIN_EVENTS_PER_POINT, pair_periods
from blocwatch.analysis.uncertainty import Z_95, wilson_interval
from blocwatch.model import EventStatus, PairPeriod
from blocwatch.periods import Granularity, period_of, periods_between
from blocwatch.store import Store

DEFAULT_POLE_A: tuple[str, ...] = ("RUS",)

NATO_MEMBERS: tuple[str, ...] = (
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU",
    "GRC", "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR",
    "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
)  # fmt: skip
EU_MEMBERS_OUTSIDE_NATO: tuple[str, ...] = ("AUT", "CYP", "IRL", "MLT")
US_PACIFIC_TREATY_ALLIES: tuple[str, ...] = ("JPN", "KOR", "AUS", "PHL", "THA")

DEFAULT_POLE_B: tuple[str, ...] = (
    "USA",
    *(code for code in NATO_MEMBERS if code != "USA"),
    *EU_MEMBERS_OUTSIDE_NATO,
    *US_PACIFIC_TREATY_ALLIES,
    "NATO",
    "EU",
)


@dataclass(frozen=True, slots=True)
class AlignmentPoint:
    period: str
    start: date
    index: float | None
    """``(W_A - W_B) / (W_A + W_B)``; ``None`` when no event cast a vote."""
    low: float | None
    high: float | None
    toward_a: int
    """Events that voted toward pole A (cooperation with A, conflict with B)."""
    toward_b: int
    event_ids: tuple[int, ...]
    """One stored mention per event cluster behind the point (its first)."""
    cluster_ids: tuple[int, ...] = ()
    """Every counted event cluster between the state and either pole, voting or not."""
    outlets: tuple[str, ...] = ()
    """The outlets of the independent reports behind the point."""
    enough: bool = False
    """At least ``min_events`` votes: the point is plotted."""

    @property
    def events(self) -> int:
        return len(self.cluster_ids)


@dataclass(slots=True)
class _Votes:
    """One period's votes; weights are summed exactly (``math.fsum``), in any order."""

    toward_a: int = 0
    toward_b: int = 0
    weights_a: list[float] = field(default_factory=list)
    weights_b: list[float] = field(default_factory=list)
    squares: list[float] = field(default_factory=list)
    counted: list[PairPeriod] = field(default_factory=list)


def alignment_index(weight_a: float, weight_b: float, squares: float) -> tuple[float, float, float]:
    """Index and 95% interval from the summed vote weights and their summed squares.

    Raises :class:`ValueError` when there is no vote (both weights 0).
    """
    total = weight_a + weight_b
    if total <= 0 or squares <= 0:
        raise ValueError("no votes: the alignment index is undefined")
    share = weight_a / total
    n = total * total / squares
    low, high = wilson_interval(share * n, n, Z_95)
    return 2 * share - 1, 2 * low - 1, 2 * high - 1


def _poles(state: str, pole_a: Sequence[str], pole_b: Sequence[str]) -> tuple[list[str], list[str]]:
    a = [code for code in dict.fromkeys(pole_a) if code != state]
    b = [code for code in dict.fromkeys(pole_b) if code != state]
    if not a or not b:
        empty = "A" if not a else "B"
        raise ValueError(f"pole {empty} has no member other than {state}: nothing to compare")
    shared = sorted(set(a) & set(b))
    if shared:
        raise ValueError(f"the poles share members: {', '.join(shared)}")
    return a, b


def alignment_series(
    store: Store,
    state: str,
    *,
    pole_a: Sequence[str] = DEFAULT_POLE_A,
    pole_b: Sequence[str] = DEFAULT_POLE_B,
    granularity: Granularity = Granularity.MONTH,
    since: date | None = None,
    until: date | None = None,
    statuses: Collection[EventStatus] = DEFAULT_STATUSES,
    min_events: int = MIN_EVENTS_PER_POINT,
) -> list[AlignmentPoint]:
    """The alignment of ``state`` per period, oldest first, every period present.

    The periods run from ``since`` (else the first event) to ``until`` (else the last);
    periods without votes have ``index`` ``None``. No events and no range: an empty list.
    """
    granularity = Granularity(granularity)
    a, b = _poles(state, pole_a, pole_b)
    counted = pair_periods(
        store, [state], [*a, *b], granularity, statuses=statuses, since=since, until=until
    )
    return votes_series(state, counted, a, granularity, since, until, min_events)


def votes_series(
    state: str,
    counted: Sequence[PairPeriod],
    pole_a: Collection[str],
    granularity: Granularity,
    since: date | None,
    until: date | None,
    min_events: int = MIN_EVENTS_PER_POINT,
) -> list[AlignmentPoint]:
    """The state's pair periods with the poles folded into votes per period (pure)."""
    in_a = set(pole_a)
    votes: dict[date, _Votes] = {}
    for pair in counted:
        _, start = period_of(pair.start, granularity)
        tally = votes.setdefault(start, _Votes())
        tally.counted.append(pair)
        partner = pair.b if pair.a == state else pair.a
        for g, n in pair.goldstein:
            if g == 0:
                continue
            tally.squares += [g * g] * n
            if (partner in in_a) == (g > 0):
                tally.toward_a += n
                tally.weights_a += [abs(g)] * n
            else:
                tally.toward_b += n
                tally.weights_b += [abs(g)] * n
    first = since or (min(votes) if votes else None)
    last = until or (max(votes) if votes else None)
    if first is None or last is None:
        return []
    return [
        _point(label, start, votes.get(start), min_events)
        for label, start in periods_between(first, last, granularity)
    ]


def _point(label: str, start: date, votes: _Votes | None, min_events: int) -> AlignmentPoint:
    if votes is None:
        return AlignmentPoint(label, start, None, None, None, 0, 0, ())
    index = low = high = None
    voted = votes.toward_a + votes.toward_b
    if voted:
        index, low, high = alignment_index(
            math.fsum(votes.weights_a), math.fsum(votes.weights_b), math.fsum(votes.squares)
        )
    clusters = sorted((c for p in votes.counted for c in p.clusters), key=lambda c: (c[0], c[1]))
    return AlignmentPoint(
        label,
        start,
        index,
        low,
        high,
        votes.toward_a,
        votes.toward_b,
        tuple(sorted(first for _, _, first in clusters if first)),
        cluster_ids=tuple(cluster_id for _, cluster_id, _ in clusters),
        outlets=tuple(sorted({o for p in votes.counted for o in p.outlets})),
        enough=voted >= min_events,
    )
