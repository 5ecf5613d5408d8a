"""Through the Gate rules (operating-model.md §13, §3.2; F19): boundaries pinned."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.resettlement import (
    PATHWAYS,
    NeedFact,
    PlanFacts,
    ResettlementConfig,
    accommodation_alert,
    completion_problems,
    handover_date,
    handover_overdue,
    on_time_rate,
    plan_deadline,
    plan_timeliness,
    screening_deadline,
)
from desist.rules.routing import RoutingConfig

D = date.fromisoformat
ALL_DONE = {p: "done" for p in PATHWAYS}


# --- screening: N working days of reception ----------------------------------------------------

def test_screening_due_five_working_days_after_reception():
    # Monday 3 June 2024 + 5 working days = Monday 10 June.
    deadline = screening_deadline(D("2024-06-03"))
    assert deadline.due == D("2024-06-10")
    assert deadline.working_days == 5
    assert deadline.reasons[0].section == "operating-model.md §13"
    assert not deadline.is_overdue(D("2024-06-10"))  # day of: in time
    assert deadline.is_overdue(D("2024-06-11"))  # day after: late


def test_screening_skips_bank_holidays():
    # Thursday 23 May 2024; Monday 27 May is the spring bank holiday.
    deadline = screening_deadline(D("2024-05-23"))
    assert deadline.due == D("2024-05-31")
    assert [r.code for r in deadline.reasons] == ["s13_screening_due", "timescale_bank_holidays"]


def test_screening_from_a_weekend_reception():
    # Saturday reception: the first working day counted is Monday.
    assert screening_deadline(D("2024-06-08")).due == D("2024-06-14")


def test_screening_days_are_configuration():
    assert screening_deadline(D("2024-06-03"),
                              config=ResettlementConfig(screening_working_days=1)).due == D(
        "2024-06-04")


# --- plan: M weeks before release ---------------------------------------------------------------

def test_plan_due_two_weeks_before_release():
    deadline = plan_deadline(D("2024-07-05"))  # a Friday
    assert deadline.due == D("2024-06-21")
    assert not deadline.is_overdue(D("2024-06-21"))
    assert deadline.is_overdue(D("2024-06-22"))


def test_plan_due_moves_back_to_a_working_day():
    # Two weeks before Monday 10 June 2024 would be... Monday 27 May, a bank holiday.
    deadline = plan_deadline(D("2024-06-10"))
    assert deadline.due == D("2024-05-24")
    assert deadline.reasons[-1].code == "timescale_not_working_day"


def test_plan_weeks_are_configuration():
    assert plan_deadline(D("2024-07-05"),
                         config=ResettlementConfig(plan_weeks_before_release=4)).due == D(
        "2024-06-07")


# --- hand-over: 12 weeks before release (intake routing's number) -------------------------------

def test_handover_twelve_weeks_before_release():
    handover = handover_date(D("2024-09-02"))
    assert handover.on == D("2024-09-02") - timedelta(weeks=12)
    assert handover.trigger == "release"
    assert handover.reasons[0].section == "operating-model.md §3"


def test_handover_uses_the_routing_configuration():
    assert handover_date(D("2024-09-02"),
                         routing=RoutingConfig(pass_to_lmc_weeks_before_release=8)).on == D(
        "2024-07-08")


@pytest.mark.parametrize(("request_on", "expected", "trigger"), [
    ("2024-06-09", "2024-06-09", "rotl_hdc"),  # day before the 12-week date: earlier wins
    ("2024-06-10", "2024-06-10", "release"),  # the same day: release rule
    ("2024-06-11", "2024-06-10", "release"),  # after: release rule
])
def test_handover_rotl_hdc_request_brings_it_forward(request_on, expected, trigger):
    handover = handover_date(D("2024-09-02"), rotl_hdc_request=D(request_on))
    assert (handover.on, handover.trigger) == (D(expected), trigger)


@pytest.mark.parametrize(("today", "assigned", "overdue"), [
    ("2024-06-10", False, False), ("2024-06-11", False, True), ("2024-06-11", True, False),
])
def test_handover_overdue(today, assigned, overdue):
    result = handover_overdue(handover_on=D("2024-06-10"), today=D(today),
                              officer_assigned=assigned)
    assert (result is not None) == overdue


# --- blocking conditions ------------------------------------------------------------------------

def test_plan_with_everything_settled_can_complete():
    result = completion_problems(PlanFacts(pathways=ALL_DONE))
    assert result.allowed and result.problems == ()


def test_pathway_not_started_blocks():
    result = completion_problems(PlanFacts(pathways={**ALL_DONE, "ete": "not_started"}))
    assert not result.allowed
    assert [r.code for r in result.problems] == ["s13_pathways_not_started"]
    assert "education, training and employment" in result.problems[0].text


def test_missing_pathway_counts_as_not_started():
    pathways = dict(ALL_DONE)
    del pathways["health"]
    assert not completion_problems(PlanFacts(pathways=pathways)).allowed


@pytest.mark.parametrize("status", ["in_progress", "declined", "not_required", "done"])
def test_any_started_status_settles_a_pathway(status):
    assert completion_problems(PlanFacts(pathways={**ALL_DONE, "ete": status})).allowed


@pytest.mark.parametrize("flag", ["domestic_abuse", "child_protection_plan", "child_concern",
                                  "child_in_need"])
def test_flagged_case_needs_its_risk_section(flag):
    blocked = completion_problems(PlanFacts(pathways=ALL_DONE, registrations=frozenset({flag})))
    assert [r.code for r in blocked.problems] == ["s13_risk_section_missing"]
    assert blocked.fields == {"s13_risk_section_missing": "risk_section"}
    assert "community risk management plan" in blocked.problems[0].text
    written = completion_problems(PlanFacts(pathways=ALL_DONE, registrations=frozenset({flag}),
                                            risk_section_written=True))
    assert written.allowed


def test_unflagged_case_does_not_need_a_risk_section():
    assert completion_problems(PlanFacts(pathways=ALL_DONE,
                                         registrations=frozenset({"iom"}))).allowed


def test_drug_need_requires_the_prescription_task():
    drug = NeedFact("drug_treatment", open=True, drug=True)
    blocked = completion_problems(PlanFacts(pathways=ALL_DONE, needs=(drug,)))
    assert [r.code for r in blocked.problems] == ["s13_prescription_task_missing"]
    assert blocked.problems[0].section == "operating-model.md F19"
    fixed = completion_problems(PlanFacts(pathways=ALL_DONE, needs=(
        drug, NeedFact("prescription_on_release", open=True, prescription=True))))
    assert fixed.allowed


def test_not_screened_blocks():
    assert [r.code for r in completion_problems(
        PlanFacts(pathways=ALL_DONE, screened=False)).problems] == ["s13_not_screened"]


def test_all_problems_reported_together():
    result = completion_problems(PlanFacts(
        pathways={}, registrations=frozenset({"domestic_abuse"}),
        needs=(NeedFact("drug_treatment", open=True, drug=True),)))
    assert [r.code for r in result.problems] == [
        "s13_pathways_not_started", "s13_risk_section_missing", "s13_prescription_task_missing"]


def test_unknown_pathway_is_refused():
    with pytest.raises(RuleInputError):
        completion_problems(PlanFacts(pathways={"space": "done"}))


# --- accommodation alert at 4 weeks before release ----------------------------------------------

RELEASE = D("2024-07-05")


@pytest.mark.parametrize(("today", "alert"), [
    ("2024-06-06", False),  # day before the 4-week point
    ("2024-06-07", True),  # 4 weeks before: first day of the alert
    ("2024-06-08", True),
    ("2024-07-05", True),  # release day
    ("2024-07-06", False),  # after release: the checklist and induction take over
])
def test_accommodation_alert_window(today, alert):
    result = accommodation_alert(release=RELEASE, today=D(today), unresolved=True)
    assert (result is not None) == alert
    if alert:
        assert result.section == "operating-model.md §13"


def test_resolved_accommodation_raises_nothing():
    assert accommodation_alert(release=RELEASE, today=D("2024-06-20"), unresolved=False) is None


# --- the on-time measure ------------------------------------------------------------------------

DUE = D("2024-06-21")


@pytest.mark.parametrize(("completed", "today", "expected"), [
    ("2024-06-20", "2024-06-25", "on_time"),  # day before
    ("2024-06-21", "2024-06-25", "on_time"),  # day of
    ("2024-06-22", "2024-06-25", "late"),  # day after
    (None, "2024-06-21", "not_due"),  # not done, due today: still in time
    (None, "2024-06-22", "late"),  # not done, day after
])
def test_plan_timeliness(completed, today, expected):
    assert plan_timeliness(due=DUE, completed_on=D(completed) if completed else None,
                           today=D(today)) == expected


def test_on_time_rate_and_target():
    result = on_time_rate(["on_time"] * 19 + ["late"] + ["not_due"] * 3)
    assert (result.counted, result.on_time, result.rate, result.meets_target) == (20, 19, 95.0,
                                                                                  True)
    below = on_time_rate(["on_time"] * 18 + ["late"] * 2)
    assert (below.rate, below.meets_target) == (90.0, False)
    # Just under: 94.9...% is not 95%, even if it would round to 95.0.
    just = on_time_rate(["on_time"] * 949 + ["late"] * 51)
    assert just.meets_target is False


def test_on_time_rate_with_nothing_due():
    result = on_time_rate(["not_due"])
    assert result.rate is None and result.meets_target is None


def test_on_time_rate_refuses_unknown_values():
    with pytest.raises(RuleInputError):
        on_time_rate(["early"])
