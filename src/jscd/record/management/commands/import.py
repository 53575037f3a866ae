from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from jscd.record.management.commands._base import JscdCommand
from jscd.record.services.exchange import import_record, read_export


class Command(JscdCommand):
    help = "Import a JSON export (jscd export --all) into an empty database; a bad file writes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        counts = import_record(read_export(path), file=str(path))
        total = sum(counts.values())
        self.stdout.write(f"imported {total} rows from {path}")
