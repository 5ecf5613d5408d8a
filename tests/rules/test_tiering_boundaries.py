"""Boundaries of national tiering (tiering.md), pinned exactly.

Written against mutation testing (issue 25): a whole result and its ``as_dict``; every reason's
words with its points; RSR and RoSH equal and either larger; the level thresholds one below and
at (9 / 10, 19 / 20, 149 / 150); OGRS3 at 9 / 10 / 19 / 20; each women's factor with and without
an assessment; and every error of the JSON contract through ``RuleInputError.as_dict()``. The
reasons are cached per value, so each test starts with the caches cleared (otherwise a cached
reason built by an earlier test would be checked instead of the words).
"""

from __future__ import annotations

import pytest

from desist.rules import tiering
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.tiering import TierInput, read_input, tier, tier_payload

PROTECT = "tiering.md Protect level"
CHANGE = "tiering.md Change level"
CACHED = ("_rsr_reason", "_rosh_reason", "_mappa_reason", "_complexity_reason",
          "_protect_level_reason", "_ogrs3_reason", "_change_level_reason")


@pytest.fixture(autouse=True)
def _fresh_reasons():
    for name in CACHED:
        getattr(tiering, name).cache_clear()


def error_of(payload) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        tier_payload(payload)
    return error.value.as_dict()


def reason(result, code: str) -> Reason:
    return next(r for r in result.reasons if r.code == code)


def test_a_whole_result():
    result = tier(TierInput(
        rosh="high", rsr=7.5, mappa_level=1, complexity_factors=frozenset({"gangs", "self_harm"}),
        female=True, parenting_responsibilities=True, impulsivity_or_temper=True,
        breach_or_recall=True, needs={"drugs": "severe", "attitudes": "standard",
                                      "finance": "severe", "ete": "none"},
        ogrs3=45, iom=True, unsupervised=True))
    assert result.as_dict() == {
        "tier": "B2S", "protect": "B", "change": 2, "protect_points": 35, "change_points": 10,
        "reasons": [
            {"code": "tier_rosh", "section": PROTECT,
             "text": "High risk of serious harm scores 20 points (RSR scores no more, so only "
                     "RoSH counts)."},
            {"code": "tier_mappa", "section": PROTECT, "text": "MAPPA level 1 scores 5 points."},
            {"code": "tier_complexity", "section": PROTECT,
             "text": "2 complexity factors (gangs, self-harm) score 4 points."},
            {"code": "tier_women_parenting", "section": PROTECT,
             "text": "Parenting responsibilities (a woman's case) score 2 points."},
            {"code": "tier_women_impulsivity", "section": PROTECT,
             "text": "Impulsivity or temper control (a woman's case) scores 2 points."},
            {"code": "tier_women_breach", "section": PROTECT,
             "text": "A previous breach or recall (a woman's case) scores 2 points."},
            {"code": "tier_protect_level", "section": PROTECT,
             "text": "35 protect points: level B (150 or more is A, 20 to 149 is B, 10 to 19 is "
                     "C, fewer is D)."},
            {"code": "tier_needs", "section": CHANGE,
             "text": "Needs score 4 points: attitudes (standard, 2); drugs (severe, 2)."},
            {"code": "tier_ogrs3", "section": CHANGE,
             "text": "OGRS3 of 45% scores 4 points (a point for each full 10%)."},
            {"code": "tier_iom", "section": CHANGE,
             "text": "Integrated offender management scores 2 points."},
            {"code": "tier_change_level", "section": CHANGE,
             "text": "10 change points: level 2 (20 or more is 3, 10 to 19 is 2, fewer is 1)."},
            {"code": "tier_unsupervised", "section": "tiering.md",
             "text": "Unsupervised (post-sentence) case: the tier carries an S."},
        ]}


def test_as_dict_without_the_shared_dicts_builds_them():
    result = tier(TierInput(rosh="medium", needs={}))
    bare = tiering.TierResult(result.protect, result.change, False, result.protect_points,
                              result.change_points, result.reasons)
    assert bare.as_dict() == result.as_dict()
    assert bare == result  # the shared dicts are not compared


# --- protect: RSR, RoSH, MAPPA, complexity ---------------------------------------------------

@pytest.mark.parametrize(("rsr", "points"), [
    (None, 0), (-1, 0), (0, 0), (2.99, 0), (3, 10), (6.99, 10), (7, 20), (99.99, 20),
    (100, 0), (150, 0)])
def test_rsr_points(rsr, points):
    assert tiering.rsr_points(rsr) == points


