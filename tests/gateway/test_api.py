"""The gateway over the API: import (hub and sysadmin only), read back, export (§3)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from desist.appointments.models import Appointment
from desist.compliance.models import EnforcementAction
from desist.gateway.models import ImportBatch
from desist.organisation.roles import Role
from desist.people.models import Person
from tests.refusals import nothing_written

FIXTURES = Path(__file__).with_name("fixtures")


def bundle(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def test_import_over_the_api(staff_by_role, client_for):
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    body = [bundle("x100001_community.json"), bundle("x100003_bad_dob.json")]
    response = client.post("/api/national/imports", body, content_type="application/json")
    assert response.status_code == 200, response.content
    got = response.json()
    assert (got["created"], got["rejected"]) == (1, 1)
    assert got["errors"] == [{"crn": "X100003", "field": "offender.dateOfBirth",
                              "reason": "not an ISO date"}]
    person = Person.objects.get(crn="X100001")
    assert person.provider == staff_by_role[Role.HUB_ADMIN].provider
    assert client.get("/api/national/imports").json()[0]["id"] == got["id"]

    intake = client.get("/api/intake").json()["results"]  # the hub's queue awaiting routing (§3)
    assert "X100001" in [row["crn"] for row in intake]

    view = client.get("/api/cases/X100001/national").json()
    assert view["rar_days_total"] == 20 and view["upw_hours_total"] == 120


def test_dry_run_over_the_api(staff_by_role, client_for):
    client = client_for(staff_by_role[Role.SYSADMIN])
    response = client.post("/api/national/imports?dry_run=true",
                           bundle("x100001_community.json"), content_type="application/json")
    assert response.json()["created"] == 1
    assert not Person.objects.exists()


def test_officers_may_not_import(staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(Person, ImportBatch):
        response = client.post("/api/national/imports", bundle("x100001_community.json"),
                               content_type="application/json")
    assert response.status_code == 403
    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_restricted_case_is_hidden_at_once(staff_by_role, client_for):
    hub = client_for(staff_by_role[Role.HUB_ADMIN])
    hub.post("/api/national/imports", bundle("x100002_custody_nulls.json"),
             content_type="application/json")
    assert hub.get("/api/cases/X100002/national").status_code == 404  # no grant: not even seen


def test_export_contact_summaries(case, staff_by_role, client_for):
    start = timezone.make_aware(dt.datetime(2025, 3, 3, 10, 0))
    Appointment.objects.create(provider=case.provider, person=case, kind="officer",
                               starts_at=start, ends_at=start + dt.timedelta(hours=1),
                               rar_activity=False, outcome="failed_to_attend")
    EnforcementAction.objects.create(provider=case.provider, person=case, kind="warning",
                                     on=dt.date(2025, 3, 4), due_on=dt.date(2025, 3, 11))
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    rows = client.get("/api/national/contacts?since=2025-03-01").json()
    appointment, action = rows
    assert appointment["crn"] == "A123456"
    assert appointment["type"]["code"] == "COAP" and appointment["type"]["appointment"] is True
    assert appointment["outcome"]["code"] == "AFTA" and appointment["outcome"]["attended"] is False
    assert action["enforcement"]["enforcementAction"]["code"] == "WLS"
    assert client.get("/api/national/contacts?since=2025-04-01").json() == []
