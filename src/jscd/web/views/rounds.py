"""Rounds, the events they build on, and the statements made at them."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from jscd.core import Category, ParticipationRole
from jscd.record.models import (
    Delegation,
    Event,
    Meeting,
    Participation,
    Person,
    Round,
    Statement,
    StatusChange,
    ThreadLink,
)
from jscd.web.forms import EventFilterForm, RoundFilterForm, StatementFilterForm, label
from jscd.web.views.evidence import attach_evidence
from jscd.web.views.generic import RecordDetailView, RecordListView, jsonable, row_json

__all__ = ["EventDetailView", "EventListView", "RoundDetailView", "RoundListView",
           "StatementListView", "date_range", "evidence_json"]

_CATEGORY_ORDER = {c.value: i for i, c in enumerate(Category)}


def date_range(start: dt.date, end: dt.date | None) -> str:
    """'22–23 July 2024', '31 July – 1 August 2024' or '7 August 2023'."""
    if end is None or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def evidence_json(fact: Any) -> list[dict[str, Any]]:
    return [{"id": ev.pk, "source": ev.source_id, "start": ev.start, "end": ev.end,
             "quote": ev.quote} for ev in getattr(fact, "shown_evidence", [])]


class RoundListView(RecordListView):
    model = Round
    form_class = RoundFilterForm
    title = "Rounds"
    intro = "Every round of the dialogue you may see, with its dates and place."
    table_template = "web/record/tables/rounds.html"
    select_related = ("series",)
    json_fields = ("series__name", "ordinal", "start", "end", "location")


class RoundDetailView(RecordDetailView):
    """A round: when and where, what it builds on, who came, who met, what was said."""

    model = Round
    template_name = "web/record/round_detail.html"
    select_related = ("series",)
    json_fields = ("series__name", "ordinal", "start", "end", "location", "note")

    def get_context(self, request: HttpRequest, obj: Round) -> dict[str, Any]:
        user = request.user
        people = Person.objects.visible_to(user)
        participations = (Participation.objects.visible_to(user)
                          .select_related("person", "person__party").order_by("role", "person__name"))
        delegations = list(
            Delegation.objects.visible_to(user).filter(round=obj).select_related("party")
            .prefetch_related(Prefetch("participations", queryset=participations)))
        for delegation in delegations:
            parts = list(delegation.participations.all())
            delegation.leads = [p for p in parts if p.role == ParticipationRole.LEAD]
            delegation.members = [p for p in parts if p.role != ParticipationRole.LEAD]
        meetings = list(Meeting.objects.visible_to(user).filter(round=obj)
                        .prefetch_related(Prefetch("participants", queryset=people)))
        statements = list(Statement.objects.visible_to(user).filter(round=obj))
        attach_evidence(user, [obj, *statements, *meetings])
        threads_by_statement: dict[int, list[Any]] = {}
        for link in (ThreadLink.objects.visible_to(user)
                     .filter(statement__in=[s.pk for s in statements]).select_related("thread")):
            threads_by_statement.setdefault(link.statement_id, []).append(link.thread)
        grouped: OrderedDict[str, list[Statement]] = OrderedDict()
        for stmt in sorted(statements, key=lambda s: (_CATEGORY_ORDER.get(s.category, 99), s.pk)):
            stmt.linked_threads = threads_by_statement.get(stmt.pk, [])
            grouped.setdefault(stmt.category, []).append(stmt)
        return {
            "subtitle": " · ".join(filter(None, [date_range(obj.start, obj.end), obj.location])),
            "builds_on": Event.objects.visible_to(user).filter(built_on_by=obj),
            "delegations": delegations,
            "meetings": meetings,
            "statement_groups": [(cat, label(cat), rows) for cat, rows in grouped.items()],
            "statement_count": len(statements),
            "status_changes": StatusChange.objects.visible_to(user).filter(round=obj)
            .select_related("thread"),
        }

    def to_json(self, request: HttpRequest, obj: Round, context: dict[str, Any]) -> dict[str, Any]:
        data = row_json(obj, ("marking", *self.json_fields))
        data["evidence"] = evidence_json(obj)
        data["builds_on"] = [row_json(e, ("name", "kind", "start", "end"))
                             for e in context["builds_on"]]
        data["delegations"] = [{
            "party": d.party_id,
            "leads": [jsonable(p.person) | {"title": p.title} for p in d.leads],
            "members": [jsonable(p.person) | {"title": p.title} for p in d.members],
        } for d in context["delegations"]]
        data["meetings"] = [row_json(m, ("title", "date", "summary"))
                            | {"participants": [jsonable(p) for p in m.participants.all()],
                               "evidence": evidence_json(m)} for m in context["meetings"]]
        data["statements"] = [row_json(s, ("marking", "actor", "modality", "category", "text"))
                              | {"evidence": evidence_json(s)}
                              for _, _, rows in context["statement_groups"] for s in rows]
        return data


class EventListView(RecordListView):
    model = Event
    form_class = EventFilterForm
    title = "Events"
    intro = "Meetings outside the rounds: strategic dialogues, committees, visits and calls."
    table_template = "web/record/tables/events.html"
    select_related = ("series",)
    json_fields = ("name", "kind", "start", "end", "location", "series__name")


class EventDetailView(RecordDetailView):
    model = Event
    template_name = "web/record/event_detail.html"
    select_related = ("series",)
    json_fields = ("name", "kind", "start", "end", "location", "series__name", "note")

    def get_context(self, request: HttpRequest, obj: Event) -> dict[str, Any]:
        attach_evidence(request.user, [obj])
        return {"rounds": Round.objects.visible_to(request.user).filter(builds_on=obj)
                .select_related("series")}

    def to_json(self, request: HttpRequest, obj: Event, context: dict[str, Any]) -> dict[str, Any]:
        data = row_json(obj, ("marking", *self.json_fields))
        data["evidence"] = evidence_json(obj)
        data["built_on_by"] = [jsonable(r) for r in context["rounds"]]
        return data


class StatementListView(RecordListView):
    model = Statement
    form_class = StatementFilterForm
    title = "Statements"
    intro = "What the parties decided, pledged, reaffirmed, intend or discussed, round by round."
    table_template = "web/record/tables/statements.html"
    select_related = ("round", "round__series")
    json_fields = ("round", "actor", "modality", "category", "text")
    paginate_by = 50
