"""Unpaid work on a 390 px phone (issue 15): the supervisor signs a group in and out and
records an outcome; the hub sees the refusals (sex offender on a public-facing group, the 15th
seat on a 14-seat bus, travel time over its cap, ETE beyond 20%). Every page checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from desist.organisation.roles import Role
from desist.unpaid_work import selectors, services
from desist.unpaid_work.models import Adjustment, Placement
from tests import factories as f
from tests.unpaid_work.factories import project, session, upw_person

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 390px"


def test_supervisor_signs_a_group_in_and_out_on_a_phone(new_context, provider, staff_by_role):
    supervisor = staff_by_role[Role.UPW_SUPERVISOR]
    hub = staff_by_role[Role.HUB_ADMIN].user
    s = session(project(provider, supervisor=supervisor), seats=14)
    names = ("Ann", "Ben", "Cal")
    people = [upw_person(provider, first_name=n, last_name="Walker") for n in names]
    for person in people:
        services.placement_book(acting_user=hub, session=s, person=person, needs_transport=True)
    late = upw_person(provider, first_name="Dee", last_name="Walker")
    late_placement = services.placement_book(acting_user=hub, session=s, person=late)

    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "upw_supervisor")
    page.goto("/unpaid-work/today")
    axe(page)
    no_sideways_scroll(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Riverside clean-up").click()
    axe(page)
    no_sideways_scroll(page)
    group = page.get_by_role("group", name="Sign the group in or out")
    for name in names:
        group.get_by_label(f"{name} Walker").check()
    page.get_by_label("Time").fill("09:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in those ticked").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Signed in: 3")
    axe(page)
    # Signing out someone never signed in is refused against the field.
    page.get_by_role("group", name="Sign the group in or out").get_by_label("Dee Walker").check()
    page.get_by_label("Time").fill("16:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out those ticked").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("has not been signed in")
    axe(page)
    group = page.get_by_role("group", name="Sign the group in or out")
    group.get_by_label("Dee Walker").uncheck()
    for name in names:
        group.get_by_label(f"{name} Walker").check()
    page.get_by_label("Time").fill("16:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out those ticked").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Signed out: 3")
    no_sideways_scroll(page)
    # Dee did not come: the outcome goes to her officer through compliance.
    with page.expect_navigation():
        page.get_by_role("link", name="Record outcome for Dee Walker").click()
    axe(page)
    no_sideways_scroll(page)
    page.get_by_label("Failed to attend", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record outcome").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Dee Walker")
    today = timezone.localdate()
    for person in people:
        assert selectors.ledger_for(person, today).credited_minutes == 420
    assert late.absences.count() == 1
    assert Placement.objects.get(pk=late_placement.pk).attendance.outcome == "failed_to_attend"


def test_refusals_a_new_user_meets(new_context, provider, staff_by_role):
    hub = staff_by_role[Role.HUB_ADMIN]
    park = session(project(provider, public_facing=True, capacity=20), seats=14)
    for _ in range(14):
        services.placement_book(acting_user=hub.user, session=park, person=upw_person(provider),
                                needs_transport=True)
    offender = upw_person(provider, crn="S000001", first_name="Sid", last_name="Offender")
    f.RegistrationFactory(person=offender, type="sex_offender", start_date=dt.date(2026, 6, 1))
    fifteenth = upw_person(provider, crn="F000015", first_name="Fay", last_name="Fifteen")
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "hub_admin")
    page.goto(f"/unpaid-work/sessions/{park.pk}")
    axe(page)
    page.get_by_label("CRN").fill("S000001")
    with page.expect_navigation():
        page.get_by_role("button", name="Book").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "cannot be placed on a public-facing group")
    axe(page)
    page.get_by_label("CRN").fill("F000015")
    page.get_by_label("Needs a seat on the transport").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Book").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("all 14 seats are taken")
    no_sideways_scroll(page)
    assert not Placement.objects.filter(person__in=[offender, fifteenth]).exists()

    page.goto(f"/cases/{fifteenth.crn}/unpaid-work")
    axe(page)
    no_sideways_scroll(page)
    today = timezone.localdate()
    page.get_by_label("Reason").select_option(label="Travel time to a distant placement")
    page.get_by_label("Minutes").fill("181")
    fill_date(page, "Date", today)
    page.get_by_label("Why", exact=True).fill("Bus from Hexham")
    with page.expect_navigation():
        page.get_by_role("button", name="Record adjustment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at most 3 hours")
    axe(page)
    page.get_by_label("Reason").select_option(label="Education, training or employment done "
                                                    "elsewhere")
    page.get_by_label("Minutes").fill(str(25 * 60))  # 120 hours ordered: 24 hours is 20%
    fill_date(page, "Date", today)
    page.get_by_label("Why", exact=True).fill("College course")
    with page.expect_navigation():
        page.get_by_role("button", name="Record adjustment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("20% of the hours ordered")
    assert not Adjustment.objects.exists()


def test_hub_adds_a_project_and_schedules_its_sessions_on_a_phone(new_context, provider,
                                                                  staff_by_role):
    """The hub's project pages at 390 px: errors in the summary, then a weekly series."""
    from desist.unpaid_work.models import Project, Session

    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "hub_admin")
    page.goto("/unpaid-work/hub")
    with page.expect_navigation():
        page.get_by_role("link", name="Projects and sessions").click()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Add a project").click()
    axe(page)
    no_sideways_scroll(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Add project").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the project's name")
    axe(page)
    page.get_by_label("Name").fill("Jesmond Dene paths")
    page.get_by_label("Group project").check()
    page.get_by_label("Site").fill("Jesmond Dene, Newcastle")
    page.get_by_label("Places on a session").fill("10")
    page.get_by_label("Hi-vis clothing needed").check()
    page.get_by_label("Every week").check()
    days = page.get_by_role("group", name="Days it runs")
    for day in ("Tuesday", "Thursday"):
        days.get_by_label(day).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add project").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Project added")
    axe(page)
    no_sideways_scroll(page)
    start = timezone.localdate() + dt.timedelta(days=1)
    fill_date(page, "From", start)
    fill_date(page, "Until", start + dt.timedelta(days=20))
    with page.expect_navigation():
        page.get_by_role("button", name="Schedule sessions").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sessions scheduled")
    axe(page)
    made = Project.objects.get(name="Jesmond Dene paths")
    sessions = Session.objects.filter(project=made)
    assert sessions.count() >= 5 and {s.on.isoweekday() for s in sessions} <= {2, 4}


def test_hub_figures_list_their_orders_a_page_at_a_time(new_context, provider, staff_by_role):
    """The hub's drill-down lists 50 orders a page, soonest deadline first, with the GOV.UK
    pagination (ADR 0015); every page checked with axe."""
    today = timezone.localdate()
    for i in range(55):
        upw_person(provider, sentenced=today - dt.timedelta(days=300 - i), assessed=False,
                   last_name=f"Order{i:02d}")
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "hub_admin")
    page.goto("/unpaid-work/hub")
    axe(page)
    expect(page.locator(".govuk-summary-list")).to_contain_text("55")
    page.goto("/unpaid-work/hub?show=all")
    axe(page)
    no_sideways_scroll(page)
    rows = page.locator("#cases ~ table tbody tr")
    expect(rows).to_have_count(50)
    expect(rows.first).to_contain_text("Order00")  # the earliest deadline
    with page.expect_navigation():
        page.get_by_role("link", name="Next").click()
    axe(page)
    expect(page.locator("#cases ~ table tbody tr")).to_have_count(5)
