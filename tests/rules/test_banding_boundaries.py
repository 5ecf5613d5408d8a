"""Boundary-pinning examples for colour banding (operating-model.md §4, and §2 escalation).

Every boundary of §4 is pinned on both sides (OGRS3 49.99 / 50, age 9 / 10, 17 / 18, 24 / 25,
120 / 121, OGRS3 0 / 100), every matrix cell, floor, automatic band, prompt and recategorisation
is asserted with its reasons in order, and the full catalogue of reason texts is pinned.
"""

from __future__ import annotations

from types import MappingProxyType

import pytest

from desist.rules.banding import (
    BANDS,
    DEFAULT_CONFIG,
    EVENTS,
    FLOORS,
    REGISTRATION_CODES,
    REQUIREMENT_CODES,
    ROSH_LEVELS,
    BandingConfig,
    BandInput,
    HoursMakeUp,
    band,
    band_case,
    recategorise,
)
from desist.rules.errors import RuleInputError

S4 = "operating-model.md §4"

# Every reason and prompt the default configuration can give (code, section, text).
ALL_REASONS = {
    ('s2_rosh_high_escalate_to_nps', 'operating-model.md §2',
     'RoSH is high: raise the risk escalation to the National Probation Service.'),
    ('s2_rosh_very_high_escalate_to_nps', 'operating-model.md §2',
     'RoSH is very high: raise the risk escalation to the National Probation Service.'),
    ('s4_aces_floor_met', 'operating-model.md §4',
     'Registered: adverse childhood experiences (ACEs) in a young adult aged 18 to 24 (at least '
     'YELLOW): already met.'),
    ('s4_aces_floor_yellow', 'operating-model.md §4',
     'Registered: adverse childhood experiences (ACEs) in a young adult aged 18 to 24. The band is '
     'at least YELLOW.'),
    ('s4_aces_outside_young_adult_age', 'operating-model.md §4',
     'Registered: adverse childhood experiences (ACEs), but the person is not aged 18 to 24, so the '
     'young-adult floor does not apply.'),
    ('s4_atr_floor_met', 'operating-model.md §4',
     'The order has an alcohol treatment requirement (ATR) (at least YELLOW): already met.'),
    ('s4_atr_floor_yellow', 'operating-model.md §4',
     'The order has an alcohol treatment requirement (ATR): the band is at least YELLOW.'),
    ('s4_breach_review_prompt', 'operating-model.md §4; operating-model.md §11',
     'After a breach, review closeness to change and the risk of reoffending judgement before '
     'confirming the band.'),
    ('s4_child_concern_consider_top', 'operating-model.md §4',
     'Registered: child concern. Consider placing the case in BLUE / RED; record the decision and '
     'its rationale.'),
    ('s4_child_in_need_consider_top', 'operating-model.md §4',
     'Registered: child in need. Consider placing the case in BLUE / RED; record the decision and '
     'its rationale.'),
    ('s4_child_protection_plan_automatic_top', 'operating-model.md §4',
     'Registered: child protection plan in place. The case is automatically in the top band (BLUE / '
     'RED).'),
    ('s4_close_to_change_red', 'operating-model.md §4',
     'Top band and close to change: RED — the most intensive support (Northamptonshire model).'),
    ('s4_closeness_unknown_blue', 'operating-model.md §4',
     'Top band but closeness to change is not yet known: BLUE is proposed as the more protective '
     'choice.'),
    ('s4_complex_mental_health_consider_top', 'operating-model.md §4',
     'Registered: complex mental health. Consider placing the case in BLUE / RED; record the '
     'decision and its rationale.'),
    ('s4_decide_red_or_blue', 'operating-model.md §4',
     'Decide RED or BLUE once closeness to change is known (from the self-assessment, §6); record '
     'the decision.'),
    ('s4_domestic_abuse_consider_top', 'operating-model.md §4',
     'Registered: domestic abuse perpetrator. Consider placing the case in BLUE / RED; record the '
     'decision and its rationale.'),
    ('s4_drr_floor_met', 'operating-model.md §4',
     'The order has a drug rehabilitation requirement (DRR) (at least YELLOW): already met.'),
    ('s4_drr_floor_yellow', 'operating-model.md §4',
     'The order has a drug rehabilitation requirement (DRR): the band is at least YELLOW.'),
    ('s4_event_breach', 'operating-model.md §4; operating-model.md §11',
     'Recategorisation review after a breach: compliance and enforcement events trigger a review of '
     'the band (§11).'),
    ('s4_event_warning', 'operating-model.md §4; operating-model.md §11',
     'Recategorisation review after a warning: compliance and enforcement events trigger a review '
     'of the band (§11).'),
    ('s4_event_closeness_change', 'operating-model.md §4',
     'Recategorisation review after a change in closeness to change.'),
    ('s4_event_new_offence', 'operating-model.md §4',
     'Recategorisation review after a new offence: rescore OGRS3 with the new conviction and review '
     'RoSH.'),
    ('s4_event_registration_added', 'operating-model.md §4',
     'Recategorisation review after a registration was added.'),
    ('s4_event_registration_removed', 'operating-model.md §4',
     'Recategorisation review after a registration was removed.'),
    ('s4_event_rosh_change', 'operating-model.md §4',
     'Recategorisation review after a change in RoSH.'),
    ('s4_hate_crime_consider_top', 'operating-model.md §4',
     'Registered: hate crime. Consider placing the case in BLUE / RED; record the decision and its '
     'rationale.'),
    ('s4_iom_automatic_top', 'operating-model.md §4',
     'Registered: integrated offender management (IOM) nominal. The case is automatically in the '
     'top band (BLUE / RED).'),
    ('s4_judgement_higher_than_ogrs3', 'operating-model.md §4',
     'Professional judgement puts the risk of reoffending higher than OGRS3 does. The band follows '
     'OGRS3; the manager may place the case higher on professional judgement with a recorded '
     'rationale.'),
    ('s4_judgement_lower_than_ogrs3', 'operating-model.md §4',
     'Professional judgement puts the risk of reoffending lower than OGRS3 does. The band follows '
     'OGRS3, which judgement cannot lower; review the OGRS3 inputs if they look wrong.'),
    ('s4_manager_confirms', 'operating-model.md §4',
     'The system proposes the band; the manager confirms it (or places the case higher with a '
     'recorded rationale).'),
    ('s4_mappa_consider_top', 'operating-model.md §4',
     'Registered: MAPPA (multi-agency public protection arrangements). Consider placing the case in '
     'BLUE / RED; record the decision and its rationale.'),
    ('s4_matrix_green', 'operating-model.md §4',
     'Low RoSH and low risk of reoffending: GREEN — structured assessment, then social integration '
     'through the supply chain.'),
    ('s4_matrix_top', 'operating-model.md §4',
     'Medium RoSH and high risk of reoffending: top band (BLUE / RED) — high-intensity '
     'rehabilitation and reintegration with a robust risk management plan.'),
    ('s4_matrix_yellow_high_ror', 'operating-model.md §4',
     'Low RoSH and high risk of reoffending: YELLOW — structured assessment, then rehabilitation, '
     'social reintegration and motivational work.'),
    ('s4_matrix_yellow_medium_rosh', 'operating-model.md §4',
     'Medium RoSH and low risk of reoffending: YELLOW — structured assessment, rehabilitation and '
     'reintegration, plus a robust risk management plan.'),
    ('s4_mhtr_floor_met', 'operating-model.md §4',
     'The order has a mental health treatment requirement (MHTR) (at least YELLOW): already met.'),
    ('s4_mhtr_floor_yellow', 'operating-model.md §4',
     'The order has a mental health treatment requirement (MHTR): the band is at least YELLOW.'),
    ('s4_minimum_hours_blue', 'operating-model.md §4',
     'Minimum offer for BLUE: 35 hours — 2 h New Directions meeting + 33 h face-to-face work (1-1, '
     'group work, family / low-intensity mentoring, community integration).'),
    ('s4_minimum_hours_green', 'operating-model.md §4',
     'Minimum offer for GREEN: 12 hours — 2 h New Directions meeting + 10 h contact (1-1, group '
     'work by the CRC or a partner), signposting; kiosk reporting as required until the order ends.'),
    ('s4_minimum_hours_red', 'operating-model.md §4',
     'Minimum offer for RED: 35 hours — 2 h New Directions meeting + 33 h face-to-face work (1-1 '
     'with a CRC practitioner, group work, high-intensity mentoring, community integration).'),
    ('s4_minimum_hours_yellow', 'operating-model.md §4',
     'Minimum offer for YELLOW: 24 hours — 2 h New Directions meeting + 22 h contact (1-1, group '
     'work, family / low-intensity mentoring, community integration).'),
    ('s4_moving_down_check', 'operating-model.md §4',
     'The proposal is lower than the previous band: check the previous band was not set higher on '
     'professional judgement before moving down.'),
    ('s4_new_offence_rescore_prompt', 'operating-model.md §4',
     'Update the OGRS3 inputs (sanction count, offence category, dates) for the new conviction and '
     'band again with the new score.'),
    ('s4_not_close_to_change_blue', 'operating-model.md §4',
     'Top band and not close to change: BLUE — greatest risk to the public; work focuses on '
     'protection through monitoring and control.'),
    ('s4_prevent_automatic_top', 'operating-model.md §4',
     'Registered: Prevent. The case is automatically in the top band (BLUE / RED).'),
    ('s4_previous_very_high_rosh_consider_top', 'operating-model.md §4',
     'Registered: previously assessed as very high RoSH. Consider placing the case in BLUE / RED; '
     'record the decision and its rationale.'),
    ('s4_recategorisation_down', 'operating-model.md §4',
     'Recategorisation: proposed GREEN, down from the previous band BLUE.'),
    ('s4_recategorisation_down', 'operating-model.md §4',
     'Recategorisation: proposed GREEN, down from the previous band RED.'),
    ('s4_recategorisation_down', 'operating-model.md §4',
     'Recategorisation: proposed GREEN, down from the previous band YELLOW.'),
    ('s4_recategorisation_down', 'operating-model.md §4',
     'Recategorisation: proposed YELLOW, down from the previous band BLUE.'),
    ('s4_recategorisation_down', 'operating-model.md §4',
     'Recategorisation: proposed YELLOW, down from the previous band RED.'),
    ('s4_recategorisation_lateral', 'operating-model.md §4',
     'Recategorisation: proposed BLUE, moving across the top band from the previous band RED.'),
    ('s4_recategorisation_lateral', 'operating-model.md §4',
     'Recategorisation: proposed RED, moving across the top band from the previous band BLUE.'),
    ('s4_recategorisation_same', 'operating-model.md §4',
     'Recategorisation: proposed BLUE, unchanged from the previous band BLUE.'),
    ('s4_recategorisation_same', 'operating-model.md §4',
     'Recategorisation: proposed GREEN, unchanged from the previous band GREEN.'),
    ('s4_recategorisation_same', 'operating-model.md §4',
     'Recategorisation: proposed RED, unchanged from the previous band RED.'),
    ('s4_recategorisation_same', 'operating-model.md §4',
     'Recategorisation: proposed YELLOW, unchanged from the previous band YELLOW.'),
    ('s4_recategorisation_up', 'operating-model.md §4',
     'Recategorisation: proposed BLUE, up from the previous band GREEN.'),
    ('s4_recategorisation_up', 'operating-model.md §4',
     'Recategorisation: proposed BLUE, up from the previous band YELLOW.'),
    ('s4_recategorisation_up', 'operating-model.md §4',
     'Recategorisation: proposed RED, up from the previous band GREEN.'),
    ('s4_recategorisation_up', 'operating-model.md §4',
     'Recategorisation: proposed RED, up from the previous band YELLOW.'),
    ('s4_recategorisation_up', 'operating-model.md §4',
     'Recategorisation: proposed YELLOW, up from the previous band GREEN.'),
    ('s4_ror_high_from_judgement', 'operating-model.md §4',
     "No OGRS3 score: the risk of reoffending is high on the officer's professional judgement."),
    ('s4_ror_high_from_ogrs3', 'operating-model.md §4; risk-predictors.md',
     'OGRS3 2-year score is 50 or more, so the risk of reoffending is high.'),
    ('s4_ror_low_from_judgement', 'operating-model.md §4',
     "No OGRS3 score: the risk of reoffending is low on the officer's professional judgement."),
    ('s4_ror_low_from_ogrs3', 'operating-model.md §4; risk-predictors.md',
     'OGRS3 2-year score is below 50, so the risk of reoffending is low.'),
    ('s4_rosh_high_top_band', 'operating-model.md §4',
     "RoSH is high: outside the CRC's remit, so the case goes in the top band (RED / BLUE) while it "
     'is escalated.'),
    ('s4_rosh_very_high_top_band', 'operating-model.md §4',
     "RoSH is very high: outside the CRC's remit, so the case goes in the top band (RED / BLUE) "
     'while it is escalated.'),
    ('s4_serious_organised_crime_floor_met', 'operating-model.md §4',
     'Registered: involvement in serious organised crime (at least YELLOW): already met.'),
    ('s4_serious_organised_crime_floor_yellow', 'operating-model.md §4',
     'Registered: involvement in serious organised crime. The band is at least YELLOW.'),
    ('s4_sex_offender_automatic_top', 'operating-model.md §4',
     'Registered: sex offender. The case is automatically in the top band (BLUE / RED).'),
}


