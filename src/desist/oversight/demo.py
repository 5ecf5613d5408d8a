"""Demo: the framework loaded, a completed audit round (rated, with domain 1 evidence) and one
in progress for the ``auditor`` login, paired reviews, and a manager's oversight of high-risk
cases. Deterministic: answers follow a hash of the case and question."""

from __future__ import annotations

import datetime as dt
import zlib

from django.contrib.auth import get_user_model

from desist.rules.timescales import add_months
from desist.scopes import oversight as scoped

from . import selectors, services
from .models import AuditRound

# The share of yes answers per standard in the completed round: weak on keeping people safe
# and on reviewing, as in the inspectorate's reports of the time.
YES_SHARE = {"2.1": 70, "2.2": 60, "2.3": 55, "2.4": 45, "4.1": 75, "4.2": 60}
SAFETY_PENALTY = 12
DOMAIN1 = {"1.1": ("requires_improvement", "Vision shared, but change fatigue in LMCs."),
           "1.2": ("good", "Caseloads within the workload measure; supervision monthly."),
           "1.3": ("good", "Women's services and the rate card cover assessed needs."),
           "1.4": ("requires_improvement", "Four of six LMCs lack private interview rooms.")}


def _answer(code: str, crn: str, shift: int = 0) -> str:
    standard = ".".join(code.split(".")[:2])
    share = YES_SHARE.get(standard, 60) - (SAFETY_PENALTY if code.endswith(".3") else 0) + shift
    return "yes" if zlib.crc32(f"{crn}:{code}".encode()) % 100 < share else "no"


def _answer_case(case, user, shift: int = 0) -> None:
    answers = {}
    for q in selectors.questions_for(case):
        a = _answer(q.code, case.person.crn, shift)
        answers[q.code] = (a, "Evidence seen in the record." if a == "yes" else
                           "Not enough in the record: no analysis of the information held.")
    services.audit_answers_record(acting_user=user, audit_case=case, answers=answers)


def seed(reference_date: dt.date) -> str:
    users = get_user_model().objects.filter(username__in=["auditor", "manager"]).select_related(
        "staff")
    users = {u.username: u for u in users}
    if len(users) < 2:
        return "no auditor or manager login"
    auditor, manager = users["auditor"], users["manager"]
    if AuditRound.objects.filter(provider_id=auditor.staff.provider_id).exists():
        return "audit rounds already present"
    services.default_edition()
    # Completed: the spring round, measured at the end of its period.
    spring_end = add_months(reference_date, -3)
    done = services.round_start(
        acting_user=auditor, name="Spring case audit", strands=["supervision", "upw", "ttg"],
        period_start=add_months(spring_end, -3), period_end=spring_end, seed=2026)
    services.audit_cases_assign(acting_user=auditor, audit_round=done,
                                auditors=[auditor, manager], paired_every=5)
    sampled = list(done.cases.filter(position="sample").select_related("person", "auditor",
                                                                       "second_auditor"))
    for case in sampled:
        _answer_case(case, case.auditor)
        if case.second_auditor_id:
            _answer_case(case, case.second_auditor, shift=5)
    for standard, (rating, evidence) in DOMAIN1.items():
        services.domain1_rate(acting_user=auditor, audit_round=done, standard=standard,
                              rating=rating, evidence=evidence)
    services.round_complete(acting_user=auditor, audit_round=done)
    # In progress: a themed dip sample of domestic abuse cases, half audited.
    dip = services.round_start(
        acting_user=auditor, name="Domestic abuse dip sample", strands=["supervision"],
        theme="domestic_abuse", period_start=add_months(reference_date, -2),
        period_end=reference_date, seed=2027)
    services.audit_cases_assign(acting_user=auditor, audit_round=dip, auditors=[auditor])
    cases = list(dip.cases.filter(position="sample").select_related("person", "auditor"))
    for case in cases[: len(cases) // 2]:
        _answer_case(case, case.auditor, shift=10)
    overseen = _oversight(manager, reference_date)
    signed = _countersigning(manager, reference_date)
    return (f"completed round of {len(sampled)} cases, dip sample of {len(cases)} in progress, "
            f"oversight on {overseen} high-risk cases, {signed} reviews countersigned or "
            "returned")


def _oversight(manager, today: dt.date) -> int:
    from desist.people.models import Person

    people = list(Person.objects.filter(
        provider_id=manager.staff.provider_id, active=True, rosh__in=selectors.HIGH_ROSH,
        team_id=manager.staff.team_id, responsible_officer__isnull=False).order_by("crn")[:6])
    for i, person in enumerate(people[:4]):
        services.oversight_record(
            acting_user=manager, person=person, today=today - dt.timedelta(days=3 * i),
            risk="RoSH level is right; the risk management plan names who is at risk.",
            safeguarding="Police domestic abuse check received; children's services checked.",
            plan="Plan countersigned and in date.",
            enforcement="No absences since the last review.",
            next_action="Home visit with the police offender manager",
            due_on=today + dt.timedelta(days=14))
    return min(len(people), 4)


def _countersigning(manager, today: dt.date) -> int:
    """Of the reviews waiting for the manager, one countersigned and one returned; the rest
    stay in the queue."""
    reviews, _ = scoped.pending_reviews(manager)
    reviews = [r for r in reviews.order_by("person__crn")
               if r.person.team_id == manager.staff.team_id][:2]
    decisions = [("approved", "Risk notes match the agencies' information; the plan was "
                              "adjusted for the change in circumstances."),
                 ("returned", "Risk went unmentioned after the police call-out: record what "
                              "was discussed and adjust the risk management plan.")]
    for review, (decision, reason) in zip(reviews, decisions, strict=False):
        services.countersign_review(acting_user=manager, review=review, decision=decision,
                                    reason=reason)
    _enforcement_oversight(manager, today)
    return len(reviews)


def _enforcement_oversight(manager, today: dt.date) -> None:
    """Oversight of enforcement on the compliance timeline: of a breach if the caseload has one
    (shown beside it), else of a case with a warning (the compliance showcase's)."""
    from desist.compliance.models import Breach, EnforcementAction

    provider_id = manager.staff.provider_id
    breach = (Breach.objects.filter(provider_id=provider_id).select_related("person")
              .order_by("started_on", "pk").first())
    if breach is not None:
        person, subject, subject_id = breach.person, "breach", breach.pk
    else:
        action = (EnforcementAction.objects.filter(provider_id=provider_id)
                  .select_related("person").order_by("on", "pk").first())
        if action is None:
            return
        person, subject, subject_id = action.person, "case", None
    services.oversight_record(
        acting_user=manager, person=person, subject=subject, subject_id=subject_id,
        risk="RoSH unchanged; no new information from the police.",
        safeguarding="No new safeguarding information.",
        plan="The plan still fits; keep the weekly appointments.",
        enforcement="The warning was right; a further unacceptable absence within 12 months "
                    "starts breach.",
        next_action="Decide the new absence this week and tell the person the outcome",
        due_on=None, today=today)
