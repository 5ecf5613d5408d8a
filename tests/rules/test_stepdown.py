"""The step-down gate (operating-model.md §10, failure F10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.stepdown import (
    BLOCK_CODES,
    StepDownConfig,
    StepDownInput,
    check_step_down,
)

D = date.fromisoformat
TODAY = D("2024-06-03")

READY = StepDownInput(
    as_of=TODAY,
    sentence_type="community_order",
    planned_interventions_complete=True,
    review_date=D("2024-05-28"),
    review_confirms_no_open_risk_actions=True,
)


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


def test_s10_step_down_allowed_when_interventions_done_and_review_confirms():
    result = check_step_down(READY)
    assert result.allowed and result.blocks == () and result.warnings == ()
    assert codes(result) == ["s10_stepdown_allowed"]
    assert "pull it back" in result.reasons[0].text


@pytest.mark.parametrize(
    ("change", "blocked_by"),
    [
        ({"planned_interventions_complete": False}, ("interventions_incomplete",)),
        ({"review_date": None}, ("no_review",)),
        ({"review_date": TODAY - timedelta(29)}, ("review_out_of_date",)),
        ({"review_confirms_no_open_risk_actions": False}, ("review_not_confirmed",)),
        ({"open_risk_management_actions": 2}, ("open_risk_management_actions",)),
        ({"open_domestic_abuse_actions": 1}, ("open_domestic_abuse_actions",)),
        ({"open_child_safeguarding_actions": 1}, ("open_child_safeguarding_actions",)),
        ({"review_date": None, "open_domestic_abuse_actions": 1,
          "open_child_safeguarding_actions": 3},
         ("no_review", "open_domestic_abuse_actions", "open_child_safeguarding_actions")),
    ],
)
def test_s10_step_down_blocked(change, blocked_by):
    result = check_step_down(replace(READY, **change))
    assert not result.allowed
    assert result.blocks == blocked_by
    assert [c.removeprefix("s10_stepdown_") for c in codes(result)] == list(blocked_by)
    assert all(reason.section == "operating-model.md §10" for reason in result.reasons)


def test_s10_review_exactly_28_days_old_is_still_current():
    assert check_step_down(replace(READY, review_date=TODAY - timedelta(28))).allowed


@pytest.mark.parametrize(
    ("sentence", "end", "warnings"),
    [
        ("licence", D("2025-06-03"), ("long_licence_remaining",)),  # the report's "until 2021"
        ("licence", D("2024-12-03"), ()),  # exactly 6 months
        ("licence", D("2024-12-04"), ("long_licence_remaining",)),
        ("licence", None, ("licence_end_unknown",)),
        ("community_order", D("2025-06-03"), ()),
        ("pss", D("2025-03-01"), ()),
    ],
)
def test_s10_step_down_warns_when_a_long_licence_remains(sentence, end, warnings):
    result = check_step_down(replace(READY, sentence_type=sentence, supervision_end=end))
    assert result.allowed  # a warning informs the decision; it does not block
    assert result.warnings == warnings
    assert result.reasons[0].code == "s10_stepdown_allowed"


def test_s10_step_down_figures_are_configuration():
    config = StepDownConfig(review_valid_days=7, long_period_months=3,
                            long_period_sentence_types=("licence", "pss"))
    case = replace(READY, sentence_type="pss", review_date=TODAY - timedelta(10),
                   supervision_end=D("2024-10-01"))
    result = check_step_down(case, config)
    assert result.blocks == ("review_out_of_date",)
    assert result.warnings == ("long_licence_remaining",)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sentence_type": "custody"}, "sentence_type"),
        ({"as_of": "2024-06-03"}, "as_of"),
        ({"planned_interventions_complete": None}, "planned_interventions_complete"),
        ({"open_domestic_abuse_actions": -1}, "open_domestic_abuse_actions"),
        ({"open_child_safeguarding_actions": True}, "open_child_safeguarding_actions"),
        ({"review_date": TODAY + timedelta(1)}, "review_date"),
        ({"supervision_end": "2025-01-01"}, "supervision_end"),
    ],
)
def test_s10_step_down_rejects_invalid_input(change, field):
    with pytest.raises(RuleInputError) as caught:
        check_step_down(replace(READY, **change))
    assert caught.value.field == field


cases = st.builds(
    StepDownInput,
    as_of=st.just(TODAY),
    sentence_type=st.sampled_from(["community_order", "sso", "licence", "pss"]),
    planned_interventions_complete=st.booleans(),
    review_date=st.one_of(st.none(), st.integers(0, 90).map(lambda d: TODAY - timedelta(d))),
    review_confirms_no_open_risk_actions=st.booleans(),
    open_risk_management_actions=st.integers(0, 3),
    open_domestic_abuse_actions=st.integers(0, 3),
    open_child_safeguarding_actions=st.integers(0, 3),
    supervision_end=st.one_of(st.none(), st.integers(0, 900).map(lambda d: TODAY + timedelta(d))),
)


@given(cases)
def test_s10_step_down_invariants(case):
    result = check_step_down(case)
    assert result.reasons
    assert result.allowed == (result.blocks == ())
    assert set(result.blocks) <= set(BLOCK_CODES)
    # never stepped down with open DA or child-safeguarding actions (F10)
    if case.open_domestic_abuse_actions or case.open_child_safeguarding_actions:
        assert not result.allowed
    if result.allowed:
        assert case.planned_interventions_complete and case.review_date is not None
        assert case.review_confirms_no_open_risk_actions
        assert case.open_risk_management_actions == 0
    # one reason per block, each named for it
    for code in result.blocks:
        assert f"s10_stepdown_{code}" in codes(result)


@pytest.mark.parametrize(("rosh", "blocked"), [(None, False), ("low", False), ("medium", False),
                                               ("high", True), ("very_high", True)])
def test_f10_risky_rosh_is_not_stepped_down(rosh, blocked):
    result = check_step_down(replace(READY, rosh=rosh))
    assert (result.blocks == ("rosh_too_high",)) is blocked
    assert result.allowed is not blocked


@pytest.mark.parametrize(("level", "blocked"), [(None, False), (1, False), (2, True), (3, True)])
def test_f10_mappa_2_or_3_is_not_stepped_down(level, blocked):
    result = check_step_down(replace(READY, mappa_level=level))
    assert (result.blocks == ("mappa_managed",)) is blocked


def test_f10_max_rosh_is_configuration():
    assert check_step_down(replace(READY, rosh="high"), StepDownConfig(max_rosh="high")).allowed
    with pytest.raises(RuleInputError):
        StepDownConfig(max_rosh="extreme")
    with pytest.raises(RuleInputError):
        check_step_down(replace(READY, rosh="extreme"))
