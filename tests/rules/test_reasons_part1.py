"""The modules ADR 0016 converted second (unpaid work, resettlement, tiering, planning, routing,
referrals, check-ins, escalation, step-down): counts of one said in the singular, each asserted
whole (they read "1 points", "1 weeks", "1 sessions"…), and the reasons carry their template
and parameters, the tier's shared with their JSON form.
"""

from __future__ import annotations

import datetime as dt
import json

from desist.rules import checkins, escalation, planning, referrals, routing, stepdown, tiering
from desist.rules import unpaid_work as upw
from desist.rules.reasons import Phrase, Reason
from desist.rules.unpaid_work.ledger import duration

D = dt.date
S3, S9, S10, S12 = (f"operating-model.md §{n}" for n in (3, 9, 10, 12))


def _only(reasons, code):
    found = [r for r in reasons if r.code == code]
    assert len(found) == 1, [r.code for r in reasons]
    return found[0]


# --- Counts of one -----------------------------------------------------------------------------

def test_one_tier_point_is_said_in_the_singular():
    one = tiering.tier(tiering.TierInput(needs={"drugs": "standard"}, ogrs3=10))
    assert [r.text for r in one.reasons if r.code in {"tier_needs", "tier_ogrs3"}] == [
        "Needs score 1 point: drugs (standard, 1).",
        "OGRS3 of 10% scores 1 point (a point for each full 10%).",
    ]
    alone = tiering.tier(tiering.TierInput(needs={"alcohol": "standard"}))
    assert alone.reasons[-1] == Reason(
        "tier_change_level", tiering.CHANGE,
        "1 change point: level 1 (20 or more is 3, 10 to 19 is 2, fewer is 1).")
    # Two still plural.
    two = tiering.tier(tiering.TierInput(needs={"drugs": "standard", "alcohol": "standard"}))
    assert _only(two.reasons, "tier_needs").text == (
        "Needs score 2 points: alcohol (standard, 1); drugs (standard, 1).")
    assert two.reasons[-1].text.startswith("2 change points: level 1")


def test_one_hour_a_week_is_said_in_the_singular():
    # 4 hours in 28 days: exactly 1 hour a week, so 300 hours take 2,100 days.
    result = upw.assess_upw(upw.UpwInput(300, D(2024, 1, 1), D(2024, 1, 29),
                                         hours_worked_other=4))
    assert _only(result.reasons, "s12_projected_overrun").text == (
        "At 1 hour a week the hours would be finished about Monday 1 October 2029, after the "
        "deadline of Wednesday 1 January 2025: increase the hours (intensive working if "
        "unemployed) now.")


def test_sentenced_one_day_ago_is_said_in_the_singular():
    result = upw.assess_upw(upw.UpwInput(40, D(2024, 1, 1), D(2024, 1, 2)))
    assert _only(result.reasons, "s12_too_early_to_project") == Reason(
        "s12_too_early_to_project", S12,
        "Sentenced 1 day ago: completion is projected from day 28.")
    led = upw.ledger(upw.LedgerInput((40,), D(2024, 1, 1), D(2024, 1, 2)))
    assert _only(led.reasons, "s12_too_early_to_project").text == (
        "Sentenced 1 day ago: completion is projected from day 28.")


def test_one_session_in_a_series_is_said_in_the_singular():
    series = upw.series_dates(availability="weekly", weekdays=[4], starts_on=D(2024, 5, 2),
                              until=D(2024, 5, 8))
    assert series.reasons == (Reason(
        "s12_series", S12, "1 session every week from Thursday 2 May 2024 to Wednesday 8 May "
        "2024."),)


def _facts(**kw):
    base = {"project_type": "group", "public_facing": False, "women_only": False,
            "capacity": 1, "booked": 1, "assessed": True}
    return upw.PlacementFacts(**{**base, **kw})


def test_a_full_session_or_transport_of_one_place_is_said_in_the_singular():
    assert upw.check_placement(_facts(needs_transport=True, seats=1, seats_taken=1)) == (
        Reason("s12_session_full", S12, "The session is full: its only place is booked."),
        Reason("s12_transport_full", S12, "The transport is full: its only seat is taken."),
    )
    assert [r.text for r in upw.check_placement(
        _facts(capacity=2, booked=2, needs_transport=True, seats=2, seats_taken=2))] == [
        "The session is full: 2 places, all booked.",
        "The transport is full: all 2 seats are taken."]


