"""Search across the record, one ``visible_to`` query per kind, as you type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from jscd.record.models import Event, Organization, Person, Round, Source, Statement, Thread
from jscd.web.views.generic import json_response, wants_json
from jscd.web.views.htmx import render_page

__all__ = ["SEARCHES", "Hit", "search", "search_record"]

LIMIT = 20


@dataclass(frozen=True)
class Search:
    """One kind of row searched: where to look and how a hit is shown."""

    kind: str
    model: type
    fields: tuple[str, ...]
    url_name: str
    select_related: tuple[str, ...] = ()


SEARCHES = [
    Search("Rounds", Round, ("location", "note", "series__name", "series__acronym"),
           "web:round_detail", ("series",)),
    Search("Events", Event, ("name", "location", "note"), "web:event_detail"),
    Search("Threads", Thread, ("title", "keeper"), "web:thread_detail"),
    Search("Statements", Statement, ("text",), "web:round_detail", ("round", "round__series")),
    Search("People", Person, ("name", "aliases"), "web:person_detail"),
    Search("Organizations", Organization, ("name", "acronym", "aliases"),
           "web:organization_detail"),
    Search("Sources", Source, ("title", "publisher", "text"), "web:source_detail"),
]


@dataclass
class Hit:
    kind: str
    label: str
    detail: str
    url: str
    marking: str


def _hit(search_: Search, obj: Any) -> Hit:
    if isinstance(obj, Statement):
        url = (reverse("web:round_detail", args=[obj.round_id]) + f"#statement-{obj.pk}"
               if obj.round_id else reverse("web:statement_list") + f"?q={obj.text[:40]}")
        return Hit(search_.kind, obj.text, f"{obj.actor} {obj.modality} · {obj.round or ''}",
                   url, obj.marking)
    detail = ""
    if isinstance(obj, Round):
        detail = f"{obj.start:%d %b %Y} · {obj.location}"
    elif isinstance(obj, Event):
        detail = f"{obj.start:%d %b %Y} · {obj.kind.replace('_', ' ')}"
    elif isinstance(obj, Thread):
        detail = f"{obj.status.replace('_', ' ')} · owner {obj.owner}"
    elif isinstance(obj, Person | Organization):
        detail = ", ".join(obj.aliases)
    elif isinstance(obj, Source):
        detail = " · ".join(filter(None, [obj.publisher, obj.published and f"{obj.published}"]))
    return Hit(search_.kind, str(obj), detail, reverse(search_.url_name, args=[obj.pk]),
               obj.marking)


def search_record(user: Any, q: str) -> list[tuple[str, list[Hit], int]]:
    """(kind, first hits, total) for each kind with a match; nothing the user may not see."""
    q = q.strip()
    if not q:
        return []
    groups = []
    for s in SEARCHES:
        cond = Q()
        for field in s.fields:
            cond |= Q(**{f"{field}__icontains": q})
        qs = s.model.objects.visible_to(user).filter(cond).distinct()
        if s.select_related:
            qs = qs.select_related(*s.select_related)
        if s.model is Source:
            qs = qs.defer("text")
        total = qs.count()
        if total:
            groups.append((s.kind, [_hit(s, obj) for obj in qs[:LIMIT]], total))
    return groups


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    groups = search_record(request.user, q)
    if wants_json(request):
        return json_response({"q": q, "results": {
            kind: {"total": total, "hits": [hit.__dict__ for hit in hits]}
            for kind, hits, total in groups}})
    return render_page(request, "web/record/search.html",
                       {"q": q, "groups": groups, "total": sum(t for _, _, t in groups)},
                       partial="web/record/search_results.html")
