"""National tiering (tiering.md): every boundary of the protect and change levels, the
contract of `desist rules tier`, and agreement with a second, table-driven reading of the doc."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules import tiering
from desist.rules.errors import RuleInputError
from desist.rules.tiering import TierInput, tier, tier_payload
from desist.rules_cli import main as rules_main


def codes(result) -> list[str]:
    return [r.code for r in result.reasons]


def text_of(result, code: str) -> str:
    return next(r.text for r in result.reasons if r.code == code)


# --- protect: RSR and RoSH --------------------------------------------------------------------

@pytest.mark.parametrize(("rsr", "points"), [
    (None, 0), (0, 0), (2.99, 0), (3, 10), (6.99, 10), (7, 20), (99.99, 20), (100, 0),
])
def test_rsr_points_at_each_boundary(rsr, points):
    assert tiering.rsr_points(rsr) == points


@pytest.mark.parametrize(("rosh", "points", "level"), [
    (None, 0, "D"), ("low", 0, "D"), ("medium", 10, "C"), ("high", 20, "B"),
    ("very_high", 150, "A"),
])
def test_rosh_points_and_level(rosh, points, level):
    result = tier(TierInput(rosh=rosh))
    assert (result.protect_points, result.protect) == (points, level)


def test_only_the_larger_of_rsr_and_rosh_counts():
    both = tier(TierInput(rosh="medium", rsr=8))
    assert both.protect_points == 20
    assert "tier_rsr" in codes(both) and "tier_rosh" not in codes(both)
    assert "8%" in text_of(both, "tier_rsr")
    rosh_wins = tier(TierInput(rosh="high", rsr=4))
    assert rosh_wins.protect_points == 20
    assert codes(rosh_wins)[0] == "tier_rosh"
    assert "only RoSH counts" in text_of(rosh_wins, "tier_rosh")
    tie = tier(TierInput(rosh="high", rsr=7))
    assert tie.protect_points == 20  # not 40


@pytest.mark.parametrize(("level", "points"), [(None, 0), (0, 0), (1, 5), (2, 150), (3, 150)])
def test_mappa_points(level, points):
    assert tiering.mappa_points(level) == points
    assert tier(TierInput(mappa_level=level)).protect_points == points


@pytest.mark.parametrize(("points", "level"), [
    (0, "D"), (9, "D"), (10, "C"), (19, "C"), (20, "B"), (149, "B"), (150, "A"), (400, "A"),
])
def test_protect_level_boundaries(points, level):
    assert tiering.protect_level(points) == level


def test_complexity_factors_score_two_each_and_iom_is_not_one():
    result = tier(TierInput(complexity_factors=frozenset({"gangs", "terrorism", "self_harm"}),
                            iom=True))
    assert result.protect_points == 6
    assert "3 complexity factors (gangs, self-harm, terrorism) score 6 points" in text_of(
        result, "tier_complexity")
    one = tier(TierInput(complexity_factors=frozenset({"gangs"})))
    assert "1 complexity factor (gangs) scores 2" in text_of(one, "tier_complexity")


def test_five_complexity_factors_reach_c():
    five = frozenset(list(tiering.COMPLEXITY_FACTORS)[:5])
    assert tier(TierInput(complexity_factors=five)).protect == "C"
    four = frozenset(list(tiering.COMPLEXITY_FACTORS)[:4])
    assert tier(TierInput(complexity_factors=four)).protect == "D"


# --- protect: women's factors -----------------------------------------------------------------

def test_womens_assessment_answers_count_only_with_an_assessment():
    answers = dict(parenting_responsibilities=True, impulsivity_or_temper=True,
                   breach_or_recall=True)
    assessed = tier(TierInput(female=True, needs={}, **answers))
    assert assessed.protect_points == 6
    unassessed = tier(TierInput(female=True, needs=None, **answers))
    assert unassessed.protect_points == 2  # the breach or recall counts without one
    assert codes(unassessed)[0] == "tier_women_breach"


def test_womens_factors_do_not_count_for_men():
    answers = dict(parenting_responsibilities=True, impulsivity_or_temper=True,
                   breach_or_recall=True)
    assert tier(TierInput(female=False, needs={}, **answers)).protect_points == 0


def test_each_womens_factor_alone():
    assert tier(TierInput(female=True, needs={}, parenting_responsibilities=True)
                ).protect_points == 2
    assert tier(TierInput(female=True, needs={}, impulsivity_or_temper=True)).protect_points == 2


# --- change -----------------------------------------------------------------------------------

def test_no_mandate_is_checked_first():
    result = tier(TierInput(mandate_for_change=False, needs={"drugs": "severe"}, ogrs3=99,
                            iom=True))
    assert (result.change, result.change_points) == (0, 0)
    assert "tier_no_mandate" in codes(result) and "tier_needs" not in codes(result)


def test_no_assessment_is_two_and_ignores_ogrs_and_iom():
    result = tier(TierInput(needs=None, ogrs3=99, iom=True))
    assert (result.change, result.change_points) == (2, 0)
    assert "tier_ogrs3" not in codes(result) and "tier_iom" not in codes(result)


@pytest.mark.parametrize(("points", "level"), [(0, 1), (9, 1), (10, 2), (19, 2), (20, 3)])
def test_change_level_boundaries(points, level):
    assert tiering.change_level(points) == level


def test_change_points_add_weighted_needs_ogrs3_tenths_and_iom():
    needs = {"accommodation": "standard", "thinking_and_behaviour": "severe",
             "attitudes": "standard", "finance": "severe", "emotional_wellbeing": "severe",
             "drugs": "none"}
    result = tier(TierInput(needs=needs, ogrs3=39, iom=True))
    # 1 + 4 + 2 + 0 + 0 + 0 = 7 from needs; 3 from OGRS3 39%; 2 from IOM
    assert result.change_points == 12
    assert result.change == 2
    assert "Needs score 7 points" in text_of(result, "tier_needs")
    assert "OGRS3 of 39% scores 3 points" in text_of(result, "tier_ogrs3")
    assert "finance" not in text_of(result, "tier_needs")  # weight 0 adds nothing


@pytest.mark.parametrize(("ogrs3", "points"), [(0, 0), (9, 0), (10, 1), (19, 1), (20, 2),
                                               (100, 10)])
def test_ogrs3_counts_whole_tenths(ogrs3, points):
    assert tier(TierInput(needs={}, ogrs3=ogrs3)).change_points == points


def test_an_assessment_with_no_needs_is_change_one():
    result = tier(TierInput(needs={}))
    assert (result.change, result.change_points) == (1, 0)


def test_tier_string_and_unsupervised_suffix():
    assert tier(TierInput(rosh="very_high", needs={"attitudes": "severe"} | {
        "thinking_and_behaviour": "severe", "drugs": "severe", "alcohol": "severe",
        "lifestyle": "severe", "relationships": "severe", "accommodation": "severe",
        "ete": "severe"}, ogrs3=20)).tier == "A3"
    assert tier(TierInput(mandate_for_change=False, unsupervised=True)).tier == "D0S"
    assert tier(TierInput()).tier == "D2"


def test_as_dict_is_the_contract_shape():
    out = tier(TierInput(rosh="high", needs={"drugs": "severe"})).as_dict()
    assert set(out) == {"tier", "protect", "change", "protect_points", "change_points", "reasons"}
    assert out["tier"] == "B1" and out["protect_points"] == 20 and out["change_points"] == 2
    assert out["reasons"][0] == {"code": "tier_rosh", "section": "tiering.md Protect level",
                                 "text": "High risk of serious harm scores 20 points."}


# --- the JSON contract ------------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "field"), [
    ({"colour": "red"}, "colour"),
    ({"rosh": "severe"}, "rosh"),
    ({"rsr": "high"}, "rsr"),
    ({"rsr": -1}, "rsr"),
    ({"rsr": True}, "rsr"),
    ({"mappa_level": 4}, "mappa_level"),
    ({"mappa_level": 1.5}, "mappa_level"),
    ({"complexity_factors": ["iom"]}, "complexity_factors[0]"),
    ({"complexity_factors": "gangs"}, "complexity_factors"),
    ({"gender": "x"}, "gender"),
    ({"women": {"pregnant": True}}, "women.pregnant"),
    ({"women": {"breach_or_recall": "yes"}}, "women.breach_or_recall"),
    ({"needs": {"housing": "severe"}}, "needs.housing"),
    ({"needs": {"drugs": "high"}}, "needs.drugs"),
    ({"needs": []}, "needs"),
    ({"ogrs3": 101}, "ogrs3"),
    ({"ogrs3": 50.5}, "ogrs3"),
    ({"iom": 1}, "iom"),
])
def test_unknown_keys_and_values_are_refused_by_name(payload, field):
    with pytest.raises(RuleInputError) as err:
        tier_payload(payload)
    assert err.value.field == field


def test_nulls_mean_unknown():
    out = tier_payload({"rosh": None, "rsr": None, "mappa_level": None, "needs": None,
                        "ogrs3": None, "complexity_factors": None, "women": None,
                        "iom": None, "gender": None})
    assert out["tier"] == "D2"


def run_cli(payload) -> tuple[int, object]:
    out = io.StringIO()
    code = rules_main(["tier"], stdin=io.StringIO(json.dumps(payload)), stdout=out)
    return code, json.loads(out.getvalue())


def test_cli_one_object_and_a_list():
    code, out = run_cli({"rosh": "high", "needs": {"drugs": "severe"}})
    assert code == 0 and out["tier"] == "B1"
    code, out = run_cli([{"mappa_level": 3}, {"unsupervised": True, "needs": {}}])
    assert code == 0 and [o["tier"] for o in out] == ["A2", "D1S"]


def test_cli_unknown_key_is_exit_2_naming_it():
    code, out = run_cli([{}, {"band": "red"}])
    assert code == 2
    assert out["error"]["field"] == "band" and out["error"]["index"] == 1


# --- a second reading of the doc, table by table ----------------------------------------------

def reference(d: dict) -> str:
    """tiering.md re-read independently: the tier string only."""
    rsr = d.get("rsr")
    rsr_pts = 20 if rsr is not None and 7 <= rsr < 100 else 10 if rsr is not None and rsr >= 3 \
        and rsr < 7 else 0
    rosh_pts = {"very_high": 150, "high": 20, "medium": 10}.get(d.get("rosh"), 0)
    pts = max(rsr_pts, rosh_pts)
    pts += {1: 5, 2: 150, 3: 150}.get(d.get("mappa_level"), 0)
    pts += 2 * len(set(d.get("complexity_factors") or []))
    if d.get("gender") == "female":
        women = d.get("women") or {}
        if d.get("needs") is not None:
            pts += 2 * bool(women.get("parenting_responsibilities"))
            pts += 2 * bool(women.get("impulsivity_or_temper"))
        pts += 2 * bool(women.get("breach_or_recall"))
    letter = "A" if pts >= 150 else "B" if pts >= 20 else "C" if pts >= 10 else "D"
    if d.get("mandate_for_change") is False:
        digit = 0
    elif d.get("needs") is None:
        digit = 2
    else:
        weights = {"thinking_and_behaviour": 2, "attitudes": 2, "finance": 0,
                   "emotional_wellbeing": 0}
        change = sum(weights.get(k, 1) * {"none": 0, "standard": 1, "severe": 2}[v]
                     for k, v in d["needs"].items())
        change += (d.get("ogrs3") or 0) // 10 + (2 if d.get("iom") else 0)
        digit = 3 if change >= 20 else 2 if change >= 10 else 1
    return f"{letter}{digit}{'S' if d.get('unsupervised') else ''}"


inputs = st.fixed_dictionaries({}, optional={
    "rosh": st.sampled_from(["low", "medium", "high", "very_high", None]),
    "rsr": st.one_of(st.none(), st.sampled_from([2.99, 3, 6.99, 7, 99.99, 100]),
                     st.floats(0, 100)),
    "mappa_level": st.one_of(st.none(), st.integers(0, 3)),
    "complexity_factors": st.lists(st.sampled_from(sorted(tiering.COMPLEXITY_FACTORS))),
    "gender": st.sampled_from(["male", "female"]),
    "women": st.fixed_dictionaries({}, optional={k: st.booleans()
                                                 for k in tiering.WOMEN_FACTORS}),
    "needs": st.one_of(st.none(), st.dictionaries(st.sampled_from(sorted(tiering.NEED_WEIGHTS)),
                                                  st.sampled_from(["none", "standard",
                                                                   "severe"]))),
    "ogrs3": st.one_of(st.none(), st.integers(0, 100)),
    "iom": st.booleans(),
    "mandate_for_change": st.booleans(),
    "unsupervised": st.booleans(),
})


@given(inputs)
def test_agrees_with_a_second_reading_of_the_doc(d):
    out = tier_payload(d)
    assert out["tier"] == reference(d)
    assert out["tier"] == f"{out['protect']}{out['change']}{'S' if d.get('unsupervised') else ''}"
