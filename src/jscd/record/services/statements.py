"""Statements of a round, each with the evidence it was read from."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from jscd.core import JOINT, Category, DomainError, Modality, validate_actor
from jscd.record.models import Round, Statement
from jscd.record.services.base import Actor, check_marking, require_writer, save
from jscd.record.services.sources import EvidenceSpec, add_evidence

__all__ = ["add_statement"]


def add_statement(
    user: Actor, *, round: Round | None, actor: str, modality: str, category: str, text: str,
    evidence: Iterable[EvidenceSpec] = (), marking: str = JOINT,
) -> Statement:
    """Add what a party (or both) said, checked against the vocabulary before anything is saved."""
    require_writer(user)
    check_marking(user, marking)
    try:
        validate_actor(actor)
    except ValueError as exc:
        raise DomainError(str(exc), field="actor") from None
    if modality not in {m.value for m in Modality}:
        raise DomainError(f"unknown modality {modality!r}", field="modality")
    if category not in {c.value for c in Category}:
        raise DomainError(f"unknown category {category!r}", field="category")
    if not text.strip():
        raise DomainError("a statement needs its text", field="text")
    with transaction.atomic():
        stmt = save(Statement(round=round, actor=actor, modality=modality, category=category,
                              text=text.strip(), marking=marking), user)
        for spec in evidence:
            add_evidence(user, stmt, spec)
        return stmt
