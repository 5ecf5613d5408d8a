"""The adapter from Desist's records to the tier's inputs (tiering.md; docs/tiering.md)."""

from __future__ import annotations

import pytest

from desist.rules import tiering_facts as tf
from desist.rules.tiering_facts import CaseFacts, SentenceFacts

RAR = (SentenceFacts("community_order", frozenset({"rar"})),)


@pytest.mark.parametrize(("score", "severity"), [
    (1, "severe"), (4, "severe"), (5, "standard"), (7, "standard"), (8, "none"), (10, "none")])
def test_self_assessment_scores_become_severities_on_the_default_scale(score, severity):
    assert tf.severity(score, 1, 10) == severity


def test_areas_map_onto_needs_sections_and_unknown_areas_are_not_counted():
    needs = tf.needs_of({"home": 2, "feelings": 6, "offending": 9, "caring": 1}, (1, 10))
    assert needs == {"accommodation": "severe", "thinking_and_behaviour": "standard",
                     "attitudes": "none"}
    assert tf.needs_of(None, (1, 10)) is None


def test_registrations_become_complexity_factors_iom_is_not_one():
    inp = tf.tier_input(CaseFacts(registrations=frozenset(
        {"child_in_need", "child_concern", "self_harm", "iom", "domestic_abuse"}),
        sentences=RAR))
    assert inp.complexity_factors == frozenset({"child_concerns", "self_harm"})
    assert inp.iom is True


def test_highest_current_mappa_level_counts():
    assert tf.mappa_level([1, 3]) == 3
    assert tf.mappa_level([]) is None
    assert tf.case_tier(CaseFacts(mappa_levels=(2,), sentences=RAR)).protect == "A"


@pytest.mark.parametrize(("sentences", "mandate"), [
    ((SentenceFacts("community_order", frozenset({"upw"})),), False),
    ((SentenceFacts("community_order", frozenset({"curfew", "exclusion"})),), False),
    ((SentenceFacts("community_order", frozenset({"upw", "rar"})),), True),
    ((SentenceFacts("licence"),), True),
    ((), False),
])
def test_mandate_for_change_needs_custody_or_a_rehabilitative_requirement(sentences, mandate):
    assert tf.mandate_for_change(sentences) is mandate


def test_suspended_sentence_without_requirements_is_unsupervised():
    facts = CaseFacts(sentences=(SentenceFacts("sso"),))
    assert tf.case_tier(facts).tier == "D0S"
    assert tf.contact_band("D", 0, True) is None


def test_woman_temper_answer_comes_from_a_severe_feelings_score_and_needs_an_assessment():
    with_reading = tf.tier_input(CaseFacts(female=True, reading={"feelings": 2},
                                           childcare_responsibilities=True, sentences=RAR))
    assert with_reading.impulsivity_or_temper and with_reading.parenting_responsibilities
    result = tf.tier(with_reading)
    assert result.protect_points == 4
    without = tf.case_tier(CaseFacts(female=True, childcare_responsibilities=True,
                                     breach_or_recall=True, sentences=RAR))
    assert without.protect_points == 2  # only the breach counts without an assessment


def test_rsr_outscores_low_rosh_and_inputs_round_trip_through_the_contract():
    from desist.rules.tiering import tier_payload

    facts = CaseFacts(rosh="low", rsr=8.0, reading={"home": 2}, ogrs3=55, sentences=RAR)
    result = tf.case_tier(facts)
    assert (result.protect, result.protect_points) == ("B", 20)
    again = tier_payload(tf.inputs_dict(tf.tier_input(facts)))
    assert again["tier"] == result.tier


@pytest.mark.parametrize(("protect", "change", "band"), [
    ("A", 0, "blue"), ("B", 3, "blue"), ("B", 2, "yellow"), ("C", 2, "yellow"),
    ("C", 1, "green"), ("D", 3, "green")])
def test_tier_contact_levels(protect, change, band):
    assert tf.contact_band(protect, change) == band


def test_tier_rank_puts_protect_first_then_more_change_work():
    order = sorted(["D0", "A0", "B3", "A3", "C2"], key=lambda t: tf.tier_rank(t[0], int(t[1])))
    assert order == ["A3", "A0", "B3", "C2", "D0"]


def test_workload_tier_points_replace_band_rosh_and_flags():
    from desist.rules import workload

    case = workload.WorkloadCase(band="red", rosh="medium", flags=frozenset({"iom"}),
                                 case_type="community", tier="B2")
    points = workload.case_points(case)
    assert points.points == workload.DEFAULT_TIER_POINTS["B2"]
    assert workload.case_points(workload.WorkloadCase(
        band=None, rosh="low", case_type="custody", tier="A3S")).points == round(
        workload.DEFAULT_TIER_POINTS["A3"] * 0.6, 2)
    with pytest.raises(workload.RuleInputError):
        workload.case_points(workload.WorkloadCase(band=None, rosh="low", tier="E1"))
