"""Assignment matching (operating-model.md §3, failure F6) with weighted workload (§16)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.assignment import (
    GENDERS,
    SPECIALISMS,
    CaseProfile,
    MatchingConfig,
    Officer,
    check_assignment,
    complexity_factors,
    rank_candidates,
)
from desist.rules.errors import RuleInputError
from desist.rules.workload import BANDS, REGISTRATION_CODES, ROSH_LEVELS

PO = Officer("po", "PO", "female", current_points=1000, capacity_points=2000)
PSO = Officer("pso", "PSO", "female", current_points=600, capacity_points=1200)
LOW = CaseProfile(rosh="low", band="green", gender="male")


def warning_codes(case, officer, **kwargs):
    return set(check_assignment(case, officer, **kwargs).warning_codes)


@pytest.mark.parametrize(
    ("case", "officer", "expected"),
    [
        # medium RoSH, domestic abuse, child safeguarding and other complex cases
        (CaseProfile(rosh="medium"), PSO, {"complex_case_to_pso"}),
        (CaseProfile(rosh="low", registrations={"domestic_abuse"}), PSO, {"complex_case_to_pso"}),
        (CaseProfile(rosh="low", registrations={"child_in_need"}), PSO, {"complex_case_to_pso"}),
        (
            CaseProfile(rosh="low", registrations={"child_protection_plan"}),
            PSO,
            {"complex_case_to_pso"},
        ),
        (CaseProfile(rosh="low", registrations={"sex_offender"}), PSO, {"complex_case_to_pso"}),
        (CaseProfile(rosh="low", complex=True), PSO, {"complex_case_to_pso"}),
        (CaseProfile(rosh="medium"), PO, set()),
        (CaseProfile(rosh="medium"), replace(PO, grade="SPO"), set()),
        (LOW, PSO, set()),
        # a trained PSO may hold the case
        (CaseProfile(rosh="medium"), replace(PSO, specialisms={"trained_complex"}), set()),
        (
            CaseProfile(rosh="low", registrations={"domestic_abuse"}),
            replace(PSO, specialisms={"domestic_abuse"}),
            set(),
        ),
        (
            CaseProfile(rosh="low", registrations={"child_concern"}),
            replace(PSO, specialisms={"child_safeguarding"}),
            set(),
        ),
        # DA training alone does not cover medium RoSH
        (
            CaseProfile(rosh="medium", registrations={"domestic_abuse"}),
            replace(PSO, specialisms={"domestic_abuse"}),
            {"complex_case_to_pso"},
        ),
        # high RoSH is beyond any PSO, trained or not (escalation to the NPS)
        (
            CaseProfile(rosh="high"),
            replace(PSO, specialisms={"trained_complex"}),
            {"complex_case_to_pso"},
        ),
        (CaseProfile(rosh="medium"), replace(PSO, grade="PQIP"), {"complex_case_to_pqip"}),
        # agency staff
        (CaseProfile(rosh="medium"), replace(PO, agency=True), {"complex_case_to_agency"}),
        (
            CaseProfile(rosh="medium"),
            replace(PSO, agency=True),
            {"complex_case_to_pso", "complex_case_to_agency"},
        ),
        (LOW, replace(PSO, agency=True), set()),
        # women to female officers or women's champions
        (replace(LOW, gender="female"), replace(PSO, gender="male"), {"woman_to_male_officer"}),
        (replace(LOW, gender="female"), replace(PSO, gender="other"), {"woman_to_male_officer"}),
        (
            replace(LOW, gender="female"),
            replace(PSO, gender="male", specialisms={"womens_champion"}),
            set(),
        ),
        (replace(LOW, gender="female"), PSO, set()),
        (LOW, replace(PSO, gender="male"), set()),
        # IOM nominals to the IOM officer
        (CaseProfile(rosh="low", registrations={"iom"}), PSO, {"iom_to_non_iom_officer"}),
        (CaseProfile(rosh="low", registrations={"iom"}), replace(PSO, specialisms={"iom"}), set()),
        # over capacity after taking the case (green low = 12 points)
        (LOW, replace(PSO, current_points=1188), {"over_capacity"}),  # exactly 100%
        (LOW, replace(PSO, current_points=1187), set()),
        (LOW, replace(PSO, capacity_points=0, current_points=0), {"over_capacity"}),
    ],
)
def test_s3_matching_rules_warn(case, officer, expected):
    assert warning_codes(case, officer) == expected


def test_s3_reassignment_of_medium_rosh_da_case_to_pso_is_warned():
    case = CaseProfile(rosh="medium", band="yellow", registrations={"domestic_abuse"})
    candidate = check_assignment(case, PSO, reassignment=True)
    assert candidate.warning_codes == ("complex_case_to_pso",)
    warning = candidate.warnings[0]
    assert warning.reasons[0].section == "operating-model.md §3"
    assert "medium RoSH" in warning.reasons[0].text
    assert "domestic abuse" in warning.reasons[0].text
    assert any(r.code == "f6_complex_cases_to_pso" for r in warning.reasons)
    result = rank_candidates(case, [PSO], reassignment=True)
    assert "s3_reassignment_rechecked" in [r.code for r in result.reasons]


def test_s3_every_warning_has_a_code_and_reasons_for_acknowledgement():
    case = CaseProfile(rosh="medium", registrations={"iom", "domestic_abuse"}, gender="female")
    officer = Officer("x", "PSO", "male", agency=True, current_points=1200, capacity_points=1200)
    candidate = check_assignment(case, officer)
    assert set(candidate.warning_codes) == {
        "complex_case_to_pso",
        "complex_case_to_agency",
        "woman_to_male_officer",
        "iom_to_non_iom_officer",
        "over_capacity",
    }
    for warning in candidate.warnings:
        assert warning.reasons
        assert warning.as_dict()["code"] == warning.code


def test_s3_candidates_ranked_best_first_with_workload_now_and_after():
    case = CaseProfile(rosh="medium", band="yellow", registrations={"domestic_abuse"})
    officers = [
        Officer("pso-free", "PSO", "male", current_points=100, capacity_points=1200),
        Officer("po-busy", "PO", "male", current_points=1800, capacity_points=2000),
        Officer("po-free", "PO", "male", current_points=500, capacity_points=2000),
        Officer("po-agency", "PO", "male", agency=True, capacity_points=2000),
    ]
    result = rank_candidates(case, officers)
    assert [c.officer_id for c in result.candidates] == [
        "po-free",
        "po-busy",
        "po-agency",
        "pso-free",
    ]
    assert [c.rank for c in result.candidates] == [1, 2, 3, 4]
    best = result.candidates[0]
    assert best.capacity_percent_now == 25.0
    assert best.points_after == 500 + result.case_points
    assert best.capacity_percent_after == pytest.approx((500 + result.case_points) / 20, abs=0.05)
    assert result.complex is True
    assert result.complexity == ("rosh_medium", "domestic_abuse")


def test_s3_spare_capacity_never_outweighs_a_warning():
    case = CaseProfile(rosh="low", registrations={"iom"})
    iom_full = Officer("a", "PO", "male", {"iom"}, current_points=1900, capacity_points=2000)
    empty = Officer("b", "PO", "male", current_points=0, capacity_points=2000)
    assert rank_candidates(case, [empty, iom_full]).candidates[0].officer_id == "a"


def test_s3_relevant_specialism_breaks_ties():
    case = CaseProfile(rosh="low", registrations={"domestic_abuse"})
    plain = Officer("a", "PO", "male", current_points=500, capacity_points=2000)
    trained = replace(plain, id="b", specialisms={"domestic_abuse"})
    assert rank_candidates(case, [plain, trained]).candidates[0].officer_id == "b"


def test_s3_equal_candidates_ordered_by_id():
    ids = [c.officer_id for c in rank_candidates(LOW, [replace(PO, id="b"), PO]).candidates]
    assert ids == ["b", "po"]


def test_s3_high_rosh_flags_escalation_to_nps():
    result = rank_candidates(CaseProfile(rosh="very_high"), [PO])
    assert "s2_escalate_to_nps" in [r.code for r in result.reasons]


@pytest.mark.parametrize(
    ("case", "officers", "field"),
    [
        (CaseProfile(rosh="extreme"), [PO], "rosh"),
        (CaseProfile(rosh="low", band="pink"), [PO], "band"),
        (CaseProfile(rosh="low", gender="m"), [PO], "gender"),
        (CaseProfile(rosh="low", registrations={"iomm"}), [PO], "registrations"),
        (LOW, [replace(PO, grade="Chief")], "officers.0.grade"),
        (LOW, [PO, replace(PO, gender="x")], "officers.1.gender"),
        (LOW, [PO, PO], "officers.1.id"),
        (LOW, [replace(PO, capacity_points=-1)], "officers.0.capacity_points"),
    ],
)
def test_s3_bad_input_names_the_field(case, officers, field):
    with pytest.raises(RuleInputError) as err:
        rank_candidates(case, officers)
    assert err.value.field == field


def test_s3_no_candidates_is_explained():
    result = rank_candidates(LOW, [])
    assert result.candidates == ()
    assert "s3_no_candidates" in [r.code for r in result.reasons]


def test_s3_penalties_are_configurable():
    config = MatchingConfig(woman_to_male_penalty=0)
    case = replace(LOW, gender="female")
    male = replace(PSO, id="m", gender="male", current_points=0)
    female = replace(PSO, id="f", current_points=1100)
    assert rank_candidates(case, [female, male], config=config).candidates[0].officer_id == "m"
    assert rank_candidates(case, [female, male]).candidates[0].officer_id == "f"


case_profiles = st.builds(
    CaseProfile,
    rosh=st.sampled_from(ROSH_LEVELS),
    band=st.sampled_from((*BANDS, None)),
    registrations=st.frozensets(st.sampled_from(sorted(REGISTRATION_CODES))),
    gender=st.sampled_from((*GENDERS, None)),
    complex=st.booleans(),
)
officer_lists = st.lists(
    st.builds(
        Officer,
        id=st.text("abcdef", min_size=1, max_size=4),
        grade=st.sampled_from(["PO", "PSO", "SPO", "PQIP"]),
        gender=st.sampled_from(GENDERS),
        specialisms=st.frozensets(st.sampled_from(sorted(SPECIALISMS))),
        agency=st.booleans(),
        current_points=st.integers(0, 2500),
        capacity_points=st.integers(0, 2500),
    ),
    max_size=6,
    unique_by=lambda o: o.id,
)


@given(case_profiles, officer_lists)
def test_s3_property_every_candidate_ranked_and_explained(case, officers):
    result = rank_candidates(case, officers)
    assert [c.rank for c in result.candidates] == list(range(1, len(officers) + 1))
    assert sorted(c.officer_id for c in result.candidates) == sorted(o.id for o in officers)
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    assert result.reasons
    assert result.complex == bool(complexity_factors(case))
    for candidate in result.candidates:
        assert candidate.reasons
        assert all(w.reasons for w in candidate.warnings)
        assert ("over_capacity" in candidate.warning_codes) == candidate.over_capacity_after


@given(case_profiles, officer_lists)
def test_s3_property_making_an_officer_agency_never_improves_their_score(case, officers):
    for officer in officers:
        before = check_assignment(case, officer)
        after = check_assignment(case, replace(officer, agency=True))
        assert after.score <= before.score
        assert set(before.warning_codes) <= set(after.warning_codes)


# ----------------------------------------------------------------------------------------------
# Practitioners' findings (issue 12, item 8)


def test_s16_far_over_capacity_never_ranks_above_less_over_capacity():
    """An officer at 890% was ranked above one at 195%: the capacity term was capped at −10."""
    case = CaseProfile(rosh="low", band="green", gender="female")
    # The less-loaded officer breaks a matching rule (male, not a women's champion); the other
    # is a female women's champion with every relevant specialism but at 890%.
    busy = Officer("busy", "PO", "female", {"womens_champion", "trained_complex"},
                   current_points=17800, capacity_points=2000)
    loaded = Officer("loaded", "PO", "male", current_points=3900, capacity_points=2000)
    result = rank_candidates(case, [busy, loaded])
    assert [c.officer_id for c in result.candidates] == ["loaded", "busy"]
    by_id = {c.officer_id: c for c in result.candidates}
    assert by_id["busy"].capacity_percent_now == 890.0
    assert by_id["loaded"].capacity_percent_now == 195.0
    # The reasons say how far over capacity cost the busy officer.
    assert any(r.code == "score_capacity" and "890%" in r.text for r in by_id["busy"].reasons)


@given(case_profiles, officer_lists)
def test_s16_property_much_heavier_load_always_ranks_lower(case, officers):
    """Each point over capacity costs a point, so a load 250 percentage points heavier (more
    than every penalty and bonus together) always ranks lower."""
    result = rank_candidates(case, officers)
    ranked = result.candidates
    for i, better in enumerate(ranked):
        for worse in ranked[i + 1:]:
            if better.capacity_percent_after is not None and worse.capacity_percent_after is not None:
                assert not (better.capacity_percent_after - worse.capacity_percent_after > 250)


def test_s3_reassignment_never_offers_the_current_holder():
    case = CaseProfile(rosh="medium", registrations={"domestic_abuse"})
    holder = replace(PO, id="holder")
    other = replace(PO, id="other", current_points=1900)
    result = rank_candidates(case, [holder, other], reassignment=True, current_officer="holder")
    assert [c.officer_id for c in result.candidates] == ["other"]
    assert "s3_current_holder_not_offered" in [r.code for r in result.reasons]
    assert any("holder" in r.text for r in result.reasons
               if r.code == "s3_current_holder_not_offered")


def test_s3_every_candidate_has_a_score_and_the_reasons_add_up_to_it():
    case = CaseProfile(rosh="medium", registrations={"domestic_abuse"}, gender="female")
    officers = [
        Officer("a", "PSO", "male", agency=True, current_points=1300, capacity_points=1200),
        Officer("b", "PO", "female", {"domestic_abuse", "womens_champion"}, current_points=900,
                capacity_points=2000),
    ]
    for c in rank_candidates(case, officers).candidates:
        assert c.terms[0].points == 100
        assert round(sum(t.points for t in c.terms), 1) == c.score
        # Every term is explained in words, with its sign and size.
        assert all(t.text for t in c.terms)
