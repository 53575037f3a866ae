"""Access cases of the threads area's routes (``jscd.api.routers.threads``)."""

from __future__ import annotations

from typing import Any

from tests.api.cases import Case, Rows


def _csv_row(rows: Rows) -> str:
    thread = rows["thread"]
    return f"id,title,category,keeper\n{thread.pk},{thread.title},{thread.category},API desk\n"


def threads_csv_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"csv": _csv_row(rows), "filename": f"threads-{marking}.csv"}


def programs_csv_body(rows: Rows, marking: str) -> dict[str, Any]:
    program = rows["program"]
    return {"csv": f"id,kind,name,keeper\n{program.pk},{program.kind},{program.name},API desk\n",
            "filename": f"programs-{marking}.csv"}


CASES: dict[tuple[str, str], Case] = {
    ("get", "/api/thread-suggestions"): Case(),
    ("post", "/api/thread-suggestions/apply"): Case(body=lambda rows, marking: {"keys": None}),
    ("post", "/api/threads/{thread_id}/links/{statement_id}/confirm"): Case(
        params={"thread_id": "thread", "statement_id": "statement"},
        body=lambda rows, marking: {}),
    ("delete", "/api/threads/{thread_id}/links/{statement_id}"): Case(
        params={"thread_id": "thread", "statement_id": "statement"},
        body=lambda rows, marking: {}),
    ("get", "/api/thread-flags"): Case(kind="thread"),
    ("patch", "/api/threads/{thread_id}/fields"): Case(
        params={"thread_id": "thread"},
        body=lambda rows, marking: {"keeper": "API desk", "due": "2024-12-31"}),
    ("patch", "/api/programs/{program_id}/fields"): Case(
        params={"program_id": "program"},
        body=lambda rows, marking: {"keeper": "API desk", "status": "active"}),
    ("patch", "/api/milestones/{milestone_id}"): Case(
        params={"milestone_id": "milestone"}, body=lambda rows, marking: {"done": True}),
    ("get", "/api/threads-csv"): Case(),
    ("post", "/api/threads-csv"): Case(body=threads_csv_body, body_refs=True),
    ("get", "/api/programs-csv"): Case(),
    ("post", "/api/programs-csv"): Case(body=programs_csv_body, body_refs=True),
    ("get", "/api/timeline"): Case(),
}
