"""Workload points keyed on tier (tiering.md, operating model §16): the tier's reason, the words
of a tier that is not one and of a tier table with a tier missing. Written from the survivors
of `make mutation MODULES=workload` (2026-12-03), run after the tier and capacity changes: these
words were not yet asserted by any rules test. Reasons are compared by code, section and text."""

from __future__ import annotations

import pytest

from desist.rules import workload
from desist.rules.errors import RuleInputError


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
