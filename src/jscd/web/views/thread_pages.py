"""Threads as the record shows them: status history with evidence, statements by round,
compliance per party and round, and the programs that carry the commitment out.

(Suggesting links and editing threads belong to the threads area; these are the read pages.)
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jscd.core import ThreadStatus
from jscd.record.models import ComplianceScore, Program, StatusChange, Thread, ThreadLink
from jscd.web.forms import ThreadFilterForm
from jscd.web.views.evidence import attach_evidence
from jscd.web.views.generic import RecordDetailView, RecordListView, jsonable, row_json
from jscd.web.views.rounds import evidence_json

__all__ = ["ThreadDetailView", "ThreadListView", "open_statuses"]


def open_statuses() -> list[str]:
    return [s.value for s in ThreadStatus if s.is_open]


class ThreadListView(RecordListView):
    model = Thread
    form_class = ThreadFilterForm
    title = "Threads"
    intro = "Commitments followed from round to round, with where each one stands."
    table_template = "web/record/tables/threads.html"
    json_fields = ("title", "category", "owner", "keeper", "due", "status")


class ThreadDetailView(RecordDetailView):
    model = Thread
    template_name = "web/record/thread_detail.html"
    json_fields = ("title", "category", "owner", "keeper", "due", "status")

    def get_context(self, request: HttpRequest, obj: Thread) -> dict[str, Any]:
        user = request.user
        changes = list(StatusChange.objects.visible_to(user).filter(thread=obj)
                       .select_related("round", "round__series").order_by("date", "id"))
        links = list(ThreadLink.objects.visible_to(user).filter(thread=obj)
                     .select_related("statement", "statement__round", "statement__round__series"))
        attach_evidence(user, [*changes, *(link.statement for link in links)])
        by_round: dict[Any, list[Any]] = {}
        for link in links:
            by_round.setdefault(link.statement.round, []).append(link)
        scores = list(ComplianceScore.objects.visible_to(user).filter(thread=obj)
                      .select_related("round", "round__series", "party"))
        rounds = sorted({s.round for s in scores}, key=lambda r: (r.start, r.pk))
        parties = sorted({s.party_id for s in scores})
        grid = {(s.party_id, s.round_id): s for s in scores}
        compliance_rows = [(p, [grid.get((p, r.pk)) for r in rounds]) for p in parties]
        return {
            "changes": changes,
            "links_by_round": sorted(by_round.items(),
                                     key=lambda kv: (kv[0] is None, kv[0] and kv[0].start)),
            "compliance_rounds": rounds,
            "compliance_rows": compliance_rows,
            "scores": scores,
            "programs": Program.objects.visible_to(user).filter(threads=obj).select_related("party"),
            "is_open": obj.status in open_statuses(),
        }

    def to_json(self, request: HttpRequest, obj: Thread, context: dict[str, Any]) -> dict[str, Any]:
        data = row_json(obj, ("marking", *self.json_fields))
        data["status_history"] = [
            row_json(c, ("status", "date", "round", "note")) | {"evidence": evidence_json(c)}
            for c in context["changes"]]
        data["statements"] = [
            row_json(link.statement, ("round", "actor", "modality", "category", "text"))
            | {"confirmed": link.confirmed, "score": link.score,
               "evidence": evidence_json(link.statement)}
            for _, links in context["links_by_round"] for link in links]
        data["compliance"] = [{"party": s.party_id, "round": jsonable(s.round), "score": s.score,
                               "rationale": s.rationale} for s in context["scores"]]
        data["programs"] = [row_json(p, ("name", "kind", "status")) for p in context["programs"]]
        return data
