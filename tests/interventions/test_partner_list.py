"""The partner's referral list: search by name, CRN or service; a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desist.interventions.models import Referral
from desist.organisation.roles import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def refer(provider, partner, n, *, start=0, status="started"):
    for i in range(start, start + n):
        person = f.PersonFactory(provider=provider, crn=f"P{i:06d}", first_name="Joseph",
                                 last_name=f"Charlton{i}")
        Referral.objects.create(person=person, partner=partner, service="Peer mentoring",
                                referred_on=TODAY, status=status)


def test_partner_searches_by_name_crn_or_service(case, provider, partner, staff_by_role,
                                                 client_for):
    refer(provider, partner, 3)
    client = client_for(staff_by_role[Role.PARTNER_CASEWORKER])
    everyone = client.get("/referrals/")
    assert everyone.status_code == 200 and b"4 referrals" in everyone.content
    for query, expected in [("Dan Smith", case.crn), ("Smith, Dan", case.crn),
                            ("a123456", case.crn), ("women's group", case.crn),
                            ("Charlton1 Joseph", "P000001")]:
        found = client.get("/referrals/", {"q": query})
        assert b"1 referral" in found.content, query
        assert expected.encode() in found.content, query
    none = client.get("/referrals/", {"q": "Nobody"})
    assert b"0 referrals" in none.content and b"No referrals match" in none.content


def test_partner_list_runs_a_constant_number_of_queries(case, provider, partner, staff_by_role,
                                                        client_for):
    client = client_for(staff_by_role[Role.PARTNER_CASEWORKER])
    refer(provider, partner, 3)
    client.get("/referrals/")  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert client.get("/referrals/").status_code == 200
    refer(provider, partner, 60, start=3)
    refer(provider, partner, 5, start=63, status="referred")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/referrals/")
    assert b"69 referrals" in page.content
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
