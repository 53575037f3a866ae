"""Writing the assessment into the record: runs, entered tables, overrides, decisions.

The computation is ``jscd.assess`` (pure); this module feeds it the record's tables, stores
its result unchanged, and keeps the people's part — overrides with their reasons, decisions
with who took them — beside it. Markings follow the inputs: a run marked JOINT reads only
JOINT rows, so nothing one party entered for itself can surface in a result both parties see.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction

from jscd.assess import (
    ModelConfig,
    Table,
    assess,
    compare_results,
    load_capability,
    load_config,
    load_inputs,
    load_requirements,
)
from jscd.assess.tables import CAPABILITY_DIMENSIONS
from jscd.core import JOINT, DomainError, Role
from jscd.record.access import account
from jscd.record.models.assessment import (
    DECISION_OUTCOMES,
    AssessmentDecision,
    AssessmentOverride,
    AssessmentRun,
    CapabilityRating,
    Requirement,
)
from jscd.record.services.assessment_inputs import (
    enter_capability_rating,
    enter_requirement,
    import_capability,
    import_requirements,
)
from jscd.record.services.base import Actor, check_marking, readable, require_writer, save

__all__ = [
    "MIN_RATIONALE",
    "assessment_summary",
    "compare_runs",
    "enter_capability_rating",
    "enter_requirement",
    "import_capability",
    "import_requirements",
    "override_result",
    "record_decision",
    "record_tables",
    "run_assessment",
    "store_run",
]

#: Characters of rationale an override needs: a reason, not a placeholder.
MIN_RATIONALE = 20
_TABLE_MODES = ("auto", "record", "example")


def _run_inputs(model: Any, user: Actor, marking: str) -> Any:
    """Rows a run of ``marking`` may use: visible to the user and JOINT or that marking."""
    return readable(model, user).filter(marking__in={JOINT, marking})


def record_tables(user: Actor, marking: str, cfg: ModelConfig) -> dict[str, Table]:
    """The requirement and capability rows of the record as assessment tables (may be empty)."""
    out: dict[str, Table] = {}
    try:
        reqs = list(
            _run_inputs(Requirement, user, marking).values(
                "id", "governorate", "requirement", "need", "own_coverage", "assessed_on"
            )
        )
        caps = list(
            _run_inputs(CapabilityRating, user, marking).values(
                "id", "governorate", "formation", *CAPABILITY_DIMENSIONS, "assessed_on"
            )
        )
    except DatabaseError:  # tables not migrated yet: a CLI run on a fresh checkout
        return out
    for rows in (reqs, caps):
        for r in rows:
            r["assessed_on"] = r["assessed_on"].isoformat()
    if reqs:
        out["requirements"] = load_requirements(reqs, kinds=cfg.requirement_kinds, where="record:requirements")
    if caps:
        out["capability"] = load_capability(caps, scale=tuple(cfg.rating_scale), where="record:capability")
    return out


def run_assessment(
    user: Actor,
    *,
    as_of: str,
    config: str | Path | None = None,
    events: str | Path | None = None,
    requirements: str | Path | None = None,
    capability: str | Path | None = None,
    tables: str = "auto",
    draws: int | None = None,
    seed: int | None = None,
    marking: str = JOINT,
    label: str = "",
    store: bool = True,
) -> tuple[dict[str, Any], AssessmentRun | None]:
    """Run the assessment and, with ``store``, keep the run in the record.

    ``tables``: ``record`` uses the record's rows, ``example`` the shipped illustrative
    tables, ``auto`` the record's where it has rows and the examples otherwise; files given
    as ``requirements``/``capability`` win over both. Bad input raises InputError naming
    file, line and field before anything is written.
    """
    if tables not in _TABLE_MODES:
        raise DomainError(f"unknown tables mode {tables!r} (one of {', '.join(_TABLE_MODES)})", field="tables")
    if store:
        require_writer(user)
    check_marking(user, marking)
    cfg = load_config(config)
    from_record = record_tables(user, marking, cfg) if tables != "example" else {}
    if tables == "record":
        for name, loader in (("requirements", load_requirements), ("capability", load_capability)):
            if name not in from_record:  # an empty table: every governorate lacks the factor
                kwargs = {"kinds": cfg.requirement_kinds} if name == "requirements" else {}
                empty = loader(_empty_frame(name), where=f"record:{name}", **kwargs)
                from_record[name] = empty
    inputs = load_inputs(
        cfg,
        events=events,
        requirements=requirements or from_record.get("requirements"),
        capability=capability or from_record.get("capability"),
    )
    result = assess(as_of, cfg, inputs, draws=draws, seed=seed)
    if not store:
        return result, None
    return result, store_run(user, result, marking=marking, label=label)


def store_run(user: Actor, result: dict[str, Any], *, marking: str = JOINT, label: str = "") -> AssessmentRun:
    """Keep a computed result (schema ``jscd-assessment/1``) in the record, unchanged."""
    require_writer(user)
    check_marking(user, marking)
    if result.get("schema") != "jscd-assessment/1":
        raise DomainError("not an assessment result (schema jscd-assessment/1)", field="result")
    config = result["config"]
    with transaction.atomic():
        return save(
            AssessmentRun(
                as_of=result["as_of"],
                label=label,
                config_name=config["name"],
                config_version=config["version"],
                config_sha256=config["sha256"],
                inputs=result["inputs"],
                result=result,
                stale=bool(result["stale"]),
                draws=int(result["sensitivity"]["draws"]),
                seed=int(result["sensitivity"]["seed"]),
                created_by=account(user),
                marking=marking,
            ),
            user,
        )


def _empty_frame(name: str) -> Any:
    import pandas as pd

    from jscd.assess.tables import CAPABILITY_COLUMNS, REQUIREMENT_COLUMNS

    cols = REQUIREMENT_COLUMNS if name == "requirements" else CAPABILITY_COLUMNS
    return pd.DataFrame({c: pd.Series([], dtype=str) for c in cols})


def _computed(run: AssessmentRun, governorate: str) -> dict[str, Any]:
    for g in run.result.get("governorates", []):
        if g["iso"] == governorate:
            return g
    raise DomainError(f"governorate {governorate!r} is not in this run", field="governorate")


def _check_phase(run: AssessmentRun, phase: str) -> None:
    phases = [p["id"] for p in run.result.get("phases", [])]
    if phase not in phases:
        raise DomainError(f"unknown phase {phase!r} (one of {', '.join(phases)})", field="phase")


def override_result(
    user: Actor,
    run: AssessmentRun,
    *,
    governorate: str,
    phase: str,
    rationale: str,
    tranche: str = "",
    marking: str | None = None,
) -> AssessmentOverride:
    """Record an assessor's different judgement beside the computed result (never over it)."""
    require_writer(user)
    marking = check_marking(user, marking or run.marking)
    computed = _computed(run, governorate)
    _check_phase(run, phase)
    tranches = [t["id"] for t in run.result.get("tranches", [])]
    if tranche and tranche not in tranches:
        raise DomainError(f"unknown tranche {tranche!r} (one of {', '.join(tranches)})", field="tranche")
    if len((rationale or "").strip()) < MIN_RATIONALE:
        raise DomainError(
            f"an override needs a written rationale of at least {MIN_RATIONALE} characters", field="rationale"
        )
    if phase == computed["phase"] and (not tranche or tranche == computed["tranche"]):
        raise DomainError("the override repeats the computed phase and tranche; nothing to override", field="phase")
    with transaction.atomic():
        return save(
            AssessmentOverride(
                run=run,
                governorate=governorate,
                phase=phase,
                tranche=tranche,
                rationale=rationale.strip(),
                assessor=account(user),
                marking=marking,
            ),
            user,
        )


