"""Capacity from contracted hours and dated reductions (operating-model.md §16, issue 21 item 4):
capacity % = points ÷ (grade target × available hours ÷ contracted hours)."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.reductions import REDUCTION_REASONS, Reduction, in_force
from desist.rules.workload import (
    SECTION,
    WorkloadCase,
    WorkloadWeights,
    available_capacity,
    capacity_percent,
    officer_capacity,
    potential_workload,
)

TODAY = dt.date(2026, 3, 31)
DAY = dt.timedelta(days=1)


def R(code: str, text: str) -> Reason:  # noqa: N802
    return Reason(code, SECTION, text)


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def test_a_newly_qualified_officer_with_a_20_percent_reduction():
    nq = Reduction("newly_qualified", 20, dt.date(2025, 10, 1), dt.date(2026, 6, 30))
    result = available_capacity("PO", 37, [nq], on=TODAY)
    assert result.points == 1600  # 2000 × 29.6 ÷ 37
    assert (result.available_hours, result.reduction_percent, result.reductions) == (29.6, 20, (nq,))
    assert result.reasons == (
        R("s16_grade_target", "A full-time probation officer (37 hours a week) carries 2000 "
                              "points at 100%."),
        R("s16_reduction_in_force", "Reduction for newly qualified officer: 20% of contracted "
                                    "hours, from 1 October 2025 to 30 June 2026."),
        R("s16_available_hours", "Available hours: 37 less 20% in reductions is 29.6 hours a "
                                 "week."),
        R("s16_capacity", "Capacity is 1600 points (target × available hours ÷ contracted "
                          "hours)."),
    )
    # 1200 points is 75% of a newly qualified officer's capacity, 60% of a colleague's.
    assert capacity_percent(1200, result.points).percent == 75.0
    assert capacity_percent(1200, available_capacity("PO", 37, on=TODAY).points).percent == 60.0


@pytest.mark.parametrize(("ends_on", "counted"), [
    (TODAY - DAY, False),  # ended yesterday: not counted
    (TODAY, True),  # ends today: its last day, still counted
    (TODAY + DAY, True),  # ends tomorrow
])
def test_a_reduction_counts_up_to_and_including_its_end_date(ends_on, counted):
    union = Reduction("union_duties", 10, dt.date(2025, 1, 1), ends_on)
    result = available_capacity("PO", 37, [union], on=TODAY)
    assert result.points == (1800 if counted else 2000)
    assert result.reductions == ((union,) if counted else ())
    if not counted:
        assert R("s16_reduction_ended", "Not counted on 31 March 2026: the reduction for union "
                                        "duties ended on 30 March 2026.") in result.reasons


@pytest.mark.parametrize(("starts_on", "counted"), [
    (TODAY - DAY, True), (TODAY, True), (TODAY + DAY, False)])
def test_a_reduction_counts_from_its_start_date(starts_on, counted):
    maternity = Reduction("maternity", 100, starts_on)
    result = available_capacity("PSO", 37, [maternity], on=TODAY)
    assert result.points == (0 if counted else 1200)
    if not counted:
        assert result.reasons[1] == R(
            "s16_reduction_not_started", "Not counted on 31 March 2026: the reduction for "
            "maternity, paternity or adoption leave starts on 1 April 2026.")
        # … and no available-hours line when nothing is taken off.
        assert [r.code for r in result.reasons][-1:] == ["s16_capacity"]


def test_part_time_hours_scale_the_target_and_reductions_take_a_share_of_them():
    trainee = Reduction("trainee", 40, dt.date(2025, 9, 1))
    result = available_capacity("PSO", 30, [trainee], on=TODAY)
    # target 1200 × 30 ÷ 37 = 972.97; available 18 of 30 hours; capacity 972.97 × 18 ÷ 30
    assert (result.target, result.available_hours, result.points) == (972.97, 18, 583.78)
    assert R("s16_contracted_hours", "Contracted for 30 hours a week, so their target is 972.97 "
                                     "points (1200 × 30 ÷ 37).") in result.reasons
    assert R("s16_reduction_in_force", "Reduction for trainee year: 40% of contracted hours, "
                                       "from 1 September 2025 with no end date.") in result.reasons


def test_hours_and_fte_give_the_same_capacity():
    for hours, reductions in ((37, []), (29.6, [15]), (18.5, [10, 20]), (22.2, [])):
        rows = [Reduction("phased_return", p, TODAY) for p in reductions]
        by_hours = available_capacity("PO", hours, rows, on=TODAY).points
        by_fte = officer_capacity("PO", hours / 37, [(str(i), p) for i, p in enumerate(reductions)])
        assert by_hours == pytest.approx(by_fte.points, abs=0.01)


def test_reductions_at_once_add_up_and_stop_at_100_percent():
    rows = [Reduction("maternity", 100, TODAY), Reduction("other", 10, TODAY, other="mentoring")]
    result = available_capacity("PO", 37, rows, on=TODAY)
    assert (result.points, result.reduction_percent, result.available_hours) == (0, 100, 0)
    assert R("s16_reductions_capped", "The reductions in force add up to 110%; no more than all "
                                      "of the hours can be taken off, so 100% is counted.") \
        in result.reasons
    assert capacity_percent(10, result.points).percent is None  # no capacity: any case is over
    assert "Reduction for mentoring: 10%" in result.reasons[2].text


def test_potential_workload_uses_the_capacity_in_hours():
    capacity = available_capacity(
        "PO", 37, [Reduction("newly_qualified", 20, TODAY - 30 * DAY)], on=TODAY).points
    result = potential_workload(1560, WorkloadCase("green", "low"), capacity)
    assert (result.now.percent, result.after.percent) == (97.5, 98.2)
    assert not result.after.over_capacity


def test_weights_set_the_grade_target_and_a_full_week_can_be_other_than_37_hours():
    weights = WorkloadWeights.from_mappings(grade_targets={"PO": 1850, "PSO": 1100})
    assert available_capacity("PO", 37, on=TODAY, weights=weights).points == 1850
    assert available_capacity("PO", 35, on=TODAY, full_time_hours=35).points == 2000


def test_bad_inputs_are_refused_with_the_field():
    assert _error(lambda: available_capacity("CEO", 37, on=TODAY))["field"] == "grade"
    for hours in (0, -1, 74.5, True, "37"):
        assert _error(lambda h=hours: available_capacity("PO", h, on=TODAY)) == {
            "field": "contracted_hours", "message": "must be more than 0 and at most 74 hours a "
                                                    "week"}
    assert available_capacity("PO", 74, on=TODAY).points == 4000
    assert _error(lambda: in_force([], "2026-03-31"))["field"] == "on"  # type: ignore[arg-type]
    assert _error(lambda: in_force([("nq", 20)], TODAY))["field"] == "reductions"  # type: ignore[list-item]
    assert _error(lambda: Reduction("sabbatical", 10, TODAY))["field"] == "reason"
    assert _error(lambda: Reduction("other", 10, TODAY, other="  ")) == {
        "field": "other", "message": "say what the reduction is for"}
    for percent in (0, 100.5, -5, True):
        assert _error(lambda p=percent: Reduction("trainee", p, TODAY))["field"] == "percent"
    assert Reduction("trainee", 100, TODAY).percent == 100
    assert _error(lambda: Reduction("trainee", 50, TODAY, TODAY - DAY))["field"] == "ends_on"
    assert Reduction("trainee", 50, TODAY, TODAY).in_force(TODAY)  # a one-day reduction
    assert _error(lambda: Reduction("trainee", 50, "2026-01-01"))["field"] == "starts_on"  # type: ignore[arg-type]


def test_every_reason_has_words():
    assert all(REDUCTION_REASONS.values())
    assert Reduction("union_duties", 5, TODAY).label == "union duties"
