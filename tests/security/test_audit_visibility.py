"""Issue 22 item 2: the audit viewer applies the case pages' visibility (restricted, excluded)."""

from __future__ import annotations

import pytest

from desist.audit import events
from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry
from tests import factories as f


@pytest.fixture
def hidden_cases(provider, staff_by_role, team):
    """A restricted case the auditor is not granted, and an ordinary case the auditor is excluded from."""
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    restricted = f.PersonFactory(provider=provider, crn="R111111", restricted=True,
                                 responsible_officer=officer, team=team)
    CaseAccessEntry.objects.create(person=restricted, user=officer.user, kind="granted", reason="x")
    excluded = f.PersonFactory(provider=provider, crn="E222222", responsible_officer=officer, team=team)
    CaseAccessEntry.objects.create(person=excluded, user=staff_by_role[Role.AUDITOR].user,
                                   kind=CaseAccessEntry.Kind.EXCLUDED, reason="knows them")
    events.person_changed(user=officer.user, person=restricted,
                          changes={"address": ["1 Old Road", "2 Secret Street"]})
    events.case_viewed(user=officer.user, person=excluded, page="overview")
    events.caseload_listed(user=officer.user, crns=["A123456", "R111111", "E222222"], query={})
    events.signed_in(user=officer.user)
    return restricted, excluded


@pytest.mark.parametrize("query", ["", "?event=person_changed", "?event=case_viewed",
                                   "?actor=responsible_officer", "?event=caseload_listed"])
def test_auditor_listing_and_filters_hide_restricted_and_excluded_cases(
        case, hidden_cases, staff_by_role, client_for, query):
    client = client_for(staff_by_role[Role.AUDITOR])
    body = client.get(f"/audit/{query}").content.decode()
    assert "R111111" not in body and "2 Secret Street" not in body
    assert "E222222" not in body


def test_rows_without_a_case_and_visible_cases_stay(case, hidden_cases, staff_by_role, client_for):
    events.case_viewed(user=staff_by_role[Role.RESPONSIBLE_OFFICER].user, person=case, page="risk")
    body = client_for(staff_by_role[Role.AUDITOR]).get("/audit/").content.decode()
    assert "A123456" in body  # a visible case, and inside the caseload listing's detail
    assert "signed in" in body  # an event without a case
    assert "2 (hidden)" in body  # the caseload listing says CRNs were withheld


def test_a_granted_viewer_still_sees_the_restricted_case(case, hidden_cases, staff_by_role, client_for):
    restricted, _ = hidden_cases
    sysadmin = staff_by_role[Role.SYSADMIN]
    CaseAccessEntry.objects.create(person=restricted, user=sysadmin.user, kind="granted", reason="y")
    body = client_for(sysadmin).get("/audit/?event=person_changed").content.decode()
    assert "R111111" in body


@pytest.mark.parametrize("crn", ["R111111", "E222222"])
def test_case_trail_of_a_hidden_case_is_not_found(hidden_cases, staff_by_role, client_for, crn):
    assert client_for(staff_by_role[Role.AUDITOR]).get(f"/audit/cases/{crn}").status_code == 404
