"""Induction suitability screen and personalised content (operating-model.md §5)."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.banding import REQUIREMENT_CODES
from desist.rules.errors import RuleInputError
from desist.rules.induction import (
    REQUIREMENT_SECTIONS,
    RESTRICTION_NO_DA_VICTIMS,
    GroupMember,
    InductionConfig,
    InductionScreen,
    check_group,
    induction_content,
    screen_for_group_induction,
)

S5 = "operating-model.md §5"

CLEAR = InductionScreen(
    literacy_needs=False,
    numeracy_needs=False,
    learning_disability=False,
    anxiety_or_vulnerability=False,
    age=34,
    interpreter_needed=False,
    domestic_abuse_perpetrator=False,
    domestic_abuse_victim=False,
    disability_or_access_needs=False,
    work_clashes_with_group_times=False,
)


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


def test_s5_clear_screen_books_group_induction():
    result = screen_for_group_induction(CLEAR)
    assert result.mode == "group"
    assert codes(result) == ["s5_screen_clear"]
    assert result.restrictions == ()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"literacy_needs": True}, "s5_literacy_needs"),
        ({"numeracy_needs": True}, "s5_numeracy_needs"),
        ({"learning_disability": True}, "s5_learning_disability"),
        ({"anxiety_or_vulnerability": True}, "s5_anxiety_or_vulnerability"),
        ({"interpreter_needed": True}, "s5_language"),
        ({"domestic_abuse_victim": True}, "s5_domestic_abuse_victim"),
        ({"work_clashes_with_group_times": True}, "s5_working_hours"),
        ({"disability_or_access_needs": True}, "s5_access_needs"),
        ({"age": 69}, "s5_age_older"),  # the inspectors' frightened 69-year-old
        ({"age": 65}, "s5_age_older"),
        ({"age": 17}, "s5_age_younger"),
    ],
)
def test_s5_each_screen_answer_makes_group_unsuitable(change, code):
    result = screen_for_group_induction(replace(CLEAR, **change))
    assert result.mode == "individual"
    assert codes(result)[0] == code
    assert all(reason.section == S5 for reason in result.reasons)


@pytest.mark.parametrize("age", [18, 24, 64])
def test_s5_ages_18_to_64_do_not_by_themselves_exclude(age):
    assert screen_for_group_induction(replace(CLEAR, age=age)).mode == "group"


def test_s5_access_needs_met_by_the_group_venue_allow_group():
    result = screen_for_group_induction(
        replace(CLEAR, disability_or_access_needs=True, group_venue_meets_access_needs=True)
    )
    assert result.mode == "group"
    assert codes(result) == ["s5_screen_clear", "s5_access_needs_met"]


def test_s5_da_perpetrator_may_join_a_group_only_without_victims():
    result = screen_for_group_induction(replace(CLEAR, domestic_abuse_perpetrator=True))
    assert result.mode == "group"
    assert result.restrictions == (RESTRICTION_NO_DA_VICTIMS,)
    assert "s5_domestic_abuse_perpetrator" in codes(result)


def test_s5_all_reasons_are_listed_not_just_the_first():
    result = screen_for_group_induction(
        replace(CLEAR, literacy_needs=True, age=70, interpreter_needed=True,
                domestic_abuse_perpetrator=True)
    )
    assert result.mode == "individual"
    assert set(codes(result)) == {
        "s5_literacy_needs", "s5_language", "s5_age_older", "s5_domestic_abuse_perpetrator",
    }


def test_s5_age_rule_is_configuration():
    config = InductionConfig(older_age=70)
    assert screen_for_group_induction(replace(CLEAR, age=69), config).mode == "group"
    assert screen_for_group_induction(replace(CLEAR, age=70), config).mode == "individual"


def test_s5_screen_must_be_recorded_in_full():
    with pytest.raises(TypeError):
        InductionScreen(literacy_needs=False, age=30)  # unanswered questions


@pytest.mark.parametrize(
    ("change", "field"),
    [({"literacy_needs": None}, "literacy_needs"), ({"age": 7}, "age"), ({"age": "40"}, "age"),
     ({"domestic_abuse_victim": "no"}, "domestic_abuse_victim")],
)
def test_s5_screen_rejects_invalid_answers(change, field):
    with pytest.raises(RuleInputError) as caught:
        screen_for_group_induction(replace(CLEAR, **change))
    assert caught.value.field == field


def test_s5_config_rejects_nonsense():
    with pytest.raises(RuleInputError):
        InductionConfig(older_age=18, younger_age=18)


answers = st.builds(
    InductionScreen,
    **{f.name: st.booleans() for f in fields(InductionScreen) if f.name != "age"},
    age=st.integers(10, 120),
)


@given(answers)
def test_s5_group_only_when_nothing_in_the_screen_excludes(screen):
    result = screen_for_group_induction(screen)
    assert result.reasons
    excluded = (
        screen.literacy_needs or screen.numeracy_needs or screen.learning_disability
        or screen.anxiety_or_vulnerability or screen.interpreter_needed
        or screen.domestic_abuse_victim or screen.work_clashes_with_group_times
        or (screen.disability_or_access_needs and not screen.group_venue_meets_access_needs)
        or screen.age >= 65 or screen.age < 18
    )
    assert result.mode == ("individual" if excluded else "group")
    assert (RESTRICTION_NO_DA_VICTIMS in result.restrictions) == screen.domestic_abuse_perpetrator


# --- group roster -------------------------------------------------------------------------


def test_s5_roster_with_perpetrator_and_victim_is_refused():
    result = check_group([
        GroupMember("X100", domestic_abuse_perpetrator=True),
        GroupMember("X200", domestic_abuse_victim=True),
        GroupMember("X300"),
    ])
    assert not result.ok
    assert result.conflicts == (("X100", "X200"),)
    assert "X100" in result.reasons[0].text and "X200" in result.reasons[0].text


@pytest.mark.parametrize(
    "members",
    [
        [GroupMember("A", domestic_abuse_perpetrator=True),
         GroupMember("B", domestic_abuse_perpetrator=True)],
        [GroupMember("A", domestic_abuse_victim=True), GroupMember("B")],
        [],
    ],
)
def test_s5_roster_without_both_roles_is_clear(members):
    result = check_group(members)
    assert result.ok and result.conflicts == ()
    assert codes(result) == ["s5_group_roster_clear"]


def test_s5_roster_person_both_victim_and_perpetrator_is_refused():
    result = check_group([GroupMember("A", True, True)])
    assert not result.ok
    assert codes(result) == ["s5_group_roster_da_both"]


def test_s5_roster_rejects_non_members():
    with pytest.raises(RuleInputError):
        check_group(["X100"])


# --- personalised content -----------------------------------------------------------------


def section_codes(content) -> list[str]:
    return [section.code for section in content.sections]


@pytest.mark.parametrize(
    ("requirements", "sentence_type", "expected"),
    [
        ((), None, ["expectations", "consequences_of_non_compliance",
                    "protected_characteristics", "services_available"]),
        (("upw",), "community_order", ["expectations", "upw", "consequences_of_non_compliance",
                                       "protected_characteristics", "services_available"]),
        (("curfew", "rar", "programme"), "sso",
         ["expectations", "rar", "programme", "curfew", "consequences_of_non_compliance",
          "protected_characteristics", "services_available"]),
        ((), "licence", ["expectations", "licence_conditions", "consequences_of_non_compliance",
                         "protected_characteristics", "services_available"]),
        (("drr", "atr", "mhtr", "exclusion"), "pss",
         ["expectations", "post_sentence_supervision", "drr", "atr", "mhtr", "exclusion",
          "consequences_of_non_compliance", "protected_characteristics", "services_available"]),
    ],
)
def test_s5_induction_content_is_personalised(requirements, sentence_type, expected):
    content = induction_content(requirements, sentence_type)
    assert section_codes(content) == expected
    assert content.reasons[0].code == "s5_content_personalised"


def test_s5_every_requirement_code_has_induction_content():
    assert set(REQUIREMENT_SECTIONS) == set(REQUIREMENT_CODES)


@given(st.sets(st.sampled_from(sorted(REQUIREMENT_CODES))))
def test_s5_content_covers_exactly_the_persons_requirements(requirements):
    content = induction_content(requirements)
    present = set(section_codes(content)) & set(REQUIREMENT_CODES)
    assert present == requirements
    assert {"expectations", "consequences_of_non_compliance", "protected_characteristics",
            "services_available"} <= set(section_codes(content))
    assert content.as_dict()["reasons"]


@pytest.mark.parametrize(
    ("requirements", "sentence_type", "field"),
    [(("community_service",), None, "requirement_codes"), ("rar", None, "requirement_codes"),
     (("rar",), "youth", "sentence_type")],
)
def test_s5_content_rejects_unknown_codes(requirements, sentence_type, field):
    with pytest.raises(RuleInputError) as caught:
        induction_content(requirements, sentence_type)
    assert caught.value.field == field


def test_s5_booking_is_refused_without_a_screen_in_the_past_or_against_the_screen():
    import datetime as dt

    from desist.rules.induction import booking_problems

    now = dt.datetime(2026, 12, 2, 9, 0)
    later, earlier = now + dt.timedelta(days=6), now - dt.timedelta(hours=1)
    assert booking_problems("individual", "individual", later, now) == ()
    assert booking_problems("group", "group", later, now) == ()
    assert [r.code for r in booking_problems("individual", None, later, now)] == ["s5_no_screen"]
    assert [r.code for r in booking_problems("group", "individual", later, now)] == [
        "s5_group_refused"]
    past = booking_problems("individual", "individual", earlier, now)
    assert [r.code for r in past] == ["s5_booking_in_past"]
    assert "cannot be booked in the past" in past[0].text
    assert past[0].section == "operating-model.md §5"
    assert booking_problems("individual", "individual", now, now)[0].code == "s5_booking_in_past"
