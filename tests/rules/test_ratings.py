"""Inspection ratings (inspection-framework.md Ratings), checked against Northumbria 2018."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.ratings import (
    DEFAULT_FRAMEWORK,
    RATINGS,
    KeyQuestionCount,
    overall_for_score,
    rate,
    rate_payload,
    rate_standard,
    rating_for_percent,
    whole_percent,
)


def kq(yes, relevant):
    return {"yes": yes, "relevant": relevant}


# Case-level answers that give the percentages published in the Northumbria report (Annex 2):
# 100 domain-two cases, 84 of them in the relevant sub-sample for the x.x.3 questions;
# 26 unpaid-work cases; 20 Through the Gate cases.
NORTHUMBRIA = {
    "domain1": {
        "1.1": "requires_improvement",
        "1.2": "good",
        "1.3": "good",
        "1.4": "requires_improvement",
    },
    "key_questions": {
        "2.1.1": kq(81, 100),
        "2.1.2": kq(70, 100),
        "2.1.3": kq(54, 100),
        "2.2.1": kq(74, 100),
        "2.2.2": kq(66, 100),
        "2.2.3": kq(38, 84),  # 45%
        "2.3.1": kq(75, 100),
        "2.3.2": kq(61, 100),
        "2.3.3": kq(34, 83),  # 41%
        "2.4.1": kq(65, 100),
        "2.4.2": kq(66, 100),
        "2.4.3": kq(32, 84),  # 38%
        "4.1.1": kq(18, 26),  # 69%
        "4.1.2": kq(22, 26),  # 85%
        "4.1.3": kq(20, 26),  # 77%
        "4.1.4": kq(25, 26),  # 96%
        "4.2.1": kq(18, 20),  # 90%
        "4.2.2": kq(14, 20),  # 70%
        "4.2.3": kq(11, 20),  # 55%
    },
}


def test_northumbria_2018_table_reproduced():
    out = rate_payload(NORTHUMBRIA)
    table = {
        code: (s["rating"], s["driven_by"], s["percent"]) for code, s in out["standards"].items()
    }
    assert table == {
        "1.1": ("requires_improvement", None, None),
        "1.2": ("good", None, None),
        "1.3": ("good", None, None),
        "1.4": ("requires_improvement", None, None),
        "2.1": ("requires_improvement", "2.1.3", 54),
        "2.2": ("inadequate", "2.2.3", 45),
        "2.3": ("inadequate", "2.3.3", 41),
        "2.4": ("inadequate", "2.4.3", 38),
        "4.1": ("good", "4.1.1", 69),
        "4.2": ("requires_improvement", "4.2.3", 55),
    }
    assert out["score"] == 10
    assert out["overall"] == "requires_improvement"
    assert out["reasons"]
    for standard in out["standards"].values():
        assert standard["reasons"]
        if standard["driven_by"]:
            assert standard["driven_by"] in standard["reasons"][0]["text"]
    assert "sub-sample" in " ".join(r["text"] for r in out["standards"]["2.2"]["reasons"])


@pytest.mark.parametrize(
    ("percent", "rating"),
    [
        (100, "outstanding"),
        (80, "outstanding"),  # "80 or more"
        (79, "good"),
        (65, "good"),
        (64, "requires_improvement"),
        (50, "requires_improvement"),
        (49, "inadequate"),
        (0, "inadequate"),
    ],
)
def test_ratings_thresholds_lowest_key_question(percent, rating):
    assert rating_for_percent(percent) == rating
    standard = rate_standard(
        "2.1",
        {
            "2.1.1": KeyQuestionCount(percent, 100),
            "2.1.2": KeyQuestionCount(100, 100),
            "2.1.3": KeyQuestionCount(90, 90),
        },
    )
    assert (standard.rating, standard.driven_by, standard.percent) == (rating, "2.1.1", percent)


@pytest.mark.parametrize(
    ("yes", "relevant", "published", "rating"),
    [
        (159, 200, 80, "outstanding"),  # 79.5% is published as 80%
        (397, 500, 79, "good"),  # 79.4%
        (129, 200, 65, "good"),  # 64.5%
        (99, 200, 50, "requires_improvement"),  # 49.5%
        (1, 3, 33, "inadequate"),
        (2, 3, 67, "good"),
    ],
)
def test_ratings_rated_on_the_published_whole_percentage(yes, relevant, published, rating):
    assert whole_percent(yes, relevant) == published
    counts = {"4.2.1": KeyQuestionCount(yes, relevant)}
    result = rate_standard("4.2", counts)
    assert (result.percent, result.rating) == (published, rating)


def test_ratings_unrounded_edition_compares_the_exact_fraction():
    framework = replace(DEFAULT_FRAMEWORK, rate_on_whole_percent=False)
    result = rate_standard("4.2", {"4.2.1": KeyQuestionCount(159, 200)}, framework)
    assert (result.percent, result.rating) == (80, "good")
    assert "standard_exact_percent" in [r.code for r in result.reasons]


@pytest.mark.parametrize(
    ("score", "overall"),
    [
        (0, "inadequate"),
        (5, "inadequate"),
        (6, "requires_improvement"),
        (15, "requires_improvement"),
        (16, "good"),
        (25, "good"),
        (26, "outstanding"),
        (30, "outstanding"),
    ],
)
def test_ratings_overall_from_total_points(score, overall):
    assert overall_for_score(score) == overall


def test_ratings_subsample_question_uses_its_own_denominator():
    result = rate_standard(
        "2.2",
        {
            "2.2.1": KeyQuestionCount(80, 100),
            "2.2.2": KeyQuestionCount(80, 100),
            "2.2.3": KeyQuestionCount(30, 40),  # 75% of the 40 relevant, not 30% of 100
        },
    )
    assert (result.rating, result.driven_by, result.percent) == ("good", "2.2.3", 75)
    assert "kq_relevant_subsample" in [r.code for r in result.reasons]


def test_ratings_tie_names_the_first_key_question():
    counts = {q: KeyQuestionCount(60, 100) for q in ("2.4.1", "2.4.2", "2.4.3")}
    result = rate_standard("2.4", counts)
    assert result.driven_by == "2.4.1"
    assert "standard_tie" in [r.code for r in result.reasons]


def test_ratings_standard_with_no_answered_questions_is_not_rated():
    out = rate_payload({"key_questions": {"2.3.1": kq(0, 0), "2.1.1": kq(9, 10)}})
    assert out["standards"]["2.3"]["rating"] is None
    assert out["standards"]["2.3"]["reasons"][0]["code"] == "standard_not_rated"
    assert out["standards"]["2.1"]["rating"] == "outstanding"
    assert out["score"] == 3
    assert out["overall"] is None
    assert out["reasons"][-1]["code"] == "overall_not_rated"


def test_ratings_unanswered_questions_are_named():
    result = rate_standard("2.1", {"2.1.1": KeyQuestionCount(7, 10)})
    assert result.driven_by == "2.1.1"
    assert "standard_questions_unanswered" in [r.code for r in result.reasons]


def test_ratings_nps_numbering_accepted_but_not_mixed_with_crc():
    nps = {f"3.1.{i}": kq(9, 10) for i in range(1, 5)}
    assert rate_payload({"key_questions": nps})["standards"]["3.1"]["rating"] == "outstanding"
    with pytest.raises(RuleInputError) as err:
        rate_payload({"key_questions": {**nps, "4.2.1": kq(1, 2)}})
    assert err.value.field == "key_questions"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"key_questions": {"2.1.1": kq(11, 10)}}, "key_questions.2.1.1.yes"),
        ({"key_questions": {"2.1.1": kq(-1, 10)}}, "key_questions.2.1.1.yes"),
        ({"key_questions": {"2.1.1": kq(1.5, 10)}}, "key_questions.2.1.1.yes"),
        ({"key_questions": {"2.1.1": kq(1, "10")}}, "key_questions.2.1.1.relevant"),
        ({"key_questions": {"2.1.1": {"yes": 1}}}, "key_questions.2.1.1.relevant"),
        (
            {"key_questions": {"2.1.1": {"yes": 1, "relevant": 2, "no": 1}}},
            "key_questions.2.1.1.no",
        ),
        ({"key_questions": {"2.1.1": [1, 2]}}, "key_questions.2.1.1"),
        ({"key_questions": {"2.9.1": kq(1, 2)}}, "key_questions.2.9.1"),
        ({"key_questions": [1]}, "key_questions"),
        ({"domain1": {"1.1": "great"}}, "domain1.1.1"),
        ({"domain1": {"1.5": "good"}}, "domain1.1.5"),
        ({"domain1": {"1.1": "good"}, "extra": 1}, "extra"),
    ],
)
def test_ratings_bad_input_names_the_field(payload, field):
    with pytest.raises(RuleInputError) as err:
        rate_payload(payload)
    assert err.value.field == field


def test_ratings_payload_accepts_integral_floats_and_display_names():
    out = rate_payload(
        {"domain1": {"1.1": "Requires improvement"}, "key_questions": {"2.1.1": kq(8.0, 10)}}
    )
    assert out["standards"]["1.1"]["rating"] == "requires_improvement"
    assert out["standards"]["2.1"]["percent"] == 80


RANK = {r: i for i, r in enumerate(RATINGS)}


@given(st.integers(0, 100), st.integers(0, 100))
def test_ratings_property_monotonic_in_percent(a, b):
    low, high = sorted((a, b))
    assert RANK[rating_for_percent(low)] <= RANK[rating_for_percent(high)]


@given(st.integers(0, 30), st.integers(0, 30))
def test_ratings_property_overall_monotonic_in_score(a, b):
    low, high = sorted((a, b))
    assert RANK[overall_for_score(low)] <= RANK[overall_for_score(high)]


counts = st.integers(1, 200).flatmap(
    lambda relevant: st.tuples(st.integers(0, relevant), st.just(relevant))
)


@given(st.lists(counts, min_size=3, max_size=3), st.integers(0, 2))
def test_ratings_property_more_yes_never_lowers_a_standard_and_lowest_drives(triple, which):
    questions = {f"2.3.{i + 1}": KeyQuestionCount(*c) for i, c in enumerate(triple)}
    result = rate_standard("2.3", questions)
    assert result.percent == min(q.percent for q in result.key_questions)
    assert result.rating == rating_for_percent(result.percent)
    code = f"2.3.{which + 1}"
    yes, relevant = triple[which]
    if yes < relevant:
        better = rate_standard("2.3", {**questions, code: KeyQuestionCount(yes + 1, relevant)})
        assert RANK[better.rating] >= RANK[result.rating]


@given(st.lists(st.sampled_from(RATINGS), min_size=10, max_size=10))
def test_ratings_property_score_is_sum_of_points(ratings):
    domain1 = dict(zip(("1.1", "1.2", "1.3", "1.4"), ratings[:4], strict=True))
    percent = {"inadequate": 10, "requires_improvement": 55, "good": 70, "outstanding": 90}
    questions = {}
    for standard, rating in zip(
        ("2.1", "2.2", "2.3", "2.4", "4.1", "4.2"), ratings[4:], strict=True
    ):
        questions[f"{standard}.1"] = KeyQuestionCount(percent[rating], 100)
    result = rate(domain1, questions)
    assert result.score == sum(RANK[r] for r in ratings)
    assert result.overall == overall_for_score(result.score)


def test_ratings_empty_list_is_not_mistaken_for_no_ratings():
    with pytest.raises(RuleInputError) as err:
        rate_payload({"domain1": []})
    assert err.value.field == "domain1"
