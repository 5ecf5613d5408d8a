"""Boundaries of the plan gate, checks and escalation (operating-model.md §7, §8, §15), pinned.

Written against mutation testing (issue 25): a check's validity the day before, of and after its
last valid day (91 days by default, and a configured period), its age in words (today, 1 day,
2 days), each RoSH level on both sides of "medium or above" and "high or above", every flag,
every blocker with its exact words, and every input error through ``RuleInputError.as_dict()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desist.rules import planning as rules
from desist.rules.errors import RuleInputError
from desist.rules.planning import (
    CHILDRENS_SOCIAL_CARE,
    POLICE_DA,
    AgencyItem,
    CheckRules,
    CheckState,
    GateResult,
    PlanFacts,
)
from desist.rules.reasons import Reason

D = dt.date
S2, S6, S7, S8, S15 = (f"operating-model.md §{n}" for n in (2, 6, 7, 8, 15))
DONE = D(2026, 3, 2)  # Monday; valid for 91 days, to Monday 1 June 2026
POLICE = "Police domestic abuse call-out check"
CSC = "Children's social care check"
ALL_PARTS = frozenset({"victims", "agencies", "home_visits", "contingency"})


def error_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(RuleInputError) as error:
        call(*args, **kwargs)
    return error.value.as_dict()


# --- checks ----------------------------------------------------------------------------------

def test_the_default_validity_is_91_days_for_both_checks():
    assert CheckRules().valid_days == {POLICE_DA: 91, CHILDRENS_SOCIAL_CARE: 91}
    assert rules.DEFAULT_CHECK_RULES.days_for(POLICE_DA) == 91
    assert rules.DEFAULT_CHECK_RULES.days_for(CHILDRENS_SOCIAL_CARE) == 91
    assert error_of(CheckRules().days_for, "horoscope") == {
        "field": "kind", "message": "unknown check 'horoscope'"}


@pytest.mark.parametrize(("today", "age", "fresh"), [
    (D(2026, 5, 31), 90, True), (D(2026, 6, 1), 91, True), (D(2026, 6, 2), 92, False)])
def test_a_check_the_day_before_of_and_after_its_last_valid_day(today, age, fresh):
    state = rules.check_state(POLICE_DA, DONE, today)
    assert state == CheckState(POLICE_DA, POLICE, DONE, D(2026, 6, 1), age, fresh)
    assert state.status == ("fresh" if fresh else "stale")


def test_the_descriptions_with_their_ages_and_dates():
    fresh = rules.check_state(POLICE_DA, DONE, D(2026, 6, 1))
    assert fresh.describe() == (
        f"{POLICE}: done 91 days ago, valid until Monday 1 June 2026.")
    stale = rules.check_state(CHILDRENS_SOCIAL_CARE, DONE, D(2026, 6, 2))
    assert stale.describe() == (
        f"{CSC}: out of date, last done 92 days ago (Monday 2 March 2026); it was valid until "
        "Monday 1 June 2026.")
    missing = rules.check_state(CHILDRENS_SOCIAL_CARE, None, D(2026, 6, 2))
    assert missing == CheckState(CHILDRENS_SOCIAL_CARE, CSC, None, None, None, False)
    assert missing.status == "missing"
    assert missing.describe() == f"{CSC}: not done (no completed check is recorded)."


@pytest.mark.parametrize(("today", "words"), [
    (DONE, "today"), (D(2026, 3, 3), "1 day ago"), (D(2026, 3, 4), "2 days ago")])
def test_the_age_in_words(today, words):
    assert rules.check_state(POLICE_DA, DONE, today).describe() == (
        f"{POLICE}: done {words}, valid until Monday 1 June 2026.")


def test_a_configured_validity_period():
    short = CheckRules({POLICE_DA: 7, CHILDRENS_SOCIAL_CARE: 28})
    assert rules.check_state(POLICE_DA, DONE, D(2026, 3, 9), short).fresh is True
    assert rules.check_state(POLICE_DA, DONE, D(2026, 3, 10), short).fresh is False
    csc = rules.check_state(CHILDRENS_SOCIAL_CARE, DONE, D(2026, 3, 30), short)
    assert (csc.valid_until, csc.fresh) == (D(2026, 3, 30), True)


def test_check_state_refuses():
    assert error_of(rules.check_state, "horoscope", DONE, DONE) == {
        "field": "kind", "message": "unknown check 'horoscope'"}
    assert error_of(rules.check_state, POLICE_DA, D(2026, 3, 3), DONE) == {
        "field": "completed_on", "message": "a check cannot be completed in the future"}
    assert rules.check_state(POLICE_DA, DONE, DONE).fresh is True
    assert error_of(rules.check_state, POLICE_DA, DONE, DONE, CheckRules({})) == {
        "field": "kind", "message": "unknown check 'police_domestic_abuse'"}


@pytest.mark.parametrize(("flags", "needed"), [
    (set(), ()),
    ({"domestic_abuse"}, (POLICE_DA, CHILDRENS_SOCIAL_CARE)),
    ({"domestic_abuse_victim"}, (POLICE_DA, CHILDRENS_SOCIAL_CARE)),
    ({"child_protection_plan"}, (CHILDRENS_SOCIAL_CARE,)),
    ({"child_concern"}, (CHILDRENS_SOCIAL_CARE,)),
    ({"child_in_need"}, (CHILDRENS_SOCIAL_CARE,)),
    ({"domestic_abuse", "child_in_need"}, (POLICE_DA, CHILDRENS_SOCIAL_CARE)),
    ({"self_harm"}, ()),
])
def test_required_checks_for_each_flag(flags, needed):
    assert rules.required_checks(iter(flags)) == needed


# --- RoSH levels -----------------------------------------------------------------------------

@pytest.mark.parametrize(("rosh", "label"), [
    ("medium", "medium"), ("high", "high"), ("very_high", "very high")])
def test_medium_rosh_or_above_needs_an_rmp_and_countersigning(rosh, label):
    assert rules.rmp_required(rosh, []) == (Reason(
        "s8_rmp_rosh", S8, f"RoSH is {label}: a risk management plan is required."),)
    assert rules.countersign_required(rosh, []) == (Reason(
        "s8_countersign_rosh", S8, f"RoSH is {label}: a manager must countersign the plan."),)
    assert rules.review_countersign_required(rosh, []) == (Reason(
        "s15_countersign_review_rosh", S15,
        f"RoSH is {label}: a manager must countersign the review."),)


@pytest.mark.parametrize("rosh", [None, "", "low"])
def test_low_or_no_rosh_needs_neither(rosh):
    assert rules.rmp_required(rosh, []) == ()
    assert rules.countersign_required(rosh, []) == ()
    assert rules.review_countersign_required(rosh, []) == ()


def test_an_unknown_rosh_level_is_refused():
    error = {"field": "rosh",
             "message": "unknown RoSH level 'severe'; use low, medium, high, very_high"}
    assert error_of(rules.rmp_required, "severe", []) == error
    assert error_of(rules.countersign_required, "severe", []) == error
    assert error_of(rules.review_countersign_required, "severe", []) == error
    assert error_of(rules.rosh_escalation, None, "severe") == error


@pytest.mark.parametrize("flag", ["domestic_abuse", "domestic_abuse_victim"])
def test_domestic_abuse_flags(flag):
    assert rules.rmp_required(None, iter([flag])) == (Reason(
        "s8_rmp_domestic_abuse", S8,
        "Domestic abuse is flagged: a risk management plan is required."),)
    assert rules.countersign_required(None, iter([flag])) == (Reason(
        "s8_countersign_domestic_abuse", S8,
        "Domestic abuse case: a manager must countersign the plan."),)
    assert rules.review_countersign_required(None, iter([flag])) == (Reason(
        "s15_countersign_review_domestic_abuse", S15,
        "Domestic abuse case: a manager must countersign the review."),)


@pytest.mark.parametrize("flag", ["child_protection_plan", "child_concern", "child_in_need"])
def test_child_flags(flag):
    assert rules.rmp_required(None, iter([flag])) == (Reason(
        "s8_rmp_child_safeguarding", S8,
        "Child safeguarding is flagged: a risk management plan is required."),)
    assert rules.countersign_required(None, iter([flag])) == (Reason(
        "s8_countersign_safeguarding", S8,
        "Safeguarding case: a manager must countersign the plan."),)
    assert rules.review_countersign_required(None, iter([flag])) == (Reason(
        "s15_countersign_review_safeguarding", S15,
        "Safeguarding case: a manager must countersign the review."),)


def test_all_three_reasons_in_order():
    flags = ["child_concern", "domestic_abuse"]
    assert [r.code for r in rules.rmp_required("high", iter(flags))] == [
        "s8_rmp_rosh", "s8_rmp_domestic_abuse", "s8_rmp_child_safeguarding"]
    assert [r.code for r in rules.countersign_required("high", iter(flags))] == [
        "s8_countersign_rosh", "s8_countersign_domestic_abuse", "s8_countersign_safeguarding"]
    assert [r.code for r in rules.review_countersign_required("high", iter(flags))] == [
        "s15_countersign_review_rosh", "s15_countersign_review_domestic_abuse",
        "s15_countersign_review_safeguarding"]


@pytest.mark.parametrize(("previous", "current", "was", "now"), [
    (None, "high", "not assessed", "high"), ("", "very_high", "not assessed", "very high"),
    ("low", "high", "low", "high"), ("medium", "high", "medium", "high"),
    ("high", "very_high", "high", "very high"), ("low", "very_high", "low", "very high")])
def test_a_rise_to_high_or_very_high_is_escalated(previous, current, was, now):
    assert rules.rosh_escalation(previous, current) == Reason(
        "s7_rosh_escalation", S7,
        f"RoSH rose from {was} to {now}: the case is outside the CRC's remit and must be "
        "escalated to the NPS.")


@pytest.mark.parametrize(("previous", "current"), [
    (None, "medium"), ("low", "medium"), ("high", "high"), ("very_high", "high"),
    ("very_high", "very_high"), ("medium", "low"), (None, "low")])
def test_no_escalation_below_high_or_without_a_rise(previous, current):
    assert rules.rosh_escalation(previous, current) is None


# --- the gate --------------------------------------------------------------------------------

TODAY = D(2026, 6, 1)
READY = PlanFacts(
    rosh="low", flags=frozenset(), objectives=1, unaddressed_area_titles=(),
    rmp_parts_filled=frozenset(), check_dates={}, person_agreed=True, copied_not_reviewed=False,
    bbr_referral=False, partner_link_worker=False, reading_recorded=True, today=TODAY)


def test_a_ready_low_rosh_plan_passes_with_nothing_else():
    result = rules.plan_gate(READY)
    assert result == GateResult(True, (), (), ())
    assert result.as_dict() == {"ok": True, "blockers": [], "countersign_required": [],
                                "checks": []}


def test_one_objective_is_enough_and_none_blocks():
    assert rules.plan_gate(replace(READY, objectives=0)).blockers == (Reason(
        "s8_no_objectives", S8, "The plan has no objectives."),)


def test_each_other_blocker_in_its_words_and_order():
    facts = replace(
        READY, reading_recorded=False, objectives=0,
        unaddressed_area_titles=("Somewhere to live", "Drugs and alcohol"),
        unacknowledged_information=(AgencyItem("MARAC", D(2026, 5, 29)),
                                    AgencyItem("Police", D(2026, 6, 1))),
        bbr_referral=True, partner_link_worker=False, copied_not_reviewed=True,
        person_agreed=False, returned_unchanged="Add a victim contact objective")
    result = rules.plan_gate(facts)
    assert result.ok is False
    assert result.blockers == (
        Reason("s6_no_reading", S6, "No approved self-assessment reading: complete one with the "
               "person so the plan can address their needs."),
        Reason("s8_no_objectives", S8, "The plan has no objectives."),
        Reason("s6_area_unaddressed", S6, "Somewhere to live scored 7 or below and has no "
               "objective: add one or record why not."),
        Reason("s6_area_unaddressed", S6, "Drugs and alcohol scored 7 or below and has no "
               "objective: add one or record why not."),
        Reason("s7_information_unacknowledged", S7, "Information from MARAC received on Friday "
               "29 May 2026 has not been acknowledged: read it and record what it changes about "
               "risk or the plan."),
        Reason("s7_information_unacknowledged", S7, "Information from Police received on Monday "
               "1 June 2026 has not been acknowledged: read it and record what it changes about "
               "risk or the plan."),
        Reason("s7_partner_link_worker", S7, "Referred to Building Better Relationships: assign "
               "a partner link worker to support the (ex-)partner."),
        Reason("s8_copied_not_reviewed", S8, "This plan was copied from a previous sentence and "
               "has not been reviewed: review every objective before completing it."),
        Reason("s8_not_agreed", S8, "Record whether the person agrees with the plan."),
        Reason("s8_returned_unchanged", S8, "A manager returned this plan saying what must "
               "change: “Add a victim contact objective”. It has not changed since: change the "
               "plan to address this before completing it again."),
    )


def test_a_bbr_referral_with_a_partner_link_worker_passes():
    assert rules.plan_gate(replace(READY, bbr_referral=True, partner_link_worker=True)).ok
    assert rules.plan_gate(replace(READY, bbr_referral=False, partner_link_worker=True)).ok


def test_an_empty_return_note_still_blocks():
    result = rules.plan_gate(replace(READY, returned_unchanged=""))
    assert [r.code for r in result.blockers] == ["s8_returned_unchanged"]


@pytest.mark.parametrize("missing", sorted(ALL_PARTS))
def test_each_missing_rmp_part_is_named_with_why_it_is_required(missing):
    facts = replace(READY, rosh="medium", rmp_parts_filled=ALL_PARTS - {missing})
    result = rules.plan_gate(facts)
    assert result.blockers == (Reason(
        "s8_rmp_missing", S8,
        f"Risk management plan incomplete: add {rules.RMP_PARTS[missing]}. RoSH is medium: a "
        "risk management plan is required."),)
    assert rules.plan_gate(replace(facts, rmp_parts_filled=ALL_PARTS)).ok


def test_an_empty_rmp_lists_every_part_and_every_reason():
    facts = replace(READY, rosh="high", flags=frozenset({"child_concern"}),
                    check_dates={CHILDRENS_SOCIAL_CARE: DONE})
    result = rules.plan_gate(facts)
    assert result.blockers == (Reason(
        "s8_rmp_missing", S8,
        "Risk management plan incomplete: add victims and potential victims, other agencies' "
        "roles (MARAC, children's social care, police), home visits, contingency (what happens "
        "if risk rises). RoSH is high: a risk management plan is required. Child safeguarding is "
        "flagged: a risk management plan is required."),)


@pytest.mark.parametrize(("today", "blocked"), [
    (D(2026, 5, 31), False), (D(2026, 6, 1), False), (D(2026, 6, 2), True)])
def test_a_da_plan_with_checks_the_day_before_of_and_after_their_last_valid_day(today, blocked):
    facts = replace(READY, flags=frozenset({"domestic_abuse"}), rmp_parts_filled=ALL_PARTS,
                    check_dates={POLICE_DA: DONE, CHILDRENS_SOCIAL_CARE: DONE}, today=today)
    result = rules.plan_gate(facts)
    assert result.ok is not blocked
    assert [c.status for c in result.checks] == ["stale" if blocked else "fresh"] * 2
    assert result.countersign == (Reason(
        "s8_countersign_domestic_abuse", S8,
        "Domestic abuse case: a manager must countersign the plan."),)
    if blocked:
        assert [r.code for r in result.blockers] == ["s7_check_stale", "s7_check_stale"]
        assert result.blockers[0] == Reason(
            "s7_check_stale", S7, f"{POLICE}: out of date, last done 92 days ago (Monday 2 March "
            "2026); it was valid until Monday 1 June 2026.")


def test_the_gate_uses_the_given_check_rules_and_reports_each_check():
    facts = replace(READY, flags=frozenset({"child_in_need"}), rmp_parts_filled=ALL_PARTS,
                    check_dates={CHILDRENS_SOCIAL_CARE: D(2026, 5, 1)})
    assert rules.plan_gate(facts).ok
    short = CheckRules({POLICE_DA: 91, CHILDRENS_SOCIAL_CARE: 30})
    result = rules.plan_gate(facts, short)
    assert result.as_dict() == {
        "ok": False,
        "blockers": [{"code": "s7_check_stale", "section": S7,
                      "text": f"{CSC}: out of date, last done 31 days ago (Friday 1 May 2026); "
                              "it was valid until Sunday 31 May 2026."}],
        "countersign_required": [{"code": "s8_countersign_safeguarding", "section": S8,
                                  "text": "Safeguarding case: a manager must countersign the "
                                          "plan."}],
        "checks": [{"kind": CHILDRENS_SOCIAL_CARE, "status": "stale", "age_days": 31,
                    "valid_until": "2026-05-31"}],
    }


def test_a_missing_check_blocks_and_reports_no_date():
    facts = replace(READY, flags=frozenset({"domestic_abuse_victim"}), rmp_parts_filled=ALL_PARTS,
                    check_dates={CHILDRENS_SOCIAL_CARE: DONE}, today=D(2026, 3, 2))
    result = rules.plan_gate(facts)
    assert result.blockers == (Reason("s7_check_missing", S7,
                                      f"{POLICE}: not done (no completed check is recorded)."),)
    assert result.as_dict()["checks"] == [
        {"kind": POLICE_DA, "status": "missing", "age_days": None, "valid_until": None},
        {"kind": CHILDRENS_SOCIAL_CARE, "status": "fresh", "age_days": 0,
         "valid_until": "2026-06-01"}]


def test_safeguarding_gate_on_its_own():
    states, blockers = rules.safeguarding_gate(["child_concern"], {}, TODAY)
    assert states == (CheckState(CHILDRENS_SOCIAL_CARE, CSC, None, None, None, False),)
    assert blockers == (Reason("s7_check_missing", S7,
                               f"{CSC}: not done (no completed check is recorded)."),)
    assert rules.safeguarding_gate([], {}, TODAY) == ((), ())


def test_the_gate_refuses_anything_but_plan_facts():
    assert error_of(rules.plan_gate, {"rosh": "low"}) == {
        "field": "facts", "message": "must be PlanFacts"}


def test_the_gate_reports_the_countersignature_a_rosh_level_needs():
    # survivor of the first mutation run: the gate passed no RoSH to the countersign rule
    result = rules.plan_gate(replace(READY, rosh="high", rmp_parts_filled=ALL_PARTS))
    assert result.ok is True
    assert result.countersign == (Reason(
        "s8_countersign_rosh", S8, "RoSH is high: a manager must countersign the plan."),)
