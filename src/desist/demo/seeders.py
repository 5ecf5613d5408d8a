"""Running the feature seeders after the caseload is generated (catalogues, readings, bookings …).

The registry is ``desist.seeding`` (apps register there, never here: ``demo`` is a leaf that
nothing imports). ``register`` is re-exported only so older code keeps running; the layer
contract in ``.importlinter`` reports any app that still imports it from here.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from desist.seeding import CLAIMED, SEEDERS, Seeder, register  # noqa: F401 (see the docstring)


def run_all(reference_date: dt.date, write=print) -> None:
    CLAIMED.clear()  # claims hold for one run of the seeders
    for seeder in SEEDERS:
        with transaction.atomic():
            summary = seeder.run(reference_date)
        write(f"  {seeder.name}: {summary}")
