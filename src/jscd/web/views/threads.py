"""Pages of the threads area: the timeline, the program portfolio, and thread suggestions.

Reads go through ``visible_to(request.user)`` only; writes (applying, confirming or rejecting
suggested links) go through the services, and only editors see the buttons or may post.
Each page answers ``?format=json`` with the same data, like the rest of the web app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from jscd.core import DomainError, ProgramKind
from jscd.record.access import may_write
from jscd.record.models import DialogueSeries, Milestone, Party, Program, Thread, ThreadLink
from jscd.record.models.programs import PROGRAM_STATUSES
from jscd.record.services.programs import overdue_milestones, program_is_stale
from jscd.record.services.suggest import (
    Suggestion,
    apply_suggestions,
    confirm_link,
    reject_link,
    suggest_threads,
    suggestion_dict,
)
from jscd.record.services.threads import is_overdue, is_stale
from jscd.reports.timeline import STATUS_COLOURS, timeline_figure
from jscd.web.forms import FilterForm, label
from jscd.web.views.generic import json_response, jsonable, row_json, wants_json
from jscd.web.views.htmx import render_page

__all__ = ["ProgramFilterForm", "program_detail", "program_list", "thread_suggestions", "timeline"]


# --- portfolio -----------------------------------------------------------------------------


class ProgramFilterForm(FilterForm):
    kind = forms.ChoiceField(required=False, choices=[("", "any"), *((k.value, label(k.value)) for k in ProgramKind)])
    status = forms.ChoiceField(required=False, choices=[("", "any"), *((s, label(s)) for s in PROGRAM_STATUSES)])
    party = forms.ModelChoiceField(queryset=Party.objects.all(), required=False, label="Providing party")
    flag = forms.ChoiceField(
        required=False,
        label="Needs attention",
        choices=[("", "any"), ("overdue", "overdue milestone"), ("stale", "stale"), ("no_keeper", "no keeper")],
    )
    search_fields = ("name", "description", "keeper")
    flag_value = ""

    def filter(self, queryset: Any) -> Any:
        """The database filters; ``flag`` is read at the date of the request, in Python."""
        if self.is_bound and self.is_valid():
            self.flag_value = self.cleaned_data.pop("flag", "") or ""
        return super().filter(queryset)


def _program_row(program: Program, today: dt.date) -> dict[str, Any]:
    milestones = list(program.milestones.all())
    overdue = overdue_milestones(program, today)
    upcoming = next((m for m in milestones if not m.done), None)
    return {
        "program": program,
        "milestones": milestones,
        "overdue": overdue,
        "done": sum(m.done for m in milestones),
        "total": len(milestones),
        "next": upcoming,
        "stale": program_is_stale(program, today),
        "threads": list(program.threads.all()),
    }


def _programs(user: Any) -> Any:
    return (
        Program.objects.visible_to(user)
        .select_related("party")
        .prefetch_related(
            Prefetch("milestones", Milestone.objects.visible_to(user).order_by("order")),
            Prefetch("threads", Thread.objects.visible_to(user)),
        )
    )


def _program_json(row: dict[str, Any]) -> dict[str, Any]:
    program = row["program"]
    return row_json(program, ("marking", "kind", "name", "party", "status", "keeper", "description")) | {
        "milestones": [row_json(m, ("name", "due", "done", "order")) for m in row["milestones"]],
        "overdue_milestones": [m.pk for m in row["overdue"]],
        "stale": row["stale"],
        "threads": [{"id": t.pk, "title": t.title} for t in row["threads"]],
    }


def program_list(request: HttpRequest) -> HttpResponse:
    """The portfolio: every program with its status, milestone progress and flags."""
    today = dt.date.today()
    form = ProgramFilterForm(request.GET or None, user=request.user)
    rows = [_program_row(p, today) for p in form.filter(_programs(request.user)).order_by("kind", "name")]
    everything = rows
    flag = form.flag_value
    if flag == "overdue":
        rows = [r for r in rows if r["overdue"]]
    elif flag == "stale":
        rows = [r for r in rows if r["stale"]]
    elif flag == "no_keeper":
        rows = [r for r in rows if not r["program"].keeper]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    if wants_json(request):
        return json_response({"count": len(rows), "results": [_program_json(r) for r in page]})
    counts = {s: sum(r["program"].status == s for r in everything) for s in PROGRAM_STATUSES}
    return render_page(
        request,
        "web/threads/program_list.html",
        {
            "title": "Programs",
            "form": form,
            "page": page,
            "rows": page.object_list,
            "status_counts": counts,
            "overdue_count": sum(bool(r["overdue"]) for r in everything),
            "stale_count": sum(r["stale"] for r in everything),
            "today": today,
        },
        partial="web/threads/program_results.html",
    )


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(_programs(request.user), pk=pk)
    row = _program_row(program, dt.date.today())
    if wants_json(request):
        return json_response(_program_json(row))
    return render_page(
        request,
        "web/threads/program_detail.html",
        {"object": program, "row": row, "title": program.name, "today": dt.date.today()},
    )


# --- timeline ------------------------------------------------------------------------------


def timeline(request: HttpRequest) -> HttpResponse:
    """Every round and meeting of a series on a time axis, and the threads across them."""
    all_series = list(DialogueSeries.objects.visible_to(request.user).filter(rounds__isnull=False).distinct())
    chosen = None
    if request.GET.get("series", "").isdigit():
        chosen = next((s for s in all_series if s.pk == int(request.GET["series"])), None)
    if chosen is None and all_series:
        chosen = max(all_series, key=lambda s: s.rounds.count())
    figure = timeline_figure(request.user, chosen)
    if wants_json(request):
        return json_response(
            {
                "series": jsonable(chosen),
                "rounds": [row_json(r, ("ordinal", "start", "end", "location")) for r in figure["rounds"]],
                "events": [row_json(e, ("kind", "name", "start")) for e in figure["events"]],
                "threads": [row_json(t, ("title", "category", "status")) for t in figure["threads"]],
                "figure": {"data": figure["data"], "layout": figure["layout"]},
            }
        )
    return render_page(
        request,
        "web/threads/timeline.html",
        {
            "title": "Timeline",
            "series": chosen,
            "all_series": all_series,
            "figure": figure,
            "figure_spec": {"data": figure["data"], "layout": figure["layout"]},
            "status_colours": STATUS_COLOURS,
        },
    )


# --- suggestions ---------------------------------------------------------------------------


def _key(s: Suggestion) -> str:
    """A stable name for a suggestion across requests: its thread and statements."""
    return f"{s.thread.pk if s.thread else 'new'}:" + "-".join(str(st.pk) for st in s.statements)


@require_http_methods(["GET", "POST"])
def thread_suggestions(request: HttpRequest) -> HttpResponse:
    """Suggested links with their scores, and the links still waiting for an editor."""
    user = request.user
    if request.method == "POST":
        if not may_write(user):
            raise PermissionDenied("only editors decide thread links")
        return _decide(request)
    suggestions = suggest_threads(user)
    pending = list(
        ThreadLink.objects.visible_to(user)
        .filter(confirmed=False)
        .select_related("thread", "statement", "statement__round")
        .order_by("thread__title", "statement__round__ordinal")
    )
    today = dt.date.today()
    flagged = [
        t
        for t in Thread.objects.visible_to(user).order_by("title")
        if is_overdue(t, today) or is_stale(t, today) or not t.keeper
    ]
    if wants_json(request):
        return json_response(
            {
                "suggestions": [suggestion_dict(s) | {"key": _key(s)} for s in suggestions],
                "pending": [row_json(lk, ("thread", "statement", "score")) for lk in pending],
            }
        )
    return render_page(
        request,
        "web/threads/suggestions.html",
        {
            "title": "Thread suggestions",
            "suggestions": [(s, _key(s)) for s in suggestions],
            "pending": pending,
            "flagged": flagged,
            "today": today,
            "can_write": may_write(user),
        },
    )


def _decide(request: HttpRequest) -> HttpResponse:
    user = request.user
    action = request.POST.get("action")
    try:
        if action == "apply":
            wanted = set(request.POST.getlist("key"))
            chosen = [s for s in suggest_threads(user) if _key(s) in wanted]
            if not chosen:
                raise DomainError("tick at least one suggestion to apply", field="key")
            threads = apply_suggestions(user, chosen)
            messages.success(request, f"{len(threads)} suggestions written as unconfirmed links; confirm each below.")
        elif action in ("confirm", "reject"):
            link = request.POST.get("link", "")
            if not link.isdigit():
                raise DomainError("no such thread link", field="link")
            if action == "confirm":
                row = confirm_link(user, int(link))
                messages.success(request, f"Link confirmed in “{row.thread.title}”.")
            else:
                reject_link(user, int(link))
                messages.success(request, "Link rejected and removed.")
        else:
            raise DomainError(f"unknown action {action!r}", field="action")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("web:thread_suggestions")
