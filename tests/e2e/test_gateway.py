"""Gateway journey in Chromium (issue 20): the hub sees what came from the national record and
what was rejected, and the new case waits in the intake queue. Pages checked with axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from desist.gateway import services

from .conftest import axe, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).resolve().parents[1] / "gateway" / "fixtures"


def test_hub_reads_the_import_ledger_and_its_rejections(page, staff_by_role):
    services.import_path(acting_user=None, path=FIXTURES)
    sign_in(page, "hub_admin")
    page.goto("/national/imports/")
    axe(page)
    expect(page.get_by_role("table")).to_contain_text("Finished")
    with page.expect_navigation():
        page.get_by_role("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Rejected records")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("offender.dateOfBirth")
    expect(page.get_by_role("table")).to_contain_text("impossible date")
    axe(page)
