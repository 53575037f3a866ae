"""Transliteration variants resolve to one person and are shown, not hidden."""

from __future__ import annotations

from jscd.extract import extract_text
from jscd.extract.names import normalize_name


def test_normalising_removes_article_case_and_initials():
    assert normalize_name("Thabit Al-Abbasi") == normalize_name("thabit al-Abbasi")
    assert normalize_name("Charles Q. Brown Jr.") == "charles brown"
    assert normalize_name("Mohammed el-Sudani") == "mohammed al sudani"


def test_variant_spelling_resolves_and_is_flagged_but_missing_initial_is_not():
    r = extract_text("Defense Minister Thabet al-Abbasy met General Charles Brown in Baghdad.",
                     "t1")
    names = {p.name for p in r.people}
    assert {"Thabit al-Abbasi", "Charles Q. Brown"} <= names
    flagged = {(c.kind, c.surface) for c in r.conflicts}
    assert ("name_variant", "Thabet al-Abbasy") in flagged
    assert not any(c.surface == "Charles Brown" for c in r.conflicts)


def test_title_follows_the_appointment_on_the_document_date():
    import datetime as dt

    text = "General Charles Q. Brown visited Erbil."
    assert extract_text(text, "a", dt.date(2022, 5, 1)).people[0].title == (
        "Chief of Staff of the Air Force")
    assert extract_text(text, "b", dt.date(2024, 5, 1)).people[0].title == (
        "Chairman of the Joint Chiefs of Staff")


def test_wrong_acronym_expansion_is_a_conflict():
    r = extract_text("Officials held the Joint Strategic Consultation Dialogue (JSCD) in Baghdad.",
                     "t2")
    assert [(c.kind, c.canonical) for c in r.conflicts] == [
        ("wrong_expansion", "Joint Security Cooperation Dialogue")]
