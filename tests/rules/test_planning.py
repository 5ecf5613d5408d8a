"""Safeguarding checks, the risk management plan, countersigning and the plan gate (§7, §8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.planning import (
    CHILDRENS_SOCIAL_CARE,
    POLICE_DA,
    PlanFacts,
    check_state,
    countersign_required,
    plan_gate,
    required_checks,
    review_countersign_required,
    rmp_required,
    rosh_escalation,
)

TODAY = dt.date(2026, 11, 20)
FRESH = TODAY - dt.timedelta(days=10)

READY = PlanFacts(
    rosh="medium", flags=frozenset({"domestic_abuse"}), objectives=3,
    unaddressed_area_titles=(), rmp_parts_filled=frozenset(
        {"victims", "agencies", "home_visits", "contingency"}),
    check_dates={POLICE_DA: FRESH, CHILDRENS_SOCIAL_CARE: FRESH}, person_agreed=True,
    copied_not_reviewed=False, bbr_referral=False, partner_link_worker=False,
    reading_recorded=True, today=TODAY,
)


def codes(result):
    return [r.code for r in result.blockers]


def test_checks_needed_follow_the_flags():
    assert required_checks({"domestic_abuse"}) == (POLICE_DA, CHILDRENS_SOCIAL_CARE)
    assert required_checks({"child_protection_plan"}) == (CHILDRENS_SOCIAL_CARE,)
    assert required_checks({"iom"}) == ()


def test_check_freshness_and_age():
    assert check_state(POLICE_DA, None, TODAY).status == "missing"
    fresh = check_state(POLICE_DA, TODAY - dt.timedelta(days=91), TODAY)
    assert fresh.status == "fresh"
    stale = check_state(POLICE_DA, TODAY - dt.timedelta(days=120), TODAY)
    assert stale.status == "stale" and stale.age_days == 120
    assert "120 days ago" in stale.describe() and "Police domestic abuse" in stale.describe()
    with pytest.raises(RuleInputError):
        check_state(POLICE_DA, TODAY + dt.timedelta(days=1), TODAY)


def test_rmp_and_countersignature_required_for_medium_rosh_da_or_child_flags():
    assert rmp_required("low", set()) == ()
    assert [r.code for r in rmp_required("medium", set())] == ["s8_rmp_rosh"]
    assert [r.code for r in rmp_required("low", {"domestic_abuse"})] == ["s8_rmp_domestic_abuse"]
    assert [r.code for r in rmp_required(None, {"child_in_need"})] == ["s8_rmp_child_safeguarding"]
    assert countersign_required("low", set()) == ()
    assert len(countersign_required("high", {"domestic_abuse", "child_concern"})) == 3


def test_reviews_of_medium_rosh_da_or_safeguarding_cases_need_countersigning():
    """§15: "countersigning of plans and reviews for medium RoSH, DA and safeguarding cases"."""
    assert review_countersign_required("low", set()) == ()
    assert review_countersign_required(None, {"mappa"}) == ()
    assert [r.code for r in review_countersign_required("medium", set())] == [
        "s15_countersign_review_rosh"]
    reasons = review_countersign_required("low", {"domestic_abuse_victim", "child_in_need"})
    assert [r.code for r in reasons] == ["s15_countersign_review_domestic_abuse",
                                         "s15_countersign_review_safeguarding"]
    assert all(r.section == "operating-model.md §15" for r in reasons)


def test_a_complete_da_plan_passes_and_needs_countersigning():
    result = plan_gate(READY)
    assert result.ok and result.blockers == ()
    assert result.countersign


def test_da_plan_without_rmp_and_fresh_checks_is_blocked_naming_each():
    facts = replace(READY, rmp_parts_filled=frozenset({"victims"}),
                    check_dates={POLICE_DA: TODAY - dt.timedelta(days=120),
                                 CHILDRENS_SOCIAL_CARE: None})
    result = plan_gate(facts)
    assert not result.ok
    assert codes(result) == ["s8_rmp_missing", "s7_check_stale", "s7_check_missing"]
    texts = " ".join(r.text for r in result.blockers)
    assert "home visits" in texts and "contingency" in texts
    assert "120 days ago" in texts and "Children's social care check: not done" in texts


def test_every_other_blocker():
    facts = replace(READY, objectives=0, unaddressed_area_titles=("Somewhere to live",),
                    person_agreed=False, copied_not_reviewed=True, bbr_referral=True,
                    reading_recorded=False)
    assert codes(plan_gate(facts)) == [
        "s6_no_reading", "s8_no_objectives", "s6_area_unaddressed",
        "s7_partner_link_worker", "s8_copied_not_reviewed", "s8_not_agreed"]


def test_low_rosh_without_flags_needs_no_rmp_checks_or_countersignature():
    facts = replace(READY, rosh="low", flags=frozenset(), rmp_parts_filled=frozenset(),
                    check_dates={})
    result = plan_gate(facts)
    assert result.ok and result.countersign == () and result.checks == ()


def test_rosh_rising_to_high_is_escalated():
    assert rosh_escalation("medium", "high").code == "s7_rosh_escalation"
    assert rosh_escalation(None, "very_high") is not None
    assert rosh_escalation("low", "medium") is None
    assert rosh_escalation("very_high", "high") is None
    with pytest.raises(RuleInputError):
        rosh_escalation("low", "extreme")


def test_s7_unacknowledged_agency_information_blocks_naming_each_item():
    from desist.rules.planning import AgencyItem

    facts = replace(READY, unacknowledged_information=(
        AgencyItem("MARAC", dt.date(2026, 11, 19)),
        AgencyItem("Children's social care", dt.date(2026, 11, 2))))
    result = plan_gate(facts)
    assert codes(result) == ["s7_information_unacknowledged"] * 2
    assert result.blockers[0].text.startswith("Information from MARAC received on ")
    assert "19 November 2026 has not been acknowledged" in result.blockers[0].text
    assert "Children's social care received on" in result.blockers[1].text
    assert result.blockers[0].section == "operating-model.md §7"


def test_s8_a_returned_plan_cannot_be_completed_unchanged():
    facts = replace(READY, returned_unchanged="Add the children as potential victims")
    result = plan_gate(facts)
    assert codes(result) == ["s8_returned_unchanged"]
    assert "Add the children as potential victims" in result.blockers[0].text
    assert "change the plan" in result.blockers[0].text
    assert plan_gate(replace(READY, returned_unchanged=None)).ok


def test_s7_check_age_reads_in_plain_english():
    assert "done today, valid until" in check_state(POLICE_DA, TODAY, TODAY).describe()
    yesterday = TODAY - dt.timedelta(days=1)
    assert "done 1 day ago" in check_state(POLICE_DA, yesterday, TODAY).describe()
