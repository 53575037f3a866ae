"""Review endpoints: accept (optionally with an edited payload), merge or reject a proposal.

The reads (``GET /proposals``, ``/conflicts``) live in ``jscd.api.routers.record``; these are
new paths under each proposal, so they sit on their own router. Each endpoint resolves the
proposal through ``get_visible_or_404`` (the other party's proposal is a 404), checks the role
(403 for viewers), and calls one review service; a refused decision is a 400 naming the
field, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from jscd.api.auth import require_writer
from jscd.api.payloads import In
from jscd.api.query import get_visible_or_404
from jscd.api.schemas import ProposalDetail
from jscd.api.types import Id
from jscd.record.models import Proposal
from jscd.record.services import review

__all__ = ["PREFIX", "router"]

PREFIX = ""
router = Router(tags=["ingest"])


class AcceptIn(In):
    payload: dict[str, Any] | None = Field(
        None, description="an edited payload to accept instead of the proposal's own; it is "
        "validated against the proposal kind's schema (its key cannot change)")
    note: str = ""


class MergeIn(In):
    target: Id = Field(description="id of the row (of the proposal's kind) to merge into")
    note: str = ""


class RejectIn(In):
    note: str = Field(min_length=1, description="why the proposal is rejected")


class ProposalDecisionOut(Schema):
    proposal: ProposalDetail
    result_model: str
    result_id: Id | None


def _answer(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    proposal = get_visible_or_404(Proposal, request, proposal.pk)
    return {"proposal": proposal, "result_model": proposal.result_model,
            "result_id": proposal.result_id}


@router.post("/proposals/{proposal_id}/accept", response=ProposalDecisionOut)
def accept(request: HttpRequest, proposal_id: Id, payload: AcceptIn) -> Any:
    """Write the proposal into the record (matching an existing row rather than duplicating)."""
    user = require_writer(request)
    proposal = get_visible_or_404(Proposal, request, proposal_id)
    review.accept_proposal(user, proposal, payload=payload.payload, note=payload.note)
    return _answer(request, proposal)


@router.post("/proposals/{proposal_id}/merge", response=ProposalDecisionOut)
def merge(request: HttpRequest, proposal_id: Id, payload: MergeIn) -> Any:
    """Fold the proposal into an existing row: spellings become aliases, spans evidence."""
    user = require_writer(request)
    proposal = get_visible_or_404(Proposal, request, proposal_id)
    review.merge_proposal(user, proposal, payload.target, note=payload.note)
    return _answer(request, proposal)


@router.post("/proposals/{proposal_id}/reject", response=ProposalDecisionOut)
def reject(request: HttpRequest, proposal_id: Id, payload: RejectIn) -> Any:
    user = require_writer(request)
    proposal = get_visible_or_404(Proposal, request, proposal_id)
    review.reject_proposal(user, proposal, note=payload.note)
    return _answer(request, proposal)
