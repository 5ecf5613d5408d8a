"""The UPW ledger in minutes, adjustments and placements (operating-model.md §12, issue 15)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.unpaid_work import (
    Adjustment,
    LedgerInput,
    PlacementFacts,
    SessionCredit,
    check_adjustment,
    check_placement,
    ete_headroom,
    hm,
    ledger,
    session_credit,
)

D = date.fromisoformat
SENTENCED = D("2025-01-10")
DEADLINE = D("2026-01-10")


def codes(items) -> list[str]:
    return [r.code for r in items]


def worked(on, minutes, *, outcome="attended", penalty=0, ete=False):
    return SessionCredit(on=on, outcome=outcome, minutes_worked=minutes,
                         penalty_minutes=penalty, ete=ete)


def test_hours_are_summed_across_requirements_in_minutes():
    result = ledger(LedgerInput((100, 40), SENTENCED, SENTENCED))
    assert result.ordered_minutes == 140 * 60
    assert result.remaining_minutes == 140 * 60
    assert "s12_hours_summed" in codes(result.reasons)
    assert all(r.section == "operating-model.md §12" for r in result.reasons)


@pytest.mark.parametrize("hours", [39, 301, 0])
def test_each_requirement_is_40_to_300_hours(hours):
    with pytest.raises(RuleInputError):
        ledger(LedgerInput((hours,), SENTENCED, SENTENCED))


@pytest.mark.parametrize(("outcome", "credited"), [
    ("attended", 390), ("sent_home", 390), ("failed_to_attend", 0),
    ("acceptable_absence", 0), ("unacceptable_absence", 0)])
def test_only_outcomes_that_count_as_attended_credit_time_less_penalty(outcome, credited):
    session = worked(SENTENCED, 420, outcome=outcome, penalty=30)
    assert session_credit(session) == credited
    result = ledger(LedgerInput((40,), SENTENCED, SENTENCED, sessions=(session,)))
    assert result.credited_minutes == credited


def test_penalty_cannot_exceed_time_worked():
    with pytest.raises(RuleInputError):
        ledger(LedgerInput((40,), SENTENCED, SENTENCED,
                           sessions=(worked(SENTENCED, 60, penalty=61),)))


def test_credit_never_goes_beyond_what_is_owed():
    sessions = tuple(worked(SENTENCED + timedelta(days=i), 420) for i in range(8))
    result = ledger(LedgerInput((40,), SENTENCED, SENTENCED + timedelta(days=30),
                                sessions=sessions))
    assert result.credited_minutes == 2400 and result.remaining_minutes == 0
    assert result.complete and not result.at_risk


def test_ete_is_capped_at_twenty_percent_with_a_message():
    # 100 hours: 20 hours of ETE at most.
    result = ledger(LedgerInput((100,), SENTENCED, SENTENCED + timedelta(days=60),
                                sessions=(worked(SENTENCED, 25 * 60, ete=True),)))
    assert result.ete_cap_minutes == 1200
    assert result.ete_minutes_credited == 1200
    assert result.credited_minutes == 1200
    assert "upw_ete_over_cap" in result.warnings
    over = next(r for r in result.reasons if r.code == "s12_ete_over_cap")
    assert "5 hours" in over.text and "20%" in over.text


def _at(ete_minutes, *, ordered=100):
    return ledger(LedgerInput((ordered,), SENTENCED, SENTENCED + timedelta(days=60),
                              sessions=(worked(SENTENCED, ete_minutes, ete=True),)))


@pytest.mark.parametrize(("ete_done", "adding", "refused"), [
    (1199, 1, False),   # lands exactly on 20%
    (1200, 0, None),    # at 20%: no headroom
    (1200, 1, True),    # one minute over 20%
    (0, 1200, False),   # exactly 20% in one go
    (0, 1201, True),
])
def test_ete_adjustment_boundary_at_exactly_twenty_percent(ete_done, adding, refused):
    current = _at(ete_done)
    if refused is None:
        assert ete_headroom(current) == 0
        return
    problems = check_adjustment(current, Adjustment(SENTENCED + timedelta(days=1), "ete", adding),
                                sentence_date=SENTENCED, today=SENTENCED + timedelta(days=60))
    assert ("s12_ete_over_cap" in codes(problems)) is refused


@pytest.mark.parametrize(("minutes", "refused"), [(179, False), (180, False), (181, True)])
def test_travel_time_is_capped_at_180_minutes(minutes, refused):
    current = ledger(LedgerInput((100,), SENTENCED, SENTENCED + timedelta(days=10)))
    problems = check_adjustment(current, Adjustment(SENTENCED, "travel_time", minutes),
                                sentence_date=SENTENCED, today=SENTENCED + timedelta(days=10))
    assert ("s12_adjustment_over_cap" in codes(problems)) is refused
    if refused:
        assert "3 hours" in problems[0].text


@pytest.mark.parametrize(("on", "code"), [
    (SENTENCED - timedelta(days=1), "s12_adjustment_before_sentence"),
    (SENTENCED, None),
    (SENTENCED + timedelta(days=20), None),  # today
    (SENTENCED + timedelta(days=21), "s12_adjustment_future"),
])
def test_adjustments_are_never_before_sentence_or_in_the_future(on, code):
    current = ledger(LedgerInput((100,), SENTENCED, SENTENCED + timedelta(days=20)))
    problems = check_adjustment(current, Adjustment(on, "travel_time", 60),
                                sentence_date=SENTENCED, today=SENTENCED + timedelta(days=20))
    assert codes(problems) == ([code] if code else [])


def test_adjustment_never_credits_beyond_what_is_owed_or_takes_off_more_than_credited():
    current = ledger(LedgerInput((40,), SENTENCED, SENTENCED + timedelta(days=30),
                                 sessions=(worked(SENTENCED, 2400 - 100),)))
    today = SENTENCED + timedelta(days=30)
    assert check_adjustment(current, Adjustment(today, "travel_time", 100),
                            sentence_date=SENTENCED, today=today) == ()
    assert "s12_adjustment_beyond_owed" in codes(check_adjustment(
        current, Adjustment(today, "travel_time", 101), sentence_date=SENTENCED, today=today))
    assert "s12_adjustment_direction" in codes(check_adjustment(
        current, Adjustment(today, "travel_time", -10), sentence_date=SENTENCED, today=today))
    fresh = ledger(LedgerInput((40,), SENTENCED, today, sessions=(worked(SENTENCED, 60),)))
    assert "s12_adjustment_below_zero" in codes(check_adjustment(
        fresh, Adjustment(today, "recording_error", -61), sentence_date=SENTENCED, today=today))


def test_negative_adjustment_reduces_credit():
    today = SENTENCED + timedelta(days=30)
    result = ledger(LedgerInput((40,), SENTENCED, today, sessions=(worked(SENTENCED, 420),),
                                adjustments=(Adjustment(today, "recording_error", -30),)))
    assert result.credited_minutes == 390


def test_nine_months_in_with_sixty_percent_left_is_at_risk():
    as_of = D("2025-10-10")  # 9 months after sentence: 3 months before the deadline
    sessions = (worked(SENTENCED + timedelta(days=10), 40 * 60),)  # 40% of 100 hours
    result = ledger(LedgerInput((100,), SENTENCED, as_of, sessions=sessions))
    assert result.remaining_minutes == 60 * 60
    assert result.at_risk
    assert {"upw_projected_overrun", "upw_behind_near_deadline"} <= set(result.warnings)
    assert result.projected_completion > result.deadline == DEADLINE


def test_on_track_order_is_not_at_risk_and_is_projected():
    as_of = SENTENCED + timedelta(days=100)
    result = ledger(LedgerInput((100,), SENTENCED, as_of,
                                sessions=(worked(SENTENCED, 50 * 60),)))
    assert not result.at_risk
    assert result.projected_completion == as_of + timedelta(days=100)
    assert "s12_on_track" in codes(result.reasons)


@pytest.mark.parametrize(("as_of", "passed"), [
    (DEADLINE - timedelta(days=1), False), (DEADLINE, False),
    (DEADLINE + timedelta(days=1), True)])
def test_deadline_day_before_of_and_after(as_of, passed):
    result = ledger(LedgerInput((100,), SENTENCED, as_of,
                                sessions=(worked(SENTENCED, 99 * 60),)))
    assert ("upw_deadline_passed" in result.warnings) is passed
    assert ("upw_behind_near_deadline" in result.warnings) is False


@pytest.mark.parametrize(("day", "projected"), [(27, False), (28, True)])
def test_projection_starts_on_day_28(day, projected):
    result = ledger(LedgerInput((100,), SENTENCED, SENTENCED + timedelta(days=day),
                                sessions=(worked(SENTENCED, 60),)))
    assert (result.projected_completion is not None) is projected


def test_hm_reads_naturally():
    assert hm(450) == "7 hours 30 minutes"
    assert hm(60) == "1 hour"
    assert hm(1) == "1 minute"
    assert hm(0) == "0 minutes"
    assert hm(-90) == "minus 1 hour 30 minutes"


def facts(**kw):
    base = dict(project_type="group", public_facing=False, women_only=False, capacity=14,
                booked=0, assessed=True)
    base.update(kw)
    return PlacementFacts(**base)


def test_placement_needs_the_pre_placement_assessment_except_for_induction():
    assert codes(check_placement(facts(assessed=False))) == ["s12_assessment_needed"]
    assert check_placement(facts(assessed=False, project_type="induction")) == ()


def test_sex_offender_cannot_be_placed_on_a_public_facing_group():
    assert codes(check_placement(facts(sex_offender=True, public_facing=True))) == [
        "s12_sex_offender_public_facing"]
    assert check_placement(facts(sex_offender=True, public_facing=False)) == ()
    assert check_placement(facts(sex_offender=True, public_facing=True,
                                 project_type="individual")) == ()


@pytest.mark.parametrize(("booked", "full"), [(13, False), (14, True)])
def test_capacity_stops_over_booking(booked, full):
    assert ("s12_session_full" in codes(check_placement(facts(booked=booked)))) is full


@pytest.mark.parametrize(("taken", "full"), [(13, False), (14, True)])
def test_fifteenth_seat_on_a_fourteen_seat_bus_is_refused(taken, full):
    problems = check_placement(facts(capacity=20, needs_transport=True, seats=14,
                                     seats_taken=taken))
    assert ("s12_transport_full" in codes(problems)) is full


def test_other_restrictions():
    assert codes(check_placement(facts(keep_apart_clash=("Sam Jones",)))) == ["s12_keep_apart"]
    assert codes(check_placement(facts(women_only=True))) == ["s12_women_only"]
    assert check_placement(facts(women_only=True, is_woman=True)) == ()
    assert codes(check_placement(facts(suitable_group=False))) == ["s12_unsuitable_group"]
    assert codes(check_placement(facts(project_type="individual", suitable_individual=False))) \
        == ["s12_unsuitable_individual"]
    assert codes(check_placement(facts(project_type="ete", ete_headroom_minutes=0))) == [
        "s12_ete_over_cap"]
    assert codes(check_placement(facts(needs_transport=True))) == ["s12_no_transport"]
