"""Matching a case to a responsible officer (operating-model.md §3, failure F6 in §18).

For a case and a list of candidate officers, rank the candidates and warn where a matching
rule would be broken, so the LMC manager sees — and must acknowledge, warning by warning —
what the inspectors found going wrong:

- medium RoSH, domestic abuse, child safeguarding and other complex cases go to a PO or a PSO
  trained for that work, never quietly to an untrained PSO (``complex_case_to_pso``; a trainee
  PQiP gives ``complex_case_to_pqip``) or to agency staff (``complex_case_to_agency``);
- women are assigned to female officers or women's champions (``woman_to_male_officer``);
- IOM nominals go to the IOM officer (``iom_to_non_iom_officer``);
- weighted workload (§16) is shown now and after taking the case; 100% or more after taking
  it is ``over_capacity``.

Reassignment runs the same function (§3: "reassignment ... must re-check the matching
rules") — the reports describe a medium-RoSH domestic-abuse case reassigned mid-order to a PSO
who then missed rising risk.

Ranking: every candidate starts at 100 points; each warning takes off its penalty
(:class:`MatchingConfig`); spare capacity after taking the case adds up to +10; each relevant
specialism adds 3, at most 9 in all. Spare capacity and specialisms together move a score by
less than the smallest penalty, so they can never buy away a warning: adding a warning to an
officer always ranks them below where they were.

Over capacity is different: besides its warning, every percentage point over 100% after
taking the case takes off a point, without limit. A manager reading the list must never find
an officer at 890% of capacity above one at 195% (issue 12): a load heavier by more than every
penalty and bonus together (219 points) always ranks lower, and an officer with no capacity at
all ranks below any load. Ties go to fewer warnings, then the lower workload after the case,
then the officer id. The current holder is never offered on reassignment.

Every candidate carries its score as :class:`ScoreTerm` rows (100, then each penalty and bonus)
that add up to the score, so the screen can show how it was reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.workload import (
    BANDS,
    DEFAULT_WEIGHTS,
    GRADE_NAMES,
    ROSH_LEVELS,
    WorkloadCase,
    WorkloadWeights,
    capacity_percent,
    case_points,
    registration_name,
)

SECTION = "operating-model.md §3"
WORKLOAD_SECTION = "operating-model.md §16"

GENDERS = ("female", "male", "other")
#: Grades qualified to hold complex cases without further training.
QUALIFIED_GRADES = frozenset({"PO", "SPO"})

#: Specialism / training codes the rules look for on an officer record.
TRAINED_COMPLEX = "trained_complex"
WOMENS_CHAMPION = "womens_champion"
IOM = "iom"
SPECIALISMS = frozenset(
    {
        TRAINED_COMPLEX,
        WOMENS_CHAMPION,
        IOM,
        "domestic_abuse",
        "child_safeguarding",
        "sex_offender",
        "mental_health",
    }
)

#: What makes a case complex, and which training (besides ``trained_complex``, which covers
#: every factor) lets a PSO hold it. An empty tuple means no training is enough: high and very
#: high RoSH belong with a PO while the escalation to the NPS (§2) goes through.
COMPLEXITY_TRAINING: dict[str, tuple[str, ...]] = {
    "rosh_medium": (),
    "rosh_high": (),
    "rosh_very_high": (),
    "domestic_abuse": ("domestic_abuse",),
    "child_protection_plan": ("child_safeguarding",),
    "child_concern": ("child_safeguarding",),
    "child_in_need": ("child_safeguarding",),
    "sex_offender": ("sex_offender",),
    "complex_mental_health": ("mental_health",),
    "mappa": (),
    "prevent": (),
    "serious_organised_crime": (),
    "band_red": (),
    "band_blue": (),
    "manager_judgement": (),
}
COMPLEX_REGISTRATIONS = frozenset(
    k for k in COMPLEXITY_TRAINING if not k.startswith(("rosh_", "band_", "manager_"))
)
#: PSOs trained as a complex-case officer may hold medium RoSH (not high or very high).
_TRAINED_COMPLEX_COVERS = frozenset(COMPLEXITY_TRAINING) - {"rosh_high", "rosh_very_high"}

FACTOR_NAMES = {
    "rosh_medium": "medium RoSH",
    "rosh_high": "high RoSH",
    "rosh_very_high": "very high RoSH",
    "band_red": "red band",
    "band_blue": "blue band",
    "manager_judgement": "judged complex by the manager",
}

#: Specialisms that make an officer a better match for a feature of the case.
_RELEVANT_SPECIALISM = {
    "domestic_abuse": "domestic_abuse",
    "child_protection_plan": "child_safeguarding",
    "child_concern": "child_safeguarding",
    "child_in_need": "child_safeguarding",
    "sex_offender": "sex_offender",
    "complex_mental_health": "mental_health",
    "iom": IOM,
}
SPECIALISM_NAMES = {
    TRAINED_COMPLEX: "complex-case training",
    WOMENS_CHAMPION: "women's champion",
    IOM: "IOM officer",
    "domestic_abuse": "domestic abuse training",
    "child_safeguarding": "child safeguarding training",
    "sex_offender": "sex offender training",
    "mental_health": "mental health training",
}

WARNING_TITLES = {
    "complex_case_to_pso": "complex case to a PSO without the relevant training",
    "complex_case_to_pqip": "complex case to a trainee without the relevant training",
    "complex_case_to_agency": "complex case to agency staff",
    "woman_to_male_officer": "woman to an officer who is neither female nor a women's champion",
    "iom_to_non_iom_officer": "IOM nominal to an officer who is not an IOM officer",
    "over_capacity": "over capacity after taking the case",
}


@dataclass(frozen=True, slots=True)
class MatchingConfig:
    """Penalties per warning and the small bonuses that order otherwise-equal candidates."""

    complex_to_untrained_penalty: float = 60
    complex_to_agency_penalty: float = 50
    woman_to_male_penalty: float = 50
    iom_to_non_iom_penalty: float = 40
    over_capacity_penalty: float = 40
    #: Spare capacity after the case: (100 − after %) ÷ this, capped at ± ``capacity_cap``.
    capacity_divisor: float = 10
    capacity_cap: float = 10
    specialism_bonus: float = 3
    specialism_bonus_cap: float = 9
    #: Points off for each percentage point over 100% of capacity after taking the case.
    overload_rate: float = 1
    #: An officer with no capacity at all (reductions take every hour) ranks below any load.
    no_capacity_penalty: float = 1000


DEFAULT_MATCHING = MatchingConfig()


@dataclass(frozen=True, slots=True)
class CaseProfile:
    """The case being assigned. ``gender`` is the person's; ``complex`` is the manager's own
    judgement that the case is complex for reasons the flags do not show."""

    rosh: str
    band: str | None = None
    registrations: frozenset[str] = frozenset()
    gender: str | None = None
    complex: bool = False
    case_type: str = "community"
    stepped_down: bool = False
    # The national tier, when the provider prioritises by tier: its points replace the band's.
    tier: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.registrations, frozenset):
            object.__setattr__(self, "registrations", frozenset(self.registrations))


@dataclass(frozen=True, slots=True)
class Officer:
    """A candidate responsible officer: ``current_points`` is their weighted workload now and
    ``capacity_points`` their available capacity (see ``workload.officer_capacity``)."""

    id: str
    grade: str
    gender: str
    specialisms: frozenset[str] = frozenset()
    agency: bool = False
    current_points: float = 0
    capacity_points: float = 0

    def __post_init__(self) -> None:
        if not isinstance(self.specialisms, frozenset):
            object.__setattr__(self, "specialisms", frozenset(self.specialisms))


@dataclass(frozen=True, slots=True)
class AssignmentWarning:
    """A matching rule this assignment would break; the UI asks for an acknowledgement of each."""

    code: str
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {"code": self.code, "reasons": [r.as_dict() for r in self.reasons]}


@dataclass(frozen=True, slots=True)
class ScoreTerm:
    """One part of a candidate's score: the 100 every candidate starts with, a penalty or a
    bonus. ``points`` is signed; the terms add up to the score."""

    code: str
    points: float
    text: str

    def as_dict(self) -> dict:
        return {"code": self.code, "points": self.points, "text": self.text}


@dataclass(frozen=True, slots=True)
class Candidate:
    officer_id: str
    rank: int
    score: float
    points_now: float
    points_after: float
    capacity_percent_now: float | None
    capacity_percent_after: float | None
    over_capacity_after: bool
    warnings: tuple[AssignmentWarning, ...]
    reasons: tuple[Reason, ...]
    terms: tuple[ScoreTerm, ...] = ()

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)


@dataclass(frozen=True, slots=True)
class AssignmentResult:
    case_points: float
    complex: bool
    complexity: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    reasons: tuple[Reason, ...]


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


def _percent_text(percent: float | None) -> str:
    return "no capacity" if percent is None else f"{percent:g}%"


def rank_candidates(
    case: CaseProfile,
    officers: Sequence[Officer],
    *,
    weights: WorkloadWeights = DEFAULT_WEIGHTS,
    config: MatchingConfig = DEFAULT_MATCHING,
    reassignment: bool = False,
    current_officer: str | None = None,
) -> AssignmentResult:
    """Rank ``officers`` for ``case``, best first, each with its score, workload and warnings.

    On a reassignment, ``current_officer`` (the id of the officer holding the case) is left
    out: handing a case to the officer who already holds it is not a reassignment (§3.3).
    """
    _validate_case(case, weights)
    seen: set[str] = set()
    for index, officer in enumerate(officers):
        _validate_officer(index, officer, weights)
        if officer.id in seen:
            raise RuleInputError(f"officers.{index}.id", f"duplicate officer {officer.id!r}")
        seen.add(officer.id)
    holder_left_out = reassignment and current_officer is not None and current_officer in seen
    if reassignment and current_officer is not None:
        officers = [o for o in officers if o.id != current_officer]

    added = case_points(
        WorkloadCase(
            band=case.band,
            rosh=case.rosh,
            flags=case.registrations,
            case_type=case.case_type,
            stepped_down=case.stepped_down,
            tier=case.tier,
        ),
        weights,
    )
    factors = complexity_factors(case)
    wanted = _relevant_specialisms(case, factors)

    case_reasons: list[Reason] = []
    if factors:
        case_reasons.append(
            Reason(
                "s3_complex_case",
                SECTION,
                f"Complex case ({', '.join(_factor_name(f) for f in factors)}): it goes to a "
                "probation officer or a PSO trained for the work, not to agency staff.",
            )
        )
    else:
        case_reasons.append(
            Reason(
                "s3_not_complex",
                SECTION,
                "Low RoSH with no domestic abuse, child safeguarding or other complexity: any "
                "grade may hold this case.",
            )
        )
    if case.rosh in ("high", "very_high"):
        case_reasons.append(
            Reason(
                "s2_escalate_to_nps",
                "operating-model.md §2",
                "High or very high RoSH is outside the CRC's remit: raise the risk escalation "
                "to the NPS.",
            )
        )
    if reassignment:
        case_reasons.append(
            Reason(
                "s3_reassignment_rechecked",
                SECTION,
                "Reassignment is recorded with a reason and re-checks every matching rule.",
            )
        )
    if holder_left_out:
        case_reasons.append(
            Reason(
                "s3_current_holder_not_offered",
                SECTION,
                f"{current_officer} holds the case now, so is not offered: choose the officer "
                "it passes to.",
            )
        )
    case_reasons.append(
        Reason(
            "s16_case_points",
            WORKLOAD_SECTION,
            f"The case adds {added.points:g} weighted points to the officer who takes it.",
        )
    )

    scored: list[tuple[tuple, dict]] = []
    for officer in officers:
        now = capacity_percent(officer.current_points, officer.capacity_points)
        after = capacity_percent(
            round(officer.current_points + added.points, 2), officer.capacity_points
        )
        warnings = _warnings(
            case, officer, factors, after.over_capacity, _percent_text(after.percent)
        )
        reasons: list[Reason] = []
        terms: list[ScoreTerm] = [ScoreTerm("start", 100.0, "Every candidate starts at 100.")]
        for warning, penalty_name in warnings:
            penalty = getattr(config, penalty_name)
            text = f"−{penalty:g}: {WARNING_TITLES.get(warning.code, warning.code)}."
            terms.append(ScoreTerm(f"score_{warning.code}", -float(penalty), text))
            reasons.append(Reason(f"score_{warning.code}", warning.reasons[0].section, text))
        capacity_term, capacity_text = _capacity_term(now.percent, after.percent, config)
        terms.append(ScoreTerm("score_capacity", capacity_term, capacity_text))
        reasons.append(Reason("score_capacity", WORKLOAD_SECTION, capacity_text))
        bonus = 0.0
        for specialism in wanted:
            if specialism in officer.specialisms and bonus < config.specialism_bonus_cap:
                step = min(config.specialism_bonus, config.specialism_bonus_cap - bonus)
                bonus += step
                text = f"+{step:g}: {SPECIALISM_NAMES[specialism]} fits this case."
                terms.append(ScoreTerm(f"score_specialism_{specialism}", float(step), text))
                reasons.append(Reason(f"score_specialism_{specialism}", SECTION, text))
        score = sum(t.points for t in terms)
        if not warnings:
            reasons.insert(
                0,
                Reason(
                    "s3_no_warnings",
                    SECTION,
                    f"{officer.id} meets every matching rule for this case.",
                ),
            )
        score = round(score, 1)
        key = (-score, len(warnings), after.percent is None, after.percent or 0.0, officer.id)
        scored.append(
            (
                key,
                {
                    "officer_id": officer.id,
                    "score": score,
                    "points_now": officer.current_points,
                    "points_after": after.points,
                    "capacity_percent_now": now.percent,
                    "capacity_percent_after": after.percent,
                    "over_capacity_after": after.over_capacity,
                    "warnings": tuple(w for w, _ in warnings),
                    "reasons": tuple(reasons),
                    "terms": tuple(terms),
                },
            )
        )
    scored.sort(key=lambda item: item[0])
    candidates = tuple(
        Candidate(rank=rank, **fields) for rank, (_, fields) in enumerate(scored, start=1)
    )
    if not candidates:
        case_reasons.append(
            Reason("s3_no_candidates", SECTION, "No candidate officers were given to rank.")
        )
    return AssignmentResult(added.points, bool(factors), factors, candidates, tuple(case_reasons))


def _points_text(points: float) -> str:
    return f"{points:+g}".replace("-", "−")


def _capacity_term(
    now: float | None, after: float | None, config: MatchingConfig
) -> tuple[float, str]:
    """Spare capacity adds a little (capped); every point over 100% takes a point off."""
    if after is None:
        points = -float(config.no_capacity_penalty)
        return points, (
            f"{_points_text(points)}: no workload capacity at all (reductions take every hour), so this "
            "officer ranks below any load."
        )
    if after <= 100:
        points = round(min(config.capacity_cap, (100 - after) / config.capacity_divisor), 1)
        return points, (
            f"{_points_text(points)}: workload {_percent_text(now)} now, {_percent_text(after)} after "
            "taking the case (spare capacity adds up to "
            f"{config.capacity_cap:g})."
        )
    points = round(-(after - 100) * config.overload_rate, 1)
    return points, (
        f"{_points_text(points)}: workload {_percent_text(now)} now, {_percent_text(after)} after taking "
        f"the case, {after - 100:g} points over capacity (each point over 100% costs "
        f"{config.overload_rate:g})."
    )


def check_assignment(
    case: CaseProfile,
    officer: Officer,
    *,
    weights: WorkloadWeights = DEFAULT_WEIGHTS,
    config: MatchingConfig = DEFAULT_MATCHING,
    reassignment: bool = False,
) -> Candidate:
    """The same rules for one chosen officer: an assignment or a reassignment being recorded."""
    result = rank_candidates(
        case, [officer], weights=weights, config=config, reassignment=reassignment
    )
    return result.candidates[0]
