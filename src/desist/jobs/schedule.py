"""The scheduled jobs: each is a ``django.tasks`` task and how often it should run.

Apps add their jobs here; ``desist run_scheduled`` (from cron or a systemd timer, every few
minutes) enqueues each job that is due, and ``desist worker`` runs what is queued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path to a django.tasks task
    every: dt.timedelta


JOBS: tuple[Job, ...] = (
    Job("audit-verify", "desist.audit.tasks.verify_audit_chain", dt.timedelta(days=1)),
    Job("audit-seal", "desist.audit.tasks.seal_audit_events", dt.timedelta(minutes=1)),
    Job("audit-export-head", "desist.audit.tasks.export_audit_head", dt.timedelta(minutes=15)),
    Job("recompute", "desist.allocation.tasks.nightly_recompute", dt.timedelta(days=1)),
    Job("contact-gaps", "desist.appointments.tasks.check_contact_gaps", dt.timedelta(days=1)),
    Job("rar-at-risk", "desist.appointments.tasks.check_rar", dt.timedelta(days=1)),
    Job("referral-feasibility", "desist.appointments.tasks.recheck_referrals",
        dt.timedelta(days=1)),
    Job("letters", "desist.compliance.tasks.produce_letters", dt.timedelta(minutes=5)),
    Job("overdue-reviews", "desist.reviews.tasks.raise_overdue_reviews", dt.timedelta(days=1)),
    Job("missed-checkins", "desist.checkins.tasks.record_missed_checkins", dt.timedelta(days=1)),
    Job("resettlement-alerts", "desist.resettlement.tasks.resettlement_alerts",
        dt.timedelta(days=1)),
    Job("upw-at-risk", "desist.unpaid_work.tasks.check_at_risk", dt.timedelta(days=1)),
    Job("insight-refresh", "desist.insight.tasks.refresh_insight", dt.timedelta(hours=1)),
)


def due_jobs(now: dt.datetime, jobs: tuple[Job, ...] = JOBS) -> list[Job]:
    last = dict(ScheduledRun.objects.values_list("job", "last_enqueued_at"))
    return [job for job in jobs if job.name not in last or now - last[job.name] >= job.every]


def enqueue_due(now: dt.datetime | None = None, jobs: tuple[Job, ...] = JOBS) -> list[str]:
    """Enqueue every due job once; the run record and the queue row commit together."""
    now = now or timezone.now()
    enqueued = []
    for job in due_jobs(now, jobs):
        with transaction.atomic():
            run, created = ScheduledRun.objects.select_for_update().get_or_create(
                job=job.name, defaults={"last_enqueued_at": now}
            )
            if not created and now - run.last_enqueued_at < job.every:
                continue  # another runner got there first
            result = import_string(job.task).enqueue()
            run.last_enqueued_at = now
            run.last_task_id = str(result.id)[:64]
            run.save()
            enqueued.append(job.name)
    return enqueued
