"""Scoring: the inputs checked, the linear score, the probabilities and the band, with reasons."""

from __future__ import annotations

import math
from datetime import date
from typing import cast

from desist.rules.reasons import Reason, gettext_noop

from .model import (
    _BAND_LABEL,
    _BAND_RANGE_TEXT,
    _MAX_AGE_LOOKUP,
    DEFAULT_CONFIG,
    SECTION,
    SECTION_VALIDATION,
    Ogrs3Config,
    _fail,
    age_on,
    logistic,
    percent,
)
from .result import Ogrs3Input, Ogrs3Result, Ogrs3Terms

# At most 99 × 99 percentage pairs, so the batch reuses one Reason per pair instead of
# formatting text for every case.
_BAND_REASONS: dict[tuple[int, int, str], Reason] = {}


def _band_reason(pct1: int, pct2: int, band: str) -> Reason:
    key = (pct1, pct2, band)
    reason = _BAND_REASONS.get(key)
    if reason is None:
        reason = Reason.of(
            f"ogrs3_band_{band}",
            SECTION,
            gettext_noop("OGRS3 predicts a %(two_year)s%% chance of proven reoffending within two "
                         "years (%(one_year)s%% within one year): %(band)s band (%(range)s on the "
                         "2-year score)."),
            two_year=pct2, one_year=pct1, band=_BAND_LABEL.get(band, band),
            range=_BAND_RANGE_TEXT.get(band, "see risk-predictors.md"),
        )
        _BAND_REASONS[key] = reason
    return reason


def _compute(
    sex: str,
    age_at_conviction: int,
    age_at_follow_up: int,
    age_at_first_sanction: int,
    total_sanctions: int,
    offence_category: str,
    config: Ogrs3Config,
) -> tuple[float, float, int, int, str, tuple[Reason, ...], int]:
    """Validate (risk-predictors.md, "Inputs") and score; a plain tuple, nothing built per case
    beyond it: (p1, p2, pct1, pct2, band, reasons, sanctions counted)."""
    by_age = config._by_age.get(sex) if type(sex) is str else None
    if by_age is None:
        raise _fail("sex", f"must be 'male' or 'female', not {sex!r}")
    offence = config.offences.get(offence_category) if type(offence_category) is str else None
    if offence is None:
        raise _fail(
            "offence_category",
            f"unknown offence category {offence_category!r}; use one of: "
            + ", ".join(sorted(config.offences)),
        )
    if type(total_sanctions) is not int or total_sanctions < 1:
        raise _fail(
            "total_sanctions",
            "must be a whole number of at least 1 (it includes the current sanction)",
        )
    if age_at_conviction < config.min_conviction_age:
        raise _fail(
            "conviction_date",
            f"age at the current conviction is {age_at_conviction}; OGRS3 needs at least "
            f"{config.min_conviction_age} (check the date of birth and conviction date)",
        )
    if age_at_first_sanction < 0:
        raise _fail("age_at_first_sanction", "cannot be negative")
    if age_at_first_sanction > age_at_conviction:
        raise _fail(
            "age_at_first_sanction",
            f"the first sanction (age {age_at_first_sanction}) cannot come after the current "
            f"conviction (age {age_at_conviction})",
        )
    years_in_career = 10 + age_at_conviction - age_at_first_sanction
    if years_in_career <= 0:
        raise _fail("age_at_first_sanction", "10 + (age at conviction − age at first sanction) "
                    "must be positive")
    age_coef = (
        by_age[age_at_follow_up if age_at_follow_up <= _MAX_AGE_LOOKUP else _MAX_AGE_LOOKUP]
        if age_at_follow_up >= 0 else None
    )
    if age_coef is None:
        raise _fail(
            "follow_up_start",
            f"age at the start of follow-up is {age_at_follow_up}; OGRS3 scores from age 10",
        )

    cap = config.max_previous_sanctions + 1
    counted = total_sanctions if total_sanctions <= cap else cap
    x = (
        age_coef
        + (config.first_sanction_coefficient if counted == 1
           else config.repeat_sanction_coefficient)
        + config.copas_coefficient * math.log(counted / years_in_career)
        + offence
    )
    p1 = logistic(config.intercept_one_year + x)
    p2 = logistic(config.intercept_two_year + x)
    pct1 = percent(p1)
    pct2 = percent(p2)
    band = config._band_by_percent[pct2]

    reasons: tuple[Reason, ...] = (_band_reason(pct1, pct2, band),)
    if counted != total_sanctions:
        reasons += (
            Reason.of(
                "ogrs3_sanctions_capped",
                SECTION_VALIDATION,
                gettext_noop("%(previous)s previous sanctions recorded; OGRS3 counts at most "
                             "%(most)s, so %(counted)s sanctions were scored."),
                previous=total_sanctions - 1, most=config.max_previous_sanctions,
                counted=counted,
            ),
        )
    return p1, p2, pct1, pct2, band, reasons, counted


