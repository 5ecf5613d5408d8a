"""Boundaries of a project's session series (operating-model.md §12), pinned exactly.

Written against mutation testing (issue 25): the first and last day included, the week count
of a fortnightly series from the week of the first day (started midweek), 183 days ahead and
184, weekdays 1 and 7 and either side, bank holidays skipped and named, whole reasons, and
every input error through ``RuleInputError.as_dict()``.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.unpaid_work.schedule import (
    FORTNIGHTLY,
    MAX_SERIES_DAYS,
    WEEKLY,
    Series,
    series_dates,
)

D = date.fromisoformat
S12 = "operating-model.md §12"


def refused(**kwargs) -> dict[str, str]:
    arguments = {"availability": WEEKLY, "weekdays": [1], "starts_on": D("2026-08-17"),
                 "until": D("2026-09-07"), **kwargs}
    with pytest.raises(RuleInputError) as error:
        series_dates(**arguments)
    return error.value.as_dict()


def test_a_weekly_series_skips_and_names_the_bank_holiday():
    result = series_dates(availability=WEEKLY, weekdays=[1], starts_on=D("2026-08-17"),
                          until=D("2026-09-07"))
    assert result == Series(
        (D("2026-08-17"), D("2026-08-24"), D("2026-09-07")), (D("2026-08-31"),),
        (Reason("s12_series", S12,
                "3 sessions every week from Monday 17 August 2026 to Monday 7 September 2026."),
         Reason("s12_series_bank_holiday", S12,
                "No session on the bank holidays: Monday 31 August 2026.")))


def test_several_bank_holidays_are_listed_in_order():
    result = series_dates(availability=WEEKLY, weekdays=[5, 1], starts_on=D("2026-12-21"),
                          until=D("2026-12-31"))
    assert result.dates == (D("2026-12-21"),)
    assert result.skipped == (D("2026-12-25"), D("2026-12-28"))
    assert result.reasons[1].text == (
        "No session on the bank holidays: Friday 25 December 2026, Monday 28 December 2026.")


def test_no_holidays_given_means_none_skipped():
    result = series_dates(availability=WEEKLY, weekdays=[1], starts_on=D("2026-08-17"),
                          until=D("2026-09-07"), holidays=())
    assert len(result.dates) == 4 and result.skipped == ()
    assert result.reasons == (Reason(
        "s12_series", S12,
        "4 sessions every week from Monday 17 August 2026 to Monday 7 September 2026."),)


def test_a_fortnightly_series_counts_weeks_from_the_week_of_a_midweek_start():
    result = series_dates(availability=FORTNIGHTLY, weekdays=[3, 1], starts_on=D("2026-08-19"),
                          until=D("2026-09-16"))
    assert result.dates == (D("2026-08-19"), D("2026-09-02"), D("2026-09-14"), D("2026-09-16"))
    assert result.skipped == (D("2026-08-31"),)
    assert result.reasons[0] == Reason(
        "s12_series", S12,
        "4 sessions every other week from Wednesday 19 August 2026 to Wednesday 16 September "
        "2026.")


def test_a_fortnightly_series_started_on_a_sunday():
    result = series_dates(availability=FORTNIGHTLY, weekdays=[7, 1], starts_on=D("2026-08-23"),
                          until=D("2026-09-07"), holidays=())
    # Sunday 23 August ends week 0; Monday 24 is week 1 (off); Monday 31 and Sunday 6 September
    # are week 2; Monday 7 September is week 3 (off)
    assert result.dates == (D("2026-08-23"), D("2026-08-31"), D("2026-09-06"))


@pytest.mark.parametrize(("starts_on", "until", "dates"), [
    ("2026-08-17", "2026-08-17", ("2026-08-17",)),  # the first day is the last
    ("2026-08-17", "2026-08-23", ("2026-08-17", "2026-08-23")),
    ("2026-08-18", "2026-08-22", ()),
])
def test_both_ends_are_included(starts_on, until, dates):
    result = series_dates(availability=WEEKLY, weekdays=[1, 7], starts_on=D(starts_on),
                          until=D(until))
    assert result.dates == tuple(D(d) for d in dates)
    # One session is said in the singular (it read "1 sessions" before ADR 0016's conversion).
    said = "1 session" if len(dates) == 1 else f"{len(dates)} sessions"
    assert result.reasons[0].text.startswith(f"{said} every week from ")


def test_183_days_ahead_is_allowed_and_184_refused():
    assert MAX_SERIES_DAYS == 183
    start = D("2026-01-05")
    ok = series_dates(availability=WEEKLY, weekdays=[2], starts_on=start, until=D("2026-07-07"))
    assert (D("2026-07-07") - start).days == 183 and ok.dates[-1] == D("2026-07-07")
    assert refused(starts_on=start, until=D("2026-07-08")) == {
        "field": "until", "message": "sessions can be scheduled at most 183 days ahead at once"}


def test_until_before_the_first_day_is_refused():
    assert refused(starts_on=D("2026-08-17"), until=D("2026-08-16")) == {
        "field": "until", "message": "must be on or after the first day"}


@pytest.mark.parametrize("weekdays", [[0], [8], [1, True], ["1"], [1.0]])
def test_weekdays_outside_1_to_7_are_refused(weekdays):
    assert refused(weekdays=weekdays) == {
        "field": "weekdays", "message": "each day must be 1 (Monday) to 7 (Sunday)"}


@pytest.mark.parametrize("weekdays", [[], None, ()])
def test_no_weekdays_is_refused(weekdays):
    assert refused(weekdays=weekdays) == {
        "field": "weekdays", "message": "choose the days of the week the project runs"}


@pytest.mark.parametrize("availability", ["monthly", "", None, "Weekly"])
def test_availability_is_weekly_or_fortnightly(availability):
    assert refused(availability=availability) == {
        "field": "availability", "message": "must be weekly or fortnightly"}


@pytest.mark.parametrize("dates", [
    {"starts_on": "2026-08-17"}, {"until": "2026-09-07"},
    {"starts_on": datetime(2026, 8, 17, 9)}, {"until": datetime(2026, 9, 7)}])
def test_both_days_must_be_dates(dates):
    assert refused(**dates) == {"field": "starts_on", "message": "must be a date (YYYY-MM-DD)"}
