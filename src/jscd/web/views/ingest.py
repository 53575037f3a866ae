"""The review queue, the conflicts page, and the extracted-span layer of the source viewer.

Decisions are POSTs to one small view per action that calls one review service; an HTMX
request gets the proposal's row back (swapped in place), a plain form post is redirected to
the queue, so the page works without JavaScript too. Every text shown (quotes, payloads,
surfaces) goes through Django's escaping: markup in a document is shown, never run.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from jscd.core import DomainError
from jscd.record.access import may_write
from jscd.record.models import Proposal, Source
from jscd.record.services import review
from jscd.record.services.ingest_queries import conflict_sides, extracted_spans, proposal_quotes
from jscd.web.views.htmx import is_htmx, render_page

__all__ = [
    "EXTRACTED_KINDS",
    "conflict_list",
    "extracted_layer",
    "proposal_accept",
    "proposal_edit",
    "proposal_merge",
    "proposal_reject",
    "review_queue",
]

#: Proposal kind -> (css class of the viewer's palette, legend label).
EXTRACTED_KINDS = {
    "round": ("round", "Round"),
    "event": ("event", "Event"),
    "person": ("participation", "Person"),
    "organization": ("meeting", "Organization"),
    "statement": ("statement", "Statement"),
    "thread": ("status", "Thread"),
}
_STATUSES = ["pending", "accepted", "merged", "rejected"]


def _editor(request: HttpRequest) -> Any:
    if not may_write(request.user):
        raise PermissionDenied("the review queue is for editors")
    return request.user


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)


def _with_quotes(request: HttpRequest, proposals: list[Proposal]) -> list[Proposal]:
    proposal_quotes(request.user, proposals)
    for p in proposals:
        if p.status == "pending" and p.kind != "statement":
            p.targets = list(review.merge_targets(request.user, p)[:200])
    return proposals


def review_queue(request: HttpRequest) -> HttpResponse:
    """Proposals to decide, by kind, each with its quotes and links into the source viewer."""
    user = _editor(request)
    status = request.GET.get("status", "pending")
    status = status if status in _STATUSES else "pending"
    kind = request.GET.get("kind") or ""
    visible = Proposal.objects.visible_to(user)
    qs = visible.filter(status=status).prefetch_related("sources")
    if kind in Proposal.KINDS:
        qs = qs.filter(kind=kind)
    order = {k: i for i, k in enumerate(review.ACCEPT_ORDER)}
    rows = sorted(qs[:300], key=lambda p: (order.get(p.kind, 9), p.pk))
    counts = Counter(visible.filter(status=status).values_list("kind", flat=True))
    status_counts = Counter(visible.values_list("status", flat=True))
    return render_page(
        request,
        "web/ingest/review_queue.html",
        {
            "title": "Review queue",
            "proposals": _with_quotes(request, rows),
            "status": status,
            "kind": kind,
            "kinds": [(k, counts.get(k, 0)) for k in review.ACCEPT_ORDER],
            "statuses": [(s, status_counts.get(s, 0)) for s in _STATUSES],
        },
    )


def _decided(request: HttpRequest, proposal: Proposal, error: str | None = None) -> HttpResponse:
    proposal.refresh_from_db()
    if is_htmx(request):
        return render_page(
            request,
            "web/ingest/_proposal.html",
            {"p": _with_quotes(request, [proposal])[0], "error": error},
            status=200,
        )
    if error:
        messages.error(request, f"Proposal {proposal.pk}: {error}")
    else:
        messages.success(request, f"Proposal {proposal.pk} {proposal.status}.")
    return redirect("web:review_queue")


def _decide(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    """Run one review action with the editor's note; a refusal is shown beside the proposal."""
    user, proposal = _editor(request), _proposal(request, pk)
    try:
        action(user, proposal, note=request.POST.get("note", ""))
    except DomainError as exc:
        return _decided(request, proposal, str(exc))
    return _decided(request, proposal)


@require_POST
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, review.accept_proposal)


@require_POST
def proposal_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, review.reject_proposal)


@require_POST
def proposal_merge(request: HttpRequest, pk: int) -> HttpResponse:
    user, proposal = _editor(request), _proposal(request, pk)
    try:
        target = int(request.POST.get("target") or 0)
        review.merge_proposal(user, proposal, target, note=request.POST.get("note", ""))
    except ValueError:
        return _decided(request, proposal, "target: choose a row to merge into")
    except DomainError as exc:
        return _decided(request, proposal, str(exc))
    return _decided(request, proposal)


@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the payload as JSON, then accept it; a bad edit is shown with its field, unsaved."""
    user, proposal = _editor(request), _proposal(request, pk)
    text, error = json.dumps(proposal.payload, indent=2, ensure_ascii=False), None
    if request.method == "POST":
        text = request.POST.get("payload", "")
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            error = f"payload: not JSON ({exc.msg}, line {exc.lineno})"
        else:
            try:
                review.accept_proposal(user, proposal, payload=payload, note=request.POST.get("note", ""))
            except DomainError as exc:
                error = str(exc)
            else:
                messages.success(request, f"Proposal {proposal.pk} edited and accepted.")
                return redirect("web:review_queue")
    proposal_quotes(user, [proposal], limit=20)
    return render_page(
        request,
        "web/ingest/proposal_edit.html",
        {"title": f"Edit proposal {proposal.pk}", "p": proposal, "text": text, "error": error},
        status=400 if error else 200,
    )


def conflict_list(request: HttpRequest) -> HttpResponse:
    """Every contradiction between reports, with the documents on each side (viewers too)."""
    return render_page(
        request, "web/ingest/conflict_list.html", {"title": "Conflicts", "conflicts": conflict_sides(request.user)}
    )


def extracted_layer(source: Source, user: Any) -> dict[str, Any]:
    """Context for the source viewer: the text with every extracted span marked by kind.

    Spans may overlap (a person inside a statement), so the text is cut at every boundary
    and each piece carries the classes of all spans covering it. Every piece is escaped.
    """
    spans = extracted_spans(source, user)
    text = source.text
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        if not covering:
            parts.append(format_html("{}", text[a:b]))
            continue
        classes = " ".join(sorted({f"ev-{EXTRACTED_KINDS[s['kind']][0]}" for s in covering}))
        title = " | ".join(f"{EXTRACTED_KINDS[s['kind']][1]} ({s['status']}): {s['label']}" for s in covering)
        anchor = next((s for s in covering if s["start"] == a), None)
        parts.append(
            format_html(
                '<span class="ev {}{}" title="{}" data-kinds="{}"{}>{}</span>',
                classes,
                " ev-multi" if len(covering) > 1 else "",
                title,
                " ".join(sorted({s["kind"] for s in covering})),
                format_html(' id="x-{}"', a) if anchor else "",
                text[a:b],
            )
        )
    counts = Counter(s["kind"] for s in spans)
    legend = [(EXTRACTED_KINDS[k][0], EXTRACTED_KINDS[k][1], counts[k]) for k in EXTRACTED_KINDS if counts[k]]
    marked: SafeString = mark_safe("".join(parts))  # every piece went through format_html
    return {"extracted_spans": spans, "extracted_text": marked, "extracted_legend": legend}
