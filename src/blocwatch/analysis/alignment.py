"""How a state leans between two poles over time, with the uncertainty of thin evidence.

The formula
-----------
Take a state S, two poles A and B (sets of state or organisation codes), and one period.
Count the events between S and any member of either pole, in either direction (which
events count, and on which day they fall: :mod:`blocwatch.analysis._sql`; by default only
events that happened, never from syndicated copies). Each event with a Goldstein score
``g`` other than 0 is a *vote* of weight ``w = |g|``:

- toward A: cooperation with A (``g > 0``) and conflict with B (``g < 0``);
- toward B: cooperation with B (``g > 0``) and conflict with A (``g < 0``).

With ``W_A`` and ``W_B`` the summed weights toward each pole::

    index = (W_A - W_B) / (W_A + W_B)        in [-1, 1]; +1 leans wholly to A, -1 to B

which is ``2p - 1`` for the Goldstein-weighted share ``p = W_A / (W_A + W_B)`` of votes for
A. Events with no score or a score of 0 cast no vote (they are still listed in
``event_ids``). A period with no vote has ``index``, ``low`` and ``high`` all ``None``.

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

from sqlalchemy import and_, case, func, or_, select

from blocwatch.analysis import _sql
from blocwatch.analysis.periods import Granularity, parse_day, period_of, periods_between
from blocwatch.model import EventStatus
from blocwatch.store import Store
from blocwatch.store.schema import ArticleRow, EventRow

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

Z_95 = 1.96


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
    """Every counted event between the state and either pole, voting or not."""


@dataclass(slots=True)
class _Votes:
    toward_a: int = 0
    toward_b: int = 0
    weight_a: float = 0.0
    weight_b: float = 0.0
    squares: float = 0.0
    ids: list[int] = field(default_factory=list)


def alignment_index(weight_a: float, weight_b: float, squares: float) -> tuple[float, float, float]:
    """Index and 95% interval from the summed vote weights and their summed squares.

    Raises :class:`ValueError` when there is no vote (both weights 0).
    """
    total = weight_a + weight_b
    if total <= 0 or squares <= 0:
        raise ValueError("no votes: the alignment index is undefined")
    share = weight_a / total
    n = total * total / squares
    z2 = Z_95 * Z_95
    denominator = 1 + z2 / n
    centre = (share + z2 / (2 * n)) / denominator
    half = Z_95 / denominator * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n))
    low, high = max(0.0, centre - half), min(1.0, centre + half)
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
    statuses: Collection[EventStatus] = _sql.DEFAULT_STATUSES,
) -> list[AlignmentPoint]:
    """The alignment of ``state`` per period, oldest first, every period present.

    The periods run from ``since`` (else the first event) to ``until`` (else the last);
    periods without votes have ``index`` ``None``. No events and no range: an empty list.
    """
    granularity = Granularity(granularity)
    a, b = _poles(state, pole_a, pole_b)
    members = [*a, *b]
    partner = case(
        (EventRow.source_code == state, EventRow.target_code), else_=EventRow.source_code
    )
    side = case((partner.in_(a), "a"), else_="b").label("side")
    sign = case((EventRow.goldstein > 0, 1), (EventRow.goldstein < 0, -1), else_=0).label("sign")
    day = _sql.event_day(store.dialect).label("day")
    query = (
        select(
            day,
            side,
            sign,
            func.count().label("events"),
            func.coalesce(func.sum(func.abs(EventRow.goldstein)), 0.0).label("weight"),
            func.coalesce(func.sum(EventRow.goldstein * EventRow.goldstein), 0.0).label("squares"),
            _sql.id_list().label("ids"),
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(
            or_(
                and_(EventRow.source_code == state, EventRow.target_code.in_(members)),
                and_(EventRow.target_code == state, EventRow.source_code.in_(members)),
            ),
            _sql.counted(statuses, day, since, until),
        )
        .group_by(day, side, sign)
    )
    votes: dict[date, _Votes] = {}
    with store.session() as session:
        for row in session.execute(query):
            _, start = period_of(parse_day(row.day), granularity)
            tally = votes.setdefault(start, _Votes())
            tally.ids.extend(_sql.parse_ids(row.ids))
            if row.sign == 0:
                continue
            tally.squares += float(row.squares)
            if (row.side == "a") == (row.sign > 0):
                tally.toward_a += row.events
                tally.weight_a += float(row.weight)
            else:
                tally.toward_b += row.events
                tally.weight_b += float(row.weight)
    first = since or (min(votes) if votes else None)
    last = until or (max(votes) if votes else None)
    if first is None or last is None:
        return []
    return [
        _point(label, start, votes.get(start))
        for label, start in periods_between(first, last, granularity)
    ]


def _point(label: str, start: date, votes: _Votes | None) -> AlignmentPoint:
    if votes is None:
        return AlignmentPoint(label, start, None, None, None, 0, 0, ())
    index = low = high = None
    if votes.toward_a + votes.toward_b:
        index, low, high = alignment_index(votes.weight_a, votes.weight_b, votes.squares)
    return AlignmentPoint(
        label, start, index, low, high, votes.toward_a, votes.toward_b, tuple(sorted(votes.ids))
    )
