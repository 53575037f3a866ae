"""Events (dialogue rounds, meetings, calls, visits, joint statements) read from general wording.

The short texts below are written for these tests; the corpus documents are read from
../shared (the ``read`` half of the dev corpus only), never copied here.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
import yaml

from jscd.extract.dates import find_dates, find_published
from jscd.extract.events import find_events
from jscd.extract.pipeline import get_pipeline

from .conftest import DATA, SHARED

CORPUS = SHARED / "corpus"


def events_of(text: str, people=(), organizations=()):
    p = get_pipeline()
    published = find_published(text)
    _, tokens = p(text)
    return find_events(p, text, tokens.sentences, find_dates(text, published), published,
                       people, organizations)


def doc(title: str, date_line: str, body: str) -> str:
    """A report laid out as the corpus files are: title, address, date line, blank, body."""
    return f"{title}\nhttps://example.org/report\n{date_line}\n\n{body}\n"


def brief(events) -> list[tuple]:
    return [(e.kind.value, e.series, e.ordinal, e.start, e.location, e.parties) for e in events]


D = dt.date


# ------------------------------------------------------------------------------ each kind

def test_a_phone_call_today_is_a_call_on_the_publication_day():
    (ev,) = events_of(doc("Readout of a Call", "March 4, 2022",
                          "U.S. Secretary of Defense John Smith spoke by phone today with Saudi Minister "
                          "of Defense Prince Faisal. The two discussed air defense."))
    assert brief([ev]) == [("call", None, None, D(2022, 3, 4), None, ["SAU", "USA"])]
    assert ev.main and ev.end == D(2022, 3, 4)


def test_hosting_at_a_venue_is_a_meeting_there():
    (ev,) = events_of(doc("Secretary Hosts Crown Prince", "Feb. 10, 2020",
                          "Secretary of Defense John Smith hosted Bahraini Crown Prince Salman at "
                          "the Pentagon on Feb. 9 to discuss maritime security with U.S. officials."))
    assert brief([ev]) == [("meeting", None, None, D(2020, 2, 9), "Pentagon", ["BHR", "USA"])]


def test_welcomed_to_a_place_is_a_meeting_but_welcomed_a_decision_is_not():
    (ev,) = events_of(doc("Minister Visits", "June 2, 2021",
                          "U.S. Secretary Smith welcomed the Emir of Qatar to the Pentagon today for "
                          "talks on the U.S. presence. Smith welcomed the Qatari decision to expand "
                          "the base."))
    assert brief([ev]) == [("meeting", None, None, D(2021, 6, 2), "Pentagon", ["QAT", "USA"])]


def test_a_visit_and_the_meetings_during_it():
    events = events_of(doc("Secretary in Warsaw", "May 11, 2022",
                           "U.S. Secretary of Defense Jane Doe arrived in Warsaw today for a two-day "
                           "visit. She met with Polish Defense Minister Piotr Nowak and later met "
                           "separately with President Anna Kowal. Doe will travel to Vilnius next "
                           "week."))
    assert brief(events) == [
        ("visit", None, None, D(2022, 5, 11), "Warsaw", ["POL", "USA"]),
        ("meeting", None, None, D(2022, 5, 11), "Warsaw", ["POL", "USA"]),
        ("meeting", None, None, D(2022, 5, 11), "Warsaw", ["POL", "USA"]),
    ]
    assert [e.main for e in events] == [True, False, False]


def test_a_numbered_session_of_a_series_is_a_dialogue_round_and_the_one_recalled_another():
    events = events_of(doc(
        "Joint Statement on the Third U.S.-Morocco Defense Consultative Committee", "June 20, 2019",
        "The United States and the Kingdom of Morocco convened the third session of the U.S.-Morocco"
        " Defense Consultative Committee in Rabat, Morocco, on June 18-19. The delegations reviewed"
        " progress since the second session of the Committee, held in Washington last year. The two"
        " sides agreed to hold the fourth session in 2020."))
    assert brief(events) == [
        ("dialogue_round", "Defense Consultative Committee", 3, D(2019, 6, 18), "Rabat",
         ["MAR", "USA"]),
        ("dialogue_round", "Defense Consultative Committee", 2, None, "Washington", ["MAR", "USA"]),
    ]
    assert events[0].end == D(2019, 6, 19) and events[0].main and not events[1].main


def test_an_unnumbered_series_named_by_its_abbreviation_then_numbered_by_a_copula():
    events = events_of(doc(
        "Joint Statement of the Defense Steering Committee", "2020-09-03 (from the page's metadata)",
        "Officials of Jordan and the United States reaffirmed their partnership during a meeting of "
        "the Defense Steering Committee (DSC) on September 2 in Amman. This was the sixth meeting of "
        "the DSC. Since the last meeting of the DSC, Jordan has opened a training centre."))
    assert brief(events) == [
        ("dialogue_round", "Defense Steering Committee", 6, D(2020, 9, 2), "Amman", ["JOR", "USA"]),
        ("dialogue_round", "Defense Steering Committee", None, None, None, ["JOR", "USA"]),
    ]


def test_a_joint_statement_without_a_reported_meeting_is_a_statement():
    (ev,) = events_of(doc("Joint Statement by the United States and Georgia", "Aug. 1, 2016",
                          "The United States and Georgia reaffirmed their commitment to the "
                          "Strategic Partnership Charter. Both countries intend to deepen defense "
                          "cooperation."))
    assert brief([ev]) == [("statement", None, None, D(2016, 8, 1), None, ["GEO", "USA"])]


def test_a_series_that_met_is_the_round_and_its_previous_meeting_an_earlier_one():
    events = events_of(doc(
        "Joint Statement on the Maritime Security Working Group", "Aug. 4, 2016",
        "The Maritime Security Working Group (MSWG) of the U.S.-Georgia Strategic Partnership "
        "Commission met in Washington on August 3. The delegations reviewed the results of the "
        "previous MSWG meeting held in Tbilisi."))
    assert brief(events) == [
        ("dialogue_round", "Maritime Security Working Group", None, D(2016, 8, 3), "Washington",
         ["GEO", "USA"]),
        ("dialogue_round", "Maritime Security Working Group", None, None, "Tbilisi",
         ["GEO", "USA"]),
    ]
    assert [e.main for e in events] == [True, False]


def test_a_title_names_the_encounter_a_body_only_summarises():
    (ev,) = events_of(doc("Readout of the Secretary's Meeting with the President of Lebanon",
                          "March 23, 2019",
                          "The U.S. Secretary and the Lebanese President discussed the role of the "
                          "Lebanese Armed Forces."))
    assert brief([ev]) == [("meeting", None, None, None, None, ["LBN", "USA"])]


def test_hosting_forces_or_meeting_goals_is_no_encounter():
    assert events_of(doc("Partnership Anniversary", "May 15, 2017",
                         "The United Arab Emirates has hosted U.S. forces for decades. The "
                         "program met the goals both governments set.")) == []


# ------------------------------------------------------------------------------ dates

@pytest.mark.parametrize(("when", "day"), [
    ("today", D(2018, 3, 13)), ("this afternoon", D(2018, 3, 13)),
    ("yesterday", D(2018, 3, 12)), ("on March 9", D(2018, 3, 9)),
    ("on Monday", D(2018, 3, 12)),  # 13 March 2018 was a Tuesday
    ("in March", None), ("last week", None), ("", None),
])
def test_the_day_of_a_meeting_is_read_never_guessed(when, day):
    (ev,) = events_of(doc("Talks in Muscat", "2018-03-13 (date from the page's metadata)",
                          f"U.S. Defense Secretary John Doe met with Omani Defense Minister Badr {when} "
                          "in Muscat, Oman, to discuss regional issues."))
    assert (ev.kind.value, ev.start, ev.location) == ("meeting", day, "Muscat")


def test_an_unknown_publication_date_leaves_relative_days_unknown():
    text = doc("Readout", "not printed in the stored copy",
               "Secretary Doe spoke with Israeli Minister of Defense Ben Levi yesterday.")
    assert find_published(text) is None
    (ev,) = events_of(text)
    assert (ev.kind.value, ev.start, ev.parties) == ("call", None, [])  # one side named: unknown


def test_a_dateline_is_not_the_day_of_the_call_a_statement_summarised():
    (ev,) = events_of(doc("Secretary Calls Crown Prince", "April 17, 2014",
                          "WASHINGTON, April 17, 2014 – U.S. Defense Secretary John Doe discussed "
                          "regional issues in a phone call with Emirati Crown Prince Zayed, the "
                          "Pentagon press secretary said in a statement issued yesterday."))
    assert (ev.kind.value, ev.start, ev.parties) == ("call", None, ["ARE", "USA"])


def test_a_date_line_with_a_note_is_the_publication_date_unless_it_dates_a_copy():
    assert find_published(doc("T", "2017-01-30 (date from the page's metadata; not printed)",
                              "x")) == D(2017, 1, 30)
    assert find_published(doc("T", "2013-08-16 (date in the mirror's address)", "x")) is None
    assert find_published(doc("T", "Oct. 24, 2017", "x")) == D(2017, 10, 24)


def test_a_day_without_a_year_takes_the_year_of_the_date_line():
    (ev,) = events_of(doc("Joint Statement of the Joint Coordination Committee",
                          "2013-08-16 (date in the mirror's address)",
                          "Iraq and the United States met for a meeting of the Joint Coordination "
                          "Committee on August 15, in Washington, DC."))
    assert (ev.kind.value, ev.start, ev.location) == ("dialogue_round", D(2013, 8, 15),
                                                     "Washington, D.C.")


# ------------------------------------------------------------------------------ how many

def test_two_meetings_with_different_leaders_in_one_report():
    events = events_of(doc("Secretary's Meetings in Amman and Jeddah", "July 22, 2015",
                           "U.S. Secretary of Defense John Doe met with Jordanian King Abdullah II in "
                           "Amman today to discuss the fight against ISIL. Later, in Jeddah, Doe "
                           "met with Saudi King Salman and Saudi Defense Minister Prince Mohammed."))
    assert brief(events) == [
        ("meeting", None, None, D(2015, 7, 22), "Amman", ["JOR", "USA"]),
        ("meeting", None, None, D(2015, 7, 22), "Jeddah", ["SAU", "USA"]),
    ]


def test_an_earlier_encounter_recalled_is_its_own_event_and_a_planned_one_is_none():
    events = events_of(doc("Minister and Secretary Talk", "2023-09-14 (date from metadata)",
                           "U.S. Secretary of Defense Jane Doe spoke this afternoon with Japanese "
                           "Minister of Defense Kenji Sato. They noted progress since their May "
                           "meeting in Tokyo. They agreed to meet again at the upcoming "
                           "consultations and look forward to a visit to Washington."))
    assert brief(events) == [
        ("call", None, None, D(2023, 9, 14), None, ["JPN", "USA"]),
        ("meeting", None, None, None, "Tokyo", ["JPN", "USA"]),
    ]
    assert [e.main for e in events] == [True, False]


def test_a_text_with_no_encounter_has_no_event():
    assert events_of(doc("Officials Discuss Budget", "May 5, 2021",
                         "The department released its budget request. Analysts expect higher "
                         "spending on readiness and a call for more ships.")) == []


def test_evidence_spans_are_the_sentences_that_report_the_event():
    text = doc("Readout", "May 20, 2021",
               "Secretary Doe spoke today with Israeli Minister of Defense Ben Levi. The call "
               "covered rocket defense.")
    (ev,) = events_of(text)
    quoted = [text[s.start:s.end] for s in ev.evidence]
    assert quoted == ["Secretary Doe spoke today with Israeli Minister of Defense Ben Levi.",
                      "The call covered rocket defense."]


def test_an_events_pass_takes_about_a_millisecond_per_report():
    text = (DATA / "jordan_dpd_readout.txt").read_text(encoding="utf-8")
    events_of(text)
    p = get_pipeline()
    published = find_published(text)
    _, tokens = p(text)
    dates = find_dates(text, published)
    best = min(_timed(lambda: find_events(p, text, tokens.sentences, dates, published))
               for _ in range(5))
    assert best < 0.02  # seconds; about 0.5 ms measured for this 190-word readout


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# ------------------------------------------------------------------------------ the read half

def _read_half() -> list[str]:
    halves = yaml.safe_load((DATA / "corpus_halves.yaml").read_text(encoding="utf-8"))
    return halves["read"]


def _corpus(name: str) -> tuple[str, dict]:
    path = CORPUS / "docs" / name
    if not path.is_file():
        pytest.skip(f"dev corpus not found under {CORPUS}")
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["documents"][name]
    return path.read_text(encoding="utf-8"), gold


@pytest.mark.parametrize("name", [
    "2015-07-23_us-iraq_carter-abadi-ubaidi_readout.txt",
    "2017-10-24_us-vietnam_mattis-lich_readout.txt",
    "2018-03-13_us-oman_mattis-muscat.txt",
    "2018-04-09_us-qatar_mattis-emir-tamim.txt",
    "2021-10-06_us-poland_austin-blaszczak_readout.txt",
    "partial/2013-08-15_us-iraq_political-diplomatic-jcc_joint-statement.PARTIAL.txt",
    "partial/2018-10-10_japan-australia_8th-2plus2_joint-statement.PARTIAL.txt",
    "partial/2021-11-17_kenya-us_2nd-bilateral-strategic-dialogue_joint-statement.PARTIAL.txt",
])
def test_read_half_documents_give_the_gold_kind_series_ordinal_day_and_place(name):
    assert name in _read_half()
    text, gold = _corpus(name)
    slots = ("kind", "series", "ordinal", "start", "end", "location")
    got = [tuple(json.loads(e.model_dump_json())[k] for k in slots) for e in events_of(text)]
    assert got == [tuple(g[k] for k in slots) for g in gold["events"]]


def test_read_half_slot_accuracy_with_document_parties_only():
    """Without people or organizations (the extractor passes them), countries named suffice
    for most parties; kind, day and place do not depend on them."""
    correct = total = 0
    slots = ("kind", "series", "ordinal", "start", "end", "location", "parties")
    for name in _read_half():
        text, gold = _corpus(name)
        got = [json.loads(e.model_dump_json()) for e in events_of(text)]
        for i, g in enumerate(gold["events"]):
            total += len(slots)
            if i < len(got):
                correct += sum(got[i][k] == g[k] for k in slots)
    assert correct / total >= 0.95
