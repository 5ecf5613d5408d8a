"""Pure rules for delivery: venue suitability (§1), referral feasibility (§9), minimum offer (§4)."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.offer import assess_offer
from desist.rules.referrals import ReferralFacts, ServiceFacts, check_referral
from desist.rules.venues import (
    PersonNeeds,
    Slot,
    VenueFacts,
    evening_slots,
    time_problems,
    venue_problems,
)

THU = dt.date(2026, 11, 26)  # a Thursday
INACCESSIBLE = VenueFacts("Northumberland LMC", wheelchair_access=False, private_rooms=1)
LATE = VenueFacts("Newcastle LMC", wheelchair_access=True, private_rooms=2, evening_days=(4,),
                  evening_closes_at=dt.time(18, 30))


def slot(h1, m1, h2, m2, day=THU, **kw):
    return Slot(dt.datetime.combine(day, dt.time(h1, m1)), dt.datetime.combine(day, dt.time(h2, m2)),
                **kw)


def codes(reasons):
    return [r.code for r in reasons]


def test_wheelchair_user_never_at_a_venue_without_access():
    needs = PersonNeeds("Ray Bell", wheelchair_user=True)
    assert codes(venue_problems(INACCESSIBLE, needs, slot(10, 0, 11, 0))) == ["s1_no_wheelchair_access"]
    assert venue_problems(LATE, needs, slot(10, 0, 11, 0)) == ()


def test_private_room_for_sensitive_work_and_women_only_venues():
    booth = VenueFacts("Reporting centre", wheelchair_access=True, private_rooms=0)
    assert codes(venue_problems(booth, PersonNeeds("A"), slot(10, 0, 11, 0, sensitive=True))) == [
        "s1_no_private_room"]
    hub = VenueFacts("Women's hub", private_rooms=2, women_only=True)
    assert codes(venue_problems(hub, PersonNeeds("Man"), slot(10, 0, 11, 0))) == ["s1_women_only_venue"]
    assert venue_problems(hub, PersonNeeds("Woman", female=True), slot(10, 0, 11, 0)) == ()
    assert codes(venue_problems(LATE, PersonNeeds("W", female=True),
                                slot(10, 0, 11, 0, women_only_required=True))) == ["s1_women_only_required"]


def test_daytime_worker_clash_names_the_evening_opening():
    worker = PersonNeeds("Kyle Ward", work_starts_at=dt.time(9), work_ends_at=dt.time(17))
    problems = time_problems(LATE, worker, slot(14, 0, 15, 0))
    assert codes(problems) == ["s10_clashes_with_work"]
    assert "open until 18:30 on Thursdays" in problems[0].text
    assert time_problems(LATE, worker, slot(17, 30, 18, 30)) == ()
    # Weekend work hours do not apply; the office is shut though.
    assert codes(time_problems(LATE, worker, slot(10, 0, 11, 0, day=dt.date(2026, 11, 28)))) == [
        "s1_venue_closed"]


def test_outside_opening_hours_refused_and_evening_slots_offered():
    assert codes(time_problems(INACCESSIBLE, PersonNeeds("A"), slot(17, 30, 18, 0))) == [
        "s1_outside_opening_hours"]
    worker = PersonNeeds("Kyle Ward", work_starts_at=dt.time(9), work_ends_at=dt.time(17))
    slots = evening_slots(LATE, worker, dt.date(2026, 11, 23), length_minutes=60)
    assert slots == [(dt.datetime(2026, 11, 26, 17, 30), dt.datetime(2026, 11, 26, 18, 30))]
    assert evening_slots(INACCESSIBLE, worker, dt.date(2026, 11, 23)) == []
    assert evening_slots(LATE, PersonNeeds("Not working"), dt.date(2026, 11, 23)) == []


TSP = ServiceFacts("Thinking Skills Programme", "accepting", sessions=19, sessions_per_week=2,
                   waiting_weeks=30, programme=True)


def test_long_waiting_list_cannot_complete_before_the_sentence_ends():
    facts = ReferralFacts(as_of=dt.date(2026, 11, 22), sentence_end=dt.date(2027, 3, 1),
                          female=False, age=35, has_programme_requirement=True)
    result = check_referral(TSP, facts)
    assert result.eligible and not result.feasible
    assert codes(result.risks) == ["s9_cannot_complete_before_end"]
    assert "wait of 30 weeks" in result.risks[0].text
    later = ReferralFacts(as_of=dt.date(2026, 11, 22), sentence_end=dt.date(2028, 1, 1),
                          female=False, age=35, has_programme_requirement=True)
    assert check_referral(TSP, later).feasible


def test_eligibility_programme_requirement_women_only_and_bbr_link_worker():
    facts = ReferralFacts(as_of=dt.date(2026, 11, 22), sentence_end=None, female=False, age=30)
    assert codes(check_referral(TSP, facts).problems) == ["s9_programme_needs_requirement"]
    women = ServiceFacts("Women's hub", "accepting", sessions=12, women_only=True)
    assert codes(check_referral(women, facts).problems) == ["s9_women_only"]
    bbr = ServiceFacts("BBR", "accepting", sessions=24, programme=True, needs_link_worker=True)
    with_req = ReferralFacts(as_of=dt.date(2026, 11, 22), sentence_end=None, female=False, age=30,
                             has_programme_requirement=True)
    assert codes(check_referral(bbr, with_req).problems) == ["s7_bbr_needs_link_worker"]
    linked = ReferralFacts(as_of=dt.date(2026, 11, 22), sentence_end=None, female=False, age=30,
                           has_programme_requirement=True, has_link_worker=True)
    assert check_referral(bbr, linked).eligible


def test_withdrawn_and_paused_services_are_risks():
    facts = ReferralFacts(as_of=dt.date(2026, 11, 22), sentence_end=dt.date(2030, 1, 1),
                          female=False, age=30)
    gone = ServiceFacts("DIDs", "withdrawn", sessions=7)
    assert codes(check_referral(gone, facts).risks) == ["s9_service_withdrawn"]
    assert codes(check_referral(ServiceFacts("R", "paused", sessions=7), facts).risks) == [
        "s9_service_paused"]
    with pytest.raises(RuleInputError):
        check_referral(ServiceFacts("X", "accepting", sessions=0), facts)


def test_minimum_offer_behind_and_green_over_engagement():
    start, end = dt.date(2026, 1, 1), dt.date(2027, 1, 1)
    behind = assess_offer("yellow", 2, start, end, dt.date(2026, 7, 1))
    assert behind.behind and behind.minimum_hours == 24
    assert "2 h New Directions meeting + 22 h contact" in behind.reasons[0].text
    on_track = assess_offer("yellow", 12, start, end, dt.date(2026, 7, 1))
    assert not on_track.behind
    over = assess_offer("green", 30, start, end, dt.date(2026, 7, 1))
    assert over.over_engaged and "counter-productive" in over.reasons[-1].text
    assert not assess_offer("red", 60, start, end, dt.date(2026, 7, 1)).over_engaged
    early = assess_offer("red", 0, start, end, dt.date(2026, 1, 10))
    assert not early.behind


def test_s9_duplicate_referral_needs_a_reason():
    from desist.rules.referrals import OpenReferral, duplicate_problems

    open_ = (OpenReferral("waiting for a place", dt.date(2026, 11, 3)),)
    assert duplicate_problems("Peer mentoring", (), "") == ()
    problems = duplicate_problems("Peer mentoring", open_, "  ")
    assert [p.code for p in problems] == ["s9_duplicate_referral"]
    assert "already an open referral to Peer mentoring" in problems[0].text
    assert "3 November 2026" in problems[0].text and "waiting for a place" in problems[0].text
    assert duplicate_problems("Peer mentoring", open_, "Second place after moving area") == ()


@pytest.mark.parametrize(("capacity", "in_use", "waiting", "published", "weeks", "code"), [
    (10, 0, 0, 0, 0, None),               # free places, nobody waiting
    (10, 9, 0, 0, 0, None),               # one place left
    (10, 10, 0, 0, 12, "s9_queue_wait"),  # full: the next place frees when a course ends
    (10, 10, 10, 0, 24, "s9_queue_wait"),  # ten ahead fill the next course
    (10, 5, 4, 0, 0, None),               # five free, four waiting: a place now
    (10, 0, 0, 30, 30, "s9_published_wait"),  # the provider's published wait is longer
])
def test_s9_wait_from_places_and_queue(capacity, in_use, waiting, published, weeks, code):
    from desist.rules.referrals import PlaceFacts, estimate_wait

    estimate = estimate_wait(PlaceFacts(capacity, in_use, waiting, course_weeks=12,
                                        published_weeks=published))
    assert estimate.weeks == weeks
    assert [r.code for r in estimate.reasons] == ([code] if code else [])


def test_s9_wait_needs_a_capacity():
    from desist.rules.referrals import PlaceFacts, estimate_wait

    with pytest.raises(RuleInputError):
        estimate_wait(PlaceFacts(0, 0, 0, 12))
