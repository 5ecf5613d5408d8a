"""Ranking the candidates: 100 points, less each warning's penalty, with the small capacity and
specialism terms; and the same rules for one chosen officer."""

from __future__ import annotations

from collections.abc import Sequence

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.workload import (
    DEFAULT_WEIGHTS,
    WorkloadCase,
    WorkloadWeights,
    capacity_percent,
    case_points,
)
from desist.rules.workload_words import marked, percent_phrase

from .matching import (
    _factors,
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

_percent_text = percent_phrase


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
            Reason.of(
                "s3_complex_case",
                SECTION,
                gettext_noop("Complex case (%(factors)s): it goes to a probation officer or a PSO "
                             "trained for the work, not to agency staff."),
                factors=_factors(factors),
            )
        )
    else:
        case_reasons.append(
            Reason.of(
                "s3_not_complex",
                SECTION,
                gettext_noop("Low RoSH with no domestic abuse, child safeguarding or other "
                             "complexity: any grade may hold this case."),
            )
        )
    if case.rosh in ("high", "very_high"):
        case_reasons.append(
            Reason.of(
                "s2_escalate_to_nps",
                "operating-model.md §2",
                gettext_noop("High or very high RoSH is outside the CRC's remit: raise the risk "
                             "escalation to the NPS."),
            )
        )
    if reassignment:
        case_reasons.append(
            Reason.of(
                "s3_reassignment_rechecked",
                SECTION,
                gettext_noop("Reassignment is recorded with a reason and re-checks every "
                             "matching rule."),
            )
        )
    if holder_left_out:
        case_reasons.append(
            Reason.of(
                "s3_current_holder_not_offered",
                SECTION,
                gettext_noop("%(officer)s holds the case now, so is not offered: choose the "
                             "officer it passes to."),
                officer=current_officer,
            )
        )
    case_reasons.append(
        Reason.of(
            "s16_case_points",
            WORKLOAD_SECTION,
            gettext_noop("The case adds %(points)s to the officer who takes it."),
            # A case of 1 point adds "1 weighted point" (it read "1 weighted points").
            points=Phrase.count(added.points, gettext_noop("%(n)g weighted point"),
                                gettext_noop("%(n)g weighted points")),
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
        # Each term's words are its reason's English text (the score table is not translated).
        for warning, penalty_name in warnings:
            penalty = getattr(config, penalty_name)
            title = WARNING_TITLES.get(warning.code)
            said = Reason.of(f"score_{warning.code}", warning.reasons[0].section,
                             gettext_noop("−%(penalty)g: %(warning)s."), penalty=penalty,
                             warning=warning.code if title is None else marked(title))
            terms.append(ScoreTerm(said.code, -float(penalty), said.text))
            reasons.append(said)
        capacity_term, capacity = _capacity_term(now.percent, after.percent, config)
        terms.append(ScoreTerm("score_capacity", capacity_term, capacity.text))
        reasons.append(capacity)
        bonus = 0.0
        for specialism in wanted:
            if specialism in officer.specialisms and bonus < config.specialism_bonus_cap:
                step = min(config.specialism_bonus, config.specialism_bonus_cap - bonus)
                bonus += step
                said = Reason.of(f"score_specialism_{specialism}", SECTION,
                                 gettext_noop("+%(step)g: %(specialism)s fits this case."),
                                 step=step, specialism=marked(SPECIALISM_NAMES[specialism]))
                terms.append(ScoreTerm(said.code, float(step), said.text))
                reasons.append(said)
        score = sum(t.points for t in terms)
        if not warnings:
            reasons.insert(
                0,
                Reason.of(
                    "s3_no_warnings",
                    SECTION,
                    gettext_noop("%(officer)s meets every matching rule for this case."),
                    officer=officer.id,
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
            Reason.of("s3_no_candidates", SECTION,
                      gettext_noop("No candidate officers were given to rank."))
        )
    return AssignmentResult(added.points, bool(factors), factors, candidates, tuple(case_reasons))


def _points_text(points: float) -> str:
    return f"{points:+g}".replace("-", "−")


def _capacity_term(
    now: float | None, after: float | None, config: MatchingConfig
) -> tuple[float, Reason]:
    """Spare capacity adds a little (capped); every point over 100% takes a point off."""
    if after is None:
        points = -float(config.no_capacity_penalty)
        return points, Reason.of(
            "score_capacity", WORKLOAD_SECTION,
            gettext_noop("%(points)s: no workload capacity at all (reductions take every hour), "
                         "so this officer ranks below any load."),
            points=_points_text(points))
    if after <= 100:
        points = round(min(config.capacity_cap, (100 - after) / config.capacity_divisor), 1)
        return points, Reason.of(
            "score_capacity", WORKLOAD_SECTION,
            gettext_noop("%(points)s: workload %(now)s now, %(after)s after taking the case "
                         "(spare capacity adds up to %(cap)g)."),
            points=_points_text(points), now=_percent_text(now), after=_percent_text(after),
            cap=config.capacity_cap)
    points = round(-(after - 100) * config.overload_rate, 1)
    # One point over is "1 point over capacity" (it read "1 points").
    return points, Reason.of(
        "score_capacity", WORKLOAD_SECTION,
        gettext_noop("%(points)s: workload %(now)s now, %(after)s after taking the case, "
                     "%(over)s over capacity (each point over 100%% costs %(rate)g)."),
        points=_points_text(points), now=_percent_text(now), after=_percent_text(after),
        over=Phrase.count(after - 100, gettext_noop("%(n)g point"), gettext_noop("%(n)g points")),
        rate=config.overload_rate)


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
