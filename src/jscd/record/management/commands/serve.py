from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from jscd.record.management.commands._base import JscdCommand

#: Addresses only this machine can reach: the demo may run there on the development key.
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Command(JscdCommand):
    help = "Serve the web app and API with waitress (a production WSGI server, pure Python)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        self.check_secret_key(options["host"])
        from waitress import serve

        from jscd.conf.wsgi import application

        self.stdout.write(f"jscd serving on http://{options['host']}:{options['port']}/ (Ctrl-C to stop)")
        self.stdout.flush()
        serve(application, host=options["host"], port=options["port"], threads=options["threads"])

    def check_secret_key(self, host: str) -> None:
        """Refuse the public development key with DEBUG off, except on loopback (a warning).

        Anyone who knows the key (it is in the source) can forge session cookies, so a server
        other machines can reach must have its own ``JSCD_SECRET_KEY``.
        """
        if settings.DEBUG or settings.SECRET_KEY != settings.DEVELOPMENT_SECRET_KEY:
            return
        if host in LOOPBACK:
            self.stderr.write("warning: serving with the public development secret key; set "
                              "JSCD_SECRET_KEY before anyone else can reach this server")
            return
        raise CommandError(f"refusing to serve on {host} with the public development secret "
                           "key: set JSCD_SECRET_KEY (or JSCD_DEBUG=1 for development)")
