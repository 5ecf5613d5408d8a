"""``desist caseloads``: check the officer caseload summary against a recount (ADR 0005)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from desist.allocation import caseloads

SHOWN = 20


class Command(BaseCommand):
    help = ("Compare each officer's caseload summary (active cases by band, workload points) "
            "with a recount of their cases; --rebuild corrects the rows that differ (the "
            "nightly recompute does this too).")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="Correct the rows that differ from the recount.")

    def handle(self, *args, **options):
        drift = caseloads.rebuild() if options["rebuild"] else caseloads.check()
        for d in drift[:SHOWN]:
            have = dict(zip(caseloads.COLUMNS, d.stored, strict=True))
            want = dict(zip(caseloads.COLUMNS, d.counted, strict=True))
            self.stdout.write(f"  staff {d.staff_id}: stored {have}, recounted {want}")
        if len(drift) > SHOWN:
            self.stdout.write(f"  … and {len(drift) - SHOWN:,} more")
        if options["rebuild"]:
            self.stdout.write(f"Caseload summary rebuilt: {len(drift):,} officers corrected.")
        elif drift:
            raise CommandError(f"{len(drift):,} officers' caseload summaries differ from a "
                               "recount: run `desist caseloads --rebuild` (or `desist recompute`).")
        else:
            self.stdout.write("Caseload summary matches a recount for every officer.")
