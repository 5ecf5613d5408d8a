"""Workload points keyed on tier (tiering.md, operating model §16): the tier's reason, the words
of a tier that is not one and of a tier table with a tier missing; and capacity from contracted
hours at the edges of its inputs (half an hour a week, 168 hours, an unknown grade). From the survivors
of `make mutation MODULES=workload` (2026-12-03), run after the tier and capacity changes:
none of this was yet asserted by a rules test. Reasons are compared by code, section and text."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules import workload
from desist.rules.errors import RuleInputError


@pytest.fixture(autouse=True)
def _fresh_points():
    """Case points are cached per profile: clear the cache so each test builds the reasons now,
    not as an earlier test left them (under mutmut a cached result hid every reason mutant)."""
    workload._case_points.cache_clear()
    yield
    workload._case_points.cache_clear()


def case(tier: str) -> workload.WorkloadCase:
    return workload.WorkloadCase(band="red", rosh="medium", flags=frozenset(),
                                 case_type="community", tier=tier)


def test_a_tier_case_counts_the_tier_points_in_words():
    points = workload.case_points(case("B2S"))
    assert points.points == workload.DEFAULT_TIER_POINTS["B2"]
    first = points.reasons[0]
    assert (first.code, first.section, first.text) == (
        "s16_tier_B2", "tiering.md Workload points keyed on tier",
        f"Tier B2S: {workload.DEFAULT_TIER_POINTS['B2']:g} points (the tier already counts RoSH, "
        "RSR, MAPPA and complexity).")


def test_a_tier_that_is_not_one_is_refused_in_words():
    with pytest.raises(RuleInputError) as caught:
        workload.case_points(case("B2X"))
    assert caught.value.as_dict() == {
        "field": "tier",
        "message": "must be one of A0, A1, A2, A3, B0, B1, B2, B3, C0, C1, C2, C3, D0, D1, D2, D3 "
                   "(with an S or not), not 'B2X'"}


def test_a_tier_table_missing_a_tier_is_refused_in_words():
    missing = tuple((t, p) for t, p in workload.DEFAULT_TIER_POINTS.items() if t != "A0")
    with pytest.raises(RuleInputError) as caught:
        workload.WorkloadWeights(tier_points=missing)
    assert caught.value.as_dict() == {"field": "tier_points.A0",
                                      "message": "every tier needs points"}


# --- capacity from contracted hours: the edges of its inputs ----------------------------------

ON = dt.date(2026, 12, 3)


def test_half_an_hour_a_week_is_a_capacity_and_every_figure_is_returned():
    capacity = workload.available_capacity("PO", 0.5, on=ON)
    assert (capacity.points, capacity.full_time_target, capacity.target,
            capacity.contracted_hours, capacity.available_hours, capacity.reduction_percent) == (
        27.03, 2000, 27.03, 0.5, 0.5, 0)


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"grade": "boss", "contracted_hours": 10},
     {"field": "grade", "message": "must be one of PO, PQIP, PSO, SPO, not 'boss'"}),
    ({"grade": "PO", "contracted_hours": 10, "full_time_hours": 168.5},
     {"field": "full_time_hours", "message": "must be more than 0 and at most 168 hours a week"}),
])
def test_capacity_refuses_in_words(kwargs, error):
    with pytest.raises(RuleInputError) as caught:
        workload.available_capacity(on=ON, **kwargs)
    assert caught.value.as_dict() == error
