"""Risk escalation to the NPS (operating-model.md §2, F18): reconciled with the current RoSH,
and a structured outcome (issue 12, item 10)."""

from __future__ import annotations

from datetime import date

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.escalation import (
    KEEP,
    REPLACE,
    RESOLVE,
    RoshAssessment,
    check_outcome,
    reconcile,
)

RAISED = RoshAssessment("high", date(2026, 11, 2))
TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("current", "action", "code"),
    [
        (RoshAssessment("medium", date(2026, 11, 20)), RESOLVE, "s2_escalation_no_longer_needed"),
        (RoshAssessment("low", date(2026, 11, 20)), RESOLVE, "s2_escalation_no_longer_needed"),
        (RoshAssessment("", None), RESOLVE, "s2_escalation_no_longer_needed"),
        (RoshAssessment("very_high", date(2026, 11, 20)), REPLACE, "s2_escalation_updated"),
        (RoshAssessment("high", date(2026, 11, 20)), REPLACE, "s2_escalation_updated"),
        (RoshAssessment("very_high", date(2026, 11, 2)), REPLACE, "s2_escalation_updated"),
        (RAISED, KEEP, "s2_escalation_stands"),
    ],
)
def test_s2_open_escalation_follows_the_current_rosh(current, action, code):
    result = reconcile(RAISED, current)
    assert result.action == action
    assert [r.code for r in result.reasons] == [code]
    assert all(r.section == "operating-model.md §2" for r in result.reasons)


def test_s2_resolved_escalation_says_why_in_words():
    text = reconcile(RAISED, RoshAssessment("medium", date(2026, 11, 20))).text
    assert "RoSH is now medium (assessed on Friday 20 November 2026)" in text
    assert "raised for RoSH high (assessed on Monday 2 November 2026)" in text


def test_s2_outcome_referred_reads_with_its_date():
    check = check_outcome(outcome="referred", on=date(2026, 12, 1), notes="", today=TODAY)
    assert check.ok
    assert check.text == "Referred to the NPS on Tuesday 1 December 2026."


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"outcome": "maybe", "on": TODAY, "notes": ""}, "outcome"),
        ({"outcome": "referred", "on": None, "notes": ""}, "on"),
        ({"outcome": "referred", "on": date(2026, 12, 3), "notes": ""}, "on"),
        ({"outcome": "referred", "on": date(2026, 11, 1), "notes": "", "raised_on": date(2026, 11, 2)},
         "on"),
        ({"outcome": "nps_declined", "on": TODAY, "notes": " "}, "notes"),
        ({"outcome": "not_escalated", "on": TODAY, "notes": ""}, "notes"),
    ],
)
def test_s2_outcome_refused_names_the_field(kwargs, field):
    check = check_outcome(today=TODAY, **kwargs)
    assert not check.ok and field in check.problems and check.text == ""


def test_bad_rosh_level_is_refused():
    with pytest.raises(RuleInputError):
        RoshAssessment("extreme", None)
