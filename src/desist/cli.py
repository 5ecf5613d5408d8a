"""The ``desist`` console script.

``desist rules …`` runs the pure rules core without starting Django (fast, no database);
every other subcommand is a Django management command (``desist serve``, ``desist worker``,
``desist scheduler``, ``desist audit verify``, ``desist migrate`` …).

Settings default to **production** (ADR 0003): a deployment that forgets to choose gets the
safe settings, which refuse to start without PostgreSQL and real secrets. Only the demo commands
(``desist demo``, ``desist generate``), which exist to run out of the box on SQLite, default to the
local settings; they refuse to run when production settings are chosen explicitly.
"""

from __future__ import annotations

import os
import sys

PRODUCTION = "desist.config.settings.production"
LOCAL = "desist.config.settings.local"
DEMO_COMMANDS = {"demo", "generate"}


def settings_for(command: str | None) -> str:
    """The settings module a command runs with when DJANGO_SETTINGS_MODULE is not set."""
    return LOCAL if command in DEMO_COMMANDS else PRODUCTION


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else None
    if command == "rules":
        from desist.rules_cli import main as rules_main

        return rules_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_for(command))
    if command in DEMO_COMMANDS and os.environ["DJANGO_SETTINGS_MODULE"] == PRODUCTION:
        sys.stderr.write(
            f"desist {command} refuses to run with production settings: it creates synthetic "
            "people and users with a published password. Use the local settings for a demo.\n"
        )
        return 2
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["desist", *args])
    except ImproperlyConfigured as exc:  # a refused configuration: one line, not a traceback
        sys.stderr.write(f"desist: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
