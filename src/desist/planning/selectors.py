"""Reads for risk and the plan. Case access is the caller's job (``case_for``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from desist.assessment.selectors import latest_pair
from desist.rules import planning as rules
from desist.rules import selfassessment

from .choices import Sufficiency
from .models import (
    AgencyInformation,
    Countersignature,
    HomeVisit,
    PartnerLinkWorker,
    Plan,
    RiskAssessment,
    RiskManagementPlan,
    SafeguardingCheck,
)


def active_flags(person) -> frozenset[str]:
    return frozenset(person.registrations.filter(end_date__isnull=True).values_list("type", flat=True))


def bbr_referral(person) -> bool:
    from desist.sentences.models import Requirement

    on_order = Requirement.objects.filter(
        sentence__person=person, sentence__terminated_on__isnull=True, type="programme",
        programme__iexact="BBR",
    ).exists()
    return on_order or person.referrals.filter(
        Q(service__icontains="Building Better Relationships") | Q(service__iexact="BBR")
    ).exists()


def link_worker(person) -> PartnerLinkWorker | None:
    return PartnerLinkWorker.objects.filter(person=person).first()


def risk_assessments(person) -> list[RiskAssessment]:
    return list(RiskAssessment.objects.filter(person=person).select_related("assessed_by__user"))


def checks(person) -> list[SafeguardingCheck]:
    return list(SafeguardingCheck.objects.filter(person=person))


def check_for(person, pk) -> SafeguardingCheck | None:
    return SafeguardingCheck.objects.filter(person=person, pk=pk).first()


def latest_check_dates(person) -> dict[str, dt.date | None]:
    dates: dict[str, dt.date | None] = {kind: None for kind in rules.CHECK_LABELS}
    for check in SafeguardingCheck.objects.filter(person=person, completed_on__isnull=False):
        if dates[check.kind] is None or check.completed_on > dates[check.kind]:
            dates[check.kind] = check.completed_on
    return dates


def check_states(person, today: dt.date):
    states, blockers = rules.safeguarding_gate(active_flags(person), latest_check_dates(person), today)
    return states, blockers


def agency_information(person) -> list[AgencyInformation]:
    return list(AgencyInformation.objects.filter(person=person))


def agency_item(person, pk) -> AgencyInformation | None:
    return AgencyInformation.objects.filter(person=person, pk=pk).first()


def unacknowledged_information(person) -> list[AgencyInformation]:
    return list(AgencyInformation.objects.filter(person=person, acknowledged_at__isnull=True))


def returned_unchanged(plan: Plan) -> Countersignature | None:
    """The manager's return of this plan when the plan has not changed since (else None)."""
    latest = Countersignature.objects.filter(plan=plan).select_related("manager__user").first()
    if latest is None or latest.is_plan_sufficient != Sufficiency.NO:
        return None
    return latest if latest.plan_version == plan.version else None


def home_visits(person) -> list[HomeVisit]:
    return list(HomeVisit.objects.filter(person=person))


def home_visit(person, pk) -> HomeVisit | None:
    return HomeVisit.objects.filter(person=person, pk=pk).first()


def current_plan(person) -> Plan | None:
    return (Plan.objects.filter(person=person).select_related("copied_from")
            .prefetch_related("objectives", "declined_areas", "countersignatures__manager__user")
            .first())


def plan_for(person, pk) -> Plan | None:
    return Plan.objects.filter(person=person, pk=pk).first()


def needs(person, plan: Plan | None) -> dict:
    """The latest approved reading and every area at 7 or below not yet addressed by the plan."""
    latest, previous = latest_pair(person)
    if latest is None:
        return {"reading": None, "previous": None, "low_areas": [], "unaddressed": [],
                "spec": None}
    spec = latest.instrument.spec
    addressed: set[str] = set()
    if plan is not None:
        addressed |= {o.area_code for o in plan.objectives.all() if o.need_kind == "area"}
        addressed |= {d.area_code for d in plan.declined_areas.all()}
    low = [a for a in spec.areas
           if latest.scores.get(a.code) is not None
           and latest.scores[a.code] <= selfassessment.OBJECTIVE_THRESHOLD]
    unaddressed = selfassessment.unaddressed_areas(spec, latest.scores, addressed)
    return {"reading": latest, "previous": previous, "low_areas": low,
            "unaddressed": list(unaddressed), "spec": spec}


def risk_management_plan(plan: Plan | None) -> RiskManagementPlan | None:
    return RiskManagementPlan.objects.filter(plan=plan).first() if plan else None


def plans_with_objectives(person):
    return Plan.objects.filter(person=person).prefetch_related("objectives")
