from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import CommandParser

from jscd.core import Role
from jscd.record.management.commands._base import JscdCommand
from jscd.record.services import create_user, issue_token


class Command(JscdCommand):
    help = "Create a user of one party with a role, and print an API token for them (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--party", required=True, help="ISO 3166-1 alpha-3 code, e.g. USA or IRQ")
        parser.add_argument("--role", default=Role.VIEWER.value, choices=[r.value for r in Role])
        parser.add_argument("--password", help="password for the web login (asked for if omitted "
                            "on a terminal; without one the user signs in with the API token only)")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"]
        if password is None and sys.stdin.isatty():
            password = getpass.getpass("password (empty for API-only): ") or None
        user = create_user(username=options["username"], party=options["party"],
                           role=options["role"], password=password)
        token = issue_token(user)
        self.stdout.write(f"created {user.username} ({user.party_id}, {user.role})")
        self.stdout.write(f"API token (shown once): {token}")