def collect(result, into):
    for reason in result.reasons + result.prompts:
        into.add((reason.code, reason.section, reason.text))


def test_s4_every_reason_text_of_the_default_configuration():
    # A configuration built here, not only the module's default built at import: the texts
    # come from the configuration's defaults.
    config = BandingConfig()
    seen: set[tuple[str, str, str]] = set()
    for rosh in ROSH_LEVELS:
        for ogrs3 in (10, 60):
            for judgement in (None, "low", "high"):
                collect(band_case(rosh, ogrs3, judgement, config=config), seen)
        for judgement in ("low", "high"):
            collect(band_case(rosh, None, judgement, config=config), seen)
    for code in REQUIREMENT_CODES:
        collect(band_case("low", 10, requirements={code}, config=config), seen)
        collect(band_case("medium", 60, requirements={code}, config=config), seen)
    for code in REGISTRATION_CODES:
        for rosh, ogrs3 in (("low", 10), ("medium", 60)):
            for age in (20, 40):
                collect(band_case(rosh, ogrs3, registrations={code}, age=age, config=config), seen)
    for previous in BANDS:
        for rosh, ogrs3, close in (("low", 10, None), ("low", 60, None), ("medium", 60, True),
                                   ("medium", 60, False)):
            collect(band_case(rosh, ogrs3, close_to_change=close, previous_band=previous,
                              config=config), seen)
            for event in EVENTS:
                collect(band_case(rosh, ogrs3, close_to_change=close, previous_band=previous,
                                  event=event, config=config), seen)
    assert seen == ALL_REASONS


