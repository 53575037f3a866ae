"""Access cases of the staff products' route (``jscd.api.routers.reports``)."""

from __future__ import annotations

from tests.api.cases import Case

CASES: dict[tuple[str, str], Case] = {
    ("get", "/api/reports"): Case(),
}
