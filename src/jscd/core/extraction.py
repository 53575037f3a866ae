"""The schemas that cross the extract → reconcile → record boundary (``jscd-extract/1``).

They are pydantic models so that the CLI's ``--json`` output, the ingest service and the API
all validate the same shape, and a JSON Schema can be published from one definition.
Unknown values are ``None``: an extractor never guesses.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from jscd.core.vocab import Category, MentionedEventKind, Modality, validate_actor, validate_party_code

__all__ = [
    "SCHEMA",
    "Conflict",
    "DocumentExtraction",
    "DocumentResult",
    "EventMention",
    "Extraction",
    "OrganizationMention",
    "PersonMention",
    "RecordProposal",
    "RoundMention",
    "RoundProposal",
    "SlotVote",
    "Span",
    "StatementMention",
    "ThreadProposal",
]

SCHEMA = "jscd-extract/1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Strict):
    """Character offsets into a document's text as read (end exclusive)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} precedes start {self.start}")
        return self


class RoundMention(_Strict):
    series: str | None = None
    parties: list[str] = Field(default_factory=list)
    ordinal: int | None = Field(default=None, ge=1)
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    evidence: list[Span] = Field(default_factory=list)
    # Optional additions (jscd.extract): what a report says about a round short of exact dates.
    leads: dict[str, str] = Field(
        default_factory=dict, description="party code -> canonical name of the delegation's lead"
    )
    partial_start: str | None = Field(
        default=None, pattern=r"^--\d\d-\d\d$", description="--MM-DD when the year is unknown"
    )
    partial_end: str | None = Field(default=None, pattern=r"^--\d\d-\d\d$")
    earliest: dt.date | None = Field(default=None, description="bound from 'last summer' etc.")
    latest: dt.date | None = None
    date_text: str | None = Field(default=None, description="the date as the report wrote it")
    main: bool = Field(default=False, description="the round this document reports")

    @field_validator("parties")
    @classmethod
    def _parties(cls, value: list[str]) -> list[str]:
        return sorted(validate_party_code(p) for p in value)


class EventMention(_Strict):
    """An encounter the document reports: a dialogue round, meeting, call, visit or statement.

    ``rounds`` (DESIGN.md) stays as it was for the dialogue rounds; ``events`` is the
    compatible addition that also holds what happens between rounds. Slots a document does
    not state are ``None``.
    """

    kind: MentionedEventKind
    series: str | None = None
    ordinal: int | None = Field(default=None, ge=1)
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    parties: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    main: bool = Field(default=False, description="the event this document reports")

    @field_validator("parties")
    @classmethod
    def _parties(cls, value: list[str]) -> list[str]:
        return sorted({validate_party_code(p) for p in value})


class PersonMention(Span):
    name: str
    surface: str
    party: str | None = None
    title: str | None = None

    @field_validator("party")
    @classmethod
    def _party(cls, value: str | None) -> str | None:
        return None if value is None else validate_party_code(value)


class OrganizationMention(Span):
    name: str
    surface: str
    party: str | None = None

    @field_validator("party")
    @classmethod
    def _party(cls, value: str | None) -> str | None:
        return None if value is None else validate_party_code(value)


class StatementMention(Span):
    actor: str | None = None
    modality: Modality
    category: Category | None = None
    round: int | None = Field(default=None, ge=1)
    text: str
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False

    @field_validator("actor")
    @classmethod
    def _actor(cls, value: str | None) -> str | None:
        return None if value is None else validate_actor(value)


class DocumentResult(_Strict):
    """What one document says, with offsets into its own text."""

    id: str
    title: str | None = None
    published: dt.date | None = None
    checksum: str | None = None
    rounds: list[RoundMention] = Field(default_factory=list)
    people: list[PersonMention] = Field(default_factory=list)
    organizations: list[OrganizationMention] = Field(default_factory=list)
    statements: list[StatementMention] = Field(default_factory=list)
    # Optional addition (jscd.extract): every encounter reported, rounds included.
    events: list[EventMention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Optional addition (jscd.extract): contradictions visible inside this one document.
    conflicts: list[Conflict] = Field(default_factory=list)


class SlotVote(_Strict):
    """One slot of a reconciled round: the value chosen and who supports or contradicts it."""

    value: str | int | None = None
    support: list[str] = Field(default_factory=list)
    against: dict[str, list[str]] = Field(default_factory=dict)


class RoundProposal(_Strict):
    series: str | None = None
    parties: list[str] = Field(default_factory=list)
    ordinal: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    leads: dict[str, str] = Field(default_factory=dict)
    documents: list[str] = Field(default_factory=list)
    slots: dict[str, SlotVote] = Field(default_factory=dict)


class Conflict(_Strict):
    """A contradiction between reports, shown to people and never silently resolved."""

    kind: Literal[
        "name_variant",
        "wrong_expansion",
        "mistranslation",
        "date_disagreement",
        "ordinal_disagreement",
        "location_disagreement",
        "other",
    ]
    surface: str
    canonical: str | None = None
    documents: list[str] = Field(default_factory=list)
    detail: str | None = None


class ThreadProposal(_Strict):
    """The same commitment seen at several rounds."""

    topic: str
    category: Category | None = None
    rounds: list[int] = Field(default_factory=list)
    statements: list[tuple[str, int]] = Field(
        default_factory=list, description="(document id, index into its statements)"
    )
    score: float | None = None


class RecordProposal(_Strict):
    rounds: list[RoundProposal] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    threads: list[ThreadProposal] = Field(default_factory=list)


class DocumentExtraction(_Strict):
    """The whole ``jscd extract --json`` output."""

    schema_: Literal["jscd-extract/1"] = Field(default=SCHEMA, alias="schema")
    documents: list[DocumentResult] = Field(default_factory=list)
    record: RecordProposal = Field(default_factory=RecordProposal)
    # Optional addition (jscd.extract): files that could not be read, "path: reason" each.
    errors: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


#: Short alias used across the code base.
Extraction = DocumentExtraction


DocumentResult.model_rebuild()
