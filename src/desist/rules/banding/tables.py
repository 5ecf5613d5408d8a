"""§4's tables: RoSH and RoR levels, the bands and their rank, events, requirement and
registration codes with their labels, minimum hours and their make-up."""

from __future__ import annotations

from types import MappingProxyType

from desist.rules.reasons import gettext_noop

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
        "rar": gettext_noop("rehabilitation activity requirement (RAR)"),
        "upw": gettext_noop("unpaid work requirement"),
        "programme": gettext_noop("accredited programme requirement"),
        "drr": gettext_noop("drug rehabilitation requirement (DRR)"),
        "atr": gettext_noop("alcohol treatment requirement (ATR)"),
        "mhtr": gettext_noop("mental health treatment requirement (MHTR)"),
        "exclusion": gettext_noop("exclusion requirement"),
        "curfew": gettext_noop("curfew requirement"),
        "prohibited_activity": gettext_noop("prohibited activity requirement"),
        "residence": gettext_noop("residence requirement"),
        "foreign_travel": gettext_noop("foreign travel prohibition requirement"),
        "attendance_centre": gettext_noop("attendance centre requirement"),
        "alcohol_abstinence": gettext_noop("alcohol abstinence and monitoring requirement"),
        "electronic_monitoring": gettext_noop("electronic monitoring requirement"),
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
# Each band's colour in words, marked for translation (a reason names the band).
BAND_COLOURS: MappingProxyType[str, str] = MappingProxyType({
    "green": gettext_noop("green"), "yellow": gettext_noop("yellow"), "red": gettext_noop("red"),
    "blue": gettext_noop("blue"),
})
CONTACT_MAKE_UP: MappingProxyType[str, str] = MappingProxyType(
    {
        "green": gettext_noop("contact (1-1, group work by the CRC or a partner), signposting; "
                              "kiosk reporting as required until the order ends"),
        "yellow": gettext_noop("contact (1-1, group work, family / low-intensity mentoring, "
                               "community integration)"),
        "red": gettext_noop("face-to-face work (1-1 with a CRC practitioner, group work, "
                            "high-intensity mentoring, community integration)"),
        "blue": gettext_noop("face-to-face work (1-1, group work, family / low-intensity "
                             "mentoring, community integration)"),
    }
)

_BAND_TITLE = {"green": "GREEN", "yellow": "YELLOW", "red": "RED", "blue": "BLUE"}
_ROSH_TEXT = {"low": "low", "medium": "medium", "high": "high", "very_high": "very high"}

# Floor / override levels: 0 = none, 1 = at least yellow, 2 = top band (red or blue).
FLOORS = ("none", "yellow", "red_or_blue")
