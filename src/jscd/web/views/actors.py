"""People (with the titles they held over time) and organizations (with their hierarchy)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jscd.record.models import Appointment, Meeting, Organization, Participation, Person
from jscd.web.forms import OrganizationFilterForm, PersonFilterForm
from jscd.web.views.generic import RecordDetailView, RecordListView, jsonable, row_json

__all__ = ["OrganizationDetailView", "OrganizationListView", "PersonDetailView",
           "PersonListView"]


class PersonListView(RecordListView):
    model = Person
    form_class = PersonFilterForm
    title = "People"
    intro = "Everyone named in the record, under one canonical spelling with the others kept."
    table_template = "web/record/tables/people.html"
    select_related = ("party",)
    json_fields = ("name", "party_id", "aliases")


class PersonDetailView(RecordDetailView):
    model = Person
    template_name = "web/record/person_detail.html"
    select_related = ("party",)
    json_fields = ("name", "party_id", "aliases")

    def get_context(self, request: HttpRequest, obj: Person) -> dict[str, Any]:
        user = request.user
        return {
            "appointments": Appointment.objects.visible_to(user).filter(person=obj)
            .select_related("organization").order_by("-start"),
            "participations": Participation.objects.visible_to(user).filter(person=obj)
            .select_related("delegation__round__series", "delegation__party")
            .order_by("delegation__round__start"),
            "meetings": Meeting.objects.visible_to(user).filter(participants=obj)
            .select_related("round__series"),
        }

    def to_json(self, request: HttpRequest, obj: Person, context: dict[str, Any]) -> dict[str, Any]:
        data = row_json(obj, ("marking", *self.json_fields))
        data["appointments"] = [row_json(a, ("title", "organization", "start", "end"))
                                for a in context["appointments"]]
        data["participations"] = [{"round": jsonable(p.delegation.round),
                                   "party": p.delegation.party_id, "role": p.role,
                                   "title": p.title} for p in context["participations"]]
        data["meetings"] = [row_json(m, ("title", "date", "round")) for m in context["meetings"]]
        return data


class OrganizationListView(RecordListView):
    model = Organization
    form_class = OrganizationFilterForm
    title = "Organizations"
    intro = "Ministries, commands, agencies and joint bodies, with their parent organizations."
    table_template = "web/record/tables/organizations.html"
    select_related = ("party", "parent")
    json_fields = ("name", "acronym", "party_id", "kind", "parent", "aliases")


class OrganizationDetailView(RecordDetailView):
    model = Organization
    template_name = "web/record/organization_detail.html"
    select_related = ("party", "parent")
    json_fields = ("name", "acronym", "party_id", "kind", "parent", "aliases")

    def get_context(self, request: HttpRequest, obj: Organization) -> dict[str, Any]:
        user = request.user
        return {
            "children": Organization.objects.visible_to(user).filter(parent=obj),
            "appointments": Appointment.objects.visible_to(user).filter(organization=obj)
            .select_related("person").order_by("-start"),
        }

    def to_json(self, request: HttpRequest, obj: Organization,
                context: dict[str, Any]) -> dict[str, Any]:
        data = row_json(obj, ("marking", *self.json_fields))
        data["children"] = [jsonable(c) for c in context["children"]]
        data["appointments"] = [row_json(a, ("person", "title", "start", "end"))
                                for a in context["appointments"]]
        return data
