"""Demo seeder for unpaid work (filled in below)."""

from __future__ import annotations

import datetime as dt


def seed(reference_date: dt.date) -> str:
    return "unpaid work: nothing seeded"
