"""The event proposals of one ingested report: what the record's event kinds make of the
encounters the extractor found (``DocumentResult.events``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jscd.core import DocumentResult
from jscd.core.extraction import EventMention
from jscd.record.models import Source

__all__ = ["event_payloads"]

_EVENT_KINDS = {"meeting": "meeting", "call": "call", "visit": "visit", "statement": "statement"}


def _event_kind(mention: EventMention) -> str:
    """The record's kind of an encounter: a session of another series by what the series is."""
    if mention.kind != "dialogue_round":
        return _EVENT_KINDS[str(mention.kind)]
    name = (mention.series or "").lower()
    if "dialogue" in name:
        return "strategic_dialogue"
    if any(w in name for w in ("committee", "commission", "council", "working group")):
        return "coordinating_committee"
    return "other"


def event_payloads(result: DocumentResult, source: Source,
                   span: Callable[[Source, int, int], dict[str, Any]]) -> list[dict[str, Any]]:
    """One proposal per encounter the report names, rounds of the record's series aside (those
    are proposed as rounds). Reports of the same dated encounter between the same parties share
    a key, so their evidence meets in one proposal; an undated one stays with its report."""
    rounds = {(r.series, r.ordinal) for r in result.rounds if r.ordinal}
    out = []
    for ev in result.events:
        if ev.kind == "dialogue_round" and (ev.series, ev.ordinal) in rounds:
            continue
        kind = _event_kind(ev)
        label = ev.series or kind.replace("_", " ").capitalize()
        ordinal = f" {ev.ordinal}" if ev.ordinal and ev.series else ""
        name = f"{label}{ordinal}" + (f" ({', '.join(ev.parties)})" if ev.parties else "")
        when = ev.start.isoformat() if ev.start else f"undated:{source.checksum[:12]}"
        out.append({
            "key": f"event:{kind}:{when}:{'-'.join(ev.parties)}:{(ev.location or '').lower()}",
            "kind": kind, "name": name[:300], "start": ev.start.isoformat() if ev.start else None,
            "end": ev.end.isoformat() if ev.end else None, "location": ev.location,
            "series": ev.series, "parties": list(ev.parties),
            "evidence": [span(source, sp.start, sp.end) for sp in ev.evidence],
        })
    return out
