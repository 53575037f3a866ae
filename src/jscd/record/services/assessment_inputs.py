"""Entering the Commission's tables: operational requirements and ISF capability ratings.

Users enter these (form, API, CSV); the assessment reads them back through
``jscd.record.services.assessment.record_tables``. Each row is validated by the same pure
validators ``jscd.assess`` applies to CSV files, so a rating off the scale is refused
the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction

from jscd.assess import load_capability, load_config, load_requirements
from jscd.assess.tables import CAPABILITY_DIMENSIONS
from jscd.core import JOINT
from jscd.record.access import account
from jscd.record.models.assessment import CapabilityRating, Requirement
from jscd.record.services.base import Actor, check_marking, require_writer, save

__all__ = ["enter_capability_rating", "enter_requirement", "import_capability", "import_requirements"]


def _row(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if isinstance(out.get("assessed_on"), dt.date):
        out["assessed_on"] = out["assessed_on"].isoformat()
    return out


def enter_requirement(
    user: Actor,
    *,
    governorate: str,
    requirement: str,
    need: int,
    own_coverage: float,
    assessed_on: dt.date | str,
    note: str = "",
    marking: str = JOINT,
    config: str | Path | None = None,
) -> Requirement:
    """One requirement row, validated exactly as a CSV row would be."""
    require_writer(user)
    check_marking(user, marking)
    cfg = load_config(config)
    row = _row(
        dict(
            governorate=governorate,
            requirement=requirement,
            need=need,
            own_coverage=own_coverage,
            assessed_on=assessed_on,
        )
    )
    frame = load_requirements([row], kinds=cfg.requirement_kinds, where="requirement").frame.iloc[0]
    with transaction.atomic():
        return save(
            Requirement(
                governorate=frame["governorate"],
                requirement=frame["requirement"],
                need=int(frame["need"]),
                own_coverage=float(frame["own_coverage"]),
                assessed_on=dt.date.fromisoformat(frame["assessed_on"]),
                note=note,
                entered_by=account(user),
                marking=marking,
            ),
            user,
        )


def enter_capability_rating(
    user: Actor,
    *,
    governorate: str,
    formation: str,
    personnel: str,
    equipment: str,
    readiness: str,
    training: str,
    assessed_on: dt.date | str,
    note: str = "",
    marking: str = JOINT,
    config: str | Path | None = None,
) -> CapabilityRating:
    """One capability rating row, validated against the model's rating scale."""
    require_writer(user)
    check_marking(user, marking)
    cfg = load_config(config)
    row = _row(
        dict(
            governorate=governorate,
            formation=formation,
            personnel=personnel,
            equipment=equipment,
            readiness=readiness,
            training=training,
            assessed_on=assessed_on,
        )
    )
    f = load_capability([row], scale=tuple(cfg.rating_scale), where="capability rating").frame.iloc[0]
    with transaction.atomic():
        return save(
            CapabilityRating(
                governorate=f["governorate"],
                formation=f["formation"].strip(),
                **{d: f[d] for d in CAPABILITY_DIMENSIONS},
                assessed_on=dt.date.fromisoformat(f["assessed_on"]),
                note=note,
                entered_by=account(user),
                marking=marking,
            ),
            user,
        )


def import_requirements(
    user: Actor, path: str | Path, *, marking: str = JOINT, config: str | Path | None = None
) -> list[Requirement]:
    """Import a requirements CSV whole or not at all: the first bad row (line, field) stops it."""
    require_writer(user)
    check_marking(user, marking)
    cfg = load_config(config)
    table = load_requirements(path, kinds=cfg.requirement_kinds)
    with transaction.atomic():
        return [
            save(
                Requirement(
                    governorate=r["governorate"],
                    requirement=r["requirement"],
                    need=int(r["need"]),
                    own_coverage=float(r["own_coverage"]),
                    assessed_on=dt.date.fromisoformat(r["assessed_on"]),
                    note=f"imported from {Path(path).name} line {r['line']}",
                    entered_by=account(user),
                    marking=marking,
                ),
                user,
            )
            for r in table.frame.to_dict("records")
        ]


def import_capability(
    user: Actor, path: str | Path, *, marking: str = JOINT, config: str | Path | None = None
) -> list[CapabilityRating]:
    """Import a capability CSV whole or not at all."""
    require_writer(user)
    check_marking(user, marking)
    cfg = load_config(config)
    table = load_capability(path, scale=tuple(cfg.rating_scale))
    with transaction.atomic():
        return [
            save(
                CapabilityRating(
                    governorate=r["governorate"],
                    formation=r["formation"].strip(),
                    **{d: r[d] for d in CAPABILITY_DIMENSIONS},
                    assessed_on=dt.date.fromisoformat(r["assessed_on"]),
                    note=f"imported from {Path(path).name} line {r['line']}",
                    entered_by=account(user),
                    marking=marking,
                ),
                user,
            )
            for r in table.frame.to_dict("records")
        ]
