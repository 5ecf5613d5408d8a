"""§4 as data (:class:`BandingConfig`) and the reason texts built once per config."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

from .tables import (
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


# Each band as the reasons write it, in capitals, marked for translation.
_BAND_TITLES = {"green": gettext_noop("GREEN"), "yellow": gettext_noop("YELLOW"),
                "red": gettext_noop("RED"), "blue": gettext_noop("BLUE")}
# A recategorisation said whole for each direction of change.
_RECATEGORISATION = {
    "up": gettext_noop("Recategorisation: proposed %(new)s, up from the previous band "
                       "%(previous)s."),
    "down": gettext_noop("Recategorisation: proposed %(new)s, down from the previous band "
                         "%(previous)s."),
    "same": gettext_noop("Recategorisation: proposed %(new)s, unchanged from the previous band "
                         "%(previous)s."),
    "lateral": gettext_noop("Recategorisation: proposed %(new)s, moving across the top band "
                            "from the previous band %(previous)s."),
}


def _band(band: str) -> Phrase:
    return Phrase.of(_BAND_TITLES[band])


def _marked(value: str, table: MappingProxyType[str, str]) -> Phrase | str:
    """A label from a table whose words are marked (translated on pages); anything else (a code
    with no label, a configured text) as written."""
    return Phrase.of(value) if value in table.values() else value


def _build_reasons(c: BandingConfig) -> dict[str, Reason]:
    r: dict[str, Reason] = {}

    def add(code: str, template: str, section: str = S4, **params: Any) -> None:
        r[code] = Reason.of(code, section, template, **params)

    add("s4_ror_high_from_ogrs3", gettext_noop("OGRS3 2-year score is %(threshold)g or more, so "
        "the risk of reoffending is high."), f"{S4}; risk-predictors.md",
        threshold=c.ror_high_threshold)
    add("s4_ror_low_from_ogrs3", gettext_noop("OGRS3 2-year score is below %(threshold)g, so the "
        "risk of reoffending is low."), f"{S4}; risk-predictors.md",
        threshold=c.ror_high_threshold)
    add("s4_ror_high_from_judgement", gettext_noop("No OGRS3 score: the risk of reoffending is "
        "high on the officer's professional judgement."))
    add("s4_ror_low_from_judgement", gettext_noop("No OGRS3 score: the risk of reoffending is low "
        "on the officer's professional judgement."))
    add("s4_matrix_green", gettext_noop("Low RoSH and low risk of reoffending: GREEN — "
        "structured assessment, then social integration through the supply chain."))
    add("s4_matrix_yellow_high_ror", gettext_noop("Low RoSH and high risk of reoffending: YELLOW "
        "— structured assessment, then rehabilitation, social reintegration and motivational "
        "work."))
    add("s4_matrix_yellow_medium_rosh", gettext_noop("Medium RoSH and low risk of reoffending: "
        "YELLOW — structured assessment, rehabilitation and reintegration, plus a robust risk "
        "management plan."))
    add("s4_matrix_top", gettext_noop("Medium RoSH and high risk of reoffending: top band (BLUE "
        "/ RED) — high-intensity rehabilitation and reintegration with a robust risk management "
        "plan."))
    add("s4_rosh_high_top_band", gettext_noop("RoSH is high: outside the CRC's remit, so the "
        "case goes in the top band (RED / BLUE) while it is escalated."))
    add("s2_rosh_high_escalate_to_nps", gettext_noop("RoSH is high: raise the risk escalation to "
        "the National Probation Service."), S2)
    add("s4_rosh_very_high_top_band", gettext_noop("RoSH is very high: outside the CRC's remit, "
        "so the case goes in the top band (RED / BLUE) while it is escalated."))
    add("s2_rosh_very_high_escalate_to_nps", gettext_noop("RoSH is very high: raise the risk "
        "escalation to the National Probation Service."), S2)
    for code in sorted(c.floor_requirements):
        label = REQUIREMENT_LABELS.get(code, code)
        requirement = _marked(label, REQUIREMENT_LABELS)
        if label[:1].lower() in "aeiou":  # "an alcohol treatment requirement"
            add(f"s4_{code}_floor_yellow", gettext_noop("The order has an %(requirement)s: the "
                "band is at least YELLOW."), requirement=requirement)
            add(f"s4_{code}_floor_met", gettext_noop("The order has an %(requirement)s (at least "
                "YELLOW): already met."), requirement=requirement)
        else:
            add(f"s4_{code}_floor_yellow", gettext_noop("The order has a %(requirement)s: the "
                "band is at least YELLOW."), requirement=requirement)
            add(f"s4_{code}_floor_met", gettext_noop("The order has a %(requirement)s (at least "
                "YELLOW): already met."), requirement=requirement)
    low, high = c.young_adult_min_age, c.young_adult_max_age
    for code in sorted(c.floor_registrations | c.young_adult_registrations):
        label = REGISTRATION_LABELS.get(code, code)
        if code in c.young_adult_registrations:
            add(f"s4_{code}_floor_yellow", gettext_noop("Registered: %(label)s in a young adult "
                "aged %(low)s to %(high)s. The band is at least YELLOW."), label=label, low=low, high=high)
            add(f"s4_{code}_floor_met", gettext_noop("Registered: %(label)s in a young adult aged "
                "%(low)s to %(high)s (at least YELLOW): already met."), label=label, low=low, high=high)
            add(f"s4_{code}_outside_young_adult_age", gettext_noop("Registered: %(label)s, but the "
                "person is not aged %(low)s to %(high)s, so the young-adult floor does not "
                "apply."), label=label, low=low, high=high)
        else:
            add(f"s4_{code}_floor_yellow", gettext_noop("Registered: %(label)s. The band is at "
                "least YELLOW."), label=label)
            add(f"s4_{code}_floor_met", gettext_noop("Registered: %(label)s (at least YELLOW): "
                "already met."), label=label)
    for code in sorted(c.automatic_top):
        add(f"s4_{code}_automatic_top", gettext_noop("Registered: %(label)s. The case is "
            "automatically in the top band (BLUE / RED)."),
            label=REGISTRATION_LABELS.get(code, code))
    for code in sorted(c.consider_top):
        add(f"s4_{code}_consider_top", gettext_noop("Registered: %(label)s. Consider placing the "
            "case in BLUE / RED; record the decision and its rationale."),
            label=REGISTRATION_LABELS.get(code, code))
    add("s4_close_to_change_red", gettext_noop("Top band and close to change: RED — the most "
        "intensive support (Northamptonshire model)."))
    add("s4_not_close_to_change_blue", gettext_noop("Top band and not close to change: BLUE — "
        "greatest risk to the public; work focuses on protection through monitoring and "
        "control."))
    add("s4_closeness_unknown_blue", gettext_noop("Top band but closeness to change is not yet "
        "known: BLUE is proposed as the more protective choice."))
    add("s4_decide_red_or_blue", gettext_noop("Decide RED or BLUE once closeness to change is "
        "known (from the self-assessment, §6); record the decision."))
    for b in BANDS:
        total = c.minimum_hours[b]
        make_up = c.contact_make_up.get(b)
        # A band of 1 hour says "1 hour" (it read "1 hours"; the hours are configuration).
        add(f"s4_minimum_hours_{b}", gettext_noop("Minimum offer for %(band)s: %(hours)s — "
            "%(new_directions)s h New Directions meeting + %(contact)s h %(make_up)s."),
            band=_band(b),
            hours=Phrase.count(total, gettext_noop("%(n)s hour"), gettext_noop("%(n)s hours")),
            new_directions=c.new_directions_hours, contact=total - c.new_directions_hours,
            make_up=Phrase.of(gettext_noop("contact")) if make_up is None
            else _marked(make_up, CONTACT_MAKE_UP))
    add("s4_judgement_higher_than_ogrs3", gettext_noop("Professional judgement puts the risk of "
        "reoffending higher than OGRS3 does. The band follows OGRS3; the manager may place the "
        "case higher on professional judgement with a recorded rationale."))
    add("s4_judgement_lower_than_ogrs3", gettext_noop("Professional judgement puts the risk of "
        "reoffending lower than OGRS3 does. The band follows OGRS3, which judgement cannot "
        "lower; review the OGRS3 inputs if they look wrong."))
    for prev in BANDS:
        for new in BANDS:
            change = _change(prev, new)
            r[f"recat_{prev}_{new}"] = Reason.of(
                f"s4_recategorisation_{change}", S4, _RECATEGORISATION[change],
                new=_band(new), previous=_band(prev),
            )
    add("s4_manager_confirms", gettext_noop("The system proposes the band; the manager confirms "
        "it (or places the case higher with a recorded rationale)."))
    add("s4_moving_down_check", gettext_noop("The proposal is lower than the previous band: "
        "check the previous band was not set higher on professional judgement before moving "
        "down."))
    events = {
        "breach": (gettext_noop("Recategorisation review after a breach: compliance and "
                                "enforcement events trigger a review of the band (§11)."),
                   f"{S4}; {S11}"),
        "warning": (gettext_noop("Recategorisation review after a warning: compliance and "
                                 "enforcement events trigger a review of the band (§11)."),
                    f"{S4}; {S11}"),
        "new_offence": (gettext_noop("Recategorisation review after a new offence: rescore "
                                     "OGRS3 with the new conviction and review RoSH."), S4),
        "rosh_change": (gettext_noop("Recategorisation review after a change in RoSH."), S4),
        "registration_added": (gettext_noop("Recategorisation review after a registration was "
                                            "added."), S4),
        "registration_removed": (gettext_noop("Recategorisation review after a registration was "
                                              "removed."), S4),
        "closeness_change": (gettext_noop("Recategorisation review after a change in closeness "
                                          "to change."), S4),
    }
    for ev, (template, section) in events.items():
        add(f"s4_event_{ev}", template, section)
    add("s4_breach_review_prompt", gettext_noop("After a breach, review closeness to change and "
        "the risk of reoffending judgement before confirming the band."), f"{S4}; {S11}")
    add("s4_new_offence_rescore_prompt", gettext_noop("Update the OGRS3 inputs (sanction count, "
        "offence category, dates) for the new conviction and band again with the new score."))
    return r


DEFAULT_CONFIG = BandingConfig()
