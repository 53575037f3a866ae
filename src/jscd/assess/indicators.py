"""Computing each indicator of the model for every governorate at one as-of month.

Each indicator yields a raw value (events per month, a share, a slope, a rating), a score
in [0, 1] after the model's normalisation, and per governorate the inputs it was computed
from — the months and counts, the event ids, the table rows and their lines — so that any
score can be explained back to its data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from jscd.assess.config import Indicator, ModelConfig
from jscd.assess.monthly import MonthlyPanel, format_month
from jscd.assess.stats import mann_kendall, poisson_level
from jscd.assess.tables import Table
from jscd.core import InputError

__all__ = ["IndicatorValues", "compute_indicator", "normalise"]

_TREND_SCORE = {"decreasing": 1.0, "no trend": 0.5, "increasing": 0.0}


@dataclass
class IndicatorValues:
    """One indicator across governorates (arrays in governorate order)."""

    id: str
    raw: np.ndarray
    score: np.ndarray
    stale: np.ndarray
    inputs: list[dict[str, Any]] = field(default_factory=list)


def normalise(ind: Indicator, raw: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Map raw values to [0, 1] (1 = favourable to transition); NaN stays NaN (missing)."""
    n = ind.normalise
    method = n["method"]
    x = np.asarray(raw, dtype=float)
    if method == "identity":
        out = x
    elif method in ("linear", "linear_inverse"):
        out = (x - n["lo"]) / (n["hi"] - n["lo"])
        if method == "linear_inverse":
            out = 1.0 - out
    elif method == "log_inverse":
        out = 1.0 - np.log1p(np.maximum(x, 0.0)) / math.log1p(n["cap"])
    elif method == "trend":
        scores = {**_TREND_SCORE, **{k: float(v) for k, v in n.items() if k in _TREND_SCORE}}
        if direction is None:
            raise ValueError("trend normalisation needs the trend direction")
        out = np.array([scores.get(d, math.nan) for d in direction], dtype=float)
    else:  # pragma: no cover - config validation rejects unknown methods
        raise ValueError(method)
    return np.where(np.isnan(out), np.nan, np.clip(out, 0.0, 1.0))


def _panel_inputs(panel: MonthlyPanel, g: int, start: int, stop: int, column: str) -> dict[str, Any]:
    months = [format_month(panel.first + m) for m in range(start, stop)]
    values = panel.counts[column][g, start:stop].tolist()
    out: dict[str, Any] = {
        "source": panel.source,
        "sha256": panel.sha256,
        "column": column,
        "months": months,
        "values": values,
    }
    if panel.events_by_cell:
        ids: list[int] = []
        for m in range(start, stop):
            ids.extend(panel.events_by_cell.get((g, panel.first + m), []))
        out["event_ids"] = ids
    return out


def _monthly(ind: Indicator, panel: MonthlyPanel, as_of: int, stale: bool) -> IndicatorValues:
    p = ind.params
    start, stop = panel.window(as_of, int(p["window_months"]))
    n_gov = len(panel.codes)
    raw = np.full(n_gov, np.nan)
    direction = np.full(n_gov, "", dtype=object)
    inputs: list[dict[str, Any]] = []
    for g in range(n_gov):
        if ind.kind == "monthly_share":
            num = panel.counts[p["numerator"]][g, start:stop]
            den = panel.counts[p["denominator"]][g, start:stop]
            total = int(den.sum())
            # No events at all means no IS activity seen: share 0, said so in explain.
            raw[g] = float(num.sum()) / total if total else 0.0
            info = _panel_inputs(panel, g, start, stop, p["denominator"])
            info.update(
                numerator=p["numerator"],
                numerator_values=num.tolist(),
                numerator_total=int(num.sum()),
                denominator_total=total,
            )
            if not total:
                info["note"] = "no events in the window; share taken as 0"
        else:
            values = panel.counts[p["column"]][g, start:stop]
            info = _panel_inputs(panel, g, start, stop, p["column"])
            if ind.kind == "monthly_mean":
                level = poisson_level(values)
                raw[g] = level.mean
                info["level"] = level.as_dict()
            else:
                trend = mann_kendall(values, float(p.get("alpha", 0.05)))
                raw[g] = trend.slope
                direction[g] = trend.direction
                info["trend"] = trend.as_dict()
        info["window_months"] = int(p["window_months"])
        inputs.append(info)
    score = normalise(ind, raw, direction if ind.kind == "monthly_trend" else None)
    return IndicatorValues(ind.id, raw, score, np.full(n_gov, stale), inputs)


