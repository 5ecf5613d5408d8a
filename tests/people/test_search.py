"""Finding a case by full name, "Surname, Forename" or CRN across everything the user may see
(issue 12 item 11), and refusing an over-long search instead of listing the whole caseload
(issue 23)."""

from __future__ import annotations

import pytest

from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry
from tests import factories as f


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER]


@pytest.fixture
def cases(provider, officer, staff_by_role):
    other_officer = staff_by_role[Role.MANAGER]
    return {
        # Not on the officer's own caseload: a search still finds it (everything they may see).
        "joseph": f.PersonFactory(provider=provider, first_name="Joseph", last_name="Charlton",
                                  crn="E123456", responsible_officer=other_officer),
        "josephine": f.PersonFactory(provider=provider, first_name="Josephine",
                                     last_name="Charlesworth", crn="E222222",
                                     responsible_officer=officer),
        "mary": f.PersonFactory(provider=provider, first_name="Mary", last_name="Charlton",
                                crn="E333333", responsible_officer=officer),
        "desouza": f.PersonFactory(provider=provider, first_name="Ana", last_name="De Souza",
                                   crn="E444444", responsible_officer=officer),
    }


def _found(client, query: str, **params) -> set[str]:
    response = client.get("/cases/", {"q": query, **params})
    assert response.status_code == 200
    body = response.content.decode()
    return {crn for crn in ("E123456", "E222222", "E333333", "E444444") if crn in body}


@pytest.mark.parametrize(("query", "expected"), [
    ("Joseph Charlton", {"E123456"}),
    ("joseph charlton", {"E123456"}),
    ("Charlton, Joseph", {"E123456"}),
    ("charlton,joseph", {"E123456"}),
    ("Jo Charl", {"E123456", "E222222"}),
    ("Charlton", {"E123456", "E333333"}),
    ("CHARL", {"E123456", "E222222", "E333333"}),
    ("Charlton,", {"E123456", "E333333"}),
    ("Mary  Charlton", {"E333333"}),
    ("De Souza", {"E444444"}),
    ("Ana De Souza", {"E444444"}),
    ("e123456", {"E123456"}),
    ("E123456", {"E123456"}),
    ("Joseph", {"E123456", "E222222"}),
])
def test_search_by_name_forms_and_crn(client, officer, cases, query, expected):
    client.force_login(officer.user)
    assert _found(client, query) == expected


def test_search_keeps_an_explicit_scope(client, officer, cases):
    client.force_login(officer.user)
    assert _found(client, "Charlton", scope="mine") == {"E333333"}


def test_search_never_reveals_a_case_the_user_may_not_see(client, officer, cases, provider,
                                                          other_provider):
    f.PersonFactory(provider=other_provider, first_name="Joseph", last_name="Charlton",
                    crn="F999999")
    restricted = f.PersonFactory(provider=provider, first_name="Joseph", last_name="Charlton",
                                 crn="R555555", restricted=True)
    CaseAccessEntry.objects.create(person=cases["mary"], user=officer.user,
                                   kind=CaseAccessEntry.Kind.EXCLUDED, reason="Knows the person")
    client.force_login(officer.user)
    body = client.get("/cases/", {"q": "Charlton"}).content.decode()
    assert "E123456" in body
    assert "F999999" not in body and restricted.crn not in body and "E333333" not in body
    assert client.get("/cases/", {"q": "F999999"}).content.decode().count("F999999") <= 1  # the box


def test_search_keys_follow_a_renamed_person(client, officer, cases):
    mary = cases["mary"]
    mary.last_name = "Stobbart"
    mary.save()
    client.force_login(officer.user)
    assert _found(client, "Mary Stobbart") == {"E333333"}
    assert _found(client, "Mary Charlton") == set()


def test_an_over_long_search_is_refused_with_a_message_not_the_whole_caseload(client, officer,
                                                                                cases):
    client.force_login(officer.user)
    response = client.get("/cases/", {"q": "Charlton " * 20})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Name or CRN must be 100 characters or fewer" in body
    assert "There is a problem" in body
    assert not any(c.crn in body for c in cases.values())


def test_api_search_by_full_name_and_refuses_over_long(client, officer, cases):
    client.force_login(officer.user)
    data = client.get("/api/cases", {"q": "Charlton, Joseph"}).json()
    assert [row["crn"] for row in data["results"]] == ["E123456"]
    assert data["count"] == 1 and data["count_capped"] is False
    response = client.get("/api/cases", {"q": "x" * 101})
    assert response.status_code == 400
    assert "100 characters or fewer" in response.content.decode()
