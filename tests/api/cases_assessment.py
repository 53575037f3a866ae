"""Access cases of the assessment routes (``jscd.api.routers.assessment``)."""

from __future__ import annotations

from typing import Any

from tests.api.cases import Case, Rows
from tests.assess_web.rows import other_phase

RUN = "/api/assessment/runs/{run_id}"


def run_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {"as_of": "2016-06", "draws": 0, "tables": "example", "marking": marking}


def override_body(rows: Rows, marking: str) -> dict[str, Any]:
    run = rows["assessment_run"]
    return {
        "governorate": "IQ-AN",
        "phase": other_phase(run, "IQ-AN"),
        "marking": marking,
        "rationale": "Local reporting shows a different picture than the event counts.",
    }


def decision_body(rows: Rows, marking: str) -> dict[str, Any]:
    run = rows["assessment_run"]
    phase = next(g["phase"] for g in run.result["governorates"] if g["iso"] == "IQ-AN")
    return {
        "governorate": "IQ-AN",
        "outcome": "accepted",
        "phase": phase,
        "authority": "HMC co-chairs",
        "decided_on": "2018-07-02",
        "marking": marking,
    }


def requirement_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {
        "governorate": "IQ-AN",
        "requirement": "logistics",
        "need": 2,
        "own_coverage": 0.5,
        "assessed_on": "2018-05-15",
        "marking": marking,
    }


def capability_body(rows: Rows, marking: str) -> dict[str, Any]:
    return {
        "governorate": "Anbar",
        "formation": "Formation AN-9",
        "personnel": "C2",
        "equipment": "C3",
        "readiness": "C3",
        "training": "C2",
        "assessed_on": "2018-05-15",
        "marking": marking,
    }


CASES: dict[tuple[str, str], Case] = {
    ("get", "/api/assessment/runs"): Case(kind="assessment_run"),
    ("post", "/api/assessment/runs"): Case(body=run_body),
    ("get", RUN): Case(kind="assessment_run", param="run_id"),
    ("get", RUN + "/explain"): Case(kind="assessment_run", param="run_id"),
    ("get", RUN + "/compare"): Case(kind="assessment_run", param="run_id"),
    ("post", RUN + "/overrides"): Case(params={"run_id": "assessment_run"}, body=override_body),
    ("post", RUN + "/decisions"): Case(params={"run_id": "assessment_run"}, body=decision_body),
    ("get", "/api/assessment/requirements"): Case(kind="requirement"),
    ("post", "/api/assessment/requirements"): Case(body=requirement_body),
    ("get", "/api/assessment/capability"): Case(kind="capability_rating"),
    ("post", "/api/assessment/capability"): Case(body=capability_body),
    ("get", "/api/assessment/series"): Case(),
}