def _terms(
    sex: str,
    age_at_conviction: int,
    age_at_follow_up: int,
    age_at_first_sanction: int,
    total_sanctions: int,
    counted: int,
    offence_category: str,
    config: Ogrs3Config,
) -> Ogrs3Terms:
    """The intermediate terms of an input :func:`_compute` has already validated (the same
    arithmetic, kept apart so the batch fast path does not build them)."""
    years = age_at_conviction - age_at_first_sanction
    # _compute has refused an age with no coefficient, so this is a float.
    age_coef = cast(float, config.age_sex_coefficient(sex, age_at_follow_up))
    sanction = (config.first_sanction_coefficient if counted == 1
                else config.repeat_sanction_coefficient)
    rate = counted / (10 + years)
    copas = config.copas_coefficient * math.log(rate)
    offence = config.offences[offence_category]
    return Ogrs3Terms(
        sex=sex, age_at_follow_up=age_at_follow_up, offence_category=offence_category,
        total_sanctions=total_sanctions, sanctions_counted=counted,
        years_since_first_sanction=years, age_sex_coefficient=age_coef,
        sanction_coefficient=sanction, sanction_rate=rate,
        copas_coefficient=config.copas_coefficient, copas_term=copas,
        offence_coefficient=offence, linear_score=age_coef + sanction + copas + offence,
        intercept_one_year=config.intercept_one_year,
        intercept_two_year=config.intercept_two_year,
    )


def _ages(
    date_of_birth: date,
    conviction_date: date,
    follow_up_start: date,
    age_at_first_sanction: int | None,
    first_sanction_date: date | None,
) -> tuple[int, int, int]:
    """Completed years at conviction, at the start of follow-up and at the first sanction."""
    if conviction_date < date_of_birth:
        raise _fail("conviction_date", "cannot be before the date of birth")
    age_at_conviction = age_on(date_of_birth, conviction_date)
    age_at_follow_up = age_on(date_of_birth, follow_up_start)
    if first_sanction_date is not None:
        if first_sanction_date < date_of_birth:
            raise _fail("first_sanction_date", "cannot be before the date of birth")
        if first_sanction_date > conviction_date:
            raise _fail(
                "first_sanction_date",
                "cannot be after the current conviction (the current sanction counts as the "
                "first when there were none before)",
            )
        from_date = age_on(date_of_birth, first_sanction_date)
        if age_at_first_sanction is not None and age_at_first_sanction != from_date:
            raise _fail(
                "age_at_first_sanction",
                f"is {age_at_first_sanction} but first_sanction_date gives {from_date}; "
                "give one or make them agree",
            )
        return age_at_conviction, age_at_follow_up, from_date
    if age_at_first_sanction is None:
        raise _fail(
            "age_at_first_sanction",
            "give age_at_first_sanction or first_sanction_date",
        )
    if type(age_at_first_sanction) is not int:
        raise _fail("age_at_first_sanction", "must be a whole number of years")
    return age_at_conviction, age_at_follow_up, age_at_first_sanction


def score_ages(
    sex: str,
    age_at_conviction: int,
    age_at_follow_up: int,
    age_at_first_sanction: int,
    total_sanctions: int,
    offence_category: str,
    config: Ogrs3Config = DEFAULT_CONFIG,
) -> Ogrs3Result:
    """Score from ages already in completed years.

    Validates exactly the rules of risk-predictors.md, "Inputs", and raises
    :class:`RuleInputError` naming the field for anything that cannot be scored.
    """
    p1, p2, pct1, pct2, band, reasons, counted = _compute(
        sex, age_at_conviction, age_at_follow_up, age_at_first_sanction, total_sanctions,
        offence_category, config,
    )
    terms = _terms(sex, age_at_conviction, age_at_follow_up, age_at_first_sanction,
                   total_sanctions, counted, offence_category, config)
    return Ogrs3Result(
        p1, p2, pct1, pct2, band,
        age_at_conviction, age_at_follow_up, age_at_first_sanction, counted, reasons, terms,
    )


def score(
    sex: str,
    date_of_birth: date,
    conviction_date: date,
    follow_up_start: date,
    total_sanctions: int,
    offence_category: str,
    age_at_first_sanction: int | None = None,
    first_sanction_date: date | None = None,
    config: Ogrs3Config = DEFAULT_CONFIG,
) -> Ogrs3Result:
    """Score OGRS3 from plain values (dates as :class:`datetime.date`).

    Ages are completed years: at the current conviction, at the start of follow-up (which picks
    the age/sex coefficient) and at the first sanction (from its date when given).
    """
    ages = _ages(date_of_birth, conviction_date, follow_up_start, age_at_first_sanction,
                 first_sanction_date)
    p1, p2, pct1, pct2, band, reasons, counted = _compute(
        sex, *ages, total_sanctions, offence_category, config
    )
    terms = _terms(sex, *ages, total_sanctions, counted, offence_category, config)
    return Ogrs3Result(p1, p2, pct1, pct2, band, *ages, counted, reasons, terms)


def score_values(
    sex: str,
    date_of_birth: date,
    conviction_date: date,
    follow_up_start: date,
    total_sanctions: int,
    offence_category: str,
    age_at_first_sanction: int | None = None,
    first_sanction_date: date | None = None,
    config: Ogrs3Config = DEFAULT_CONFIG,
) -> tuple[float, float, int, int, str, tuple[Reason, ...]]:
    """Batch fast path: as :func:`score`, but a plain tuple
    ``(one_year, two_year, one_year_percent, two_year_percent, band, reasons)``."""
    ages = _ages(date_of_birth, conviction_date, follow_up_start, age_at_first_sanction,
                 first_sanction_date)
    return _compute(sex, *ages, total_sanctions, offence_category, config)[:6]


def calculate(inp: Ogrs3Input, config: Ogrs3Config = DEFAULT_CONFIG) -> Ogrs3Result:
    """Score an :class:`Ogrs3Input` (risk-predictors.md)."""
    return score(
        inp.sex,
        inp.date_of_birth,
        inp.conviction_date,
        inp.follow_up_start,
        inp.total_sanctions,
        inp.offence_category,
        inp.age_at_first_sanction,
        inp.first_sanction_date,
        config,
    )
