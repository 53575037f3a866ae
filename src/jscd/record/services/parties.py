"""Parties, organizations, people and their dated appointments."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from jscd.core import JOINT, DomainError, validate_party_code
from jscd.record.models import Appointment, Organization, Party, Person
from jscd.record.services.base import Actor, check_marking, require_writer, save

__all__ = ["add_appointment", "create_organization", "create_person", "ensure_party",
           "get_party"]


def get_party(code: str | None, *, field: str = "party") -> Party | None:
    """The party row for a code, with an error that names the field when it is unknown."""
    if code is None:
        return None
    try:
        validate_party_code(code)
    except ValueError as exc:
        raise DomainError(str(exc), field=field) from None
    party = Party.objects.filter(code=code).first()
    if party is None:
        raise DomainError(f"party {code!r} is not part of this record", field=field)
    return party


def ensure_party(user: Actor, code: str, name: str) -> Party:
    """Register a party of the dialogue (operator or admin only)."""
    require_writer(user)
    try:
        validate_party_code(code)
    except ValueError as exc:
        raise DomainError(str(exc), field="code") from None
    with transaction.atomic():
        party = Party.objects.filter(code=code).first()
        if party is not None:
            return party
        return save(Party(code=code, name=name, marking=JOINT), user)


def create_organization(
    user: Actor, *, name: str, party: str | None = None, kind: str = "other",
    acronym: str = "", parent: Organization | None = None, aliases: list[str] | None = None,
    marking: str = JOINT,
) -> Organization:
    require_writer(user)
    check_marking(user, marking)
    with transaction.atomic():
        org = Organization(name=name, acronym=acronym, party=get_party(party), kind=kind,
                           parent=parent, aliases=list(aliases or []), marking=marking)
        return save(org, user)


def create_person(
    user: Actor, *, name: str, party: str | None = None, aliases: list[str] | None = None,
    marking: str = JOINT,
) -> Person:
    require_writer(user)
    check_marking(user, marking)
    if not name.strip():
        raise DomainError("a person needs a name", field="name")
    with transaction.atomic():
        person = Person(name=name.strip(), party=get_party(party), aliases=list(aliases or []),
                        marking=marking)
        return save(person, user)


def add_appointment(
    user: Actor, person: Person, *, title: str, organization: Organization | None = None,
    start: dt.date | None = None, end: dt.date | None = None, marking: str = JOINT,
) -> Appointment:
    """Record that ``person`` held ``title`` from ``start`` to ``end`` (open-ended if None)."""
    require_writer(user)
    check_marking(user, marking)
    if start and end and end < start:
        raise DomainError(f"appointment ends ({end}) before it starts ({start})", field="end")
    with transaction.atomic():
        appt = Appointment(person=person, title=title, organization=organization, start=start,
                           end=end, marking=marking)
        return save(appt, user)