def codes(result, attr="reasons"):
    return [reason.code for reason in getattr(result, attr)]


def summary(result):
    return (result.band, result.ror, result.ror_source, result.floor, result.escalate_to_nps,
            codes(result), codes(result, "prompts"))


# --- §4 risk of reoffending from OGRS3: 50 or more is high -------------------------------------


@pytest.mark.parametrize(("ogrs3", "ror", "band_", "matrix"), [
    (0, "low", "green", "s4_matrix_green"),
    (49.99, "low", "green", "s4_matrix_green"),
    (50, "high", "yellow", "s4_matrix_yellow_high_ror"),
    (50.01, "high", "yellow", "s4_matrix_yellow_high_ror"),
    (100, "high", "yellow", "s4_matrix_yellow_high_ror"),
])
def test_s4_ogrs3_threshold_low_rosh(ogrs3, ror, band_, matrix):
    result = band(BandInput(rosh="low", ogrs3_two_year=ogrs3))
    assert summary(result) == (band_, ror, "ogrs3", "none", False,
                               [f"s4_ror_{ror}_from_ogrs3", matrix, f"s4_minimum_hours_{band_}"],
                               [])


@pytest.mark.parametrize(("ogrs3", "expected"), [
    (49.99, ("yellow", "low", ["s4_ror_low_from_ogrs3", "s4_matrix_yellow_medium_rosh",
                               "s4_minimum_hours_yellow"], [])),
    (50, ("blue", "high", ["s4_ror_high_from_ogrs3", "s4_matrix_top",
                           "s4_closeness_unknown_blue", "s4_minimum_hours_blue"],
          ["s4_decide_red_or_blue"])),
])
def test_s4_ogrs3_threshold_medium_rosh(ogrs3, expected):
    result = band(BandInput(rosh="medium", ogrs3_two_year=ogrs3))
    assert summary(result) == (expected[0], expected[1], "ogrs3", "none", False, expected[2],
                               expected[3])


