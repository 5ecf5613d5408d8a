"""``desist gateway_codes show|load FILE|reset``: the gateway's code tables, as data."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from desist.errors import Refused
from desist.gateway import selectors, services


class Command(BaseCommand):
    help = "Show, load or reset the national-record code tables (docs/gateway.md)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "load", "reset"])
        parser.add_argument("file", nargs="?")

    def handle(self, *args, **options):
        if options["action"] == "show":
            tables: dict = {}
            for row in selectors.code_rows():
                tables.setdefault(row.table, {})[row.code] = [row.value, row.label]
            self.stdout.write(json.dumps(tables or selectors.default_tables(), indent=2))
            return
        if options["action"] == "reset":
            tables, replace = selectors.default_tables(), True
        else:
            if not options["file"]:
                raise CommandError("Give the JSON file to load")
            tables, replace = json.loads(Path(options["file"]).read_text("utf-8")), False
            tables.pop("_about", None)
        try:
            count = services.codes_load(acting_user=None, tables=tables, replace=replace)
        except Refused as exc:
            raise CommandError(f"{exc.message}: {exc.problems}") from exc
        self.stdout.write(f"Loaded {count} codes.")
