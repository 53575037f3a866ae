"""Bad input through the API: a clear error naming the field, and nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import World
from tests.api.test_access import record_counts

pytestmark = pytest.mark.django_db


def refused(world: World, path: str, body: Any, *, field: str, status: int,
            says: str) -> dict[str, Any]:
    """POST as the USA editor; check the status, the field, the words, and that nothing changed."""
    before = record_counts()
    response = world.editors["USA"].post(path, body)
    assert response.status_code == status, response.content
    error = response.json()
    assert error["field"] == field, error
    assert says in error["detail"], error
    assert record_counts() == before, "a refused write changed the record"
    return error


def test_unknown_party_code_names_the_party_field(world: World) -> None:
    refused(world, "/api/people", {"name": "Nobody Known", "party": "XYZ"},
            field="party", status=400, says="unknown party code 'XYZ'")


def test_a_party_code_not_in_the_record_names_the_field(world: World) -> None:
    refused(world, "/api/organizations", {"name": "Ministry of Elsewhere", "party": "FRA"},
            field="party", status=400, says="not part of this record")


def test_round_ending_before_it_starts(world: World) -> None:
    series = world.rows["USA"]["series"].pk
    refused(world, "/api/rounds", {"series": series, "ordinal": 3, "start": "2025-03-02",
                                   "end": "2025-03-01"},
            field="end", status=400, says="ends (2025-03-01) before it starts (2025-03-02)")


def test_duplicate_ordinal_in_a_series(world: World) -> None:
    series = world.rows["USA"]["series"]
    refused(world, "/api/rounds", {"series": series.pk, "ordinal": 1, "start": "2025-03-01",
                                   "end": "2025-03-02"},
            field="ordinal", status=400, says=f"{series.name} already has a round 1")


def test_evidence_span_outside_its_document(world: World) -> None:
    source = world.rows["USA"]["source"]
    length = len(source.text)
    body = {"round": world.rows["USA"]["round"].pk, "actor": "BOTH", "modality": "decided",
            "category": "dialogue", "text": "Meet again next year",
            "evidence": [{"source": source.pk, "start": length - 5, "end": length + 20}]}
    refused(world, "/api/statements", body, field="evidence.end", status=400,
            says=f"lies outside the document {source.title!r} ({length} characters)")


def test_evidence_quote_missing_from_its_document_names_the_item(world: World) -> None:
    source = world.rows["USA"]["source"]
    body = {"status": "fulfilled", "date": "2024-09-01",
            "evidence": [{"source": source.pk, "quote": "words nobody wrote"}]}
    thread = world.rows["USA"]["thread"].pk
    refused(world, f"/api/threads/{thread}/status", body, field="evidence.0.quote",
            status=400, says="quote not found")


def test_unknown_thread_status_lists_the_allowed_ones(world: World) -> None:
    thread, source = world.rows["USA"]["thread"], world.rows["USA"]["source"]
    error = refused(world, f"/api/threads/{thread.pk}/status",
                    {"status": "abandoned", "date": "2024-09-01",
                     "evidence": [{"source": source.pk, "start": 0, "end": 6}]},
                    field="status", status=422, says="'in_progress'")
    assert error["errors"][0]["type"] == "enum"


def test_a_status_change_without_evidence_is_refused(world: World) -> None:
    thread = world.rows["USA"]["thread"].pk
    refused(world, f"/api/threads/{thread}/status", {"status": "fulfilled", "date": "2024-09-01",
                                                     "evidence": []},
            field="evidence", status=422, says="at least 1")


def test_an_id_of_the_other_partys_row_is_no_such_id(world: World) -> None:
    hidden = world.rows["IRQ"]["round"].pk
    refused(world, "/api/statements", {"round": hidden, "actor": "USA", "modality": "pledged",
                                       "category": "liaison", "text": "Send liaison officers"},
            field="round", status=400, says=f"no round with id {hidden}")


def test_a_list_of_ids_names_the_bad_item(world: World) -> None:
    own, hidden = world.rows["USA"]["thread"].pk, world.rows["IRQ"]["thread"].pk
    refused(world, "/api/programs", {"kind": "fms", "name": "Case A", "threads": [own, hidden]},
            field="threads.1", status=400, says=f"no thread with id {hidden}")


def test_unknown_and_missing_fields_are_named(world: World) -> None:
    error = refused(world, "/api/threads", {"title": "Typo", "categroy": "liaison"},
                    field="category", status=422, says="required")
    assert {"field": "categroy", "detail": "Extra inputs are not permitted",
            "type": "extra_forbidden"} in error["errors"]


def test_malformed_json_is_a_client_error(world: World) -> None:
    before = record_counts()
    response = world.editors["USA"].client.post(
        "/api/threads", "{not json", content_type="application/json",
        headers={"Authorization": f"Bearer {world.editors['USA'].token}"})
    assert response.status_code in (400, 422)
    assert response.json()["detail"]
    assert record_counts() == before


def test_a_bad_filter_value_names_the_parameter(world: World) -> None:
    response = world.editors["USA"].get("/api/statements", modality="promised")
    assert response.status_code == 422
    assert response.json()["field"] == "modality"


def test_a_compliance_score_outside_the_scale(world: World) -> None:
    thread, rnd = world.rows["USA"]["thread"].pk, world.rows["USA"]["round"].pk
    refused(world, f"/api/threads/{thread}/compliance",
            {"round": rnd, "party": "USA", "score": 2, "rationale": "more than full"},
            field="score", status=422, says="-1")


def test_a_milestone_out_of_order(world: World) -> None:
    program = world.rows["USA"]["program"].pk
    refused(world, f"/api/programs/{program}/milestones",
            {"name": "earlier class", "due": "2024-01-01"},
            field="due", status=400, says="before the previous milestone")
