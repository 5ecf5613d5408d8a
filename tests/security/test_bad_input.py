"""Issue 22 item 7: bad input gets a clear refusal, never a 500 or the wrong page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.compliance.models import FlexibleArrangement
from desist.organisation.roles import Role
from desist.planning.models import Objective, Plan
from desist.risk.models import HomeVisit
from desist.validators import date_param, sensible_range
from tests.refusals import nothing_written

EXTREMES = ["0001-01-01", "9999-12-31"]


@pytest.mark.parametrize("week", ["9999-12-27", "9999-12-31", "0001-01-01", "2026-02-30", "x" * 500])
def test_calendar_with_an_extreme_week_shows_this_week(week, staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    for path in ("/calendar/", "/calendar/venue"):
        assert client.get(path, {"week": week}).status_code == 200


def test_date_param_falls_back_outside_the_window():
    earliest, latest = sensible_range()
    assert date_param(latest.isoformat()) == latest
    assert date_param((latest + dt.timedelta(days=1)).isoformat()) == timezone.localdate()
    assert date_param(earliest.isoformat()) == earliest


@pytest.mark.parametrize("day", EXTREMES)
def test_home_visit_outside_the_window_is_refused(day, case, staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(HomeVisit):
        response = client.post(f"/cases/{case.crn}/risk/home-visits/new",
                               {"planned_for": day, "purpose": "Check the address"})
    assert response.status_code == 400
    assert b"Enter a date between" in response.content and b"govuk-error-summary" in response.content
    assert not HomeVisit.objects.exists()


@pytest.mark.parametrize("day", EXTREMES)
def test_flexible_arrangement_outside_the_window_is_refused(day, case, staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(FlexibleArrangement):
        response = client.post(f"/cases/{case.crn}/compliance", {
            "reason": "childcare", "starts_on": "2026-11-01", "ends_on": day,
            "changes": "Mornings"})
    assert response.status_code == 400
    assert b"Enter a date between" in response.content


@pytest.mark.parametrize("day", EXTREMES)
def test_objective_target_outside_the_window_is_refused(day, case, staff_by_role, client_for):
    today = timezone.localdate()
    plan = Plan.objects.create(person=case, started_on=today, due_on=today)
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(Objective, Plan):
        response = client.post(f"/cases/{case.crn}/plan/{plan.pk}/objectives/new", {
            "text": "Find work", "need_kind": "risk_factor", "risk_factor": "Unemployment",
            "services": "Employment partner", "target_date": day})
    assert response.status_code == 400
    assert b"Enter a date between" in response.content
    assert not Objective.objects.exists()


def test_a_date_inside_the_window_is_accepted(case, staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    day = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    page = client.get(f"/cases/{case.crn}/risk/home-visits/new").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/cases/{case.crn}/risk/home-visits/new",
                           {"planned_for": day, "purpose": "Check the address", "form_token": token})
    assert response.status_code == 302 and HomeVisit.objects.count() == 1


def test_an_over_long_search_shows_its_error_not_the_whole_caseload(case, staff_by_role, client_for):
    client = client_for(staff_by_role[Role.MANAGER])
    response = client.get("/cases/", {"q": "x" * 101, "scope": "all", "rosh": "high"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Name or CRN must be 100 characters or fewer" in body and "govuk-error-summary" in body
    assert case.crn not in body  # the filters were not dropped to show everything
    assert not AuditEvent.objects.filter(event="caseload_listed").exists()
