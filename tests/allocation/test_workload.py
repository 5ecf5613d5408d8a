"""§16 workload pages: the officer drill-down agrees with the summary (issue 12, item 9)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from desist.allocation import selectors, services
from desist.organisation.roles import Role
from tests.conftest import make_staff

from .conftest import new_case

pytestmark = pytest.mark.django_db


def test_officer_drill_down_matches_the_summary_and_counts_what_it_hides(
        provider, newcastle, lmc_manager, officers, client):
    la, team = newcastle
    po = officers["po_f"]
    new_case(provider, la=la, team=team, crn="W100001", responsible_officer=po,
             workload_points=40, band="yellow")
    new_case(provider, la=la, team=team, crn="W100002", responsible_officer=po,
             workload_points=20, band="green")
    new_case(provider, la=la, team=team, crn="W100003", responsible_officer=po,
             workload_points=50, band="red", restricted=True)
    client.force_login(lmc_manager.user)
    summary = client.get("/workload/?team=NCL").content.decode()
    row = summary[summary.index(po.name):]
    row = row[:row.index("</tr>")]
    assert re.search(r">\s*3\s*<", row)  # three cases, the restricted one included
    assert "110.0" in row
    page = client.get(f"/workload/officers/{po.pk}").content.decode()
    assert "W100001" in page and "W100002" in page and "W100003" not in page
    # The same figures as the summary, and a plain count of what is not listed.
    assert "3 cases" in page and "110 points" in page
    assert "1 restricted case is not listed" in page


def test_the_whole_provider_workload_is_paged_with_the_same_rows_in_the_same_order(
        provider, lmc_manager, client):
    """Issue 23: all teams (over 400 officers at national scale) a page of 50 at a time; the
    pages together are the old single table: the same officers, order and figures."""
    for i in range(52):
        make_staff(provider, Role.RESPONSIBLE_OFFICER, username=f"wl{i:02d}")
    user = lmc_manager.user
    old = selectors.team_workload(user, None, timezone.localdate(),
                                  services.weights_for(provider.pk))
    assert len(old) > 50
    client.force_login(user)
    first = client.get("/workload/?team=").content.decode()
    second = client.get("/workload/?team=&page=2").content.decode()
    assert first.count('<tr class="govuk-table__row">') == 1 + 50
    assert second.count('<tr class="govuk-table__row">') == 1 + len(old) - 50
    assert "Page 1 of 2" in first and 'href="?team=&amp;page=2"' in first
    shown = re.findall(r'href="/workload/officers/(\d+)"', first + second)
    assert [int(pk) for pk in shown] == [load.staff.pk for load in old]
