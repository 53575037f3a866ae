"""All record models, one module per aggregate."""

from jscd.record.models.assessment import (
    DECISION_OUTCOMES,
    AssessmentDecision,
    AssessmentOverride,
    AssessmentRun,
    CapabilityRating,
    Requirement,
)
from jscd.record.models.base import MarkedModel, RestrictedQuerySet, allowed_markings
from jscd.record.models.dialogue import (
    Delegation,
    DialogueSeries,
    Event,
    Meeting,
    Participation,
    Round,
)
from jscd.record.models.ingest import ConflictFlag, Proposal
from jscd.record.models.parties import Appointment, Organization, Party, Person
from jscd.record.models.programs import Milestone, Program
from jscd.record.models.sources import Evidence, Source
from jscd.record.models.statements import Statement
from jscd.record.models.threads import ComplianceScore, StatusChange, Thread, ThreadLink
from jscd.record.models.users import ApiToken, User

__all__ = [
    "DECISION_OUTCOMES",
    "ApiToken",
    "Appointment",
    "AssessmentDecision",
    "AssessmentOverride",
    "AssessmentRun",
    "CapabilityRating",
    "ComplianceScore",
    "ConflictFlag",
    "Delegation",
    "DialogueSeries",
    "Event",
    "Evidence",
    "MarkedModel",
    "Meeting",
    "Milestone",
    "Organization",
    "Participation",
    "Party",
    "Person",
    "Program",
    "Proposal",
    "Requirement",
    "RestrictedQuerySet",
    "Round",
    "Source",
    "Statement",
    "StatusChange",
    "Thread",
    "ThreadLink",
    "User",
    "allowed_markings",
]
