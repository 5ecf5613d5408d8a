"""National tiering: the protect level (A–D), the change level (0–3) and the ``S`` suffix.

Implements ``tiering.md`` (the Ministry of Justice's probation tiering, version 2), a second
prioritisation policy beside the colour bands of ``operating-model.md`` §4. Pure Python: the
input is what Desist records about a case, the output is the tier with the points behind it and
one reason per rule that contributed, so a page can explain the tier in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .errors import RuleInputError
from .reasons import Reason

SECTION = "tiering.md"
PROTECT = f"{SECTION} Protect level"
CHANGE = f"{SECTION} Change level"

ROSH_POINTS = {"very_high": 150, "high": 20, "medium": 10, "low": 0}
ROSH_WORDS = {"very_high": "very high", "high": "high", "medium": "medium", "low": "low"}

# Complexity factors: 2 points each, counted once. IOM is deliberately not one (tiering.md).
COMPLEXITY_FACTORS = {
    "mental_health": "mental health",
    "self_harm": "self-harm",
    "vulnerability": "vulnerability",
    "child_concerns": "child concerns",
    "child_protection": "child protection",
    "risk_to_children": "risk to children",
    "public_interest": "public interest",
    "adult_at_risk": "adult at risk",
    "gangs": "gangs",
    "terrorism": "terrorism",
}
COMPLEXITY_POINTS = 2

WOMEN_FACTORS = ("parenting_responsibilities", "impulsivity_or_temper", "breach_or_recall")
WOMEN_POINTS = 2

# Need weights and severities for the change level.
NEED_WEIGHTS = {
    "accommodation": 1, "ete": 1, "relationships": 1, "lifestyle": 1, "drugs": 1, "alcohol": 1,
    "thinking_and_behaviour": 2, "attitudes": 2, "finance": 0, "emotional_wellbeing": 0,
}
NEED_WORDS = {
    "accommodation": "accommodation", "ete": "education, training and employment",
    "relationships": "relationships", "lifestyle": "lifestyle", "drugs": "drugs",
    "alcohol": "alcohol", "thinking_and_behaviour": "thinking and behaviour",
    "attitudes": "attitudes", "finance": "finance", "emotional_wellbeing": "emotional wellbeing",
}
SEVERITY = {"none": 0, "standard": 1, "severe": 2}
IOM_POINTS = 2

GENDERS = frozenset({"male", "female"})
KEYS = frozenset({
    "rosh", "rsr", "mappa_level", "complexity_factors", "gender", "women", "needs", "ogrs3",
    "iom", "mandate_for_change", "unsupervised",
})


@dataclass(frozen=True, slots=True)
class TierInput:
    """What the tier is calculated from. ``needs`` None means there is no assessment."""

    rosh: str | None = None
    rsr: float | None = None
    mappa_level: int | None = None
    complexity_factors: frozenset[str] = frozenset()
    female: bool = False
    parenting_responsibilities: bool = False
    impulsivity_or_temper: bool = False
    breach_or_recall: bool = False
    needs: Mapping[str, str] | None = None
    ogrs3: int | None = None
    iom: bool = False
    mandate_for_change: bool = True
    unsupervised: bool = False


@dataclass(frozen=True, slots=True)
class TierResult:
    protect: str
    change: int
    unsupervised: bool
    protect_points: int
    change_points: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    # The reasons' JSON form, built once per distinct reason and shared (see _said).
    reason_dicts: tuple[dict[str, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def tier(self) -> str:
        return f"{self.protect}{self.change}{'S' if self.unsupervised else ''}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier, "protect": self.protect, "change": self.change,
            "protect_points": self.protect_points, "change_points": self.change_points,
            "reasons": list(self.reason_dicts) if self.reason_dicts else [
                r.as_dict() for r in self.reasons],
        }


def rsr_points(rsr: float | None) -> int:
    """7 ≤ RSR < 100: 20; 3 ≤ RSR < 7: 10; otherwise (or unknown): 0."""
    if rsr is None:
        return 0
    if 7 <= rsr < 100:
        return 20
    if 3 <= rsr < 7:
        return 10
    return 0


def mappa_points(level: int | None) -> int:
    """Level 2 or 3: 150; level 1: 5; none: 0."""
    if level in (2, 3):
        return 150
    if level == 1:
        return 5
    return 0


def protect_level(points: int) -> str:
    """≥ 150 A · 20–149 B · 10–19 C · below 10 D."""
    if points >= 150:
        return "A"
    if points >= 20:
        return "B"
    if points >= 10:
        return "C"
    return "D"


def change_level(points: int) -> int:
    """≥ 20 → 3, 10–19 → 2, otherwise 1 (when there is a mandate and an assessment)."""
    if points >= 20:
        return 3
    if points >= 10:
        return 2
    return 1


# The reasons' words depend on a few small values, so each is built once and shared: a batch of
# 100,000 cases (the nightly recompute, `desist rules tier`) then formats a few hundred strings.
_cached = lru_cache(maxsize=4096)


Said = tuple[Reason, dict[str, str]]


def _said(code: str, section: str, text: str) -> Said:
    reason = Reason(code, section, text)
    return reason, reason.as_dict()


@_cached
def _rsr_reason(rsr_text: str, points: int) -> Said:
    return _said("tier_rsr", PROTECT, f"RSR of {rsr_text} scores {points} points (more than "
                                       "RoSH, so only RSR counts).")


@_cached
def _rosh_reason(rosh: str, points: int, rsr_scored: bool) -> Said:
    return _said("tier_rosh", PROTECT,
                  f"{ROSH_WORDS[rosh].capitalize()} risk of serious harm scores {points} points"
                  + (" (RSR scores no more, so only RoSH counts)." if rsr_scored else "."))


@_cached
def _mappa_reason(level: int, points: int) -> Said:
    return _said("tier_mappa", PROTECT, f"MAPPA level {level} scores {points} points.")


@_cached
def _complexity_reason(factors: tuple[str, ...]) -> Said:
    names = ", ".join(COMPLEXITY_FACTORS[f] for f in factors)
    count = len(factors)
    return _said("tier_complexity", PROTECT,
                  f"{count} complexity factor{'s' if count != 1 else ''} ({names}) "
                  f"score{'' if count != 1 else 's'} {COMPLEXITY_POINTS * count} points.")


@_cached
def _protect_level_reason(points: int, level: str) -> Said:
    return _said("tier_protect_level", PROTECT,
                  f"{points} protect points: level {level} (150 or more is A, 20 to 149 is B, "
                  "10 to 19 is C, fewer is D).")


_SECTIONS = tuple(sorted(NEED_WEIGHTS))


def _needs_points(needs: Mapping[str, str]) -> tuple[int, Said | None]:
    """The needs' points and reason (sections in alphabetical order, those scoring only).

    Not cached: ten sections of three severities make too many combinations to share.
    """
    total = 0
    parts = []
    for section in _SECTIONS:
        severity = needs.get(section)
        if severity is None:
            continue
        value = NEED_WEIGHTS[section] * SEVERITY[severity]
        if value:
            total += value
            parts.append(f"{NEED_WORDS[section]} ({severity}, {value})")
    if not parts:
        return 0, None
    return total, _said("tier_needs", CHANGE, f"Needs score {total} points: {'; '.join(parts)}.")


@_cached
def _ogrs3_reason(ogrs3: int) -> Said:
    return _said("tier_ogrs3", CHANGE, f"OGRS3 of {ogrs3}% scores {ogrs3 // 10} points (a point "
                                        "for each full 10%).")


@_cached
def _change_level_reason(points: int, level: int) -> Said:
    return _said("tier_change_level", CHANGE,
                  f"{points} change points: level {level} (20 or more is 3, 10 to 19 is 2, "
                  "fewer is 1).")


_WOMEN_PARENTING = _said("tier_women_parenting", PROTECT,
                          f"Parenting responsibilities (a woman's case) score {WOMEN_POINTS} "
                          "points.")
_WOMEN_IMPULSIVITY = _said("tier_women_impulsivity", PROTECT,
                            f"Impulsivity or temper control (a woman's case) scores "
                            f"{WOMEN_POINTS} points.")
_WOMEN_BREACH = _said("tier_women_breach", PROTECT,
                       f"A previous breach or recall (a woman's case) scores {WOMEN_POINTS} "
                       "points.")
_NO_MANDATE = _said("tier_no_mandate", CHANGE,
                     "No mandate for change (no custodial sentence and no requirement other than "
                     "restrictive ones or unpaid work): change level 0.")
_NO_ASSESSMENT = _said("tier_no_assessment", CHANGE,
                        "No assessment of needs yet: change level 2 (OGRS and IOM are not used "
                        "until there is one).")
_IOM = _said("tier_iom", CHANGE, f"Integrated offender management scores {IOM_POINTS} points.")
_UNSUPERVISED = _said("tier_unsupervised", SECTION,
                       "Unsupervised (post-sentence) case: the tier carries an S.")


def _protect(inp: TierInput, reasons: list[Said]) -> int:
    from_rsr = rsr_points(inp.rsr)
    from_rosh = ROSH_POINTS[inp.rosh] if inp.rosh else 0
    # RSR and RoSH together: only the larger counts.
    if from_rsr > from_rosh:
        points = from_rsr
        reasons.append(_rsr_reason(f"{inp.rsr:g}%", from_rsr))
    elif from_rosh > 0:
        points = from_rosh
        reasons.append(_rosh_reason(inp.rosh, from_rosh, from_rsr > 0))
    else:
        points = 0
    mappa = mappa_points(inp.mappa_level)
    if mappa:
        points += mappa
        reasons.append(_mappa_reason(inp.mappa_level, mappa))
    if inp.complexity_factors:
        points += COMPLEXITY_POINTS * len(inp.complexity_factors)
        reasons.append(_complexity_reason(tuple(sorted(inp.complexity_factors))))
    if inp.female:
        points += _women(inp, reasons)
    return points


def _women(inp: TierInput, reasons: list[Said]) -> int:
    points = 0
    assessed = inp.needs is not None  # the two assessment answers count only with an assessment
    if assessed and inp.parenting_responsibilities:
        points += WOMEN_POINTS
        reasons.append(_WOMEN_PARENTING)
    if assessed and inp.impulsivity_or_temper:
        points += WOMEN_POINTS
        reasons.append(_WOMEN_IMPULSIVITY)
    if inp.breach_or_recall:
        points += WOMEN_POINTS
        reasons.append(_WOMEN_BREACH)
    return points


def _change(inp: TierInput, reasons: list[Said]) -> tuple[int, int]:
    if not inp.mandate_for_change:
        reasons.append(_NO_MANDATE)
        return 0, 0
    if inp.needs is None:
        reasons.append(_NO_ASSESSMENT)
        return 2, 0
    points, said = _needs_points(inp.needs)
    if said is not None:
        reasons.append(said)
    if inp.ogrs3 is not None and inp.ogrs3 // 10:
        points += inp.ogrs3 // 10
        reasons.append(_ogrs3_reason(inp.ogrs3))
    if inp.iom:
        points += IOM_POINTS
        reasons.append(_IOM)
    level = change_level(points)
    reasons.append(_change_level_reason(points, level))
    return level, points


def tier(inp: TierInput) -> TierResult:
    """The tier of one case, with the points and a reason for each rule that contributed."""
    reasons: list[Said] = []
    protect_points = _protect(inp, reasons)
    protect = protect_level(protect_points)
    reasons.append(_protect_level_reason(protect_points, protect))
    change, change_points = _change(inp, reasons)
    if inp.unsupervised:
        reasons.append(_UNSUPERVISED)
    return TierResult(protect, change, inp.unsupervised, protect_points, change_points,
                      tuple(r for r, _ in reasons), tuple(d for _, d in reasons))


# ----------------------------------------------------------------------------------------------
# Reading the JSON contract of `desist rules tier` (tiering.md "Command-line contract")


def _flag(d: Mapping[str, Any], key: str, default: bool, label: str | None = None) -> bool:
    value = d.get(key, default)
    if value is None:
        return default
    if type(value) is not bool:
        raise RuleInputError(label or key, f"must be true or false, not {value!r}")
    return value


def _number(value: Any, key: str, low: float, high: float, *, whole: bool) -> Any:
    if value is None:
        return None
    ok = type(value) is int or (not whole and type(value) is float)
    if not ok or not low <= value <= high:
        kind = "a whole number" if whole else "a number"
        raise RuleInputError(key, f"must be {kind} from {low:g} to {high:g} or null, "
                                  f"not {value!r}")
    return value


def _choice(value: Any, key: str, allowed: Mapping[str, Any] | frozenset[str]) -> Any:
    if type(value) is not str or value not in allowed:
        raise RuleInputError(key, f"unknown value {value!r}; one of: {', '.join(sorted(allowed))}")
    return value


def _factors(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if type(value) is not list:
        raise RuleInputError("complexity_factors", "must be a list of factor names")
    try:
        found = frozenset(value)
    except TypeError:  # something unhashable: the loop below names it
        found = None
    if found is not None and found <= COMPLEXITY_FACTORS.keys():
        return found
    return frozenset(_choice(v, f"complexity_factors[{i}]", COMPLEXITY_FACTORS)
                     for i, v in enumerate(value))


def _women_answers(value: Any) -> dict[str, bool]:
    if value is None:
        return {}
    if type(value) is not dict:
        raise RuleInputError("women", "must be an object of true/false answers")
    for key in value:
        if key not in WOMEN_FACTORS:
            raise RuleInputError(f"women.{key}", f"unknown key; one of: {', '.join(WOMEN_FACTORS)}")
    return {key: _flag(value, key, False, f"women.{key}") for key in WOMEN_FACTORS}


def _needs(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if type(value) is not dict:
        raise RuleInputError("needs", "must be null (no assessment) or an object of sections")
    try:
        known = value.keys() <= NEED_WEIGHTS.keys() and set(value.values()) <= SEVERITY.keys()
    except TypeError:  # an unhashable severity: the loop below names it
        known = False
    if known:
        return value
    for key, severity in value.items():
        if key not in NEED_WEIGHTS:
            raise RuleInputError(f"needs.{key}", "unknown section; one of: "
                                                 + ", ".join(sorted(NEED_WEIGHTS)))
        _choice(severity, f"needs.{key}", SEVERITY)
    return dict(value)


def read_input(d: Mapping[str, Any]) -> TierInput:
    """Check one input object of the contract and build the rule's input (unknown key → error)."""
    if not d.keys() <= KEYS:
        key = next(k for k in d if k not in KEYS)
        raise RuleInputError(str(key), "unknown key; one of: " + ", ".join(sorted(KEYS)))
    rosh = d.get("rosh")
    if rosh is not None:
        _choice(rosh, "rosh", ROSH_POINTS)
    gender = d.get("gender")
    if gender is not None:
        _choice(gender, "gender", GENDERS)
    women = _women_answers(d.get("women"))
    return TierInput(
        rosh=rosh,
        rsr=_number(d.get("rsr"), "rsr", 0, 100, whole=False),
        mappa_level=_number(d.get("mappa_level"), "mappa_level", 0, 3, whole=True),
        complexity_factors=_factors(d.get("complexity_factors")),
        female=gender == "female",
        needs=_needs(d.get("needs")),
        ogrs3=_number(d.get("ogrs3"), "ogrs3", 0, 100, whole=True),
        iom=_flag(d, "iom", False),
        mandate_for_change=_flag(d, "mandate_for_change", True),
        unsupervised=_flag(d, "unsupervised", False),
        **women,
    )


def tier_payload(d: Mapping[str, Any]) -> dict[str, Any]:
    """One JSON object of the contract in, one out."""
    return tier(read_input(d)).as_dict()
