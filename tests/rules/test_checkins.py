"""Check-in eligibility, PIN lock-out and exceptions (operating-model.md §10, §7)."""

from __future__ import annotations

import pytest

from desist.rules.checkins import (
    MAX_PIN_ATTEMPTS,
    EligibilityInput,
    check_in_eligibility,
    exceptions,
    pin_state,
)
from desist.rules.errors import RuleInputError

OK = EligibilityInput(rosh="medium", mappa_level=None, flags=frozenset())


def test_s10_eligible_case():
    result = check_in_eligibility(OK)
    assert result.eligible and result.reasons[0].code == "s10_checkin_eligible"


@pytest.mark.parametrize(("rosh", "eligible"), [("low", True), ("medium", True),
                                                ("high", True), ("very_high", False)])
def test_s10_very_high_rosh_is_excluded(rosh, eligible):
    assert check_in_eligibility(EligibilityInput(rosh, None, frozenset())).eligible is eligible


@pytest.mark.parametrize(("level", "eligible"), [(None, True), (1, True), (2, False),
                                                 (3, False)])
def test_s10_mappa_2_and_3_excluded(level, eligible):
    assert check_in_eligibility(EligibilityInput("low", level, frozenset())).eligible is eligible


@pytest.mark.parametrize(("flag", "code"), [
    ("child_protection_plan", "child_protection_concern"),
    ("child_concern", "child_protection_concern"),
    ("domestic_abuse", "domestic_abuse_concern"),
    ("domestic_abuse_victim", "domestic_abuse_concern"),
])
def test_s10_open_child_or_da_concern_excluded(flag, code):
    result = check_in_eligibility(EligibilityInput("low", None, frozenset({flag})))
    assert not result.eligible and result.blocks == (code,)
    assert result.reasons[0].section == "operating-model.md §7"


def test_s10_sexual_offence_needs_senior_approval():
    refused = check_in_eligibility(EligibilityInput("low", None, frozenset({"sex_offender"})))
    assert refused.blocks == ("sexual_offence",)
    approved = check_in_eligibility(EligibilityInput("low", None, frozenset({"sex_offender"}),
                                                     senior_approved=True))
    assert approved.eligible
    assert "s10_checkin_senior_approved" in [r.code for r in approved.reasons]
    # approval does not lift the other exclusions
    assert not check_in_eligibility(EligibilityInput("very_high", None,
                                                     frozenset({"sex_offender"}), True)).eligible


def test_s10_invalid_input():
    with pytest.raises(RuleInputError):
        check_in_eligibility(EligibilityInput("extreme", None, frozenset()))
    with pytest.raises(RuleInputError):
        check_in_eligibility(EligibilityInput("low", 4, frozenset()))


@pytest.mark.parametrize(("failed", "locked", "left"), [(0, False, 5), (4, False, 1),
                                                        (5, True, 0), (6, True, 0)])
def test_s10_five_wrong_pins_lock(failed, locked, left):
    state = pin_state(failed)
    assert state.locked is locked and state.attempts_left == left
    assert MAX_PIN_ATTEMPTS == 5


def test_s10_answers_needing_attention():
    found = exceptions({"address_changed": True, "work_changed": False,
                        "wants_to_speak": True})
    assert [r.code for r in found] == ["s10_checkin_address_changed",
                                       "s10_checkin_wants_to_speak"]
    assert exceptions({}) == ()
    with pytest.raises(RuleInputError):
        exceptions({"favourite_colour": True})
