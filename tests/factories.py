"""Build one row of every aggregate under a given marking, through the services.

Access tests use these to prove that a row of one party never reaches the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import DialogueSeries, Party


def make_rows(marking: str) -> dict[str, Any]:
    """Create a source, round, event, person, organization, statement, thread and program."""
    tag = marking.lower()
    if not Party.objects.filter(code="USA").exists():
        services.ensure_party(OPERATOR, "USA", "United States")
        services.ensure_party(OPERATOR, "IRQ", "Iraq")
    text = (f"Sample {tag} note written for tests. Both sides agreed to review the plan "
            f"of marking {marking}. The delegations discussed training.")
    source, _ = services.add_source(OPERATOR, text=text, title=f"{tag} test note", kind="note",
                                    marking=marking, published=dt.date(2024, 7, 24))
    series = DialogueSeries.objects.filter(name=f"Test series {tag}").first()
    if series is None:
        series = services.create_series(OPERATOR, name=f"Test series {tag}", acronym=f"T{tag[:2]}",
                                        parties=["USA", "IRQ"], marking=marking)
    event = services.create_event(OPERATOR, kind="visit", name=f"{tag} visit",
                                  start=dt.date(2024, 4, 15), marking=marking,
                                  evidence=[services.find_quote(source, "Sample")])
    rnd = services.create_round(OPERATOR, series=series, ordinal=1, start=dt.date(2024, 7, 22),
                                end=dt.date(2024, 7, 23), location=f"{tag} city",
                                builds_on=[event], marking=marking,
                                evidence=[services.find_quote(source, "Both sides")])
    org = services.create_organization(OPERATOR, name=f"{tag} ministry", party="USA",
                                       kind="ministry", marking=marking)
    person = services.create_person(OPERATOR, name=f"Person {tag}", party="IRQ",
                                    aliases=[f"P. {tag}"], marking=marking)
    appt = services.add_appointment(OPERATOR, person, title="Minister of Tests", organization=org,
                                    start=dt.date(2022, 1, 1), marking=marking)
    part = services.add_participant(OPERATOR, rnd, party="IRQ", person=person, role="lead",
                                    title="Minister of Tests", marking=marking)
    meeting = services.add_meeting(OPERATOR, rnd, title=f"{tag} side meeting",
                                   date=dt.date(2024, 7, 22), participants=[person],
                                   marking=marking)
    stmt = services.add_statement(
        OPERATOR, round=rnd, actor="BOTH", modality="decided", category="dialogue",
        text=f"Review the plan ({tag})", marking=marking,
        evidence=[services.find_quote(source, "agreed to review the plan")])
    thread = services.create_thread(OPERATOR, title=f"{tag} plan review", category="dialogue",
                                    owner="BOTH", keeper=f"{tag} desk", marking=marking)
    services.link_statement(OPERATOR, thread, stmt)
    change = services.move_thread_status(
        OPERATOR, thread, status="announced", date=dt.date(2024, 7, 23), round=rnd,
        evidence=[services.find_quote(source, "agreed to review the plan")])
    score = services.set_compliance(OPERATOR, thread, round=rnd, party="IRQ", score=0,
                                    rationale="partly done")
    program = services.create_program(OPERATOR, kind="education_training", name=f"{tag} course",
                                      party="USA", threads=[thread], marking=marking)
    milestone = services.add_milestone(OPERATOR, program, name="first class",
                                       due=dt.date(2024, 9, 1))
    return {
        "source": source, "series": series, "event": event, "round": rnd,
        "organization": org, "person": person, "appointment": appt, "participation": part,
        "delegation": part.delegation, "meeting": meeting, "statement": stmt, "thread": thread,
        "status_change": change, "compliance": score, "program": program,
        "milestone": milestone,
        **_assessment_rows(marking),
    }


def _assessment_rows(marking: str) -> dict[str, Any]:
    """Assessment runs, entered tables, overrides and decisions (issue 5), if that area exists."""
    try:
        from tests.assess_web.rows import make_assessment_rows
    except ImportError:
        return {}
    return make_assessment_rows(marking)