@pytest.mark.parametrize(("threshold", "ogrs3", "ror", "texts"), [
    (40, 39.5, "low", "OGRS3 2-year score is below 40, so the risk of reoffending is low."),
    (40, 40, "high", "OGRS3 2-year score is 40 or more, so the risk of reoffending is high."),
    (62.5, 62.4, "low", "OGRS3 2-year score is below 62.5, so the risk of reoffending is low."),
])
def test_s4_ogrs3_threshold_is_configuration(threshold, ogrs3, ror, texts):
    config = BandingConfig(ror_high_threshold=threshold)
    result = band(BandInput(rosh="low", ogrs3_two_year=ogrs3), config)
    assert result.ror == ror
    assert result.reasons[0].text == texts
    assert result.reasons[0].section == f"{S4}; risk-predictors.md"
    assert DEFAULT_CONFIG.ror_high_threshold == 50


@pytest.mark.parametrize(("ogrs3", "judgement", "ror", "prompts"), [
    (10, "low", "low", []),
    (10, "high", "low", ["s4_judgement_higher_than_ogrs3"]),
    (60, "high", "high", []),
    (60, "low", "high", ["s4_judgement_lower_than_ogrs3"]),
    (None, "low", "low", []),
    (None, "high", "high", []),
])
def test_s4_judgement_against_ogrs3(ogrs3, judgement, ror, prompts):
    result = band_case("low", ogrs3, judgement)
    assert result.ror == ror
    assert result.ror_source == ("judgement" if ogrs3 is None else "ogrs3")
    assert codes(result)[0] == (f"s4_ror_{ror}_from_judgement" if ogrs3 is None
                                else f"s4_ror_{ror}_from_ogrs3")
    assert codes(result, "prompts") == prompts


# --- §4 matrix and §2 escalation ---------------------------------------------------------------


@pytest.mark.parametrize(("rosh", "judgement", "band_", "level_codes"), [
    ("low", "low", "green", ["s4_matrix_green"]),
    ("low", "high", "yellow", ["s4_matrix_yellow_high_ror"]),
    ("medium", "low", "yellow", ["s4_matrix_yellow_medium_rosh"]),
    ("medium", "high", "red", ["s4_matrix_top", "s4_close_to_change_red"]),
    ("high", "low", "red", ["s4_rosh_high_top_band", "s2_rosh_high_escalate_to_nps",
                            "s4_close_to_change_red"]),
    ("very_high", "low", "red", ["s4_rosh_very_high_top_band",
                                 "s2_rosh_very_high_escalate_to_nps", "s4_close_to_change_red"]),
])
def test_s4_matrix_every_cell(rosh, judgement, band_, level_codes):
    result = band_case(rosh, None, judgement, close_to_change=True)
    assert summary(result) == (band_, judgement, "judgement", "none",
                               rosh in ("high", "very_high"),
                               [f"s4_ror_{judgement}_from_judgement", *level_codes,
                                f"s4_minimum_hours_{band_}"], [])


@pytest.mark.parametrize(("close", "band_", "reason", "prompts"), [
    (True, "red", "s4_close_to_change_red", []),
    (False, "blue", "s4_not_close_to_change_blue", []),
    (None, "blue", "s4_closeness_unknown_blue", ["s4_decide_red_or_blue"]),
])
def test_s4_red_or_blue_by_closeness_to_change(close, band_, reason, prompts):
    result = band(BandInput(rosh="medium", ogrs3_two_year=70, close_to_change=close))
    assert summary(result) == (band_, "high", "ogrs3", "none", False,
                               ["s4_ror_high_from_ogrs3", "s4_matrix_top", reason,
                                f"s4_minimum_hours_{band_}"], prompts)


def test_s4_closeness_to_change_does_not_matter_below_the_top_band():
    for close in (True, False, None):
        assert band_case("low", 10, close_to_change=close).band == "green"


# --- §4 floors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["drr", "atr", "mhtr"])
def test_s4_treatment_requirement_floor_raises_green_to_yellow(code):
    result = band_case("low", 10, requirements=frozenset({code}))
    assert summary(result) == ("yellow", "low", "ogrs3", "yellow", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                f"s4_{code}_floor_yellow", "s4_minimum_hours_yellow"], [])