def record_decision(
    user: Actor,
    run: AssessmentRun,
    *,
    governorate: str,
    outcome: str,
    phase: str,
    authority: str,
    decided_on: dt.date,
    note: str = "",
    override: AssessmentOverride | None = None,
    marking: str | None = None,
) -> AssessmentDecision:
    """Record the decision taken on one governorate's recommendation, and by whom."""
    require_writer(user)
    marking = check_marking(user, marking or run.marking)
    computed = _computed(run, governorate)
    _check_phase(run, phase)
    if outcome not in DECISION_OUTCOMES:
        raise DomainError(f"unknown outcome {outcome!r} (one of {', '.join(DECISION_OUTCOMES)})", field="outcome")
    if not (authority or "").strip():
        raise DomainError("say who took the decision", field="authority")
    if override is not None and (override.run_id != run.pk or override.governorate != governorate):
        raise DomainError("the override belongs to another run or governorate", field="override")
    if outcome == "accepted" and phase != computed["phase"]:
        raise DomainError(
            f"'accepted' takes the computed phase {computed['phase']!r}; use 'modified' for another", field="phase"
        )
    if outcome == "accepted_as_overridden" and (override is None or override.phase != phase):
        raise DomainError("'accepted_as_overridden' needs the override whose phase was accepted", field="override")
    with transaction.atomic():
        return save(
            AssessmentDecision(
                run=run,
                governorate=governorate,
                outcome=outcome,
                phase=phase,
                authority=authority.strip(),
                decided_on=decided_on,
                note=note,
                override=override,
                decided_by=account(user),
                marking=marking,
            ),
            user,
        )


