"""Weighted workload and capacity (operating-model.md §16, used by assignment in §3).

A case's points come from its colour band, its RoSH level, its registrations (domestic abuse,
child protection, IOM, sex offender, MAPPA ...) and what kind of case it is (community order,
licence, post-sentence supervision, custody before release, unpaid work only held in the hub,
stepped down to reporting), so that complexity and specialist work such as IOM count: the
reports found a workload tool "blind to complexity and to cases the hub did not take" (F20).

An officer's capacity comes from their contracted hours and the reductions in force on the day
(:func:`available_capacity`), the shape of the HMPPS workload measurement tool
(`reference/peers.md`): capacity % = points ÷ (grade target × available hours ÷ contracted
hours), shown blue under 100% and red at or over. **100% or more is over capacity.**
(:func:`officer_capacity` is the same arithmetic written with FTE and undated reductions.)

All numbers here are Desist's shipped defaults, not published figures: they are data in
:class:`WorkloadWeights` so an administrator can calibrate them. Band points follow the band's
minimum offer in hours (§4: green 12, yellow 24, red / blue 35) so a point is roughly an hour of
planned work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desist.rules.banding.tables import BAND_COLOURS
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.reductions import Reduction
from desist.rules.reductions import in_force as reductions_in_force
from desist.rules.workload_words import (
    BAND_NAMES,
    CASE_TYPE_NAMES,
    ROSH_NAMES,
    grade_phrase,
    hour_count,
    marked,
    percent_phrase,
    point_count,
    registration_phrase,
    said,
)
from desist.rules.workload_words import GRADE_NAMES as GRADE_NAMES  # re-exported
from desist.rules.workload_words import REGISTRATION_NAMES as REGISTRATION_NAMES  # re-exported
from desist.rules.workload_words import registration_name as registration_name  # re-exported

SECTION = "operating-model.md §16"

BANDS = ("green", "yellow", "red", "blue")
ROSH_LEVELS = ("low", "medium", "high", "very_high")
CASE_TYPES = ("community", "licence", "pss", "custody", "upw_only")

#: Registration codes Desist knows (operating-model.md §2 and issue 3). A code outside this set
#: and outside the weights table is a typo, and is refused rather than silently scored as 0.
REGISTRATION_CODES = frozenset(
    {
        "domestic_abuse",
        "domestic_abuse_victim",
        "child_protection_plan",
        "child_concern",
        "child_in_need",
        "mappa",
        "iom",
        "sex_offender",
        "prevent",
        "hate_crime",
        "serious_organised_crime",
        "complex_mental_health",
        "aces",
        "restraining_order",
        "visor",
        "previous_very_high_rosh",
    }
)

DEFAULT_BAND_POINTS: dict[str, float] = {"green": 12, "yellow": 24, "red": 35, "blue": 35}
DEFAULT_ROSH_POINTS: dict[str, float] = {"low": 0, "medium": 8, "high": 16, "very_high": 24}
DEFAULT_FLAG_POINTS: dict[str, float] = {
    "domestic_abuse": 6,
    "child_protection_plan": 8,
    "child_concern": 4,
    "child_in_need": 4,
    "mappa": 6,
    "iom": 8,
    "sex_offender": 8,
    "prevent": 8,
    "hate_crime": 3,
    "serious_organised_crime": 4,
    "complex_mental_health": 4,
    "aces": 2,
    "restraining_order": 2,
    "visor": 4,
}
#: Multipliers by kind of case: custody before release and unpaid-work-only cases need less of
#: the officer's time than a live community case, but they are not free (the hub's blind spot).
DEFAULT_CASE_TYPE_FACTORS: dict[str, float] = {
    "community": 1.0,
    "licence": 1.0,
    "pss": 0.8,
    "custody": 0.6,
    "upw_only": 0.3,
}
DEFAULT_STEPPED_DOWN_FACTOR = 0.3
#: Points per tier (tiering.md "Workload points keyed on tier"), for a provider prioritising by
#: tier: they replace the band, RoSH and registration points, since the tier already counts
#: RoSH, RSR, MAPPA and the complexity factors. Desist's defaults, on the band scale (D about a
#: green case, A about a red or blue one with high RoSH); an ``S`` tier counts as its letter and
#: digit.
DEFAULT_TIER_POINTS: dict[str, float] = {
    f"{letter}{change}": base + step * change
    for letter, base, step in (("A", 56, 6), ("B", 36, 5), ("C", 22, 4), ("D", 10, 3))
    for change in range(4)
}
TIERS = tuple(DEFAULT_TIER_POINTS)
#: Points a full-time officer of each grade can carry at 100%.
DEFAULT_GRADE_TARGETS: dict[str, float] = {"PO": 2000, "PSO": 1200, "PQIP": 1200, "SPO": 400}

def _pairs(table: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(table.items()))


@dataclass(frozen=True, slots=True)
class WorkloadWeights:
    """Editable weightings. Tables are tuples of ``(code, value)`` so the config is hashable
    (results are cached per config); build one from dicts with :meth:`from_mappings`."""

    band_points: tuple[tuple[str, float], ...] = _pairs(DEFAULT_BAND_POINTS)
    rosh_points: tuple[tuple[str, float], ...] = _pairs(DEFAULT_ROSH_POINTS)
    flag_points: tuple[tuple[str, float], ...] = _pairs(DEFAULT_FLAG_POINTS)
    case_type_factors: tuple[tuple[str, float], ...] = _pairs(DEFAULT_CASE_TYPE_FACTORS)
    stepped_down_factor: float = DEFAULT_STEPPED_DOWN_FACTOR
    grade_targets: tuple[tuple[str, float], ...] = _pairs(DEFAULT_GRADE_TARGETS)
    tier_points: tuple[tuple[str, float], ...] = _pairs(DEFAULT_TIER_POINTS)
    #: A case not yet banded (at allocation) is counted as this band until the band is set.
    unbanded_as: str = "yellow"
    _tables: dict = field(default=None, init=False, repr=False, compare=False)  # type: ignore[arg-type]  # set in __post_init__
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tables = {
            "band_points": dict(self.band_points),
            "rosh_points": dict(self.rosh_points),
            "flag_points": dict(self.flag_points),
            "case_type_factors": dict(self.case_type_factors),
            "grade_targets": dict(self.grade_targets),
            "tier_points": dict(self.tier_points),
        }
        for name, table in tables.items():
            for code, value in table.items():
                if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                    raise RuleInputError(f"{name}.{code}", "must be a number, 0 or more")
        for band in BANDS:
            if band not in tables["band_points"]:
                raise RuleInputError(f"band_points.{band}", "every band needs points")
        for name in TIERS:
            if name not in tables["tier_points"]:
                raise RuleInputError(f"tier_points.{name}", "every tier needs points")
        for level in ROSH_LEVELS:
            if level not in tables["rosh_points"]:
                raise RuleInputError(f"rosh_points.{level}", "every RoSH level needs points")
        if self.unbanded_as not in tables["band_points"]:
            raise RuleInputError("unbanded_as", f"must be one of {', '.join(BANDS)}")
        factor = self.stepped_down_factor
        if not isinstance(factor, int | float) or isinstance(factor, bool) or factor < 0:
            raise RuleInputError("stepped_down_factor", "must be a number, 0 or more")
        object.__setattr__(self, "_tables", tables)
        # Hashed once: the config is a cache key on every case_points call in the batch.
        object.__setattr__(
            self,
            "_hash",
            hash(
                (
                    self.band_points,
                    self.rosh_points,
                    self.flag_points,
                    self.case_type_factors,
                    self.stepped_down_factor,
                    self.grade_targets,
                    self.tier_points,
                    self.unbanded_as,
                )
            ),
        )

    def __hash__(self) -> int:
        return self._hash

    @classmethod
    def from_mappings(cls, **tables: Mapping[str, float] | float | str) -> WorkloadWeights:
        """Build from dicts, e.g. ``from_mappings(grade_targets={"PO": 1800, ...})``; tables
        not given keep their defaults."""
        given: dict[str, Any] = {k: _pairs(v) if isinstance(v, Mapping) else v
                                 for k, v in tables.items()}
        return cls(**given)

    def table(self, name: str) -> dict[str, float]:
        return self._tables[name]

    @property
    def codes(self) -> frozenset[str]:
        return REGISTRATION_CODES | frozenset(self._tables["flag_points"])


DEFAULT_WEIGHTS = WorkloadWeights()


@dataclass(frozen=True, slots=True)
class WorkloadCase:
    """What workload needs to know about one case. ``band`` may be ``None`` before banding.
    ``tier`` is set when the case's provider prioritises by tier: its points then replace the
    band's, the RoSH's and the registrations'."""

    band: str | None
    rosh: str
    flags: frozenset[str] = frozenset()
    case_type: str = "community"
    stepped_down: bool = False
    tier: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.flags, frozenset):
            object.__setattr__(self, "flags", frozenset(self.flags))


