"""Scheduled jobs: enqueued once when due, not again until their interval has passed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.audit.services import audit_record
from desist.jobs.models import ScheduledRun
from desist.jobs.schedule import JOBS, due_jobs, enqueue_due


def test_every_job_is_due_on_first_run_and_then_not_again(db):
    now = timezone.now()
    assert [j.name for j in due_jobs(now)] == [j.name for j in JOBS]
    assert enqueue_due(now) == [j.name for j in JOBS]
    assert enqueue_due(now + dt.timedelta(seconds=30)) == []
    assert "audit-verify" in enqueue_due(now + dt.timedelta(days=1, seconds=1))
    assert ScheduledRun.objects.get(job="audit-verify").last_task_id


def test_nightly_audit_verification_runs_the_chain_check(db):
    # The test settings use the immediate backend, so enqueueing runs the task now.
    from desist.audit.tasks import verify_audit_chain

    audit_record(actor="test", action="read", event="case_viewed", crn="A000001")
    result = verify_audit_chain.enqueue()
    assert result.return_value == {"checked": 1, "fault": None}


def test_run_scheduled_command_lists_and_enqueues(db, capsys):
    call_command("run_scheduled", "--list")
    assert "audit-verify" in capsys.readouterr().out
    call_command("run_scheduled")
    assert "Enqueued: audit-verify" in capsys.readouterr().out
    call_command("run_scheduled")
    assert "Nothing due." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_worker_runs_queued_tasks_from_the_database_backend(settings):
    from django_tasks_db.models import DBTaskResult

    from desist.audit.tasks import verify_audit_chain

    # Changing the setting resets django_tasks' backends (its setting_changed receiver).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = verify_audit_chain.enqueue()
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    call_command("worker", "--batch")
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
