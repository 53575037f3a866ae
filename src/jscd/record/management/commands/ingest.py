"""``jscd ingest FILE|DIR...``: store documents and propose what they say, for review."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from jscd.core import JOINT
from jscd.extract.workers import default_workers
from jscd.record.management.commands._base import JscdCommand
from jscd.record.models import Source
from jscd.record.services.ingest import FileOutcome, IngestReport, ingest_paths, plan_paths


class Command(JscdCommand):
    help = ("Read documents (txt, HTML, PDF, DOCX; directories are walked), store each once "
            "(by checksum) and turn what they say into proposals and conflict flags for an "
            "editor to review. A bad file is listed with the reason and writes nothing; the "
            "others go on. Exit status 1 if any file failed.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="FILE|DIR")
        parser.add_argument("--as", dest="username", default=None,
                            help="act as this editor (default: the operator at the console)")
        parser.add_argument("--marking", default=JOINT,
                            help="marking of the stored sources and proposals (JOINT or a party)")
        parser.add_argument("--kind", default="news", choices=Source.KINDS,
                            help="kind of source the documents are (default news)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--workers", type=int, default=None, metavar="N",
                            help="extract over N processes (default: the machine's cores; 1 "
                                 "runs in this process); files are read and stored here, in "
                                 "order, so the outcome is the same")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError(f"--workers must be at least 1, not {options['workers']}")
        user = self.actor_named(options["username"])
        items = plan_paths(options["paths"])
        report = self._run(user, items, options)
        self._summary(report)
        if report.failed or report.batch_error:
            raise CommandError(f"{len(report.failed)} of {len(report.files)} file(s) failed"
                               + ("; the batch could not be reconciled" if report.batch_error else ""))

    def _run(self, user: Any, items: list[Any], options: dict[str, Any]) -> IngestReport:
        kwargs = {"marking": options["marking"], "kind": options["kind"],
                  "workers": options["workers"] or default_workers()}
        if options["no_progress"] or not items:
            return ingest_paths(user, items, **kwargs)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(file=sys.stderr)
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=console, transient=True) as bar:
            task = bar.add_task("", total=len(items))

            def step(outcome: FileOutcome) -> None:
                bar.update(task, advance=1, description=outcome.path[-50:])

            return ingest_paths(user, items, on_file=step, **kwargs)

    def _summary(self, report: IngestReport) -> None:
        out = self.stdout
        for f in report.files:
            if f.status == "stored":
                out.write(f"stored   {f.path} -> source #{f.source_id}: {f.proposals} new "
                          f"proposal(s), {f.conflicts} new conflict(s)")
            elif f.status == "skipped":
                out.write(f"skipped  {f.path}: {f.message} (nothing new)")
        out.write(f"{len(report.stored)} stored, {len(report.skipped)} skipped, "
                  f"{len(report.failed)} failed; {report.proposals} new proposal(s), "
                  f"{report.conflicts} new conflict(s) to review")
        warnings = [w for f in report.files for w in f.warnings]
        for w in warnings:
            self.stderr.write(f"warning: {w}")
        if report.failed:
            self.stderr.write("errors:")
            for f in report.failed:
                self.stderr.write(f"  {f.path}: {f.message}")
        if report.batch_error:
            self.stderr.write(f"error: {report.batch_error}")
