"""Intake, banding and assignment in Chromium, as hub administrator and manager; axe on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.allocation import recompute
from desist.allocation.models import Assignment, BandDecision
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from tests.allocation.conftest import new_case
from tests.conftest import make_staff

from .conftest import axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lmc(provider):
    from tests import factories as f

    la = f.LocalAuthorityFactory(code="E08000021", name="Newcastle upon Tyne")
    venue = f.VenueFactory(provider=provider, code="LMC-NCL", kind="lmc")
    venue.local_authorities.add(la)
    team = f.TeamFactory(provider=provider, code="NCL", name="Newcastle", venue=venue)
    manager = make_staff(provider, Role.MANAGER, username="ncl-manager", grade="SPO", team=team)
    po_f = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="po-f", grade="PO", team=team)
    po_f.specialisms = ["womens_champion", "domestic_abuse"]
    po_f.save()
    po_m = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="po-m", grade="PO", team=team,
                      gender="male")
    pso = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="pso-m", grade="PSO", team=team,
                     gender="male")
    return {"la": la, "team": team, "manager": manager, "po_f": po_f, "po_m": po_m, "pso": pso}


def test_hub_routes_a_case_and_holds_long_custody(page, provider, staff_by_role, lmc):
    today = timezone.localdate()
    new_case(provider, la=lmc["la"], crn="E100001")
    new_case(provider, la=lmc["la"], crn="E100002", sentence_type="custody", custodial=30,
             release=today + dt.timedelta(weeks=20), requirements=(), routing="hub",
             hub_hold="long_custody")
    recompute.run(as_of=today)
    sign_in(page, "hub_admin")
    page.get_by_role("link", name="Hub intake").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub intake")
    axe(page)
    page.get_by_role("link", name="Custody: passes to the LMC").click()
    pass_on = (today + dt.timedelta(weeks=8)).strftime("%-d %B %Y")
    expect(page.locator("main")).to_contain_text(f"on {pass_on}")
    axe(page)
    page.get_by_role("link", name="Awaiting routing").click()
    page.locator("a[href='/hub/intake/E100001']").click()
    expect(page.locator("main")).to_contain_text("Routed by address")
    axe(page)
    page.get_by_label("Hold in the hub").check()
    page.get_by_role("button", name="Record routing").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why you are routing")
    axe(page)
    page.get_by_label("To a local management centre").check()
    page.get_by_label("LMC").select_option("NCL")
    page.get_by_role("button", name="Record routing").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Routing recorded")
    assert AuditEvent.objects.filter(event="routing_decided", crn="E100001").exists()


def test_manager_bands_a_da_case_and_assigns_a_woman(page, provider, lmc):
    team = lmc["team"]
    da = new_case(provider, la=lmc["la"], team=team, crn="E100003", routing="lmc", lmc=team,
                  registrations=("domestic_abuse",), first_name="Gary", last_name="Lowe")
    woman = new_case(provider, la=lmc["la"], team=team, crn="E100004", gender="female",
                     routing="lmc", lmc=team, first_name="Kelly", last_name="Nixon")
    recompute.run(as_of=timezone.localdate())
    sign_in(page, "ncl-manager")
    page.get_by_role("link", name="Allocation").click()
    expect(page.locator("main")).to_contain_text("Gary Lowe")
    axe(page)
    page.goto("/cases/E100003/band")
    axe(page)
    page.get_by_label("Green").check()
    page.get_by_role("button", name="Record band").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer this prompt")
    axe(page)
    page.get_by_role("group", name=re.compile("Consider placing")).get_by_label("Accept").check()
    page.get_by_label("Blue").check()
    page.get_by_label("Rationale").fill("Police report repeated call-outs")
    page.get_by_role("button", name="Record band").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Band recorded")
    expect(page.locator("main table")).to_contain_text("Override")
    axe(page)
    assert BandDecision.objects.get(person=da).band == "blue"

    page.goto("/cases/E100004/assignment")
    axe(page)
    page.get_by_label(re.compile(lmc["po_m"].name)).check()
    page.get_by_role("button", name="Record assignment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("breaks a matching rule")
    expect(page.locator(".govuk-warning-text").first).to_contain_text(re.compile("women", re.I))
    axe(page)
    page.get_by_label("I have read the warnings for this officer").check()
    page.get_by_label("Why you are going ahead").fill("Interim cover for two weeks")
    page.get_by_role("button", name="Record assignment").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Responsible officer recorded")
    axe(page)
    record = Assignment.objects.get(person=woman)
    assert record.officer == lmc["po_m"] and record.warnings[0]["code"] == "woman_to_male_officer"


def test_reassigning_a_medium_da_case_to_a_pso_is_warned_and_workload_shows(page, provider, lmc):
    team = lmc["team"]
    new_case(provider, la=lmc["la"], team=team, crn="E100005", rosh="medium", routing="lmc",
             lmc=team, registrations=("domestic_abuse",), responsible_officer=lmc["po_f"],
             band="yellow")
    recompute.run(as_of=timezone.localdate())
    sign_in(page, "ncl-manager")
    page.goto("/cases/E100005/assignment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reassign")
    page.get_by_label(re.compile(lmc["pso"].name)).check()
    page.get_by_label("Reason for reassignment").fill("Rebalancing")
    page.get_by_role("button", name="Record assignment").click()
    expect(page.locator(".govuk-warning-text").first).to_contain_text("PSO")
    axe(page)
    page.get_by_role("link", name="Workload", exact=True).click()
    expect(page.locator("main table")).to_contain_text(lmc["po_f"].name)
    axe(page)
    page.get_by_role("link", name=lmc["po_f"].name).click()
    expect(page.locator("main")).to_contain_text("E100005")
    axe(page)
    page.goto("/workload/weightings")
    axe(page)
    page.goto("/dashboard/")
    axe(page)
    page.goto("/tasks/")
    axe(page)


# --- Issue 12, items 6–10 --------------------------------------------------------------------

def test_hub_resolves_no_address_and_sees_held_custody_flagged(page, provider, staff_by_role, lmc):
    today = timezone.localdate()
    new_case(provider, crn="E100010", routing="hub", hub_hold="unroutable",
             first_name="Shane", last_name="Pike")
    new_case(provider, crn="E100011", sentence_type="custody", custodial=30,
             release=today - dt.timedelta(days=3), requirements=(), routing="hub",
             hub_hold="long_custody", pass_to_lmc_on=today - dt.timedelta(weeks=12, days=3))
    held = new_case(provider, la=lmc["la"], crn="E100012", sentence_type="custody", custodial=30,
                    release=today + dt.timedelta(weeks=30), requirements=(), routing="hub",
                    hub_hold="long_custody")
    recompute.run(as_of=today)
    sign_in(page, "hub_admin")
    page.goto("/hub/intake/?view=custody")
    expect(page.locator("main table")).to_contain_text("Released but still held")
    axe(page)
    page.goto("/hub/intake/?view=unroutable")
    page.get_by_role("link", name="Shane Pike").click()
    expect(page.locator("main")).to_contain_text("No address: cannot route")
    axe(page)
    page.get_by_role("button", name="Record the address").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the address")
    axe(page)
    page.get_by_label("Address", exact=True).fill("4 Shields Road, Byker")
    page.get_by_label("Postcode").fill("ne6 1dl")
    page.get_by_label("Local authority").select_option(label="Newcastle upon Tyne")
    page.get_by_role("button", name="Record the address").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Address recorded")
    expect(page.locator("main")).to_contain_text("Routed by address")
    axe(page)
    page.get_by_label("To a local management centre").check()
    page.get_by_label("LMC").select_option("NCL")
    page.get_by_role("button", name="Record routing").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Routing recorded")

    page.goto("/hub/intake/E100012")
    tomorrow = today + dt.timedelta(days=1)
    page.get_by_label("Day").fill(str(tomorrow.day))
    page.get_by_label("Month").fill(str(tomorrow.month))
    page.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_label("About the request").fill("HDC application")
    page.get_by_role("button", name="Pass to the LMC now").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be in the future")
    axe(page)
    held.refresh_from_db()
    assert held.routing == "hub"


def test_manager_reads_scores_records_an_escalation_and_drills_into_workload(page, provider, lmc):
    today = timezone.localdate()
    team = lmc["team"]
    new_case(provider, la=lmc["la"], team=team, crn="E100020", gender="female", routing="lmc",
             lmc=team, first_name="Kelly", last_name="Nixon")
    new_case(provider, la=lmc["la"], team=team, crn="E100021", rosh="high",
             rosh_assessed_on=today - dt.timedelta(days=1), routing="lmc", lmc=team,
             responsible_officer=lmc["po_f"], first_name="Dean", last_name="Wall")
    new_case(provider, la=lmc["la"], team=team, crn="E100022", restricted=True,
             responsible_officer=lmc["po_f"], workload_points=30)
    recompute.run(as_of=today)
    sign_in(page, "ncl-manager")
    page.goto("/cases/E100020/assignment")
    page.get_by_text("How the score was worked out").first.click()
    expect(page.locator("main table")).to_contain_text("Every candidate starts at 100")
    axe(page)

    page.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("Escalate Dean Wall")).click()
    page.get_by_role("link", name="Record the escalation outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk escalation to the NPS")
    axe(page)
    page.get_by_label("Not escalated after review").check()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    axe(page)
    page.get_by_label("Referred to the NPS").check()
    page.get_by_label("Notes").fill("Sent to NPS allocations by secure email")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Escalation outcome recorded")
    expect(page.locator("main")).to_contain_text("Sent to NPS allocations by secure email")
    axe(page)

    page.goto(f"/workload/officers/{lmc['po_f'].pk}")
    expect(page.locator("main")).to_contain_text("1 restricted case is not listed")
    axe(page)
