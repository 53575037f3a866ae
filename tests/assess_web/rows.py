"""Assessment rows of one marking, made through the services, for access and page tests.

The assessment itself is computed once per process (it is pure and the same for every
marking); each marking stores its own copy of the result, as a run of that party would.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from jscd.record.access import OPERATOR
from jscd.record.services import assessment as service

AS_OF = "2018-06"


@cache
def computed(as_of: str = AS_OF) -> dict[str, Any]:
    from jscd.assess import assess

    return assess(as_of, draws=500)


def other_phase(run: Any, iso: str) -> str:
    row = next(g for g in run.result["governorates"] if g["iso"] == iso)
    return next(p["id"] for p in run.result["phases"] if p["id"] != row["phase"])


def make_assessment_rows(marking: str) -> dict[str, Any]:
    """A stored run, a requirement, a capability rating, an override and a decision."""
    run = service.store_run(OPERATOR, computed(), marking=marking, label=f"{marking.lower()} test run")
    req = service.enter_requirement(
        OPERATOR,
        governorate="IQ-NI",
        requirement="isr",
        need=3,
        own_coverage=0.4,
        assessed_on=dt.date(2018, 5, 1),
        marking=marking,
    )
    cap = service.enter_capability_rating(
        OPERATOR,
        governorate="IQ-NI",
        formation=f"Formation {marking}",
        personnel="C2",
        equipment="C3",
        readiness="C2",
        training="C2",
        assessed_on=dt.date(2018, 5, 1),
        marking=marking,
    )
    override = service.override_result(
        OPERATOR,
        run,
        governorate="IQ-NI",
        phase=other_phase(run, "IQ-NI"),
        rationale=f"Assessor {marking} judges the local picture differently.",
        marking=marking,
    )
    decision = service.record_decision(
        OPERATOR,
        run,
        governorate="IQ-NI",
        outcome="deferred",
        phase=run.result["governorates"][0]["phase"],
        authority="HMC co-chairs",
        decided_on=dt.date(2018, 7, 1),
        marking=marking,
    )
    return {
        "assessment_run": run,
        "requirement": req,
        "capability_rating": cap,
        "assessment_override": override,
        "assessment_decision": decision,
    }
