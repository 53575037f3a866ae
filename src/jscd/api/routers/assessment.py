"""The assessment API, mounted at ``/api/assessment``: runs, explain, comparison, the entered
tables, overrides and decisions, and the threat series behind the charts.

Follows ``jscd.api.routers.record``: reads through ``visible``/``get_visible_or_404`` (a run of
the other party is a 404), writes through ``jscd.record.services.assessment`` only.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jscd.api.auth import require_writer
from jscd.api.pagination import RecordPagination
from jscd.api.payloads import In
from jscd.api.query import get_visible_or_404, visible
from jscd.api.types import BIGINT_MAX, Day, Id, Months
from jscd.assess import MonthlyPanel, format_month, load_governorates, load_monthly_csv, parse_month, threat_series
from jscd.core import JOINT, DomainError
from jscd.record.models.assessment import (
    AssessmentDecision,
    AssessmentOverride,
    AssessmentRun,
    CapabilityRating,
    Requirement,
)
from jscd.record.services import assessment as service

__all__ = ["PREFIX", "router"]

PREFIX = "/assessment"
router = Router(tags=["assessment"])
Request = HttpRequest


class RunOut(Schema):
    id: int
    marking: str
    as_of: str
    label: str
    config_name: str
    config_version: str
    config_sha256: str
    stale: bool
    draws: int
    seed: int
    created: dt.datetime
    created_by: str | None = None

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        return obj.created_by.username if obj.created_by_id else None


class OverrideOut(Schema):
    id: int
    marking: str
    run: int = Field(alias="run_id")
    governorate: str
    phase: str
    tranche: str
    rationale: str
    assessor: str | None = None
    created: dt.datetime

    @staticmethod
    def resolve_assessor(obj: Any) -> str | None:
        return obj.assessor.username if obj.assessor_id else None


class DecisionOut(Schema):
    id: int
    marking: str
    run: int = Field(alias="run_id")
    governorate: str
    outcome: str
    phase: str
    authority: str
    decided_on: Day
    note: str
    override: int | None = Field(None, alias="override_id")
    decided_by: str | None = None

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None


class RunDetail(RunOut):
    inputs: dict[str, Any]
    governorates: list[dict[str, Any]]
    tranches: list[dict[str, Any]]
    factors: list[dict[str, Any]]
    phases: list[dict[str, Any]]
    placement: dict[str, Any] | None = None
    overrides: list[OverrideOut] = []
    decisions: list[DecisionOut] = []
    summary: dict[str, Any] = {}


class RunIn(In):
    as_of: str = Field(description="YYYY-MM")
    label: str = ""
    draws: int | None = Field(None, ge=0, le=100_000)
    seed: int | None = Field(None, ge=0, le=BIGINT_MAX)
    tables: str = Field("auto", description="auto, record or example")
    marking: str = JOINT


class OverrideIn(In):
    governorate: str
    phase: str
    rationale: str
    tranche: str = ""
    marking: str | None = None


class DecisionIn(In):
    governorate: str
    outcome: str
    phase: str
    authority: str
    decided_on: Day
    note: str = ""
    override: Id | None = None
    marking: str | None = None


class RequirementOut(Schema):
    id: int
    marking: str
    governorate: str
    requirement: str
    need: int
    own_coverage: float
    assessed_on: Day
    note: str


class RequirementIn(In):
    governorate: str
    requirement: str
    need: int
    own_coverage: float
    assessed_on: Day
    note: str = ""
    marking: str = JOINT


class CapabilityOut(Schema):
    id: int
    marking: str
    governorate: str
    formation: str
    personnel: str
    equipment: str
    readiness: str
    training: str
    assessed_on: Day
    note: str


class CapabilityIn(In):
    governorate: str
    formation: str
    personnel: str
    equipment: str
    readiness: str
    training: str
    assessed_on: Day
    note: str = ""
    marking: str = JOINT


def _run_detail(request: Request, run: AssessmentRun) -> dict[str, Any]:
    user = request.auth_user  # type: ignore[attr-defined]
    result = run.result
    return {
        **{
            f: getattr(run, f)
            for f in (
                "id",
                "marking",
                "as_of",
                "label",
                "config_name",
                "config_version",
                "config_sha256",
                "stale",
                "draws",
                "seed",
                "created",
            )
        },
        "created_by": run.created_by.username if run.created_by_id else None,
        "inputs": run.inputs,
        "governorates": result["governorates"],
        "tranches": result["tranches"],
        "factors": result["factors"],
        "phases": result["phases"],
        "placement": result.get("placement"),
        "overrides": list(visible(AssessmentOverride, request).filter(run=run)),
        "decisions": list(visible(AssessmentDecision, request).filter(run=run)),
        "summary": service.assessment_summary(run, user),
    }


@router.get("/runs", response=list[RunOut])
@paginate(RecordPagination)
def list_runs(request: Request) -> Any:
    """Stored runs the caller may see, newest first."""
    return visible(AssessmentRun, request).select_related("created_by")


@router.post("/runs", response={201: RunDetail})
def create_run(request: Request, payload: RunIn) -> Any:
    """Run the assessment at ``as_of`` on the shipped conflict data and the caller's tables; store it."""
    user = require_writer(request)
    _, run = service.run_assessment(
        user,
        as_of=payload.as_of,
        draws=payload.draws,
        seed=payload.seed,
        tables=payload.tables,
        marking=payload.marking,
        label=payload.label,
    )
    return Status(201, _run_detail(request, run))


