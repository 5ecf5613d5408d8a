"""Boundaries of the induction screen, roster and content (operating-model.md §5), pinned.

Written against mutation testing (issue 25): ages 17 / 18 and 64 / 65 (and configured ages,
with their numbers in the words), 10 and 120 and either side, a booking a minute before, at and
after now, every reason's exact words and order, whole decisions and their ``as_dict``, and
every input error through ``RuleInputError.as_dict()``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from desist.rules.banding import REQUIREMENT_CODES
from desist.rules.errors import RuleInputError
from desist.rules.induction import (
    RESTRICTION_NO_DA_VICTIMS,
    GroupCheck,
    GroupMember,
    InductionConfig,
    InductionContent,
    InductionDecision,
    InductionScreen,
    booking_problems,
    check_group,
    induction_content,
    screen_for_group_induction,
)
from desist.rules.reasons import Reason

S5 = "operating-model.md §5"
CLEAR = InductionScreen(
    literacy_needs=False, numeracy_needs=False, learning_disability=False,
    anxiety_or_vulnerability=False, age=34, interpreter_needed=False,
    domestic_abuse_perpetrator=False, domestic_abuse_victim=False,
    disability_or_access_needs=False, work_clashes_with_group_times=False)
CLEAR_REASON = Reason(
    "s5_screen_clear", S5, "Suitability screen recorded with no reason to exclude from the "
    "group: book group induction (part 1), then the initial 1-1 with the responsible officer "
    "(part 2).")
PERPETRATOR = Reason("s5_domestic_abuse_perpetrator", S5, "Is a domestic abuse perpetrator: "
                     "never book into a group with a domestic abuse victim.")


def error_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        call(*args, **kwargs)
    return error.value.as_dict()


# --- configuration ---------------------------------------------------------------------------

def test_the_default_ages():
    assert InductionConfig() == InductionConfig(older_age=65, younger_age=18)


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"older_age": 0}, {"field": "older_age", "message": "must be an age in whole years"}),
    ({"older_age": 130}, {"field": "older_age", "message": "must be an age in whole years"}),
    ({"older_age": True}, {"field": "older_age", "message": "must be an age in whole years"}),
    ({"older_age": 65.0}, {"field": "older_age", "message": "must be an age in whole years"}),
    ({"younger_age": 0}, {"field": "younger_age", "message": "must be an age in whole years"}),
    ({"younger_age": 130, "older_age": 129},
     {"field": "younger_age", "message": "must be an age in whole years"}),
    ({"younger_age": 65}, {"field": "younger_age", "message": "must be below older_age"}),
    ({"younger_age": 66}, {"field": "younger_age", "message": "must be below older_age"}),
])
def test_the_configuration_refuses(kwargs, error):
    assert error_of(InductionConfig, **kwargs) == error


def test_the_configuration_allows_its_extremes():
    assert InductionConfig(older_age=129, younger_age=1).older_age == 129
    assert InductionConfig(older_age=19, younger_age=18).younger_age == 18


# --- the screen ------------------------------------------------------------------------------

def test_a_clear_screen_whole():
    decision = screen_for_group_induction(CLEAR)
    assert decision == InductionDecision("group", (CLEAR_REASON,), ())
    assert decision.as_dict() == {"mode": "group", "reasons": [CLEAR_REASON.as_dict()],
                                  "restrictions": []}


@pytest.mark.parametrize(("age", "mode"), [(17, "individual"), (18, "group"), (64, "group"),
                                           (65, "individual")])
def test_ages_either_side_of_18_and_65(age, mode):
    decision = screen_for_group_induction(replace(CLEAR, age=age))
    assert decision.mode == mode
    if age == 17:
        assert decision.reasons == (Reason(
            "s5_age_younger", S5, "Aged 17 (under 18): a young person is never placed in an "
            "adult group."),)
    if age == 65:
        assert decision.reasons == (Reason(
            "s5_age_older", S5, "Aged 65 (65 or over): induct individually so the expectations "
            "are explained and understood (the inspectors found a frightened 69-year-old who "
            "misunderstood a group induction)."),)


def test_configured_ages_in_the_words():
    config = InductionConfig(older_age=70, younger_age=21)
    assert screen_for_group_induction(replace(CLEAR, age=69), config).mode == "group"
    assert screen_for_group_induction(replace(CLEAR, age=21), config).mode == "group"
    older = screen_for_group_induction(replace(CLEAR, age=70), config)
    assert older.reasons[0].text.startswith("Aged 70 (70 or over): ")
    younger = screen_for_group_induction(replace(CLEAR, age=20), config)
    assert younger.reasons[0].text == ("Aged 20 (under 21): a young person is never placed in "
                                       "an adult group.")


@pytest.mark.parametrize("age", [10, 120])
def test_ages_10_and_120_are_accepted(age):
    assert screen_for_group_induction(replace(CLEAR, age=age)).mode == "individual"


@pytest.mark.parametrize("age", [9, 121, True, 34.0, None])
def test_other_ages_are_refused(age):
    assert error_of(screen_for_group_induction, replace(CLEAR, age=age)) == {
        "field": "age", "message": "must be a whole number of years between 10 and 120"}


@pytest.mark.parametrize("name", [
    "literacy_needs", "numeracy_needs", "learning_disability", "anxiety_or_vulnerability",
    "interpreter_needed", "domestic_abuse_perpetrator", "domestic_abuse_victim",
    "disability_or_access_needs", "work_clashes_with_group_times",
    "group_venue_meets_access_needs"])
def test_every_answer_must_be_yes_or_no(name):
    assert error_of(screen_for_group_induction, replace(CLEAR, **{name: 1})) == {
        "field": name, "message": "must be answered yes or no (true / false)"}


def test_the_screen_must_be_a_screen():
    assert error_of(screen_for_group_induction, {"age": 34}) == {
        "field": "screen", "message": "must be an InductionScreen"}


def test_every_reason_in_order_with_its_words():
    screen = InductionScreen(
        literacy_needs=True, numeracy_needs=True, learning_disability=True,
        anxiety_or_vulnerability=True, age=70, interpreter_needed=True,
        domestic_abuse_perpetrator=True, domestic_abuse_victim=True,
        disability_or_access_needs=True, work_clashes_with_group_times=True)
    decision = screen_for_group_induction(screen)
    assert decision.mode == "individual"
    assert decision.restrictions == (RESTRICTION_NO_DA_VICTIMS,)
    assert decision.reasons == (
        Reason("s5_literacy_needs", S5, "Has literacy needs: group induction relies on written "
               "material and reading at pace."),
        Reason("s5_numeracy_needs", S5, "Has numeracy needs: dates, hours and timescales need "
               "explaining one to one."),
        Reason("s5_learning_disability", S5, "Has a learning disability: the induction must be "
               "paced and checked for understanding one to one."),
        Reason("s5_anxiety_or_vulnerability", S5, "Anxious or vulnerable: a group setting risks "
               "them not taking in, or misunderstanding, what is expected."),
        Reason("s5_language", S5, "Needs an interpreter: a group induction cannot be "
               "interpreted properly for one person."),
        Reason("s5_domestic_abuse_victim", S5, "Is a victim of domestic abuse: a group could "
               "place them in a room with perpetrators, so they are always inducted "
               "individually."),
        Reason("s5_working_hours", S5, "Works during the group induction times: offer an "
               "individual induction at a time that does not put their job at risk."),
        Reason("s5_age_older", S5, "Aged 70 (65 or over): induct individually so the "
               "expectations are explained and understood (the inspectors found a frightened "
               "69-year-old who misunderstood a group induction)."),
        Reason("s5_access_needs", S5, "Has disability or access needs the group induction's "
               "venue or format does not meet: induct individually somewhere that does."),
        PERPETRATOR,
    )
    assert decision.as_dict()["restrictions"] == ["no_domestic_abuse_victims_in_group"]


def test_access_needs_met_by_the_group_are_a_note():
    decision = screen_for_group_induction(replace(CLEAR, disability_or_access_needs=True,
                                                  group_venue_meets_access_needs=True))
    assert decision == InductionDecision("group", (CLEAR_REASON, Reason(
        "s5_access_needs_met", S5,
        "Has disability or access needs that the group's venue and format meet.")), ())
    # the venue answer alone changes nothing
    assert screen_for_group_induction(replace(CLEAR, group_venue_meets_access_needs=True)) == (
        InductionDecision("group", (CLEAR_REASON,), ()))


def test_a_perpetrator_may_join_a_group_with_the_restriction():
    decision = screen_for_group_induction(replace(CLEAR, domestic_abuse_perpetrator=True))
    assert decision == InductionDecision("group", (CLEAR_REASON, PERPETRATOR),
                                         (RESTRICTION_NO_DA_VICTIMS,))


# --- booking ---------------------------------------------------------------------------------

NOW = datetime(2026, 3, 2, 10, 0)


@pytest.mark.parametrize(("starts", "past"), [
    (NOW - timedelta(minutes=1), True), (NOW, True), (NOW + timedelta(minutes=1), False)])
def test_a_booking_a_minute_before_at_and_after_now(starts, past):
    expected = (Reason("s5_booking_in_past", S5, "An induction cannot be booked in the past: "
                       "choose a date and time still to come."),)
    assert booking_problems("group", "group", starts, NOW) == (expected if past else ())


def test_booking_against_the_screen():
    later = NOW + timedelta(days=1)
    assert booking_problems("group", None, later, NOW) == (Reason(
        "s5_no_screen", S5, "Record the suitability screen before booking an induction."),)
    assert booking_problems("group", "individual", later, NOW) == (Reason(
        "s5_group_refused", S5,
        "The suitability screen says this person needs an individual induction."),)
    assert booking_problems("individual", "group", later, NOW) == ()
    assert booking_problems("individual", "individual", later, NOW) == ()
    assert [r.code for r in booking_problems("individual", None, NOW, NOW)] == [
        "s5_no_screen", "s5_booking_in_past"]


def test_an_unknown_booking_mode_is_refused():
    assert error_of(booking_problems, "online", "group", NOW, NOW) == {
        "field": "mode", "message": "must be one of group, individual"}


# --- the roster ------------------------------------------------------------------------------

CLEAR_ROSTER = (Reason("s5_group_roster_clear", S5,
                       "No domestic abuse victim shares this group with a perpetrator."),)


def test_a_clear_roster_whole():
    members = [GroupMember("A"), GroupMember("B", domestic_abuse_perpetrator=True),
               GroupMember("C")]
    assert check_group(members) == GroupCheck(True, (), CLEAR_ROSTER)
    assert check_group(iter([GroupMember("V", domestic_abuse_victim=True)])) == GroupCheck(
        True, (), CLEAR_ROSTER)
    assert check_group([]) == GroupCheck(True, (), CLEAR_ROSTER)


def test_each_pair_of_perpetrator_and_victim_is_named():
    members = [GroupMember("P1", domestic_abuse_perpetrator=True),
               GroupMember("V1", domestic_abuse_victim=True),
               GroupMember("P2", domestic_abuse_perpetrator=True), GroupMember("X")]
    result = check_group(members)
    assert result == GroupCheck(False, (("P1", "V1"), ("P2", "V1")), (
        Reason("s5_group_roster_da_conflict", S5, "P1 (domestic abuse perpetrator) and V1 "
               "(domestic abuse victim) must not be in the same group: move one of them."),
        Reason("s5_group_roster_da_conflict", S5, "P2 (domestic abuse perpetrator) and V1 "
               "(domestic abuse victim) must not be in the same group: move one of them."),
    ))


def test_someone_recorded_as_both_alone():
    result = check_group([GroupMember("B", True, True), GroupMember("X")])
    assert result == GroupCheck(False, (), (Reason(
        "s5_group_roster_da_both", S5, "B is recorded as both a domestic abuse victim and "
        "perpetrator: induct individually."),))


def test_someone_recorded_as_both_with_a_victim():
    result = check_group([GroupMember("B", True, True), GroupMember("V", False, True)])
    assert result.conflicts == (("B", "V"),)
    assert [r.code for r in result.reasons] == ["s5_group_roster_da_conflict",
                                                "s5_group_roster_da_both"]


@pytest.mark.parametrize(("members", "error"), [
    ("AB", {"field": "members", "message": "must be a list of group members"}),
    (b"AB", {"field": "members", "message": "must be a list of group members"}),
    (5, {"field": "members", "message": "must be a list of group members"}),
    ([GroupMember("A"), "B"], {"field": "members", "message": "'B' is not a GroupMember"}),
])
def test_the_roster_refuses(members, error):
    assert error_of(check_group, members) == error


# --- content ---------------------------------------------------------------------------------

STANDARD = Reason("s5_content_standard", S5, "Every induction covers expectations, the "
                  "consequences of non-compliance, protected characteristics and the services "
                  "available.")


def test_content_without_requirements():
    content = induction_content([])
    assert [s.code for s in content.sections] == [
        "expectations", "consequences_of_non_compliance", "protected_characteristics",
        "services_available"]
    assert content.reasons == (Reason(
        "s5_content_personalised", S5,
        "No requirements recorded: only the standard sections are covered."), STANDARD)


def test_content_for_requirements_and_a_licence_in_order():
    content = induction_content(iter(["upw", "rar", "upw"]), "licence")
    assert [s.code for s in content.sections] == [
        "expectations", "licence_conditions", "rar", "upw", "consequences_of_non_compliance",
        "protected_characteristics", "services_available"]
    assert content.reasons[0] == Reason(
        "s5_content_personalised", S5, "Personalised to this order: covers rehabilitation "
        "activity requirement (RAR), unpaid work requirement and leaves out requirements this "
        "person does not have.")
    assert content.as_dict()["sections"][1] == {
        "code": "licence_conditions", "title": "Your licence",
        "summary": "Your licence conditions, how long they last, and that breaking them can "
                   "mean recall to prison."}
    assert content.as_dict()["reasons"][1] == STANDARD.as_dict()


@pytest.mark.parametrize(("sentence_type", "section"), [
    ("pss", "post_sentence_supervision"), ("community_order", None), ("sso", None),
    ("custody", None), (None, None)])
def test_each_sentence_type(sentence_type, section):
    content = induction_content([], sentence_type)
    assert isinstance(content, InductionContent)
    assert [s.code for s in content.sections][1] == (section or "consequences_of_non_compliance")


@pytest.mark.parametrize(("args", "error"), [
    (("rar",), {"field": "requirement_codes", "message": "must be a list of requirement codes"}),
    ((b"rar",), {"field": "requirement_codes",
                 "message": "must be a list of requirement codes"}),
    ((None,), {"field": "requirement_codes", "message": "must be a list of requirement codes"}),
    ((["rar", "tagging"],), {"field": "requirement_codes",
                             "message": "unknown requirement code 'tagging'; use "
                                        + ", ".join(sorted(REQUIREMENT_CODES))}),
    (([3],), {"field": "requirement_codes",
              "message": "unknown requirement code 3; use " + ", ".join(sorted(REQUIREMENT_CODES))}),
    (([], "parole"), {"field": "sentence_type", "message": "unknown sentence type 'parole'"}),
    (([], ""), {"field": "sentence_type", "message": "unknown sentence type ''"}),
])
def test_content_refuses(args, error):
    assert error_of(induction_content, *args) == error


def test_a_section_is_built_from_its_code_title_and_summary():
    # survivors of the first mutation run: the sections are built once, at import, so a
    # mutated builder went unseen by every other test
    from desist.rules.induction import InductionSection, _section

    assert _section("rar", "Title", "Summary") == InductionSection("rar", "Title", "Summary")
