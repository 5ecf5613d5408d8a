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
from .reasons import Phrase, Reason, gettext_noop

SECTION = "tiering.md"
PROTECT = f"{SECTION} Protect level"
CHANGE = f"{SECTION} Change level"

ROSH_POINTS = {"very_high": 150, "high": 20, "medium": 10, "low": 0}
ROSH_WORDS = {"very_high": "very high", "high": "high", "medium": "medium", "low": "low"}
# The level opening a reason ("Very high risk of serious harm scores…"), each translated whole.
ROSH_OPENING = {"very_high": gettext_noop("Very high"), "high": gettext_noop("High"),
                "medium": gettext_noop("Medium"), "low": gettext_noop("Low")}

# Complexity factors: 2 points each, counted once. IOM is deliberately not one (tiering.md).
COMPLEXITY_FACTORS = {
    "mental_health": gettext_noop("mental health"),
    "self_harm": gettext_noop("self-harm"),
    "vulnerability": gettext_noop("vulnerability"),
    "child_concerns": gettext_noop("child concerns"),
    "child_protection": gettext_noop("child protection"),
    "risk_to_children": gettext_noop("risk to children"),
    "public_interest": gettext_noop("public interest"),
    "adult_at_risk": gettext_noop("adult at risk"),
    "gangs": gettext_noop("gangs"),
    "terrorism": gettext_noop("terrorism"),
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
    "accommodation": gettext_noop("accommodation"),
    "ete": gettext_noop("education, training and employment"),
    "relationships": gettext_noop("relationships"),
    "lifestyle": gettext_noop("lifestyle"),
    "drugs": gettext_noop("drugs"),
    "alcohol": gettext_noop("alcohol"),
    "thinking_and_behaviour": gettext_noop("thinking and behaviour"),
    "attitudes": gettext_noop("attitudes"),
    "finance": gettext_noop("finance"),
    "emotional_wellbeing": gettext_noop("emotional wellbeing"),
}
SEVERITY = {"none": 0, "standard": 1, "severe": 2}
SEVERITY_WORDS = {"standard": gettext_noop("standard"), "severe": gettext_noop("severe")}
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
    # The reasons' JSON form and stored record, built once per distinct reason and shared
    # (see _said).
    reason_dicts: tuple[dict[str, str], ...] = field(default=(), compare=False, repr=False)
    reason_records: tuple[dict[str, object], ...] = field(default=(), compare=False, repr=False)

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
# Each is kept with its JSON form (the command line's contract) and its stored record (template
# and parameters, ADR 0016), so neither is rebuilt per case.
_cached = lru_cache(maxsize=4096)


Said = tuple[Reason, dict[str, str], dict[str, object]]


def _said(reason: Reason) -> Said:
    return reason, reason.as_dict(), reason.as_record()


def _points(n: int) -> Phrase:
    return Phrase.count(n, gettext_noop("%(n)s point"), gettext_noop("%(n)s points"))


@_cached
def _rsr_reason(rsr: float, points: int) -> Said:
    return _said(Reason.of("tier_rsr", PROTECT, gettext_noop(
        "RSR of %(rsr)g%% scores %(points)s (more than RoSH, so only RSR counts)."),
        rsr=rsr, points=_points(points)))


@_cached
def _rosh_reason(rosh: str, points: int, rsr_scored: bool) -> Said:
    template = gettext_noop(
        "%(rosh)s risk of serious harm scores %(points)s (RSR scores no more, so only RoSH "
        "counts).") if rsr_scored else gettext_noop(
        "%(rosh)s risk of serious harm scores %(points)s.")
    return _said(Reason.of("tier_rosh", PROTECT, template, rosh=Phrase.of(ROSH_OPENING[rosh]),
                           points=_points(points)))


@_cached
def _mappa_reason(level: int, points: int) -> Said:
    return _said(Reason.of("tier_mappa", PROTECT, gettext_noop(
        "MAPPA level %(level)s scores %(points)s."), level=level, points=_points(points)))


@_cached
def _complexity_reason(factors: tuple[str, ...]) -> Said:
    count = len(factors)
    template = gettext_noop("%(count)s complexity factor (%(names)s) scores %(points)s.") \
        if count == 1 else gettext_noop(
        "%(count)s complexity factors (%(names)s) score %(points)s.")
    return _said(Reason.of("tier_complexity", PROTECT, template, count=count,
                           names=tuple(Phrase.of(COMPLEXITY_FACTORS[f]) for f in factors),
                           points=_points(COMPLEXITY_POINTS * count)))


