"""Threads area of the API: suggestions, link decisions, flags, field updates, CSV, timeline.

Reads and writes follow ``jscd/api/README.md``: reads through ``visible``; writes call
``require_writer`` then one service. The plain thread and program reads and the status and
compliance writes live on the record's router (one path, one router); the paths here are
the ones the threads area adds.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from jscd.api.auth import require_writer
from jscd.api.errors import error_body
from jscd.api.payloads import In
from jscd.api.query import get_visible_or_404, user_of, visible
from jscd.api.schemas import LinkOut, MilestoneOut, ProgramOut, ThreadOut
from jscd.api.types import INT_MAX, Day, Id
from jscd.core import Category, DomainError
from jscd.record.models import Milestone, Program, Statement, Thread, ThreadLink
from jscd.record.services.bulk import (
    ImportReport,
    export_programs_csv,
    export_threads_csv,
    import_programs_csv,
    import_threads_csv,
)
from jscd.record.services.programs import update_milestone, update_program
from jscd.record.services.suggest import (
    apply_suggestions,
    confirm_link,
    reject_link,
    suggest_threads,
    suggestion_dict,
)
from jscd.record.services.threads import is_overdue, is_stale, last_update, update_thread
from jscd.reports.timeline import timeline_figure

__all__ = ["PREFIX", "router"]

PREFIX = ""
router = Router(tags=["threads"])


class SuggestedLinkOut(Schema):
    statement: int
    round: int
    text: str
    score: float | None


class SuggestionOut(Schema):
    key: str
    thread: int | None
    title: str
    category: Category
    owner: str
    marking: str
    rounds: list[int]
    score: float | None
    existing: list[int]
    links: list[SuggestedLinkOut]


class ApplyIn(In):
    keys: list[str] | None = None  #: None applies every current suggestion


class ThreadFlagsOut(ThreadOut):
    overdue: bool
    stale: bool
    keeper_named: bool
    last_update: Day | None


VERSION = Field(None, ge=1, le=INT_MAX, description=(
    "the version you read (from the row's ``version``); if the row changed since, the write "
    "is refused with 409 and the current version"))


class ThreadFieldsIn(In):
    """Fields a thread's editor may change; ``marking`` and ``status`` are not among them
    (a marking is fixed at creation, a status moves only with evidence), so sending them is a
    422 rather than silently ignored."""

    version: int | None = VERSION
    title: str | None = None
    category: Category | None = None
    owner: str | None = None
    keeper: str | None = None
    due: Day | None = None


class ProgramFieldsIn(In):
    version: int | None = VERSION
    name: str | None = None
    description: str | None = None
    keeper: str | None = None
    status: str | None = None


class MilestoneFieldsIn(In):
    version: int | None = VERSION
    name: str | None = None
    due: Day | None = None
    done: bool | None = None


class CsvOut(Schema):
    filename: str
    csv: str


class CsvIn(In):
    csv: str
    filename: str = "upload.csv"


class RowErrorOut(Schema):
    line: int | None
    field: str | None
    detail: str


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    errors: list[RowErrorOut]


def _key(suggestion: Any) -> str:
    thread = suggestion.thread.pk if suggestion.thread else "new"
    return f"{thread}:" + "-".join(str(s.pk) for s in suggestion.statements)


@router.get("/thread-suggestions", response=list[SuggestionOut])
def list_suggestions(request: HttpRequest, threshold: float | None = None) -> Any:
    """Links the record suggests between statements of successive rounds, with scores."""
    kwargs = {} if threshold is None else {"threshold": threshold}
    return [suggestion_dict(s) | {"key": _key(s)}
            for s in suggest_threads(user_of(request), **kwargs)]


@router.post("/thread-suggestions/apply", response={201: list[ThreadOut]})
def apply(request: HttpRequest, payload: ApplyIn) -> Any:
    """Write suggestions (all, or those named by ``keys``) as unconfirmed links."""
    user = require_writer(request)
    suggestions = suggest_threads(user)
    if payload.keys is not None:
        unknown = set(payload.keys) - {_key(s) for s in suggestions}
        if unknown:
            raise DomainError(f"no current suggestion {sorted(unknown)[0]!r}", field="keys")
        suggestions = [s for s in suggestions if _key(s) in payload.keys]
    return Status(201, apply_suggestions(user, suggestions))


def _link(request: HttpRequest, thread_id: Id, statement_id: Id) -> ThreadLink:
    thread = get_visible_or_404(Thread, request, thread_id)
    statement = get_visible_or_404(Statement, request, statement_id)
    link = visible(ThreadLink, request).filter(thread=thread, statement=statement).first()
    return link if link is not None else get_visible_or_404(ThreadLink, request, -1)


@router.post("/threads/{thread_id}/links/{statement_id}/confirm", response=LinkOut)
def confirm(request: HttpRequest, thread_id: Id, statement_id: Id) -> Any:
    """An editor agrees a suggested link; its score stays on record."""
    user = require_writer(request)
    return confirm_link(user, _link(request, thread_id, statement_id))


@router.delete("/threads/{thread_id}/links/{statement_id}", response=dict[str, Any])
def reject(request: HttpRequest, thread_id: Id, statement_id: Id) -> Any:
    """An editor rejects a link: the statement leaves the thread (history keeps the row)."""
    user = require_writer(request)
    link = _link(request, thread_id, statement_id)
    reject_link(user, link)
    return {"deleted": True, "thread_id": thread_id, "statement_id": statement_id}


@router.get("/thread-flags", response=list[ThreadFlagsOut])
def thread_flags(request: HttpRequest, today: Day | None = None,
                 flagged: bool = False) -> Any:
    """Every visible thread with its overdue and stale flags (``flagged`` keeps only those)."""
    today = today or Day.today()
    out = []
    for thread in visible(Thread, request).order_by("title"):
        row = {"overdue": is_overdue(thread, today), "stale": is_stale(thread, today),
               "keeper_named": bool(thread.keeper), "last_update": last_update(thread)}
        if flagged and not (row["overdue"] or row["stale"] or not row["keeper_named"]):
            continue
        out.append(ThreadOut.from_orm(thread).dict() | row)
    return out


@router.patch("/threads/{thread_id}/fields", response=ThreadOut)
def thread_fields(request: HttpRequest, thread_id: Id, payload: ThreadFieldsIn) -> Any:
    """Change title, category, owner, keeper or due date (a due date before the start is refused)."""
    user = require_writer(request)
    thread = get_visible_or_404(Thread, request, thread_id)
    return update_thread(user, thread, **payload.dict(exclude_unset=True))


@router.patch("/programs/{program_id}/fields", response=ProgramOut, tags=["programs"])
def program_fields(request: HttpRequest, program_id: Id, payload: ProgramFieldsIn) -> Any:
    user = require_writer(request)
    program = get_visible_or_404(Program, request, program_id)
    return update_program(user, program, **payload.dict(exclude_unset=True))


@router.patch("/milestones/{milestone_id}", response=MilestoneOut, tags=["programs"])
def milestone_fields(request: HttpRequest, milestone_id: Id, payload: MilestoneFieldsIn) -> Any:
    """Change a milestone; a due date out of order with its neighbours is refused."""
    user = require_writer(request)
    milestone = get_visible_or_404(Milestone, request, milestone_id)
    return update_milestone(user, milestone, **payload.dict(exclude_unset=True))


def _import(request: HttpRequest, payload: CsvIn, importer: Any) -> Any:
    user = require_writer(request)
    report: ImportReport = importer(user, payload.csv, payload.filename)
    errors = [{"line": e.line, "field": e.field, "detail": e.message} for e in report.errors]
    body = {"created": report.created, "updated": report.updated,
            "unchanged": report.unchanged, "errors": errors}
    if errors and not (report.created or report.updated):
        first = report.errors[0]
        return Status(400, error_body(f"{first}", first.field, **body))
    return body


@router.get("/threads-csv", response=CsvOut)
def threads_csv(request: HttpRequest) -> Any:
    """The visible threads as the CSV staff edit in spreadsheets."""
    return {"filename": "threads.csv", "csv": export_threads_csv(user_of(request))}


@router.post("/threads-csv", response={200: ImportOut, 400: dict[str, Any]})
def threads_csv_import(request: HttpRequest, payload: CsvIn) -> Any:
    """Import threads CSV: row errors name line and column; 400 if nothing could be written."""
    return _import(request, payload, import_threads_csv)


@router.get("/programs-csv", response=CsvOut, tags=["programs"])
def programs_csv(request: HttpRequest) -> Any:
    return {"filename": "programs.csv", "csv": export_programs_csv(user_of(request))}


@router.post("/programs-csv", response={200: ImportOut, 400: dict[str, Any]}, tags=["programs"])
def programs_csv_import(request: HttpRequest, payload: CsvIn) -> Any:
    return _import(request, payload, import_programs_csv)


@router.get("/timeline", response=dict[str, Any])
def timeline(request: HttpRequest, series: Id | None = None) -> Any:
    """Rounds, meetings and threads of a series as a plotly figure (the timeline page's data)."""
    from jscd.record.models import DialogueSeries

    chosen = get_visible_or_404(DialogueSeries, request, series) if series else None
    figure = timeline_figure(user_of(request), chosen)
    return {"series": chosen.pk if chosen else None,
            "rounds": [r.pk for r in figure["rounds"]], "events": [e.pk for e in figure["events"]],
            "threads": [t.pk for t in figure["threads"]],
            "figure": {"data": figure["data"], "layout": figure["layout"]}}
