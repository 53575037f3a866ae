"""Monte Carlo over weights and thresholds: shapes, seeds, and agreement with the nominal run."""

from __future__ import annotations

import numpy as np
import pytest

from jscd.assess import assess, decide, draw_parameters, nominal_parameters


def _scores(config, n_gov=18, seed=0):
    ids = list(dict.fromkeys(i for f in config.factors.values() for i in f.weights))
    return np.random.default_rng(seed).uniform(0, 1, size=(n_gov, len(ids))), ids


def test_draws_have_the_documented_shapes_and_respect_the_model(config):
    params = draw_parameters(config, 1000, seed=1)
    for factor, w in zip(config.factors.values(), params.weights, strict=True):
        assert w.shape == (1000, len(factor.weights))
        np.testing.assert_allclose(w.sum(axis=1), 1.0)
    n_phases, n_factors = len(config.phases) - 1, len(config.factors)
    assert params.thresholds.shape == (1000, n_phases, n_factors)
    assert (np.diff(params.thresholds, axis=1) >= 0).all()  # later phases never easier
    for k, factor in enumerate(config.factors.values()):
        for p, phase in enumerate(config.phases[1:]):
            t = factor.thresholds[phase.id]
            assert t.low <= params.thresholds[:, p, k].min() and params.thresholds[:, p, k].max() <= t.high


def test_dirichlet_draws_centre_on_the_written_weights(config):
    params = draw_parameters(config, 20000, seed=3)
    threat = list(config.factors).index("threat")
    written = np.array(list(config.factors["threat"].weights.values()))
    np.testing.assert_allclose(params.weights[threat].mean(axis=0), written, atol=0.01)


def test_outcome_arrays_have_one_entry_per_draw_and_governorate(config):
    scores, ids = _scores(config)
    out = decide(config, scores, ids, draw_parameters(config, 500, seed=2))
    assert out.factor_scores.shape == (500, 18, len(config.factors))
    for arr in (out.phase, out.tranche, out.margin, out.binding, out.composite):
        assert arr.shape == (500, 18)
    assert out.phase.max() <= len(config.phases) - 1 and out.tranche.max() <= len(config.tranches) - 1


def test_same_seed_same_draws_other_seed_other_draws(config):
    a, b, c = (draw_parameters(config, 100, seed=s) for s in (5, 5, 6))
    np.testing.assert_array_equal(a.thresholds, b.thresholds)
    assert not np.array_equal(a.thresholds, c.thresholds)


def test_probabilities_are_consistent_with_the_nominal_decision(config, default_inputs):
    result = assess("2018-06", config, default_inputs, draws=4000, seed=11)
    for g in result["governorates"]:
        s = g["sensitivity"]
        assert sum(s["p_phase"].values()) == pytest.approx(1.0, abs=1e-3)
        assert sum(s["p_tranche"].values()) == pytest.approx(1.0, abs=1e-3)
        assert s["p_conditions_met"] == s["p_phase"]["partnership"]
        assert s["tranche_stability"] == s["p_tranche"][g["tranche"]]
        # Far from every threshold range, the draws cannot change the answer.
        if g["margin"] is not None and g["margin"] > 0.2:
            assert s["p_conditions_met"] == 1.0
        if g["margin"] is not None and g["margin"] < -0.3:
            assert s["p_conditions_met"] == 0.0


def test_nominal_parameters_reproduce_the_written_model(config):
    scores, ids = _scores(config, seed=4)
    out = decide(config, scores, ids, nominal_parameters(config))
    threat = config.factors["threat"]
    expected = sum(w * scores[:, ids.index(i)] for i, w in threat.weights.items())
    np.testing.assert_allclose(out.factor_scores[0, :, 0], expected)
