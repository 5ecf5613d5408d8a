"""OGRS3 (risk-predictors.md): worked checks, coefficients, rounding, bands and validation."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from desist.rules import ogrs3
from desist.rules.errors import RuleInputError
from desist.rules.ogrs3 import (
    OFFENCE_COEFFICIENTS,
    Ogrs3Config,
    Ogrs3Input,
    age_on,
    band_for_percent,
    calculate,
    logistic,
    percent,
    score,
    score_ages,
    score_values,
)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


# ----------------------------------------------------------------------------------------------
# Worked checks and further cases computed by hand from the published constants


@pytest.mark.parametrize(
    ("sex", "dob", "conviction", "follow_up", "total", "first_age", "category", "p1", "p2",
     "band"),
    [
        # risk-predictors.md worked check 1 (offence coefficient 0.7606 = soliciting).
        ("male", date(1965, 12, 7), date(2025, 5, 13), date(2026, 12, 6), 2, 47, "soliciting",
         8, 16, "low"),
        # risk-predictors.md worked check 2.
        ("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2, 21,
         "fraud_forgery", 11, 20, "low"),
        # The Ministry of Justice service's fixture with offence "other" (−0.0607): 9% / 17%.
        ("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2, 21, "other",
         9, 17, "low"),
        # Female aged 14: the negative 14–15 coefficient the doc chooses.
        ("female", date(2010, 6, 15), date(2024, 7, 1), date(2024, 9, 1), 3, 12,
         "theft_non_motor", 53, 70, "medium"),
        # A first sanction (S = 1) uses the first-sanction coefficient.
        ("male", date(2005, 3, 10), date(2024, 4, 1), date(2024, 5, 1), 1, 19, "robbery",
         7, 13, "low"),
        # 50 previous sanctions: the cap is reached, not passed.
        ("male", date(1999, 1, 1), date(2024, 6, 1), date(2024, 6, 1), 51, 12,
         "criminal_damage", 87, 93, "very_high"),
        # Sexual (not against a child) uses the Ministry of Justice's 0.0328.
        ("female", date(1972, 2, 2), date(2024, 2, 2), date(2024, 3, 1), 5, 30,
         "sexual_not_child", 5, 10, "low"),
    ],
)
def test_worked_checks_reproduce_published_percentages(
    sex, dob, conviction, follow_up, total, first_age, category, p1, p2, band
):
    r = score(sex, dob, conviction, follow_up, total, category, age_at_first_sanction=first_age)
    assert (r.one_year_percent, r.two_year_percent, r.band) == (p1, p2, band)
    assert r.reasons and r.reasons[0].code == f"ogrs3_band_{band}"
    assert "risk-predictors.md" in r.reasons[0].section
    assert f"{p2}%" in r.reasons[0].text


def test_worked_check_unrounded_probabilities_kept():
    r = score("female", date(2010, 6, 15), date(2024, 7, 1), date(2024, 9, 1), 3,
              "theft_non_motor", age_at_first_sanction=12)
    assert r.one_year == pytest.approx(0.5306917087335683, abs=1e-12)
    assert r.two_year == pytest.approx(0.6988998812077651, abs=1e-12)


@pytest.mark.parametrize(
    ("intercept", "expected"), [(1.40256, 0.80259), (2.1217, 0.89299)]
)
def test_worked_check_logistic_of_intercepts(intercept, expected):
    assert round(logistic(intercept), 5) == expected


def test_first_sanction_date_gives_the_same_score_as_the_age():
    by_age = score("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2,
                   "fraud_forgery", age_at_first_sanction=21)
    by_date = score("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2,
                    "fraud_forgery", first_sanction_date=date(2013, 1, 1))
    assert by_date.age_at_first_sanction == 21
    assert (by_date.one_year, by_date.two_year) == (by_age.one_year, by_age.two_year)


def test_batch_tuple_fast_path_matches_the_result_object():
    args = ("female", date(2010, 6, 15), date(2024, 7, 1), date(2024, 9, 1), 60,
            "theft_non_motor")
    r = score(*args, age_at_first_sanction=12)
    assert score_values(*args, age_at_first_sanction=12) == (
        r.one_year, r.two_year, r.one_year_percent, r.two_year_percent, r.band, r.reasons
    )


def test_band_for_percent_rejects_impossible_percentages():
    with pytest.raises(RuleInputError):
        band_for_percent(101)


def test_dataclass_api_matches_fast_path():
    inp = Ogrs3Input("male", date(1965, 12, 7), date(2025, 5, 13), date(2026, 12, 6), 2,
                     "soliciting", age_at_first_sanction=47)
    assert calculate(inp) == score(
        "male", date(1965, 12, 7), date(2025, 5, 13), date(2026, 12, 6), 2, "soliciting",
        age_at_first_sanction=47,
    )
    assert calculate(inp).as_dict()["two_year_percent"] == 16


# ----------------------------------------------------------------------------------------------
# Ages, sanctions and coefficients


def test_age_band_is_taken_at_the_start_of_follow_up_not_at_conviction():
    # Convicted at 17; follow-up starts the day before vs on the 18th birthday.
    dob = date(2006, 5, 10)
    before = score("male", dob, date(2024, 1, 1), date(2024, 5, 9), 2, "violence",
                   age_at_first_sanction=15)
    on = score("male", dob, date(2024, 1, 1), date(2024, 5, 10), 2, "violence",
               age_at_first_sanction=15)
    assert (before.age_at_follow_up, on.age_at_follow_up) == (17, 18)
    assert before.age_at_conviction == on.age_at_conviction == 17
    # Only the age/sex term differs: male 16–17 −0.061594199 vs 18–20 −0.625103618.
    assert logit(before.two_year) - logit(on.two_year) == pytest.approx(0.563509419, abs=1e-9)


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        (date(2000, 2, 29), date(2018, 2, 28), 17),
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        (date(1990, 6, 15), date(2020, 6, 14), 29),
        (date(1990, 6, 15), date(2020, 6, 15), 30),
    ],
)
def test_ages_are_completed_years(dob, on, age):
    assert age_on(dob, on) == age


def test_previous_sanctions_beyond_50_are_capped():
    args = ("male", date(1999, 1, 1), date(2024, 6, 1), date(2024, 6, 1))
    at_cap = score(*args, 51, "criminal_damage", age_at_first_sanction=12)
    over = score(*args, 80, "criminal_damage", age_at_first_sanction=12)
    assert over.sanctions_counted == 51
    assert (over.one_year, over.two_year) == (at_cap.one_year, at_cap.two_year)
    assert [r.code for r in over.reasons] == ["ogrs3_band_very_high", "ogrs3_sanctions_capped"]
    assert "79 previous sanctions" in over.reasons[1].text
    assert len(at_cap.reasons) == 1


def test_repeat_versus_first_sanction_coefficients():
    # S = 1 vs S = 2 with the same ages: the difference is the sanction term plus ln(2).
    first = score_ages("male", 30, 30, 30, 1, "violence")
    repeat = score_ages("male", 30, 30, 30, 2, "violence")
    expected = (0.463062792 - 0.126142106) + 1.251124464 * math.log(2)
    assert logit(repeat.two_year) - logit(first.two_year) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("category", "coefficient"),
    [
        ("drink_driving", -0.121439408),
        ("other_motoring", 0.262228428),
        ("sexual_not_child", 0.0328),
        ("drug_import_export_production", -0.795556373),
    ],
)
def test_offence_coefficients_follow_the_ministry_of_justice_mapping(category, coefficient):
    base = score_ages("male", 30, 30, 20, 4, "violence")
    other = score_ages("male", 30, 30, 20, 4, category)
    assert logit(other.two_year) - logit(base.two_year) == pytest.approx(coefficient, abs=1e-9)


def test_all_twenty_offence_categories_are_scored():
    assert len(OFFENCE_COEFFICIENTS) == 20
    for category in OFFENCE_COEFFICIENTS:
        assert score_ages("female", 40, 41, 20, 3, category).band in ogrs3.BANDS


# ----------------------------------------------------------------------------------------------
# Rounding and bands


@pytest.mark.parametrize(
    ("probability", "expected"),
    [
        (0.125, 13),  # exactly half: up, not to even
        (0.135, 14),  # the double just above 0.135
        (0.145, 14),  # the double just below 0.145: the exact value decides
        (0.004, 1),  # clamped to 1
        (0.9951, 99),  # clamped to 99
        (0.5, 50),
    ],
)
def test_percentages_round_half_up_and_clamp_to_1_99(probability, expected):
    assert percent(probability) == expected


@pytest.mark.parametrize(
    ("pct", "band"),
    [(1, "low"), (49, "low"), (50, "medium"), (74, "medium"), (75, "high"), (89, "high"),
     (90, "very_high"), (99, "very_high")],
)
def test_bands_on_the_two_year_percentage(pct, band):
    assert band_for_percent(pct) == band


def test_edited_config_changes_the_score():
    heavier = Ogrs3Config(copas_coefficient=2.0)
    base = score_ages("male", 30, 30, 20, 10, "violence")
    edited = score_ages("male", 30, 30, 20, 10, "violence", config=heavier)
    assert edited.two_year != base.two_year
    assert replace(heavier, copas_coefficient=1.251124464).age_sex_coefficient("male", 30) == (
        pytest.approx(-1.325976554)
    )


# ----------------------------------------------------------------------------------------------
# Validation (risk-predictors.md, "Inputs")

DOB = date(1990, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        # Age at current conviction below 10.
        (dict(conviction_date=date(1999, 6, 1), follow_up_start=date(1999, 6, 1),
              age_at_first_sanction=9), "conviction_date"),
        # First sanction after the current conviction.
        (dict(age_at_first_sanction=31), "age_at_first_sanction"),
        (dict(first_sanction_date=date(2021, 1, 1)), "first_sanction_date"),
        (dict(first_sanction_date=date(1989, 1, 1)), "first_sanction_date"),
        # Neither first-sanction field, or the two disagreeing.
        (dict(), "age_at_first_sanction"),
        (dict(age_at_first_sanction=20, first_sanction_date=date(2005, 1, 1)),
         "age_at_first_sanction"),
        (dict(age_at_first_sanction=-1), "age_at_first_sanction"),
        (dict(age_at_first_sanction=20, total_sanctions=0), "total_sanctions"),
        (dict(age_at_first_sanction=20, total_sanctions=True), "total_sanctions"),
        (dict(age_at_first_sanction=20, sex="other"), "sex"),
        (dict(age_at_first_sanction=20, offence_category="arson"), "offence_category"),
        # Conviction before birth (the Ministry of Justice service's own error case).
        (dict(date_of_birth=date(2002, 12, 13), conviction_date=date(2000, 12, 13),
              age_at_first_sanction=1), "conviction_date"),
        # Follow-up starting before age 10 has no age/sex coefficient.
        (dict(age_at_first_sanction=10, follow_up_start=date(1995, 1, 1)), "follow_up_start"),
    ],
)
def test_impossible_inputs_raise_errors_naming_the_field(kwargs, field):
    args = dict(
        sex="male", date_of_birth=DOB, conviction_date=date(2020, 6, 1),
        follow_up_start=date(2020, 7, 1), total_sanctions=3, offence_category="violence",
    )
    args.update(kwargs)
    with pytest.raises(RuleInputError) as caught:
        score(**args)
    assert caught.value.field == field
    assert caught.value.message


# ----------------------------------------------------------------------------------------------
# Properties

ages = st.integers(min_value=10, max_value=90)


@st.composite
def scored_facts(draw):
    age_conv = draw(ages)
    first = draw(st.integers(min_value=0, max_value=age_conv))
    follow = draw(st.integers(min_value=age_conv, max_value=age_conv + 3))
    total = draw(st.integers(min_value=1, max_value=120))
    sex = draw(st.sampled_from(ogrs3.SEXES))
    category = draw(st.sampled_from(sorted(OFFENCE_COEFFICIENTS)))
    return sex, age_conv, follow, first, total, category


@settings(max_examples=300)
@given(scored_facts())
# the youngest scored (10) and each edge of the age table at follow-up
@example(("male", 10, 10, 0, 1, "violence"))
@example(("female", 49, 50, 49, 1, "drug_import_export_production"))
def test_property_two_year_at_least_one_year_and_percentages_in_range(facts):
    r = score_ages(*facts)
    assert 0 < r.one_year < r.two_year < 1
    assert 1 <= r.one_year_percent <= r.two_year_percent <= 99
    assert r.band == band_for_percent(r.two_year_percent)
    assert r.reasons


@settings(max_examples=300)
@given(scored_facts(), st.integers(min_value=1, max_value=30))
# the sanctions cap: 51 counted, 52 capped to 51 (equal, never lower)
@example(("male", 40, 40, 15, 51, "violence"), 1)
@example(("female", 10, 10, 10, 50, "soliciting"), 1)
def test_property_more_sanctions_never_lower_the_score(facts, extra):
    sex, age_conv, follow, first, total, category = facts
    fewer = score_ages(sex, age_conv, follow, first, total, category)
    more = score_ages(sex, age_conv, follow, first, total + extra, category)
    assert more.two_year >= fewer.two_year


@settings(max_examples=300)
@given(scored_facts())
def test_property_a_longer_criminal_career_lowers_the_rate(facts):
    sex, age_conv, follow, first, total, category = facts
    assume(first > 0)
    later = score_ages(sex, age_conv, follow, first, total, category)
    earlier = score_ages(sex, age_conv, follow, first - 1, total, category)
    assert earlier.two_year < later.two_year


@settings(max_examples=200)
@given(st.dates(min_value=date(1930, 1, 1), max_value=date(2010, 12, 31)),
       st.integers(min_value=0, max_value=30000))
def test_property_completed_years_match_calendar_arithmetic(dob, days):
    on = dob + timedelta(days=days)
    age = age_on(dob, on)
    assert age >= 0
    # The birthday has been reached `age` times and not `age + 1` times.
    try:
        last = dob.replace(year=dob.year + age)
    except ValueError:  # 29 February in a common year: reached on 1 March
        last = date(dob.year + age, 3, 1)
    assert last <= on


# ----------------------------------------------------------------------------------------------
# "How this was worked out" (issue 12, item 7): every input and the arithmetic


def test_result_carries_every_input_and_the_intermediate_terms():
    r = score("female", date(2010, 6, 15), date(2024, 7, 1), date(2024, 9, 1), 3,
              "theft_non_motor", age_at_first_sanction=12)
    t = r.terms
    assert (t.sex, t.age_at_follow_up, t.offence_category, t.total_sanctions) == (
        "female", 14, "theft_non_motor", 3)
    assert t.previous_sanctions == 2
    assert t.years_since_first_sanction == 2  # age 14 at conviction − 12 at first sanction
    assert t.age_sex_coefficient == -0.669521331
    assert t.offence_coefficient == 0.661244321
    assert t.sanction_coefficient == ogrs3.DEFAULT_CONFIG.repeat_sanction_coefficient
    assert t.sanction_rate == pytest.approx(3 / (10 + 2))
    assert t.copas_term == pytest.approx(1.251124464 * math.log(3 / 12))
    assert t.linear_score == pytest.approx(
        t.age_sex_coefficient + t.sanction_coefficient + t.copas_term + t.offence_coefficient)
    assert logistic(t.intercept_two_year + t.linear_score) == pytest.approx(r.two_year)
    assert logistic(t.intercept_one_year + t.linear_score) == pytest.approx(r.one_year)


def test_working_explains_each_input_and_step_in_plain_words():
    r = score("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2,
              "fraud_forgery", age_at_first_sanction=21)
    lines = [w.text for w in r.working()]
    text = "\n".join(lines)
    for expected in ("Gender: male", "Age at the start of follow-up: 30",
                     "Offence category: fraud and forgery", "Sanctions: 2 (1 previous",
                     "Years since the first sanction: 9", "Copas rate", "2 ÷ (10 + 9)",
                     "20%", "11%"):
        assert expected in text, expected
    assert all(w.section.startswith("risk-predictors.md") for w in r.working())


def test_as_dict_includes_the_terms_for_the_api():
    r = score("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2,
              "fraud_forgery", age_at_first_sanction=21)
    assert r.as_dict()["terms"]["years_since_first_sanction"] == 9
