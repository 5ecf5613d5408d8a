"""Boundaries of the Through the Gate rules (operating-model.md §13, §3.2, F19), pinned exactly.

Written against mutation testing (issue 25): every deadline with its whole reasons (numbers,
dates, bank holidays and the working day it moves back to), the hand-over and the accommodation
window the day before, of and after, the on-time target at 94.7% / 95% / 100%, every
configuration option in the singular and plural, and every input error through
``RuleInputError.as_dict()``.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desist.rules import resettlement as rules
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.resettlement import (
    PATHWAYS,
    CompletionResult,
    Handover,
    NeedFact,
    OnTimeResult,
    PlanFacts,
    ResettlementConfig,
)
from desist.rules.routing import RoutingConfig
from desist.rules.timescales import SOURCE_HOLIDAYS, Deadline

D = date.fromisoformat
S3, S13, F19 = "operating-model.md §3", "operating-model.md §13", "operating-model.md F19"
ALL_DONE = {p: "done" for p in PATHWAYS}


def error_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        call(*args, **kwargs)
    return error.value.as_dict()


# --- configuration ---------------------------------------------------------------------------

def test_the_defaults_and_their_sources():
    assert ResettlementConfig() == ResettlementConfig(5, 2, 4, 95)
    assert rules.DEFAULT_RESETTLEMENT == ResettlementConfig()
    assert set(rules.DEFAULT_SOURCES) == {
        "screening_working_days", "plan_weeks_before_release", "accommodation_alert_weeks",
        "on_time_target_percent"}


@pytest.mark.parametrize("name", ["screening_working_days", "plan_weeks_before_release",
                                  "accommodation_alert_weeks", "on_time_target_percent"])
@pytest.mark.parametrize("value", [-1, True, 1.0, None])
def test_each_option_must_be_a_whole_number_0_or_more(name, value):
    assert error_of(ResettlementConfig, **{name: value}) == {
        "field": name, "message": "must be a whole number, 0 or more"}


def test_zero_is_allowed_and_the_target_is_at_most_100():
    assert ResettlementConfig(0, 0, 0, 0).on_time_target_percent == 0
    assert ResettlementConfig(on_time_target_percent=100).on_time_target_percent == 100
    assert error_of(ResettlementConfig, on_time_target_percent=101) == {
        "field": "on_time_target_percent", "message": "must be 100 or less"}


# --- the screening deadline ------------------------------------------------------------------

def test_screening_five_working_days_after_a_monday_reception():
    assert rules.screening_deadline(D("2026-03-02")) == Deadline(
        "resettlement_screening", D("2026-03-02"), D("2026-03-09"), 5, (Reason(
            "s13_screening_due", S13,
            "Screen the person for resettlement needs within 5 working days of reception into "
            "custody (Monday 2 March 2026): by Monday 9 March 2026."),))


def test_screening_over_easter_names_the_bank_holidays():
    result = rules.screening_deadline(D("2026-04-02"))
    assert result.due == D("2026-04-13")
    assert result.reasons[1] == Reason(
        "timescale_bank_holidays", SOURCE_HOLIDAYS,
        "Bank holidays are not working days: Friday 3 April 2026, Monday 6 April 2026.")
    no_holidays = rules.screening_deadline(D("2026-04-02"), holidays=())
    assert no_holidays.due == D("2026-04-09")
    assert len(no_holidays.reasons) == 1


def test_one_screening_day_reads_in_the_singular():
    result = rules.screening_deadline(D("2026-03-06"),
                                      config=ResettlementConfig(screening_working_days=1))
    assert result.due == D("2026-03-09")
    assert result.working_days == 1
    assert result.reasons[0].text == (
        "Screen the person for resettlement needs within 1 working day of reception into custody "
        "(Friday 6 March 2026): by Monday 9 March 2026.")


@pytest.mark.parametrize("reception", ["2026-03-02", datetime(2026, 3, 2, 9, 0), None])
def test_screening_refuses_anything_but_a_date(reception):
    assert error_of(rules.screening_deadline, reception) == {
        "field": "reception", "message": "must be a date (YYYY-MM-DD)"}


# --- the plan deadline -----------------------------------------------------------------------

def test_plan_due_two_weeks_before_a_monday_release():
    assert rules.plan_deadline(D("2026-06-15")) == Deadline(
        "resettlement_plan", D("2026-06-15"), D("2026-06-01"), None, (Reason(
            "s13_plan_due", S13,
            "Complete the resettlement plan 2 weeks before release (Monday 15 June 2026): by "
            "Monday 1 June 2026."),))


@pytest.mark.parametrize(("release", "due", "nominal"), [
    ("2026-06-20", "2026-06-05", "Saturday 6 June 2026"),   # a weekend: back to the Friday
    ("2026-06-21", "2026-06-05", "Sunday 7 June 2026"),
    ("2026-05-18", "2026-05-01", "Monday 4 May 2026"),      # the early May bank holiday
])
def test_plan_due_moves_back_to_the_last_working_day(release, due, nominal):
    result = rules.plan_deadline(D(release))
    assert result.due == D(due)
    assert result.reasons[1] == Reason(
        "timescale_not_working_day", SOURCE_HOLIDAYS,
        f"{nominal} is not a working day, so the plan is due on the last working day before it.")


def test_plan_due_on_a_bank_holiday_stays_when_holidays_are_not_counted():
    result = rules.plan_deadline(D("2026-05-18"), holidays=())
    assert result.due == D("2026-05-04")
    assert len(result.reasons) == 1


def test_one_plan_week_reads_in_the_singular():
    result = rules.plan_deadline(D("2026-06-15"),
                                 config=ResettlementConfig(plan_weeks_before_release=1))
    assert result.due == D("2026-06-08")
    assert result.reasons[0].text == (
        "Complete the resettlement plan 1 week before release (Monday 15 June 2026): by Monday "
        "8 June 2026.")


def test_plan_deadline_refuses_a_datetime():
    assert error_of(rules.plan_deadline, datetime(2026, 6, 15)) == {
        "field": "release", "message": "must be a date (YYYY-MM-DD)"}


# --- the hand-over ---------------------------------------------------------------------------

RELEASE = D("2026-06-15")  # Monday; 12 weeks before is Monday 23 March 2026


def test_handover_twelve_weeks_before_release_whole():
    result = rules.handover_date(RELEASE)
    assert result == Handover(D("2026-03-23"), "release", (Reason(
        "s3_handover_release", S3,
        "Assign the community officer 12 weeks before release (Monday 15 June 2026), when the "
        "case passes to the LMC: on Monday 23 March 2026."),))
    assert result.as_dict() == {
        "on": "2026-03-23", "trigger": "release",
        "reasons": [{"code": "s3_handover_release", "section": S3,
                     "text": result.reasons[0].text}]}


@pytest.mark.parametrize(("request_on", "on", "trigger"), [
    ("2026-03-22", "2026-03-22", "rotl_hdc"),  # the day before the 12-week point
    ("2026-03-23", "2026-03-23", "release"),   # the day of
    ("2026-03-24", "2026-03-23", "release"),   # the day after
])
def test_a_rotl_hdc_request_the_day_before_of_and_after(request_on, on, trigger):
    result = rules.handover_date(RELEASE, rotl_hdc_request=D(request_on))
    assert (result.on, result.trigger) == (D(on), trigger)
    assert result.reasons[0].code == f"s3_handover_{trigger}"
    if trigger == "rotl_hdc":
        assert result.reasons[0].text == (
            "A ROTL or HDC request on Sunday 22 March 2026 brings the hand-over forward: assign "
            "the community officer now.")


def test_one_week_hand_over_reads_in_the_singular():
    result = rules.handover_date(RELEASE, routing=RoutingConfig(pass_to_lmc_weeks_before_release=1))
    assert result.on == D("2026-06-08")
    assert result.reasons[0].text == (
        "Assign the community officer 1 week before release (Monday 15 June 2026), when the case "
        "passes to the LMC: on Monday 8 June 2026.")


def test_handover_refuses():
    assert error_of(rules.handover_date, "2026-06-15") == {
        "field": "release", "message": "must be a date (YYYY-MM-DD)"}
    assert error_of(rules.handover_date, RELEASE, rotl_hdc_request=datetime(2026, 3, 1)) == {
        "field": "rotl_hdc_request", "message": "must be a date (YYYY-MM-DD)"}


@pytest.mark.parametrize(("today", "assigned", "overdue"), [
    ("2026-03-22", False, False), ("2026-03-23", False, False), ("2026-03-24", False, True),
    ("2026-03-24", True, False)])
def test_handover_overdue_the_day_before_of_and_after(today, assigned, overdue):
    result = rules.handover_overdue(handover_on=D("2026-03-23"), today=D(today),
                                    officer_assigned=assigned)
    assert result == (Reason(
        "s3_handover_overdue", S3,
        "The community officer should have been assigned on Monday 23 March 2026.")
        if overdue else None)


# --- completing the plan ---------------------------------------------------------------------

def test_a_settled_plan_completes_with_no_problems():
    result = rules.completion_problems(PlanFacts(pathways=dict(ALL_DONE)))
    assert result == CompletionResult(True, (), {})
    assert result.as_dict() == {"allowed": True, "problems": []}


@pytest.mark.parametrize("status", ["declined", "not_required", "done"])
def test_settled_statuses(status):
    assert rules.completion_problems(PlanFacts(pathways={p: status for p in PATHWAYS})).allowed


def test_not_started_and_missing_pathways_are_named_in_words():
    pathways = {**ALL_DONE, "attitudes": "not_started", "health": "in_progress"}
    del pathways["finance_id"]
    result = rules.completion_problems(PlanFacts(pathways=pathways))
    assert result.problems == (Reason(
        "s13_pathways_not_started", S13,
        "Every pathway must be looked at before the plan is complete. Not started: attitudes, "
        "thinking and behaviour, finance and ID."),)
    assert result.fields == {"s13_pathways_not_started": "pathways"}
    everything = rules.completion_problems(PlanFacts(pathways={}))
    assert everything.problems[0].text == (
        "Every pathway must be looked at before the plan is complete. Not started: "
        "accommodation, attitudes, thinking and behaviour, children, families and communities, "
        "drugs and alcohol, education, training and employment, finance and ID, health.")


@pytest.mark.parametrize(("flags", "words"), [
    ({"domestic_abuse"}, "a domestic abuse flag"),
    ({"child_protection_plan"}, "a child safeguarding flag"),
    ({"child_concern"}, "a child safeguarding flag"),
    ({"child_in_need"}, "a child safeguarding flag"),
    ({"domestic_abuse", "child_in_need"}, "a domestic abuse and child safeguarding flag"),
])
def test_the_risk_section_for_each_flag(flags, words):
    facts = PlanFacts(pathways=dict(ALL_DONE), registrations=frozenset(flags | {"other"}))
    result = rules.completion_problems(facts)
    assert result.problems == (Reason(
        "s13_risk_section_missing", S13,
        f"This case has {words}: the plan must address risk of harm. Write the risk of harm "
        "section, linked to the community risk management plan, before completing the plan."),)
    assert result.fields == {"s13_risk_section_missing": "risk_section"}
    written = PlanFacts(pathways=dict(ALL_DONE), registrations=frozenset(flags),
                        risk_section_written=True)
    assert rules.completion_problems(written).allowed


def test_other_registrations_need_no_risk_section():
    facts = PlanFacts(pathways=dict(ALL_DONE), registrations=frozenset({"domestic_abuse_victim"}))
    assert rules.completion_problems(facts).allowed


def test_a_drug_need_needs_the_prescription_task():
    drug = NeedFact("drugs", open=True, drug=True)
    result = rules.completion_problems(PlanFacts(pathways=dict(ALL_DONE), needs=(drug,)))
    assert result.problems == (Reason(
        "s13_prescription_task_missing", F19,
        "There is a drug need: add the support need \"prescription arranged for release day\", "
        "coordinated with prison healthcare, before completing the plan."),)
    assert result.fields == {"s13_prescription_task_missing": "needs"}
    task = NeedFact("prescription", open=True, prescription=True)
    assert rules.completion_problems(PlanFacts(pathways=dict(ALL_DONE), needs=(drug, task))).allowed
    other = NeedFact("housing", open=True, accommodation=True)
    assert rules.completion_problems(PlanFacts(pathways=dict(ALL_DONE), needs=(other,))).allowed


def test_every_problem_together_in_order():
    facts = PlanFacts(pathways={}, registrations=frozenset({"domestic_abuse"}),
                      needs=(NeedFact("drugs", open=True, drug=True),), screened=False)
    result = rules.completion_problems(facts)
    assert result.allowed is False
    assert [r.code for r in result.problems] == [
        "s13_not_screened", "s13_pathways_not_started", "s13_risk_section_missing",
        "s13_prescription_task_missing"]
    assert result.problems[0] == Reason("s13_not_screened", S13,
                                        "Record the screening before completing the plan.")
    assert result.fields == {"s13_not_screened": "screening", "s13_pathways_not_started":
                             "pathways", "s13_risk_section_missing": "risk_section",
                             "s13_prescription_task_missing": "needs"}
    assert result.as_dict()["problems"][0] == {
        "code": "s13_not_screened", "section": S13,
        "text": "Record the screening before completing the plan."}


def test_unknown_pathways_and_statuses_are_refused_with_each_named():
    assert error_of(rules.completion_problems, PlanFacts(pathways={"zeta": "done", "alpha": "done",
                                                                   "health": "done"})) == {
        "field": "pathways", "message": "unknown pathway(s) alpha, zeta"}
    assert error_of(rules.completion_problems, PlanFacts(
        pathways={**ALL_DONE, "health": "maybe", "ete": "finished"})) == {
        "field": "pathways", "message": "unknown status(es) finished, maybe"}


# --- the accommodation alert -----------------------------------------------------------------

ALERT = Reason(
    "s13_accommodation_unresolved", S13,
    "Accommodation on release is not confirmed and release is on Monday 15 June 2026 (within 4 "
    "weeks): a person released homeless is at high risk of reoffending. Confirm accommodation "
    "or escalate.")


@pytest.mark.parametrize(("today", "alert"), [
    ("2026-05-17", None), ("2026-05-18", ALERT), ("2026-05-19", ALERT),  # 4 weeks before
    ("2026-06-14", ALERT), ("2026-06-15", ALERT), ("2026-06-16", None),  # release
])
def test_the_alert_window_the_day_before_of_and_after_each_end(today, alert):
    assert rules.accommodation_alert(release=RELEASE, today=D(today), unresolved=True) == alert
    assert rules.accommodation_alert(release=RELEASE, today=D(today), unresolved=False) is None


def test_one_alert_week_reads_in_the_singular():
    config = ResettlementConfig(accommodation_alert_weeks=1)
    assert rules.accommodation_alert(release=RELEASE, today=D("2026-06-07"), unresolved=True,
                                     config=config) is None
    result = rules.accommodation_alert(release=RELEASE, today=D("2026-06-08"), unresolved=True,
                                       config=config)
    assert "(within 1 week)" in result.text


def test_the_alert_refuses_anything_but_dates():
    assert error_of(rules.accommodation_alert, release="2026-06-15", today=RELEASE,
                    unresolved=True) == {"field": "release", "message": "must be a date (YYYY-MM-DD)"}
    assert error_of(rules.accommodation_alert, release=RELEASE, today=datetime(2026, 6, 1),
                    unresolved=False) == {"field": "today", "message": "must be a date (YYYY-MM-DD)"}


# --- the on-time measure ---------------------------------------------------------------------

DUE = D("2026-06-01")


@pytest.mark.parametrize(("completed", "today", "expected"), [
    ("2026-05-31", "2026-07-01", "on_time"), ("2026-06-01", "2026-07-01", "on_time"),
    ("2026-06-02", "2026-07-01", "late"),
    (None, "2026-05-31", "not_due"), (None, "2026-06-01", "not_due"),
    (None, "2026-06-02", "late"),
])
def test_plan_timeliness_the_day_before_of_and_after(completed, today, expected):
    done = D(completed) if completed else None
    assert rules.plan_timeliness(due=DUE, completed_on=done, today=D(today)) == expected


def test_plan_timeliness_refuses():
    assert error_of(rules.plan_timeliness, due="2026-06-01", completed_on=None, today=DUE) == {
        "field": "due", "message": "must be a date (YYYY-MM-DD)"}
    assert error_of(rules.plan_timeliness, due=DUE, completed_on=None, today="x") == {
        "field": "today", "message": "must be a date (YYYY-MM-DD)"}
    assert error_of(rules.plan_timeliness, due=DUE, completed_on="2026-05-01", today=DUE) == {
        "field": "completed_on", "message": "must be a date (YYYY-MM-DD)"}


@pytest.mark.parametrize(("on_time", "late", "rate", "meets", "words"), [
    (19, 1, 95.0, True, "19 of 20 plans completed on time (95%); the target is 95%: met."),
    (18, 1, 94.7, False, "18 of 19 plans completed on time (94.7%); the target is 95%: not met."),
    (20, 0, 100.0, True, "20 of 20 plans completed on time (100%); the target is 95%: met."),
    (0, 3, 0.0, False, "0 of 3 plans completed on time (0%); the target is 95%: not met."),
    (1, 2, 33.3, False, "1 of 3 plans completed on time (33.3%); the target is 95%: not met."),
])
def test_the_on_time_rate_at_the_target(on_time, late, rate, meets, words):
    values = ["on_time"] * on_time + ["not_due"] * 3 + ["late"] * late
    result = rules.on_time_rate(iter(values))
    assert result == OnTimeResult(on_time + late, on_time, rate, meets,
                                  (Reason("s13_on_time_rate", S13, words),))
    assert result.as_dict() == {"counted": on_time + late, "on_time": on_time, "rate": rate,
                                "meets_target": meets,
                                "reasons": [{"code": "s13_on_time_rate", "section": S13,
                                             "text": words}]}


def test_the_target_is_met_on_the_unrounded_rate():
    # every plan on time meets 100%; 199 of 200 (99.5%) does not
    config = ResettlementConfig(on_time_target_percent=100)
    assert rules.on_time_rate(["on_time"] * 2, config=config).meets_target is True
    assert rules.on_time_rate(["on_time"] * 199 + ["late"], config=config).meets_target is False
    ninety = ResettlementConfig(on_time_target_percent=90)
    result = rules.on_time_rate(["on_time"] * 9 + ["late"], config=ninety)
    assert (result.rate, result.meets_target) == (90.0, True)
    assert result.reasons[0].text.endswith("the target is 90%: met.")


def test_nothing_due_yet():
    assert rules.on_time_rate(["not_due", "not_due"]) == OnTimeResult(0, 0, None, None, (Reason(
        "s13_on_time_nothing_due", S13, "No resettlement plan has fallen due yet."),))
    assert rules.on_time_rate([]).counted == 0


def test_an_unknown_timeliness_value_is_refused():
    assert error_of(rules.on_time_rate, ["on_time", "early"]) == {
        "field": "timeliness",
        "message": "unknown value 'early'; use ('on_time', 'late', 'not_due')"}
