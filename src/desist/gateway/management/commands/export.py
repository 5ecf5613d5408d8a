"""``desist export delius [--since DATE] [--crn CRN] [--out FILE]``: contacts, outcomes and
enforcement actions in ContactSummary shape for the national record (docs/gateway.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from desist.audit import events
from desist.gateway import selectors


class Command(BaseCommand):
    help = "Export Desist's contacts and enforcement actions for the national record."

    def add_arguments(self, parser):
        parser.add_argument("system", choices=["delius"])
        parser.add_argument("--since", help="only contacts on or after this date (YYYY-MM-DD)")
        parser.add_argument("--crn")
        parser.add_argument("--out", help="write to this file instead of the screen")

    def handle(self, *args, **options):
        since = None
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError as exc:
                raise CommandError("--since must be a date, YYYY-MM-DD") from exc
        rows = selectors.export_contacts(since=since, crn=(options["crn"] or "").upper() or None)
        events.national_export(actor=None, crns=sorted({r["crn"] for r in rows}), count=len(rows))
        text = json.dumps(rows, indent=2, ensure_ascii=False)
        if options["out"]:
            Path(options["out"]).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Exported {len(rows)} contacts to {options['out']}.")
        else:
            self.stdout.write(text)
