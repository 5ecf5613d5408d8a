"""OGRS3 (risk-predictors.md): every boundary and every word of the result pinned.

Written against mutation testing (issue 25, "Tests that catch mistakes"): each age band's first
and last year for both sexes, the band cuts, the sanctions cap, the youngest age scored, the
first sanction on the day of birth and on the day of the conviction, the rounding of exact
halves, the working shown on screen and every input error's words.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import MappingProxyType

import pytest

from desist.rules import ogrs3
from desist.rules.errors import RuleInputError
from desist.rules.ogrs3 import (
    AGE_SEX_COEFFICIENTS,
    OFFENCE_COEFFICIENTS,
    Ogrs3Config,
    Ogrs3Input,
    Ogrs3Result,
    age_on,
    band_for_percent,
    calculate,
    logistic,
    percent,
    score,
    score_ages,
    score_values,
)
from desist.rules.reasons import Reason

SECTION = "risk-predictors.md"


@pytest.fixture(autouse=True)
def _fresh_band_reasons():
    """The band reasons are cached per percentage pair: clear the cache so each test checks the
    words as written now, not as an earlier test (or import) left them."""
    ogrs3._BAND_REASONS.clear()
    yield
    ogrs3._BAND_REASONS.clear()


INPUTS = "risk-predictors.md, Inputs"
FORMULA = "risk-predictors.md, Formula"

# (age, male coefficient, female coefficient): each band's first and last year, and beyond.
AGE_ROWS = [
    (10, 0.0, -0.785038489), (11, 0.0, -0.785038489),
    (12, 0.083922902, -0.613852078), (13, 0.083922902, -0.613852078),
    (14, 0.075775765, -0.669521331), (15, 0.075775765, -0.669521331),
    (16, -0.061594199, -0.959179629), (17, -0.061594199, -0.959179629),
    (18, -0.625103618, -0.897480934), (20, -0.625103618, -0.897480934),
    (21, -1.051515067, -1.028488454), (24, -1.051515067, -1.028488454),
    (25, -1.166679288, -1.052777806), (29, -1.166679288, -1.052777806),
    (30, -1.325976554, -1.129127959), (34, -1.325976554, -1.129127959),
    (35, -1.368045933, -1.421874940), (39, -1.368045933, -1.421874940),
    (40, -1.499690953, -1.524652221), (49, -1.499690953, -1.524652221),
    (50, -2.025261458, -2.449837160), (99, -2.025261458, -2.449837160),
    (130, -2.025261458, -2.449837160), (131, -2.025261458, -2.449837160),
    (200, -2.025261458, -2.449837160),
]


@pytest.mark.parametrize(("age", "male", "female"), AGE_ROWS)
def test_each_age_bands_first_and_last_year(age, male, female):
    config = Ogrs3Config()
    assert config.age_sex_coefficient("male", age) == male
    assert config.age_sex_coefficient("female", age) == female
    # the scoring path uses the same table (the terms carry the coefficient it used)
    assert score_ages("male", 10, age, 10, 2, "violence").terms.age_sex_coefficient == male
    assert score_ages("female", 10, age, 10, 2, "violence").terms.age_sex_coefficient == female


def test_an_age_beyond_the_table_scores_as_fifty_and_over():
    assert score_ages("male", 40, 131, 20, 3, "violence").two_year \
        == score_ages("male", 40, 50, 20, 3, "violence").two_year
    assert score_ages("female", 40, 250, 20, 3, "violence").two_year \
        == score_ages("female", 40, 60, 20, 3, "violence").two_year


@pytest.mark.parametrize("age", [9, 0, -1, -40])
def test_below_ten_at_follow_up_there_is_no_coefficient(age):
    assert Ogrs3Config().age_sex_coefficient("male", age) is None
    with pytest.raises(RuleInputError) as caught:
        score_ages("male", 12, age, 10, 2, "violence")
    assert caught.value.as_dict() == {
        "field": "follow_up_start",
        "message": f"age at the start of follow-up is {age}; OGRS3 scores from age 10"}


def test_a_re_weighted_age_table_may_list_its_rows_in_any_order():
    # Each row fills its own years only (the open-ended last row alone runs to the top of the
    # lookup), so a table written oldest first reads exactly as the published one.
    reversed_table = Ogrs3Config(age_sex=tuple(reversed(AGE_SEX_COEFFICIENTS)))
    for age, male, female in AGE_ROWS:
        assert reversed_table.age_sex_coefficient("male", age) == male
        assert reversed_table.age_sex_coefficient("female", age) == female


def test_a_re_weighted_age_table_starting_at_0_scores_age_0_and_nothing_below():
    config = Ogrs3Config(age_sex=((0, 9, 0.5, 0.25), *AGE_SEX_COEFFICIENTS))
    assert [config.age_sex_coefficient("male", age) for age in (-1, 0, 9, 10)] == [
        None, 0.5, 0.5, 0.0]
    assert [config.age_sex_coefficient("female", age) for age in (-1, 0)] == [None, 0.25]


# --- Bands and percentages ---------------------------------------------------------------------


@pytest.mark.parametrize(("pct", "band"), [(0, "low"), (49, "low"), (50, "medium"),
                                           (74, "medium"), (75, "high"), (89, "high"),
                                           (90, "very_high"), (100, "very_high")])
def test_band_cuts_either_side(pct, band):
    assert band_for_percent(pct) == band


@pytest.mark.parametrize("pct", [-1, 101, 150])
def test_a_percentage_outside_0_to_100_is_refused(pct):
    with pytest.raises(RuleInputError) as caught:
        band_for_percent(pct)
    assert caught.value.as_dict() == {"field": "two_year_percent",
                                      "message": "must be a percentage from 0 to 100"}


def test_band_cuts_are_configuration_and_the_lowest_band_catches_what_no_cut_reaches():
    config = Ogrs3Config(band_cuts=((60, "top"), (30, "middle"), (10, "bottom")))
    assert [band_for_percent(p, config) for p in (0, 9, 10, 29, 30, 59, 60, 100)] == [
        "bottom", "bottom", "bottom", "bottom", "middle", "middle", "top", "top"]


@pytest.mark.parametrize(
    ("probability", "expected"),
    [
        (0.0, 1), (0.005, 1), (0.0149, 1), (0.015, 1), (0.02, 2),
        (0.355, 35),  # the double is just below 0.355
        (0.675, 68),  # the double is just above 0.675
        (0.985, 98),  # just below: the exact value decides, not the float product 98.5
        (0.375, 38), (0.625, 63),  # exact halves go up
        # 0.495 is stored just below a half: 49
        (0.494, 49), (0.495, 49), (0.4951, 50), (0.994, 99), (0.995, 99), (1.0, 99),
    ],
)
def test_percentages_round_half_up_on_the_exact_value_and_clamp(probability, expected):
    assert percent(probability) == expected


def test_logistic_at_zero_is_a_half():
    assert logistic(0.0) == 0.5
    assert logistic(2.0) == pytest.approx(0.8807970779778823, abs=1e-15)


@pytest.mark.parametrize(("two_year_percent", "ror"), [(1, "low"), (49, "low"), (50, "high"),
                                                       (99, "high")])
def test_the_risk_of_reoffending_axis_cuts_at_fifty(two_year_percent, ror):
    result = Ogrs3Result(0.1, 0.2, 10, two_year_percent, "low", 30, 30, 20, 2, ())
    assert result.ror == ror


def test_a_result_without_terms():
    reasons = (Reason("ogrs3_band_low", SECTION, "x"),)
    result = Ogrs3Result(0.1, 0.2, 10, 20, "low", 30, 31, 20, 2, reasons)
    assert result.working() == reasons
    assert result.as_dict() == {
        "one_year": 0.1, "two_year": 0.2, "one_year_percent": 10, "two_year_percent": 20,
        "band": "low", "age_at_conviction": 30, "age_at_follow_up": 31,
        "age_at_first_sanction": 20, "sanctions_counted": 2,
        "reasons": [{"code": "ogrs3_band_low", "section": SECTION, "text": "x"}],
        "terms": None,
    }


# --- Whole results in words --------------------------------------------------------------------


def test_a_whole_result_with_its_working():
    result = score("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2,
                   "fraud_forgery", age_at_first_sanction=21)
    band = Reason("ogrs3_band_low", SECTION,
                  "OGRS3 predicts a 20% chance of proven reoffending within two years (11% "
                  "within one year): low band (0–49% on the 2-year score).")
    assert (result.one_year_percent, result.two_year_percent, result.band, result.reasons) == (
        11, 20, "low", (band,))
    assert (result.age_at_conviction, result.age_at_follow_up, result.age_at_first_sanction,
            result.sanctions_counted) == (30, 30, 21, 2)
    assert result.working() == (
        Reason("ogrs3_working_1", INPUTS, "Gender: male. Age at the start of follow-up: 30, so "
               "the age and gender term is −1.3260."),
        Reason("ogrs3_working_2", INPUTS, "Offence category: fraud and forgery, term 0.1599."),
        Reason("ogrs3_working_3", INPUTS, "Sanctions: 2 (1 previous and the current one), so the "
               "repeat-sanction term is 0.4631."),
        Reason("ogrs3_working_4", INPUTS, "Years since the first sanction: 9 (age 30 at this "
               "conviction, 21 at the first)."),
        Reason("ogrs3_working_5", FORMULA, "Copas rate: 2 ÷ (10 + 9) = 0.1053; 1.2511 × "
               "ln(0.1053) = −2.8166."),
        Reason("ogrs3_working_6", FORMULA, "Score: −1.3260 + 0.4631 − 2.8166 + 0.1599 = "
               "−3.5196."),
        Reason("ogrs3_working_7", FORMULA, "Two years: 1 ÷ (1 + e^−(2.1217 − 3.5196)) = 0.1981, "
               "so 20%. One year: 1 ÷ (1 + e^−(1.4026 − 3.5196)) = 0.1074, so 11%."),
        band,
    )
    assert result.as_dict() == {
        "one_year": result.one_year, "two_year": result.two_year, "one_year_percent": 11,
        "two_year_percent": 20, "band": "low", "age_at_conviction": 30, "age_at_follow_up": 30,
        "age_at_first_sanction": 21, "sanctions_counted": 2, "reasons": [band.as_dict()],
        "terms": {
            "sex": "male", "age_at_follow_up": 30, "offence_category": "fraud_forgery",
            "total_sanctions": 2, "sanctions_counted": 2, "years_since_first_sanction": 9,
            "age_sex_coefficient": -1.325976554, "sanction_coefficient": 0.463062792,
            "sanction_rate": 2 / 19, "copas_coefficient": 1.251124464,
            "copas_term": result.terms.copas_term, "offence_coefficient": 0.159910192,
            "linear_score": result.terms.linear_score, "intercept_one_year": 1.402562384,
            "intercept_two_year": 2.121705678, "previous_sanctions": 1,
        },
    }
    assert result.one_year == pytest.approx(0.10744707308407399, abs=1e-15)
    assert result.two_year == pytest.approx(0.19814254856003077, abs=1e-15)


def test_a_first_sanction_and_a_positive_first_term_in_the_working():
    result = score_ages("female", 12, 12, 12, 1, "soliciting")
    lines = [reason.text for reason in result.working()]
    assert lines[0] == ("Gender: female. Age at the start of follow-up: 12, so the age and "
                        "gender term is −0.6139.")
    assert lines[2] == ("Sanctions: 1 (0 previous and the current one), so the first-sanction "
                        "term is 0.1261.")
    male = [reason.text for reason in score_ages("male", 12, 12, 10, 2, "soliciting").working()]
    assert male[5] == "Score: 0.0839 + 0.4631 − 2.2417 + 0.7606 = −0.9341."
    assert male[6] == ("Two years: 1 ÷ (1 + e^−(2.1217 − 0.9341)) = 0.7663, so 77%. One year: "
                       "1 ÷ (1 + e^−(1.4026 − 0.9341)) = 0.6150, so 62%.")


def test_a_capped_count_in_the_working_and_the_reasons():
    result = score_ages("female", 30, 30, 20, 60, "robbery")
    assert result.working()[2].text == (
        "Sanctions: 60 (59 previous and the current one, capped at 51), so the repeat-sanction "
        "term is 0.4631.")
    assert result.reasons == (
        Reason("ogrs3_band_high", SECTION,
               "OGRS3 predicts a 88% chance of proven reoffending within two years (78% within "
               "one year): high band (75–89% on the 2-year score)."),
        Reason("ogrs3_sanctions_capped", INPUTS,
               "59 previous sanctions recorded; OGRS3 counts at most 50, so 51 sanctions were "
               "scored."),
    )


@pytest.mark.parametrize(
    ("args", "band", "words"),
    [
        (("male", 30, 30, 20, 10, "violence"), "medium", "medium band (50–74% on the 2-year "
                                                          "score)"),
        (("male", 18, 18, 12, 30, "theft_non_motor"), "very_high", "very high band (90% or more "
                                                                   "on the 2-year score)"),
    ],
)
def test_each_band_says_its_range(args, band, words):
    result = score_ages(*args)
    assert result.band == band
    assert result.reasons[0].code == f"ogrs3_band_{band}"
    assert result.reasons[0].text.endswith(words + ".")


def test_a_configured_offence_and_band_name_without_words_fall_back():
    config = Ogrs3Config(offences=MappingProxyType({**OFFENCE_COEFFICIENTS, "arson": 0.1}),
                         band_cuts=((60, "top"), (0, "low")))
    result = score_ages("male", 30, 30, 20, 60, "arson", config=config)
    assert result.band == "top"
    assert result.reasons[0] == Reason(
        "ogrs3_band_top", SECTION,
        "OGRS3 predicts a 93% chance of proven reoffending within two years (86% within one "
        "year): top band (see risk-predictors.md on the 2-year score).")
    assert result.working()[1].text == "Offence category: arson, term 0.1000."


# --- The sanctions cap and the first-sanction term ---------------------------------------------


@pytest.mark.parametrize(("total", "counted"), [(1, 1), (50, 50), (51, 51), (52, 51), (99, 51)])
def test_the_sanctions_cap_either_side(total, counted):
    result = score_ages("male", 40, 40, 15, total, "violence")
    assert result.sanctions_counted == counted
    assert result.terms.sanctions_counted == counted
    assert ("ogrs3_sanctions_capped" in [r.code for r in result.reasons]) is (total > 51)


def test_the_cap_is_configuration():
    config = Ogrs3Config(max_previous_sanctions=5)
    assert score_ages("male", 40, 40, 15, 6, "violence", config=config).sanctions_counted == 6
    capped = score_ages("male", 40, 40, 15, 7, "violence", config=config)
    assert capped.sanctions_counted == 6
    assert capped.reasons[1].text == ("6 previous sanctions recorded; OGRS3 counts at most 5, so "
                                      "6 sanctions were scored.")
    assert capped.two_year == score_ages("male", 40, 40, 15, 6, "violence").two_year


def test_every_constant_is_configuration():
    base = score_ages("male", 30, 30, 20, 1, "violence")
    changed = {
        "intercept_one_year": 2.0, "intercept_two_year": 3.0, "copas_coefficient": 1.0,
        "first_sanction_coefficient": 0.5, "repeat_sanction_coefficient": 0.9,
    }
    for name, value in changed.items():
        edited = score_ages("male", 30, 30, 20, 1, "violence", config=Ogrs3Config(**{name: value}))
        moved = (edited.one_year != base.one_year, edited.two_year != base.two_year)
        expected = {"intercept_one_year": (True, False), "intercept_two_year": (False, True),
                    "repeat_sanction_coefficient": (False, False)}.get(name, (True, True))
        assert moved == expected, name
    repeat = score_ages("male", 30, 30, 20, 2, "violence",
                        config=Ogrs3Config(repeat_sanction_coefficient=0.9))
    assert repeat.terms.sanction_coefficient == 0.9
    assert repeat.terms.intercept_one_year == 1.402562384
    assert repeat.terms.intercept_two_year == 2.121705678


def test_calculate_passes_its_config_through():
    inp = Ogrs3Input("male", date(1990, 1, 1), date(2020, 6, 1), date(2020, 7, 1), 3, "violence",
                     age_at_first_sanction=20)
    config = Ogrs3Config(intercept_two_year=0.0)
    assert calculate(inp, config) == score_ages("male", 30, 30, 20, 3, "violence", config=config)
    assert calculate(inp).two_year == score_ages("male", 30, 30, 20, 3, "violence").two_year


# --- Ages and the first sanction: the day before, of and after --------------------------------

DOB = date(1990, 6, 15)
ARGS = dict(sex="male", date_of_birth=DOB, follow_up_start=date(2020, 7, 1), total_sanctions=3,
            offence_category="violence")


def scored(**kwargs):
    return score(**(ARGS | {"conviction_date": date(2020, 6, 15)} | kwargs))


def refused(**kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        scored(**kwargs)
    return caught.value.as_dict()


@pytest.mark.parametrize(("on", "age"), [(date(2020, 6, 14), 29), (date(2020, 6, 15), 30),
                                         (date(2020, 6, 16), 30), (date(2020, 5, 20), 29),
                                         (date(2020, 7, 1), 30), (date(1990, 6, 14), -1)])
def test_completed_years_the_day_before_of_and_after_a_birthday(on, age):
    assert age_on(DOB, on) == age


def test_the_first_sanction_on_the_day_of_birth_and_of_the_conviction():
    assert scored(first_sanction_date=DOB).age_at_first_sanction == 0
    assert scored(first_sanction_date=date(2020, 6, 15)).age_at_first_sanction == 30
    assert scored(age_at_first_sanction=0).age_at_first_sanction == 0
    assert scored(age_at_first_sanction=30).terms.years_since_first_sanction == 0
    # both given and agreeing
    assert scored(age_at_first_sanction=25, first_sanction_date=date(2015, 6, 15)) \
        .age_at_first_sanction == 25


def test_the_youngest_conviction_scored_is_ten():
    young = score(**(ARGS | {"date_of_birth": date(2010, 6, 15),
                             "conviction_date": date(2020, 6, 15),
                             "follow_up_start": date(2020, 6, 15), "age_at_first_sanction": 10}))
    assert young.age_at_conviction == 10
    assert refused(date_of_birth=date(2010, 6, 16), follow_up_start=date(2021, 1, 1),
                   age_at_first_sanction=9) == {
        "field": "conviction_date",
        "message": "age at the current conviction is 9; OGRS3 needs at least 10 (check the date "
                   "of birth and conviction date)"}
    config = Ogrs3Config(min_conviction_age=12)
    with pytest.raises(RuleInputError) as caught:
        score_ages("male", 11, 12, 10, 2, "violence", config=config)
    assert caught.value.message.startswith("age at the current conviction is 11; OGRS3 needs at "
                                           "least 12")
    assert score_ages("male", 12, 12, 10, 2, "violence", config=config).age_at_conviction == 12


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"conviction_date": DOB - timedelta(days=1), "age_at_first_sanction": 0},
         {"field": "conviction_date", "message": "cannot be before the date of birth"}),
        ({"conviction_date": DOB, "follow_up_start": DOB, "age_at_first_sanction": 0},
         {"field": "conviction_date",
          "message": "age at the current conviction is 0; OGRS3 needs at least 10 (check the "
                     "date of birth and conviction date)"}),
        ({"first_sanction_date": DOB - timedelta(days=1)},
         {"field": "first_sanction_date", "message": "cannot be before the date of birth"}),
        ({"first_sanction_date": date(2020, 6, 16)},
         {"field": "first_sanction_date",
          "message": "cannot be after the current conviction (the current sanction counts as "
                     "the first when there were none before)"}),
        ({"age_at_first_sanction": 24, "first_sanction_date": date(2015, 6, 15)},
         {"field": "age_at_first_sanction",
          "message": "is 24 but first_sanction_date gives 25; give one or make them agree"}),
        ({}, {"field": "age_at_first_sanction",
              "message": "give age_at_first_sanction or first_sanction_date"}),
        ({"age_at_first_sanction": 20.0},
         {"field": "age_at_first_sanction", "message": "must be a whole number of years"}),
        ({"age_at_first_sanction": True},
         {"field": "age_at_first_sanction", "message": "must be a whole number of years"}),
        ({"age_at_first_sanction": -1},
         {"field": "age_at_first_sanction", "message": "cannot be negative"}),
        ({"age_at_first_sanction": 31},
         {"field": "age_at_first_sanction",
          "message": "the first sanction (age 31) cannot come after the current conviction (age "
                     "30)"}),
        ({"age_at_first_sanction": 20, "total_sanctions": 0},
         {"field": "total_sanctions",
          "message": "must be a whole number of at least 1 (it includes the current sanction)"}),
        ({"age_at_first_sanction": 20, "total_sanctions": 2.0},
         {"field": "total_sanctions",
          "message": "must be a whole number of at least 1 (it includes the current sanction)"}),
        ({"age_at_first_sanction": 20, "sex": "other"},
         {"field": "sex", "message": "must be 'male' or 'female', not 'other'"}),
        ({"age_at_first_sanction": 20, "sex": 1},
         {"field": "sex", "message": "must be 'male' or 'female', not 1"}),
        ({"age_at_first_sanction": 20, "offence_category": "arson"},
         {"field": "offence_category",
          "message": "unknown offence category 'arson'; use one of: "
                     + ", ".join(sorted(OFFENCE_COEFFICIENTS))}),
        ({"age_at_first_sanction": 20, "offence_category": 3},
         {"field": "offence_category",
          "message": "unknown offence category 3; use one of: "
                     + ", ".join(sorted(OFFENCE_COEFFICIENTS))}),
        # A list (JSON's array) cannot be looked up at all: still refused in words, not a crash.
        ({"age_at_first_sanction": 20, "sex": ["male"]},
         {"field": "sex", "message": "must be 'male' or 'female', not ['male']"}),
        ({"age_at_first_sanction": 20, "offence_category": ["burglary"]},
         {"field": "offence_category",
          "message": "unknown offence category ['burglary']; use one of: "
                     + ", ".join(sorted(OFFENCE_COEFFICIENTS))}),
    ],
)
def test_input_errors_in_words(kwargs, error):
    assert refused(**kwargs) == error


def test_the_first_sanction_at_age_zero_and_at_the_conviction_age_are_both_scored():
    zero = score_ages("male", 10, 10, 0, 2, "violence")
    assert zero.terms.years_since_first_sanction == 10
    assert zero.terms.sanction_rate == 2 / 20
    same = score_ages("male", 10, 10, 10, 2, "violence")
    assert same.terms.sanction_rate == 2 / 10


def test_the_batch_fast_path_validates_and_scores_as_the_result_does():
    args = ("male", date(1991, 7, 17), date(2021, 8, 5), date(2021, 12, 12), 2, "fraud_forgery")
    result = score(*args, first_sanction_date=date(2012, 7, 17))
    assert score_values(*args, first_sanction_date=date(2012, 7, 17)) == (
        result.one_year, result.two_year, 11, 20, "low", result.reasons)
    config = Ogrs3Config(intercept_two_year=0.0)
    assert score_values(*args, age_at_first_sanction=21, config=config)[3] == \
        score(*args, age_at_first_sanction=21, config=config).two_year_percent != 20
    with pytest.raises(RuleInputError) as caught:
        score_values(*args)
    assert caught.value.field == "age_at_first_sanction"


def test_a_zero_term_is_written_with_a_plus_not_a_minus():
    # male 10–11 has an age term of exactly 0, and violence an offence term of exactly 0
    lines = [reason.text for reason in score_ages("male", 10, 10, 10, 2, "violence").working()]
    assert lines[0].endswith("the age and gender term is 0.0000.")
    assert lines[5].startswith("Score: 0.0000 + 0.4631 − ")
    assert " + 0.0000 = " in lines[5]


def test_calculate_takes_the_first_sanction_from_its_date():
    inp = Ogrs3Input("male", date(1990, 1, 1), date(2020, 6, 1), date(2020, 7, 1), 3, "violence",
                     first_sanction_date=date(2008, 6, 1))
    assert calculate(inp).age_at_first_sanction == 18
