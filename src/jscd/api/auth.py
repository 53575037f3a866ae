"""Who is calling: a bearer token, or the browser's Django session.

Every endpoint of the API requires one of the two (``API_AUTH`` is the NinjaAPI's default
``auth``; a router or operation must never pass ``auth=None``). Both resolve to a
``record.User`` and set it as ``request.auth_user`` (and ``request.auth``); endpoints read
through ``jscd.api.query.visible(Model, request)``, which takes the user from there.

- ``Authorization: Bearer <key>``: the key is hashed with sha256 and looked up; only the hash
  is stored (``ApiToken``), so a database leak leaks no usable token. Its ``last_used`` is
  stamped through the users service.
- The session cookie: lets the web UI call the API with the login it already has. Ninja
  checks the CSRF token for cookie authentication on unsafe methods, so another site cannot
  make a signed-in browser write.

A user who is inactive or belongs to no party is refused like an anonymous caller (401): such
a user can see nothing, and a 200 with empty lists would hide a configuration mistake.
Writes additionally need an editor or admin role (:func:`require_writer`, 403).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from jscd.api.errors import Forbidden
from jscd.record.access import Action, Actor, enter, may_write
from jscd.record.services.users import use_token

__all__ = ["API_AUTH", "BearerToken", "PartySession", "require_writer"]


def _accept(request: HttpRequest, user: Any) -> Any:
    """The user if they may use the API at all, else None (ninja then answers 401)."""
    actor = Actor.of(user)
    if not actor.party:
        return None
    request.auth_user = user  # type: ignore[attr-defined]
    enter(actor)  # history's user for the rest of this request (the middleware restores it)
    return user


class BearerToken(HttpBearer):
    """``Authorization: Bearer <key>`` with a key issued by ``jscd createuser`` or the admin."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _accept(request, use_token(token.strip()))


class PartySession(SessionAuth):
    """The signed-in browser session (CSRF-checked by ninja for unsafe methods)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return _accept(request, getattr(request, "user", None))


#: The default ``auth`` of the NinjaAPI: token first, then the session.
API_AUTH = [BearerToken(), PartySession()]


def require_writer(request: HttpRequest) -> Any:
    """The calling user if their role may change the record; otherwise 403 before any work."""
    user = request.auth_user  # type: ignore[attr-defined]
    if not may_write(user, Action.CHANGE):
        raise Forbidden("your role may read the record but not change it", field="role")
    return user
