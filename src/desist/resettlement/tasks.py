"""The nightly Through the Gate alerts (§13): accommodation, overdue work, hand-over."""

from __future__ import annotations

from django_tasks import task


@task()
def resettlement_alerts() -> dict:
    from .services import alerts_run

    return alerts_run()
