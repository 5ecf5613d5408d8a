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

The rules live in one module per part: ``model`` (the coefficients, band cuts, configuration
and the arithmetic helpers), ``result`` (input, terms and result with its working) and
``scoring`` (validation and the score itself); this package names them all
(``from desist.rules.ogrs3 import calculate``).
"""

from __future__ import annotations

from .model import (
    AGE_SEX_COEFFICIENTS,
    BAND_CUTS,
    BANDS,
    DEFAULT_CONFIG,
    OFFENCE_COEFFICIENTS,
    OFFENCE_LABELS,
    SECTION,
    SECTION_FORMULA,
    SECTION_VALIDATION,
    SEXES,
    Ogrs3Config,
    age_on,
    band_for_percent,
    logistic,
    percent,
)
from .result import Ogrs3Input, Ogrs3Result, Ogrs3Terms
from .scoring import _BAND_REASONS as _BAND_REASONS  # the memo the boundary tests clear
from .scoring import calculate, score, score_ages, score_values

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
    "SECTION",
    "SECTION_FORMULA",
    "SECTION_VALIDATION",
]
