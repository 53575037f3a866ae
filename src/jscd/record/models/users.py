"""Users belong to exactly one party and hold one role inside it."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from jscd.core import Role

__all__ = ["ApiToken", "User"]


class User(AbstractUser):
    party = models.ForeignKey(
        "record.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        help_text="The government this user works for; decides what they may see.",
    )
    role = models.CharField(
        max_length=10, choices=[(r.value, r.value) for r in Role], default=Role.VIEWER.value
    )

    @property
    def can_write(self) -> bool:
        return bool(self.party_id) and self.is_active and Role(self.role).can_write()

    @property
    def is_party_admin(self) -> bool:
        return bool(self.party_id) and self.is_active and self.role == Role.ADMIN.value


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored, so a database leak leaks no token."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="default")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="First characters, to tell tokens apart.")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user.username}:{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return "jscd_" + secrets.token_urlsafe(32)

