"""Colour banding (operating-model.md §4): matrix, floors, overrides, hours, recategorisation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desist.rules.banding import (
    BAND_RANK,
    BANDS,
    EVENTS,
    REGISTRATION_CODES,
    REQUIREMENT_CODES,
    ROSH_LEVELS,
    BandingConfig,
    BandInput,
    band,
    band_case,
    recategorise,
)
from desist.rules.errors import RuleInputError


def codes(result, attr="reasons"):
    return [r.code for r in getattr(result, attr)]


# ----------------------------------------------------------------------------------------------
# The matrix


@pytest.mark.parametrize(
    ("rosh", "ogrs3", "expected", "matrix_reason"),
    [
        ("low", 10, "green", "s4_matrix_green"),
        ("low", 49, "green", "s4_matrix_green"),
        ("low", 50, "yellow", "s4_matrix_yellow_high_ror"),
        ("medium", 49, "yellow", "s4_matrix_yellow_medium_rosh"),
        ("medium", 50, "blue", "s4_matrix_top"),
        ("medium", 100, "blue", "s4_matrix_top"),
    ],
)
def test_s4_matrix_rosh_by_ror_from_ogrs3(rosh, ogrs3, expected, matrix_reason):
    r = band(BandInput(rosh=rosh, ogrs3_two_year=ogrs3))
    assert r.band == expected
    assert matrix_reason in codes(r)
    assert r.ror_source == "ogrs3"
    assert r.escalate_to_nps is False


@pytest.mark.parametrize(
    ("rosh", "judgement", "expected"),
    [("low", "low", "green"), ("low", "high", "yellow"), ("medium", "low", "yellow"),
     ("medium", "high", "blue")],
)
def test_s4_ror_from_professional_judgement_when_no_ogrs3(rosh, judgement, expected):
    r = band(BandInput(rosh=rosh, ror_judgement=judgement))
    assert r.band == expected
    assert r.ror == judgement
    assert r.ror_source == "judgement"
    assert f"s4_ror_{judgement}_from_judgement" in codes(r)


def test_s4_ogrs3_decides_and_differing_judgement_is_a_prompt():
    higher = band(BandInput(rosh="low", ogrs3_two_year=30, ror_judgement="high"))
    assert higher.band == "green"
    assert codes(higher, "prompts") == ["s4_judgement_higher_than_ogrs3"]
    lower = band(BandInput(rosh="low", ogrs3_two_year=70, ror_judgement="low"))
    assert lower.band == "yellow"
    assert codes(lower, "prompts") == ["s4_judgement_lower_than_ogrs3"]


def test_s4_missing_ogrs3_and_judgement_is_an_error_naming_the_field():
    with pytest.raises(RuleInputError) as caught:
        band(BandInput(rosh="low"))
    assert caught.value.field == "ror_judgement"
    assert "ogrs3_two_year" in caught.value.message


@pytest.mark.parametrize("rosh", ["high", "very_high"])
def test_s4_high_rosh_goes_to_top_band_and_escalates_to_nps(rosh):
    r = band(BandInput(rosh=rosh, ogrs3_two_year=5))
    assert r.band == "blue"
    assert r.escalate_to_nps is True
    assert f"s4_rosh_{rosh}_top_band" in codes(r)
    escalation = next(x for x in r.reasons if x.code == f"s2_rosh_{rosh}_escalate_to_nps")
    assert escalation.section == "operating-model.md §2"


# ----------------------------------------------------------------------------------------------
# Floors and overrides


@pytest.mark.parametrize("requirement", ["drr", "atr", "mhtr"])
def test_s4_treatment_requirement_floors_band_at_yellow(requirement):
    r = band(BandInput(rosh="low", ogrs3_two_year=10, requirements=frozenset({requirement})))
    assert r.band == "yellow"
    assert r.floor == "yellow"
    assert f"s4_{requirement}_floor_yellow" in codes(r)


@pytest.mark.parametrize("requirement", ["rar", "upw", "programme", "exclusion", "curfew"])
def test_s4_other_requirements_do_not_change_the_band(requirement):
    r = band(BandInput(rosh="low", ogrs3_two_year=10, requirements=frozenset({requirement})))
    assert r.band == "green"
    assert r.floor == "none"


def test_s4_floor_already_met_is_still_explained():
    r = band(BandInput(rosh="medium", ogrs3_two_year=10, requirements=frozenset({"drr"})))
    assert r.band == "yellow"
    assert "s4_drr_floor_met" in codes(r)


def test_s4_serious_organised_crime_floors_band_at_yellow():
    r = band(BandInput(rosh="low", ogrs3_two_year=10,
                       registrations=frozenset({"serious_organised_crime"})))
    assert r.band == "yellow"
    assert "s4_serious_organised_crime_floor_yellow" in codes(r)


@pytest.mark.parametrize(
    ("age", "expected"), [(17, "green"), (18, "yellow"), (24, "yellow"), (25, "green")]
)
def test_s4_aces_floor_applies_to_young_adults_18_to_24(age, expected):
    r = band(BandInput(rosh="low", ogrs3_two_year=10, registrations=frozenset({"aces"}),
                       age=age))
    assert r.band == expected
    if expected == "green":
        assert "s4_aces_outside_young_adult_age" in codes(r)


def test_s4_aces_without_age_is_an_error_naming_age():
    with pytest.raises(RuleInputError) as caught:
        band(BandInput(rosh="low", ogrs3_two_year=10, registrations=frozenset({"aces"})))
    assert caught.value.field == "age"


@pytest.mark.parametrize("registration", ["child_protection_plan", "iom", "sex_offender",
                                          "prevent"])
def test_s4_automatic_blue_red_registrations(registration):
    r = band(BandInput(rosh="low", ogrs3_two_year=10,
                       registrations=frozenset({registration})))
    assert r.band == "blue"
    assert r.floor == "red_or_blue"
    assert f"s4_{registration}_automatic_top" in codes(r)
    assert r.minimum_hours == 35


@pytest.mark.parametrize(
    "registration",
    ["child_concern", "child_in_need", "domestic_abuse", "hate_crime", "complex_mental_health",
     "mappa", "previous_very_high_rosh"],
)
def test_s4_consider_blue_red_prompts_without_moving_the_band(registration):
    r = band(BandInput(rosh="medium", ogrs3_two_year=10,
                       registrations=frozenset({registration})))
    assert r.band == "yellow"
    assert codes(r, "prompts") == [f"s4_{registration}_consider_top"]


def test_s4_consider_prompt_is_dropped_once_already_in_top_band():
    r = band(BandInput(rosh="medium", ogrs3_two_year=80, close_to_change=True,
                       registrations=frozenset({"domestic_abuse"})))
    assert r.band == "red"
    assert "s4_domestic_abuse_consider_top" not in codes(r, "prompts")


@pytest.mark.parametrize("registration", ["domestic_abuse_victim", "restraining_order", "visor"])
def test_s2_recorded_registrations_do_not_change_the_band(registration):
    r = band(BandInput(rosh="low", ogrs3_two_year=10, registrations=frozenset({registration})))
    assert (r.band, r.prompts) == ("green", ())


# ----------------------------------------------------------------------------------------------
# Red versus blue


@pytest.mark.parametrize(
    ("close", "expected", "reason", "prompts"),
    [
        (True, "red", "s4_close_to_change_red", []),
        (False, "blue", "s4_not_close_to_change_blue", []),
        (None, "blue", "s4_closeness_unknown_blue", ["s4_decide_red_or_blue"]),
    ],
)
def test_s4_red_vs_blue_by_closeness_to_change(close, expected, reason, prompts):
    r = band(BandInput(rosh="medium", ogrs3_two_year=60, close_to_change=close))
    assert r.band == expected
    assert reason in codes(r)
    assert codes(r, "prompts") == prompts


def test_s4_closeness_to_change_ignored_below_top_band():
    r = band(BandInput(rosh="low", ogrs3_two_year=60, close_to_change=True))
    assert r.band == "yellow"


# ----------------------------------------------------------------------------------------------
# Minimum hours


@pytest.mark.parametrize(
    ("inp", "hours", "contact"),
    [
        (BandInput(rosh="low", ogrs3_two_year=10), 12, 10),
        (BandInput(rosh="low", ogrs3_two_year=60), 24, 22),
        (BandInput(rosh="medium", ogrs3_two_year=60, close_to_change=True), 35, 33),
        (BandInput(rosh="medium", ogrs3_two_year=60, close_to_change=False), 35, 33),
    ],
)
def test_s4_minimum_hours_and_make_up(inp, hours, contact):
    r = band(inp)
    assert r.minimum_hours == hours
    assert r.make_up.new_directions == 2
    assert r.make_up.contact == contact
    assert r.make_up.new_directions + r.make_up.contact == r.minimum_hours
    assert f"s4_minimum_hours_{r.band}" in codes(r)
    assert f"{hours} hours" in r.reasons[-1].text


def test_s4_red_contact_is_face_to_face_with_high_intensity_mentoring():
    r = band(BandInput(rosh="medium", ogrs3_two_year=60, close_to_change=True))
    assert "face-to-face" in r.make_up.contact_kind
    assert "high-intensity mentoring" in r.make_up.contact_kind


def test_s4_edited_hours_and_threshold_are_used():
    config = BandingConfig(
        ror_high_threshold=40,
        minimum_hours={"green": 14, "yellow": 24, "red": 35, "blue": 35},  # type: ignore[arg-type]
    )
    r = band(BandInput(rosh="low", ogrs3_two_year=39), config)
    assert (r.band, r.minimum_hours, r.make_up.contact) == ("green", 14, 12)
    assert band(BandInput(rosh="low", ogrs3_two_year=40), config).band == "yellow"
    assert "14 hours" in r.reasons[-1].text


# ----------------------------------------------------------------------------------------------
# Recategorisation


@pytest.mark.parametrize(
    ("previous", "inp", "change"),
    [
        ("green", BandInput(rosh="low", ogrs3_two_year=60), "up"),
        ("blue", BandInput(rosh="low", ogrs3_two_year=10), "down"),
        ("yellow", BandInput(rosh="medium", ogrs3_two_year=10), "same"),
        ("blue", BandInput(rosh="medium", ogrs3_two_year=60, close_to_change=True), "lateral"),
    ],
)
def test_s4_previous_band_gives_the_direction_of_change(previous, inp, change):
    r = band(replace(inp, previous_band=previous))
    assert r.change == change
    assert r.previous_band == previous
    assert f"s4_recategorisation_{change}" in codes(r)
    if change == "down":
        assert "s4_moving_down_check" in codes(r, "prompts")
    if change != "same":
        assert "s4_manager_confirms" in codes(r, "prompts")


@pytest.mark.parametrize(
    ("event", "before", "after", "expected_band", "change"),
    [
        # A new offence rescored OGRS3 above 50.
        ("new_offence", "green", BandInput(rosh="low", ogrs3_two_year=55), "yellow", "up"),
        # RoSH rose to high: top band and escalation.
        ("rosh_change", "yellow", BandInput(rosh="high", ogrs3_two_year=30), "blue", "up"),
        # A child protection plan was registered.
        ("registration_added", "yellow",
         BandInput(rosh="medium", ogrs3_two_year=30,
                   registrations=frozenset({"child_protection_plan"}), close_to_change=True),
         "red", "up"),
        # The IOM registration ended.
        ("registration_removed", "blue", BandInput(rosh="low", ogrs3_two_year=30),
         "green", "down"),
        # Closeness to change was assessed.
        ("closeness_change", "blue",
         BandInput(rosh="medium", ogrs3_two_year=70, close_to_change=True), "red", "lateral"),
        # A breach, facts unchanged.
        ("breach", "yellow", BandInput(rosh="medium", ogrs3_two_year=30), "yellow", "same"),
    ],
)
def test_s4_recategorisation_after_an_event(event, before, after, expected_band, change):
    r = recategorise(replace(after, previous_band=before), event)
    assert (r.band, r.change, r.event) == (expected_band, change, event)
    assert f"s4_event_{event}" in codes(r)
    assert "s4_manager_confirms" in codes(r, "prompts")
    if event == "breach":
        assert "s4_breach_review_prompt" in codes(r, "prompts")
        assert any("§11" in x.section for x in r.reasons)
    if event == "rosh_change":
        assert r.escalate_to_nps is True


def test_s4_recategorisation_needs_the_previous_band():
    with pytest.raises(RuleInputError) as caught:
        recategorise(BandInput(rosh="low", ogrs3_two_year=10), "breach")
    assert caught.value.field == "previous_band"


# ----------------------------------------------------------------------------------------------
# Invalid input


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(rosh="severe", ogrs3_two_year=10), "rosh"),
        (dict(rosh=["low"], ogrs3_two_year=10), "rosh"),
        (dict(rosh="low", ogrs3_two_year=101), "ogrs3_two_year"),
        (dict(rosh="low", ogrs3_two_year="55"), "ogrs3_two_year"),
        (dict(rosh="low", ogrs3_two_year=True), "ogrs3_two_year"),
        (dict(rosh="low", ror_judgement="medium"), "ror_judgement"),
        (dict(rosh="low", ogrs3_two_year=10, requirements={"drr", "tagging"}), "requirements"),
        (dict(rosh="low", ogrs3_two_year=10, requirements="drr"), "requirements"),
        (dict(rosh="low", ogrs3_two_year=10, registrations={"gang"}), "registrations"),
        (dict(rosh="low", ogrs3_two_year=10, registrations=[1]), "registrations"),
        (dict(rosh="low", ogrs3_two_year=10, close_to_change="yes"), "close_to_change"),
        (dict(rosh="low", ogrs3_two_year=10, previous_band="amber"), "previous_band"),
        (dict(rosh="low", ogrs3_two_year=10, age=3), "age"),
        (dict(rosh="low", ogrs3_two_year=10, previous_band="green", event="moved"), "event"),
        (dict(rosh="low", ogrs3_two_year=10, event="breach"), "previous_band"),
    ],
)
def test_invalid_input_raises_error_naming_the_field(kwargs, field):
    with pytest.raises(RuleInputError) as caught:
        band_case(**kwargs)
    assert caught.value.field == field
    if field in ("requirements", "registrations") and "unknown" in caught.value.message:
        assert "known:" in caught.value.message


def test_unknown_code_message_names_the_code():
    with pytest.raises(RuleInputError) as caught:
        band_case("low", 10, requirements={"drr", "tagging"})
    assert "tagging" in caught.value.message


def test_band_input_accepts_lists_of_codes():
    inp = BandInput(rosh="low", ogrs3_two_year=10, requirements=["drr"])  # type: ignore[arg-type]
    assert inp.requirements == frozenset({"drr"})
    assert band(inp).band == "yellow"


# ----------------------------------------------------------------------------------------------
# Properties

FLOOR_RANK = {"none": 0, "yellow": 1, "red_or_blue": 2}


@st.composite
def band_inputs(draw):
    return BandInput(
        rosh=draw(st.sampled_from(ROSH_LEVELS)),
        ogrs3_two_year=draw(st.one_of(st.none(), st.integers(0, 100))),
        ror_judgement=draw(st.sampled_from(["low", "high"])),
        requirements=frozenset(draw(st.sets(st.sampled_from(sorted(REQUIREMENT_CODES))))),
        registrations=frozenset(draw(st.sets(st.sampled_from(sorted(REGISTRATION_CODES))))),
        age=draw(st.integers(18, 80)),
        close_to_change=draw(st.sampled_from([True, False, None])),
        previous_band=draw(st.sampled_from([None, *BANDS])),
    )


@settings(max_examples=400)
@given(band_inputs())
def test_property_band_never_below_its_floor_and_always_explained(inp):
    r = band(inp)
    assert BAND_RANK[r.band] >= FLOOR_RANK[r.floor]
    assert r.reasons
    assert all(x.section.startswith("operating-model.md") or "risk-predictors" in x.section
               for x in r.reasons)
    assert r.minimum_hours >= 12
    assert r.make_up.contact >= 0
    assert r.escalate_to_nps == (inp.rosh in ("high", "very_high"))
    if r.escalate_to_nps:
        assert r.band in ("red", "blue")
    if r.band in ("red", "blue"):
        assert r.band == ("red" if inp.close_to_change is True else "blue")


@settings(max_examples=300)
@given(band_inputs(), st.sampled_from(sorted(REGISTRATION_CODES)))
def test_property_adding_a_registration_never_lowers_the_band(inp, extra):
    before = band(inp)
    after = band(replace(inp, registrations=inp.registrations | {extra}))
    assert BAND_RANK[after.band] >= BAND_RANK[before.band]


@settings(max_examples=300)
@given(band_inputs(), st.integers(0, 100))
def test_property_higher_ogrs3_or_rosh_never_lowers_the_band(inp, other):
    if inp.ogrs3_two_year is not None:
        lo, hi = sorted((inp.ogrs3_two_year, other))
        low = band(replace(inp, ogrs3_two_year=lo))
        high = band(replace(inp, ogrs3_two_year=hi))
        assert BAND_RANK[high.band] >= BAND_RANK[low.band]
    rank = ROSH_LEVELS.index(inp.rosh)
    if rank < len(ROSH_LEVELS) - 1:
        raised = band(replace(inp, rosh=ROSH_LEVELS[rank + 1]))
        assert BAND_RANK[raised.band] >= BAND_RANK[band(inp).band]


@settings(max_examples=200)
@given(band_inputs(), st.sampled_from(EVENTS), st.sampled_from(BANDS))
def test_property_recategorisation_direction_matches_band_ranks(inp, event, previous):
    r = recategorise(replace(inp, previous_band=previous), event)
    diff = BAND_RANK[r.band] - BAND_RANK[previous]
    expected = "up" if diff > 0 else "down" if diff < 0 else (
        "same" if r.band == previous else "lateral")
    assert r.change == expected
    assert "s4_manager_confirms" in codes(r, "prompts")
