"""What the API answers: one ``...Out`` schema per model for lists, a ``...Detail`` for one row.

Conventions (follow them in every router):

- Every row carries ``id`` and ``marking``. Foreign keys appear as ``<name>_id`` (numbers);
  party references appear as the party's code (``party``, ``actor``, ``owner``).
- Vocabulary fields are typed with ``jscd.core``'s enums (``Modality``, ``Category``,
  ``ThreadStatus``, ``ProgramKind``, ...) so the OpenAPI document lists the allowed values.
- Lists are flat (no nested rows, so one query per page). A ``...Detail`` adds related rows,
  and every one of them is read through ``jscd.api.query.visible`` in a ``resolve_<field>``
  method that takes ``context`` (ninja passes the request there). Never return a plain
  reverse relation (``obj.children.all()``): it would skip the marking check.
- Source text is returned by the source detail only, never in lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from jscd.api.query import evidence_for, visible
from jscd.core import Category, EventKind, Modality, ParticipationRole, ProgramKind, ThreadStatus
from jscd.record.models import (
    Appointment,
    ComplianceScore,
    Delegation,
    Event,
    Meeting,
    Milestone,
    Organization,
    Participation,
    Party,
    Person,
    Program,
    Source,
    Statement,
    StatusChange,
    Thread,
    ThreadLink,
)

__all__ = [
    "AppointmentOut", "ComplianceOut", "ConflictDetail", "ConflictOut", "DelegationOut",
    "EventDetail", "EventOut", "EvidenceOut", "LinkOut", "MeOut", "MeetingOut", "MilestoneOut",
    "OrganizationDetail", "OrganizationOut", "ParticipationOut", "PartyOut", "PersonDetail",
    "PersonOut", "ProgramDetail", "ProgramOut", "ProposalDetail", "ProposalOut", "RoundDetail",
    "RoundOut", "SeriesOut", "SourceDetail", "SourceOut", "StatementDetail", "StatementOut",
    "StatusChangeOut", "ThreadDetail", "ThreadOut",
]


def _req(context: Any) -> Any:
    return context["request"]


class Row(Schema):
    id: int
    marking: str
    version: int  #: send it back with a change; a stale one is refused (409)


class MeOut(Schema):
    username: str
    party: str
    role: str
    can_write: bool

    @staticmethod
    def resolve_party(obj: Any) -> str:
        return obj.party_id


class PartyOut(Schema):
    code: str
    name: str
    marking: str


class EvidenceOut(Row):
    source_id: int
    start: int
    end: int
    quote: str
    target_type: str
    target_id: int

    @staticmethod
    def resolve_target_type(obj: Any) -> str:
        return obj.content_type.model

    @staticmethod
    def resolve_target_id(obj: Any) -> int:
        return obj.object_id


class _WithEvidence(Schema):
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(obj: Any, context: Any) -> Any:
        return evidence_for(obj, _req(context)).select_related("content_type")


class OrganizationOut(Row):
    name: str
    acronym: str
    party: str | None
    kind: str
    parent_id: int | None
    aliases: list[str]

    @staticmethod
    def resolve_party(obj: Any) -> str | None:
        return obj.party_id


class AppointmentOut(Row):
    person_id: int
    title: str
    organization_id: int | None
    start: dt.date | None
    end: dt.date | None


class OrganizationDetail(OrganizationOut):
    children: list[OrganizationOut]
    appointments: list[AppointmentOut]

    @staticmethod
    def resolve_children(obj: Any, context: Any) -> Any:
        return visible(Organization, _req(context)).filter(parent=obj)

    @staticmethod
    def resolve_appointments(obj: Any, context: Any) -> Any:
        return visible(Appointment, _req(context)).filter(organization=obj)


class PersonOut(Row):
    name: str
    aliases: list[str]
    party: str | None

    @staticmethod
    def resolve_party(obj: Any) -> str | None:
        return obj.party_id


class ParticipationOut(Row, _WithEvidence):
    person_id: int
    round_id: int
    party: str
    role: ParticipationRole
    title: str

    @staticmethod
    def resolve_round_id(obj: Any) -> int:
        return obj.delegation.round_id

    @staticmethod
    def resolve_party(obj: Any) -> str:
        return obj.delegation.party_id


class PersonDetail(PersonOut):
    appointments: list[AppointmentOut]
    participations: list[ParticipationOut]

    @staticmethod
    def resolve_appointments(obj: Any, context: Any) -> Any:
        return visible(Appointment, _req(context)).filter(person=obj)

    @staticmethod
    def resolve_participations(obj: Any, context: Any) -> Any:
        return visible(Participation, _req(context)).filter(person=obj).select_related("delegation")


class SeriesOut(Row):
    name: str
    acronym: str
    parties: list[str]

    @staticmethod
    def resolve_parties(obj: Any, context: Any) -> list[str]:
        return list(visible(Party, _req(context)).filter(series=obj).values_list("code", flat=True))


class EventOut(Row):
    series_id: int | None
    kind: EventKind
    name: str
    start: dt.date
    end: dt.date | None
    location: str
    note: str


class EventDetail(EventOut, _WithEvidence):
    pass


class RoundOut(Row):
    series_id: int
    ordinal: int
    start: dt.date
    end: dt.date
    location: str
    note: str


class DelegationOut(Row):
    party: str
    participations: list[ParticipationOut]

    @staticmethod
    def resolve_party(obj: Any) -> str:
        return obj.party_id

    @staticmethod
    def resolve_participations(obj: Any, context: Any) -> Any:
        return (visible(Participation, _req(context)).filter(delegation=obj)
                .select_related("delegation"))


class MeetingOut(Row, _WithEvidence):
    round_id: int
    title: str
    date: dt.date | None
    summary: str
    participants: list[int]

    @staticmethod
    def resolve_participants(obj: Any, context: Any) -> list[int]:
        return list(visible(Person, _req(context)).filter(meetings=obj).values_list("pk", flat=True))


class RoundDetail(RoundOut, _WithEvidence):
    builds_on: list[EventOut]
    delegations: list[DelegationOut]
    meetings: list[MeetingOut]

    @staticmethod
    def resolve_builds_on(obj: Any, context: Any) -> Any:
        return visible(Event, _req(context)).filter(built_on_by=obj)

    @staticmethod
    def resolve_delegations(obj: Any, context: Any) -> Any:
        return visible(Delegation, _req(context)).filter(round=obj)

    @staticmethod
    def resolve_meetings(obj: Any, context: Any) -> Any:
        return visible(Meeting, _req(context)).filter(round=obj)


class StatementOut(Row):
    round_id: int | None
    actor: str
    modality: Modality
    category: Category
    text: str
    is_commitment: bool


class StatementDetail(StatementOut, _WithEvidence):
    threads: list[int]

    @staticmethod
    def resolve_threads(obj: Any, context: Any) -> list[int]:
        links = visible(ThreadLink, _req(context)).filter(statement=obj)
        return list(links.values_list("thread_id", flat=True))


class SourceOut(Row):
    title: str
    publisher: str
    published: dt.date | None
    kind: str
    origin: str
    checksum: str
    length: int

    @staticmethod
    def resolve_length(obj: Any) -> int:
        return len(obj.text)


class SourceDetail(SourceOut):
    text: str
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(obj: Source, context: Any) -> Any:
        from jscd.record.models import Evidence

        return (visible(Evidence, _req(context)).filter(source=obj)
                .select_related("source", "content_type"))


class ThreadOut(Row):
    title: str
    category: Category
    owner: str
    keeper: str
    due: dt.date | None
    status: ThreadStatus


class LinkOut(Row):
    statement_id: int
    round_id: int | None
    score: float | None
    confirmed: bool

    @staticmethod
    def resolve_round_id(obj: Any) -> int | None:
        return obj.statement.round_id


class StatusChangeOut(Row, _WithEvidence):
    status: ThreadStatus
    date: dt.date
    round_id: int | None
    note: str


class ComplianceOut(Row):
    round_id: int
    party: str
    score: int
    rationale: str

    @staticmethod
    def resolve_party(obj: Any) -> str:
        return obj.party_id


class ThreadDetail(ThreadOut):
    links: list[LinkOut]
    changes: list[StatusChangeOut]
    compliance: list[ComplianceOut]
    programs: list[int]

    @staticmethod
    def resolve_links(obj: Thread, context: Any) -> Any:
        visible_statements = visible(Statement, _req(context)).values("pk")
        return (visible(ThreadLink, _req(context))
                .filter(thread=obj, statement__in=visible_statements).select_related("statement"))

    @staticmethod
    def resolve_changes(obj: Thread, context: Any) -> Any:
        return visible(StatusChange, _req(context)).filter(thread=obj)

    @staticmethod
    def resolve_compliance(obj: Thread, context: Any) -> Any:
        return visible(ComplianceScore, _req(context)).filter(thread=obj)

    @staticmethod
    def resolve_programs(obj: Thread, context: Any) -> list[int]:
        return list(visible(Program, _req(context)).filter(threads=obj).values_list("pk", flat=True))


class ProgramOut(Row):
    kind: ProgramKind
    name: str
    party: str | None
    description: str
    keeper: str
    status: str

    @staticmethod
    def resolve_party(obj: Any) -> str | None:
        return obj.party_id


class MilestoneOut(Row):
    name: str
    due: dt.date | None
    done: bool
    order: int


class ProgramDetail(ProgramOut):
    milestones: list[MilestoneOut]
    threads: list[int]

    @staticmethod
    def resolve_milestones(obj: Program, context: Any) -> Any:
        return visible(Milestone, _req(context)).filter(program=obj)

    @staticmethod
    def resolve_threads(obj: Program, context: Any) -> list[int]:
        return list(visible(Thread, _req(context)).filter(programs=obj).values_list("pk", flat=True))


class _WithSources(Schema):
    sources: list[int]

    @staticmethod
    def resolve_sources(obj: Any, context: Any) -> list[int]:
        return list(visible(Source, _req(context)).filter(pk__in=obj.sources.values("pk"))
                    .values_list("pk", flat=True))


class ProposalOut(Row):
    kind: str
    status: str
    payload: Any
    created: dt.datetime
    decided_at: dt.datetime | None
    note: str
    result_model: str
    result_id: int | None


class ProposalDetail(ProposalOut, _WithSources):
    pass


class ConflictOut(Row):
    kind: str
    surface: str
    canonical: str
    detail: str
    status: str


class ConflictDetail(ConflictOut, _WithSources):
    pass
