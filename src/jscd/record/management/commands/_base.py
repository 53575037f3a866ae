"""What jscd's management commands share: who acts, and domain errors as CommandError.

A command acts as the operator at the console (``Actor.operator()``: every marking, history
records no user) unless it names a user with ``--as``; either way the actor is entered into
the access kernel's context for the whole command, so history knows who wrote.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jscd.core import DomainError
from jscd.record.access import OPERATOR, Actor, acting_as, enter
from jscd.record.models import User


class JscdCommand(BaseCommand):
    """A command whose DomainError/InputError is reported as a one-line error, not a traceback."""

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            with acting_as(OPERATOR):
                return super().execute(*args, **options)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc

    @classmethod
    def actor_named(cls, username: str | None) -> Actor:
        """``--as USER``'s actor, or the operator when no user is named (entered for history)."""
        actor = OPERATOR if not username else Actor.of(cls.user_named(username))
        enter(actor)
        return actor

    @staticmethod
    def user_named(username: str) -> User:
        user = User.objects.filter(username=username).first()
        if not user:
            raise CommandError(f"no user named {username!r} (create one with jscd createuser)")
        if not user.party_id:
            raise CommandError(f"user {username!r} belongs to no party and may see nothing")
        return user
