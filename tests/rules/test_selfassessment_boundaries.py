"""Boundaries of the self-assessment rules (operating-model.md §6), pinned exactly.

Written against mutation testing (issue 25): every input error through
``RuleInputError.as_dict()`` (field and words), the scale's ends (0 and 100, a score of the
lowest and highest, one below and above), the objective threshold (6, 7, 8), the stage bands on
both sides, the area code's length (30, 31) and the count of areas (20, 21), and the falling
reason with its numbers.
"""

from __future__ import annotations

import copy

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.selfassessment import (
    DEFAULT_DEFINITION,
    DEFAULT_INSTRUMENT,
    OBJECTIVE_THRESHOLD,
    Area,
    AreaChange,
    Instrument,
    Stage,
    check_scores,
    compare,
    load_instrument,
    missing_areas,
    unaddressed_areas,
)

S6 = "operating-model.md §6"


def small(**changes: object) -> dict[str, object]:
    """A two-stage, two-area instrument on 1–5, with ``changes`` applied at the top level."""
    definition: dict[str, object] = {
        "name": "Small",
        "scale": {"min": 1, "max": 5},
        "stages": [{"name": "Low", "from": 1, "to": 2}, {"name": "High", "from": 3, "to": 5}],
        "areas": [{"code": "a", "title": "Area A", "descriptor": "First"},
                  {"code": "b", "title": "Area B", "descriptor": "Second"}],
    }
    definition.update(changes)
    return definition


def refused(definition: object) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        load_instrument(definition)
    return error.value.as_dict()


# --- the default instrument, whole ----------------------------------------------------------

def test_the_default_instrument_whole():
    spec = load_instrument(copy.deepcopy(DEFAULT_DEFINITION))
    assert spec == DEFAULT_INSTRUMENT
    assert spec.name == "Desist strengths and needs self-assessment"
    assert (spec.scale_min, spec.scale_max) == (1, 10)
    assert [(s.name, s.low, s.high) for s in spec.stages] == [
        ("Stuck", 1, 2), ("Thinking about it", 3, 4), ("Making a start", 5, 6),
        ("Keeping it going", 7, 8), ("Self-reliant", 9, 10)]
    assert spec.stages[0].description == (
        "Things feel fixed and hard to change; help is not yet wanted or trusted.")
    assert spec.codes == ("home", "daily_life", "wellbeing", "community", "family", "caring",
                          "substances", "time", "feelings", "offending")
    assert spec.area("home") == Area("home", "Somewhere to live",
                                      "Having a safe, settled place to stay and keeping it.")
    assert spec.area("nowhere") is None
    assert OBJECTIVE_THRESHOLD == 7


def test_as_dict_round_trips_with_every_key():
    spec = load_instrument(small())
    assert spec.as_dict() == {
        "name": "Small",
        "scale": {"min": 1, "max": 5},
        "stages": [{"name": "Low", "from": 1, "to": 2, "description": ""},
                   {"name": "High", "from": 3, "to": 5, "description": ""}],
        "areas": [{"code": "a", "title": "Area A", "descriptor": "First"},
                  {"code": "b", "title": "Area B", "descriptor": "Second"}],
    }
    assert load_instrument(spec.as_dict()) == spec


@pytest.mark.parametrize(("score", "stage"), [
    (0, None), (1, "Stuck"), (2, "Stuck"), (3, "Thinking about it"), (4, "Thinking about it"),
    (5, "Making a start"), (6, "Making a start"), (7, "Keeping it going"),
    (8, "Keeping it going"), (9, "Self-reliant"), (10, "Self-reliant"), (11, None)])
def test_each_score_falls_in_its_stage_at_both_ends(score, stage):
    found = DEFAULT_INSTRUMENT.stage_for(score)
    assert (found.name if found else None) == stage


