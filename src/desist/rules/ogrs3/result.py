"""OGRS3's input, the terms of the sum, and the result with its working."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desist.rules.reasons import Phrase, Reason, gettext_noop

from .model import OFFENCE_LABELS, SECTION_FORMULA, SECTION_VALIDATION


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
        gender = Phrase.of(gettext_noop("male")) if t.sex == "male" \
            else Phrase.of(gettext_noop("female"))
        n = _signed
        # The sanctions line is said whole four ways: counted as the first sanction or a repeat,
        # with or without the cap on the count.
        capped = t.sanctions_counted != t.total_sanctions
        if t.sanctions_counted == 1:
            sanctions = gettext_noop(
                "Sanctions: %(total)s (%(previous)s previous and the current one, capped at "
                "%(counted)s), so the first-sanction term is %(term)s.") if capped else \
                gettext_noop("Sanctions: %(total)s (%(previous)s previous and the current one), "
                             "so the first-sanction term is %(term)s.")
        else:
            sanctions = gettext_noop(
                "Sanctions: %(total)s (%(previous)s previous and the current one, capped at "
                "%(counted)s), so the repeat-sanction term is %(term)s.") if capped else \
                gettext_noop("Sanctions: %(total)s (%(previous)s previous and the current one), "
                             "so the repeat-sanction term is %(term)s.")
        return (
            Reason.of("ogrs3_working_1", SECTION_VALIDATION, gettext_noop(
                "Gender: %(gender)s. Age at the start of follow-up: %(age)s, so the age and "
                "gender term is %(term)s."),
                gender=gender, age=t.age_at_follow_up, term=n(t.age_sex_coefficient)),
            Reason.of("ogrs3_working_2", SECTION_VALIDATION,
                      gettext_noop("Offence category: %(offence)s, term %(term)s."),
                      offence=OFFENCE_LABELS.get(t.offence_category, t.offence_category),
                      term=n(t.offence_coefficient)),
            Reason.of("ogrs3_working_3", SECTION_VALIDATION, sanctions,
                      total=t.total_sanctions, previous=t.previous_sanctions,
                      counted=t.sanctions_counted, term=n(t.sanction_coefficient)),
            Reason.of("ogrs3_working_4", SECTION_VALIDATION, gettext_noop(
                "Years since the first sanction: %(years)s (age %(age)s at this conviction, "
                "%(first)s at the first)."),
                years=t.years_since_first_sanction, age=self.age_at_conviction,
                first=self.age_at_first_sanction),
            Reason.of("ogrs3_working_5", SECTION_FORMULA, gettext_noop(
                "Copas rate: %(counted)s ÷ (10 + %(years)s) = %(rate).4f; %(coefficient).4f × "
                "ln(%(rate).4f) = %(term)s."),
                counted=t.sanctions_counted, years=t.years_since_first_sanction,
                rate=t.sanction_rate, coefficient=t.copas_coefficient, term=n(t.copas_term)),
            Reason.of("ogrs3_working_6", SECTION_FORMULA, gettext_noop(
                "Score: %(sum)s = %(score)s."),
                sum=_sum_text((t.age_sex_coefficient, t.sanction_coefficient, t.copas_term,
                               t.offence_coefficient)),
                score=n(t.linear_score)),
            Reason.of("ogrs3_working_7", SECTION_FORMULA, gettext_noop(
                "Two years: 1 ÷ (1 + e^−(%(sum_two)s)) = %(two).4f, so %(two_percent)s%%. One "
                "year: 1 ÷ (1 + e^−(%(sum_one)s)) = %(one).4f, so %(one_percent)s%%."),
                sum_two=_sum_text((t.intercept_two_year, t.linear_score)), two=self.two_year,
                two_percent=self.two_year_percent,
                sum_one=_sum_text((t.intercept_one_year, t.linear_score)), one=self.one_year,
                one_percent=self.one_year_percent),
        ) + self.reasons


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