def test_one_wrong_pin_is_said_in_the_singular():
    assert checkins.pin_state(1, max_attempts=1).reasons == (Reason(
        "s10_checkin_locked", S10, "1 wrong PIN was entered: check-in is locked until the "
        "officer unlocks it."),)
    assert checkins.pin_state(5).reasons[0].text.startswith("5 wrong PINs were entered: ")


def test_a_review_one_day_old_and_a_licence_one_month_away_are_said_in_the_singular():
    config = stepdown.StepDownConfig(review_valid_days=0, long_period_months=1)
    case = stepdown.StepDownInput(
        as_of=D(2024, 6, 1), sentence_type="licence", planned_interventions_complete=True,
        review_date=D(2024, 5, 31), review_confirms_no_open_risk_actions=True,
        supervision_end=D(2024, 8, 1))
    result = stepdown.check_step_down(case, config)
    assert result.reasons == (
        Reason("s10_stepdown_review_out_of_date", S10,
               "The review of Friday 31 May 2024 is 1 day old (more than 0): review the case "
               "again before stepping it down."),
        Reason("s10_stepdown_long_licence_remaining", S10,
               "The licence runs until Thursday 1 August 2024, more than 1 month away: consider "
               "whether self-reporting gives the oversight the licence needs."),
    )


def test_one_week_before_release_is_said_in_the_singular():
    case = routing.RoutingInput("E1", "custody", D(2024, 6, 1), custodial_months=24,
                                release_date=D(2024, 9, 1))
    result = routing.route(case, {"E1": "NCL"},
                           routing.RoutingConfig(pass_to_lmc_weeks_before_release=1))
    assert [r.text for r in result.reasons] == [
        "Custodial sentence of 24 months (18 months or more): the hub holds the case and "
        "passes it to the LMC for the release address 1 week before release, or earlier on a "
        "ROTL or HDC request.",
        "Release is on Sunday 1 September 2024: the case passes to the LMC 1 week before, on "
        "Sunday 25 August 2024.",
    ]


def test_one_week_waited_and_one_session_left_are_said_in_the_singular():
    service = referrals.ServiceFacts("BBR", "accepting", sessions=1, waiting_weeks=1)
    facts = referrals.ReferralFacts(D(2024, 6, 1), D(2024, 6, 5), female=False, age=30)
    assert referrals.check_referral(service, facts).risks == (Reason(
        "s9_cannot_complete_before_end", S9,
        "With a wait of 1 week, then 1 session at 1 a week, BBR would finish about Saturday 15 "
        "June 2024, after the sentence ends on Wednesday 5 June 2024."),)
    started = referrals.ReferralFacts(D(2024, 6, 1), D(2024, 6, 5), female=False, age=30,
                                      started_on=D(2024, 5, 1))
    assert referrals.check_referral(service, started).risks[0].text == (
        "With 1 session at 1 a week, BBR would finish about Saturday 8 June 2024, after the "
        "sentence ends on Wednesday 5 June 2024.")


def test_a_wait_of_one_week_is_said_in_the_singular():
    assert referrals.estimate_wait(referrals.PlaceFacts(2, 1, 1, course_weeks=1)).reasons == (
        Reason("s9_queue_wait", S9, "1 of 2 places are in use and 1 person is waiting: a place "
               "frees in about 1 week."),)
    assert referrals.estimate_wait(referrals.PlaceFacts(2, 0, 0, 1, published_weeks=1)) \
        .reasons == (Reason("s9_published_wait", S9,
                            "The provider publishes a wait of 1 week."),)


# --- Templates and parameters ------------------------------------------------------------------

def test_a_length_of_time_is_a_phrase_said_whole():
    said = duration(-61)
    assert said.text == "minus 1 hour 1 minute" == upw.hm(-61)
    assert said.as_record() == {"template": "minus %(time)s", "params": {"time": {
        "template": "%(hours)s %(minutes)s", "params": {
            "hours": {"template": "%(n)s hour", "params": {"n": 1}},
            "minutes": {"template": "%(n)s minute", "params": {"n": 1}}}}}}
    assert [upw.hm(m) for m in (0, 1, 60, 90, 120, 450)] == [
        "0 minutes", "1 minute", "1 hour", "1 hour 30 minutes", "2 hours", "7 hours 30 minutes"]


