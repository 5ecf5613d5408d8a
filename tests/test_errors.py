"""One refusal type (desist.errors.Refused): every context's refusal is one, and the API maps it."""

import pytest
from rest_framework.test import APIRequestFactory

from desist.access.api_errors import exception_handler
from desist.allocation.services import DecisionRefused as AllocationRefused
from desist.appointments.services import BookingRefused, OutcomeRefused
from desist.assessment.services import ReadingError
from desist.compliance.services import DecisionRefused as ComplianceRefused
from desist.errors import Refused
from desist.forms import StaleRecordError
from desist.induction.services import InductionRefused
from desist.interventions.services import ReferralRefused, TransitionRefused
from desist.planning.services import PlanningError
from desist.risk.services import RiskRefused


@pytest.mark.parametrize("cls", [AllocationRefused, BookingRefused, OutcomeRefused, ReadingError,
                                 ComplianceRefused, StaleRecordError, ReferralRefused,
                                 TransitionRefused, PlanningError, InductionRefused,
                                 RiskRefused])
def test_every_refusal_is_one_type_with_its_own_code(cls):
    assert issubclass(cls, Refused)
    assert cls.default_code != Refused.default_code


def test_a_stale_record_is_a_conflict_with_the_plain_message():
    error = StaleRecordError()
    assert error.status == 409 and error.code == "stale_record"
    assert error.message.startswith("This case has changed since you opened it")


def test_problems_become_field_errors_and_the_message():
    error = AllocationRefused({"band": "Choose a band", "reason": "Give a reason"})
    assert error.status == 400
    assert error.field_errors() == {"band": ["Choose a band"], "reason": ["Give a reason"]}
    assert error.message == "Choose a band; Give a reason"


def test_the_api_answers_a_refusal_with_its_code_status_and_fields():
    request = APIRequestFactory().post("/api/x")
    refused = Refused("Not after release", code="after_release", field="day", conflict=True)
    response = exception_handler(refused, {"request": request})
    assert response.status_code == 409
    assert response.data == {"error": {"status": 409, "code": "after_release",
                                       "message": "Not after release",
                                       "fields": {"day": ["Not after release"]}}}
    plain = exception_handler(Refused("No"), {"request": request})
    assert plain.status_code == 400
    assert plain.data["error"]["fields"] == {"non_field_errors": ["No"]}
