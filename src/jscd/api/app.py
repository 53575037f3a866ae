"""The NinjaAPI instance; each area registers its router from ``jscd.api.routers``."""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from ninja import NinjaAPI, Swagger

from jscd import __version__
from jscd.api.auth import API_AUTH
from jscd.api.errors import document_errors, install_error_handlers


def _docs_behind_login(view: Any) -> Any:
    """The OpenAPI page and document need a signed-in user unless ``JSCD_PUBLIC_API_DOCS=1``.

    The document lists every route and field; on a shared deployment that is for users.
    """
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not settings.JSCD_PUBLIC_API_DOCS and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded


class JscdApi(NinjaAPI):
    """The NinjaAPI whose OpenAPI document also lists every error answer (see ``errors``)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = JscdApi(
    title="jscd API",
    version=__version__,
    description="Joint Security Cooperation Dialogue record. Every endpoint needs a token "
    "(Authorization: Bearer ...) or a signed-in browser session, and returns only rows the "
    "caller's party may see. Errors answer {detail, field}.",
    urls_namespace="api",
    auth=API_AUTH,
    # Swagger UI from ninja's own static files ("ninja" is in INSTALLED_APPS): no CDN.
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=_docs_behind_login,
)
install_error_handlers(api)

for _area in ("record", "ingest", "threads", "reports", "assessment"):
    try:
        _module = importlib.import_module(f"jscd.api.routers.{_area}")
    except ModuleNotFoundError as exc:
        if exc.name != f"jscd.api.routers.{_area}":
            raise
        continue
    api.add_router(_module.PREFIX, _module.router)
