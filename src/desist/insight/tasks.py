"""The scheduled rebuild of the insight read model (registered in desist.jobs.schedule)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def refresh_insight() -> dict:
    runs = services.insight_refresh_all(acting_user="desist insight", trigger="scheduled")
    return {str(run.provider_id): run.counts for run in runs}
