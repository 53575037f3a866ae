"""The main menu, as data: each area adds an entry here and it shows once its URL exists."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["NAV", "NavItem"]


class NavItem(NamedTuple):
    label: str
    url_name: str
    editors_only: bool = False


NAV: list[NavItem] = [
    NavItem("Dashboard", "web:dashboard"),
    NavItem("Rounds", "web:round_list"),
    NavItem("Timeline", "web:timeline"),
    NavItem("Threads", "web:thread_list"),
    NavItem("Suggestions", "web:thread_suggestions", editors_only=True),
    NavItem("Programs", "web:program_list"),
    NavItem("People", "web:person_list"),
    NavItem("Organizations", "web:organization_list"),
    NavItem("Sources", "web:source_list"),
    NavItem("Review", "web:review_queue", editors_only=True),
    NavItem("Conflicts", "web:conflict_list"),
    NavItem("Reports", "web:report_index"),
    NavItem("Assessment", "web:assessment_map"),
    NavItem("Search", "web:search"),
]
