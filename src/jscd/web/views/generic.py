"""Declarative list and detail views over the record, each with a JSON twin.

A view is a class of settings (model, filter form, templates, JSON fields); the reading,
filtering, paginating and the HTML/JSON choice live here once. Every read starts from
``Model.objects.visible_to(request.user)``, so a row of the other party is absent from a list
and a 404 on a detail page (a 403 would confirm that it exists).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View

from jscd.web.forms import FilterForm
from jscd.web.views.htmx import render_page

__all__ = ["RecordDetailView", "RecordListView", "json_response", "jsonable", "row_json",
           "wants_json"]


def wants_json(request: HttpRequest) -> bool:
    """Datasette's habit: every page has a machine-readable twin at ``?format=json``."""
    return request.GET.get("format") == "json"


def jsonable(value: Any) -> Any:
    """A value as JSON: dates as ISO strings, related rows as ``{"id", "name"}``."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, models.Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def row_json(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of a row (``a__b`` follows a relation), plus its id."""
    out: dict[str, Any] = {"id": obj.pk}
    for name in fields:
        value: Any = obj
        for part in name.split("__"):
            value = getattr(value, part, None) if value is not None else None
        out[name] = jsonable(value)
    return out


def json_response(data: dict[str, Any]) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})


class RecordListView(View):
    """A filtered, paginated list of one model, as a page, an HTMX fragment or JSON."""

    model: ClassVar[type[models.Model]]
    form_class: ClassVar[type[FilterForm]] = FilterForm
    title: ClassVar[str] = ""
    intro: ClassVar[str] = ""
    table_template: ClassVar[str]
    template_name: ClassVar[str] = "web/record/list.html"
    partial_template: ClassVar[str] = "web/includes/list_results.html"
    json_fields: ClassVar[tuple[str, ...]] = ()
    select_related: ClassVar[tuple[str, ...]] = ()
    paginate_by: ClassVar[int] = 25

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = self.model.objects.visible_to(request.user)
        return qs.select_related(*self.select_related) if self.select_related else qs

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class(request.GET or None, user=request.user)
        queryset = form.filter(self.get_queryset(request))
        paginator = Paginator(queryset, self.paginate_by)
        page = paginator.get_page(request.GET.get("page"))
        if wants_json(request):
            return json_response({
                "count": paginator.count, "page": page.number, "pages": paginator.num_pages,
                "results": [self.to_json(obj) for obj in page.object_list],
            })
        context = {
            "title": self.title, "intro": self.intro, "form": form, "page": page,
            "paginator": paginator, "table_template": self.table_template,
            "rows": page.object_list,
        }
        return render_page(request, self.template_name, context, partial=self.partial_template)

    def to_json(self, obj: models.Model) -> dict[str, Any]:
        return row_json(obj, ("marking", *self.json_fields))


class RecordDetailView(View):
    """One visible row: a page, or its JSON twin built from the same context."""

    model: ClassVar[type[models.Model]]
    template_name: ClassVar[str]
    select_related: ClassVar[tuple[str, ...]] = ()
    json_fields: ClassVar[tuple[str, ...]] = ()

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = self.model.objects.visible_to(request.user)
        return qs.select_related(*self.select_related) if self.select_related else qs

    def get_context(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {}

    def to_json(self, request: HttpRequest, obj: Any, context: dict[str, Any]) -> dict[str, Any]:
        return row_json(obj, ("marking", *self.json_fields))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        context = self.get_context(request, obj)
        if wants_json(request):
            return json_response(self.to_json(request, obj, context))
        return render_page(request, self.template_name, {"object": obj, **context})
