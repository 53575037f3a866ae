"""One error shape for every refusal: ``{"detail": message, "field": name-or-null}``.

Clients (the web UI's HTMX calls, scripts, the CLI) show ``detail`` to a person and use
``field`` to point at the input that is wrong, whatever layer refused:

=====================================  ======  ==========================================
cause                                  status  field
=====================================  ======  ==========================================
no or bad credentials                  401     null
role may not write (viewer)            403     ``role``
CSRF check of a session write          403     null
row missing *or hidden* (other party)  404     null (the same answer for both)
request body/query fails its schema    422     dotted path, e.g. ``evidence.0.end``;
                                               ``errors`` lists every problem
service refuses (``DomainError``)      400     the service's field, e.g. ``end``
                                               (an ``InputError`` adds ``file``, ``line``)
stale ``version`` (someone else wrote) 409     ``version``; ``current_version`` is the row's
a value the database cannot hold       400     null (a backstop: the input types in
                                               ``jscd.api.types`` already bound every field)
=====================================  ======  ==========================================

:func:`document_errors` adds these answers to every operation of the OpenAPI document, so a
client (or schemathesis) knows each status a route may return and the body it carries.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jscd.core import DomainError
from jscd.record.services.base import Conflict

__all__ = ["Forbidden", "error_body", "install_error_handlers"]

#: Where ninja puts a parameter in ``loc``; dropped so ``field`` reads like the client's input.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


class Forbidden(DomainError):
    """The caller is known but their role may not do this (403)."""


def error_body(detail: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"detail": detail, "field": field, **extra}


def _field_of(loc: list[Any] | tuple[Any, ...]) -> str | None:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    # ninja nests a body or query schema under the view's parameter name ("payload", "filters")
    if len(parts) > 1 and parts[0] in {"payload", "filters", "pagination", "params"}:
        parts = parts[1:]
    return ".".join(parts) or None


def _validation(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors = [
        {"field": _field_of(e.get("loc", ())), "detail": e.get("msg", "invalid"),
         "type": e.get("type")}
        for e in exc.errors
    ]
    first = errors[0] if errors else {"field": None, "detail": "invalid input"}
    detail = f"{first['field']}: {first['detail']}" if first["field"] else first["detail"]
    return api.create_response(request, error_body(detail, first["field"], errors=errors),
                               status=422)


def _domain(request: HttpRequest, exc: DomainError, api: NinjaAPI) -> HttpResponse:
    if isinstance(exc, Conflict):
        return api.create_response(
            request, error_body(exc.message, exc.field, current_version=exc.current), status=409)
    status = 403 if isinstance(exc, Forbidden) or exc.field == "role" else 400
    where = {k: getattr(exc, k) for k in ("file", "line") if getattr(exc, k, None) is not None}
    return api.create_response(request, error_body(exc.message, exc.field, **where),
                               status=status)


def _not_found(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    # Hidden and missing rows must look the same: never echo which.
    return api.create_response(request, error_body("not found"), status=404)


def _unauthenticated(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(
        request,
        error_body("authentication required: send 'Authorization: Bearer <token>' or sign in "
                   "(users need an active account and a party)"),
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="jscd"'
    return response


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, error_body(str(exc)), status=exc.status_code)


def _out_of_range(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    # Never a 500 for a number the database cannot hold; the typed inputs name the field first.
    return api.create_response(request, error_body("a value is out of range for the record"),
                               status=400)


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default error bodies with the one shape above."""
    for exc_class, handler in ((ValidationError, _validation), (DomainError, _domain),
                               (Http404, _not_found), (AuthenticationError, _unauthenticated),
                               (HttpError, _http_error), (OverflowError, _out_of_range),
                               (DataError, _out_of_range)):
        api.add_exception_handler(exc_class, partial(handler, api=api))


#: The error body as a JSON schema (``field`` may be null; extra keys per status).
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["detail", "field"],
    "properties": {
        "detail": {"type": "string"},
        "field": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "errors": {"type": "array", "items": {"type": "object"}},
        "current_version": {"type": "integer"},
        "file": {"type": "string"},
        "line": {"type": "integer"},
    },
}

_WHY = {
    "400": "the service refused the input (``field`` names it)",
    "401": "no or bad credentials",
    "403": "your role may not do this, or the CSRF check of a session write failed",
    "404": "no such row, or a row of the other party (the same answer)",
    "409": "the row changed since the version you sent",
    "422": "the request does not match its schema (``field`` names the input)",
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation may answer 400/401/403/404/422 with the error body; writes also 409."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for ops in schema.get("paths", {}).values():
        for method, op in ops.items():
            codes = ["400", "401", "403", "404", "422"] + (["409"] if method != "get" else [])
            # ninja keys responses by int; JSON has string keys, so one of each would be a
            # duplicate key in the document (Swagger UI's YAML parser refuses those)
            responses = {str(k): v for k, v in op.get("responses", {}).items()}
            op["responses"] = responses
            for code in codes:
                if code in responses and code != "400":
                    continue
                responses[code] = {"description": _WHY[code],
                                   "content": {"application/json": {"schema": ref}}}
    return schema
