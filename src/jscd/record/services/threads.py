"""Threads: link statements across rounds, move status with evidence, score compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from jscd.core import (
    BOTH,
    JOINT,
    Category,
    Compliance,
    DomainError,
    ThreadStatus,
    validate_actor,
)
from jscd.record.models import ComplianceScore, Round, Statement, StatusChange, Thread, ThreadLink
from jscd.record.services.base import Actor, check_marking, require_writer, save
from jscd.record.services.parties import get_party
from jscd.record.services.sources import EvidenceSpec, add_evidence

__all__ = ["create_thread", "link_statement", "move_thread_status", "set_compliance"]


def create_thread(
    user: Actor, *, title: str, category: str, owner: str = BOTH, keeper: str = "",
    due: dt.date | None = None, marking: str = JOINT,
) -> Thread:
    require_writer(user)
    check_marking(user, marking)
    if category not in {c.value for c in Category}:
        raise DomainError(f"unknown category {category!r}", field="category")
    try:
        validate_actor(owner)
    except ValueError as exc:
        raise DomainError(str(exc), field="owner") from None
    with transaction.atomic():
        return save(Thread(title=title, category=category, owner=owner, keeper=keeper,
                           due=due, marking=marking), user)


def link_statement(
    user: Actor, thread: Thread, statement: Statement, *, score: float | None = None,
    confirmed: bool = True,
) -> ThreadLink:
    """Add a statement to a thread; a suggested link keeps its score until an editor confirms."""
    require_writer(user)
    with transaction.atomic():
        link = ThreadLink.objects.filter(thread=thread, statement=statement).first()
        if link is None:
            marking = thread.marking if thread.marking != JOINT else statement.marking
            link = ThreadLink(thread=thread, statement=statement, marking=marking)
        link.score = score if score is not None else link.score
        link.confirmed = confirmed
        return save(link, user)


def move_thread_status(
    user: Actor, thread: Thread, *, status: str, date: dt.date, evidence: Iterable[EvidenceSpec],
    note: str = "", round: Round | None = None, marking: str | None = None,
) -> StatusChange:
    """Record a new status with the evidence for it; a change without evidence is refused."""
    require_writer(user)
    marking = check_marking(user, marking or thread.marking)
    try:
        ThreadStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in ThreadStatus)
        raise DomainError(f"unknown thread status {status!r} (one of {allowed})",
                          field="status") from None
    specs = list(evidence)
    if not specs:
        raise DomainError("a status change needs evidence (a source span)", field="evidence")
    with transaction.atomic():
        change = save(StatusChange(thread=thread, status=status, date=date, round=round,
                                   note=note, marking=marking), user)
        for spec in specs:
            add_evidence(user, change, spec)
        latest = thread.changes.order_by("-date", "-id").first()
        if latest is not None and latest.status != thread.status:
            thread.status = latest.status
            save(thread, user)
        return change


def set_compliance(
    user: Actor, thread: Thread, *, round: Round, party: str, score: int, rationale: str,
    marking: str | None = None,
) -> ComplianceScore:
    """Score one party's compliance at a round (−1, 0, +1) with the reason written down."""
    require_writer(user)
    marking = check_marking(user, marking or thread.marking)
    if score not in {c.value for c in Compliance}:
        raise DomainError(f"compliance score {score!r} is outside -1..+1", field="score")
    if not rationale.strip():
        raise DomainError("a compliance score needs a written rationale", field="rationale")
    with transaction.atomic():
        row = ComplianceScore.objects.filter(thread=thread, round=round, party_id=party).first()
        if row is None:
            row = ComplianceScore(thread=thread, round=round, party=get_party(party))
        row.score, row.rationale, row.marking = score, rationale.strip(), marking
        return save(row, user)