def test_names_titles_and_descriptions_are_trimmed():
    spec = load_instrument(small(
        name="  Small  ",
        stages=[{"name": " Low ", "from": 1, "to": 2, "description": " down "},
                {"name": "High", "from": 3, "to": 5}],
        areas=[{"code": "a", "title": " Area A ", "descriptor": " First "},
               {"code": "b_2", "title": "B"}]))
    assert spec.name == "Small"
    assert spec.stages == (Stage("Low", 1, 2, "down"), Stage("High", 3, 5, ""))
    assert spec.areas == (Area("a", "Area A", "First"), Area("b_2", "B", ""))


def test_stages_given_out_of_order_are_sorted_by_their_lowest_score():
    spec = load_instrument(small(stages=[{"name": "High", "from": 3, "to": 5},
                                         {"name": "Low", "from": 1, "to": 2}]))
    assert [s.name for s in spec.stages] == ["Low", "High"]


# --- the scale -------------------------------------------------------------------------------

@pytest.mark.parametrize(("low", "high"), [(0, 1), (0, 100), (99, 100)])
def test_the_scale_may_run_from_0_up_to_100(low, high):
    stages = [{"name": "All", "from": low, "to": high}]
    spec = load_instrument(small(scale={"min": low, "max": high}, stages=stages))
    assert (spec.scale_min, spec.scale_max) == (low, high)


@pytest.mark.parametrize(("low", "high"), [(-1, 5), (0, 101), (5, 5), (6, 5)])
def test_a_scale_outside_0_to_100_or_empty_is_refused(low, high):
    stages = [{"name": "All", "from": low, "to": high}]
    assert refused(small(scale={"min": low, "max": high}, stages=stages)) == {
        "field": "scale", "message": "the lowest score must be below the highest (0 to 100)"}


@pytest.mark.parametrize(("scale", "field"), [
    ({"min": True, "max": 5}, "scale.min"), ({"min": 1.0, "max": 5}, "scale.min"),
    ({"max": 5}, "scale.min"), ({"min": 1, "max": False}, "scale.max"),
    ({"min": 1, "max": "5"}, "scale.max"), ({"min": 1}, "scale.max")])
def test_scale_ends_must_be_whole_numbers(scale, field):
    assert refused(small(scale=scale)) == {"field": field, "message": "must be a whole number"}


@pytest.mark.parametrize("scale", [None, [1, 5], "1-5"])
def test_a_scale_that_is_not_an_object_is_refused(scale):
    assert refused(small(scale=scale)) == {
        "field": "scale", "message": "must give the lowest and highest score, e.g. 1 and 10"}


# --- the definition, field by field ----------------------------------------------------------

@pytest.mark.parametrize("definition", [None, [], "instrument"])
def test_a_definition_that_is_not_an_object_is_refused(definition):
    assert refused(definition) == {
        "field": "instrument", "message": "must be an object with name, scale, stages and areas"}


@pytest.mark.parametrize("name", [None, "", "   ", 7])
def test_the_instrument_needs_a_name(name):
    assert refused(small(name=name)) == {"field": "name", "message": "give the instrument a name"}


@pytest.mark.parametrize("stages", [None, [], {"name": "x"}])
def test_at_least_one_stage(stages):
    assert refused(small(stages=stages)) == {
        "field": "stages", "message": "list at least one stage with its name and score band"}


@pytest.mark.parametrize(("second", "error"), [
    ("High", {"field": "stages[2]", "message": "must have a name, from and to"}),
    ({"name": " ", "from": 3, "to": 5}, {"field": "stages[2].name",
                                         "message": "give the stage a name"}),
    ({"name": 3, "from": 3, "to": 5}, {"field": "stages[2].name",
                                       "message": "give the stage a name"}),
    ({"name": "High", "from": True, "to": 5}, {"field": "stages[2]",
                                               "message": "from and to must be whole numbers"}),
    ({"name": "High", "from": 3, "to": 5.0}, {"field": "stages[2]",
                                              "message": "from and to must be whole numbers"}),
    ({"name": "High", "from": 3}, {"field": "stages[2]",
                                   "message": "from and to must be whole numbers"}),
    ({"name": "High", "from": 6, "to": 5}, {"field": "stages[2]",
                                            "message": "from must not be above to"}),
    ({"name": "High", "from": 3, "to": 5, "description": 5},
     {"field": "stages[2].description", "message": "must be text"}),
])
def test_each_stage_error_names_the_stage_counted_from_one(second, error):
    stages = [{"name": "Low", "from": 1, "to": 2}, second]
    assert refused(small(stages=stages)) == error


