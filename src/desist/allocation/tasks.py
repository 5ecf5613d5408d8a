"""The nightly recompute as a background task (scheduled in desist.jobs.schedule)."""

from __future__ import annotations

from django_tasks import task

from . import recompute


@task()
def nightly_recompute() -> dict:
    return recompute.run().as_dict()
