"""Appointments: venue-aware booking (§1), clashes, outcomes, RAR, contact gaps, calendars (§9, §10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from desist.appointments import selectors, services
from desist.appointments.models import Appointment
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.worklist.models import Task
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

THU = dt.date(2026, 11, 26)


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def venues(provider):
    return {
        "inaccessible": f.VenueFactory(provider=provider, name="Northumberland LMC",
                                       wheelchair_access=False, private_rooms=1),
        "late": f.VenueFactory(provider=provider, name="Newcastle LMC", wheelchair_access=True,
                               private_rooms=2, evening_days=[4],
                               evening_closes_at=dt.time(18, 30)),
        "booths": f.VenueFactory(provider=provider, name="Reporting centre",
                                 wheelchair_access=True, private_rooms=0),
    }


def book(case, venue, starts, ends, **extra):
    values = {"user": case.responsible_officer.user, "person": case, "kind": "officer",
              "venue": venue, "starts_at": starts, "ends_at": ends, "rar_activity": True}
    values.update(extra)
    return services.book(**values)


def test_wheelchair_user_cannot_be_booked_at_an_inaccessible_venue(case, venues):
    case.wheelchair_user = True
    case.save()
    with pytest.raises(services.BookingRefused, match="no wheelchair access"):
        book(case, venues["inaccessible"], at(THU, 10), at(THU, 11))
    assert book(case, venues["late"], at(THU, 10), at(THU, 11)).pk


def test_sensitive_work_needs_a_private_room(case, venues):
    with pytest.raises(services.BookingRefused, match="no private interview room"):
        book(case, venues["booths"], at(THU, 10), at(THU, 11), sensitive=True)


def test_daytime_worker_is_refused_in_work_hours_and_booked_in_the_evening(case, venues):
    case.work_starts_at, case.work_ends_at = dt.time(9), dt.time(17)
    case.save()
    with pytest.raises(services.BookingRefused) as refused:
        book(case, venues["late"], at(THU, 14), at(THU, 15))
    assert "clashes with their work" in str(refused.value)
    assert "open until 18:30 on Thursdays" in str(refused.value)
    assert book(case, venues["late"], at(THU, 17, 30), at(THU, 18, 30)).pk
    with pytest.raises(services.BookingRefused, match="open 09:00–17:00"):
        book(case, venues["inaccessible"], at(THU + dt.timedelta(days=1), 17, 30),
             at(THU + dt.timedelta(days=1), 18, 30))


def test_clashes_with_the_persons_and_the_officers_appointments(case, venues, provider, team):
    book(case, venues["late"], at(THU, 10), at(THU, 11))
    with pytest.raises(services.BookingRefused, match="already has an appointment 10:00–11:00"):
        book(case, venues["late"], at(THU, 10, 30), at(THU, 11, 30))
    other = f.PersonFactory(provider=provider, responsible_officer=case.responsible_officer,
                            team=team)
    with pytest.raises(services.BookingRefused, match="is already booked 10:00–11:00"):
        book(other, venues["late"], at(THU, 10, 30), at(THU, 11, 30))
    assert book(other, venues["late"], at(THU, 11), at(THU, 12)).pk  # back to back is fine


def test_booking_page_refuses_with_a_clear_message_and_offers_evening_slots(case, venues,
                                                                            client_for):
    case.wheelchair_user = True
    case.work_starts_at, case.work_ends_at = dt.time(9), dt.time(17)
    case.save()
    client = client_for(case.responsible_officer)
    page = client.get(f"/cases/{case.crn}/appointments/new")
    assert page.status_code == 200
    assert b"Evening slots after work" in page.content
    assert b"Newcastle LMC - not suitable" not in page.content
    assert "Northumberland LMC – not suitable: no wheelchair access".encode() in page.content
    form = {"kind": "officer", "venue": venues["inaccessible"].pk, "day": THU.isoformat(),
            "starts": "10:00", "ends": "11:00", "rar_activity": "yes"}
    with nothing_written(Appointment, Task):
        refused = client.post(f"/cases/{case.crn}/appointments/new", form)
    assert refused.status_code == 400
    assert b"has no wheelchair access" in refused.content
    assert b"clashes with their work" in refused.content
    assert AuditEvent.objects.filter(event="booking_refused", crn=case.crn).exists()
    form.update(venue=venues["late"].pk, starts="17:30", ends="18:30")
    assert client.post(f"/cases/{case.crn}/appointments/new", form).status_code == 302
    assert Appointment.objects.filter(person=case).count() == 1
    with nothing_written(Appointment, Task):
        invalid = client.post(f"/cases/{case.crn}/appointments/new", {"kind": "officer"})
    assert invalid.status_code == 400 and b"Enter the date of the appointment" in invalid.content


def test_outcomes(case, venues, staff_by_role):
    user = case.responsible_officer.user
    past = dt.date(2026, 11, 2)
    appointment = Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", officer=case.responsible_officer,
        venue=venues["late"], starts_at=at(past, 10), ends_at=at(past, 11), rar_activity=False)
    with pytest.raises(services.OutcomeRefused, match="evidence"):
        services.record_outcome(user=user, appointment=appointment, outcome="acceptable_absence")
    services.record_outcome(user=user, appointment=appointment, outcome="failed_to_attend")
    with pytest.raises(services.OutcomeRefused, match="already recorded"):
        services.record_outcome(user=user, appointment=appointment, outcome="attended")
    task = Task.objects.get(kind="non_attendance", person=case)
    assert "offer another appointment" in task.title
    future = book(case, venues["late"], at(THU, 10), at(THU, 11))
    with pytest.raises(services.OutcomeRefused, match="not happened yet"):
        services.record_outcome(user=user, appointment=future, outcome="attended",
                                today=dt.date(2026, 11, 20))
    attended = Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", venue=venues["late"],
        starts_at=at(past + dt.timedelta(days=2), 10), ends_at=at(past + dt.timedelta(days=2), 11),
        rar_activity=True)
    services.record_outcome(user=user, appointment=attended, outcome="attended")
    case.refresh_from_db()
    assert case.last_contact_on == past + dt.timedelta(days=2)


def test_reschedule_books_the_new_time_and_frees_the_old(case, venues):
    user = case.responsible_officer.user
    first = book(case, venues["late"], at(THU, 10), at(THU, 11))
    new = services.reschedule(user=user, appointment=first, starts_at=at(THU, 14),
                              ends_at=at(THU, 15), now=at(THU, 8))
    first.refresh_from_db()
    assert first.outcome == "rescheduled" and first.rescheduled_to == new
    assert book(case, venues["late"], at(THU, 10), at(THU, 11)).pk  # the old slot is free


def test_rar_at_risk_shows_the_shortfall_and_raises_a_task(case, venues, client_for):
    sentence = case.sentences.first()
    today = sentence.start_date + dt.timedelta(days=200)
    day = sentence.start_date + dt.timedelta(days=10)
    Appointment.objects.create(provider=case.provider, person=case, kind="officer",
                               venue=venues["late"], starts_at=at(day, 10), ends_at=at(day, 11),
                               rar_activity=True, outcome="attended")
    status = selectors.rar_status(case, today)
    assert status["result"].days_delivered == 1 and status["result"].at_risk
    services.check_rar_for(case, today=today)
    task = Task.objects.get(kind="rar_at_risk", person=case)
    assert "19 of 20 days still owed" in task.title
    result = services.check_rar_all(today=today)
    assert result == {"checked": 1, "at_risk": 1}


def test_case_page_shows_rar_shortfall(case, venues, client_for):
    day = case.sentences.first().start_date + dt.timedelta(days=3)
    Appointment.objects.create(provider=case.provider, person=case, kind="officer",
                               venue=venues["late"], starts_at=at(day, 10), ends_at=at(day, 11),
                               rar_activity=True, outcome="attended")
    page = client_for(case.responsible_officer).get(f"/cases/{case.crn}/appointments")
    assert page.status_code == 200
    assert b"Days delivered" in page.content and b"1 of 20" in page.content
    overview = client_for(case.responsible_officer).get(f"/cases/{case.crn}/")
    assert b"Rehabilitation activity requirement" in overview.content


def test_contact_gap_job_raises_tasks_with_days_and_closes_them(case, venues):
    case.band = "red"
    case.last_contact_on = dt.date(2026, 11, 1)
    case.save()
    result = services.check_contact_gaps(today=dt.date(2026, 11, 22))
    assert result["overdue"] == 1 and result["raised"] == 1
    task = Task.objects.get(kind="contact_gap", person=case, status="open")
    assert "21 days" in task.title and task.team == case.team
    again = services.check_contact_gaps(today=dt.date(2026, 11, 23))
    assert again["raised"] == 0
    task.refresh_from_db()
    assert "22 days" in task.title
    case.last_contact_on = dt.date(2026, 11, 22)
    case.save()
    assert services.check_contact_gaps(today=dt.date(2026, 11, 23))["closed"] == 1
    task.refresh_from_db()
    assert task.status == "done"


def test_calendar_week_uses_a_constant_number_of_queries(case, venues, provider, team,
                                                         client_for):
    officer = case.responsible_officer
    client = client_for(officer)
    book(case, venues["late"], at(THU, 10), at(THU, 11))
    client.get(f"/calendar/?week={THU.isoformat()}")
    with CaptureQueriesContext(connection) as one:
        page = client.get(f"/calendar/?week={THU.isoformat()}")
    assert page.status_code == 200 and b"Smith" in page.content
    for hour in (12, 13, 14, 15):
        person = f.PersonFactory(provider=provider, responsible_officer=officer, team=team)
        book(person, venues["late"], at(THU, hour), at(THU, hour, 45))
    with CaptureQueriesContext(connection) as five:
        client.get(f"/calendar/?week={THU.isoformat()}")
    assert len(five) == len(one)
    venue_page = client.get(f"/calendar/venue?venue={venues['late'].pk}&week={THU.isoformat()}")
    assert venue_page.status_code == 200 and venue_page.content.count(b"Newcastle LMC") >= 1


def test_calendar_hides_cases_the_user_may_not_see(case, venues, provider, team, staff_by_role,
                                                   client_for):
    hidden = f.PersonFactory(provider=provider, responsible_officer=case.responsible_officer,
                             team=team, restricted=True, last_name="Hidden")
    book(hidden, venues["late"], at(THU, 12), at(THU, 13))
    page = client_for(staff_by_role[Role.MANAGER]).get(
        f"/calendar/?officer={case.responsible_officer.pk}&week={THU.isoformat()}")
    assert b"Hidden" not in page.content


def test_api_booking_refusal_and_isolation(case, venues, outsider, client_for):
    client = client_for(case.responsible_officer)
    case.wheelchair_user = True
    case.save()
    body = {"crn": case.crn, "kind": "officer", "venue": venues["inaccessible"].pk,
            "starts_at": at(THU, 10).isoformat(), "ends_at": at(THU, 11).isoformat(),
            "rar_activity": True}
    with nothing_written(Appointment, Task):
        refused = client.post("/api/appointments", body, content_type="application/json")
    assert refused.status_code == 409
    assert "no wheelchair access" in refused.json()["error"]["message"]
    body["venue"] = venues["late"].pk
    made = client.post("/api/appointments", body, content_type="application/json")
    assert made.status_code == 201
    pk = made.json()["id"]
    week = client.get(f"/api/appointments?week={THU.isoformat()}").json()
    assert [a["id"] for a in week["results"]] == [pk]
    other = client_for(outsider)
    assert other.get(f"/api/appointments/{pk}").status_code == 404
    with nothing_written(Appointment):
        assert other.post("/api/appointments", body,
                          content_type="application/json").status_code == 404


def test_nightly_delivery_jobs_are_scheduled_and_run(case):
    from desist.appointments.tasks import check_contact_gaps, check_rar, recheck_referrals
    from desist.jobs.schedule import JOBS

    names = {job.name for job in JOBS}
    assert {"contact-gaps", "rar-at-risk", "referral-feasibility"} <= names
    case.band = "green"
    case.last_contact_on = dt.date(2020, 1, 1)
    case.save()
    assert check_contact_gaps.enqueue().return_value["overdue"] == 1
    assert check_rar.enqueue().return_value["checked"] == 1
    assert recheck_referrals.enqueue().return_value == {"at_risk": 0}
