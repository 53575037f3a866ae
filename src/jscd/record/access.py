"""The access kernel: who is acting, what they may see and change, and who history records.

Two governments share one database but not everything in it. This module is the ONE place that
decides, for an :class:`Actor` and an action, which rows are in reach (NetBox's
``RestrictedQuerySet.restrict(user, action)``, Datasette's ``allowed(actor, action, resource)``):

- :class:`Actor` is an immutable snapshot of the caller: their party, their role, and whether
  they are the operator at the server's console (``jscd demo``, ``jscd import``,
  ``jscd export --all``). A web session, an API token and a CLI ``--as`` all become an Actor
  through :meth:`Actor.of`; nothing else in the code branches on "no user".
- :func:`visible_to` turns an actor and an action (``view``, ``change``, ``delete``) into a
  filter on a queryset. It denies by default, requires every parent a row hangs from to be in
  reach too, and is the only gate: services run the reads behind their validation,
  uniqueness checks, defaults and derived fields through it, so a refusal or a derived value
  can only ever reflect rows the actor may see.
- :func:`may_write` is the one "may write" rule (role and marking); :func:`require` raises it.
- :func:`acting_as` enters the actor into a context variable that the web middleware, the
  API's authentication and the CLI set; django-simple-history reads its user from there
  (:func:`history_user`), so no caller ever writes an audit field by hand.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from jscd.core import JOINT, DomainError, Role, validate_marking

__all__ = [
    "OPERATOR", "Action", "Actor", "account", "acting_as", "current_actor", "enter", "history_user",
    "may_write", "parent_chains", "require", "require_marking", "visible_to",
]

Q_ = TypeVar("Q_", bound=models.QuerySet)


class Action(StrEnum):
    """What an actor wants to do with a row."""

    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"


@dataclass(frozen=True)
class Actor:
    """Who is acting: a party's user with a role, or the operator.

    Frozen so that a service cannot widen the caller's reach half-way through a write. ``user``
    is kept only so history can name the account (it takes no part in equality).
    """

    party: str | None
    role: Role | None
    is_operator: bool = False
    user_id: int | None = None
    username: str = ""
    user: Any = field(default=None, compare=False, repr=False, hash=False)

    @classmethod
    def of(cls, who: Any) -> Actor:
        """The actor behind a user (or an actor already).

        Anonymous, inactive and party-less users (and ``None``) become an actor who reaches
        nothing: "no user" never means the operator, who must be named with :meth:`operator`.
        """
        if isinstance(who, Actor):
            return who
        if not getattr(who, "is_authenticated", False) or not getattr(who, "is_active", False):
            return cls(party=None, role=None)
        party = getattr(who, "party_id", None) or None
        try:
            role = Role(getattr(who, "role", Role.VIEWER.value))
        except ValueError:
            role = None
        pk = getattr(who, "pk", None)
        username = who.get_username() if hasattr(who, "get_username") else str(
            getattr(who, "username", ""))
        return cls(party=party, role=role if party else None, user_id=pk, username=username,
                   user=who if pk is not None else None)

    @classmethod
    def operator(cls) -> Actor:
        """The operator at the server's console: every marking, recorded in history as no user."""
        return cls(party=None, role=None, is_operator=True, username="operator")

    @property
    def markings(self) -> tuple[str, ...] | None:
        """Markings in reach (``None`` means all, for the operator; empty means none)."""
        if self.is_operator:
            return None
        if self.party == JOINT:  # a reader of the JOINT rows only (a product for both parties)
            return (JOINT,)
        return (JOINT, self.party) if self.party else ()

    @property
    def can_write(self) -> bool:
        return self.is_operator or bool(self.role and self.role.can_write())

    @property
    def can_delete(self) -> bool:
        return self.is_operator or self.role == Role.ADMIN

    def may_mark(self, marking: str) -> bool:
        """Nobody may create what they may not see."""
        allowed = self.markings
        return allowed is None or marking in allowed


#: The console operator, for the CLI's ``--all``, ``jscd demo`` and ``jscd import``.
OPERATOR = Actor.operator()


def may_write(who: Any, action: Action | str = Action.CHANGE) -> bool:
    """The one "may write" rule: editors and admins change, admins delete, the operator both."""
    actor = Actor.of(who)
    action = Action(action)
    if action is Action.VIEW:
        return actor.is_operator or bool(actor.party)
    if action is Action.DELETE:
        return actor.can_delete
    return actor.can_write


