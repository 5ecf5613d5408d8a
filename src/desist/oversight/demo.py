"""Demo: the framework loaded, a completed audit round and one in progress, and oversight."""

from __future__ import annotations

import datetime as dt


def seed(reference_date: dt.date) -> str:
    return "not yet"
