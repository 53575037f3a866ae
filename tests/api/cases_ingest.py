"""Access cases of the review routes (``jscd.api.routers.ingest``)."""

from __future__ import annotations

from typing import Any

from tests.api.cases import Case, Rows


def accept_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"note": f"accepted in the access suite ({marking})"}


def merge_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"target": rows["person"].pk, "note": "same person"}


def reject_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"note": "not what the document says"}


CASES = {
    ("post", "/api/proposals/{proposal_id}/accept"): Case(
        params={"proposal_id": "proposal"}, body=accept_body),
    ("post", "/api/proposals/{proposal_id}/merge"): Case(
        params={"proposal_id": "proposal"}, body=merge_body, body_refs=True),
    ("post", "/api/proposals/{proposal_id}/reject"): Case(
        params={"proposal_id": "proposal"}, body=reject_body),
}
