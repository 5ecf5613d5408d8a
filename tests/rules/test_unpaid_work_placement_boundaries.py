"""Boundaries of placing a person on an unpaid work session (operating-model.md §12), pinned.

Written against mutation testing (issue 25): every refusal with its exact words and numbers, the
session's places, the transport seats and the ETE headroom one below, at and one above their
limit, two and four days in a week on both sides, every project type, and the unknown project
type through ``RuleInputError.as_dict()``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.unpaid_work.placement import (
    ETE,
    GROUP,
    INDIVIDUAL,
    INDUCTION,
    INTENSIVE_DAYS_PER_WEEK,
    PROJECT_TYPES,
    STANDARD_DAYS_PER_WEEK,
    PlacementFacts,
    check_intensive,
    check_placement,
)

S12 = "operating-model.md §12"
OK = PlacementFacts(project_type=GROUP, public_facing=False, women_only=False, capacity=6,
                    booked=0, assessed=True)


def only(facts: PlacementFacts) -> tuple[Reason, ...]:
    return check_placement(facts)


def test_the_project_types_and_pace():
    assert PROJECT_TYPES == ("group", "individual", "ete", "induction")
    assert (STANDARD_DAYS_PER_WEEK, INTENSIVE_DAYS_PER_WEEK) == (2, 4)


@pytest.mark.parametrize("project_type", PROJECT_TYPES)
def test_a_suitable_assessed_person_can_be_placed_on_each_type(project_type):
    assert only(replace(OK, project_type=project_type)) == ()


def test_an_unknown_project_type_is_refused():
    with pytest.raises(RuleInputError) as error:
        check_placement(replace(OK, project_type="garden"))
    assert error.value.as_dict() == {"field": "project_type",
                                     "message": "unknown project type 'garden'"}


def test_already_booked():
    assert only(replace(OK, already_booked=True)) == (Reason(
        "s12_already_booked", S12, "This person is already booked on this session."),)


@pytest.mark.parametrize("project_type", [GROUP, INDIVIDUAL, ETE])
def test_the_assessment_is_needed_before_any_placement_but_induction(project_type):
    assert only(replace(OK, project_type=project_type, assessed=False)) == (Reason(
        "s12_assessment_needed", S12,
        "Complete the pre-placement assessment before the first placement."),)
    assert only(replace(OK, project_type=INDUCTION, assessed=False)) == ()


def test_a_sex_offender_only_off_public_facing_group_projects():
    refusal = (Reason("s12_sex_offender_public_facing", S12,
                      "A person registered as a sex offender cannot be placed on a public-facing "
                      "group project."),)
    assert only(replace(OK, sex_offender=True, public_facing=True)) == refusal
    assert only(replace(OK, sex_offender=True, public_facing=False)) == ()
    assert only(replace(OK, sex_offender=False, public_facing=True)) == ()
    assert only(replace(OK, sex_offender=True, public_facing=True,
                        project_type=INDIVIDUAL)) == ()


def test_unsuitable_for_group_placements():
    facts = replace(OK, suitable_group=False)
    assert only(facts) == (Reason(
        "s12_unsuitable_group", S12,
        "The pre-placement assessment found this person unsuitable for group placements."),)
    assert only(replace(facts, project_type=INDIVIDUAL)) == ()
    # not yet assessed: the missing assessment is the reason, not its finding
    assert [r.code for r in only(replace(facts, assessed=False))] == ["s12_assessment_needed"]


def test_unsuitable_for_individual_placements():
    facts = replace(OK, project_type=INDIVIDUAL, suitable_individual=False)
    assert only(facts) == (Reason(
        "s12_unsuitable_individual", S12,
        "The pre-placement assessment found this person unsuitable for individual placements."),)
    assert only(replace(facts, project_type=GROUP)) == ()
    assert [r.code for r in only(replace(facts, assessed=False))] == ["s12_assessment_needed"]


def test_women_only():
    assert only(replace(OK, women_only=True)) == (Reason(
        "s12_women_only", S12, "This is a women-only placement."),)
    assert only(replace(OK, women_only=True, is_woman=True)) == ()
    assert only(replace(OK, is_woman=True)) == ()


def test_keep_apart_names_each_person():
    assert only(replace(OK, keep_apart_clash=("A. Smith", "B. Jones"))) == (Reason(
        "s12_keep_apart", S12,
        "Must be kept apart from A. Smith, B. Jones, who is booked on this session."),)


@pytest.mark.parametrize(("booked", "full"), [(5, False), (6, True), (7, True)])
def test_places_one_below_at_and_above_capacity(booked, full):
    expected = (Reason("s12_session_full", S12, "The session is full: 6 places, all booked."),)
    assert only(replace(OK, booked=booked)) == (expected if full else ())


def test_transport():
    assert only(replace(OK, needs_transport=True)) == (Reason(
        "s12_no_transport", S12, "This session has no transport to book a seat on."),)
    assert only(replace(OK, needs_transport=True, seats=8, seats_taken=7)) == ()
    full = (Reason("s12_transport_full", S12, "The transport is full: all 8 seats are taken."),)
    assert only(replace(OK, needs_transport=True, seats=8, seats_taken=8)) == full
    assert only(replace(OK, needs_transport=True, seats=8, seats_taken=9)) == full
    assert only(replace(OK, needs_transport=False, seats=8, seats_taken=8)) == ()
    assert only(replace(OK, needs_transport=False, seats=None)) == ()


@pytest.mark.parametrize(("headroom", "refused"), [(1, False), (0, True), (-1, True),
                                                   (None, False)])
def test_ete_headroom(headroom, refused):
    expected = (Reason("s12_ete_over_cap", S12,
                       "The 20% limit on education, training and employment is reached: no more "
                       "ETE can be credited, so an ETE placement is refused."),)
    facts = replace(OK, project_type=ETE, ete_headroom_minutes=headroom)
    assert only(facts) == (expected if refused else ())
    assert only(replace(facts, project_type=GROUP)) == ()


def test_every_refusal_together_in_order():
    facts = replace(OK, already_booked=True, assessed=False, sex_offender=True,
                    public_facing=True, women_only=True, keep_apart_clash=("C. Doe",), booked=6,
                    needs_transport=True, days_booked_that_week=2)
    assert [r.code for r in only(facts)] == [
        "s12_already_booked", "s12_assessment_needed", "s12_sex_offender_public_facing",
        "s12_women_only", "s12_keep_apart", "s12_session_full", "s12_no_transport",
        "s12_week_limit"]


# --- the week's limit and intensive working --------------------------------------------------

@pytest.mark.parametrize(("days", "limited"), [(1, False), (2, True), (3, True)])
def test_two_days_a_week_for_someone_not_in_work(days, limited):
    expected = (Reason(
        "s12_week_limit", S12,
        f"Already booked on {days} days that week: at most 2 without intensive working. "
        "Intensive working (up to 4 days a week) is possible for someone not in work."),)
    assert check_intensive(replace(OK, days_booked_that_week=days)) == (
        expected if limited else ())
    assert only(replace(OK, days_booked_that_week=days)) == (expected if limited else ())


def test_someone_in_work_is_not_offered_intensive_working():
    assert check_intensive(replace(OK, in_work=True, days_booked_that_week=2)) == (Reason(
        "s12_week_limit", S12,
        "Already booked on 2 days that week: at most 2 without intensive working."),)


@pytest.mark.parametrize(("days", "limited"), [(3, False), (4, True), (5, True)])
def test_four_days_a_week_when_working_intensively(days, limited):
    facts = replace(OK, intensive=True, intensive_agreed=True, days_booked_that_week=days)
    assert check_intensive(facts) == ((Reason(
        "s12_week_limit", S12,
        f"Already booked on {days} days that week: at most 4 when working intensively."),)
        if limited else ())


def test_intensive_working_for_someone_in_work_or_not_agreed():
    in_work = Reason("s12_intensive_in_work", S12,
                     "Intensive working is for people not in work: this person is in work, so "
                     "book sessions around their working hours.")
    not_agreed = Reason("s12_intensive_not_agreed", S12,
                        "The pre-placement assessment has not agreed intensive working: record "
                        "it on the assessment first.")
    assert check_intensive(replace(OK, intensive=True, in_work=True, intensive_agreed=True)) == (
        in_work,)
    assert check_intensive(replace(OK, intensive=True)) == (not_agreed,)
    assert check_intensive(replace(OK, intensive=True, in_work=True)) == (in_work, not_agreed)
    assert check_intensive(replace(OK, in_work=True)) == ()
    assert check_intensive(replace(OK, intensive_agreed=True)) == ()
    both = check_intensive(replace(OK, intensive=True, in_work=True, days_booked_that_week=4))
    assert both[-1] == Reason("s12_week_limit", S12, "Already booked on 4 days that week: at "
                              "most 4 when working intensively.")
