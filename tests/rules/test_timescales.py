"""Working days, bank holidays and service-level deadlines (operating-model.md §3, §8, §11, §14)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.timescales import (
    DEADLINE_KINDS,
    DEFAULT_CALENDAR,
    DEFAULT_SOURCES,
    DEFAULT_TIMESCALES,
    ENGLAND_AND_WALES_BANK_HOLIDAYS,
    Timescales,
    WorkingCalendar,
    add_months,
    add_working_days,
    assignment_deadline,
    bank_holidays_by_rule,
    breach_deadline,
    deadline,
    easter_sunday,
    first_appointment_deadline,
    format_date,
    initial_plan_deadline,
    is_working_day,
    review_deadline,
    working_days_between,
)

D = date.fromisoformat

# Published on gov.uk/bank-holidays (England and Wales); independent of the module's table.
GOV_UK_PUBLISHED = {
    2018: "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
    2019: "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
}


def _shipped(year: int) -> tuple[date, ...]:
    return tuple(day for day in ENGLAND_AND_WALES_BANK_HOLIDAYS if day.year == year)


# --- bank holidays as data ------------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(GOV_UK_PUBLISHED))
def test_bank_holidays_shipped_list_matches_gov_uk(year):
    expected = tuple(D(f"{year}-{md}") for md in GOV_UK_PUBLISHED[year].split())
    assert _shipped(year) == expected


@pytest.mark.parametrize("year", range(2015, 2036))
def test_bank_holidays_shipped_list_matches_the_statutory_rules(year):
    assert bank_holidays_by_rule(year) == _shipped(year)


def test_bank_holidays_shipped_list_covers_2018_to_2030():
    years = {day.year for day in ENGLAND_AND_WALES_BANK_HOLIDAYS}
    assert set(range(2018, 2031)) <= years
    assert list(ENGLAND_AND_WALES_BANK_HOLIDAYS) == sorted(ENGLAND_AND_WALES_BANK_HOLIDAYS)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2008, "2008-03-23"), (2011, "2011-04-24"), (2019, "2019-04-21"), (2024, "2024-03-31"),
     (2025, "2025-04-20"), (2038, "2038-04-25"), (2285, "2285-03-22")],
)
def test_bank_holidays_easter_by_computus(year, easter):
    assert easter_sunday(year) == D(easter)


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        ("2020-05-08", False, "early May moved to VE Day"),
        ("2020-05-04", True, "the usual early-May Monday was a working day in 2020"),
        ("2022-06-02", False, "spring holiday moved for the Platinum Jubilee"),
        ("2022-06-03", False, "Platinum Jubilee"),
        ("2022-05-30", True, "the usual spring Monday was a working day in 2022"),
        ("2022-09-19", False, "state funeral"),
        ("2023-05-08", False, "coronation"),
        ("2021-12-28", False, "Boxing Day substitute"),
        ("2022-01-03", False, "New Year substitute"),
        ("2024-12-24", True, "Christmas Eve is not a bank holiday"),
        ("2024-05-04", False, "Saturday"),
        ("2024-05-05", False, "Sunday"),
        ("2024-05-03", True, "ordinary Friday"),
    ],
)
def test_s3_is_working_day_england_and_wales(day, working, why):
    assert is_working_day(D(day)) is working, why


def test_bank_holidays_caller_can_replace_the_list():
    # Empty list: only weekends are non-working; a provider-specific extra day is honoured.
    assert is_working_day(D("2024-12-25"), holidays=())
    extra = WorkingCalendar([D("2024-07-12")])
    assert not is_working_day(D("2024-07-12"), holidays=extra)
    assert not is_working_day(D("2024-07-12"), holidays=[D("2024-07-12")])
    assert add_working_days(D("2024-07-11"), 1, holidays=extra) == D("2024-07-15")


# --- working-day arithmetic ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2024-05-02", 1, "2024-05-03"),  # Thursday -> Friday
        ("2024-05-03", 1, "2024-05-07"),  # Friday -> Tuesday over the early May holiday
        ("2024-03-28", 1, "2024-04-02"),  # Easter: Good Friday and Easter Monday skipped
        ("2020-12-24", 1, "2020-12-29"),  # Christmas Friday, Boxing Day substitute Monday
        ("2022-06-01", 1, "2022-06-06"),  # Jubilee Thursday and Friday
        ("2024-05-04", 1, "2024-05-07"),  # from a Saturday
        ("2024-05-03", 0, "2024-05-03"),  # zero: a working day stays put
        ("2024-05-04", 0, "2024-05-07"),  # zero: rolls to the next working day
        ("2024-05-07", -1, "2024-05-03"),  # counting back over the holiday
        ("2024-05-04", -1, "2024-05-03"),  # one working day before a Saturday
        ("2024-01-02", 250, "2024-12-24"),  # 2024 had 254 working days
    ],
)
def test_s3_add_working_days(start, days, expected):
    assert add_working_days(D(start), days) == D(expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-05-03", "2024-05-07", 1),
        ("2024-05-03", "2024-05-03", 0),
        ("2024-05-07", "2024-05-03", -1),
        ("2024-01-01", "2024-12-31", 254),  # 262 weekdays less 8 holidays
        ("2022-01-01", "2022-12-31", 250),  # 2022 had ten bank holidays on weekdays
    ],
)
def test_s3_working_days_between(start, end, expected):
    assert working_days_between(D(start), D(end)) == expected


def _naive_add(start: date, days: int, holidays: frozenset[date]) -> date:
    def working(d):
        return d.weekday() < 5 and d not in holidays

    if days == 0:
        while not working(start):
            start += timedelta(days=1)
        return start
    step = 1 if days > 0 else -1
    remaining = abs(days) - (1 if days < 0 and working(start - timedelta(days=1)) else 0)
    day = start
    if days < 0:
        # the |days|-th working day strictly before start
        count = 0
        while True:
            day -= timedelta(days=1)
            if working(day):
                count += 1
                if count == -days:
                    return day
    while remaining:
        day += timedelta(days=step)
        if working(day):
            remaining -= 1
    return day


dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
holiday_sets = st.frozensets(dates, max_size=40)


@given(dates, st.integers(-60, 60), holiday_sets)
def test_s3_add_working_days_matches_day_by_day_counting(start, days, holidays):
    assert add_working_days(start, days, holidays) == _naive_add(start, days, holidays)


@given(dates, st.integers(1, 400))
def test_s3_add_then_count_round_trips_and_lands_on_a_working_day(start, days):
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert working_days_between(start, due) == days
    # and it is the earliest such day
    assert working_days_between(start, due - timedelta(days=1)) == days - 1


@given(dates, dates)
def test_s3_working_days_between_is_antisymmetric_and_bounded(a, b):
    n = working_days_between(a, b)
    assert n == -working_days_between(b, a)
    assert abs(n) <= abs((b - a).days)


# --- timescales config and deadlines -------------------------------------------------------


def test_s3_default_timescales_from_the_operating_model():
    assert DEFAULT_TIMESCALES.assignment_working_days == 1
    assert DEFAULT_TIMESCALES.first_appointment_working_days == 5
    assert DEFAULT_TIMESCALES.initial_plan_working_days == 15
    assert DEFAULT_TIMESCALES.breach_working_days == 10
    assert DEFAULT_TIMESCALES.absence_decision_working_days == 2
    assert set(DEFAULT_SOURCES) == {
        "assignment_working_days", "first_appointment_working_days", "initial_plan_working_days",
        "review_interval_weeks", "absence_decision_working_days", "warning_working_days",
        "breach_working_days", "recall_request_working_days",
    }


@pytest.mark.parametrize(
    ("kind", "start", "due", "section"),
    [
        ("assignment", "2024-05-03", "2024-05-07", "operating-model.md §3"),
        ("first_appointment", "2024-05-03", "2024-05-13", "operating-model.md §3"),
        ("initial_plan", "2022-05-27", "2022-06-21", "operating-model.md §8"),
        ("absence_decision", "2024-03-28", "2024-04-03", "operating-model.md §11"),
        ("warning", "2024-05-02", "2024-05-07", "operating-model.md §11"),
        ("breach", "2024-12-20", "2025-01-08", "operating-model.md §11"),
        ("recall_request", "2024-05-03", "2024-05-07", "operating-model.md §11"),
        ("review", "2024-01-08", "2024-04-29", "operating-model.md §14"),
        ("review", "2024-01-15", "2024-05-07", "operating-model.md §14"),  # 6 May is a holiday
    ],
)
def test_s3_s8_s11_s14_deadlines(kind, start, due, section):
    result = deadline(kind, D(start))
    assert result.due == D(due)
    assert result.kind == kind
    assert result.reasons and result.reasons[0].section == section
    assert format_date(D(due)) in result.reasons[0].text


def test_s3_deadline_reasons_name_the_bank_holidays_skipped():
    result = assignment_deadline(D("2024-05-03"))
    codes = [reason.code for reason in result.reasons]
    assert codes == ["timescale_assignment", "timescale_bank_holidays"]
    assert "Monday 6 May 2024" in result.reasons[1].text


def test_s3_first_appointment_counts_from_release_when_asked():
    result = first_appointment_deadline(D("2024-05-03"), from_release=True)
    assert "release" in result.reasons[0].text
    assert result.working_days == 5


def test_s11_timescales_are_configuration():
    quick = replace(DEFAULT_TIMESCALES, breach_working_days=3, initial_plan_working_days=10)
    assert breach_deadline(D("2024-05-01"), timescales=quick).due == D("2024-05-07")
    assert initial_plan_deadline(D("2024-05-01"), timescales=quick).due == D("2024-05-16")
    assert review_deadline(D("2024-01-01"), timescales=Timescales(review_interval_weeks=4)).due \
        == D("2024-01-29")


def test_s3_deadline_is_overdue_only_after_the_due_date():
    result = assignment_deadline(D("2024-05-02"))
    assert not result.is_overdue(result.due)
    assert result.is_overdue(result.due + timedelta(days=1))
    assert result.as_dict()["due"] == "2024-05-03"


@given(dates, st.sampled_from(DEADLINE_KINDS))
def test_s3_every_deadline_is_a_working_day_not_before_its_start_with_reasons(start, kind):
    result = deadline(kind, start)
    assert result.due >= start
    assert DEFAULT_CALENDAR.is_working_day(result.due)
    assert result.reasons


# --- months and validation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"),
     ("2024-05-15", 12, "2025-05-15"), ("2024-02-29", 12, "2025-02-28"),
     ("2024-03-31", -1, "2024-02-29"), ("2024-12-10", 1, "2025-01-10")],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(D(day), months) == D(expected)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: add_working_days("2024-05-03", 1), "start"),
        (lambda: add_working_days(datetime(2024, 5, 3, 9), 1), "start"),
        (lambda: add_working_days(D("2024-05-03"), 1.5), "days"),
        (lambda: working_days_between(D("2024-05-03"), None), "end"),
        (lambda: deadline("parole", D("2024-05-03")), "kind"),
        (lambda: Timescales(breach_working_days=-1), "breach_working_days"),
        (lambda: Timescales(review_interval_weeks=0), "review_interval_weeks"),
        (lambda: is_working_day(D("2024-05-03"), holidays="2024-05-03"), "holidays"),
        (lambda: WorkingCalendar(["2024-05-03"]), "holidays"),
        (lambda: bank_holidays_by_rule(1066), "year"),
        (lambda: add_working_days(D("9999-12-01"), 100), "days"),
        (lambda: add_working_days(D("0001-01-03"), -100), "days"),
    ],
)
def test_timescales_reject_invalid_input_naming_the_field(call, field):
    with pytest.raises(RuleInputError) as caught:
        call()
    assert caught.value.field == field


def test_bank_holidays_come_from_the_shipped_feed_file():
    from importlib import resources

    from desist.rules.timescales import BANK_HOLIDAYS_FILE, load_bank_holidays

    text = resources.files("desist.rules").joinpath(BANK_HOLIDAYS_FILE).read_text(encoding="utf-8")
    assert load_bank_holidays(text) == ENGLAND_AND_WALES_BANK_HOLIDAYS
    assert {day.year for day in ENGLAND_AND_WALES_BANK_HOLIDAYS} == set(range(2015, 2036))
    assert date(2022, 9, 19) in ENGLAND_AND_WALES_BANK_HOLIDAYS  # a one-off, from the feed


def test_a_feed_without_the_division_is_an_input_error():
    from desist.rules.errors import RuleInputError
    from desist.rules.timescales import load_bank_holidays

    with pytest.raises(RuleInputError) as refused:
        load_bank_holidays('{"scotland": {"events": []}}')
    assert refused.value.field == "holidays"
    assert load_bank_holidays('{"england-and-wales": {"events": [{"date": "2026-12-28"}, '
                              '{"date": "2026-12-25"}]}}') == (date(2026, 12, 25), date(2026, 12, 28))
