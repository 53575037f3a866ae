"""Requirement and capability tables: validation by line and field, and as-of selection."""

from __future__ import annotations

import pytest

from jscd.assess import example_path, load_capability, load_indicator_table, load_requirements
from jscd.assess.run import EXAMPLE_CAPABILITY, EXAMPLE_REQUIREMENTS
from jscd.core import InputError

from .conftest import write

KINDS = ("isr", "air_support", "logistics", "counter_ied", "medevac", "fires")
CAP_HEADER = "governorate,formation,personnel,equipment,readiness,training,assessed_on"
REQ_HEADER = "governorate,requirement,need,own_coverage,assessed_on"


def test_shipped_examples_load_and_say_they_are_illustrative():
    for name in (EXAMPLE_REQUIREMENTS, EXAMPLE_CAPABILITY):
        assert "ILLUSTRATIVE" in example_path(name).read_text(encoding="utf-8").splitlines()[0]
    req = load_requirements(example_path(EXAMPLE_REQUIREMENTS), kinds=KINDS)
    cap = load_capability(example_path(EXAMPLE_CAPABILITY))
    assert set(req.frame["governorate"]) == set(cap.frame["governorate"])
    assert len(set(req.frame["governorate"])) == 18
    # Line numbers are the file's own, comment lines included.
    first = req.frame.iloc[0]
    lines = example_path(EXAMPLE_REQUIREMENTS).read_text(encoding="utf-8").splitlines()
    assert lines[int(first["line"]) - 1].startswith(first["governorate"])


def test_capability_rating_off_the_scale_names_line_and_field(tmp_path):
    text = f"{CAP_HEADER}\nIQ-NI,F1,C1,C2,C3,C4,2018-05-31\nIQ-AN,F2,C2,C2,C5,C2,2018-05-31\n"
    with pytest.raises(InputError) as err:
        load_capability(write(tmp_path, "cap.csv", text))
    assert (err.value.line, err.value.field) == (3, "readiness")
    assert "C5" in str(err.value)


def test_unknown_governorate_in_a_table_names_line_and_field(tmp_path):
    text = f"{REQ_HEADER}\nIQ-NI,isr,3,0.5,2018-05-31\nMordor,isr,3,0.5,2018-05-31\n"
    with pytest.raises(InputError) as err:
        load_requirements(write(tmp_path, "req.csv", text), kinds=KINDS)
    assert (err.value.line, err.value.field) == (3, "governorate")


def test_coverage_outside_zero_to_one_and_unknown_requirement_are_refused(tmp_path):
    bad_cover = f"{REQ_HEADER}\nIQ-NI,isr,3,1.5,2018-05-31\n"
    with pytest.raises(InputError) as err:
        load_requirements(write(tmp_path, "a.csv", bad_cover), kinds=KINDS)
    assert (err.value.line, err.value.field) == (2, "own_coverage")
    bad_kind = f"{REQ_HEADER}\nIQ-NI,submarines,3,0.5,2018-05-31\n"
    with pytest.raises(InputError) as err:
        load_requirements(write(tmp_path, "b.csv", bad_kind), kinds=KINDS)
    assert err.value.field == "requirement"


def test_table_with_wrong_columns_is_refused(tmp_path):
    with pytest.raises(InputError) as err:
        load_capability(write(tmp_path, "c.csv", "governorate,unit,rating\nIQ-NI,x,C1\n"))
    assert err.value.line == 1 and err.value.field == "formation"


def test_rows_entered_in_the_record_validate_like_a_file():
    rows = [
        {"governorate": "Ninawa", "requirement": "isr", "need": 3, "own_coverage": 0.4, "assessed_on": "2018-05-01"},
        {"governorate": "IQ-NI", "requirement": "isr", "need": 3, "own_coverage": -1, "assessed_on": "2018-06-01"},
    ]
    with pytest.raises(InputError) as err:
        load_requirements(rows, kinds=KINDS, where="record")
    assert (err.value.file, err.value.line, err.value.field) == ("record", 2, "own_coverage")


def test_as_of_takes_the_latest_row_known_at_the_date(tmp_path):
    text = f"{REQ_HEADER}\nIQ-NI,isr,3,0.2,2015-05-31\nIQ-NI,isr,3,0.6,2018-05-31\nIQ-NI,fires,2,0.9,2019-01-31\n"
    table = load_requirements(write(tmp_path, "r.csv", text), kinds=KINDS)
    at_2016 = table.as_of(2016 * 12 + 5)
    assert list(at_2016["own_coverage"]) == [0.2]
    at_2018 = table.as_of(2018 * 12 + 5)
    assert list(at_2018["own_coverage"]) == [0.6]
    assert table.as_of(2014 * 12).empty


def test_generic_indicator_table_needs_numbers(tmp_path):
    text = "governorate,indicator,value,assessed_on\nIQ-NI,governance_capacity,high,2018-05-31\n"
    with pytest.raises(InputError) as err:
        load_indicator_table(write(tmp_path, "g.csv", text))
    assert (err.value.line, err.value.field) == (2, "value")
