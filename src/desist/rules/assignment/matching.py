"""What makes a case complex, the inputs checked, and the matching rules each assignment is
warned against (§3, F6)."""

from __future__ import annotations

from collections.abc import Iterable

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.workload import (
    BANDS,
    GRADE_NAMES,
    ROSH_LEVELS,
    WorkloadWeights,
    registration_name,
)

from .profile import (
    _RELEVANT_SPECIALISM,
    _TRAINED_COMPLEX_COVERS,
    COMPLEX_REGISTRATIONS,
    COMPLEXITY_TRAINING,
    FACTOR_NAMES,
    GENDERS,
    IOM,
    QUALIFIED_GRADES,
    SECTION,
    TRAINED_COMPLEX,
    WOMENS_CHAMPION,
    WORKLOAD_SECTION,
    AssignmentWarning,
    CaseProfile,
    Officer,
)


def _factor_name(code: str) -> str:
    return FACTOR_NAMES.get(code) or registration_name(code)


def complexity_factors(case: CaseProfile) -> tuple[str, ...]:
    """Why the case is complex (empty when it is not), in a stable order."""
    factors: list[str] = []
    if case.rosh != "low":
        factors.append(f"rosh_{case.rosh}")
    factors.extend(sorted(case.registrations & COMPLEX_REGISTRATIONS))
    if case.band in ("red", "blue"):
        factors.append(f"band_{case.band}")
    if case.complex:
        factors.append("manager_judgement")
    return tuple(factors)


def _validate_case(case: CaseProfile, weights: WorkloadWeights) -> None:
    if case.rosh not in ROSH_LEVELS:
        raise RuleInputError("rosh", f"must be one of {', '.join(ROSH_LEVELS)}, not {case.rosh!r}")
    if case.band is not None and case.band not in BANDS:
        raise RuleInputError("band", f"must be one of {', '.join(BANDS)} or empty")
    if case.gender is not None and case.gender not in GENDERS:
        raise RuleInputError("gender", f"must be one of {', '.join(GENDERS)} or empty")
    if not isinstance(case.complex, bool):
        raise RuleInputError("complex", "must be true or false")
    unknown = sorted(code for code in case.registrations if code not in weights.codes)
    if unknown:
        raise RuleInputError("registrations", f"unknown registration code {unknown[0]!r}")


def _validate_officer(index: int, officer: Officer, weights: WorkloadWeights) -> None:
    where = f"officers.{index}"
    if not isinstance(officer.id, str) or not officer.id:
        raise RuleInputError(f"{where}.id", "must be a non-empty string")
    grades = weights.table("grade_targets")
    if officer.grade not in grades:
        raise RuleInputError(f"{where}.grade", f"must be one of {', '.join(sorted(grades))}")
    if officer.gender not in GENDERS:
        raise RuleInputError(f"{where}.gender", f"must be one of {', '.join(GENDERS)}")
    if not isinstance(officer.agency, bool):
        raise RuleInputError(f"{where}.agency", "must be true or false")
    for name in ("current_points", "capacity_points"):
        value = getattr(officer, name)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise RuleInputError(f"{where}.{name}", "must be a number, 0 or more")
    if not all(isinstance(s, str) for s in officer.specialisms):
        raise RuleInputError(f"{where}.specialisms", "must be text codes")


def _untrained_factors(factors: Iterable[str], specialisms: frozenset[str]) -> list[str]:
    missing = []
    for factor in factors:
        if TRAINED_COMPLEX in specialisms and factor in _TRAINED_COMPLEX_COVERS:
            continue
        if any(t in specialisms for t in COMPLEXITY_TRAINING[factor]):
            continue
        missing.append(factor)
    return missing


def _warnings(
    case: CaseProfile, officer: Officer, factors: tuple[str, ...], over_after: bool, after: str
) -> list[tuple[AssignmentWarning, str]]:
    """Warnings with the config attribute naming each one's penalty."""
    found: list[tuple[AssignmentWarning, str]] = []
    names = ", ".join(_factor_name(f) for f in factors)
    grade_name = GRADE_NAMES.get(officer.grade, officer.grade)

    if factors and officer.grade not in QUALIFIED_GRADES:
        missing = _untrained_factors(factors, officer.specialisms)
        if missing:
            code = f"complex_case_to_{officer.grade.lower()}"
            text = (
                f"This is a complex case ({names}). Complex cases go to a probation officer "
                f"or a PSO trained for the work; {officer.id} is a {grade_name} with no "
                f"training recorded for: {', '.join(_factor_name(f) for f in missing)}."
            )
            reasons = [Reason(code, SECTION, text)]
            if {"rosh_high", "rosh_very_high"} & set(missing):
                reasons.append(
                    Reason(
                        "s3_high_rosh_needs_po",
                        "operating-model.md §2",
                        "High or very high RoSH is beyond a PSO's remit and must be escalated "
                        "to the NPS.",
                    )
                )
            reasons.append(
                Reason(
                    "f6_complex_cases_to_pso",
                    "operating-model.md §18 F6",
                    "The inspectors found complex cases given to PSOs, including a medium-RoSH "
                    "domestic-abuse case reassigned to a PSO who missed rising risk.",
                )
            )
            found.append((AssignmentWarning(code, tuple(reasons)), "complex_to_untrained_penalty"))

    if factors and officer.agency:
        reason = Reason(
            "complex_case_to_agency",
            SECTION,
            f"This is a complex case ({names}) and {officer.id} is agency (temporary) staff; "
            "the inspectors found complex cases given to agency staff (F6).",
        )
        found.append(
            (AssignmentWarning("complex_case_to_agency", (reason,)), "complex_to_agency_penalty")
        )

    if (
        case.gender == "female"
        and officer.gender != "female"
        and WOMENS_CHAMPION not in officer.specialisms
    ):
        reason = Reason(
            "woman_to_male_officer",
            SECTION,
            f"Women are assigned to female officers or women's champions; {officer.id} is neither.",
        )
        found.append(
            (AssignmentWarning("woman_to_male_officer", (reason,)), "woman_to_male_penalty")
        )

    if "iom" in case.registrations and IOM not in officer.specialisms:
        reason = Reason(
            "iom_to_non_iom_officer",
            SECTION,
            f"This person is an IOM nominal and IOM nominals go to the IOM officer; "
            f"{officer.id} is not an IOM officer.",
        )
        found.append(
            (AssignmentWarning("iom_to_non_iom_officer", (reason,)), "iom_to_non_iom_penalty")
        )

    if over_after:
        reason = Reason(
            "over_capacity",
            WORKLOAD_SECTION,
            f"Taking this case puts {officer.id} at {after} of capacity: 100% or more is over "
            "capacity.",
        )
        found.append((AssignmentWarning("over_capacity", (reason,)), "over_capacity_penalty"))
    return found


def _relevant_specialisms(case: CaseProfile, factors: tuple[str, ...]) -> list[str]:
    wanted = {_RELEVANT_SPECIALISM[r] for r in case.registrations if r in _RELEVANT_SPECIALISM}
    if case.gender == "female":
        wanted.add(WOMENS_CHAMPION)
    if factors:
        wanted.add(TRAINED_COMPLEX)
    return sorted(wanted)
