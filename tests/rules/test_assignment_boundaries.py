"""Assignment matching (operating-model.md §3, F6; workload §16): every boundary and word pinned.

Written against mutation testing (issue 25): whole candidates (score terms, reasons, warnings);
capacity after the case just under, at and just over 100%; the specialism bonus up to and at its
cap; each tie-break in turn; every default penalty and every input error with its words.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desist.rules.assignment import (
    _TRAINED_COMPLEX_COVERS,
    COMPLEX_REGISTRATIONS,
    COMPLEXITY_TRAINING,
    DEFAULT_MATCHING,
    FACTOR_NAMES,
    GENDERS,
    IOM,
    QUALIFIED_GRADES,
    SECTION,
    SPECIALISM_NAMES,
    SPECIALISMS,
    TRAINED_COMPLEX,
    WARNING_TITLES,
    WOMENS_CHAMPION,
    WORKLOAD_SECTION,
    AssignmentWarning,
    Candidate,
    CaseProfile,
    MatchingConfig,
    Officer,
    ScoreTerm,
    check_assignment,
    complexity_factors,
    rank_candidates,
)
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.workload import _case_points

S2 = "operating-model.md §2"
F6 = "operating-model.md §18 F6"
LOW = CaseProfile(rosh="low", band="green", gender="male")


@pytest.fixture(autouse=True)
def _fresh_cache():
    _case_points.cache_clear()
    yield
    _case_points.cache_clear()


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def officer(oid="po", grade="PO", gender="female", now=1000, capacity=2000, **kw) -> Officer:
    return Officer(oid, grade, gender, current_points=now, capacity_points=capacity, **kw)


# --- the configuration ----------------------------------------------------------------------


def test_every_default_and_table():
    assert DEFAULT_MATCHING == MatchingConfig(
        complex_to_untrained_penalty=60, complex_to_agency_penalty=50, woman_to_male_penalty=50,
        iom_to_non_iom_penalty=40, over_capacity_penalty=40, capacity_divisor=10,
        capacity_cap=10, specialism_bonus=3, specialism_bonus_cap=9, overload_rate=1,
        no_capacity_penalty=1000)
    assert (SECTION, WORKLOAD_SECTION) == ("operating-model.md §3", "operating-model.md §16")
    assert GENDERS == ("female", "male", "other")
    assert QUALIFIED_GRADES == {"PO", "SPO"}
    assert (TRAINED_COMPLEX, WOMENS_CHAMPION, IOM) == ("trained_complex", "womens_champion", "iom")
    assert SPECIALISMS == {"trained_complex", "womens_champion", "iom", "domestic_abuse",
                           "child_safeguarding", "sex_offender", "mental_health"}
    assert COMPLEXITY_TRAINING == {
        "rosh_medium": (), "rosh_high": (), "rosh_very_high": (),
        "domestic_abuse": ("domestic_abuse",), "child_protection_plan": ("child_safeguarding",),
        "child_concern": ("child_safeguarding",), "child_in_need": ("child_safeguarding",),
        "sex_offender": ("sex_offender",), "complex_mental_health": ("mental_health",),
        "mappa": (), "prevent": (), "serious_organised_crime": (), "band_red": (),
        "band_blue": (), "manager_judgement": ()}
    assert COMPLEX_REGISTRATIONS == {"domestic_abuse", "child_protection_plan", "child_concern",
                                     "child_in_need", "sex_offender", "complex_mental_health",
                                     "mappa", "prevent", "serious_organised_crime"}
    assert _TRAINED_COMPLEX_COVERS == set(COMPLEXITY_TRAINING) - {"rosh_high", "rosh_very_high"}
    assert FACTOR_NAMES == {"rosh_medium": "medium RoSH", "rosh_high": "high RoSH",
                            "rosh_very_high": "very high RoSH", "band_red": "red band",
                            "band_blue": "blue band",
                            "manager_judgement": "judged complex by the manager"}
    assert SPECIALISM_NAMES == {
        "trained_complex": "complex-case training", "womens_champion": "women's champion",
        "iom": "IOM officer", "domestic_abuse": "domestic abuse training",
        "child_safeguarding": "child safeguarding training",
        "sex_offender": "sex offender training", "mental_health": "mental health training"}
    assert WARNING_TITLES == {
        "complex_case_to_pso": "complex case to a PSO without the relevant training",
        "complex_case_to_pqip": "complex case to a trainee without the relevant training",
        "complex_case_to_agency": "complex case to agency staff",
        "woman_to_male_officer": "woman to an officer who is neither female nor a women's "
                                 "champion",
        "iom_to_non_iom_officer": "IOM nominal to an officer who is not an IOM officer",
        "over_capacity": "over capacity after taking the case"}


def test_records_take_sets_and_say_themselves_as_dicts():
    case = CaseProfile("low", registrations={"iom"})
    assert isinstance(case.registrations, frozenset)
    assert (case.band, case.gender, case.complex, case.case_type, case.stepped_down) == (
        None, None, False, "community", False)
    someone = Officer("a", "PO", "male", specialisms={"iom"})
    assert isinstance(someone.specialisms, frozenset)
    assert (someone.agency, someone.current_points, someone.capacity_points) == (False, 0, 0)
    warning = AssignmentWarning("over_capacity", (Reason("c", "s", "t"),))
    assert warning.as_dict() == {"code": "over_capacity",
                                 "reasons": [{"code": "c", "section": "s", "text": "t"}]}
    assert ScoreTerm("start", 100.0, "x").as_dict() == {"code": "start", "points": 100.0,
                                                        "text": "x"}


# --- what makes a case complex --------------------------------------------------------------


@pytest.mark.parametrize(("case", "factors"), [
    (CaseProfile("low", band="yellow"), ()),
    (CaseProfile("low", band="green", registrations={"iom", "aces"}), ()),
    (CaseProfile("medium"), ("rosh_medium",)),
    (CaseProfile("very_high", band="blue", complex=True,
                 registrations={"prevent", "domestic_abuse", "iom"}),
     ("rosh_very_high", "domestic_abuse", "prevent", "band_blue", "manager_judgement")),
    (CaseProfile("low", band="red"), ("band_red",)),
])
def test_complexity_factors(case, factors):
    assert complexity_factors(case) == factors


# --- one candidate, in full -----------------------------------------------------------------


def test_a_plain_case_to_a_po_in_full():
    result = rank_candidates(LOW, [officer()])
    assert (result.case_points, result.complex, result.complexity) == (12, False, ())
    assert result.reasons == (
        Reason("s3_not_complex", SECTION, "Low RoSH with no domestic abuse, child safeguarding "
                                          "or other complexity: any grade may hold this case."),
        Reason("s16_case_points", WORKLOAD_SECTION,
               "The case adds 12 weighted points to the officer who takes it."),
    )
    capacity = "+4.9: workload 50% now, 50.6% after taking the case (spare capacity adds up to 10)."
    assert result.candidates == (Candidate(
        officer_id="po", rank=1, score=104.9, points_now=1000, points_after=1012,
        capacity_percent_now=50.0, capacity_percent_after=50.6, over_capacity_after=False,
        warnings=(),
        reasons=(Reason("s3_no_warnings", SECTION, "po meets every matching rule for this case."),
                 Reason("score_capacity", WORKLOAD_SECTION, capacity)),
        terms=(ScoreTerm("start", 100.0, "Every candidate starts at 100."),
               ScoreTerm("score_capacity", 4.9, capacity))),)
    assert result.candidates[0].warning_codes == ()


def test_every_warning_at_once_in_full():
    case = CaseProfile("high", band="red", registrations={"domestic_abuse", "iom"},
                       gender="female")
    chosen = officer("x", "PSO", "male", now=1190, capacity=1200, agency=True)
    result = rank_candidates(case, [chosen])
    assert result.case_points == 65  # red 35 + high 16 + domestic abuse 6 + IOM 8
    assert result.complexity == ("rosh_high", "domestic_abuse", "band_red")
    assert result.reasons[:2] == (
        Reason("s3_complex_case", SECTION,
               "Complex case (high RoSH, domestic abuse perpetrator, red band): it goes to a "
               "probation officer or a PSO trained for the work, not to agency staff."),
        Reason("s2_escalate_to_nps", S2, "High or very high RoSH is outside the CRC's remit: "
                                         "raise the risk escalation to the NPS."),
    )
    [candidate] = result.candidates
    assert candidate.warnings == (
        AssignmentWarning("complex_case_to_pso", (
            Reason("complex_case_to_pso", SECTION,
                   "This is a complex case (high RoSH, domestic abuse perpetrator, red band). "
                   "Complex cases go to a probation officer or a PSO trained for the work; x is "
                   "a probation services officer with no training recorded for: high RoSH, "
                   "domestic abuse perpetrator, red band."),
            Reason("s3_high_rosh_needs_po", S2, "High or very high RoSH is beyond a PSO's remit "
                                                "and must be escalated to the NPS."),
            Reason("f6_complex_cases_to_pso", F6,
                   "The inspectors found complex cases given to PSOs, including a medium-RoSH "
                   "domestic-abuse case reassigned to a PSO who missed rising risk."))),
        AssignmentWarning("complex_case_to_agency", (Reason(
            "complex_case_to_agency", SECTION,
            "This is a complex case (high RoSH, domestic abuse perpetrator, red band) and x is "
            "agency (temporary) staff; the inspectors found complex cases given to agency staff "
            "(F6)."),)),
        AssignmentWarning("woman_to_male_officer", (Reason(
            "woman_to_male_officer", SECTION,
            "Women are assigned to female officers or women's champions; x is neither."),)),
        AssignmentWarning("iom_to_non_iom_officer", (Reason(
            "iom_to_non_iom_officer", SECTION,
            "This person is an IOM nominal and IOM nominals go to the IOM officer; x is not an "
            "IOM officer."),)),
        AssignmentWarning("over_capacity", (Reason(
            "over_capacity", WORKLOAD_SECTION,
            "Taking this case puts x at 104.6% of capacity: 100% or more is over capacity."),)),
    )
    over = ("−4.6: workload 99.2% now, 104.6% after taking the case, 4.6 points over capacity "
            "(each point over 100% costs 1).")
    assert candidate.terms == (
        ScoreTerm("start", 100.0, "Every candidate starts at 100."),
        ScoreTerm("score_complex_case_to_pso", -60.0,
                  "−60: complex case to a PSO without the relevant training."),
        ScoreTerm("score_complex_case_to_agency", -50.0, "−50: complex case to agency staff."),
        ScoreTerm("score_woman_to_male_officer", -50.0,
                  "−50: woman to an officer who is neither female nor a women's champion."),
        ScoreTerm("score_iom_to_non_iom_officer", -40.0,
                  "−40: IOM nominal to an officer who is not an IOM officer."),
        ScoreTerm("score_over_capacity", -40.0, "−40: over capacity after taking the case."),
        ScoreTerm("score_capacity", -4.6, over),
    )
    assert candidate.score == -144.6
    assert [r.code for r in candidate.reasons] == [t.code for t in candidate.terms[1:]]
    assert [r.section for r in candidate.reasons] == [SECTION, SECTION, SECTION, SECTION,
                                                      WORKLOAD_SECTION, WORKLOAD_SECTION]
    assert candidate.over_capacity_after is True


def test_a_trainee_is_warned_as_a_trainee_and_medium_rosh_needs_no_escalation():
    result = rank_candidates(CaseProfile("medium"), [officer("t", "PQIP")])
    [candidate] = result.candidates
    assert candidate.warning_codes == ("complex_case_to_pqip",)
    assert [r.code for r in candidate.warnings[0].reasons] == ["complex_case_to_pqip",
                                                               "f6_complex_cases_to_pso"]
    assert candidate.warnings[0].reasons[0].text.endswith(
        "t is a trainee probation officer (PQiP) with no training recorded for: medium RoSH.")
    assert candidate.terms[1].text == "−60: complex case to a trainee without the relevant training."
    assert "s2_escalate_to_nps" not in [r.code for r in result.reasons]


def test_a_grade_only_the_weights_know_is_named_by_its_code():
    from desist.rules.workload import WorkloadWeights

    weights = WorkloadWeights.from_mappings(grade_targets={"PO": 2000, "ACO": 500})
    [candidate] = rank_candidates(CaseProfile("medium"), [officer("a", "ACO")],
                                  weights=weights).candidates
    assert candidate.warning_codes == ("complex_case_to_aco",)
    assert "a is a ACO with no training" in candidate.warnings[0].reasons[0].text
    assert candidate.terms[1].text == "−60: complex_case_to_aco."


# --- training -------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "specialisms", "missing"), [
    (CaseProfile("medium"), {"trained_complex"}, None),
    (CaseProfile("high"), {"trained_complex"}, "high RoSH"),
    (CaseProfile("very_high"), {"trained_complex"}, "very high RoSH"),
    (CaseProfile("low", registrations={"child_in_need"}), {"child_safeguarding"}, None),
    (CaseProfile("low", registrations={"child_in_need"}), {"domestic_abuse"}, "child in need"),
    (CaseProfile("low", registrations={"complex_mental_health", "sex_offender"}),
     {"mental_health"}, "sex offender"),
    (CaseProfile("low", registrations={"mappa"}), {"trained_complex"}, None),
    (CaseProfile("low", registrations={"mappa"}), {"sex_offender", "domestic_abuse"}, "MAPPA"),
])
def test_which_training_covers_which_factor(case, specialisms, missing):
    [candidate] = rank_candidates(case, [officer("p", "PSO", specialisms=specialisms)]).candidates
    if missing is None:
        assert candidate.warning_codes == ()
    else:
        assert candidate.warning_codes == ("complex_case_to_pso",)
        assert candidate.warnings[0].reasons[0].text.endswith(
            f"with no training recorded for: {missing}.")
        high = {r.code for r in candidate.warnings[0].reasons} >= {"s3_high_rosh_needs_po"}
        assert high == (case.rosh in ("high", "very_high"))


@pytest.mark.parametrize(("gender", "specialisms", "warned"), [
    ("female", set(), False), ("male", set(), True), ("other", set(), True),
    ("male", {"womens_champion"}, False),
])
def test_a_woman_goes_to_a_female_officer_or_a_champion(gender, specialisms, warned):
    case = CaseProfile("low", gender="female")
    codes = check_assignment(case, officer(gender=gender, specialisms=specialisms)).warning_codes
    assert codes == (("woman_to_male_officer",) if warned else ())


def test_a_man_or_unknown_gender_goes_to_anyone():
    assert check_assignment(CaseProfile("low", gender="male"), officer(gender="male")) \
        .warning_codes == ()
    assert check_assignment(CaseProfile("low"), officer(gender="other")).warning_codes == ()


def test_agency_staff_may_hold_a_case_that_is_not_complex():
    assert check_assignment(LOW, officer(agency=True)).warning_codes == ()
    assert check_assignment(CaseProfile("low", complex=True), officer(agency=True)) \
        .warning_codes == ("complex_case_to_agency",)


def test_an_iom_officer_takes_an_iom_nominal_without_warning():
    case = CaseProfile("low", registrations={"iom"})
    assert check_assignment(case, officer(specialisms={"iom"})).warning_codes == ()


# --- the capacity term at 100% --------------------------------------------------------------


@pytest.mark.parametrize(("now", "term", "text", "over"), [
    # capacity 1000, the case adds 12: after = now + 12
    (978, 0.1, "+0.1: workload 97.8% now, 99% after taking the case (spare capacity adds up "
               "to 10).", False),
    (987, 0.0, "+0: workload 98.7% now, 99.9% after taking the case (spare capacity adds up "
               "to 10).", False),
    (988, 0.0, "+0: workload 98.8% now, 100% after taking the case (spare capacity adds up to "
               "10).", True),
    (989, -0.1, "−0.1: workload 98.9% now, 100.1% after taking the case, 0.1 points over "
                "capacity (each point over 100% costs 1).", True),
    (0, 9.9, "+9.9: workload 0% now, 1.2% after taking the case (spare capacity adds up to "
             "10).", False),
])
def test_the_capacity_term_just_under_at_and_over_100_percent(now, term, text, over):
    [candidate] = rank_candidates(LOW, [officer(now=now, capacity=1000)]).candidates
    assert candidate.terms[-1] == ScoreTerm("score_capacity", term, text)
    assert candidate.over_capacity_after is over
    assert candidate.warning_codes == (("over_capacity",) if over else ())
    assert candidate.score == round(100 + term - (40 if over else 0), 1)


def test_spare_capacity_is_capped_and_the_cap_and_divisor_are_configuration():
    config = MatchingConfig(capacity_cap=2, capacity_divisor=4, overload_rate=2.5)
    [capped] = rank_candidates(LOW, [officer(now=0, capacity=1000)],
                               config=MatchingConfig(capacity_divisor=5)).candidates
    assert capped.terms[-1].points == 10.0  # (100 − 1.2) ÷ 5 = 19.76, capped at 10
    [roomy] = rank_candidates(LOW, [officer(now=0, capacity=1000)], config=config).candidates
    assert roomy.terms[-1].points == 2.0
    assert roomy.terms[-1].text.endswith("(spare capacity adds up to 2).")
    [near] = rank_candidates(LOW, [officer(now=948, capacity=1000)], config=config).candidates
    assert near.terms[-1].points == 1.0  # (100 − 96) ÷ 4
    [over] = rank_candidates(LOW, [officer(now=998, capacity=1000)], config=config).candidates
    assert over.terms[-1] == ScoreTerm(
        # One point over is singular (this read "1 points" until ADR 0016 part 2).
        "score_capacity", -2.5, "−2.5: workload 99.8% now, 101% after taking the case, 1 point "
                                "over capacity (each point over 100% costs 2.5).")


def test_no_capacity_at_all_in_full():
    [candidate] = rank_candidates(LOW, [officer(now=0, capacity=0)]).candidates
    assert (candidate.capacity_percent_now, candidate.capacity_percent_after) == (None, None)
    assert candidate.terms[-1] == ScoreTerm(
        "score_capacity", -1000.0, "−1000: no workload capacity at all (reductions take every "
                                   "hour), so this officer ranks below any load.")
    assert candidate.warnings[0].reasons[0].text == (
        "Taking this case puts po at no capacity of capacity: 100% or more is over capacity.")
    assert candidate.score == -940.0
    config = MatchingConfig(no_capacity_penalty=7)
    assert check_assignment(LOW, officer(now=0, capacity=0), config=config).score == 53.0


def test_points_after_are_rounded_to_two_places():
    [candidate] = rank_candidates(LOW, [officer(now=0.004, capacity=1000)]).candidates
    assert candidate.points_after == 12.0
    assert candidate.points_now == 0.004


# --- the specialism bonus -------------------------------------------------------------------


def test_the_specialism_bonus_up_to_and_at_its_cap():
    case = CaseProfile("medium", gender="female",
                       registrations={"domestic_abuse", "child_concern", "iom"})
    every = {"trained_complex", "womens_champion", "iom", "domestic_abuse", "child_safeguarding"}
    [candidate] = rank_candidates(case, [officer(specialisms=every, now=0)]).candidates
    bonus = [t for t in candidate.terms if t.code.startswith("score_specialism_")]
    # wanted, in order: child_safeguarding, domestic_abuse, iom, trained_complex, womens_champion
    assert bonus == [
        ScoreTerm("score_specialism_child_safeguarding", 3.0,
                  "+3: child safeguarding training fits this case."),
        ScoreTerm("score_specialism_domestic_abuse", 3.0,
                  "+3: domestic abuse training fits this case."),
        ScoreTerm("score_specialism_iom", 3.0, "+3: IOM officer fits this case."),
    ]
    assert [r.code for r in candidate.reasons][-3:] == [t.code for t in bonus]
    assert candidate.reasons[-1].section == SECTION
    two = rank_candidates(case, [officer(specialisms={"trained_complex", "womens_champion"},
                                         now=0)]).candidates[0]
    assert [t.text for t in two.terms[-2:]] == ["+3: complex-case training fits this case.",
                                               "+3: women's champion fits this case."]


def test_a_bonus_that_would_pass_the_cap_is_cut_to_it():
    config = MatchingConfig(specialism_bonus=4)
    case = CaseProfile("medium", registrations={"domestic_abuse", "iom"})
    held = {"trained_complex", "iom", "domestic_abuse"}
    [candidate] = rank_candidates(case, [officer(specialisms=held, now=0)],
                                  config=config).candidates
    assert [t.points for t in candidate.terms[2:]] == [4.0, 4.0, 1.0]
    assert candidate.terms[-1].text == "+1: complex-case training fits this case."


def test_an_irrelevant_specialism_earns_nothing():
    [candidate] = rank_candidates(LOW, [officer(specialisms={"iom", "trained_complex"})]) \
        .candidates
    assert [t.code for t in candidate.terms] == ["start", "score_capacity"]


# --- ranking and tie-breaks -----------------------------------------------------------------


def test_ties_go_to_fewer_warnings_then_lower_load_then_id():
    config = MatchingConfig(over_capacity_penalty=0, capacity_cap=0, overload_rate=0)
    # b: one warning (over capacity, no penalty) at score 100; a, c, d: none at score 100
    officers = [officer("d", now=100, capacity=1000), officer("b", now=1000, capacity=1000),
                officer("c", now=100, capacity=1000), officer("a", now=500, capacity=1000)]
    ranked = rank_candidates(LOW, officers, config=config).candidates
    assert [(c.officer_id, c.rank, c.score) for c in ranked] == [
        ("c", 1, 100.0), ("d", 2, 100.0), ("a", 3, 100.0), ("b", 4, 100.0)]


def test_no_capacity_ranks_after_an_equal_score_with_capacity():
    config = MatchingConfig(no_capacity_penalty=0, over_capacity_penalty=0, capacity_cap=0)
    ranked = rank_candidates(LOW, [officer("a", now=0, capacity=0),
                                   officer("b", now=2000, capacity=1000)],
                             config=replace(config, overload_rate=0)).candidates
    assert [c.officer_id for c in ranked] == ["b", "a"]


def test_the_capacity_term_is_rounded_to_one_place():
    # 12.5 of 1000 is 1.25%, shown 1.2%; (100 − 1.2) ÷ 10 = 9.88, the term rounded to 9.9
    [candidate] = rank_candidates(LOW, [officer(now=0.5, capacity=1000)]).candidates
    assert candidate.capacity_percent_after == 1.2
    assert candidate.terms[-1].points == 9.9
    assert candidate.score == 109.9


# --- reassignment ---------------------------------------------------------------------------


def test_reassignment_leaves_out_the_holder_and_says_so():
    result = rank_candidates(LOW, [officer("a"), officer("b")], reassignment=True,
                             current_officer="a")
    assert [c.officer_id for c in result.candidates] == ["b"]
    assert result.reasons[1:3] == (
        Reason("s3_reassignment_rechecked", SECTION,
               "Reassignment is recorded with a reason and re-checks every matching rule."),
        Reason("s3_current_holder_not_offered", SECTION,
               "a holds the case now, so is not offered: choose the officer it passes to."),
    )


def test_a_holder_not_among_the_candidates_is_not_mentioned():
    result = rank_candidates(LOW, [officer("a")], reassignment=True, current_officer="z")
    assert [r.code for r in result.reasons] == ["s3_not_complex", "s3_reassignment_rechecked",
                                                "s16_case_points"]
    assert [c.officer_id for c in result.candidates] == ["a"]


def test_a_holder_named_outside_a_reassignment_stays_a_candidate():
    result = rank_candidates(LOW, [officer("a")], current_officer="a")
    assert [c.officer_id for c in result.candidates] == ["a"]
    assert [r.code for r in result.reasons] == ["s3_not_complex", "s16_case_points"]


def test_reassignment_with_no_holder_named_keeps_everyone():
    result = rank_candidates(LOW, [officer("a")], reassignment=True)
    assert [c.officer_id for c in result.candidates] == ["a"]


def test_check_assignment_passes_its_options_through():
    from desist.rules.workload import WorkloadWeights

    weights = WorkloadWeights.from_mappings(band_points={"green": 100, "yellow": 1, "red": 1,
                                                         "blue": 1})
    chosen = check_assignment(CaseProfile("medium"), officer("p", "PSO", now=0, capacity=1000),
                              weights=weights, config=MatchingConfig(
                                  complex_to_untrained_penalty=7), reassignment=True)
    assert chosen.terms[1].points == -7.0
    assert check_assignment(LOW, officer(now=0, capacity=1000), weights=weights).points_after \
        == 100
    assert rank_candidates(CaseProfile("low", band="green"), [officer()], weights=weights) \
        .case_points == 100


def test_no_candidates_is_explained():
    result = rank_candidates(LOW, [])
    assert result.candidates == ()
    assert result.reasons[-1] == Reason("s3_no_candidates", SECTION,
                                        "No candidate officers were given to rank.")


# --- input errors in words ------------------------------------------------------------------


def test_case_input_errors_in_words():
    def err(case):
        return _error(lambda: rank_candidates(case, [officer()]))

    assert err(CaseProfile("extreme")) == {
        "field": "rosh", "message": "must be one of low, medium, high, very_high, not 'extreme'"}
    assert err(CaseProfile("low", band="amber")) == {
        "field": "band", "message": "must be one of green, yellow, red, blue or empty"}
    assert err(CaseProfile("low", gender="f")) == {
        "field": "gender", "message": "must be one of female, male, other or empty"}
    assert err(CaseProfile("low", complex=1)) == {
        "field": "complex", "message": "must be true or false"}
    assert err(CaseProfile("low", registrations={"zz", "aa"})) == {
        "field": "registrations", "message": "unknown registration code 'aa'"}


def test_officer_input_errors_in_words():
    def err(bad):
        return _error(lambda: rank_candidates(LOW, [officer("ok"), bad]))

    assert err(officer("")) == {"field": "officers.1.id", "message": "must be a non-empty string"}
    assert err(officer(7)) == {"field": "officers.1.id", "message": "must be a non-empty string"}
    assert err(officer("x", "CEO")) == {"field": "officers.1.grade",
                                        "message": "must be one of PO, PQIP, PSO, SPO"}
    assert err(officer("x", gender="f")) == {"field": "officers.1.gender",
                                             "message": "must be one of female, male, other"}
    assert err(officer("x", agency=1)) == {"field": "officers.1.agency",
                                           "message": "must be true or false"}
    assert err(officer("x", now=-0.01)) == {"field": "officers.1.current_points",
                                            "message": "must be a number, 0 or more"}
    assert err(officer("x", capacity=True)) == {"field": "officers.1.capacity_points",
                                                "message": "must be a number, 0 or more"}
    assert err(officer("x", now="1")) == {"field": "officers.1.current_points",
                                          "message": "must be a number, 0 or more"}
    assert err(officer("x", specialisms={1})) == {"field": "officers.1.specialisms",
                                                  "message": "must be text codes"}
    assert err(officer("ok")) == {"field": "officers.1.id", "message": "duplicate officer 'ok'"}


def test_zero_points_and_zero_capacity_are_valid_input():
    assert check_assignment(LOW, officer(now=0, capacity=0)).officer_id == "po"


# --- survivors of the first mutation run ----------------------------------------------------


def test_the_kind_of_case_and_step_down_reach_the_case_points():
    custody = CaseProfile("low", band="red", case_type="custody")
    assert rank_candidates(custody, [officer()]).case_points == 21  # 35 × 60%
    stepped = CaseProfile("low", band="red", stepped_down=True)
    assert rank_candidates(stepped, [officer()]).case_points == 10.5  # 35 × 30%


def test_the_tier_reaches_the_case_points_in_place_of_the_band():
    by_band = rank_candidates(CaseProfile("low", band="green"), [officer()]).case_points
    by_tier = rank_candidates(CaseProfile("low", band="green", tier="A3"), [officer()])
    assert by_tier.case_points == 74 != by_band  # A3: 56 + 3 × 6, not the green band's


def test_points_after_keep_two_places_not_a_whole_number():
    [candidate] = rank_candidates(LOW, [officer(now=0.25, capacity=1000)]).candidates
    assert candidate.points_after == 12.25


def test_each_penalty_reason_says_the_penalty():
    [candidate] = rank_candidates(CaseProfile("medium", gender="female"),
                                  [officer("p", "PSO", "male")]).candidates
    assert [r.text for r in candidate.reasons[:2]] == [
        "−60: complex case to a PSO without the relevant training.",
        "−50: woman to an officer who is neither female nor a women's champion."]


def test_the_overload_term_is_rounded_to_one_place():
    config = MatchingConfig(overload_rate=0.25)
    # 1011 of 1000 after the case: 101.1%, 1.1 points over at 0.25 each = 0.275
    [candidate] = rank_candidates(LOW, [officer(now=999, capacity=1000)], config=config).candidates
    assert candidate.capacity_percent_after == 101.1
    assert candidate.terms[-1].points == -0.3


def test_each_specialism_reason_says_the_bonus():
    [candidate] = rank_candidates(CaseProfile("low", registrations={"iom"}),
                                  [officer(specialisms={"iom"})]).candidates
    assert candidate.reasons[-1] == Reason("score_specialism_iom", SECTION,
                                           "+3: IOM officer fits this case.")


def test_an_officer_at_nought_percent_ranks_before_one_just_above():
    from desist.rules.workload import WorkloadWeights

    free = WorkloadWeights.from_mappings(band_points={"green": 0, "yellow": 0, "red": 0,
                                                      "blue": 0})
    config = MatchingConfig(capacity_cap=0)
    ranked = rank_candidates(LOW, [officer("a", now=5, capacity=1000),
                                   officer("z", now=0, capacity=1000)],
                             weights=free, config=config).candidates
    assert [(c.officer_id, c.score, c.capacity_percent_after) for c in ranked] == [
        ("z", 100.0, 0.0), ("a", 100.0, 0.5)]
