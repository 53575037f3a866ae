"""What jscd's management commands share: domain errors become CommandError with their place."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jscd.core import DomainError
from jscd.record.models import User


class JscdCommand(BaseCommand):
    """A command whose DomainError/InputError is reported as a one-line error, not a traceback."""

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc

    @staticmethod
    def user_named(username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r} (create one with jscd createuser)")
        if not user.party_id:
            raise CommandError(f"user {username!r} belongs to no party and may see nothing")
        return user
