"""No-store on private responses, styled error pages with DEBUG off, health, JSON logs."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import call_command

from desist.audit.models import AuditEvent
from desist.config.logs import ContextFilter, JsonFormatter, redact
from desist.jobs import heartbeat
from desist.jobs.models import WorkerHeartbeat
from desist.organisation.roles import Role


def test_signed_in_pages_api_and_pdfs_are_no_store(case, staff_by_role, client):
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    for path in ("/cases/", f"/cases/{case.crn}/", "/api/referrals"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
    pdf = client.get(f"/cases/{case.crn}/induction/summary.pdf")
    assert pdf["Content-Type"] == "application/pdf", pdf.status_code
    assert "no-store" in pdf["Cache-Control"]


def test_api_refusals_are_no_store_too(client):
    response = client.get("/api/referrals")
    assert response.status_code == 401 and "no-store" in response["Cache-Control"]


def test_the_public_sign_in_page_may_be_cached_by_no_one_but_is_not_private(client):
    response = client.get("/sign-in")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_not_found_and_forbidden_are_styled_pages(case, staff_by_role, client, settings):
    assert settings.DEBUG is False
    client.force_login(staff_by_role[Role.AUDITOR].user)
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    body = missing.content.decode()
    assert "Page not found" in body and "govuk-header" in body and "URLconf" not in body
    forbidden = client.get(f"/cases/{case.crn}/personal-details")
    assert forbidden.status_code == 403
    assert "You cannot use this page" in forbidden.content.decode()


def test_a_fault_is_a_styled_500_without_detail(client, settings):
    settings.ROOT_URLCONF = "tests.production.urls_fault"
    client.raise_request_exception = False
    response = client.get("/fault")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "govuk-header" in body
    assert "RuntimeError" not in body and "Traceback" not in body


def test_health_live_and_ready(client, db):
    assert client.get("/health/live").json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"]["ok"] and ready.json()["checks"]["migrations"]["ok"]


def test_ready_needs_a_fresh_worker_heartbeat_with_the_database_queue(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "no recent heartbeat"}
    heartbeat.beat("worker-1")
    assert client.get("/health/ready").status_code == 200
    settings.WORKER_HEARTBEAT_STALE_SECONDS = 0
    assert client.get("/health/ready").status_code == 503


@pytest.mark.django_db(transaction=True)
def test_worker_and_scheduler_beat_and_the_scheduler_seals_and_enqueues(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from desist.audit.services import audit_record

    audit_record(actor="test", action="read", event="case_viewed", crn="A000001")
    call_command("scheduler", "--once")
    assert AuditEvent.objects.get().seq == 1
    from desist.jobs.models import ScheduledRun

    assert ScheduledRun.objects.filter(job="audit-export-head").exists()
    call_command("worker", "--batch")
    assert set(WorkerHeartbeat.objects.values_list("kind", flat=True)) == {"worker", "scheduler"}


def test_request_log_is_json_with_request_id_and_user_and_no_crn(case, staff_by_role, client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("desist.request")
    logger.addHandler(handler)
    try:
        user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
        client.force_login(user)
        response = client.get(f"/cases/{case.crn}/", HTTP_X_REQUEST_ID="req-12345678")
        logging.getLogger("desist.people").warning("Looked at %s", case.crn)
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "req-12345678"
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines == [{**lines[0], "level": "INFO", "logger": "desist.request",
                      "message": "GET people:overview 200", "request_id": "req-12345678",
                      "user_id": user.pk, "method": "GET", "route": "people:overview",
                      "status": 200}]
    assert case.crn not in stream.getvalue()


def test_crns_are_masked_in_any_log_message():
    assert redact("GET /cases/A123456/ for a123456 x1234567") == "GET /cases/[CRN]/ for [CRN] x1234567"
    record = logging.LogRecord("desist", logging.ERROR, __file__, 1, "Case %s failed", ("B765432",),
                               None)
    ContextFilter().filter(record)
    assert json.loads(JsonFormatter().format(record))["message"] == "Case [CRN] failed"


def test_an_unsafe_request_id_is_replaced(client, db):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert len(response["X-Request-ID"]) == 32
