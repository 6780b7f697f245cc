"""Intervals drawn on every chart point: how much a handful of events can say.

**Cooperation share**: the 95% Wilson score interval. A share is a binomial proportion
(each event cluster is cooperation or not); the Wilson interval keeps close to its
nominal coverage down to a few trials and never leaves [0, 1], where the textbook
``p ± 1.96·sqrt(p(1-p)/n)`` collapses to a point at 0% or 100% (three cooperative
events would "prove" 100% cooperation).

**Mean Goldstein score**: the 95% Student t interval, ``mean ± t(0.975, n-1)·s/√n``,
clipped to the scale's [-10, 10]. Goldstein scores of one pair in one month are few
(often 3 to 20) and bounded; with so few values a bootstrap percentile interval is too
narrow (it cannot be wider than the spread of the values seen, and undercovers badly
below about 20), while the t interval widens with the t quantile as ``n`` shrinks. For
bounded scores the mean is close enough to normal by ``n`` of about 5, and below that
the t interval's width honestly says that the point says little. It needs two values:
one event has no interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

Z_95 = 1.96
GOLDSTEIN_RANGE = (-10.0, 10.0)


def wilson_interval(successes: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion; ``trials`` may be an effective number.

    Raises :class:`ValueError` when there is no trial.
    """
    if trials <= 0:
        raise ValueError("no trials: the proportion is undefined")
    share = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (share + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


@cache
def t_quantile(degrees_of_freedom: int, level: float = 0.975) -> float:
    """Student's t quantile (scipy's inverse of the t distribution)."""
    from scipy.special import stdtrit

    return float(stdtrit(degrees_of_freedom, level))


def mean_interval(
    values: Sequence[float], bounds: tuple[float, float] = GOLDSTEIN_RANGE
) -> tuple[float, float] | None:
    """The 95% t interval of the mean of ``values`` clipped to ``bounds``; None below two."""
    n = len(values)
    if n < 2:
        return None
    mean = math.fsum(values) / n
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_quantile(n - 1) * math.sqrt(variance / n)
    return max(bounds[0], mean - half), min(bounds[1], mean + half)
