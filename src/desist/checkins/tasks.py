"""The missed check-in job: every day, a check-in day that passed becomes an absence (§11)."""

from __future__ import annotations

from django_tasks import task


@task()
def record_missed_checkins() -> dict:
    from .services import record_missed

    return record_missed()
