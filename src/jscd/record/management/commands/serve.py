from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from jscd.record.management.commands._base import JscdCommand


class Command(JscdCommand):
    help = "Serve the web app and API with waitress (a production WSGI server, pure Python)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from jscd.conf.wsgi import application

        self.stdout.write(f"jscd serving on http://{options['host']}:{options['port']}/ (Ctrl-C to stop)")
        self.stdout.flush()
        serve(application, host=options["host"], port=options["port"], threads=options["threads"])
