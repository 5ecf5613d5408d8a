"""Risk escalations reconciled with the current RoSH, and their structured outcome
(operating model §2, F18; issue 12, item 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.allocation import recompute, services
from desist.allocation.models import EscalationOutcome
from desist.audit.models import AuditEvent
from desist.people.models import Person
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .conftest import new_case

pytestmark = pytest.mark.django_db
D = dt.timedelta


def _reassess(person: Person, rosh: str, on: dt.date) -> Person:
    Person.objects.filter(pk=person.pk).update(rosh=rosh, rosh_assessed_on=on)
    person.refresh_from_db()
    return person


def test_escalation_is_resolved_when_rosh_drops_back_to_medium(provider, newcastle):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, team=team, crn="E100001", rosh="high",
                      rosh_assessed_on=today - D(days=10))
    task = services.escalate_if_needed(person, today=today - D(days=10))
    person = _reassess(person, "medium", today)
    services.escalate_if_needed(person, today=today)
    task.refresh_from_db()
    assert task.status == "cancelled"
    assert "No longer needed: RoSH is now medium" in task.outcome
    assert not Task.objects.filter(kind="risk_escalation", status="open").exists()


def test_escalation_is_replaced_when_rosh_is_reassessed_very_high(provider, newcastle):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, team=team, crn="E100002", rosh="high",
                      rosh_assessed_on=today - D(days=10))
    first = services.escalate_if_needed(person, today=today - D(days=10))
    person = _reassess(person, "very_high", today)
    second = services.escalate_if_needed(person, today=today)
    first.refresh_from_db()
    assert first.status == "cancelled" and "Updated: RoSH is now very high" in first.outcome
    assert second.status == "open" and second.data["rosh"] == "very_high"
    assert second.due_on == first.due_on  # the earlier deadline is kept
    assert "very high" in second.title


def test_nightly_recompute_reconciles_open_escalations(provider, newcastle):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, team=team, crn="E100003", rosh="high",
                      rosh_assessed_on=today - D(days=5))
    recompute.run(as_of=today)
    task = Task.objects.get(kind="risk_escalation", person=person)
    _reassess(person, "medium", today)
    recompute.run(as_of=today, restart=True)
    task.refresh_from_db()
    assert task.status == "cancelled" and "RoSH is now medium" in task.outcome


def test_manager_records_a_structured_outcome_which_closes_the_task(
        provider, newcastle, lmc_manager, client):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, team=team, crn="E100004", rosh="high",
                      rosh_assessed_on=today - D(days=2))
    task = services.escalate_if_needed(person, today=today)
    client.force_login(lmc_manager.user)
    task_page = client.get(f"/tasks/{task.pk}").content.decode()
    assert "/cases/E100004/risk-escalation" in task_page
    page = client.get("/cases/E100004/risk-escalation").content.decode()
    assert "Referred to the NPS" in page and "RoSH high" in page
    future = today + D(days=1)
    with nothing_written(EscalationOutcome, Task):
        refused = client.post("/cases/E100004/risk-escalation", {
            "task": task.pk, "outcome": "referred", "on-day": future.day,
            "on-month": future.month, "on-year": future.year})
    assert refused.status_code == 400 and "cannot be in the future" in refused.content.decode()
    with nothing_written(EscalationOutcome, Task):
        no_notes = client.post("/cases/E100004/risk-escalation", {
            "task": task.pk, "outcome": "not_escalated", "on-day": today.day,
            "on-month": today.month, "on-year": today.year})
    assert no_notes.status_code == 400 and "Say why" in no_notes.content.decode()
    ok = client.post("/cases/E100004/risk-escalation", {
        "task": task.pk, "outcome": "referred", "on-day": today.day, "on-month": today.month,
        "on-year": today.year, "notes": "Sent to NPS allocations by secure email"})
    assert ok.status_code == 302
    record = EscalationOutcome.objects.get(person=person)
    assert (record.outcome, record.on, record.rosh) == ("referred", today, "high")
    task.refresh_from_db()
    assert task.status == "done" and task.outcome.startswith("Referred to the NPS on ")
    assert AuditEvent.objects.filter(event="risk_escalation_outcome_recorded",
                                     crn="E100004").exists()
    page = client.get("/cases/E100004/risk-escalation").content.decode()
    assert "Sent to NPS allocations by secure email" in page