@_cached
def _protect_level_reason(points: int, level: str) -> Said:
    template = gettext_noop(
        "%(points)s protect point: level %(level)s (150 or more is A, 20 to 149 is B, 10 to 19 "
        "is C, fewer is D).") if points == 1 else gettext_noop(
        "%(points)s protect points: level %(level)s (150 or more is A, 20 to 149 is B, 10 to 19 "
        "is C, fewer is D).")
    return _said(Reason.of("tier_protect_level", PROTECT, template, points=points, level=level))


_SECTIONS = tuple(sorted(NEED_WEIGHTS))


@_cached
def _need_part(section: str, severity: str, value: int) -> Phrase:
    return Phrase.of(gettext_noop("%(need)s (%(severity)s, %(points)s)"),
                     need=Phrase.of(NEED_WORDS[section]),
                     severity=Phrase.of(SEVERITY_WORDS[severity]), points=value)


@lru_cache(maxsize=8192)
def _needs_reason(parts: tuple[Phrase, ...], total: int) -> Said:
    """The needs' reason for the sections that scored: at most 3^8 combinations of the eight
    weighted sections, far fewer in a real caseload, so it is shared like the others."""
    listed = parts[-1]
    for part in reversed(parts[:-1]):  # "a; b; c": the parts contain commas
        listed = Phrase.of(gettext_noop("%(first)s; %(rest)s"), first=part, rest=listed)
    template = gettext_noop("Needs score %(points)s: %(needs)s.")
    return _said(Reason.of("tier_needs", CHANGE, template, points=_points(total), needs=listed))


def _needs_points(needs: Mapping[str, str]) -> tuple[int, Said | None]:
    """The needs' points and reason (sections in alphabetical order, those scoring only)."""
    total = 0
    parts = []
    for section in _SECTIONS:
        severity = needs.get(section)
        if severity is None:
            continue
        value = NEED_WEIGHTS[section] * SEVERITY[severity]
        if value:
            total += value
            parts.append(_need_part(section, severity, value))
    if not parts:
        return 0, None
    return total, _needs_reason(tuple(parts), total)


@_cached
def _ogrs3_reason(ogrs3: int) -> Said:
    return _said(Reason.of("tier_ogrs3", CHANGE, gettext_noop(
        "OGRS3 of %(ogrs3)s%% scores %(points)s (a point for each full 10%%)."),
        ogrs3=ogrs3, points=_points(ogrs3 // 10)))


@_cached
def _change_level_reason(points: int, level: int) -> Said:
    template = gettext_noop(
        "%(points)s change point: level %(level)s (20 or more is 3, 10 to 19 is 2, fewer is "
        "1).") if points == 1 else gettext_noop(
        "%(points)s change points: level %(level)s (20 or more is 3, 10 to 19 is 2, fewer is "
        "1).")
    return _said(Reason.of("tier_change_level", CHANGE, template, points=points, level=level))


_WOMEN_PARENTING = _said(Reason.of(
    "tier_women_parenting", PROTECT,
    gettext_noop("Parenting responsibilities (a woman's case) score %(points)s."),
    points=_points(WOMEN_POINTS)))
_WOMEN_IMPULSIVITY = _said(Reason.of(
    "tier_women_impulsivity", PROTECT,
    gettext_noop("Impulsivity or temper control (a woman's case) scores %(points)s."),
    points=_points(WOMEN_POINTS)))
_WOMEN_BREACH = _said(Reason.of(
    "tier_women_breach", PROTECT,
    gettext_noop("A previous breach or recall (a woman's case) scores %(points)s."),
    points=_points(WOMEN_POINTS)))
_NO_MANDATE = _said(Reason.of(
    "tier_no_mandate", CHANGE,
    gettext_noop("No mandate for change (no custodial sentence and no requirement other than "
                 "restrictive ones or unpaid work): change level 0.")))
_NO_ASSESSMENT = _said(Reason.of(
    "tier_no_assessment", CHANGE,
    gettext_noop("No assessment of needs yet: change level 2 (OGRS and IOM are not used until "
                 "there is one).")))
_IOM = _said(Reason.of("tier_iom", CHANGE, gettext_noop(
    "Integrated offender management scores %(points)s."), points=_points(IOM_POINTS)))
_UNSUPERVISED = _said(Reason.of("tier_unsupervised", SECTION, gettext_noop(
    "Unsupervised (post-sentence) case: the tier carries an S.")))


def _protect(inp: TierInput, reasons: list[Said]) -> int:
    from_rsr = rsr_points(inp.rsr)
    from_rosh = ROSH_POINTS[inp.rosh] if inp.rosh else 0
    # RSR and RoSH together: only the larger counts.
    if from_rsr > from_rosh:
        points = from_rsr
        reasons.append(_rsr_reason(inp.rsr, from_rsr))
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
                      tuple(r for r, _, _ in reasons), tuple(d for _, d, _ in reasons),
                      tuple(rec for _, _, rec in reasons))


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
