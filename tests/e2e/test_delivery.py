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
                           waiting_weeks=30)
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


# --- Issue 12, items 20–24: delivery and partners ----------------------------------------------


def test_bbr_referral_uses_the_link_worker_recorded_on_the_risk_tab(page, case, staff_by_role,
                                                                    provider):
    f.RequirementFactory(sentence=case.sentences.first(), type="programme", rar_days=None,
                         programme="BBR")
    Service.objects.create(provider=provider, code="BBR", name="Building Better Relationships",
                           component="accredited_programme", mode="group", sessions=24,
                           programme=True, rar_activity=False, needs_link_worker=True,
                           eligibility="male")
    sign_in(page, "responsible_officer")
    page.goto(f"/cases/{case.crn}/referrals")
    expect(page.get_by_text("No partner link worker is recorded.")).to_be_visible()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Record the partner link worker on the Risk tab").click()
    axe(page)
    page.get_by_label("Name", exact=True).fill("Jo Lambton")
    page.get_by_label("Organisation").fill("Respect Relationships North")
    with page.expect_navigation():
        page.get_by_role("button", name="Save link worker").click()
    expect(page.get_by_text("Jo Lambton, Respect Relationships North")).to_be_visible()
    page.goto(f"/cases/{case.crn}/referrals")
    expect(page.get_by_text("Jo Lambton, Respect Relationships North")).to_be_visible()
    bbr = "Building Better Relationships – In-house"
    page.get_by_label("Service", exact=True).select_option(label=bbr)
    with page.expect_navigation():
        page.get_by_role("button", name="Make referral").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Referral to Building Better Relationships made")
    axe(page)
    referral = Referral.objects.get(person=case, service="Building Better Relationships")
    assert referral.link_worker_name == "Jo Lambton (Respect Relationships North)"

    # A second open referral to the same service asks why, and needs the answer.
    page.get_by_label("Service", exact=True).select_option(label=bbr)
    with page.expect_navigation():
        page.get_by_role("button", name="Make referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "already an open referral to Building Better Relationships")
    axe(page)
    page.get_by_label("Reason for a second referral to this service").fill(
        "Moving to Sunderland: a place there as well until the move")
    with page.expect_navigation():
        page.get_by_role("button", name="Make referral").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("made")
    assert Referral.objects.filter(person=case, service="Building Better Relationships"
                                   ).count() == 2


def test_partner_accepts_searches_edits_its_service_and_loses_access_when_withdrawn(
        new_context, case, staff_by_role, provider, partner):
    service = Service.objects.create(provider=provider, code="WOM", name="Women's hub support",
                                     component="womens_service", mode="group", sessions=12,
                                     partner=partner, capacity=8)
    referral = Referral.objects.get(person=case)
    Referral.objects.filter(pk=referral.pk).update(status="referred", catalogue_service=service)
    for i in range(3):
        other = f.PersonFactory(provider=provider, last_name=f"Other{i}")
        Referral.objects.create(person=other, partner=partner, catalogue_service=service,
                                service=service.name, referred_on=timezone.localdate(),
                                status="started")
    partner_page = new_context().new_page()
    sign_in(partner_page, "partner_caseworker")
    partner_page.goto("/referrals/")
    expect(partner_page.get_by_text("4 referrals")).to_be_visible()
    axe(partner_page)
    partner_page.get_by_label("Search").fill(case.crn)
    with partner_page.expect_navigation():
        partner_page.get_by_role("button", name="Apply filters").click()
    expect(partner_page.get_by_text("1 referral", exact=True)).to_be_visible()
    axe(partner_page)
    # Not accepted yet: the referral is open to the partner, the case is not.
    assert partner_page.goto(f"/cases/{case.crn}/").status == 404
    partner_page.goto(f"/referrals/{referral.pk}")
    axe(partner_page)
    partner_page.get_by_label("New status").select_option(label="Accepted")
    with partner_page.expect_navigation():
        partner_page.get_by_role("button", name="Update referral").click()
    expect(partner_page.locator(".govuk-notification-banner")).to_contain_text("Referral updated")
    assert partner_page.goto(f"/cases/{case.crn}/").status == 200
    axe(partner_page)

    # The partner keeps its own service record up to date.
    partner_page.goto("/services/")
    expect(partner_page.get_by_text("3 of 8 places in use")).to_be_visible()
    axe(partner_page)
    with partner_page.expect_navigation():
        partner_page.get_by_role("link", name="Edit Women's hub support").click()
    axe(partner_page)
    partner_page.get_by_label("Places", exact=True).fill("3")
    with partner_page.expect_navigation():
        partner_page.get_by_role("button", name="Save changes").click()
    expect(partner_page.get_by_text("3 of 3 places in use")).to_be_visible()
    expect(partner_page.get_by_text("1 waiting, wait about 12 weeks")).to_be_visible()
    axe(partner_page)

    # The officer withdraws the referral: the partner's access ends at once.
    officer = new_context().new_page()
    sign_in(officer, "responsible_officer")
    officer.goto(f"/referrals/{referral.pk}")
    officer.get_by_label("New status").select_option(label="Withdrawn")
    officer.get_by_label("Reason").fill("Moved out of the area")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Update referral").click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("Referral updated")
    assert partner_page.goto(f"/referrals/{referral.pk}").status == 404
    assert partner_page.goto(f"/cases/{case.crn}/").status == 404
    axe(partner_page)
