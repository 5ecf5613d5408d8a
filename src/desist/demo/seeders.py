"""Feature demo data added after the caseload is generated (catalogues, readings, bookings …).

Apps register a seeder in ``AppConfig.ready()``; ``desist demo`` runs them in order after the
generator. A seeder must be idempotent (the demo command is re-run on an existing database) and
quick (the demo is ready in seconds): it shapes a few showcase cases, not the whole caseload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Seeder:
    name: str
    run: Callable[[dt.date], str]  # returns a one-line summary for the console
    order: int = 50


SEEDERS: list[Seeder] = []


def register(name: str, run: Callable[[dt.date], str], *, order: int = 50) -> None:
    if any(s.name == name for s in SEEDERS):
        return
    SEEDERS.append(Seeder(name, run, order))
    SEEDERS.sort(key=lambda s: s.order)


def run_all(reference_date: dt.date, write=print) -> None:
    for seeder in SEEDERS:
        with transaction.atomic():
            summary = seeder.run(reference_date)
        write(f"  {seeder.name}: {summary}")
