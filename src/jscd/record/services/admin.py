"""Generic writes for the Django admin: the same rules as every other service.

The admin edits arbitrary models, so it cannot call a purpose-built service per form. These
two functions give it the common guarantees instead: only editors write and only admins
delete, a user marks rows JOINT or their own party, validation runs before saving, the change
is recorded in history with its author, and the row must still be visible to its author after
saving (otherwise the transaction rolls back).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from jscd.core import DomainError, Role
from jscd.record import access
from jscd.record.access import Action
from jscd.record.services.base import (
    Actor,
    check_marking,
    delete,
    require_writer,
    save,
    validation_message,
)

__all__ = ["delete_object", "require_admin", "save_object", "save_user"]


def require_admin(user: Actor) -> Actor:
    """Deleting is kept for a party's admins: history keeps the row, but pages lose it."""
    return access.require(user, Action.DELETE)


def save_object(user: Actor, obj: models.Model, *, exclude: tuple[str, ...] = ()) -> models.Model:
    """Validate and save one row edited in the admin, as ``user``."""
    require_writer(user)
    if hasattr(obj, "marking"):
        check_marking(user, obj.marking)
    manager: Any = type(obj)._default_manager
    if not obj._state.adding and hasattr(manager, "visible_to") and not manager.visible_to(
            user, Action.CHANGE).filter(pk=obj.pk).exists():
        raise DomainError(f"no such {obj._meta.verbose_name}", field="id")
    with transaction.atomic():
        return save(obj, user, exclude=exclude)


def delete_object(user: Actor, obj: models.Model) -> None:
    """Delete one visible row as ``user`` (a party admin), recorded in history."""
    require_admin(user)
    with transaction.atomic():
        delete(obj, user, Action.DELETE)


def save_user(actor: Actor, user: Any) -> Any:
    """Save a user edited by a party admin: same party, staff flag from the role, never superuser.

    A party admin manages the accounts of their own government only; the admin form cannot
    move a user to the other party or grant powers beyond the three roles.
    """
    admin = require_admin(actor)
    if not admin.is_operator:
        if user.pk is not None and user.party_id != admin.party:
            raise DomainError("no such user", field="id")
        user.party_id = admin.party
    try:
        Role(user.role)
    except ValueError:
        raise DomainError(f"unknown role {user.role!r} (viewer, editor or admin)",
                          field="role") from None
    user.is_staff = Role(user.role).can_write()
    user.is_superuser = False
    with transaction.atomic():
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            message, field = validation_message(exc)
            raise DomainError(message, field=field) from None
        user.save()
        return user
