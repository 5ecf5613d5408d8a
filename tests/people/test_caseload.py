"""The caseload list: scope, filters, sorting, paging, and a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desist.organisation.roles import Role
from tests import factories as f


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER]


def _people(provider, officer, n, **kwargs):
    people = []
    for _ in range(n):
        person = f.PersonFactory(provider=provider, responsible_officer=officer, **kwargs)
        f.RegistrationFactory(person=person)
        f.SentenceFactory(person=person)
        people.append(person)
    return people


def test_officer_sees_own_cases_by_default(provider, officer, staff_by_role, client):
    mine = _people(provider, officer, 2)
    f.PersonFactory(provider=provider, crn="N000001")
    client.force_login(officer.user)
    page = client.get("/cases/").content.decode()
    assert all(p.crn in page for p in mine) and "N000001" not in page
    assert "N000001" in client.get("/cases/?scope=all").content.decode()


def test_filter_by_rosh_and_band_and_search(provider, officer, client):
    high = f.PersonFactory(provider=provider, responsible_officer=officer, rosh="high",
                           last_name="Zephyr", band="red")
    low = f.PersonFactory(provider=provider, responsible_officer=officer, rosh="low",
                          last_name="Able", band="green")
    client.force_login(officer.user)
    body = client.get("/cases/?rosh=high").content.decode()
    assert high.crn in body and low.crn not in body
    body = client.get("/cases/?band=green").content.decode()
    assert low.crn in body and high.crn not in body
    body = client.get("/cases/?q=zeph").content.decode()
    assert high.crn in body and low.crn not in body


def test_sort_by_name_descending(provider, officer, client):
    f.PersonFactory(provider=provider, responsible_officer=officer, last_name="Aardvark")
    f.PersonFactory(provider=provider, responsible_officer=officer, last_name="Zebra")
    client.force_login(officer.user)
    body = client.get("/cases/?sort=name&order=desc").content.decode()
    assert body.index("Zebra") < body.index("Aardvark")


def test_invalid_filter_values_do_not_error(provider, officer, client):
    client.force_login(officer.user)
    assert client.get("/cases/?rosh=purple&page=-4&sort=drop").status_code == 200


def test_paging(provider, officer, client):
    _people(provider, officer, 30)
    client.force_login(officer.user)
    first = client.get("/cases/").content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in client.get("/cases/?page=2").content.decode()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_page_size(provider, officer, client):
    client.force_login(officer.user)
    _people(provider, officer, 3)
    few = _count_queries(client, "/cases/")
    _people(provider, officer, 22)
    many = _count_queries(client, "/cases/")
    assert few == many, f"{few} queries for 3 cases, {many} for 25"
    assert many <= 16


def test_filter_selects_offer_their_options_with_the_current_one_selected(provider, officer, client):
    client.force_login(officer.user)
    body = client.get("/cases/?rosh=high&scope=all").content.decode()
    assert '<option value="high" selected>High</option>' in body
    assert '<option value="all" selected>All cases</option>' in body
    assert '<option value="green">Green</option>' in body


def test_staff_filter_lists_teams_and_grades(provider, staff_by_role, team, client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    body = client.get(f"/staff/?team={team.code}&grade=PO").content.decode()
    assert f'<option value="{team.code}" selected>{team.name}</option>' in body
    assert '<option value="PO" selected>Probation officer</option>' in body