@pytest.mark.parametrize("code", ["drr", "atr", "mhtr"])
def test_s4_treatment_requirement_floor_already_met(code):
    result = band_case("low", 60, requirements=[code])
    assert summary(result) == ("yellow", "high", "ogrs3", "yellow", False,
                               ["s4_ror_high_from_ogrs3", "s4_matrix_yellow_high_ror",
                                f"s4_{code}_floor_met", "s4_minimum_hours_yellow"], [])


@pytest.mark.parametrize("code", sorted(REQUIREMENT_CODES - {"drr", "atr", "mhtr"}))
def test_s4_other_requirements_do_not_move_the_band(code):
    result = band_case("low", 10, requirements={code})
    assert summary(result) == ("green", "low", "ogrs3", "none", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                "s4_minimum_hours_green"], [])


def test_s4_requirement_floor_needs_a_requirement_not_a_registration_of_that_name():
    # Floor requirements and floor registrations are separate lists: a "drr" registration is an
    # unknown registration, and serious organised crime is a registration, not a requirement.
    with pytest.raises(RuleInputError):
        band_case("low", 10, registrations={"drr"})
    with pytest.raises(RuleInputError):
        band_case("low", 10, requirements={"serious_organised_crime"})
    config = BandingConfig(floor_requirements=frozenset({"rar"}),
                           floor_registrations=frozenset({"hate_crime"}))
    assert band_case("low", 10, requirements={"rar"}, config=config).band == "yellow"
    assert band_case("low", 10, registrations={"hate_crime"}, config=config).band == "yellow"
    assert band_case("low", 10, requirements={"drr"}, config=config).band == "green"
    assert band_case("low", 10, registrations={"serious_organised_crime"},
                     config=config).band == "green"


def test_s4_serious_organised_crime_floor():
    result = band_case("low", 10, registrations={"serious_organised_crime"})
    assert summary(result) == ("yellow", "low", "ogrs3", "yellow", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                "s4_serious_organised_crime_floor_yellow",
                                "s4_minimum_hours_yellow"], [])
    result = band_case("medium", 10, registrations={"serious_organised_crime"})
    assert codes(result)[2] == "s4_serious_organised_crime_floor_met"
    assert result.floor == "yellow"


def test_s4_two_floors_each_give_their_reason_in_code_order():
    result = band_case("low", 10, requirements={"mhtr", "drr"},
                       registrations={"serious_organised_crime"})
    assert codes(result)[2:5] == ["s4_drr_floor_yellow", "s4_mhtr_floor_met",
                                  "s4_serious_organised_crime_floor_met"]


@pytest.mark.parametrize(("age", "applies"), [
    (10, False), (17, False), (18, True), (24, True), (25, False), (120, False),
])
def test_s4_aces_floor_for_young_adults_18_to_24(age, applies):
    result = band_case("low", 10, registrations={"aces"}, age=age)
    if applies:
        assert summary(result) == ("yellow", "low", "ogrs3", "yellow", False,
                                   ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                    "s4_aces_floor_yellow", "s4_minimum_hours_yellow"], [])
    else:
        assert summary(result) == ("green", "low", "ogrs3", "none", False,
                                   ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                    "s4_aces_outside_young_adult_age",
                                    "s4_minimum_hours_green"], [])


def test_s4_aces_floor_already_met():
    result = band_case("medium", 10, registrations={"aces"}, age=18)
    assert (result.band, result.floor, codes(result)[2]) == ("yellow", "yellow",
                                                            "s4_aces_floor_met")


def test_s4_aces_without_an_age_is_an_input_error():
    with pytest.raises(RuleInputError) as raised:
        band_case("low", 10, registrations={"aces"})
    assert raised.value.as_dict() == {
        "field": "age",
        "message": "needed to decide whether the aces floor applies (young adults aged 18 to "
                   "24)",
    }
    assert band_case("low", 10, registrations={"hate_crime"}).band == "green"


@pytest.mark.parametrize(("age", "applies"), [(20, False), (21, True), (30, True), (31, False)])
def test_s4_young_adult_ages_are_configuration(age, applies):
    config = BandingConfig(young_adult_min_age=21, young_adult_max_age=30)
    result = band_case("low", 10, registrations={"aces"}, age=age, config=config)
    assert result.band == ("yellow" if applies else "green")
    text = result.reasons[2].text
    assert ("aged 21 to 30" in text) and (("not aged" in text) is not applies)


# --- §4 automatic top band and "consider blue / red" -------------------------------------------


@pytest.mark.parametrize("code", ["child_protection_plan", "iom", "prevent", "sex_offender"])
def test_s4_automatic_top_band(code):
    result = band_case("low", 10, registrations={code}, close_to_change=False)
    assert summary(result) == ("blue", "low", "ogrs3", "red_or_blue", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                f"s4_{code}_automatic_top", "s4_not_close_to_change_blue",
                                "s4_minimum_hours_blue"], [])


@pytest.mark.parametrize("code", ["child_concern", "child_in_need", "complex_mental_health",
                                  "domestic_abuse", "hate_crime", "mappa",
                                  "previous_very_high_rosh"])
