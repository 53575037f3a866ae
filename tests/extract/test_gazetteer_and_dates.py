"""Gazetteers are validated with file and line; dates are never guessed."""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path

import pytest

import jscd.extract
from jscd.extract.dates import find_dates
from jscd.extract.errors import GazetteerError
from jscd.extract.gazetteer import load_gazetteer


def test_packaged_gazetteers_hold_dated_appointments():
    g = load_gazetteer()
    brown = next(p for p in g.people if p.name == "Charles Q. Brown")
    assert brown.title_on(dt.date(2024, 7, 22)) == "Chairman of the Joint Chiefs of Staff"
    assert brown.title_on(dt.date(2022, 1, 1)) == "Chief of Staff of the Air Force"
    assert {p.party for p in g.people} >= {"USA", "IRQ", "JOR", "SAU", "PHL"}


def test_a_bad_entry_is_reported_with_file_and_line(tmp_path):
    src = Path(str(resources.files("jscd.extract") / "data"))
    for f in src.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    people = tmp_path / "people.yaml"
    text = people.read_text(encoding="utf-8").replace("party: USA", "party: XXX", 1)
    people.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    bad = next(i for i, ln in enumerate(lines) if "party: XXX" in ln)
    line = next(i + 1 for i in range(bad, -1, -1) if "- name:" in lines[i])  # the entry's first line
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(str(tmp_path))
    assert f"people.yaml:{line}" in str(err.value) and "XXX" in str(err.value)


@pytest.mark.parametrize(("old", "new", "says"), [
    ("anaphora: '", "anaphora: '(", "anaphora: bad regular expression"),
    ("categories:\n", "actors:\n  pronoun: x\ncategories:\n", "unknown section 'actors'"),
    ("  historical:", "  triggers: {}\n  historical:", "unknown section 'modality.triggers'"),
    ("  liaison:\n", "  liasion:\n", "unknown category 'liasion'"),
    ("{re: '\\bliaison\\b', w: 3}", "{re: '\\bliaison(', w: 3}", "category liaison: bad rule"),
])
def test_a_bad_lexicon_entry_is_reported_with_file_and_line(tmp_path, old, new, says):
    src = Path(str(resources.files("jscd.extract") / "data"))
    for f in src.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    lexicon = tmp_path / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    lexicon.write_text(text, encoding="utf-8")
    line = 1 + text[:text.index(new)].count("\n")  # where the bad entry starts
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(str(tmp_path))
    assert f"lexicon.yaml:{line}: {says}" in str(err.value)


@pytest.mark.parametrize(("text", "published", "first", "last"), [
    ("on July 22-23, 2024", None, dt.date(2024, 7, 22), dt.date(2024, 7, 23)),
    ("from 22 to 23 July 2024", None, dt.date(2024, 7, 22), dt.date(2024, 7, 23)),
    ("from August 7th to 8th of the current year", dt.date(2023, 8, 9), dt.date(2023, 8, 7),
     dt.date(2023, 8, 8)),
    ("from August 7th to 8th of the current year", None, None, None),
    ("last summer", None, None, None),
    ("03-04-2024", None, None, None),
])
def test_dates_resolve_only_what_the_text_fixes(text, published, first, last):
    (d,) = find_dates(text, published)
    assert (d.first, d.last) == (first, last)


def test_year_less_range_is_kept_as_partial_and_season_as_bounds():
    (d,) = find_dates("from August 7th to 8th of the current year")
    assert (d.partial_first, d.partial_last) == ("--08-07", "--08-08")
    (s,) = find_dates("last summer", dt.date(2024, 7, 25))
    assert (s.first, s.earliest, s.latest) == (None, dt.date(2023, 6, 1), dt.date(2023, 9, 22))


def test_public_api_is_what_the_docs_say():
    assert set(jscd.extract.__all__) == {
        "ExtractError", "GazetteerError", "LoadedDocument", "expand_paths", "extract_documents",
        "extract_text", "iter_extract", "load_document", "reconcile"}
