"""Demo: a handful of cases arriving from the national record (a sample bundle per shape)."""

from __future__ import annotations

import datetime as dt

from desist.organisation.models import Provider

from . import samples, services
from .models import NationalRecord

DEMO_BUNDLES = range(900_001, 900_007)


def seed(reference_date: dt.date) -> str:
    """Import six synthetic bundles (community orders and custody cases) and one bad one, so the
    ledger and the hub's intake queue show the gateway at work. Deterministic and fast."""
    provider = Provider.objects.filter(code="NCRC").first()
    if provider is None:
        return "no NCRC provider"
    if NationalRecord.objects.filter(crn=samples.crn_for(DEMO_BUNDLES[0])).exists():
        return "national-record cases already present"
    items = [(f"demo-{n}", samples.bundle(n, custody=n % 2 == 0)) for n in DEMO_BUNDLES]
    bad = samples.bundle(900_099)
    bad["offender"]["dateOfBirth"] = "31/02/1980"
    items.append(("demo-bad", bad))
    result = services.import_bundles(acting_user=None, items=items, source="demo",
                                     provider_id=provider.pk)
    return (f"{result.batch.created} cases imported from the national record, "
            f"{result.batch.rejected} rejected")
