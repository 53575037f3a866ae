from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from jscd.record.exchange import dumps, export_csv_zip, export_record
from jscd.record.management.commands._base import JscdCommand


class Command(JscdCommand):
    help = ("Export the record. --as USER exports what that user may see; --all exports "
            "everything (the operator's backup). JSON goes to stdout or -o FILE; CSV is a zip "
            "of one file per table and needs -o.")

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--as", dest="as_user", metavar="USER", help="export this user's view")
        who.add_argument("--all", action="store_true", help="export every row (operator backup)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("-o", "--output", type=Path, help="file to write (default stdout, JSON only)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self.actor_named(None if options["all"] else options["as_user"])
        if options["format"] == "csv":
            if options["output"] is None:
                raise CommandError("--format csv writes a zip file: give -o FILE.zip")
            options["output"].write_bytes(export_csv_zip(user))
            return
        text = dumps(export_record(user))
        if options["output"] is None:
            sys.stdout.write(text)
        else:
            options["output"].write_text(text, encoding="utf-8")
