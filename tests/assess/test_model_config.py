"""The model file: validated with errors that name line and field; factors are data."""

from __future__ import annotations

import pytest

from jscd.assess import assess, default_config_path, load_config, load_indicator_table, load_inputs
from jscd.core import InputError

from .conftest import write


def _shipped() -> str:
    return default_config_path().read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_shipped_model_loads_with_version_and_checksum(config):
    assert config.version == "1.0"
    assert len(config.sha256) == 64
    assert list(config.factors) == ["threat", "requirements", "capability"]
    assert [p.id for p in config.phases] == ["coalition_support", "advise_and_assist", "partnership"]


def test_weights_that_do_not_sum_to_one_name_the_factor_and_line(tmp_path):
    text = _shipped().replace("events_trend: 0.25}", "events_trend: 0.35}")
    with pytest.raises(InputError) as err:
        load_config(write(tmp_path, "m.yaml", text))
    assert err.value.field == "factors.threat.indicators"
    assert err.value.line == _line_of(text, "events_trend: 0.35}")
    assert "sum to 1.1" in str(err.value)


def test_a_factor_naming_an_unknown_indicator_is_refused(tmp_path):
    text = _shipped().replace("{requirement_coverage: 1.0}", "{requirement_covrage: 1.0}")
    with pytest.raises(InputError) as err:
        load_config(write(tmp_path, "m.yaml", text))
    assert err.value.field == "factors.requirements.indicators.requirement_covrage"
    assert err.value.line == _line_of(text, "requirement_covrage")


def test_an_indicator_of_unknown_kind_or_column_is_refused(tmp_path):
    text = _shipped().replace("column: deaths\n", "column: casualties\n")
    with pytest.raises(InputError) as err:
        load_config(write(tmp_path, "m.yaml", text))
    assert err.value.field == "indicators.deaths_level.column"
    assert err.value.line == _line_of(text, "casualties")


def test_thresholds_must_rise_with_the_phases(tmp_path):
    text = _shipped().replace(
        "partnership: {value: 0.60, range: [0.55, 0.65]}", "partnership: {value: 0.30, range: [0.25, 0.35]}"
    )
    with pytest.raises(InputError) as err:
        load_config(write(tmp_path, "m.yaml", text))
    assert err.value.field == "factors.threat.thresholds.partnership.value"


def test_a_threshold_outside_its_range_is_refused(tmp_path):
    text = _shipped().replace("{value: 0.35, range: [0.30, 0.40]}", "{value: 0.35, range: [0.40, 0.50]}")
    with pytest.raises(InputError) as err:
        load_config(write(tmp_path, "m.yaml", text))
    assert err.value.field == "factors.threat.thresholds.advise_and_assist.range"


GOVERNANCE = """
  governance_capacity:
    label: Provincial governance capacity (0-10)
    kind: table_value
    table: governance
    indicator: governance_capacity
    normalise: {method: linear, lo: 0, hi: 10}
"""
GOVERNANCE_FACTOR = """
  governance:
    label: Governance capacity
    indicators: {governance_capacity: 1.0}
    thresholds:
      advise_and_assist: {value: 0.3, range: [0.25, 0.35]}
      partnership: {value: 0.5, range: [0.45, 0.55]}
"""


def test_a_fourth_factor_is_added_by_configuration_alone(tmp_path):
    """Governance capacity, as Provincial Iraqi Control weighed it, needs no code change."""
    text = _shipped()
    text = text.replace("\nfactors:\n", GOVERNANCE + "\nfactors:\n", 1)
    text = text.replace("\nphases:\n", GOVERNANCE_FACTOR + "\nphases:\n", 1)
    text = text.replace(
        "weights: {threat: 0.4, requirements: 0.3, capability: 0.3}",
        "weights: {threat: 0.4, requirements: 0.2, capability: 0.2, governance: 0.2}",
    )
    cfg = load_config(write(tmp_path, "m4.yaml", text))
    assert list(cfg.factors) == ["threat", "requirements", "capability", "governance"]
    rows = ["governorate,indicator,value,assessed_on"]
    rows += [f"{iso},governance_capacity,{2 if iso == 'IQ-KA' else 8},2018-05-31" for iso in ("IQ-KA", "IQ-NA")]
    gov_table = load_indicator_table(write(tmp_path, "gov.csv", "\n".join(rows) + "\n"))
    inputs = load_inputs(cfg, tables={"governance": gov_table})
    result = assess("2018-06", cfg, inputs, draws=200)
    by_iso = {g["iso"]: g for g in result["governorates"]}
    assert by_iso["IQ-KA"]["factors"]["governance"] == pytest.approx(0.2)
    assert by_iso["IQ-KA"]["binding_factor"] == "governance"
    assert not by_iso["IQ-KA"]["conditions_met"]
    # No governance row: the factor is missing, said so, and the governorate cannot pass.
    assert by_iso["IQ-BG"]["factors"]["governance"] is None
    assert "governance_capacity" in by_iso["IQ-BG"]["missing"]
    assert by_iso["IQ-BG"]["tranche"] == cfg.tranches[-1].id


def test_a_model_needing_a_table_that_was_not_given_says_which(tmp_path):
    text = _shipped().replace("\nfactors:\n", GOVERNANCE + "\nfactors:\n", 1)
    text = text.replace("\nphases:\n", GOVERNANCE_FACTOR + "\nphases:\n", 1)
    cfg = load_config(write(tmp_path, "m4.yaml", text))
    with pytest.raises(InputError) as err:
        assess("2018-06", cfg, load_inputs(cfg), draws=0)
    assert err.value.field == "indicators.governance_capacity.table"
