"""Working days and deadlines (operating-model.md §3, §8, §11, §14): every boundary and word.

Written against mutation testing (issue 25): each deadline's whole reason; the due date itself
in time, the day after overdue; the first and last working day the calendar can count; a holiday
on the start day (not skipped) and on the due day (skipped); the year bounds of the statutory
rules; every input error with its words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.timescales import (
    BANK_HOLIDAYS_EXTRA,
    BANK_HOLIDAYS_MOVED,
    DEADLINE_KINDS,
    DEFAULT_CALENDAR,
    DEFAULT_SOURCES,
    DEFAULT_TIMESCALES,
    SOURCE_HOLIDAYS,
    Deadline,
    Timescales,
    WorkingCalendar,
    absence_decision_deadline,
    add_months,
    add_working_days,
    assignment_deadline,
    bank_holidays_by_rule,
    breach_deadline,
    calendar_for,
    deadline,
    first_appointment_deadline,
    format_date,
    initial_plan_deadline,
    is_working_day,
    load_bank_holidays,
    recall_request_deadline,
    review_deadline,
    warning_deadline,
    working_days_between,
)

D = date.fromisoformat
S3, S8, S11, S14 = (f"operating-model.md §{n}" for n in (3, 8, 11, 14))


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


# --- configuration --------------------------------------------------------------------------


def test_every_default_timescale_and_its_source():
    assert DEFAULT_TIMESCALES == Timescales(
        assignment_working_days=1, first_appointment_working_days=5,
        initial_plan_working_days=15, review_interval_weeks=16,
        absence_decision_working_days=2, warning_working_days=2, breach_working_days=10,
        recall_request_working_days=1)
    assert (DEFAULT_TIMESCALES.review_interval_weeks, DEFAULT_TIMESCALES.warning_working_days,
            DEFAULT_TIMESCALES.recall_request_working_days) == (16, 2, 1)
    assert DEFAULT_SOURCES == {
        "assignment_working_days": "operating-model.md §3 (default: 1 working day)",
        "first_appointment_working_days": "operating-model.md §3 (default: 5 working days)",
        "initial_plan_working_days": "operating-model.md §8 (default: 15 working days)",
        "review_interval_weeks": "operating-model.md §14 'set intervals': Desist default 16 weeks",
        "absence_decision_working_days": "operating-model.md §11: Desist default 2 working days",
        "warning_working_days": "operating-model.md §11: Desist default 2 working days",
        "breach_working_days": "operating-model.md §11 'configuration': Desist default 10 days",
        "recall_request_working_days": "operating-model.md §11: Desist default 1 working day",
    }
    assert DEADLINE_KINDS == ("assignment", "first_appointment", "initial_plan",
                              "absence_decision", "warning", "breach", "recall_request", "review")
    assert SOURCE_HOLIDAYS == "gov.uk/bank-holidays (England and Wales)"


def test_a_timescale_of_zero_is_allowed_one_below_is_refused():
    assert Timescales(breach_working_days=0).breach_working_days == 0
    assert _error(lambda: Timescales(breach_working_days=-1)) == {
        "field": "breach_working_days", "message": "must be 0 or more"}
    assert _error(lambda: Timescales(warning_working_days=True)) == {
        "field": "warning_working_days", "message": "must be a whole number"}


def test_a_review_interval_of_one_week_is_allowed_zero_is_refused():
    assert Timescales(review_interval_weeks=1).review_interval_weeks == 1
    assert _error(lambda: Timescales(review_interval_weeks=0)) == {
        "field": "review_interval_weeks", "message": "must be 1 or more"}


# --- the deadlines, their whole reasons -----------------------------------------------------


@pytest.mark.parametrize(
    ("call", "kind", "start", "due", "days", "reason"),
    [
        (assignment_deadline, "assignment", "2024-05-08", "2024-05-09", 1, Reason(
            "timescale_assignment", S3,
            "Assign a responsible officer within 1 working day of the case arrived in the hub "
            "(Wednesday 8 May 2024): by Thursday 9 May 2024.")),
        (first_appointment_deadline, "first_appointment", "2024-05-08", "2024-05-15", 5, Reason(
            "timescale_first_appointment", S3,
            "Hold the first appointment (induction) within 5 working days of sentence "
            "(Wednesday 8 May 2024): by Wednesday 15 May 2024.")),
        (initial_plan_deadline, "initial_plan", "2024-06-03", "2024-06-24", 15, Reason(
            "timescale_initial_plan", S8,
            "Complete the initial sentence plan within 15 working days of the start of "
            "supervision (Monday 3 June 2024): by Monday 24 June 2024.")),
        (absence_decision_deadline, "absence_decision", "2024-05-08", "2024-05-10", 2, Reason(
            "timescale_absence_decision", S11,
            "Decide whether the absence was acceptable within 2 working days of the absence "
            "(Wednesday 8 May 2024): by Friday 10 May 2024.")),
        (warning_deadline, "warning", "2024-05-08", "2024-05-10", 2, Reason(
            "timescale_warning", S11,
            "Issue the warning within 2 working days of the decision that the failure was "
            "unacceptable (Wednesday 8 May 2024): by Friday 10 May 2024.")),
        (breach_deadline, "breach", "2024-06-03", "2024-06-17", 10, Reason(
            "timescale_breach", S11,
            "Start breach proceedings within 10 working days of the decision that the failure "
            "was unacceptable (Monday 3 June 2024): by Monday 17 June 2024.")),
        (recall_request_deadline, "recall_request", "2024-05-08", "2024-05-09", 1, Reason(
            "timescale_recall_request", S11,
            "Send the recall request within 1 working day of the decision that the failure was "
            "unacceptable (Wednesday 8 May 2024): by Thursday 9 May 2024.")),
    ],
)
def test_each_working_day_deadline_in_full(call, kind, start, due, days, reason):
    result = call(D(start))
    assert result == Deadline(kind, D(start), D(due), days, (reason,))
    assert result.as_dict() == {"kind": kind, "start": start, "due": due, "working_days": days,
                                "reasons": [reason.as_dict()]}
    assert deadline(kind, D(start)).due == result.due


def test_the_generic_first_appointment_runs_from_sentence_or_release():
    assert deadline("first_appointment", D("2024-05-08")).reasons[0].text == (
        "Hold the first appointment (induction) within 5 working days of sentence or release "
        "(Wednesday 8 May 2024): by Wednesday 15 May 2024.")


def test_the_due_date_is_in_time_the_day_after_is_overdue():
    result = assignment_deadline(D("2024-05-08"))
    assert not result.is_overdue(D("2024-05-08"))
    assert not result.is_overdue(D("2024-05-09"))
    assert result.is_overdue(D("2024-05-10"))


def test_first_appointment_from_release_says_release():
    result = first_appointment_deadline(D("2024-05-08"), from_release=True)
    assert result.reasons[0].text == (
        "Hold the first appointment (induction) within 5 working days of release "
        "(Wednesday 8 May 2024): by Wednesday 15 May 2024.")


def test_start_event_overrides_the_words_of_any_deadline():
    result = deadline("assignment", D("2024-05-08"), start_event="the transfer")
    assert result.reasons[0].text == (
        "Assign a responsible officer within 1 working day of the transfer "
        "(Wednesday 8 May 2024): by Thursday 9 May 2024.")


def test_a_zero_allowance_is_plural_and_due_the_same_working_day():
    result = deadline("warning", D("2024-05-08"), timescales=replace(
        DEFAULT_TIMESCALES, warning_working_days=0))
    assert result.due == D("2024-05-08")
    assert result.working_days == 0
    assert result.reasons[0].text == (
        "Issue the warning within 0 working days of the decision that the failure was "
        "unacceptable (Wednesday 8 May 2024): by Wednesday 8 May 2024.")


def test_every_bank_holiday_skipped_is_named_in_order():
    # Thursday before Easter 2024: Good Friday and Easter Monday skipped, due Tuesday.
    result = assignment_deadline(D("2024-03-28"))
    assert result.due == D("2024-04-02")
    assert result.reasons[1] == Reason(
        "timescale_bank_holidays", SOURCE_HOLIDAYS,
        "Bank holidays are not working days: Friday 29 March 2024, Monday 1 April 2024.")
    assert len(result.reasons) == 2


def test_a_holiday_on_the_start_day_is_not_skipped_one_on_the_due_day_is():
    # Starting on Easter Monday: the clock runs from it; nothing after it is a holiday.
    from_holiday = assignment_deadline(D("2024-04-01"))
    assert from_holiday.due == D("2024-04-02")
    assert [r.code for r in from_holiday.reasons] == ["timescale_assignment"]
    # The day before a holiday: the holiday is passed over and named.
    before = assignment_deadline(D("2024-05-03"))
    assert before.due == D("2024-05-07")
    assert before.reasons[1].text == "Bank holidays are not working days: Monday 6 May 2024."


def test_review_due_on_a_working_day_has_one_reason():
    result = review_deadline(D("2024-01-08"))
    assert result == Deadline("review", D("2024-01-08"), D("2024-04-29"), None, (Reason(
        "timescale_review", S14,
        "Review the case every 16 weeks: the last review or plan was on Monday 8 January 2024, "
        "so the next is due by Monday 29 April 2024."),))
    assert result.as_dict()["working_days"] is None


def test_a_review_every_week_is_said_in_the_singular():
    # Written from the mutation re-run after ADR 0016: the singular's template was never read.
    result = deadline("review", D("2024-01-08"), timescales=replace(
        DEFAULT_TIMESCALES, review_interval_weeks=1))
    assert result.due == D("2024-01-15")
    assert result.reasons[0].text == (
        "Review the case every 1 week: the last review or plan was on Monday 8 January 2024, "
        "so the next is due by Monday 15 January 2024.")


def test_review_falling_on_a_holiday_moves_and_says_why():
    result = review_deadline(D("2024-01-15"))
    assert result.due == D("2024-05-07")
    assert result.reasons[1] == Reason(
        "timescale_not_working_day", SOURCE_HOLIDAYS,
        "Monday 6 May 2024 is not a working day, so the review falls due on the next working "
        "day.")


def test_review_every_week_is_singular():
    result = review_deadline(D("2024-05-08"), timescales=Timescales(review_interval_weeks=1))
    assert result.due == D("2024-05-15")
    assert result.reasons[0].text.startswith("Review the case every 1 week: ")


def test_deadline_input_errors_in_words():
    assert _error(lambda: deadline("parole", D("2024-05-08"))) == {
        "field": "kind",
        "message": "unknown deadline 'parole'; use one of ('assignment', 'first_appointment', "
                   "'initial_plan', 'absence_decision', 'warning', 'breach', 'recall_request', "
                   "'review')"}
    assert _error(lambda: deadline("review", D("2024-05-08"), timescales={})) == {
        "field": "timescales", "message": "must be a Timescales"}
    assert _error(lambda: deadline("review", "2024-05-08")) == {
        "field": "start", "message": "must be a date (YYYY-MM-DD)"}


def test_the_holidays_argument_reaches_every_deadline():
    holidays = [D("2024-05-09")]
    assert assignment_deadline(D("2024-05-08"), holidays=holidays).due == D("2024-05-10")
    assert first_appointment_deadline(D("2024-05-08"), holidays=holidays).due == D("2024-05-16")
    assert initial_plan_deadline(D("2024-06-03"), holidays=[D("2024-06-04")]).due \
        == D("2024-06-25")
    assert absence_decision_deadline(D("2024-05-08"), holidays=holidays).due == D("2024-05-13")
    assert warning_deadline(D("2024-05-08"), holidays=holidays).due == D("2024-05-13")
    assert breach_deadline(D("2024-06-03"), holidays=[D("2024-06-04")]).due == D("2024-06-18")
    assert recall_request_deadline(D("2024-05-08"), holidays=holidays).due == D("2024-05-10")
    assert review_deadline(D("2024-01-17"), holidays=[D("2024-05-08")]).due == D("2024-05-09")
    # and with no holidays at all, 6 May 2024 is an ordinary Monday
    assert review_deadline(D("2024-01-15"), holidays=()).due == D("2024-05-06")


def test_the_timescales_argument_reaches_every_deadline():
    one = Timescales(*(3 for _ in range(8)))
    start = D("2024-06-03")  # Monday; three working days later is Thursday 6 June
    for call in (assignment_deadline, first_appointment_deadline, initial_plan_deadline,
                 absence_decision_deadline, warning_deadline, breach_deadline,
                 recall_request_deadline):
        assert call(start, timescales=one).due == D("2024-06-06"), call
    assert review_deadline(start, timescales=one).due == D("2024-06-24")


# --- working-day arithmetic at the edges ----------------------------------------------------


def test_the_first_working_day_of_the_calendar_can_be_counted_back_to():
    # 1 January AD 1 was a Monday: the first day the calendar knows.
    assert add_working_days(date(1, 1, 2), -1, holidays=()) == date(1, 1, 1)
    assert _error(lambda: add_working_days(date(1, 1, 1), -1, holidays=())) == {
        "field": "days", "message": "counts back before the start of the calendar"}
    assert _error(lambda: add_working_days(D("9999-12-30"), 5)) == {
        "field": "days", "message": "counts past the end of the calendar"}
    assert add_working_days(D("9999-12-30"), 1) == D("9999-12-31")


def test_zero_days_from_a_holiday_rolls_to_the_next_working_day():
    assert add_working_days(D("2024-05-06"), 0) == D("2024-05-07")
    assert add_working_days(D("2024-05-07"), 0) == D("2024-05-07")
    assert add_working_days(D("2024-05-08"), -1) == D("2024-05-07")


def test_a_weekend_holiday_changes_nothing():
    saturday = WorkingCalendar([D("2024-05-11"), D("2024-05-12")])
    assert saturday.working_days_between(D("2024-05-10"), D("2024-05-13")) == 1
    assert saturday.add_working_days(D("2024-05-10"), 1) == D("2024-05-13")
    assert saturday.holidays_between(D("2024-05-01"), D("2024-05-31")) == ()
    assert saturday.holidays == frozenset({D("2024-05-11"), D("2024-05-12")})


def test_holidays_between_excludes_the_start_and_includes_the_end():
    assert DEFAULT_CALENDAR.holidays_between(D("2024-05-06"), D("2024-05-27")) == (D("2024-05-27"),)
    assert DEFAULT_CALENDAR.holidays_between(D("2024-05-05"), D("2024-05-26")) == (D("2024-05-06"),)
    assert DEFAULT_CALENDAR.holidays_between(D("2024-05-07"), D("2024-05-26")) == ()


def test_working_days_between_ordinals_is_the_fast_path_of_the_same_count():
    start, end = D("2024-05-03"), D("2024-05-10")
    assert DEFAULT_CALENDAR.working_days_between_ordinals(start.toordinal(), end.toordinal()) == 4
    assert DEFAULT_CALENDAR.working_days_between_ordinals(end.toordinal(), start.toordinal()) == -4


def test_a_holiday_on_each_side_of_a_weekend():
    calendar = WorkingCalendar([D("2024-05-10"), D("2024-05-13")])
    assert not calendar.is_working_day(D("2024-05-10"))
    assert calendar.is_working_day(D("2024-05-09"))
    assert calendar.is_working_day(D("2024-05-14"))
    assert calendar.add_working_days(D("2024-05-09"), 1) == D("2024-05-14")
    assert calendar.add_working_days(D("2024-05-14"), -1) == D("2024-05-09")
    # past the last holiday in the list
    assert calendar.is_working_day(D("2030-05-14"))


def test_calendar_for_each_kind_of_argument():
    assert calendar_for() is DEFAULT_CALENDAR
    assert calendar_for(None) is DEFAULT_CALENDAR
    own = WorkingCalendar([D("2024-05-09")])
    assert calendar_for(own) is own
    assert calendar_for([D("2024-05-09")]) == own
    assert calendar_for([D("2024-05-09")]) is calendar_for((D("2024-05-09"),))
    for bad in ("2024-05-09", b"2024", 5):
        assert _error(lambda bad=bad: calendar_for(bad)) == {
            "field": "holidays", "message": "must be a collection of dates or a WorkingCalendar"}
    assert _error(lambda: WorkingCalendar(["2024-05-09"])) == {
        "field": "holidays", "message": "'2024-05-09' is not a date"}


def test_module_functions_check_their_arguments_in_words():
    assert _error(lambda: is_working_day("2024-05-09")) == {
        "field": "day", "message": "must be a date (YYYY-MM-DD)"}
    assert _error(lambda: add_working_days(D("2024-05-09"), True)) == {
        "field": "days", "message": "must be a whole number"}
    assert _error(lambda: working_days_between("2024-05-09", D("2024-05-09"))) == {
        "field": "start", "message": "must be a date (YYYY-MM-DD)"}
    assert working_days_between(D("2024-05-09"), D("2024-05-10"), holidays=[D("2024-05-10")]) \
        == 0


# --- bank holidays by rule and as data ------------------------------------------------------


@pytest.mark.parametrize(("year", "allowed"), [(1899, False), (1900, True), (2200, True),
                                               (2201, False)])
def test_the_statutory_rules_cover_1900_to_2200(year, allowed):
    if allowed:
        assert len(bank_holidays_by_rule(year)) >= 8
    else:
        assert _error(lambda: bank_holidays_by_rule(year)) == {
            "field": "year", "message": "must be a whole year between 1900 and 2200"}


def test_a_year_that_is_not_a_whole_number_is_refused():
    for bad in (True, "2024", 2024.0):
        assert _error(lambda bad=bad: bank_holidays_by_rule(bad))["field"] == "year"


def test_moved_and_extra_days_are_the_callers_to_replace():
    assert BANK_HOLIDAYS_MOVED[date(2022, 5, 30)] == date(2022, 6, 2)
    assert date(2023, 5, 8) in BANK_HOLIDAYS_EXTRA
    plain = bank_holidays_by_rule(2022, moved={}, extra=())
    assert plain == (D("2022-01-03"), D("2022-04-15"), D("2022-04-18"), D("2022-05-02"),
                     D("2022-05-30"), D("2022-08-29"), D("2022-12-26"), D("2022-12-27"))
    # an extra day in another year is not this year's
    assert bank_holidays_by_rule(2022, moved={}, extra=(D("2021-07-01"),)) == plain
    assert D("2022-07-01") in bank_holidays_by_rule(2022, moved={}, extra=(D("2022-07-01"),))


def test_new_year_and_christmas_substitutes():
    # 2022: New Year's Day a Saturday, Christmas a Sunday; 2023: New Year's Day a Sunday;
    # 2021: Christmas a Saturday, Boxing Day a Sunday.
    assert bank_holidays_by_rule(2022)[0] == D("2022-01-03")
    assert bank_holidays_by_rule(2023)[0] == D("2023-01-02")
    assert bank_holidays_by_rule(2021)[-2:] == (D("2021-12-27"), D("2021-12-28"))
    assert bank_holidays_by_rule(2022)[-2:] == (D("2022-12-26"), D("2022-12-27"))
    # 2023: early May on the 1st itself (a Monday)
    assert D("2023-05-01") in bank_holidays_by_rule(2023)


@pytest.mark.parametrize("text", ['{"england-and-wales": {"events": [{"day": "2026-12-25"}]}}',
                                  "[]", "not json",
                                  '{"england-and-wales": {"events": [{"date": "25/12/2026"}]}}'])
def test_a_feed_that_is_not_a_feed_is_an_input_error(text):
    error = _error(lambda: load_bank_holidays(text))
    assert error["field"] == "holidays"
    assert error["message"].startswith("not a bank holidays feed with 'england-and-wales': ")


def test_another_division_of_the_feed_can_be_read():
    text = '{"scotland": {"events": [{"date": "2026-11-30"}]}}'
    assert load_bank_holidays(text, division="scotland") == (date(2026, 11, 30),)
    assert _error(lambda: load_bank_holidays(text))["message"] == (
        "not a bank holidays feed with 'england-and-wales': 'england-and-wales'")


# --- months and dates in words --------------------------------------------------------------


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2024-11-30", 1, "2024-12-30"),   # into December
    ("2024-01-31", 11, "2024-12-31"),  # December's last day
    ("2024-12-31", 0, "2024-12-31"),
    ("2024-12-31", 2, "2025-02-28"),
    ("2025-01-31", -1, "2024-12-31"),  # back over the year
    ("2024-10-31", 1, "2024-11-30"),
    ("2024-06-15", -18, "2022-12-15"),
])
def test_add_months_at_the_year_end(day, months, expected):
    assert add_months(D(day), months) == D(expected)


def test_format_date_every_day_and_month_name():
    week = [format_date(D("2024-05-06") + timedelta(days=n)) for n in range(7)]
    assert week == ["Monday 6 May 2024", "Tuesday 7 May 2024", "Wednesday 8 May 2024",
                    "Thursday 9 May 2024", "Friday 10 May 2024", "Saturday 11 May 2024",
                    "Sunday 12 May 2024"]
    months = [format_date(date(2025, month, 1)).split()[2] for month in range(1, 13)]
    assert months == ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]


def _gauss_easter(year: int) -> date:
    """Gauss's Easter algorithm (Gregorian), an independent check on the computus used."""
    a, b, c, k = year % 19, year % 4, year % 7, year // 100
    p, q = (13 + 8 * k) // 25, k // 4
    m, n = (15 - p + k - q) % 30, (4 + k - q) % 7
    d = (19 * a + m) % 30
    e = (2 * b + 4 * c + 6 * d + n) % 7
    if d == 29 and e == 6:
        return date(year, 4, 19)
    if d == 28 and e == 6 and (11 * m + 11) % 30 < 19:
        return date(year, 4, 18)
    return date(year, 3, 22) + timedelta(days=d + e)


def test_easter_agrees_with_gauss_for_every_gregorian_year_to_4099():
    from desist.rules.timescales import easter_sunday

    assert [y for y in range(1583, 4100) if easter_sunday(y) != _gauss_easter(y)] == []
    assert easter_sunday(1693) == date(1693, 3, 22)  # the earliest possible date
    assert easter_sunday(1943) == date(1943, 4, 25)  # the latest possible date
