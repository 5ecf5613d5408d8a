"""OGRS3: the risk-of-reoffending predictor behind the colour band's RoR axis.

Implements ``shared/domain/risk-predictors.md`` (all of it) and feeds ``operating-model.md`` §4,
whose matrix cuts the 2-year score at 50.

Source of the model: Howard, Francis, Soothill and Humphreys, *OGRS 3: the revised Offender
Group Reconviction Scale*, Ministry of Justice research summary 7/09 (2009). Coefficients as
in the Ministry of Justice's risk actuarial service
(``ministryofjustice/hmpps-arns-risk-actuarial-api``, OGRS3 code before its removal, noted there
as matching the OASys spreadsheet) with the more precise constants that
``risk-predictors.md`` gives; where the sources disagree (female 10–15 age coefficients,
sexual-not-child, drink driving vs other motoring) the choice stated in that file is used.

Two ways in:

- :func:`calculate` takes an :class:`Ogrs3Input` (the dataclass API used by pages and services);
- :func:`score` takes the same facts as plain arguments and skips building the input object;
  :func:`score_ages` takes ages already in completed years.

These return an :class:`Ogrs3Result` carrying the unrounded probabilities, the rounded
percentages, the band, the ages used and the reasons. :func:`score_values` is the batch fast
path behind ``desist rules ogrs3``: the same validation and arithmetic, returned as a plain
tuple ``(one_year, two_year, one_year_percent, two_year_percent, band, reasons)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

SECTION = "risk-predictors.md"
SECTION_FORMULA = "risk-predictors.md, Formula"
SECTION_VALIDATION = "risk-predictors.md, Inputs"

SEXES = ("male", "female")

# (lowest age, highest age or None for open-ended, male coefficient, female coefficient).
# Age is completed years at the start of follow-up (risk-predictors.md, "Age and sex").
AGE_SEX_COEFFICIENTS: tuple[tuple[int, int | None, float, float], ...] = (
    (10, 11, 0.0, -0.785038489),
    (12, 13, 0.083922902, -0.613852078),
    (14, 15, 0.075775765, -0.669521331),
    (16, 17, -0.061594199, -0.959179629),
    (18, 20, -0.625103618, -0.897480934),
    (21, 24, -1.051515067, -1.028488454),
    (25, 29, -1.166679288, -1.052777806),
    (30, 34, -1.325976554, -1.129127959),
    (35, 39, -1.368045933, -1.421874940),
    (40, 49, -1.499690953, -1.524652221),
    (50, None, -2.025261458, -2.449837160),
)

# Offence category of the current offence → coefficient (risk-predictors.md, "Offence categories").
OFFENCE_COEFFICIENTS: MappingProxyType[str, float] = MappingProxyType(
    {
        "violence": 0.0,
        "robbery": -0.634795912,
        "public_order": 0.181917975,
        "sexual_not_child": 0.0328,
        "sexual_child": -0.653434071,
        "soliciting": 0.760608858,
        "burglary_domestic": -0.12394352,
        "burglary_other": 0.240604429,
        "theft_non_motor": 0.661244321,
        "handling": 0.351866973,
        "fraud_forgery": 0.159910192,
        "absconding_bail": 0.733378677,
        "taking_driving_away": 0.380059431,
        "theft_from_vehicles": 0.427225615,
        "drink_driving": -0.121439408,
        "other_motoring": 0.262228428,
        "criminal_damage": 0.204960477,
        "drug_import_export_production": -0.795556373,
        "drug_possession_supply": 0.077165871,
        "other": -0.060667525,
    }
)

OFFENCE_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "violence": "violence against the person",
        "robbery": "robbery",
        "public_order": "public order and harassment",
        "sexual_not_child": "sexual (not against a child)",
        "sexual_child": "sexual (against a child)",
        "soliciting": "soliciting or prostitution",
        "burglary_domestic": "burglary (domestic)",
        "burglary_other": "burglary (other)",
        "theft_non_motor": "theft (non-motor)",
        "handling": "handling stolen goods",
        "fraud_forgery": "fraud and forgery",
        "absconding_bail": "absconding or bail offences",
        "taking_driving_away": "taking and driving away and related",
        "theft_from_vehicles": "theft from vehicles",
        "drink_driving": "drink driving",
        "other_motoring": "other motoring",
        "criminal_damage": "criminal damage",
        "drug_import_export_production": "drug import, export or production",
        "drug_possession_supply": "drug possession or supply",
        "other": "other offence",
    }
)

# Lowest 2-year percentage of each band, highest first (risk-predictors.md: 0–49 low,
# 50–74 medium, 75–89 high, 90+ very high).
BAND_CUTS: tuple[tuple[int, str], ...] = (
    (90, "very_high"),
    (75, "high"),
    (50, "medium"),
    (0, "low"),
)
BANDS = ("low", "medium", "high", "very_high")

_BAND_RANGE_TEXT = {
    "low": "0–49%",
    "medium": "50–74%",
    "high": "75–89%",
    "very_high": "90% or more",
}
_BAND_LABEL = {"low": "low", "medium": "medium", "high": "high", "very_high": "very high"}

_MAX_AGE_LOOKUP = 130


@dataclass(frozen=True, slots=True)
class Ogrs3Config:
    """The model's constants; pass an edited copy to re-weight without touching code."""

    intercept_one_year: float = 1.402562384
    intercept_two_year: float = 2.121705678
    copas_coefficient: float = 1.251124464
    first_sanction_coefficient: float = 0.126142106
    repeat_sanction_coefficient: float = 0.463062792
    max_previous_sanctions: int = 50
    min_conviction_age: int = 10
    age_sex: tuple[tuple[int, int | None, float, float], ...] = AGE_SEX_COEFFICIENTS
    offences: MappingProxyType[str, float] = field(default_factory=lambda: OFFENCE_COEFFICIENTS)
    band_cuts: tuple[tuple[int, str], ...] = BAND_CUTS
    # Built once per config so scoring is an index, not a scan of the age table.
    _by_age: dict[str, tuple[float | None, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _band_by_percent: list[str] = field(
        init=False, repr=False, compare=False, default_factory=list
    )

    def __post_init__(self) -> None:
        male: list[float | None] = [None] * (_MAX_AGE_LOOKUP + 1)
        female: list[float | None] = [None] * (_MAX_AGE_LOOKUP + 1)
        for low, high, m, f in self.age_sex:
            top = _MAX_AGE_LOOKUP if high is None else high
            for age in range(low, top + 1):
                male[age] = m
                female[age] = f
        self._by_age["male"] = tuple(male)
        self._by_age["female"] = tuple(female)
        for pct in range(101):
            self._band_by_percent.append(
                next((name for lowest, name in self.band_cuts if pct >= lowest),
                     self.band_cuts[-1][1])
            )

    def age_sex_coefficient(self, sex: str, age: int) -> float | None:
        """Coefficient for completed age at start of follow-up; None below the table."""
        table = self._by_age[sex]
        if age > _MAX_AGE_LOOKUP:
            age = _MAX_AGE_LOOKUP
        if age < 0:
            return None
        return table[age]


DEFAULT_CONFIG = Ogrs3Config()


@dataclass(frozen=True, slots=True)
class Ogrs3Input:
    """The static facts OGRS3 scores (risk-predictors.md, "Inputs").

    Give ``age_at_first_sanction`` or ``first_sanction_date`` (or both, if they agree).
    ``total_sanctions`` includes the current one.
    """

    sex: str
    date_of_birth: date
    conviction_date: date
    follow_up_start: date
    total_sanctions: int
    offence_category: str
    age_at_first_sanction: int | None = None
    first_sanction_date: date | None = None


@dataclass(frozen=True, slots=True)
class Ogrs3Terms:
    """Every input OGRS3 scored and each intermediate term of its arithmetic (risk-predictors.md,
    "Formula"), so "how this was worked out" can show the whole calculation, not just the answer.

    ``years_since_first_sanction`` is age at the current conviction − age at the first sanction
    (the length of the criminal career). ``sanction_rate`` is the Copas rate's argument,
    sanctions ÷ (10 + years); ``copas_term`` is its log times the Copas coefficient.
    """

    sex: str
    age_at_follow_up: int
    offence_category: str
    total_sanctions: int
    sanctions_counted: int
    years_since_first_sanction: int
    age_sex_coefficient: float
    sanction_coefficient: float
    sanction_rate: float
    copas_coefficient: float
    copas_term: float
    offence_coefficient: float
    linear_score: float
    intercept_one_year: float
    intercept_two_year: float

    @property
    def previous_sanctions(self) -> int:
        return self.total_sanctions - 1

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__} | {
            "previous_sanctions": self.previous_sanctions}


@dataclass(frozen=True, slots=True)
class Ogrs3Result:
    """OGRS3 scores: unrounded probabilities, rounded percentages (1–99) and the band."""

    one_year: float
    two_year: float
    one_year_percent: int
    two_year_percent: int
    band: str
    age_at_conviction: int
    age_at_follow_up: int
    age_at_first_sanction: int
    sanctions_counted: int
    reasons: tuple[Reason, ...]
    terms: Ogrs3Terms | None = None

    @property
    def ror(self) -> str:
        """Risk of reoffending for the colour-band matrix (operating-model.md §4)."""
        return "high" if self.two_year_percent >= 50 else "low"

    def as_dict(self) -> dict[str, Any]:
        return {
            "one_year": self.one_year,
            "two_year": self.two_year,
            "one_year_percent": self.one_year_percent,
            "two_year_percent": self.two_year_percent,
            "band": self.band,
            "age_at_conviction": self.age_at_conviction,
            "age_at_follow_up": self.age_at_follow_up,
            "age_at_first_sanction": self.age_at_first_sanction,
            "sanctions_counted": self.sanctions_counted,
            "reasons": [r.as_dict() for r in self.reasons],
            "terms": self.terms.as_dict() if self.terms else None,
        }

    def working(self) -> tuple[Reason, ...]:
        """The calculation in plain words, one line per input and step (risk-predictors.md)."""
        t = self.terms
        if t is None:
            return self.reasons
        gender = "male" if t.sex == "male" else "female"
        capped = (f", capped at {t.sanctions_counted}" if t.sanctions_counted != t.total_sanctions
                  else "")
        n = _signed
        lines = [
            (SECTION_VALIDATION, f"Gender: {gender}. Age at the start of follow-up: "
             f"{t.age_at_follow_up}, so the age and gender term is {n(t.age_sex_coefficient)}."),
            (SECTION_VALIDATION, "Offence category: "
             f"{OFFENCE_LABELS.get(t.offence_category, t.offence_category)}, term "
             f"{n(t.offence_coefficient)}."),
            (SECTION_VALIDATION, f"Sanctions: {t.total_sanctions} ({t.previous_sanctions} "
             f"previous and the current one{capped}), so the "
             f"{'first' if t.sanctions_counted == 1 else 'repeat'}-sanction term is "
             f"{n(t.sanction_coefficient)}."),
            (SECTION_VALIDATION, f"Years since the first sanction: {t.years_since_first_sanction} "
             f"(age {self.age_at_conviction} at this conviction, {self.age_at_first_sanction} at "
             "the first)."),
            (SECTION_FORMULA, f"Copas rate: {t.sanctions_counted} ÷ (10 + "
             f"{t.years_since_first_sanction}) = {t.sanction_rate:.4f}; "
             f"{t.copas_coefficient:.4f} × ln({t.sanction_rate:.4f}) = {n(t.copas_term)}."),
            (SECTION_FORMULA, "Score: " + _sum_text((t.age_sex_coefficient, t.sanction_coefficient,
                                                     t.copas_term, t.offence_coefficient))
             + f" = {n(t.linear_score)}."),
            (SECTION_FORMULA, "Two years: 1 ÷ (1 + e^−("
             f"{_sum_text((t.intercept_two_year, t.linear_score))})) = {self.two_year:.4f}, so "
             f"{self.two_year_percent}%. One year: 1 ÷ (1 + e^−("
             f"{_sum_text((t.intercept_one_year, t.linear_score))})) = {self.one_year:.4f}, so "
             f"{self.one_year_percent}%."),
        ]
        return tuple(Reason(f"ogrs3_working_{i}", section, text)
                     for i, (section, text) in enumerate(lines, start=1)) + self.reasons


# ----------------------------------------------------------------------------------------------
# Arithmetic helpers


def _signed(value: float) -> str:
    """A term as printed in the working: 4 decimals, a true minus sign."""
    return f"{value:.4f}".replace("-", "−")


def _sum_text(values) -> str:
    """``a + b − c`` with true minus signs, for the working shown on screen."""
    out = ""
    for i, value in enumerate(values):
        magnitude = f"{abs(value):.4f}"
        if i == 0:
            out = ("−" if value < 0 else "") + magnitude
        else:
            out += (" − " if value < 0 else " + ") + magnitude
    return out


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years from ``date_of_birth`` to ``on`` (negative if ``on`` is before birth).

    A 29 February birthday is reached on 1 March in non-leap years, as Java's
    ``Period.between`` (used by the Ministry of Justice service) counts it.
    """
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def percent(probability: float) -> int:
    """Probability → whole percentage, rounded half-up on the exact value, clamped to 1–99.

    The float product ``p * 100`` can land a hair either side of .5; only then is the exact
    decimal value consulted, so the common case stays cheap.
    """
    scaled = probability * 100.0
    frac = scaled - math.floor(scaled)
    if abs(frac - 0.5) < 1e-9:
        whole = int((Decimal(probability) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        whole = int(scaled + 0.5)
    if whole < 1:
        return 1
    if whole > 99:
        return 99
    return whole


def band_for_percent(two_year_percent: int, config: Ogrs3Config = DEFAULT_CONFIG) -> str:
    """OGRS3 band of a 2-year percentage (risk-predictors.md: 0–49 / 50–74 / 75–89 / 90+)."""
    if 0 <= two_year_percent <= 100:
        return config._band_by_percent[int(two_year_percent)]
    raise _fail("two_year_percent", "must be a percentage from 0 to 100")


def logistic(x: float) -> float:
    # Any valid OGRS3 input keeps x within about ±10, so exp(-x) cannot overflow here.
    return 1.0 / (1.0 + math.exp(-x))


# ----------------------------------------------------------------------------------------------
# Scoring


# At most 99 × 99 percentage pairs, so the batch reuses one Reason per pair instead of
# formatting text for every case.
_BAND_REASONS: dict[tuple[int, int, str], Reason] = {}


def _band_reason(pct1: int, pct2: int, band: str) -> Reason:
    key = (pct1, pct2, band)
    reason = _BAND_REASONS.get(key)
    if reason is None:
        reason = Reason(
            f"ogrs3_band_{band}",
            SECTION,
            f"OGRS3 predicts a {pct2}% chance of proven reoffending within two years "
            f"({pct1}% within one year): {_BAND_LABEL.get(band, band)} band "
            f"({_BAND_RANGE_TEXT.get(band, 'see risk-predictors.md')} on the 2-year score).",
        )
        _BAND_REASONS[key] = reason
    return reason


def _fail(field_name: str, message: str) -> RuleInputError:
    return RuleInputError(field_name, message)


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
            Reason(
                "ogrs3_sanctions_capped",
                SECTION_VALIDATION,
                f"{total_sanctions - 1} previous sanctions recorded; OGRS3 counts at most "
                f"{config.max_previous_sanctions}, so {counted} sanctions were scored.",
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
    age_coef = config.age_sex_coefficient(sex, age_at_follow_up)
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


__all__ = [
    "AGE_SEX_COEFFICIENTS",
    "BANDS",
    "BAND_CUTS",
    "DEFAULT_CONFIG",
    "OFFENCE_COEFFICIENTS",
    "OFFENCE_LABELS",
    "SEXES",
    "Ogrs3Config",
    "Ogrs3Input",
    "Ogrs3Result",
    "Ogrs3Terms",
    "age_on",
    "band_for_percent",
    "calculate",
    "logistic",
    "percent",
    "score",
    "score_ages",
    "score_values",
]
