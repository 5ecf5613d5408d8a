"""``desist cases show CRN --json``: a case as imported from the national record."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from desist.audit import events
from desist.gateway import selectors


class Command(BaseCommand):
    help = "Show a case read back from the national record (docs/gateway.md)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show"])
        parser.add_argument("crn")
        parser.add_argument("--json", action="store_true", help="the read-back contract as JSON")

    def handle(self, *args, **options):
        crn = options["crn"].strip().upper()
        view = selectors.national_view(crn)
        if view is None:
            raise CommandError(f"No case with CRN {crn} has been imported", returncode=1)
        events.national_record_read(actor=None, crn=crn)
        if options["json"]:
            self.stdout.write(json.dumps(view, indent=2, ensure_ascii=False))
            return
        person = view["person"]
        self.stdout.write(f"{crn}: {person['first_name']} {person['surname']}")
        for key, value in view.items():
            if key not in {"crn", "person"}:
                self.stdout.write(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
