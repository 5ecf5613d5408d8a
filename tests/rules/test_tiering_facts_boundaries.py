"""Boundaries of the adapter from Desist's records to the tier, and of the tier's contact level
(tiering.md; docs/tiering.md; ADR 0013). Written from the survivors of the first mutation run
(issue 25): the severity cut points exactly on the scale, a one-point scale, MAPPA level 1,
what counts as unsupervised, the whole input and its contract form, the exact work order, and
every stored tier read back to its contact band and reason."""

from __future__ import annotations

import pytest

from desist.rules import tiering_facts as tf
from desist.rules.reasons import Reason
from desist.rules.tiering import TierInput
from desist.rules.tiering_facts import POLICY_SECTION, CaseFacts, SentenceFacts

RAR = SentenceFacts("community_order", frozenset({"rar"}))


@pytest.mark.parametrize(("score", "severity"), [
    (2, "severe"),  # 0.25 of the way up a 0–8 scale
    (3, "standard"),  # exactly three-eighths: no longer severe
    (4, "standard"),
])
def test_three_eighths_of_the_scale_is_the_first_standard_score(score, severity):
    assert tf.severity(score, 0, 8) == severity


@pytest.mark.parametrize(("score", "severity"), [(6, "standard"), (7, "none"), (8, "none")])
def test_seven_tenths_of_the_scale_is_the_first_score_without_a_need(score, severity):
    assert tf.severity(score, 0, 10) == severity


@pytest.mark.parametrize(("low", "high"), [(5, 5), (6, 5)])
def test_a_scale_without_a_range_reads_as_no_need(low, high):
    assert tf.severity(5, low, high) == "none"


@pytest.mark.parametrize(("levels", "level"), [
    ([1], 1), ([2], 2), ([3], 3), ([1, 2], 2), ([0, 4], None), ([], None)])
def test_each_mappa_level_counts_and_others_do_not(levels, level):
    assert tf.mappa_level(levels) == level


@pytest.mark.parametrize(("sentences", "unsupervised"), [
    ((SentenceFacts("sso"),), True),
    ((SentenceFacts("sso"), SentenceFacts("sso")), True),
    ((SentenceFacts("sso", frozenset({"upw"})),), False),  # a requirement to supervise
    ((SentenceFacts("community_order"),), False),  # not a suspended sentence
    ((SentenceFacts("sso"), RAR), False),
    ((RAR,), False),
    ((), False),  # no sentence: not read as unsupervised
])
def test_only_suspended_sentences_without_requirements_are_unsupervised(sentences, unsupervised):
    assert tf.unsupervised(sentences) is unsupervised


def test_the_whole_input_and_its_contract_form():
    facts = CaseFacts(rosh="high", rsr=3.5, registrations=frozenset({"gangs", "iom"}),
                      mappa_levels=(1,), female=True, childcare_responsibilities=True,
                      breach_or_recall=True, reading={"feelings": 1, "home": 9}, ogrs3=55,
                      sentences=(RAR,))
    inp = tf.tier_input(facts)
    assert inp == TierInput(
        rosh="high", rsr=3.5, mappa_level=1, complexity_factors=frozenset({"gangs"}),
        female=True, parenting_responsibilities=True, impulsivity_or_temper=True,
        breach_or_recall=True, needs={"thinking_and_behaviour": "severe",
                                      "accommodation": "none"},
        ogrs3=55, iom=True, mandate_for_change=True, unsupervised=False)
    assert tf.inputs_dict(inp) == {
        "rosh": "high", "rsr": 3.5, "mappa_level": 1, "complexity_factors": ["gangs"],
        "gender": "female",
        "women": {"parenting_responsibilities": True, "impulsivity_or_temper": True,
                  "breach_or_recall": True},
        "needs": {"accommodation": "none", "thinking_and_behaviour": "severe"},
        "ogrs3": 55, "iom": True, "mandate_for_change": True, "unsupervised": False}


def test_a_man_with_no_assessment_and_no_rosh_in_the_contract_form():
    inp = tf.tier_input(CaseFacts(rosh="", sentences=(SentenceFacts("sso"),)))
    assert (inp.rosh, inp.needs, inp.ogrs3, inp.unsupervised) == (None, None, None, True)
    spelt = tf.inputs_dict(inp)
    assert (spelt["rosh"], spelt["gender"], spelt["needs"]) == (None, "male", None)


@pytest.mark.parametrize(("tier", "rank"), [
    ("A3", 0), ("A0", 3), ("B3", 4), ("B0", 7), ("C3", 8), ("D3", 12), ("D0", 15)])
def test_the_order_of_work_is_protect_letter_then_change_level(tier, rank):
    assert tf.tier_rank(tier[0], int(tier[1])) == rank


BANDS = {"A0": "blue", "A1": "blue", "A2": "blue", "A3": "blue",
         "B0": "yellow", "B1": "yellow", "B2": "yellow", "B3": "blue",
         "C0": "green", "C1": "green", "C2": "yellow", "C3": "yellow",
         "D0": "green", "D1": "green", "D2": "green", "D3": "green"}


@pytest.mark.parametrize(("tier", "band"), sorted(BANDS.items()))
def test_every_stored_tier_reads_back_to_its_contact_band(tier, band):
    assert tf.contact_band_of(tier) == band
    assert tf.contact_band(tier[0], int(tier[1])) == band  # the default: supervised
    assert tf.contact_band_of(f"{tier}S") is None  # unsupervised: no contact level


@pytest.mark.parametrize("stored", [
    None, "", "S", "A", "A12", "E1", "X3", "a3", "A4", "AX", "A3s", "A3SS"])
def test_anything_that_is_not_a_tier_has_no_contact_band(stored):
    assert tf.contact_band_of(stored) is None


@pytest.mark.parametrize(("protect", "change", "words"), [
    ("B", 3, "Tier B3 asks for at least weekly contact and the 35-hour minimum offer (the same "
             "as the blue band)."),
    ("C", 2, "Tier C2 asks for at least fortnightly contact and the 24-hour minimum offer (the "
             "same as the yellow band)."),
    ("C", 1, "Tier C1 asks for contact at least every four weeks and the 12-hour minimum offer "
             "(the same as the green band)."),
])
def test_the_contact_reason_names_the_tier_and_what_it_asks_for(protect, change, words):
    assert tf.contact_reason(protect, change) == Reason("tier_contact_level", POLICY_SECTION,
                                                        words)
    assert tf.contact_reason(protect, change, False) == tf.contact_reason(protect, change)


def test_an_unsupervised_tier_has_no_contact_level():
    assert tf.contact_reason("D", 0, True) == Reason(
        "tier_contact_unsupervised", "tiering.md Contact levels (ADR 0013)",
        "Tier D0S is unsupervised: no contact level applies.")
