"""The rule: risk of reoffending, the matrix, floors and overrides, red or blue, minimum
hours and the change from the previous band (§4, §2)."""

from __future__ import annotations

from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

from .config import DEFAULT_CONFIG, BandingConfig, _change
from .result import BandInput, BandResult, _code_set
from .tables import BANDS, EVENTS, FLOORS, ROR_LEVELS, ROSH_LEVELS

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


def _red_or_blue(R, close_to_change: bool | None, reasons: list[Reason],
                 prompts: list[Reason]) -> str:
    """Step 6 of §4: close to change → red; not close → blue; not yet known → blue (the more
    protective) with a prompt to decide."""
    if close_to_change is True:
        reasons.append(R["s4_close_to_change_red"])
        return "red"
    if close_to_change is False:
        reasons.append(R["s4_not_close_to_change_blue"])
        return "blue"
    reasons.append(R["s4_closeness_unknown_blue"])
    prompts.append(R["s4_decide_red_or_blue"])
    return "blue"


def _recategorisation(R, previous_band: str, band: str, event: str | None,
                      reasons: list[Reason], prompts: list[Reason]) -> str:
    """Step 7 of §4: the change from the previous band, the event's reason and the manager's
    prompts."""
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
    return change


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
        band = _red_or_blue(R, close_to_change, reasons, prompts)
    else:
        band = "yellow" if level == 1 else "green"

    # 7. Minimum offer and recategorisation.
    reasons.append(R[f"s4_minimum_hours_{band}"])
    change = None
    if previous_band is not None:
        change = _recategorisation(R, previous_band, band, event, reasons, prompts)

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
