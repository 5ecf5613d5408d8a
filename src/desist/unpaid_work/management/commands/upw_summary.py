"""``desist upw_summary``: check the unpaid-work order summary against a recount (ADR 0015)."""

from __future__ import annotations

from desist.summaries import SummaryCommand
from desist.unpaid_work import summary


class Command(SummaryCommand):
    help = ("Compare each unpaid-work order's summary row (hours ordered and credited, ETE, "
            "deadline, at risk from) with a recount from its sessions and adjustments; "
            "--rebuild corrects the rows that differ (the nightly recompute does this too).")
    summary = summary
    name = "upw_summary"
    title = "Unpaid-work summary"
    row = ("order", "orders")
    key = ("person_id", "case")
