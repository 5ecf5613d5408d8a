"""Inspection ratings (inspection-framework.md "Ratings"): every boundary and word pinned.

Written against mutation testing (issue 25): each threshold on both sides (49 / 50, 64 / 65,
79 / 80 and 79.5 published as 80); the overall table at 5 / 6, 15 / 16, 25 / 26; ties of one and
of two questions; every reason in full and every input error in words.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.ratings import (
    DEFAULT_FRAMEWORK,
    GOOD,
    INADEQUATE,
    OUTSTANDING,
    RATING_NAMES,
    RATINGS,
    REQUIRES_IMPROVEMENT,
    SECTION,
    Framework,
    KeyQuestionCount,
    KeyQuestionResult,
    StandardRating,
    overall_for_score,
    rate,
    rate_payload,
    rate_standard,
    rating_for_percent,
    whole_percent,
)
from desist.rules.reasons import Reason

C = KeyQuestionCount
CASE_STANDARDS = ("2.1", "2.2", "2.3", "2.4", "4.1", "4.2")
QUESTIONS = {s: q for s, _, q in DEFAULT_FRAMEWORK.case_standards}


def R(code: str, text: str) -> Reason:  # noqa: N802
    return Reason(code, SECTION, text)


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def every_question(percents: dict[str, int]) -> dict[str, KeyQuestionCount]:
    """Every key question of each standard at ``percent`` yes of 100."""
    return {q: C(p, 100) for s, p in percents.items() for q in QUESTIONS[s]}


def test_the_constants_and_the_default_edition():
    assert SECTION == "inspection-framework.md Ratings"
    assert RATINGS == ("inadequate", "requires_improvement", "good", "outstanding")
    assert (INADEQUATE, REQUIRES_IMPROVEMENT, GOOD, OUTSTANDING) == RATINGS
    assert RATING_NAMES == {"outstanding": "Outstanding", "good": "Good",
                            "requires_improvement": "Requires improvement",
                            "inadequate": "Inadequate"}
    f = DEFAULT_FRAMEWORK
    assert f.edition == "HMI Probation standards 2018 (CRC)"
    assert f.domain1_standards == (("1.1", "Leadership"), ("1.2", "Staff"), ("1.3", "Services"),
                                   ("1.4", "Information and facilities"))
    assert [(s, n) for s, n, _ in f.case_standards] == [
        ("2.1", "Assessment"), ("2.2", "Planning"), ("2.3", "Implementation and delivery"),
        ("2.4", "Reviewing"), ("3.1", "Unpaid work (NPS)"), ("3.2", "Through the Gate (NPS)"),
        ("4.1", "Unpaid work"), ("4.2", "Through the Gate")]
    assert QUESTIONS["3.1"] == ("3.1.1", "3.1.2", "3.1.3", "3.1.4")
    assert QUESTIONS["4.2"] == ("4.2.1", "4.2.2", "4.2.3")
    assert f.exclusive_groups == (("3.1", "3.2"), ("4.1", "4.2"))
    assert f.subsample_questions == {"2.1.3", "2.2.3", "2.3.3", "2.4.3"}
    assert f.thresholds == ((80, "outstanding"), (65, "good"), (50, "requires_improvement"),
                            (0, "inadequate"))
    assert f.points == (("inadequate", 0), ("requires_improvement", 1), ("good", 2),
                        ("outstanding", 3))
    assert f.overall_bands == ((26, "outstanding"), (16, "good"), (6, "requires_improvement"),
                               (0, "inadequate"))
    assert (f.standards_for_overall, f.rate_on_whole_percent) == (10, True)


@pytest.mark.parametrize(("yes", "relevant", "percent"), [
    (159, 200, 80), (158, 200, 79), (1, 3, 33), (2, 3, 67), (1, 8, 13), (0, 5, 0), (5, 5, 100)])
def test_whole_percent_halves_up(yes, relevant, percent):
    assert whole_percent(yes, relevant) == percent


@pytest.mark.parametrize(("percent", "rating"), [
    (100, OUTSTANDING), (80, OUTSTANDING), (79, GOOD), (65, GOOD), (64, REQUIRES_IMPROVEMENT),
    (50, REQUIRES_IMPROVEMENT), (49, INADEQUATE), (0, INADEQUATE), (-1, INADEQUATE)])
def test_each_threshold_on_both_sides(percent, rating):
    assert rating_for_percent(percent) == rating


@pytest.mark.parametrize(("score", "overall"), [
    (30, OUTSTANDING), (26, OUTSTANDING), (25, GOOD), (16, GOOD), (15, REQUIRES_IMPROVEMENT),
    (6, REQUIRES_IMPROVEMENT), (5, INADEQUATE), (0, INADEQUATE), (-1, INADEQUATE)])
def test_each_overall_band_on_both_sides(score, overall):
    assert overall_for_score(score) == overall


# --- one standard in full -------------------------------------------------------------------


@pytest.mark.parametrize(("percent", "rating", "band"), [
    (80, "outstanding", "80% or more"), (79, "good", "65 to under 80%"),
    (65, "good", "65 to under 80%"), (64, "requires_improvement", "50 to under 65%"),
    (50, "requires_improvement", "50 to under 65%"), (49, "inadequate", "under 50%")])
def test_a_standard_in_full_at_each_threshold(percent, rating, band):
    counts = {"2.2.1": C(90, 100), "2.2.2": C(percent, 100), "2.2.3": C(9, 10)}
    result = rate_standard("2.2", counts)
    name = RATING_NAMES[rating]
    assert result == StandardRating(
        "2.2", "Planning", rating, "2.2.2", percent, RATINGS.index(rating), (
            KeyQuestionResult("2.2.1", 90, 100, 90, (R("kq_percent", "2.2.1: 90 of 100 cases, "
                                                                     "90%."),)),
            KeyQuestionResult("2.2.2", percent, 100, percent, (R(
                "kq_percent", f"2.2.2: {percent} of 100 cases, {percent}%."),)),
            KeyQuestionResult("2.2.3", 9, 10, 90, (R(
                "kq_percent", "2.2.3: 9 of 10 cases, 90% (of the relevant sub-sample: cases "
                              "where risk of serious harm issues apply)."),)),
        ), (
            R(f"standard_{rating}", f"2.2 Planning is {name}: the lowest key question, 2.2.2, is "
                                    f"{percent}% ({percent} of 100), and {band} is {name}."),
            R("standard_key_questions", f"Key questions: 2.2.1 90%; 2.2.2 {percent}%; 2.2.3 90%."),
        ))
    assert result.as_dict() == {"rating": rating, "driven_by": "2.2.2", "percent": percent,
                                "reasons": [r.as_dict() for r in result.reasons]}


def test_79_and_a_half_is_published_and_rated_as_80():
    result = rate_standard("2.1", {"2.1.1": C(159, 200)})
    assert (result.rating, result.percent, result.points) == (OUTSTANDING, 80, 3)
    assert result.reasons[:2] == (
        R("standard_outstanding", "2.1 Assessment is Outstanding: the lowest key question, "
                                  "2.1.1, is 80% (159 of 200), and 80% or more is Outstanding."),
        R("standard_whole_percent", "159 of 200 is 79.50%, published and rated as 80% (whole "
                                    "percentages, halves rounded up)."),
    )
    assert result.reasons[-1] == R("standard_questions_unanswered",
                                   "Not answered for any case, so not counted: 2.1.2, 2.1.3.")


def test_an_edition_rating_on_the_unrounded_figure():
    exact = replace(DEFAULT_FRAMEWORK, rate_on_whole_percent=False)
    result = rate_standard("2.1", {"2.1.1": C(159, 200)}, exact)
    assert (result.rating, result.percent) == (GOOD, 80)
    assert [r.code for r in result.reasons] == ["standard_good", "standard_exact_percent",
                                                "standard_key_questions",
                                                "standard_questions_unanswered"]
    assert result.reasons[1].text == "Rated on the unrounded figure, 79.50%."
    assert rate_standard("2.1", {"2.1.1": C(4, 5)}, exact).rating == OUTSTANDING
    assert [r.code for r in rate_standard("2.1", {"2.1.1": C(4, 5)}, exact).reasons] == [
        "standard_outstanding", "standard_key_questions", "standard_questions_unanswered"]


def test_a_whole_percentage_that_is_exact_says_nothing_of_rounding():
    assert [r.code for r in rate_standard("2.1", {"2.1.1": C(4, 5)}).reasons] == [
        "standard_outstanding", "standard_key_questions", "standard_questions_unanswered"]


def test_the_lowest_on_the_sub_sample_says_its_denominator():
    result = rate_standard("2.3", {"2.3.1": C(9, 10), "2.3.3": C(3, 7)})
    assert result.driven_by == "2.3.3"
    assert result.reasons[2] == R(
        "kq_relevant_subsample", "2.3.3 is answered only for the relevant sub-sample (cases "
                                 "where risk of serious harm issues apply), so its percentage is "
                                 "of those 7 cases.")


def test_ties_of_one_and_of_two_questions():
    one = rate_standard("2.4", {"2.4.1": C(5, 10), "2.4.2": C(1, 2), "2.4.3": C(9, 10)})
    assert one.driven_by == "2.4.1"
    assert one.reasons[1] == R("standard_tie", "2.4.2 is equally low; the first, 2.4.1, is named.")
    two = rate_standard("2.4", {"2.4.1": C(1, 2), "2.4.2": C(2, 4), "2.4.3": C(3, 6)})
    assert two.reasons[1] == R("standard_tie",
                               "2.4.2, 2.4.3 are equally low; the first, 2.4.1, is named.")
    # equal published percentages but unequal fractions are not a tie
    near = rate_standard("2.4", {"2.4.1": C(50, 100), "2.4.2": C(501, 1000)})
    assert "standard_tie" not in [r.code for r in near.reasons]


def test_a_standard_with_nothing_answered_in_full():
    result = rate_standard("4.1", {"4.1.1": C(0, 0)})
    assert result == StandardRating("4.1", "Unpaid work", None, None, None, None, (), (R(
        "standard_not_rated", "4.1 Unpaid work is not rated: none of its key questions was "
                              "answered for any case."),))


def test_an_unknown_standard_is_refused():
    assert _error(lambda: rate_standard("9.9", {})) == {
        "field": "standard", "message": "'9.9' is not a case-based standard"}


# --- the overall rating ---------------------------------------------------------------------


@pytest.mark.parametrize(("domain1", "percents", "score", "overall", "band"), [
    ("outstanding", (80, 80, 65, 65, 65, 65), 26, "outstanding", "26–30"),
    ("outstanding", (80, 80, 65, 65, 65, 50), 25, "good", "16–25"),
    ("good", (65, 65, 50, 50, 50, 50), 16, "good", "16–25"),
    ("good", (65, 65, 50, 50, 50, 49), 15, "requires_improvement", "6–15"),
    ("inadequate", (50, 50, 50, 50, 50, 50), 6, "requires_improvement", "6–15"),
    ("inadequate", (50, 50, 50, 50, 50, 49), 5, "inadequate", "0–5"),
])
def test_the_overall_rating_on_both_sides_of_each_band(domain1, percents, score, overall, band):
    result = rate({c: domain1 for c in ("1.1", "1.2", "1.3", "1.4")},
                  every_question(dict(zip(CASE_STANDARDS, percents, strict=True))))
    assert (result.score, result.overall) == (score, overall)
    name = RATING_NAMES[overall]
    assert result.reasons[1] == R(f"overall_{overall}",
                                  f"A total of {band} is {name}, so the overall rating is {name}.")
    assert result.reasons[0].text.startswith(
        f"Each standard scores Inadequate 0, Requires improvement 1, Good 2, Outstanding 3. "
        f"Total {score} of a possible 30 (1.1 {RATING_NAMES[domain1]} ")


def test_a_domain_1_standard_in_full_and_the_score_breakdown():
    result = rate({"1.2": "good"}, {"2.1.1": C(1, 2)})
    assert result.standards[0] == StandardRating("1.2", "Staff", GOOD, None, None, 2, (), (R(
        "standard_good", "1.2 Staff is Good: domain 1 standards are rated from evidence and "
                         "interviews and entered by the lead auditor."),))
    assert result.reasons == (
        R("overall_score", "Each standard scores Inadequate 0, Requires improvement 1, Good 2, "
                           "Outstanding 3. Total 3 of a possible 30 (1.2 Good 2, 2.1 Requires "
                           "improvement 1)."),
        R("overall_not_rated", "No overall rating: it needs all 10 standards rated and 2 were."),
    )
    assert result.as_dict() == {
        "standards": {"1.2": result.standards[0].as_dict(),
                      "2.1": result.standards[1].as_dict()},
        "score": 3, "overall": None, "reasons": [r.as_dict() for r in result.reasons]}


def test_nothing_rated_and_a_standard_that_could_not_be_rated():
    assert rate({}, {}).reasons == (
        R("overall_score", "Each standard scores Inadequate 0, Requires improvement 1, Good 2, "
                           "Outstanding 3. Total 0 of a possible 30."),
        R("overall_not_rated", "No overall rating: it needs all 10 standards rated and 0 were."),
    )
    result = rate({}, {"2.1.1": C(0, 0), "2.2.1": C(0, 0), "2.3.1": C(1, 1)})
    # One rated standard "was" (this read "1 were" until ADR 0016 part 2 said it whole).
    assert result.reasons[1].text == ("No overall rating: it needs all 10 standards rated and 1 "
                                      "was (2.1, 2.2 could not be rated).")
    assert result.score == 3


def test_the_overall_table_is_the_editions():
    small = replace(DEFAULT_FRAMEWORK, standards_for_overall=1,
                    overall_bands=((3, OUTSTANDING), (0, INADEQUATE)))
    result = rate({"1.1": "outstanding"}, {}, small)
    assert result.overall == OUTSTANDING
    assert result.reasons[1].text == ("A total of 3–3 is Outstanding, so the overall rating is "
                                      "Outstanding.")
    assert result.reasons[0].text.endswith("Total 3 of a possible 3 (1.1 Outstanding 3).")
    assert rate({"1.1": "good"}, {}, small).reasons[1].text == (
        "A total of 0–2 is Inadequate, so the overall rating is Inadequate.")


# --- the edition's own checks ---------------------------------------------------------------


def test_an_edition_that_is_not_well_formed_is_refused():
    for name in ("thresholds", "overall_bands"):
        assert _error(lambda name=name: Framework(**{name: ((0, GOOD), (10, OUTSTANDING))})) == {
            "field": name, "message": "must run from the highest floor to the lowest"}
        assert _error(lambda name=name: Framework(**{name: ((10, GOOD), (10, OUTSTANDING),
                                                            (0, INADEQUATE))})) == {
            "field": name, "message": "must run from the highest floor to the lowest"}
        assert _error(lambda name=name: Framework(**{name: ((10, GOOD), (1, INADEQUATE))})) == {
            "field": name, "message": "the lowest band must start at 0"}
        assert _error(lambda name=name: Framework(**{name: ((10, "great"), (0, INADEQUATE))})) \
            == {"field": name, "message": "ratings must be among inadequate, "
                                          "requires_improvement, good, outstanding"}
    assert _error(lambda: Framework(points=((GOOD, 2), (OUTSTANDING, 3)))) == {
        "field": "points", "message": "every rating needs points"}
    assert Framework(thresholds=((0, GOOD),)).thresholds == ((0, GOOD),)


# --- input errors ---------------------------------------------------------------------------


def test_rate_input_errors_in_words():
    assert _error(lambda: rate({"1.9": "good"}, {})) == {
        "field": "domain1.1.9", "message": "not a domain 1 standard (1.1, 1.2, 1.3, 1.4)"}
    assert _error(lambda: rate({"1.1": "great"}, {})) == {
        "field": "domain1.1.1",
        "message": "must be one of inadequate, requires_improvement, good, outstanding"}
    assert _error(lambda: rate({}, {"9.9.9": C(1, 1)})) == {
        "field": "key_questions.9.9.9",
        "message": "not a key question of HMI Probation standards 2018 (CRC)"}
    assert _error(lambda: rate({}, {"2.1.1": C(True, 1)})) == {
        "field": "key_questions.2.1.1.yes", "message": "must be a whole number"}
    assert _error(lambda: rate({}, {"2.1.1": C(1, 1.0)})) == {
        "field": "key_questions.2.1.1.relevant", "message": "must be a whole number"}
    assert _error(lambda: rate({}, {"2.1.1": C(-1, 1)})) == {
        "field": "key_questions.2.1.1.yes", "message": "cannot be negative"}
    assert _error(lambda: rate({}, {"2.1.1": C(0, -1)})) == {
        "field": "key_questions.2.1.1.relevant", "message": "cannot be negative"}
    assert _error(lambda: rate({}, {"2.1.1": C(3, 2)})) == {
        "field": "key_questions.2.1.1.yes", "message": "3 yes cannot be more than 2 relevant"}
    assert rate({}, {"2.1.1": C(2, 2), "2.1.2": C(0, 0)}).standards[0].percent == 100
    assert _error(lambda: rate({}, {"3.1.1": C(1, 1), "4.2.1": C(1, 1)})) == {
        "field": "key_questions",
        "message": "mixes standards of different provider types: 3.1/3.2 and 4.1/4.2"}
    assert [s.code for s in rate({}, {"3.1.1": C(1, 1), "3.2.1": C(1, 1)}).standards] == [
        "3.1", "3.2"]


def test_the_payload_in_and_out():
    out = rate_payload({"domain1": {"1.1": " Requires Improvement ", "1.2": "requires-improvement"},
                        "key_questions": {"2.1.1": {"yes": 8.0, "relevant": 10}}})
    assert out["standards"]["1.1"]["rating"] == REQUIRES_IMPROVEMENT
    assert out["standards"]["1.2"]["rating"] == REQUIRES_IMPROVEMENT
    assert out["standards"]["2.1"]["percent"] == 80
    assert out["score"] == 5
    assert rate_payload({"domain1": None, "key_questions": None})["score"] == 0
    assert rate_payload({})["overall"] is None


def test_payload_errors_in_words():
    def err(payload):
        return _error(lambda: rate_payload(payload))

    assert err([]) == {"field": "payload", "message": "must be a JSON object"}
    assert err({"zz": 1, "aa": 2}) == {"field": "aa",
                                       "message": "unknown field (expected domain1, key_questions)"}
    assert err({"domain1": []}) == {"field": "domain1",
                                    "message": "must be an object of standard: rating"}
    assert err({"key_questions": []}) == {"field": "key_questions",
                                          "message": "must be an object of key question: counts"}
    assert err({"domain1": {"1.1": 3}}) == {
        "field": "domain1.1.1",
        "message": "must be one of inadequate, requires_improvement, good, outstanding"}
    assert err({"key_questions": {"2.1.1": [1, 2]}}) == {
        "field": "key_questions.2.1.1", "message": 'must be an object {"yes": int, "relevant": int}'}
    assert err({"key_questions": {"2.1.1": {"yes": 1, "relevant": 2, "z": 0, "no": 1}}}) == {
        "field": "key_questions.2.1.1.no", "message": "unknown field (expected yes, relevant)"}
    assert err({"key_questions": {"2.1.1": {"relevant": 2}}}) == {
        "field": "key_questions.2.1.1.yes", "message": "is required"}
    assert err({"key_questions": {"2.1.1": {"yes": 2}}}) == {
        "field": "key_questions.2.1.1.relevant", "message": "is required"}
    assert err({"key_questions": {"2.1.1": {"yes": 1.5, "relevant": 2}}}) == {
        "field": "key_questions.2.1.1.yes", "message": "must be a whole number"}
    assert err({"key_questions": {"2.1.1": {"yes": 1, "relevant": False}}}) == {
        "field": "key_questions.2.1.1.relevant", "message": "must be a whole number"}


# --- survivors of the first mutation run ----------------------------------------------------


def test_the_unrounded_reason_in_full_and_the_edition_reaches_each_standard():
    exact = replace(DEFAULT_FRAMEWORK, rate_on_whole_percent=False)
    assert rate_standard("2.1", {"2.1.1": C(159, 200)}, exact).reasons[1] == R(
        "standard_exact_percent", "Rated on the unrounded figure, 79.50%.")
    through_rate = rate({}, {"2.1.1": C(159, 200)}, exact)
    assert through_rate.standards[0].rating == GOOD
    assert rate({}, {"2.1.1": C(159, 200)}).standards[0].rating == OUTSTANDING
