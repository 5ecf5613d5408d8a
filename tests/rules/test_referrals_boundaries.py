"""Referral eligibility, feasibility and waits (operating-model.md §9, §7; F8, F13): every
boundary and word pinned.

Written against mutation testing (issue 25): completion the day before, on and after the
sentence end; ages at, below and above the service's bounds; sessions per week dividing evenly
and not; a queue one short of, equal to and one more than the free places; every reason in full
and every input error in words.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.referrals import (
    S7,
    S9,
    OpenReferral,
    PlaceFacts,
    ReferralCheck,
    ReferralFacts,
    ServiceFacts,
    WaitEstimate,
    check_referral,
    duplicate_problems,
    estimate_wait,
)

AS_OF = date(2026, 12, 2)  # Wednesday
WEEK = timedelta(weeks=1)
DAY = timedelta(days=1)


def service(**kw) -> ServiceFacts:
    return ServiceFacts(**{"name": "Thinking Skills", "status": "accepting", "sessions": 10,
                           **kw})


def facts(**kw) -> ReferralFacts:
    return ReferralFacts(**{"as_of": AS_OF, "sentence_end": None, "female": False, "age": 30,
                            **kw})


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def test_the_defaults():
    assert (S7, S9) == ("operating-model.md §7", "operating-model.md §9")
    s = ServiceFacts("X", "accepting", 1)
    assert (s.sessions_per_week, s.waiting_weeks, s.women_only, s.programme, s.needs_link_worker,
            s.gender, s.min_age, s.max_age) == (1, 0, False, False, False, "", None, None)
    f = ReferralFacts(AS_OF, None, False, 30)
    assert (f.has_programme_requirement, f.has_link_worker, f.started_on,
            f.sessions_attended) == (False, False, None, 0)
    assert PlaceFacts(1, 0, 0, 1).published_weeks == 0


def test_a_plain_referral_in_full():
    result = check_referral(service(), facts())
    assert result == ReferralCheck(True, True, AS_OF + 10 * WEEK, (), ())
    assert result.as_dict() == {"eligible": True, "feasible": True,
                                "expected_completion": "2027-02-10", "problems": [],
                                "risks": []}


@pytest.mark.parametrize(("end", "feasible"), [(AS_OF + 10 * WEEK - DAY, False),
                                               (AS_OF + 10 * WEEK, True),
                                               (AS_OF + 10 * WEEK + DAY, True)])
def test_completing_the_day_before_on_and_after_the_sentence_end(end, feasible):
    result = check_referral(service(), facts(sentence_end=end))
    if feasible:
        assert result.risks == ()
    else:
        assert result.risks == (Reason(
            "s9_cannot_complete_before_end", S9,
            "With 10 sessions at 1 a week, Thinking Skills would finish about Wednesday 10 "
            "February 2027, after the sentence ends on Tuesday 9 February 2027."),)
        assert result.feasible is False
        assert result.eligible is True


def test_the_wait_and_the_rate_in_the_reason():
    result = check_referral(service(waiting_weeks=4, sessions_per_week=3),
                            facts(sentence_end=AS_OF))
    # 10 sessions at 3 a week: 4 weeks, after a 4-week wait
    assert result.expected_completion == AS_OF + 8 * WEEK
    assert result.risks[0].text == (
        "With a wait of 4 weeks, then 10 sessions at 3 a week, Thinking Skills would finish "
        "about Wednesday 27 January 2027, after the sentence ends on Wednesday 2 December 2026.")


def test_an_even_rate_and_sessions_already_attended():
    assert check_referral(service(sessions_per_week=2), facts()).expected_completion \
        == AS_OF + 5 * WEEK
    started = facts(started_on=AS_OF - 2 * WEEK, sessions_attended=4, sentence_end=AS_OF)
    result = check_referral(service(waiting_weeks=9), started)
    # started already: no wait; 6 left at 1 a week from today
    assert result.expected_completion == AS_OF + 6 * WEEK
    assert result.risks[0].text.startswith("With 6 sessions at 1 a week, Thinking Skills")
    done = check_referral(service(), facts(started_on=AS_OF - WEEK, sessions_attended=12,
                                           sentence_end=AS_OF))
    assert done.expected_completion == AS_OF
    assert done.feasible is True


def test_a_start_in_the_future_counts_from_the_start():
    result = check_referral(service(), facts(started_on=AS_OF + 2 * WEEK))
    assert result.expected_completion == AS_OF + 12 * WEEK


@pytest.mark.parametrize(("status", "risk", "completion"), [
    ("withdrawn", Reason("s9_service_withdrawn", S9,
                         "Thinking Skills has been withdrawn: it cannot be completed."), None),
    ("paused", Reason("s9_service_paused", S9, "Thinking Skills is not taking referrals at the "
                                               "moment: the wait for a place is unknown."),
     AS_OF + 10 * WEEK),
])
def test_withdrawn_and_paused_in_full(status, risk, completion):
    result = check_referral(service(status=status), facts(sentence_end=AS_OF + 520 * WEEK))
    assert result == ReferralCheck(True, False, completion, (), (risk,))
    assert result.as_dict()["expected_completion"] == (completion.isoformat() if completion
                                                       else None)


def test_a_withdrawn_service_is_not_also_late():
    result = check_referral(service(status="withdrawn"), facts(sentence_end=AS_OF))
    assert [r.code for r in result.risks] == ["s9_service_withdrawn"]


def test_every_problem_at_once_in_full():
    svc = service(women_only=True, programme=True, needs_link_worker=True, min_age=31,
                  name="BBR")
    result = check_referral(svc, facts())
    assert result.eligible is False
    assert result.problems == (
        Reason("s9_women_only", S9, "BBR is for women only."),
        Reason("s9_too_young", S9, "BBR is for people aged 31 or over."),
        Reason("s9_programme_needs_requirement", S9,
               "BBR is an accredited programme: it is delivered under a programme requirement of "
               "the order, and this sentence has none."),
        Reason("s7_bbr_needs_link_worker", S7,
               "BBR needs a partner link worker assigned to support the (ex-)partner before the "
               "referral is made: record one on the Risk tab."),
    )


def test_men_only_and_the_age_bounds():
    assert check_referral(service(gender="male"), facts(female=True)).problems == (
        Reason("s9_men_only", S9, "Thinking Skills is for men only."),)
    assert check_referral(service(gender="male"), facts()).eligible
    assert check_referral(service(gender="female"), facts()).eligible
    for age, ok in ((17, False), (18, True), (25, True), (26, False)):
        result = check_referral(service(min_age=18, max_age=25), facts(age=age))
        assert result.eligible is ok, age
    assert check_referral(service(max_age=25), facts(age=26)).problems == (
        Reason("s9_too_old", S9, "Thinking Skills is for people aged up to 25."),)


def test_sessions_must_be_one_or_more():
    assert check_referral(service(sessions=1), facts()).expected_completion == AS_OF + WEEK
    for kw in ({"sessions": 0}, {"sessions_per_week": 0}):
        assert _error(lambda kw=kw: check_referral(service(**kw), facts())) == {
            "field": "sessions", "message": "must be 1 or more"}


# --- duplicates -----------------------------------------------------------------------------


def test_a_duplicate_names_the_earliest_open_referral():
    open_ = (OpenReferral("accepted", date(2026, 11, 20)),
             OpenReferral("waiting for a place", date(2026, 11, 3)))
    assert duplicate_problems("Peer mentoring", open_) == (Reason(
        "s9_duplicate_referral", S9,
        "There is already an open referral to Peer mentoring (referred Tuesday 3 November 2026, "
        "waiting for a place). Give the reason for a second referral, or update the open one."),)
    assert duplicate_problems("Peer mentoring", open_, " moved area ") == ()
    assert duplicate_problems("Peer mentoring", ()) == ()


# --- waiting for a place --------------------------------------------------------------------


@pytest.mark.parametrize(("waiting", "weeks", "text"), [
    (4, 0, None),
    (5, 12, "5 of 10 places are in use and 5 people are waiting: a place frees in about 12 "
            "weeks."),
    (6, 12, "5 of 10 places are in use and 6 people are waiting: a place frees in about 12 "
            "weeks."),
    (14, 12, None),
    (15, 24, "5 of 10 places are in use and 15 people are waiting: a place frees in about 24 "
             "weeks."),
])
def test_a_queue_one_short_of_equal_to_and_past_the_free_places(waiting, weeks, text):
    estimate = estimate_wait(PlaceFacts(10, 5, waiting, course_weeks=12))
    assert estimate.weeks == weeks
    assert estimate.free_places == 5
    if text:
        assert estimate.reasons == (Reason("s9_queue_wait", S9, text),)
    elif waiting < 5:
        assert estimate.reasons == ()


def test_one_person_waiting_and_a_course_of_no_weeks():
    estimate = estimate_wait(PlaceFacts(1, 1, 1, course_weeks=0))
    assert estimate == WaitEstimate(2, 0, (Reason(
        "s9_queue_wait", S9, "1 of 1 places are in use and 1 person is waiting: a place frees "
                             "in about 2 weeks."),))
    assert estimate_wait(PlaceFacts(2, 5, 0, course_weeks=3)).free_places == 0


def test_the_published_wait_when_longer_and_when_equal():
    assert estimate_wait(PlaceFacts(10, 10, 0, 12, published_weeks=13)) == WaitEstimate(
        13, 0, (Reason("s9_published_wait", S9, "The provider publishes a wait of 13 weeks."),))
    equal = estimate_wait(PlaceFacts(10, 10, 0, 12, published_weeks=12))
    assert [r.code for r in equal.reasons] == ["s9_queue_wait"]
    assert equal.weeks == 12


def test_capacity_must_be_one_or_more():
    assert estimate_wait(PlaceFacts(1, 0, 0, 4)).weeks == 0
    assert _error(lambda: estimate_wait(PlaceFacts(0, 0, 0, 4))) == {
        "field": "capacity", "message": "must be 1 or more"}
