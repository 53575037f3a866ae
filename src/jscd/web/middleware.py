"""Refuse anonymous visitors everywhere except the login page and the token-guarded API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base
from django.http import HttpRequest, HttpResponseBase


class LoginRequiredMiddleware(_Base):
    """Django's deny-by-default middleware, minus the API (which answers 401 itself)."""

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any,
                     view_kwargs: Any) -> HttpResponseBase | None:
        if request.path.startswith("/api/") or request.path.startswith("/static/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
