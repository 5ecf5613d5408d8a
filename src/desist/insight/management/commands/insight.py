"""``desist insight refresh``: rebuild the insight read model now (§17)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from desist.insight import services


class Command(BaseCommand):
    help = "Insight reporting: 'refresh' rebuilds the read model for every provider."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"])
        parser.add_argument("--provider", type=int, help="Only this provider's id")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["provider"]:
            from desist.organisation.models import Provider

            if not Provider.objects.filter(pk=options["provider"]).exists():
                raise CommandError("No provider with that id")
            runs = [services.insight_refresh(provider_id=options["provider"],
                                             acting_user="desist insight", trigger="command")]
        else:
            runs = services.insight_refresh_all(acting_user="desist insight", trigger="command")
        for run in runs:
            self.stdout.write(f"Provider {run.provider_id}: {run.counts['cases']:,} cases, "
                              f"{run.counts['timeliness']:,} steps, {run.counts['needs']:,} needs")
        self.stdout.write(f"Refreshed in {time.perf_counter() - started:,.1f} s")
