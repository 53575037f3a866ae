"""Ingest: documents become stored sources and proposals for review, never facts directly.

Each file is read and extracted by :mod:`jscd.extract`, then written in ONE transaction: its
:class:`~jscd.record.models.Source` (stored once, by checksum of its text) and what that one
document says (people, organizations, statements, the contradictions it shows on its own).
A file that cannot be read or extracted writes nothing and is reported with the reason; the
batch goes on. What needs several documents (which reports describe the same round, each
slot by vote; threads across rounds; disagreements between reports) is reconciled once the
batch is read, over the new documents together with those already stored, and written in a
last transaction.

Proposals are keyed (``payload["key"]``) by what makes two of them the same fact: a person by
canonical name, a round by series and ordinal, a statement by its span in its source. A key
seen again gains the new sources instead of becoming a second proposal, so ingesting the same
documents twice writes nothing new.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from django.db import transaction

from jscd.core import JOINT, DocumentResult, DomainError, RecordProposal
from jscd.extract import ExtractError, LoadedDocument, expand_paths, load_document, reconcile
from jscd.extract.reconcile import apply_record
from jscd.extract.workers import ExtractionPool, TextJob, extract_job
from jscd.record.models import ConflictFlag, Proposal, Source
from jscd.record.services.base import Actor, check_marking, readable, require_writer, save
from jscd.record.services.ingest_events import event_payloads
from jscd.record.services.sources import add_source, checksum

__all__ = [
    "FileOutcome", "IngestReport", "flag_conflict", "ingest_paths", "plan_paths", "readable",
    "upsert_proposal",
]

PathLike = str | os.PathLike[str]


@dataclass
class FileOutcome:
    """What happened to one file: stored (with how many proposals), skipped, or failed."""

    path: str
    status: Literal["stored", "skipped", "failed"]
    source_id: int | None = None
    proposals: int = 0
    conflicts: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    proposals: int = 0
    conflicts: int = 0
    batch_error: str | None = None

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def stored(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "stored"]

    @property
    def skipped(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "skipped"]


def plan_paths(paths: Iterable[PathLike]) -> list[Path | ExtractError]:
    """The files a batch will read (directories expanded), so a progress bar knows the total."""
    return list(expand_paths(paths))


# -- writing proposals and conflicts --------------------------------------------------------

def _merge_spans(old: list[dict], new: list[dict]) -> list[dict]:
    seen = {(e["source"], e["start"], e["end"]) for e in old}
    merged = list(old)
    for e in new:
        if (e["source"], e["start"], e["end"]) not in seen:
            seen.add((e["source"], e["start"], e["end"]))
            merged.append(e)
    return merged


def upsert_proposal(
    user: Actor, kind: str, payload: dict[str, Any], sources: Iterable[Source], marking: str,
) -> tuple[Proposal, bool]:
    """Create the proposal for ``payload["key"]``, or add to the one already there.

    A pending proposal takes the new values and the union of evidence and surfaces; a decided
    one keeps its decision and payload and only gains the sources that mention it again.
    """
    require_writer(user)
    check_marking(user, marking)
    sources = list(sources)
    with transaction.atomic():
        existing = readable(Proposal, user).filter(kind=kind, payload__key=payload["key"]).first()
        if existing is None:
            proposal = save(Proposal(kind=kind, payload=payload, marking=marking), user)
            proposal.sources.add(*sources)
            return proposal, True
        if existing.status == "pending":
            merged = {**existing.payload, **{k: v for k, v in payload.items() if v is not None}}
            merged["evidence"] = _merge_spans(existing.payload.get("evidence", []),
                                              payload.get("evidence", []))
            if "surfaces" in payload:
                merged["surfaces"] = sorted(set(existing.payload.get("surfaces", []))
                                            | set(payload["surfaces"]))
            if merged != existing.payload:
                existing.payload = merged
                save(existing, user)
        known = set(existing.sources.values_list("pk", flat=True))
        existing.sources.add(*[s for s in sources if s.pk not in known])
        return existing, False


def flag_conflict(
    user: Actor, *, kind: str, surface: str, canonical: str | None, detail: str | None,
    sources: Iterable[Source], marking: str = JOINT,
) -> tuple[ConflictFlag | None, bool]:
    """Record a contradiction (once per kind, surface and canonical form) with its sources.

    A flag the actor may not read (the other party's) is left alone and not reported, so
    ingesting never reveals that the other party saw the same contradiction.
    """
    require_writer(user)
    check_marking(user, marking)
    sources = list(sources)
    with transaction.atomic():
        existing = readable(ConflictFlag, user).filter(
            kind=kind, surface=surface[:300], canonical=(canonical or "")[:300]).first()
        if existing is not None:
            known = set(existing.sources.values_list("pk", flat=True))
            existing.sources.add(*[s for s in sources if s.pk not in known])
            return existing, False
        flag = save(ConflictFlag(kind=kind, surface=surface[:300], canonical=(canonical or "")[:300],
                                 detail=detail or "", marking=marking), user)
        flag.sources.add(*sources)
        return flag, True


# -- what one document proposes -------------------------------------------------------------

def _span(source: Source, start: int, end: int, label: str | None = None) -> dict[str, Any]:
    return {"source": source.pk, "start": start, "end": end, "label": label}


def statement_key(source: Source, start: int, end: int) -> str:
    return f"statement:{source.checksum[:16]}:{start}-{end}"


def _doc_series(result: DocumentResult) -> str | None:
    main = [m for m in result.rounds if m.main and m.series] or [m for m in result.rounds if m.series]
    return main[0].series if main else None


def _document_proposals(user: Actor, result: DocumentResult, source: Source,
                        marking: str) -> tuple[int, int]:
    """People, organizations, events, statements and the document's own conflicts; (new, conflicts)."""
    new = 0
    for kind, mentions in (("person", result.people), ("organization", result.organizations)):
        by_name: dict[str, dict[str, Any]] = {}
        for m in mentions:
            item = by_name.setdefault(m.name, {
                "key": f"{kind}:{m.name}", "name": m.name, "party": m.party, "surfaces": [],
                "evidence": [], **({"title": m.title} if kind == "person" else {})})
            if m.surface != m.name and m.surface not in item["surfaces"]:
                item["surfaces"].append(m.surface)
            if kind == "person" and not item.get("title") and m.title:
                item["title"] = m.title
            item["evidence"].append(_span(source, m.start, m.end, m.surface))
        for payload in by_name.values():
            new += upsert_proposal(user, kind, payload, [source], marking)[1]
    for payload in event_payloads(result, source, _span):
        new += upsert_proposal(user, "event", payload, [source], marking)[1]
    series = _doc_series(result)
    for s in result.statements:
        payload = {
            "key": statement_key(source, s.start, s.end), "actor": s.actor,
            "modality": str(s.modality), "category": str(s.category) if s.category else None,
            "text": s.text, "series": series, "round": s.round, "negated": s.negated,
            "hypothetical": s.hypothetical, "historical": s.historical,
            "evidence": [_span(source, s.start, s.end)],
        }
        new += upsert_proposal(user, "statement", payload, [source], marking)[1]
    conflicts = 0
    for c in result.conflicts:
        conflicts += flag_conflict(user, kind=c.kind, surface=c.surface, canonical=c.canonical,
                                   detail=c.detail, sources=[source], marking=marking)[1]
    return new, conflicts


# -- what the batch proposes together -------------------------------------------------------

@dataclass
class _Batch:
    user: Actor
    marking: str
    results: dict[str, DocumentResult] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    new_ids: list[str] = field(default_factory=list)

    def add(self, result: DocumentResult, source: Source, new: bool) -> None:
        if result.id in self.sources and self.sources[result.id].pk != source.pk:
            result.id = f"{result.id}#{source.pk}"
        self.results[result.id], self.sources[result.id] = result, source
        if new:
            self.new_ids.append(result.id)


def _round_payload(prop: Any, batch: _Batch) -> dict[str, Any]:
    evidence: list[dict[str, Any]] = []
    leads: list[dict[str, Any]] = []
    for doc_id, result in batch.results.items():
        src = batch.sources[doc_id]
        for m in result.rounds:
            same = (m.series == prop.series and m.ordinal is not None and m.ordinal == prop.ordinal)
            if same or (m.main and doc_id in prop.documents):
                evidence += [_span(src, e.start, e.end, m.date_text) for e in m.evidence]
    for party, name in sorted(prop.leads.items()):
        lead: dict[str, Any] = {"party": party, "name": name, "title": None, "evidence": []}
        for doc_id in prop.documents:
            for p in batch.results[doc_id].people:
                if p.name == name:
                    lead["title"] = lead["title"] or p.title
                    lead["evidence"].append(_span(batch.sources[doc_id], p.start, p.end, p.surface))
        leads.append(lead)
    key = (f"round:{prop.series}:{prop.ordinal}" if prop.ordinal is not None
           else f"round:{prop.series}:?:{prop.start or ','.join(prop.documents)}")
    return {
        "key": key, "series": prop.series, "parties": prop.parties, "ordinal": prop.ordinal,
        "start": prop.start.isoformat() if prop.start else None,
        "end": prop.end.isoformat() if prop.end else None, "location": prop.location,
        "leads": leads, "documents": [batch.sources[d].pk for d in prop.documents],
        "slots": {k: v.model_dump(mode="json") for k, v in prop.slots.items()},
        "evidence": _merge_spans([], evidence),
    }


def _reconcile_batch(batch: _Batch, report: IngestReport) -> None:
    record: RecordProposal = reconcile(batch.results.values())
    apply_record(list(batch.results.values()), record)
    user, marking = batch.user, batch.marking
    with transaction.atomic():
        for doc_id in batch.new_ids:  # statements that reconciliation placed in a round
            src = batch.sources[doc_id]
            for s in batch.results[doc_id].statements:
                if s.round is not None:
                    p = readable(Proposal, user).filter(
                        kind="statement", status="pending",
                        payload__key=statement_key(src, s.start, s.end)).first()
                    if p is not None and p.payload.get("round") != s.round:
                        p.payload = {**p.payload, "round": s.round}
                        save(p, user)
        by_pk = {s.pk: s for s in batch.sources.values()}
        for prop in record.rounds:
            payload = _round_payload(prop, batch)
            cited = {e["source"] for e in payload["evidence"]} | set(payload["documents"])
            report.proposals += upsert_proposal(user, "round", payload,
                                                [by_pk[pk] for pk in sorted(cited)], marking)[1]
        for t in record.threads:
            keys, srcs, evidence = [], [], []
            for doc_id, idx in t.statements:
                s, src = batch.results[doc_id].statements[idx], batch.sources[doc_id]
                keys.append(statement_key(src, s.start, s.end))
                evidence.append(_span(src, s.start, s.end))
                if src not in srcs:
                    srcs.append(src)
            payload = {"key": f"thread:{t.category}", "topic": t.topic,
                       "category": str(t.category) if t.category else None, "rounds": t.rounds,
                       "statements": keys, "score": t.score, "evidence": evidence}
            report.proposals += upsert_proposal(user, "thread", payload, srcs, marking)[1]
        for c in record.conflicts:
            srcs = [batch.sources[d] for d in c.documents if d in batch.sources]
            report.conflicts += flag_conflict(user, kind=c.kind, surface=c.surface,
                                              canonical=c.canonical, detail=c.detail,
                                              sources=srcs, marking=marking)[1]


def _stored_results(batch: _Batch, pool: ExtractionPool) -> None:
    """Earlier ingested sources join the reconciliation, re-read from their stored text."""
    markings = {JOINT, batch.marking}
    stored = list(readable(Source, batch.user)
                  .filter(proposals__isnull=False, marking__in=markings)
                  .exclude(pk__in=[s.pk for s in batch.sources.values()]).distinct())
    jobs = (TextJob(src.text, Path(src.origin).name or f"source-{src.pk}", src.published,
                    src.title, src.checksum, src.origin or f"source #{src.pk}") for src in stored)
    for src, result in zip(stored, pool.map(extract_job, jobs), strict=True):
        if isinstance(result, ExtractError):  # stored text that no longer extracts: as before
            raise result
        batch.add(result, src, new=False)


def _stored_already(user: Actor, doc: LoadedDocument) -> Source | None:
    """The source already holding this text, if the actor may see it (then the file is skipped)."""
    return readable(Source, user).filter(checksum=checksum(doc.text)).first()


def _skipped(shown: str, existing: Source) -> FileOutcome:
    return FileOutcome(path=shown, status="skipped", source_id=existing.pk,
                       message=f"already stored as source #{existing.pk}")


def _read_one(user: Actor, item: Path | ExtractError) -> FileOutcome | LoadedDocument:
    """Read one file in this process: an outcome if it fails or is already stored."""
    if isinstance(item, ExtractError):
        return FileOutcome(path=item.file or "?", status="failed", message=item.message)
    try:
        doc = load_document(item)
    except ExtractError as exc:
        return FileOutcome(path=str(item), status="failed", message=exc.message)
    existing = _stored_already(user, doc)
    return _skipped(str(item), existing) if existing is not None else doc


def _store_one(user: Actor, shown: str, doc: LoadedDocument,
               result: DocumentResult | ExtractError, marking: str, kind: str,
               batch: _Batch) -> FileOutcome:
    """Write one extracted file (its source and proposals) in one transaction."""
    if isinstance(result, ExtractError):
        return FileOutcome(path=shown, status="failed", message=result.message)
    # read ahead of the writes (in parallel runs), so a copy stored meanwhile is caught here
    existing = _stored_already(user, doc)
    if existing is not None:
        return _skipped(shown, existing)
    warnings = [*doc.warnings, *result.warnings]
    try:
        with transaction.atomic():
            source, _ = add_source(user, text=doc.text, title=doc.title or result.title or doc.id,
                                   published=result.published or doc.published, kind=kind,
                                   origin=shown, marking=marking)
            proposals, conflicts = _document_proposals(user, result, source, marking)
    except DomainError as exc:
        return FileOutcome(path=shown, status="failed", message=str(exc), warnings=warnings)
    batch.add(result, source, new=True)
    return FileOutcome(path=shown, status="stored", source_id=source.pk, proposals=proposals,
                       conflicts=conflicts, warnings=warnings)


def _outcomes(user: Actor, items: Iterable[Path | ExtractError], marking: str, kind: str,
              batch: _Batch, pool: ExtractionPool) -> Iterator[FileOutcome]:
    """Every file's outcome, in order: read here, extracted by the pool, written here.

    Files are read and checked against the stored sources before extraction, so a file
    already stored costs no extraction; only texts to extract go to the workers.
    """
    read: deque[tuple[str, FileOutcome | LoadedDocument]] = deque()

    def jobs() -> Iterator[TextJob]:
        for item in items:
            got = _read_one(user, item)
            read.append((str(item) if isinstance(item, Path) else "", got))
            if isinstance(got, LoadedDocument):
                yield TextJob(got.text, got.id, got.published, got.title, got.checksum,
                              str(item))

    results = pool.map(extract_job, jobs())
    held: DocumentResult | ExtractError | None = None  # the result of the first text read
    while True:
        while read and not isinstance(read[0][1], LoadedDocument):
            yield read.popleft()[1]  # type: ignore[misc]  # failed or skipped, in order
        if read:
            shown, doc = read.popleft()
            result = held if held is not None else next(results)
            held = None
            yield _store_one(user, shown, doc, result, marking, kind, batch)  # type: ignore[arg-type]
        else:
            held = next(results, None)  # reads files until one is to be extracted
            if held is None and not read:
                return


def ingest_paths(
    user: Actor, paths: Iterable[PathLike | Path | ExtractError], *, marking: str = JOINT,
    kind: str = "news", on_file: Callable[[FileOutcome], None] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Store each file and its proposals (one transaction each), then reconcile the batch.

    ``paths`` may be what :func:`plan_paths` returned. Failures are reported per file; the
    batch always continues. Nothing is reconciled when no file was new (a repeated run).
    ``workers`` > 1 extracts over that many processes (:mod:`jscd.extract.workers`); files
    are still read, and every row written, here and in order, so the outcome is the same.
    """
    require_writer(user)
    check_marking(user, marking)
    if kind not in Source.KINDS:
        raise DomainError(f"unknown source kind {kind!r} (one of {', '.join(Source.KINDS)})",
                          field="kind")
    report, batch = IngestReport(), _Batch(user, marking)
    items = [p if isinstance(p, Path | ExtractError) else Path(p) for p in paths]
    expanded = [x for p in items for x in (expand_paths([p]) if isinstance(p, Path) else [p])]
    with ExtractionPool(max(1, min(workers, len(expanded)))) as pool:
        for outcome in _outcomes(user, expanded, marking, kind, batch, pool):
            report.files.append(outcome)
            report.proposals += outcome.proposals
            report.conflicts += outcome.conflicts
            if on_file is not None:
                on_file(outcome)
        if batch.new_ids:
            try:
                _stored_results(batch, pool)
                _reconcile_batch(batch, report)
            except DomainError as exc:
                report.batch_error = f"reconciling the batch: {exc}"
    return report
