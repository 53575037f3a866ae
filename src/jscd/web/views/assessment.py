"""Assessment pages: the map and tranche table of a run, a governorate's scores explained,
the comparison of two runs, and the forms for runs, overrides and decisions.

Runs are read through ``visible_to``; every write goes through
``jscd.record.services.assessment``. Each page has its JSON twin (``?format=json``).
Without any stored run, the map shows an unstored preview computed from the data shipped
with jscd, so a fresh install shows real figures.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import plotly
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from jscd.assess import assess, format_month, load_governorates, load_monthly_csv, parse_month, threat_series
from jscd.core import JOINT, DomainError
from jscd.record.models.assessment import DECISION_OUTCOMES, AssessmentDecision, AssessmentOverride, AssessmentRun
from jscd.record.services import assessment as service
from jscd.web.views.assessment_figures import factor_bars, phase_map, threat_chart
from jscd.web.views.generic import json_response, wants_json
from jscd.web.views.htmx import render_page

__all__ = [
    "assessment_map",
    "compare",
    "decision_create",
    "governorate_detail",
    "override_create",
    "plotly_js",
    "run_create",
    "run_detail",
    "topojson",
]

PREVIEW_AS_OF = "2018-06"


def plotly_js(request: HttpRequest) -> FileResponse:
    """plotly.js from the installed plotly package (its package_data), never a CDN."""
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    response = FileResponse(open(path, "rb"), content_type="text/javascript")  # noqa: SIM115 - FileResponse closes it
    response["Cache-Control"] = "private, max-age=86400"
    return response


#: The base-map layers plotly.js may look up; all empty, since the maps draw governorates only.
_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")


def topojson(request: HttpRequest, name: str) -> HttpResponse:
    """An empty base map for plotly.js, which fetches one for every geo plot (by default from
    its CDN) even when no base layer is shown; the governorates come from our own GeoJSON."""
    if not name.endswith(".json") or "/" in name:
        raise Http404("no such map")
    empty = {"type": "GeometryCollection", "geometries": []}
    return json_response(
        {"type": "Topology", "bbox": [-180, -90, 180, 90], "arcs": [], "objects": {layer: empty for layer in _LAYERS}}
    )


@cache
def _preview(as_of: str) -> dict[str, Any]:
    return assess(as_of, draws=2000)


def _runs(request: HttpRequest) -> Any:
    return AssessmentRun.objects.visible_to(request.user).select_related("created_by")


def _rows_by_tranche(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = {g["iso"]: g for g in result["governorates"]}
    return [{**t, "rows": [rows[i] for i in t["governorates"]]} for t in result["tranches"]]


def _page(request: HttpRequest, result: dict[str, Any], run: AssessmentRun | None) -> HttpResponse:
    if wants_json(request):
        out = {k: v for k, v in result.items() if k != "explain"}
        out["run"] = run.pk if run else None
        return json_response(out)
    overrides = {}
    if run is not None:
        for o in AssessmentOverride.objects.visible_to(request.user).filter(run=run):
            overrides.setdefault(o.governorate, []).append(o)
    context = {
        "title": "Conditions-based assessment",
        "run": run,
        "result": result,
        "runs": list(_runs(request)[:20]),
        "tranches": _rows_by_tranche(result),
        "factors": result["factors"],
        "overrides": overrides,
        "map_figure": phase_map(result),
        "bars_figure": factor_bars(result),
        "preview_as_of": PREVIEW_AS_OF,
        "summary": service.assessment_summary(run, request.user) if run else None,
    }
    return render_page(request, "web/assessment/map.html", context)


def assessment_map(request: HttpRequest) -> HttpResponse:
    """The latest run the user may see; without one, an unstored preview on the shipped data."""
    run = _runs(request).first()
    if run is not None:
        return _page(request, run.result, run)
    as_of = request.GET.get("as_of") or PREVIEW_AS_OF
    try:
        result = _preview(format_month(_month(as_of)))
    except DomainError as exc:
        raise Http404(str(exc)) from None
    return _page(request, result, None)


def _month(text: str) -> int:
    try:
        return parse_month(text)
    except ValueError as exc:
        raise DomainError(str(exc), field="as_of") from None


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(_runs(request), pk=pk)
    return _page(request, run.result, run)


@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    """Run and store an assessment (editors); errors come back as a message naming the field."""
    try:
        _, run = service.run_assessment(
            request.user,
            as_of=request.POST.get("as_of", "").strip(),
            tables=request.POST.get("tables", "auto"),
            marking=request.POST.get("marking") or JOINT,
            label=request.POST.get("label", "").strip(),
        )
    except DomainError as exc:
        messages.error(request, f"Assessment not run — {exc}")
        return redirect("web:assessment_map")
    messages.success(request, f"Stored run {run.pk} as of {run.as_of}.")
    return redirect("web:assessment_run", pk=run.pk)


@cache
def _panel() -> Any:
    return load_monthly_csv()


def governorate_detail(request: HttpRequest, pk: int, iso: str) -> HttpResponse:
    """One governorate of a run: scores with their inputs, the threat series, overrides, decisions."""
    run = get_object_or_404(_runs(request), pk=pk)
    row = next((g for g in run.result["governorates"] if g["iso"] == iso), None)
    if row is None:
        raise Http404("no such governorate in this run")
    explain = run.result.get("explain", {}).get(iso, {})
    overrides = list(AssessmentOverride.objects.visible_to(request.user).filter(run=run, governorate=iso))
    decisions = list(AssessmentDecision.objects.visible_to(request.user).filter(run=run, governorate=iso))
    if wants_json(request):
        return json_response(
            {
                "run": run.pk,
                "governorate": row,
                "explain": explain,
                "overrides": [
                    {"id": o.pk, "phase": o.phase, "tranche": o.tranche, "rationale": o.rationale, "marking": o.marking}
                    for o in overrides
                ],
                "decisions": [
                    {
                        "id": d.pk,
                        "outcome": d.outcome,
                        "phase": d.phase,
                        "authority": d.authority,
                        "decided_on": d.decided_on.isoformat(),
                        "marking": d.marking,
                    }
                    for d in decisions
                ],
            }
        )
    panel = _panel()
    series = threat_series(panel, iso, min(parse_month(run.as_of), panel.last), months=120)
    context = {
        "title": f"{row['name']} — assessment as of {run.as_of}",
        "run": run,
        "row": row,
        "explain": explain,
        "factors": run.result["factors"],
        "phases": run.result["phases"],
        "tranche_ids": [t["id"] for t in run.result["tranches"]],
        "outcomes": DECISION_OUTCOMES,
        "overrides": overrides,
        "decisions": decisions,
        "bars_figure": factor_bars(run.result, [iso], height=300),
        "threat_figure": threat_chart(series),
        "series_note": None
        if run.inputs["events"]["sha256"] == panel.sha256
        else "The run used other conflict data than the shipped file; the chart shows the shipped data.",
        "today": dt.date.today().isoformat(),
    }
    return render_page(request, "web/assessment/governorate.html", context)


def _back(pk: int, iso: str) -> HttpResponse:
    return redirect(reverse("web:assessment_governorate", args=[pk, iso]))


@require_POST
def override_create(request: HttpRequest, pk: int, iso: str) -> HttpResponse:
    run = get_object_or_404(_runs(request), pk=pk)
    try:
        service.override_result(
            request.user,
            run,
            governorate=iso,
            phase=request.POST.get("phase", ""),
            tranche=request.POST.get("tranche", ""),
            rationale=request.POST.get("rationale", ""),
            marking=request.POST.get("marking") or None,
        )
    except DomainError as exc:
        messages.error(request, f"Override not recorded — {exc}")
    else:
        messages.success(request, "Override recorded beside the computed result.")
    return _back(pk, iso)


@require_POST
def decision_create(request: HttpRequest, pk: int, iso: str) -> HttpResponse:
    run = get_object_or_404(_runs(request), pk=pk)
    override = None
    if request.POST.get("override"):
        override = (
            AssessmentOverride.objects.visible_to(request.user).filter(pk=request.POST["override"], run=run).first()
        )
    try:
        decided_on = dt.date.fromisoformat(request.POST.get("decided_on", ""))
    except ValueError:
        messages.error(request, "Decision not recorded — decided_on: expected a date YYYY-MM-DD")
        return _back(pk, iso)
    try:
        service.record_decision(
            request.user,
            run,
            governorate=iso,
            outcome=request.POST.get("outcome", ""),
            phase=request.POST.get("phase", ""),
            authority=request.POST.get("authority", ""),
            decided_on=decided_on,
            note=request.POST.get("note", ""),
            override=override,
            marking=request.POST.get("marking") or None,
        )
    except DomainError as exc:
        messages.error(request, f"Decision not recorded — {exc}")
    else:
        messages.success(request, "Decision recorded.")
    return _back(pk, iso)


def compare(request: HttpRequest) -> HttpResponse:
    """Two runs side by side: both maps and what moved (default: the two latest runs)."""
    runs = _runs(request)
    a_id, b_id = request.GET.get("a"), request.GET.get("b")
    if a_id and b_id:
        a = get_object_or_404(runs, pk=a_id)
        b = get_object_or_404(runs, pk=b_id)
    else:
        latest = list(runs.order_by("-created", "-pk")[:2])
        if len(latest) < 2:
            context = {"title": "Compare runs", "runs": list(runs[:20]), "diff": None}
            return render_page(request, "web/assessment/compare.html", context)
        b, a = latest
    diff = service.compare_runs(a, b)
    if wants_json(request):
        return json_response(diff)
    names = {g["iso"]: g["name"] for g in b.result["governorates"]}
    labels = {p["id"]: p["label"] for p in b.result["phases"]}
    context = {
        "title": f"Compare {a.as_of} with {b.as_of}",
        "a": a,
        "b": b,
        "diff": diff,
        "names": names,
        "labels": labels,
        "runs": list(runs[:20]),
        "map_a": phase_map(a.result, title=f"Run {a.pk}: as of {a.as_of}", height=380),
        "map_b": phase_map(b.result, title=f"Run {b.pk}: as of {b.as_of}", height=380),
        "factors": b.result["factors"],
        "governorates": load_governorates().codes,
    }
    return render_page(request, "web/assessment/compare.html", context)
