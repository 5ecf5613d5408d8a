"""Bad input gets a clear answer, never a server error: every route, posted empty and posted junk,
and read with nonsense query parameters, as the roles that write."""

from __future__ import annotations

import pytest

from desist.organisation.roles import Role

from .test_access_matrix import EXPECTED, _resolve, _url

JUNK = {"version": "x", "band": "purple", "officer": "abc", "requested_on": "31/02/2026",
        "outcome": "nonsense", "starts_at": "x", "kind": "zzz", "page": "-1"}
QUERIES = ("?page=-1", "?view=zzz&kind=zzz&week=notadate&date=2026-13-40&team=zz&scope=zz")


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", [Role.MANAGER, Role.RESPONSIBLE_OFFICER, Role.HUB_ADMIN,
                                  Role.PARTNER_CASEWORKER])
def test_no_route_answers_bad_input_with_a_server_error(name, role, case, staff_by_role, client):
    kwargs, _ = EXPECTED[name]
    client.force_login(staff_by_role[role].user)
    url = _url(name, _resolve(kwargs, case))
    for body in ({}, JUNK):
        response = client.post(url, body)
        assert response.status_code < 500, (url, body, response.status_code)
    for query in QUERIES:
        response = client.get(url + query)
        assert response.status_code < 500, (url + query, response.status_code)
