"""``desist caseloads``: check the officer caseload summary against a recount (ADR 0005)."""

from __future__ import annotations

from desist.allocation import caseloads
from desist.summaries import SummaryCommand


class Command(SummaryCommand):
    help = ("Compare each officer's caseload summary (active cases by band, workload points) "
            "with a recount of their cases; --rebuild corrects the rows that differ (the "
            "nightly recompute does this too).")
    summary = caseloads
    name = "caseloads"
    title = "Caseload summary"
    row = ("officer", "officers")
    key = ("staff_id", "staff")
