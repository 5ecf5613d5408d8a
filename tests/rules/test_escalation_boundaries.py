"""Risk escalation (operating-model.md §2, F18): every boundary and every word pinned.

Written against mutation testing (issue 25): the outcome's date on the day before, of and after
today and the RoSH assessment; each level's words; notes required or optional per outcome; the
whole text of each reconciliation.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.escalation import (
    HIGH_LEVELS,
    KEEP,
    NOTES_REQUIRED,
    OUTCOMES,
    REPLACE,
    RESOLVE,
    Reconciliation,
    RoshAssessment,
    check_outcome,
    needs_escalation,
    reconcile,
)
from desist.rules.reasons import Reason

S2 = "operating-model.md §2"
RAISED = RoshAssessment("high", date(2026, 11, 2))
TODAY = date(2026, 12, 2)
DAY = timedelta(days=1)


def test_the_constants():
    assert (KEEP, RESOLVE, REPLACE) == ("keep", "resolve", "replace")
    assert HIGH_LEVELS == {"high", "very_high"}
    assert NOTES_REQUIRED == {"nps_declined", "not_escalated"}
    assert OUTCOMES == {
        "referred": "Referred to the NPS",
        "nps_declined": "The NPS declined the referral: the CRC keeps the case",
        "not_escalated": "Not escalated after review",
    }


@pytest.mark.parametrize(("level", "needed"), [("low", False), ("medium", False), ("high", True),
                                               ("very_high", True), ("", False)])
def test_only_high_and_very_high_need_escalation(level, needed):
    assert needs_escalation(level) is needed


def test_resolved_in_full():
    result = reconcile(RAISED, RoshAssessment("medium", date(2026, 11, 20)))
    assert result == Reconciliation(RESOLVE, (Reason(
        "s2_escalation_no_longer_needed", S2,
        "No longer needed: RoSH is now medium (assessed on Friday 20 November 2026), within the "
        "CRC's remit. The escalation was raised for RoSH high (assessed on Monday 2 November "
        "2026)."),))
    assert result.text == result.reasons[0].text


def test_resolved_with_no_level_and_no_date():
    result = reconcile(RoshAssessment("very_high", None), RoshAssessment("", None))
    assert result.text == ("No longer needed: RoSH is now not recorded, within the CRC's remit. "
                           "The escalation was raised for RoSH very high.")


def test_replaced_in_full():
    result = reconcile(RAISED, RoshAssessment("very_high", date(2026, 11, 2)))
    assert result == Reconciliation(REPLACE, (Reason(
        "s2_escalation_updated", S2,
        "Updated: RoSH is now very high (assessed on Monday 2 November 2026); the escalation "
        "raised for RoSH high (assessed on Monday 2 November 2026) is replaced by one for the new "
        "assessment, with the same deadline."),))


@pytest.mark.parametrize("assessed_on", [date(2026, 11, 1), date(2026, 11, 3), None])
def test_the_same_level_assessed_on_another_day_is_replaced(assessed_on):
    assert reconcile(RAISED, RoshAssessment("high", assessed_on)).action == REPLACE


def test_kept_in_full():
    assert reconcile(RAISED, RoshAssessment("high", date(2026, 11, 2))) == Reconciliation(
        KEEP, (Reason("s2_escalation_stands", S2,
                      "RoSH is still high (assessed on Monday 2 November 2026): the escalation "
                      "to the NPS stands."),))
    undated = RoshAssessment("very_high", None)
    assert reconcile(undated, undated).text == ("RoSH is still very high: the escalation to the "
                                                "NPS stands.")


@pytest.mark.parametrize(("level", "assessed_on", "field", "message"), [
    ("extreme", None, "level", "must be one of low, medium, high, very_high or empty"),
    ("high", "2026-11-02", "assessed_on", "must be a date"),
])
def test_an_impossible_assessment_is_refused(level, assessed_on, field, message):
    with pytest.raises(RuleInputError) as caught:
        RoshAssessment(level, assessed_on)
    assert caught.value.as_dict() == {"field": field, "message": message}


@pytest.mark.parametrize(("on", "problem"), [
    (TODAY - DAY, None), (TODAY, None), (TODAY + DAY, "The date cannot be in the future")])
def test_the_outcome_date_either_side_of_today(on, problem):
    check = check_outcome(outcome="referred", on=on, notes="", today=TODAY)
    assert check.problems == ({"on": problem} if problem else {})
    assert check.ok is (problem is None)


@pytest.mark.parametrize(("on", "problem"), [
    (date(2026, 11, 1), "The date cannot be before the RoSH assessment of Monday 2 November 2026"),
    (date(2026, 11, 2), None), (date(2026, 11, 3), None)])
def test_the_outcome_date_either_side_of_the_assessment(on, problem):
    check = check_outcome(outcome="referred", on=on, notes="", today=TODAY,
                          raised_on=date(2026, 11, 2))
    assert check.problems == ({"on": problem} if problem else {})


def test_every_problem_at_once_and_no_text():
    check = check_outcome(outcome="maybe", on=None, notes="  ", today=TODAY)
    assert check.problems == {"outcome": "Choose what happened", "on": "Enter the date"}
    assert (check.ok, check.text) == (False, "")
    check = check_outcome(outcome="not_escalated", on=TODAY + DAY, notes=" \n", today=TODAY,
                          raised_on=TODAY + 5 * DAY)
    assert check.problems == {"on": "The date cannot be in the future",
                              "notes": "Say why, and how the risk is managed now"}
    assert check.text == ""


@pytest.mark.parametrize(("outcome", "notes", "text"), [
    ("referred", "", "Referred to the NPS on Tuesday 1 December 2026."),
    ("referred", "  Sent by email ", "Referred to the NPS on Tuesday 1 December 2026. Sent by "
                                     "email"),
    ("nps_declined", "Below the threshold; weekly contact",
     "The NPS declined the referral: the CRC keeps the case on Tuesday 1 December 2026. Below the "
     "threshold; weekly contact"),
    ("not_escalated", " Reviewed with the manager ",
     "Not escalated after review on Tuesday 1 December 2026. Reviewed with the manager"),
])
def test_each_outcome_reads_with_its_date_and_notes(outcome, notes, text):
    check = check_outcome(outcome=outcome, on=date(2026, 12, 1), notes=notes, today=TODAY)
    assert (check.problems, check.ok, check.text) == ({}, True, text)


@pytest.mark.parametrize("outcome", ["nps_declined", "not_escalated"])
def test_notes_are_required_when_the_reason_matters(outcome):
    check = check_outcome(outcome=outcome, on=TODAY, notes="", today=TODAY)
    assert check.problems == {"notes": "Say why, and how the risk is managed now"}
