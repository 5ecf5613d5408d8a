"""Edges of case-audit sampling (inspection-framework.md Sampling) that the boundary tests did
not reach: written from the survivors of `make mutation MODULES=sampling` run against every
rules test that imports the package (2026-12-03). Each test names what it pins; the survivors
read as equivalent are listed in docs/testing.md. Only the names the package exports are used.
"""

from __future__ import annotations

from collections import Counter

import pytest

from desist.rules.reasons import Reason
from desist.rules.sampling import (
    SECTION,
    Allocation,
    SampleCase,
    allocate,
    draw_sample,
    sample_payload,
    sample_size,
    z_for,
)


def why(code: str, text: str) -> Reason:
    return Reason(code, SECTION, text)


def per_officer(cases: list[SampleCase], ids) -> Counter[str]:
    officer = {c.id: c.officer for c in cases}
    return Counter(officer[i] for i in ids)


# --- size: the round-up and the one-case floor ------------------------------------------------

def test_a_whole_n_is_not_rounded_up_a_further_case():
    # With the margin half of z, n0 = z² × 0.25 ÷ (z/2)² is exactly 1, so n is 1 for any
    # population: "rounded up" must not add a case to a whole number.
    margin = z_for(0.8) / 2
    sized = sample_size(10, margin=margin)
    assert (sized.size, sized.n0) == (1, 1.0)
    assert sized.reasons[0].text.endswith("= 1.00, rounded up.")
    assert sample_size(1000, margin=margin).size == 1


def test_no_eligible_cases_still_reports_z_and_n0():
    empty = sample_size(0, confidence=0.95, margin=0.1)
    assert (empty.size, round(empty.z, 4), round(empty.n0, 2)) == (0, 1.96, 96.04)


# --- allocation: a minimum already met is not "raised" ----------------------------------------

@pytest.mark.parametrize(("counts", "size", "minimums", "allocation", "shares"), [
    ({"a": 1}, 1, {"a": 1}, (("a", 1),), "a 1 (1.00)"),
    ({"a": 3, "b": 1}, 1, {"a": 1}, (("a", 1), ("b", 0)), "a 1 (0.75), b 0 (0.25)"),
    ({"a": 3, "b": 2}, 2, {"a": 1, "b": 1}, (("a", 1), ("b", 1)), "a 1 (1.20), b 1 (0.80)"),
])
def test_minimums_the_proportional_share_already_meets(counts, size, minimums, allocation,
                                                       shares):
    # The minimums add up to at most the size (exactly, in the first and last), so the size
    # does not grow, and no stratum is named as raised to its minimum.
    assert allocate(counts, size, minimums) == Allocation(size, allocation, (why(
        "allocation_proportional",
        f"{size} case{'' if size == 1 else 's'} shared over the strata in proportion to their "
        "eligible cases, by largest "
        f"remainder (exact share in brackets): {shares}."),))


# --- the draw: exclusions in order, the reserve as a count or a share -------------------------

def test_exclusions_are_listed_numbers_first_then_text_whatever_the_input_order():
    cases = [SampleCase("b", "s", "o1", restricted=True), SampleCase(3, "s", "o1", not_started=True),
             SampleCase(9, "s", "o2"), SampleCase(1, "s", "o2", duplicate=True)]
    result = draw_sample(cases, size=1, reserve=0)
    assert result.excluded == ((1, "a duplicate"), (3, "not yet started"),
                               ("b", "restricted (limited access)"))
    assert result.sample == (9,)


@pytest.mark.parametrize(("reserve", "count", "how"), [
    (2.0, 2, "2 asked for"),  # a whole number written with a point is still a count
    (0.28, 7, "28% of 25, rounded up"),  # 0.28 × 25 is 7.000000000000001 in floating point
])
def test_the_reserve_at_the_edges_of_its_two_forms(reserve, count, how):
    cases = [SampleCase(i, "a", f"o{i}") for i in range(1, 41)]
    result = draw_sample(cases, size=25, reserve=reserve)
    assert len(result.reserve) == count
    assert result.reasons[-2].text.startswith(f"Reserve list of {count} ({how}) for sampled")


# --- the per-officer plan: an officer reached by a repair counts its case once ----------------

def test_the_officer_a_repair_ends_at_is_at_the_cap_for_the_reserve():
    # a's one case goes to u; b needs 3 of its 4 v cases and 1 u case under a cap of 2, so the
    # greedy order, having given a the v case, repairs b by moving a to u. u then holds 2 (a's
    # and b's), so the reserve can take nothing more from u: the cap counts sample and reserve.
    cases = [SampleCase(0, "b", "v"), SampleCase(1, "b", "v"), SampleCase(2, "a", "v"),
             SampleCase(3, "b", "u"), SampleCase(4, "b", "v"), SampleCase(5, "b", "v"),
             SampleCase(6, "a", "u"), SampleCase(7, "a", "u")]
    result = draw_sample(cases, seed=0, size=4, max_per_officer=2, reserve=2)
    assert (result.allocation, result.sample, result.reserve) == (
        (("a", 1), ("b", 3)), (7, 3, 4, 5), ())
    assert per_officer(cases, result.sample) == {"u": 2, "v": 2}
    assert result.reasons[-2] == why(
        "sample_reserve", "Reserve list of 2 (2 asked for) for sampled cases that turn out to be "
        "unsuitable: replace a case with the next reserve case from its own stratum. 2 could not "
        "be drawn without an officer having more than 2 cases in the sample and reserve together.")


