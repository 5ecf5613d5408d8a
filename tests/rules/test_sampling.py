"""Case-audit sampling (inspection-framework.md Sampling)."""

from __future__ import annotations

import math
import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.sampling import (
    SampleCase,
    allocate,
    draw_sample,
    sample_payload,
    sample_size,
    z_for,
)


@pytest.mark.parametrize(
    ("confidence", "z"), [(0.8, 1.2816), (0.9, 1.6449), (0.95, 1.9600), (0.99, 2.5758)]
)
def test_sampling_z_for_common_confidence_levels(confidence, z):
    assert round(z_for(confidence), 4) == z


@pytest.mark.parametrize(
    ("population", "confidence", "margin", "size"),
    [
        (254, 0.8, 0.05, 100),  # Northumbria's domain-two sample
        (30, 0.8, 0.05, 26),  # Northumbria's unpaid-work sample
        (22, 0.8, 0.05, 20),  # Northumbria's Through the Gate sample
        (100_000, 0.95, 0.05, 383),  # the textbook 384, corrected for the population
        (10**9, 0.8, 0.05, 165),  # n0 = 164.24 rounded up
        (1000, 0.9, 0.03, 430),
        (1, 0.8, 0.05, 1),
        (0, 0.8, 0.05, 0),
    ],
)
def test_sampling_cochran_with_finite_population_correction(population, confidence, margin, size):
    result = sample_size(population, confidence, margin)
    z = z_for(confidence)
    if population:
        n0 = z * z * 0.25 / margin**2
        assert result.size == math.ceil(n0 / (1 + (n0 - 1) / population) - 1e-9)
    assert result.size == size
    assert result.reasons
    assert sample_payload(
        {"population": population, "confidence": confidence, "margin": margin}
    ) == {"size": size, "reasons": [r.as_dict() for r in result.reasons]}


def test_sampling_size_defaults_to_80_percent_and_5_points():
    assert sample_payload({"population": 254})["size"] == 100


@pytest.mark.parametrize(
    ("counts", "size", "expected"),
    [
        ({"a": 5, "b": 3, "c": 2}, 7, {"a": 4, "b": 2, "c": 1}),  # 3.5, 2.1, 1.4
        ({"a": 1, "b": 1, "c": 1}, 2, {"a": 1, "b": 1, "c": 0}),  # ties go by name
        ({"a": 10, "b": 20}, 0, {"a": 0, "b": 0}),
        ({"a": 10, "b": 20}, 30, {"a": 10, "b": 20}),
        ({"big": 97, "small": 3}, 10, {"big": 10, "small": 0}),  # 9.7, 0.3
    ],
)
def test_sampling_largest_remainder_allocation(counts, size, expected):
    result = allocate(counts, size)
    assert dict(result.allocation) == expected
    assert result.reasons[0].code == "allocation_proportional"


def test_sampling_minimum_per_stratum_honoured_first():
    result = allocate({"female": 10, "male": 90}, 10, {"female": 3})
    assert dict(result.allocation) == {"female": 3, "male": 7}
    assert "allocation_minimum" in [r.code for r in result.reasons]


def test_sampling_minimums_beyond_the_size_grow_the_sample():
    result = allocate({"a": 50, "b": 2, "c": 50}, 4, {"a": 3, "b": 3, "c": 3})
    assert dict(result.allocation) == {"a": 3, "b": 2, "c": 3}
    assert result.size == 8
    assert result.reasons[-1].code in {"allocation_minimum", "allocation_minimums_raise_size"}


def cases_for(strata_officers):
    """[(stratum, officer, how many)] → cases with ids."""
    out, n = [], 0
    for stratum, officer, count in strata_officers:
        for _ in range(count):
            out.append(SampleCase(id=f"c{n}", stratum=stratum, officer=officer))
            n += 1
    return out


def test_sampling_per_officer_cap_and_spread():
    cases = cases_for([("a", f"o{i}", 10) for i in range(10)])
    result = draw_sample(cases, seed=1, size=30)
    by_officer = Counter(c.officer for c in cases if c.id in set(result.sample))
    assert max(by_officer.values()) == 3  # spread evenly, well under the cap of 6
    assert len(by_officer) == 10


