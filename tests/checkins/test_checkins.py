"""Check-ins: eligibility at enrolment, identify by PIN or one-time code, five wrong PINs lock
and alert the officer, answers become an officer task, a missed check-in is an absence, the
kiosk session reaches nothing else, every step audited (§10, §11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from desist.audit.models import AuditEvent
from desist.checkins import services
from desist.checkins.models import CheckIn, Enrolment, SeniorApproval
from desist.compliance.models import Absence
from desist.organisation.roles import Role
from desist.worklist.models import Task
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db
DOB = dt.date(1990, 5, 17)


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER].user


@pytest.fixture
def eligible(provider, staff_by_role, team):
    person = f.PersonFactory(provider=provider, crn="B234567", first_name="Sam",
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER],
                             team=team, rosh="low")
    f.SentenceFactory(person=person)
    return person


def test_enrolment_refused_for_ineligible_case(case, officer):
    with pytest.raises(services.CheckInRefused) as refused:  # the DA-flagged case
        services.enrol(acting_user=officer, person=case)
    assert refused.value.code == "not_eligible"
    assert not Enrolment.objects.exists()


def test_sexual_offence_needs_senior_approval(eligible, officer, staff_by_role):
    f.RegistrationFactory(person=eligible, type="sex_offender")
    with pytest.raises(services.CheckInRefused):
        services.enrol(acting_user=officer, person=eligible)
    services.senior_approval_record(acting_user=staff_by_role[Role.MANAGER].user,
                                    person=eligible, reason="Low risk, stable")
    enrolment, pin = services.enrol(acting_user=officer, person=eligible)
    assert enrolment.active and len(pin) == 6


def test_identify_by_pin_and_by_one_time_code(eligible, officer):
    enrolment, pin = services.enrol(acting_user=officer, person=eligible)
    assert services.identify(date_of_birth=DOB, pin=pin, channel="online") == enrolment
    code = services.code_issue(acting_user=officer, enrolment=enrolment)
    assert services.identify(date_of_birth=DOB, code=code.lower(), channel="online") == enrolment
    with pytest.raises(services.CheckInRefused):  # one use only
        services.identify(date_of_birth=DOB, code=code, channel="online")
    with pytest.raises(services.CheckInRefused):  # wrong date of birth
        services.identify(date_of_birth=dt.date(1991, 1, 1), pin=pin, channel="online")


def test_five_wrong_pins_lock_and_alert_the_officer(eligible, officer):
    """Checked by: five wrong PINs lock the check-in."""
    enrolment, pin = services.enrol(acting_user=officer, person=eligible)
    wrong = "000000" if pin != "000000" else "111111"
    for _ in range(4):
        with pytest.raises(services.CheckInRefused) as refused:
            services.identify(date_of_birth=DOB, pin=wrong, channel="kiosk")
        assert refused.value.code == "not_recognised"
    assert not Task.objects.filter(kind="checkin_locked").exists()
    with pytest.raises(services.CheckInRefused) as refused:
        services.identify(date_of_birth=DOB, pin=wrong, channel="kiosk")
    assert refused.value.code == "locked"
    enrolment.refresh_from_db()
    assert enrolment.locked and enrolment.failed_attempts == 5
    task = Task.objects.get(kind="checkin_locked")
    assert task.assigned_to == eligible.responsible_officer
    with pytest.raises(services.CheckInRefused) as refused:  # even the right PIN now
        services.identify(date_of_birth=DOB, pin=pin, channel="kiosk")
    assert refused.value.code == "locked"
    assert AuditEvent.objects.filter(event="checkin_wrong_pin").count() == 5
    assert AuditEvent.objects.filter(event="checkin_locked").count() == 1
    services.unlock(acting_user=officer, enrolment=enrolment)
    assert services.identify(date_of_birth=DOB, pin=pin, channel="kiosk") == enrolment
    assert Task.objects.get(pk=task.pk).status == "done"


def test_new_address_at_check_in_becomes_an_officer_task_with_the_answers(eligible, officer):
    enrolment, _pin = services.enrol(acting_user=officer, person=eligible)
    row = services.check_in(enrolment=enrolment, channel="kiosk",
                            answers={"address_changed": True, "work_changed": False,
                                     "health_changed": False, "circumstances_changed": False,
                                     "wants_to_speak": False},
                            details="Now at 4 High Street")
    assert row.needs_attention and row.appointment.outcome == "attended"
    task = Task.objects.get(kind="checkin_answers")
    assert task.assigned_to == eligible.responsible_officer
    assert "address has changed" in task.title and "4 High Street" in task.detail
    assert AuditEvent.objects.filter(event="checkin_checked_in", object_id=str(row.pk)).exists()


def test_nothing_to_report_raises_no_task(eligible, officer):
    enrolment, _pin = services.enrol(acting_user=officer, person=eligible)
    services.check_in(enrolment=enrolment, channel="online", answers={})
    assert not Task.objects.filter(kind="checkin_answers").exists()


def test_missed_check_in_is_an_absence_in_the_compliance_journey(eligible, officer):
    today = dt.date(2026, 11, 20)
    enrolment, _pin = services.enrol(acting_user=officer, person=eligible, every_days=7,
                                     today=today)  # due 27 November
    assert services.record_missed(today=dt.date(2026, 11, 27)) == {"missed": 0}
    assert services.record_missed(today=dt.date(2026, 11, 28)) == {"missed": 1}
    missed = CheckIn.objects.get(status="missed")
    absence = Absence.objects.get(appointment=missed.appointment)
    assert absence.status == "awaiting" and absence.failed_on == dt.date(2026, 11, 27)
    assert Task.objects.filter(kind="absence_decision", person=eligible).exists()
    enrolment.refresh_from_db()
    assert enrolment.next_due_on == dt.date(2026, 12, 4)
    assert services.record_missed(today=dt.date(2026, 11, 28)) == {"missed": 0}


def test_kiosk_session_reaches_nothing_but_the_check_in(client, officer, eligible):
    client.force_login(officer)
    assert client.post(reverse("checkins:kiosk-start")).url == reverse("checkins:kiosk")
    assert client.get(reverse("checkins:kiosk")).status_code == 200
    for path in ("/", reverse("people:home"), reverse("reviews:case", kwargs={"crn": eligible.crn}),
                 reverse("checkins:online"), "/accounts/login/", "/api/schema"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == reverse("checkins:kiosk"), path


def test_kiosk_journey_in_welsh(client, officer, eligible):
    _enrolment, pin = services.enrol(acting_user=officer, person=eligible)
    client.force_login(officer)
    client.post(reverse("checkins:kiosk-start"))
    page = client.get(reverse("checkins:kiosk") + "?lang=cy")
    assert 'lang="cy"' in page.content.decode()
    response = client.post(reverse("checkins:kiosk"), {
        "date_of_birth_day": "17", "date_of_birth_month": "5", "date_of_birth_year": "1990",
        "pin": pin})
    assert response.status_code == 302, response.content.decode()
    assert response.url == reverse("checkins:kiosk-questions")
    answers = {q: "no" for q in ("address_changed", "work_changed", "health_changed",
                                 "circumstances_changed")}
    response = client.post(reverse("checkins:kiosk-questions"),
                           {**answers, "wants_to_speak": "yes"})
    assert response.url == reverse("checkins:kiosk-done")
    assert Task.objects.get(kind="checkin_answers").person == eligible


def test_each_check_in_write_has_its_own_route_and_rule(client, officer, eligible, staff_by_role):
    """Issue 14: no write multiplexed on ``action``. The tab only reads; enrolling, issuing a
    code, unlocking and a senior approval each post to their own route, and the approval's rule
    is the managers' (an officer is refused before anything is written)."""
    client.force_login(officer)
    tab = reverse("checkins:case", kwargs={"crn": eligible.crn})
    assert client.post(tab, {"action": "enrol", "every_days": "14"}).status_code == 405
    assert not Enrolment.objects.exists()
    page = client.get(tab).content.decode()
    assert f'action="{reverse("checkins:enrol", kwargs={"crn": eligible.crn})}"' in page
    enrolled = client.post(reverse("checkins:enrol", kwargs={"crn": eligible.crn}),
                           {"every_days": "14"})
    assert enrolled.status_code == 200 and "New PIN" in enrolled.content.decode()
    issued = client.post(reverse("checkins:code", kwargs={"crn": eligible.crn}))
    assert issued.status_code == 200 and "One-time code" in issued.content.decode()
    assert client.post(reverse("checkins:unlock", kwargs={"crn": eligible.crn})).status_code == 302
    with nothing_written(SeniorApproval):
        refused = client.post(reverse("checkins:approve", kwargs={"crn": eligible.crn}),
                              {"reason": "Safe"})
    assert refused.status_code == 403
    client.force_login(staff_by_role[Role.MANAGER].user)
    with nothing_written(SeniorApproval):
        blank = client.post(reverse("checkins:approve", kwargs={"crn": eligible.crn}),
                            {"reason": " "})
    assert blank.status_code == 400
