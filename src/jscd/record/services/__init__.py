"""The only code that writes the record. Each function runs in one transaction and raises
``jscd.core.DomainError`` naming the field when it refuses."""

from jscd.record.services.dialogue import (
    add_meeting,
    add_participant,
    create_event,
    create_round,
    create_series,
)
from jscd.record.services.parties import (
    add_appointment,
    create_organization,
    create_person,
    ensure_party,
    get_party,
)
from jscd.record.services.programs import add_milestone, create_program
from jscd.record.services.sources import EvidenceSpec, add_evidence, add_source, find_quote
from jscd.record.services.statements import add_statement
from jscd.record.services.threads import (
    create_thread,
    link_statement,
    move_thread_status,
    set_compliance,
)
from jscd.record.services.users import create_user, issue_token

__all__ = [
    "EvidenceSpec",
    "add_appointment",
    "add_evidence",
    "add_meeting",
    "add_milestone",
    "add_participant",
    "add_source",
    "add_statement",
    "create_event",
    "create_organization",
    "create_person",
    "create_program",
    "create_round",
    "create_series",
    "create_thread",
    "create_user",
    "ensure_party",
    "find_quote",
    "get_party",
    "issue_token",
    "link_statement",
    "move_thread_status",
    "set_compliance",
]
