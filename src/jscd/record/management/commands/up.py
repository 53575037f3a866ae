from __future__ import annotations

import secrets
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

from jscd.conf import env
from jscd.record.demo import load_demo
from jscd.record.management.commands._base import JscdCommand
from jscd.record.models import Round, User
from jscd.record.services import create_user


class Command(JscdCommand):
    help = ("Migrate, load the demo record into an empty database (with a demo user per party), "
            "and serve on 127.0.0.1:8000.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="prepare the database and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("database ready")
        if not Round.objects.exists():
            self.stdout.write(f"demo record loaded: {load_demo()}")
            self._demo_users()
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])

    def _demo_users(self) -> None:
        """One editor per party, so a first visitor can sign in and see each side's view."""
        password = env.get("JSCD_DEMO_PASSWORD") or secrets.token_urlsafe(9)
        for username, party in (("usa-editor", "USA"), ("irq-editor", "IRQ")):
            if not User.objects.filter(username=username).exists():
                create_user(username=username, party=party, role="editor", password=password)
        self.stdout.write(f"demo users: usa-editor and irq-editor, password: {password}")
