"""Every environment setting of jscd, declared once with its default and help.

Declaring them in one table lets start-up validate them (``ImproperlyConfigured`` naming the
variable) and lets a test check that the README documents each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

__all__ = ["SETTINGS", "Setting", "get", "get_bool", "get_int"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("JSCD_DATABASE_URL", "sqlite:///jscd.sqlite3",
            "Database URL; a SQLite file by default, or postgres://user@host:port/name."),
    Setting("JSCD_SECRET_KEY", "",
            "Django secret key. Required when JSCD_DEBUG is off; a fixed development key is "
            "used otherwise."),
    Setting("JSCD_DEBUG", "0", "1 to show Django's debug pages (never in production)."),
    Setting("JSCD_ALLOWED_HOSTS", "127.0.0.1,localhost",
            "Comma-separated host names the server answers to."),
    Setting("JSCD_STALE_DAYS", "90",
            "Days without an update after which a thread or program is flagged stale."),
    Setting("JSCD_LLM_URL", "",
            "Optional OpenAI-compatible endpoint for the LLM extractor; empty disables it."),
    Setting("JSCD_DEMO_PASSWORD", "",
            "Password of the demo users that jscd up creates; a random one is printed if empty."),
    Setting("JSCD_HTTPS", "0",
            "1 when served over HTTPS (behind a proxy setting X-Forwarded-Proto): Secure "
            "cookies, HSTS, redirect to HTTPS, and the proxy's header trusted."),
    Setting("JSCD_PUBLIC_API_DOCS", "0",
            "1 to serve the API's OpenAPI page and document without signing in."),
    Setting("JSCD_LOGIN_FAILURES", "5",
            "Failed sign-ins of one user name before it is locked out (django-axes)."),
    Setting("JSCD_LOCKOUT_MINUTES", "15",
            "Minutes a locked-out user name must wait before signing in again."),
    Setting("JSCD_SHARED", "",
            "Folder holding the shared reference documents and data (tests and benchmarks); "
            "defaults to ../shared beside the checkout."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a declared setting, or its default."""
    setting = _BY_NAME[name]
    return os.environ.get(name, setting.default)


def get_bool(name: str) -> bool:
    value = get(name).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1 or 0)")


def get_int(name: str) -> int:
    value = get(name)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None
