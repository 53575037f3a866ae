"""Refuse anonymous visitors (except the login page and the token-guarded API), and enter
each request's actor into the access kernel's context, where history reads its user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base
from django.http import HttpRequest, HttpResponseBase

from jscd.record.access import acting_as


class LoginRequiredMiddleware(_Base):
    """Django's deny-by-default middleware, minus the API (which answers 401 itself)."""

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any,
                     view_kwargs: Any) -> HttpResponseBase | None:
        if request.path.startswith("/api/") or request.path.startswith("/static/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ActorMiddleware:
    """Run each request as its signed-in user (``acting_as``), so history knows who wrote.

    An anonymous request runs as nobody; the API's token authentication enters the token's
    user later in the same context (``jscd.api.auth``), and leaving restores the outer actor.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with acting_as(getattr(request, "user", None)):  # anonymous: an actor reaching nothing
            return self.get_response(request)
