"""Refused reads and failed sign-ins are in the audit trail, and the viewer shows them."""

from __future__ import annotations

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role


def test_refused_case_reads_are_audited(case, outsider, client):
    client.force_login(outsider.user)
    assert client.get(f"/cases/{case.crn}/").status_code == 404
    assert client.get("/cases/Z999999/").status_code == 404
    refused = list(AuditEvent.objects.filter(event="access_refused").order_by("id"))
    assert [(e.crn, e.actor, e.detail["status"]) for e in refused] == [
        (case.crn, outsider.user, 404), ("Z999999", outsider.user, 404)]
    assert refused[0].object_type == "people:overview"
    assert not AuditEvent.objects.filter(event="case_viewed").exists()


def test_forbidden_case_pages_are_audited_too(case, staff_by_role, client):
    client.force_login(staff_by_role[Role.AUDITOR].user)
    assert client.get(f"/cases/{case.crn}/personal-details").status_code == 403
    event = AuditEvent.objects.get(event="access_refused")
    assert event.crn == case.crn and event.detail["status"] == 403


def test_failed_sign_ins_show_in_the_audit_viewer(case, staff_by_role, client):
    client.post("/sign-in", {"username": "Responsible_Officer", "password": "wrong"})
    event = AuditEvent.objects.get(event="sign_in_refused")
    assert event.actor == staff_by_role[Role.RESPONSIBLE_OFFICER].user
    client.force_login(staff_by_role[Role.AUDITOR].user)
    page = client.get("/audit/?event=sign_in_refused")
    assert page.status_code == 200
    assert "sign in refused" in page.content.decode()
