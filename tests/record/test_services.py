"""Services refuse bad input with a message that names the field, and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from jscd.core import DomainError
from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import ComplianceScore, Evidence, Round, Statement, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint(party_rows):
    return party_rows["JOINT"]


def test_unknown_party_code_is_refused(joint):
    with pytest.raises(DomainError) as err:
        services.create_person(OPERATOR, name="Someone", party="XXQ")
    assert err.value.field == "party"


def test_round_ending_before_it_starts_is_refused(joint):
    before = Round.objects.count()
    with pytest.raises(DomainError) as err:
        services.create_round(OPERATOR, series=joint["series"], ordinal=9, start=dt.date(2024, 5, 2),
                              end=dt.date(2024, 5, 1))
    assert err.value.field == "end" and Round.objects.count() == before


def test_second_round_with_the_same_ordinal_is_refused(joint):
    with pytest.raises(DomainError, match="already has a round 1") as err:
        services.create_round(OPERATOR, series=joint["series"], ordinal=1, start=dt.date(2025, 1, 1),
                              end=dt.date(2025, 1, 2))
    assert err.value.field == "ordinal"


def test_evidence_span_outside_its_document_is_refused_and_rolls_back(joint):
    source = joint["source"]
    before = (Statement.objects.count(), Evidence.objects.count())
    with pytest.raises(DomainError) as err:
        services.add_statement(OPERATOR, round=joint["round"], actor="BOTH", modality="decided",
                               category="dialogue", text="x",
                               evidence=[services.EvidenceSpec(source, 5, len(source.text) + 10)])
    assert err.value.field == "evidence.end" and "outside" in err.value.message
    assert (Statement.objects.count(), Evidence.objects.count()) == before


def test_unknown_thread_status_is_refused(joint):
    before = StatusChange.objects.count()
    with pytest.raises(DomainError, match="unknown thread status") as err:
        services.move_thread_status(OPERATOR, joint["thread"], status="done-ish", date=dt.date(2024, 8, 1),
                                    evidence=[services.find_quote(joint["source"], "Sample")])
    assert err.value.field == "status" and StatusChange.objects.count() == before


def test_status_change_without_evidence_is_refused(joint):
    with pytest.raises(DomainError) as err:
        services.move_thread_status(OPERATOR, joint["thread"], status="fulfilled",
                                    date=dt.date(2024, 8, 1), evidence=[])
    assert err.value.field == "evidence"


def test_status_history_moves_the_threads_status(joint):
    thread = joint["thread"]
    services.move_thread_status(OPERATOR, thread, status="fulfilled", date=dt.date(2024, 9, 1),
                                evidence=[services.find_quote(joint["source"], "Sample")])
    thread.refresh_from_db()
    assert thread.status == "fulfilled"


def test_compliance_outside_range_is_refused(joint):
    with pytest.raises(DomainError) as err:
        services.set_compliance(OPERATOR, joint["thread"], round=joint["round"], party="USA", score=2,
                                rationale="over-delivered")
    assert err.value.field == "score"
    assert not ComplianceScore.objects.filter(party_id="USA", thread=joint["thread"]).exists()


def test_viewer_cannot_write(usa_viewer, joint):
    with pytest.raises(DomainError) as err:
        services.create_person(usa_viewer, name="Someone")
    assert err.value.field == "role"


def test_editor_cannot_mark_rows_for_the_other_party(usa_editor, joint):
    with pytest.raises(DomainError, match="may not write rows marked IRQ"):
        services.create_person(usa_editor, name="Someone", marking="IRQ")


def test_editor_cannot_hang_a_row_from_a_row_they_cannot_see(usa_editor, party_rows):
    irq_round = party_rows["IRQ"]["round"]
    with pytest.raises(DomainError, match="would not be visible"):
        services.add_statement(usa_editor, round=irq_round, actor="BOTH", modality="decided",
                               category="dialogue", text="sneaky")
    assert not Statement.objects.filter(text="sneaky").exists()


def test_changes_are_kept_in_history_with_their_author(usa_editor, joint):
    person = services.create_person(usa_editor, name="Historic Person", party="USA")
    record = person.history.first()
    assert record.history_user == usa_editor and record.history_type == "+"


def test_the_same_document_is_stored_once(joint):
    again, created = services.add_source(OPERATOR, text=joint["source"].text, title="copy")
    assert not created and again.pk == joint["source"].pk


def test_title_is_read_on_the_date(joint):
    person = joint["person"]
    services.add_appointment(OPERATOR, person, title="Former Title", start=dt.date(2019, 1, 1),
                             end=dt.date(2021, 12, 31))
    assert person.title_on(dt.date(2020, 6, 1)) == "Former Title"
    assert person.title_on(dt.date(2024, 6, 1)) == "Minister of Tests"
