"""Access cases of the record's routes (``jscd.api.routers.record`` and ``record_writes``)."""

from __future__ import annotations

from typing import Any

from tests.api.cases import Case, Rows


def _pk(rows: Rows, kind: str) -> int:
    return rows[kind].pk


def _evidence(rows: Rows) -> list[dict[str, Any]]:
    return [{"source": _pk(rows, "source"), "quote": "Both sides"}]


def series_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"name": f"API series {marking}", "parties": ["USA", "IRQ"], "marking": marking}


def event_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"kind": "call", "name": f"API call {marking}", "start": "2024-05-01",
            "series": _pk(rows, "series"), "marking": marking, "evidence": _evidence(rows)}


def round_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"series": _pk(rows, "series"), "ordinal": 2, "start": "2025-01-10",
            "end": "2025-01-11", "location": "Baghdad", "builds_on": [_pk(rows, "event")],
            "marking": marking, "evidence": _evidence(rows)}


def participant_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"party": "USA", "person": _pk(rows, "person"), "role": "member",
            "title": "Observer", "marking": marking}


def meeting_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"title": f"API side meeting {marking}", "date": "2024-07-23",
            "participants": [_pk(rows, "person")], "marking": marking,
            "evidence": _evidence(rows)}


def organization_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"name": f"API directorate {marking}", "party": "IRQ", "kind": "agency",
            "parent": _pk(rows, "organization"), "marking": marking}


def person_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"name": f"API person {marking}", "party": "USA", "aliases": [], "marking": marking}


def appointment_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"title": "Deputy Minister of Tests", "organization": _pk(rows, "organization"),
            "start": "2020-01-01", "end": "2021-12-31", "marking": marking}


def source_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"text": f"A note written for the API tests under {marking}.",
            "title": f"API note {marking}", "kind": "note", "marking": marking}


def statement_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"round": _pk(rows, "round"), "actor": "BOTH", "modality": "pledged",
            "category": "force_protection", "text": f"Protect the advisers ({marking})",
            "marking": marking, "evidence": _evidence(rows)}


def thread_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"title": f"API thread {marking}", "category": "liaison", "owner": "BOTH",
            "keeper": "API desk", "marking": marking}


def link_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"statement": _pk(rows, "statement"), "score": 0.9, "confirmed": True}


def status_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"status": "in_progress", "date": "2024-08-01", "round": _pk(rows, "round"),
            "marking": marking, "evidence": _evidence(rows)}


def compliance_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"round": _pk(rows, "round"), "party": "USA", "score": 1,
            "rationale": "carried out in full", "marking": marking}


def program_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"kind": "liaison", "name": f"API liaison {marking}", "party": "USA",
            "threads": [_pk(rows, "thread")], "marking": marking}


def milestone_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"name": "second class", "due": "2024-12-01", "marking": marking}


CASES: dict[tuple[str, str], Case] = {
    ("get", "/api/me"): Case(),
    ("get", "/api/parties"): Case(kind="party", shared=True, key="code", item_key="code"),
    ("get", "/api/parties/{code}"): Case(kind="party", param="code", shared=True, key="code"),
    ("get", "/api/organizations"): Case(kind="organization"),
    ("get", "/api/organizations/{organization_id}"): Case(kind="organization",
                                                          param="organization_id"),
    ("get", "/api/people"): Case(kind="person"),
    ("get", "/api/people/{person_id}"): Case(kind="person", param="person_id"),
    ("get", "/api/series"): Case(kind="series"),
    ("get", "/api/series/{series_id}"): Case(kind="series", param="series_id"),
    ("get", "/api/events"): Case(kind="event"),
    ("get", "/api/events/{event_id}"): Case(kind="event", param="event_id"),
    ("get", "/api/rounds"): Case(kind="round"),
    ("get", "/api/rounds/{round_id}"): Case(kind="round", param="round_id"),
    ("get", "/api/statements"): Case(kind="statement"),
    ("get", "/api/statements/{statement_id}"): Case(kind="statement", param="statement_id"),
    ("get", "/api/evidence"): Case(kind="evidence"),
    ("get", "/api/evidence/{evidence_id}"): Case(kind="evidence", param="evidence_id"),
    ("get", "/api/sources"): Case(kind="source"),
    ("get", "/api/sources/{source_id}"): Case(kind="source", param="source_id"),
    ("get", "/api/threads"): Case(kind="thread"),
    ("get", "/api/threads/{thread_id}"): Case(kind="thread", param="thread_id"),
    ("get", "/api/programs"): Case(kind="program"),
    ("get", "/api/programs/{program_id}"): Case(kind="program", param="program_id"),
    ("get", "/api/proposals"): Case(kind="proposal"),
    ("get", "/api/proposals/{proposal_id}"): Case(kind="proposal", param="proposal_id"),
    ("get", "/api/conflicts"): Case(kind="conflict"),
    ("get", "/api/conflicts/{conflict_id}"): Case(kind="conflict", param="conflict_id"),
    ("post", "/api/series"): Case(body=series_body),
    ("post", "/api/events"): Case(body=event_body, body_refs=True),
    ("post", "/api/rounds"): Case(body=round_body, body_refs=True),
    ("post", "/api/rounds/{round_id}/participants"): Case(
        params={"round_id": "round"}, body=participant_body, body_refs=True),
    ("post", "/api/rounds/{round_id}/meetings"): Case(
        params={"round_id": "round"}, body=meeting_body, body_refs=True),
    ("post", "/api/organizations"): Case(body=organization_body, body_refs=True),
    ("post", "/api/people"): Case(body=person_body),
    ("post", "/api/people/{person_id}/appointments"): Case(
        params={"person_id": "person"}, body=appointment_body, body_refs=True),
    ("post", "/api/sources"): Case(body=source_body),
    ("post", "/api/statements"): Case(body=statement_body, body_refs=True),
    ("post", "/api/threads"): Case(body=thread_body),
    ("post", "/api/threads/{thread_id}/links"): Case(
        params={"thread_id": "thread"}, body=link_body, body_refs=True),
    ("post", "/api/threads/{thread_id}/status"): Case(
        params={"thread_id": "thread"}, body=status_body, body_refs=True),
    ("post", "/api/threads/{thread_id}/compliance"): Case(
        params={"thread_id": "thread"}, body=compliance_body, body_refs=True),
    ("post", "/api/programs"): Case(body=program_body, body_refs=True),
    ("post", "/api/programs/{program_id}/milestones"): Case(
        params={"program_id": "program"}, body=milestone_body),
}