def test_sampling_cap_makes_allocation_impossible_says_so_and_fills_what_it_can():
    cases = cases_for([("a", "only", 10), ("b", "x", 5), ("b", "y", 5)])
    result = draw_sample(cases, seed=3, size=10, max_per_officer=3, reserve=0)
    assert dict(result.allocation) == {"a": 5, "b": 5}
    assert dict(result.shortfall) == {"a": 2}
    assert len(result.sample) == 8
    assert "sample_cap_shortfall" in [r.code for r in result.reasons]


@pytest.mark.parametrize("seed", range(20))
def test_sampling_cap_reshuffles_officers_before_declaring_a_shortfall(seed):
    # Greedy might give stratum a's place to x, starving b; the flow repair moves a to y.
    cases = cases_for([("a", "x", 1), ("a", "y", 1), ("b", "x", 1)])
    result = draw_sample(cases, seed=seed, size=2, max_per_officer=1, reserve=0)
    assert dict(result.allocation) == {"a": 1, "b": 1}
    assert result.shortfall == ()
    assert set(result.sample) == {"c1", "c2"}


def test_sampling_exclusions():
    cases = [
        SampleCase("a", "s", "o"),
        SampleCase("b", "s", "o", not_started=True),
        SampleCase("c", "s", "o", restricted=True),
        SampleCase("d", "s", "o", duplicate=True),
        SampleCase("e", "s", "o"),
        SampleCase("e", "s", "o"),
    ]
    result = draw_sample(cases, seed=0, size=10)
    assert set(result.sample) == {"a", "e"}
    assert dict(result.excluded) == {
        "b": "not yet started",
        "c": "restricted (limited access)",
        "d": "a duplicate",
        "e": "listed more than once",
    }
    assert result.population == 2


def test_sampling_same_id_with_different_details_is_an_error():
    with pytest.raises(RuleInputError) as err:
        draw_sample([SampleCase(1, "s", "o"), SampleCase(1, "t", "o")])
    assert err.value.field == "cases.1.id"


@pytest.mark.parametrize(
    ("reserve", "size", "expected"),
    [(Fraction(1, 5), 100, 20), (Fraction(1, 5), 26, 6), (0.2, 15, 3), (0.25, 10, 3), (4, 10, 4)],
)
def test_sampling_reserve_list_rounded_up(reserve, size, expected):
    cases = cases_for([("s", f"o{i}", 10) for i in range(30)])
    result = draw_sample(cases, seed=9, size=size, reserve=reserve)
    assert len(result.reserve) == expected
    assert not set(result.reserve) & set(result.sample)


def test_sampling_payload_draw_contract():
    cases = [
        {"id": i, "stratum": "female" if i % 5 == 0 else "male", "officer": f"o{i % 40}"}
        for i in range(300)
    ]
    out = sample_payload({"cases": cases, "seed": 7, "max_per_officer": 6, "reserve": 0.2})
    assert out["size"] == sample_size(300).size == 107  # n = 106.36, rounded up
    assert out["allocation"] == {"female": 21, "male": 86}  # 21.4 and 85.6
    assert len(out["sample"]) == 107
    assert len(out["reserve"]) == 22
    assert out["reasons"]
    assert sample_payload({"cases": list(reversed(cases)), "seed": 7}) == out


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "population"),
        ({"population": -1}, "population"),
        ({"population": 100, "confidence": 80}, "confidence"),
        ({"population": 100, "margin": 5}, "margin"),
        ({"population": 100, "seed": 1}, "seed"),  # seed only makes sense with cases
        ({"cases": {}}, "cases"),
        ({"cases": [{"id": 1, "stratum": "s"}]}, "cases.0.officer"),
        ({"cases": [{"id": True, "stratum": "s", "officer": "o"}]}, "cases.0.id"),
        ({"cases": [{"id": 1, "stratum": "s", "officer": "o", "x": 1}]}, "cases.0.x"),
        (
            {"cases": [{"id": 1, "stratum": "s", "officer": "o", "restricted": "y"}]},
            "cases.0.restricted",
        ),
        ({"cases": [], "max_per_officer": 0}, "max_per_officer"),
        ({"cases": [], "reserve": 1.5}, "reserve"),
        ({"cases": [], "seed": 1.5}, "seed"),
        (
            {"cases": [{"id": 1, "stratum": "s", "officer": "o"}], "min_per_stratum": {"t": 1}},
            "min_per_stratum.t",
        ),
    ],
)
def test_sampling_bad_input_names_the_field(payload, field):
    with pytest.raises(RuleInputError) as err:
        sample_payload(payload)
    assert err.value.field == field


