"""Evidence on pages: which span supports which fact, where that fact lives, and highlighting.

Evidence is attached to facts of many kinds through a generic relation. Both ends are read
through ``visible_to``: a span whose fact the user may not see is dropped, so even the kind of
a hidden fact never shows in a shared document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jscd.record.models import (
    Event,
    Evidence,
    Meeting,
    Participation,
    Round,
    Source,
    Statement,
    StatusChange,
)

__all__ = ["EVIDENCE_KINDS", "attach_evidence", "fact_kind", "fact_label", "fact_url", "highlight", "source_facts"]

#: Kinds of fact evidence can support, in legend order: (model, css class, legend label).
EVIDENCE_KINDS: list[tuple[type[models.Model], str, str]] = [
    (Round, "round", "Round"),
    (Event, "event", "Event"),
    (Participation, "participation", "Participant"),
    (Meeting, "meeting", "Side meeting"),
    (Statement, "statement", "Statement"),
    (StatusChange, "status", "Thread status"),
]
_KIND_BY_MODEL = {model: (css, text) for model, css, text in EVIDENCE_KINDS}


def fact_kind(obj: models.Model) -> tuple[str, str]:
    """(css class, label) of a fact; unknown kinds are 'other'."""
    return _KIND_BY_MODEL.get(type(obj), ("other", obj._meta.verbose_name.capitalize()))


def fact_url(obj: models.Model) -> str | None:
    """The page where a fact is shown, anchored at the fact itself."""
    if isinstance(obj, Round):
        return reverse("web:round_detail", args=[obj.pk])
    if isinstance(obj, Event):
        return reverse("web:event_detail", args=[obj.pk])
    if isinstance(obj, Statement):
        if obj.round_id:
            return reverse("web:round_detail", args=[obj.round_id]) + f"#statement-{obj.pk}"
        return reverse("web:statement_list") + f"?q={obj.text[:40]}"
    if isinstance(obj, Participation):
        return reverse("web:round_detail", args=[obj.delegation.round_id]) + "#delegations"
    if isinstance(obj, Meeting):
        return reverse("web:round_detail", args=[obj.round_id]) + f"#meeting-{obj.pk}"
    if isinstance(obj, StatusChange):
        return reverse("web:thread_detail", args=[obj.thread_id]) + f"#change-{obj.pk}"
    return None


def fact_label(obj: models.Model) -> str:
    if isinstance(obj, Statement):
        return f"{obj.actor} {obj.modality}: {obj.text}"
    if isinstance(obj, StatusChange):
        return f"{obj.thread} → {obj.status.replace('_', ' ')} ({obj.date:%d %b %Y})"
    if isinstance(obj, Participation):
        return f"{obj.person} ({obj.role}), {obj.delegation.round}"
    return str(obj)


def _visible_targets(user: Any, evidence: Iterable[Evidence]) -> dict[tuple[int, int], Any]:
    """Load every fact the evidence points at, through visible_to, one query per kind."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for ev in evidence:
        wanted[ev.content_type_id].add(ev.object_id)
    found: dict[tuple[int, int], Any] = {}
    for ct_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None or not hasattr(model.objects, "visible_to"):
            continue
        qs = model.objects.visible_to(user).filter(pk__in=ids)
        if model is Participation:
            qs = qs.select_related("person", "delegation__round__series")
        elif model is StatusChange:
            qs = qs.select_related("thread")
        for obj in qs:
            found[(ct_id, obj.pk)] = obj
    return found


def attach_evidence(user: Any, facts: Iterable[models.Model]) -> None:
    """Give each fact a ``shown_evidence`` list of visible evidence with its quote."""
    facts = list(facts)
    if not facts:
        return
    by_ct: dict[int, list[models.Model]] = defaultdict(list)
    for fact in facts:
        by_ct[ContentType.objects.get_for_model(type(fact)).pk].append(fact)
        fact.shown_evidence = []
    cond = models.Q()
    for ct_id, rows in by_ct.items():
        cond |= models.Q(content_type_id=ct_id, object_id__in=[r.pk for r in rows])
    index = {(ct_id, r.pk): r for ct_id, rows in by_ct.items() for r in rows}
    for ev in Evidence.objects.visible_to(user).filter(cond).select_related("source"):
        fact = index.get((ev.content_type_id, ev.object_id))
        if fact is not None:
            fact.shown_evidence.append(ev)


@dataclass
class SourceFact:
    """One fact a source supports, with the spans that support it."""

    obj: Any
    kind: str
    kind_label: str
    label: str
    url: str | None
    evidence: list[Evidence] = field(default_factory=list)


def source_facts(user: Any, source: Source) -> tuple[list[Evidence], list[SourceFact]]:
    """Visible evidence into ``source`` whose fact is visible too, and those facts."""
    evidence = list(Evidence.objects.visible_to(user).filter(source=source).order_by("start"))
    targets = _visible_targets(user, evidence)
    facts: dict[tuple[int, int], SourceFact] = {}
    kept = []
    for ev in evidence:
        key = (ev.content_type_id, ev.object_id)
        obj = targets.get(key)
        if obj is None:
            continue
        if key not in facts:
            css, text = fact_kind(obj)
            facts[key] = SourceFact(obj, css, text, fact_label(obj), fact_url(obj))
        facts[key].evidence.append(ev)
        ev.fact = facts[key]
        kept.append(ev)
    return kept, list(facts.values())


def highlight(text: str, evidence: list[Evidence]) -> SafeString:
    """The text with every evidence span marked; every character of the text is escaped.

    Spans may overlap, so the text is cut at every span boundary and each piece is marked
    with all the spans covering it; the first piece of a span carries its anchor
    ``span-<evidence id>`` so other pages can link straight to the quote.
    """
    cuts = sorted({0, len(text), *(e.start for e in evidence), *(e.end for e in evidence)})
    parts: list[str] = []
    anchored: set[int] = set()
    for a, b in pairwise(cuts):
        covering = [e for e in evidence if e.start <= a and b <= e.end]
        piece = text[a:b]
        if not covering:
            parts.append(format_html("{}", piece))
            continue
        starting = [e for e in covering if e.start == a and e.pk not in anchored]
        anchored.update(e.pk for e in starting)
        top = covering[-1]
        classes = " ".join(sorted({f"ev-{e.fact.kind}" for e in covering}))
        title = " | ".join(f"{e.fact.kind_label}: {e.fact.label}" for e in covering)
        # Two spans starting at the same character: the first anchors on the mark itself,
        # the others on empty anchors just before it.
        for extra in starting[1:]:
            parts.append(format_html('<span class="ev-anchor" id="span-{}"></span>', extra.pk))
        parts.append(
            format_html(
                '<a class="ev {}{}" href="#ev-{}" title="{}" data-ev="{}"{}>{}</a>',
                classes,
                " ev-multi" if len(covering) > 1 else "",
                top.pk,
                title,
                " ".join(str(e.pk) for e in covering),
                format_html(' id="span-{}"', starting[0].pk) if starting else "",
                piece,
            )
        )
    return mark_safe("".join(parts))  # every piece above went through format_html
