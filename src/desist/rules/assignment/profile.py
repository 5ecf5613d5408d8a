"""§3's codes and tables, :class:`MatchingConfig`, and the shapes of a case, an officer and a
ranked candidate."""

from __future__ import annotations

from dataclasses import dataclass

from desist.rules.reasons import Reason, gettext_noop

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

# The words below are marked for translation: reasons take them as parameters (ADR 0016).
FACTOR_NAMES = {
    "rosh_medium": gettext_noop("medium RoSH"),
    "rosh_high": gettext_noop("high RoSH"),
    "rosh_very_high": gettext_noop("very high RoSH"),
    "band_red": gettext_noop("red band"),
    "band_blue": gettext_noop("blue band"),
    "manager_judgement": gettext_noop("judged complex by the manager"),
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
    TRAINED_COMPLEX: gettext_noop("complex-case training"),
    WOMENS_CHAMPION: gettext_noop("women's champion"),
    IOM: gettext_noop("IOM officer"),
    "domestic_abuse": gettext_noop("domestic abuse training"),
    "child_safeguarding": gettext_noop("child safeguarding training"),
    "sex_offender": gettext_noop("sex offender training"),
    "mental_health": gettext_noop("mental health training"),
}

WARNING_TITLES = {
    "complex_case_to_pso": gettext_noop(
        "complex case to a PSO without the relevant training"),
    "complex_case_to_pqip": gettext_noop(
        "complex case to a trainee without the relevant training"),
    "complex_case_to_agency": gettext_noop("complex case to agency staff"),
    "woman_to_male_officer": gettext_noop(
        "woman to an officer who is neither female nor a women's champion"),
    "iom_to_non_iom_officer": gettext_noop(
        "IOM nominal to an officer who is not an IOM officer"),
    "over_capacity": gettext_noop("over capacity after taking the case"),
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
