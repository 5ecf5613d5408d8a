"""``desist recompute``: the nightly recomputation of OGRS3, bands, routing and alerts."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from desist.allocation import recompute


class Command(BaseCommand):
    help = ("Recompute OGRS3, proposed bands, routing dates, workload points and alerts for the "
            "whole caseload. Safe to interrupt: run it again to carry on.")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--restart", action="store_true",
                            help="Start from the beginning even if today's run was interrupted.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        if not 1 <= options["batch_size"] <= 50_000:
            raise CommandError("--batch-size must be between 1 and 50000")
        started = time.perf_counter()
        show = None if options["no_progress"] else recompute.progress_bar(sys.stderr.write)
        counts = recompute.run(batch_size=options["batch_size"], restart=options["restart"],
                               progress=show)
        if show:
            sys.stderr.write("\n")
        self.stdout.write(
            f"Recomputed {counts.processed:,} people in {time.perf_counter() - started:,.1f} s: "
            f"{counts.changed:,} changed, {counts.band_reviews:,} band reviews, "
            f"{counts.escalations:,} risk escalations, {counts.released:,} passed to their LMC; "
            f"caseload summary: {counts.caseload_drift:,} officers corrected; "
            f"unpaid-work summary: {counts.upw_drift:,} orders corrected."
        )
