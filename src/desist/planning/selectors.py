"""Reads for the plan. Case access is the caller's job (``case_for``)."""

from __future__ import annotations

from desist.assessment.selectors import latest_pair
from desist.rules import selfassessment

from .choices import Sufficiency
from .models import (
    Countersignature,
    Plan,
    RiskManagementPlan,
)


def returned_unchanged(plan: Plan) -> Countersignature | None:
    """The manager's return of this plan when the plan has not changed since (else None)."""
    latest = Countersignature.objects.filter(plan=plan).select_related("manager__user").first()
    if latest is None or latest.is_plan_sufficient != Sufficiency.NO:
        return None
    return latest if latest.plan_version == plan.version else None






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
