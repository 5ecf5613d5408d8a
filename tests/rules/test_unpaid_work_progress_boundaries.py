"""Boundaries of unpaid work progress in hours (operating-model.md §12), pinned exactly.

Written against mutation testing (issue 25): hours ordered 39 / 40 and 300 / 301, the 28th day
before projecting (27, 28), a projection finishing the day before, of and after the deadline,
the deadline the day of and after, the late window opening the day before and of, 25% of the
hours left and just over, the ETE cap at and over 20%, the century cap on a projection, whole
results with their reasons, every configuration option and every input error through
``RuleInputError.as_dict()``.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.unpaid_work.progress import (
    _OVERRUN_WARNINGS,
    DEFAULT_UPW,
    WARNING_CODES,
    UpwConfig,
    UpwInput,
    UpwResult,
    _h,
    assess_upw,
)

D = date.fromisoformat
S12 = "operating-model.md §12"
SENTENCE = D("2026-01-31")  # deadline Sunday 31 January 2027
HOURS = Reason("s12_hours", S12, "10 of 100 hours credited; 90 hours to do by Sunday 31 "
               "January 2027 (12 months from sentence).")
OPPORTUNITY = Reason("s12_ete_opportunity", S12,
                     "Up to 20 hours more could be spent on education, training or employment.")


def upw(as_of: str, other: float = 0, ete: float = 0, hours: int = 100, **kwargs) -> UpwResult:
    return assess_upw(UpwInput(hours, SENTENCE, D(as_of), hours_worked_ete=ete,
                               hours_worked_other=other, **kwargs))


def error_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        call(*args, **kwargs)
    return error.value.as_dict()


# --- configuration ---------------------------------------------------------------------------

def test_the_defaults():
    assert DEFAULT_UPW == UpwConfig(40, 300, 0.2, 12, 28, 3, 0.25)
    assert WARNING_CODES == ("upw_projected_overrun", "upw_behind_near_deadline",
                             "upw_deadline_passed", "upw_ete_over_cap")
    assert _OVERRUN_WARNINGS == {"upw_projected_overrun", "upw_behind_near_deadline",
                                 "upw_deadline_passed"}


@pytest.mark.parametrize("name", ["min_hours", "max_hours", "completion_months",
                                  "min_days_before_projecting", "late_window_months"])
@pytest.mark.parametrize("value", [0, -1, True, 1.5, None])
def test_whole_number_options_are_1_or_more(name, value):
    kwargs = {name: value}
    if name == "min_hours":
        kwargs["max_hours"] = 300
    assert error_of(UpwConfig, **kwargs) == {"field": name,
                                             "message": "must be a whole number, 1 or more"}


def test_whole_number_options_may_be_1():
    config = UpwConfig(min_hours=1, max_hours=1, completion_months=1,
                       min_days_before_projecting=1, late_window_months=1)
    assert (config.min_hours, config.max_hours) == (1, 1)


def test_min_hours_above_max_hours_is_refused():
    assert error_of(UpwConfig, min_hours=41, max_hours=40) == {
        "field": "min_hours", "message": "must not be above max_hours"}


@pytest.mark.parametrize("name", ["ete_cap_fraction", "late_window_remaining_fraction"])
@pytest.mark.parametrize("value", [-0.01, 1.01, True, "0.2", None])
def test_fractions_are_between_0_and_1(name, value):
    assert error_of(UpwConfig, **{name: value}) == {
        "field": name, "message": "must be a fraction between 0 and 1"}


@pytest.mark.parametrize("value", [0, 1, 0.5])
def test_fractions_may_be_0_or_1(value):
    assert UpwConfig(ete_cap_fraction=value,
                     late_window_remaining_fraction=value).ete_cap_fraction == value


# --- input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("hours", [40, 300])
def test_40_to_300_hours_may_be_ordered(hours):
    assert upw("2026-01-31", hours=hours).hours_ordered == hours


@pytest.mark.parametrize("hours", [39, 301])
def test_hours_outside_40_to_300_are_refused(hours):
    assert error_of(upw, "2026-01-31", hours=hours) == {
        "field": "hours_ordered", "message": f"must be between 40 and 300 hours, not {hours}"}


@pytest.mark.parametrize("hours", [True, 100.0, "100"])
def test_hours_ordered_is_a_whole_number(hours):
    assert error_of(upw, "2026-01-31", hours=hours) == {
        "field": "hours_ordered", "message": "must be a whole number of hours"}


def test_configured_hour_limits():
    config = UpwConfig(min_hours=10, max_hours=20)
    ok = assess_upw(UpwInput(10, SENTENCE, SENTENCE), config)
    assert ok.hours_ordered == 10
    assert error_of(assess_upw, UpwInput(21, SENTENCE, SENTENCE), config) == {
        "field": "hours_ordered", "message": "must be between 10 and 20 hours, not 21"}


@pytest.mark.parametrize("field", ["sentence_date", "as_of"])
@pytest.mark.parametrize("value", ["2026-01-31", datetime(2026, 1, 31, 10), None])
def test_dates_must_be_dates(field, value):
    kwargs = {"hours_ordered": 100, "sentence_date": SENTENCE, "as_of": SENTENCE, field: value}
    assert error_of(assess_upw, UpwInput(**kwargs)) == {
        "field": field, "message": "must be a date (YYYY-MM-DD)"}


def test_as_of_the_day_before_sentence_is_refused_and_the_day_of_allowed():
    assert error_of(upw, "2026-01-30") == {"field": "as_of",
                                            "message": "cannot be before the sentence date"}
    assert upw("2026-01-31").hours_remaining == 100.0


@pytest.mark.parametrize("extended", [SENTENCE, D("2026-01-30"), "2027-06-30",
                                      datetime(2027, 6, 30)])
def test_an_extension_must_be_a_date_after_sentence(extended):
    assert error_of(upw, "2026-03-01", deadline_extended_to=extended) == {
        "field": "deadline_extended_to", "message": "must be a date after the sentence date"}


def test_an_extension_to_the_day_after_sentence_is_allowed_and_named():
    result = upw("2026-02-01", other=10, deadline_extended_to=D("2026-02-01"))
    assert result.deadline == D("2026-02-01")
    assert result.reasons[0].text == (
        "10 of 100 hours credited; 90 hours to do by Sunday 1 February 2026 (extended by the "
        "court).")


@pytest.mark.parametrize("field", ["hours_worked_ete", "hours_worked_other"])
@pytest.mark.parametrize("value", [-0.5, math.nan, math.inf, True, "1"])
def test_hours_worked_are_0_or_more(field, value):
    kwargs = {"hours_ordered": 100, "sentence_date": SENTENCE, "as_of": SENTENCE, field: value}
    assert error_of(assess_upw, UpwInput(**kwargs)) == {
        "field": field, "message": "must be a number of hours, 0 or more"}


@pytest.mark.parametrize(("value", "words"), [
    (0, "0 hours"), (1, "1 hour"), (1.0, "1 hour"), (7.5, "7.5 hours"), (1.25, "1.25 hours"),
    (10, "10 hours"), (2.004, "2 hours"), (0.5, "0.5 hours")])
def test_hours_in_words(value, words):
    assert _h(value) == words


# --- whole results ---------------------------------------------------------------------------

def test_on_track_whole():
    result = upw("2026-03-01", other=10)
    assert result == UpwResult(
        100, 10.0, 90.0, 20.0, 0.0, 0.0, 20.0, D("2027-01-31"), D("2026-11-17"), False, 1.9,
        False, (), (HOURS, OPPORTUNITY,
                    Reason("s12_on_track", S12, "At 2.4 hours a week the hours will be finished "
                           "about Tuesday 17 November 2026, before the deadline."),
                    Reason("s12_required_pace", S12,
                           "Finishing on time needs about 1.9 hours a week from now.")))
    assert result.as_dict()["deadline"] == "2027-01-31"
    assert result.as_dict()["projected_completion"] == "2026-11-17"
    assert result.as_dict()["warnings"] == []
    assert result.as_dict()["reasons"][0] == HOURS.as_dict()
    assert result.as_dict()["hours_remaining"] == 90.0


@pytest.mark.parametrize(("as_of", "elapsed", "projects"), [
    ("2026-02-27", 27, False), ("2026-02-28", 28, True), ("2026-03-01", 29, True)])
def test_no_projection_before_day_28(as_of, elapsed, projects):
    result = upw(as_of, other=10)
    if projects:
        assert result.reasons[2].code == "s12_on_track"
        assert result.will_overrun is False and result.projected_completion is not None
    else:
        assert result.reasons[2] == Reason(
            "s12_too_early_to_project", S12,
            f"Sentenced {elapsed} days ago: completion is projected from day 28.")
        assert (result.will_overrun, result.projected_completion) == (None, None)
        assert result.flagged is False and result.warnings == ()


def test_a_configured_projection_start():
    config = UpwConfig(min_days_before_projecting=7)
    result = assess_upw(UpwInput(100, SENTENCE, D("2026-02-06"), hours_worked_other=1), config)
    assert result.reasons[2].text == "Sentenced 6 days ago: completion is projected from day 7."
    result = assess_upw(UpwInput(100, SENTENCE, D("2026-02-07"), hours_worked_other=1), config)
    assert result.reasons[2].code == "s12_projected_overrun"


def test_no_hours_after_28_days_will_overrun():
    result = upw("2026-02-28")
    assert result.will_overrun is True and result.flagged is True
    assert result.warnings == ("upw_projected_overrun",)
    assert result.reasons[2] == Reason(
        "s12_no_hours_worked", S12, "No hours credited in the 28 days since sentence: at this "
        "rate the order will not be completed by Sunday 31 January 2027.")
    assert result.required_hours_per_week == 2.1


@pytest.mark.parametrize(("hours", "projected", "overrun"), [
    (47.5, "2027-01-29", False), (47.25, "2027-01-31", False), (47.0, "2027-02-01", True)])
def test_a_projection_the_day_before_of_and_after_the_deadline(hours, projected, overrun):
    result = upw("2026-07-22", other=hours)
    assert (result.projected_completion, result.will_overrun) == (D(projected), overrun)
    assert result.flagged is overrun
    if overrun:
        assert result.warnings == ("upw_projected_overrun",)
        assert result.reasons[2] == Reason(
            "s12_projected_overrun", S12,
            "At 1.9 hours a week the hours would be finished about Monday 1 February 2027, "
            "after the deadline of Sunday 31 January 2027: increase the hours (intensive working "
            "if unemployed) now.")
    else:
        assert result.warnings == ()
        assert result.reasons[2].text == (
            f"At 1.9 hours a week the hours will be finished about "
            f"{'Friday 29' if hours == 47.5 else 'Sunday 31'} January 2027, before the "
            "deadline.")


def test_a_trickle_of_hours_is_projected_a_century_ahead_at_most():
    result = upw("2026-02-28", other=0.01, hours=300)
    assert result.projected_completion == D("2026-02-28") + timedelta(days=36_525)
    assert result.reasons[2].text.startswith("At 0 hours a week the hours would be finished "
                                             "about Friday 1 March 2126")


@pytest.mark.parametrize(("as_of", "passed"), [("2027-01-30", False), ("2027-01-31", False),
                                               ("2027-02-01", True)])
def test_the_deadline_the_day_before_of_and_after(as_of, passed):
    result = upw(as_of, other=10)
    assert ("upw_deadline_passed" in result.warnings) is passed
    if passed:
        assert result.reasons[2] == Reason(
            "s12_deadline_passed", S12, "The deadline of Sunday 31 January 2027 has passed with "
            "90 hours still to do: return to court for an extension or breach.")
        assert (result.will_overrun, result.required_hours_per_week) == (True, None)
        assert result.warnings == ("upw_deadline_passed",)
    else:
        assert "upw_behind_near_deadline" in result.warnings


@pytest.mark.parametrize(("as_of", "required"), [("2027-01-30", 630.0), ("2027-01-31", None)])
def test_the_pace_needed_until_the_last_day(as_of, required):
    result = upw(as_of, other=10)
    assert result.required_hours_per_week == required
    if required:
        assert result.reasons[-1] == Reason(
            "s12_required_pace", S12, "Finishing on time needs about 630 hours a week from now.")
    else:
        assert result.reasons[-1].code == "s12_behind_near_deadline"


@pytest.mark.parametrize(("as_of", "flag"), [("2026-10-30", False), ("2026-10-31", True)])
def test_the_late_window_opens_three_months_before_the_deadline(as_of, flag):
    result = upw(as_of, other=70)  # 30% left (the rate projection overruns on both days)
    assert ("upw_behind_near_deadline" in result.warnings) is flag
    if flag:
        assert result.reasons[3] == Reason(
            "s12_behind_near_deadline", S12, "Less than 3 months to the deadline with 30% of "
            "the hours still to do (more than 25%): prioritise unpaid work.")


@pytest.mark.parametrize(("done", "flag"), [(75, False), (74.5, True)])
def test_25_percent_left_is_not_behind_and_just_over_is(done, flag):
    result = upw("2026-12-01", other=done)
    assert ("upw_behind_near_deadline" in result.warnings) is flag


def test_a_configured_late_window():
    config = UpwConfig(late_window_months=6, late_window_remaining_fraction=0.5)
    result = assess_upw(UpwInput(100, SENTENCE, D("2026-07-31"), hours_worked_other=49),
                        config)
    assert result.warnings == ("upw_projected_overrun", "upw_behind_near_deadline")
    assert result.reasons[3].text == (
        "Less than 6 months to the deadline with 51% of the hours still to do (more than 50%): "
        "prioritise unpaid work.")
    assert assess_upw(UpwInput(100, SENTENCE, D("2026-07-30"), hours_worked_other=49),
                      config).warnings == ("upw_projected_overrun",)


def test_a_configured_completion_period():
    result = assess_upw(UpwInput(100, SENTENCE, D("2026-03-01"), hours_worked_other=10),
                        UpwConfig(completion_months=18))
    assert result.deadline == D("2027-07-31")
    assert result.reasons[0].text.endswith("by Saturday 31 July 2027 (18 months from sentence).")


# --- the ETE cap -----------------------------------------------------------------------------

def test_ete_at_the_cap_is_all_credited():
    result = upw("2026-03-01", ete=20, other=10)
    assert (result.ete_cap_hours, result.ete_hours_credited, result.ete_hours_rejected,
            result.ete_unused_hours, result.hours_credited) == (20.0, 20.0, 0.0, 0.0, 30.0)
    assert "upw_ete_over_cap" not in result.warnings
    assert [r.code for r in result.reasons][:2] == ["s12_hours", "s12_on_track"]


def test_ete_over_the_cap_is_not_credited_and_does_not_flag():
    result = upw("2026-03-01", ete=20.5, other=10)
    assert (result.ete_hours_credited, result.ete_hours_rejected) == (20.0, 0.5)
    assert result.warnings == ("upw_ete_over_cap",)
    assert result.flagged is False
    assert result.reasons[1] == Reason(
        "s12_ete_over_cap", S12,
        "0.5 hours of ETE not credited: at most 20 hours (20% of the hours ordered) may be ETE.")


def test_the_unused_ete_is_at_most_what_is_left_to_do():
    result = upw("2026-03-01", ete=5, other=90)
    assert (result.hours_remaining, result.ete_unused_hours) == (5.0, 5.0)
    assert result.reasons[1] == Reason(
        "s12_ete_opportunity", S12,
        "Up to 5 hours more could be spent on education, training or employment.")


def test_a_configured_ete_cap():
    result = assess_upw(UpwInput(100, SENTENCE, D("2026-03-01"), hours_worked_ete=40),
                        UpwConfig(ete_cap_fraction=0.3))
    assert (result.ete_cap_hours, result.ete_hours_rejected) == (30.0, 10.0)
    assert result.reasons[1].text == (
        "10 hours of ETE not credited: at most 30 hours (30% of the hours ordered) may be ETE.")


def test_complete_whole():
    result = upw("2026-03-01", ete=25, other=80)
    assert result == UpwResult(
        100, 100.0, 0.0, 20.0, 20.0, 5.0, 0.0, D("2027-01-31"), None, False, None, False,
        ("upw_ete_over_cap",),
        (Reason("s12_hours", S12, "100 of 100 hours credited; 0 hours to do by Sunday 31 "
                "January 2027 (12 months from sentence)."),
         Reason("s12_ete_over_cap", S12, "5 hours of ETE not credited: at most 20 hours (20% "
                "of the hours ordered) may be ETE."),
         Reason("s12_complete", S12, "All the hours ordered have been worked.")))


def test_more_hours_than_ordered_credit_only_the_order_even_after_the_deadline():
    result = upw("2027-03-01", other=150)
    assert (result.hours_credited, result.hours_remaining) == (100.0, 0.0)
    assert result.warnings == () and result.will_overrun is False


# --- survivors of the first mutation run -----------------------------------------------------

def test_hours_are_rounded_to_two_places():
    result = assess_upw(UpwInput(41, SENTENCE, D("2026-03-01"), hours_worked_ete=6.006,
                                 hours_worked_other=10.004), UpwConfig(ete_cap_fraction=0.123))
    assert (result.ete_cap_hours, result.ete_hours_credited, result.ete_hours_rejected,
            result.hours_credited, result.hours_remaining) == (5.04, 5.04, 0.97, 15.04, 25.96)
    assert result.reasons[1].text == (
        "0.97 hours of ETE not credited: at most 5.04 hours (12% of the hours ordered) may be "
        "ETE.")


def test_half_an_hour_of_ete_headroom_is_still_an_opportunity():
    result = upw("2026-03-01", ete=19.5, other=10)
    assert result.ete_unused_hours == 0.5
    assert result.reasons[1] == Reason(
        "s12_ete_opportunity", S12,
        "Up to 0.5 hours more could be spent on education, training or employment.")


def test_half_an_hour_left_is_not_complete():
    result = upw("2026-03-01", other=99.5)
    assert (result.hours_remaining, result.will_overrun) == (0.5, False)
    assert "s12_complete" not in [r.code for r in result.reasons]
