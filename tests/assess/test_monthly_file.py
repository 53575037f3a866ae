"""The derived monthly file: a dense, non-negative governorate × month panel or an error."""

from __future__ import annotations

import pytest

from jscd.assess import load_monthly_csv
from jscd.core import InputError

from .conftest import write

HEADER = "governorate,month,events,deaths,deaths_low,deaths_high,is_events"


def _panel_text(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _dense(months=("2018-01", "2018-02")) -> list[str]:
    from jscd.assess import load_governorates

    return [f"{iso},{m},1,2,1,3,1" for iso in load_governorates().codes for m in months]


def test_a_dense_file_loads_with_every_governorate_and_month(tmp_path):
    panel = load_monthly_csv(write(tmp_path, "m.csv", _panel_text(_dense())))
    assert panel.n_months == 2 and len(panel.codes) == 18
    assert int(panel.counts["events"].sum()) == 36


def test_missing_month_is_an_error_naming_the_governorate_and_month(tmp_path):
    rows = [r for r in _dense() if not r.startswith("IQ-SD,2018-02")]
    with pytest.raises(InputError) as err:
        load_monthly_csv(write(tmp_path, "m.csv", _panel_text(rows)))
    assert err.value.field == "month"
    assert "IQ-SD" in str(err.value) and "2018-02" in str(err.value)


def test_unknown_governorate_is_an_error_naming_the_line(tmp_path):
    rows = _dense()
    rows[4] = rows[4].replace(rows[4].split(",")[0], "Gondor", 1)
    with pytest.raises(InputError) as err:
        load_monthly_csv(write(tmp_path, "m.csv", _panel_text(rows)))
    assert err.value.line == 6 and err.value.field == "governorate"


def test_negative_count_is_an_error_naming_line_and_field(tmp_path):
    rows = _dense()
    rows[0] = rows[0].split(",")[0] + ",2018-01,1,-2,1,3,1"
    with pytest.raises(InputError) as err:
        load_monthly_csv(write(tmp_path, "m.csv", _panel_text(rows)))
    assert (err.value.line, err.value.field) == (2, "deaths")


def test_duplicate_row_is_an_error(tmp_path):
    rows = _dense()
    rows.append(rows[0])
    with pytest.raises(InputError) as err:
        load_monthly_csv(write(tmp_path, "m.csv", _panel_text(rows)))
    assert "duplicate" in str(err.value) and err.value.line == len(rows) + 1


def test_names_are_accepted_as_well_as_codes(tmp_path):
    rows = [r.replace("IQ-NI,", "Nineveh,") for r in _dense()]
    panel = load_monthly_csv(write(tmp_path, "m.csv", _panel_text(rows)))
    assert "IQ-NI" in panel.codes


def test_wrong_columns_are_refused(tmp_path):
    with pytest.raises(InputError) as err:
        load_monthly_csv(write(tmp_path, "m.csv", "governorate,month,events\nIQ-NI,2018-01,3\n"))
    assert err.value.line == 1 and err.value.field == "deaths"
