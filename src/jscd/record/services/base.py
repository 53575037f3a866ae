"""What every write shares: who may write what, one transaction, and the re-check after it.

Services take the acting ``user``. ``None`` stands for the operator at the server's console
(``jscd demo``, ``jscd import``): trusted with every marking, still recorded in history as
no user. Web and API callers always pass a real user.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from jscd.core import JOINT, DomainError, validate_marking

__all__ = ["Actor", "check_marking", "require_writer", "save", "validation_message"]

Actor = Any  # a record.User or None for the operator
M = TypeVar("M", bound=models.Model)


def require_writer(user: Actor) -> None:
    """Only editors and admins of a party write; the operator always may."""
    if user is None:
        return
    if not getattr(user, "can_write", False):
        raise DomainError("your role may read the record but not change it", field="role")


def check_marking(user: Actor, marking: str, *, field: str = "marking") -> str:
    """Nobody may create what they may not see: a user marks JOINT or their own party only."""
    try:
        validate_marking(marking)
    except ValueError as exc:
        raise DomainError(str(exc), field=field) from None
    if user is not None and marking not in (JOINT, user.party_id):
        raise DomainError(f"you may not write rows marked {marking}", field=field)
    return marking


def validation_message(exc: ValidationError) -> tuple[str, str | None]:
    """The first problem of a ValidationError as (message, field) for DomainError."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            msgs = [m for e in errors for m in e.messages]
            return "; ".join(msgs), None if field == "__all__" else field
    return "; ".join(exc.messages), None


def save(obj: M, user: Actor, *, exclude: Iterable[str] = ()) -> M:
    """Validate, save with its author for history, and re-check the author can still see it.

    Call inside ``transaction.atomic()``: if the re-check fails the DomainError rolls back.
    """
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        message, field = validation_message(exc)
        raise DomainError(message, field=field) from None
    obj._history_user = user  # read by django-simple-history
    obj.save()
    if user is not None:
        manager = type(obj)._default_manager
        if hasattr(manager, "visible_to") and not manager.visible_to(user).filter(
            pk=obj.pk
        ).exists():
            raise DomainError(
                f"this {obj._meta.verbose_name} would not be visible to you after saving "
                "(it hangs from a row of another marking)", field="marking")
    return obj
