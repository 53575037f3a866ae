"""Rows the access suite needs beyond ``tests.factories.make_rows``."""

from __future__ import annotations

from typing import Any

from jscd.record.models import ConflictFlag, Evidence, Party, Proposal

__all__ = ["extra_rows"]


def extra_rows(rows: dict[str, dict[str, Any]]) -> None:
    """Add parties, an evidence row, a proposal and a conflict to each marking's rows.

    Proposals and conflicts have no write service yet (ingestion adds them), so they are
    built directly here; nothing outside tests does that.
    """
    for marking, kinds in rows.items():
        tag = marking.lower()
        kinds["party"] = Party.objects.get(code="USA" if marking == "JOINT" else marking)
        kinds["evidence"] = Evidence.objects.filter(source=kinds["source"]).order_by("pk").first()
        kinds["proposal"] = Proposal.objects.create(
            kind="person", payload={"name": f"Proposed {tag} person"}, marking=marking,
            note=f"proposal of {tag}")
        kinds["proposal"].sources.set([kinds["source"]])
        kinds["conflict"] = ConflictFlag.objects.create(
            kind="name_variant", surface=f"Conflicting {tag} spelling",
            canonical=f"Canonical {tag} spelling", marking=marking)
        kinds["conflict"].sources.set([kinds["source"]])
