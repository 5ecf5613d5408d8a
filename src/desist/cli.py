"""The ``desist`` console script.

``desist rules …`` runs the pure rules core without starting Django (fast, no database);
every other subcommand is a Django management command (``desist demo``, ``desist audit verify``,
``desist worker``, ``desist migrate`` …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "rules":
        from desist.rules.cli import main as rules_main

        return rules_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desist.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["desist", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
