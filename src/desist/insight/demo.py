"""Demo: build the insight read model once the other seeders have made the caseload (§17)."""

from __future__ import annotations

import datetime as dt

from desist.organisation.models import Provider

from . import services


def seed(reference_date: dt.date) -> str:
    counts = {"cases": 0, "timeliness": 0, "needs": 0}
    for pk in Provider.objects.order_by("pk").values_list("pk", flat=True):
        run = services.insight_refresh(provider_id=pk, acting_user="desist demo",
                                       trigger="command", today=reference_date)
        for key in counts:
            counts[key] += run.counts[key]
    return (f"insight figures built: {counts['cases']} cases, {counts['timeliness']} steps, "
            f"{counts['needs']} needs")
