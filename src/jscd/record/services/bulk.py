"""CSV export and import of threads and programs: the spreadsheets staff already keep.

Staff track commitments and programs in spreadsheets between rounds; this module lets them
export the record's view, edit it, and import it back. The rules:

* one row is one thread or program (``id`` empty: a new one);
* every row is checked and written through the services in its own transaction, so a bad
  row writes nothing, the batch goes on, and every error names the file, line and column;
* importing an unchanged export changes nothing (no history rows): a field is only written
  when its value differs from the record's;
* a thread's status changes only with evidence (``status_date``, ``evidence_source`` and
  ``evidence_quote`` columns), as everywhere else;
* the export is built from ``visible_to(user)``: it never holds the other party's rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from jscd.core import JOINT, DomainError, InputError
from jscd.record.models import Milestone, Program, Source, Statement, StatusChange, Thread, ThreadLink
from jscd.record.services.base import Actor, require_writer
from jscd.record.services.programs import (
    add_milestone,
    create_program,
    update_milestone,
    update_program,
)
from jscd.record.services.sources import EvidenceSpec, find_quote
from jscd.record.services.threads import (
    create_thread,
    link_statement,
    move_thread_status,
    update_thread,
)

__all__ = [
    "PROGRAM_COLUMNS",
    "THREAD_COLUMNS",
    "ImportReport",
    "export_programs_csv",
    "export_threads_csv",
    "import_csv",
    "import_programs_csv",
    "import_threads_csv",
]

THREAD_COLUMNS = ["id", "title", "category", "owner", "keeper", "due", "status", "status_date",
                  "evidence_source", "evidence_quote", "marking", "statements"]
PROGRAM_COLUMNS = ["id", "kind", "name", "party", "description", "keeper", "status", "marking",
                   "threads", "milestones"]
_SEP = ";"
#: Service field names that are not CSV column names.
_FIELD_TO_COLUMN = {"evidence": "evidence_quote", "evidence.quote": "evidence_quote",
                    "evidence.source": "evidence_source", "evidence.end": "evidence_quote",
                    "date": "status_date"}


@dataclass
class ImportReport:
    """What an import did: counts per outcome and every row's error with its place."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.errors)} rows refused")


def _qs(model: type, user: Actor) -> Any:
    return model.objects.visible_to(user)


