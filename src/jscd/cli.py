"""The ``jscd`` command.

Kept thin on purpose: ``--version``, ``--help`` and the pure commands (``extract``, ``eval``)
never import Django, so they work without a database or settings. Every other command is a
Django management command of the same name, run with jscd's settings.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence

__all__ = ["COMMANDS", "main"]

#: name -> (help line, "module:function" for pure commands or None for a management command)
COMMANDS: dict[str, tuple[str, str | None]] = {
    "up": ("migrate, load the demo record into an empty database, and serve", None),
    "serve": ("serve the web app and API (waitress) on 127.0.0.1:8000", None),
    "migrate": ("create or update the database tables", None),
    "demo": ("load the demo record (U.S.-Iraq JSCD rounds 1 and 2)", None),
    "createuser": ("create a user of one party with a role, and print an API token", None),
    "export": ("export the record (as one user's view, or all) as JSON or CSV", None),
    "import": ("import a JSON export into the record", None),
    "extract": ("extract rounds, people and statements from documents", "jscd.extract.commands:extract_main"),
    "eval": ("score an extraction against a gold annotation", "jscd.extract.commands:eval_main"),
    "ingest": ("store documents and their extraction as proposals for review", None),
    "report": ("generate a staff product (read-ahead, joint statement, compliance)", None),
    "threads": ("suggest and list threads across rounds", None),
    "assess": ("run the Higher Military Commission's conditions-based assessment", None),
}


def _usage() -> str:
    from jscd import __version__

    width = max(len(n) for n in COMMANDS)
    lines = [
        f"jscd {__version__} - Joint Security Cooperation Dialogue record and decision support",
        "",
        "usage: jscd COMMAND [ARGS...]     (jscd COMMAND --help for a command's options)",
        "",
        "commands:",
    ]
    lines += [f"  {name.ljust(width)}  {help_}" for name, (help_, _) in COMMANDS.items()]
    lines += ["", "configuration: JSCD_DATABASE_URL (default sqlite file ./jscd.sqlite3); see README"]
    return "\n".join(lines)


def _load(target: str) -> Callable[[Sequence[str]], int]:
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    if args[0] in ("-V", "--version"):
        from jscd import __version__

        print(f"jscd {__version__}")
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"jscd: unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    target = COMMANDS[name][1]
    if target is not None:
        return int(_load(target)(rest) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jscd.conf.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["jscd", name, *rest])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
