"""Comparing two assessment results, governorate by governorate.

The Commission's question between two runs is "what moved, and why": a phase or tranche
change, which factor scores changed, and whether the model or the inputs differ (a change
of model version explains a change that the data do not).
"""

from __future__ import annotations

from typing import Any

__all__ = ["compare_results"]


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 4)


def compare_results(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Differences from result ``a`` to result ``b`` (both schema ``jscd-assessment/1``)."""
    phase_rank = {p["id"]: i for i, p in enumerate(b.get("phases", []))}
    rows_a = {g["iso"]: g for g in a["governorates"]}
    rows: list[dict[str, Any]] = []
    for gb in b["governorates"]:
        ga = rows_a.get(gb["iso"])
        if ga is None:
            continue
        factors = sorted(set(ga["factors"]) | set(gb["factors"]))
        deltas = {f: _delta(ga["factors"].get(f), gb["factors"].get(f)) for f in factors}
        move = phase_rank.get(gb["phase"], 0) - phase_rank.get(ga["phase"], 0)
        rows.append(
            {
                "iso": gb["iso"],
                "name": gb["name"],
                "phase": {"a": ga["phase"], "b": gb["phase"]},
                "tranche": {"a": ga["tranche"], "b": gb["tranche"]},
                "factors": {
                    f: {"a": ga["factors"].get(f), "b": gb["factors"].get(f), "delta": deltas[f]} for f in factors
                },
                "composite": {
                    "a": ga.get("composite"),
                    "b": gb.get("composite"),
                    "delta": _delta(ga.get("composite"), gb.get("composite")),
                },
                "movement": "advanced" if move > 0 else "fell back" if move < 0 else "unchanged",
                "binding_factor": {"a": ga["binding_factor"], "b": gb["binding_factor"]},
            }
        )
    same_inputs = {
        k: a["inputs"].get(k, {}).get("sha256") == b["inputs"].get(k, {}).get("sha256")
        for k in sorted(set(a["inputs"]) | set(b["inputs"]))
    }
    return {
        "a": {"as_of": a["as_of"], "config": a["config"]},
        "b": {"as_of": b["as_of"], "config": b["config"]},
        "same_model": a["config"]["sha256"] == b["config"]["sha256"],
        "same_inputs": same_inputs,
        "governorates": rows,
        "counts": {m: sum(1 for r in rows if r["movement"] == m) for m in ("advanced", "unchanged", "fell back")},
    }