@dataclass(frozen=True, slots=True)
class CasePoints:
    points: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Capacity:
    points: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class CapacityStatus:
    """``percent`` is ``None`` when the officer has no capacity at all."""

    points: float
    capacity: float
    percent: float | None
    over_capacity: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class PotentialWorkload:
    case_points: float
    now: CapacityStatus
    after: CapacityStatus
    reasons: tuple[Reason, ...]


def case_points(case: WorkloadCase, weights: WorkloadWeights = DEFAULT_WEIGHTS) -> CasePoints:
    """Weighted points for one case, with a reason per component that scored."""
    # Cached: the nightly batch sees a few hundred distinct profiles across 300,000 cases.
    return _case_points(case, weights)


@lru_cache(maxsize=8192)
def _case_points(case: WorkloadCase, weights: WorkloadWeights) -> CasePoints:
    factors = weights.table("case_type_factors")
    reasons: list[Reason] = []

    if case.tier is not None:
        base = _tier_base(case.tier, weights, reasons)
    else:
        base = _band_base(case, weights, reasons)
    return _scaled(case, base, factors, weights, reasons)


def _tier_base(name: str, weights: WorkloadWeights, reasons: list[Reason]) -> float:
    key = name[:2]
    table = weights.table("tier_points")
    if key not in table or name not in (key, key + "S"):
        raise RuleInputError("tier", f"must be one of {', '.join(TIERS)} (with an S or not), "
                                     f"not {name!r}")
    reasons.append(Reason.of(f"s16_tier_{key}", "tiering.md Workload points keyed on tier",
                             gettext_noop("Tier %(tier)s: %(points)s (the tier already counts "
                                          "RoSH, RSR, MAPPA and complexity)."),
                             tier=name, points=point_count(table[key])))
    return table[key]


