"""The dashboard: the dialogue on one time axis, the open threads, and what the record holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from jscd.record.models import Event, Organization, Person, Round, Source, Statement, Thread
from jscd.web.views.generic import json_response, row_json, wants_json
from jscd.web.views.htmx import render_page
from jscd.web.views.thread_pages import open_statuses

__all__ = ["TimelineItem", "dashboard", "timeline_items", "year_ticks"]


@dataclass
class TimelineItem:
    kind: str  # "round" or "event"
    label: str  # short, for the axis
    title: str  # full, for the list
    detail: str
    start: dt.date
    end: dt.date | None
    url: str
    marking: str
    position: float = 0.0  # per cent along the axis

    @property
    def is_round(self) -> bool:
        return self.kind == "round"


def year_ticks(items: list[TimelineItem]) -> list[tuple[int, float]]:
    """(year, per cent) for the first day of each year on the axis, thinned to about ten."""
    if not items:
        return []
    first, last = items[0].start, items[-1].start
    span = max((last - first).days, 1)
    years = list(range(first.year + 1, last.year + 1))
    step = max(1, -(-len(years) // 10))  # ceil: at most ten labels
    return [(y, round(3 + 94 * (dt.date(y, 1, 1) - first).days / span, 2)) for y in years[::step]]


def timeline_items(user: Any) -> list[TimelineItem]:
    """Rounds and events in date order, placed on a common axis from first to last."""
    items = [
        TimelineItem(
            "round",
            f"Round {r.ordinal}",
            str(r),
            r.location,
            r.start,
            r.end,
            reverse("web:round_detail", args=[r.pk]),
            r.marking,
        )
        for r in Round.objects.visible_to(user).select_related("series")
    ]
    items += [
        TimelineItem(
            "event",
            f"{e.start:%b %Y}",
            e.name,
            e.get_kind_display().replace("_", " "),
            e.start,
            e.end,
            reverse("web:event_detail", args=[e.pk]),
            e.marking,
        )
        for e in Event.objects.visible_to(user)
    ]
    items.sort(key=lambda i: (i.start, i.kind != "round"))
    if items:
        first, last = items[0].start, items[-1].start
        span = max((last - first).days, 1)
        for item in items:
            item.position = round(3 + 94 * (item.start - first).days / span, 2)
    return items


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    threads = Thread.objects.visible_to(user)
    open_threads = list(threads.filter(status__in=open_statuses()).order_by("due", "title"))
    by_status = dict(threads.values_list("status").annotate(n=Count("id")).order_by())
    counts = [
        ("Rounds", Round.objects.visible_to(user).count(), reverse("web:round_list")),
        ("Statements", Statement.objects.visible_to(user).count(), reverse("web:statement_list")),
        ("Threads", threads.count(), reverse("web:thread_list")),
        ("People", Person.objects.visible_to(user).count(), reverse("web:person_list")),
        ("Organizations", Organization.objects.visible_to(user).count(), reverse("web:organization_list")),
        ("Sources", Source.objects.visible_to(user).count(), reverse("web:source_list")),
    ]
    items = timeline_items(user)
    if wants_json(request):
        return json_response(
            {
                "counts": {name.lower(): n for name, n, _ in counts},
                "threads_by_status": by_status,
                "timeline": [
                    {
                        "kind": i.kind,
                        "title": i.title,
                        "start": i.start.isoformat(),
                        "end": i.end.isoformat() if i.end else None,
                        "url": i.url,
                    }
                    for i in items
                ],
                "open_threads": [row_json(t, ("title", "status", "owner", "due", "keeper")) for t in open_threads],
            }
        )
    today = dt.date.today()
    return render_page(
        request,
        "web/record/dashboard.html",
        {
            "counts": counts,
            "timeline": items,
            "ticks": year_ticks(items),
            "open_threads": open_threads,
            "by_status": sorted(by_status.items()),
            "today": today,
            "recent_sources": Source.objects.visible_to(user).defer("text")[:5],
        },
    )