def test_s4_consider_top_prompts_below_the_top_band_only(code):
    result = band_case("medium", 10, registrations={code})
    assert summary(result) == ("yellow", "low", "ogrs3", "none", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_yellow_medium_rosh",
                                "s4_minimum_hours_yellow"], [f"s4_{code}_consider_top"])
    top = band_case("medium", 60, registrations={code}, close_to_change=True)
    assert codes(top, "prompts") == []
    auto = band_case("low", 10, registrations={code, "iom"}, close_to_change=True)
    assert codes(auto, "prompts") == []


@pytest.mark.parametrize("code", ["domestic_abuse_victim", "restraining_order", "visor"])
def test_s4_registrations_without_effect(code):
    result = band_case("low", 10, registrations={code})
    assert summary(result)[0:5] == ("green", "low", "ogrs3", "none", False)
    assert codes(result, "prompts") == []


def test_s4_floor_then_automatic_top_band():
    result = band_case("low", 10, requirements={"drr"}, registrations={"iom", "hate_crime"},
                       close_to_change=True)
    assert summary(result) == ("red", "low", "ogrs3", "red_or_blue", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_green", "s4_drr_floor_yellow",
                                "s4_iom_automatic_top", "s4_close_to_change_red",
                                "s4_minimum_hours_red"], [])


# --- §4 minimum offer --------------------------------------------------------------------------


@pytest.mark.parametrize(("rosh", "ogrs3", "close", "band_", "hours", "contact"), [
    ("low", 10, None, "green", 12, 10),
    ("low", 60, None, "yellow", 24, 22),
    ("medium", 60, True, "red", 35, 33),
    ("medium", 60, False, "blue", 35, 33),
])
def test_s4_minimum_hours_and_make_up(rosh, ogrs3, close, band_, hours, contact):
    result = band_case(rosh, ogrs3, close_to_change=close)
    assert (result.band, result.minimum_hours) == (band_, hours)
    assert result.make_up == HoursMakeUp(2, contact, DEFAULT_CONFIG.contact_make_up[band_])
    assert result.make_up.as_dict() == {"new_directions": 2, "contact": contact,
                                        "contact_kind": DEFAULT_CONFIG.contact_make_up[band_]}


def test_s4_hours_are_configuration():
    config = BandingConfig(minimum_hours=MappingProxyType({"green": 3, "yellow": 4, "red": 5,
                                                           "blue": 6}),
                           new_directions_hours=3,
                           contact_make_up=MappingProxyType({"green": "calls"}))
    result = band_case("low", 10, config=config)
    assert (result.minimum_hours, result.make_up) == (3, HoursMakeUp(3, 0, "calls"))
    assert result.reasons[-1].text == ("Minimum offer for GREEN: 3 hours — 3 h New Directions "
                                       "meeting + 0 h calls.")
    blue = band_case("medium", 60, close_to_change=False, config=config)
    assert (blue.minimum_hours, blue.make_up) == (6, HoursMakeUp(3, 3, ""))
    assert blue.reasons[-1].text == ("Minimum offer for BLUE: 6 hours — 3 h New Directions "
                                     "meeting + 3 h contact.")


@pytest.mark.parametrize(("hours", "message"), [
    ({"green": 1, "yellow": 24, "red": 35, "blue": 35},
     "green needs at least the 2 h New Directions meeting"),
    ({"green": 12, "yellow": 24, "red": 35},
     "blue needs at least the 2 h New Directions meeting"),
])
def test_s4_every_band_needs_the_new_directions_meeting(hours, message):
    with pytest.raises(RuleInputError) as raised:
        BandingConfig(minimum_hours=MappingProxyType(hours))
    assert raised.value.as_dict() == {"field": "minimum_hours", "message": message}
    BandingConfig(minimum_hours=MappingProxyType({"green": 2, "yellow": 2, "red": 2, "blue": 2}))


def test_s4_a_band_missing_from_the_hours_is_refused_whatever_the_meeting_length():
    with pytest.raises(RuleInputError) as raised:
        BandingConfig(minimum_hours=MappingProxyType({"green": 1, "yellow": 1, "red": 1}),
                      new_directions_hours=1)
    assert raised.value.as_dict() == {"field": "minimum_hours",
                                      "message": "blue needs at least the 1 h New Directions "
                                                 "meeting"}


# --- §4 recategorisation -----------------------------------------------------------------------


@pytest.mark.parametrize(("previous", "close", "change", "prompts"), [
    ("green", True, "up", ["s4_manager_confirms"]),
    ("yellow", True, "up", ["s4_manager_confirms"]),
    ("red", True, "same", []),
    ("blue", True, "lateral", ["s4_manager_confirms"]),
    ("red", False, "lateral", ["s4_manager_confirms"]),
    ("blue", False, "same", []),
])
def test_s4_recategorisation_to_the_top_band(previous, close, change, prompts):
    result = band_case("medium", 60, close_to_change=close, previous_band=previous)
    new = result.band
    assert (result.previous_band, result.change, result.event) == (previous, change, None)
    assert result.reasons[-1].code == f"s4_recategorisation_{change}"
    assert codes(result, "prompts") == prompts
    out = result.as_dict()
    assert (out["previous_band"], out["change"], "event" in out) == (previous, change, False)
    assert new in BANDS


