"""Self-reporting check-ins (operating-model.md §10, §7): every boundary and word pinned.

Written against mutation testing (issue 25): RoSH high and very high; MAPPA 1 / 2 / 3; four,
five and six wrong PINs (and a configured maximum); every exclusion's reason in full, each
question's words and every input error in words.
"""

from __future__ import annotations

import pytest

from desist.rules.checkins import (
    CHILD_PROTECTION_FLAGS,
    DA_FLAGS,
    MAX_PIN_ATTEMPTS,
    QUESTION_WORDS,
    QUESTIONS,
    ROSH_LEVELS,
    S7,
    S10,
    SEXUAL_OFFENCE_FLAGS,
    Eligibility,
    EligibilityInput,
    PinState,
    check_in_eligibility,
    exceptions,
    flags_of,
    pin_state,
)
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

ELIGIBLE = Reason("s10_checkin_eligible", S10,
                  "The person may check in at the kiosk or online; what they report that needs "
                  "attention goes to the officer.")


def person(rosh="low", mappa=None, flags=(), approved=False) -> EligibilityInput:
    return EligibilityInput(rosh, mappa, frozenset(flags), approved)


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def test_the_constants():
    assert (S7, S10) == ("operating-model.md §7", "operating-model.md §10")
    assert ROSH_LEVELS == ("low", "medium", "high", "very_high")
    assert CHILD_PROTECTION_FLAGS == {"child_protection_plan", "child_concern", "child_in_need"}
    assert DA_FLAGS == {"domestic_abuse", "domestic_abuse_victim"}
    assert SEXUAL_OFFENCE_FLAGS == {"sex_offender", "visor"}
    assert MAX_PIN_ATTEMPTS == 5
    assert QUESTIONS == ("address_changed", "work_changed", "health_changed",
                         "circumstances_changed", "wants_to_speak")
    assert QUESTION_WORDS == {
        "address_changed": "Their address has changed",
        "work_changed": "Their work has changed",
        "health_changed": "Their health has changed",
        "circumstances_changed": "Something else in their circumstances has changed",
        "wants_to_speak": "They want to speak to their officer"}
    assert EligibilityInput("low", None, frozenset()).senior_approved is False
    assert flags_of(["iom", "iom", "mappa"]) == frozenset({"iom", "mappa"})


def test_eligible_in_full():
    result = check_in_eligibility(person(rosh=None, flags={"iom"}))
    assert result == Eligibility(True, (), (ELIGIBLE,))
    assert result.as_dict() == {"eligible": True, "blocks": [], "reasons": [ELIGIBLE.as_dict()]}


@pytest.mark.parametrize(("rosh", "eligible"), [("low", True), ("medium", True), ("high", True),
                                                ("very_high", False)])
def test_rosh_high_may_very_high_may_not(rosh, eligible):
    assert check_in_eligibility(person(rosh=rosh)).eligible is eligible


@pytest.mark.parametrize(("level", "eligible"), [(None, True), (1, True), (2, False),
                                                 (3, False)])
def test_mappa_levels(level, eligible):
    result = check_in_eligibility(person(mappa=level))
    assert result.eligible is eligible
    if not eligible:
        assert result.reasons == (Reason(
            "s10_checkin_mappa_level", S7,
            f"Managed at MAPPA level {level}: multi-agency management needs the officer's "
            "direct contact."),)


def test_every_exclusion_at_once_in_full():
    result = check_in_eligibility(person("very_high", 3, {"child_in_need",
                                                          "domestic_abuse_victim", "visor"}))
    assert result == Eligibility(False, ("very_high_rosh", "mappa_level",
                                         "child_protection_concern", "domestic_abuse_concern",
                                         "sexual_offence"), (
        Reason("s10_checkin_very_high_rosh", S7,
               "RoSH is very high: the officer must see the person, not a kiosk or an online "
               "form."),
        Reason("s10_checkin_mappa_level", S7,
               "Managed at MAPPA level 3: multi-agency management needs the officer's direct "
               "contact."),
        Reason("s10_checkin_child_protection_concern", S7,
               "A child-protection concern is open on the case: self-reporting is not safe "
               "while it is."),
        Reason("s10_checkin_domestic_abuse_concern", S7,
               "A domestic-abuse concern is open on the case: self-reporting is not safe while "
               "it is."),
        Reason("s10_checkin_sexual_offence", S10,
               "Sexual offence: self-reporting needs a senior officer's approval, and none is "
               "recorded."),
    ))
    assert result.as_dict()["blocks"] == list(result.blocks)


