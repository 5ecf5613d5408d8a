"""§4 as data (:class:`BandingConfig`) and the reason texts built once per config."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

from .tables import (
    _BAND_TITLE,
    _ROSH_TEXT,
    BAND_RANK,
    BANDS,
    CONTACT_MAKE_UP,
    MINIMUM_HOURS,
    REGISTRATION_CODES,
    REGISTRATION_LABELS,
    REQUIREMENT_CODES,
    REQUIREMENT_LABELS,
    S2,
    S4,
    S11,
)


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


DEFAULT_CONFIG = BandingConfig()
