"""Delivery journeys in Chromium (issue 6), each page checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.appointments.models import Appointment
from desist.interventions.models import Referral, Service
from tests import factories as f

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def next_weekday(iso: int) -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(iso - today.isoweekday()) % 7 or 7)


@pytest.fixture
def venues(provider):
    return {
        "inaccessible": f.VenueFactory(provider=provider, name="Ashington LMC",
                                       wheelchair_access=False, private_rooms=1),
        "late": f.VenueFactory(provider=provider, name="Newcastle LMC", wheelchair_access=True,
                               private_rooms=2, evening_days=[4],
                               evening_closes_at=dt.time(18, 30)),
    }


def test_wheelchair_user_refused_at_inaccessible_lmc_and_worker_offered_evening(
        page, case, staff_by_role, venues):
    case.wheelchair_user = True
    case.work_starts_at, case.work_ends_at = dt.time(9), dt.time(17)
    case.save()
    sign_in(page, "responsible_officer")
    page.goto(f"/cases/{case.crn}/appointments/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    axe(page)
    day = next_weekday(2)
    page.get_by_label("Venue", exact=True).select_option(
        label="Ashington LMC – not suitable: no wheelchair access")
    fill_date(page, "Date", day)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("11:00")
    page.get_by_label("Yes, RAR activity").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Book appointment").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Ashington LMC has no wheelchair access")
    expect(summary).to_contain_text("clashes with their work")
    axe(page)
    assert not Appointment.objects.exists()

    # The evening slot offered for a 9–5 worker books in one go.
    offer = page.locator(".govuk-inset-text a").first
    expect(offer).to_contain_text("Newcastle LMC")
    with page.expect_navigation():
        offer.click()
    page.get_by_label("No, supervision contact").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Book appointment").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Appointment booked")
    axe(page)
    booked = Appointment.objects.get()
    assert booked.local_starts.time() >= dt.time(17, 30) and booked.venue == venues["late"]
    page.goto(f"/calendar/?week={booked.local_starts.date().isoformat()}")
    expect(page.get_by_text("Smith").first).to_be_visible()
    axe(page)


def test_long_waiting_list_referral_is_flagged(page, case, staff_by_role, provider):
    f.RequirementFactory(sentence=case.sentences.first(), type="programme", rar_days=None,
                         programme="TSP")
    end = timezone.localdate() + dt.timedelta(days=90)
    case.sentences.update(expected_end_date=end)
    Service.objects.create(provider=provider, code="TSP", name="Thinking Skills Programme",
                           component="accredited_programme", mode="group", sessions=19,
                           sessions_per_week=2, programme=True, rar_activity=False,
                           waiting_weeks=30, waiting_list=41)
    sign_in(page, "responsible_officer")
    page.goto("/services/")
    expect(page.get_by_text("wait about 30 weeks")).to_be_visible()
    axe(page)
    page.goto(f"/cases/{case.crn}/referrals")
    axe(page)
    page.get_by_label("Service", exact=True).select_option(label="Thinking Skills Programme – In-house")
    with page.expect_navigation():
        page.get_by_role("button", name="Make referral").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("cannot complete")
    expect(page.locator(".govuk-warning-text").first).to_contain_text("after the sentence ends")
    expect(page.get_by_text("Cannot complete in time")).to_be_visible()
    axe(page)
    page.goto("/tasks/")
    expect(page.get_by_text("Thinking Skills Programme cannot complete before the sentence ends")
           ).to_be_visible()


def test_partner_records_missed_session_and_officer_sees_it(new_context, case, staff_by_role):
    referral = Referral.objects.get(person=case)
    referral.status = "started"
    referral.save()
    partner = new_context().new_page()
    sign_in(partner, "partner_caseworker")
    partner.goto("/referrals/")
    axe(partner)
    with partner.expect_navigation():
        partner.get_by_role("link", name="Women's group").click()
    axe(partner)
    fill_date(partner, "Date of the session", timezone.localdate())
    partner.get_by_label("Did not attend").check()
    partner.get_by_label("Progress note").fill("No answer on the phone")
    with partner.expect_navigation():
        partner.get_by_role("button", name="Record session").click()
    expect(partner.locator(".govuk-notification-banner")).to_contain_text(
        "the responsible officer has been told")
    axe(partner)
    # Another organisation's referral: the same 404 as one that does not exist.
    other = Referral.objects.create(person=case, partner=f.PartnerFactory(provider=case.provider),
                                    service="Housing", referred_on=timezone.localdate())
    response = partner.goto(f"/referrals/{other.pk}")
    assert response.status == 404
    axe(partner)
    api = partner.request.get(f"/api/referrals/{other.pk}")
    assert api.status == 404

    officer = new_context().new_page()
    sign_in(officer, "responsible_officer")
    officer.goto("/tasks/")
    expect(officer.get_by_text("missed a Women's group session")).to_be_visible()
    axe(officer)


def test_rar_at_risk_shows_the_shortfall(page, case, staff_by_role, venues):
    sentence = case.sentences.first()
    start = timezone.localdate() - dt.timedelta(days=200)
    sentence.sentence_date = sentence.start_date = start
    sentence.expected_end_date = start + dt.timedelta(days=365)
    sentence.save()
    day = start + dt.timedelta(days=10)
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    Appointment.objects.create(provider=case.provider, person=case, kind="officer",
                               venue=venues["late"], starts_at=at,
                               ends_at=at + dt.timedelta(hours=1), rar_activity=True,
                               outcome="attended")
    sign_in(page, "responsible_officer")
    page.goto(f"/cases/{case.crn}/appointments")
    expect(page.get_by_text("RAR days at risk")).to_be_visible()
    expect(page.get_by_text("projected shortfall")).to_be_visible()
    axe(page)
    page.goto(f"/cases/{case.crn}/")
    expect(page.get_by_text("RAR days at risk")).to_be_visible()
    axe(page)
