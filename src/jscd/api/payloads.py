"""Request bodies of the write endpoints (``...In`` schemas).

Conventions: a body names related rows by id (``round``, ``person``, ``statement``...) and
parties by code; the router resolves ids through ``jscd.api.query.ref`` so a hidden row is
"no such id" on that field. Vocabulary fields use core's enums (a wrong value is a 422
naming the field). ``marking`` defaults to JOINT; the services refuse a marking the caller
may not write. Business rules (dates in order, unique ordinals, spans inside documents) are
left to the services, so the API, CLI and web UI refuse the same things with the same words.
"""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from jscd.api.types import Day, Id, Int32
from jscd.core import (
    BOTH,
    JOINT,
    Category,
    Compliance,
    EventKind,
    Modality,
    ParticipationRole,
    ProgramKind,
    ThreadStatus,
)
from jscd.record.models import Organization, Source
from jscd.record.models.programs import PROGRAM_STATUSES

__all__ = [
    "AppointmentIn", "ComplianceIn", "EventIn", "EvidenceIn", "LinkIn", "MeetingIn",
    "MilestoneIn", "OrganizationIn", "ParticipantIn", "PersonIn", "ProgramIn", "RoundIn",
    "SeriesIn", "SourceIn", "StatementIn", "StatusIn", "ThreadIn",
]

OrganizationKind = Literal[tuple(Organization.KINDS)]  # type: ignore[valid-type]
SourceKind = Literal[tuple(Source.KINDS)]  # type: ignore[valid-type]
ProgramStatus = Literal[tuple(PROGRAM_STATUSES)]  # type: ignore[valid-type]
MARKING = Field(JOINT, description="JOINT or your own party's code", max_length=5)


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class EvidenceIn(In):
    """A span of a source: ``start``/``end`` offsets, or a ``quote`` found in its text."""

    source: Id
    start: Int32 | None = Field(None, ge=0)
    end: Int32 | None = Field(None, ge=0)
    quote: str | None = Field(None, min_length=1)
    occurrence: Int32 = Field(1, ge=1, description="which occurrence of the quote")

    @model_validator(mode="after")
    def _span_or_quote(self) -> EvidenceIn:
        if self.quote is None and (self.start is None or self.end is None):
            raise ValueError("give start and end, or a quote")
        return self


class SeriesIn(In):
    name: str = Field(min_length=1, max_length=200)
    acronym: str = ""
    parties: list[str] = Field(min_length=2)
    marking: str = MARKING


class EventIn(In):
    kind: EventKind
    name: str = Field(min_length=1, max_length=300)
    start: Day
    end: Day | None = None
    location: str = ""
    series: Id | None = None
    note: str = ""
    marking: str = MARKING
    evidence: list[EvidenceIn] = []


class RoundIn(In):
    series: Id
    ordinal: Int32
    start: Day
    end: Day
    location: str = ""
    builds_on: list[Id] = []
    note: str = ""
    marking: str = MARKING
    evidence: list[EvidenceIn] = []


class ParticipantIn(In):
    party: str
    person: Id
    role: ParticipationRole = ParticipationRole.MEMBER
    title: str = ""
    marking: str = MARKING
    evidence: list[EvidenceIn] = []


class MeetingIn(In):
    title: str = Field(min_length=1, max_length=300)
    date: Day | None = None
    participants: list[Id] = []
    summary: str = ""
    marking: str = MARKING
    evidence: list[EvidenceIn] = []


class OrganizationIn(In):
    name: str = Field(min_length=1, max_length=200)
    party: str | None = None
    kind: OrganizationKind = "other"
    acronym: str = ""
    parent: Id | None = None
    aliases: list[str] = []
    marking: str = MARKING


class PersonIn(In):
    name: str = Field(min_length=1, max_length=200)
    party: str | None = None
    aliases: list[str] = []
    marking: str = MARKING


class AppointmentIn(In):
    title: str = Field(min_length=1, max_length=200)
    organization: Id | None = None
    start: Day | None = None
    end: Day | None = None
    marking: str = MARKING


class SourceIn(In):
    text: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=300)
    publisher: str = ""
    published: Day | None = None
    kind: SourceKind = "other"
    origin: str = ""
    marking: str = MARKING


class StatementIn(In):
    round: Id | None = None
    actor: str = Field(description=f"a party code or {BOTH}")
    modality: Modality
    category: Category
    text: str = Field(min_length=1)
    marking: str = MARKING
    evidence: list[EvidenceIn] = []


class ThreadIn(In):
    title: str = Field(min_length=1, max_length=300)
    category: Category
    owner: str = Field(BOTH, description=f"a party code or {BOTH}: who must act")
    keeper: str = ""
    due: Day | None = None
    marking: str = MARKING


class LinkIn(In):
    statement: Id
    score: float | None = None
    confirmed: bool = True


class StatusIn(In):
    status: ThreadStatus
    date: Day
    round: Id | None = None
    note: str = ""
    marking: str | None = Field(None, description="defaults to the thread's marking")
    evidence: list[EvidenceIn] = Field(min_length=1)


class ComplianceIn(In):
    round: Id
    party: str
    score: Compliance = Field(description="-1 none, 0 partial, +1 full")
    rationale: str = Field(min_length=1)
    marking: str | None = Field(None, description="defaults to the thread's marking")


class ProgramIn(In):
    kind: ProgramKind
    name: str = Field(min_length=1, max_length=300)
    party: str | None = None
    description: str = ""
    keeper: str = ""
    status: ProgramStatus = "active"
    threads: list[Id] = []
    marking: str = MARKING


class MilestoneIn(In):
    name: str = Field(min_length=1, max_length=300)
    due: Day | None = None
    done: bool = False
    marking: str | None = Field(None, description="defaults to the program's marking")