@router.get("/runs/{run_id}", response=RunDetail)
def get_run(request: Request, run_id: Id) -> Any:
    return _run_detail(request, get_visible_or_404(AssessmentRun, request, run_id))


@router.get("/runs/{run_id}/explain", response=dict[str, Any])
def explain_run(request: Request, run_id: Id, governorate: str | None = None) -> Any:
    """Each score of a governorate tied to the rows, months and parameters it came from.

    Without ``governorate``, every governorate's explanation. The run's input checksums and
    model version come with it, so the explanation can be checked against the files.
    """
    run = get_visible_or_404(AssessmentRun, request, run_id)
    explain = run.result.get("explain", {})
    if governorate is not None:
        iso = load_governorates().resolve(governorate)
        if iso not in explain:
            raise DomainError(f"unknown governorate {governorate!r}", field="governorate")
        explain = {iso: explain[iso]}
    return {
        "run": run.pk,
        "as_of": run.as_of,
        "config": run.result["config"],
        "inputs": run.inputs,
        "governorates": explain,
    }


@router.get("/runs/{run_id}/compare", response=dict[str, Any])
def compare_run(request: Request, run_id: Id, other: Id | None = None) -> Any:
    """What moved from run ``other`` (default: the caller's previous visible run) to this one."""
    run = get_visible_or_404(AssessmentRun, request, run_id)
    if other is not None:
        base = get_visible_or_404(AssessmentRun, request, other)
    else:
        earlier = visible(AssessmentRun, request).filter(created__lte=run.created).exclude(pk=run.pk)
        base = earlier.order_by("-created", "-pk").first() or run
    return service.compare_runs(base, run)


@router.post("/runs/{run_id}/overrides", response={201: OverrideOut})
def create_override(request: Request, run_id: Id, payload: OverrideIn) -> Any:
    """An assessor's different judgement, with a written rationale, beside the computed result."""
    user = require_writer(request)
    run = get_visible_or_404(AssessmentRun, request, run_id)
    return Status(201, service.override_result(user, run, **payload.model_dump()))


@router.post("/runs/{run_id}/decisions", response={201: DecisionOut})
def create_decision(request: Request, run_id: Id, payload: DecisionIn) -> Any:
    """The decision taken on a governorate's recommendation, and who took it."""
    user = require_writer(request)
    run = get_visible_or_404(AssessmentRun, request, run_id)
    data = payload.model_dump()
    override_id = data.pop("override")
    override = None
    if override_id is not None:
        override = visible(AssessmentOverride, request).filter(pk=override_id, run=run).first()
        if override is None:
            raise DomainError(f"no override {override_id} on this run", field="override")
    return Status(201, service.record_decision(user, run, override=override, **data))


@router.get("/requirements", response=list[RequirementOut])
@paginate(RecordPagination)
def list_requirements(request: Request, governorate: str | None = None) -> Any:
    qs = visible(Requirement, request)
    return qs.filter(governorate=governorate) if governorate else qs


@router.post("/requirements", response={201: RequirementOut})
def create_requirement(request: Request, payload: RequirementIn) -> Any:
    user = require_writer(request)
    return Status(201, service.enter_requirement(user, **payload.model_dump()))


@router.get("/capability", response=list[CapabilityOut])
@paginate(RecordPagination)
def list_capability(request: Request, governorate: str | None = None) -> Any:
    qs = visible(CapabilityRating, request)
    return qs.filter(governorate=governorate) if governorate else qs


@router.post("/capability", response={201: CapabilityOut})
def create_capability(request: Request, payload: CapabilityIn) -> Any:
    user = require_writer(request)
    return Status(201, service.enter_capability_rating(user, **payload.model_dump()))


@cache
def _panel() -> MonthlyPanel:
    return load_monthly_csv()


@router.get("/series", response=dict[str, Any])
def series(request: Request, governorate: str = "IQ-NI", as_of: str | None = None, months: Months = 120) -> Any:
    """Monthly events, deaths and IS events of one governorate from the shipped UCDP data, with
    the Mann–Kendall trend and Sen's slope of the last 12 months."""
    panel = _panel()
    iso = load_governorates().resolve(governorate)
    if iso is None:
        raise DomainError(f"unknown governorate {governorate!r}", field="governorate")
    try:
        end = parse_month(as_of) if as_of else panel.last
    except ValueError as exc:
        raise DomainError(str(exc), field="as_of") from None
    out = threat_series(panel, iso, end, months=max(1, min(months, 360)))
    out["source"] = {"sha256": panel.sha256, "last_month": format_month(panel.last)}
    return out
