"""Write endpoints of the record; each one resolves ids, then calls one service.

Its ``router`` is also the one ``jscd.api.routers.record`` adds the reads to, and is
registered from there (a path may live on one router only). The shape of every write:
``require_writer`` (403 for viewers) → resolve path ids with ``get_visible_or_404`` (404) and
body ids with ``ref`` (400 naming the field) → one call to ``jscd.record.services`` (which
validates, writes in one transaction, records history, and re-checks visibility) → 201 with
the new row's detail. Nothing here saves a model.
"""


from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from jscd.api.auth import require_writer
from jscd.api.payloads import (
    AppointmentIn,
    ComplianceIn,
    EventIn,
    EvidenceIn,
    LinkIn,
    MeetingIn,
    MilestoneIn,
    OrganizationIn,
    ParticipantIn,
    PersonIn,
    ProgramIn,
    RoundIn,
    SeriesIn,
    SourceIn,
    StatementIn,
    StatusIn,
    ThreadIn,
)
from jscd.api.query import get_visible_or_404, maybe_ref, ref, refs
from jscd.api.schemas import (
    AppointmentOut,
    ComplianceOut,
    EventDetail,
    LinkOut,
    MeetingOut,
    MilestoneOut,
    OrganizationDetail,
    ParticipationOut,
    PersonDetail,
    ProgramDetail,
    RoundDetail,
    SeriesOut,
    SourceDetail,
    StatementDetail,
    StatusChangeOut,
    ThreadDetail,
)
from jscd.api.types import Id
from jscd.core import DomainError
from jscd.record import services
from jscd.record.models import (
    DialogueSeries,
    Event,
    Organization,
    Person,
    Program,
    Round,
    Source,
    Statement,
    Thread,
)

__all__ = ["router"]

router = Router()
Request = HttpRequest


def evidence_specs(request: Request, items: list[EvidenceIn]) -> list[services.EvidenceSpec]:
    """Turn evidence in a body into spans of visible sources (a quote is found in the text)."""
    specs = []
    for i, item in enumerate(items):
        source = ref(Source, request, item.source, field=f"evidence.{i}.source")
        if item.quote is not None:
            try:
                specs.append(services.find_quote(source, item.quote, item.occurrence))
            except DomainError as exc:
                raise DomainError(exc.message, field=f"evidence.{i}.quote") from None
        else:
            specs.append(services.EvidenceSpec(source, item.start, item.end))
    return specs


@router.post("/series", response={201: SeriesOut}, tags=["series"])
def create_series(request: Request, payload: SeriesIn) -> Any:
    user = require_writer(request)
    series = services.create_series(user, name=payload.name, parties=payload.parties,
                                    acronym=payload.acronym, marking=payload.marking)
    return Status(201, series)


@router.post("/events", response={201: EventDetail}, tags=["events"])
def create_event(request: Request, payload: EventIn) -> Any:
    user = require_writer(request)
    series = maybe_ref(DialogueSeries, request, payload.series, field="series")
    event = services.create_event(
        user, kind=payload.kind.value, name=payload.name, start=payload.start, end=payload.end,
        location=payload.location, series=series, note=payload.note, marking=payload.marking,
        evidence=evidence_specs(request, payload.evidence))
    return Status(201, event)


@router.post("/rounds", response={201: RoundDetail}, tags=["rounds"])
def create_round(request: Request, payload: RoundIn) -> Any:
    """A round of a series; refused if it ends before it starts or repeats an ordinal."""
    user = require_writer(request)
    rnd = services.create_round(
        user, series=ref(DialogueSeries, request, payload.series, field="series"),
        ordinal=payload.ordinal, start=payload.start, end=payload.end,
        location=payload.location, note=payload.note, marking=payload.marking,
        builds_on=refs(Event, request, payload.builds_on, field="builds_on"),
        evidence=evidence_specs(request, payload.evidence))
    return Status(201, rnd)


@router.post("/rounds/{round_id}/participants", response={201: ParticipationOut}, tags=["rounds"])
def add_participant(request: Request, round_id: Id, payload: ParticipantIn) -> Any:
    """Put a person on a party's delegation (the delegation is created on first use)."""
    user = require_writer(request)
    rnd = get_visible_or_404(Round, request, round_id)
    part = services.add_participant(
        user, rnd, party=payload.party, person=ref(Person, request, payload.person, field="person"),
        role=payload.role.value, title=payload.title, marking=payload.marking,
        evidence=evidence_specs(request, payload.evidence))
    return Status(201, part)


@router.post("/rounds/{round_id}/meetings", response={201: MeetingOut}, tags=["rounds"])
def add_meeting(request: Request, round_id: Id, payload: MeetingIn) -> Any:
    user = require_writer(request)
    rnd = get_visible_or_404(Round, request, round_id)
    meeting = services.add_meeting(
        user, rnd, title=payload.title, date=payload.date, summary=payload.summary,
        participants=refs(Person, request, payload.participants, field="participants"),
        marking=payload.marking, evidence=evidence_specs(request, payload.evidence))
    return Status(201, meeting)


@router.post("/organizations", response={201: OrganizationDetail}, tags=["organizations"])
def create_organization(request: Request, payload: OrganizationIn) -> Any:
    user = require_writer(request)
    parent = maybe_ref(Organization, request, payload.parent, field="parent")
    org = services.create_organization(
        user, name=payload.name, party=payload.party, kind=payload.kind, acronym=payload.acronym,
        parent=parent, aliases=payload.aliases, marking=payload.marking)
    return Status(201, org)