@pytest.mark.parametrize(("level", "points"), [(None, 0), (0, 0), (1, 5), (2, 150), (3, 150),
                                               (4, 0)])
def test_mappa_points(level, points):
    assert tiering.mappa_points(level) == points


@pytest.mark.parametrize(("points", "level"), [
    (0, "D"), (9, "D"), (10, "C"), (19, "C"), (20, "B"), (149, "B"), (150, "A"), (300, "A")])
def test_protect_level_thresholds(points, level):
    assert tiering.protect_level(points) == level


@pytest.mark.parametrize(("points", "level"), [(0, 1), (9, 1), (10, 2), (19, 2), (20, 3),
                                               (40, 3)])
def test_change_level_thresholds(points, level):
    assert tiering.change_level(points) == level


def test_rsr_larger_than_rosh_counts_alone_with_its_percentage():
    result = tier(TierInput(rosh="medium", rsr=7.25, needs={}))
    assert result.protect_points == 20
    assert result.reasons[0] == Reason(
        "tier_rsr", PROTECT, "RSR of 7.25% scores 20 points (more than RoSH, so only RSR "
        "counts).")


def test_rosh_larger_than_rsr_counts_alone():
    result = tier(TierInput(rosh="high", rsr=3, needs={}))
    assert result.protect_points == 20
    assert result.reasons[0] == Reason(
        "tier_rosh", PROTECT,
        "High risk of serious harm scores 20 points (RSR scores no more, so only RoSH counts).")


def test_rosh_without_rsr_points_says_nothing_of_rsr():
    result = tier(TierInput(rosh="very_high", rsr=1, needs={}))
    assert result.protect_points == 150 and result.protect == "A"
    assert result.reasons[0] == Reason("tier_rosh", PROTECT,
                                       "Very high risk of serious harm scores 150 points.")


def test_low_rosh_and_no_rsr_give_no_reason():
    result = tier(TierInput(rosh="low", needs={}))
    assert result.protect_points == 0
    assert [r.code for r in result.reasons] == ["tier_protect_level", "tier_change_level"]
    assert result.reasons[0].text == (
        "0 protect points: level D (150 or more is A, 20 to 149 is B, 10 to 19 is C, fewer is "
        "D).")


def test_mappa_two_adds_150():
    result = tier(TierInput(rosh="medium", mappa_level=2, needs={}))
    assert (result.protect_points, result.protect) == (160, "A")
    assert reason(result, "tier_mappa").text == "MAPPA level 2 scores 150 points."


def test_one_complexity_factor_in_the_singular():
    result = tier(TierInput(complexity_factors=frozenset({"terrorism"}), needs={}))
    assert result.protect_points == 2
    assert reason(result, "tier_complexity").text == (
        "1 complexity factor (terrorism) scores 2 points.")


def test_five_factors_reach_level_c_and_four_do_not():
    five = frozenset({"mental_health", "self_harm", "vulnerability", "gangs", "terrorism"})
    assert tier(TierInput(complexity_factors=five, needs={})).protect == "C"
    assert tier(TierInput(complexity_factors=five - {"gangs"}, needs={})).protect == "D"


# --- women's factors -------------------------------------------------------------------------

@pytest.mark.parametrize(("answer", "code", "assessed_only"), [
    ("parenting_responsibilities", "tier_women_parenting", True),
    ("impulsivity_or_temper", "tier_women_impulsivity", True),
    ("breach_or_recall", "tier_women_breach", False)])
def test_each_womens_factor(answer, code, assessed_only):
    with_assessment = tier(TierInput(female=True, needs={}, **{answer: True}))
    assert with_assessment.protect_points == 2
    assert [r.code for r in with_assessment.reasons][0] == code
    without = tier(TierInput(female=True, needs=None, **{answer: True}))
    assert without.protect_points == (0 if assessed_only else 2)
    man = tier(TierInput(female=False, needs={}, **{answer: True}))
    assert man.protect_points == 0


# --- change ----------------------------------------------------------------------------------

def test_no_mandate_is_level_0_whatever_else():
    result = tier(TierInput(mandate_for_change=False, needs={"drugs": "severe"}, ogrs3=90,
                            iom=True))
    assert (result.change, result.change_points, result.tier) == (0, 0, "D0")
    assert result.reasons[-1] == Reason(
        "tier_no_mandate", CHANGE, "No mandate for change (no custodial sentence and no "
        "requirement other than restrictive ones or unpaid work): change level 0.")


