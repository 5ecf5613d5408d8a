"""Insight rules (§17): targets, timeliness, outcomes, delivery and suppression at their edges."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules import insight as rules
from desist.rules.errors import RuleInputError

D = dt.date


def test_default_targets_are_the_operating_model_examples():
    assert rules.DEFAULT_TARGETS == {"co_sso_completion": 75, "licence_pss_completion": 65,
                                     "upw_completion": 90, "resettlement_on_time": 95}


@pytest.mark.parametrize(("met", "meets"), [(74, False), (75, True), (76, True)])
def test_against_target_at_the_boundary(met, meets):
    result = rules.against_target("co_sso_completion", met, 100)
    assert result.percent == met and result.meets_target is meets
    assert result.reasons[0].section == "operating-model.md §17"


def test_against_a_configured_target_and_nothing_due():
    assert rules.against_target("upw_completion", 8, 10, target=80).meets_target is True
    empty = rules.against_target("upw_completion", 0, 0)
    assert empty.percent is None and empty.meets_target is None
    with pytest.raises(RuleInputError):
        rules.against_target("upw_completion", 1, 1, target=101)
    with pytest.raises(RuleInputError):
        rules.percent(3, 2)


@pytest.mark.parametrize(("done", "status", "days"), [
    (D(2026, 3, 9), rules.ON_TIME, 5),    # the day before the due date
    (D(2026, 3, 10), rules.ON_TIME, 6),   # on the due date: still in time
    (D(2026, 3, 11), rules.LATE, 7),      # the day after
])
def test_timeliness_day_before_of_and_after_due(done, status, days):
    t = rules.timeliness("plan", D(2026, 3, 2), D(2026, 3, 10), done, today=D(2026, 4, 1))
    assert t.status == status and t.counted
    assert t.working_days == days  # Monday 2 March onward, the weekend not counted


def test_timeliness_not_done_is_pending_until_due_then_overdue():
    due = D(2026, 3, 10)
    assert rules.timeliness("review", D(2026, 3, 2), due, None, today=due).status == rules.PENDING
    late = rules.timeliness("review", D(2026, 3, 2), due, None, today=D(2026, 3, 11))
    assert late.status == rules.OVERDUE and late.counted and not late.on_time


def test_working_days_skip_weekends_and_bank_holidays():
    # Thursday 2 April 2026 to Tuesday 7 April: Good Friday and Easter Monday are not counted.
    t = rules.timeliness("assignment", D(2026, 4, 2), D(2026, 4, 3), D(2026, 4, 7), D(2026, 5, 1))
    assert t.working_days == 1 and t.status == rules.LATE


def test_median():
    assert rules.median([]) is None
    assert rules.median([5, 1, 3]) == 3
    assert rules.median([4, 1, 3, 2]) == 2.5


@pytest.mark.parametrize("values", [[], [7], [5, 1, 3], [4, 1, 3, 2], [2, 2, 2, 9],
                                    [0, 0, 1, 1, 1, 30], [3, 3, 8, 8]])
def test_median_of_counts_is_the_median_of_the_values_listed_out(values):
    from collections import Counter

    assert rules.median_of_counts(dict(Counter(values))) == rules.median(values)


def test_median_of_counts_refuses_a_negative_count():
    with pytest.raises(RuleInputError):
        rules.median_of_counts({3: -1})


@pytest.mark.parametrize(("today", "outcome"), [
    (D(2026, 5, 31), rules.ONGOING), (D(2026, 6, 1), rules.SUCCESSFUL),
    (D(2026, 6, 2), rules.SUCCESSFUL)])
def test_sentence_outcome_at_its_end(today, outcome):
    result = rules.sentence_outcome(end=D(2026, 6, 1), terminated_on=None, breach_outcomes=(),
                                    today=today)
    assert result.outcome == outcome


def test_terminated_revoked_or_recalled_is_unsuccessful():
    early = rules.sentence_outcome(end=D(2026, 6, 1), terminated_on=D(2026, 2, 1),
                                   breach_outcomes=(), today=D(2026, 3, 1))
    assert (early.outcome, early.ended_on) == (rules.UNSUCCESSFUL, D(2026, 2, 1))
    revoked = rules.sentence_outcome(end=D(2026, 6, 1), terminated_on=None,
                                     breach_outcomes=["accepted", "revoked"], today=D(2026, 7, 1))
    assert revoked.outcome == rules.UNSUCCESSFUL


def test_need_delivered_needs_the_plan_and_an_intervention():
    assert not rules.need_delivered(addressed_in_plan=False, interventions_delivered=3).delivered
    assert not rules.need_delivered(addressed_in_plan=True, interventions_delivered=0).delivered
    yes = rules.need_delivered(addressed_in_plan=True, interventions_delivered=1)
    assert yes.delivered and yes.reasons[0].code == "s17_need_delivered"


@pytest.mark.parametrize(("count", "total", "suppressed"), [
    (0, 10, False), (4, 10, True), (5, 10, False), (3, 4, True), (0, 4, True), (5, 5, False)])
def test_suppression_below_five(count, total, suppressed):
    shown = rules.suppress(count, total)
    assert shown.suppressed is suppressed
    assert (shown.count is None) is suppressed
    if not suppressed:
        assert shown.rate == rules.percent(count, total)
