"""Scopes: provider, partner, unpaid work, restricted and excluded cases (issue 2, item 3)."""

from __future__ import annotations

import pytest

from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry
from desist.scopes.cases import visible_cases
from tests import factories as f


@pytest.fixture
def restricted(provider):
    return f.PersonFactory(provider=provider, crn="R000001", last_name="Hidden", restricted=True)


def test_restricted_case_invisible_to_ungranted_officer_everywhere(restricted, staff_by_role, client):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    client.force_login(officer.user)
    assert restricted not in visible_cases(officer.user)
    listing = client.get("/cases/?scope=all")
    assert b"R000001" not in listing.content and b"Hidden" not in listing.content
    search = client.get("/cases/?scope=all&q=R000001")
    assert b"Hidden" not in search.content
    assert client.get("/cases/R000001/").status_code == 404
    assert client.get("/api/cases/R000001").status_code == 404
    api_list = client.get("/api/cases?q=Hidden").json()
    assert api_list["count"] == 0


def test_restricted_case_visible_once_granted(restricted, staff_by_role, client):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    CaseAccessEntry.objects.create(person=restricted, user=officer.user, kind="granted",
                                   reason="Allocated officer")
    client.force_login(officer.user)
    assert client.get("/cases/R000001/").status_code == 200
    assert b"Restricted access" in client.get("/cases/R000001/").content


def test_exclusion_list_hides_an_ordinary_case(case, staff_by_role, client):
    manager = staff_by_role[Role.MANAGER]
    CaseAccessEntry.objects.create(person=case, user=manager.user, kind="excluded",
                                   reason="Knows the family")
    client.force_login(manager.user)
    assert client.get(f"/cases/{case.crn}/").status_code == 404


def test_partner_sees_only_people_referred_to_their_organisation(case, provider, staff_by_role):
    other = f.PersonFactory(provider=provider, crn="B000002")
    partner_user = staff_by_role[Role.PARTNER_CASEWORKER].user
    assert list(visible_cases(partner_user)) == [case]
    assert other not in visible_cases(partner_user)


def test_upw_supervisor_sees_only_people_on_their_projects(case, provider, staff_by_role):
    no_upw = f.PersonFactory(provider=provider, crn="C000003")
    f.RequirementFactory(sentence=f.SentenceFactory(person=no_upw), type="rar", rar_days=5)
    # UPW but not placed on the supervisor's sessions (issue 15)
    unplaced = f.PersonFactory(provider=provider, crn="C000004")
    f.RequirementFactory(sentence=f.SentenceFactory(person=unplaced), type="upw", rar_days=None,
                         upw_hours=60)
    user = staff_by_role[Role.UPW_SUPERVISOR].user
    assert set(visible_cases(user)) == {case}


def test_other_provider_sees_nothing(case, outsider, client):
    assert not visible_cases(outsider.user).exists()
    client.force_login(outsider.user)
    assert b"A123456" not in client.get("/cases/?scope=all").content


def test_inactive_staff_see_nothing(case, staff_by_role, client):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    officer.active = False
    officer.save()
    assert not visible_cases(officer.user).exists()
    client.force_login(officer.user)
    assert client.get("/cases/").status_code == 403