def _band_base(case: WorkloadCase, weights: WorkloadWeights, reasons: list[Reason]) -> float:
    band_points = weights.table("band_points")
    rosh_points = weights.table("rosh_points")
    flag_points = weights.table("flag_points")
    if case.band is None:
        band = weights.unbanded_as
        reasons.append(
            Reason.of(
                "s16_unbanded",
                SECTION,
                gettext_noop("The case has no colour band yet, so it counts as %(band)s "
                             "(%(points)s) until the band is set."),
                band=said(BAND_COLOURS, band, band), points=point_count(band_points[band]),
            )
        )
    elif case.band in band_points:
        band = case.band
        reasons.append(
            Reason.of(
                f"s16_band_{band}",
                SECTION,
                gettext_noop("%(band)s: %(points)s (work follows the band's minimum offer)."),
                band=said(BAND_NAMES, band, band.capitalize() + " band"),
                points=point_count(band_points[band]),
            )
        )
    else:
        raise RuleInputError("band", f"must be one of {', '.join(BANDS)}, not {case.band!r}")
    base = band_points[band]

    if case.rosh not in rosh_points:
        raise RuleInputError("rosh", f"must be one of {', '.join(ROSH_LEVELS)}, not {case.rosh!r}")
    if rosh_points[case.rosh]:
        base += rosh_points[case.rosh]
        reasons.append(
            Reason.of(
                f"s16_rosh_{case.rosh}",
                SECTION,
                gettext_noop("%(rosh)s: +%(points)s for risk management work."),
                rosh=marked(ROSH_NAMES[case.rosh]), points=point_count(rosh_points[case.rosh]),
            )
        )

    known = weights.codes
    for flag in sorted(case.flags):
        if flag not in known:
            raise RuleInputError("flags", f"unknown registration code {flag!r}")
        extra = flag_points.get(flag, 0)
        if extra:
            base += extra
            reasons.append(
                Reason.of(
                    f"s16_flag_{flag}",
                    SECTION,
                    gettext_noop("Registration %(registration)s: +%(points)s."),
                    registration=registration_phrase(flag), points=point_count(extra),
                )
            )
    return base