def require(who: Any, action: Action | str = Action.CHANGE) -> Actor:
    """The actor, if :func:`may_write` allows ``action``; a DomainError on ``role`` otherwise."""
    actor = Actor.of(who)
    if not may_write(actor, action):
        if Action(action) is Action.DELETE:
            raise DomainError("only an admin of your party may delete records", field="role")
        raise DomainError("your role may read the record but not change it", field="role")
    return actor


def require_marking(who: Any, marking: str, *, field: str = "marking") -> str:
    """A valid marking the actor may write (JOINT or their own party), else a DomainError."""
    try:
        validate_marking(marking)
    except ValueError as exc:
        raise DomainError(str(exc), field=field) from None
    if not Actor.of(who).may_mark(marking):
        raise DomainError(f"you may not write rows marked {marking}", field=field)
    return marking


def visible_to(queryset: Q_, who: Any, action: Action | str = Action.VIEW) -> Q_:
    """Rows of ``queryset`` the actor may ``action``; every row they hang from must be in reach.

    A row inherits the restriction of what it hangs from (a thread link is no more visible than
    its statement, which is no more visible than its round), so a mis-marked child can never
    leak its parent, however deep. ``change`` and ``delete`` additionally need the role for it:
    a viewer's ``change`` set is empty, so a service that looks its target up through the
    ``change`` set cannot touch a row its caller could not write.
    """
    actor = Actor.of(who)
    if Action(action) is not Action.VIEW and not may_write(actor, action):
        return queryset.none()
    allowed = actor.markings
    if allowed is None:
        return queryset.all()
    if not allowed:
        return queryset.none()
    model = queryset.model
    query = Q(marking__in=allowed) if _is_marked(model) else Q()
    for path, nullable in parent_chains(model):
        cond = Q(**{f"{path}__marking__in": allowed})
        for prefix in nullable:
            cond |= Q(**{f"{prefix}__isnull": True})
        query &= cond
    return queryset.filter(query)


def _is_marked(model: type[models.Model]) -> bool:
    return any(f.name == "marking" for f in model._meta.get_fields())


@cache
def parent_chains(model: type[models.Model]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every ``visibility_via`` path of a model, followed transitively through its parents.

    Each chain comes with the nullable foreign keys along it: a missing optional parent
    restricts nothing.
    """
    chains: list[tuple[str, tuple[str, ...]]] = []

    def walk(current: type[models.Model], prefix: str, nullable: tuple[str, ...], depth: int) -> None:
        if depth > 6:  # visibility_via never loops in practice; stop if a model ever does
            return
        for name in getattr(current, "visibility_via", ()):
            fk = current._meta.get_field(name)
            path = f"{prefix}{name}"
            here = (*nullable, path) if fk.null else nullable
            chains.append((path, here))
            walk(fk.related_model, f"{path}__", here, depth + 1)

    walk(model, "", (), 0)
    return tuple(chains)


# --- who history records ------------------------------------------------------------------

_current: ContextVar[Actor | None] = ContextVar("jscd_actor", default=None)


@contextlib.contextmanager
def acting_as(who: Any) -> Iterator[Actor | None]:
    """Run a block as ``who`` (a user, an Actor, or ``None`` for an anonymous request).

    Entered by the web middleware for each request, by the API's authentication once it knows
    the token's user, and by the CLI for ``--as`` or the operator. Leaving restores the outer
    actor, so nested blocks (a service called from a command) behave.
    """
    actor = None if who is None else Actor.of(who)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def enter(who: Any) -> None:
    """Set the actor for the rest of the current context (the API's auth, inside a request the
    middleware has already wrapped in :func:`acting_as`, whose exit restores the outer value)."""
    _current.set(None if who is None else Actor.of(who))


def current_actor() -> Actor | None:
    """The actor of the block being run, or ``None`` outside any (an anonymous request)."""
    return _current.get()


def account(who: Any) -> Any:
    """The user account behind an actor, for "entered by" columns (none for the operator)."""
    return Actor.of(who).user


def history_user(instance: Any = None, request: Any = None, **_: Any) -> Any:
    """django-simple-history's ``get_user``: the account of the current actor (none for the operator)."""
    actor = _current.get()
    if actor is None or actor.user_id is None:
        return None
    return actor.user