def test_no_assessment_is_level_2_without_ogrs_or_iom():
    result = tier(TierInput(ogrs3=90, iom=True))
    assert (result.change, result.change_points) == (2, 0)
    assert result.reasons[-1] == Reason(
        "tier_no_assessment", CHANGE, "No assessment of needs yet: change level 2 (OGRS and IOM "
        "are not used until there is one).")


@pytest.mark.parametrize(("ogrs3", "points"), [(None, 0), (0, 0), (9, 0), (10, 1), (19, 1),
                                               (20, 2), (99, 9), (100, 10)])
def test_ogrs3_a_point_for_each_full_ten(ogrs3, points):
    result = tier(TierInput(needs={}, ogrs3=ogrs3))
    assert result.change_points == points
    codes = [r.code for r in result.reasons]
    assert ("tier_ogrs3" in codes) is (points > 0)
    if points:
        # One point is said in the singular (it read "scores 1 points" before ADR 0016's
        # conversion).
        said = "1 point" if points == 1 else f"{points} points"
        assert reason(result, "tier_ogrs3").text == (
            f"OGRS3 of {ogrs3}% scores {said} (a point for each full 10%).")


def test_need_weights_and_severities():
    needs = {"accommodation": "standard", "ete": "severe", "relationships": "standard",
             "lifestyle": "standard", "drugs": "standard", "alcohol": "severe",
             "thinking_and_behaviour": "severe", "attitudes": "severe", "finance": "severe",
             "emotional_wellbeing": "severe"}
    result = tier(TierInput(needs=needs))
    assert result.change_points == 1 + 2 + 1 + 1 + 1 + 2 + 4 + 4
    assert reason(result, "tier_needs").text == (
        "Needs score 16 points: accommodation (standard, 1); alcohol (severe, 2); attitudes "
        "(severe, 4); drugs (standard, 1); education, training and employment (severe, 2); "
        "lifestyle (standard, 1); relationships (standard, 1); thinking and behaviour (severe, "
        "4).")
    assert result.change == 2


def test_needs_of_no_weight_or_none_give_no_reason():
    result = tier(TierInput(needs={"finance": "severe", "drugs": "none"}))
    assert result.change_points == 0
    assert [r.code for r in result.reasons] == ["tier_protect_level", "tier_change_level"]
    assert result.reasons[-1].text == (
        "0 change points: level 1 (20 or more is 3, 10 to 19 is 2, fewer is 1).")


