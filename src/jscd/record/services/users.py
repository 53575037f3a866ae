"""Users of a party and their API tokens."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jscd.core import DomainError, Role
from jscd.record.models import ApiToken, User
from jscd.record.services.parties import get_party

__all__ = ["create_user", "issue_token", "use_token"]


def create_user(
    *, username: str, party: str, role: str = Role.VIEWER.value, password: str | None = None,
) -> User:
    """Every user belongs to exactly one party and holds one role (operator only)."""
    if not username.strip():
        raise DomainError("a user needs a name", field="username")
    try:
        Role(role)
    except ValueError:
        raise DomainError(f"unknown role {role!r} (viewer, editor or admin)",
                          field="role") from None
    with transaction.atomic():
        party_row = get_party(party)
        if User.objects.filter(username=username).exists():
            raise DomainError(f"user {username!r} already exists", field="username")
        user = User(username=username, party=party_row, role=role,
                    is_staff=role in (Role.EDITOR.value, Role.ADMIN.value))
        if password:
            try:  # the configured validators (AUTH_PASSWORD_VALIDATORS), as the admin applies them
                validate_password(password, user)
            except ValidationError as exc:
                raise DomainError(" ".join(exc.messages), field="password") from None
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        return user


def issue_token(user: User, name: str = "default") -> str:
    """Create a token and return its key; only the hash is kept, so show the key once."""
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash(key), prefix=key[5:13])
    return key


#: How stale ``ApiToken.last_used`` may get before a request stamps it again (saves a write
#: per request while keeping the stamp useful for spotting unused tokens).
TOKEN_STAMP_EVERY = dt.timedelta(minutes=1)


def use_token(key: str) -> User | None:
    """The user a bearer key belongs to (looked up by its sha256), stamping ``last_used``."""
    if not key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > TOKEN_STAMP_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
