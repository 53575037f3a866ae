"""``jscd report PRODUCT --round N|next --party CODE --format FMT -o FILE``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from jscd.record.management.commands._base import JscdCommand
from jscd.reports.context import viewer_for_party
from jscd.reports.products import PRODUCTS, generate
from jscd.reports.render import FORMATS


class Command(JscdCommand):
    help = ("Generate a staff product for a held round or the next one: read-ahead, "
            "joint-statement (draft) or compliance. It holds only what the chosen party (or "
            "user) may see; its banner is the highest marking inside. Nothing is written "
            "when the round does not exist.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("product", choices=list(PRODUCTS))
        parser.add_argument("--round", required=True, metavar="N|next",
                            help="ordinal of a held round, or 'next' for the upcoming one")
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--party", metavar="CODE",
                         help="generate for this party (JOINT rows and its own); default JOINT only")
        who.add_argument("--as", dest="as_user", metavar="USER", help="generate as this user sees")
        parser.add_argument("--series", help="series acronym or name (default: the one with rounds)")
        parser.add_argument("--format", choices=FORMATS, default="md")
        parser.add_argument("-o", "--output", type=Path,
                            help="file to write (default stdout for md and html)")
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="date to read overdue and stale flags at (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, output = options["format"], options["output"]
        if output is None and fmt in ("docx", "pdf"):
            raise CommandError(f"--format {fmt} is binary: give -o FILE")
        reader = (self.user_named(options["as_user"]) if options["as_user"]
                  else viewer_for_party(options["party"]))
        product = generate(reader, options["product"], options["round"], fmt,
                           series=options["series"], today=options["today"])
        # Only now, with the product complete, is anything written.
        if output is None:
            self.stdout.write(product.content.decode("utf-8"), ending="")
            return
        output.write_bytes(product.content)
        self.stderr.write(f"wrote {output} ({product.document.banner}, "
                          f"{len(product.content)} bytes)")
