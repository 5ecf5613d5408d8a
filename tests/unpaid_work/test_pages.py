"""Unpaid work pages: the supervisor's day, group sign-in/out, outcomes, the case tab, the hub."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.utils import timezone

from desist.dates import format_date
from desist.organisation.roles import Role
from desist.unpaid_work import selectors, services
from desist.unpaid_work.models import Adjustment, Attendance, Placement
from tests import factories as f
from tests.refusals import nothing_written

from .factories import project, session, upw_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def setup(provider, staff_by_role):
    supervisor = staff_by_role[Role.UPW_SUPERVISOR]
    hub = staff_by_role[Role.HUB_ADMIN].user
    s = session(project(provider, supervisor=supervisor), seats=14)
    people = [upw_person(provider, first_name=n, last_name="Walker") for n in ("Ann", "Ben")]
    placements = [services.placement_book(acting_user=hub, session=s, person=p) for p in people]
    return {"supervisor": supervisor, "hub": hub, "session": s, "people": people,
            "placements": placements}


def test_supervisor_sees_todays_sessions_and_signs_the_group_in_and_out(setup, client_for):
    client = client_for(setup["supervisor"])
    page = client.get("/unpaid-work/today")
    assert page.status_code == 200 and b"Riverside clean-up" in page.content
    url = f"/unpaid-work/sessions/{setup['session'].pk}"
    ids = [str(p.pk) for p in setup["placements"]]
    response = client.post(url, {"action": "sign_in", "placements": ids, "at": "09:00"})
    assert response.status_code == 302
    assert Attendance.objects.filter(signed_in_at=dt.time(9)).count() == 2
    response = client.post(url, {"action": "sign_out", "placements": ids, "at": "16:00"})
    assert response.status_code == 302
    for person in setup["people"]:
        assert selectors.ledger_for(person, TODAY).credited_minutes == 420
    assert "Attended" in client.get(url).content.decode()


def test_sign_out_before_sign_in_shows_the_error_against_the_people(setup, client_for):
    client = client_for(setup["supervisor"])
    url = f"/unpaid-work/sessions/{setup['session'].pk}"
    with nothing_written(Attendance, Placement):
        response = client.post(url, {"action": "sign_out",
                                     "placements": [str(setup["placements"][0].pk)],
                                     "at": "16:00"})
    assert response.status_code == 400
    assert "has not been signed in" in response.content.decode()
    assert not Attendance.objects.filter(outcome="attended").exists()


def test_outcome_per_person_with_quality_and_behaviour(setup, client_for):
    client = client_for(setup["supervisor"])
    placement = setup["placements"][0]
    url = f"/unpaid-work/placements/{placement.pk}/outcome"
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "failed_to_attend"})
    assert response.status_code == 302
    assert placement.person.absences.count() == 1


def test_booking_refusal_on_the_session_page(setup, client_for, provider, staff_by_role):
    s = setup["session"]
    offender = upw_person(provider, crn="S000001")
    f.RegistrationFactory(person=offender, type="sex_offender", start_date=dt.date(2026, 6, 1))
    s.project.public_facing = True
    s.project.save()
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    with nothing_written(Placement, Attendance):
        response = client.post(f"/unpaid-work/sessions/{s.pk}",
                               {"action": "book", "crn": "S000001"})
    assert response.status_code == 400
    assert "cannot be placed on a public-facing group" in response.content.decode()


def test_case_tab_shows_progress_and_refuses_travel_over_its_cap(setup, client_for,
                                                                 staff_by_role):
    person = setup["people"][0]
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    page = client.get(f"/cases/{person.crn}/unpaid-work")
    assert page.status_code == 200 and "120 hours" in page.content.decode()
    with nothing_written(Adjustment, Attendance):
        response = client.post(f"/cases/{person.crn}/unpaid-work", {
            "action": "adjust", "reason": "travel_time", "minutes": "181",
            "on_day": TODAY.day, "on_month": TODAY.month, "on_year": TODAY.year,
            "note": "Long journey"})
    assert response.status_code == 400
    assert "at most 3 hours" in response.content.decode()
    assert not Adjustment.objects.exists()


def test_hub_figures_drill_down_to_cases(setup, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.MANAGER])
    page = client.get("/unpaid-work/hub?show=all")
    assert page.status_code == 200
    assert setup["people"][0].crn in page.content.decode()
    assert "90%" in page.content.decode()


def test_supervisor_sees_only_people_on_their_projects(setup, provider, staff_by_role):
    from desist.scopes.cases import visible_cases

    elsewhere = upw_person(provider)
    user = setup["supervisor"].user
    visible = set(visible_cases(user))
    assert set(setup["people"]) <= visible and elsewhere not in visible


def test_the_case_tab_gives_the_ledger_reasons_with_dates_in_the_readers_language(
        setup, client_for, staff_by_role):
    """ADR 0016: the ledger's reasons are templates with parameters, so a Welsh reader sees the
    deadline as a Welsh date (the words stay English until they are translated)."""
    person = setup["people"][0]
    first = selectors.ledger_for(person, TODAY).reasons[0]
    deadline = first.params["deadline"]
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    english = html.unescape(client.get(f"/cases/{person.crn}/unpaid-work",
                                       HTTP_ACCEPT_LANGUAGE="en").content.decode())
    welsh = html.unescape(client.get(f"/cases/{person.crn}/unpaid-work",
                                     HTTP_ACCEPT_LANGUAGE="cy").content.decode())
    assert first.text in english
    assert f"to do by {format_date(deadline, 'full', language='cy')}" in welsh
    assert format_date(deadline, "full", language="cy") != format_date(deadline, "full",
                                                                        language="en")
