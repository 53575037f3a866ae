"""What every write shares: the kernel's "may write" rule, one transaction, and the re-check.

Services take the acting ``user``: a ``record.User`` or an :class:`~jscd.record.access.Actor`
(the console operator is :data:`~jscd.record.access.OPERATOR`, never ``None``). Who may write
what is decided by the access kernel (``jscd.record.access``); this module only applies it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from jscd.core import DomainError
from jscd.record import access
from jscd.record.access import Action, Actor, acting_as, require_marking

__all__ = [
    "Actor", "Conflict", "check_marking", "delete", "readable", "require_writer", "save",
    "validation_message",
]

M = TypeVar("M", bound=models.Model)


class Conflict(DomainError):
    """A write based on a stale version of the row (409 with the current version)."""

    def __init__(self, message: str, *, current: int) -> None:
        super().__init__(message, field="version")
        self.current = current


def require_writer(user: Any) -> Actor:
    """Only editors and admins of a party write; the operator always may (the kernel's rule)."""
    return access.require(user, Action.CHANGE)


def check_marking(user: Any, marking: str, *, field: str = "marking") -> str:
    """Nobody may create what they may not see: a user marks JOINT or their own party only."""
    return require_marking(user, marking, field=field)


def readable(model: Any, user: Any, action: Action | str = Action.VIEW) -> Any:
    """Rows of ``model`` the actor may ``action``: every read a service does starts here."""
    return access.visible_to(model._default_manager.all(), user, action)


def validation_message(exc: ValidationError) -> tuple[str, str | None]:
    """The first problem of a ValidationError as (message, field) for DomainError."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            msgs = [m for e in errors for m in e.messages]
            if field == "__all__":  # a unique constraint: name its first field the user chose
                checked = [f for e in errors for f in (getattr(e, "params", None) or {})
                           .get("unique_check", ()) if f != "marking"]
                return "; ".join(msgs), checked[0] if checked else None
            return "; ".join(msgs), field
    return "; ".join(exc.messages), None


def _claim_version(obj: models.Model, expected: int | None) -> None:
    """Compare-and-set the row's version in the database: a stale ``expected`` is a Conflict.

    The conditional UPDATE is atomic on SQLite and PostgreSQL alike (PostgreSQL re-checks the
    WHERE after waiting for a concurrent writer's row lock), so of many writers holding the
    same version exactly one wins.
    """
    if obj._state.adding or not hasattr(obj, "version"):
        return
    manager = type(obj)._default_manager
    if expected is None:
        manager.filter(pk=obj.pk).update(version=models.F("version") + 1)
    elif not manager.filter(pk=obj.pk, version=expected).update(version=expected + 1):
        current = manager.filter(pk=obj.pk).values_list("version", flat=True).first() or 0
        raise Conflict(f"this {obj._meta.verbose_name} was changed by someone else "
                       f"(version {current}, yours is {expected}): reload and try again",
                       current=current)
    obj.version = manager.filter(pk=obj.pk).values_list("version", flat=True).first()


def save(obj: M, user: Any, *, exclude: Iterable[str] = (), version: int | None = None) -> M:
    """Validate, save as ``user`` for history, and re-check ``user`` can still see it.

    ``version`` is the version the caller read; a row changed since is refused (Conflict).
    Call inside ``transaction.atomic()``: if a check fails the DomainError rolls back.
    """
    actor = Actor.of(user)
    _claim_version(obj, version)
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        message, field = validation_message(exc)
        raise DomainError(message, field=field) from None
    with acting_as(actor):  # history's user comes from the context, as in a request
        obj.save()
    manager = type(obj)._default_manager
    if hasattr(manager, "visible_to") and not manager.visible_to(actor).filter(pk=obj.pk).exists():
        raise DomainError(
            f"this {obj._meta.verbose_name} would not be visible to you after saving "
            "(it hangs from a row of another marking)", field="marking")
    return obj


def delete(obj: models.Model, user: Any, action: Action | str = Action.DELETE) -> None:
    """Delete one row in the actor's ``action`` set, recorded in history with them as author.

    Removing a row outright is ``delete`` (a party admin); a few rows that are part of another
    row's editing (a rejected thread link) are removed under ``change``.
    """
    actor = Actor.of(user)
    if not readable(type(obj), actor, action).filter(pk=obj.pk).exists():
        raise DomainError(f"no such {obj._meta.verbose_name}", field="id")
    with acting_as(actor):
        obj.delete()
