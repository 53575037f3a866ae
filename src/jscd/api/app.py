"""The NinjaAPI instance; each area registers its router from ``jscd.api.routers``."""

from __future__ import annotations

import importlib

from ninja import NinjaAPI, Swagger

from jscd import __version__
from jscd.api.auth import API_AUTH
from jscd.api.errors import install_error_handlers

api = NinjaAPI(
    title="jscd API",
    version=__version__,
    description="Joint Security Cooperation Dialogue record. Every endpoint needs a token "
    "(Authorization: Bearer ...) or a signed-in browser session, and returns only rows the "
    "caller's party may see. Errors answer {detail, field}.",
    urls_namespace="api",
    auth=API_AUTH,
    # Swagger UI from ninja's own static files ("ninja" is in INSTALLED_APPS): no CDN.
    docs=Swagger(settings={"persistAuthorization": False}),
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
