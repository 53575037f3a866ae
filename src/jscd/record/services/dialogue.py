"""Series, rounds, other events, delegations and side meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from jscd.core import JOINT, DomainError, EventKind, ParticipationRole
from jscd.record.models import (
    Delegation,
    DialogueSeries,
    Event,
    Meeting,
    Participation,
    Person,
    Round,
)
from jscd.record.services.base import Actor, check_marking, readable, require_writer, save
from jscd.record.services.parties import get_party
from jscd.record.services.sources import EvidenceSpec, add_evidence

__all__ = ["add_meeting", "add_participant", "create_event", "create_round", "create_series"]


def _attach(user: Actor, target: object, evidence: Iterable[EvidenceSpec]) -> None:
    for spec in evidence:
        add_evidence(user, target, spec)


def create_series(
    user: Actor, *, name: str, parties: list[str], acronym: str = "", marking: str = JOINT,
) -> DialogueSeries:
    require_writer(user)
    check_marking(user, marking)
    if len(set(parties)) < 2:
        raise DomainError("a dialogue series needs at least two parties", field="parties")
    with transaction.atomic():
        rows = [get_party(code, field="parties") for code in parties]
        series = save(DialogueSeries(name=name, acronym=acronym, marking=marking), user)
        series.parties.set(rows)
        return series


def create_event(
    user: Actor, *, kind: str, name: str, start: dt.date, end: dt.date | None = None,
    location: str = "", series: DialogueSeries | None = None, note: str = "",
    marking: str = JOINT, evidence: Iterable[EvidenceSpec] = (),
) -> Event:
    require_writer(user)
    check_marking(user, marking)
    if kind not in {k.value for k in EventKind}:
        raise DomainError(f"unknown event kind {kind!r}", field="kind")
    if end and end < start:
        raise DomainError(f"the event ends ({end}) before it starts ({start})", field="end")
    with transaction.atomic():
        event = save(Event(kind=kind, name=name, start=start, end=end, location=location,
                           series=series, note=note, marking=marking), user)
        _attach(user, event, evidence)
        return event


def create_round(
    user: Actor, *, series: DialogueSeries, ordinal: int, start: dt.date, end: dt.date,
    location: str = "", builds_on: Iterable[Event] = (), note: str = "", marking: str = JOINT,
    evidence: Iterable[EvidenceSpec] = (),
) -> Round:
    """A round of the dialogue; one ordinal per series, and it cannot end before it starts."""
    require_writer(user)
    check_marking(user, marking)
    if ordinal < 1:
        raise DomainError("a round's ordinal starts at 1", field="ordinal")
    if end < start:
        raise DomainError(f"the round ends ({end}) before it starts ({start})", field="end")
    with transaction.atomic():
        # Only rounds the writer can see take an ordinal from them; the other party's
        # party-only rounds number in their own space (the constraint includes the marking).
        if readable(Round, user).filter(series=series, ordinal=ordinal).exists():
            raise DomainError(f"{series.name} already has a round {ordinal}", field="ordinal")
        rnd = save(Round(series=series, ordinal=ordinal, start=start, end=end,
                         location=location, note=note, marking=marking), user)
        rnd.builds_on.set(list(builds_on))
        _attach(user, rnd, evidence)
        return rnd


def add_participant(
    user: Actor, rnd: Round, *, party: str, person: Person, role: str = "member",
    title: str = "", marking: str = JOINT, evidence: Iterable[EvidenceSpec] = (),
) -> Participation:
    """Put a person on a party's delegation to a round (creating the delegation if needed)."""
    require_writer(user)
    check_marking(user, marking)
    if role not in {r.value for r in ParticipationRole}:
        raise DomainError(f"unknown role {role!r} (lead or member)", field="role")
    with transaction.atomic():
        party_row = get_party(party)
        # The delegation is as shared as the round, or as the first participation that needs
        # it: a party-only participation must not make a JOINT delegation appear for the other
        # party. A JOINT delegation is used when there is one.
        wanted = rnd.marking if rnd.marking != JOINT else marking
        candidates = readable(Delegation, user).filter(round=rnd, party=party_row,
                                                       marking__in={JOINT, wanted})
        delegation = candidates.filter(marking=JOINT).first() or candidates.first()
        if delegation is None:
            delegation = save(Delegation(round=rnd, party=party_row, marking=wanted), user)
        if role == ParticipationRole.LEAD and readable(Participation, user).filter(
            delegation=delegation, role=ParticipationRole.LEAD
        ).exclude(person=person).exists():
            raise DomainError(f"the {party} delegation to {rnd} already has a lead",
                              field="role")
        part = save(Participation(delegation=delegation, person=person, role=role,
                                  title=title, marking=marking), user)
        _attach(user, part, evidence)
        return part


def add_meeting(
    user: Actor, rnd: Round, *, title: str, date: dt.date | None = None,
    participants: Iterable[Person] = (), summary: str = "", marking: str = JOINT,
    evidence: Iterable[EvidenceSpec] = (),
) -> Meeting:
    require_writer(user)
    check_marking(user, marking)
    if date and not (rnd.start <= date <= rnd.end):
        raise DomainError(f"the meeting's date {date} lies outside {rnd} "
                          f"({rnd.start} to {rnd.end})", field="date")
    with transaction.atomic():
        meeting = save(Meeting(round=rnd, title=title, date=date, summary=summary,
                               marking=marking), user)
        meeting.participants.set(list(participants))
        _attach(user, meeting, evidence)
        return meeting
