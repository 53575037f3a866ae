"""One assessment run: inputs at an as-of date → per-governorate result, explained.

A run is reproducible from what it records: the as-of month, the model's version and
checksum, and the sha256 of every input file. Inputs that are too old for the as-of date
are flagged stale in the result rather than silently used.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from jscd.assess.config import ModelConfig, load_config
from jscd.assess.engine import Outcome, decide, draw_parameters, nominal_parameters
from jscd.assess.events import load_ucdp_events
from jscd.assess.geo import Governorates, load_governorates
from jscd.assess.indicators import IndicatorValues, compute_indicator
from jscd.assess.monthly import MonthlyPanel, format_month, load_monthly_csv, panel_from_events, parse_month
from jscd.assess.tables import Table, example_path, load_capability, load_requirements
from jscd.core import InputError

__all__ = ["RESULT_SCHEMA", "AssessmentInputs", "assess", "load_inputs"]

RESULT_SCHEMA = "jscd-assessment/1"
EXAMPLE_REQUIREMENTS = "requirements-illustrative.csv"
EXAMPLE_CAPABILITY = "capability-illustrative.csv"


@dataclass
class AssessmentInputs:
    """Everything a run reads besides the model: the conflict panel and the tables."""

    panel: MonthlyPanel
    tables: dict[str, Table] = field(default_factory=dict)
    governorates: Governorates | None = None


def _shipped_meta() -> dict[str, Any] | None:
    path = resources.files("jscd.assess") / "data" / "ucdp_monthly.meta.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_inputs(
    cfg: ModelConfig,
    *,
    events: str | Path | None = None,
    monthly: str | Path | None = None,
    requirements: str | Path | Table | None = None,
    capability: str | Path | Table | None = None,
    tables: Mapping[str, Table] | None = None,
    geojson: str | Path | None = None,
) -> AssessmentInputs:
    """Load inputs, defaulting to the data shipped in the package.

    ``events`` is a raw UCDP GED CSV (placed and counted here); otherwise ``monthly`` or
    the shipped derived ``ucdp_monthly.csv``. Requirement and capability tables default to
    the illustrative examples shipped with the package.
    """
    govs = load_governorates(geojson)
    if events is not None:
        panel = panel_from_events(load_ucdp_events(events, govs), govs)
    else:
        panel = load_monthly_csv(monthly, govs)
        if monthly is None:
            meta = _shipped_meta()
            panel.placement = meta.get("placement") if meta else None
            if meta:
                panel.placement = {**(meta.get("placement") or {}), "derived_from": meta.get("source")}
    out: dict[str, Table] = dict(tables or {})
    if not isinstance(requirements, Table):
        requirements = load_requirements(
            requirements or example_path(EXAMPLE_REQUIREMENTS), kinds=cfg.requirement_kinds, governorates=govs
        )
    if not isinstance(capability, Table):
        capability = load_capability(
            capability or example_path(EXAMPLE_CAPABILITY), scale=tuple(cfg.rating_scale), governorates=govs
        )
    out.setdefault("requirements", requirements)
    out.setdefault("capability", capability)
    return AssessmentInputs(panel=panel, tables=out, governorates=govs)


def _as_of_month(as_of: str | dt.date) -> int:
    try:
        return parse_month(as_of.isoformat() if isinstance(as_of, dt.date) else as_of)
    except ValueError as exc:
        raise InputError(str(exc), field="as_of") from None


def _sensitivity(cfg: ModelConfig, scores: np.ndarray, ids: list[str], nominal: Outcome, draws: int, seed: int):
    params = draw_parameters(cfg, draws, seed)
    mc = decide(cfg, scores, ids, params)
    top = len(cfg.phases) - 1
    p_meet = (mc.phase == top).mean(axis=0)
    p_phase = np.stack([(mc.phase == p).mean(axis=0) for p in range(len(cfg.phases))], axis=-1)
    p_tranche = np.stack([(mc.tranche == t).mean(axis=0) for t in range(len(cfg.tranches))], axis=-1)
    stability = (mc.tranche == nominal.tranche[0]).mean(axis=0)
    return p_meet, p_phase, p_tranche, stability


def _r(x: float, nd: int = 4) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), nd)


def assess(
    as_of: str | dt.date,
    config: ModelConfig | str | Path | None = None,
    inputs: AssessmentInputs | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
    explain: bool = True,
) -> dict[str, Any]:
    """Run the assessment at ``as_of`` (``"YYYY-MM"``) and return the result as plain data.

    ``draws=0`` skips the sensitivity analysis. The result (schema ``jscd-assessment/1``)
    holds per governorate the factor scores, phase, binding factor, tranche and
    sensitivity, and under ``explain`` every indicator's inputs and parameters.
    """
    cfg = config if isinstance(config, ModelConfig) else load_config(config)
    inputs = inputs or load_inputs(cfg)
    panel = inputs.panel
    govs = inputs.governorates or load_governorates()
    month = _as_of_month(as_of)
    if month < panel.first:
        raise InputError(
            f"as-of {format_month(month)} is before the conflict data start ({format_month(panel.first)})",
            field="as_of",
        )
    events_age = month - panel.last
    events_stale = events_age > cfg.events_max_age_months

    used = list(dict.fromkeys(i for f in cfg.factors.values() for i in f.weights))
    values: dict[str, IndicatorValues] = {
        iid: compute_indicator(
            cfg.indicators[iid], cfg, panel=panel, tables=inputs.tables, as_of=month, events_stale=events_stale
        )
        for iid in used
    }
    scores = np.stack([values[i].score for i in used], axis=-1)  # (G, I)
    nominal = decide(cfg, scores, used, nominal_parameters(cfg))
    n_draws = cfg.draws if draws is None else draws
    sens = _sensitivity(cfg, scores, used, nominal, n_draws, cfg.seed if seed is None else seed) if n_draws else None

    factor_ids = list(cfg.factors)
    phase_ids = [p.id for p in cfg.phases]
    rows: list[dict[str, Any]] = []
    explained: dict[str, Any] = {}
    for g, iso in enumerate(panel.codes):
        fs = nominal.factor_scores[0, g]
        ph = int(nominal.phase[0, g])
        tr = int(nominal.tranche[0, g])
        target = min(ph + 1, len(phase_ids) - 1)
        thresholds = {f: cfg.factors[f].thresholds[phase_ids[target]].value for f in factor_ids}
        stale_inputs = sorted({i for i in used if values[i].stale[g]})
        missing = sorted({i for i in used if np.isnan(values[i].score[g])})
        row: dict[str, Any] = {
            "iso": iso,
            "name": govs.name_of(iso),
            "factors": {f: _r(fs[k]) for k, f in enumerate(factor_ids)},
            "composite": _r(nominal.composite[0, g]),
            "conditions_met": ph == len(phase_ids) - 1,
            "phase": phase_ids[ph],
            "phase_label": cfg.phases[ph].label,
            "binding_factor": factor_ids[int(nominal.binding[0, g])],
            "margin": _r(nominal.margin[0, g]),
            "tranche": cfg.tranches[tr].id,
            "tranche_label": cfg.tranches[tr].label,
            "indicators": {i: {"raw": _r(values[i].raw[g]), "score": _r(values[i].score[g])} for i in used},
            "stale": stale_inputs,
            "missing": missing,
        }
        if sens is not None:
            p_meet, p_phase, p_tranche, stability = sens
            row["sensitivity"] = {
                "p_conditions_met": _r(p_meet[g]),
                "p_phase": {pid: _r(p_phase[g, k]) for k, pid in enumerate(phase_ids)},
                "p_tranche": {t.id: _r(p_tranche[g, k]) for k, t in enumerate(cfg.tranches)},
                "tranche_stability": _r(stability[g]),
            }
        rows.append(row)
        if explain:
            explained[iso] = {
                "factors": {
                    f: {
                        "score": _r(fs[k]),
                        "formula": "sum(weight * indicator score)",
                        "threshold_next_phase": {"phase": phase_ids[target], "value": thresholds[f]},
                        "indicators": {
                            i: {
                                "label": cfg.indicators[i].label,
                                "kind": cfg.indicators[i].kind,
                                "parameters": dict(cfg.indicators[i].params),
                                "normalise": dict(cfg.indicators[i].normalise),
                                "weight": w,
                                "raw": _r(values[i].raw[g], 6),
                                "score": _r(values[i].score[g], 6),
                                "contribution": _r(w * values[i].score[g], 6),
                                "inputs": values[i].inputs[g],
                            }
                            for i, w in cfg.factors[f].weights.items()
                        },
                    }
                    for k, f in enumerate(factor_ids)
                },
                "decision": {
                    "rule": cfg.rule,
                    "phase": phase_ids[ph],
                    "thresholds": {
                        pid: {f: cfg.factors[f].thresholds[pid].value for f in factor_ids} for pid in phase_ids[1:]
                    },
                    "margin": _r(nominal.margin[0, g], 6),
                    "margin_formula": "min over factors of (score - partnership threshold)",
                    "binding_factor": row["binding_factor"],
                    "tranche_bounds": {t.id: (None if t.min_margin == -np.inf else t.min_margin) for t in cfg.tranches},
                },
            }

    order = sorted(range(len(rows)), key=lambda g: (int(nominal.tranche[0, g]), -(rows[g]["composite"] or -1)))
    tranches = [
        {"id": t.id, "label": t.label, "governorates": [rows[g]["iso"] for g in order if rows[g]["tranche"] == t.id]}
        for t in cfg.tranches
    ]
    table_inputs = {
        name: {"source": t.source, "sha256": t.sha256, "rows": len(t.frame)}
        for name, t in sorted(inputs.tables.items())
    }
    result: dict[str, Any] = {
        "schema": RESULT_SCHEMA,
        "as_of": format_month(month),
        "config": {"name": cfg.name, "version": cfg.version, "sha256": cfg.sha256, "source": Path(cfg.source).name},
        "inputs": {
            "events": {
                "kind": panel.kind,
                "source": panel.source,
                "sha256": panel.sha256,
                "first_month": format_month(panel.first),
                "last_month": format_month(panel.last),
                "age_months": max(events_age, 0),
                "stale": events_stale,
            },
            **table_inputs,
        },
        "placement": panel.placement,
        "sensitivity": {"draws": n_draws, "seed": cfg.seed if seed is None else seed},
        "factors": [{"id": f.id, "label": f.label} for f in cfg.factors.values()],
        "phases": [{"id": p.id, "label": p.label} for p in cfg.phases],
        "governorates": rows,
        "tranches": tranches,
        "stale": events_stale or any(r["stale"] for r in rows),
    }
    if explain:
        result["explain"] = explained
    return result