def test_a_stage_of_one_score_is_allowed():
    spec = load_instrument(small(stages=[{"name": "Low", "from": 1, "to": 2},
                                         {"name": "Three", "from": 3, "to": 3},
                                         {"name": "High", "from": 4, "to": 5}]))
    assert [(s.low, s.high) for s in spec.stages] == [(1, 2), (3, 3), (4, 5)]


@pytest.mark.parametrize(("stages", "start"), [
    ([{"name": "Low", "from": 1, "to": 2}, {"name": "High", "from": 4, "to": 5}], 4),  # gap
    ([{"name": "Low", "from": 1, "to": 3}, {"name": "High", "from": 3, "to": 5}], 3),  # overlap
    ([{"name": "Low", "from": 2, "to": 2}, {"name": "High", "from": 3, "to": 5}], 2),  # late
    ([{"name": "Low", "from": 0, "to": 2}, {"name": "High", "from": 3, "to": 5}], 0),  # early
])
def test_stages_must_cover_every_score_once(stages, start):
    assert refused(small(stages=stages)) == {
        "field": "stages",
        "message": "the stages must cover every score from 1 to 5 once, without gaps or "
                   f"overlaps (check the stage starting at {start})"}


@pytest.mark.parametrize("end", [4, 6])
def test_the_last_stage_must_end_at_the_highest_score(end):
    stages = [{"name": "Low", "from": 1, "to": 2}, {"name": "High", "from": 3, "to": end}]
    assert refused(small(stages=stages)) == {
        "field": "stages", "message": "the last stage must end at the highest score, 5"}


@pytest.mark.parametrize("areas", [None, [], {"code": "a"}])
def test_at_least_one_area(areas):
    assert refused(small(areas=areas)) == {"field": "areas", "message": "list at least one area"}


def area_list(count: int) -> list[dict[str, str]]:
    return [{"code": f"a{n}", "title": f"Area {n}"} for n in range(count)]


def test_twenty_areas_are_allowed_and_twenty_one_refused():
    assert len(load_instrument(small(areas=area_list(20))).areas) == 20
    assert refused(small(areas=area_list(21))) == {
        "field": "areas", "message": "an instrument has at most 20 areas"}


@pytest.mark.parametrize("code", ["a" * 30, "x_1", "9"])
def test_codes_of_lower_case_letters_digits_and_underscores_up_to_30(code):
    spec = load_instrument(small(areas=[{"code": code, "title": "T"}]))
    assert spec.codes == (code,)


@pytest.mark.parametrize("code", [None, "", "a" * 31, "has space", "Upper", "a-b", 5, "_", "__"])
def test_other_codes_are_refused(code):
    assert refused(small(areas=[{"code": "ok", "title": "T"}, {"code": code, "title": "T"}])) == {
        "field": "areas[2].code", "message": "use a short code of lower-case letters, digits and _"}


@pytest.mark.parametrize(("second", "error"), [
    ("b", {"field": "areas[2]", "message": "must have a code, title and descriptor"}),
    ({"code": "a", "title": "Again"}, {"field": "areas[2].code",
                                       "message": "the code 'a' is used twice"}),
    ({"code": "b", "title": "  "}, {"field": "areas[2].title", "message": "give the area a title"}),
    ({"code": "b"}, {"field": "areas[2].title", "message": "give the area a title"}),
    ({"code": "b", "title": "B", "descriptor": None},
     {"field": "areas[2].descriptor", "message": "must be text"}),
])
def test_each_area_error_names_the_area_counted_from_one(second, error):
    assert refused(small(areas=[{"code": "a", "title": "A"}, second])) == error


# --- scores ----------------------------------------------------------------------------------

