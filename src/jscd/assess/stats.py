"""Level and trend of a monthly count series, each with its uncertainty.

A commission deciding on the strength of "the threat fell" needs to know whether the fall
is larger than the noise of a few events a month. The level gets an exact-ish Poisson
interval (Byar's approximation) and the trend a Mann–Kendall test with Sen's slope and the
slope's rank-based confidence interval — non-parametric, so a single bloody month does not
decide it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import NormalDist

import numpy as np
import pymannkendall as mk

__all__ = ["Level", "Trend", "mann_kendall", "poisson_level"]

_Z95 = NormalDist().inv_cdf(0.975)


@dataclass(frozen=True)
class Level:
    """Mean per month over a window with a 95 % Poisson interval on that mean."""

    mean: float
    low: float
    high: float
    total: int
    months: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def poisson_level(values: np.ndarray) -> Level:
    """Byar's approximation to the exact Poisson interval on a total, divided by months."""
    n = len(values)
    total = int(np.sum(values))
    if n == 0:
        return Level(math.nan, math.nan, math.nan, 0, 0)
    if total == 0:
        low = 0.0
    else:
        k = total
        low = k * (1 - 1 / (9 * k) - _Z95 / (3 * math.sqrt(k))) ** 3
    k1 = total + 1
    high = k1 * (1 - 1 / (9 * k1) + _Z95 / (3 * math.sqrt(k1))) ** 3
    return Level(total / n, max(low, 0.0) / n, high / n, total, n)


@dataclass(frozen=True)
class Trend:
    """Mann–Kendall direction and Sen's slope (per month) with its 95 % interval."""

    direction: str  # "decreasing", "no trend", "increasing"
    p_value: float
    tau: float
    slope: float
    slope_low: float
    slope_high: float
    months: int

    def as_dict(self) -> dict[str, float | int | str]:
        return asdict(self)


def mann_kendall(values: np.ndarray, alpha: float = 0.05) -> Trend:
    """Mann–Kendall test (pymannkendall) plus the interval of Sen's slope.

    The interval follows Gilbert (1987): rank the pairwise slopes and take those
    ``z·sqrt(var S)`` ranks either side of the median. A flat all-zero series has no
    trend by definition (p = 1) rather than a division by zero.
    """
    x = np.asarray(values, dtype=float)
    n = len(x)
    if n < 3 or np.all(x == x[0]):
        return Trend("no trend", 1.0, 0.0, 0.0, 0.0, 0.0, n)
    res = mk.original_test(x, alpha=alpha)
    i, j = np.triu_indices(n, k=1)
    slopes = np.sort((x[j] - x[i]) / (j - i))
    c = NormalDist().inv_cdf(1 - alpha / 2) * math.sqrt(res.var_s)
    m = len(slopes)
    lo = int(max(0, math.floor((m - c) / 2) - 1))
    hi = int(min(m - 1, math.ceil((m + c) / 2)))
    direction = res.trend if res.trend in ("decreasing", "increasing") else "no trend"
    return Trend(
        direction=direction,
        p_value=float(res.p),
        tau=float(res.Tau),
        slope=float(res.slope),
        slope_low=float(slopes[lo]),
        slope_high=float(slopes[hi]),
        months=n,
    )
