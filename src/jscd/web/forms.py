"""Filter forms: one form per list both validates the query string and applies it.

The same form feeds the HTML list, its HTMX fragment and the JSON twin (NetBox reuses one
FilterSet for UI and API). Choices that name rows (series, rounds, parties) are read through
``visible_to``, so a filter can never offer or accept a row of the other party.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db import models
from django.db.models import Q

from jscd.core import BOTH, Category, Modality, ThreadStatus
from jscd.record.models import DialogueSeries, Organization, Party, Round, Source

__all__ = [
    "EventFilterForm",
    "FilterForm",
    "OrganizationFilterForm",
    "PersonFilterForm",
    "RoundFilterForm",
    "SourceFilterForm",
    "StatementFilterForm",
    "ThreadFilterForm",
    "label",
]


#: Vocabulary values whose plain spelling would read wrongly.
LABELS = {
    "counter_isis": "Counter-ISIS",
    "education_training": "Education and training",
    "fms": "Foreign Military Sales",
    "fmf": "Foreign Military Financing",
    "in_progress": "In progress",
    "strategic_dialogue": "Strategic dialogue",
    "coordinating_committee": "Coordinating committee",
}


def label(value: str) -> str:
    """A vocabulary value as people read it: ``education_training`` → ``Education and training``."""
    return LABELS.get(value) or value.replace("_", " ").capitalize()


def _choices(values: list[str]) -> list[tuple[str, str]]:
    return [("", "any"), *((v, label(v)) for v in values)]


class SearchInput(forms.TextInput):
    input_type = "search"


class FilterForm(forms.Form):
    """Free-text search over ``search_fields``; each other field filters by ``lookups``."""

    q = forms.CharField(required=False, label="Search", max_length=200,
                        widget=SearchInput(attrs={"placeholder": "Search…", "autocomplete": "off"}))

    search_fields: ClassVar[tuple[str, ...]] = ()
    #: form field → ORM lookup; a field without an entry filters on its own name.
    lookups: ClassVar[dict[str, str]] = {}

    def __init__(self, data: Any = None, *, user: Any = None) -> None:
        super().__init__(data)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                field.queryset = (model.objects.visible_to(user)
                                  if hasattr(model.objects, "visible_to") else model.objects.none())
                field.empty_label = "any"

    def filter(self, queryset: models.QuerySet) -> models.QuerySet:
        """Apply every valid field; an invalid value is shown as an error and not applied."""
        if not self.is_bound:
            return queryset
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for name, value in data.items():
            if value in (None, "", [], ()):
                continue
            if name == "q":
                if self.search_fields:
                    cond = Q()
                    for field in self.search_fields:
                        cond |= Q(**{f"{field}__icontains": value})
                    queryset = queryset.filter(cond)
                continue
            queryset = queryset.filter(**{self.lookups.get(name, name): value})
        return queryset.distinct() if self.search_fields and data.get("q") else queryset


class RoundFilterForm(FilterForm):
    series = forms.ModelChoiceField(queryset=DialogueSeries.objects.all(), required=False)
    search_fields = ("location", "note", "series__name", "series__acronym")


class EventFilterForm(FilterForm):
    kind = forms.ChoiceField(required=False, choices=_choices(
        ["strategic_dialogue", "coordinating_committee", "visit", "call", "other"]))
    search_fields = ("name", "location", "note")


class StatementFilterForm(FilterForm):
    round = forms.ModelChoiceField(queryset=Round.objects.all(), required=False)
    category = forms.ChoiceField(required=False, choices=_choices([c.value for c in Category]))
    modality = forms.ChoiceField(required=False, choices=_choices([m.value for m in Modality]))
    actor = forms.CharField(required=False, max_length=4,
                            widget=forms.TextInput(attrs={"placeholder": f"{BOTH}, USA, …",
                                                          "size": 6}))
    search_fields = ("text",)
    lookups = {"actor": "actor__iexact"}


class ThreadFilterForm(FilterForm):
    status = forms.ChoiceField(required=False, choices=_choices([s.value for s in ThreadStatus]))
    category = forms.ChoiceField(required=False, choices=_choices([c.value for c in Category]))
    owner = forms.CharField(required=False, max_length=4,
                            widget=forms.TextInput(attrs={"placeholder": f"{BOTH}, USA, …",
                                                          "size": 6}))
    search_fields = ("title", "keeper")
    lookups = {"owner": "owner__iexact"}


class PersonFilterForm(FilterForm):
    party = forms.ModelChoiceField(queryset=Party.objects.all(), required=False)
    search_fields = ("name", "aliases")


class OrganizationFilterForm(FilterForm):
    party = forms.ModelChoiceField(queryset=Party.objects.all(), required=False)
    kind = forms.ChoiceField(required=False, choices=_choices(Organization.KINDS))
    search_fields = ("name", "acronym", "aliases")


class SourceFilterForm(FilterForm):
    kind = forms.ChoiceField(required=False, choices=_choices(Source.KINDS))
    search_fields = ("title", "publisher", "origin", "text")
