"""User journeys through the pages in headless Chromium, each page checked with axe-core.

Every test runs against the live server with a transactional database; every page a journey
lands on is checked with ``axe`` (WCAG 2.2 AA), including error pages and 404s.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from desist.organisation.roles import Role
from desist.people import selectors
from desist.people.models import CaseAccessEntry, Person
from desist.people.risk import risk_picture
from tests import factories as f

from .conftest import axe, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CRN = "A123456"


def row_names(page: Page) -> list[str]:
    return page.locator("table.govuk-table tbody tr td:first-child a").all_inner_texts()


def listed_crns(page: Page) -> list[str]:
    return page.locator("table.govuk-table tbody tr td:nth-child(2)").all_inner_texts()


def apply_filters(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()


def expect_not_found(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 404, f"{path}: {response and response.status}"


def test_sign_in_error_and_caseload(page, case, staff_by_role):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=/cases/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Desist")
    axe(page)

    sign_in(page, "responsible_officer", "not-the-password", check=False)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe(page)

    page.get_by_label("Username").fill("responsible_officer")
    page.get_by_label("Password", exact=True).fill(f.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/cases/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    expect(page.get_by_role("link", name="Smith, Dan")).to_be_visible()
    assert listed_crns(page) == [CRN]
    axe(page)


def test_caseload_filter_and_sort_without_javascript(new_context, case, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    for crn, first, last, rosh in [("B234567", "Amy", "Brown", "high"),
                                   ("C345678", "Carl", "Young", "low"),
                                   ("D456789", "Dora", "Hall", "high")]:
        f.PersonFactory(provider=officer.provider, crn=crn, first_name=first, last_name=last,
                        rosh=rosh, responsible_officer=officer)
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "responsible_officer")
    assert row_names(page) == ["Brown, Amy", "Hall, Dora", "Smith, Dan", "Young, Carl"]
    axe(page)

    page.get_by_label("Name or CRN").fill(CRN.lower())
    apply_filters(page)
    assert "q=a123456" in page.url
    assert listed_crns(page) == [CRN]
    expect(page.get_by_text("1 case", exact=True)).to_be_visible()
    axe(page)

    page.get_by_label("Name or CRN").fill("")
    page.get_by_label("RoSH").select_option(label="High")
    apply_filters(page)
    assert row_names(page) == ["Brown, Amy", "Hall, Dora"]
    axe(page)

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Name \(sorted ascending\)")).click()
    assert "order=desc" in page.url and "rosh=high" in page.url
    assert row_names(page) == ["Hall, Dora", "Brown, Amy"]
    expect(page.locator("th").filter(has_text="Name")).to_contain_text("sorted descending")
    expect(page.get_by_label("RoSH")).to_have_value("high")
    axe(page)

    page.get_by_label("RoSH").select_option(label="Any RoSH")
    apply_filters(page)
    assert "sort=name" in page.url
    assert sorted(row_names(page)) == ["Brown, Amy", "Hall, Dora", "Smith, Dan", "Young, Carl"]
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Name \(sorted")).click()
    if "order=desc" not in page.url:  # the filter form does not carry the order across
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile(r"^Name \(sorted")).click()
    assert row_names(page) == ["Young, Carl", "Smith, Dan", "Hall, Dora", "Brown, Amy"]
    axe(page)


def test_case_overview_as_officer(page, case, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    unscored = f.PersonFactory(provider=officer.provider, crn="E567890", first_name="Eve",
                               last_name="Able", responsible_officer=officer)
    sentences, registrations = selectors.case_overview(case)
    risk = risk_picture(case, sentences, registrations, timezone.localdate())
    assert risk.ogrs3 is not None and risk.band is not None, "the fixture case should be scorable"

    sign_in(page, "responsible_officer")
    with page.expect_navigation():
        page.get_by_role("link", name="Smith, Dan").click()
    expect(page).to_have_url(re.compile(rf"/cases/{CRN}/$"))
    header = page.locator(".moj-identity-bar")
    expect(header).to_contain_text(f"CRN: {CRN}")
    expect(header).to_contain_text("RoSH: Medium")

    risk_card = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Risk"))
    ogrs3 = risk_card.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text="OGRS3"))
    expect(ogrs3).to_contain_text(f"{risk.ogrs3.one_year_percent}% in 1 year")
    expect(ogrs3).to_contain_text(f"{risk.ogrs3.two_year_percent}% in 2 years")

    band = risk_card.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text="Band"))
    expect(band).to_contain_text(f"Proposed by the rules: {risk.band.band.capitalize()}")
    band.get_by_text("Why this band").click()
    reasons = band.locator(".govuk-details__text ul").first.locator("li")
    expect(reasons.first).to_be_visible()
    expect(reasons).to_have_count(len(risk.band.reasons))
    for reason in risk.band.reasons:
        expect(band).to_contain_text(reason.text)

    registrations_row = risk_card.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text="Registrations"))
    expect(registrations_row).to_contain_text("Domestic abuse perpetrator")

    sentence = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Community order"))
    expect(sentence).to_be_visible()
    for requirement in sentences[0].requirements.all():
        expect(sentence).to_contain_text(str(requirement))
    expect(sentence).to_contain_text("Assault occasioning actual bodily harm")
    axe(page)

    # A case that cannot be scored says why, instead of showing nothing.
    page.goto(f"/cases/{unscored.crn}/")
    expect(page.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text="OGRS3"))).to_contain_text(
        "No sentence recorded, so there is no conviction to score from.")
    expect(page.get_by_text("No sentence recorded.", exact=True)).to_be_visible()
    axe(page)


def test_edit_personal_details_without_javascript_and_lost_update(new_context, case,
                                                                  staff_by_role):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "responsible_officer")
    page.goto(f"/cases/{CRN}/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Change personal details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personal details")
    axe(page)

    page.get_by_label("Work starts").fill("25:99")
    page.get_by_label("Work ends").fill("17:30")
    with page.expect_navigation():
        page.get_by_role("button", name="Save personal details").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    link = summary.get_by_role("link", name="Enter a time like 09:00")
    expect(link).to_have_attribute("href", "#id_work_starts_at")
    expect(page.locator("#id_work_starts_at")).to_have_value("25:99")
    expect(page.locator(".govuk-form-group--error")).to_contain_text("Enter a time like 09:00")
    axe(page)
    link.click()
    expect(page).to_have_url(re.compile(r"#id_work_starts_at$"))

    page.get_by_label("Address").fill("12 New Road")
    page.get_by_label("Work starts").fill("09:00")
    page.get_by_label("Work ends").fill("17:30")
    with page.expect_navigation():
        page.get_by_role("button", name="Save personal details").click()
    # The browser keeps the #fragment of the page it posted from across the redirect.
    expect(page).to_have_url(re.compile(rf"/cases/{CRN}/(#id_work_starts_at)?$"))
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Personal details saved")
    expect(page.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text="Employment"))).to_contain_text("09:00–17:30")
    expect(page.get_by_text("12 New Road", exact=False)).to_be_visible()
    axe(page)

    # Optimistic locking: two people open the form; the second save is refused, not lost.
    first = new_context().new_page()
    second = new_context().new_page()
    sign_in(first, "responsible_officer", check=False)
    sign_in(second, "manager", check=False)
    for each in (first, second):
        each.goto(f"/cases/{CRN}/personal-details")
    first.get_by_label("Phone number").fill("0191 000 0001")
    with first.expect_navigation():
        first.get_by_role("button", name="Save personal details").click()
    expect(first.locator(".govuk-notification-banner--success")).to_contain_text(
        "Personal details saved")

    second.get_by_label("Phone number").fill("0191 000 0002")
    with second.expect_navigation():
        second.get_by_role("button", name="Save personal details").click()
    expect(second.locator(".govuk-error-summary")).to_contain_text(
        "This case has changed since you opened it")
    axe(second)
    assert Person.objects.get(crn=CRN).phone == "0191 000 0001"


def test_manager_pages_and_sysadmin_audit(new_context, case, staff_by_role):
    officer = new_context().new_page()
    sign_in(officer, "responsible_officer", check=False)
    officer.goto(f"/cases/{CRN}/")
    expect(officer.locator(".moj-identity-bar")).to_contain_text(CRN)
    axe(officer)
    expect(officer.get_by_role("link", name="Staff")).to_have_count(0)

    manager = new_context().new_page()
    sign_in(manager, "manager", check=False)
    with manager.expect_navigation():
        manager.get_by_role("link", name="Staff", exact=True).click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Staff")
    expect(manager.locator("table")).to_contain_text(
        str(staff_by_role[Role.RESPONSIBLE_OFFICER]))
    axe(manager)
    with manager.expect_navigation():
        manager.get_by_role("link", name="Venues", exact=True).click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Venues")
    expect(manager.locator("table")).to_contain_text(
        staff_by_role[Role.RESPONSIBLE_OFFICER].team.venue.name)
    axe(manager)
    expect(manager.get_by_role("link", name="Audit", exact=True)).to_have_count(0)

    admin = new_context().new_page()
    sign_in(admin, "sysadmin", check=False)
    with admin.expect_navigation():
        admin.get_by_role("link", name="Audit", exact=True).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Audit trail")
    viewed = admin.locator("tbody tr").filter(has_text="case viewed").filter(has_text=CRN)
    expect(viewed.first).to_be_visible()
    axe(admin)
    with admin.expect_navigation():
        viewed.first.get_by_role("link", name=CRN).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(
        f"Audit trail for Dan Smith ({CRN})")
    expect(admin.locator("tbody tr").filter(has_text="case viewed").first).to_be_visible()
    axe(admin)


def test_restricted_case_is_invisible_unless_granted(new_context, case, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    restricted = f.PersonFactory(provider=officer.provider, crn="R765432", first_name="Rita",
                                 last_name="Stone", restricted=True, responsible_officer=officer)
    granted = f.StaffFactory(user=f.UserFactory(username="granted_officer"),
                             provider=officer.provider, role=Role.RESPONSIBLE_OFFICER.value)
    CaseAccessEntry.objects.create(person=restricted, user=granted.user, kind="granted",
                                   reason="Named officer for a high-profile case")

    page = new_context().new_page()
    sign_in(page, "responsible_officer", check=False)
    assert listed_crns(page) == [CRN]
    page.goto("/cases/?scope=all")
    assert restricted.crn not in listed_crns(page)
    axe(page)
    for term in (restricted.crn, "Stone"):
        page.goto(f"/cases/?scope=all&q={term}")
        expect(page.get_by_text("No cases match these filters.")).to_be_visible()
        axe(page)
    expect_not_found(page, f"/cases/{restricted.crn}/")
    axe(page)
    expect_not_found(page, f"/cases/{restricted.crn}/personal-details")
    hidden = page.request.get(f"/api/cases/{restricted.crn}")
    missing = page.request.get("/api/cases/Z999999")
    assert hidden.status == missing.status == 404
    assert hidden.text() == missing.text(), "a hidden case must look exactly like a missing one"
    listing = page.request.get(f"/api/cases?q={restricted.crn}").json()
    assert listing["count"] == 0

    page = new_context().new_page()
    sign_in(page, "granted_officer", check=False)
    page.goto(f"/cases/?scope=all&q={restricted.crn}")
    assert listed_crns(page) == [restricted.crn]
    expect(page.locator("tbody")).to_contain_text("Restricted")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Stone, Rita").click()
    expect(page.locator(".moj-identity-bar")).to_contain_text("Restricted access")
    axe(page)
    response = page.request.get(f"/api/cases/{restricted.crn}")
    assert response.status == 200 and response.json()["crn"] == restricted.crn


def test_partner_caseworker_and_outsider_scope(new_context, case, staff_by_role, outsider):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    f.PersonFactory(provider=officer.provider, crn="B234567", first_name="Amy", last_name="Brown",
                    responsible_officer=officer)

    page = new_context().new_page()
    sign_in(page, "partner_caseworker", check=False)
    expect(page.get_by_text("1 case", exact=True)).to_be_visible()
    assert listed_crns(page) == [CRN]
    axe(page)
    page.goto("/cases/?scope=all&q=Brown")
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()
    expect_not_found(page, "/cases/B234567/")
    page.goto(f"/cases/{CRN}/")
    expect(page.locator(".moj-identity-bar")).to_contain_text(CRN)
    axe(page)

    page = new_context().new_page()
    sign_in(page, "outsider", check=False)
    expect(page.get_by_text("0 cases", exact=True)).to_be_visible()
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()
    axe(page)
    page.goto(f"/cases/?scope=all&q={CRN}")
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()
    expect_not_found(page, f"/cases/{CRN}/")
    axe(page)
    assert page.request.get(f"/api/cases/{CRN}").status == 404


def test_sign_in_page_in_welsh(new_context, db):
    page = new_context(locale="cy-GB").new_page()
    page.goto("/sign-in")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mewngofnodi")
    expect(page.get_by_role("button", name="Mewngofnodi")).to_be_visible()
    axe(page)
