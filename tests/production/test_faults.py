"""The database connection lost in the middle of a write: nothing half-written, next request fine.

The fault is injected at the worst moment: after the service has written its change and just
before it appends the audit event (the last statement of the transaction). On PostgreSQL the
server really kills the backend (``pg_terminate_backend`` from a second connection); on SQLite,
which has no server, the same statement fails with the error a lost connection raises.
"""

from __future__ import annotations

import contextlib

import psycopg
import pytest
from django.db import OperationalError, connection

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.worklist import services as worklist
from desist.worklist.models import Task

AUDIT_INSERT = f'INSERT INTO "{AuditEvent._meta.db_table}"'


@contextlib.contextmanager
def connection_lost_before_audit_insert():
    """Kill this process's database connection when the audit row is about to be written."""
    fired = []

    def kill(execute, sql, params, many, context):
        if sql.startswith(AUDIT_INSERT) and not fired:
            fired.append(sql)
            if connection.vendor == "postgresql":
                pid = connection.connection.info.backend_pid
                settings = connection.settings_dict
                with psycopg.connect(host=settings["HOST"], port=settings["PORT"] or 5432,
                                     user=settings["USER"], password=settings["PASSWORD"],
                                     dbname=settings["NAME"], autocommit=True) as killer:
                    killer.execute("SELECT pg_terminate_backend(%s)", [pid])
            else:
                raise OperationalError("server closed the connection unexpectedly (injected)")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kill):
        yield fired


def _post_with_fault(client, url, data):
    client.raise_request_exception = False
    with connection_lost_before_audit_insert() as fired:
        response = client.post(url, data)
    assert fired, "the write never reached its audit event"
    return response


def _details(case, **changes):
    return {"version": case.version, "address": "2 New Road", "postcode": "NE2 2BB",
            "phone": "0191 000 0000", "employment_status": "employed_full_time",
            "work_starts_at": "09:00", "work_ends_at": "17:00", "dependants": "1", **changes}


@pytest.mark.django_db(transaction=True)
def test_personal_details_lost_connection_writes_nothing_then_recovers(case, staff_by_role, client):
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    url = f"/cases/{case.crn}/personal-details"
    failed = _post_with_fault(client, url, _details(case))
    assert failed.status_code == 500
    assert "Sorry, there is a problem with the service" in failed.content.decode()
    person = Person.objects.get(pk=case.pk)
    assert (person.address, person.version) == ("", 1)  # no change without its audit event
    assert not AuditEvent.objects.filter(event="person_changed").exists()
    again = client.post(url, _details(case))  # same form: nothing was saved, so not stale
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.address, person.version) == ("2 New Road", 2)
    assert AuditEvent.objects.filter(event="person_changed", crn=case.crn).count() == 1


@pytest.mark.django_db(transaction=True)
def test_closing_a_task_lost_connection_writes_nothing_then_recovers(case, staff_by_role, client):
    task, _ = worklist.raise_task(provider_id=case.provider_id, person=case, kind="contact_gap",
                                  key=f"contact_gap:{case.crn}", title="A task")
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    failed = _post_with_fault(client, f"/tasks/{task.pk}", {"outcome": "Phoned"})
    assert failed.status_code == 500
    assert Task.objects.get(pk=task.pk).status == "open"
    assert not AuditEvent.objects.filter(event="task_closed").exists()
    assert client.post(f"/tasks/{task.pk}", {"outcome": "Phoned"}).status_code == 302
    assert Task.objects.get(pk=task.pk).status == "done"
    assert AuditEvent.objects.filter(event="task_closed").count() == 1
