"""The one HTMX switch: a partial for an HTMX request, the full page otherwise.

NetBox keeps this decision in one helper (``utilities/htmx.py``) so that no view grows its
own idea of when to send a fragment; every list, search box and filter here goes through it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

__all__ = ["is_htmx", "render_page"]


def is_htmx(request: HttpRequest) -> bool:
    """True when HTMX asked for a fragment (a boosted link still wants the whole page)."""
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-Boosted") != "true")


def render_page(request: HttpRequest, template: str, context: dict[str, Any],
                partial: str | None = None, status: int = 200) -> HttpResponse:
    """Render ``partial`` for HTMX requests when there is one, ``template`` otherwise.

    ``Vary: HX-Request`` keeps a cache from serving the fragment as the page (or back).
    """
    chosen = partial if partial and is_htmx(request) else template
    response = render(request, chosen, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