def _write(columns: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_threads_csv(user: Actor) -> str:
    """Every thread ``user`` may see, with its latest status's date and first evidence."""
    rows = []
    for thread in _qs(Thread, user).order_by("id"):
        change = _qs(StatusChange, user).filter(thread=thread).order_by("-date", "-id").first()
        evidence = None
        if change is not None:
            ev = change.visible_evidence(user)
            evidence = ev.select_related("source").first()
        statement_ids = sorted(_qs(ThreadLink, user).filter(thread=thread, confirmed=True)
                               .values_list("statement_id", flat=True))
        rows.append({
            "id": str(thread.pk), "title": thread.title, "category": thread.category,
            "owner": thread.owner, "keeper": thread.keeper,
            "due": thread.due.isoformat() if thread.due else "", "status": thread.status,
            "status_date": change.date.isoformat() if change else "",
            "evidence_source": str(evidence.source_id) if evidence else "",
            "evidence_quote": evidence.quote if evidence else "",
            "marking": thread.marking, "statements": _SEP.join(map(str, statement_ids)),
        })
    return _write(THREAD_COLUMNS, rows)


def _milestone_cell(milestones: list[Milestone]) -> str:
    return "\n".join(f"{m.due.isoformat() if m.due else ''} | {m.name} | "
                     f"{'done' if m.done else 'open'}" for m in milestones)


def export_programs_csv(user: Actor) -> str:
    """Every program ``user`` may see; milestones one per line in one cell."""
    rows = []
    for program in _qs(Program, user).order_by("id"):
        milestones = list(_qs(Milestone, user).filter(program=program).order_by("order"))
        thread_ids = sorted(_qs(Thread, user).filter(programs=program).values_list("id",
                                                                                   flat=True))
        rows.append({
            "id": str(program.pk), "kind": program.kind, "name": program.name,
            "party": program.party_id or "", "description": program.description,
            "keeper": program.keeper, "status": program.status, "marking": program.marking,
            "threads": _SEP.join(map(str, thread_ids)), "milestones": _milestone_cell(milestones),
        })
    return _write(PROGRAM_COLUMNS, rows)


# --- import --------------------------------------------------------------------------------

class _RowError(DomainError):
    """A problem in one cell, raised inside a row's transaction to roll it back."""


def _date(value: str, column: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _RowError(f"{value!r} is not a date (YYYY-MM-DD)", field=column) from None


def _ids(value: str, column: str) -> list[int]:
    out = []
    for part in value.replace(",", _SEP).split(_SEP):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise _RowError(f"{part!r} is not an id", field=column)
        out.append(int(part))
    return out


def _lookup(model: type, user: Actor, pk_text: str, column: str, label: str) -> Any:
    if not pk_text.strip().isdigit():
        raise _RowError(f"{pk_text!r} is not an id", field=column)
    row = _qs(model, user).filter(pk=int(pk_text)).first()
    if row is None:  # the other party's rows and missing rows look the same
        raise _RowError(f"no {label} with id {pk_text.strip()}", field=column)
    return row


def _import_thread(user: Actor, row: dict[str, str]) -> str:
    """Create or update one thread from a row; returns created/updated/unchanged."""
    due = _date(row.get("due", ""), "due")
    marking = (row.get("marking") or JOINT).strip()
    if row.get("id", "").strip():
        thread = _lookup(Thread, user, row["id"], "id", "thread")
        if row.get("marking", "").strip() and marking != thread.marking:
            raise _RowError(f"a thread's marking cannot be changed by import "
                            f"({thread.marking} in the record)", field="marking")
        outcome = "unchanged"
    else:
        if not row.get("title", "").strip():
            raise _RowError("a thread needs a title", field="title")
        thread = create_thread(user, title=row.get("title", "").strip(),
                               category=row.get("category", "").strip(),
                               owner=row.get("owner", "").strip() or "BOTH",
                               keeper=row.get("keeper", "").strip(), marking=marking)
        outcome = "created"
    changes = {name: row[name].strip() for name in ("title", "category", "owner", "keeper")
               if name in row and row[name].strip() != getattr(thread, name)}
    if "title" in changes and not changes["title"]:
        raise _RowError("a thread needs a title", field="title")
    kwargs: dict[str, Any] = dict(changes)
    if "due" in row and due != thread.due:
        kwargs["due"] = due
    # Statements first: a new thread's start (and so its earliest due date) comes from them.
    linked = set(_qs(ThreadLink, user).filter(thread=thread, confirmed=True)
                 .values_list("statement_id", flat=True))
    for pk in _ids(row.get("statements", ""), "statements"):
        if pk in linked:
            continue
        statement = _lookup(Statement, user, str(pk), "statements", "statement")
        link_statement(user, thread, statement, confirmed=True)
        outcome = outcome if outcome == "created" else "updated"
    if kwargs:
        update_thread(user, thread, **kwargs)
        outcome = outcome if outcome == "created" else "updated"
    status = row.get("status", "").strip()
    if status and status != thread.status:
        _status_from_row(user, thread, row, status)
        outcome = outcome if outcome == "created" else "updated"
    return outcome


def _status_from_row(user: Actor, thread: Thread, row: dict[str, str], status: str) -> None:
    date = _date(row.get("status_date", ""), "status_date")
    if date is None:
        raise _RowError(f"a change of status to {status!r} needs its date", field="status_date")
    source_id, quote = row.get("evidence_source", "").strip(), row.get("evidence_quote", "")
    if not source_id or not quote.strip():
        raise _RowError(f"a change of status to {status!r} needs evidence "
                        "(evidence_source and evidence_quote)", field="evidence_quote")
    source: Source = _lookup(Source, user, source_id, "evidence_source", "source")
    spec: EvidenceSpec = find_quote(source, quote)
    move_thread_status(user, thread, status=status, date=date, evidence=[spec])


def _parse_milestones(cell: str) -> list[tuple[dt.date | None, str, bool]]:
    out = []
    for n, line in enumerate(x for x in cell.splitlines() if x.strip()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or parts[2] not in ("done", "open") or not parts[1]:
            raise _RowError(f"milestone {n + 1} {line.strip()!r} is not 'YYYY-MM-DD | name | "
                            "done/open'", field="milestones")
        out.append((_date(parts[0], "milestones"), parts[1], parts[2] == "done"))
    return out


def _import_program(user: Actor, row: dict[str, str]) -> str:
    marking = (row.get("marking") or JOINT).strip()
    party = row.get("party", "").strip() or None
    thread_rows = [_lookup(Thread, user, str(pk), "threads", "thread")
                   for pk in _ids(row.get("threads", ""), "threads")]
    milestones = _parse_milestones(row.get("milestones", ""))
    if row.get("id", "").strip():
        program = _lookup(Program, user, row["id"], "id", "program")
        if row.get("marking", "").strip() and marking != program.marking:
            raise _RowError(f"a program's marking cannot be changed by import "
                            f"({program.marking} in the record)", field="marking")
        outcome = "unchanged"
        changes: dict[str, Any] = {
            name: row[name].strip() for name in ("kind", "name", "description", "keeper",
                                                  "status")
            if name in row and row[name].strip() != getattr(program, name)}
        if "party" in row and party != program.party_id:
            changes["party"] = party
        current_threads = set(_qs(Thread, user).filter(programs=program).values_list("id", flat=True))
        if "threads" in row and {t.pk for t in thread_rows} != current_threads:
            changes["threads"] = thread_rows
        if changes:
            update_program(user, program, **changes)
            outcome = "updated"
    else:
        program = create_program(user, kind=row.get("kind", "").strip(),
                                 name=row.get("name", "").strip(), party=party,
                                 description=row.get("description", ""),
                                 keeper=row.get("keeper", "").strip(),
                                 status=row.get("status", "").strip() or "active",
                                 threads=thread_rows, marking=marking)
        outcome = "created"
    existing = {m.name: m for m in _qs(Milestone, user).filter(program=program)}
    for due, name, done in milestones:
        current = existing.get(name)
        if current is None:
            add_milestone(user, program, name=name, due=due, done=done)
        elif current.due != due or current.done != done:
            update_milestone(user, current, due=due, done=done)
        else:
            continue
        outcome = outcome if outcome == "created" else "updated"
    return outcome


def _import(
    user: Actor, text: str, filename: str, columns: list[str], required: set[str],
    one_row: Callable[[Actor, dict[str, str]], str],
) -> ImportReport:
    require_writer(user)
    report = ImportReport()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError("the file is empty", file=filename, line=1) from None
    unknown = [h for h in header if h not in columns]
    missing = sorted(required - set(header))
    if unknown or missing:
        problem = (f"unknown column {unknown[0]!r} (expected some of: {', '.join(columns)})"
                   if unknown else f"missing column {missing[0]!r}")
        raise InputError(problem, file=filename, line=1, field=(unknown or missing)[0])
    row_number = 1  # the header is row 1, as a spreadsheet numbers it
    while True:
        line = reader.line_num + 1  # the file line the record starts on
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report.errors.append(InputError(str(exc), file=filename, line=line))
            continue
        row_number += 1
        where = f" (spreadsheet row {row_number})" if row_number != line else ""
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            report.errors.append(InputError(f"{len(values)} cells where the header has "
                                            f"{len(header)}{where}", file=filename, line=line))
            continue
        row = dict(zip(header, values, strict=True))
        try:
            with transaction.atomic():
                outcome = one_row(user, row)
        except DomainError as exc:
            column = _FIELD_TO_COLUMN.get(exc.field or "", exc.field)
            report.errors.append(InputError(exc.message + where, file=filename, line=line,
                                            field=column))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def import_threads_csv(user: Actor, text: str, filename: str = "<threads.csv>") -> ImportReport:
    return _import(user, text, filename, THREAD_COLUMNS, {"id", "title", "category"},
                   _import_thread)


def import_programs_csv(user: Actor, text: str,
                        filename: str = "<programs.csv>") -> ImportReport:
    return _import(user, text, filename, PROGRAM_COLUMNS, {"id", "kind", "name"},
                   _import_program)


def import_csv(user: Actor, text: str, filename: str) -> ImportReport:
    """Threads or programs, told apart by the header (``kind`` and ``name`` mean programs)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    header = {h.strip() for h in next(csv.reader([first]), [])}
    if {"kind", "name"} <= header:
        return import_programs_csv(user, text, filename)
    return import_threads_csv(user, text, filename)
