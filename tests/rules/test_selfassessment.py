"""The self-assessment instrument as data and what readings show (operating-model.md §6)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.selfassessment import (
    DEFAULT_DEFINITION,
    DEFAULT_INSTRUMENT,
    check_scores,
    compare,
    load_instrument,
    missing_areas,
    unaddressed_areas,
)

ALL_EIGHT = {a.code: 8 for a in DEFAULT_INSTRUMENT.areas}


def test_default_instrument_has_ten_areas_five_stages_and_its_own_wording():
    spec = DEFAULT_INSTRUMENT
    assert len(spec.areas) == 10
    assert [s.name for s in spec.stages][0] == "Stuck"
    assert [s.name for s in spec.stages][-1] == "Self-reliant"
    assert (spec.scale_min, spec.scale_max) == (1, 10)
    text = str(spec.as_dict()).lower()
    assert "justice star" not in text and "triangle" not in text
    assert load_instrument(spec.as_dict()) == spec


def test_every_score_has_exactly_one_stage():
    for score in range(1, 11):
        assert DEFAULT_INSTRUMENT.stage_for(score) is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(name=""), "name"),
        (lambda d: d["scale"].update(max=0), "scale"),
        (lambda d: d["stages"].pop(2), "stages"),
        (lambda d: d["stages"][0].update(to=3), "stages"),
        (lambda d: d["areas"].append(dict(d["areas"][0])), "areas[11].code"),
        (lambda d: d["areas"][0].update(code="Has Spaces"), "areas[1].code"),
        (lambda d: d.update(areas=[]), "areas"),
    ],
)
def test_unusable_definitions_are_refused_with_the_field_named(change, field):
    definition = copy.deepcopy(DEFAULT_DEFINITION)
    change(definition)
    with pytest.raises(RuleInputError) as error:
        load_instrument(definition)
    assert error.value.field == field


def test_a_provider_can_load_another_instrument_in_the_same_shape():
    spec = load_instrument({
        "name": "Three-area check", "scale": {"min": 1, "max": 5},
        "stages": [{"name": "Low", "from": 1, "to": 2}, {"name": "High", "from": 3, "to": 5}],
        "areas": [{"code": "a", "title": "A", "descriptor": ""},
                  {"code": "b", "title": "B", "descriptor": ""},
                  {"code": "c", "title": "C", "descriptor": ""}],
    })
    assert spec.codes == ("a", "b", "c")
    with pytest.raises(RuleInputError):
        check_scores(spec, {"a": 6})


def test_scores_off_the_scale_or_for_unknown_areas_are_refused():
    with pytest.raises(RuleInputError):
        check_scores(DEFAULT_INSTRUMENT, {"home": 11})
    with pytest.raises(RuleInputError):
        check_scores(DEFAULT_INSTRUMENT, {"nowhere": 5})
    with pytest.raises(RuleInputError):
        check_scores(DEFAULT_INSTRUMENT, {"home": True})
    assert check_scores(DEFAULT_INSTRUMENT, {"home": None, "time": 3}) == {"time": 3}


def test_missing_areas_keep_a_reading_a_draft():
    scores = dict(ALL_EIGHT)
    assert missing_areas(DEFAULT_INSTRUMENT, scores) == ()
    del scores["home"]
    assert [a.code for a in missing_areas(DEFAULT_INSTRUMENT, scores)] == ["home"]


def test_falling_areas_are_prompts_to_review():
    now = {**ALL_EIGHT, "home": 5, "time": 9}
    result = compare(DEFAULT_INSTRUMENT, ALL_EIGHT, now)
    assert [c.code for c in result.falling] == ["home"]
    assert any("fell from 8 to 5" in r.text for r in result.reasons)
    first = compare(DEFAULT_INSTRUMENT, None, now)
    assert first.falling == () and first.reasons[0].code == "s6_first_reading"


def test_areas_at_seven_or_below_need_an_objective_or_a_reason():
    scores = {**ALL_EIGHT, "home": 5, "substances": 6, "time": 7}
    assert [a.code for a in unaddressed_areas(DEFAULT_INSTRUMENT, scores, [])] == [
        "home", "substances", "time"]
    assert [a.code for a in unaddressed_areas(DEFAULT_INSTRUMENT, scores, ["home", "time"])] == [
        "substances"]


@given(st.dictionaries(st.sampled_from(DEFAULT_INSTRUMENT.codes), st.integers(1, 10)))
def test_unaddressed_is_exactly_the_scored_areas_at_or_below_seven(scores):
    got = {a.code for a in unaddressed_areas(DEFAULT_INSTRUMENT, scores, [])}
    assert got == {code for code, value in scores.items() if value <= 7}
