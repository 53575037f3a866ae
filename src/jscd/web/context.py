"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from jscd.record.access import Actor
from jscd.web.navigation import NAV


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Menu entries whose page exists and that this user may use."""
    actor = Actor.of(getattr(request, "user", None))
    if not actor.party:
        return {"nav": []}
    items = []
    for item in NAV:
        if item.editors_only and not actor.can_write:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url,
                      "active": request.path == url or (url != "/" and request.path.startswith(url))})
    return {"nav": items}
