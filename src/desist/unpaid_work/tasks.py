"""Nightly: a task for the officer of each unpaid-work order at risk of overrunning (§12)."""

from __future__ import annotations

from django_tasks import task


@task()
def check_at_risk() -> dict:
    from .services import check_at_risk as run

    return run()
