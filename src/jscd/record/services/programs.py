"""Security cooperation programs and their milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from jscd.core import JOINT, DomainError, ProgramKind
from jscd.record.models import Milestone, Program, Thread
from jscd.record.models.programs import PROGRAM_STATUSES
from jscd.record.services.base import Actor, check_marking, readable, require_writer, save
from jscd.record.services.parties import get_party

__all__ = [
    "add_milestone", "create_program", "overdue_milestones", "program_is_stale",
    "program_last_update", "update_milestone", "update_program",
]


def create_program(
    user: Actor, *, kind: str, name: str, party: str | None = None, description: str = "",
    keeper: str = "", status: str = "active", threads: Iterable[Thread] = (),
    marking: str = JOINT,
) -> Program:
    require_writer(user)
    check_marking(user, marking)
    if kind not in {k.value for k in ProgramKind}:
        raise DomainError(f"unknown program kind {kind!r}", field="kind")
    if status not in PROGRAM_STATUSES:
        raise DomainError(f"unknown program status {status!r}", field="status")
    with transaction.atomic():
        program = save(Program(kind=kind, name=name, party=get_party(party),
                               description=description, keeper=keeper, status=status,
                               marking=marking), user)
        _set_threads(user, program, threads)
        return program


def _set_threads(user: Actor, program: Program, threads: Iterable[Thread]) -> None:
    """Set the program's threads as the writer sees them; links to threads hidden from the
    writer (the other party's) are neither shown to them nor removed by them."""
    hidden = list(program.threads.exclude(pk__in=readable(Thread, user).values("pk")))
    program.threads.set([*threads, *hidden])


def add_milestone(
    user: Actor, program: Program, *, name: str, due: dt.date | None = None, done: bool = False,
    marking: str | None = None,
) -> Milestone:
    """Append a milestone; milestones are kept in date order, so one due earlier is refused."""
    require_writer(user)
    marking = check_marking(user, marking or program.marking)
    with transaction.atomic():
        # Lock the program: concurrent additions queue here, so each reads the last order
        # written before it (the unique constraint on program, marking and order is the backstop).
        Program.objects.select_for_update().filter(pk=program.pk).first()
        # Each marking keeps its own sequence (order and dates): the next number and the date
        # check never depend on, nor reveal, a milestone the writer cannot see.
        mine = readable(Milestone, user).filter(program=program, marking=marking)
        last = mine.filter(due__isnull=False).order_by("-order").first()
        if last is not None and due and due < last.due:
            raise DomainError(f"milestone {name!r} is due {due}, before the previous "
                              f"milestone {last.name!r} ({last.due})", field="due")
        top = mine.aggregate(top=Max("order"))["top"]
        return save(Milestone(program=program, name=name, due=due, done=done,
                              order=(top or 0) + 1, marking=marking), user)


# --- Updates and flags (issue 4) -----------------------------------------------------------

_UNSET: object = object()


def update_program(
    user: Actor, program: Program, *, kind: str | None = None, name: str | None = None,
    party: str | object | None = _UNSET, description: str | None = None,
    keeper: str | None = None, status: str | None = None,
    threads: Iterable[Thread] | None = None, version: int | None = None,
) -> Program:
    """Change a program's fields; only the arguments given are touched."""
    require_writer(user)
    if kind is not None and kind not in {k.value for k in ProgramKind}:
        raise DomainError(f"unknown program kind {kind!r}", field="kind")
    if status is not None and status not in PROGRAM_STATUSES:
        allowed = ", ".join(PROGRAM_STATUSES)
        raise DomainError(f"unknown program status {status!r} (one of {allowed})",
                          field="status")
    if name is not None and not name.strip():
        raise DomainError("a program needs a name", field="name")
    with transaction.atomic():
        for attr, value in (("kind", kind), ("name", name), ("description", description),
                            ("keeper", keeper), ("status", status)):
            if value is not None:
                setattr(program, attr, value.strip() if attr == "name" else value)
        if party is not _UNSET:
            program.party = get_party(party)  # type: ignore[arg-type]
        save(program, user, version=version)
        if threads is not None:
            _set_threads(user, program, threads)
        return program


def update_milestone(
    user: Actor, milestone: Milestone, *, due: dt.date | object | None = _UNSET,
    done: bool | None = None, name: str | None = None, version: int | None = None,
) -> Milestone:
    """Change a milestone; a new due date must keep the program's milestones in order."""
    require_writer(user)
    with transaction.atomic():
        if due is not _UNSET and due is not None:
            siblings = readable(Milestone, user).filter(
                program=milestone.program, marking=milestone.marking).exclude(pk=milestone.pk)
            before = (siblings.filter(order__lt=milestone.order, due__isnull=False)
                      .order_by("-order").first())
            after = (siblings.filter(order__gt=milestone.order, due__isnull=False)
                     .order_by("order").first())
            if before is not None and due < before.due:  # type: ignore[operator]
                raise DomainError(f"milestone {milestone.name!r} would be due {due}, before "
                                  f"the previous milestone {before.name!r} ({before.due})",
                                  field="due")
            if after is not None and due > after.due:  # type: ignore[operator]
                raise DomainError(f"milestone {milestone.name!r} would be due {due}, after "
                                  f"the next milestone {after.name!r} ({after.due})",
                                  field="due")
        if due is not _UNSET:
            milestone.due = due  # type: ignore[assignment]
        if done is not None:
            milestone.done = done
        if name is not None:
            milestone.name = name
        return save(milestone, user, version=version)


def overdue_milestones(program: Program, today: dt.date) -> list[Milestone]:
    """Milestones past their due date and not done (read from the prefetched set)."""
    return [m for m in program.milestones.all() if m.due and m.due < today and not m.done]


def program_last_update(program: Program) -> dt.date | None:
    """When anyone last changed the program or one of its milestones (from history)."""
    dates = [h.history_date.date() for h in program.history.order_by("-history_date")[:1]]
    for milestone in program.milestones.all():
        if milestone.marking not in (JOINT, program.marking):
            continue  # a party-only milestone does not move what the other party reads
        dates += [h.history_date.date() for h in milestone.history.order_by("-history_date")[:1]]
    return max(dates) if dates else None


def program_is_stale(program: Program, today: dt.date, stale_days: int | None = None) -> bool:
    """An active or planned program nobody has touched for ``JSCD_STALE_DAYS`` days."""
    if program.status not in ("planned", "active"):
        return False
    if stale_days is None:
        from django.conf import settings

        stale_days = settings.JSCD_STALE_DAYS
    last = program_last_update(program)
    return last is not None and (today - last).days > stale_days
