"""Reading what ingestion proposed, for the review queue, the conflicts page and the viewer.

Every read starts from ``visible_to(user)``: a proposal, a conflict or a source of the other
party never shows, and neither does a quote from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from jscd.record.models import ConflictFlag, Proposal, Source

__all__ = ["ConflictSides", "Quote", "conflict_sides", "extracted_spans", "proposal_label",
           "proposal_quotes"]

_CONTEXT = 60


@dataclass
class Quote:
    """A span of a source as a reviewer sees it: the words, a little context, where it is."""

    source: Source
    start: int
    end: int
    before: str
    text: str
    after: str


def _quote(source: Source, start: int, end: int) -> Quote:
    text = source.text
    return Quote(source, start, end, text[max(0, start - _CONTEXT):start], text[start:end],
                 text[end:end + _CONTEXT])


def proposal_label(kind: str, payload: dict[str, Any]) -> str:
    """One line saying what a proposal would add to the record."""
    p = payload
    if kind == "round":
        return (f"{p.get('series') or '?'} round {p.get('ordinal') or '?'}: "
                f"{p.get('start') or '?'} to {p.get('end') or '?'}, {p.get('location') or 'place unknown'}")
    if kind in ("person", "organization"):
        extra = ", ".join(x for x in (p.get("party"), p.get("title")) if x)
        return f"{p.get('name')}" + (f" ({extra})" if extra else "")
    if kind == "statement":
        return (f"{p.get('actor') or '?'} {p.get('modality')} / {p.get('category') or '?'} "
                f"(round {p.get('round') or '?'}): {p.get('text', '')}")
    if kind == "thread":
        rounds = ", ".join(str(r) for r in p.get("rounds", []))
        return f"{p.get('topic')} ({p.get('category')}), rounds {rounds or '?'}"
    return str(p.get("name") or p.get("key"))


def proposal_quotes(user: Any, proposals: list[Proposal], limit: int = 4) -> None:
    """Give each proposal ``quotes``: its evidence spans in sources the user may read."""
    ids = {e["source"] for p in proposals for e in p.payload.get("evidence", [])}
    sources = {s.pk: s for s in Source.objects.visible_to(user).filter(pk__in=ids)}
    for p in proposals:
        spans = [e for e in p.payload.get("evidence", []) if e["source"] in sources]
        p.quotes = [_quote(sources[e["source"]], e["start"], e["end"]) for e in spans[:limit]]
        p.more_quotes = max(0, len(spans) - limit)
        p.label = proposal_label(p.kind, p.payload)


def extracted_spans(source: Source, user: Any) -> list[dict[str, Any]]:
    """Every span ingestion extracted from ``source``, by kind, from proposals the user sees.

    Rejected proposals are left out (a reviewer said the reading was wrong); accepted and
    pending ones stay, so the viewer shows what was read from the text and what became of it.
    """
    spans = []
    qs = (Proposal.objects.visible_to(user).filter(sources=source)
          .exclude(status="rejected").order_by("pk"))
    for p in qs:
        label = proposal_label(p.kind, p.payload)
        for e in p.payload.get("evidence", []):
            if e.get("source") == source.pk and 0 <= e["start"] < e["end"] <= len(source.text):
                spans.append({"kind": p.kind, "start": e["start"], "end": e["end"],
                              "label": label, "status": p.status, "proposal": p.pk})
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


@dataclass
class ConflictSides:
    """A conflict with the documents that wrote the surface form and those that wrote the other."""

    flag: ConflictFlag
    surface_side: list[Quote | Source] = field(default_factory=list)
    canonical_side: list[Quote | Source] = field(default_factory=list)


def _find(source: Source, needle: str) -> Quote | Source:
    i = source.text.casefold().find(needle.casefold()) if needle else -1
    return _quote(source, i, i + len(needle)) if i >= 0 else source


def conflict_sides(user: Any) -> list[ConflictSides]:
    """Each visible conflict with quotes from the documents on each side.

    The side of the surface form is the flag's own sources; the other side is every visible
    source that writes the canonical form (so a misspelling is shown against the reports
    that spell the name right).
    """
    flags = list(ConflictFlag.objects.visible_to(user).prefetch_related("sources"))
    visible = Source.objects.visible_to(user)
    out = []
    for flag in flags:
        mine = [s for s in flag.sources.all() if visible.filter(pk=s.pk).exists()]
        sides = ConflictSides(flag, [_find(s, flag.surface) for s in mine])
        if flag.canonical:
            others = visible.filter(Q(text__icontains=flag.canonical)).exclude(
                pk__in=[s.pk for s in mine]).order_by("published", "pk")
            sides.canonical_side = [_find(s, flag.canonical) for s in others]
        out.append(sides)
    return out
