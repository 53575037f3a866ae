"""Security cooperation programs and their milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from jscd.core import JOINT, DomainError, ProgramKind
from jscd.record.models import Milestone, Program, Thread
from jscd.record.models.programs import PROGRAM_STATUSES
from jscd.record.services.base import Actor, check_marking, require_writer, save
from jscd.record.services.parties import get_party

__all__ = ["add_milestone", "create_program"]


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
        program.threads.set(list(threads))
        return program


def add_milestone(
    user: Actor, program: Program, *, name: str, due: dt.date | None = None, done: bool = False,
    marking: str | None = None,
) -> Milestone:
    """Append a milestone; milestones are kept in date order, so one due earlier is refused."""
    require_writer(user)
    marking = check_marking(user, marking or program.marking)
    with transaction.atomic():
        last = program.milestones.order_by("-order").first()
        if last is not None and due and last.due and due < last.due:
            raise DomainError(f"milestone {name!r} is due {due}, before the previous "
                              f"milestone {last.name!r} ({last.due})", field="due")
        order = (last.order + 1) if last else 1
        return save(Milestone(program=program, name=name, due=due, done=done, order=order,
                              marking=marking), user)
