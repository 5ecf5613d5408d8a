"""``desist upw_summary``: check the unpaid-work order summary against a recount (ADR 0015)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from desist.unpaid_work import summary

SHOWN = 20


class Command(BaseCommand):
    help = ("Compare each unpaid-work order's summary row (hours ordered and credited, ETE, "
            "deadline, at risk from) with a recount from its sessions and adjustments; "
            "--rebuild corrects the rows that differ (the nightly recompute does this too).")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="Correct the rows that differ from the recount.")

    def handle(self, *args, **options):
        drift = summary.rebuild() if options["rebuild"] else summary.check()
        for d in drift[:SHOWN]:
            self.stdout.write(f"  case {d.person_id}: stored {self._named(d.stored)}, "
                              f"recounted {self._named(d.counted)}")
        if len(drift) > SHOWN:
            self.stdout.write(f"  … and {len(drift) - SHOWN:,} more")
        if options["rebuild"]:
            self.stdout.write(f"Unpaid-work summary rebuilt: {len(drift):,} orders corrected.")
        elif drift:
            raise CommandError(f"{len(drift):,} unpaid-work orders' summary rows differ from a "
                               "recount: run `desist upw_summary --rebuild` (or `desist "
                               "recompute`).")
        else:
            self.stdout.write("Unpaid-work summary matches a recount for every order.")

    @staticmethod
    def _named(values):
        return "no row" if values is None else dict(zip(summary.COLUMNS, values, strict=True))
