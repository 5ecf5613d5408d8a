"""The step-down gate (operating-model.md §10, F10): every boundary and word pinned.

Written against mutation testing (issue 25): the review 27, 28 and 29 days old; a review dated
the day checked and the day after (refused); the licence ending the day before, on and after the
six-month point; one open action and two; RoSH at and above the configured maximum; MAPPA 1 / 2 /
3; every reason in full and every input error in words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.stepdown import (
    BLOCK_CODES,
    DEFAULT_STEPDOWN,
    ROSH_LEVELS,
    ROSH_WORDS,
    S10,
    SENTENCE_TYPES,
    WARNING_CODES,
    StepDownConfig,
    StepDownDecision,
    StepDownInput,
    check_step_down,
)

DAY = timedelta(days=1)
AS_OF = date(2026, 12, 2)
SIX_MONTHS = date(2027, 6, 2)
ALLOWED = Reason("s10_stepdown_allowed", S10,
                 "Planned interventions are complete and a current review confirms no open "
                 "risk-management actions: the case may step down to reporting-centre, kiosk or "
                 "telephone reporting. The RO keeps responsibility and can pull it back.")


def case(**kw) -> StepDownInput:
    values = {"as_of": AS_OF, "sentence_type": "community_order",
              "planned_interventions_complete": True, "review_date": AS_OF,
              "review_confirms_no_open_risk_actions": True}
    return StepDownInput(**{**values, **kw})


def R(code: str, text: str) -> Reason:  # noqa: N802
    return Reason(f"s10_stepdown_{code}", S10, text)


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def test_the_constants_and_defaults():
    assert S10 == "operating-model.md §10"
    assert SENTENCE_TYPES == ("community_order", "sso", "licence", "pss")
    assert ROSH_LEVELS == ("low", "medium", "high", "very_high")
    assert ROSH_WORDS == {"low": "low", "medium": "medium", "high": "high",
                          "very_high": "very high"}
    assert BLOCK_CODES == ("interventions_incomplete", "no_review", "review_out_of_date",
                           "review_not_confirmed", "open_risk_management_actions",
                           "open_domestic_abuse_actions", "open_child_safeguarding_actions",
                           "rosh_too_high", "mappa_managed")
    assert WARNING_CODES == ("long_licence_remaining", "licence_end_unknown")
    assert DEFAULT_STEPDOWN == StepDownConfig(review_valid_days=28, long_period_months=6,
                                              long_period_sentence_types=("licence",),
                                              max_rosh="medium")
    c = case()
    assert (c.open_risk_management_actions, c.open_domestic_abuse_actions,
            c.open_child_safeguarding_actions, c.supervision_end, c.rosh, c.mappa_level) == (
        0, 0, 0, None, None, None)


def test_allowed_in_full():
    result = check_step_down(case())
    assert result == StepDownDecision(True, (), (), (ALLOWED,))
    assert result.as_dict() == {"allowed": True, "blocks": [], "warnings": [],
                                "reasons": [ALLOWED.as_dict()]}


@pytest.mark.parametrize(("age", "blocked"), [(27, False), (28, False), (29, True)])
def test_the_review_27_28_and_29_days_old(age, blocked):
    result = check_step_down(case(review_date=AS_OF - age * DAY))
    if blocked:
        assert result == StepDownDecision(False, ("review_out_of_date",), (), (R(
            "review_out_of_date", "The review of Tuesday 3 November 2026 is 29 days old (more "
                                  "than 28): review the case again before stepping it down."),))
    else:
        assert result.allowed


def test_every_block_at_once_in_full():
    result = check_step_down(case(planned_interventions_complete=False, review_date=None,
                                  open_risk_management_actions=1, open_domestic_abuse_actions=2,
                                  open_child_safeguarding_actions=1, rosh="high", mappa_level=2,
                                  sentence_type="licence"))
    assert result.allowed is False
    assert result.blocks == ("interventions_incomplete", "no_review",
                             "open_risk_management_actions", "open_domestic_abuse_actions",
                             "open_child_safeguarding_actions", "rosh_too_high", "mappa_managed")
    assert result.warnings == ("licence_end_unknown",)
    assert result.reasons == (
        R("interventions_incomplete",
          "The planned interventions are not complete: step-down comes after them."),
        R("no_review", "No review is recorded: step-down needs a review confirming there are no "
                       "open risk-management actions."),
        R("open_risk_management_actions",
          "1 risk-management action is still open: step-down waits until they are closed."),
        R("open_domestic_abuse_actions",
          "2 domestic abuse actions are still open: step-down is blocked while they are open."),
        R("open_child_safeguarding_actions",
          "1 child safeguarding action is still open: step-down is blocked while they are open."),
        R("rosh_too_high", "RoSH is high: a case above medium RoSH is not stepped down to "
                           "self-reporting."),
        R("mappa_managed", "The case is managed at MAPPA level 2: multi-agency management needs "
                           "the officer's direct contact, not self-reporting."),
        R("licence_end_unknown",
          "The licence end date is not recorded, so the period left cannot be checked."),
    )


def test_a_review_that_does_not_confirm_in_full():
    assert check_step_down(case(review_confirms_no_open_risk_actions=False)) == StepDownDecision(
        False, ("review_not_confirmed",), (), (R(
            "review_not_confirmed",
            "The review does not confirm that no risk-management actions are open."),))


@pytest.mark.parametrize(("rosh", "blocked"), [("low", False), ("medium", False), ("high", True),
                                               ("very_high", True)])
def test_rosh_at_and_above_medium(rosh, blocked):
    result = check_step_down(case(rosh=rosh))
    assert result.blocks == (("rosh_too_high",) if blocked else ())
    if rosh == "very_high":
        assert result.reasons[0].text == ("RoSH is very high: a case above medium RoSH is not "
                                          "stepped down to self-reporting.")


def test_the_highest_rosh_allowed_is_configuration():
    low = StepDownConfig(max_rosh="low")
    assert check_step_down(case(rosh="medium"), low).reasons[0].text == (
        "RoSH is medium: a case above low RoSH is not stepped down to self-reporting.")
    assert check_step_down(case(rosh="low"), low).allowed
    assert check_step_down(case(rosh="very_high"), StepDownConfig(max_rosh="very_high")).allowed


@pytest.mark.parametrize(("level", "blocked"), [(None, False), (1, False), (2, True), (3, True)])
def test_mappa_levels(level, blocked):
    result = check_step_down(case(mappa_level=level))
    assert result.blocks == (("mappa_managed",) if blocked else ())
    if level == 3:
        assert "managed at MAPPA level 3:" in result.reasons[0].text


@pytest.mark.parametrize(("end", "warned"), [(SIX_MONTHS - DAY, False), (SIX_MONTHS, False),
                                             (SIX_MONTHS + DAY, True)])
def test_the_licence_ending_before_on_and_after_six_months(end, warned):
    result = check_step_down(case(sentence_type="licence", supervision_end=end))
    assert result.allowed is True
    if warned:
        assert result == StepDownDecision(True, (), ("long_licence_remaining",), (ALLOWED, R(
            "long_licence_remaining",
            "The licence runs until Thursday 3 June 2027, more than 6 months away: consider "
            "whether self-reporting gives the oversight the licence needs."),))
    else:
        assert result == StepDownDecision(True, (), (), (ALLOWED,))


def test_only_licences_are_checked_for_the_period_left_unless_configured():
    assert check_step_down(case(sentence_type="pss")).warnings == ()
    assert check_step_down(case(sentence_type="pss", supervision_end=date(2030, 1, 1))) \
        .warnings == ()
    config = StepDownConfig(long_period_sentence_types=("pss",), long_period_months=1,
                            review_valid_days=0)
    result = check_step_down(case(sentence_type="pss", supervision_end=date(2027, 1, 3)), config)
    assert result.warnings == ("long_licence_remaining",)
    assert "more than 1 month away" in result.reasons[-1].text  # "1 months" before ADR 0016
    assert check_step_down(case(review_date=AS_OF - DAY), config).blocks == (
        "review_out_of_date",)
    assert check_step_down(case(review_date=AS_OF), config).allowed


def test_config_errors_in_words():
    assert _error(lambda: StepDownConfig(max_rosh="extreme")) == {
        "field": "max_rosh", "message": "must be one of low, medium, high, very_high"}
    for name in ("review_valid_days", "long_period_months"):
        for bad in (-1, True, 1.5):
            assert _error(lambda name=name, bad=bad: StepDownConfig(**{name: bad})) == {
                "field": name, "message": "must be a whole number, 0 or more"}
    assert _error(lambda: StepDownConfig(long_period_sentence_types=("licence", "custody",
                                                                     "caution"))) == {
        "field": "long_period_sentence_types", "message": "unknown: ['caution', 'custody']"}


def test_input_errors_in_words():
    def err(**kw):
        return _error(lambda: check_step_down(case(**kw)))

    assert err(sentence_type="custody") == {
        "field": "sentence_type",
        "message": "must be one of community_order, sso, licence, pss (a case in custody is not "
                   "stepped down), not 'custody'"}
    assert err(as_of=datetime(2026, 12, 2, 9)) == {"field": "as_of",
                                                   "message": "must be a date (YYYY-MM-DD)"}
    for name in ("planned_interventions_complete", "review_confirms_no_open_risk_actions"):
        assert err(**{name: 1}) == {"field": name, "message": "must be true or false"}
    for name in ("open_risk_management_actions", "open_domestic_abuse_actions",
                 "open_child_safeguarding_actions"):
        for bad in (-1, True, 1.0):
            assert err(**{name: bad}) == {"field": name, "message": "must be a count, 0 or more"}
    assert err(review_date="2026-12-01") == {"field": "review_date",
                                             "message": "must be a date or null"}
    assert err(review_date=AS_OF + DAY) == {"field": "review_date",
                                            "message": "cannot be after the date checked"}
    assert err(supervision_end="2027-01-01") == {"field": "supervision_end",
                                                 "message": "must be a date or null"}
    assert err(rosh="extreme") == {"field": "rosh",
                                   "message": "must be one of low, medium, high, very_high or null"}
    for bad in (0, 4, True):
        assert err(mappa_level=bad) == {"field": "mappa_level", "message": "must be 1, 2, 3 or null"}


def test_a_default_config_is_used_when_none_is_given():
    assert check_step_down(case(), replace(DEFAULT_STEPDOWN)) == check_step_down(case())
