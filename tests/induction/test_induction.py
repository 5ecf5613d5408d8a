"""Induction: the suitability screen before booking, personalised content, plain-English PDF (§5)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone

from desist.induction.models import InductionBooking, InductionScreen
from desist.organisation.roles import Role
from tests.refusals import nothing_written

from .. import factories as f

pytestmark = pytest.mark.django_db

NO = {name: "no" for name in (
    "literacy_needs", "numeracy_needs", "learning_disability", "anxiety_or_vulnerability",
    "interpreter_needed", "domestic_abuse_perpetrator", "domestic_abuse_victim",
    "disability_or_access_needs", "work_clashes_with_group_times")}


def next_tuesday() -> dt.date:
    """A Tuesday at least a week ahead: offices are open and it is never in the past."""
    day = timezone.localdate() + dt.timedelta(days=7)
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def booking(mode, venue, day=None, starts="10:00", ends="12:00") -> dict:
    return {"mode": mode, "venue": venue.pk, "day": (day or next_tuesday()).isoformat(),
            "starts": starts, "ends": ends}


@pytest.fixture
def venue(provider):
    return f.VenueFactory(provider=provider, name="Newcastle LMC", wheelchair_access=True,
                          private_rooms=2)


@pytest.fixture
def older(provider, staff_by_role, team):
    """A 69-year-old first-time domestic abuse offender."""
    today = timezone.localdate()
    person = f.PersonFactory(provider=provider, crn="B100001", first_name="Ronald",
                             last_name="Ashworth", previous_sanctions=0, rosh="low",
                             date_of_birth=today.replace(year=today.year - 69) - dt.timedelta(days=30),
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER], team=team)
    sentence = f.SentenceFactory(person=person)
    f.RequirementFactory(sentence=sentence, type="rar", rar_days=15)
    f.RegistrationFactory(person=person, type="domestic_abuse")
    return person


def test_older_anxious_da_offender_is_screened_out_of_group_induction(
        older, venue, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get(f"/cases/{older.crn}/induction/").content.decode()
    assert "No suitability screen recorded yet" in page
    with nothing_written(InductionBooking, InductionScreen):
        assert client.post(f"/cases/{older.crn}/induction/book",
                           booking("individual", venue)).status_code == 400  # no screen yet
    response = client.post(f"/cases/{older.crn}/induction/", {
        **NO, "anxiety_or_vulnerability": "yes", "domestic_abuse_perpetrator": "yes",
        "ethnicity": "White British"})
    assert response.status_code == 302
    screen = InductionScreen.objects.get(person=older)
    assert screen.mode == "individual" and screen.age == 69
    codes = {r["code"] for r in screen.reasons}
    assert {"s5_anxiety_or_vulnerability", "s5_age_older", "s5_domestic_abuse_perpetrator"} <= codes
    older.refresh_from_db()
    assert older.ethnicity == "White British"

    with nothing_written(InductionBooking, InductionScreen):
        refused = client.post(f"/cases/{older.crn}/induction/book", booking("group", venue))
    assert refused.status_code == 400
    assert "needs an individual induction" in refused.content.decode()
    assert not InductionBooking.objects.exists()
    assert client.post(f"/cases/{older.crn}/induction/book",
                       booking("individual", venue)).status_code == 302
    assert InductionBooking.objects.get(person=older).mode == "individual"


def test_unanswered_screen_questions_are_errors(older, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(InductionScreen, InductionBooking):
        response = client.post(f"/cases/{older.crn}/induction/", {"literacy_needs": "no"})
    assert response.status_code == 400
    assert "Answer: Is the person anxious or vulnerable" in response.content.decode()


def test_induction_summary_pdf_covers_only_this_persons_requirements(
        older, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    response = client.get(f"/cases/{older.crn}/induction/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Your induction: what you need to know" in text
    assert "Rehabilitation activity requirement" in text
    assert "Unpaid work" not in text and "Drug rehabilitation" not in text
    assert "What happens if you miss an appointment" in text


# --- Booking: never in the past, at a venue that suits the person, as a real appointment --------


def screened(person, officer_user, **answers):
    from desist.induction import services

    return services.record_screen(acting_user=officer_user, person=person,
                                  answers={**{k: False for k in services.SCREEN_FIELDS},
                                           **answers},
                                  protected={}, today=timezone.localdate())


def test_s5_an_induction_in_the_past_is_refused(older, venue, client_for, staff_by_role):
    from desist.appointments.models import Appointment
    from desist.induction import services

    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    screened(older, officer.user, anxiety_or_vulnerability=True)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(services.InductionRefused, match="in the past"):
        services.book_induction(
            acting_user=officer.user, person=older, mode="individual", venue=venue,
            starts_at=timezone.make_aware(dt.datetime.combine(yesterday, dt.time(10))),
            ends_at=timezone.make_aware(dt.datetime.combine(yesterday, dt.time(12))))
    with nothing_written(InductionBooking, Appointment):
        response = client_for(officer).post(f"/cases/{older.crn}/induction/book",
                                            booking("individual", venue, day=yesterday))
    assert response.status_code == 400
    assert "cannot be booked in the past" in response.content.decode()
    assert not InductionBooking.objects.exists() and not Appointment.objects.exists()


def test_s1_induction_venue_must_suit_the_person(older, venue, provider, client_for,
                                                 staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    older.wheelchair_user = True
    older.save()
    screened(older, officer.user, anxiety_or_vulnerability=True,
             disability_or_access_needs=True)
    steps = f.VenueFactory(provider=provider, name="Blyth office", wheelchair_access=False,
                           private_rooms=2)
    booths = f.VenueFactory(provider=provider, name="Reporting centre", wheelchair_access=True,
                            private_rooms=0)
    client = client_for(officer)
    form = client.get(f"/cases/{older.crn}/induction/book").content.decode()
    assert "Blyth office – not suitable" in form
    with nothing_written(InductionBooking):
        refused = client.post(f"/cases/{older.crn}/induction/book", booking("individual", steps))
        assert refused.status_code == 400 and "no wheelchair access" in refused.content.decode()
        refused = client.post(f"/cases/{older.crn}/induction/book", booking("individual", booths))
        assert refused.status_code == 400
        assert "no private interview room" in refused.content.decode()
        closed = client.post(f"/cases/{older.crn}/induction/book",
                             booking("individual", venue, starts="17:00", ends="19:00"))
    assert closed.status_code == 400 and "is open 09:00" in closed.content.decode()
    assert not InductionBooking.objects.exists()
    assert client.post(f"/cases/{older.crn}/induction/book",
                       booking("individual", venue)).status_code == 302


def test_s5_an_induction_is_an_appointment_that_counts_toward_the_minimum_offer(
        older, venue, client_for, staff_by_role):
    from desist.appointments import selectors as appointment_selectors
    from desist.appointments import services as appointments
    from desist.appointments.models import Appointment

    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    older.band = "yellow"
    older.save()
    screened(older, officer.user, anxiety_or_vulnerability=True)
    client = client_for(officer)
    day = next_tuesday()
    assert client.post(f"/cases/{older.crn}/induction/book",
                       booking("individual", venue, day=day)).status_code == 302
    induction = InductionBooking.objects.get(person=older)
    appointment = Appointment.objects.get(person=older)
    assert induction.appointment == appointment
    assert appointment.kind == "induction" and appointment.venue == venue
    assert appointment.officer == officer and appointment.hours == 2
    assert timezone.localtime(appointment.starts_at).date() == day

    tab = client.get(f"/cases/{older.crn}/appointments").content.decode()
    assert "Induction" in tab and "Newcastle LMC" in tab
    page = client.get(f"/cases/{older.crn}/induction/").content.decode()
    assert "Newcastle LMC" in page and f"/appointments/{appointment.pk}" in page

    before = appointment_selectors.delivered_hours(older, older.sentences.get().start_date)
    appointments.record_outcome(user=officer.user, appointment=appointment,
                                outcome="attended", today=day)
    after = appointment_selectors.delivered_hours(older, older.sentences.get().start_date)
    assert after - before == 2
    offer = appointment_selectors.offer_status(older, day)
    assert offer.delivered_hours == after
    older.refresh_from_db()
    assert older.last_contact_on == day  # the induction is meaningful contact (§10)


def test_s5_the_general_booking_form_cannot_book_an_induction_round_the_screen(
        older, venue, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    day = next_tuesday().isoformat()
    with nothing_written(InductionBooking):
        response = client.post(f"/cases/{older.crn}/appointments/new", {
            "kind": "induction", "venue": venue.pk, "day": day, "starts": "10:00",
            "ends": "12:00", "rar_activity": "no"})
    assert response.status_code == 400
    assert not older.appointments.exists()