@pytest.mark.parametrize(("previous", "change", "prompts"), [
    ("green", "up", ["s4_manager_confirms"]),
    ("yellow", "same", []),
    ("red", "down", ["s4_moving_down_check", "s4_manager_confirms"]),
    ("blue", "down", ["s4_moving_down_check", "s4_manager_confirms"]),
])
def test_s4_recategorisation_to_yellow(previous, change, prompts):
    result = band_case("low", 60, previous_band=previous)
    assert (result.band, result.change) == ("yellow", change)
    assert codes(result, "prompts") == prompts


@pytest.mark.parametrize(("event", "event_prompts"), [
    ("breach", ["s4_breach_review_prompt"]),
    ("new_offence", ["s4_new_offence_rescore_prompt"]),
    ("rosh_change", []),
    ("registration_added", []),
    ("registration_removed", []),
    ("closeness_change", []),
])
def test_s4_recategorisation_after_an_event_always_needs_the_manager(event, event_prompts):
    result = recategorise(BandInput(rosh="low", ogrs3_two_year=10, previous_band="green"),
                          event)
    assert summary(result) == ("green", "low", "ogrs3", "none", False,
                               ["s4_ror_low_from_ogrs3", "s4_matrix_green",
                                "s4_minimum_hours_green", f"s4_event_{event}",
                                "s4_recategorisation_same"],
                               [*event_prompts, "s4_manager_confirms"])
    out = result.as_dict()
    assert (out["previous_band"], out["change"], out["event"]) == ("green", "same", event)


def test_s4_result_without_previous_band_has_no_recategorisation_keys():
    result = band(BandInput(rosh="low", ogrs3_two_year=10))
    assert (result.previous_band, result.change, result.event) == (None, None, None)
    assert result.as_dict() == {
        "band": "green",
        "minimum_hours": 12,
        "make_up": {"new_directions": 2, "contact": 10,
                    "contact_kind": DEFAULT_CONFIG.contact_make_up["green"]},
        "ror": "low",
        "ror_source": "ogrs3",
        "floor": "none",
        "escalate_to_nps": False,
        "reasons": [{"code": r.code, "section": r.section, "text": r.text}
                    for r in result.reasons],
        "prompts": [],
    }
    assert [r["code"] for r in result.as_dict()["reasons"]] == [
        "s4_ror_low_from_ogrs3", "s4_matrix_green", "s4_minimum_hours_green"]
    assert FLOORS == ("none", "yellow", "red_or_blue")


def test_s4_recategorise_needs_the_previous_band():
    with pytest.raises(RuleInputError) as raised:
        recategorise(BandInput(rosh="low", ogrs3_two_year=10), "breach")
    assert raised.value.as_dict() == {"field": "previous_band",
                                      "message": "needed to recategorise after an event"}


# --- impossible input --------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"rosh": "none"}, "rosh", "must be one of low, medium, high, very_high, not 'none'"),
    ({"rosh": ["low"]}, "rosh", "must be one of low, medium, high, very_high, not ['low']"),
    ({"ror_judgement": "medium"}, "ror_judgement", "must be 'low', 'high' or null"),
    ({"ogrs3_two_year": None}, "ror_judgement",
     "needed when ogrs3_two_year is null: give 'low' or 'high' (the officer's professional "
     "judgement of the risk of reoffending)"),
    ({"ogrs3_two_year": -0.01}, "ogrs3_two_year", "must be a percentage from 0 to 100, or null"),
    ({"ogrs3_two_year": 100.01}, "ogrs3_two_year", "must be a percentage from 0 to 100, or null"),
    ({"ogrs3_two_year": True}, "ogrs3_two_year", "must be a percentage from 0 to 100, or null"),
    ({"ogrs3_two_year": "50"}, "ogrs3_two_year", "must be a percentage from 0 to 100, or null"),
    ({"requirements": "drr"}, "requirements", "must be a list of codes"),
    ({"requirements": 5}, "requirements", "must be a list of codes"),
    ({"requirements": ["drr", 1]}, "requirements", "codes must be strings, not 1"),
    ({"registrations": "iom"}, "registrations", "must be a list of codes"),
    ({"registrations": [None]}, "registrations", "codes must be strings, not None"),
    ({"requirements": ["zzz", "aaa", "drr"]}, "requirements",
     "unknown requirement code(s): aaa, zzz; known: " + ", ".join(sorted(REQUIREMENT_CODES))),
    ({"registrations": {"nope"}}, "registrations",
     "unknown registration code(s): nope; known: " + ", ".join(sorted(REGISTRATION_CODES))),
    ({"close_to_change": 1}, "close_to_change", "must be true, false or null"),
    ({"close_to_change": "yes"}, "close_to_change", "must be true, false or null"),
    ({"previous_band": "amber"}, "previous_band", "must be one of green, yellow, red, blue or null"),
    ({"event": "moved"}, "event",
     "must be one of breach, warning, new_offence, rosh_change, registration_added, registration_removed, "
     "closeness_change, not 'moved'"),
    ({"event": "breach"}, "previous_band", "needed to recategorise after an event"),
    ({"age": 9}, "age", "must be a whole number of years from 10 to 120"),
    ({"age": 121}, "age", "must be a whole number of years from 10 to 120"),
    ({"age": 20.0}, "age", "must be a whole number of years from 10 to 120"),
    ({"age": True}, "age", "must be a whole number of years from 10 to 120"),
])
def test_s4_impossible_input_names_the_field(kwargs, field, message):
    values = {"rosh": "low", "ogrs3_two_year": 10, "config": BandingConfig()} | kwargs
    with pytest.raises(RuleInputError) as raised:
        band_case(**values)
    assert raised.value.as_dict() == {"field": field, "message": message}


