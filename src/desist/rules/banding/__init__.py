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

The rules live in one module per part: ``tables`` (§4's levels, bands, codes and labels,
minimum hours), ``config`` (:class:`BandingConfig` and the reason texts it builds once),
``result`` (:class:`BandInput`, :class:`BandResult`) and ``rule`` (``band_case``, ``band``,
``recategorise``); this package names them all (``from desist.rules.banding import band``).
"""

from __future__ import annotations

from .config import DEFAULT_CONFIG, BandingConfig, HoursMakeUp
from .result import BandInput, BandResult
from .rule import band, band_case, recategorise
from .tables import (
    BAND_COLOURS,
    BAND_RANK,
    BANDS,
    CONTACT_MAKE_UP,
    EVENT_LABELS,
    EVENTS,
    FLOORS,
    MINIMUM_HOURS,
    REGISTRATION_CODES,
    REGISTRATION_LABELS,
    REQUIREMENT_CODES,
    REQUIREMENT_LABELS,
    ROR_LEVELS,
    ROSH_LEVELS,
    S2,
    S4,
    S11,
)

__all__ = [
    "BANDS",
    "BAND_RANK",
    "BAND_COLOURS",
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
    "S4",
    "S2",
    "S11",
    "EVENT_LABELS",
]
