"""The officer's day (issue 12, items 25, 27, 28): tasks grouped and prioritised, each task linked
to its case, the case overview with the contact gap and the name as the most prominent item, a
GOV.UK date input, the accessibility statement; on a desktop and on a 390 px phone screen (no
sideways scroll of the page), axe on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from desist.organisation.roles import Role
from desist.worklist import services as worklist
from tests import factories as f

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {page.viewport_size}"


def check(page: Page) -> None:
    axe(page)
    no_sideways_scroll(page)


@pytest.fixture
def busy_officer(case, staff_by_role, provider, team):
    today = timezone.localdate()
    case.band, case.last_contact_on = "yellow", today - dt.timedelta(days=20)
    case.save()
    other = f.PersonFactory(provider=provider, crn="B654321", first_name="Ann", last_name="Lee",
                            responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER], team=team)
    for i in range(9):
        worklist.raise_task(provider_id=provider.pk, person=other if i % 2 else case,
                            kind="rar_at_risk", key=f"rar:{i}", title=f"RAR days at risk {i}",
                            due_on=today + dt.timedelta(days=i + 1))
    worklist.raise_task(provider_id=provider.pk, person=case, kind="contact_gap",
                        key="gap", title="No meaningful contact for 20 days",
                        due_on=today - dt.timedelta(days=3))
    return case


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_officers_day_reads_well_on_desktop_and_phone(new_context, busy_officer, viewport):
    case = busy_officer
    page = new_context(viewport=viewport).new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto("/tasks/")
    check(page)
    expect(page.locator("#task-totals")).to_have_text("10 open tasks, 1 overdue")
    kinds = page.locator("table:has(caption:text-is('Tasks by type, most pressing first')) tbody th")
    expect(kinds).to_have_text(["No recent contact", "RAR days at risk"])  # overdue first
    show_all = re.compile(r"^Show all 9 tasks\s*: RAR days at risk$")
    expect(page.get_by_role("link", name=show_all)).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="No meaningful contact for 20 days").click()
    check(page)
    case_link = page.get_by_role("link", name=case.name)
    expect(case_link).to_be_visible()  # a link, not markup printed as text
    expect(page.locator("main")).not_to_contain_text("<a ")
    with page.expect_navigation():
        case_link.click()
    check(page)
    name = page.locator(".desist-case-name")
    expect(name).to_have_text(case.name)
    sizes = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => e.offsetParent !== null && e.childElementCount === 0 && e.textContent.trim())
        .map(e => [e.className, parseFloat(getComputedStyle(e).fontSize)])""")
    largest = max(size for _cls, size in sizes)
    name_size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.desist-case-name')).fontSize)")
    assert name_size == largest, sizes
    gap = page.locator("#contact-gap")
    expect(gap).to_contain_text("Last meaningful contact 20 days ago")
    expect(gap).to_contain_text("the yellow band allows 14 days")
    expect(gap).to_contain_text("Contact 6 days overdue")

    page.goto("/tasks/?group=case")
    check(page)
    expect(page.get_by_role("heading", level=2).first).to_contain_text(case.name)

    page.goto(f"/cases/{case.crn}/appointments/new")
    check(page)
    fill_date(page, "Date", timezone.localdate() + dt.timedelta(days=2))
    expect(page.get_by_role("group", name="Date").get_by_label("Year")).to_have_value(
        str((timezone.localdate() + dt.timedelta(days=2)).year))

    with page.expect_navigation():
        page.get_by_role("link", name="Accessibility statement").click()
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement for Desist")
