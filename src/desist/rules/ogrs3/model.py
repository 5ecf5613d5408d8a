"""OGRS3's model: coefficients, band cuts, :class:`Ogrs3Config`, and the arithmetic
(age in completed years, percentages, the logistic function)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from desist.rules.errors import RuleInputError

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


def _fail(field_name: str, message: str) -> RuleInputError:
    return RuleInputError(field_name, message)
