"""Through the Gate (issue 16) as a new user would try it, each page checked with axe-core:
a 24-month custody case appears for resettlement; its plan cannot be completed without the risk
section (DA registration); a drug need demands the prescription task; the community officer is
assigned 12 weeks before release; the person opens their page with a code and date of birth and
sees their appointment in Welsh; the on-time rate matches the cases behind it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.appointments.models import Appointment
from desist.dates import MONTHS, format_date
from desist.resettlement import services
from desist.resettlement.models import CustodyCase
from tests import factories as f

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()
DOB = dt.date(1990, 5, 17)


def test_through_the_gate_journey(new_context, provider, staff_by_role, team):
    from desist.organisation.roles import Role

    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    person = f.PersonFactory(provider=provider, crn="E160001", first_name="Rhys",
                             last_name="Evans", responsible_officer=officer, team=team,
                             date_of_birth=DOB)
    release = TODAY + dt.timedelta(weeks=20)
    f.SentenceFactory(person=person, type="custody", custodial_months=24,
                      sentence_date=TODAY - dt.timedelta(days=300),
                      start_date=TODAY - dt.timedelta(days=300),
                      expected_end_date=TODAY + dt.timedelta(days=500), release_date=release)
    f.RegistrationFactory(person=person, type="domestic_abuse",
                          start_date=TODAY - dt.timedelta(days=300))
    services.ensure_default_versions()

    page = new_context().new_page()
    sign_in(page, "responsible_officer")
    # 1. The 24-month custody case appears for resettlement.
    page.goto(f"/cases/{person.crn}/resettlement/")
    axe(page)
    page.get_by_label("Prison").fill("HMP Cardiff")
    fill_date(page, "Date received into custody", TODAY - dt.timedelta(days=300))
    with page.expect_navigation():
        page.get_by_role("button", name="Start resettlement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Resettlement started")
    # 4. The community officer is assigned 12 weeks before release (the routing date).
    handover = release - dt.timedelta(weeks=12)
    expect(page.get_by_text(f"Hand-over on {format_date(handover, 'long')}")).to_be_visible()
    axe(page)

    # The screening, from the loaded version: a drug need.
    page.get_by_role("link", name="Record answers for the screening").click()
    axe(page)
    answers = {"accommodation": "family", "uses_drugs": "yes", "on_opiate_treatment": "yes",
               "alcohol": "no", "mental_health": "no", "gp": "yes", "bank_account": "yes",
               "id_documents": "yes", "debt": "no", "work": "yes", "family": "no"}
    for name, value in answers.items():
        page.locator(f"input[name='{name}'][value='{value}']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_role("cell", name="Drug treatment service appointment", exact=True)).to_be_visible()
    case = CustodyCase.objects.get(person=person)
    for pathway in case.pathways.filter(status="not_started"):
        services.pathway_set_status(acting_user=officer.user, pathway=pathway,
                                    status="not_required")

    # 2. The plan cannot be completed without the risk section (DA registration).
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="Complete the resettlement plan").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("must address risk of harm")
    expect(summary).to_contain_text("prescription arranged for release day")
    axe(page)
    page.get_by_label("How the plan addresses risk of harm and domestic abuse").fill(
        "Ex-partner in Gateshead: exclusion zone on licence, MARAC informed.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save risk of harm section").click()
    # 3. The drug need demands the prescription task.
    with page.expect_navigation():
        page.get_by_role("button", name="Complete the resettlement plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "prescription arranged for release day")
    expect(page.locator(".govuk-error-summary")).not_to_contain_text("risk of harm")
    page.get_by_text("Add a support need").click()
    page.get_by_label("Support need").select_option("prescription_on_release")
    fill_date(page, "Due by", release - dt.timedelta(days=7))
    with page.expect_navigation():
        page.get_by_role("button", name="Add support need").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Complete the resettlement plan").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Resettlement plan complete")
    axe(page)

    # 5. The person's page: a code, their date of birth, their appointment in Welsh.
    start = timezone.make_aware(dt.datetime.combine(release + dt.timedelta(days=1),
                                                    dt.time(10)))
    Appointment.objects.create(provider=provider, person=person, kind="officer",
                               officer=officer, starts_at=start,
                               ends_at=start + dt.timedelta(hours=1), rar_activity=False,
                               purpose="First appointment")
    with page.expect_navigation():
        page.get_by_role("button", name="Issue a code for the person").click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    code = re.search(r"Code for the person: ([A-Z0-9]{6})", banner).group(1)
    page.goto(f"/cases/{person.crn}/resettlement/release-day")
    expect(page.get_by_role("heading", name="Release-day checklist")).to_be_visible()
    axe(page)
    page.goto(f"/cases/{person.crn}/resettlement/refer")  # needs to refer to a partner
    expect(page.get_by_role("heading", name="Refer a support need to a partner")).to_be_visible()
    axe(page)
    page.goto(f"/cases/{person.crn}/resettlement/screening?kind=pre_release")
    expect(page.get_by_role("heading", name="Pre-release assessment")).to_be_visible()
    axe(page)

    visitor = new_context().new_page()  # no staff sign-in
    visitor.goto("/my-plan/?lang=cy")
    axe(visitor)
    visitor.get_by_label("Cod", exact=True).fill(code)
    visitor.locator("#id_date_of_birth_day").fill(str(DOB.day))
    visitor.locator("#id_date_of_birth_month").fill(str(DOB.month))
    visitor.locator("#id_date_of_birth_year").fill(str(DOB.year))
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Parhau").click()
    expect(visitor.get_by_role("heading", name="Eich apwyntiad nesaf")).to_be_visible()
    expect(visitor.locator("main")).to_contain_text(MONTHS["cy"][start.month - 1])
    expect(visitor.locator("main")).to_contain_text("Presgripsiwn")
    expect(visitor.locator("main")).not_to_contain_text("risg")
    assert visitor.locator("html").get_attribute("lang") == "cy"
    axe(visitor)

    # 6. The on-time rate matches the cases behind it.
    manager = new_context().new_page()
    sign_in(manager, "manager", check=False)
    manager.goto("/resettlement/?by=prison")
    expect(manager.locator("main")).to_contain_text("1 of 1 plans completed on time (100%)")
    axe(manager)
    manager.get_by_role("link", name="HMP Cardiff").click()
    expect(manager.get_by_role("link", name="Rhys Evans")).to_be_visible()
    axe(manager)
