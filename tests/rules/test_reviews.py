"""Review due dates, the stale-check gate and the unadjusted-risk flag (operating-model.md §14,
§7; failure F9)."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.planning import CHILDRENS_SOCIAL_CARE, POLICE_DA
from desist.rules.reviews import (
    ReviewConfig,
    ReviewFacts,
    SignificantEvent,
    review_check_gate,
    review_due,
    risk_rose,
    unadjusted_risk_flag,
)

D = dt.date.fromisoformat
LAST = D("2026-01-05")


@pytest.mark.parametrize(("band", "days"), [("red", 42), ("blue", 42), ("yellow", 84),
                                            ("green", 182), (None, 84)])
def test_s14_interval_by_band(band, days):
    due = LAST + dt.timedelta(days)
    before = review_due(ReviewFacts(due - dt.timedelta(1), band, LAST, True))
    on = review_due(ReviewFacts(due, band, LAST, True))
    after = review_due(ReviewFacts(due + dt.timedelta(1), band, LAST, True))
    assert before.due_on == on.due_on == after.due_on == due
    assert not before.overdue and not on.overdue
    assert after.overdue and after.days_overdue == 1
    assert after.reasons[-1].code == "s14_review_overdue"
    assert all(r.section == "operating-model.md §14" for r in on.reasons)


def test_s14_intervals_are_configuration():
    config = ReviewConfig(interval_days={"red": 14}, unbanded_days=30, event_days=3)
    assert review_due(ReviewFacts(LAST, "red", LAST), config).due_on == LAST + dt.timedelta(14)
    assert review_due(ReviewFacts(LAST, "green", LAST), config).due_on == LAST + dt.timedelta(30)
    with pytest.raises(RuleInputError):
        ReviewConfig(interval_days={"purple": 10})
    with pytest.raises(RuleInputError):
        ReviewConfig(interval_days={"red": 0})


@pytest.mark.parametrize("kind", ["rosh_change", "new_registration", "breach", "arrest",
                                  "change_of_address"])
def test_s14_significant_event_brings_the_review_forward(kind):
    event = SignificantEvent(kind, LAST + dt.timedelta(5))
    due = review_due(ReviewFacts(LAST + dt.timedelta(15), "green", LAST, True, (event,)))
    assert due.due_on == LAST + dt.timedelta(15) and due.trigger == kind
    assert not due.overdue
    late = review_due(ReviewFacts(LAST + dt.timedelta(16), "green", LAST, True, (event,)))
    assert late.overdue and late.days_overdue == 1
    assert f"s14_review_after_{kind}" in [r.code for r in late.reasons]


def test_s14_event_on_the_review_day_is_covered_by_it_but_the_day_after_is_not():
    same_day = SignificantEvent("arrest", LAST)
    assert review_due(ReviewFacts(LAST, "red", LAST, True, (same_day,))).trigger == "interval"
    next_day = SignificantEvent("arrest", LAST + dt.timedelta(1))
    assert review_due(ReviewFacts(LAST, "red", LAST, True, (next_day,))).trigger == "arrest"


def test_s14_event_before_supervision_start_counts_when_never_reviewed():
    event = SignificantEvent("breach", LAST)
    due = review_due(ReviewFacts(LAST, "green", LAST, False, (event,)))
    assert due.due_on == LAST + dt.timedelta(10)


def test_s14_event_later_than_interval_does_not_push_the_review_back():
    event = SignificantEvent("breach", LAST + dt.timedelta(40))
    due = review_due(ReviewFacts(LAST, "red", LAST, True, (event,)))
    assert due.due_on == LAST + dt.timedelta(42) and due.trigger == "interval"


def test_s14_invalid_input():
    with pytest.raises(RuleInputError):
        review_due(ReviewFacts(LAST, "purple", LAST))
    with pytest.raises(RuleInputError):
        review_due(ReviewFacts(LAST, "red", LAST, True, (SignificantEvent("party", LAST),)))


@pytest.mark.parametrize(("age", "blocked"), [(91, False), (92, True)])
def test_f9_review_of_child_flagged_case_with_stale_check_is_blocked(age, blocked):
    today = D("2026-06-01")
    dates = {CHILDRENS_SOCIAL_CARE: today - dt.timedelta(age), POLICE_DA: None}
    blockers = review_check_gate({"child_concern"}, dates, today)
    assert bool(blockers) is blocked
    if blocked:
        assert blockers[0].code == "s7_check_stale"
        assert "§14" in blockers[0].text and blockers[0].section == "operating-model.md §7"


def test_f9_da_case_needs_both_checks_and_unflagged_case_needs_none():
    today = D("2026-06-01")
    blockers = review_check_gate({"domestic_abuse"}, {}, today)
    assert [b.code for b in blockers] == ["s7_check_missing", "s7_check_missing"]
    assert review_check_gate(set(), {}, today) == ()


@pytest.mark.parametrize(("before", "after", "rose"), [
    ("low", "medium", True), ("medium", "medium", False), ("high", "medium", False),
    (None, "high", False), ("medium", "very_high", True)])
def test_s14_risk_rose(before, after, rose):
    assert risk_rose(before, after) is rose


def test_s14_risk_rose_without_adjustment_is_flagged():
    flag = unadjusted_risk_flag("low", "medium", adjusted=False)
    assert flag.code == "s14_risk_rose_not_adjusted" and "low to medium" in flag.text
    assert unadjusted_risk_flag("low", "medium", adjusted=True) is None
    assert unadjusted_risk_flag("medium", "medium", adjusted=False) is None
    assert unadjusted_risk_flag("medium", "medium", adjusted=False, risk_increased=True)