def _scaled(case: WorkloadCase, base: float, factors: dict[str, float],
            weights: WorkloadWeights, reasons: list[Reason]) -> CasePoints:
    if case.case_type not in factors:
        raise RuleInputError(
            "case_type", f"must be one of {', '.join(sorted(factors))}, not {case.case_type!r}"
        )
    factor = factors[case.case_type]
    points = base * factor
    if factor != 1:
        reasons.append(
            Reason.of(
                f"s16_case_type_{case.case_type}",
                SECTION,
                gettext_noop("%(case_type)s: counted at %(percent).0f%% of a live community "
                             "case."),
                case_type=said(CASE_TYPE_NAMES, case.case_type,
                                case.case_type.replace("_", " ").capitalize() + " case"),
                percent=factor * 100,
            )
        )
    if case.stepped_down:
        points *= weights.stepped_down_factor
        reasons.append(
            Reason.of(
                "s16_stepped_down",
                SECTION,
                gettext_noop("Stepped down to reporting centre or telephone reporting: counted at "
                             "%(percent).0f%%; the officer keeps responsibility."),
                percent=weights.stepped_down_factor * 100,
            )
        )
    points = round(points, 2)
    reasons.append(Reason.of("s16_case_points", SECTION,
                             gettext_noop("This case counts %(points)s."), points=point_count(points)))
    return CasePoints(points, tuple(reasons))


def officer_capacity(
    grade: str,
    fte: float,
    reductions: Mapping[str, float] | Iterable[tuple[str, float]] = (),
    weights: WorkloadWeights = DEFAULT_WEIGHTS,
) -> Capacity:
    """Available points: grade target × FTE × (1 − total reductions %).

    ``reductions`` names each reduction and its percentage, e.g. ``{"newly qualified": 20}``.
    """
    targets = weights.table("grade_targets")
    if grade not in targets:
        raise RuleInputError("grade", f"must be one of {', '.join(sorted(targets))}, not {grade!r}")
    if not isinstance(fte, int | float) or isinstance(fte, bool) or not 0 < fte <= 1:
        raise RuleInputError("fte", "must be more than 0 and at most 1 (1 is full time)")
    items = list(reductions.items() if isinstance(reductions, Mapping) else reductions)
    total_reduction = 0.0
    for label, percent in items:
        if not isinstance(percent, int | float) or isinstance(percent, bool) or percent < 0:
            raise RuleInputError(f"reductions.{label}", "must be a percentage, 0 or more")
        total_reduction += percent
    if total_reduction > 100:
        raise RuleInputError("reductions", "reductions add up to more than 100%")

    target = targets[grade]
    points = round(target * fte * (100 - total_reduction) / 100, 2)
    reasons = [
        Reason.of(
            "s16_grade_target",
            SECTION,
            gettext_noop("A full-time %(grade)s carries %(points)s at 100%%."),
            grade=grade_phrase(grade), points=point_count(target),
        )
    ]
    if fte != 1:
        reasons.append(Reason.of("s16_fte", SECTION,
                                 gettext_noop("Works %(fte)g FTE, so the target is scaled."),
                                 fte=fte))
    for label, percent in items:
        if percent:
            # ``label`` is the caller's own words for the reduction, shown as written.
            reasons.append(Reason.of(
                "s16_reduction", SECTION,
                gettext_noop("Workload reduction for %(label)s: %(percent)g%%."),
                label=label, percent=percent))
    reasons.append(Reason.of("s16_capacity", SECTION, gettext_noop("Capacity is %(points)s."),
                             points=point_count(points)))
    return Capacity(points, tuple(reasons))


#: The hours of a full-time week: a grade target is what an officer working these carries.
FULL_TIME_HOURS = 37.0


@dataclass(frozen=True, slots=True)
class HoursCapacity:
    """An officer's capacity and how it was worked out (see :func:`available_capacity`)."""

    points: float  # capacity in workload points
    full_time_target: float  # the grade's target for a full-time week
    target: float  # the officer's target at their contracted hours
    contracted_hours: float
    available_hours: float
    reduction_percent: float  # reductions in force, in total (at most 100)
    reductions: tuple[Reduction, ...]  # the reductions in force
    reasons: tuple[Reason, ...]


