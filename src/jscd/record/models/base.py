"""Markings and the one read path every model shares.

Two governments share one database but not everything in it. Every row carries a marking
(``JOINT`` or one party's code) and every query goes through ``visible_to(user)``, which turns
the user's party into a filter and denies by default (NetBox's ``RestrictedQuerySet``).
"""

from __future__ import annotations

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
        """Rows the user may read; the model's ``visibility_via`` parents must be readable too.

        A row inherits the restriction of what it hangs from (a participation is no more
        visible than its round), so a mis-marked child can never leak its parent.
        """
        allowed = allowed_markings(user)
        if not allowed:
            return self.none()
        query = Q(marking__in=allowed)
        for path in getattr(self.model, "visibility_via", ()):
            field = path.split("__")[0]
            nullable = self.model._meta.get_field(field).null
            cond = Q(**{f"{path}__marking__in": allowed})
            if nullable:
                cond |= Q(**{f"{path}__isnull": True})
            query &= cond
        return self.filter(query)


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
