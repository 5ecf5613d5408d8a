"""The demo seeder registry: apps register their showcase seeders here, the demo reads it.

Apps call ``desist.seeding.register`` from ``AppConfig.ready()``; ``desist demo`` (in
``desist.demo``) runs the seeders in order after the generator. The registry lives outside the
``demo`` app so that no app imports ``demo`` (it is a leaf: ADR 0007, ``.importlinter``).

A seeder must be idempotent (the demo command is re-run on an existing database) and quick (the
demo is ready in seconds): it shapes a few showcase cases, not the whole caseload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


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


# Showcase cases a seeder has shaped: a later seeder that reshapes "ordinary" cases (replacing
# their sentences) must leave these alone, or one rule's showcase silently destroys another's.
CLAIMED: set[str] = set()


def claim(*crns: str) -> None:
    """Mark these CRNs as another seeder's showcase for the rest of this demo run."""
    CLAIMED.update(crns)
