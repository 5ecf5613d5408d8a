"""The case's tier explained, and the provider switching policy, in Chromium with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.tiering.selectors import policy_for
from tests import factories as f

from .conftest import axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_case_tier_explained_and_policy_switched(page, provider, staff_by_role, case):
    case.rosh = "medium"
    case.save()
    f.RegistrationFactory(person=case, type="self_harm")
    sign_in(page, Role.SYSADMIN.value)
    page.goto("/cases/A123456/tier")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tier")
    expect(page.locator("main")).to_contain_text("Tier C2")
    expect(page.locator("main")).to_contain_text("a medium level of work to protect others")
    expect(page.locator("main")).to_contain_text("Medium risk of serious harm scores 10 points")
    axe(page)

    page.get_by_role("link", name="Prioritisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prioritisation policy")
    axe(page)
    page.get_by_label("National tiering").check()
    page.get_by_label("Yes, show both").check()
    page.get_by_role("button", name="Record the policy").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the policy is changing")
    expect(page).to_have_title("Error: Prioritisation policy – Desist")  # once, not twice
    axe(page)
    page.get_by_label("National tiering").check()
    page.get_by_label("Yes, show both").check()
    page.get_by_label("Why is the policy changing?").fill("The contract moves us to tiering")
    page.get_by_role("button", name="Record the policy").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Policy recorded")
    expect(page.locator("main table")).to_contain_text("The contract moves us to tiering")
    axe(page)
    assert policy_for(provider.pk).by_tier
    assert AuditEvent.objects.filter(event="prioritisation_policy_changed").exists()

    page.goto("/cases/A123456/")
    expect(page.locator("main")).to_contain_text("How tier C2 was worked out")
    axe(page)


def test_officer_records_rsr_on_the_tier_tab(page, provider, staff_by_role, case):
    from desist.tiering.models import RsrScore

    case.rosh = "medium"
    case.save()
    sign_in(page, Role.RESPONSIBLE_OFFICER.value)
    page.goto("/cases/A123456/tier")
    expect(page.locator("main")).to_contain_text("No RSR score recorded")
    page.get_by_role("link", name="Record RSR").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record RSR")
    axe(page)
    page.get_by_label("RSR score").fill("101")
    page.get_by_role("button", name="Save RSR").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("RSR score must be 100 or less")
    expect(page).to_have_title("Error: Record RSR – Dan Smith – Desist")
    axe(page)
    page.get_by_role("link", name="RSR score must be 100 or less").click()
    expect(page.get_by_label("RSR score")).to_be_focused()
    page.get_by_label("RSR score").fill("7.25")
    page.get_by_role("button", name="Save RSR").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("RSR 7.25 recorded")
    expect(page.locator("main")).to_contain_text("Latest RSR score: 7.25%")
    expect(page.locator("main")).to_contain_text("RSR of 7.25% scores 20 points")
    expect(page.locator("main table").first).to_contain_text("Recorded in Desist")
    axe(page)
    assert RsrScore.objects.get(person=case).recorded_by == staff_by_role[
        Role.RESPONSIBLE_OFFICER].user
