"""Referral eligibility and feasibility (operating model §9; failures F8, F13).

A referral is *eligible* when the person meets the service's conditions (women-only services
for women; accredited programmes under a programme requirement; BBR only with a partner link
worker, §7). It is *feasible* when it can complete before the sentence ends: the wait for a
place plus the sessions still to run (at the service's sessions per week) must end on or before
the sentence end, and the service must still be accepting referrals.

Desist's choices where the doc is silent: a paused service counts as a risk (the wait is
unknown), not a refusal; the estimated start is today plus the published waiting time for a
referral not yet started; sessions run at the published rate with no allowance for missed
sessions (missed sessions are re-run, which the next check picks up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S9 = "operating-model.md §9"
S7 = "operating-model.md §7"


def _weeks(count: int) -> Phrase:
    return Phrase.count(count, gettext_noop("%(n)s week"), gettext_noop("%(n)s weeks"))


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    name: str
    status: str  # accepting / paused / withdrawn
    sessions: int
    sessions_per_week: int = 1
    waiting_weeks: int = 0
    women_only: bool = False
    programme: bool = False  # accredited programme: delivered under a programme requirement
    needs_link_worker: bool = False  # BBR (§7)
    gender: str = ""  # "" any, "male", "female"
    min_age: int | None = None
    max_age: int | None = None


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    as_of: date
    sentence_end: date | None
    female: bool
    age: int
    has_programme_requirement: bool = False
    has_link_worker: bool = False
    started_on: date | None = None
    sessions_attended: int = 0


@dataclass(frozen=True, slots=True)
class ReferralCheck:
    eligible: bool
    feasible: bool
    expected_completion: date | None
    problems: tuple[Reason, ...]  # make it ineligible (refuse the referral)
    risks: tuple[Reason, ...]  # it may not complete in time (flag it)

    def as_dict(self) -> dict[str, object]:
        return {
            "eligible": self.eligible,
            "feasible": self.feasible,
            "expected_completion": self.expected_completion.isoformat()
            if self.expected_completion else None,
            "problems": [r.as_dict() for r in self.problems],
            "risks": [r.as_dict() for r in self.risks],
        }


def check_referral(service: ServiceFacts, facts: ReferralFacts) -> ReferralCheck:
    if service.sessions < 1 or service.sessions_per_week < 1:
        raise RuleInputError("sessions", "must be 1 or more")
    problems: list[Reason] = []
    risks: list[Reason] = []
    name = service.name  # the service's name as the provider records it
    if service.women_only and not facts.female:
        problems.append(Reason.of("s9_women_only", S9,
                                  gettext_noop("%(service)s is for women only."), service=name))
    if service.gender == "male" and facts.female:
        problems.append(Reason.of("s9_men_only", S9,
                                  gettext_noop("%(service)s is for men only."), service=name))
    if service.min_age is not None and facts.age < service.min_age:
        problems.append(Reason.of("s9_too_young", S9, gettext_noop(
            "%(service)s is for people aged %(age)s or over."), service=name, age=service.min_age))
    if service.max_age is not None and facts.age > service.max_age:
        problems.append(Reason.of("s9_too_old", S9, gettext_noop(
            "%(service)s is for people aged up to %(age)s."), service=name, age=service.max_age))
    if service.programme and not facts.has_programme_requirement:
        problems.append(Reason.of(
            "s9_programme_needs_requirement", S9, gettext_noop(
                "%(service)s is an accredited programme: it is delivered under a programme "
                "requirement of the order, and this sentence has none."),
            service=name,
        ))
    if service.needs_link_worker and not facts.has_link_worker:
        problems.append(Reason.of(
            "s7_bbr_needs_link_worker", S7, gettext_noop(
                "%(service)s needs a partner link worker assigned to support the (ex-)partner "
                "before the referral is made: record one on the Risk tab."),
            service=name,
        ))
    if service.status == "withdrawn":
        risks.append(Reason.of("s9_service_withdrawn", S9, gettext_noop(
            "%(service)s has been withdrawn: it cannot be completed."), service=name))
    elif service.status == "paused":
        risks.append(Reason.of("s9_service_paused", S9, gettext_noop(
            "%(service)s is not taking referrals at the moment: the wait for a place is "
            "unknown."), service=name))
    start = facts.started_on or facts.as_of + timedelta(weeks=service.waiting_weeks)
    left = max(service.sessions - facts.sessions_attended, 0)
    weeks = math.ceil(left / service.sessions_per_week)
    completion = max(start, facts.as_of) + timedelta(weeks=weeks)
    if facts.sentence_end is not None and service.status != "withdrawn":
        if completion > facts.sentence_end:
            waits = not facts.started_on and service.waiting_weeks
            template = gettext_noop(
                "With a wait of %(wait)s, then %(sessions)s at %(per_week)s a week, %(service)s "
                "would finish about %(finish)s, after the sentence ends on %(end)s."
            ) if waits else gettext_noop(
                "With %(sessions)s at %(per_week)s a week, %(service)s would finish about "
                "%(finish)s, after the sentence ends on %(end)s.")
            risks.append(Reason.of(
                "s9_cannot_complete_before_end", S9, template,
                wait=_weeks(service.waiting_weeks),
                sessions=Phrase.count(left, gettext_noop("%(n)s session"),
                                      gettext_noop("%(n)s sessions")),
                per_week=service.sessions_per_week, service=name, finish=completion,
                end=facts.sentence_end,
            ))
    return ReferralCheck(
        eligible=not problems, feasible=not risks,
        expected_completion=None if service.status == "withdrawn" else completion,
        problems=tuple(problems), risks=tuple(risks),
    )


# --- Duplicate referrals (§9; issue 12 item 22) ---------------------------------------------
# A second open referral of the same person to the same service doubles the partner's work and
# the waiting list, and usually means the first was missed. Desist refuses it unless the officer
# records why a second one is needed (for example a second place after a move of area).


@dataclass(frozen=True, slots=True)
class OpenReferral:
    status: str  # in words, e.g. "waiting for a place"
    referred_on: date


def duplicate_problems(service_name: str, open_referrals: tuple[OpenReferral, ...],
                       reason: str = "") -> tuple[Reason, ...]:
    """Refuse a second open referral to the same service unless a reason is given."""
    if not open_referrals or reason.strip():
        return ()
    first = min(open_referrals, key=lambda r: r.referred_on)
    return (Reason.of(
        "s9_duplicate_referral", S9, gettext_noop(
            "There is already an open referral to %(service)s (referred %(referred_on)s, "
            "%(status)s). Give the reason for a second referral, or update the open one."),
        service=service_name, referred_on=first.referred_on, status=first.status,
    ),)


# --- Waiting for a place (§9, F13; issue 12 item 21) -----------------------------------------
# The wait is worked out from the service record (capacity, course length, the wait the provider
# publishes, e.g. until the next cohort) and the real referrals: places in use are started
# referrals, the queue is referrals accepted or awaiting a decision. Desist's choice: a place
# frees when a course ends, so each course length frees ``capacity`` places; the queue is taken
# in full (no priority), which errs on the side of flagging a referral.


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    capacity: int
    in_use: int  # started referrals
    waiting: int  # referrals ahead in the queue
    course_weeks: int  # sessions / sessions a week, rounded up
    published_weeks: int = 0


@dataclass(frozen=True, slots=True)
class WaitEstimate:
    weeks: int
    free_places: int
    reasons: tuple[Reason, ...]


def estimate_wait(places: PlaceFacts) -> WaitEstimate:
    """Weeks until a new referral gets a place: the longer of the published and the queue's."""
    if places.capacity < 1:
        raise RuleInputError("capacity", "must be 1 or more")
    free = max(places.capacity - places.in_use, 0)
    queue_weeks = 0
    reasons: list[Reason] = []
    if places.waiting >= free:
        courses = math.ceil((places.waiting - free + 1) / places.capacity)
        queue_weeks = courses * max(places.course_weeks, 1)
        template = gettext_noop(
            "%(in_use)s of %(capacity)s places are in use and %(waiting)s person is waiting: a "
            "place frees in about %(weeks)s."
        ) if places.waiting == 1 else gettext_noop(
            "%(in_use)s of %(capacity)s places are in use and %(waiting)s people are waiting: a "
            "place frees in about %(weeks)s.")
        reasons.append(Reason.of(
            "s9_queue_wait", S9, template, in_use=places.in_use, capacity=places.capacity,
            waiting=places.waiting, weeks=_weeks(queue_weeks)))
    if places.published_weeks > queue_weeks:
        reasons = [Reason.of("s9_published_wait", S9, gettext_noop(
            "The provider publishes a wait of %(weeks)s."), weeks=_weeks(places.published_weeks))]
    return WaitEstimate(max(queue_weeks, places.published_weeks), free, tuple(reasons))