@pytest.mark.parametrize(("age", "ogrs3"), [(10, 0), (120, 100), (None, 0.0), (40, 100.0)])
def test_s4_smallest_and_largest_valid_inputs(age, ogrs3):
    assert band_case("low", ogrs3, age=age, requirements=None, registrations=None).band in BANDS


def test_s4_band_input_accepts_any_list_of_codes():
    inp = BandInput(rosh="low", ogrs3_two_year=10, requirements=["drr"], registrations=None)
    assert (inp.requirements, inp.registrations) == (frozenset({"drr"}), frozenset())
    assert band(inp).band == "yellow"
    with pytest.raises(RuleInputError) as raised:
        BandInput(rosh="low", registrations="iom")
    assert raised.value.as_dict() == {"field": "registrations", "message": "must be a list of codes"}
    with pytest.raises(RuleInputError) as raised:
        BandInput(rosh="low", requirements=[3])
    assert raised.value.as_dict() == {"field": "requirements",
                                      "message": "codes must be strings, not 3"}


def test_s4_band_passes_every_fact_through():
    inp = BandInput(rosh="medium", ogrs3_two_year=None, ror_judgement="high",
                    requirements=frozenset({"drr"}), registrations=frozenset({"aces"}), age=20,
                    close_to_change=True, previous_band="yellow")
    result = band(inp)
    assert summary(result) == ("red", "high", "judgement", "yellow", False,
                               ["s4_ror_high_from_judgement", "s4_matrix_top", "s4_drr_floor_met",
                                "s4_aces_floor_met", "s4_close_to_change_red",
                                "s4_minimum_hours_red", "s4_recategorisation_up"],
                               ["s4_manager_confirms"])
    again = recategorise(inp, "closeness_change")
    assert (again.event, again.change, again.band) == ("closeness_change", "up", "red")
    assert codes(again)[-2:] == ["s4_event_closeness_change", "s4_recategorisation_up"]


def test_s4_recategorise_uses_the_requirements_and_the_configuration():
    inp = BandInput(rosh="low", ogrs3_two_year=45, requirements=frozenset({"drr"}),
                    previous_band="green")
    result = recategorise(inp, "new_offence")
    assert (result.band, result.floor, result.change) == ("yellow", "yellow", "up")
    lower = recategorise(inp, "new_offence", BandingConfig(ror_high_threshold=40))
    assert (lower.ror, codes(lower)[:3]) == ("high", ["s4_ror_high_from_ogrs3",
                                                      "s4_matrix_yellow_high_ror",
                                                      "s4_drr_floor_met"])


def test_s4_codes_added_by_configuration_are_named_by_their_code():
    config = BandingConfig(
        requirement_codes=REQUIREMENT_CODES | {"tagging"},
        registration_codes=REGISTRATION_CODES | {"gangs", "youth_gangs", "terror", "arson"},
        floor_requirements=frozenset({"tagging"}),
        floor_registrations=frozenset({"gangs"}),
        young_adult_registrations=frozenset({"youth_gangs"}),
        automatic_top=frozenset({"terror"}),
        consider_top=frozenset({"arson"}),
    )
    assert band_case("low", 10, requirements={"tagging"}, config=config).reasons[2].text == (
        "The order has a tagging: the band is at least YELLOW.")
    assert band_case("low", 10, registrations={"gangs"}, config=config).reasons[2].text == (
        "Registered: gangs. The band is at least YELLOW.")
    assert band_case("low", 10, registrations={"youth_gangs"}, age=30,
                     config=config).reasons[2].text == (
        "Registered: youth_gangs, but the person is not aged 18 to 24, so the young-adult floor "
        "does not apply.")
    terror = band_case("low", 10, registrations={"terror"}, close_to_change=True, config=config)
    assert (terror.band, terror.reasons[2].text) == (
        "red", "Registered: terror. The case is automatically in the top band (BLUE / RED).")
    arson = band_case("low", 10, registrations={"arson"}, config=config)
    assert [p.text for p in arson.prompts] == [
        "Registered: arson. Consider placing the case in BLUE / RED; record the decision and its "
        "rationale."]


def test_s4_every_unknown_registration_is_named():
    with pytest.raises(RuleInputError) as raised:
        band_case("low", 10, registrations={"zeta", "alpha", "iom"}, config=BandingConfig())
    assert raised.value.as_dict()["message"].startswith(
        "unknown registration code(s): alpha, zeta; known: ")


def test_s4_each_young_adult_registration_is_checked():
    config = BandingConfig(young_adult_registrations=frozenset({"aces", "hate_crime"}),
                           consider_top=frozenset())
    # "aces" sorts first and is not registered: "hate_crime" must still raise the floor.
    result = band_case("low", 10, registrations={"hate_crime"}, age=20, config=config)
    assert (result.band, codes(result)[2]) == ("yellow", "s4_hate_crime_floor_yellow")
