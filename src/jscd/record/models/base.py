"""Markings and the one read path every model shares.

Two governments share one database but not everything in it. Every row carries a marking
(``JOINT`` or one party's code) and every query goes through ``visible_to(user)``, which turns
the user's party into a filter and denies by default (NetBox's ``RestrictedQuerySet``).
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from jscd.core import JOINT, validate_marking

__all__ = ["MarkedModel", "RestrictedQuerySet", "allowed_markings", "validate_marking_field"]


def allowed_markings(user: Any) -> list[str]:
    """Markings a user may read: JOINT and their own party's; nothing for anyone else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    party = getattr(user, "party_id", None)
    if not party or not getattr(user, "is_active", False):
        return []
    return [JOINT, party]


def validate_marking_field(value: str) -> None:
    try:
        validate_marking(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows who is asking."""

    def visible_to(self, user: Any) -> RestrictedQuerySet:
        """Rows the user may read: every row they hang from must be readable too, all the way up.

        A row inherits the restriction of what it hangs from (a thread link is no more visible
        than its statement, which is no more visible than its round), so a mis-marked child can
        never leak its parent, however deep.
        """
        allowed = allowed_markings(user)
        if not allowed:
            return self.none()
        query = Q(marking__in=allowed)
        for path, nullable in _parent_chains(self.model):
            cond = Q(**{f"{path}__marking__in": allowed})
            for prefix in nullable:
                cond |= Q(**{f"{prefix}__isnull": True})
            query &= cond
        return self.filter(query)


@cache
def _parent_chains(model: type[models.Model]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every ``visibility_via`` path of a model, followed transitively through its parents.

    Each chain comes with the nullable foreign keys along it: a missing optional parent
    restricts nothing.
    """
    chains: list[tuple[str, tuple[str, ...]]] = []

    def walk(current: type[models.Model], prefix: str, nullable: tuple[str, ...], depth: int) -> None:
        if depth > 6:  # visibility_via never loops in practice; stop if a model ever does
            return
        for name in getattr(current, "visibility_via", ()):
            field = current._meta.get_field(name)
            path = f"{prefix}{name}"
            here = (*nullable, path) if field.null else nullable
            chains.append((path, here))
            walk(field.related_model, f"{path}__", here, depth + 1)

    walk(model, "", (), 0)
    return tuple(chains)


class MarkedModel(models.Model):
    """Base of every record row: a marking and the restricted manager."""

    marking = models.CharField(
        max_length=5,
        default=JOINT,
        db_index=True,
        validators=[validate_marking_field],
        help_text="JOINT (both parties) or the code of the only party that may see the row.",
    )

    objects = RestrictedQuerySet.as_manager()

    #: Foreign keys whose target must also be visible for this row to be visible.
    visibility_via: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True
