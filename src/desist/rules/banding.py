"""Colour banding: "resource follows risk".

Implements ``shared/domain/operating-model.md`` §4 (matrix, floors and overrides, red vs blue,
minimum offer per band, recategorisation) and the NPS risk escalation of §2. The risk of
reoffending (RoR) comes from OGRS3 (``risk-predictors.md``; see :mod:`desist.rules.ogrs3`) or,
when there is no score, from the officer's professional judgement.

Order of the rules, each recorded as a :class:`~desist.rules.reasons.Reason`:

1. RoR: high when the OGRS3 2-year score is 50 or more; without a score, the judgement.
2. Matrix: RoSH × RoR → green / yellow / top band (red or blue). High or very high RoSH is
   outside a CRC's remit: top band and ``escalate_to_nps``.
3. Floors: DRR, ATR or MHTR requirement; ACEs in a young adult (18–24); serious organised
   crime → at least yellow.
4. Automatic top band: child protection plan, IOM nominal, sex offender, Prevent.
5. "Consider blue/red" prompts (child concern / in need, domestic abuse, hate crime, complex
   mental health, and the extras below) — they never move the band: the manager decides.
6. Red vs blue: close to change → red; not close → blue; not yet known → blue (the more
   protective) with a prompt to decide.
7. Minimum hours and their make-up; comparison with the previous band (recategorisation).

Codes beyond the issue's contract, taken from ``operating-model.md`` §2:

- requirements ``prohibited_activity``, ``residence``, ``foreign_travel``, ``attendance_centre``,
  ``alcohol_abstinence``, ``electronic_monitoring``: accepted, no effect on the band;
- registrations ``mappa`` and ``previous_very_high_rosh``: "consider blue/red" prompts;
  ``domestic_abuse_victim``, ``restraining_order``, ``visor``: accepted, no effect on the band.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

S4 = "operating-model.md §4"
S2 = "operating-model.md §2"
S11 = "operating-model.md §11"

ROSH_LEVELS = ("low", "medium", "high", "very_high")
ROR_LEVELS = ("low", "high")
BANDS = ("green", "yellow", "red", "blue")
# Red and blue share the top rung: they differ in approach, not in intensity.
BAND_RANK: MappingProxyType[str, int] = MappingProxyType(
    {"green": 0, "yellow": 1, "red": 2, "blue": 2}
)
EVENTS = (
    "breach",
    "warning",
    "new_offence",
    "rosh_change",
    "registration_added",
    "registration_removed",
    "closeness_change",
)
# The events in words, for the task a significant event raises ("rosh change" is not English).
EVENT_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "breach": "breach",
        "new_offence": "new offence",
        "rosh_change": "RoSH changed",
        "registration_added": "registration added",
        "registration_removed": "registration removed",
        "closeness_change": "closeness to change reassessed",
    }
)

REQUIREMENT_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "rar": "rehabilitation activity requirement (RAR)",
        "upw": "unpaid work requirement",
        "programme": "accredited programme requirement",
        "drr": "drug rehabilitation requirement (DRR)",
        "atr": "alcohol treatment requirement (ATR)",
        "mhtr": "mental health treatment requirement (MHTR)",
        "exclusion": "exclusion requirement",
        "curfew": "curfew requirement",
        "prohibited_activity": "prohibited activity requirement",
        "residence": "residence requirement",
        "foreign_travel": "foreign travel prohibition requirement",
        "attendance_centre": "attendance centre requirement",
        "alcohol_abstinence": "alcohol abstinence and monitoring requirement",
        "electronic_monitoring": "electronic monitoring requirement",
    }
)
REGISTRATION_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "child_protection_plan": "child protection plan in place",
        "child_concern": "child concern",
        "child_in_need": "child in need",
        "iom": "integrated offender management (IOM) nominal",
        "sex_offender": "sex offender",
        "prevent": "Prevent",
        "domestic_abuse": "domestic abuse perpetrator",
        "hate_crime": "hate crime",
        "complex_mental_health": "complex mental health",
        "serious_organised_crime": "involvement in serious organised crime",
        "aces": "adverse childhood experiences (ACEs)",
        "domestic_abuse_victim": "domestic abuse victim",
        "mappa": "MAPPA (multi-agency public protection arrangements)",
        "restraining_order": "restraining order",
        "visor": "ViSOR record",
        "previous_very_high_rosh": "previously assessed as very high RoSH",
    }
)
REQUIREMENT_CODES = frozenset(REQUIREMENT_LABELS)
REGISTRATION_CODES = frozenset(REGISTRATION_LABELS)

# Minimum offer per band (§4, Northamptonshire figure 1.2): hours, and what the hours after the
# New Directions meeting are made of.
MINIMUM_HOURS: MappingProxyType[str, int] = MappingProxyType(
    {"green": 12, "yellow": 24, "red": 35, "blue": 35}
)
CONTACT_MAKE_UP: MappingProxyType[str, str] = MappingProxyType(
    {
        "green": "contact (1-1, group work by the CRC or a partner), signposting; kiosk "
        "reporting as required until the order ends",
        "yellow": "contact (1-1, group work, family / low-intensity mentoring, community "
        "integration)",
        "red": "face-to-face work (1-1 with a CRC practitioner, group work, high-intensity "
        "mentoring, community integration)",
        "blue": "face-to-face work (1-1, group work, family / low-intensity mentoring, "
        "community integration)",
    }
)

_BAND_TITLE = {"green": "GREEN", "yellow": "YELLOW", "red": "RED", "blue": "BLUE"}
_ROSH_TEXT = {"low": "low", "medium": "medium", "high": "high", "very_high": "very high"}

# Floor / override levels: 0 = none, 1 = at least yellow, 2 = top band (red or blue).
FLOORS = ("none", "yellow", "red_or_blue")


@dataclass(frozen=True, slots=True)
class BandingConfig:
    """§4's tables as data; pass an edited copy to change thresholds, hours or rule codes."""

    ror_high_threshold: float = 50
    minimum_hours: MappingProxyType[str, int] = field(default_factory=lambda: MINIMUM_HOURS)
    new_directions_hours: int = 2
    contact_make_up: MappingProxyType[str, str] = field(default_factory=lambda: CONTACT_MAKE_UP)
    floor_requirements: frozenset[str] = frozenset({"drr", "atr", "mhtr"})
    floor_registrations: frozenset[str] = frozenset({"serious_organised_crime"})
    young_adult_registrations: frozenset[str] = frozenset({"aces"})
    young_adult_min_age: int = 18
    young_adult_max_age: int = 24
    automatic_top: frozenset[str] = frozenset(
        {"child_protection_plan", "iom", "sex_offender", "prevent"}
    )
    consider_top: frozenset[str] = frozenset(
        {
            "child_concern",
            "child_in_need",
            "domestic_abuse",
            "hate_crime",
            "complex_mental_health",
            "mappa",
            "previous_very_high_rosh",
        }
    )
    requirement_codes: frozenset[str] = REQUIREMENT_CODES
    registration_codes: frozenset[str] = REGISTRATION_CODES
    # Reasons depend only on the config, so they are built once here rather than per case.
    _r: dict[str, Reason] = field(init=False, repr=False, compare=False, default_factory=dict)
    _make_up: dict[str, HoursMakeUp] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _sorted_codes: dict[str, tuple[str, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _groups: dict[str, tuple[tuple[Any, ...], ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for b in BANDS:
            if self.minimum_hours.get(b, -1) < self.new_directions_hours:
                raise RuleInputError(
                    "minimum_hours", f"{b} needs at least the {self.new_directions_hours} h "
                    "New Directions meeting"
                )
        self._r.update(_build_reasons(self))
        for b in BANDS:
            total = self.minimum_hours[b]
            self._make_up[b] = HoursMakeUp(
                self.new_directions_hours,
                total - self.new_directions_hours,
                self.contact_make_up.get(b, ""),
            )
        r = self._r
        self._groups["floors"] = tuple(
            (c, r[f"s4_{c}_floor_yellow"], r[f"s4_{c}_floor_met"], of_requirement)
            for of_requirement, codes in ((True, self.floor_requirements),
                                          (False, self.floor_registrations))
            for c in sorted(codes)
        )
        self._groups["young_adult"] = tuple(
            (c, r[f"s4_{c}_floor_yellow"], r[f"s4_{c}_floor_met"],
             r[f"s4_{c}_outside_young_adult_age"])
            for c in sorted(self.young_adult_registrations)
        )
        self._groups["automatic_top"] = tuple(
            (c, r[f"s4_{c}_automatic_top"]) for c in sorted(self.automatic_top)
        )
        self._groups["consider_top"] = tuple(
            (c, r[f"s4_{c}_consider_top"]) for c in sorted(self.consider_top)
        )
        self._sorted_codes["requirements"] = tuple(sorted(self.requirement_codes))
        self._sorted_codes["registrations"] = tuple(sorted(self.registration_codes))


@dataclass(frozen=True, slots=True)
class HoursMakeUp:
    """What a band's minimum hours are made of (§4 table)."""

    new_directions: int
    contact: int
    contact_kind: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "new_directions": self.new_directions,
            "contact": self.contact,
            "contact_kind": self.contact_kind,
        }


@dataclass(frozen=True, slots=True)
class BandInput:
    """The facts §4 bands a case on.

    ``ogrs3_two_year`` is the OGRS3 2-year percentage (None when not scored, then
    ``ror_judgement`` is required). ``age`` is needed only when ``aces`` is registered.
    ``previous_band`` (optional) lets the result say whether the proposal is up or down.
    """

    rosh: str
    ogrs3_two_year: float | None = None
    ror_judgement: str | None = None
    requirements: frozenset[str] = frozenset()
    registrations: frozenset[str] = frozenset()
    age: int | None = None
    close_to_change: bool | None = None
    previous_band: str | None = None

    def __post_init__(self) -> None:
        if type(self.requirements) is not frozenset:
            object.__setattr__(self, "requirements", _code_set("requirements", self.requirements))
        if type(self.registrations) is not frozenset:
            object.__setattr__(
                self, "registrations", _code_set("registrations", self.registrations)
            )


@dataclass(frozen=True, slots=True)
class BandResult:
    """The proposed band, its minimum offer, and why (§4)."""

    band: str
    minimum_hours: int
    make_up: HoursMakeUp
    ror: str
    ror_source: str
    floor: str
    escalate_to_nps: bool
    reasons: tuple[Reason, ...]
    prompts: tuple[Reason, ...]
    previous_band: str | None = None
    change: str | None = None
    event: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "band": self.band,
            "minimum_hours": self.minimum_hours,
            "make_up": self.make_up.as_dict(),
            "ror": self.ror,
            "ror_source": self.ror_source,
            "floor": self.floor,
            "escalate_to_nps": self.escalate_to_nps,
            "reasons": [r.as_dict() for r in self.reasons],
            "prompts": [p.as_dict() for p in self.prompts],
        }
        if self.previous_band is not None:
            out["previous_band"] = self.previous_band
            out["change"] = self.change
        if self.event is not None:
            out["event"] = self.event
        return out


def _code_set(field_name: str, value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RuleInputError(field_name, "must be a list of codes")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise RuleInputError(field_name, f"codes must be strings, not {item!r}")
    return frozenset(items)


# ----------------------------------------------------------------------------------------------
# Reason texts (built once per config)


def _change(previous: str, proposed: str) -> str:
    p, n = BAND_RANK[previous], BAND_RANK[proposed]
    if n > p:
        return "up"
    if n < p:
        return "down"
    return "same" if previous == proposed else "lateral"


def _build_reasons(c: BandingConfig) -> dict[str, Reason]:
    thr = f"{c.ror_high_threshold:g}"
    r: dict[str, Reason] = {}

    def add(code: str, text: str, section: str = S4) -> None:
        r[code] = Reason(code, section, text)

    add("s4_ror_high_from_ogrs3", f"OGRS3 2-year score is {thr} or more, so the risk of "
        "reoffending is high.", f"{S4}; risk-predictors.md")
    add("s4_ror_low_from_ogrs3", f"OGRS3 2-year score is below {thr}, so the risk of "
        "reoffending is low.", f"{S4}; risk-predictors.md")
    add("s4_ror_high_from_judgement", "No OGRS3 score: the risk of reoffending is high on the "
        "officer's professional judgement.")
    add("s4_ror_low_from_judgement", "No OGRS3 score: the risk of reoffending is low on the "
        "officer's professional judgement.")
    add("s4_matrix_green", "Low RoSH and low risk of reoffending: GREEN — structured "
        "assessment, then social integration through the supply chain.")
    add("s4_matrix_yellow_high_ror", "Low RoSH and high risk of reoffending: YELLOW — "
        "structured assessment, then rehabilitation, social reintegration and motivational "
        "work.")
    add("s4_matrix_yellow_medium_rosh", "Medium RoSH and low risk of reoffending: YELLOW — "
        "structured assessment, rehabilitation and reintegration, plus a robust risk "
        "management plan.")
    add("s4_matrix_top", "Medium RoSH and high risk of reoffending: top band (BLUE / RED) — "
        "high-intensity rehabilitation and reintegration with a robust risk management plan.")
    for level in ("high", "very_high"):
        add(f"s4_rosh_{level}_top_band", f"RoSH is {_ROSH_TEXT[level]}: outside the CRC's "
            "remit, so the case goes in the top band (RED / BLUE) while it is escalated.")
        add(f"s2_rosh_{level}_escalate_to_nps", f"RoSH is {_ROSH_TEXT[level]}: raise the risk "
            "escalation to the National Probation Service.", S2)
    for code in sorted(c.floor_requirements):
        label = REQUIREMENT_LABELS.get(code, code)
        a = "an" if label[:1].lower() in "aeiou" else "a"  # "an alcohol treatment requirement"
        add(f"s4_{code}_floor_yellow", f"The order has {a} {label}: the band is at least YELLOW.")
        add(f"s4_{code}_floor_met", f"The order has {a} {label} (at least YELLOW): already met.")
    for code in sorted(c.floor_registrations | c.young_adult_registrations):
        label = REGISTRATION_LABELS.get(code, code)
        who = (f" in a young adult aged {c.young_adult_min_age} to {c.young_adult_max_age}"
               if code in c.young_adult_registrations else "")
        add(f"s4_{code}_floor_yellow", f"Registered: {label}{who}. The band is at least YELLOW.")
        add(f"s4_{code}_floor_met", f"Registered: {label}{who} (at least YELLOW): already met.")
        if code in c.young_adult_registrations:
            add(f"s4_{code}_outside_young_adult_age", f"Registered: {label}, but the person is "
                f"not aged {c.young_adult_min_age} to {c.young_adult_max_age}, so the "
                "young-adult floor does not apply.")
    for code in sorted(c.automatic_top):
        label = REGISTRATION_LABELS.get(code, code)
        add(f"s4_{code}_automatic_top", f"Registered: {label}. The case is automatically in "
            "the top band (BLUE / RED).")
    for code in sorted(c.consider_top):
        label = REGISTRATION_LABELS.get(code, code)
        add(f"s4_{code}_consider_top", f"Registered: {label}. Consider placing the case in "
            "BLUE / RED; record the decision and its rationale.")
    add("s4_close_to_change_red", "Top band and close to change: RED — the most intensive "
        "support (Northamptonshire model).")
    add("s4_not_close_to_change_blue", "Top band and not close to change: BLUE — greatest risk "
        "to the public; work focuses on protection through monitoring and control.")
    add("s4_closeness_unknown_blue", "Top band but closeness to change is not yet known: BLUE "
        "is proposed as the more protective choice.")
    add("s4_decide_red_or_blue", "Decide RED or BLUE once closeness to change is known (from "
        "the self-assessment, §6); record the decision.")
    for b in BANDS:
        total = c.minimum_hours[b]
        add(f"s4_minimum_hours_{b}", f"Minimum offer for {_BAND_TITLE[b]}: {total} hours — "
            f"{c.new_directions_hours} h New Directions meeting + "
            f"{total - c.new_directions_hours} h {c.contact_make_up.get(b, 'contact')}.")
    add("s4_judgement_higher_than_ogrs3", "Professional judgement puts the risk of reoffending "
        "higher than OGRS3 does. The band follows OGRS3; the manager may place the case higher "
        "on professional judgement with a recorded rationale.")
    add("s4_judgement_lower_than_ogrs3", "Professional judgement puts the risk of reoffending "
        "lower than OGRS3 does. The band follows OGRS3, which judgement cannot lower; review "
        "the OGRS3 inputs if they look wrong.")
    for prev in BANDS:
        for new in BANDS:
            change = _change(prev, new)
            word = {"up": "up from", "down": "down from", "same": "unchanged from",
                    "lateral": "moving across the top band from"}[change]
            r[f"recat_{prev}_{new}"] = Reason(
                f"s4_recategorisation_{change}", S4,
                f"Recategorisation: proposed {_BAND_TITLE[new]}, {word} the previous band "
                f"{_BAND_TITLE[prev]}.",
            )
    add("s4_manager_confirms", "The system proposes the band; the manager confirms it (or "
        "places the case higher with a recorded rationale).")
    add("s4_moving_down_check", "The proposal is lower than the previous band: check the "
        "previous band was not set higher on professional judgement before moving down.")
    events = {
        "breach": ("Recategorisation review after a breach: compliance and enforcement events "
                   "trigger a review of the band (§11).", f"{S4}; {S11}"),
        "warning": ("Recategorisation review after a warning: compliance and enforcement events "
                    "trigger a review of the band (§11).", f"{S4}; {S11}"),
        "new_offence": ("Recategorisation review after a new offence: rescore OGRS3 with the "
                        "new conviction and review RoSH.", S4),
        "rosh_change": ("Recategorisation review after a change in RoSH.", S4),
        "registration_added": ("Recategorisation review after a registration was added.", S4),
        "registration_removed": ("Recategorisation review after a registration was removed.",
                                 S4),
        "closeness_change": ("Recategorisation review after a change in closeness to change.",
                             S4),
    }
    for ev, (text, section) in events.items():
        add(f"s4_event_{ev}", text, section)
    add("s4_breach_review_prompt", "After a breach, review closeness to change and the risk of "
        "reoffending judgement before confirming the band.", f"{S4}; {S11}")
    add("s4_new_offence_rescore_prompt", "Update the OGRS3 inputs (sanction count, offence "
        "category, dates) for the new conviction and band again with the new score.")
    return r


# ----------------------------------------------------------------------------------------------
# The rule

DEFAULT_CONFIG = BandingConfig()

_ROR_JUDGEMENT_REASON = {"high": "s4_ror_high_from_judgement", "low": "s4_ror_low_from_judgement"}


def _bad_number(v: Any) -> bool:
    return type(v) is bool or not isinstance(v, int | float)


def _checked_inputs(config: BandingConfig, rosh, ror_judgement, requirements, registrations,
                    close_to_change, previous_band, event, age) -> tuple[frozenset[str], frozenset[str]]:
    """``band_case``'s inputs checked (RuleInputError naming the field), code sets as frozensets."""
    # Membership in tuples, not dicts, so an unhashable value from JSON is an input error too.
    if rosh not in ROSH_LEVELS:
        raise RuleInputError("rosh", f"must be one of {', '.join(ROSH_LEVELS)}, not {rosh!r}")
    if ror_judgement is not None and ror_judgement not in ROR_LEVELS:
        raise RuleInputError("ror_judgement", "must be 'low', 'high' or null")
    if type(requirements) is not frozenset:
        requirements = _code_set("requirements", requirements)
    if type(registrations) is not frozenset:
        registrations = _code_set("registrations", registrations)
    if not requirements <= config.requirement_codes:
        unknown = ", ".join(sorted(requirements - config.requirement_codes))
        raise RuleInputError("requirements", f"unknown requirement code(s): {unknown}; known: "
                             + ", ".join(config._sorted_codes["requirements"]))
    if not registrations <= config.registration_codes:
        unknown = ", ".join(sorted(registrations - config.registration_codes))
        raise RuleInputError("registrations", f"unknown registration code(s): {unknown}; known: "
                             + ", ".join(config._sorted_codes["registrations"]))
    if close_to_change is not None and type(close_to_change) is not bool:
        raise RuleInputError("close_to_change", "must be true, false or null")
    if previous_band is not None and previous_band not in BANDS:
        raise RuleInputError("previous_band", f"must be one of {', '.join(BANDS)} or null")
    if event is not None:
        if event not in EVENTS:
            raise RuleInputError("event", f"must be one of {', '.join(EVENTS)}, not {event!r}")
        if previous_band is None:
            raise RuleInputError("previous_band", "needed to recategorise after an event")
    if age is not None and (type(age) is not int or not 10 <= age <= 120):
        raise RuleInputError("age", "must be a whole number of years from 10 to 120")
    return requirements, registrations


def _risk_of_reoffending(config: BandingConfig, ogrs3_two_year, ror_judgement,
                         reasons: list[Reason], prompts: list[Reason]) -> tuple[str, str]:
    """Step 1 of §4: the risk of reoffending from OGRS3 (with a prompt where the officer's
    judgement differs) or, with no OGRS3, from the officer's judgement."""
    if ogrs3_two_year is not None:
        if _bad_number(ogrs3_two_year) or not 0 <= ogrs3_two_year <= 100:
            raise RuleInputError("ogrs3_two_year", "must be a percentage from 0 to 100, or null")
        ror = "high" if ogrs3_two_year >= config.ror_high_threshold else "low"
        ror_source = "ogrs3"
        reasons.append(config._r["s4_ror_high_from_ogrs3" if ror == "high" else "s4_ror_low_from_ogrs3"])
        if ror_judgement is not None and ror_judgement != ror:
            prompts.append(config._r["s4_judgement_higher_than_ogrs3" if ror_judgement == "high"
                             else "s4_judgement_lower_than_ogrs3"])
    else:
        if ror_judgement is None:
            raise RuleInputError(
                "ror_judgement",
                "needed when ogrs3_two_year is null: give 'low' or 'high' (the officer's "
                "professional judgement of the risk of reoffending)",
            )
        ror = ror_judgement
        ror_source = "judgement"
        reasons.append(config._r[_ROR_JUDGEMENT_REASON[ror_judgement]])
    return ror, ror_source


def _matrix_level(R, rosh: str, ror: str, escalate: bool, reasons: list[Reason]) -> int:
    """Step 2 of §4: the RoSH × risk-of-reoffending matrix (0 green, 1 yellow, 2 the top band),
    or the top band for RoSH the CRC cannot hold."""
    if escalate:
        reasons.append(R[f"s4_rosh_{rosh}_top_band"])
        reasons.append(R[f"s2_rosh_{rosh}_escalate_to_nps"])
        return 2
    if rosh == "low":
        if ror == "low":
            reasons.append(R["s4_matrix_green"])
            return 0
        reasons.append(R["s4_matrix_yellow_high_ror"])
        return 1
    if ror == "low":
        reasons.append(R["s4_matrix_yellow_medium_rosh"])
        return 1
    reasons.append(R["s4_matrix_top"])
    return 2


def band_case(
    rosh: str,
    ogrs3_two_year: float | None = None,
    ror_judgement: str | None = None,
    requirements: frozenset[str] = frozenset(),
    registrations: frozenset[str] = frozenset(),
    age: int | None = None,
    close_to_change: bool | None = None,
    previous_band: str | None = None,
    event: str | None = None,
    config: BandingConfig = DEFAULT_CONFIG,
) -> BandResult:
    """Propose a colour band from plain values (§4); the batch's fast path.

    ``requirements`` and ``registrations`` are sets of codes (any iterable of strings works,
    frozensets are fastest). ``event`` (one of :data:`EVENTS`, needs ``previous_band``) marks
    the proposal as a recategorisation after that event.
    """
    R = config._r
    requirements, registrations = _checked_inputs(
        config, rosh, ror_judgement, requirements, registrations, close_to_change,
        previous_band, event, age)

    reasons: list[Reason] = []
    prompts: list[Reason] = []

    # 1. Risk of reoffending.
    ror, ror_source = _risk_of_reoffending(config, ogrs3_two_year, ror_judgement, reasons, prompts)

    # 2. Matrix, or the top band for RoSH the CRC cannot hold.
    escalate = rosh == "high" or rosh == "very_high"
    level = _matrix_level(R, rosh, ror, escalate, reasons)

    # 3. Floors at yellow. Groups are pre-sorted (code, reason if raised, reason if already met)
    # tuples on the config, so a case with no matching code costs a few set lookups.
    floor = 0
    groups = config._groups
    if requirements or registrations:
        for code, raised, met, of_requirement in groups["floors"]:
            if code in (requirements if of_requirement else registrations):
                floor = 1
                reasons.append(met if level else raised)
                level = level or 1
    if registrations:
        for code, raised, met, outside in groups["young_adult"]:
            if code not in registrations:
                continue
            if age is None:
                raise RuleInputError("age", f"needed to decide whether the {code} floor applies "
                                     f"(young adults aged {config.young_adult_min_age} to "
                                     f"{config.young_adult_max_age})")
            if config.young_adult_min_age <= age <= config.young_adult_max_age:
                floor = 1
                reasons.append(met if level else raised)
                level = level or 1
            else:
                reasons.append(outside)

        # 4. Automatic top band.
        for code, reason in groups["automatic_top"]:
            if code in registrations:
                floor = 2
                level = 2
                reasons.append(reason)

        # 5. Prompts to consider the top band (only meaningful below it).
        if level < 2:
            for code, reason in groups["consider_top"]:
                if code in registrations:
                    prompts.append(reason)

    # 6. Red vs blue.
    if level == 2:
        if close_to_change is True:
            band = "red"
            reasons.append(R["s4_close_to_change_red"])
        elif close_to_change is False:
            band = "blue"
            reasons.append(R["s4_not_close_to_change_blue"])
        else:
            band = "blue"
            reasons.append(R["s4_closeness_unknown_blue"])
            prompts.append(R["s4_decide_red_or_blue"])
    else:
        band = "yellow" if level == 1 else "green"

    # 7. Minimum offer and recategorisation.
    reasons.append(R[f"s4_minimum_hours_{band}"])
    change = None
    if previous_band is not None:
        change = _change(previous_band, band)
        if event is not None:
            reasons.append(R[f"s4_event_{event}"])
            if event == "breach":
                prompts.append(R["s4_breach_review_prompt"])
            elif event == "new_offence":
                prompts.append(R["s4_new_offence_rescore_prompt"])
        reasons.append(R[f"recat_{previous_band}_{band}"])
        if change == "down":
            prompts.append(R["s4_moving_down_check"])
        if change != "same" or event is not None:
            prompts.append(R["s4_manager_confirms"])

    return BandResult(
        band,
        config.minimum_hours[band],
        config._make_up[band],
        ror,
        ror_source,
        FLOORS[floor],
        escalate,
        tuple(reasons),
        tuple(prompts),
        previous_band,
        change,
        event,
    )


def band(inp: BandInput, config: BandingConfig = DEFAULT_CONFIG) -> BandResult:
    """Propose the colour band for a case (§4)."""
    return band_case(
        inp.rosh,
        inp.ogrs3_two_year,
        inp.ror_judgement,
        inp.requirements,
        inp.registrations,
        inp.age,
        inp.close_to_change,
        inp.previous_band,
        None,
        config,
    )


def recategorise(
    inp: BandInput, event: str, config: BandingConfig = DEFAULT_CONFIG
) -> BandResult:
    """Propose the new band after a significant event (§4 recategorisation).

    ``inp`` holds the case's facts *after* the event and its ``previous_band``; the result says
    whether the proposal moves up, down, across (red ↔ blue) or stays, with the event's reason
    and prompts for the manager, who confirms.
    """
    if inp.previous_band is None:
        raise RuleInputError("previous_band", "needed to recategorise after an event")
    return band_case(
        inp.rosh,
        inp.ogrs3_two_year,
        inp.ror_judgement,
        inp.requirements,
        inp.registrations,
        inp.age,
        inp.close_to_change,
        inp.previous_band,
        event,
        config,
    )


__all__ = [
    "BANDS",
    "BAND_RANK",
    "CONTACT_MAKE_UP",
    "DEFAULT_CONFIG",
    "EVENTS",
    "FLOORS",
    "MINIMUM_HOURS",
    "REGISTRATION_CODES",
    "REGISTRATION_LABELS",
    "REQUIREMENT_CODES",
    "REQUIREMENT_LABELS",
    "ROR_LEVELS",
    "ROSH_LEVELS",
    "BandInput",
    "BandResult",
    "BandingConfig",
    "HoursMakeUp",
    "band",
    "band_case",
    "recategorise",
]
