"""What makes a case complex, the inputs checked, and the matching rules each assignment is
warned against (§3, F6)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.workload import BANDS, ROSH_LEVELS, WorkloadWeights
from desist.rules.workload_words import grade_phrase, marked, registration_phrase

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


@lru_cache(maxsize=1024)
def _factors(codes: tuple[str, ...]) -> tuple[Phrase | str, ...]:
    """What makes a case complex, as a reason's parameter ("medium RoSH, domestic abuse
    perpetrator"): each name marked for translation."""
    return tuple(marked(FACTOR_NAMES[code]) if code in FACTOR_NAMES
                 else registration_phrase(code) for code in codes)


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
    case: CaseProfile, officer: Officer, factors: tuple[str, ...], over_after: bool,
    after: Phrase,
) -> list[tuple[AssignmentWarning, str]]:
    """Warnings with the config attribute naming each one's penalty."""
    found: list[tuple[AssignmentWarning, str]] = []
    names = _factors(factors)

    if factors and officer.grade not in QUALIFIED_GRADES:
        missing = _untrained_factors(factors, officer.specialisms)
        if missing:
            code = f"complex_case_to_{officer.grade.lower()}"
            reasons = [Reason.of(
                code, SECTION,
                gettext_noop("This is a complex case (%(factors)s). Complex cases go to a "
                             "probation officer or a PSO trained for the work; %(officer)s is a "
                             "%(grade)s with no training recorded for: %(missing)s."),
                factors=names, officer=officer.id, grade=grade_phrase(officer.grade),
                missing=_factors(tuple(missing)),
            )]
            if {"rosh_high", "rosh_very_high"} & set(missing):
                reasons.append(
                    Reason.of(
                        "s3_high_rosh_needs_po",
                        "operating-model.md §2",
                        gettext_noop("High or very high RoSH is beyond a PSO's remit and must be "
                                     "escalated to the NPS."),
                    )
                )
            reasons.append(
                Reason.of(
                    "f6_complex_cases_to_pso",
                    "operating-model.md §18 F6",
                    gettext_noop("The inspectors found complex cases given to PSOs, including a "
                                 "medium-RoSH domestic-abuse case reassigned to a PSO who missed "
                                 "rising risk."),
                )
            )
            found.append((AssignmentWarning(code, tuple(reasons)), "complex_to_untrained_penalty"))

    if factors and officer.agency:
        reason = Reason.of(
            "complex_case_to_agency",
            SECTION,
            gettext_noop("This is a complex case (%(factors)s) and %(officer)s is agency "
                         "(temporary) staff; the inspectors found complex cases given to agency "
                         "staff (F6)."),
            factors=names, officer=officer.id,
        )
        found.append(
            (AssignmentWarning("complex_case_to_agency", (reason,)), "complex_to_agency_penalty")
        )

    if (
        case.gender == "female"
        and officer.gender != "female"
        and WOMENS_CHAMPION not in officer.specialisms
    ):
        reason = Reason.of(
            "woman_to_male_officer",
            SECTION,
            gettext_noop("Women are assigned to female officers or women's champions; "
                         "%(officer)s is neither."),
            officer=officer.id,
        )
        found.append(
            (AssignmentWarning("woman_to_male_officer", (reason,)), "woman_to_male_penalty")
        )

    if "iom" in case.registrations and IOM not in officer.specialisms:
        reason = Reason.of(
            "iom_to_non_iom_officer",
            SECTION,
            gettext_noop("This person is an IOM nominal and IOM nominals go to the IOM officer; "
                         "%(officer)s is not an IOM officer."),
            officer=officer.id,
        )
        found.append(
            (AssignmentWarning("iom_to_non_iom_officer", (reason,)), "iom_to_non_iom_penalty")
        )

    if over_after:
        reason = Reason.of(
            "over_capacity",
            WORKLOAD_SECTION,
            gettext_noop("Taking this case puts %(officer)s at %(after)s of capacity: 100%% or "
                         "more is over capacity."),
            officer=officer.id, after=after,
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