def scores_refused(scores: object) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        check_scores(load_instrument(small()), scores)
    return error.value.as_dict()


def test_scores_at_both_ends_of_the_scale_are_accepted():
    spec = load_instrument(small())
    assert check_scores(spec, {"a": 1, "b": 5}) == {"a": 1, "b": 5}
    assert check_scores(spec, {"a": None, "b": 3}) == {"b": 3}
    assert check_scores(spec, {}) == {}


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_one_off_the_scale_is_refused_with_the_scale(score):
    assert scores_refused({"a": 3, "b": score}) == {"field": "b", "message": "must be from 1 to 5"}


@pytest.mark.parametrize("score", [True, 3.0, "3"])
def test_a_score_must_be_a_whole_number(score):
    assert scores_refused({"b": score}) == {"field": "b", "message": "must be a whole number"}


def test_an_unknown_area_and_a_non_mapping_are_refused():
    assert scores_refused({"a": 3, "z": 3}) == {
        "field": "z", "message": "is not an area of this instrument"}
    assert scores_refused([("a", 3)]) == {"field": "scores", "message": "must map area codes to scores"}


def test_missing_areas_in_instrument_order():
    spec = load_instrument(small())
    assert missing_areas(spec, {"a": 1, "b": 1}) == ()
    assert missing_areas(spec, {"a": None, "b": 1}) == (Area("a", "Area A", "First"),)
    assert missing_areas(spec, {}) == spec.areas


# --- the threshold and the comparison --------------------------------------------------------

def test_the_objective_threshold_is_seven_or_below():
    scores = {**{code: 10 for code in DEFAULT_INSTRUMENT.codes}, "home": 6, "daily_life": 7,
              "wellbeing": 8}
    assert [a.code for a in unaddressed_areas(DEFAULT_INSTRUMENT, scores, ())] == [
        "home", "daily_life"]
    assert [a.code for a in unaddressed_areas(DEFAULT_INSTRUMENT, scores, (), threshold=6)] == [
        "home"]
    assert [a.code for a in unaddressed_areas(DEFAULT_INSTRUMENT, {"home": None}, ())] == []


def test_a_fall_of_one_is_a_prompt_and_no_change_or_a_rise_is_not():
    spec = load_instrument(small())
    result = compare(spec, {"a": 4, "b": 3}, {"a": 3, "b": 3})
    assert result.changes == (AreaChange("a", "Area A", 4, 3), AreaChange("b", "Area B", 3, 3))
    assert [c.change for c in result.changes] == [-1, 0]
    assert result.falling == (AreaChange("a", "Area A", 4, 3),)
    assert result.reasons == (Reason(
        "s6_area_falling", S6,
        "Area A fell from 4 to 3: review what has changed with the person and whether the plan "
        "still fits."),)
    rise = compare(spec, {"a": 3, "b": 3}, {"a": 4, "b": 3})
    assert rise.falling == () and rise.reasons == ()
    assert [c.change for c in rise.changes] == [1, 0]


def test_an_area_unscored_either_time_has_no_change():
    spec = load_instrument(small())
    result = compare(spec, {"a": 4}, {"b": 2})
    assert [(c.before, c.after, c.change, c.falling) for c in result.changes] == [
        (4, None, None, False), (None, 2, None, False)]
    assert result.reasons == ()


@pytest.mark.parametrize("previous", [None, {}])
def test_the_first_reading_says_so(previous):
    spec = load_instrument(small())
    result = compare(spec, previous, {"a": 1, "b": 2})
    assert result.reasons == (Reason("s6_first_reading", S6,
                                     "First reading: nothing to compare yet."),)
    assert [(c.before, c.after) for c in result.changes] == [(None, 1), (None, 2)]


def test_an_instrument_built_directly_answers_the_same():
    spec = Instrument("Direct", 1, 2, (Stage("One", 1, 1), Stage("Two", 2, 2)),
                      (Area("a", "A", ""),))
    assert spec.stage_for(2) == Stage("Two", 2, 2)
    assert load_instrument(spec.as_dict()) == spec
