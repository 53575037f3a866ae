"""As-of runs on the real conflict data: results, explain, checksums, staleness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jscd.assess import assess, file_sha256, load_inputs, parse_month
from jscd.core import InputError

HOTSPOTS = {"IQ-NI": "Nineveh", "IQ-AN": "Anbar", "IQ-SD": "Salah al-Din"}


@pytest.fixture(scope="module")
def runs(config, default_inputs):
    return {a: assess(a, config, default_inputs, draws=2000) for a in ("2015-06", "2018-06")}


def _by_iso(result):
    return {g["iso"]: g for g in result["governorates"]}


def test_threat_fell_in_nineveh_anbar_and_salah_al_din_between_2015_and_2018(runs, event_table, config):
    """From the data: the threat factor rose (less threat) and so did its score's inputs.

    The comparison is made twice, through the model and directly on the raw UCDP rows,
    so a bug in the panel cannot make both agree by accident.
    """
    before, after = _by_iso(runs["2015-06"]), _by_iso(runs["2018-06"])
    window = config.indicators["events_level"].params["window_months"]
    f = event_table.frame
    for iso, name in HOTSPOTS.items():
        assert after[iso]["factors"]["threat"] > before[iso]["factors"]["threat"], name
        level = {}
        for as_of in ("2015-06", "2018-06"):
            end = parse_month(as_of)
            rows = f[(f["governorate"] == iso) & (f["month"] > end - window) & (f["month"] <= end)]
            level[as_of] = len(rows) / window
            explained = runs[as_of]["explain"][iso]["factors"]["threat"]["indicators"]["events_level"]
            assert explained["raw"] == pytest.approx(level[as_of]), (name, as_of)
        assert level["2018-06"] < level["2015-06"], name


def test_every_governorate_has_codes_scores_phase_and_tranche(runs, config):
    result = runs["2018-06"]
    assert len(result["governorates"]) == 18
    phases = {p.id for p in config.phases}
    tranches = {t.id for t in config.tranches}
    for g in result["governorates"]:
        assert g["iso"].startswith("IQ-") and g["name"]
        assert set(g["factors"]) == set(config.factors)
        assert all(0 <= v <= 1 for v in g["factors"].values())
        assert g["phase"] in phases and g["tranche"] in tranches
        assert g["binding_factor"] in config.factors
        assert g["conditions_met"] == (g["phase"] == "partnership")
    grouped = [iso for t in result["tranches"] for iso in t["governorates"]]
    assert sorted(grouped) == sorted(g["iso"] for g in result["governorates"])


def test_factor_scores_are_their_explained_weighted_contributions(runs, config):
    for iso, exp in runs["2018-06"]["explain"].items():
        row = _by_iso(runs["2018-06"])[iso]
        for fid, factor in exp["factors"].items():
            total = sum(i["weight"] * i["score"] for i in factor["indicators"].values())
            assert row["factors"][fid] == pytest.approx(total, abs=1e-4)
            assert set(factor["indicators"]) == set(config.factors[fid].weights)


def test_binding_factor_is_the_one_furthest_below_its_next_threshold(runs):
    for iso, exp in runs["2015-06"]["explain"].items():
        gaps = {f: v["score"] - v["threshold_next_phase"]["value"] for f, v in exp["factors"].items()}
        assert _by_iso(runs["2015-06"])[iso]["binding_factor"] == min(gaps, key=gaps.get)


def test_explain_ties_table_scores_to_file_lines(runs, default_inputs):
    exp = runs["2018-06"]["explain"]["IQ-NI"]["factors"]["requirements"]["indicators"]["requirement_coverage"]
    rows = exp["inputs"]["rows"]
    assert rows and all(r["assessed_on"] <= "2018-06-30" for r in rows)
    frame = default_inputs.tables["requirements"].frame.set_index("line")
    for r in rows:
        assert frame.loc[r["line"], "own_coverage"] == r["own_coverage"]
    need = np.array([r["need"] for r in rows])
    cover = np.array([r["own_coverage"] for r in rows])
    assert exp["raw"] == pytest.approx((need * cover).sum() / need.sum())


def test_run_records_input_checksums_and_config_version(runs, config, default_inputs):
    result = runs["2018-06"]
    assert result["config"]["version"] == config.version and result["config"]["sha256"] == config.sha256
    assert result["inputs"]["events"]["sha256"] == file_sha256(default_inputs.panel.source)
    for name in ("requirements", "capability"):
        assert result["inputs"][name]["sha256"] == default_inputs.tables[name].sha256


def test_same_inputs_same_result(config, default_inputs):
    a = assess("2017-03", config, default_inputs, draws=500, seed=7)
    b = assess("2017-03", config, default_inputs, draws=500, seed=7)
    assert a == b


def test_old_tables_and_events_are_flagged_stale(config, default_inputs):
    # In mid-2016 the latest requirement and capability rows are a year old.
    mid = assess("2016-06", config, default_inputs, draws=0)
    assert mid["stale"]
    assert all("requirement_coverage" in g["stale"] for g in mid["governorates"])
    assert not mid["inputs"]["events"]["stale"]
    fresh = assess("2018-06", config, default_inputs, draws=0)
    assert not fresh["stale"]
    late = assess("2019-12", config, default_inputs, draws=0)
    assert late["inputs"]["events"]["stale"] and late["inputs"]["events"]["age_months"] == 12


def test_raw_events_and_shipped_derived_data_give_the_same_assessment(config, events_csv):
    from .conftest import GEOJSON

    raw = load_inputs(config, events=events_csv, geojson=GEOJSON)
    shipped = load_inputs(config, geojson=GEOJSON)
    a = assess("2018-06", config, raw, draws=300, explain=False)
    b = assess("2018-06", config, shipped, draws=300, explain=False)
    assert a["governorates"] == b["governorates"]
    assert a["inputs"]["events"]["kind"] == "ucdp_events" and b["inputs"]["events"]["kind"] == "ucdp_monthly"
    # The raw route can name the very events behind a score.
    exp = assess("2018-06", config, raw, draws=0)["explain"]["IQ-SD"]
    ids = exp["factors"]["threat"]["indicators"]["events_level"]["inputs"]["event_ids"]
    assert len(ids) == sum(exp["factors"]["threat"]["indicators"]["events_level"]["inputs"]["values"])


def test_as_of_before_the_data_or_malformed_is_an_error(config, default_inputs):
    with pytest.raises(InputError) as err:
        assess("1970-01", config, default_inputs, draws=0)
    assert err.value.field == "as_of"
    with pytest.raises(InputError) as err:
        assess("June 2018", config, default_inputs, draws=0)
    assert err.value.field == "as_of"


def test_missing_capability_rows_leave_the_governorate_unscheduled(config, default_inputs, tmp_path):
    from jscd.assess import load_capability

    cap = default_inputs.tables["capability"].frame
    kept = cap[cap["governorate"] != "IQ-KA"][
        ["governorate", "formation", "personnel", "equipment", "readiness", "training", "assessed_on"]
    ]
    inputs = load_inputs(config, capability=load_capability(pd.DataFrame(kept)))
    row = _by_iso(assess("2018-06", config, inputs, draws=100))["IQ-KA"]
    assert row["factors"]["capability"] is None and not row["conditions_met"]
    assert row["binding_factor"] == "capability" and row["tranche"] == config.tranches[-1].id