@pytest.mark.parametrize(("ogrs3", "level"), [(90, 2), (100, 3)])
def test_iom_adds_two_at_the_level_boundary(ogrs3, level):
    needs = {"thinking_and_behaviour": "severe", "attitudes": "severe"}  # 8 points
    result = tier(TierInput(needs=needs, ogrs3=ogrs3, iom=True))
    assert (result.change_points, result.change) == (8 + ogrs3 // 10 + 2, level)


# --- the tier string -------------------------------------------------------------------------

def test_the_tier_string():
    assert tier(TierInput()).tier == "D2"
    assert tier(TierInput(unsupervised=True, mappa_level=3, needs={})).tier == "A1S"


# --- the JSON contract -----------------------------------------------------------------------

def test_a_full_payload_is_read():
    inp = read_input({
        "rosh": "medium", "rsr": 4.5, "mappa_level": 0, "complexity_factors": ["gangs"],
        "gender": "female", "women": {"breach_or_recall": True}, "needs": {"drugs": "severe"},
        "ogrs3": 0, "iom": False, "mandate_for_change": False, "unsupervised": True})
    assert inp == TierInput(rosh="medium", rsr=4.5, mappa_level=0,
                            complexity_factors=frozenset({"gangs"}), female=True,
                            breach_or_recall=True, needs={"drugs": "severe"}, ogrs3=0,
                            iom=False, mandate_for_change=False, unsupervised=True)


def test_an_empty_payload_is_the_defaults():
    assert read_input({}) == TierInput()
    assert read_input({"gender": "male", "women": {}, "rsr": 100, "ogrs3": 100,
                       "mappa_level": 3}) == TierInput(rsr=100, ogrs3=100, mappa_level=3)
    assert read_input({"rsr": 0}).rsr == 0
    assert read_input({"mandate_for_change": None}).mandate_for_change is True


def test_the_womens_answers_fill_in_false():
    inp = read_input({"gender": "female", "women": {"parenting_responsibilities": True,
                                                    "impulsivity_or_temper": None}})
    assert (inp.parenting_responsibilities, inp.impulsivity_or_temper,
            inp.breach_or_recall) == (True, False, False)


ALL_KEYS = ("complexity_factors, gender, iom, mandate_for_change, mappa_level, needs, ogrs3, "
            "rosh, rsr, unsupervised, women")


@pytest.mark.parametrize(("payload", "error"), [
    ({"colour": "red"}, {"field": "colour", "message": f"unknown key; one of: {ALL_KEYS}"}),
    ({"rosh": "severe"}, {"field": "rosh", "message": "unknown value 'severe'; one of: high, "
                                                      "low, medium, very_high"}),
    ({"rosh": 1}, {"field": "rosh", "message": "unknown value 1; one of: high, low, medium, "
                                               "very_high"}),
    ({"gender": "x"}, {"field": "gender", "message": "unknown value 'x'; one of: female, male"}),
    ({"rsr": -0.5}, {"field": "rsr", "message": "must be a number from 0 to 100 or null, not "
                                                "-0.5"}),
    ({"rsr": 100.5}, {"field": "rsr", "message": "must be a number from 0 to 100 or null, not "
                                                 "100.5"}),
    ({"rsr": True}, {"field": "rsr", "message": "must be a number from 0 to 100 or null, not "
                                                "True"}),
    ({"rsr": "5"}, {"field": "rsr", "message": "must be a number from 0 to 100 or null, not "
                                               "'5'"}),
    ({"mappa_level": 4}, {"field": "mappa_level", "message": "must be a whole number from 0 to "
                                                            "3 or null, not 4"}),
    ({"mappa_level": -1}, {"field": "mappa_level", "message": "must be a whole number from 0 to "
                                                             "3 or null, not -1"}),
    ({"mappa_level": 2.0}, {"field": "mappa_level", "message": "must be a whole number from 0 "
                                                              "to 3 or null, not 2.0"}),
    ({"ogrs3": 101}, {"field": "ogrs3", "message": "must be a whole number from 0 to 100 or "
                                                   "null, not 101"}),
    ({"ogrs3": -1}, {"field": "ogrs3", "message": "must be a whole number from 0 to 100 or "
                                                  "null, not -1"}),
    ({"complexity_factors": "gangs"}, {"field": "complexity_factors",
                                       "message": "must be a list of factor names"}),
    ({"complexity_factors": ["gangs", "iom"]},
     {"field": "complexity_factors[1]",
      "message": "unknown value 'iom'; one of: adult_at_risk, child_concerns, child_protection, "
                 "gangs, mental_health, public_interest, risk_to_children, self_harm, terrorism, "
                 "vulnerability"}),
    ({"complexity_factors": ["gangs", ["x"]]},
     {"field": "complexity_factors[1]",
      "message": "unknown value ['x']; one of: adult_at_risk, child_concerns, child_protection, "
                 "gangs, mental_health, public_interest, risk_to_children, self_harm, terrorism, "
                 "vulnerability"}),
    ({"women": []}, {"field": "women", "message": "must be an object of true/false answers"}),
    ({"women": {"pregnant": True}},
     {"field": "women.pregnant", "message": "unknown key; one of: parenting_responsibilities, "
                                            "impulsivity_or_temper, breach_or_recall"}),
    ({"women": {"breach_or_recall": "yes"}},
     {"field": "women.breach_or_recall", "message": "must be true or false, not 'yes'"}),
    ({"needs": []}, {"field": "needs",
                     "message": "must be null (no assessment) or an object of sections"}),
    ({"needs": {"drugs": "severe", "housing": "severe"}},
     {"field": "needs.housing",
      "message": "unknown section; one of: accommodation, alcohol, attitudes, drugs, "
                 "emotional_wellbeing, ete, finance, lifestyle, relationships, "
                 "thinking_and_behaviour"}),
    ({"needs": {"drugs": "high"}},
     {"field": "needs.drugs", "message": "unknown value 'high'; one of: none, severe, standard"}),
    ({"needs": {"drugs": ["severe"]}},
     {"field": "needs.drugs",
      "message": "unknown value ['severe']; one of: none, severe, standard"}),
    ({"iom": 1}, {"field": "iom", "message": "must be true or false, not 1"}),
    ({"mandate_for_change": "no"}, {"field": "mandate_for_change",
                                    "message": "must be true or false, not 'no'"}),
    ({"unsupervised": 0}, {"field": "unsupervised", "message": "must be true or false, not 0"}),
])
def test_the_contract_refuses(payload, error):
    assert error_of(payload) == error


def test_tier_payload_is_the_result_as_a_dict():
    assert tier_payload({"mappa_level": 1, "needs": {}}) == tier(
        TierInput(mappa_level=1, needs={})).as_dict()
    assert tier_payload({"mappa_level": 1, "needs": {}})["tier"] == "D1"
