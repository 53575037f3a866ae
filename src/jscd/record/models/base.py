"""Markings and the one read path every model shares.

Two governments share one database but not everything in it. Every row carries a marking
(``JOINT`` or one party's code) and every query goes through ``visible_to(actor, action)``,
which is the access kernel's filter (``jscd.record.access``): it turns the actor's party into a
filter on the marking and denies by default (NetBox's ``RestrictedQuerySet.restrict``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from jscd.core import JOINT, validate_marking
from jscd.record import access
from jscd.record.access import Action, Actor

__all__ = ["MarkedModel", "RestrictedQuerySet", "allowed_markings", "validate_marking_field"]


def allowed_markings(user: Any) -> list[str]:
    """Markings a user may read (JOINT and their own party's); all of them for the operator.

    Kept for the admin's list filters; it answers from the access kernel's :class:`Actor`.
    """
    markings = Actor.of(user).markings
    return list(markings) if markings is not None else [m for m in _all_markings()]


def _all_markings() -> list[str]:
    from jscd.record.models.parties import Party

    return [JOINT, *Party.objects.values_list("code", flat=True)]


def validate_marking_field(value: str) -> None:
    try:
        validate_marking(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows who is asking: its one filter is the access kernel's."""

    def visible_to(self, who: Any, action: Action | str = Action.VIEW) -> RestrictedQuerySet:
        """Rows ``who`` (a user or an :class:`Actor`) may ``action``: see :func:`access.visible_to`."""
        return access.visible_to(self, who, action)


class MarkedModel(models.Model):
    """Base of every record row: a marking and the restricted manager."""

    marking = models.CharField(
        max_length=5,
        default=JOINT,
        db_index=True,
        validators=[validate_marking_field],
        help_text="JOINT (both parties) or the code of the only party that may see the row.",
    )

    version = models.PositiveIntegerField(
        default=1, editable=False,
        help_text="Bumped by every save; a write naming an older version is refused (409).")

    objects = RestrictedQuerySet.as_manager()

    #: Foreign keys whose target must also be visible for this row to be visible.
    visibility_via: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True
