"""Review decisions: accept (matching what is there), edit-then-accept, merge, reject.

Proposals are made with the ingest service's own ``upsert_proposal`` over a short source
written here, so these tests pin the review rules without depending on what the extractor
finds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jscd.core import DomainError
from jscd.record import services
from jscd.record.models import Person, Proposal, Round, Statement
from jscd.record.services.ingest import upsert_proposal
from jscd.record.services.ingest_queries import extracted_spans
from jscd.record.services.review import accept_proposal, merge_proposal, reject_proposal

pytestmark = pytest.mark.django_db

TEXT = ("Memo, 3 March 2025. Minister Jane Roe of Ruritania met Secretary John Doe. "
        "The two sides decided to form a joint working group on training.")


@pytest.fixture
def source(usa_editor: Any) -> Any:
    return services.add_source(usa_editor, text=TEXT, title="Test memo",
                               published=dt.date(2025, 3, 3))[0]


def span(source: Any, words: str) -> dict[str, Any]:
    start = source.text.index(words)
    return {"source": source.pk, "start": start, "end": start + len(words)}


def evidence_of(row: Any) -> Any:
    """Evidence of any row (people and organizations have no ``evidence`` relation)."""
    from django.contrib.contenttypes.models import ContentType

    from jscd.record.models import Evidence

    return Evidence.objects.filter(content_type=ContentType.objects.get_for_model(type(row)),
                                   object_id=row.pk)


def propose(user: Any, source: Any, kind: str, marking: str = "JOINT", **payload: Any) -> Proposal:
    return upsert_proposal(user, kind, payload, [source], marking)[0]


def test_accepting_a_person_creates_them_with_aliases_and_evidence(usa_editor, source) -> None:
    p = propose(usa_editor, source, "person", key="person:Jane Roe", name="Jane Roe", party="IRQ",
                surfaces=["Minister Jane Roe"], evidence=[span(source, "Jane Roe")])
    person = accept_proposal(usa_editor, p)
    p.refresh_from_db()
    assert (p.status, p.result_model, p.result_id, p.decided_by) == (
        "accepted", "record.person", person.pk, usa_editor)
    assert person.aliases == ["Minister Jane Roe"] and person.party_id == "IRQ"
    # People carry no Evidence rows in the record; the accepted proposal keeps the span.
    assert [(x["kind"], x["status"], x["start"]) for x in extracted_spans(source, usa_editor)] == [
        ("person", "accepted", TEXT.index("Jane Roe"))]


def test_accepting_a_person_already_known_by_an_alias_matches_instead_of_duplicating(
        usa_editor, source) -> None:
    known = services.create_person(usa_editor, name="Jane A. Roe", aliases=["Jane Roe"])
    p = propose(usa_editor, source, "person", key="person:Jane Roe", name="Jane Roe",
                surfaces=["J. Roe"], evidence=[span(source, "Jane Roe")])
    assert accept_proposal(usa_editor, p) == known
    known.refresh_from_db()
    assert known.aliases == ["Jane Roe", "J. Roe"]
    assert Person.objects.count() == 1
    assert "matched existing person" in Proposal.objects.get(pk=p.pk).note


def test_a_bad_edit_is_refused_naming_the_field_and_writes_nothing(usa_editor, source) -> None:
    p = propose(usa_editor, source, "person", key="person:Jane Roe", name="Jane Roe",
                evidence=[span(source, "Jane Roe")])
    with pytest.raises(DomainError) as err:
        accept_proposal(usa_editor, p, payload={**p.payload, "party": "XXX"})
    assert err.value.field == "payload.party"
    assert not Person.objects.exists()
    assert Proposal.objects.get(pk=p.pk).status == "pending"
    person = accept_proposal(usa_editor, p, payload={**p.payload, "name": "Jane Q. Roe",
                                                     "party": "IRQ"})
    assert person.name == "Jane Q. Roe"
    assert Proposal.objects.get(pk=p.pk).payload["name"] == "Jane Q. Roe"


def test_a_round_without_dates_must_be_edited_before_it_is_accepted(usa_editor, source) -> None:
    p = propose(usa_editor, source, "round", key="round:Test Dialogue:1", series="Test Dialogue",
                parties=["USA", "IRQ"], ordinal=1, start=None, end=None, location="Geneva",
                leads=[{"party": "IRQ", "name": "Jane Roe", "evidence": [span(source, "Jane Roe")]}],
                evidence=[span(source, "3 March 2025")])
    with pytest.raises(DomainError, match="edit the proposal") as err:
        accept_proposal(usa_editor, p)
    assert err.value.field == "payload.start"
    rnd = accept_proposal(usa_editor, p, payload={**p.payload, "start": "2025-03-03",
                                                  "end": "2025-03-03"})
    assert (rnd.series.name, rnd.series.acronym, rnd.ordinal, rnd.location) == (
        "Test Dialogue", "", 1, "Geneva")
    lead = rnd.delegations.get(party="IRQ").participations.get()
    assert (lead.person.name, lead.role) == ("Jane Roe", "lead")
    assert lead.evidence.exists() and rnd.evidence.exists()


def test_a_statement_waits_for_its_round_then_keeps_its_span(usa_editor, source) -> None:
    quote = "The two sides decided to form a joint working group on training."
    st = propose(usa_editor, source, "statement", key="statement:x", actor="BOTH",
                 modality="decided", category="education_training", text=quote,
                 series="Test Dialogue", round=1, evidence=[span(source, quote)])
    with pytest.raises(DomainError, match="accept its round proposal first"):
        accept_proposal(usa_editor, st)
    series = services.create_series(usa_editor, name="Test Dialogue", parties=["USA", "IRQ"])
    services.create_round(usa_editor, series=series, ordinal=1, start=dt.date(2025, 3, 3),
                          end=dt.date(2025, 3, 3))
    stmt = accept_proposal(usa_editor, st)
    ev = stmt.evidence.get()
    assert (stmt.round.ordinal, ev.source_id, source.text[ev.start:ev.end]) == (1, source.pk, quote)
    with pytest.raises(DomainError, match="already accepted"):
        accept_proposal(usa_editor, st)
    assert Statement.objects.count() == 1


def test_merging_a_person_adds_the_spelling_as_an_alias(usa_editor, source) -> None:
    target = services.create_person(usa_editor, name="John Doe")
    p = propose(usa_editor, source, "person", key="person:Jon Doe", name="Jon Doe",
                surfaces=["Secretary John Doe"], evidence=[span(source, "John Doe")])
    assert merge_proposal(usa_editor, p, target.pk) == target
    target.refresh_from_db()
    assert target.aliases == ["Jon Doe", "Secretary John Doe"]
    assert Proposal.objects.get(pk=p.pk).status == "merged"


def test_merging_a_statement_proposal_adds_its_span_as_evidence_once(usa_editor, source) -> None:
    quote = "The two sides decided to form a joint working group on training."
    stmt = services.add_statement(usa_editor, round=None, actor="BOTH", modality="decided",
                                  category="education_training", text="Form a working group")
    p = propose(usa_editor, source, "statement", key="statement:y", actor="BOTH",
                modality="decided", category="education_training", text=quote,
                evidence=[span(source, quote), span(source, quote)])
    merge_proposal(usa_editor, p, stmt.pk)
    assert [source.text[e.start:e.end] for e in evidence_of(stmt)] == [quote]


def test_reject_needs_a_reason_and_an_editor_of_a_party_that_can_see_it(
        usa_editor, irq_editor, usa_viewer, source) -> None:
    p = propose(usa_editor, source, "person", marking="USA", key="person:Jane Roe",
                name="Jane Roe", evidence=[span(source, "Jane Roe")])
    with pytest.raises(DomainError) as err:
        reject_proposal(usa_editor, p, note="  ")
    assert err.value.field == "note"
    with pytest.raises(DomainError, match="role"):
        reject_proposal(usa_viewer, p, note="wrong")
    with pytest.raises(DomainError, match="no such proposal"):
        reject_proposal(irq_editor, p, note="wrong")
    with pytest.raises(DomainError, match="no such proposal"):
        accept_proposal(irq_editor, p)
    reject_proposal(usa_editor, p, note="not a person")
    p.refresh_from_db()
    assert (p.status, p.note) == ("rejected", "not a person")
    assert not Person.objects.exists() and not Round.objects.exists()


def test_extracted_spans_show_pending_and_accepted_but_not_rejected_or_hidden(
        usa_editor, irq_editor, source) -> None:
    keep = propose(usa_editor, source, "person", key="person:Jane Roe", name="Jane Roe",
                   evidence=[span(source, "Jane Roe")])
    gone = propose(usa_editor, source, "person", key="person:John Doe", name="John Doe",
                   evidence=[span(source, "John Doe")])
    mine = propose(usa_editor, source, "organization", marking="USA", key="organization:R",
                   name="Ruritania", evidence=[span(source, "Ruritania")])
    reject_proposal(usa_editor, gone, note="no")
    kinds = {(s["kind"], s["proposal"]) for s in extracted_spans(source, usa_editor)}
    assert kinds == {("person", keep.pk), ("organization", mine.pk)}
    assert {s["proposal"] for s in extracted_spans(source, irq_editor)} == {keep.pk}
