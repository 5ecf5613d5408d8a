"""OGRS3's input, the terms of the sum, and the result with its working."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desist.rules.reasons import Reason

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
