"""The audit trail: recorded in the same transaction, append-only, hash-chained, verifiable."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from desist.audit.models import AuditEvent
from desist.audit.services import audit_record, seal_pending, verify_chain
from desist.organisation.roles import Role


def tamper(statement: str, params=()) -> None:
    """Run SQL as someone with the table owner's rights would: past the append-only trigger."""
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_append_only_rows")
        cursor.execute(statement.format(table=table), params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_append_only_rows")


def _events(n: int) -> None:
    for i in range(n):
        audit_record(actor="test", action="read", event="case_viewed", crn=f"A{i:06d}",
                     detail={"page": "overview", "n": i})
    seal_pending()


def test_case_view_is_audited_with_who_what_where(case, staff_by_role, client):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    client.force_login(officer.user)
    client.get(f"/cases/{case.crn}/", REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(event="case_viewed", crn=case.crn)
    assert event.actor == officer.user and event.action == "read"
    assert event.source == "10.1.2.3" and event.detail == {"page": "overview"}


def test_caseload_listing_records_the_crns_shown(case, staff_by_role, client):
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    client.get("/cases/")
    assert AuditEvent.objects.get(event="caseload_listed").detail["crns"] == [case.crn]


def test_verify_passes_on_an_untouched_chain(db):
    _events(5)
    checked, fault = verify_chain(batch_size=2)
    assert (checked, fault) == (5, None)
    call_command("audit", "verify")


@pytest.mark.django_db(transaction=True)
def test_verify_names_the_row_altered_by_hand():
    _events(6)
    target = AuditEvent.objects.get(seq=4)
    tamper("UPDATE {table} SET crn = %s WHERE id = %s", ["Z999999", target.pk])
    checked, fault = verify_chain()
    assert fault is not None and fault.seq == 4 and fault.row_id == target.pk
    assert "altered" in fault.problem
    with pytest.raises(CommandError, match=rf"seq 4 \(id {target.pk}\)"):
        call_command("audit", "verify")


@pytest.mark.django_db(transaction=True)
def test_verify_detects_a_deleted_row():
    _events(4)
    tamper("DELETE FROM {table} WHERE seq = 2")
    _, fault = verify_chain()
    assert fault is not None and fault.seq == 2 and "missing" in fault.problem


@pytest.mark.django_db(transaction=True)
def test_verify_detects_the_last_row_deleted():
    _events(3)
    tamper("DELETE FROM {table} WHERE seq = 3")
    _, fault = verify_chain()
    assert fault is not None and fault.seq == 3


def test_application_cannot_update_or_delete(db):
    _events(1)
    event = AuditEvent.objects.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(crn="X")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_audit_row_rolls_back_with_the_change_it_records():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor="test", action="change", event="person_changed", crn="A000001")
        raise RuntimeError("the service failed after auditing")
    assert not AuditEvent.objects.exists()
    _events(1)
    assert verify_chain() == (1, None)


def test_admin_sees_a_persons_trail(case, staff_by_role, client):
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    client.get(f"/cases/{case.crn}/")
    client.force_login(staff_by_role[Role.SYSADMIN].user)
    page = client.get(f"/audit/cases/{case.crn}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "case viewed" in body and "responsible_officer" in body, body[body.find("<table"):][:1500]
