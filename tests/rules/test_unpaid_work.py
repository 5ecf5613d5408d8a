"""Unpaid work hours, the 20% ETE cap and the 12-month deadline (operating-model.md §12)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.unpaid_work import UpwConfig, UpwInput, assess_upw

D = date.fromisoformat
SENTENCED = D("2024-01-10")


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


@pytest.mark.parametrize(
    ("ordered", "ete", "other", "cap", "ete_credited", "rejected", "credited", "remaining",
     "unused"),
    [
        (100, 0, 0, 20, 0, 0, 0, 100, 20),
        (100, 15, 30, 20, 15, 0, 45, 55, 5),
        (100, 30, 20, 20, 20, 10, 40, 60, 0),  # 10 ETE hours beyond the cap rejected
        (40, 8, 32, 8, 8, 0, 40, 0, 0),
        (300, 60, 200, 60, 60, 0, 260, 40, 0),
        (125, 10, 110, 25, 10, 0, 120, 5, 5),  # unused ETE limited by the hours left
        (42, 10, 0, 8.4, 8.4, 1.6, 8.4, 33.6, 0),
        (60, 0, 75, 12, 0, 0, 60, 0, 0),  # over-worked hours never exceed the order
    ],
)
def test_s12_hours_and_the_twenty_percent_ete_cap(ordered, ete, other, cap, ete_credited,
                                                  rejected, credited, remaining, unused):
    result = assess_upw(UpwInput(ordered, SENTENCED, D("2024-05-10"), ete, other))
    assert result.ete_cap_hours == cap
    assert result.ete_hours_credited == ete_credited
    assert result.ete_hours_rejected == rejected
    assert result.hours_credited == credited
    assert result.hours_remaining == remaining
    assert result.ete_unused_hours == unused
    assert ("upw_ete_over_cap" in result.warnings) == (rejected > 0)
    assert all(reason.section == "operating-model.md §12" for reason in result.reasons)


def test_s12_ete_hours_beyond_the_cap_are_rejected_with_a_reason():
    result = assess_upw(UpwInput(100, SENTENCED, D("2024-05-10"), 30, 20))
    reason = next(r for r in result.reasons if r.code == "s12_ete_over_cap")
    assert "10 hours of ETE not credited" in reason.text and "20%" in reason.text


@pytest.mark.parametrize(
    ("name", "as_of", "ete", "other", "overrun", "warnings"),
    [
        ("on track", "2024-05-10", 0, 60, False, ()),
        ("too early to project", "2024-01-30", 0, 0, None, ()),
        ("no hours after a month will overrun", "2024-02-20", 0, 0, True,
         ("upw_projected_overrun",)),
        ("slow rate projects past the deadline", "2024-05-10", 0, 20, True,
         ("upw_projected_overrun",)),
        ("under 3 months left with over 25% to do", "2024-10-20", 0, 70, True,
         ("upw_projected_overrun", "upw_behind_near_deadline")),
        ("under 3 months left, 25% exactly to do: only the rate flags it", "2024-11-20", 0, 75,
         True, ("upw_projected_overrun",)),
        ("under 3 months left, on track", "2024-11-20", 20, 70, False, ()),
        ("deadline passed", "2025-01-11", 0, 90, True, ("upw_deadline_passed",)),
        ("complete", "2024-08-01", 20, 80, False, ()),
    ],
)
def test_s12_overrun_is_flagged_well_before_the_deadline(name, as_of, ete, other, overrun,
                                                         warnings):
    result = assess_upw(UpwInput(100, SENTENCED, D(as_of), ete, other))
    assert result.will_overrun is overrun, name
    assert result.warnings == warnings, name
    assert result.flagged == bool(warnings), name
    assert result.reasons


def test_s12_projection_figures():
    # 60 hours in 121 days; 40 left at that rate take 81 days
    result = assess_upw(UpwInput(100, SENTENCED, D("2024-05-10"), 0, 60))
    assert result.deadline == D("2025-01-10")
    assert result.projected_completion == D("2024-05-10") + timedelta(days=81)
    assert result.required_hours_per_week == round(40 / 245 * 7, 1)
    assert "s12_on_track" in codes(result)


@pytest.mark.parametrize(
    ("sentenced", "deadline"),
    [("2024-01-31", "2025-01-31"), ("2024-02-29", "2025-02-28"), ("2023-12-15", "2024-12-15")],
)
def test_s12_deadline_is_twelve_months_from_sentence(sentenced, deadline):
    assert assess_upw(UpwInput(80, D(sentenced), D(sentenced), 0, 0)).deadline == D(deadline)


def test_s12_court_extension_moves_the_deadline():
    result = assess_upw(UpwInput(100, SENTENCED, D("2025-02-01"), 0, 90,
                                 deadline_extended_to=D("2025-04-10")))
    assert result.deadline == D("2025-04-10")
    assert "upw_deadline_passed" not in result.warnings
    assert "extended by the court" in result.reasons[0].text


def test_s12_rules_are_configuration():
    config = UpwConfig(ete_cap_fraction=0.1, late_window_months=6,
                       late_window_remaining_fraction=0.3)
    result = assess_upw(UpwInput(100, SENTENCED, D("2024-08-01"), 20, 55), config)
    assert result.ete_cap_hours == 10 and result.ete_hours_rejected == 10
    # 35 of 100 left with under 6 months to go: flagged although the rate is on track
    assert result.warnings == ("upw_ete_over_cap", "upw_behind_near_deadline")
    assert result.will_overrun is False and result.flagged


@pytest.mark.parametrize(
    ("upw", "field"),
    [
        (UpwInput(39, SENTENCED, SENTENCED), "hours_ordered"),
        (UpwInput(301, SENTENCED, SENTENCED), "hours_ordered"),
        (UpwInput(100.0, SENTENCED, SENTENCED), "hours_ordered"),
        (UpwInput(100, SENTENCED, SENTENCED, -1), "hours_worked_ete"),
        (UpwInput(100, SENTENCED, SENTENCED, 0, float("nan")), "hours_worked_other"),
        (UpwInput(100, SENTENCED, SENTENCED - timedelta(1)), "as_of"),
        (UpwInput(100, "2024-01-10", SENTENCED), "sentence_date"),
        (UpwInput(100, SENTENCED, SENTENCED, deadline_extended_to=SENTENCED),
         "deadline_extended_to"),
    ],
)
def test_s12_upw_rejects_invalid_input(upw, field):
    with pytest.raises(RuleInputError) as caught:
        assess_upw(upw)
    assert caught.value.field == field


hours = st.floats(0, 400, allow_nan=False).map(lambda h: round(h, 2))


@given(st.integers(40, 300), hours, hours, st.integers(0, 500))
def test_s12_upw_invariants(ordered, ete, other, days):
    result = assess_upw(UpwInput(ordered, SENTENCED, SENTENCED + timedelta(days), ete, other))
    assert result.reasons
    assert 0 <= result.hours_remaining <= ordered
    assert result.hours_credited + result.hours_remaining == pytest.approx(ordered)
    assert 0 <= result.ete_hours_credited <= result.ete_cap_hours + 1e-9
    assert result.ete_cap_hours == pytest.approx(ordered * 0.2)
    assert result.ete_hours_credited + result.ete_hours_rejected == pytest.approx(ete)
    assert 0 <= result.ete_unused_hours <= result.hours_remaining
    if result.hours_remaining == 0:
        assert not result.flagged
    if result.projected_completion is not None:
        assert result.will_overrun == (result.projected_completion > result.deadline)
    if result.will_overrun:
        assert result.flagged


@given(st.integers(40, 300), hours, st.floats(0, 50), st.integers(30, 360))
def test_s12_more_hours_worked_never_makes_the_projection_later(ordered, other, more, days):
    as_of = SENTENCED + timedelta(days)
    before = assess_upw(UpwInput(ordered, SENTENCED, as_of, 0, other))
    after = assess_upw(UpwInput(ordered, SENTENCED, as_of, 0, other + more))
    assert after.hours_remaining <= before.hours_remaining
    if before.projected_completion and after.projected_completion:
        assert after.projected_completion <= before.projected_completion


def test_s12_a_trickle_of_hours_projects_an_overrun_without_overflowing():
    # Found by the property test: 0.03 hours in ten months used to overflow the date.
    result = assess_upw(UpwInput(282, date(2024, 1, 10), date(2024, 11, 15), 0, 0.03))
    assert result.will_overrun and result.projected_completion > result.deadline
