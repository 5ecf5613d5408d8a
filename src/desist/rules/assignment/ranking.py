"""Ranking the candidates: 100 points, less each warning's penalty, with the small capacity and
specialism terms; and the same rules for one chosen officer."""

from __future__ import annotations

from collections.abc import Sequence

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.workload import (
    DEFAULT_WEIGHTS,
    WorkloadCase,
    WorkloadWeights,
    capacity_percent,
    case_points,
)

from .matching import (
    _factor_name,
    _relevant_specialisms,
    _validate_case,
    _validate_officer,
    _warnings,
    complexity_factors,
)
from .profile import (
    DEFAULT_MATCHING,
    SECTION,
    SPECIALISM_NAMES,
    WARNING_TITLES,
    WORKLOAD_SECTION,
    AssignmentResult,
    Candidate,
    CaseProfile,
    MatchingConfig,
    Officer,
    ScoreTerm,
)


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
