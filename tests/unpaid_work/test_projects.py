"""Projects and their sessions (the hub and UPW managers), intensive working, and "sent home"
into the compliance journey (§12, absences §10–§11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.appointments.models import Appointment
from desist.audit.models import AuditEvent
from desist.compliance import services as compliance
from desist.compliance.models import Absence, Letter
from desist.errors import Refused
from desist.organisation.roles import Role
from desist.unpaid_work import services
from desist.unpaid_work.models import Attendance, PickUpPoint, Placement, Project, Session
from desist.worklist.models import Task
from tests import factories as f
from tests.refusals import nothing_written

from .factories import project, session, upw_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def hub(staff_by_role):
    return staff_by_role[Role.HUB_ADMIN]


@pytest.fixture
def supervisor(staff_by_role):
    return staff_by_role[Role.UPW_SUPERVISOR]


def _project_post(supervisor, **kw):
    data = {"name": "Jesmond Dene paths", "type": "group", "site": "Jesmond Dene, Newcastle",
            "beneficiary": "Newcastle City Council", "supervisor": str(supervisor.pk),
            "capacity": "10", "hi_vis": "on", "availability": "fortnightly",
            "weekdays": ["2", "4"], "transport_seats": ""}
    data.update(kw)
    return data


def _date(prefix, day):
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month),
            f"{prefix}_year": str(day.year)}


def test_hub_adds_a_project_with_every_detail(hub, supervisor, client_for):
    client = client_for(hub)
    assert client.get("/unpaid-work/projects").status_code == 200
    page = client.get("/unpaid-work/projects/new")
    assert page.status_code == 200 and "Seats on the transport" in page.content.decode()
    response = client.post("/unpaid-work/projects/new", _project_post(supervisor))
    assert response.status_code == 302
    made = Project.objects.get(name="Jesmond Dene paths")
    assert (made.type, made.capacity, made.hi_vis, made.availability, made.weekdays) == (
        "group", 10, True, "fortnightly", [2, 4])
    assert made.supervisor == supervisor and made.provider_id == hub.provider_id
    assert AuditEvent.objects.filter(event="upw_project_saved", object_id=str(made.pk),
                                     action="create").exists()
    listing = client.get("/unpaid-work/projects").content.decode()
    assert "Jesmond Dene paths" in listing and "Every other week" in listing


def test_a_project_without_name_or_days_is_refused_in_the_error_summary(hub, supervisor,
                                                                        client_for):
    client = client_for(hub)
    with nothing_written(Project):
        response = client.post("/unpaid-work/projects/new",
                               _project_post(supervisor, name="", weekdays=[]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter the project&#39;s name" in html or "Enter the project's name" in html
    assert "Choose the days of the week it runs" in html


def test_a_supervisor_cannot_add_or_change_projects(supervisor, provider, client_for):
    client = client_for(supervisor)
    existing = project(provider, supervisor=supervisor)
    with nothing_written(Project, Session):
        assert client.post("/unpaid-work/projects/new",
                           _project_post(supervisor)).status_code == 403
        assert client.post(f"/unpaid-work/projects/{existing.pk}",
                           _project_post(supervisor)).status_code == 403
        assert client.post(f"/unpaid-work/projects/{existing.pk}/schedule",
                           {"starts_at": "09:00"}).status_code == 403


def test_another_providers_project_is_not_found(hub, client_for):
    other = project(f.ProviderFactory(code="OTHR"))
    assert client_for(hub).get(f"/unpaid-work/projects/{other.pk}").status_code == 404


def test_editing_a_project_records_what_changed(hub, supervisor, provider, client_for):
    existing = project(provider, supervisor=supervisor, weekdays=[2])
    depot = PickUpPoint.objects.create(provider=provider, name="Depot")
    response = client_for(hub).post(f"/unpaid-work/projects/{existing.pk}", _project_post(
        supervisor, name=existing.name, site=existing.site, capacity="12",
        availability="weekly", weekdays=["2"], pick_up_point=str(depot.pk),
        transport_seats="8", beneficiary=existing.beneficiary))
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.capacity, existing.pick_up_point, existing.transport_seats) == (12, depot, 8)
    event = AuditEvent.objects.get(event="upw_project_saved", action="change")
    assert set(event.detail["changed"]) == {"capacity", "pick_up_point", "transport_seats"}


def test_scheduling_a_series_is_idempotent(hub, supervisor, provider, client_for):
    existing = project(provider, supervisor=supervisor, weekdays=[1, 2, 3, 4, 5, 6, 7],
                       transport_seats=14)
    start = TODAY + dt.timedelta(days=1)
    data = {**_date("starts_on", start), **_date("until", start + dt.timedelta(days=13)),
            "starts_at": "09:00", "ends_at": "16:30", "pick_up_at": "08:30"}
    client = client_for(hub)
    url = f"/unpaid-work/projects/{existing.pk}/schedule"
    first = client.post(url, data, follow=True)
    made = Session.objects.filter(project=existing)
    holidays = 14 - made.count()
    assert 0 <= holidays <= 3 and made.count() >= 11
    assert all(s.transport_seats == 14 and s.supervisor == supervisor for s in made)
    assert "sessions scheduled" in first.content.decode()
    with nothing_written(Session):
        again = client.post(url, data, follow=True)
    assert "0 sessions scheduled" in again.content.decode()
    assert client.get(url).status_code == 405


def test_a_fortnightly_project_gets_sessions_every_other_week(hub, provider):
    existing = project(provider, availability="fortnightly", weekdays=[3])
    start = TODAY + dt.timedelta(days=1)
    result = services.sessions_schedule(acting_user=hub.user, project=existing, starts_on=start,
                                        until=start + dt.timedelta(days=27),
                                        starts_at=dt.time(9), ends_at=dt.time(15))
    days = [s.on for s in result["created"]]
    assert len(days) + len(result["series"].skipped) == 2
    assert all(d.isoweekday() == 3 for d in days)


def test_scheduling_in_the_past_is_refused_and_nothing_written(hub, provider, client_for):
    existing = project(provider, weekdays=[1, 2, 3, 4, 5])
    data = {**_date("starts_on", TODAY - dt.timedelta(days=7)), **_date("until", TODAY),
            "starts_at": "09:00", "ends_at": "16:30"}
    with nothing_written(Session):
        response = client_for(hub).post(f"/unpaid-work/projects/{existing.pk}/schedule", data)
    assert response.status_code == 400
    assert "Sessions cannot be scheduled in the past" in response.content.decode()


def test_one_session_takes_the_projects_pick_up_and_seats(hub, provider, client_for):
    depot = PickUpPoint.objects.create(provider=provider, name="Depot")
    existing = project(provider, pick_up_point=depot, transport_seats=6)
    day = TODAY + dt.timedelta(days=3)
    response = client_for(hub).post(f"/unpaid-work/projects/{existing.pk}/sessions/new", {
        **_date("on", day), "starts_at": "10:00", "ends_at": "15:00"})
    assert response.status_code == 302
    made = Session.objects.get(project=existing)
    assert (made.on, made.pick_up_point, made.transport_seats) == (day, depot, 6)
    with nothing_written(Session):
        bad = client_for(hub).post(f"/unpaid-work/projects/{existing.pk}/sessions/new", {
            **_date("on", day), "starts_at": "15:00", "ends_at": "10:00"})
    assert bad.status_code == 400 and "must end after it starts" in bad.content.decode()


# --- Intensive working ------------------------------------------------------------------------


def _week_sessions(provider, count):
    monday = TODAY + dt.timedelta(days=7 - TODAY.weekday())
    p = project(provider)
    return [session(p, on=monday + dt.timedelta(days=n)) for n in range(count)]


def test_a_third_day_in_a_week_needs_intensive_working(hub, provider):
    person = upw_person(provider, employment_status="unemployed")
    days = _week_sessions(provider, 5)
    for s in days[:2]:
        services.placement_book(acting_user=hub.user, session=s, person=person)
    with nothing_written(Placement, Appointment), pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub.user, session=days[2], person=person)
    assert refused.value.code == "s12_week_limit"
    with nothing_written(Placement, Appointment), pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub.user, session=days[2], person=person,
                                intensive=True)
    assert refused.value.code == "s12_intensive_not_agreed"
    services.assessment_record(acting_user=hub.user, person=person, assessed_on=TODAY,
                               intensive=True)
    third = services.placement_book(acting_user=hub.user, session=days[2], person=person,
                                    intensive=True)
    assert third.intensive
    services.placement_book(acting_user=hub.user, session=days[3], person=person,
                            intensive=True)
    with pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub.user, session=days[4], person=person,
                                intensive=True)
    assert refused.value.code == "s12_week_limit"


def test_intensive_working_is_refused_for_someone_in_work(hub, provider):
    person = upw_person(provider, employment_status="employed_full_time")
    services.assessment_record(acting_user=hub.user, person=person, assessed_on=TODAY,
                               intensive=True)
    days = _week_sessions(provider, 1)
    with nothing_written(Placement, Appointment), pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub.user, session=days[0], person=person,
                                intensive=True)
    assert refused.value.code == "s12_intensive_in_work"


def test_intensive_booking_on_the_session_page(hub, provider, client_for):
    person = upw_person(provider, employment_status="unemployed", crn="I000001")
    days = _week_sessions(provider, 3)
    for s in days[:2]:
        services.placement_book(acting_user=hub.user, session=s, person=person)
    client = client_for(hub)
    url = f"/unpaid-work/sessions/{days[2].pk}"
    with nothing_written(Placement):
        refused = client.post(url, {"action": "book", "crn": person.crn})
    assert refused.status_code == 400 and "Intensive working" in refused.content.decode()
    services.assessment_record(acting_user=hub.user, person=person, assessed_on=TODAY,
                               intensive=True)
    booked = client.post(url, {"action": "book", "crn": person.crn, "intensive": "on"})
    assert booked.status_code == 302
    assert "Intensive working" in client.get(url).content.decode()


# --- Sent home: into the compliance journey --------------------------------------------------


def test_sent_home_credits_the_time_and_goes_to_the_officer(hub, supervisor, provider):
    person = upw_person(provider)
    placement = services.placement_book(acting_user=hub.user,
                                        session=session(project(provider, supervisor=supervisor)),
                                        person=person)
    services.attendance_record(acting_user=supervisor.user, placement=placement,
                               outcome="sent_home", minutes_worked=120,
                               notes="Sent home for swearing at a member of the public")
    absence = Absence.objects.get(person=person)
    assert absence.appointment_id == placement.appointment_id and absence.status == "awaiting"
    assert "swearing" in absence.evidence
    assert Task.objects.filter(kind="absence_decision", person=person, status="open").exists()
    assert not Letter.objects.filter(absence=absence).exists()  # the officer decides first
    compliance.decide(user=hub.user, absence=absence, judged="unacceptable")
    assert Letter.objects.filter(absence=absence).count() == 1
    absence.refresh_from_db()
    compliance.record_absence(user=hub.user, appointment=placement.appointment)  # again
    assert Absence.objects.filter(person=person).count() == 1
    assert Letter.objects.filter(absence=absence).count() == 1


def test_sent_home_on_a_day_an_arrangement_covers_is_covered(hub, supervisor, provider):
    person = upw_person(provider)
    compliance.record_arrangement(user=hub.user, person=person, reason="childcare",
                                  starts_on=TODAY - dt.timedelta(days=1),
                                  changes="Leaves at 14:00 on school days")
    placement = services.placement_book(acting_user=hub.user,
                                        session=session(project(provider, supervisor=supervisor)),
                                        person=person)
    services.attendance_record(acting_user=supervisor.user, placement=placement,
                               outcome="sent_home", minutes_worked=240,
                               notes="Left early to collect his son")
    assert Absence.objects.get(person=person).status == "covered"
    assert not Letter.objects.filter(absence__person=person).exists()


def test_sent_home_without_a_reason_is_refused_and_nothing_written(hub, supervisor, provider):
    placement = services.placement_book(
        acting_user=hub.user, session=session(project(provider, supervisor=supervisor)),
        person=upw_person(provider))
    with nothing_written(Attendance, Absence, Appointment), pytest.raises(Refused) as refused:
        services.attendance_record(acting_user=supervisor.user, placement=placement,
                                   outcome="sent_home", minutes_worked=60)
    assert refused.value.field_errors() == {"notes": ["Say why the person was sent home."]}
