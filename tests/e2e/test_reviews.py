"""Reviews, step-down and check-ins in Chromium (issue 17), each page checked with axe-core:
the issue's "Checked by" list, tried as a new user would."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.checkins import services as checkins
from desist.organisation.roles import Role
from desist.reviews import services as reviews
from desist.risk.models import SafeguardingCheck
from tests import factories as f
from tests.reviews.helpers import approved_reading, fresh_checks, plan_with_objective

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def record_review(page, case, reading, *, risk="No change in risk", rosh=None):
    page.goto(f"/cases/{case.crn}/reviews")
    axe(page)
    fill_date(page, "Date of the review", timezone.localdate())
    page.get_by_label("New self-assessment reading").select_option(str(reading.pk))
    page.get_by_label("Some progress").check()
    page.get_by_label("Complying well").check()
    page.get_by_label(risk).check()
    if rosh:
        page.get_by_label("RoSH after the review").select_option(rosh)
    with page.expect_navigation():
        page.get_by_role("button", name="Record review").click()


def test_step_down_refused_for_da_case_with_open_action(page, case, staff_by_role):
    today = timezone.localdate()
    case.referrals.update(status="completed")
    fresh_checks(case, on=today)
    reviews.review_record(acting_user=case.responsible_officer.user, person=case,
                          reviewed_on=today, reading_id=approved_reading(case, today).pk,
                          compliance="good", risk_change="same", no_open_risk_actions=True,
                          progress={plan_with_objective(case).pk: ("good", "")}, today=today)
    SafeguardingCheck.objects.create(person=case, kind="police_domestic_abuse",
                                     requested_on=today)
    sign_in(page, "responsible_officer")
    page.goto(f"/cases/{case.crn}/reviews")
    expect(page.get_by_text("Step-down blocked")).to_be_visible()
    axe(page)
    page.get_by_label("Hub telephone reporting").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Step down", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("1 domestic abuse action is still open")
    axe(page)


def test_review_of_child_flagged_case_with_stale_check_is_refused(page, case, staff_by_role):
    f.RegistrationFactory(person=case, type="child_concern")
    fresh_checks(case, on=timezone.localdate() - dt.timedelta(days=120))
    reading = approved_reading(case, timezone.localdate())
    plan_with_objective(case)
    sign_in(page, "responsible_officer")
    record_review(page, case, reading)
    expect(page.locator(".govuk-error-summary")).to_contain_text("out of date")
    axe(page)
    assert not case.reviews.exists()


def test_review_where_rosh_rose_without_adjustment_is_flagged_to_the_manager(
        new_context, case, staff_by_role):
    fresh_checks(case, on=timezone.localdate())
    reading = approved_reading(case, timezone.localdate())
    plan_with_objective(case)
    page = new_context().new_page()
    sign_in(page, "responsible_officer")
    record_review(page, case, reading, risk="Risk has gone up", rosh="high")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the manager has been told")
    axe(page)
    manager = new_context().new_page()
    sign_in(manager, "manager", check=False)
    manager.goto("/tasks/")
    expect(manager.get_by_text("risk rose at the review").first).to_be_visible()
    axe(manager)


@pytest.fixture
def eligible(provider, staff_by_role, team):
    person = f.PersonFactory(provider=provider, crn="B234567", first_name="Sam",
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER],
                             team=team, rosh="low")
    f.SentenceFactory(person=person)
    return person


def identify(page, person, pin):
    fill_date(page, "Your date of birth", person.date_of_birth)
    page.get_by_label("Your PIN").fill(pin)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def test_kiosk_check_in_reporting_a_new_address_creates_an_officer_task(
        new_context, eligible, staff_by_role):
    _enrolment, pin = checkins.enrol(acting_user=eligible.responsible_officer.user,
                                     person=eligible)
    kiosk = new_context().new_page()
    sign_in(kiosk, "responsible_officer", check=False)
    kiosk.goto("/check-ins/kiosk/start")
    with kiosk.expect_navigation():
        kiosk.get_by_role("button", name="Start the kiosk").click()
    axe(kiosk)
    kiosk.goto("/tasks/")  # a kiosk session reaches nothing else
    assert kiosk.url.endswith("/kiosk/")
    identify(kiosk, eligible, pin)
    axe(kiosk)
    for question in ("Has your work changed?", "Has your health changed?",
                     "Has anything else changed in your life?",
                     "Do you need to speak to your officer?"):
        kiosk.get_by_role("group", name=question).get_by_label("No").check()
    kiosk.get_by_role("group", name="Has your address changed?").get_by_label("Yes").check()
    kiosk.get_by_label("Tell us more (optional)").fill("Now at 4 High Street")
    with kiosk.expect_navigation():
        kiosk.get_by_role("button", name="Check in").click()
    expect(kiosk.get_by_text("You have checked in")).to_be_visible()
    axe(kiosk)
    officer = new_context().new_page()
    sign_in(officer, "responsible_officer", check=False)
    officer.goto("/tasks/")
    expect(officer.get_by_text("address has changed").first).to_be_visible()


def test_five_wrong_pins_lock_the_check_in(new_context, eligible, staff_by_role):
    _enrolment, pin = checkins.enrol(acting_user=eligible.responsible_officer.user,
                                     person=eligible)
    wrong = "000000" if pin != "000000" else "111111"
    page = new_context().new_page()
    page.goto("/check-in/?lang=cy")
    axe(page)
    page.goto("/check-in/?lang=en")
    for _ in range(5):
        identify(page, eligible, wrong)
    expect(page.locator(".govuk-error-summary")).to_contain_text("locked")
    axe(page)
    identify(page, eligible, pin)  # even the right PIN, now
    expect(page.locator(".govuk-error-summary")).to_contain_text("locked")
    officer = new_context().new_page()
    sign_in(officer, "responsible_officer", check=False)
    officer.goto(f"/cases/{eligible.crn}/check-ins")
    expect(officer.get_by_text("Locked after wrong PINs")).to_be_visible()
    axe(officer)
    officer.goto("/tasks/")
    expect(officer.get_by_text("check-in is locked").first).to_be_visible()
