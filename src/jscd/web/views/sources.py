"""Source documents and the viewer that shows which characters support which fact."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import HttpRequest

from jscd.record.models import Source
from jscd.web.forms import SourceFilterForm
from jscd.web.views.evidence import EVIDENCE_KINDS, highlight, source_facts
from jscd.web.views.generic import RecordDetailView, RecordListView, row_json
from jscd.web.views.ingest import extracted_layer

__all__ = ["SourceDetailView", "SourceListView"]


class SourceListView(RecordListView):
    model = Source
    form_class = SourceFilterForm
    title = "Sources"
    intro = "The documents the record is built from; every fact points into one of them."
    table_template = "web/record/tables/sources.html"
    json_fields = ("title", "publisher", "published", "kind", "origin", "checksum")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("text")


class SourceDetailView(RecordDetailView):
    """The full text, escaped, with every visible evidence span highlighted and linked."""

    model = Source
    template_name = "web/record/source_detail.html"
    json_fields = ("title", "publisher", "published", "kind", "origin", "checksum")

    def get_context(self, request: HttpRequest, obj: Source) -> dict[str, Any]:
        evidence, facts = source_facts(request.user, obj)
        counts = Counter(f.kind for f in facts)
        legend = [(css, text, counts[css]) for _, css, text in EVIDENCE_KINDS if counts[css]]
        return {"evidence": evidence, "facts": facts, "legend": legend,
                "highlighted": highlight(obj.text, evidence),
                **extracted_layer(obj, request.user)}

    def to_json(self, request: HttpRequest, obj: Source, context: dict[str, Any]) -> dict[str, Any]:
        data = row_json(obj, ("marking", *self.json_fields))
        data["text"] = obj.text
        data["evidence"] = [{"id": ev.pk, "start": ev.start, "end": ev.end, "quote": ev.quote,
                             "fact": {"kind": ev.fact.kind, "id": ev.fact.obj.pk,
                                      "label": ev.fact.label, "url": ev.fact.url}}
                            for ev in context["evidence"]]
        return data
