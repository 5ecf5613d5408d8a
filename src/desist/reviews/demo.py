"""Demo: a showcase case per review and step-down rule (§14, §10; F9, F10).

- a child-flagged case whose children's social care check is stale: its review is refused;
- a case reviewed with RoSH risen and nothing adjusted: flagged to the manager;
- a domestic-abuse case with a police check still awaited: step-down refused;
- a case stepped down to hub telephone reporting, with the hub's first call;
- a case whose review is overdue, on the officer's and manager's worklists.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from desist.appointments.demo import pick, shape
from desist.appointments.models import Appointment
from desist.organisation.models import Provider, Staff
from desist.people.models import Registration

from . import services
from .models import Review


def reading(person, day):
    from desist.assessment.models import Reading
    from desist.assessment.services import active_instrument

    instrument = active_instrument(person.provider)
    scores = {code: 6 for code in _area_codes(instrument)} or {"home": 6}
    return Reading.objects.create(person=person, instrument=instrument, taken_on=day,
                                  scores=scores, status="approved", approved_at=timezone.now())


def _area_codes(instrument) -> list[str]:
    areas = (instrument.definition or {}).get("areas", [])
    return [a["code"] for a in areas if isinstance(a, dict) and "code" in a]


def objective(person, day):
    from desist.planning.models import Objective, Plan

    plan = Plan.objects.create(person=person, started_on=day, due_on=day, status="complete",
                               person_agreed=True, agreed_on=day)
    return Objective.objects.create(plan=plan, text="Keep a settled home", need_kind="area",
                                    area_code="home", services="Housing partner")


def checks(person, completed_on, kinds=("police_domestic_abuse", "childrens_social_care")):
    from desist.risk.models import SafeguardingCheck

    for kind in kinds:
        SafeguardingCheck.objects.create(person=person, kind=kind, requested_on=completed_on,
                                         completed_on=completed_on, result="no_information")


def review(user, person, today, **extra):
    obj = objective(person, today - dt.timedelta(days=60))
    return services.review_record(
        acting_user=user, person=person, reviewed_on=today, reading_id=reading(person, today).pk,
        compliance="good", risk_change=extra.pop("risk_change", "same"),
        progress={obj.pk: ("good", "Tenancy signed")}, today=today, **extra)


def _close_open_actions(person) -> None:
    """The generated case's open actions, settled, so the showcase can step down."""
    from desist.risk.models import AgencyInformation, HomeVisit, SafeguardingCheck

    SafeguardingCheck.objects.filter(person=person, completed_on__isnull=True).delete()
    HomeVisit.objects.filter(person=person, visited_on__isnull=True).delete()
    AgencyInformation.objects.filter(person=person, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), what_it_changes="Nothing new for the plan.")


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    user = get_user_model().objects.filter(username="officer").first()
    officer = Staff.objects.filter(user=user).select_related("team").first() if user else None
    if provider is None or officer is None:
        return "no NCRC provider or officer login"
    if Review.objects.filter(provider=provider).exists():
        return "review showcase cases already present"
    today = reference_date
    used = set(Appointment.objects.filter(provider=provider).values_list("person__crn",
                                                                          flat=True))
    people = [pick(provider, officer, g, used) for g in ("male", "female", "male", "male",
                                                          "female")]
    if any(p is None for p in people):
        return "not enough cases on the officer's caseload"
    stale, risen, da, stepped, overdue = people
    # Each showcase shows one rule: clear the generated flags, and give the ones reviewed
    # below fresh checks (the stale-check case gets its own old one).
    Registration.objects.filter(person__in=people).delete()
    for person in (risen, stepped):
        checks(person, today - dt.timedelta(days=10))
    # 1. Child-flagged, children's social care check 120 days old: a review is refused (F9).
    stale, _ = shape(stale, {}, 5, None, today)
    Registration.objects.create(person=stale, type="child_concern",
                                start_date=today - dt.timedelta(days=140))
    checks(stale, today - dt.timedelta(days=120), kinds=("childrens_social_care",))
    reading(stale, today - dt.timedelta(days=3))
    objective(stale, today - dt.timedelta(days=100))
    # 2. RoSH rose from medium to high at the review and nothing was adjusted: manager task.
    risen, _ = shape(risen, {}, 4, None, today)
    review(user, risen, today - dt.timedelta(days=2), risk_change="higher", rosh_after="high",
           risk_notes="New partner; police call-out reported by the person.")
    # 3. Domestic-abuse case reviewed, police call-out check requested and not back: step-down
    #    refused while it is open (F10).
    da, _ = shape(da, {"rosh": "low"}, 9, None, today)
    Registration.objects.create(person=da, type="domestic_abuse",
                                start_date=today - dt.timedelta(days=270))
    checks(da, today - dt.timedelta(days=20))
    da.referrals.all().delete()
    _close_open_actions(da)
    review(user, da, today - dt.timedelta(days=5), no_open_risk_actions=True)
    from desist.risk.models import SafeguardingCheck

    SafeguardingCheck.objects.create(person=da, kind="police_domestic_abuse",
                                     requested_on=today - dt.timedelta(days=1))
    # 4. Stepped down to hub telephone reporting after a review; the hub's first call.
    stepped, _ = shape(stepped, {"rosh": "low", "band": "green"}, 10, None, today)
    stepped.referrals.all().delete()
    _close_open_actions(stepped)
    done = review(user, stepped, today - dt.timedelta(days=14), no_open_risk_actions=True)
    services.step_down(acting_user=user, person=stepped, review_id=done.pk,
                       destination="telephone", today=today - dt.timedelta(days=14))
    at = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time(11)))
    if at < timezone.now():
        services.telephone_contact_record(acting_user=user, person=stepped, at=at,
                                          outcome="attended",
                                          notes="Working full time; no concerns.")
    # 5. Yellow case five months in and never reviewed: overdue on both worklists.
    overdue, _ = shape(overdue, {}, 5, None, today)
    services.raise_overdue_review_tasks(today=today, provider_id=provider.pk, crns=[overdue.crn])
    return (f"stale check {stale.crn}; RoSH rose unadjusted {risen.crn}; DA step-down "
            f"refused {da.crn}; stepped down {stepped.crn}; review overdue {overdue.crn}")
