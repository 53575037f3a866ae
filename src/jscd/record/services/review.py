"""Review: an editor turns a proposal into the record, merges it into a row, or rejects it.

Accepting goes through the same services as any other write, with evidence spans that point
into the stored sources, so an accepted fact shows where it was read. It matches the record
before creating: a round of the same series and ordinal, a person or organization known by
that name or alias, a statement already evidenced by the same span, a thread of the same
title; the proposal then points at the row it matched instead of making a duplicate.
Each decision is one transaction and records who decided, when, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from jscd.core import BOTH, DomainError, party_name
from jscd.record.access import account
from jscd.record.models import (
    DialogueSeries,
    Event,
    Evidence,
    Organization,
    Participation,
    Person,
    Proposal,
    Round,
    Source,
    Statement,
    Thread,
)
from jscd.record.services import dialogue, parties, statements, threads
from jscd.record.services.base import Actor, readable, require_writer, save
from jscd.record.services.ingest_payloads import SpanPayload, validate_payload
from jscd.record.services.sources import EvidenceSpec, add_evidence

__all__ = [
    "ACCEPT_ORDER", "AcceptAllReport", "accept_all", "accept_proposal", "merge_proposal",
    "merge_targets", "reject_proposal",
]

#: Rows a later kind refers to come first (a statement needs its round, a thread statements).
ACCEPT_ORDER = ["organization", "person", "round", "event", "statement", "thread"]
_MERGE_MODELS: dict[str, type[models.Model]] = {
    "round": Round, "event": Event, "person": Person, "organization": Organization,
    "statement": Statement, "thread": Thread,
}


def _pending(user: Actor, proposal: Proposal) -> Proposal:
    """The proposal locked for a decision, if the user may see it and nobody decided yet."""
    require_writer(user)
    row = readable(Proposal, user).select_for_update().filter(pk=proposal.pk).first()
    if row is None:
        raise DomainError("no such proposal", field="proposal")
    if row.status != "pending":
        raise DomainError(f"this proposal was already {row.status}", field="status")
    return row


def _decide(user: Actor, proposal: Proposal, status: str, note: str,
            result: models.Model | None = None) -> Proposal:
    proposal.status, proposal.note = status, note.strip()
    proposal.decided_by = account(user)
    proposal.decided_at = timezone.now()
    if result is not None:
        proposal.result_model = result._meta.label_lower
        proposal.result_id = result.pk
    return save(proposal, user)


def _specs(user: Actor, spans: list[SpanPayload]) -> list[EvidenceSpec]:
    """Evidence spans of sources the user may read; a hidden or missing source is refused."""
    out = []
    for i, span in enumerate(spans):
        source = readable(Source, user).filter(pk=span.source).first()
        if source is None:
            raise DomainError(f"no such source {span.source}", field=f"payload.evidence.{i}.source")
        out.append(EvidenceSpec(source, span.start, span.end))
    return out


def _attach_new(user: Actor, target: models.Model, specs: list[EvidenceSpec]) -> None:
    """Add only the spans the row does not already have (a merge must not double evidence).

    Only facts that carry evidence in the record (rounds, events, participations, meetings,
    statements, status changes) get Evidence rows; a person's or organization's spans stay
    on the accepted proposal and its sources, where the source viewer still shows them.
    """
    from django.contrib.contenttypes.models import ContentType

    from jscd.record.models.sources import EvidenceMixin

    if not isinstance(target, EvidenceMixin):
        return
    have = set(readable(Evidence, user).filter(
        content_type=ContentType.objects.get_for_model(type(target)), object_id=target.pk)
        .values_list("source_id", "start", "end"))
    for spec in specs:
        if (spec.source.pk, spec.start, spec.end) not in have:
            add_evidence(user, target, spec)
            have.add((spec.source.pk, spec.start, spec.end))


def _ensure_party(user: Actor, code: str | None) -> str | None:
    if code is not None:
        parties.ensure_party(user, code, party_name(code))
    return code


def _find_named(model: type[models.Model], user: Actor, names: list[str]) -> Any:
    """A visible row whose name (or an alias, or acronym) is one of ``names``, ignoring case."""
    wanted = {n.casefold() for n in names if n}
    for row in readable(model, user):
        known = {row.name, *(row.aliases or []), getattr(row, "acronym", "") or ""}
        if wanted & {k.casefold() for k in known if k}:
            return row
    return None


def _add_aliases(user: Actor, row: Any, names: list[str]) -> None:
    aliases = list(row.aliases or [])
    known = {row.name.casefold(), *(a.casefold() for a in aliases)}
    added = [n for n in names if n and n.casefold() not in known]
    if added:
        row.aliases = aliases + added
        save(row, user)


# -- one function per kind: (row, created?) -------------------------------------------------

def _person(user: Actor, p: Any, marking: str) -> tuple[Person, bool]:
    row = _find_named(Person, user, [p.name, *p.surfaces])
    created = row is None
    if created:
        row = parties.create_person(user, name=p.name, party=_ensure_party(user, p.party),
                                    aliases=[s for s in p.surfaces if s != p.name], marking=marking)
    else:
        _add_aliases(user, row, [p.name, *p.surfaces])
    _attach_new(user, row, _specs(user, p.evidence))
    return row, created


def _organization(user: Actor, p: Any, marking: str) -> tuple[Organization, bool]:
    row = _find_named(Organization, user, [p.name, *p.surfaces])
    created = row is None
    if created:
        row = parties.create_organization(user, name=p.name, party=_ensure_party(user, p.party),
                                          aliases=[s for s in p.surfaces if s != p.name],
                                          marking=marking)
    else:
        _add_aliases(user, row, [p.name, *p.surfaces])
    _attach_new(user, row, _specs(user, p.evidence))
    return row, created


def _series(user: Actor, name: str, party_codes: list[str], marking: str) -> DialogueSeries:
    for row in readable(DialogueSeries, user):
        if name.casefold() in {row.name.casefold(), (row.acronym or "").casefold()}:
            return row
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    acronym = "".join(w[0] for w in words) if len(words) >= 3 else ""
    return dialogue.create_series(user, name=name, acronym=acronym, marking=marking,
                                  parties=[_ensure_party(user, c) for c in party_codes])


def _round(user: Actor, p: Any, marking: str) -> tuple[Round, bool]:
    series = _series(user, p.series, p.parties, marking)
    row = readable(Round, user).filter(series=series, ordinal=p.ordinal).first()
    created = row is None
    specs = _specs(user, p.evidence)
    if created:
        row = dialogue.create_round(user, series=series, ordinal=p.ordinal, start=p.start,
                                    end=p.end, location=p.location or "", marking=marking,
                                    evidence=specs)
    else:
        _attach_new(user, row, specs)
    for i, lead in enumerate(p.leads):
        person = _find_named(Person, user, [lead.name])
        if person is None:
            person = parties.create_person(user, name=lead.name,
                                           party=_ensure_party(user, lead.party), marking=marking)
        _ensure_party(user, lead.party)
        part = readable(Participation, user).filter(delegation__round=row, person=person).first()
        if part is None:
            try:
                dialogue.add_participant(user, row, party=lead.party, person=person, role="lead",
                                         title=lead.title or "", marking=marking,
                                         evidence=_specs(user, lead.evidence))
            except DomainError as exc:
                raise DomainError(exc.message, field=f"payload.leads.{i}") from None
    return row, created


def _event(user: Actor, p: Any, marking: str) -> tuple[Event, bool]:
    if p.start is None:
        raise DomainError("the report does not say when this happened: edit the proposal to set "
                          "its start date before accepting it", field="payload.start")
    series = _series(user, p.series, [], marking) if p.series else None
    row = readable(Event, user).filter(name__iexact=p.name, start=p.start).first()
    if row is not None:
        _attach_new(user, row, _specs(user, p.evidence))
        return row, False
    return dialogue.create_event(user, kind=str(p.kind), name=p.name, start=p.start, end=p.end,
                                 location=p.location or "", series=series, marking=marking,
                                 evidence=_specs(user, p.evidence)), True


def _statement(user: Actor, p: Any, marking: str) -> tuple[Statement, bool]:
    rnd = None
    if p.round is not None:
        qs = readable(Round, user).filter(ordinal=p.round)
        if p.series:
            qs = qs.filter(models.Q(series__name__iexact=p.series)
                           | models.Q(series__acronym__iexact=p.series))
        rnd = qs.first()
        if rnd is None:
            raise DomainError(f"round {p.round} of {p.series or 'its series'} is not in the "
                              "record yet: accept its round proposal first", field="payload.round")
    specs = _specs(user, p.evidence)
    for spec in specs:  # the same span already supports a statement: that one is this one
        ev = readable(Evidence, user).filter(source=spec.source, start=spec.start, end=spec.end,
                                             content_type__model="statement").first()
        if ev is not None and readable(Statement, user).filter(pk=ev.object_id).exists():
            return readable(Statement, user).get(pk=ev.object_id), False
    return statements.add_statement(user, round=rnd, actor=p.actor, modality=str(p.modality),
                                    category=str(p.category), text=p.text, evidence=specs,
                                    marking=marking), True


def _thread(user: Actor, p: Any, marking: str) -> tuple[Thread, bool]:
    row = readable(Thread, user).filter(title__iexact=p.topic).first()
    created = row is None
    if created:
        row = threads.create_thread(user, title=p.topic[:300], category=str(p.category),
                                    owner=BOTH, marking=marking)
    accepted = readable(Proposal, user).filter(kind="statement", payload__key__in=p.statements,
                                               status__in=["accepted", "merged"],
                                               result_id__isnull=False)
    ids = [pr.result_id for pr in accepted]
    for stmt in readable(Statement, user).filter(pk__in=ids):
        threads.link_statement(user, row, stmt, confirmed=True)
    return row, created


_ACCEPT = {"person": _person, "organization": _organization, "round": _round, "event": _event,
           "statement": _statement, "thread": _thread}


def accept_proposal(user: Actor, proposal: Proposal, *, payload: dict[str, Any] | None = None,
                    note: str = "") -> models.Model:
    """Write the proposal's fact into the record (after the editor's edit, if ``payload``).

    The row is marked like the proposal. Returns the created or matched row.
    """
    with transaction.atomic():
        row = _pending(user, proposal)
        if payload is not None:
            payload = {**payload, "key": row.payload.get("key")}
        data = validate_payload(row.kind, payload if payload is not None else row.payload)
        if payload is not None:
            row.payload = data.model_dump(mode="json")
        result, created = _ACCEPT[row.kind](user, data, row.marking)
        if not created and not note:
            note = f"matched existing {result._meta.verbose_name} #{result.pk}"
        _decide(user, row, "accepted", note or ("edited, then accepted" if payload else ""), result)
        return result


def merge_targets(user: Actor, proposal: Proposal) -> models.QuerySet:
    """Rows of the record a proposal may be merged into (same kind, visible to the user)."""
    return readable(_MERGE_MODELS[proposal.kind], user)


def merge_proposal(user: Actor, proposal: Proposal, target_id: int, *, note: str = "") -> models.Model:
    """Fold a proposal into an existing row: its spellings become aliases, its spans evidence."""
    with transaction.atomic():
        row = _pending(user, proposal)
        target = merge_targets(user, row).filter(pk=target_id).first()
        if target is None:
            raise DomainError(f"no {row.kind} with id {target_id} to merge into", field="target")
        data = validate_payload(row.kind, row.payload) if row.kind != "round" else None
        if row.kind in ("person", "organization"):
            _add_aliases(user, target, [data.name, *data.surfaces])
        if row.kind == "thread":
            accepted = readable(Proposal, user).filter(
                kind="statement", payload__key__in=data.statements, result_id__isnull=False)
            for stmt in readable(Statement, user).filter(pk__in=[p.result_id for p in accepted]):
                threads.link_statement(user, target, stmt, confirmed=True)
        spans = [SpanPayload.model_validate(e) for e in row.payload.get("evidence", [])]
        if row.kind != "thread":
            _attach_new(user, target, _specs(user, spans))
        _decide(user, row, "merged", note or f"merged into {target}", target)
        return target


def reject_proposal(user: Actor, proposal: Proposal, *, note: str) -> Proposal:
    """Refuse a proposal; the reason is kept so the next reviewer sees why."""
    if not note or not note.strip():
        raise DomainError("say why the proposal is rejected", field="note")
    with transaction.atomic():
        return _decide(user, _pending(user, proposal), "rejected", note)


@dataclass
class AcceptAllReport:
    accepted: int = 0
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (id, kind, reason)


def accept_all(user: Actor, *, kinds: list[str] | None = None) -> AcceptAllReport:
    """Accept every pending proposal the user may see, kinds in dependency order.

    Each proposal is its own transaction: one that cannot be accepted as it stands (a round
    without dates, a statement without an actor) stays pending and is listed with the reason.
    """
    require_writer(user)
    report = AcceptAllReport()
    for kind in kinds or ACCEPT_ORDER:
        for proposal in readable(Proposal, user).filter(kind=kind, status="pending").order_by("pk"):
            try:
                accept_proposal(user, proposal)
                report.accepted += 1
            except DomainError as exc:
                report.failed.append((proposal.pk, kind, str(exc)))
    return report
