"""Read endpoints of the record: a list and a detail for every model, mounted at ``/api/``.

How every router of ``jscd.api.routers`` is written (copy this module's shape):

- **Registration.** A module ``jscd.api.routers.<area>`` exposes ``PREFIX`` (e.g.
  ``"/threads"``; ``""`` for this one) and ``router``; ``jscd.api.app`` mounts it. Paths are
  plural nouns without a trailing slash: ``/rounds``, ``/rounds/{round_id}``, and sub-resources
  for writes (``/rounds/{round_id}/meetings``). A path belongs to ONE router: ninja makes a
  URL pattern per router and path, so the same path on a second router (even with another
  method) is shadowed and answers 405. New areas use new paths (``/threads/{id}/suggestions``
  is fine; a second ``/threads`` is not); ``tests/api/test_routes.py`` checks this.
- **Auth.** Nothing to do: the NinjaAPI's default ``auth`` (``jscd.api.auth.API_AUTH``)
  covers every route, so anonymous calls get 401. Never pass ``auth=None``. The user is
  ``request.auth_user``; writes start with ``require_writer(request)`` (403 for viewers).
- **Reads.** Only through ``visible(Model, request)`` (``jscd.api.query``). Path ids go
  through ``get_visible_or_404``: a row of the other party is a 404, never a 403.
- **Lists.** ``@paginate(RecordPagination)`` and a ``FilterSchema`` from ``jscd.api.filters``
  as ``filters: Query[...]``; return a queryset; the page is
  ``{"count", "limit", "offset", "items"}``.
- **Writes.** Only through ``jscd.record.services``; a refused write raises ``DomainError``,
  which ``jscd.api.errors`` turns into ``{"detail", "field"}`` with 400 (403 for the role).
  Answer 201 with the new row's ``...Detail``.
- **Tests.** ``tests/api/test_access.py`` enumerates every route from the OpenAPI document and
  fails for a route without an access case; add yours to ``tests/api/cases_<area>.py``.
"""


from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from jscd.api.filters import (
    ConflictFilter,
    EventFilter,
    EvidenceFilter,
    OrganizationFilter,
    PersonFilter,
    ProgramFilter,
    ProposalFilter,
    RoundFilter,
    SeriesFilter,
    SourceFilter,
    StatementFilter,
    ThreadFilter,
)
from jscd.api.pagination import RecordPagination
from jscd.api.query import get_visible_or_404, visible
from jscd.api.routers.record_writes import router
from jscd.api.schemas import (
    ConflictDetail,
    ConflictOut,
    EventDetail,
    EventOut,
    EvidenceOut,
    MeOut,
    OrganizationDetail,
    OrganizationOut,
    PartyOut,
    PersonDetail,
    PersonOut,
    ProgramDetail,
    ProgramOut,
    ProposalDetail,
    ProposalOut,
    RoundDetail,
    RoundOut,
    SeriesOut,
    SourceDetail,
    SourceOut,
    StatementDetail,
    StatementOut,
    ThreadDetail,
    ThreadOut,
)
from jscd.api.types import Id
from jscd.record.models import (
    ConflictFlag,
    DialogueSeries,
    Event,
    Evidence,
    Organization,
    Party,
    Person,
    Program,
    Proposal,
    Round,
    Source,
    Statement,
    Thread,
)

__all__ = ["PREFIX", "router"]

PREFIX = ""
# One Router for reads and writes: ninja gives each router its own URL pattern per path, so
# GET /rounds and POST /rounds on two routers would shadow each other (405).
Request = HttpRequest
Page = Any  # what a paginated view returns (a queryset); the schema is set by @paginate


@router.get("/me", response=MeOut, tags=["session"])
def me(request: Request) -> Any:
    """Who the credentials belong to: their party decides what every other endpoint shows."""
    return request.auth_user  # type: ignore[attr-defined]


@router.get("/parties", response=list[PartyOut], tags=["parties"])
def list_parties(request: Request) -> Any:
    return visible(Party, request)


@router.get("/parties/{code}", response=PartyOut, tags=["parties"])
def get_party(request: Request, code: str) -> Any:
    return get_visible_or_404(Party, request, code)


@router.get("/organizations", response=list[OrganizationOut], tags=["organizations"])
@paginate(RecordPagination)
def list_organizations(request: Request, filters: Query[OrganizationFilter]) -> Page:
    return filters.filter(visible(Organization, request))


@router.get("/organizations/{organization_id}", response=OrganizationDetail, tags=["organizations"])
def get_organization(request: Request, organization_id: Id) -> Any:
    return get_visible_or_404(Organization, request, organization_id)


@router.get("/people", response=list[PersonOut], tags=["people"])
@paginate(RecordPagination)
def list_people(request: Request, filters: Query[PersonFilter]) -> Page:
    return filters.filter(visible(Person, request))


