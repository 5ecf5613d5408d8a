"""Editing personal details: validation, optimistic locking, audit, no partial writes."""

from __future__ import annotations

import pytest

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import Person
from tests.refusals import nothing_written


@pytest.fixture
def officer_client(client, staff_by_role):
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    return client


def _form(case, **changes):
    data = {"version": case.version, "address": "2 New Road", "postcode": "ne2 2bb",
            "phone": "0191 000 0000", "employment_status": "employed_full_time",
            "work_starts_at": "09:00", "work_ends_at": "17:00", "dependants": "1"}
    data.update(changes)
    return data


def test_save_changes_bumps_version_and_audits(case, officer_client):
    response = officer_client.post(f"/cases/{case.crn}/personal-details", _form(case))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.address == "2 New Road" and case.postcode == "NE2 2BB" and case.version == 2
    event = AuditEvent.objects.get(event="person_changed")
    assert event.detail["changes"]["address"] == {"from": "", "to": "2 New Road"}


def test_invalid_input_shows_error_summary_and_saves_nothing(case, officer_client):
    with nothing_written(Person):
        response = officer_client.post(f"/cases/{case.crn}/personal-details",
                                       _form(case, work_starts_at="9am", dependants="-1"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Enter a time like 09:00" in body
    assert 'href="#id_work_starts_at"' in body and "Dependants cannot be negative" in body
    case.refresh_from_db()
    assert case.address == "" and case.version == 1


def test_work_must_end_after_it_starts(case, officer_client):
    with nothing_written(Person):
        response = officer_client.post(f"/cases/{case.crn}/personal-details",
                                       _form(case, work_starts_at="17:00", work_ends_at="09:00"))
    assert response.status_code == 400 and b"Work must end after it starts" in response.content


def test_stale_form_is_refused_not_lost(case, officer_client):
    Person.objects.filter(pk=case.pk).update(version=2, address="Changed by someone else")
    with nothing_written(Person):
        response = officer_client.post(f"/cases/{case.crn}/personal-details", _form(case))
    assert response.status_code == 409
    assert b"This case has changed since you opened it" in response.content
    case.refresh_from_db()
    assert case.address == "Changed by someone else"


def test_api_partial_update_and_conflict(case, officer_client):
    url = f"/api/cases/{case.crn}"
    ok = officer_client.patch(url, {"version": 1, "phone": "07700 900000"},
                              content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    with nothing_written(Person):
        stale = officer_client.patch(url, {"version": 1, "phone": "x"},
                                     content_type="application/json")
    assert stale.status_code == 409
    assert "version" in stale.json()["error"]["fields"]


def test_api_validation_errors_name_the_field(case, officer_client):
    with nothing_written(Person):
        response = officer_client.patch(
            f"/api/cases/{case.crn}",
            {"version": 1, "dependants": -2, "employment_status": "pirate"},
            content_type="application/json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"dependants", "employment_status"}


def test_api_unauthenticated_is_401_json(case, client):
    response = client.get("/api/cases")
    assert response.status_code == 401 and response.json()["error"]["status"] == 401


def test_api_token_authentication(case, staff_by_role, client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=staff_by_role[Role.MANAGER].user)
    response = client.get(f"/api/cases/{case.crn}", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and response.json()["crn"] == case.crn
    assert response.json()["sentences"][0]["requirements"]


def test_overview_shows_risk_and_needs_together(case, officer_client):
    body = officer_client.get(f"/cases/{case.crn}/").content.decode()
    assert "OGRS3" in body and "Domestic abuse perpetrator" in body
    assert "Needs and circumstances" in body and "Proposed by the rules" in body
    # §4: domestic abuse is a "consider blue/red" flag; the prompt is shown for the manager.
    assert "For the manager to decide" in body


def test_language_for_letters_is_set_on_personal_details(case, officer_client):
    page = officer_client.get(f"/cases/{case.crn}/personal-details").content.decode()
    assert "Language for letters" in page and "Welsh (Cymraeg)" in page
    response = officer_client.post(f"/cases/{case.crn}/personal-details",
                                   _form(case, letter_language="cy"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.letter_language == "cy"
    event = AuditEvent.objects.get(event="person_changed")
    assert event.detail["changes"]["letter_language"] == {"from": "en", "to": "cy"}
    # A form that does not send the field leaves the language as it is.
    officer_client.post(f"/cases/{case.crn}/personal-details", _form(case, address="3 Road"))
    case.refresh_from_db()
    assert case.letter_language == "cy" and case.address == "3 Road"
    with nothing_written(Person):
        bad = officer_client.post(f"/cases/{case.crn}/personal-details",
                                  _form(case, letter_language="fr"))
    assert bad.status_code == 400
