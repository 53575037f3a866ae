"""Plotly figures of the assessment pages, built server-side from a result as plain JSON.

Built in Python so the page, its JSON twin and the tests see the same figure; drawn in the
browser by the plotly.js that ships inside the installed plotly package (no CDN). The map
has no base layers, so plotly.js never asks for topojson from the network.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go

from jscd.assess import load_governorates

__all__ = ["factor_bars", "phase_map", "score_map", "threat_chart"]

PHASE_COLOURS = ["#b54a3c", "#d9a441", "#3f8f5a"]  # coalition support, advise and assist, partnership
FACTOR_COLOURS = ["#7a3e9d", "#2f6f9f", "#3f8f5a", "#a0522d", "#666666"]
_FONT = {"family": "system-ui, -apple-system, Segoe UI, sans-serif", "size": 12}


def _json(fig: go.Figure) -> dict[str, Any]:
    return json.loads(fig.to_json())


def _geo_layout(fig: go.Figure, height: int) -> None:
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 30, "b": 0}, font=_FONT, paper_bgcolor="rgba(0,0,0,0)"
    )


def phase_map(result: dict[str, Any], *, title: str = "", height: int = 520) -> dict[str, Any]:
    """Choropleth of the recommended phase per governorate (discrete colours)."""
    phases = result["phases"]
    index = {p["id"]: i for i, p in enumerate(phases)}
    rows = result["governorates"]
    n = len(phases)
    scale: list[list[Any]] = []
    for i in range(n):
        colour = PHASE_COLOURS[min(i, len(PHASE_COLOURS) - 1)]
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    fig = go.Figure(
        go.Choropleth(
            geojson=load_governorates().feature_collection(),
            featureidkey="id",
            locations=[g["iso"] for g in rows],
            z=[index[g["phase"]] + 0.5 for g in rows],
            zmin=0,
            zmax=n,
            colorscale=scale,
            marker_line_color="white",
            marker_line_width=1,
            customdata=[[g["name"], g["phase_label"], g["tranche_label"], g["binding_factor"]] for g in rows],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
            "<br>binding: %{customdata[3]}<extra></extra>",
            colorbar={
                "tickvals": [i + 0.5 for i in range(n)],
                "ticktext": [p["label"] for p in phases],
                "title": {"text": "Phase"},
                "thickness": 14,
                "len": 0.7,
            },
        )
    )
    _geo_layout(fig, height)
    if title:
        fig.update_layout(title={"text": title, "x": 0.01, "font": {"size": 14}})
    return _json(fig)


def score_map(result: dict[str, Any], factor: str, *, height: int = 460) -> dict[str, Any]:
    """Choropleth of one factor's score (0 = least favourable, 1 = most)."""
    rows = result["governorates"]
    fig = go.Figure(
        go.Choropleth(
            geojson=load_governorates().feature_collection(),
            featureidkey="id",
            locations=[g["iso"] for g in rows],
            z=[g["factors"].get(factor) for g in rows],
            zmin=0,
            zmax=1,
            colorscale="RdYlGn",
            marker_line_color="white",
            text=[g["name"] for g in rows],
            hovertemplate="<b>%{text}</b><br>score %{z:.2f}<extra></extra>",
            colorbar={"title": {"text": factor}, "thickness": 14, "len": 0.7},
        )
    )
    _geo_layout(fig, height)
    return _json(fig)


def factor_bars(result: dict[str, Any], isos: list[str] | None = None, *, height: int = 380) -> dict[str, Any]:
    """Factor scores per governorate, grouped, with each factor's partnership threshold dashed."""
    rows = [g for g in result["governorates"] if isos is None or g["iso"] in isos]
    rows.sort(key=lambda g: -(g.get("composite") or 0))
    top = result["phases"][-1]["id"]
    explain = result.get("explain", {})
    fig = go.Figure()
    for k, f in enumerate(result["factors"]):
        colour = FACTOR_COLOURS[k % len(FACTOR_COLOURS)]
        fig.add_bar(
            name=f["label"],
            x=[g["name"] for g in rows],
            y=[g["factors"].get(f["id"]) for g in rows],
            marker_color=colour,
            hovertemplate="%{x}<br>" + f["label"] + ": %{y:.2f}<extra></extra>",
        )
        any_row = next(iter(explain.values()), None)
        if any_row is not None:
            threshold = any_row["decision"]["thresholds"][top][f["id"]]
            fig.add_hline(y=threshold, line_dash="dash", line_color=colour, line_width=1, opacity=0.8)
    fig.update_layout(
        barmode="group",
        height=height,
        margin={"l": 40, "r": 10, "t": 10, "b": 90},
        font=_FONT,
        yaxis={"range": [0, 1], "title": {"text": "score (1 = favourable)"}},
        legend={"orientation": "h", "y": 1.1},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return _json(fig)


def threat_chart(series: dict[str, Any], *, height: int = 340) -> dict[str, Any]:
    """Monthly events and deaths, with the Sen's-slope trend over the scored window."""
    fig = go.Figure()
    fig.add_bar(name="events", x=series["months"], y=series["events"], marker_color="#2f6f9f", opacity=0.8)
    fig.add_bar(
        name="events involving IS", x=series["months"], y=series["is_events"], marker_color="#b54a3c", opacity=0.7
    )
    fig.add_scatter(
        name="deaths (best)",
        x=series["months"],
        y=series["deaths"],
        yaxis="y2",
        mode="lines",
        line={"color": "#555", "width": 1},
    )
    trend = series["trend"]
    fig.add_scatter(
        name=f"trend: {trend['direction']} ({trend['slope']:+.2f}/month, p={trend['p_value']:.3f})",
        x=trend["months"],
        y=trend["line"],
        mode="lines",
        line={"color": "#d9a441", "width": 3},
    )
    fig.update_layout(
        barmode="overlay",
        height=height,
        margin={"l": 40, "r": 40, "t": 10, "b": 40},
        font=_FONT,
        yaxis={"title": {"text": "events / month"}},
        yaxis2={"title": {"text": "deaths / month"}, "overlaying": "y", "side": "right", "showgrid": False},
        legend={"orientation": "h", "y": 1.15},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return _json(fig)