@router.get("/people/{person_id}", response=PersonDetail, tags=["people"])
def get_person(request: Request, person_id: Id) -> Any:
    return get_visible_or_404(Person, request, person_id)


@router.get("/series", response=list[SeriesOut], tags=["series"])
@paginate(RecordPagination)
def list_series(request: Request, filters: Query[SeriesFilter]) -> Page:
    return filters.filter(visible(DialogueSeries, request)).distinct()


@router.get("/series/{series_id}", response=SeriesOut, tags=["series"])
def get_series(request: Request, series_id: Id) -> Any:
    return get_visible_or_404(DialogueSeries, request, series_id)


@router.get("/events", response=list[EventOut], tags=["events"])
@paginate(RecordPagination)
def list_events(request: Request, filters: Query[EventFilter]) -> Page:
    return filters.filter(visible(Event, request))


@router.get("/events/{event_id}", response=EventDetail, tags=["events"])
def get_event(request: Request, event_id: Id) -> Any:
    return get_visible_or_404(Event, request, event_id)


@router.get("/rounds", response=list[RoundOut], tags=["rounds"])
@paginate(RecordPagination)
def list_rounds(request: Request, filters: Query[RoundFilter]) -> Page:
    return filters.filter(visible(Round, request))


@router.get("/rounds/{round_id}", response=RoundDetail, tags=["rounds"])
def get_round(request: Request, round_id: Id) -> Any:
    """A round with its delegations (and their members), side meetings and evidence."""
    return get_visible_or_404(Round, request, round_id)


@router.get("/statements", response=list[StatementOut], tags=["statements"])
@paginate(RecordPagination)
def list_statements(request: Request, filters: Query[StatementFilter]) -> Page:
    return filters.filter(visible(Statement, request))


@router.get("/statements/{statement_id}", response=StatementDetail, tags=["statements"])
def get_statement(request: Request, statement_id: Id) -> Any:
    return get_visible_or_404(Statement, request, statement_id)


@router.get("/evidence", response=list[EvidenceOut], tags=["sources"])
@paginate(RecordPagination)
def list_evidence(request: Request, filters: Query[EvidenceFilter]) -> Page:
    """Evidence spans, each with its quote; only spans whose fact and source are visible."""
    return filters.filter(visible(Evidence, request)).select_related("source", "content_type")


@router.get("/evidence/{evidence_id}", response=EvidenceOut, tags=["sources"])
def get_evidence(request: Request, evidence_id: Id) -> Any:
    return get_visible_or_404(Evidence, request, evidence_id)


@router.get("/sources", response=list[SourceOut], tags=["sources"])
@paginate(RecordPagination)
def list_sources(request: Request, filters: Query[SourceFilter]) -> Page:
    """Documents without their text (ask the detail for it): lists stay small."""
    return filters.filter(visible(Source, request))


@router.get("/sources/{source_id}", response=SourceDetail, tags=["sources"])
def get_source(request: Request, source_id: Id) -> Any:
    """A document with its text and every visible evidence span pointing into it."""
    return get_visible_or_404(Source, request, source_id)


@router.get("/threads", response=list[ThreadOut], tags=["threads"])
@paginate(RecordPagination)
def list_threads(request: Request, filters: Query[ThreadFilter]) -> Page:
    return filters.filter(visible(Thread, request))


@router.get("/threads/{thread_id}", response=ThreadDetail, tags=["threads"])
def get_thread(request: Request, thread_id: Id) -> Any:
    """A thread with its linked statements, status history (with evidence) and compliance."""
    return get_visible_or_404(Thread, request, thread_id)


@router.get("/programs", response=list[ProgramOut], tags=["programs"])
@paginate(RecordPagination)
def list_programs(request: Request, filters: Query[ProgramFilter]) -> Page:
    return filters.filter(visible(Program, request))


@router.get("/programs/{program_id}", response=ProgramDetail, tags=["programs"])
def get_program(request: Request, program_id: Id) -> Any:
    return get_visible_or_404(Program, request, program_id)


@router.get("/proposals", response=list[ProposalOut], tags=["ingest"])
@paginate(RecordPagination)
def list_proposals(request: Request, filters: Query[ProposalFilter]) -> Page:
    return filters.filter(visible(Proposal, request))


@router.get("/proposals/{proposal_id}", response=ProposalDetail, tags=["ingest"])
def get_proposal(request: Request, proposal_id: Id) -> Any:
    return get_visible_or_404(Proposal, request, proposal_id)


@router.get("/conflicts", response=list[ConflictOut], tags=["ingest"])
@paginate(RecordPagination)
def list_conflicts(request: Request, filters: Query[ConflictFilter]) -> Page:
    return filters.filter(visible(ConflictFlag, request))


@router.get("/conflicts/{conflict_id}", response=ConflictDetail, tags=["ingest"])
def get_conflict(request: Request, conflict_id: Id) -> Any:
    return get_visible_or_404(ConflictFlag, request, conflict_id)
