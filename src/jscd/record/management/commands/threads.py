"""``jscd threads suggest|list|export|import|confirm|reject``: threads from the console."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from jscd.core import ThreadStatus
from jscd.record.management.commands._base import JscdCommand
from jscd.record.models import Thread
from jscd.record.services.bulk import (
    export_programs_csv,
    export_threads_csv,
    import_csv,
)
from jscd.record.services.suggest import (
    apply_suggestions,
    confirm_link,
    reject_link,
    suggest_threads,
    suggestion_dict,
)
from jscd.record.services.threads import is_overdue, is_stale, last_update


class Command(JscdCommand):
    help = ("Threads across rounds. suggest: propose links between statements of successive "
            "rounds (same category, similar object; --apply writes them unconfirmed). list: "
            "threads with owner, keeper and overdue/stale flags. export/import: CSV of threads "
            "(or --programs) for staff spreadsheets. confirm/reject: decide a suggested link. "
            "--as USER acts as that user; without it the operator acts on the whole record.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        suggest = sub.add_parser("suggest", help="propose thread links")
        suggest.add_argument("--apply", action="store_true",
                             help="write the suggestions as unconfirmed links")
        suggest.add_argument("--threshold", type=float, default=None)
        suggest.add_argument("--json", action="store_true")
        listing = sub.add_parser("list", help="list threads with their flags")
        listing.add_argument("--status", choices=[s.value for s in ThreadStatus])
        listing.add_argument("--overdue", action="store_true")
        listing.add_argument("--stale", action="store_true")
        listing.add_argument("--today", type=dt.date.fromisoformat)
        export = sub.add_parser("export", help="write threads (or programs) as CSV")
        export.add_argument("file", type=Path, help="CSV file to write ('-' for stdout)")
        export.add_argument("--programs", action="store_true")
        imp = sub.add_parser("import", help="read threads or programs from CSV")
        imp.add_argument("file", type=Path)
        for name in ("confirm", "reject"):
            p = sub.add_parser(name, help=f"{name} a suggested link")
            p.add_argument("link", type=int, help="thread link id")
        for p in (suggest, listing, export, imp, *sub.choices.values()):
            if not any(a.dest == "as_user" for a in p._actions):
                p.add_argument("--as", dest="as_user", metavar="USER")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self.actor_named(options.get("as_user"))
        getattr(self, f"do_{options['action']}")(user, options)

    def do_suggest(self, user: Any, options: dict[str, Any]) -> None:
        kwargs = {} if options["threshold"] is None else {"threshold": options["threshold"]}
        suggestions = suggest_threads(user, **kwargs)
        if options["json"]:
            self.stdout.write(json.dumps([suggestion_dict(s) for s in suggestions], indent=2))
        else:
            for s in suggestions:
                target = f"thread #{s.thread.pk}" if s.thread else "new thread"
                self.stdout.write(f"{s.score or 0:.2f}  [{s.category}] {target}: {s.title}")
                for link in s.links:
                    score = f"{link.score:.2f}" if link.score is not None else "  — "
                    self.stdout.write(f"      {score} round {link.statement.round.ordinal} "
                                      f"#{link.statement.pk}: {link.statement.text[:90]}")
            self.stdout.write(f"{len(suggestions)} suggestions")
        if options["apply"]:
            threads = apply_suggestions(user, suggestions)
            self.stdout.write(f"applied: {len(threads)} threads received unconfirmed links "
                              "(confirm each with: jscd threads confirm LINK)")

    def do_list(self, user: Any, options: dict[str, Any]) -> None:
        today = options["today"] or dt.date.today()
        threads = Thread.objects.visible_to(user)
        if options["status"]:
            threads = threads.filter(status=options["status"])
        rows = 0
        for thread in threads.order_by("category", "title"):
            flags = [f for f, on in (("OVERDUE", is_overdue(thread, today)),
                                     ("STALE", is_stale(thread, today))) if on]
            if (options["overdue"] and "OVERDUE" not in flags) or (
                    options["stale"] and "STALE" not in flags):
                continue
            last = last_update(thread)
            self.stdout.write(
                f"#{thread.pk:<4} {thread.status:<12} {thread.owner:<4} {thread.marking:<5} "
                f"{thread.title[:60]:<60}  keeper: {thread.keeper or '—'}  "
                f"due: {thread.due or '—'}  last: {last or '—'}  {' '.join(flags)}")
            rows += 1
        self.stdout.write(f"{rows} threads")

    def do_export(self, user: Any, options: dict[str, Any]) -> None:
        text = export_programs_csv(user) if options["programs"] else export_threads_csv(user)
        if str(options["file"]) == "-":
            self.stdout.write(text, ending="")
        else:
            options["file"].write_text(text, encoding="utf-8")
            self.stderr.write(f"wrote {options['file']}")

    def do_import(self, user: Any, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read ({exc})") from None
        report = import_csv(user, text, str(path))
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError(f"{len(report.errors)} rows refused; the other rows were written")

    def do_confirm(self, user: Any, options: dict[str, Any]) -> None:
        link = confirm_link(user, options["link"])
        self.stdout.write(f"confirmed: statement #{link.statement_id} in thread "
                          f"#{link.thread_id} ({link.thread.title})")

    def do_reject(self, user: Any, options: dict[str, Any]) -> None:
        reject_link(user, options["link"])
        self.stdout.write(f"rejected link #{options['link']}")
