from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from jscd.record.demo import load_demo
from jscd.record.management.commands._base import JscdCommand
from jscd.record.models import Round


class Command(JscdCommand):
    help = "Load the demo record (the U.S.-Iraq JSCD rounds 1 and 2) into an empty database."

    def handle(self, *args: Any, **options: Any) -> None:
        if Round.objects.exists():
            raise CommandError("the record already holds rounds; the demo loads into an empty database")
        summary = load_demo()
        self.stdout.write(f"demo record loaded: {summary}")