def compare_runs(a: AssessmentRun, b: AssessmentRun) -> dict[str, Any]:
    """What moved between two stored runs (see ``jscd.assess.compare_results``)."""
    out = compare_results(a.result, b.result)
    out["a"]["run"], out["b"]["run"] = a.pk, b.pk
    return out


def assessment_summary(run: AssessmentRun, user: Actor | None = None) -> dict[str, Any]:
    """A short account of a run for the read-ahead: tranches, phases, overrides, decisions.

    Overrides and decisions are those ``user`` may see; without a user, only those with the
    run's own marking, so a JOINT read-ahead never carries one party's notes.
    """
    result = run.result
    phases = {p["id"]: p["label"] for p in result["phases"]}
    rows = result["governorates"]
    # No reader named: a reader of the run's own marking, and only rows of that marking.
    reader = user or Actor(party=run.marking, role=Role.VIEWER)
    overrides = AssessmentOverride.objects.visible_to(reader).filter(run=run)
    decisions = AssessmentDecision.objects.visible_to(reader).filter(run=run)
    if not user:
        overrides, decisions = overrides.filter(marking=run.marking), decisions.filter(marking=run.marking)
    names = {g["iso"]: g["name"] for g in rows}
    return {
        "run": run.pk,
        "as_of": run.as_of,
        "model": f"{run.config_name} {run.config_version}",
        "config_sha256": run.config_sha256,
        "created": run.created.isoformat() if run.created else None,
        "marking": run.marking,
        "stale": run.stale,
        "governorates": len(rows),
        "conditions_met": sorted(g["name"] for g in rows if g["conditions_met"]),
        "by_phase": {label: sorted(g["name"] for g in rows if g["phase"] == pid) for pid, label in phases.items()},
        "tranches": [
            {"id": t["id"], "label": t["label"], "governorates": [names[i] for i in t["governorates"]]}
            for t in result["tranches"]
        ],
        "binding_factors": {
            f["label"]: sum(1 for g in rows if g["binding_factor"] == f["id"] and not g["conditions_met"])
            for f in result["factors"]
        },
        "least_stable": [
            {"name": g["name"], "tranche": g["tranche"], "stability": g["sensitivity"]["tranche_stability"]}
            for g in sorted(rows, key=lambda g: g.get("sensitivity", {}).get("tranche_stability") or 1.0)[:3]
            if g.get("sensitivity")
        ],
        "overrides": [
            {
                "governorate": names.get(o.governorate, o.governorate),
                "phase": phases.get(o.phase, o.phase),
                "rationale": o.rationale,
                "marking": o.marking,
            }
            for o in overrides
        ],
        "decisions": [
            {
                "governorate": names.get(d.governorate, d.governorate),
                "outcome": d.outcome,
                "phase": phases.get(d.phase, d.phase),
                "authority": d.authority,
                "decided_on": d.decided_on.isoformat(),
                "marking": d.marking,
            }
            for d in decisions
        ],
    }
