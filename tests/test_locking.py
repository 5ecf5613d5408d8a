"""One optimistic-lock helper (issue 14 item 3): ``desist.locking``.

``locked_for_edit`` takes the row under ``select_for_update`` and refuses (409) when the version
the form was opened with is not the current one; ``save_edits`` writes only the fields whose
value changed, and bumps the version only when one did, so a write that changes nothing never
makes someone else's open form stale."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.forms import StaleRecordError
from desist.locking import locked_for_edit, save_edits
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.risk import services as risk
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db


def test_the_version_the_form_was_opened_with_must_be_current(case):
    assert locked_for_edit(Person, case.pk, case.version).pk == case.pk
    assert locked_for_edit(Person, case.pk, None).pk == case.pk  # no version given: no check
    with pytest.raises(StaleRecordError) as refused:
        locked_for_edit(Person, case.pk, case.version + 1, message="This case moved on.")
    assert refused.value.status == 409 and str(refused.value) == "This case moved on."


def test_only_changed_fields_are_written_and_the_version_bumped_once(case):
    Person.objects.filter(pk=case.pk).update(phone="0191 111 1111")  # someone else's edit
    locked = locked_for_edit(Person, case.pk, case.version)
    locked.phone = "stale value the form never edited"
    diff = save_edits(locked, {"address": "2 New Road", "postcode": case.postcode})
    assert diff == {"address": {"from": case.address, "to": "2 New Road"}}
    case.refresh_from_db()
    assert case.address == "2 New Road" and case.version == 2
    assert case.phone == "0191 111 1111"  # a field not edited is not written back


def test_an_edit_that_changes_nothing_leaves_the_version(case):
    locked = locked_for_edit(Person, case.pk, case.version)
    assert save_edits(locked, {"address": case.address, "postcode": case.postcode}) == {}
    case.refresh_from_db()
    assert case.version == 1


def test_recording_a_risk_assessment_that_leaves_the_case_as_it_was_keeps_open_forms_valid(
        case, staff_by_role, client):
    """Before: every risk assessment bumped the person's version, so an officer's open personal
    details form was refused as stale although nothing on the case had changed."""
    staff = staff_by_role[Role.RESPONSIBLE_OFFICER]
    Person.objects.filter(pk=case.pk).update(rosh="medium", rosh_to=["known_adult"],
                                             rosh_assessed_on=dt.date(2026, 11, 20))
    case.refresh_from_db()
    opened_with = case.version
    risk.record_risk_assessment(
        acting_user=staff.user, person=case, rosh="medium", rosh_to=["known_adult"],
        reasons="Reviewed: no change", previous_convictions="", past_behaviour="",
        assessed_on=dt.date(2026, 11, 20), expected_version=opened_with)
    case.refresh_from_db()
    assert case.version == opened_with
    client.force_login(staff.user)
    response = client.post(f"/cases/{case.crn}/personal-details", {
        "version": opened_with, "address": "2 New Road", "postcode": "NE2 2BB", "phone": "",
        "employment_status": "unemployed", "dependants": "0"})
    assert response.status_code == 302


def test_a_risk_assessment_that_changes_the_case_still_bumps_it(case, staff_by_role):
    staff = staff_by_role[Role.RESPONSIBLE_OFFICER]
    opened_with = case.version
    risk.record_risk_assessment(
        acting_user=staff.user, person=case, rosh="high", rosh_to=["known_adult"],
        reasons="Threats", previous_convictions="", past_behaviour="Call-outs",
        assessed_on=dt.date(2026, 11, 20), expected_version=opened_with)
    case.refresh_from_db()
    assert case.version == opened_with + 1
    with nothing_written(Person), pytest.raises(StaleRecordError):
        risk.record_risk_assessment(
            acting_user=staff.user, person=case, rosh="low", rosh_to=[], reasons="x",
            previous_convictions="", past_behaviour="", assessed_on=dt.date(2026, 11, 21),
            expected_version=opened_with)
