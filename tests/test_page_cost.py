"""What every signed-in page pays before it does its own work, and pages bounded in size
(issue 23: the concurrent mix's throughput is bound by the cost of each request)."""

from __future__ import annotations

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from desist.organisation.roles import Role
from tests.conftest import make_staff
from tests.factories import PersonFactory


def test_the_signed_in_user_staff_record_provider_and_team_are_one_query(staff_by_role, client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    client.get("/venues/")  # warm: the session's renewal
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/venues/").status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    users = [s for s in sqls if '"auth_user"."password"' in s]
    assert len(users) == 1, users
    assert all(table in users[0] for table in
               ('"organisation_staff"', '"organisation_provider"', '"organisation_team"'))
    assert "ORDER BY" not in users[0]  # one row by primary key: no ordering to build and send
    assert not [s for s in sqls if re.search(
        r'FROM "organisation_(staff|provider|team)" WHERE "organisation_\1"\."(user_)?id" = ', s)]


def test_staff_list_is_paged_and_paging_keeps_the_filters(provider, staff_by_role, team, client):
    for i in range(55):
        make_staff(provider, Role.RESPONSIBLE_OFFICER, username=f"po{i:02d}", team=team)
    client.force_login(staff_by_role[Role.MANAGER].user)
    officers = 56  # the 55 and staff_by_role's officer
    first = client.get("/staff/?grade=PO").content.decode()
    assert f"{officers} members of staff" in first
    assert first.count('<tr class="govuk-table__row">') == 1 + 50  # the head and 50 rows
    assert "Page 1 of 2" in first
    assert 'href="?grade=PO&amp;page=2"' in first
    second = client.get("/staff/?grade=PO&page=2").content.decode()
    assert second.count('<tr class="govuk-table__row">') == 1 + officers - 50
    assert "Page 2 of 2" in second and 'href="?grade=PO&amp;page=1"' in second


def test_high_risk_coverage_drill_down_is_paged(provider, staff_by_role, client):
    people = [PersonFactory(provider=provider, rosh="high", crn=f"H{i:06d}") for i in range(53)]
    client.force_login(staff_by_role[Role.MANAGER].user)
    first = client.get("/oversight/coverage/cases?weeks=4").content.decode()
    assert "53 cases" in first and "Page 1 of 2" in first
    assert first.count('<tr class="govuk-table__row">') == 1 + 50
    second = client.get("/oversight/coverage/cases?weeks=4&page=2").content.decode()
    assert second.count('<tr class="govuk-table__row">') == 1 + 3
    listed = {p.crn for p in people if p.crn in first or p.crn in second}
    assert len(listed) == 53  # every case on one page or the other
    assert "High" in first and "No recent oversight" in first


def test_the_api_schema_is_rendered_once_per_format_and_each_format_stays_itself(staff_by_role,
                                                                                   client):
    from desist.config.api_schema import api_schema

    client.force_login(staff_by_role[Role.AUDITOR].user)
    yaml_first, json_first = client.get("/api/schema"), client.get("/api/schema?format=json")
    yaml_again, json_again = client.get("/api/schema"), client.get("/api/schema?format=json")
    assert yaml_first.content == yaml_again.content and json_first.content == json_again.content
    assert yaml_again["Content-Type"].startswith("application/vnd.oai.openapi;")
    assert json_again["Content-Type"] == "application/vnd.oai.openapi+json"
    assert json.loads(json_again.content)["paths"].keys() == api_schema()["paths"].keys()
    assert yaml_again.content.decode().startswith("openapi:")
    assert "Desist API.yaml" in yaml_again["Content-Disposition"]


def _current_link(html: str) -> str:
    """The text of the service navigation link marked current."""
    match = re.search(r'aria-current="true"\s*>\s*<strong[^>]*>([^<]+)</strong>', html)
    return match.group(1).strip() if match else ""


def test_the_frame_is_rendered_once_per_role_language_and_section_and_stays_each_ones_own(
        staff_by_role, client):
    """The header, service navigation and footer (GOV.UK macros) were rendered on every request,
    the same each time for a role and a section (issue 23). Now once each; a different role,
    section or language is its own entry, never another's."""
    from desist.config.jinja2 import _frame_part

    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    _frame_part.cache_clear()
    tasks = client.get("/tasks/").content.decode()
    assert client.get("/tasks/").content.decode().count("govuk-service-navigation__item") == \
        tasks.count("govuk-service-navigation__item")
    info = _frame_part.cache_info()
    assert (info.misses, info.hits) == (2, 2)  # the header and the footer, rendered once each
    assert _current_link(tasks) == "Tasks"
    assert "Accessibility statement" in tasks

    calendar = client.get("/calendar/").content.decode()
    assert _current_link(calendar) == "Calendar"
    welsh = client.get("/calendar/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Datganiad hygyrchedd" in welsh and "Accessibility statement" not in welsh

    client.force_login(staff_by_role[Role.MANAGER].user)
    manager = client.get("/tasks/").content.decode()
    assert _current_link(manager) == "Tasks"
    assert re.search(r'href="/staff/"', manager) and not re.search(r'href="/staff/"', tasks)
