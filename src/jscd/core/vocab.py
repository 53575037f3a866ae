"""The dialogue's vocabulary, defined once.

Every layer (extraction, assessment, the record, the API) speaks these words; keeping them
here means a new modality or category is added in one place and validated everywhere.
"""

from __future__ import annotations

import re
from enum import IntEnum, StrEnum
from functools import lru_cache

import pycountry

__all__ = [
    "BOTH",
    "COMMITMENT_MODALITIES",
    "JOINT",
    "Category",
    "Compliance",
    "EventKind",
    "MentionedEventKind",
    "Modality",
    "ParticipationRole",
    "ProgramKind",
    "Role",
    "ThreadStatus",
    "is_party_code",
    "party_name",
    "validate_actor",
    "validate_marking",
    "validate_party_code",
]

#: Marking of a row both parties may see.
JOINT = "JOINT"
#: Actor of a statement made by both parties together.
BOTH = "BOTH"

_ALPHA3 = re.compile(r"^[A-Z]{3}$")


class Modality(StrEnum):
    """How firmly a statement binds its actor; the first four are commitments."""

    DECIDED = "decided"
    PLEDGED = "pledged"
    REAFFIRMED = "reaffirmed"
    INTENDS = "intends"
    DISCUSSED = "discussed"


COMMITMENT_MODALITIES = frozenset(
    {Modality.DECIDED, Modality.PLEDGED, Modality.REAFFIRMED, Modality.INTENDS}
)


class Category(StrEnum):
    """What a statement is about (DESIGN.md vocabulary)."""

    DIALOGUE = "dialogue"
    GOVERNANCE_BODY = "governance_body"
    AGREEMENT = "agreement"
    COALITION_TRANSITION = "coalition_transition"
    COUNTER_ISIS = "counter_isis"
    FORCE_PRESENCE = "force_presence"
    FORCE_PROTECTION = "force_protection"
    SECURITY_ASSISTANCE = "security_assistance"
    SUSTAINMENT = "sustainment"
    EDUCATION_TRAINING = "education_training"
    EXERCISES = "exercises"
    LIAISON = "liaison"
    REPATRIATION = "repatriation"
    CAPABILITY_DEVELOPMENT = "capability_development"


class ThreadStatus(StrEnum):
    """Where a commitment followed across rounds stands."""

    ANNOUNCED = "announced"
    IN_PROGRESS = "in_progress"
    FULFILLED = "fulfilled"
    LAPSED = "lapsed"
    SUPERSEDED = "superseded"

    @property
    def is_open(self) -> bool:
        """Open threads still need someone to act; closed ones only need their record."""
        return self in (ThreadStatus.ANNOUNCED, ThreadStatus.IN_PROGRESS)


class Compliance(IntEnum):
    """Summit-compliance score of one party on one thread at one round."""

    NONE = -1
    PARTIAL = 0
    FULL = 1


class Role(StrEnum):
    """What a user may do inside their own party's view of the record."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    def can_write(self) -> bool:
        return self in (Role.EDITOR, Role.ADMIN)


class ParticipationRole(StrEnum):
    LEAD = "lead"
    MEMBER = "member"


class EventKind(StrEnum):
    """Meetings outside the dialogue's rounds that a round may build on."""

    STRATEGIC_DIALOGUE = "strategic_dialogue"
    COORDINATING_COMMITTEE = "coordinating_committee"
    MEETING = "meeting"
    VISIT = "visit"
    CALL = "call"
    STATEMENT = "statement"
    OTHER = "other"


class MentionedEventKind(StrEnum):
    """What kind of encounter a document reports (the extraction vocabulary of ``events``).

    A ``dialogue_round`` is a session of a named series; a ``meeting`` is an in-person
    encounter outside one, a ``call`` a phone or video call, a ``visit`` a trip to the other
    party, a ``statement`` a joint statement or readout issued without a reported meeting.
    """

    DIALOGUE_ROUND = "dialogue_round"
    MEETING = "meeting"
    CALL = "call"
    VISIT = "visit"
    STATEMENT = "statement"


class ProgramKind(StrEnum):
    """Security cooperation programs through which commitments are carried out."""

    FMS = "fms"
    FMF = "fmf"
    EDUCATION_TRAINING = "education_training"
    EXERCISE = "exercise"
    LIAISON = "liaison"
    SUSTAINMENT = "sustainment"
    AGREEMENT = "agreement"


@lru_cache(maxsize=512)
def is_party_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 country code."""
    if not isinstance(code, str) or not _ALPHA3.match(code):
        return False
    return pycountry.countries.get(alpha_3=code) is not None


def validate_party_code(code: str) -> str:
    """Return ``code`` or raise ``ValueError`` naming it, so callers can say which field is bad."""
    if not is_party_code(code):
        raise ValueError(f"unknown party code {code!r} (expected an ISO 3166-1 alpha-3 code)")
    return code


def party_name(code: str) -> str:
    """The common English name of a party, for display and reports."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise ValueError(f"unknown party code {code!r}")
    return getattr(country, "common_name", None) or country.name


def validate_marking(marking: str) -> str:
    """A marking is JOINT or a single party's code."""
    if marking == JOINT:
        return marking
    try:
        return validate_party_code(marking)
    except ValueError:
        raise ValueError(
            f"unknown marking {marking!r} (expected {JOINT!r} or a party code)"
        ) from None


def validate_actor(actor: str) -> str:
    """A statement's actor is a party code or BOTH."""
    if actor == BOTH:
        return actor
    try:
        return validate_party_code(actor)
    except ValueError:
        raise ValueError(f"unknown actor {actor!r} (expected {BOTH!r} or a party code)") from None
