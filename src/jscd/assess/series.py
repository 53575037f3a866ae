"""The threat time series of one governorate, for the chart beside the assessment.

Shown with the same window and trend test the model scores, so the line a reader sees is
the one the score came from.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from jscd.assess.monthly import MonthlyPanel, format_month
from jscd.assess.stats import mann_kendall

__all__ = ["threat_series"]


def threat_series(
    panel: MonthlyPanel, iso: str, end: int, *, months: int = 120, trend_months: int = 12, alpha: float = 0.05
) -> dict[str, Any]:
    """Monthly events, deaths and IS events for ``months`` months to ``end``, plus the
    Sen's-slope line over the last ``trend_months`` months."""
    g = panel.codes.index(iso)
    start, stop = panel.window(end, months)
    t0, t1 = panel.window(end, trend_months)
    events = panel.counts["events"][g, t0:t1]
    trend = mann_kendall(events, alpha)
    # Sen's line passes through the medians of time and value.
    x = np.arange(len(events))
    mid_x, mid_y = float(np.median(x)), float(np.median(events)) if len(events) else 0.0
    line = [max(0.0, mid_y + trend.slope * (i - mid_x)) for i in x]
    return {
        "iso": iso,
        "months": [format_month(panel.first + m) for m in range(start, stop)],
        "events": panel.counts["events"][g, start:stop].tolist(),
        "deaths": panel.counts["deaths"][g, start:stop].tolist(),
        "is_events": panel.counts["is_events"][g, start:stop].tolist(),
        "trend": {
            **trend.as_dict(),
            "months": [format_month(panel.first + m) for m in range(t0, t1)],
            "line": [round(v, 3) for v in line],
        },
    }
