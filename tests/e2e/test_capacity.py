"""The staff capacity page in a real browser (issue 21 item 4): the administrator records a
newly qualified officer's 20% reduction (a refusal first, in the error summary) and the manager
reads the capacity it leaves; axe-core clean throughout."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.organisation.models import StaffReduction
from desist.organisation.roles import Role
from tests.conftest import make_staff

from .conftest import axe, sign_in
from .test_allocation import lmc  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_records_a_newly_qualified_reduction_and_the_manager_reads_it(
        page, provider, lmc):  # noqa: F811
    make_staff(provider, Role.SYSADMIN, username="ncl-admin", grade="SYS")
    po = lmc["po_m"]
    sign_in(page, "ncl-admin")
    page.goto(f"/workload/officers/{po.pk}/capacity")
    expect(page.get_by_role("heading", level=1)).to_contain_text(po.name)
    axe(page)
    form = page.locator("form", has=page.get_by_role("button", name="Record the reduction"))
    form.get_by_label("Newly qualified officer").check()
    form.get_by_label("Percentage of contracted hours").fill("0")
    form.get_by_role("button", name="Record the reduction").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a percentage more than 0")
    axe(page)
    assert not StaffReduction.objects.exists()
    form = page.locator("form", has=page.get_by_role("button", name="Record the reduction"))
    form.get_by_label("Percentage of contracted hours").fill("20")
    form.get_by_role("button", name="Record the reduction").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Reduction recorded")
    expect(page.locator("main")).to_contain_text("Capacity is 1600 points")
    axe(page)
    row = StaffReduction.objects.get(staff=po)
    assert (row.reason, row.percent, row.starts_on) == ("newly_qualified", 20, timezone.localdate())
    sign_in(page, "ncl-manager")
    page.goto(f"/workload/officers/{po.pk}")
    page.get_by_role("link", name="Capacity: contracted hours").click()
    expect(page.locator("main")).to_contain_text("Reduction for newly qualified officer: 20%")
    expect(page.get_by_role("button", name="Record the reduction")).to_have_count(0)
    axe(page)
