"""Boundaries of the insight rules (operating-model.md §17), pinned exactly.

Written against mutation testing (issue 25): whole results with their reasons (codes, sections,
numbers and dates), each target on both sides (the default and a configured one, 0 and 100),
the due date the day before, of and after (done or not), the sentence's end, the suppression
threshold (4, 5) and every input error through ``RuleInputError.as_dict()``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules import insight as rules
from desist.rules import timescales
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

D = dt.date
S17 = "operating-model.md §17"


def error_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        call(*args, **kwargs)
    return error.value.as_dict()


# --- percentages and targets -----------------------------------------------------------------

def test_percent_to_one_place():
    assert rules.percent(0, 0) is None
    assert rules.percent(0, 3) == 0.0
    assert rules.percent(1, 3) == 33.3
    assert rules.percent(2, 3) == 66.7
    assert rules.percent(3, 3) == 100.0


@pytest.mark.parametrize(("met", "total", "error"), [
    (-1, 3, {"field": "met", "message": "must be a whole number, 0 or more"}),
    (True, 3, {"field": "met", "message": "must be a whole number, 0 or more"}),
    (1.0, 3, {"field": "met", "message": "must be a whole number, 0 or more"}),
    (1, -1, {"field": "total", "message": "must be a whole number, 0 or more"}),
    (1, False, {"field": "total", "message": "must be a whole number, 0 or more"}),
    (4, 3, {"field": "met", "message": "cannot be more than the total"}),
])
def test_percent_refuses(met, total, error):
    assert error_of(rules.percent, met, total) == error


@pytest.mark.parametrize(("measure", "target"), [
    ("co_sso_completion", 75), ("licence_pss_completion", 65), ("upw_completion", 90),
    ("resettlement_on_time", 95)])
def test_each_default_target_on_both_sides(measure, target):
    what = rules.SERVICE_LEVEL_TEXT[measure]
    below = rules.against_target(measure, target - 1, 100)
    assert below == rules.Percentage(target - 1, 100, float(target - 1), target, False, (Reason(
        f"s17_{measure}_missed", S17,
        f"{target - 1} of 100 {what} ({float(target - 1)}%) is below the target of {target}%"),))
    at = rules.against_target(measure, target, 100)
    assert at == rules.Percentage(target, 100, float(target), target, True, (Reason(
        f"s17_{measure}_met", S17,
        f"{target} of 100 {what} ({float(target)}%) meets the target of {target}%"),))


def test_the_service_level_words():
    assert rules.SERVICE_LEVELS == ("co_sso_completion", "licence_pss_completion",
                                    "upw_completion", "resettlement_on_time")
    assert rules.SERVICE_LEVEL_TEXT == {
        "co_sso_completion": "community orders and suspended sentence orders completed "
                             "successfully",
        "licence_pss_completion": "licences and post-sentence supervision completed successfully",
        "upw_completion": "unpaid work requirements completed",
        "resettlement_on_time": "resettlement plans completed on time",
    }


@pytest.mark.parametrize(("target", "meets"), [(0, True), (67, False), (66, True), (100, False)])
def test_a_configured_target_replaces_the_default(target, meets):
    result = rules.against_target("upw_completion", 2, 3, target=target)
    assert (result.percent, result.target, result.meets_target) == (66.7, target, meets)


def test_a_target_of_100_is_met_only_by_every_case():
    assert rules.against_target("upw_completion", 3, 3, target=100).meets_target is True


def test_nothing_due_is_not_measured():
    assert rules.against_target("resettlement_on_time", 0, 0) == rules.Percentage(
        0, 0, None, 95, None, (Reason(
            "s17_resettlement_on_time_none", S17,
            "No cases were due in the period: resettlement plans completed on time is not "
            "measured"),))


@pytest.mark.parametrize(("args", "error"), [
    (("nothing", 1, 1), {"field": "measure", "message": "is not a service level: 'nothing'"}),
    (("upw_completion", 1, 1, -1),
     {"field": "target", "message": "must be a whole percentage from 0 to 100"}),
    (("upw_completion", 1, 1, 101),
     {"field": "target", "message": "must be a whole percentage from 0 to 100"}),
    (("upw_completion", 1, 1, True),
     {"field": "target", "message": "must be a whole percentage from 0 to 100"}),
    (("upw_completion", 1, 1, 90.0),
     {"field": "target", "message": "must be a whole percentage from 0 to 100"}),
    (("upw_completion", 2, 1), {"field": "met", "message": "cannot be more than the total"}),
])
def test_against_target_refuses(args, error):
    assert error_of(rules.against_target, *args) == error


@pytest.mark.parametrize("value", [0, 1, 99, 100])
def test_validate_target_accepts_0_to_100(value):
    assert rules.validate_target(value) == value


@pytest.mark.parametrize("value", [-1, 101, True, False, 50.0, "50", None])
def test_validate_target_refuses_the_rest(value):
    assert error_of(rules.validate_target, value) == {
        "field": "target", "message": "must be a whole percentage from 0 to 100"}


# --- timeliness ------------------------------------------------------------------------------

START, DUE = D(2026, 3, 2), D(2026, 3, 10)  # Monday, and the Tuesday of the next week
SOURCE = "operating-model.md §8 (initial plan within 15 working days)"


@pytest.mark.parametrize(("done", "status", "days", "code", "text"), [
    (D(2026, 3, 9), rules.ON_TIME, 5, "s17_plan_on_time",
     "Done on 2026-03-09, by the due date 2026-03-10"),
    (D(2026, 3, 10), rules.ON_TIME, 6, "s17_plan_on_time",
     "Done on 2026-03-10, by the due date 2026-03-10"),
    (D(2026, 3, 11), rules.LATE, 7, "s17_plan_late",
     "Done on 2026-03-11, after the due date 2026-03-10"),
])
def test_done_the_day_before_of_and_after_the_due_date(done, status, days, code, text):
    result = rules.timeliness("plan", START, DUE, done, today=D(2026, 3, 1))
    assert result == rules.Timeliness("plan", START, DUE, done, status, days,
                                      (Reason(code, SOURCE, text),))
    assert result.counted is True
    assert result.on_time is (status == rules.ON_TIME)


@pytest.mark.parametrize(("today", "status", "code", "text", "counted"), [
    (D(2026, 3, 9), rules.PENDING, "s17_plan_pending", "Not yet due: due on 2026-03-10", False),
    (D(2026, 3, 10), rules.PENDING, "s17_plan_pending", "Not yet due: due on 2026-03-10", False),
    (D(2026, 3, 11), rules.OVERDUE, "s17_plan_overdue", "Not done and due on 2026-03-10", True),
])
def test_not_done_the_day_before_of_and_after_the_due_date(today, status, code, text, counted):
    result = rules.timeliness("plan", START, DUE, None, today=today)
    assert result == rules.Timeliness("plan", START, DUE, None, status, None,
                                      (Reason(code, SOURCE, text),))
    assert result.counted is counted and result.on_time is False


def test_done_before_it_started_counts_no_working_days():
    result = rules.timeliness("review", START, DUE, D(2026, 2, 27), today=D(2026, 3, 1))
    assert (result.status, result.working_days) == (rules.ON_TIME, 0)
    same_day = rules.timeliness("review", START, DUE, START, today=D(2026, 3, 1))
    assert same_day.working_days == 0


def test_a_given_calendar_is_used_for_the_working_days():
    holiday = timescales.WorkingCalendar([D(2026, 3, 3)])
    result = rules.timeliness("assignment", START, DUE, D(2026, 3, 4), today=START,
                              calendar=holiday)
    assert result.working_days == 1
    assert result.reasons[0].section == (
        "operating-model.md §3 (assignment within 1 working day of arrival)")


def test_every_timeliness_measure_cites_its_section():
    assert rules.TIMELINESS == ("assignment", "first_appointment", "induction", "plan",
                                "review", "breach_action")
    for measure in rules.TIMELINESS:
        result = rules.timeliness(measure, START, DUE, DUE, today=DUE)
        assert result.reasons[0].section == rules.TIMELINESS_SOURCE[measure]
        assert result.reasons[0].code == f"s17_{measure}_on_time"


def test_an_unknown_timeliness_measure_is_refused():
    assert error_of(rules.timeliness, "lunch", START, DUE, None, DUE) == {
        "field": "measure", "message": "is not a timeliness measure: 'lunch'"}


# --- medians ---------------------------------------------------------------------------------

def test_median_exactly():
    assert rules.median([]) is None
    assert rules.median([7]) == 7.0 and isinstance(rules.median([7]), float)
    assert rules.median([9, 1]) == 5.0
    assert rules.median([3, 1, 2]) == 2.0
    assert rules.median([1, 2, 10, 20]) == 6.0


def test_median_of_counts_exactly():
    assert rules.median_of_counts({}) is None
    assert rules.median_of_counts({4: 0}) is None
    assert rules.median_of_counts({7: 1}) == 7.0
    assert rules.median_of_counts({1: 1, 9: 1}) == 5.0
    assert rules.median_of_counts({1: 2, 9: 1}) == 1.0
    assert rules.median_of_counts({1: 1, 9: 2}) == 9.0
    assert rules.median_of_counts({2: 1, 10: 1, 1: 1, 20: 1}) == 6.0
    assert rules.median_of_counts({5: 0, 3: 2, 8: 2}) == 5.5
    assert rules.median_of_counts({1: 3, 2: 3}) == 1.5


@pytest.mark.parametrize("count", [-1, True, 1.5])
def test_median_of_counts_refuses(count):
    assert error_of(rules.median_of_counts, {3: 1, 4: count}) == {
        "field": "count", "message": "must be a whole number, 0 or more"}


# --- sentence outcome ------------------------------------------------------------------------

END = D(2026, 6, 1)


@pytest.mark.parametrize(("today", "expected"), [
    (D(2026, 5, 31), rules.Outcome(rules.ONGOING, None, (Reason("s17_ongoing", S17,
                                                                "Not yet ended"),))),
    (END, rules.Outcome(rules.SUCCESSFUL, END, (Reason("s17_completed", S17,
                                                       "Ran to its end on 2026-06-01"),))),
    (D(2026, 6, 2), rules.Outcome(rules.SUCCESSFUL, END, (Reason(
        "s17_completed", S17, "Ran to its end on 2026-06-01"),))),
])
def test_the_day_before_of_and_after_the_end(today, expected):
    assert rules.sentence_outcome(end=END, terminated_on=None, breach_outcomes=[],
                                  today=today) == expected


@pytest.mark.parametrize(("today", "outcome"), [
    (D(2026, 2, 9), rules.ONGOING), (D(2026, 2, 10), rules.UNSUCCESSFUL),
    (D(2026, 2, 11), rules.UNSUCCESSFUL)])
def test_termination_counts_from_its_day(today, outcome):
    result = rules.sentence_outcome(end=END, terminated_on=D(2026, 2, 10), breach_outcomes=[],
                                    today=today)
    assert result.outcome == outcome
    if outcome == rules.UNSUCCESSFUL:
        assert result == rules.Outcome(rules.UNSUCCESSFUL, D(2026, 2, 10), (Reason(
            "s17_terminated", S17, "Ended early on 2026-02-10"),))


def test_revoked_or_recalled_ends_on_the_earlier_of_the_end_and_today():
    before_end = rules.sentence_outcome(end=END, terminated_on=None,
                                        breach_outcomes=["recalled", "warning", "revoked"],
                                        today=D(2026, 3, 1))
    assert before_end == rules.Outcome(rules.UNSUCCESSFUL, D(2026, 3, 1), (Reason(
        "s17_revoked_or_recalled", S17, "Ended by the court or by recall: recalled, revoked"),))
    after_end = rules.sentence_outcome(end=END, terminated_on=None, breach_outcomes=["revoked"],
                                       today=D(2026, 7, 1))
    assert after_end == rules.Outcome(rules.UNSUCCESSFUL, END, (Reason(
        "s17_revoked_or_recalled", S17, "Ended by the court or by recall: revoked"),))


def test_other_breach_outcomes_do_not_make_it_unsuccessful():
    result = rules.sentence_outcome(end=END, terminated_on=None,
                                    breach_outcomes=["warning", "fine"], today=END)
    assert result.outcome == rules.SUCCESSFUL


# --- needs against delivery ------------------------------------------------------------------

def test_need_delivery_whole():
    assert rules.need_delivered(addressed_in_plan=False, interventions_delivered=0) == (
        rules.NeedDelivery(False, (Reason("s17_need_not_in_plan", "operating-model.md §8, §17",
                                          "No objective of the plan addresses this need"),)))
    assert rules.need_delivered(addressed_in_plan=True, interventions_delivered=0) == (
        rules.NeedDelivery(False, (Reason("s17_need_no_delivery", S17,
                                          "Addressed in the plan but no intervention delivered"),)))
    assert rules.need_delivered(addressed_in_plan=True, interventions_delivered=2) == (
        rules.NeedDelivery(True, (Reason(
            "s17_need_delivered", S17, "Addressed in the plan and 2 intervention(s) delivered"),)))


def test_need_delivery_refuses_a_negative_count():
    assert error_of(rules.need_delivered, addressed_in_plan=True, interventions_delivered=-1) == {
        "field": "interventions_delivered", "message": "must be a whole number, 0 or more"}


# --- suppression -----------------------------------------------------------------------------

def test_a_group_of_four_is_suppressed_and_of_five_shown():
    assert rules.SUPPRESS_BELOW == 5
    assert rules.suppress(0, 4) == rules.Shown(None, None, True, (Reason(
        "s17_group_too_small", S17, "Fewer than 5 cases in the group"),))
    assert rules.suppress(0, 5) == rules.Shown(0, 0.0, False, ())


@pytest.mark.parametrize(("count", "shown"), [
    (0, rules.Shown(0, 0.0, False, ())),
    (1, rules.Shown(None, None, True, (Reason("s17_count_too_small", S17,
                                              "Fewer than 5 cases: not shown"),))),
    (4, rules.Shown(None, None, True, (Reason("s17_count_too_small", S17,
                                              "Fewer than 5 cases: not shown"),))),
    (5, rules.Shown(5, 50.0, False, ())),
    (10, rules.Shown(10, 100.0, False, ())),
])
def test_counts_of_one_to_four_are_suppressed(count, shown):
    assert rules.suppress(count, 10) == shown


@pytest.mark.parametrize(("count", "total", "error"), [
    (-1, 10, {"field": "count", "message": "must be a whole number, 0 or more"}),
    (1, -1, {"field": "total", "message": "must be a whole number, 0 or more"}),
    (11, 10, {"field": "count", "message": "cannot be more than the total"}),
])
def test_suppress_refuses(count, total, error):
    assert error_of(rules.suppress, count, total) == error


def test_median_of_counts_of_five_values():
    # survivor of the first mutation run: the middle of 5 is the third value, not the second
    assert rules.median_of_counts({1: 2, 5: 1, 9: 2}) == 5.0
    assert rules.median_of_counts({1: 1, 2: 1, 3: 1, 4: 1, 5: 1}) == 3.0
