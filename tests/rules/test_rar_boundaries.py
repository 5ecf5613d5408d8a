"""Boundary-pinning examples for the RAR rule (operating-model.md §9).

Each boundary is pinned on both sides (the day before, the day of, the day after) and every
result is asserted whole: figures, warnings and the exact reasons text with its numbers and
dates. Most examples use a calendar with no bank holidays so the working days are easy to count.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.rar import (
    DEFAULT_RAR,
    S9,
    WARNING_CODES,
    RarActivity,
    RarConfig,
    RarInput,
    assess_rar,
    days_delivered,
    rar_alert,
)
from desist.rules.timescales import WorkingCalendar

D = date.fromisoformat
NO_HOLIDAYS = WorkingCalendar()
START = D("2024-01-01")  # a Monday
END = D("2024-03-31")  # a Sunday: 13 whole weeks, 65 weekdays
DELIVERED_TAIL = "Each date with RAR activity counts once; supervision contact does not count."


def day(n: int) -> date:
    """Day ``n`` of the order (day 1 is the start)."""
    return START + timedelta(days=n - 1)


def rar_days(*dates: date, rar: bool = True) -> tuple[RarActivity, ...]:
    return tuple(RarActivity(on, rar) for on in dates)


def first_days(n: int) -> tuple[RarActivity, ...]:
    return rar_days(*(day(i) for i in range(1, n + 1)))


def rar(max_days=10, as_of=START, activities=(), plan=None, start=START, end=END) -> RarInput:
    return RarInput(max_days, start, end, as_of, tuple(activities), plan)


def assess(value: RarInput, **kwargs):
    return assess_rar(value, calendar=kwargs.pop("calendar", NO_HOLIDAYS), **kwargs)


def delivered_reason(counted, max_days, as_of_text, owed_text):
    return ("s9_rar_days_delivered",
            f"{counted} of {max_days} RAR days delivered by {as_of_text}; {owed_text} owed. "
            + DELIVERED_TAIL)


def too_early(elapsed_text, from_day=28):
    return ("s9_too_early_to_project",
            f"The order has run {elapsed_text}; the rate is projected from day {from_day}.")


def rate_so_far(rate, projected, max_days, end_text="Sunday 31 March 2024"):
    return ("s9_rate_so_far",
            f"At {rate} RAR days a week so far, about {projected} of {max_days} days will be "
            f"delivered by the order end ({end_text}).")


def cannot_deliver(owed_text, end_text="Sunday 31 March 2024"):
    return ("s9_rar_cannot_be_delivered",
            f"{owed_text} owed but fewer working days are left before the order ends on "
            f"{end_text}: they cannot all be delivered.")


def shortfall(short_text):
    return ("s9_rar_shortfall_at_current_rate",
            f"At the current rate the order ends {short_text} short: arrange more RAR "
            "activity now.")


def as_pairs(result):
    assert all(reason.section == S9 for reason in result.reasons)
    return [(reason.code, reason.text) for reason in result.reasons]


def figures(result):
    return (result.days_delivered, result.days_owed, result.rate_per_week,
            result.projected_days, result.projected_shortfall, result.at_risk, result.warnings)


def fast_path(value: RarInput, calendar=NO_HOLIDAYS, config=DEFAULT_RAR) -> bool:
    delivered = days_delivered(value.activities, value.order_start,
                               min(value.as_of, value.order_end))[0]
    return rar_alert(value.max_days, delivered, value.order_start.toordinal(),
                     value.order_end.toordinal(), value.as_of.toordinal(), calendar, config)


# --- the start of the order --------------------------------------------------------------------


def test_s9_order_not_yet_started_counts_every_working_day_of_the_order():
    result = assess(rar(max_days=65, as_of=day(0)))
    assert figures(result) == (0, 65, 0.0, None, None, False, ())
    assert as_pairs(result) == [
        delivered_reason(0, 65, "Sunday 31 December 2023", "65 days"),
        too_early("0 days"),
    ]
    assert fast_path(rar(max_days=65, as_of=day(0))) is False


def test_s9_order_not_yet_started_one_day_more_than_the_working_days_cannot_be_delivered():
    value = rar(max_days=66, as_of=day(0))
    result = assess(value)
    assert figures(result) == (0, 66, 0.0, None, None, True,
                               ("rar_cannot_be_delivered_in_time",))
    assert as_pairs(result) == [
        delivered_reason(0, 66, "Sunday 31 December 2023", "66 days"),
        too_early("0 days"),
        cannot_deliver("66 RAR days"),
    ]
    assert fast_path(value) is True


def test_s9_first_day_of_the_order_counts_and_working_days_left_exclude_it():
    # Day 1 is a Monday: 64 weekdays remain after it.
    ok = rar(max_days=65, as_of=day(1), activities=rar_days(day(1)))
    result = assess(ok)
    assert figures(result) == (1, 64, 7.0, None, None, False, ())
    assert as_pairs(result) == [
        delivered_reason(1, 65, "Monday 1 January 2024", "64 days"),
        too_early("1 day"),
    ]
    late = rar(max_days=65, as_of=day(1))
    result = assess(late)
    assert figures(result) == (0, 65, 0.0, None, None, True,
                               ("rar_cannot_be_delivered_in_time",))
    assert as_pairs(result)[-1] == cannot_deliver("65 RAR days")
    assert (fast_path(ok), fast_path(late)) == (False, True)


def test_s9_activity_the_day_before_the_start_is_outside_the_order():
    value = rar(as_of=day(1), activities=rar_days(day(0), day(1)))
    result = assess(value)
    assert figures(result) == (1, 9, 7.0, None, None, False, ())
    assert as_pairs(result) == [
        delivered_reason(1, 10, "Monday 1 January 2024", "9 days"),
        ("s9_activity_outside_order",
         "1 RAR activity record dated outside the order (or after Monday 1 January 2024) did "
         "not count."),
        too_early("1 day"),
    ]


# --- projecting the rate (from day 28 by default) ----------------------------------------------


def test_s9_day_27_is_too_early_to_project():
    value = rar(as_of=day(27), activities=first_days(5))
    result = assess(value)
    assert figures(result) == (5, 5, 1.3, None, None, False, ())
    assert as_pairs(result) == [
        delivered_reason(5, 10, "Saturday 27 January 2024", "5 days"),
        too_early("27 days"),
    ]


def test_s9_day_28_projects_the_rate():
    # 5 days in 28 = 1.25 a week; 63 days left * 5/28 = 11.25, capped at the maximum of 10.
    value = rar(as_of=day(28), activities=first_days(5))
    result = assess(value)
    assert figures(result) == (5, 5, 1.25, 10, 0, False, ())
    assert as_pairs(result) == [
        delivered_reason(5, 10, "Sunday 28 January 2024", "5 days"),
        rate_so_far("1.25", 10, 10),
    ]
    assert fast_path(value) is False


def test_s9_day_29_projects_the_rate():
    value = rar(max_days=20, as_of=day(29), activities=first_days(4))
    result = assess(value)
    # 4 / 29 days; 62 days left: 4 + int(8.55) = 12 of 20, 8 short.
    assert figures(result) == (4, 16, 0.97, 12, 8, True, ("rar_shortfall_at_current_rate",))
    assert as_pairs(result) == [
        delivered_reason(4, 20, "Monday 29 January 2024", "16 days"),
        rate_so_far("0.97", 12, 20),
        shortfall("8 RAR days"),
    ]
    assert fast_path(value) is True


@pytest.mark.parametrize(("wait", "as_of_day", "projected", "rate"), [
    (1, 1, 10, "7"), (2, 1, None, ""), (2, 2, 10, "7"), (29, 28, None, ""), (29, 29, 10, "2.41"),
])
def test_s9_projection_wait_is_configuration(wait, as_of_day, projected, rate):
    value = rar(as_of=day(as_of_day), activities=first_days(as_of_day))
    result = assess(value, config=RarConfig(min_days_before_projecting=wait))
    assert result.projected_days == projected
    if projected is None:
        assert as_pairs(result)[-1] == too_early(
            f"{as_of_day} day" + ("s" if as_of_day > 1 else ""), from_day=wait)
    else:
        assert as_pairs(result)[-1] == rate_so_far(rate, 10, 10)


def test_s9_default_projection_wait_is_28_days():
    assert RarConfig().min_days_before_projecting == 28
    assert DEFAULT_RAR == RarConfig(28)


def test_s9_projection_of_an_exact_rate_is_not_rounded_down():
    # A 66-day order on day 44 with 30 days delivered: 30/44 * 22 left is exactly 15, which is
    # 14.999... in floating point. The projection must say 45, not 44.
    # 16 days owed and 16 working days left: still deliverable.
    value = rar(max_days=46, as_of=day(44), end=day(66), activities=first_days(30))
    result = assess(value)
    assert figures(result) == (30, 16, 4.77, 45, 1, True, ("rar_shortfall_at_current_rate",))
    assert as_pairs(result)[1:] == [
        rate_so_far("4.77", 45, 46, "Wednesday 6 March 2024"),
        shortfall("1 RAR day"),
    ]


@pytest.mark.parametrize(("max_days", "projected", "short", "at_risk", "last"), [
    (13, 13, 0, False, None),          # projected exactly the maximum: not short
    (14, 13, 1, True, shortfall("1 RAR day")),
    (15, 13, 2, True, shortfall("2 RAR days")),
    (12, 12, 0, False, None),          # projection above the maximum is capped
])
def test_s9_shortfall_at_current_rate_boundary(max_days, projected, short, at_risk, last):
    # 4 days in 28 (1 a week); 63 days left: 4 + 9 = 13 by the end.
    value = rar(max_days=max_days, as_of=day(28),
                activities=rar_days(day(1), day(8), day(15), day(22)))
    result = assess(value)
    assert (result.projected_days, result.projected_shortfall, result.at_risk) == (
        projected, short, at_risk)
    assert as_pairs(result)[1] == rate_so_far("1", projected, max_days)
    assert (as_pairs(result)[2] if len(result.reasons) > 2 else None) == last
    assert result.warnings == (("rar_shortfall_at_current_rate",) if at_risk else ())
    assert fast_path(value) is at_risk


# --- cannot be delivered before the order ends -------------------------------------------------


def test_s9_days_owed_equal_to_working_days_left_can_still_be_delivered():
    # As of Sunday 24 March: Monday 25 to Friday 29 March are 5 working days.
    value = rar(max_days=5, as_of=D("2024-03-24"))
    result = assess(value)
    assert figures(result) == (0, 5, 0.0, 0, 5, True, ("rar_shortfall_at_current_rate",))
    assert as_pairs(result) == [
        delivered_reason(0, 5, "Sunday 24 March 2024", "5 days"),
        rate_so_far("0", 0, 5),
        shortfall("5 RAR days"),
    ]


def test_s9_one_day_owed_more_than_working_days_left_cannot_be_delivered():
    value = rar(max_days=6, as_of=D("2024-03-24"))
    result = assess(value)
    assert figures(result) == (0, 6, 0.0, 0, 6, True, ("rar_cannot_be_delivered_in_time",))
    assert as_pairs(result) == [
        delivered_reason(0, 6, "Sunday 24 March 2024", "6 days"),
        rate_so_far("0", 0, 6),
        cannot_deliver("6 RAR days"),
    ]
    assert fast_path(value) is True


def test_s9_bank_holidays_reduce_the_working_days_left_by_default():
    # Good Friday (29 March 2024) is a bank holiday in the shipped calendar: only 4 days left.
    value = rar(max_days=5, as_of=D("2024-03-24"))
    result = assess_rar(value)
    assert result.warnings == ("rar_cannot_be_delivered_in_time",)
    assert assess(value).warnings == ("rar_shortfall_at_current_rate",)
    # Not yet started (no projection): Monday 25 to Sunday 31 March has 4 working days.
    start, end = D("2024-03-25"), D("2024-03-31")
    args = (5, 0, start.toordinal(), end.toordinal(), D("2024-03-24").toordinal())
    assert rar_alert(*args) is True
    assert rar_alert(*args, NO_HOLIDAYS) is False
    assert rar_alert(4, *args[1:]) is False


@pytest.mark.parametrize(("as_of", "as_of_text", "last"), [
    (D("2024-03-30"), "Saturday 30 March 2024", cannot_deliver("2 RAR days")),
    (D("2024-03-31"), "Sunday 31 March 2024",
     ("s9_rar_cannot_be_delivered", "The order has ended with 2 RAR days not delivered.")),
    (D("2024-04-01"), "Monday 1 April 2024",
     ("s9_rar_cannot_be_delivered", "The order has ended with 2 RAR days not delivered.")),
])
def test_s9_end_of_the_order_day_before_day_of_and_day_after(as_of, as_of_text, last):
    value = rar(max_days=3, as_of=as_of, activities=rar_days(day(1)))
    result = assess(value)
    # 1 day in 91 days = 0.08 a week; nothing left to project.
    assert figures(result) == (1, 2, 0.08, 1, 2, True, ("rar_cannot_be_delivered_in_time",))
    assert as_pairs(result) == [
        delivered_reason(1, 3, as_of_text, "2 days"),
        rate_so_far("0.08", 1, 3),
        last,
    ]
    assert fast_path(value) is True


def test_s9_after_the_order_end_the_rate_uses_the_order_length_and_counts_its_last_day():
    value = rar(max_days=2, as_of=D("2024-04-05"),
                activities=rar_days(END, END + timedelta(days=1)))
    result = assess(value)
    assert figures(result) == (1, 1, 0.08, 1, 1, True, ("rar_cannot_be_delivered_in_time",))
    assert as_pairs(result) == [
        delivered_reason(1, 2, "Friday 5 April 2024", "1 day"),
        ("s9_activity_outside_order",
         "1 RAR activity record dated outside the order (or after Friday 5 April 2024) did not "
         "count."),
        rate_so_far("0.08", 1, 2),
        ("s9_rar_cannot_be_delivered", "The order has ended with 1 RAR day not delivered."),
    ]


def test_s9_order_completed_at_its_end_is_not_at_risk():
    value = rar(max_days=2, as_of=END, activities=rar_days(day(1), day(2)))
    result = assess(value)
    assert figures(result) == (2, 0, 0.15, 2, 0, False, ())
    assert as_pairs(result) == [
        delivered_reason(2, 2, "Sunday 31 March 2024", "0 days"),
        rate_so_far("0.15", 2, 2),
    ]
    assert fast_path(value) is False


# --- what counts -------------------------------------------------------------------------------


def test_s9_activity_on_as_of_counts_the_day_after_does_not():
    value = rar(as_of=day(10), activities=rar_days(day(10), day(11), day(12)))
    result = assess(value)
    assert figures(result) == (1, 9, 0.7, None, None, False, ())
    assert as_pairs(result) == [
        delivered_reason(1, 10, "Wednesday 10 January 2024", "9 days"),
        ("s9_activity_outside_order",
         "2 RAR activity records dated outside the order (or after Wednesday 10 January 2024) "
         "did not count."),
        too_early("10 days"),
    ]


@pytest.mark.parametrize(("contacts", "text"), [
    (1, "1 appointment recorded as not RAR activity (supervision contact) did not count."),
    (2, "2 appointments recorded as not RAR activity (supervision contact) did not count."),
])
def test_s9_supervision_contact_is_counted_in_the_reason(contacts, text):
    activities = rar_days(*(day(i) for i in range(1, contacts + 1)), rar=False)
    result = assess(rar(as_of=day(5), activities=activities + rar_days(day(5), day(5))))
    assert figures(result) == (1, 9, 1.4, None, None, False, ())
    assert as_pairs(result) == [
        delivered_reason(1, 10, "Friday 5 January 2024", "9 days"),
        ("s9_contact_not_rar", text),
        too_early("5 days"),
    ]


def test_s9_days_delivered_counts_distinct_dates_contact_and_outside_records():
    activities = (
        rar_days(day(0), day(1), day(1), day(3), day(4))
        + rar_days(day(2), day(2), day(3), rar=False)
    )
    assert days_delivered(activities, day(1), day(3)) == (2, 3, 2)
    assert days_delivered(iter(activities), day(1), day(4)) == (3, 3, 1)
    assert days_delivered([], day(1), day(4)) == (0, 0, 0)


@pytest.mark.parametrize(("max_days", "warnings", "extra"), [
    (4, (), []),
    (3, ("rar_over_maximum",), [("s9_rar_over_maximum",
        "4 RAR days are recorded but the court set a maximum of 3: check the recording.")]),
])
def test_s9_more_days_than_the_maximum_is_a_warning(max_days, warnings, extra):
    value = rar(max_days=max_days, as_of=day(4), activities=first_days(4))
    result = assess(value)
    assert figures(result) == (max_days, 0, round(max_days / 4 * 7, 2), None, None, False,
                               warnings)
    assert as_pairs(result) == [
        delivered_reason(max_days, max_days, "Thursday 4 January 2024", "0 days"),
        *extra,
        too_early("4 days"),
    ]


@pytest.mark.parametrize(("plan", "warnings"), [
    (None, ()), (True, ()), (False, ("rar_not_in_plan",)),
])
def test_s9_plan_must_mention_the_rar(plan, warnings):
    result = assess(rar(as_of=day(1), activities=first_days(1), plan=plan))
    assert result.warnings == warnings
    assert result.at_risk is False
    tail = as_pairs(result)[-1]
    if warnings:
        assert tail == ("s9_rar_not_in_plan", "The sentence plan does not mention the RAR: add "
                        "the RAR activities to the plan.")
    else:
        assert tail == too_early("1 day")


def test_s9_all_warnings_together_in_their_order():
    value = rar(max_days=1, as_of=D("2024-03-31"), plan=False,
                activities=rar_days(day(1), day(2)) + rar_days(day(3), rar=False))
    result = assess(value)
    assert result.warnings == ("rar_over_maximum", "rar_not_in_plan")
    assert set(result.warnings) <= set(WARNING_CODES)
    assert WARNING_CODES == ("rar_cannot_be_delivered_in_time", "rar_shortfall_at_current_rate",
                             "rar_not_in_plan", "rar_over_maximum")
    assert result.as_dict() == {
        "days_delivered": 1,
        "days_owed": 0,
        "rate_per_week": 0.08,
        "projected_days": 1,
        "projected_shortfall": 0,
        "at_risk": False,
        "warnings": ["rar_over_maximum", "rar_not_in_plan"],
        "reasons": [
            {"code": code, "section": S9, "text": text} for code, text in [
                delivered_reason(1, 1, "Sunday 31 March 2024", "0 days"),
                ("s9_contact_not_rar", "1 appointment recorded as not RAR activity (supervision "
                 "contact) did not count."),
                ("s9_rar_over_maximum", "2 RAR days are recorded but the court set a maximum of "
                 "1: check the recording."),
                rate_so_far("0.08", 1, 1),
                ("s9_rar_not_in_plan", "The sentence plan does not mention the RAR: add the RAR "
                 "activities to the plan."),
            ]
        ],
    }


# --- impossible input --------------------------------------------------------------------------


@pytest.mark.parametrize(("overrides", "error"), [
    ({"max_days": 0}, ("max_days", "must be a whole number of days, 1 or more")),
    ({"max_days": -1}, ("max_days", "must be a whole number of days, 1 or more")),
    ({"max_days": True}, ("max_days", "must be a whole number of days, 1 or more")),
    ({"max_days": 2.0}, ("max_days", "must be a whole number of days, 1 or more")),
    ({"start": "2024-01-01"}, ("order_start", "must be a date (YYYY-MM-DD)")),
    ({"end": datetime(2024, 3, 31)}, ("order_end", "must be a date (YYYY-MM-DD)")),
    ({"as_of": None}, ("as_of", "must be a date (YYYY-MM-DD)")),
    ({"end": START}, ("order_end", "must be after the order start")),
    ({"end": START - timedelta(days=1)}, ("order_end", "must be after the order start")),
    ({"plan": "yes"}, ("plan_mentions_rar", "must be true, false or null")),
    ({"plan": 0}, ("plan_mentions_rar", "must be true, false or null")),
    ({"activities": [RarActivity(datetime(2024, 1, 2), True)]},
     ("activities", "RarActivity(on=datetime.datetime(2024, 1, 2, 0, 0), is_rar_activity=True) "
                    "is not a dated activity record")),
    ({"activities": [(D("2024-01-02"), True)]},
     ("activities", "(datetime.date(2024, 1, 2), True) is not a dated activity record")),
    ({"activities": [RarActivity(D("2024-01-02"), 1)]},
     ("activities", "is_rar_activity must be true or false")),
    ({"activities": [RarActivity(D("2024-01-02"), None)]},
     ("activities", "is_rar_activity must be true or false")),
])
def test_s9_impossible_input_names_the_field(overrides, error):
    with pytest.raises(RuleInputError) as raised:
        assess(rar(**overrides))
    assert raised.value.as_dict() == {"field": error[0], "message": error[1]}
    assert str(raised.value) == f"{error[0]}: {error[1]}"


def test_s9_smallest_valid_order_and_maximum():
    result = assess(rar(max_days=1, end=START + timedelta(days=1), as_of=START))
    assert figures(result) == (0, 1, 0.0, None, None, False, ())


@pytest.mark.parametrize("activities", ["2024-01-02", b"x", 5, None])
def test_s9_activities_must_be_a_list_of_records(activities):
    with pytest.raises(RuleInputError) as raised:
        days_delivered(activities, START, END)
    assert raised.value.as_dict() == {"field": "activities",
                                      "message": "must be a list of activity records"}


@pytest.mark.parametrize("wait", [0, -1, True, 1.5, "28"])
def test_s9_projection_wait_must_be_a_whole_number_of_days(wait):
    with pytest.raises(RuleInputError) as raised:
        RarConfig(min_days_before_projecting=wait)
    assert raised.value.as_dict() == {"field": "min_days_before_projecting",
                                      "message": "must be 1 or more days"}


# --- before the start and after the end: the working days and days counted ---------------------


def test_s9_two_days_before_the_start_the_order_has_run_0_days():
    result = assess(rar(as_of=day(-1)))
    assert figures(result) == (0, 10, 0.0, None, None, False, ())
    assert as_pairs(result)[-1] == too_early("0 days")


@pytest.mark.parametrize(("max_days", "at_risk"), [(65, False), (66, True)])
def test_s9_weekdays_before_the_start_are_not_working_days_of_the_order(max_days, at_risk):
    # As of Thursday 28 December 2023: Friday 29 December is before the order, not in it.
    value = rar(max_days=max_days, as_of=D("2023-12-28"))
    result = assess(value)
    assert (result.at_risk, result.warnings) == (
        at_risk, ("rar_cannot_be_delivered_in_time",) if at_risk else ())
    assert fast_path(value) is at_risk


@pytest.mark.parametrize(("max_days", "at_risk"), [(66, False), (67, True)])
def test_s9_an_order_starting_on_a_tuesday_counts_its_first_day_as_working(max_days, at_risk):
    # Tuesday 2 January to Tuesday 2 April 2024 has 66 weekdays; Monday 1 January is not one.
    value = rar(max_days=max_days, as_of=D("2023-12-31"), start=D("2024-01-02"),
                end=D("2024-04-02"))
    result = assess(value)
    assert result.at_risk is at_risk
    assert fast_path(value) is at_risk


def test_s9_completed_order_checked_weeks_after_its_end_is_not_at_risk():
    value = rar(max_days=2, as_of=D("2024-04-19"), activities=rar_days(day(1), day(2)))
    result = assess(value)
    assert figures(result) == (2, 0, 0.15, 2, 0, False, ())
    assert fast_path(value) is False


@pytest.mark.parametrize("as_of", [D("2024-01-02"), D("2024-01-03")])
def test_s9_nothing_is_projected_after_the_last_day(as_of):
    # A two-day order with both days delivered and a higher maximum: the projection stays at 2.
    value = rar(max_days=3, as_of=as_of, end=D("2024-01-02"), activities=first_days(2))
    result = assess(value, config=RarConfig(min_days_before_projecting=1))
    assert figures(result) == (2, 1, 7.0, 2, 1, True, ("rar_cannot_be_delivered_in_time",))
    assert as_pairs(result)[1] == rate_so_far("7", 2, 3, "Tuesday 2 January 2024")
