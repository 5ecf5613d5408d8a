"""Intensive working and a project's weekly / fortnightly sessions (§12): the pure rules."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.unpaid_work import (
    INTENSIVE_DAYS_PER_WEEK,
    STANDARD_DAYS_PER_WEEK,
    PlacementFacts,
    check_placement,
    series_dates,
)

D = dt.date.fromisoformat


def facts(**kw) -> PlacementFacts:
    return PlacementFacts(project_type="group", public_facing=False, women_only=False,
                          capacity=10, booked=0, assessed=True, **kw)


def codes(**kw) -> list[str]:
    return [r.code for r in check_placement(facts(**kw))]


def test_two_days_a_week_without_intensive_working():
    assert codes(days_booked_that_week=STANDARD_DAYS_PER_WEEK - 1) == []
    refused = check_placement(facts(days_booked_that_week=STANDARD_DAYS_PER_WEEK))
    assert [r.code for r in refused] == ["s12_week_limit"]
    assert "Intensive working" in refused[0].text and refused[0].section.endswith("§12")


def test_intensive_working_allows_more_days_for_someone_not_in_work_and_agreed():
    assert codes(intensive=True, intensive_agreed=True, in_work=False,
                 days_booked_that_week=INTENSIVE_DAYS_PER_WEEK - 1) == []
    assert codes(intensive=True, intensive_agreed=True,
                 days_booked_that_week=INTENSIVE_DAYS_PER_WEEK) == ["s12_week_limit"]


@pytest.mark.parametrize(("kw", "code"), [
    ({"in_work": True, "intensive_agreed": True}, "s12_intensive_in_work"),
    ({"in_work": False, "intensive_agreed": False}, "s12_intensive_not_agreed"),
])
def test_intensive_working_is_for_people_not_in_work_agreed_at_assessment(kw, code):
    assert codes(intensive=True, **kw) == [code]


def test_someone_in_work_is_not_offered_intensive_working_in_the_reason():
    text = check_placement(facts(in_work=True, days_booked_that_week=2))[0].text
    assert "Intensive working" not in text


def test_weekly_series_on_the_project_days_skips_bank_holidays():
    # Mondays and Thursdays from Thursday 18 December 2025 to Thursday 1 January 2026.
    series = series_dates(availability="weekly", weekdays=[1, 4], starts_on=D("2025-12-18"),
                          until=D("2026-01-01"))
    assert series.dates == (D("2025-12-18"), D("2025-12-22"), D("2025-12-29"))
    assert series.skipped == (D("2025-12-25"), D("2026-01-01"))
    assert [r.code for r in series.reasons] == ["s12_series", "s12_series_bank_holiday"]


def test_fortnightly_series_counts_weeks_from_the_first_day():
    series = series_dates(availability="fortnightly", weekdays=[3], starts_on=D("2026-03-02"),
                          until=D("2026-03-31"), holidays=())
    assert series.dates == (D("2026-03-04"), D("2026-03-18"))


@pytest.mark.parametrize(("kw", "field"), [
    ({"availability": "monthly"}, "availability"),
    ({"weekdays": []}, "weekdays"),
    ({"weekdays": [8]}, "weekdays"),
    ({"until": D("2026-02-28")}, "until"),
    ({"until": D("2026-12-31")}, "until"),
])
def test_series_input_refused_with_its_field(kw, field):
    args = {"availability": "weekly", "weekdays": [1], "starts_on": D("2026-03-02"),
            "until": D("2026-03-31")} | kw
    with pytest.raises(RuleInputError) as refused:
        series_dates(**args)
    assert refused.value.field == field
