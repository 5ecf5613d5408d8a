"""Insight journey in Chromium (issue 19): refresh, service levels, drill-down, timeliness,
equality, a target changed; each page checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f

from .conftest import axe, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_refreshes_reads_the_figures_and_drills_down(page, case, staff_by_role, team):
    ended = timezone.localdate() - dt.timedelta(days=20)
    for n in range(3):
        person = f.PersonFactory(provider=case.provider, team=team,
                                 responsible_officer=case.responsible_officer,
                                 first_name="Ended", last_name=f"Order{n}")
        f.SentenceFactory(person=person, sentence_date=ended - dt.timedelta(days=365),
                          start_date=ended - dt.timedelta(days=365), expected_end_date=ended)
    sign_in(page, "manager")
    page.goto("/insight/")
    expect(page.get_by_text("The figures have not been built yet")).to_be_visible()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Refresh the figures now").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Figures refreshed")
    expect(page.get_by_text("Figures as of the last refresh")).to_be_visible()
    expect(page.locator("svg.desist-chart").first).to_be_visible()
    axe(page)
    table = page.locator("table").first
    row = table.locator("tr", has_text="Community orders and suspended sentence orders")
    with page.expect_navigation():
        row.get_by_role("link").first.click()
    expect(page.locator("#counted")).to_contain_text("3 cases counted")
    expect(page.get_by_role("link", name="Ended Order0")).to_be_visible()
    axe(page)
    page.goto("/insight/timeliness")
    page.get_by_label("Group by").select_option("grade")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Assignment of an officer by grade")).to_be_visible()
    axe(page)
    page.goto("/insight/equality?by=gender")
    expect(page.get_by_text("Fewer than 5").first).to_be_visible()
    axe(page)
    page.goto("/insight/needs")
    axe(page)
    page.goto("/insight/targets")
    axe(page)
    page.get_by_label("Service level").select_option("upw_completion")
    page.get_by_label("Target (per cent)").fill("92")
    page.get_by_label("Why the target is changing").fill("Contract variation 2027")
    with page.expect_navigation():
        page.get_by_role("button", name="Change the target").click()
    expect(page.get_by_text("Contract variation 2027")).to_be_visible()
    axe(page)
