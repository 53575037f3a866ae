"""Query-string filters of the list endpoints (ninja ``FilterSchema``s).

Conventions: a filter is named for the field it narrows (``round``, ``category``,
``status``...), takes an id for foreign keys and a code for parties, is typed with the core
enum when the field has one (so a bad value is a 422 naming the parameter), and ``q`` is a
case-insensitive search over the row's words. Filters only ever narrow
``visible(Model, request)``: they cannot widen what a user sees.
"""

from __future__ import annotations

from typing import Annotated

from ninja import FilterLookup, FilterSchema

from jscd.api.types import Day, Id, Int32
from jscd.core import Category, EventKind, Modality, ProgramKind, ThreadStatus

__all__ = [
    "ConflictFilter", "EventFilter", "EvidenceFilter", "OrganizationFilter", "PersonFilter",
    "ProgramFilter", "ProposalFilter", "RoundFilter", "SeriesFilter", "SourceFilter",
    "StatementFilter", "ThreadFilter",
]

Marking = Annotated[str | None, FilterLookup("marking")]


class OrganizationFilter(FilterSchema):
    party: Annotated[str | None, FilterLookup("party_id")] = None
    kind: str | None = None
    parent: Annotated[Id | None, FilterLookup("parent_id")] = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["name__icontains", "acronym__icontains",
                                           "aliases__icontains"])] = None


class PersonFilter(FilterSchema):
    party: Annotated[str | None, FilterLookup("party_id")] = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["name__icontains", "aliases__icontains"])] = None


class SeriesFilter(FilterSchema):
    party: Annotated[str | None, FilterLookup("parties__code")] = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["name__icontains", "acronym__icontains"])] = None


class EventFilter(FilterSchema):
    series: Annotated[Id | None, FilterLookup("series_id")] = None
    kind: EventKind | None = None
    after: Annotated[Day | None, FilterLookup("start__gte")] = None
    before: Annotated[Day | None, FilterLookup("start__lte")] = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["name__icontains", "location__icontains",
                                           "note__icontains"])] = None


class RoundFilter(FilterSchema):
    series: Annotated[Id | None, FilterLookup("series_id")] = None
    ordinal: Int32 | None = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["location__icontains", "note__icontains"])] = None


class StatementFilter(FilterSchema):
    round: Annotated[Id | None, FilterLookup("round_id")] = None
    actor: str | None = None
    modality: Modality | None = None
    category: Category | None = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup("text__icontains")] = None


class EvidenceFilter(FilterSchema):
    source: Annotated[Id | None, FilterLookup("source_id")] = None
    target_type: Annotated[str | None, FilterLookup("content_type__model")] = None
    target_id: Annotated[Id | None, FilterLookup("object_id")] = None
    marking: Marking = None


class SourceFilter(FilterSchema):
    kind: str | None = None
    publisher: Annotated[str | None, FilterLookup("publisher__icontains")] = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["title__icontains", "text__icontains"])] = None


class ThreadFilter(FilterSchema):
    category: Category | None = None
    status: ThreadStatus | None = None
    owner: str | None = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["title__icontains", "keeper__icontains"])] = None


class ProgramFilter(FilterSchema):
    kind: ProgramKind | None = None
    status: str | None = None
    party: Annotated[str | None, FilterLookup("party_id")] = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["name__icontains", "description__icontains",
                                           "keeper__icontains"])] = None


class ProposalFilter(FilterSchema):
    kind: str | None = None
    status: str | None = None
    marking: Marking = None


class ConflictFilter(FilterSchema):
    kind: str | None = None
    status: str | None = None
    marking: Marking = None
    q: Annotated[str | None, FilterLookup(["surface__icontains", "canonical__icontains"])] = None