@router.post("/people", response={201: PersonDetail}, tags=["people"])
def create_person(request: Request, payload: PersonIn) -> Any:
    user = require_writer(request)
    person = services.create_person(user, name=payload.name, party=payload.party,
                                    aliases=payload.aliases, marking=payload.marking)
    return Status(201, person)


@router.post("/people/{person_id}/appointments", response={201: AppointmentOut}, tags=["people"])
def add_appointment(request: Request, person_id: Id, payload: AppointmentIn) -> Any:
    """A title the person held from ``start`` to ``end`` (open-ended without ``end``)."""
    user = require_writer(request)
    person = get_visible_or_404(Person, request, person_id)
    org = maybe_ref(Organization, request, payload.organization, field="organization")
    appt = services.add_appointment(user, person, title=payload.title, organization=org,
                                    start=payload.start, end=payload.end, marking=payload.marking)
    return Status(201, appt)


@router.post("/sources", response={200: SourceDetail, 201: SourceDetail}, tags=["sources"])
def add_source(request: Request, payload: SourceIn) -> Any:
    """Store a document once: the same text again answers 200 with the stored row."""
    user = require_writer(request)
    source, created = services.add_source(
        user, text=payload.text, title=payload.title, publisher=payload.publisher,
        published=payload.published, kind=payload.kind, origin=payload.origin,
        marking=payload.marking)
    return Status(201 if created else 200, source)


@router.post("/statements", response={201: StatementDetail}, tags=["statements"])
def add_statement(request: Request, payload: StatementIn) -> Any:
    """What a party (or both) said at a round, with the spans it was read from."""
    user = require_writer(request)
    rnd = maybe_ref(Round, request, payload.round, field="round")
    stmt = services.add_statement(
        user, round=rnd, actor=payload.actor, modality=payload.modality.value,
        category=payload.category.value, text=payload.text, marking=payload.marking,
        evidence=evidence_specs(request, payload.evidence))
    return Status(201, stmt)


@router.post("/threads", response={201: ThreadDetail}, tags=["threads"])
def create_thread(request: Request, payload: ThreadIn) -> Any:
    user = require_writer(request)
    thread = services.create_thread(user, title=payload.title, category=payload.category.value,
                                    owner=payload.owner, keeper=payload.keeper, due=payload.due,
                                    marking=payload.marking)
    return Status(201, thread)


@router.post("/threads/{thread_id}/links", response={201: LinkOut}, tags=["threads"])
def link_statement(request: Request, thread_id: Id, payload: LinkIn) -> Any:
    """Add a statement to a thread (or confirm a suggested link)."""
    user = require_writer(request)
    thread = get_visible_or_404(Thread, request, thread_id)
    stmt = ref(Statement, request, payload.statement, field="statement")
    link = services.link_statement(user, thread, stmt, score=payload.score,
                                   confirmed=payload.confirmed)
    return Status(201, link)


@router.post("/threads/{thread_id}/status", response={201: StatusChangeOut}, tags=["threads"])
def move_thread_status(request: Request, thread_id: Id, payload: StatusIn) -> Any:
    """A new status with the evidence for it; the thread's current status follows the latest."""
    user = require_writer(request)
    thread = get_visible_or_404(Thread, request, thread_id)
    rnd = maybe_ref(Round, request, payload.round, field="round")
    change = services.move_thread_status(
        user, thread, status=payload.status.value, date=payload.date, round=rnd,
        note=payload.note, marking=payload.marking,
        evidence=evidence_specs(request, payload.evidence))
    return Status(201, change)


@router.post("/threads/{thread_id}/compliance", response={201: ComplianceOut}, tags=["threads"])
def set_compliance(request: Request, thread_id: Id, payload: ComplianceIn) -> Any:
    """Score a party's compliance at a round (replaces an earlier score for the same pair)."""
    user = require_writer(request)
    thread = get_visible_or_404(Thread, request, thread_id)
    row = services.set_compliance(
        user, thread, round=ref(Round, request, payload.round, field="round"),
        party=payload.party, score=int(payload.score), rationale=payload.rationale,
        marking=payload.marking)
    return Status(201, row)


@router.post("/programs", response={201: ProgramDetail}, tags=["programs"])
def create_program(request: Request, payload: ProgramIn) -> Any:
    user = require_writer(request)
    program = services.create_program(
        user, kind=payload.kind.value, name=payload.name, party=payload.party,
        description=payload.description, keeper=payload.keeper, status=payload.status,
        threads=refs(Thread, request, payload.threads, field="threads"),
        marking=payload.marking)
    return Status(201, program)


@router.post("/programs/{program_id}/milestones", response={201: MilestoneOut}, tags=["programs"])
def add_milestone(request: Request, program_id: Id, payload: MilestoneIn) -> Any:
    """Append a milestone; one due before the previous milestone is refused."""
    user = require_writer(request)
    program = get_visible_or_404(Program, request, program_id)
    milestone = services.add_milestone(user, program, name=payload.name, due=payload.due,
                                       done=payload.done, marking=payload.marking)
    return Status(201, milestone)
