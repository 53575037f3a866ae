"""Readouts of other dialogues, written for these tests, that no rule was tuned on."""

from __future__ import annotations

import datetime as dt

import pytest

from jscd.extract import extract_documents
from tests.extract.conftest import DATA


@pytest.fixture(scope="module")
def other():
    x = extract_documents(sorted(DATA.glob("*.txt")))
    return x, {d.id: d for d in x.documents}


def _stmt(doc, words: str):
    return next(s for s in doc.statements if words in s.text)


def test_round_of_another_dialogue_gets_ordinal_dates_place_leads(other):
    _, docs = other
    jordan = docs["jordan_dpd_readout.txt"]
    main = next(r for r in jordan.rounds if r.main)
    assert (main.series, main.ordinal, main.parties) == ("Defense Policy Dialogue", 3, ["JOR", "USA"])
    assert (main.start, main.end, main.location) == (dt.date(2024, 3, 12), dt.date(2024, 3, 13), "Amman")
    assert main.leads == {"JOR": "Yousef Huneiti", "USA": "Daniel Shapiro"}
    assert jordan.published == dt.date(2024, 3, 14)


def test_unknown_official_is_found_from_the_title_before_the_name(other):
    _, docs = other
    shapiro = next(p for p in docs["jordan_dpd_readout.txt"].people if p.name == "Daniel Shapiro")
    assert (shapiro.party, shapiro.title) == ("USA", "Deputy Assistant Secretary of Defense")


def test_actors_modalities_and_categories_of_unseen_statements(other):
    _, docs = other
    jordan, phl = docs["jordan_dpd_readout.txt"], docs["philippines_scd_readout.txt"]
    expect = [
        (jordan, "working group", "BOTH", "decided", "governance_body"),
        (jordan, "Foreign Military Financing", "USA", "pledged", "security_assistance"),
        (jordan, "maintenance", "BOTH", "discussed", "sustainment"),
        (jordan, "Jordanian side", "JOR", "intends", "education_training"),
        (jordan, "Eager Lion", "BOTH", "discussed", "exercises"),
        (phl, "rotate through", "BOTH", "reaffirmed", "force_presence"),
        (phl, "reiterated its pledge", "PHL", "reaffirmed", "force_protection"),
        (phl, "memorandum of understanding", "BOTH", "decided", "agreement"),
    ]
    for doc, words, actor, modality, category in expect:
        s = _stmt(doc, words)
        assert (s.actor, s.modality, s.category) == (actor, modality, category), words


def test_context_flags_negated_hypothetical_historical(other):
    _, docs = other
    jordan, phl = docs["jordan_dpd_readout.txt"], docs["philippines_scd_readout.txt"]
    assert _stmt(jordan, "did not agree").negated
    assert _stmt(phl, "would consider").hypothetical
    recalled = _stmt(phl, "steering committee")
    assert recalled.historical and recalled.round == 1


def test_a_future_round_is_not_reported_as_held(other):
    _, docs = other
    assert [r.ordinal for r in docs["jordan_dpd_readout.txt"].rounds] == [3]


def test_threads_stay_within_their_own_series(other):
    x, _ = other
    assert all("(" in t.topic for t in x.record.threads)