def _row_dict(r: Mapping[str, Any], columns: list[str], as_of: int, max_age: int) -> dict[str, Any]:
    d = {c: (r[c].item() if hasattr(r[c], "item") else r[c]) for c in columns}
    age = as_of - int(r["month"])
    d.update(line=int(r["line"]), assessed_on=r["assessed_on"], age_months=age, stale=age > max_age)
    if "id" in r:
        d["id"] = int(r["id"])
    return d


def _tabled(ind: Indicator, cfg: ModelConfig, table: Table, codes: tuple[str, ...], as_of: int) -> IndicatorValues:
    """Plain-Python over the as-of rows: a few hundred rows, where pandas' per-group
    overhead would cost more than the arithmetic."""
    n_gov = len(codes)
    raw = np.full(n_gov, np.nan)
    stale = np.zeros(n_gov, dtype=bool)
    inputs: list[dict[str, Any]] = []
    by_gov: dict[str, list[dict[str, Any]]] = {}
    for r in table.as_of(as_of).to_dict("records"):
        if ind.kind == "table_value" and r["indicator"] != ind.params["indicator"]:
            continue
        by_gov.setdefault(r["governorate"], []).append(r)
    max_age = cfg.tables_max_age_months
    for g, iso in enumerate(codes):
        sub = by_gov.get(iso, [])
        info: dict[str, Any] = {"source": table.source, "sha256": table.sha256, "table": table.kind}
        if not sub:
            info["rows"] = []
            info["note"] = "no row assessed on or before the as-of date"
            inputs.append(info)
            continue
        if ind.kind == "coverage":
            need = np.array([r["need"] for r in sub], dtype=float)
            cover = np.array([r["own_coverage"] for r in sub], dtype=float)
            raw[g] = float((need * cover).sum() / need.sum())
            info["rows"] = [_row_dict(r, ["requirement", "need", "own_coverage"], as_of, max_age) for r in sub]
            info["formula"] = "sum(need * own_coverage) / sum(need)"
        elif ind.kind == "rating_mean":
            dim = ind.params["field"]
            mapped = []
            for r in sub:
                if r[dim] not in cfg.rating_scale:
                    raise InputError(
                        f"rating {r[dim]!r} is not on the model's scale {', '.join(cfg.rating_scale)}",
                        file=table.source,
                        line=int(r["line"]),
                        field=dim,
                    )
                mapped.append(cfg.rating_scale[r[dim]])
            raw[g] = float(np.mean(mapped))
            info["rows"] = [_row_dict(r, ["formation", dim], as_of, max_age) for r in sub]
            info["scale"] = dict(cfg.rating_scale)
            info["formula"] = f"mean of rating_scale[{dim}] over formations"
        else:
            raw[g] = float(sub[-1]["value"])
            info["rows"] = [_row_dict(r, ["indicator", "value"], as_of, max_age) for r in sub]
        stale[g] = any(r["stale"] for r in info["rows"])
        inputs.append(info)
    return IndicatorValues(ind.id, raw, normalise(ind, raw), stale, inputs)


def compute_indicator(
    ind: Indicator,
    cfg: ModelConfig,
    *,
    panel: MonthlyPanel,
    tables: Mapping[str, Table],
    as_of: int,
    events_stale: bool,
) -> IndicatorValues:
    """Compute one indicator for all governorates of ``panel`` at month ``as_of``."""
    if ind.kind.startswith("monthly_"):
        return _monthly(ind, panel, as_of, events_stale)
    name = ind.table
    if name not in tables:
        raise InputError(
            f"indicator {ind.id!r} needs the table {name!r}, which was not given",
            file=cfg.source,
            field=f"indicators.{ind.id}.table",
        )
    return _tabled(ind, cfg, tables[name], panel.codes, as_of)