def test_a_ledger_reason_keeps_its_dates_and_lengths_as_parameters():
    led = upw.ledger(upw.LedgerInput((40, 60), D(2024, 1, 1), D(2024, 1, 10)))
    first = led.reasons[0]
    assert first.text == ("0 minutes of 100 hours credited; 100 hours to do by Wednesday 1 "
                          "January 2025 (12 months from sentence).")
    record = json.loads(json.dumps(first.as_record()))
    assert record["template"] == ("%(credited)s of %(ordered)s credited; %(remaining)s to do by "
                                  "%(deadline)s (%(months)s from sentence).")
    assert record["params"]["deadline"] == "2025-01-01"
    assert record["params"]["months"] == {"template": "%(n)s months", "params": {"n": 12}}
    assert _only(led.reasons, "s12_hours_summed").params["total"] == duration(6000)


def test_the_tier_keeps_each_reason_with_its_json_form_and_record_shared():
    inp = tiering.TierInput(rosh="high", complexity_factors=frozenset({"gangs"}),
                            needs={"drugs": "severe", "ete": "standard"}, ogrs3=25)
    first, again = tiering.tier(inp), tiering.tier(inp)
    assert list(first.reason_records) == [r.as_record() for r in first.reasons]
    assert list(first.reason_dicts) == [r.as_dict() for r in first.reasons]
    assert first.as_dict()["reasons"] == [r.as_dict() for r in first.reasons]
    # Built once and shared between cases: the same objects, not equal copies.
    assert all(a is b for a, b in zip(first.reason_records, again.reason_records, strict=True))
    needs = _only(first.reasons, "tier_needs")
    assert needs.text == ("Needs score 3 points: drugs (severe, 2); education, training and "
                          "employment (standard, 1).")
    assert needs.template == "Needs score %(points)s: %(needs)s."
    assert needs.params["needs"].template == "%(first)s; %(rest)s"
    rosh = _only(first.reasons, "tier_rosh")
    assert rosh.params["rosh"] == Phrase.of("High")


def test_a_stale_check_is_a_reason_quoted_whole_in_the_review_gate():
    states, blockers = planning.safeguarding_gate(
        {"child_concern"}, {planning.CHILDRENS_SOCIAL_CARE: D(2024, 1, 1)}, D(2024, 6, 1))
    assert blockers == (Reason(
        "s7_check_stale", "operating-model.md §7",
        "Children's social care check: out of date, last done 152 days ago (Monday 1 January "
        "2024); it was valid until Monday 1 April 2024."),)
    assert states[0].describe() == blockers[0].text
    assert blockers[0].params["ago"] == Phrase.of("%(days)s days ago", days=152)
    assert planning.check_state(planning.POLICE_DA, D(2024, 6, 1), D(2024, 6, 1)).describe() == (
        "Police domestic abuse call-out check: done today, valid until Saturday 31 August 2024.")


def test_every_reason_needing_a_risk_plan_is_quoted_in_the_blocker():
    facts = planning.PlanFacts(
        rosh="medium", flags=frozenset({"domestic_abuse"}), objectives=1,
        unaddressed_area_titles=(), rmp_parts_filled=frozenset({"victims", "agencies"}),
        check_dates={planning.POLICE_DA: D(2024, 6, 1),
                     planning.CHILDRENS_SOCIAL_CARE: D(2024, 6, 1)},
        person_agreed=True, copied_not_reviewed=False, bbr_referral=False,
        partner_link_worker=False, reading_recorded=True, today=D(2024, 6, 1))
    assert planning.plan_gate(facts).blockers == (Reason(
        "s8_rmp_missing", "operating-model.md §8",
        "Risk management plan incomplete: add home visits, contingency (what happens if risk "
        "rises). RoSH is medium: a risk management plan is required. Domestic abuse is flagged: "
        "a risk management plan is required."),)


def test_an_escalation_names_the_levels_as_phrases():
    done = escalation.reconcile(escalation.RoshAssessment("high", D(2024, 1, 2)),
                                escalation.RoshAssessment("medium", None))
    assert done.text == ("No longer needed: RoSH is now medium, within the CRC's remit. The "
                         "escalation was raised for RoSH high (assessed on Tuesday 2 January "
                         "2024).")
    assert done.reasons[0].as_record()["params"]["raised"] == {
        "template": "%(level)s (assessed on %(on)s)",
        "params": {"level": {"template": "high", "params": {}}, "on": "2024-01-02"}}
