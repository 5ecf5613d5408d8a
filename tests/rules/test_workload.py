"""Weighted workload and capacity (operating-model.md §16)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.workload import (
    BANDS,
    CASE_TYPES,
    DEFAULT_FLAG_POINTS,
    DEFAULT_WEIGHTS,
    REGISTRATION_CODES,
    ROSH_LEVELS,
    WorkloadCase,
    WorkloadWeights,
    capacity_percent,
    case_points,
    officer_capacity,
    potential_workload,
)


def codes(result):
    return [r.code for r in result.reasons]


@pytest.mark.parametrize(
    ("band", "expected"), [("green", 12), ("yellow", 24), ("red", 35), ("blue", 35)]
)
def test_s16_band_points_follow_minimum_offer(band, expected):
    result = case_points(WorkloadCase(band=band, rosh="low"))
    assert result.points == expected
    assert f"s16_band_{band}" in codes(result)


@pytest.mark.parametrize(
    ("rosh", "expected"), [("low", 24), ("medium", 32), ("high", 40), ("very_high", 48)]
)
def test_s16_rosh_adds_points(rosh, expected):
    result = case_points(WorkloadCase(band="yellow", rosh=rosh))
    assert result.points == expected
    assert (f"s16_rosh_{rosh}" in codes(result)) == (rosh != "low")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({"domestic_abuse"}, 24 + 6),
        ({"child_protection_plan"}, 24 + 8),
        ({"iom"}, 24 + 8),
        ({"sex_offender", "mappa"}, 24 + 8 + 6),
        ({"domestic_abuse", "child_concern", "iom"}, 24 + 6 + 4 + 8),
        ({"domestic_abuse_victim"}, 24),  # known code, carries no weight by default
    ],
)
def test_s16_registrations_and_specialist_work_add_points(flags, expected):
    result = case_points(WorkloadCase(band="yellow", rosh="low", flags=flags))
    assert result.points == expected
    for flag in flags:
        assert (f"s16_flag_{flag}" in codes(result)) == bool(DEFAULT_FLAG_POINTS.get(flag))


@pytest.mark.parametrize(
    ("case_type", "stepped_down", "expected"),
    [
        ("community", False, 35),
        ("licence", False, 35),
        ("pss", False, 28),
        ("custody", False, 21),
        ("upw_only", False, 10.5),
        ("community", True, 10.5),
    ],
)
def test_s16_custody_hub_held_and_stepped_down_cases_still_count(case_type, stepped_down, expected):
    result = case_points(
        WorkloadCase(band="red", rosh="low", case_type=case_type, stepped_down=stepped_down)
    )
    assert result.points == pytest.approx(expected)
    assert result.points > 0  # F20: cases held elsewhere are not invisible


def test_s16_unbanded_case_counts_as_yellow_until_banded():
    result = case_points(WorkloadCase(band=None, rosh="medium"))
    assert result.points == 32
    assert "s16_unbanded" in codes(result)


@pytest.mark.parametrize(
    ("grade", "fte", "reductions", "expected"),
    [
        ("PO", 1, {}, 2000),
        ("PSO", 1, {}, 1200),
        ("SPO", 1, {}, 400),
        ("PO", 0.5, {}, 1000),
        ("PO", 1, {"newly qualified": 20}, 1600),
        ("PSO", 0.8, {"union duties": 10, "phased return": 15}, 720),
        ("PO", 1, {"maternity": 100}, 0),
    ],
)
def test_s16_capacity_by_grade_fte_and_reductions(grade, fte, reductions, expected):
    result = officer_capacity(grade, fte, reductions)
    assert result.points == pytest.approx(expected)
    assert "s16_grade_target" in codes(result)
    assert sum(c == "s16_reduction" for c in codes(result)) == sum(
        1 for v in reductions.values() if v
    )


@pytest.mark.parametrize(
    ("points", "capacity", "percent", "over"),
    [
        (0, 1000, 0.0, False),
        (500, 1000, 50.0, False),
        (999.9, 1000, 100.0, False),  # displays as 100% but is not yet over
        (1000, 1000, 100.0, True),  # 100% is over capacity
        (1200, 1000, 120.0, True),
    ],
)
def test_s16_100_percent_or_more_is_over_capacity(points, capacity, percent, over):
    status = capacity_percent(points, capacity)
    assert status.percent == percent
    assert status.over_capacity is over
    assert status.reasons[0].code == ("s16_over_capacity" if over else "s16_within_capacity")


def test_s16_no_capacity_means_over_capacity():
    status = capacity_percent(10, 0)
    assert status.percent is None
    assert status.over_capacity is True
    assert codes(status) == ["s16_no_capacity"]


def test_s16_potential_workload_after_taking_a_case():
    case = WorkloadCase(band="red", rosh="medium", flags={"domestic_abuse"})
    result = potential_workload(1150, case, 1200)
    assert result.case_points == 49
    assert result.now.percent == pytest.approx(95.8)
    assert result.now.over_capacity is False
    assert result.after.points == 1199
    assert result.after.over_capacity is False
    over = potential_workload(1151, case, 1200)
    assert over.after.over_capacity is True
    assert "s16_after_taking_case" in codes(over)


def test_s16_weights_are_editable_data():
    weights = WorkloadWeights.from_mappings(
        band_points={"green": 1, "yellow": 2, "red": 3, "blue": 4},
        grade_targets={"PO": 100, "PSO": 50},
    )
    assert case_points(WorkloadCase(band="blue", rosh="low"), weights).points == 4
    assert officer_capacity("PSO", 1, weights=weights).points == 50
    # A custom flag an administrator added becomes a known code.
    custom = WorkloadWeights.from_mappings(flag_points={"veterans": 5})
    assert case_points(WorkloadCase("green", "low", {"veterans"}), custom).points == 17
    assert hash(WorkloadWeights()) == hash(DEFAULT_WEIGHTS)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: case_points(WorkloadCase(band="purple", rosh="low")), "band"),
        (lambda: case_points(WorkloadCase(band="green", rosh="extreme")), "rosh"),
        (lambda: case_points(WorkloadCase("green", "low", {"domestic_abuser"})), "flags"),
        (lambda: case_points(WorkloadCase("green", "low", case_type="remand")), "case_type"),
        (lambda: officer_capacity("CEO", 1), "grade"),
        (lambda: officer_capacity("PO", 0), "fte"),
        (lambda: officer_capacity("PO", 1.5), "fte"),
        (lambda: officer_capacity("PO", 1, {"a": 60, "b": 50}), "reductions"),
        (lambda: officer_capacity("PO", 1, {"a": -5}), "reductions.a"),
        (lambda: capacity_percent(-1, 100), "total_points"),
        (lambda: WorkloadWeights.from_mappings(band_points={"green": 1}), "band_points.yellow"),
        (lambda: WorkloadWeights.from_mappings(flag_points={"iom": -1}), "flag_points.iom"),
    ],
)
def test_s16_impossible_input_names_the_field(call, field):
    with pytest.raises(RuleInputError) as err:
        call()
    assert err.value.field == field


cases = st.builds(
    WorkloadCase,
    band=st.sampled_from((*BANDS, None)),
    rosh=st.sampled_from(ROSH_LEVELS),
    flags=st.frozensets(st.sampled_from(sorted(REGISTRATION_CODES))),
    case_type=st.sampled_from(CASE_TYPES),
    stepped_down=st.booleans(),
)


@given(cases, st.sampled_from(sorted(REGISTRATION_CODES)))
def test_s16_property_points_positive_explained_and_a_flag_never_lowers_them(case, flag):
    result = case_points(case)
    assert result.points > 0
    assert result.reasons and result.reasons[-1].code == "s16_case_points"
    more = WorkloadCase(
        case.band, case.rosh, case.flags | {flag}, case.case_type, case.stepped_down
    )
    assert case_points(more).points >= result.points


@given(cases)
def test_s16_property_higher_rosh_never_lowers_points(case):
    ranks = {level: i for i, level in enumerate(ROSH_LEVELS)}
    for level in ROSH_LEVELS:
        if ranks[level] >= ranks[case.rosh]:
            higher = WorkloadCase(case.band, level, case.flags, case.case_type, case.stepped_down)
            assert case_points(higher).points >= case_points(case).points


@given(
    st.sampled_from(["PO", "PSO", "SPO", "PQIP"]),
    st.floats(min_value=0.01, max_value=1),
    st.lists(st.floats(min_value=0, max_value=25), max_size=4),
    st.floats(min_value=0, max_value=5000),
)
def test_s16_property_capacity_never_negative_and_over_iff_at_least_capacity(
    grade, fte, reductions, points
):
    capacity = officer_capacity(grade, fte, [(f"r{i}", r) for i, r in enumerate(reductions)])
    assert capacity.points >= 0
    status = capacity_percent(points, capacity.points)
    assert status.over_capacity == (capacity.points == 0 or points >= capacity.points)
    assert status.reasons


def test_s16_default_weightings_put_a_mixed_po_caseload_of_40_to_60_cases_at_100_percent():
    """Calibration (issue 12, item 9): the default PO target against a PO's usual mix."""
    from desist.rules.workload import DEFAULT_WEIGHTS, WorkloadCase, case_points, officer_capacity

    mix = [  # (share of a PO's caseload, case)
        (0.15, WorkloadCase("green", "low", frozenset({"domestic_abuse"}))),
        (0.35, WorkloadCase("yellow", "medium", frozenset({"domestic_abuse"}))),
        (0.15, WorkloadCase("yellow", "medium", frozenset({"child_concern"}), "licence")),
        (0.15, WorkloadCase("blue", "medium", frozenset({"child_protection_plan"}))),
        (0.10, WorkloadCase("red", "medium", frozenset()), ),
        (0.10, WorkloadCase("yellow", "medium", frozenset(), "custody")),
    ]
    mean = sum(share * case_points(case, DEFAULT_WEIGHTS).points for share, case in mix)
    cases_at_100 = officer_capacity("PO", 1.0).points / mean
    assert 40 <= cases_at_100 <= 60
