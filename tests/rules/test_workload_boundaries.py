"""Weighted workload and capacity (operating-model.md §16): every boundary and word pinned.

Written against mutation testing (issue 25): the whole reasons of a case's points and of an
officer's capacity; 100% of capacity exactly (over), just under (within); FTE at 0 / just above /
1 / just above 1; reductions at 0, 100 and just over; every default weight and every input error
with its words. ``case_points`` is cached per (case, weights), so each test starts with the
cache cleared: the words are computed, not taken from an earlier test.
"""

from __future__ import annotations

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.workload import (
    BANDS,
    CASE_TYPES,
    DEFAULT_BAND_POINTS,
    DEFAULT_CASE_TYPE_FACTORS,
    DEFAULT_FLAG_POINTS,
    DEFAULT_GRADE_TARGETS,
    DEFAULT_ROSH_POINTS,
    DEFAULT_STEPPED_DOWN_FACTOR,
    DEFAULT_WEIGHTS,
    GRADE_NAMES,
    REGISTRATION_CODES,
    REGISTRATION_NAMES,
    ROSH_LEVELS,
    SECTION,
    Capacity,
    CapacityStatus,
    CasePoints,
    WorkloadCase,
    WorkloadWeights,
    _case_points,
    capacity_percent,
    case_points,
    officer_capacity,
    potential_workload,
    registration_name,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    _case_points.cache_clear()
    yield
    _case_points.cache_clear()


def R(code: str, text: str) -> Reason:  # noqa: N802
    return Reason(code, SECTION, text)


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


# --- the shipped weights --------------------------------------------------------------------


def test_every_default_weight():
    assert SECTION == "operating-model.md §16"
    assert BANDS == ("green", "yellow", "red", "blue")
    assert ROSH_LEVELS == ("low", "medium", "high", "very_high")
    assert CASE_TYPES == ("community", "licence", "pss", "custody", "upw_only")
    assert DEFAULT_BAND_POINTS == {"green": 12, "yellow": 24, "red": 35, "blue": 35}
    assert DEFAULT_ROSH_POINTS == {"low": 0, "medium": 8, "high": 16, "very_high": 24}
    assert DEFAULT_FLAG_POINTS == {
        "domestic_abuse": 6, "child_protection_plan": 8, "child_concern": 4, "child_in_need": 4,
        "mappa": 6, "iom": 8, "sex_offender": 8, "prevent": 8, "hate_crime": 3,
        "serious_organised_crime": 4, "complex_mental_health": 4, "aces": 2,
        "restraining_order": 2, "visor": 4}
    assert DEFAULT_CASE_TYPE_FACTORS == {"community": 1.0, "licence": 1.0, "pss": 0.8,
                                         "custody": 0.6, "upw_only": 0.3}
    assert DEFAULT_STEPPED_DOWN_FACTOR == 0.3
    assert DEFAULT_GRADE_TARGETS == {"PO": 2000, "PSO": 1200, "PQIP": 1200, "SPO": 400}
    assert DEFAULT_WEIGHTS.unbanded_as == "yellow"
    assert DEFAULT_WEIGHTS.stepped_down_factor == 0.3
    assert DEFAULT_WEIGHTS.table("grade_targets") == DEFAULT_GRADE_TARGETS
    assert DEFAULT_WEIGHTS.table("case_type_factors") == DEFAULT_CASE_TYPE_FACTORS


def test_every_registration_code_and_name():
    assert REGISTRATION_CODES == frozenset(REGISTRATION_NAMES)
    assert REGISTRATION_NAMES == {
        "domestic_abuse": "domestic abuse perpetrator",
        "domestic_abuse_victim": "domestic abuse victim",
        "child_protection_plan": "child protection plan",
        "child_concern": "child concern",
        "child_in_need": "child in need",
        "mappa": "MAPPA",
        "iom": "IOM nominal",
        "sex_offender": "sex offender",
        "prevent": "Prevent",
        "hate_crime": "hate crime",
        "serious_organised_crime": "serious organised crime",
        "complex_mental_health": "complex mental health",
        "aces": "adverse childhood experiences",
        "restraining_order": "restraining order",
        "visor": "ViSOR record",
        "previous_very_high_rosh": "previous very high RoSH",
    }
    assert registration_name("armed_forces_veteran") == "armed forces veteran"
    assert DEFAULT_WEIGHTS.codes == REGISTRATION_CODES
    assert GRADE_NAMES == {"PO": "probation officer", "PSO": "probation services officer",
                           "PQIP": "trainee probation officer (PQiP)",
                           "SPO": "senior probation officer"}


# --- a case's points, in full ---------------------------------------------------------------


def test_a_plain_case_in_full():
    assert case_points(WorkloadCase("green", "low")) == CasePoints(12, (
        R("s16_band_green", "Green band: 12 points (work follows the band's minimum offer)."),
        R("s16_case_points", "This case counts 12 points."),
    ))


def test_an_unbanded_case_in_full():
    assert case_points(WorkloadCase(None, "very_high", {"domestic_abuse", "aces"})) == CasePoints(
        56, (
            R("s16_unbanded", "The case has no colour band yet, so it counts as yellow "
                              "(24 points) until the band is set."),
            R("s16_rosh_very_high", "Very high risk of serious harm: +24 points for risk "
                                    "management work."),
            R("s16_flag_aces", "Registration adverse childhood experiences: +2 points."),
            R("s16_flag_domestic_abuse", "Registration domestic abuse perpetrator: +6 points."),
            R("s16_case_points", "This case counts 56 points."),
        ))


def test_a_case_held_elsewhere_and_stepped_down_in_full():
    result = case_points(WorkloadCase("red", "medium", frozenset({"domestic_abuse_victim"}),
                                      "upw_only", stepped_down=True))
    # (35 + 8) × 0.3 × 0.3 = 3.87
    assert result == CasePoints(3.87, (
        R("s16_band_red", "Red band: 35 points (work follows the band's minimum offer)."),
        R("s16_rosh_medium", "Medium risk of serious harm: +8 points for risk management work."),
        R("s16_case_type_upw_only", "Upw only case: counted at 30% of a live community case."),
        R("s16_stepped_down", "Stepped down to reporting centre or telephone reporting: counted "
                              "at 30%; the officer keeps responsibility."),
        R("s16_case_points", "This case counts 3.87 points."),
    ))


@pytest.mark.parametrize(("case_type", "points", "said"), [
    ("community", 24, None), ("licence", 24, None), ("pss", 19.2, "Pss case: counted at 80%"),
    ("custody", 14.4, "Custody case: counted at 60%"), ("upw_only", 7.2, "Upw only case: counted at 30%"),
])
def test_each_case_type_factor(case_type, points, said):
    result = case_points(WorkloadCase("yellow", "low", case_type=case_type))
    assert result.points == pytest.approx(points)
    texts = [r.text for r in result.reasons if r.code == f"s16_case_type_{case_type}"]
    assert texts == ([] if said is None else [f"{said} of a live community case."])


def test_a_weight_of_zero_scores_no_reason_and_a_low_rosh_weight_does():
    weights = WorkloadWeights.from_mappings(rosh_points={"low": 2, "medium": 0, "high": 16,
                                                         "very_high": 24},
                                            flag_points={"iom": 0})
    low = case_points(WorkloadCase("green", "low", {"iom"}), weights)
    assert low.points == 14
    assert [r.code for r in low.reasons] == ["s16_band_green", "s16_rosh_low", "s16_case_points"]
    assert low.reasons[1].text == "Low risk of serious harm: +2 points for risk management work."
    medium = case_points(WorkloadCase("green", "medium"), weights)
    assert [r.code for r in medium.reasons] == ["s16_band_green", "s16_case_points"]


def test_points_are_rounded_to_two_places():
    weights = WorkloadWeights(stepped_down_factor=0.333)
    result = case_points(WorkloadCase("green", "low", stepped_down=True), weights)
    assert result.points == 4.0  # 12 × 0.333 = 3.996
    assert result.reasons[-2].text == ("Stepped down to reporting centre or telephone reporting: "
                                       "counted at 33%; the officer keeps responsibility.")
    assert result.reasons[-1].text == "This case counts 4 points."


def test_another_unbanded_as_band():
    weights = WorkloadWeights(unbanded_as="blue")
    result = case_points(WorkloadCase(None, "low"), weights)
    assert result.points == 35
    assert result.reasons[0].text == ("The case has no colour band yet, so it counts as blue "
                                      "(35 points) until the band is set.")


def test_flags_given_as_a_set_become_a_frozenset():
    case = WorkloadCase("green", "low", {"iom"})
    assert isinstance(case.flags, frozenset)
    assert case.flags == frozenset({"iom"})
    assert (case.case_type, case.stepped_down) == ("community", False)


def test_a_flag_known_only_to_the_weights_is_scored():
    weights = WorkloadWeights.from_mappings(flag_points={"veterans": 5})
    assert "veterans" in weights.codes
    result = case_points(WorkloadCase("green", "low", {"veterans"}), weights)
    assert result.reasons[1] == R("s16_flag_veterans", "Registration veterans: +5 points.")


def test_case_input_errors_in_words():
    assert _error(lambda: case_points(WorkloadCase("purple", "low"))) == {
        "field": "band", "message": "must be one of green, yellow, red, blue, not 'purple'"}
    assert _error(lambda: case_points(WorkloadCase("green", "extreme"))) == {
        "field": "rosh", "message": "must be one of low, medium, high, very_high, not 'extreme'"}
    assert _error(lambda: case_points(WorkloadCase("green", "low", {"iom", "domestic_abuser"}))) \
        == {"field": "flags", "message": "unknown registration code 'domestic_abuser'"}
    assert _error(lambda: case_points(WorkloadCase("green", "low", case_type="remand"))) == {
        "field": "case_type",
        "message": "must be one of community, custody, licence, pss, upw_only, not 'remand'"}


# --- the weights' own checks ----------------------------------------------------------------


def test_a_weight_of_zero_is_allowed_below_zero_or_not_a_number_refused():
    assert WorkloadWeights.from_mappings(flag_points={"iom": 0}).table("flag_points") == {"iom": 0}
    assert WorkloadWeights(stepped_down_factor=0).stepped_down_factor == 0
    for table in ("band_points", "rosh_points", "case_type_factors", "grade_targets"):
        bad = {**DEFAULT_WEIGHTS.table(table), "x": -0.5}
        assert _error(lambda table=table, bad=bad: WorkloadWeights.from_mappings(
            **{table: bad})) == {"field": f"{table}.x", "message": "must be a number, 0 or more"}
    assert _error(lambda: WorkloadWeights.from_mappings(flag_points={"iom": True})) == {
        "field": "flag_points.iom", "message": "must be a number, 0 or more"}
    assert _error(lambda: WorkloadWeights.from_mappings(flag_points={"iom": "8"}))["field"] \
        == "flag_points.iom"
    for factor in (-0.1, True, "0.3"):
        assert _error(lambda factor=factor: WorkloadWeights(stepped_down_factor=factor)) == {
            "field": "stepped_down_factor", "message": "must be a number, 0 or more"}


def test_every_band_and_rosh_level_needs_points():
    for band in BANDS:
        table = {b: 1 for b in BANDS if b != band}
        assert _error(lambda table=table: WorkloadWeights.from_mappings(band_points=table)) == {
            "field": f"band_points.{band}", "message": "every band needs points"}
    for level in ROSH_LEVELS:
        table = {r: 1 for r in ROSH_LEVELS if r != level}
        assert _error(lambda table=table: WorkloadWeights.from_mappings(rosh_points=table)) == {
            "field": f"rosh_points.{level}", "message": "every RoSH level needs points"}
    assert _error(lambda: WorkloadWeights(unbanded_as="amber")) == {
        "field": "unbanded_as", "message": "must be one of green, yellow, red, blue"}


def test_weights_built_alike_are_equal_and_hash_alike():
    built = WorkloadWeights.from_mappings(grade_targets=DEFAULT_GRADE_TARGETS,
                                          stepped_down_factor=0.3, unbanded_as="yellow")
    assert built == DEFAULT_WEIGHTS
    assert hash(built) == hash(DEFAULT_WEIGHTS)
    other = WorkloadWeights(unbanded_as="green")
    assert hash(other) != hash(DEFAULT_WEIGHTS)
    assert case_points(WorkloadCase(None, "low"), other).points == 12
    assert case_points(WorkloadCase(None, "low")).points == 24


# --- an officer's capacity ------------------------------------------------------------------


def test_capacity_in_full():
    result = officer_capacity("PSO", 0.8, {"union duties": 10, "none": 0, "phased return": 15})
    assert result == Capacity(720, (
        R("s16_grade_target", "A full-time probation services officer carries 1200 points at "
                              "100%."),
        R("s16_fte", "Works 0.8 FTE, so the target is scaled."),
        R("s16_reduction", "Workload reduction for union duties: 10%."),
        R("s16_reduction", "Workload reduction for phased return: 15%."),
        R("s16_capacity", "Capacity is 720 points."),
    ))


def test_full_time_with_no_reductions_has_two_reasons():
    assert officer_capacity("SPO", 1) == Capacity(400, (
        R("s16_grade_target", "A full-time senior probation officer carries 400 points at 100%."),
        R("s16_capacity", "Capacity is 400 points."),
    ))


def test_reductions_as_pairs_and_a_grade_only_the_weights_know():
    weights = WorkloadWeights.from_mappings(grade_targets={"ACO": 100})
    result = officer_capacity("ACO", 1, [("study", 12.5)], weights)
    assert result.points == 87.5
    assert result.reasons[0].text == "A full-time ACO carries 100 points at 100%."
    assert result.reasons[1].text == "Workload reduction for study: 12.5%."


def test_capacity_is_rounded_to_two_places():
    assert officer_capacity("PO", 0.333, {"a": 0.01}).points == 665.93  # 2000 × 0.333 × 0.9999


@pytest.mark.parametrize(("fte", "allowed"), [(0, False), (0.01, True), (1, True),
                                              (1.0001, False), (-0.5, False)])
def test_fte_more_than_zero_and_at_most_one(fte, allowed):
    if allowed:
        assert officer_capacity("PO", fte).points == round(2000 * fte, 2)
    else:
        assert _error(lambda: officer_capacity("PO", fte)) == {
            "field": "fte", "message": "must be more than 0 and at most 1 (1 is full time)"}


def test_fte_that_is_not_a_number_is_refused():
    for bad in (True, "1"):
        assert _error(lambda bad=bad: officer_capacity("PO", bad))["field"] == "fte"


def test_reductions_up_to_exactly_100_percent():
    assert officer_capacity("PO", 1, {"a": 60, "b": 40}).points == 0
    assert _error(lambda: officer_capacity("PO", 1, {"a": 60, "b": 40.5})) == {
        "field": "reductions", "message": "reductions add up to more than 100%"}
    assert _error(lambda: officer_capacity("PO", 1, {"a": -0.5})) == {
        "field": "reductions.a", "message": "must be a percentage, 0 or more"}
    assert _error(lambda: officer_capacity("PO", 1, {"a": True}))["field"] == "reductions.a"
    assert _error(lambda: officer_capacity("CEO", 1)) == {
        "field": "grade", "message": "must be one of PO, PQIP, PSO, SPO, not 'CEO'"}


# --- percentage of capacity -----------------------------------------------------------------


@pytest.mark.parametrize(("points", "over", "text"), [
    (999.99, False, "999.99 of 1000 points is 100%: within capacity (under 100%)."),
    (1000, True, "1000 of 1000 points is 100%: over capacity (100% or more)."),
    (1000.01, True, "1000.01 of 1000 points is 100%: over capacity (100% or more)."),
    (333.333, False, "333.33 of 1000 points is 33.3%: within capacity (under 100%)."),
])
def test_the_day_before_of_and_after_100_percent(points, over, text):
    status = capacity_percent(points, 1000)
    code = "s16_over_capacity" if over else "s16_within_capacity"
    assert status == CapacityStatus(points, 1000, round(points / 10, 1), over, (R(code, text),))


def test_no_capacity_in_full_even_with_no_points():
    assert capacity_percent(0, 0) == CapacityStatus(0, 0, None, True, (R(
        "s16_no_capacity", "This officer has no workload capacity (reductions take all their "
                           "hours), so any case puts them over capacity."),))


def test_capacity_percent_input_errors():
    assert _error(lambda: capacity_percent(0, -1)) == {
        "field": "capacity", "message": "must be a number, 0 or more"}
    assert _error(lambda: capacity_percent(-0.01, 10)) == {
        "field": "total_points", "message": "must be a number, 0 or more"}
    assert _error(lambda: capacity_percent(True, 10))["field"] == "total_points"
    assert _error(lambda: capacity_percent(1, "10"))["field"] == "capacity"


# --- what the allocation screen shows -------------------------------------------------------


def test_potential_workload_in_full():
    case = WorkloadCase("red", "medium", {"domestic_abuse"})
    result = potential_workload(1150.004, case, 1200)
    assert result.case_points == 49
    assert result.now.points == 1150.004
    assert result.after.points == 1199.0  # rounded to two places
    assert (result.now.percent, result.after.percent) == (95.8, 99.9)
    assert result.reasons[:-1] == case_points(case).reasons
    assert result.reasons[-1] == R("s16_after_taking_case",
                                   "Taking this case moves the officer from 95.8% to 99.9%.")


def test_potential_workload_with_no_capacity_and_other_weights():
    weights = WorkloadWeights(stepped_down_factor=0.5)
    result = potential_workload(0, WorkloadCase("green", "low", stepped_down=True), 0, weights)
    assert result.case_points == 6
    assert result.reasons[-1].text == ("Taking this case moves the officer from no capacity to "
                                       "no capacity.")


def test_points_in_the_words_and_after_the_case_keep_two_places():
    # survivors of the first mutation run: rounding to 3 places or to a whole number
    assert capacity_percent(1000.004, 1000).reasons[0].text == (
        "1000 of 1000 points is 100%: over capacity (100% or more).")
    assert capacity_percent(500.125, 1000).reasons[0].text.startswith("500.12 of 1000 points")
    result = potential_workload(1150.254, WorkloadCase("red", "medium", {"domestic_abuse"}), 1200)
    assert result.after.points == 1199.25
