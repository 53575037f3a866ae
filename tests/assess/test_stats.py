"""Level and trend estimates with their uncertainty."""

from __future__ import annotations

import numpy as np

from jscd.assess import mann_kendall, poisson_level


def test_poisson_interval_brackets_the_mean_and_narrows_with_more_months():
    short = poisson_level(np.array([4, 6, 5]))
    long = poisson_level(np.array([4, 6, 5] * 8))
    assert short.low < short.mean < short.high
    assert long.mean == short.mean
    assert (long.high - long.low) < (short.high - short.low)
    zero = poisson_level(np.zeros(6, dtype=int))
    assert zero.low == 0 and zero.high > 0  # no events is not proof of no threat


def test_a_steady_fall_is_a_significant_decreasing_trend_with_its_slope_inside_the_interval():
    series = np.array([30, 28, 27, 25, 22, 20, 19, 15, 14, 11, 9, 8])
    trend = mann_kendall(series)
    assert trend.direction == "decreasing" and trend.p_value < 0.01
    assert trend.slope_low <= trend.slope <= trend.slope_high < 0


def test_noise_is_no_trend_and_a_flat_zero_series_is_no_trend():
    noise = np.array([5, 9, 4, 8, 5, 9, 4, 8, 5, 9, 4, 8])
    assert mann_kendall(noise).direction == "no trend"
    flat = mann_kendall(np.zeros(12))
    assert flat.direction == "no trend" and flat.p_value == 1.0 and flat.slope == 0.0