# ---------------------------------------------------------------------------------- properties

case_lists = st.lists(
    st.tuples(st.sampled_from("ABCDE"), st.integers(0, 12)), min_size=0, max_size=120
).map(lambda rows: [SampleCase(i, s, f"o{o}") for i, (s, o) in enumerate(rows)])


@settings(max_examples=150, deadline=None)
@given(
    case_lists,
    st.integers(0, 10**6),
    st.one_of(st.none(), st.integers(1, 8)),
    st.sampled_from([0.8, 0.9, 0.95]),
)
def test_sampling_property_invariants(cases, seed, cap, confidence):
    result = draw_sample(cases, seed=seed, max_per_officer=cap, confidence=confidence)
    allocation = dict(result.allocation)
    strata = Counter(c.stratum for c in cases)
    # allocation sums to the size, each stratum the floor or ceiling of its exact share
    assert sum(allocation.values()) == result.size
    for stratum, n in allocation.items():
        share = Fraction(result.size * strata[stratum], len(cases))
        assert n in (math.floor(share), math.ceil(share))
    # no officer over the cap, in the sample or in sample and reserve together
    by_id = {c.id: c for c in cases}
    sampled = Counter(by_id[i].officer for i in result.sample)
    together = Counter(by_id[i].officer for i in (*result.sample, *result.reserve))
    if cap is not None:
        assert max(together.values(), default=0) <= cap
    assert max(sampled.values(), default=0) <= (cap or len(cases))
    # sample and reserve disjoint, no repeats
    assert len(set(result.sample)) == len(result.sample)
    assert not set(result.sample) & set(result.reserve)
    # what was drawn per stratum is the allocation less any shortfall
    drawn = Counter(by_id[i].stratum for i in result.sample)
    for stratum, n in allocation.items():
        assert drawn[stratum] == n - dict(result.shortfall).get(stratum, 0)
    # same seed, any input order → same sample
    shuffled = list(cases)
    random.Random(seed).shuffle(shuffled)
    again = draw_sample(shuffled, seed=seed, max_per_officer=cap, confidence=confidence)
    assert (again.sample, again.reserve) == (result.sample, result.reserve)
    assert result.reasons


@settings(max_examples=100, deadline=None)
@given(case_lists, st.integers(1, 4))
def test_sampling_property_shortfall_only_when_the_cap_truly_binds(cases, cap):
    result = draw_sample(cases, seed=0, max_per_officer=cap, reserve=0)
    for stratum, missing in result.shortfall:
        # Every officer with cases in a short stratum must already be at the cap.
        officers = {c.officer for c in cases if c.stratum == stratum}
        by_id = {c.id: c for c in cases}
        load = Counter(by_id[i].officer for i in result.sample)
        assert missing > 0
        for officer in officers:
            in_sample = {i for i in result.sample if by_id[i].officer == officer}
            left = [
                c
                for c in cases
                if c.officer == officer and c.stratum == stratum and c.id not in in_sample
            ]
            assert load[officer] == cap or not left


@given(
    st.dictionaries(st.sampled_from("ABCDEF"), st.integers(0, 40), min_size=1),
    st.data(),
)
def test_sampling_property_allocation_with_minimums_adds_up_and_respects_bounds(counts, data):
    total = sum(counts.values())
    size = data.draw(st.integers(0, total))
    minimums = data.draw(st.dictionaries(st.sampled_from(sorted(counts)), st.integers(0, 15)))
    result = allocate(counts, size, minimums)
    allocation = dict(result.allocation)
    floors = sum(min(minimums.get(h, 0), n) for h, n in counts.items())
    assert result.size == max(size, floors)
    assert sum(allocation.values()) == result.size
    for h, n in allocation.items():
        assert min(minimums.get(h, 0), counts[h]) <= n <= counts[h]
