"""Threads: link statements across rounds, move status with evidence, score compliance.

A thread's derived state (its current status, start, last update, flags) is computed only from
the rows *every* reader of the thread may see: rows marked JOINT or with the thread's own
marking (:func:`shared_rows`). A party-only status change on a JOINT thread is that party's
own note in the thread's history; it never moves what the other party reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q

from jscd.core import (
    BOTH,
    JOINT,
    Category,
    Compliance,
    DomainError,
    ThreadStatus,
    validate_actor,
)
from jscd.record.access import Action, parent_chains
from jscd.record.models import ComplianceScore, Round, Statement, StatusChange, Thread, ThreadLink
from jscd.record.services.base import Actor, check_marking, delete, readable, require_writer, save
from jscd.record.services.parties import get_party
from jscd.record.services.sources import EvidenceSpec, add_evidence

__all__ = [
    "create_thread", "effective_scores", "is_overdue", "is_stale", "last_update", "link_statement",
    "move_thread_status", "set_compliance", "shared_rows", "thread_start", "unlink_statement", "update_thread",
]


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
    marking = thread.marking if thread.marking != JOINT else statement.marking
    with transaction.atomic():
        link = readable(ThreadLink, user, Action.CHANGE).filter(
            thread=thread, statement=statement, marking=marking).first()
        if link is None:
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
        latest = shared_rows(thread, thread.changes).order_by("-date", "-id").first()
        if latest is not None and latest.status != thread.status:
            thread.status = latest.status
            save(thread, user)
        return change


def set_compliance(
    user: Actor, thread: Thread, *, round: Round, party: str, score: int, rationale: str,
    marking: str | None = None, version: int | None = None,
) -> ComplianceScore:
    """Score one party's compliance at a round (−1, 0, +1) with the reason written down."""
    require_writer(user)
    marking = check_marking(user, marking or thread.marking)
    if score not in {c.value for c in Compliance}:
        raise DomainError(f"compliance score {score!r} is outside -1..+1", field="score")
    if not rationale.strip():
        raise DomainError("a compliance score needs a written rationale", field="rationale")
    with transaction.atomic():
        # Only a row the writer may change, of the same marking: a USA-only score never
        # re-marks a JOINT one, and a hidden row is neither found nor overwritten.
        row = readable(ComplianceScore, user, Action.CHANGE).filter(
            thread=thread, round=round, party_id=party, marking=marking).first()
        if row is None:
            row = ComplianceScore(thread=thread, round=round, party=get_party(party),
                                  marking=marking)
        row.score, row.rationale = score, rationale.strip()
        return save(row, user, version=version)


# --- Ownership, dates and flags (issue 4) -------------------------------------------------
# Records nobody owns go stale; these helpers let lists, reports and imports say which
# threads have passed their due date and which nobody has touched for too long.

_UNSET: object = object()


def shared_rows(thread: Any, rows: Any) -> Any:
    """The rows of ``rows`` every reader of ``thread`` may see: JOINT or the thread's marking.

    The one filter behind a shared row's derived fields, so a party-only row never shows
    through them (parents included: a JOINT change at an IRQ-only round is not shared).
    """
    markings = {JOINT, thread.marking}
    query = Q(marking__in=markings)
    for path, nullable in parent_chains(rows.model):
        if path == "thread" or path.startswith("thread__"):
            continue
        cond = Q(**{f"{path}__marking__in": markings})
        for prefix in nullable:
            cond |= Q(**{f"{prefix}__isnull": True})
        query &= cond
    return rows.filter(query)


def effective_scores(scores: Iterable[ComplianceScore]) -> list[ComplianceScore]:
    """One score per thread, round and scored party, as a reader counts it in averages.

    A reader may see a JOINT score and their own party's score for the same key (the party's
    own assessment beside the shared one); the party's own counts, so nothing is counted twice.
    """
    chosen: dict[tuple[int, int, str], ComplianceScore] = {}
    for score in scores:
        key = (score.thread_id, score.round_id, score.party_id)
        if key not in chosen or chosen[key].marking == JOINT:
            chosen[key] = score
    return list(chosen.values())


def thread_start(thread: Thread) -> dt.date | None:
    """When a thread began: the first round it was spoken at, else its first status change."""
    first_round = (shared_rows(thread, thread.links).filter(statement__round__isnull=False)
                   .order_by("statement__round__start")
                   .values_list("statement__round__start", flat=True).first())
    first_change = (shared_rows(thread, thread.changes).order_by("date")
                    .values_list("date", flat=True).first())
    dates = [d for d in (first_round, first_change) if d is not None]
    return min(dates) if dates else None


def last_update(thread: Thread) -> dt.date | None:
    """The date of the latest status change, or the thread's start when it has none."""
    latest = shared_rows(thread, thread.changes).order_by("-date").values_list("date", flat=True).first()
    return latest or thread_start(thread)


def is_overdue(thread: Thread, today: dt.date) -> bool:
    """Past its due date and still open: someone owes an action."""
    return bool(thread.due and thread.due < today and ThreadStatus(thread.status).is_open)


def is_stale(thread: Thread, today: dt.date, stale_days: int | None = None) -> bool:
    """Open and without a status change for ``JSCD_STALE_DAYS`` days."""
    if not ThreadStatus(thread.status).is_open:
        return False
    if stale_days is None:
        from django.conf import settings

        stale_days = settings.JSCD_STALE_DAYS
    last = last_update(thread)
    return last is not None and (today - last).days > stale_days


def update_thread(
    user: Actor, thread: Thread, *, title: str | None = None, category: str | None = None,
    owner: str | None = None, keeper: str | None = None, due: dt.date | object | None = _UNSET,
    version: int | None = None,
) -> Thread:
    """Change a thread's description, owner, keeper or due date (status has its own service).

    A due date before the thread started is refused: it would make the thread overdue from
    its first day and usually means day and month were swapped.
    """
    require_writer(user)
    if category is not None and category not in {c.value for c in Category}:
        raise DomainError(f"unknown category {category!r}", field="category")
    if owner is not None:
        try:
            validate_actor(owner)
        except ValueError as exc:
            raise DomainError(str(exc), field="owner") from None
    if title is not None and not title.strip():
        raise DomainError("a thread needs a title", field="title")
    with transaction.atomic():
        if due is not _UNSET and due is not None:
            start = thread_start(thread)
            if start is not None and due < start:  # type: ignore[operator]
                raise DomainError(f"due date {due} is before the thread started ({start})",
                                  field="due")
        for name, value in (("title", title), ("category", category), ("owner", owner),
                            ("keeper", keeper)):
            if value is not None:
                setattr(thread, name, value.strip() if name != "category" else value)
        if due is not _UNSET:
            thread.due = due  # type: ignore[assignment]
        return save(thread, user, version=version)


def unlink_statement(user: Actor, link: ThreadLink) -> None:
    """Remove a statement from a thread (an editor rejecting a suggested link)."""
    require_writer(user)
    if not readable(ThreadLink, user, Action.CHANGE).filter(pk=link.pk).exists():
        raise DomainError("no such thread link", field="link")
    with transaction.atomic():
        delete(link, user, Action.CHANGE)
