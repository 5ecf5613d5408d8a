"""Boundaries of the unpaid work ledger in minutes (operating-model.md §12), pinned exactly.

Written against mutation testing (issue 25): a whole ledger and its ``as_dict``; minutes in
words; the ETE cap at and one minute over; a penalty equal to and over the time worked; the
28th day; a projection finishing the day before, of and after the deadline; the deadline the
day of and after; the late window and 25% left on both sides; every adjustment check at its
limit and one over (cap, date, ETE headroom, owed, credited); and every input error through
``RuleInputError.as_dict()``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.unpaid_work.ledger import (
    ADJUSTMENT_REASONS,
    OUTCOMES,
    Adjustment,
    AdjustmentReason,
    Ledger,
    LedgerInput,
    SessionCredit,
    check_adjustment,
    ete_headroom,
    hm,
    ledger,
    session_credit,
)
from desist.rules.unpaid_work.progress import UpwConfig

D = date.fromisoformat
S12 = "operating-model.md §12"
SENTENCE = D("2026-01-31")  # deadline Sunday 31 January 2027, 365 days later


def worked(minutes: int, on: str = "2026-02-10", **kwargs) -> SessionCredit:
    return SessionCredit(D(on), "attended", minutes, **kwargs)


def book(as_of: str, *sessions: SessionCredit, hours: tuple[int, ...] = (100,),
         adjustments: tuple[Adjustment, ...] = (), **kwargs) -> Ledger:
    return ledger(LedgerInput(hours, SENTENCE, D(as_of), tuple(sessions), adjustments, **kwargs))


def error_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        call(*args, **kwargs)
    return error.value.as_dict()


# --- minutes in words ------------------------------------------------------------------------

@pytest.mark.parametrize(("minutes", "words"), [
    (0, "0 minutes"), (1, "1 minute"), (59, "59 minutes"), (60, "1 hour"),
    (61, "1 hour 1 minute"), (119, "1 hour 59 minutes"), (120, "2 hours"),
    (121, "2 hours 1 minute"), (450, "7 hours 30 minutes"), (-1, "minus 1 minute"),
    (-61, "minus 1 hour 1 minute"), (-120, "minus 2 hours")])
def test_minutes_in_words(minutes, words):
    assert hm(minutes) == words


# --- the adjustment table and session credit -------------------------------------------------

def test_the_adjustment_table():
    assert ADJUSTMENT_REASONS == {
        "travel_time": AdjustmentReason("travel_time", "Travel time to a distant placement",
                                        True, False, 180),
        "induction": AdjustmentReason("induction", "Induction attended", True, False, 240),
        "ete": AdjustmentReason("ete", "Education, training or employment done elsewhere",
                                True, False, 3600, ete=True),
        "recording_error": AdjustmentReason("recording_error", "Correcting a recording error",
                                            True, True, 480),
        "court_direction": AdjustmentReason("court_direction", "Directed by the court", True,
                                            True, 18000),
    }
    assert OUTCOMES == ("attended", "sent_home", "failed_to_attend",
                              "acceptable_absence", "unacceptable_absence")


@pytest.mark.parametrize(("outcome", "credit"), [
    ("attended", 390), ("sent_home", 390), ("failed_to_attend", 0), ("acceptable_absence", 0),
    ("unacceptable_absence", 0)])
def test_only_attendance_credits_time_less_penalty(outcome, credit):
    assert session_credit(SessionCredit(SENTENCE, outcome, 420, 30)) == credit


def test_a_penalty_equal_to_the_time_worked_credits_nothing():
    assert session_credit(SessionCredit(SENTENCE, "attended", 60, 60)) == 0
    assert session_credit(SessionCredit(SENTENCE, "attended", 60, 61)) == 0


# --- a whole ledger --------------------------------------------------------------------------

def test_a_whole_ledger_of_two_requirements():
    result = book(
        "2026-03-01",
        worked(420, penalty_minutes=30), SessionCredit(D("2026-02-11"), "sent_home", 120),
        SessionCredit(D("2026-02-12"), "failed_to_attend", 300),
        worked(600, "2026-02-13", ete=True),
        hours=(100, 40),
        adjustments=(Adjustment(D("2026-02-14"), "travel_time", 60),
                     Adjustment(D("2026-02-15"), "ete", 30)))
    assert result.as_dict() == {
        "ordered_minutes": 8400, "session_minutes": 1140, "adjustment_minutes": 60,
        "ete_minutes_worked": 630, "ete_minutes_credited": 630, "ete_cap_minutes": 1680,
        "credited_minutes": 1200, "remaining_minutes": 7200, "deadline": "2027-01-31",
        "days_elapsed": 29, "projected_completion": "2026-08-22", "will_overrun": False,
        "at_risk": False, "complete": False, "warnings": [], "percent_complete": 14,
        "reasons": [
            {"code": "s12_ledger", "section": S12,
             "text": "20 hours of 140 hours credited; 120 hours to do by Sunday 31 January 2027 "
                     "(12 months from sentence)."},
            {"code": "s12_hours_summed", "section": S12,
             "text": "Hours ordered on each requirement are added together: 100 + 40 = 140 "
                     "hours."},
            {"code": "s12_ete_opportunity", "section": S12,
             "text": "Up to 17 hours 30 minutes more could be spent on education, training or "
                     "employment."},
            {"code": "s12_on_track", "section": S12,
             "text": "At 4 hours 49 minutes a week the hours will be finished about Saturday 22 "
                     "August 2026, on or before the deadline."},
        ],
    }


def test_one_requirement_is_not_summed_and_an_extension_is_named():
    result = book("2026-03-01", worked(600), deadline_extended_to=D("2027-06-30"))
    assert result.deadline == D("2027-06-30")
    assert [r.code for r in result.reasons] == ["s12_ledger", "s12_ete_opportunity",
                                                "s12_on_track"]
    assert result.reasons[0].text == (
        "10 hours of 100 hours credited; 90 hours to do by Wednesday 30 June 2027 (extended by "
        "the court).")


def test_percent_complete_rounds_down_and_an_empty_order_is_complete():
    result = book("2026-03-01", worked(599))
    assert result.percent_complete == 9
    assert replace(result, ordered_minutes=0).percent_complete == 100


# --- the ETE cap -----------------------------------------------------------------------------

def test_ete_at_the_cap_is_credited_in_full():
    result = book("2026-03-01", worked(1200, ete=True))
    assert (result.ete_minutes_worked, result.ete_minutes_credited, result.ete_cap_minutes) == (
        1200, 1200, 1200)
    assert result.warnings == ()
    assert "s12_ete_opportunity" not in [r.code for r in result.reasons]


def test_ete_one_minute_over_the_cap():
    result = book("2026-03-01", worked(1200, ete=True),
                  adjustments=(Adjustment(D("2026-02-14"), "ete", 1),))
    assert (result.ete_minutes_worked, result.ete_minutes_credited) == (1201, 1200)
    assert result.credited_minutes == 1200
    assert result.warnings == ("upw_ete_over_cap",)
    assert result.at_risk is False
    assert result.reasons[1] == Reason(
        "s12_ete_over_cap", S12, "1 minute of education, training or employment not credited: "
        "at most 20 hours (20% of the hours ordered) may be ETE.")


def test_a_configured_ete_cap():
    result = ledger(LedgerInput((100,), SENTENCE, D("2026-03-01"), (worked(2000, ete=True),)),
                    UpwConfig(ete_cap_fraction=0.3))
    assert result.ete_cap_minutes == 1800
    assert result.reasons[1].text == (
        "3 hours 20 minutes of education, training or employment not credited: at most 30 hours "
        "(30% of the hours ordered) may be ETE.")


def test_the_ete_opportunity_is_at_most_what_is_left():
    result = book("2026-03-01", worked(5900))
    assert result.remaining_minutes == 100
    assert result.reasons[1] == Reason(
        "s12_ete_opportunity", S12,
        "Up to 1 hour 40 minutes more could be spent on education, training or employment.")
    assert ete_headroom(result) == 100
    assert ete_headroom(book("2026-03-01", worked(600, ete=True))) == 600
    assert ete_headroom(book("2026-03-01", worked(1300, ete=True))) == 0


def test_a_negative_ete_adjustment_credits_no_negative_ete():
    result = book("2026-03-01", worked(600),
                  adjustments=(Adjustment(D("2026-02-14"), "ete", -60),))
    assert (result.ete_minutes_worked, result.ete_minutes_credited) == (-60, 0)
    assert result.credited_minutes == 600


def test_time_taken_off_never_credits_below_zero():
    result = book("2026-03-01", adjustments=(Adjustment(D("2026-02-14"), "recording_error",
                                                        -60),))
    assert (result.adjustment_minutes, result.credited_minutes) == (-60, 0)


# --- complete, the projection and the deadline -----------------------------------------------

def test_complete_exactly():
    result = book("2027-03-01", worked(6000))
    assert (result.credited_minutes, result.remaining_minutes, result.complete) == (6000, 0, True)
    assert (result.projected_completion, result.will_overrun, result.at_risk) == (None, False,
                                                                                   False)
    assert result.reasons[-1] == Reason("s12_complete", S12,
                                        "All the hours ordered have been worked.")
    over = book("2026-03-01", worked(7000))
    assert (over.credited_minutes, over.session_minutes, over.complete) == (6000, 7000, True)


@pytest.mark.parametrize(("as_of", "elapsed", "projects"), [
    ("2026-02-27", 27, False), ("2026-02-28", 28, True)])
def test_no_projection_before_day_28(as_of, elapsed, projects):
    result = book(as_of, worked(600))
    if projects:
        assert result.reasons[-1].code == "s12_on_track"
    else:
        assert result.reasons[-1] == Reason(
            "s12_too_early_to_project", S12,
            f"Sentenced {elapsed} days ago: completion is projected from day 28.")
        assert (result.projected_completion, result.will_overrun) == (None, None)


def test_no_minutes_after_28_days():
    result = book("2026-02-28")
    assert (result.will_overrun, result.at_risk) == (True, True)
    assert result.warnings == ("upw_projected_overrun",)
    assert result.reasons[-1] == Reason(
        "s12_no_hours_worked", S12, "No hours credited in the 28 days since sentence: at this "
        "rate the order will not be completed by Sunday 31 January 2027.")


@pytest.mark.parametrize(("minutes", "projected", "overrun"), [
    (1210, "2027-01-28", False), (1200, "2027-01-31", False), (1199, "2027-02-01", True)])
def test_a_projection_the_day_before_of_and_after_the_deadline(minutes, projected, overrun):
    result = book("2026-04-14", worked(minutes))  # 73 days after sentence
    assert (result.projected_completion, result.will_overrun, result.at_risk) == (
        D(projected), overrun, overrun)
    per_week = hm(minutes * 7 // 73)
    if overrun:
        assert result.warnings == ("upw_projected_overrun",)
        assert result.reasons[-1] == Reason(
            "s12_projected_overrun", S12,
            f"At {per_week} a week the hours would be finished about Monday 1 February 2027, "
            "after the deadline of Sunday 31 January 2027: increase the hours (intensive "
            "working if not in work) now.")
    else:
        assert result.warnings == ()
        assert result.reasons[-1].text.startswith(f"At {per_week} a week the hours will be "
                                                  "finished about ")


def test_a_trickle_is_projected_a_century_ahead_at_most():
    result = book("2026-02-28", worked(1), hours=(300,))
    assert result.projected_completion == D("2026-02-28") + timedelta(days=36_525)


@pytest.mark.parametrize(("as_of", "passed"), [("2027-01-31", False), ("2027-02-01", True)])
def test_the_deadline_the_day_of_and_after(as_of, passed):
    result = book(as_of, worked(600))
    assert ("upw_deadline_passed" in result.warnings) is passed
    if passed:
        assert result.warnings == ("upw_deadline_passed",)
        assert result.reasons[-1] == Reason(
            "s12_deadline_passed", S12, "The deadline of Sunday 31 January 2027 has passed with "
            "90 hours still to do: return to court for an extension or breach.")
        assert result.projected_completion is None
    assert result.will_overrun is True and result.at_risk is True


@pytest.mark.parametrize(("as_of", "behind"), [("2026-10-30", False), ("2026-10-31", True)])
def test_the_late_window_opens_three_months_before_the_deadline(as_of, behind):
    result = book(as_of, worked(4200))  # 30% left
    assert ("upw_behind_near_deadline" in result.warnings) is behind
    if behind:
        assert result.reasons[-1] == Reason(
            "s12_behind_near_deadline", S12, "Less than 3 months to the deadline with 30% of the "
            "hours still to do (more than 25%): prioritise unpaid work.")


@pytest.mark.parametrize(("minutes", "behind"), [(4500, False), (4499, True)])
def test_a_quarter_left_is_not_behind_and_a_minute_more_is(minutes, behind):
    result = book("2026-12-01", worked(minutes))
    assert ("upw_behind_near_deadline" in result.warnings) is behind


def test_the_late_window_after_the_deadline_does_not_apply():
    result = book("2027-02-01", worked(600))
    assert "upw_behind_near_deadline" not in result.warnings


def test_a_configured_late_window_and_completion_period():
    config = UpwConfig(completion_months=6, late_window_months=1,
                       late_window_remaining_fraction=0.5)
    result = ledger(LedgerInput((100,), SENTENCE, D("2026-06-30"), (worked(2900),)), config)
    assert result.deadline == D("2026-07-31")
    assert result.reasons[0].text.endswith("(6 months from sentence).")
    assert result.warnings[-1] == "upw_behind_near_deadline"
    assert result.reasons[-1].text == (
        "Less than 1 month to the deadline with 51% of the hours still to do (more than 50%): "
        "prioritise unpaid work.")
    assert "upw_behind_near_deadline" not in ledger(
        LedgerInput((100,), SENTENCE, D("2026-06-29"), (worked(2900),)), config).warnings


# --- input errors ----------------------------------------------------------------------------

@pytest.mark.parametrize(("led", "error"), [
    (LedgerInput((), SENTENCE, SENTENCE),
     {"field": "hours_ordered", "message": "there is no unpaid work requirement"}),
    (LedgerInput((100, 39), SENTENCE, SENTENCE),
     {"field": "hours_ordered", "message": "each requirement must be between 40 and 300 hours, "
                                           "not 39"}),
    (LedgerInput((301,), SENTENCE, SENTENCE),
     {"field": "hours_ordered", "message": "each requirement must be between 40 and 300 hours, "
                                           "not 301"}),
    (LedgerInput((True,), SENTENCE, SENTENCE),
     {"field": "hours_ordered", "message": "each requirement must be between 40 and 300 hours, "
                                           "not True"}),
    (LedgerInput((100.0,), SENTENCE, SENTENCE),
     {"field": "hours_ordered", "message": "each requirement must be between 40 and 300 hours, "
                                           "not 100.0"}),
    (LedgerInput((100,), "2026-01-31", SENTENCE),
     {"field": "sentence_date", "message": "must be a date (YYYY-MM-DD)"}),
    (LedgerInput((100,), SENTENCE, datetime(2026, 3, 1)),
     {"field": "as_of", "message": "must be a date (YYYY-MM-DD)"}),
    (LedgerInput((100,), SENTENCE, D("2026-01-30")),
     {"field": "as_of", "message": "cannot be before the sentence date"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "late", 60),)),
     {"field": "outcome", "message": "unknown outcome 'late'"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "attended", -1),)),
     {"field": "minutes_worked", "message": "must be a whole number of minutes, 0 or more"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "attended", True),)),
     {"field": "minutes_worked", "message": "must be a whole number of minutes, 0 or more"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "attended", 60.0),)),
     {"field": "minutes_worked", "message": "must be a whole number of minutes, 0 or more"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "attended", 60, -1),)),
     {"field": "penalty_minutes", "message": "must be a whole number of minutes, 0 or more"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "attended", 60, 61),)),
     {"field": "penalty_minutes", "message": "cannot be more than the time worked"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (), (Adjustment(SENTENCE, "luck", 60),)),
     {"field": "reason", "message": "unknown adjustment reason 'luck'"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (), (Adjustment(SENTENCE, "induction", 1.5),)),
     {"field": "minutes", "message": "must be a whole number of minutes"}),
    (LedgerInput((100,), SENTENCE, SENTENCE, (), (Adjustment(SENTENCE, "induction", False),)),
     {"field": "minutes", "message": "must be a whole number of minutes"}),
])
def test_the_ledger_refuses(led, error):
    assert error_of(ledger, led) == error


def test_the_bounds_of_the_input_are_allowed():
    result = ledger(LedgerInput(
        (40, 300), SENTENCE, SENTENCE, (SessionCredit(SENTENCE, "attended", 60, 60),
                                        SessionCredit(SENTENCE, "attended", 0)),
        (Adjustment(SENTENCE, "recording_error", -5),)))
    assert (result.ordered_minutes, result.credited_minutes) == (20400, 0)


# --- checking an adjustment ------------------------------------------------------------------

TODAY = D("2026-03-01")
CURRENT = book("2026-03-01", worked(600), worked(300, ete=True))  # 15 h of 100, 5 h ETE


def problems(reason: str, minutes: object, on: str = "2026-02-20",
             current: Ledger = CURRENT) -> tuple[Reason, ...]:
    return check_adjustment(current, Adjustment(D(on), reason, minutes),
                            sentence_date=SENTENCE, today=TODAY)


def test_a_good_adjustment_has_no_problems():
    assert problems("travel_time", 60) == ()
    assert problems("recording_error", -60) == ()


def test_an_unknown_reason_is_the_only_problem():
    assert problems("luck", 0, on="2030-01-01") == (Reason(
        "s12_adjustment_reason", S12, "Choose a reason from the list."),)


@pytest.mark.parametrize("minutes", [0, True, 1.5, None])
def test_no_time_or_not_whole_minutes_is_the_only_problem(minutes):
    assert problems("travel_time", minutes, on="2030-01-01") == (Reason(
        "s12_adjustment_minutes", S12, "Enter the time to add or take off, in whole minutes."),)


def test_a_reason_that_only_adds_time():
    assert problems("induction", -1) == (Reason(
        "s12_adjustment_direction", S12, "Induction attended can only add time."),)


def test_a_reason_that_only_takes_time_off(monkeypatch):
    monkeypatch.setitem(ADJUSTMENT_REASONS, "clawback",
                        AdjustmentReason("clawback", "Clawing back", False, True, 120))
    assert problems("clawback", 1) == (Reason(
        "s12_adjustment_direction", S12, "Clawing back can only take time off."),)
    assert problems("clawback", -1) == ()


@pytest.mark.parametrize(("reason", "minutes", "words"), [
    ("travel_time", 181, "Travel time to a distant placement is at most 3 hours for one "
                         "adjustment; 3 hours 1 minute is more."),
    ("recording_error", -481, "Correcting a recording error is at most 8 hours for one "
                              "adjustment; 8 hours 1 minute is more."),
])
def test_one_minute_over_the_reasons_cap(reason, minutes, words):
    current = book("2026-03-01", worked(3000))
    assert check_adjustment(current, Adjustment(D("2026-02-20"), reason, minutes),
                            sentence_date=SENTENCE, today=TODAY) == (
        Reason("s12_adjustment_over_cap", S12, words),)
    at_cap = Adjustment(D("2026-02-20"), reason, minutes + (-1 if minutes > 0 else 1))
    assert check_adjustment(current, at_cap, sentence_date=SENTENCE, today=TODAY) == ()


@pytest.mark.parametrize(("on", "found"), [
    ("2026-01-30", "s12_adjustment_before_sentence"), ("2026-01-31", None),
    ("2026-03-01", None), ("2026-03-02", "s12_adjustment_future")])
def test_the_dates_allowed_run_from_sentence_to_today(on, found):
    assert [r.code for r in problems("travel_time", 60, on=on)] == ([found] if found else [])


def test_the_date_problems_in_words():
    assert problems("travel_time", 60, on="2026-03-02") == (Reason(
        "s12_adjustment_future", S12, "An adjustment cannot be dated in the future."),)
    assert problems("travel_time", 60, on="2026-01-30") == (Reason(
        "s12_adjustment_before_sentence", S12,
        "An adjustment cannot be dated before the sentence (Saturday 31 January 2026)."),)


def test_ete_up_to_the_headroom_and_one_minute_over():
    assert CURRENT.ete_cap_minutes - CURRENT.ete_minutes_worked == 900
    assert problems("ete", 900) == ()
    assert problems("ete", 901) == (Reason(
        "s12_ete_over_cap", S12, "At most 20 hours (20% of the hours ordered) may be education, "
        "training or employment; 15 hours is left, so 15 hours 1 minute is refused."),)


def test_ete_over_the_cap_already_says_none_is_left():
    current = book("2026-03-01", worked(1300, ete=True))
    assert problems("ete", 1, current=current) == (Reason(
        "s12_ete_over_cap", S12, "At most 20 hours (20% of the hours ordered) may be education, "
        "training or employment; 0 minutes is left, so 1 minute is refused."),)


def test_ete_taken_off_is_not_checked_against_the_headroom():
    current = book("2026-03-01", worked(1300, ete=True))
    assert [r.code for r in problems("ete", -1, current=current)] == [
        "s12_adjustment_direction"]


def test_crediting_up_to_what_is_owed_and_one_minute_more():
    current = book("2026-03-01", worked(5900))
    assert problems("travel_time", 100, current=current) == ()
    assert problems("travel_time", 101, current=current) == (Reason(
        "s12_adjustment_beyond_owed", S12, "Only 1 hour 40 minutes is still owed: an adjustment "
        "cannot credit more than that."),)


def test_taking_off_up_to_what_is_credited_and_one_minute_more():
    current = book("2026-03-01", worked(100))
    assert problems("recording_error", -100, current=current) == ()
    assert problems("recording_error", -101, current=current) == (Reason(
        "s12_adjustment_below_zero", S12, "Only 1 hour 40 minutes is credited: no more than that "
        "can be taken off."),)


def test_every_problem_together_in_order():
    current = book("2026-03-01", worked(1300, ete=True), worked(4600))
    assert [r.code for r in problems("ete", 3601, on="2026-03-02", current=current)] == [
        "s12_adjustment_over_cap", "s12_adjustment_future", "s12_ete_over_cap",
        "s12_adjustment_beyond_owed"]


# --- survivors of the first mutation run -----------------------------------------------------

def test_one_minute_of_ete_headroom_or_of_hours_left_is_still_an_opportunity():
    headroom = book("2026-03-01", worked(1199, ete=True))
    assert headroom.reasons[1] == Reason(
        "s12_ete_opportunity", S12,
        "Up to 1 minute more could be spent on education, training or employment.")
    last_minute = book("2026-03-01", worked(5999))
    assert last_minute.reasons[1] == Reason(
        "s12_ete_opportunity", S12,
        "Up to 1 minute more could be spent on education, training or employment.")


def test_a_complete_order_offers_no_more_ete():
    result = book("2027-03-01", worked(6000))
    assert [r.code for r in result.reasons] == ["s12_ledger", "s12_complete"]


def test_one_minute_more_than_is_owed_is_refused():
    complete = book("2027-03-01", worked(6000))
    assert problems("court_direction", 1, current=complete) == (Reason(
        "s12_adjustment_beyond_owed", S12, "Only 0 minutes is still owed: an adjustment cannot "
        "credit more than that."),)


def test_a_complete_ledger_whole():
    result = book("2027-03-01", worked(5000), worked(1000, ete=True),
                  adjustments=(Adjustment(D("2026-02-14"), "ete", 300),
                               Adjustment(D("2026-02-15"), "induction", 60)))
    assert result == Ledger(
        6000, 6200, 60, 1300, 1200, 1200, 6000, 0, D("2027-01-31"), 394, None, False, False,
        True, ("upw_ete_over_cap",), (
            Reason("s12_ledger", S12, "100 hours of 100 hours credited; 0 minutes to do by "
                   "Sunday 31 January 2027 (12 months from sentence)."),
            Reason("s12_ete_over_cap", S12, "1 hour 40 minutes of education, training or "
                   "employment not credited: at most 20 hours (20% of the hours ordered) may be "
                   "ETE."),
            Reason("s12_complete", S12, "All the hours ordered have been worked.")))


def test_on_the_deadline_itself_the_late_window_still_applies():
    result = book("2027-01-31", worked(600))
    assert result.warnings == ("upw_projected_overrun", "upw_behind_near_deadline")
    assert result.reasons[-1].code == "s12_behind_near_deadline"
