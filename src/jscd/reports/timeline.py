"""The timeline of a series: rounds and other events on a time axis, threads across them.

Built as a plotly figure specification (plain JSON) from what one reader may see; the page
hands it to the locally served plotly.js, so the chart is interactive (zoom, hover, click
through to a round or thread) and works offline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.urls import reverse

from jscd.core import ThreadStatus
from jscd.record.models import DialogueSeries, Event, Round, StatusChange, Thread, ThreadLink

__all__ = ["STATUS_COLOURS", "timeline_figure"]

STATUS_COLOURS = {
    ThreadStatus.ANNOUNCED.value: "#6366f1",
    ThreadStatus.IN_PROGRESS.value: "#d97706",
    ThreadStatus.FULFILLED.value: "#16a34a",
    ThreadStatus.LAPSED.value: "#dc2626",
    ThreadStatus.SUPERSEDED.value: "#6b7280",
}
EVENTS_LANE = "Rounds and meetings"


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def timeline_figure(user: Any, series: DialogueSeries | None = None,
                    today: dt.date | None = None) -> dict[str, Any]:
    """The figure (``data`` and ``layout``) plus the rows it shows, for the page's table."""
    today = today or dt.date.today()
    rounds = Round.objects.visible_to(user).select_related("series").order_by("start")
    events = Event.objects.visible_to(user).select_related("series").order_by("start")
    if series is not None:
        rounds = rounds.filter(series=series)
        events = events.filter(series=series) | Event.objects.visible_to(user).filter(
            built_on_by__series=series)
    rounds, events = list(rounds), list(events.distinct())
    links = (ThreadLink.objects.visible_to(user)
             .select_related("thread", "statement", "statement__round"))
    if series is not None:
        links = links.filter(statement__round__series=series)
    by_thread: dict[int, list[ThreadLink]] = defaultdict(list)
    for link in links:
        if link.statement.round_id:
            by_thread[link.thread_id].append(link)
    threads = {t.pk: t for t in Thread.objects.visible_to(user).filter(pk__in=by_thread)}
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    for change in StatusChange.objects.visible_to(user).filter(thread__in=threads).order_by(
            "date"):
        changes[change.thread_id].append(change)

    order = sorted(threads.values(), key=lambda t: (
        min(lk.statement.round.start for lk in by_thread[t.pk]), t.category, t.title))
    lanes = [EVENTS_LANE] + [_short(t.title) for t in order]
    data: list[dict[str, Any]] = []
    # Rounds (large markers) and other meetings (diamonds), with a dotted guide down the chart.
    data.append({
        "type": "scatter", "mode": "markers+text", "name": "Rounds",
        "x": [r.start.isoformat() for r in rounds], "y": [EVENTS_LANE] * len(rounds),
        "text": [f"R{r.ordinal}" for r in rounds], "textposition": "top center",
        "marker": {"size": 18, "color": "#1f3a5f", "symbol": "circle"},
        "customdata": [reverse("web:round_detail", args=[r.pk]) for r in rounds],
        "hovertext": [f"{r} — {r.start:%d %b %Y}–{r.end:%d %b %Y}, {r.location}" for r in rounds],
        "hoverinfo": "text",
    })
    data.append({
        "type": "scatter", "mode": "markers", "name": "Other meetings",
        "x": [e.start.isoformat() for e in events], "y": [EVENTS_LANE] * len(events),
        "marker": {"size": 13, "color": "#ea580c", "symbol": "diamond"},
        "customdata": [reverse("web:event_detail", args=[e.pk]) for e in events],
        "hovertext": [f"{e.name} — {e.start:%b %Y}" for e in events], "hoverinfo": "text",
    })
    for thread in order:
        lane = _short(thread.title)
        url = reverse("web:thread_detail", args=[thread.pk])
        stmt_links = by_thread[thread.pk]
        history = changes[thread.pk]
        first = min(lk.statement.round.start for lk in stmt_links)
        last_seen = max([lk.statement.round.end for lk in stmt_links]
                        + [c.date for c in history])
        end = max(today, last_seen) if ThreadStatus(thread.status).is_open else last_seen
        # The bar is coloured by status over time: one segment per status change.
        periods = ([(c.date, history[i + 1].date if i + 1 < len(history) else end, c.status,
                     c.note) for i, c in enumerate(history)]
                   or [(first, end, thread.status, "")])
        if periods[0][0] > first:
            periods.insert(0, (first, periods[0][0], periods[0][2], periods[0][3]))
        for start, stop, status, note in periods:
            stop = max(stop, start + dt.timedelta(days=7))  # a same-day change stays visible
            data.append({
                "type": "scatter", "mode": "lines", "showlegend": False,
                "x": [start.isoformat(), stop.isoformat()], "y": [lane, lane],
                "line": {"color": STATUS_COLOURS.get(status, "#6b7280"), "width": 9},
                "opacity": 0.55, "customdata": [url, url],
                "hovertext": [f"<b>{thread.title}</b><br>{status.replace('_', ' ')} from "
                              f"{start:%d %b %Y}<br>{_short(note, 90)}"] * 2,
                "hoverinfo": "text",
            })
        data.append({
            "type": "scatter", "mode": "markers", "showlegend": False,
            "x": [lk.statement.round.start.isoformat() for lk in stmt_links],
            "y": [lane] * len(stmt_links),
            "marker": {"size": 11, "line": {"width": 2, "color": "#1f3a5f"},
                       "color": ["#1f3a5f" if lk.confirmed else "#ffffff" for lk in stmt_links]},
            "customdata": [url] * len(stmt_links),
            "hovertext": [f"<b>{thread.title}</b><br>round {lk.statement.round.ordinal} · "
                          f"{lk.statement.modality}<br>{_short(lk.statement.text, 90)}"
                          + ("" if lk.confirmed else "<br><i>suggested, not confirmed</i>")
                          for lk in stmt_links],
            "hoverinfo": "text",
        })
    start_dates = [r.start for r in rounds] + [e.start for e in events]
    x0 = (min(start_dates) if start_dates else today) - dt.timedelta(days=60)
    layout = {
        "height": 140 + 34 * len(lanes),
        "margin": {"l": 330, "r": 30, "t": 30, "b": 40},
        "xaxis": {"type": "date", "range": [x0.isoformat(),
                                            (today + dt.timedelta(days=60)).isoformat()],
                  "showgrid": True, "gridcolor": "#e5e9f0", "rangeslider": {"visible": False}},
        "yaxis": {"type": "category", "categoryorder": "array",
                  "categoryarray": list(reversed(lanes)), "automargin": True,
                  "tickfont": {"size": 12}},
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": r.start.isoformat(),
                    "x1": r.start.isoformat(), "y0": 0, "y1": 1,
                    "line": {"color": "#94a3b8", "width": 1, "dash": "dot"}} for r in rounds]
        + [{"type": "line", "xref": "x", "yref": "paper", "x0": today.isoformat(),
            "x1": today.isoformat(), "y0": 0, "y1": 1,
            "line": {"color": "#dc2626", "width": 1}}],
        "annotations": [{"x": today.isoformat(), "y": 1, "xref": "x", "yref": "paper",
                         "text": "today", "showarrow": False, "yanchor": "bottom",
                         "font": {"color": "#dc2626", "size": 11}}],
        "showlegend": False,  # the page draws one legend for chart and table
        "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
        "font": {"family": "system-ui, 'Liberation Sans', Arial, sans-serif", "size": 12},
        "hovermode": "closest",
    }
    return {"data": data, "layout": layout, "rounds": rounds, "events": events,
            "threads": order, "lanes": lanes}