def available_capacity(
    grade: str,
    contracted_hours: float,
    reductions: Iterable[Reduction] = (),
    *,
    on: dt.date,
    weights: WorkloadWeights = DEFAULT_WEIGHTS,
    full_time_hours: float = FULL_TIME_HOURS,
) -> HoursCapacity:
    """Capacity in points from contracted hours and the reductions in force on ``on``:

    1. **grade target** = the grade's full-time target (``weights`` grade targets, points at
       100% for ``full_time_hours``, 37 a week) × contracted hours ÷ full-time hours;
    2. **available hours** = contracted hours × (100 − reductions in force %) ÷ 100, where a
       reduction is a percentage of contracted hours, counts only from its start date to its
       end date (both included; no end date: until ended), and reductions in force at once add
       up, to no more than 100%;
    3. **capacity** = grade target × available hours ÷ contracted hours (points, 2 places).

    Capacity % is then the officer's points ÷ capacity (:func:`capacity_percent`). A newly
    qualified full-time PO with a 20% reduction: 2000 × 29.6 ÷ 37 = 1600 points.
    """
    targets = weights.table("grade_targets")
    if grade not in targets:
        raise RuleInputError("grade", f"must be one of {', '.join(sorted(targets))}, not {grade!r}")
    for name, value, most in (("full_time_hours", full_time_hours, 168),
                              ("contracted_hours", contracted_hours, 2 * full_time_hours)):
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= most:
            raise RuleInputError(name, f"must be more than 0 and at most {most:g} hours a week")
    counted = reductions_in_force(reductions, on)
    full = targets[grade]
    target = full * contracted_hours / full_time_hours
    available = contracted_hours * (100 - counted.percent) / 100
    points = round(target * available / contracted_hours, 2)
    reasons = [Reason.of(
        "s16_grade_target", SECTION,
        gettext_noop("A full-time %(grade)s (%(hours)s a week) carries %(points)s at 100%%."),
        grade=grade_phrase(grade), hours=hour_count(full_time_hours), points=point_count(full))]
    if contracted_hours != full_time_hours:
        reasons.append(Reason.of(
            "s16_contracted_hours", SECTION,
            gettext_noop("Contracted for %(hours)s a week, so their target is %(target)s "
                         "(%(full)g × %(contracted)g ÷ %(full_time)g)."),
            hours=hour_count(contracted_hours), target=point_count(round(target, 2)), full=full,
            contracted=contracted_hours, full_time=full_time_hours))
    reasons.extend(counted.reasons)
    if counted.percent:
        reasons.append(Reason.of(
            "s16_available_hours", SECTION,
            gettext_noop("Available hours: %(contracted)g less %(percent)g%% in reductions is "
                         "%(available)s a week."),
            contracted=contracted_hours, percent=counted.percent,
            available=hour_count(round(available, 2))))
    reasons.append(Reason.of(
        "s16_capacity", SECTION,
        gettext_noop("Capacity is %(points)s (target × available hours ÷ contracted hours)."),
        points=point_count(points)))
    return HoursCapacity(points, full, round(target, 2), contracted_hours, round(available, 2),
                         counted.percent, counted.reductions, tuple(reasons))


def capacity_percent(total_points: float, capacity: float) -> CapacityStatus:
    """Workload as a percentage of capacity; 100% or more is over capacity."""
    for name, value in (("total_points", total_points), ("capacity", capacity)):
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise RuleInputError(name, "must be a number, 0 or more")
    if capacity == 0:
        reason = Reason.of(
            "s16_no_capacity",
            SECTION,
            gettext_noop("This officer has no workload capacity (reductions take all their "
                         "hours), so any case puts them over capacity."),
        )
        return CapacityStatus(total_points, capacity, None, True, (reason,))
    percent = round(total_points * 100 / capacity, 1)
    # Compare the points, not the rounded percentage: 99.96% must not read as "over".
    over = total_points >= capacity
    if over:
        reason = Reason.of(
            "s16_over_capacity",
            SECTION,
            gettext_noop("%(points)g of %(capacity)s is %(percent)g%%: over capacity (100%% or "
                         "more)."),
            points=round(total_points, 2), capacity=point_count(capacity), percent=percent,
        )
    else:
        reason = Reason.of(
            "s16_within_capacity",
            SECTION,
            gettext_noop("%(points)g of %(capacity)s is %(percent)g%%: within capacity (under "
                         "100%%)."),
            points=round(total_points, 2), capacity=point_count(capacity), percent=percent,
        )
    return CapacityStatus(total_points, capacity, percent, over, (reason,))


def potential_workload(
    current_points: float,
    case: WorkloadCase,
    capacity: float,
    weights: WorkloadWeights = DEFAULT_WEIGHTS,
) -> PotentialWorkload:
    """Workload now and after taking ``case`` (what the allocation screen shows)."""
    added = case_points(case, weights)
    now = capacity_percent(current_points, capacity)
    after = capacity_percent(round(current_points + added.points, 2), capacity)
    reasons = (
        *added.reasons,
        Reason.of(
            "s16_after_taking_case",
            SECTION,
            gettext_noop("Taking this case moves the officer from %(now)s to %(after)s."),
            now=_pct(now), after=_pct(after),
        ),
    )
    return PotentialWorkload(added.points, now, after, reasons)


def _pct(status: CapacityStatus) -> Phrase:
    return percent_phrase(status.percent)
