"""Sources and evidence: every fact points at the characters it came from."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from jscd.core import JOINT, DomainError
from jscd.record.models import Evidence, Source
from jscd.record.services.base import Actor, check_marking, readable, require_writer, save

__all__ = ["EvidenceSpec", "add_evidence", "add_source", "checksum", "effective_markings", "find_quote"]


@dataclass(frozen=True)
class EvidenceSpec:
    """Where a fact was read: a source and a character span of its text."""

    source: Source
    start: int
    end: int


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add_source(
    user: Actor, *, text: str, title: str, publisher: str = "", published: dt.date | None = None,
    kind: str = "other", origin: str = "", marking: str = JOINT,
) -> tuple[Source, bool]:
    """Store a document once: the same text (by checksum) returns the stored row, not a copy."""
    require_writer(user)
    check_marking(user, marking)
    if not text.strip():
        raise DomainError("the document has no text", field="text")
    digest = checksum(text)
    with transaction.atomic():
        # Only a copy the writer may see counts: the other party's copy of the same bytes is
        # neither returned nor mentioned (each marking stores its own).
        existing = readable(Source, user).filter(checksum=digest).first()
        if existing is not None:
            return existing, False
        source = Source(text=text, title=title[:300], publisher=publisher, published=published,
                        kind=kind, origin=origin[:500], checksum=digest, marking=marking)
        return save(source, user), True


def find_quote(source: Source, quote: str, occurrence: int = 1) -> EvidenceSpec:
    """The span of the n-th occurrence of ``quote`` in the source, or a DomainError."""
    start = -1
    for _ in range(occurrence):
        start = source.text.find(quote, start + 1)
        if start < 0:
            raise DomainError(f"quote not found in source {source.title!r}: {quote[:60]!r}",
                              field="evidence.quote")
    return EvidenceSpec(source, start, start + len(quote))


def effective_markings(obj: models.Model) -> set[str]:
    """The party markings a row really carries: its own and those of the parents it hangs from."""
    found = {getattr(obj, "marking", JOINT)}
    for path in getattr(type(obj), "visibility_via", ()):
        parent = obj
        for name in path.split("__"):
            parent = getattr(parent, name, None) if parent is not None else None
        if parent is not None:
            found |= effective_markings(parent)
    return found - {JOINT}


def _evidence_marking(target: models.Model, source: Source) -> str:
    """Evidence is as restricted as the stricter of its fact (with its parents) and its source.

    Evidence is read on its own (the API lists it), so it must never be more visible than the
    fact it supports.
    """
    markings = effective_markings(target) | ({source.marking} - {JOINT})
    if len(markings) > 1:
        raise DomainError("a fact of one party cannot cite a source of the other",
                          field="evidence.source")
    return markings.pop() if markings else JOINT


def add_evidence(user: Actor, target: models.Model, spec: EvidenceSpec) -> Evidence:
    """Attach a span of a source to any fact, after checking the span lies inside the text."""
    require_writer(user)
    source = spec.source
    if not readable(Source, user).filter(pk=source.pk).exists():
        raise DomainError("no such source", field="evidence.source")
    length = len(source.text)
    if not (0 <= spec.start < spec.end <= length):
        raise DomainError(
            f"span {spec.start}-{spec.end} lies outside the document "
            f"{source.title!r} ({length} characters)", field="evidence.end")
    with transaction.atomic():
        evidence = Evidence(
            source=source, start=spec.start, end=spec.end,
            content_type=ContentType.objects.get_for_model(type(target)),
            object_id=target.pk, marking=_evidence_marking(target, source),
        )
        return save(evidence, user, exclude=["content_type"])