def test_the_officer_a_repair_ends_at_keeps_room_below_the_cap():
    # The repair moves a's case to t, t's first; under a cap of 2, t still has room for its
    # other case in the reserve (it must not count as two cases).
    cases = [SampleCase(0, "a", "s"), SampleCase(1, "b", "s"), SampleCase(2, "b", "s"),
             SampleCase(3, "c", "s"), SampleCase(4, "a", "t"), SampleCase(5, "c", "s"),
             SampleCase(6, "a", "t")]
    result = draw_sample(cases, seed=1, size=3, max_per_officer=2, reserve=2)
    assert (result.sample, result.reserve) == ((4, 2, 3), (6,))
    assert per_officer(cases, (*result.sample, *result.reserve)) == {"s": 2, "t": 2}
    assert result.reasons[-2].text.endswith(
        " 1 could not be drawn without an officer having more than 2 cases in the sample and "
        "reserve together.")


def test_a_stratum_repaired_from_one_case_stops_at_its_allocation():
    # Three strata of three cases, two each, under a cap of 2: the greedy order leaves one
    # stratum a case short after it has one, and the repair takes exactly one more (a second
    # path exists, so a repair that lost count would take a third case into the sample).
    cases = [SampleCase(0, "c", "w"), SampleCase(1, "a", "t"), SampleCase(2, "a", "w"),
             SampleCase(3, "b", "w"), SampleCase(4, "c", "v"), SampleCase(5, "a", "s"),
             SampleCase(6, "b", "v"), SampleCase(7, "b", "t"), SampleCase(8, "c", "w")]
    result = draw_sample(cases, seed=0, size=6, max_per_officer=2, reserve=0)
    stratum = {c.id: c.stratum for c in cases}
    assert (result.allocation, result.shortfall) == ((("a", 2), ("b", 2), ("c", 2)), ())
    assert Counter(stratum[i] for i in result.sample) == {"a": 2, "b": 2, "c": 2}
    assert max(per_officer(cases, result.sample).values()) == 2


@pytest.mark.parametrize("seed", range(10))
def test_a_repair_through_an_officer_with_a_second_case_in_the_same_stratum(seed):
    # a has two of x's cases and one of z's, c has only x's; under a cap of 1, c must have x
    # and a must have z. When the greedy order gives a x, the repair reaches x again from a
    # (a still has an x case left): the search must not revisit it (a loop in the path).
    cases = [SampleCase(1, "a", "x"), SampleCase(2, "a", "x"), SampleCase(3, "a", "z"),
             SampleCase(4, "c", "x"), SampleCase(5, "c", "x")]
    result = draw_sample(cases, seed=seed, size=2, max_per_officer=1, reserve=0)
    assert result.allocation == (("a", 1), ("c", 1))
    assert result.sample[0] == 3 and result.sample[1] in (4, 5)
    assert result.shortfall == ()


# --- the JSON contract passes every setting on to the draw ------------------------------------

def test_the_draw_contract_passes_population_confidence_margin_and_cap():
    # 100 cases, 4 for each of 25 officers. The given population of 1000 at 95% ± 10% gives 88
    # (the 100 cases alone would give 50; 80% would give 30 of 100; ±5% would give 80), and a
    # cap of 3 leaves the stratum 13 short (25 × 3 = 75).
    payload = {"cases": [{"id": i, "stratum": "a", "officer": f"o{i // 4}"} for i in range(100)],
               "population": 1000, "confidence": 0.95, "margin": 0.1, "max_per_officer": 3}
    out = sample_payload(payload)
    assert (out["size"], out["shortfall"], len(out["sample"]), out["reserve"]) == (
        88, {"a": 13}, 75, [])
    cases = [SampleCase(i, "a", f"o{i // 4}") for i in range(100)]
    assert out == draw_sample(cases, population=1000, confidence=0.95, margin=0.1,
                              max_per_officer=3).as_dict()
    assert [r["code"] for r in out["reasons"]] == [
        "sample_size_cochran", "allocation_proportional", "sample_officer_cap",
        "sample_cap_shortfall", "sample_reserve", "sample_seed"]


# --- One case in words: "1 case", never "1 cases" (plain words, found reading the survivors) ---


def test_one_case_is_said_in_the_singular_and_two_in_the_plural():
    from desist.rules.sampling.size import n_cases

    assert [n_cases(n) for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]


def test_a_sample_of_one_case_gives_its_confidence_in_the_singular():
    from desist.rules.sampling import sample_size

    one = sample_size(1)
    assert one.size == 1
    assert one.reasons[0].text.startswith("1 case gives 80% confidence with a ±5% margin")
    assert sample_size(2).reasons[0].text.startswith("2 cases give 80% confidence")


def test_a_cap_of_one_case_per_officer_is_said_in_the_singular():
    from desist.rules.sampling import SampleCase, draw_sample

    # Three cases, two of them one officer's: with one case each, the reserve cannot take the
    # third officer-x case.
    result = draw_sample([SampleCase(1, "a", "x"), SampleCase(2, "a", "y"),
                          SampleCase(3, "a", "x")], seed=1, size=2, max_per_officer=1, reserve=1)
    texts = " ".join(r.text for r in result.reasons)
    assert "At most 1 case per responsible officer" in texts
    assert "more than 1 case in the sample and reserve together" in texts
