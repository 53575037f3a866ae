"""The decision rule, vectorised over draws so the point estimate and the Monte Carlo agree.

The nominal assessment is simply draw zero of the same computation: weights and thresholds
as written in the model. The sensitivity analysis draws weights from Dirichlet
distributions centred on the written weights and thresholds uniformly from their ranges,
and reruns the rule on all draws at once (arrays of draws × governorates × factors).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jscd.assess.config import ModelConfig

__all__ = ["Draws", "Outcome", "decide", "draw_parameters", "nominal_parameters"]


@dataclass
class Draws:
    """Model parameters for D draws.

    ``weights``: per factor an array (D, n_indicators_of_factor); ``thresholds``:
    (D, n_phases - 1, n_factors); ``composite_weights``: (D, n_factors);
    ``composite_thresholds``: (D, n_phases - 1) or None.
    """

    weights: list[np.ndarray]
    thresholds: np.ndarray
    composite_weights: np.ndarray
    composite_thresholds: np.ndarray | None


@dataclass
class Outcome:
    """Arrays over (draws, governorates[, factors])."""

    factor_scores: np.ndarray  # (D, G, F)
    composite: np.ndarray  # (D, G)
    phase: np.ndarray  # (D, G) index into cfg.phases
    margin: np.ndarray  # (D, G); -inf when a factor is missing
    tranche: np.ndarray  # (D, G) index into cfg.tranches
    binding: np.ndarray  # (D, G) index of the factor holding the governorate back


def _threshold_arrays(cfg: ModelConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    phases = [p.id for p in cfg.phases[1:]]
    value = np.array([[f.thresholds[p].value for f in cfg.factors.values()] for p in phases])
    low = np.array([[f.thresholds[p].low for f in cfg.factors.values()] for p in phases])
    high = np.array([[f.thresholds[p].high for f in cfg.factors.values()] for p in phases])
    return value, low, high


def nominal_parameters(cfg: ModelConfig) -> Draws:
    """The model as written: one draw."""
    value, _, _ = _threshold_arrays(cfg)
    comp_t = None
    if cfg.composite_thresholds:
        comp_t = np.array([[cfg.composite_thresholds[p.id].value for p in cfg.phases[1:]]])
    return Draws(
        weights=[np.array([list(f.weights.values())]) for f in cfg.factors.values()],
        thresholds=value[None, :, :],
        composite_weights=np.array([[cfg.composite_weights.get(f, 0.0) for f in cfg.factors]]),
        composite_thresholds=comp_t,
    )


def _dirichlet(rng: np.random.Generator, weights: list[float], concentration: float, n: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    out = np.zeros((n, len(w)))
    live = w > 0  # a zero weight stays zero: Dirichlet needs positive parameters
    if live.sum() == 1:
        out[:, live] = 1.0
    elif live.any():
        out[:, live] = rng.dirichlet(concentration * w[live], size=n)
    return out


def draw_parameters(cfg: ModelConfig, draws: int, seed: int) -> Draws:
    """Dirichlet weights (alpha = concentration × weight) and uniform thresholds.

    Thresholds of later phases are kept at least as high as earlier ones in every draw
    (running maximum), so a draw never ranks advise-and-assist above partnership.
    """
    rng = np.random.default_rng(seed)
    weights = [_dirichlet(rng, list(f.weights.values()), f.concentration, draws) for f in cfg.factors.values()]
    _, low, high = _threshold_arrays(cfg)
    thresholds = np.maximum.accumulate(rng.uniform(low, high, size=(draws, *low.shape)), axis=1)
    comp_w = _dirichlet(
        rng, [cfg.composite_weights.get(f, 0.0) for f in cfg.factors], cfg.composite_concentration, draws
    )
    comp_t = None
    if cfg.composite_thresholds:
        lo = np.array([cfg.composite_thresholds[p.id].low for p in cfg.phases[1:]])
        hi = np.array([cfg.composite_thresholds[p.id].high for p in cfg.phases[1:]])
        comp_t = np.maximum.accumulate(rng.uniform(lo, hi, size=(draws, len(lo))), axis=1)
    return Draws(weights, thresholds, comp_w, comp_t)


def decide(cfg: ModelConfig, scores: np.ndarray, indicator_ids: list[str], params: Draws) -> Outcome:
    """Apply the decision rule to indicator ``scores`` (G, I) under each draw of ``params``."""
    col = {iid: i for i, iid in enumerate(indicator_ids)}
    factor_scores = np.stack(
        [
            w @ scores[:, [col[i] for i in f.weights]].T  # (D, k) @ (k, G) -> (D, G)
            for f, w in zip(cfg.factors.values(), params.weights, strict=True)
        ],
        axis=-1,
    )  # (D, G, F); NaN where an indicator is missing
    missing = np.isnan(factor_scores)
    filled = np.where(missing, -np.inf, factor_scores)
    composite = np.einsum("dgf,df->dg", np.where(missing, 0.0, factor_scores), params.composite_weights)
    composite = np.where(missing.any(axis=-1), np.nan, composite)
    gap = filled[:, :, None, :] - params.thresholds[:, None, :, :]  # (D, G, P-1, F)
    if cfg.rule == "all_factors":
        meets = (gap >= 0).all(axis=-1)  # (D, G, P-1)
        margin = gap[:, :, -1, :].min(axis=-1)
    else:
        assert params.composite_thresholds is not None
        comp = np.where(np.isnan(composite), -np.inf, composite)
        cgap = comp[:, :, None] - params.composite_thresholds[:, None, :]
        meets = cgap >= 0
        margin = cgap[:, :, -1]
    phase = np.cumprod(meets, axis=-1).sum(axis=-1)  # consecutive phases met, from the first
    target = np.minimum(phase, len(cfg.phases) - 2)  # the next phase up (or the top one)
    gap_next = np.take_along_axis(gap, target[:, :, None, None], axis=2)[:, :, 0, :]
    binding = gap_next.argmin(axis=-1)
    bounds = np.array([t.min_margin for t in cfg.tranches[:-1]])
    tranche = (margin[..., None] < bounds).sum(axis=-1)
    return Outcome(factor_scores, composite, phase, margin, tranche, binding)
