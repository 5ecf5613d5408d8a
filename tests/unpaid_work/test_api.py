"""Unpaid work over the API: the ledger, a supervisor's sessions, recording an outcome."""

from __future__ import annotations

import pytest

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.unpaid_work import services
from desist.unpaid_work.models import Attendance, Placement
from tests.refusals import nothing_written

from .factories import project, session, upw_person

pytestmark = pytest.mark.django_db


def test_ledger_sessions_and_outcome(provider, staff_by_role, client_for):
    supervisor = staff_by_role[Role.UPW_SUPERVISOR]
    hub = staff_by_role[Role.HUB_ADMIN].user
    s = session(project(provider, supervisor=supervisor))
    person = upw_person(provider)
    placement = services.placement_book(acting_user=hub, session=s, person=person)
    client = client_for(supervisor)
    sessions = client.get("/api/upw-sessions").json()
    assert [row["id"] for row in sessions["results"]] == [s.pk]
    detail = client.get(f"/api/upw-sessions/{s.pk}").json()
    assert detail["placements"][0]["crn"] == person.crn
    response = client.post(f"/api/upw-placements/{placement.pk}/outcome",
                           {"outcome": "attended", "minutes_worked": 300,
                            "penalty_minutes": 15, "work_quality": "good",
                            "behaviour": "good"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["attendance"]["outcome"] == "attended"
    with nothing_written(Attendance, Placement):
        again = client.post(f"/api/upw-placements/{placement.pk}/outcome",
                            {"outcome": "attended"}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "upw_outcome_recorded"
    ledger = client.get(f"/api/unpaid-work/{person.crn}").json()
    assert ledger["credited_minutes"] == 285 and ledger["ordered_minutes"] == 7200
    assert all(r["section"] == "operating-model.md §12" for r in ledger["reasons"])
    assert AuditEvent.objects.filter(event="upw_attendance_recorded", crn=person.crn).exists()


def test_supervisor_cannot_read_a_case_off_their_projects(provider, staff_by_role, client_for):
    elsewhere = upw_person(provider)
    client = client_for(staff_by_role[Role.UPW_SUPERVISOR])
    assert client.get(f"/api/unpaid-work/{elsewhere.crn}").status_code == 404
