"""The shape of each proposal's payload, validated before anything is accepted.

A proposal's payload is what ingestion read from the documents; an editor may change it
before accepting (edit-then-accept). Both paths validate the payload with the model of its
kind here, so an edit that breaks the vocabulary (an unknown modality, a round that ends
before it starts) is refused with the field named, and nothing is written.

Evidence in a payload names a stored :class:`~jscd.record.models.Source` by id and a
character span of its text, so an accepted fact keeps pointing at the words it came from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jscd.core import Category, DomainError, EventKind, Modality, validate_actor, validate_party_code

__all__ = [
    "PAYLOADS",
    "EventPayload",
    "LeadPayload",
    "OrganizationPayload",
    "PersonPayload",
    "RoundPayload",
    "SpanPayload",
    "StatementPayload",
    "ThreadPayload",
    "validate_payload",
]


class SpanPayload(BaseModel):
    model_config = ConfigDict(extra="allow")

    source: int = Field(ge=1, description="id of the stored Source")
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    label: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SpanPayload:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} is not after start {self.start}")
        return self


class _Payload(BaseModel):
    # Extra keys are kept (the slot votes of a round, surfaces...) but never trusted.
    model_config = ConfigDict(extra="allow")

    key: str = Field("", description="what makes two proposals the same fact")
    evidence: list[SpanPayload] = Field(default_factory=list)


def _party(value: str | None) -> str | None:
    return None if value in (None, "") else validate_party_code(value)


class LeadPayload(BaseModel):
    model_config = ConfigDict(extra="allow")

    party: str
    name: str = Field(min_length=1)
    title: str | None = None
    evidence: list[SpanPayload] = Field(default_factory=list)

    @field_validator("party")
    @classmethod
    def check_party(cls, value: str) -> str:
        return validate_party_code(value)


class RoundPayload(_Payload):
    series: str = Field(min_length=1)
    parties: list[str] = Field(default_factory=list)
    ordinal: int = Field(ge=1)
    start: dt.date
    end: dt.date
    location: str | None = None
    leads: list[LeadPayload] = Field(default_factory=list)

    @field_validator("parties")
    @classmethod
    def check_parties(cls, value: list[str]) -> list[str]:
        return sorted(validate_party_code(p) for p in value)

    @model_validator(mode="after")
    def _dates(self) -> RoundPayload:
        if self.end < self.start:
            raise ValueError(f"the round ends ({self.end}) before it starts ({self.start})")
        return self


class EventPayload(_Payload):
    """An encounter a report names. Its date may be unknown to the report: the proposal then
    waits for a reviewer to set it, since the record holds no undated event."""

    kind: EventKind
    name: str = Field(min_length=1)
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    series: str | None = None
    parties: list[str] = Field(default_factory=list)

    @field_validator("parties")
    @classmethod
    def check_parties(cls, value: list[str]) -> list[str]:
        return sorted(validate_party_code(p) for p in value)


class PersonPayload(_Payload):
    name: str = Field(min_length=1)
    party: str | None = None
    title: str | None = None
    surfaces: list[str] = Field(default_factory=list)

    @field_validator("party")
    @classmethod
    def check_party(cls, value: str | None) -> str | None:
        return _party(value)


class OrganizationPayload(_Payload):
    name: str = Field(min_length=1)
    party: str | None = None
    surfaces: list[str] = Field(default_factory=list)

    @field_validator("party")
    @classmethod
    def check_party(cls, value: str | None) -> str | None:
        return _party(value)


class StatementPayload(_Payload):
    actor: str
    modality: Modality
    category: Category
    text: str = Field(min_length=1)
    series: str | None = None
    round: int | None = Field(default=None, ge=1)
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False

    @field_validator("actor")
    @classmethod
    def check_actor(cls, value: str) -> str:
        return validate_actor(value)


class ThreadPayload(_Payload):
    topic: str = Field(min_length=1)
    category: Category
    rounds: list[int] = Field(default_factory=list)
    statements: list[str] = Field(default_factory=list, description="keys of statement proposals")


PAYLOADS: dict[str, type[_Payload]] = {
    "round": RoundPayload, "event": EventPayload, "person": PersonPayload,
    "organization": OrganizationPayload, "statement": StatementPayload, "thread": ThreadPayload,
}


def validate_payload(kind: str, payload: Any) -> Any:
    """The payload as its kind's model, or a DomainError naming the first bad field."""
    model = PAYLOADS.get(kind)
    if model is None:
        raise DomainError(f"unknown proposal kind {kind!r}", field="kind")
    if not isinstance(payload, dict):
        raise DomainError("a proposal's payload must be a JSON object", field="payload")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = first.get("msg", "invalid").removeprefix("Value error, ")
        if first.get("type") == "missing" or first.get("input", "") is None:
            message = f"not known from the documents; a {kind} needs it: edit the proposal to give it"
        raise DomainError(message, field=f"payload.{where}" if where else "payload") from None
