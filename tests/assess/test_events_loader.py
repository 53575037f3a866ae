"""The UCDP GED loader: HXL row, spellings, empty provinces, placement and its report."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from jscd.assess import load_monthly_csv, load_ucdp_events, panel_from_events
from jscd.assess.events import PLACEMENTS
from jscd.core import InputError

from .conftest import write


def _data_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if not any(v.startswith("#") for v in r.values() if v)]


def test_every_data_row_is_an_event_and_the_hxl_row_is_not(event_table, events_csv):
    rows = _data_rows(events_csv)
    assert len(event_table) == len(rows)
    assert set(event_table.frame["id"]) == {int(r["id"]) for r in rows}


def test_every_event_gets_exactly_one_placement_and_the_summary_adds_up(event_table):
    summary = event_table.placement_summary()
    assert set(event_table.frame["placement"]) <= set(PLACEMENTS)
    assert sum(summary["counts"].values()) == summary["events"] == len(event_table)
    placed = event_table.frame["governorate"] != ""
    assert summary["placed"] == int(placed.sum())
    assert (event_table.frame.loc[~placed, "placement"] == "unplaced").all()


def test_events_with_an_empty_province_are_placed_by_their_coordinates(event_table, full_governorates):
    f = event_table.frame
    empty = f[f["adm_1"] == ""]
    assert len(empty) > 0
    placed = empty[empty["governorate"] != ""]
    assert (placed["placement"] == "point").all()
    # Country-level coordinates ("Iraq", where_prec 6) never pick a governorate.
    assert (empty.loc[empty["where_prec"] >= 6, "placement"] == "unplaced").all()


def test_ucdp_spellings_map_to_geoboundaries_codes(event_table, full_governorates):
    f = event_table.frame
    by_name = f[f["placement"] == "name"].groupby("adm_1")["governorate"].agg(set)
    assert by_name["Nīnawá province"] == {"IQ-NI"}
    assert by_name["At-Ta'mim province"] == {"IQ-KI"}
    assert by_name["Kirkūk province"] == {"IQ-KI"}
    assert by_name["Şalāḩ ad Dīn province"] == {"IQ-SD"}
    assert by_name["Al Başrah  province"] == {"IQ-BA"}  # UCDP's double space
    assert full_governorates.resolve("Nineveh") == "IQ-NI"
    assert full_governorates.resolve("anbar") == "IQ-AN"


def test_precise_points_outside_their_named_province_are_moved_and_reported(event_table, full_governorates):
    f = event_table.frame
    moved = f[f["placement"] == "point_over_name"]
    assert len(moved) == len(event_table.placement_summary()["moved"])
    assert (moved["where_prec"] <= 3).all()
    named = full_governorates.resolve_many(moved["adm_1"])
    assert (named != moved["governorate"].to_numpy()).all()


def test_shipped_monthly_file_is_what_the_raw_data_derives_to(event_table, full_governorates):
    """A fresh install's figures are the real data's: the derived file matches a re-derivation."""
    shipped = load_monthly_csv(governorates=full_governorates)
    derived = panel_from_events(event_table, full_governorates)
    assert shipped.first == derived.first and shipped.last == derived.last
    for name, grid in derived.counts.items():
        np.testing.assert_array_equal(shipped.counts[name], grid, err_msg=name)
    assert int(shipped.counts["events"].sum()) == event_table.placement_summary()["placed"]


def _mini(tmp_path, adm_1="Nīnawá province", best="3", name="events.csv"):
    header = "id,date_start,adm_1,latitude,longitude,where_prec,side_a,side_b,dyad_name,best,low,high"
    hxl = ",#date+start,#adm1+name,#geo+lat,#geo+lon,,#group+name+first,#group+name+second,,#affected+killed,,"
    rows = [
        f'1,2015-06-02,{adm_1},36.34,43.13,1,Government of Iraq,IS,"Government of Iraq - IS",{best},1,5',
        '2,2015-06-03,,33.34,44.40,1,IS,Civilians,"IS - Civilians",2,2,2',
    ]
    return write(tmp_path, name, "\n".join([header, hxl, *rows]) + "\n")


def test_a_small_file_is_counted_into_the_right_cells(tmp_path):
    table = load_ucdp_events(_mini(tmp_path))
    f = table.frame.set_index("id")
    assert f.loc[1, "governorate"] == "IQ-NI" and f.loc[1, "placement"] == "name"
    assert f.loc[2, "governorate"] == "IQ-BG" and f.loc[2, "placement"] == "point"
    assert f["is_involved"].all()


def test_unknown_province_name_is_an_error_naming_line_and_field(tmp_path):
    with pytest.raises(InputError) as err:
        load_ucdp_events(_mini(tmp_path, adm_1="Atlantis province"))
    assert err.value.field == "adm_1" and err.value.line == 3
    assert "Atlantis" in str(err.value)


def test_negative_death_count_is_an_error_naming_line_and_field(tmp_path):
    with pytest.raises(InputError) as err:
        load_ucdp_events(_mini(tmp_path, best="-4"))
    assert err.value.field == "best" and err.value.line == 3


def test_csv_with_the_wrong_columns_is_refused(tmp_path):
    path = write(tmp_path, "other.csv", "date,place,count\n2015-06-01,Mosul,3\n")
    with pytest.raises(InputError) as err:
        load_ucdp_events(path)
    assert err.value.line == 1 and err.value.field == "id"
    assert "missing column" in str(err.value)


def test_line_numbers_count_physical_lines_when_quoted_fields_span_lines(tmp_path):
    header = "id,date_start,adm_1,latitude,longitude,where_prec,side_a,side_b,dyad_name,best,low,high"
    text = "\n".join(
        [
            header,
            '1,2015-06-02,Baghdād province,33.3,44.4,1,"Government\nof Iraq",IS,x,1,1,1',
            "2,2015-13-02,Baghdād province,33.3,44.4,1,IS,Civilians,x,1,1,1",
        ]
    )
    with pytest.raises(InputError) as err:
        load_ucdp_events(write(tmp_path, "multi.csv", text + "\n"))
    assert err.value.line == 4 and err.value.field == "date_start"