@pytest.mark.parametrize("flag", ["child_protection_plan", "child_concern", "domestic_abuse"])
def test_each_concern_flag_excludes(flag):
    assert not check_in_eligibility(person(flags={flag})).eligible


def test_a_sexual_offence_with_senior_approval_in_full():
    approved = Reason("s10_checkin_senior_approved", S10,
                      "Sexual offence: a senior officer approved self-reporting for this person.")
    assert check_in_eligibility(person(flags={"sex_offender"}, approved=True)) == Eligibility(
        True, (), (ELIGIBLE, approved))
    # approval lifts only the sexual-offence exclusion
    other = check_in_eligibility(person(mappa=2, flags={"sex_offender"}, approved=True))
    assert other.blocks == ("mappa_level",)
    assert other.reasons[1] == approved


def test_eligibility_input_errors_in_words():
    assert _error(lambda: check_in_eligibility(person(rosh="extreme"))) == {
        "field": "rosh", "message": "must be one of low, medium, high, very_high or null"}
    for bad in (0, 4, True):
        assert _error(lambda bad=bad: check_in_eligibility(person(mappa=bad))) == {
            "field": "mappa_level", "message": "must be 1, 2, 3 or null"}
    assert _error(lambda: check_in_eligibility(person(approved=1))) == {
        "field": "senior_approved", "message": "must be true or false"}


# --- PIN lock-out ---------------------------------------------------------------------------


LOCKED = Reason("s10_checkin_locked", S10,
                "5 wrong PINs were entered: check-in is locked until the officer unlocks it.")


@pytest.mark.parametrize(("failed", "state"), [
    (0, PinState(False, 5, ())), (4, PinState(False, 1, ())), (5, PinState(True, 0, (LOCKED,))),
    (6, PinState(True, 0, (LOCKED,)))])
def test_four_five_and_six_wrong_pins(failed, state):
    assert pin_state(failed) == state


def test_the_maximum_is_configuration():
    assert pin_state(2, max_attempts=3) == PinState(False, 1, ())
    assert pin_state(3, max_attempts=3).reasons[0].text == (
        "3 wrong PINs were entered: check-in is locked until the officer unlocks it.")


def test_pin_input_errors_in_words():
    for bad in (-1, True, 1.0):
        assert _error(lambda bad=bad: pin_state(bad)) == {
            "field": "failed_attempts", "message": "must be a count, 0 or more"}


# --- answers for the officer ----------------------------------------------------------------


def test_each_yes_is_an_exception_in_question_order():
    answers = {"wants_to_speak": True, "address_changed": True, "work_changed": False,
               "health_changed": True, "circumstances_changed": True}
    assert exceptions(answers) == (
        Reason("s10_checkin_address_changed", S10, "Their address has changed."),
        Reason("s10_checkin_health_changed", S10, "Their health has changed."),
        Reason("s10_checkin_circumstances_changed", S10,
               "Something else in their circumstances has changed."),
        Reason("s10_checkin_wants_to_speak", S10, "They want to speak to their officer."),
    )
    assert exceptions({"work_changed": True}) == (
        Reason("s10_checkin_work_changed", S10, "Their work has changed."),)
    assert exceptions({"work_changed": "yes"}) == ()
    assert exceptions({}) == ()


def test_an_unknown_question_is_refused():
    assert _error(lambda: exceptions({"pets": True, "cars": False})) == {
        "field": "answers", "message": "unknown questions: ['cars', 'pets']"}
